"""Whose post is it: two draft-level judgements made after every family has run.

A rule sees a sentence; some things only the whole draft says. A draft that says its subject
is no patient ("she's not my patient, she's my grandmother", "he's an actor, not a real
patient") is about someone whose details are not PHI here, so what the rules found about a
person in it is dropped (record numbers, contacts and images still count); "my own dad" is
not enough, since a relative can be the patient. And a place name that is the first half of
an organisation's name ("Oakridge Family Practice", "Riverbend Imaging", "Sutter Creek
Pediatrics") names a practice, usually the author's own, not where a patient lives.
"""

from __future__ import annotations

import re

from ._base import Cand, _c

_NOT_A_PATIENT = _c(
    r"\b(?:(?:he|she|they)(?:['\u2019]s|\s+is|\s+was|['\u2019]re|\s+are)\s+not\s+(?:my|a|our|"
    r"an?\s+actual|a\s+real)\s+patients?|not\s+a\s+real\s+patient|(?:he|she)['\u2019]s\s+an?\s+"
    r"actor|(?:he|she)['\u2019]s\s+a\s+colleague"
    r"|happy\s+\w+\s+birthday\s+to\s+my\s+own\s+\w+)\b",
    re.IGNORECASE,
)
# Categories that describe a person, dropped when the draft says its subject is no patient.
_ABOUT_A_PERSON = frozenset(("name", "age_over_89", "context", "date", "geo_small"))
_ORG_AFTER = re.compile(
    r"\s+(?:Family\s+)?(?:Practice|Pediatrics|Paediatrics|Orthopedics|Orthopaedics|Health|Clinic"
    r"|Imaging|Radiology|Medical|Medicine|Cardiology|Dermatology|Oncology|Surgical|Surgery"
    r"|Associates|Partners|Physicians|Urgent\s+Care|Dental|Eye|Vision|Women['\u2019]s|Children['\u2019]s"
    r"|Auxiliary|Foundation)\b"
)


def judge(text: str, cands: list[Cand]) -> list[Cand]:
    """Drop what the whole draft says is not a patient's."""
    if _NOT_A_PATIENT.search(text):
        cands = [c for c in cands if c[2] not in _ABOUT_A_PERSON]
    return [c for c in cands if not (c[2] == "geo_small" and _ORG_AFTER.match(text, c[1]))]
