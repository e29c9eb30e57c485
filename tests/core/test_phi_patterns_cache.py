"""The shipped compiled patterns (data/patterns.marshal) are exactly what re.compile makes.

Importing the checker loads its ~200 patterns from that file instead of compiling them (most of a
`check-post` process's start-up). These tests fail if the file is stale (a pattern changed and
scripts/build_phi_patterns.py was not run) or if a pattern built from it could match differently.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from socialcoach import phi  # noqa: F401 (every family's patterns are made on import)
from socialcoach.phi import _base

DATA = Path(__file__).resolve().parents[1] / "data"
TEXTS = [
    json.loads(line)["text"]
    for name in ("phi_corpus_tune.jsonl", "phi_dev_g.jsonl")
    for line in (DATA / name).read_text(encoding="utf-8").splitlines()
    if line.strip()
]
SHIPPED = _base._load_precompiled()
MADE = {p.key: p for p in _base._MADE}

needs_file = pytest.mark.skipif(
    not SHIPPED, reason="patterns.marshal is for another interpreter: patterns are compiled"
)


@needs_file
def test_every_pattern_is_shipped_and_none_is_stale() -> None:
    missing = [key[0][:60] for key in MADE if key not in SHIPPED]
    assert not missing, "run scripts/build_phi_patterns.py"
    for key in MADE:
        assert SHIPPED[key] == _base.precompiled_entry(key), key[0][:60]


@needs_file
def test_the_checker_uses_the_shipped_patterns() -> None:
    # Every pattern is in the file (above) and an entry is removed when it is used.
    assert set(_base._PRECOMPILED).isdisjoint(MADE)


@needs_file
def test_a_pattern_from_the_file_matches_exactly_as_a_fresh_compile() -> None:
    for key, (gate, form, _need) in SHIPPED.items():
        ours = _base._from_precompiled(form)
        fresh = re.compile(form[0], key[2])
        assert ours is not None
        assert (ours.pattern, ours.flags, ours.groups, ours.groupindex) == (
            fresh.pattern,
            fresh.flags,
            fresh.groups,
            fresh.groupindex,
        )
        for text in TEXTS:
            seen = _base._lower(text) if MADE[key]._fold else text
            assert [m.span() for m in ours.finditer(seen)] == [
                m.span() for m in fresh.finditer(seen)
            ], key[0][:60]
        assert gate == (
            None if _base._word_gate(key[0]) is None else "".join(sorted(_base._word_gate(key[0])))
        )


def test_without_the_file_a_pattern_compiles_as_usual(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_base, "_PRECOMPILED", {})
    monkeypatch.setattr(_base, "_MADE", [])
    pattern = _base._c(r"\b(?:mrn|acc)\s*(?P<v>\d+)", re.IGNORECASE, scan_first=True)
    assert pattern._p.pattern == _base._scan_first(pattern.written)
    assert pattern.search("MRN 123")["v"] == "123"


def test_a_file_for_another_interpreter_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_base, "_precompiled_key", lambda: ("cpython-0", 0, 0))
    assert _base._load_precompiled() == {}
