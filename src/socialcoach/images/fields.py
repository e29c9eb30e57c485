"""Which metadata field names identify someone: one table for EXIF, XMP, IPTC and PNG text.

Field names differ by block (EXIF `Artist`, XMP `dc:creator`, IPTC `By-line`, PNG `Author`), so
the rules match parts of the normalised name rather than whole names: a field nobody listed yet
(`Iptc4xmpCore:CiAdrCity`) still falls under "city". Camera settings (exposure, white balance,
lens focal length) match none of the parts and are not reported.
"""

from __future__ import annotations

import re
from typing import Any

from socialcoach.images.model import ImageFinding, finding, text_findings

# Order matters: the first rule whose part occurs in the name wins ("creatortool" is software,
# not a person; "datecreated" is a date, not a creator).
_SKIP = {
    "exifoffset",
    "exififd",
    "gpsinfo",
    "gpsversionid",
    "xmlpacket",
    "xmp",
    "iptcnaa",
    "interopoffset",
    "makernote",
    "xmptoolkit",
    "about",
    "lang",
    "parsetype",
    "datestampmode",
    "digitalsourcetype",
}
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("thumbnail", ("thumbnail", "previewimage", "jpgfromraw", "otherimage", "mpimage")),
    (
        "software",
        (
            "creatortool",
            "software",
            "hostcomputer",
            "originatingprogram",
            "programversion",
            "history",
            "modifyingsystem",
        ),
    ),
    ("device", ("serial", "uniqueid", "documentid", "instanceid", "cameraid", "imagenumber")),
    (
        "date",
        (
            "date",
            "timestamp",
            "timecreated",
            "subsectime",
            "offsettime",
            "timezone",
            "createtime",
            "modifytime",
            "digitizationtime",
            "digitalcreationtime",
            "releasetime",
            "expirationtime",
            "when",
            "creationtime",
            "worldtime",
        ),
    ),
    (
        "gps",
        (
            "gps",
            "latitude",
            "longitude",
            "city",
            "provincestate",
            "state",
            "country",
            "sublocation",
            "location",
            "worldregion",
            "landmark",
            "address",
            "ciadr",
            "postalcode",
        ),
    ),
    ("phone", ("telephone", "phone", "citel")),
    ("email", ("email",)),
    (
        "name",
        (
            "artist",
            "author",
            "creator",
            "byline",
            "owner",
            "copyright",
            "rights",
            "credit",
            "captionwriter",
            "writer",
            "contact",
            "person",
            "babyname",
            "usageterms",
            "webstatement",
            "source",
            "publisher",
        ),
    ),
    (
        "hidden_text",
        (
            "description",
            "comment",
            "title",
            "caption",
            "headline",
            "keywords",
            "subject",
            "label",
            "instructions",
            "transmissionreference",
            "objectname",
            "documentname",
            "pagename",
            "event",
            "category",
            "jobid",
            "notes",
            "disclaimer",
            "warning",
            "text",
            "editstatus",
            "fixtureidentifier",
        ),
    ),
)
_SUBJECT_GEOMETRY = ("subjectlocation", "subjectarea", "subjectdistance", "locationtype")


def normalise(name: str) -> str:
    """`XMP-dc:Creator` and `By-line` to `creator` and `byline`: the part a rule looks at."""
    return re.sub(r"[^a-z0-9]", "", name.rsplit(":", 1)[-1].lower())


def field_category(name: str) -> str | None:
    """Category for a metadata field by its name, or None for harmless camera settings."""
    key = normalise(name)
    if not key or key in _SKIP or key.startswith(_SUBJECT_GEOMETRY):
        return None
    for category, parts in _RULES:
        if any(part in key for part in parts):
            return category
    return None


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, bytes):
        return not value.strip(b"\x00 \t\r\n")
    if isinstance(value, str):
        text = value.strip("\x00 \t\r\n")
        return not text or set(text) <= set("0: -T")  # 0000:00:00 00:00:00
    if isinstance(value, (tuple, list)):
        return all(_empty(v) or v == 0 for v in value)
    return False


def as_text(value: Any) -> str:
    """A field value as text: EXIF charset prefixes, UTF-16 XP fields and NULs dealt with."""
    if isinstance(value, bytes):
        for prefix, codec in ((b"ASCII\x00\x00\x00", "latin-1"), (b"UNICODE\x00", "utf-16")):
            if value.startswith(prefix):
                return value[len(prefix) :].decode(codec, "replace").replace("\x00", "").strip()
        if value.startswith(b"\x00" * 8):
            value = value[8:]
        text = value.decode("utf-8", "replace")
    elif isinstance(value, (tuple, list)):
        text = " ".join(str(v) for v in value)
    else:
        text = str(value)
    return text.replace("\x00", "").strip()


def field_findings(
    source: str,
    where: str,
    name: str,
    value: Any,
    *,
    category: str | None = None,
    tags: tuple[str, ...] | None = None,
) -> list[ImageFinding]:
    """The findings one metadata field gives: none, the field itself, or what its text names."""
    if _empty(value):
        return []
    category = category or field_category(name)
    if category is None:
        return []
    tags = tags if tags is not None else (name.rsplit(":", 1)[-1],)
    text = as_text(value)
    if not text:
        return []
    if category == "hidden_text":
        found = text_findings(text, source, where, tags)
        return found or [finding("hidden_text", source, where, text, tags=tags)]
    return [finding(category, source, where, text, tags=tags)]
