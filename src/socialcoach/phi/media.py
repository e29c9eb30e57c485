"""Biometric identifiers and full-face photos or head renders."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._base import Doc, Proposal, _c, cued_near_person
from .registry import recognizer

_BIOMETRIC = _c(
    r"\b(?:finger\s?prints?|thumb\s?prints?|voice\s?prints?|palm\s?prints?|palm[- ]vein\s+scans?"
    r"|retina(?:l)?\s+scans?|iris\s+scans?|face\s?prints?|facial\s+(?:recognition|geometry)"
    r"\s+(?:data|template|scan|match)|voice\s+(?:recording|sample)s?|DNA\s+(?:profile|sample)s?"
    r"|biometric\s+(?:data|template|scan|ID|identifiers?)s?)(?:\s+scans?)?\b",
    re.IGNORECASE,
)
_BIOMETRIC_MORE = _c(
    r"\b(?:palm|hand|vein|finger|iris|retina|retinal|face|facial|gait)[\s-]+(?:scans?|prints?"
    r"|photos?|images?|recognition|geometry|templates?|enrol(?:l)?ment)\b"
    r"|\b(?:voice\s*(?:memo|mail|recording|note|message|sample|print)s?|voicemail)\b"
    r"(?:\s+of\s+(?:him|her|them)\b[^.!?\n]{0,40})?",
    re.IGNORECASE,
)
# A volume-rendered head or face: "VR head CT", "volume rendered face", "3D recon of his face".
_FACE_RENDER = _c(
    r"\b(?:volume[\s-]*render(?:ed|ing)?|VR|3-?D|cinematic(?:\s+render(?:ed|ing)?)?|surface[\s-]*"
    r"render(?:ed|ing)?)\s+(?:[\w'\u2019-]+\s+){0,5}?(?:face|head\s+CT|head|skull\s+and\s+face)\b"
    r"(?!\s+(?:and\s+neck\s+)?(?:bones?|fractures?|arteries|vessels|CTA))",
    re.IGNORECASE,
)
# A photo, video or footage of a person: a selfie, an ID or licence photo, body-cam footage.
_PHOTO_OF_PERSON = _c(
    r"\b(?:(?:a|the|his|her|their|printed|old)\s+)*(?:selfies?(?:\s+of\s+(?:himself|herself"
    r"|themselves))?(?:\s+from\s+[^.!?\n]{0,30})?"
    r"|(?:driver['\u2019]?s\s+licen[cs]e|ID|badge|passport|mug\s?shot|booking)\s+(?:photo|picture|pic)s?"
    r"|(?:helmet|body|dash|go-?pro|ring|doorbell|security|phone)[\s-]*cam(?:era)?\s+(?:footage|video"
    r"|clip|recording)"
    r"|full[\s-]face(?:\s+(?:in|on)\s+the\s+(?:video|photo|picture|image))?"
    r"|(?:his|her|their)\s+face\s+(?:on|in)\s+(?:the\s+)?[\w\s]{0,25}?(?:card|photo|video|picture"
    r"|screen|image|post|story|reel))\b",
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
    r"|\b(?:patient's|pt's)\s+face\s+(?:is|was)\s+(?:visible|shown|recognisable|recognizable)"
    # "a close-up photo of her grandfather's face", "a video ... with her face in it"
    r"|\b(?:photo(?:graph)?s?|pictures?|pics?|videos?|selfies?)\s+of\s+(?:his|her|their|the|a)\s+"
    r"(?:[\w-]+\s+)?[\w-]+['\u2019]s\s+face\b"
    r"|\bwith\s+(?:his|her|their|the\s+patient['\u2019]s)\s+face\s+(?:in\s+it|visible|showing)"
    r"|\b[\w'\u2019]+\s+(?:bedside|hospital|ICU|recovery)\s+selfies?\b"
    # the patient's face caught in an image: "with the patient's face in the corner of the frame"
    r"|\b(?:the|this|that|our|my)\s+(?:patient|pt)['\u2019]s\s+(?:full\s+)?face\s+(?:in|visible"
    r"|showing)\b"
    r"(?:[^.!?\n]{0,40}?(?:frame|shot|photo|picture|image|screen|video|background))?",
    re.IGNORECASE,
)


# A biometric record's ID: "retina scan ID ... RET-BIO-44820917", "fingerprint template #88213".
_BIOMETRIC_WORD = _c(r"retina|iris|finger|palm|voice|face|biometric", re.IGNORECASE)
_BIOMETRIC_ID = _c(
    r"\b(?:retina(?:l)?|iris|finger\s?print|palm(?:[- ]vein)?|voice\s?print|face\s?print|biometric)"
    r"(?:\s+(?:scan|template|record|enrol(?:l)?ment))?\s+(?:ID|#|number|no\.?|code)\b[^\n\d]{0,60}?"
    r"(?P<v>(?=[A-Z0-9-]*\d)[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+|\d{6,})\b",
    re.IGNORECASE,
)


@recognizer("media")
def media(doc: Doc) -> Iterator[Proposal]:
    text = doc.text
    for m in _BIOMETRIC.finditer(text):
        if doc.person(m.start()):
            yield m.start(), m.end(), "biometric"
    yield from cued_near_person(doc, _BIOMETRIC_MORE.finditer(text), "biometric", "likely")
    for m in _BIOMETRIC_ID.finditer(text) if _BIOMETRIC_WORD.search(text) else ():
        yield *m.span("v"), "biometric", "likely"
    for m in _PHOTO.finditer(text):
        yield m.start(), m.end(), "photo"
    for m in _FACE_RENDER.finditer(text):
        yield m.start(), m.end(), "photo", "likely"
    yield from cued_near_person(doc, _PHOTO_OF_PERSON.finditer(text), "photo", "likely")
