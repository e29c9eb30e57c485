"""What an image finding is, the advice for each category, and the errors the checker raises.

Shared by every reader (photo metadata, DICOM, OCR) so a finding means the same wherever it
comes from. The categories reuse the draft checker's (`socialcoach.phi.CATEGORIES`) where they
mean the same thing; IMAGE_CATEGORIES are the ones only images have.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

INSTALL_HINT = "pip install 'socialcoach[images]'"
OCR_HINT = "install the OCR engine (Debian/Ubuntu: apt install tesseract-ocr) and " + INSTALL_HINT
MAX_VALUE = 60  # characters of a value shown in a report

IMAGE_CATEGORIES: tuple[str, ...] = (
    "gps",
    "thumbnail",
    "software",
    "hidden_text",
    "institution",
    "private_tag",
    "burned_in",
    "profile",
)

ADVICE: dict[str, tuple[str, str]] = {
    "gps": (
        "A GPS position shows where the photo was taken: the hospital, the reading room, a home.",
        "Strip the metadata (--strip) and turn off location for the camera app.",
    ),
    "date": (
        "Dates and times tied to an exam narrow down whose exam it is.",
        "Strip the metadata (--strip); keep at most the year in the caption.",
    ),
    "device": (
        "A serial number traces the image to one scanner, camera or phone, and its owner.",
        "Strip the metadata (--strip).",
    ),
    "name": (
        "A person's name travels with the file, even if the image does not show it.",
        "Strip the metadata (--strip) or de-identify the file before sharing.",
    ),
    "mrn": (
        "A patient ID or record number links the image straight back to the patient.",
        "Strip the header (--strip) or de-identify the study before export.",
    ),
    "accession": (
        "An accession number links straight back to the patient's exam.",
        "Strip the header (--strip) or de-identify the study before export.",
    ),
    "age_over_89": (
        "Ages over 89 are rare enough to identify someone.",
        "Strip the header (--strip).",
    ),
    "address": (
        "An address or place of residence locates the patient.",
        "Strip the header (--strip).",
    ),
    "phone": ("A telephone number is a direct identifier.", "Strip the header (--strip)."),
    "health_plan": (
        "A health plan or insurance number identifies the patient.",
        "Strip the header (--strip).",
    ),
    "other_id": (
        "A unique ID (study, series or instance UID, order or visit number) can be looked up "
        "in the hospital's systems.",
        "Strip the header (--strip) or de-identify the study before export.",
    ),
    "photo": (
        "The header says the image shows recognisable features (a face, a 3D render of the head).",
        "Do not post it; crop or de-face first.",
    ),
    "thumbnail": (
        "A small preview of the original picture is embedded: cropping or editing the image "
        "often leaves the old thumbnail, uncropped, inside the file.",
        "Strip the metadata (--strip).",
    ),
    "software": (
        "Software, workstation and owner fields can name the hospital's systems or a person.",
        "Strip the metadata (--strip).",
    ),
    "hidden_text": (
        "Text hidden in the file (comments, descriptions, titles) travels with the image and "
        "anyone can read it.",
        "Strip the metadata (--strip), or clear the field.",
    ),
    "institution": (
        "The hospital, department or station name says where the patient was seen.",
        "Strip the header (--strip).",
    ),
    "private_tag": (
        "Vendor private tags are not documented and often copy names, IDs and dates.",
        "Strip the header (--strip).",
    ),
    "burned_in": (
        "Text is burned into the pixels: stripping the metadata does not remove it.",
        "Cover it (--redact OUT writes a copy with every text region read covered) or crop.",
    ),
    "profile": (
        "The DICOM confidentiality profile (PS3.15 Annex E) lists this attribute as one that "
        "can identify the patient, the staff or the place.",
        "De-identify the file (--redact OUT.dcm) or share only a rendered, covered copy "
        "(--redact OUT.png).",
    ),
}


class ImageError(Exception):
    """The file cannot be checked: the message names the problem and what to do."""


class MissingExtra(ImageError):
    """A library from the `images` extra is not installed."""


@dataclass(frozen=True, slots=True)
class ImageFinding:
    """One identifier (or hiding place of one), where it is in the file, and what to do.

    `tags` names every metadata field the finding stands for, in exiftool's spelling where
    one exists (so a report can be held against `exiftool -G1` line by line); `action` is the
    DICOM confidentiality profile's action code (D, Z, X, U, ...) for a header attribute.
    """

    category: str
    source: str  # exif, makernote, xmp, iptc, photoshop, png-text, jpeg-comment, dicom, ocr ...
    where: str  # "EXIF GPSInfo", "DICOM (0010,0010) PatientName", "pixels at x=10 y=4 ..."
    value: str  # shortened
    message: str
    fix: str
    box: tuple[int, int, int, int] | None = None  # left, top, width, height (OCR only)
    tags: tuple[str, ...] = ()
    action: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class ImageReport:
    path: str
    kind: str  # png | jpeg | tiff | webp | heic | dicom
    width: int | None = None
    height: int | None = None
    findings: list[ImageFinding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pixels_read: bool = False  # True only when OCR ran over the pixels
    ocr_text: list[str] = field(default_factory=list)
    covered: list[str] = field(default_factory=list)  # what a --redact copy covered

    def to_dict(self) -> dict:
        data = asdict(self)
        data["findings"] = [f.to_dict() for f in self.findings]
        return data


@dataclass(frozen=True, slots=True)
class StripResult:
    out: Path
    format: str
    notes: list[str]


def short(value: Any, limit: int = MAX_VALUE) -> str:
    """A value as one line of at most `limit` characters, for a report."""
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    text = " ".join(text.replace("\x00", " ").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def finding(
    category: str,
    source: str,
    where: str,
    value: Any,
    *,
    box: tuple[int, int, int, int] | None = None,
    message: str | None = None,
    tags: tuple[str, ...] = (),
    action: str | None = None,
) -> ImageFinding:
    why, fix = ADVICE.get(category, ADVICE["hidden_text"])
    return ImageFinding(
        category, source, where, short(value), message or why, fix, box, tags, action
    )


def text_findings(
    text: str, source: str, where: str, tags: tuple[str, ...] = ()
) -> list[ImageFinding]:
    """Free text run through the draft checker: one finding per identifier it sees."""
    from socialcoach import phi

    found = []
    for f in phi.check(text):
        why, fix = ADVICE.get(f.category, ADVICE["hidden_text"])
        why = getattr(f, "message", None) or why  # only start, end, category, text are promised
        found.append(ImageFinding(f.category, source, where, short(f.text), why, fix, None, tags))
    return found
