"""Biometric identifiers and full-face photos or head renders."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._base import Cand, Doc, _c
from .registry import recognizer

_BIOMETRIC = _c(
    r"\b(?:finger\s?prints?|thumb\s?prints?|voice\s?prints?|palm\s?prints?|palm[- ]vein\s+scans?"
    r"|retina(?:l)?\s+scans?|iris\s+scans?|face\s?prints?|facial\s+(?:recognition|geometry)"
    r"\s+(?:data|template|scan|match)|voice\s+(?:recording|sample)s?|DNA\s+(?:profile|sample)s?"
    r"|biometric\s+(?:data|template|scan|ID|identifiers?)s?)(?:\s+scans?)?\b",
    re.IGNORECASE,
)
_PHOTO = _c(
    r"\b(?:full[- ]face\s+)?(?:photo(?:graph)?s?|pictures?|pics?|selfies?|videos?|snapshots?"
    r"|head\s?shots?|portraits?)\s+(?:of|with|showing)\s+(?:the\s+|this\s+|my\s+|our\s+|a\s+"
    r"|her\s+|his\s+)?(?:patient|pt)(?:'s\s+(?:face|head))?\b"
    r"|\b(?:photo(?:graph)?s?|pictures?|pics?|videos?|selfies?)\s+of\s+(?:the\s+|this\s+)?"
    r"(?:patient's\s+|his\s+|her\s+|their\s+)?face\b"
    r"|\bfull[- ]face\s+(?:photo(?:graph)?s?|pictures?|pics?|images?|shots?|views?)\b"
    r"|\b(?:3-?D|three[- ]dimensional|VR|volume|surface|cinematic)\s+(?:face|facial|head)\s+"
    r"(?:render(?:ing|ed|s)?|reconstructions?|recons?|models?|surfaces?)\b"
    r"|\b(?:(?:3-?D|three[- ]dimensional|VR|cinematic|surface)\s+(?:volume[- ])?|volume[- ])"
    r"(?:render(?:ing|ed|s)?|reconstructions?|recons?|images?|models?)\s+of\s+"
    r"(?:the\s+|his\s+|her\s+|their\s+|this\s+patient's\s+|a\s+)?(?:skull\s+and\s+)?"
    r"(?:head|face|scalp)\b(?!\s+(?:and\s+neck\s+)?(?:bones?|fractures?|arteries|vessels|CTA))"
    r"|\b(?:patient's|pt's)\s+face\s+(?:is|was)\s+(?:visible|shown|recognisable|recognizable)",
    re.IGNORECASE,
)


@recognizer("media")
def media(doc: Doc) -> Iterator[Cand]:
    text = doc.text
    for m in _BIOMETRIC.finditer(text):
        if doc.person(m.start()):
            yield m.start(), m.end(), "biometric"
    for m in _PHOTO.finditer(text):
        yield m.start(), m.end(), "photo"
