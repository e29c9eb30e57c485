"""The shipped compiled patterns (data/patterns.marshal) are exactly what re.compile makes.

Importing the checker loads its ~200 patterns from that file instead of compiling them (most of a
`check-post` process's start-up). These tests fail if the file is stale (a pattern changed and
scripts/build_phi_cache.py was not run) or if a pattern built from it could match differently.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from socialcoach import phi
from socialcoach.phi import _base, lexicon

phi._register()  # every family's patterns are made when it registers

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
    assert not missing, "run scripts/build_phi_cache.py"
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


READERS = {
    "given_census.txt": lexicon._read_census_share,
    "given_namdict.txt": lexicon._read_namdict,
    "surnames_census.txt": lexicon._read_surnames,
    "places_geonames.tsv": lexicon._read_places,
    "words_en.tsv": lexicon._read_zipf,
}


@pytest.mark.parametrize("name", sorted(READERS))
def test_a_built_list_is_its_text_file_read_as_before(name: str) -> None:
    read = READERS[name]()
    built = lexicon._built(name, type(read))
    assert built is not None, "run scripts/build_phi_cache.py"
    assert built == read
    if isinstance(read, dict):
        assert list(built.items()) == list(read.items())


def test_a_list_edited_since_the_build_is_read_from_its_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entries = dict(lexicon._built_lists())
    crc, body = entries["words_en.tsv"]
    entries["words_en.tsv"] = (crc ^ 1, body)  # as if the text file had changed
    monkeypatch.setattr(lexicon, "_built_lists", lambda: entries)
    assert lexicon._built("words_en.tsv", dict) is None
    assert lexicon._built("surnames_census.txt", frozenset) is not None
    assert lexicon._built("surnames_census.txt", dict) is None  # not the kind asked for
