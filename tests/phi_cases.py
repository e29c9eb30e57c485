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


def assert_rules_flag(text: str, needle: str, category: str) -> None:
    """assert_flags with the learned layer off: the rule itself, not a judge that may happen
    to find or drop the same span."""
    from socialcoach.phi import learned

    with learned.use(learned.RULES_ONLY):
        assert_flags(text, needle, category)


def assert_rules_clean(text: str, *categories: str) -> None:
    """assert_clean with the learned layer off."""
    from socialcoach.phi import learned

    with learned.use(learned.RULES_ONLY):
        assert_clean(text, *categories)
