"""Geography smaller than a state: addresses, ZIP codes, towns, wards, rooms and beds."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import lexicon
from ._base import _COUNTRIES, _STATE_ABBR, _US_STATES, Cand, Doc, _c, _span, _words
from .registry import recognizer

_ADDRESS = _c(
    r"\b\d{1,5}\s+(?:[NSEW]\.?\s+|(?:North|South|East|West)\s+)?(?:[A-Z][a-z]+\.?\s+){1,3}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl"
    r"|Terrace|Ter|Circle|Cir|Highway|Hwy|Parkway|Pkwy|Square|Sq|Trail|Trl|Crescent|Close|Row"
    r"|Alley|Pike|Loop|Run|Gardens|Mews)\b\.?"
    r"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|Flat|#)\.?\s*#?[A-Za-z0-9-]+)?"
    r"(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?![a-z]))?"
    r"|\b(?:P\.?\s?O\.?\s+Box|Post\s+Office\s+Box)\s+\d+"
)
_ZIP_CUE = _c(
    r"\b(?:zip|ZIP|Zip|postal|post)(?:\s*code)?\s*(?:is|was|:|#)?\s*(?P<v>\d{5}(?:-\d{4})?)\b",
    scan_first=True,
)
_ZIP_STATE = _c(rf"\b(?:{'|'.join(_STATE_ABBR)})\s+(?P<v>\d{{5}}(?:-\d{{4}})?)\b", scan_first=True)
_ZIP_FROM = _c(r"\b(?:from|in|lives\s+in|area)\s+(?P<v>\d{5}(?:-\d{4})?)\b(?!\s*[A-Za-z%,.]\w)")

_PLACE = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}"
_GEO_UNIT = _c(
    r"\b(?:[Bb]ed|[Bb]ay|[Rr]oom|[Rr]m\.?|[Cc]ubicle|[Ss]ide\s+room|[Tt]rauma\s+bay|[Ss]tall)\s*#?\s*"
    r"\d{1,4}[A-Za-z]?\b(?:\s*(?:in|on|of)\s+(?:the\s+)?(?:ICU|NICU|PICU|CCU|ED|ER|MICU|SICU"
    r"|[Ww]ard\s+\w+))?"
    r"|\b[Ww]ard\s+(?=\w*\d|[A-Z]\b)[A-Za-z0-9]+(?:\s+(?:East|West|North|South))?"
    r"(?:,?\s+(?:[Bb]ed|[Bb]ay|[Rr]oom)\s*#?\s*\d{1,4}[A-Za-z]?)?"
    r"|\b(?:[Rr]oom|[Rr]m\.?)\s*\d{1,4}[A-Za-z]?,?\s+[Ww]ard\s+[A-Za-z0-9]+"
)
_GEO_ROOM_VETO = _c(
    r"(?:conference|lecture|meeting|reading|class|seminar|break|board|hall|scanner|CT|MRI|MR|"
    r"control|server|call)\s*$",
    re.IGNORECASE,
)
_GEO_UNIT_WORD = r"(?:County|Township|Parish|Borough|Village|Shire|District|Hamlet|Valley|Springs)"
_GEO_NAMED = _c(
    rf"\b(?P<v>{_PLACE}\s+{_GEO_UNIT_WORD})\b(?!\s+(?:Hospital|Medical|Health|General|Regional"
    r"|Society|Fair|Council|Court|Schools?|Community\s+College|Clinic|Imaging|Radiology))"
    rf"|\b(?:[Tt]own|[Vv]illage|[Cc]ity|[Hh]amlet|[Cc]ommunity|[Cc]ounty)\s+(?:of|called|named)\s+"
    rf"(?P<w>{_PLACE})"
    rf"|\b(?:tiny|small|little|rural|remote)\s+(?:town\s+(?:of\s+)?|village\s+(?:of\s+)?"
    rf"|hospital\s+in\s+|clinic\s+in\s+|community\s+(?:of\s+|in\s+)?)?(?P<x>{_PLACE})"
    rf"|\b(?P<y>{_PLACE}),\s+(?:pop\.?|population)\s*\d"
)
_GEO_FROM = _c(
    rf"\b(?:from|in|of|near|outside)\s+(?:the\s+)?(?:(?:tiny|small|little|rural)\s+)?"
    rf"(?P<v>{_PLACE})"
)
_GEO_LIVES = _c(
    rf"\b(?:lives?\s+in|living\s+in|resident\s+of|native\s+of|hometown\s+(?:of|is)|grew\s+up\s+in"
    rf"|moved\s+here\s+from|home\s+in)\s+(?:the\s+)?(?P<v>{_PLACE})"
    rf"|\b(?P<w>{_PLACE})\s+(?:resident|native|local)s?\b"
)
_GEO_CITY_STATE = _c(rf"\b(?P<v>{_PLACE}),\s+(?:{'|'.join(_STATE_ABBR)})\b")
_NOT_PLACES = {
    w.lower()
    for w in _words(
        "The A An Our My His Her Their This That Radiology Imaging Hospital Clinic Medical "
        "University College School Department Center Centre General Memorial Regional Health "
        "Mercy Lakeside Riverside Chest Neuro Body Breast Case Cases Figure Fig Table Monday "
        "Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
        "July August September October November December Twitter Instagram Facebook LinkedIn "
        "Bluesky Mastodon TikTok Reddit YouTube PubMed Google Epic Medicare Medicaid Emergency "
        "Trauma Surgery Oncology Cardiology Pediatrics Neurology Urology Orthopedics Residency "
        "Fellowship Grand Rounds Boston Criteria Fleischner Hounsfield Chiari Baker Salter Harris "
        "Monteggia Galeazzi Bosniak Fisher Hunt Hess Segond Hampton Westermark Kerley Graf Genant "
        "Suzuki Wilms Klippel Trenaunay Erdheim Chester Krukenberg Pancoast Boerhaave Marfan "
        "Crawford Moyamoya Le Fort Pipeline Watchman Azure Medtronic Scientific"
    )
}


def _place_ok(place: str) -> bool:
    p = place.lower()
    if p in _US_STATES or p in _COUNTRIES:
        return False
    return p.split()[0] not in _NOT_PLACES and p.split()[-1] not in _NOT_PLACES


@recognizer("places")
def places(doc: Doc) -> Iterator[Cand]:
    text = doc.text
    for m in _ADDRESS.finditer(text):
        yield m.start(), m.end(), "address"
    for pattern in (_ZIP_CUE, _ZIP_STATE):
        for m in pattern.finditer(text):
            yield *m.span("v"), "zip"
    for m in _ZIP_FROM.finditer(text):
        if doc.person(m.start()):
            yield *m.span("v"), "zip"
    for m in _GEO_UNIT.finditer(text):
        if _GEO_ROOM_VETO.search(text, max(0, m.start() - 15), m.start()):
            continue
        if m.group()[:1] in "Rr" and not doc.person(m.start()):
            continue  # "room 3 has the 3T magnet" is about the department, not a patient
        yield m.start(), m.end(), "geo_small"
    for m in _GEO_NAMED.finditer(text):
        s, e = _span(m, "v", "w", "x", "y")
        if _place_ok(text[s:e]) and doc.person(s):
            yield s, e, "geo_small"
    for m in _GEO_LIVES.finditer(text):
        s, e = _span(m, "v", "w")
        if _place_ok(text[s:e]):
            yield s, e, "geo_small"
    for m in _GEO_FROM.finditer(text):
        s, e = m.span("v")
        place = text[s:e]
        if not _place_ok(place) or lexicon.is_given(place.split()[0]):
            continue
        # Only "a patient/man/farmer ... from X" ties a place to a person.
        before = text[max(0, m.start() - 60) : m.start()]
        if m.group().split()[0].lower() == "from" and re.search(
            r"\b(?:patients?|pts?|man|woman|boy|girl|lady|gentleman|guy|kid|child|infant|baby"
            r"|toddler|teen(?:ager)?|farmer|teacher|worker|miner|fisherman|student|athlete"
            r"|retiree|veteran|gymnast|runner|player|\d{1,3}\s?(?:yo|y/o|[MF])|year-old|"
            r"age\s+\d+|brought\s+(?:him|her|them)(?:\s+in)?|transferred|airlifted)\b[^.!?\n]*$",
            before,
            re.IGNORECASE,
        ):
            yield s, e, "geo_small"
    for m in _GEO_CITY_STATE.finditer(text):
        s, e = m.span("v")
        if _place_ok(text[s:e]) and doc.person(s) and doc.clinical(s):
            yield s, e, "geo_small"
