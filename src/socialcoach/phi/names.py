"""Names of patients and relatives."""

from __future__ import annotations

from collections.abc import Iterator

from ._base import _FIRST_NAMES, _NAME, _NOT_NAMES, _PATIENT_CUE, Cand, Doc, _c, _span
from .registry import recognizer

_HONORIFIC_NAME = _c(
    rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Mstr)\.?\s+(?:(?:and|&)\s+(?:Mr|Mrs|Ms)\.?\s+)?(?P<v>{_NAME})",
    scan_first=True,
)
_LABEL_NAME = _c(
    rf"(?:\b(?:[Pp]atient(?:'s)?|[Pp]t\.?|PATIENT)\s+[Nn]ame|\b[Nn]ame|NAME|\b[Nn]amed|\b[Cc]alled)"
    rf"(?:\s+(?:is|was))?\s*[:=-]?\s*(?P<v>{_NAME})",
    scan_first=True,
)
_PATIENT_NAME = _c(rf"\b(?:[Pp]atient|[Pp]t\.?|PT)(?:[,:]\s*|\s+)(?P<v>{_NAME})", scan_first=True)
_RELATIVE_NAME = _c(
    r"\b(?:son|daughter|wife|husband|mother|father|mom|mum|dad|sister|brother|nephew|niece"
    r"|grandson|granddaughter|grandmother|grandfather|grandma|grandpa|partner|fianc[ée]e?"
    r"|aunt|uncle|cousin|caregiver|widow|widower)(?:'s)?,?\s+(?:named\s+)?"
    rf"(?P<v>{_NAME})",
    scan_first=True,
)
_FAMILY_NAME = _c(
    r"\b(?:the|The)\s+(?P<v>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+(?:family|household|twins|kids)\b"
    rf"|\b(?:family|relatives|parents|widow|estate)\s+of\s+(?:the\s+late\s+)?(?P<w>{_NAME})"
)
_FULL_NAME = _c(r"\b(?P<v>[A-Z][a-z]+)\s+(?P<l>[A-Z][a-z]+(?:['-][A-Z]?[a-z]+)?)\b")
_TITLE_BEFORE = _c(
    r"(?:\b(?:Dr|Drs|Prof|Professor|Doctor|Dean|Chair|Sir|Dame|St|Saint)\.?|@|\bet\s+al\.?|\bby)"
    r"\s*$",
    scan_first=True,
)
_CREDENTIAL_AFTER = _c(r"^(?:,?\s*(?:MD|DO|PhD|MBBS|FRCR|FACR|RT|RN|PA|NP|MSc|et\s+al))\b")


def _name_ok(name: str) -> bool:
    words = [w.rstrip(".") for w in name.split()]
    if not words or words[0].lower() in _NOT_NAMES:
        return False
    if all(len(w) <= 1 for w in words):
        return False
    return not any(w.lower() in _NOT_NAMES for w in words if len(w) > 1)


def _strip_possessive(s: int, e: int, text: str) -> tuple[int, int]:
    if text[e - 2 : e] in ("'s", "\u2019s"):
        e -= 2
    return s, e


def _trim_name(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop trailing non-name words ("Finch Presented") and a possessive "'s"."""
    words = text[s:e].split()
    while words and words[-1].lower() in _NOT_NAMES:
        words.pop()
    if not words:
        return s, s
    e = s + text[s:e].rfind(words[-1]) + len(words[-1])
    return _strip_possessive(s, e, text)


@recognizer("names")
def names(doc: Doc) -> Iterator[Cand]:
    text = doc.text
    for pattern in (_HONORIFIC_NAME, _LABEL_NAME, _PATIENT_NAME, _RELATIVE_NAME):
        for m in pattern.finditer(text):
            s, e = _trim_name(text, *m.span("v"))
            name = text[s:e]
            if not name or (pattern is not _HONORIFIC_NAME and not _name_ok(name)):
                continue
            # "named"/"called" also precede eponyms and signs: require a known given name.
            weak = pattern is _LABEL_NAME and m.group()[:5].lower() in ("named", "calle")
            if weak and name.split()[0].lower() not in _FIRST_NAMES:
                continue
            yield s, e, "name"
    for m in _FAMILY_NAME.finditer(text):
        s, e = _span(m, "v", "w")
        if _name_ok(text[s:e]):
            yield s, e, "name"
    for m in _FULL_NAME.finditer(text):
        # A bare "Given Surname" counts only in a sentence that is clearly about a patient.
        if m["v"].lower() not in _FIRST_NAMES or m["l"].lower() in _NOT_NAMES:
            continue
        if _TITLE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        if _CREDENTIAL_AFTER.match(text[m.end() : m.end() + 12]):
            continue
        if doc.has(m.start(), _PATIENT_CUE, "patient"):
            yield m.start(), m.end(), "name"
