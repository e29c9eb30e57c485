"""Dates more precise than a year, in every form a draft writes them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._base import _EVENT_CUE, _MONTHS, _MONTHS_FULL, Cand, Doc, _c
from .registry import recognizer

_DATE_NUM_YEAR = _c(
    r"(?<![\w/.-])(?P<a>\d{1,2})(?P<s>[/.-])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})(?![\w/]|[.-]\d)"
)
_DATE_ISO = _c(r"(?<![\w/.-])(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\w-])")
_DATE_MD = _c(r"(?<![\w/.:-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/]|\.\d|:\d)")
_DATE_CUE_BEFORE = _c(
    r"\b(?:on|from|dated|since|DOB|D\.O\.B\.?|born|date|seen|admitted|discharged|scanned|imaged"
    r"|until|by|before|after|exam|study|visit|of)\W{0,3}$",
    re.IGNORECASE,
    scan_first=True,
)
_DATE_MONTH_DAY = _c(
    rf"\b{_MONTHS}\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:%|mm|cm|kg|mg|patients|cases))"
    rf"(?:,?\s+(?:19|20)\d{{2}}\b)?",
    scan_first=True,
)
_DATE_DAY_MONTH = _c(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b\.?(?:,?\s+(?:19|20)\d{{2}}\b)?"
)
_DATE_MONTH_ONLY = _c(
    rf"\b(?:in|since|during|on|last|this|early|late|mid-?|until|of)\s+"
    rf"(?:(?:{_MONTHS_FULL.replace('May|', '')})(?:\s+(?:19|20)\d{{2}})?|May\s+(?:19|20)\d{{2}})\b"
)
_DATE_EVENT = _c(
    r"\b(?:admitted|discharged|diagnosed|born|died|passed\s+away|scanned|imaged|operated|surgery"
    r"|presented|seen|delivered|injured|accident|biopsied|transplant(?:ed)?|DOB)\b",
    re.IGNORECASE,
    scan_first=True,
)
_HOLIDAY = _c(
    r"\b(?:on\s+|over\s+)?(?:Christmas(?:\s+(?:Eve|Day))?|New\s+Year'?s(?:\s+(?:Eve|Day))?"
    r"|Thanksgiving|Halloween|Easter(?:\s+Sunday)?|Fourth\s+of\s+July|July\s+4th"
    r"|Valentine'?s\s+Day|Labor\s+Day|Memorial\s+Day|Independence\s+Day)\b",
    scan_first=True,
)


def _valid_date(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


@recognizer("dates")
def dates(doc: Doc) -> Iterator[Cand]:
    text = doc.text
    for m in _DATE_NUM_YEAR.finditer(text):
        a, b, y = int(m["a"]), int(m["b"]), m["y"]
        if m["s"] != "/" and len(y) == 2:
            continue
        if _valid_date(a, b) or _valid_date(b, a):
            yield m.start(), m.end(), "date"
    for m in _DATE_ISO.finditer(text):
        yield m.start(), m.end(), "date"
    for m in _DATE_MD.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        if not (_valid_date(a, b) or _valid_date(b, a)) or (a, b) == (24, 7):
            continue
        cue = _DATE_CUE_BEFORE.search(text, max(0, m.start() - 14), m.start())
        # "1/5", "3/4", "10/10": fractions, scores and thread numbering unless a date cue precedes.
        if a <= b and b <= 12 and not cue:
            continue
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if re.search(r"(?:thread|score|grade|ratio|gcs|apgar|strength|power|rate)\W*$", before):
            continue
        yield m.start(), m.end(), "date"
    for pattern in (_DATE_MONTH_DAY, _DATE_DAY_MONTH):
        for m in pattern.finditer(text):
            if not 1 <= int(m["d"]) <= 31:
                continue
            if doc.has(m.start(), _EVENT_CUE, "event") and not doc.has(
                m.start(), _DATE_EVENT, "devent"
            ):
                continue
            yield m.start(), m.end(), "date"
    for pattern in (_DATE_MONTH_ONLY, _HOLIDAY):
        for m in pattern.finditer(text):
            if doc.has(m.start(), _DATE_EVENT, "devent") or (
                pattern is _HOLIDAY and doc.clinical(m.start())
            ):
                yield m.start(), m.end(), "date"
