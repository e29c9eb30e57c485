"""The literal precondition (`_base._needed`) skips a pattern only where it cannot match.

A pattern whose every match contains one of a few strings (a cue word, '^', '@') is not run on
a text that has none of them. These tests run each pattern the plain way (its compiled regex
over the whole text) beside the checker's way, on every draft of three corpora in several
cases, and require the same matches; and they check the precondition's reading of a pattern
on forms chosen to trip it (optional parts, alternatives, case-insensitive groups).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from socialcoach import phi
from socialcoach.phi import _base

phi._register()  # every family's patterns are made when it registers

DATA = Path(__file__).resolve().parents[1] / "data"
TEXTS = [
    variant
    for name in ("phi_corpus_tune.jsonl", "phi_dev_a.jsonl", "phi_dev_h.jsonl")
    for line in (DATA / name).read_text(encoding="utf-8").splitlines()
    if line.strip()
    for text in [json.loads(line)["text"]]
    for variant in (text, text.lower(), text.upper())
]
GUARDED = [p for p in _base._MADE if p.need]


def test_most_patterns_have_a_precondition() -> None:
    assert len(GUARDED) > len(_base._MADE) // 2


@pytest.mark.parametrize("index", range(len(GUARDED)))
def test_a_guarded_pattern_finds_what_the_full_scan_finds(index: int) -> None:
    pattern = GUARDED[index]
    plain = pattern._p
    for text in TEXTS:
        seen = _base._lower(text) if pattern._fold else text
        full = [m.span() for m in plain.finditer(seen)]
        if full:
            assert any(piece in seen for piece in pattern.need), pattern.written[:60]
        assert [m.span() for m in pattern.finditer(text)] == full, pattern.written[:60]
        found = plain.search(seen)
        ours = pattern.search(text)
        assert (ours and ours.span()) == (found and found.span())


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        (r"\bmrn\s*\d+", ("mrn",)),
        (r"\b(?:mrn|acc(?:ession)?)\s*\d+", ("acc", "mrn")),
        (r"(?:patient\s+)?name:\s*\w+", ("name:",)),  # the optional part is not required
        (r"\b(?:mrn|\d{3})\b", None),  # one alternative needs no literal
        (r"\b(?i:mrn)\s*\d+", None),  # a case-insensitive group matches "MRN" too
        (r"(?i)mrn\d", None),
        (r"[A-Z]+\^[A-Z]+", ("^",)),
        (r"\w+@\w+", ("@",)),
        (r"\b[a-z]\d", None),  # nothing literal
        (r"x(?:ab)+y", ("ab",)),  # a part repeated at least once is required
        (r"x(?:ab)*y", None),  # single letters only: not worth a test
    ],
)
def test_the_precondition_reads_a_pattern_right(pattern: str, needed: tuple | None) -> None:
    found = _base._needed(pattern)
    assert (found and tuple(sorted(found))) == needed
    if found:  # and it holds: a text without any of them has no match
        sample = "Pt NAME: Doe, MRN 4821 ACC 77 x@y NGUYEN^THI xababy mrn12 name: Ann"
        for m in re.finditer(pattern, sample):
            assert any(piece in m.group() for piece in found)


def test_a_text_without_the_cue_is_not_scanned() -> None:
    pattern = _base._c(r"\b(?:mrn|acc)\s*(?P<v>\d+)", re.IGNORECASE)
    assert pattern.need == ("acc", "mrn")
    assert list(pattern.finditer("seen 4821 on the worklist")) == []
    assert [m["v"] for m in pattern.finditer("MRN 4821, Acc 77")] == ["4821", "77"]
    assert pattern.search("nothing here") is None
    assert pattern.match("acc 5")["v"] == "5"


def test_a_folded_pattern_refuses_a_case_sensitive_part() -> None:
    """Case-insensitive patterns scan a lowercased copy, so "(?-i:TIPS)" would quietly match
    "tips" (round 7 found "OR" matching every "or"); such a pattern is refused when made."""
    from socialcoach.phi._base import _c

    with pytest.raises(ValueError, match="cannot hold"):
        _c(r"\b(?-i:TIPS)\b", re.IGNORECASE)
    assert _c(r"\b(?-i:TIPS)\b").search("TIPS") is not None  # a case-sensitive pattern may
