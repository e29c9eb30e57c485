"""Biometric identifiers and full-face photos or head renders."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from ._base import Doc, Proposal, _c, cued_near_person
from .registry import recognizer

_BIOMETRIC = _c(
    r"\b(?:finger\s?prints?|thumb\s?prints?|voice\s?prints?|palm\s?prints?|palm[- ]vein\s+scans?"
    r"|retina(?:l)?\s+scans?|iris\s+scans?|face\s?prints?|facial\s+(?:recognition|geometry)"
    r"\s+(?:data|template|scan|match)|voice\s+(?:recording|sample)s?|DNA\s+(?:profile|sample)s?"
    r"|biometric\s+(?:data|template|scan|ID|identifiers?)s?"
    r"|iris[\s-]?patterns?|(?:his|her|their|right|left)\s+(?:retinas?|iris(?:es)?)"
    r"|(?:his|her|their)\s+recorded\s+voice|recording\s+of\s+(?:[\w.'\u2019]+\s+){1,3}?voice)"
    r"(?:\s+scans?)?\b",
    re.IGNORECASE,
)
# The same in Portuguese, German, French and Spanish, where the person cues are fewer: a
# sentence about care is enough.
_BIOMETRIC_OTHER_LANG = _c(
    r"\b(?:biometria\s+digital|impress[ãa]o\s+digital|fingerabdr(?:uck|ücke)(?:-?scan)?"
    r"|empreintes?\s+digitales?|huellas?\s+dactilar(?:es)?)\b",
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
# A face rendered from a head CT, said the way radiologists post it: "the skin-surface
# render", "the face render", "with the skin surface on", "you can see his face". (A bone
# render of a facial fracture shows no face: writers split on it, and it is left alone.)
_FACE_FROM_CT = _c(
    r"\bskin[\s-]*surface\s+render(?:ing|ed|s)?\b|\bface\s+render(?:ing|s)?\b"
    r"|\brender(?:ed|ing)?\b[^.!?\n]{0,40}?\bwith\s+the\s+skin(?:\s+surface)?\s+on\b"
    r"|\b(?:see|recogni[sz]e)\s+(?:his|her|their)\s+(?:whole\s+|entire\s+|full\s+)?face\b",
    re.IGNORECASE,
)
# A picture of the patient, described in a post: "[photo: her big smile on the table]", "(pic of
# her and Bruno)", "a photo of him smiling", "her face photo", "face showing".
_PICTURE_BRACKETED = _c(
    r"[\[(](?:photo|pic|picture|image|video|foto)s?\s*(?:[:\-\u2013]|of\b|with\b)[^\])\n]{0,120}?"
    r"\b(?:him|her|them|his|their|patient|face|smil\w*|beaming|grin\w*|holding|ringing|sourire"
    r"|Mr|Mrs|Ms)\b[^\])\n]{0,80}[\])]",
    re.IGNORECASE,
)
_PICTURE_OF_THEM = _c(
    r"\b(?:photo|pic|picture|selfie|video|foto)s?\s+(?:of|with)\s+(?:him|her|them)\b"
    r"(?!\s+(?:own|previous|old|CT|MRI|x-?rays?|scans?|palm|knee|chest|head|hip|hardware"
    r"|ultrasound|echo|films?|reports?|results?|images?)\b)"
    r"|\b(?:his|her|their)\s+(?:face\s+photo|finisher\s+photo|(?:cheeky\s+|big\s+)?grin\s+in\s+the"
    r"\s+(?:pic|photo|picture))\b"
    r"|\bface\s+(?:visible|showing|and\s+all)\b|\bwith\s+(?:his|her|their)\s+picture\s+on\b",
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
_BIOMETRIC_WORD = _c(
    r"retina|iris|finger|palm|voice|face|biometric|template|tpl|vein", re.IGNORECASE
)
_BIOMETRIC_ID = _c(
    r"\b(?:retina(?:l)?|iris|finger\s?print|palm(?:[- ]vein)?|voice\s?print|face\s?print|biometric)"
    r"(?:\s+(?:scan|template|record|enrol(?:l)?ment))?\s+(?:ID|#|number|no\.?|code)\b[^\n\d]{0,60}?"
    r"(?P<v>(?=[A-Z0-9-]*\d)[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+|\d{6,})\b"
    # a template's own label before its value: "FP template 3A-7F-22-C9", "VEIN-TPL 0x4F2A9C11",
    # "voice ID 9V-22810", "template ID IRX-55-20931"
    r"|\b(?:FP|finger\s?print|iris|retina|vein|voice|palm|face|ECG|signature|biometric)?[\s-]*"
    r"(?:template|TPL|voice\s+ID|enrol(?:l)?ment\s+hash)(?:\s+(?:ID|#|hash|code))?[\s:(#]*"
    r"(?:[^\n\d]{0,40}?\s)?(?P<t>0x[0-9A-F]{6,}|(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]+"
    r"(?:-[A-Z0-9]+)+)\b",
    re.IGNORECASE,
)


@recognizer("media")
def media(doc: Doc) -> Iterator[Proposal]:
    text = doc.text
    for m in _BIOMETRIC.finditer(text):
        if doc.person(m.start()):
            yield m.start(), m.end(), "biometric"
    for m in _BIOMETRIC_OTHER_LANG.finditer(text):
        if doc.person(m.start()) or doc.clinical_near(m.start()):
            yield m.start(), m.end(), "biometric"
    yield from cued_near_person(doc, _BIOMETRIC_MORE.finditer(text), "biometric", "likely")
    for m in _BIOMETRIC_ID.finditer(text) if _BIOMETRIC_WORD.search(text) else ():
        yield *m.span("v" if m["v"] else "t"), "biometric", "likely"
    for m in _PHOTO.finditer(text):
        yield m.start(), m.end(), "photo"
    for m in _FACE_RENDER.finditer(text):
        yield m.start(), m.end(), "photo", "likely"
    yield from cued_near_person(doc, _PHOTO_OF_PERSON.finditer(text), "photo", "likely")
    yield from cued_near_person(doc, _FACE_FROM_CT.finditer(text), "photo", "likely", draft=True)
    pictures = chain(_PICTURE_OF_THEM.finditer(text), _PICTURE_BRACKETED.finditer(text))
    yield from cued_near_person(doc, pictures, "photo", "likely", draft=True)
