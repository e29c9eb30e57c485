"""Helpers shared by the per-family checker tests."""

from __future__ import annotations

from socialcoach.phi import check


def found(text: str, **kwargs) -> list[tuple[str, str, str]]:
    """(category, flagged text, confidence) for each finding."""
    return [(f.category, f.text, f.confidence) for f in check(text, **kwargs)]


def assert_flags(text: str, needle: str, category: str) -> None:
    hits = found(text)
    assert any(c == category and (needle in t or t in needle) for c, t, _ in hits), hits


def assert_clean(text: str, *categories: str) -> None:
    hits = found(text)
    bad = [h for h in hits if not categories or h[0] in categories]
    assert not bad, bad
