"""Safe rewrites: what the one-key fix puts in place of each finding.

An age becomes "over 90", a date is cut to its year (or dropped), a name becomes "a patient",
a town becomes its state (or "a town"), numbers and links are removed with their cue word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .categories import STATE, TABLE, YEAR

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_ROOMISH = re.compile(r"(?i)^(?:bed|bay|room|rm|ward|unit|cubicle|stall|side room|trauma bay)\b")
_HONORIFIC_BEFORE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Mstr)\.?\s+)$")
# A cue word right before a removed number goes with it ("MRN 0048...", "Acc# 5521907").
_CUE_BEFORE = re.compile(
    r"(?:\b(?:[A-Z]{1,6}|[A-Za-z]{2,10}\.?)\s?(?:#|no\.?|number|num)?\s*[:#]?\s*)$"
)
_ID_CATS = {
    "ssn",
    "mrn",
    "accession",
    "health_plan",
    "account",
    "license",
    "device",
    "vehicle",
    "other_id",
    "phone",
    "fax",
    "zip",
    "ip",
}
_CUE_WORDS = re.compile(
    r"(?i)^(?:mrn|mr|acc|accession|a|har|fin|acct|account|ssn|mbi|medicare|medicaid|member|policy"
    r"|group|plan|lot|serial|sn|s/n|vin|plate|tag|zip|id|dl|license|licence|booking|inmate"
    r"|case|study|phone|tel|cell|fax|ph|call|ip|no|number|encounter|csn|claim|invoice"
    # national health, social-security and hospital numbers (national.py)
    r"|nhs|chi|hcn|phn|phin|ohip|ihi|nhi|ramq|msp|msi|dva|ni|nino|pps|ppsn|sin|crn|urn|ur|hosp"
    r"|event|lab|rego|reg|postcode|eircode"
    # the cues round 7 of the rules reads (ids.py): "hospital number", "health card", agency
    # numbers, Brazil's CNH and "placa"
    r"|hospital|record|chart|unit|card|curp|nin|ine|osca|unhcr|custody|coroner|incident"
    r"|participant|donor|enrollment|enrolment|cnh|placa)\.?$"
)
_DOB_BEFORE = re.compile(r"(?i)\b(?:DOB|D\.O\.B\.|born(?:\s+on)?|b\.)\s*:?\s*$")


def _this_year() -> int:
    import datetime

    return datetime.date.today().year


def rewrite_for(text: str, start: int, end: int, category: str) -> str:
    """The safe text for text[start:end] as a finding of `category`."""
    rule = TABLE[category].rewrite
    found = text[start:end]
    if rule == YEAR:
        year = _YEAR.search(found)
        if year and _this_year() - int(year.group()) >= 90:
            return ""  # "DOB 12/03/1931" cut to "1931" would still say over 89: drop it
        return year.group() if year else ""
    if rule == STATE:
        if _ROOMISH.match(found) or re.search(r"\d", found):
            return ""
        from . import lexicon

        return lexicon.state_of(found) or "a town"
    return rule


def _span_to_replace(text: str, start: int, end: int, category: str, rewrite: str) -> int:
    """Where the replacement starts: before an honorific for a name, before a cue for an ID."""
    before = text[max(0, start - 30) : start]
    if category == "name":
        m = _HONORIFIC_BEFORE.search(before)
        return start - len(m.group()) if m else start
    if category == "date" and rewrite:
        m = re.search(r"\bon\s+$", before)
        return start - len(m.group()) if m else start
    if category == "date":
        m = _DOB_BEFORE.search(before)  # a birth date dropped takes its "DOB" with it
        return start - len(m.group()) if m else start
    if category in _ID_CATS and not rewrite:
        m = _CUE_BEFORE.search(before)
        if m:
            word = re.sub(r"[\s:#]+$", "", m.group()).split()
            if word and _CUE_WORDS.match(word[0].rstrip("#:")):
                return start - len(m.group())
    return start


def apply(text: str, findings: Iterable[Any]) -> str:
    """Replace every finding, right to left so earlier offsets stay valid, then tidy spaces."""
    out = text
    for f in sorted(findings, key=lambda f: f.start, reverse=True):
        rewrite = getattr(f, "rewrite", None)
        if rewrite is None:
            rewrite = rewrite_for(text, f.start, f.end, f.category)
        if f.category == "name" and re.search(r"\b(?:pt|patient)\.?,?\s+$", out[: f.start], re.I):
            rewrite = ""  # "pt Harold Finch" -> "pt", not "pt a patient"
        start = _span_to_replace(out, f.start, f.end, f.category, rewrite)
        if f.category == "date" and rewrite and start < f.start:
            rewrite = "in " + rewrite  # "on 3/14/2024" -> "in 2024"
        if rewrite and (start == 0 or re.search(r"[.!?]\s+$|\n$", out[:start])):
            rewrite = rewrite[0].upper() + rewrite[1:]
        out = out[:start] + rewrite + out[f.end :]
    out = re.sub(r"[ \t]{2,}", " ", out)
    out = re.sub(r"[ \t]+([,.;:!?)])", r"\1", out)
    out = re.sub(r"\([ \t]*\)", "", out)
    out = re.sub(r",(?:[ \t]*,)+", ",", out)  # "A patient, , needs": a removed middle item
    out = re.sub(r"(?m)^[ \t]+|[ \t]+$", "", out)
    if text[:1].isupper() and out[:1].islower():
        out = out[0].upper() + out[1:]  # the draft's first word was removed
    return out
