"""Identifiers written so that a filter would not see them: digits spelled out ("four-four-
seven-two"), digits spaced apart ("7 7 1 9 2 2 0 4") and e-mail addresses written out
("marcus dot tillman at example dot com").

People write numbers this way to read them aloud, to dodge a platform's filter, or because
they think it hides them. It hides nothing from a reader, so the forms are identifiers like
the numbers they stand for. The category comes from the cue word before the number, as for
any ID ("MRN", "last four", "zip"); with no cue, a long run in a sentence about a person or a
case is a code of some kind (`other_id`), and a bare run of ten or seven is a phone number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._base import Doc, Proposal, _c
from .ids import _credential, _family_of
from .registry import recognizer

_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|niner)"
# Four or more digit words in a row, joined by spaces, hyphens or commas, with an optional
# letter in front as record systems print ("E-five-five-two-one").
_SPELLED = _c(
    r"(?<![\w-])(?:[A-Za-z][\s-])?"
    + _DIGIT_WORD
    + r"(?:(?:\s*,\s*|[\s-]+)"
    + _DIGIT_WORD
    + r"){3,}(?![\w-])",
    re.IGNORECASE,
)
# Five or more single digits, one space apart ("6 8 8 4 7"), with an optional letter first.
_SPACED = _c(r"(?<![\w.,/-])(?:[A-Za-z]\s)?\d(?: \d){4,}(?![\w/-]|[.,]\d)")
_WORD_VALUE = {
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9", "niner": "9",
}  # fmt: skip
_TLD = r"(?:com|org|net|edu|gov|mil|info|io|co|us|uk|ca|au|nz|ie|in|de|fr|es|mx|br|ng|za)"
# name [dot name] at|(at)|[at] domain dot tld: the spoken form of an address.
_EMAIL_WRITTEN = _c(
    r"(?<![\w.])[A-Za-z0-9_%+-]+(?:(?:\s+(?:dot|\(dot\)|\[dot\])\s+|\.)[A-Za-z0-9_%+-]+)*"
    r"\s*(?:\s(?:at)\s|\(at\)|\[at\]|\{at\})\s*"
    r"[A-Za-z0-9-]+(?:(?:\s+(?:dot|\(dot\)|\[dot\])\s+|\.)[A-Za-z0-9-]+)*"
    r"(?:\s+(?:dot|\(dot\)|\[dot\])\s+|\.)" + _TLD + r"\b",
    re.IGNORECASE,
)
_SPOKEN_DOT = re.compile(r"\s+(?:dot|\(dot\)|\[dot\])\s+|\(at\)|\[at\]|\{at\}", re.IGNORECASE)


def digits_of(value: str) -> str:
    """The digits a written-out number stands for ("seven seven one two" -> "7712")."""
    words = re.findall(r"[A-Za-z]+|\d", value)
    return "".join(_WORD_VALUE.get(w.lower(), w if w.isdigit() else "") for w in words)


def _category(doc: Doc, start: int, digits: str) -> tuple[str, str] | None:
    """The category and confidence of a written-out number at start, or None to leave it."""
    if _credential(doc.text, start):
        return None  # "NPI four four one ...": the clinician's own number
    found = _family_of(doc, start)
    if found is not None:
        cat, cue_end = found
        if cat == "zip" and len(digits) not in (5, 9):
            cat = "other_id"
        return cat, "likely" if start - cue_end <= 45 else "possible"
    if len(digits) < 5 or digits in "0123456789" or digits in "9876543210":
        return None  # with no cue, "one two three four" is counting
    if len(digits) in (7, 10, 11):
        return "phone", "possible"
    if doc.person(start) or doc.clinical_near(start) or doc.draft_clinical():
        return "other_id", "possible"
    return None


@recognizer("spelled")
def spelled(doc: Doc) -> Iterator[Proposal]:
    text = doc.text
    for pattern in (_SPELLED, _SPACED):
        for m in pattern.finditer(text):
            found = _category(doc, m.start(), digits_of(m.group()))
            if found is not None:
                yield m.start(), m.end(), *found
    for m in _EMAIL_WRITTEN.finditer(text):
        # "dot" or a bracketed "(at)" must be written out: "my colleague at mercy.org" is a
        # workplace, and a plain "x.y@z" is the contact rules'
        if _SPOKEN_DOT.search(m.group()):
            yield m.start(), m.end(), "email", "likely"
