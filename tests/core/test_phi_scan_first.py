"""The scan-first lookahead speeds the checker's patterns up without changing a match."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from socialcoach import phi
from socialcoach.phi import _base

DATA = Path(__file__).resolve().parents[1] / "data"
TEXTS = [
    json.loads(line)["text"]
    for part in ("tune", "holdout")
    for line in (DATA / f"phi_corpus_{part}.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
MODULES = [_base, phi.contact, phi.ids, phi.dates, phi.ages, phi.names, phi.places, phi.context]
OPTED_IN = {
    name: pattern
    for module in MODULES
    for name, pattern in vars(module).items()
    if isinstance(pattern, _base._Pat) and pattern._p.pattern != pattern.written
}


def test_the_slow_cue_patterns_opt_in() -> None:
    assert {"_LABEL_NAME", "_ZIP_STATE", "_MRN", "_CLINICAL_CUE"} <= set(OPTED_IN)


@pytest.mark.parametrize("name", sorted(OPTED_IN))
def test_an_opted_in_pattern_matches_exactly_as_written(name: str) -> None:
    pattern = OPTED_IN[name]
    written = re.compile(pattern.written)
    for text in TEXTS:
        text = _base._lower(text) if pattern._fold else text
        assert [m.span() for m in pattern._p.finditer(text)] == [
            m.span() for m in written.finditer(text)
        ]
        # rules also search inside sentences: the lookahead must respect pos and endpos
        pos, endpos = len(text) // 3, len(text) - 5
        ours, theirs = pattern._p.search(text, pos, endpos), written.search(text, pos, endpos)
        assert (ours and ours.span()) == (theirs and theirs.span())


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(?:MRN|chart)\s*\d+", r"(?=[Mc])\b(?:MRN|chart)\s*\d+"),
        (r"(?:the\s+)?only\s+one", r"(?=[ot])(?:the\s+)?only\s+one"),
        (r"(?<!\w)\d{3}-\d{4}", r"(?=[\d])(?<!\w)\d{3}-\d{4}"),
        (r"[A-C][a-z]+", r"(?=[A-C])[A-C][a-z]+"),
        # left as written: an empty match is possible, or the first character is not known
        (r"\b(?:x)?", r"\b(?:x)?"),
        (r"(?i:mrn)\d+", r"(?i:mrn)\d+"),
        (r"[^a]b", r"[^a]b"),
        (r".+b", r".+b"),
    ],
)
def test_the_lookahead_names_the_first_characters(pattern: str, expected: str) -> None:
    assert _base._scan_first(pattern) == expected
    assert re.compile(expected)  # still a valid pattern


GATED = {
    name: pattern
    for module in MODULES
    for name, pattern in vars(module).items()
    if isinstance(pattern, _base._Pat) and pattern._gate is not None
}


def test_most_cue_patterns_are_tried_only_at_word_starts() -> None:
    assert len(GATED) >= 60


@pytest.mark.parametrize("name", sorted(GATED))
def test_a_gated_pattern_finds_what_a_full_scan_finds(name: str) -> None:
    pattern = GATED[name]
    for text in TEXTS + [" ".join(TEXTS)]:  # one long text too: the gate is used there
        seen = _base._lower(text) if pattern._fold else text
        index = _base._word_starts(seen)
        assert [m.span() for m in pattern._gated(seen, index)] == [
            m.span() for m in pattern._p.finditer(seen)
        ]
