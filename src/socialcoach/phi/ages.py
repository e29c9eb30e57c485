"""Ages over 89."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._base import Cand, Doc, _c
from .registry import recognizer

_AGE = _c(
    r"\b(?P<n>9\d|1[01]\d)(?:\s?-\s?|\s)?(?:years?|yrs?|yr)[\s-]?old\b"
    r"|\b(?P<n2>9\d|1[01]\d)\s?(?:yo|y/o|y\.o\.?|yr?s?/o)(?![A-Za-z])"
    r"|\b(?P<n3>9\d|1[01]\d)\s?(?:[MF]|yo[MF]|y[MF])\b(?!\s*(?:degrees|°))"
    r"|\b(?:[Aa]ged?|AGE|[Aa]ge\s+of|[Aa]ge:)\s*:?\s*(?P<n4>9\d|1[01]\d)\b"
    r"(?!\s*(?:%|mm|cm|min|days|weeks|months|percent|mSv|°))"
    r"|\b(?P<n5>9\d|1[01]\d)(?:st|nd|rd|th)\s+birthday\b"
    r"|\bturned\s+(?P<n6>9\d|1[01]\d)\b"
)
_TEMP_BEFORE = _c(r"(?:temp\w*|fever|febrile|T(?:max)?|°)\W{0,3}(?:of\s+)?$", re.IGNORECASE)


@recognizer("ages")
def ages(doc: Doc) -> Iterator[Cand]:
    text = doc.text
    for m in _AGE.finditer(text):
        if m["n3"] is not None and _TEMP_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        yield m.start(), m.end(), "age_over_89"
