"""IPTC IIM records (the whole envelope and application record) and Photoshop image resources.

IIM is a flat list of numbered datasets; every dataset that carries text is read, named as
exiftool names it. Photoshop's APP13 block wraps IIM together with thumbnails, a second EXIF or
XMP copy and URLs; each resource is handed to its own reader.
"""

from __future__ import annotations

from collections.abc import Callable

from socialcoach.images.fields import field_findings
from socialcoach.images.model import ImageFinding, finding

# (record, dataset) -> (exiftool name, category or "" for the field table's judgement)
IIM: dict[tuple[int, int], tuple[str, str]] = {
    (1, 5): ("Destination", "hidden_text"),
    (1, 30): ("ServiceIdentifier", "hidden_text"),
    (1, 40): ("EnvelopeNumber", "device"),
    (1, 50): ("ProductID", "device"),
    (1, 70): ("DateSent", "date"),
    (1, 80): ("TimeSent", "date"),
    (1, 100): ("UniqueObjectName", "device"),
    (2, 4): ("ObjectAttributeReference", "hidden_text"),
    (2, 5): ("ObjectName", "hidden_text"),
    (2, 7): ("EditStatus", "hidden_text"),
    (2, 8): ("EditorialUpdate", "hidden_text"),
    (2, 12): ("SubjectReference", "hidden_text"),
    (2, 15): ("Category", "hidden_text"),
    (2, 20): ("SupplementalCategories", "hidden_text"),
    (2, 22): ("FixtureIdentifier", "hidden_text"),
    (2, 25): ("Keywords", "hidden_text"),
    (2, 26): ("ContentLocationCode", "gps"),
    (2, 27): ("ContentLocationName", "gps"),
    (2, 30): ("ReleaseDate", "date"),
    (2, 35): ("ReleaseTime", "date"),
    (2, 37): ("ExpirationDate", "date"),
    (2, 38): ("ExpirationTime", "date"),
    (2, 40): ("SpecialInstructions", "hidden_text"),
    (2, 45): ("ReferenceService", "hidden_text"),
    (2, 47): ("ReferenceDate", "date"),
    (2, 50): ("ReferenceNumber", "device"),
    (2, 55): ("DateCreated", "date"),
    (2, 60): ("TimeCreated", "date"),
    (2, 62): ("DigitalCreationDate", "date"),
    (2, 63): ("DigitalCreationTime", "date"),
    (2, 65): ("OriginatingProgram", "software"),
    (2, 70): ("ProgramVersion", "software"),
    (2, 80): ("By-line", "name"),
    (2, 85): ("By-lineTitle", "name"),
    (2, 90): ("City", "gps"),
    (2, 92): ("Sub-location", "gps"),
    (2, 95): ("Province-State", "gps"),
    (2, 100): ("Country-PrimaryLocationCode", "gps"),
    (2, 101): ("Country-PrimaryLocationName", "gps"),
    (2, 103): ("OriginalTransmissionReference", "hidden_text"),
    (2, 105): ("Headline", "hidden_text"),
    (2, 110): ("Credit", "name"),
    (2, 115): ("Source", "name"),
    (2, 116): ("CopyrightNotice", "name"),
    (2, 118): ("Contact", "name"),
    (2, 120): ("Caption-Abstract", "hidden_text"),
    (2, 121): ("LocalCaption", "hidden_text"),
    (2, 122): ("Writer-Editor", "name"),
    (2, 125): ("RasterizedCaption", "hidden_text"),
    (2, 184): ("JobID", "hidden_text"),
    (2, 185): ("MasterDocumentID", "device"),
    (2, 186): ("ShortDocumentID", "device"),
    (2, 187): ("UniqueDocumentID", "device"),
    (2, 188): ("OwnerID", "name"),
    (2, 202): ("ObjectPreviewData", "thumbnail"),
    (2, 230): ("DocumentNotes", "hidden_text"),
    (2, 231): ("DocumentHistory", "hidden_text"),
    (2, 232): ("ExifCameraInfo", "device"),
}
# Datasets that only describe the record (version, character set, urgency): never identifying.
_QUIET = {(1, 0), (1, 20), (1, 22), (1, 60), (1, 90), (2, 0), (2, 10), (2, 75), (2, 130)}


def parse_iim(raw: bytes) -> list[tuple[int, int, bytes]]:
    """(record, dataset, value) in file order; a damaged tail ends the list."""
    out = []
    pos = 0
    while pos + 5 <= len(raw):
        if raw[pos] != 0x1C:
            nxt = raw.find(b"\x1c", pos + 1)
            if nxt < 0:
                break
            pos = nxt
            continue
        record, dataset = raw[pos + 1], raw[pos + 2]
        size = int.from_bytes(raw[pos + 3 : pos + 5], "big")
        pos += 5
        if size & 0x8000:  # extended length: the next n bytes hold it
            n = size & 0x7FFF
            size = int.from_bytes(raw[pos : pos + n], "big")
            pos += n
        out.append((record, dataset, raw[pos : pos + size]))
        pos += size
    return out


def _text(value: bytes) -> str:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def read_iim(raw: bytes, where: str = "IPTC") -> list[ImageFinding]:
    found: list[ImageFinding] = []
    for record, dataset, value in parse_iim(raw):
        key = (record, dataset)
        if key in _QUIET:
            continue
        name, category = IIM.get(key, (f"{record}:{dataset:03d}", "hidden_text"))
        if category == "thumbnail":
            if value:
                found.append(
                    finding(
                        "thumbnail", "iptc", f"{where} {name}", f"{len(value)} bytes", tags=(name,)
                    )
                )
            continue
        found.extend(
            field_findings(
                "iptc", f"{where} {name}", name, _text(value), category=category, tags=(name,)
            )
        )
    return found


PHOTOSHOP_SIGNATURE = b"Photoshop 3.0\x00"
# Resource id -> what it holds. The readers for embedded EXIF and XMP are passed in.
_THUMBNAILS = {0x0409: "PhotoshopThumbnail", 0x040C: "PhotoshopThumbnail"}
_TEXT_RESOURCES = {
    0x040B: ("URL", "hidden_text"),
    0x041E: ("URL_List", "hidden_text"),
    0x0421: ("WriterName", "software"),
    0x0BB7: ("ClippingPathName", "hidden_text"),
    0x0428: ("PrintInfo", ""),
}


def parse_irb(raw: bytes) -> list[tuple[int, bytes]]:
    if raw.startswith(PHOTOSHOP_SIGNATURE):
        raw = raw[len(PHOTOSHOP_SIGNATURE) :]
    out = []
    pos = 0
    while pos + 12 <= len(raw) and raw[pos : pos + 4] in (b"8BIM", b"PHUT", b"DCSR", b"AgHg"):
        rid = int.from_bytes(raw[pos + 4 : pos + 6], "big")
        name_len = raw[pos + 6]
        pos += 7 + name_len
        if (name_len + 1) % 2:
            pos += 1
        size = int.from_bytes(raw[pos : pos + 4], "big")
        pos += 4
        out.append((rid, raw[pos : pos + size]))
        pos += size + (size % 2)
    return out


def read_irb(
    raw: bytes,
    exif: Callable[[bytes], list[ImageFinding]],
    xmp: Callable[[bytes], list[ImageFinding]],
    where: str = "Photoshop",
) -> list[ImageFinding]:
    found: list[ImageFinding] = []
    for rid, data in parse_irb(raw):
        if rid == 0x0404:
            found.extend(read_iim(data))
        elif rid in _THUMBNAILS and data:
            found.append(
                finding(
                    "thumbnail",
                    "photoshop",
                    f"{where} thumbnail (resource 0x{rid:04X})",
                    f"embedded preview image ({len(data)} bytes)",
                    tags=("PhotoshopThumbnail", "ThumbnailImage"),
                )
            )
        elif rid in (0x0422, 0x0423) and data:
            found.extend(exif(data))
        elif rid == 0x0424 and data:
            found.extend(xmp(data))
        elif rid in _TEXT_RESOURCES:
            name, category = _TEXT_RESOURCES[rid]
            if category:
                text = data[4:].decode("utf-16-be", "replace") if rid == 0x0421 else _text(data)
                found.extend(
                    field_findings(
                        "photoshop", f"{where} {name}", name, text, category=category, tags=(name,)
                    )
                )
    return found
