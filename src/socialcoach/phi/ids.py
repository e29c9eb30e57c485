"""Record numbers and codes: MRN, accession, health plan, account, licence, device, VIN."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ._base import Cand, Doc, _c, _cue_id, _span
from .registry import recognizer

_MRN = _cue_id(
    r"MRN|MR\s?#|MR\s+(?:no\.?|number)|[Mm]edical[- ]record(?:s)?(?:\s+(?:number|no\.?|#))?"
    r"|[Hh]ospital\s+(?:number|no\.?|#|ID)|[Cc]hart\s+(?:number|no\.?|#)|UR\s?(?:number|no\.?|#)"
    r"|NHS\s+(?:number|no\.?)|[Uu]nit\s+number",
    scan_first=True,
)
_ACCESSION = _cue_id(
    r"[Aa]ccession(?:\s+numbers?)?|ACC|[Aa]cc\.?\s?(?:#|no\.?|number)", scan_first=True
)
_HEALTH_PLAN = _cue_id(
    r"[Mm]ember(?:ship)?\s?(?:ID|#|no\.?|number)|[Bb]eneficiary(?:\s+(?:ID|#|no\.?|number))?"
    r"|[Pp]olicy\s?(?:ID|#|no\.?|number)|[Ii]nsurance\s?(?:ID|#|no\.?|number|card)"
    r"|[Ss]ubscriber\s?(?:ID|#|no\.?|number)|[Gg]roup\s?(?:#|no\.?|number)"
    r"|[Pp]lan\s?(?:ID|#|no\.?|number)|Medicare(?:\s+(?:ID|#|no\.?|number))?"
    r"|Medicaid(?:\s+(?:ID|#|no\.?|number))?|MBI|HICN|[Hh]ealth\s+plan(?:\s+(?:ID|#|number))?",
    scan_first=True,
)
_ACCOUNT = _cue_id(
    r"[Aa]ccount|ACCOUNT|[Aa]cct\.?|A/C|[Bb]illing\s+(?:#|no\.?|number|ID)"
    r"|[Ii]nvoice\s+(?:#|no\.?|number)|[Cc]laim\s+(?:#|no\.?|number|ID)",
    scan_first=True,
)
_VEHICLE = _c(
    r"\b(?:(?:(?i:license|licence|number|registration)\s+)?(?i:plates?)(?:\s+(?i:number|no\.?|#))?"
    r"|VIN|(?i:vehicle\s+(?:ID|identification)(?:\s+number)?|tag\s+(?:number|no\.?|#)))"
    r"(?:\s*(?i:is|was|reads|reading|read|of|:|#|,|\(|'|\"|\u2018|\u201c))*\s*"
    r"(?P<v>(?=[A-Z0-9 -]*\d)[A-Z0-9]{1,4}(?:[ -][A-Z0-9]{1,5})?(?:[A-Z0-9]{1,13})?)\b"
)
_VIN = _c(
    r"\b(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])(?=[A-HJ-NPR-Z0-9]*\d)[A-HJ-NPR-Z0-9]{17}\b",
    scan_first=True,
)
_LICENSE = _cue_id(
    r"(?:driver'?s\s+|driving\s+|medical\s+|nursing\s+|professional\s+|state\s+)?"
    r"(?:[Ll]icen[cs]e|LICEN[CS]E)(?!\s+plate)(?:\s+(?:number|no\.?|#))?"
    r"|[Ll]ic\.?\s?#|[Cc]ertificate(?:\s+(?:number|no\.?|#))?|[Cc]ert\.?\s?#|DEA|NPI"
    r"|[Pp]assport(?:\s+(?:number|no\.?|#))?|DL\s?#",
    scan_first=True,
)
_DEVICE = _cue_id(
    r"[Ss]erial(?:\s+(?:number|no\.?|#|num))?|S/N|SN\s?[:#]|SN(?=\s+[A-Z0-9]*\d)|[Dd]evice\s+(?:ID|#)"
    r"|UDI|[Ll]ot\s+(?:number|no\.?|#)|IMEI|MAC\s+address",
    scan_first=True,
)
_OTHER_ID = _cue_id(
    r"(?:[Pp]atient|[Pp]t\.?|[Ss]tudy|[Ss]ubject|[Pp]articipant|[Tt]rial|[Rr]ecord|[Ee]ncounter"
    r"|[Vv]isit|[Ss]pecimen|[Ss]ample|[Rr]equisition|[Oo]rder|[Rr]egistry|[Ee]nrol?ment"
    r"|[Ee]mployee|[Ss]tudent|[Mm]ilitary)\s?(?:ID|I\.D\.|#|number|no\.?|code)",
    scan_first=True,
)
# "Case #40213-KM" is an identifier; "Case 12" or "Case #12" is teaching-file numbering.
_CASE_ID = _c(
    r"\b[Cc]ase\s*(?:#|no\.?|number|ID)\s*:?\s*"
    r"(?P<v>(?=[A-Za-z0-9-]*\d)(?:\d{4,}|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+|[A-Za-z]+\d{3,}\w*))"
)
_INITIALS = _c(
    r"\b(?:[Pp]t|[Pp]atient|PT|[Ii]nitials|[Ii]nitialed)\.?,?\s*(?:initials\s*)?:?\s*"
    r"(?P<v>[A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?|[A-Z]\.[A-Z]\b)"
    r"|\b[Ii]nitials\s*:?\s*(?P<w>[A-Z]{2,3})\b"
)


@recognizer("ids")
def ids(doc: Doc) -> Iterator[Cand]:
    text = doc.text
    rules: tuple[tuple[Any, str], ...] = (
        (_MRN, "mrn"),
        (_ACCESSION, "accession"),
        (_HEALTH_PLAN, "health_plan"),
        (_ACCOUNT, "account"),
        (_VEHICLE, "vehicle"),
        (_LICENSE, "license"),
        (_DEVICE, "device"),
        (_OTHER_ID, "other_id"),
        (_CASE_ID, "other_id"),
    )
    for pattern, cat in rules:
        for m in pattern.finditer(text):
            v = m.group("v")
            if cat == "vehicle" or len(v) >= 4 or sum(ch.isdigit() for ch in v) >= 3:
                yield *m.span("v"), cat
    for m in _VIN.finditer(text):
        yield m.start(), m.end(), "vehicle"
    for m in _INITIALS.finditer(text):
        yield *_span(m, "v", "w"), "other_id"
