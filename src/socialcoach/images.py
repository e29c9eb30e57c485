"""Image checker: what a PNG, JPEG or DICOM file gives away beyond what the eye sees at once.

Three places leak patient information in images: metadata (EXIF, XMP, IPTC, PNG text chunks:
GPS, dates, serial numbers, owner and software fields, thumbnails), DICOM headers, and text
burned into the pixels. The first two are read exactly; the pixels only where an OCR engine
(tesseract, via pytesseract) is installed, and the report says plainly when they were not read.

No Textual import, and Pillow, pydicom, numpy and pytesseract are imported inside functions: the
app and the other commands never pay for them, and work without the `images` extra.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "IMAGE_CATEGORIES",
    "ImageError",
    "ImageFinding",
    "ImageReport",
    "MissingExtra",
    "StripResult",
    "check_image",
    "detect_kind",
    "report_json",
    "report_text",
    "strip_image",
]

INSTALL_HINT = "pip install 'socialcoach[images]'"
OCR_HINT = "install the OCR engine (Debian/Ubuntu: apt install tesseract-ocr) and " + INSTALL_HINT
MAX_VALUE = 60  # characters of a value shown in a report
NO_OCR_ENV = "SOCIALCOACH_NO_OCR"

# Categories of the draft checker (phi.CATEGORIES) are reused where they mean the same thing;
# these are the ones only images have.
IMAGE_CATEGORIES: tuple[str, ...] = (
    "gps",
    "thumbnail",
    "software",
    "hidden_text",
    "institution",
    "private_tag",
    "burned_in",
)

_ADVICE: dict[str, tuple[str, str]] = {
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
        "Crop the image or cover the text before posting.",
    ),
}


class ImageError(Exception):
    """The file cannot be checked: the message names the problem and what to do."""


class MissingExtra(ImageError):
    """A library from the `images` extra is not installed."""


@dataclass(frozen=True, slots=True)
class ImageFinding:
    """One identifier (or hiding place of one), where it is in the file, and what to do."""

    category: str
    source: str  # exif, xmp, iptc, png-text, jpeg-comment, dicom, ocr
    where: str  # "EXIF GPSInfo", "DICOM (0010,0010) PatientName", "pixels at x=10 y=4 ..."
    value: str  # shortened
    message: str
    fix: str
    box: tuple[int, int, int, int] | None = None  # left, top, width, height (OCR only)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class ImageReport:
    path: str
    kind: str  # png | jpeg | dicom
    width: int | None = None
    height: int | None = None
    findings: list[ImageFinding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pixels_read: bool = False  # True only when OCR ran over the pixels
    ocr_text: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["findings"] = [f.to_dict() for f in self.findings]
        return data


@dataclass(frozen=True, slots=True)
class StripResult:
    out: Path
    format: str
    notes: list[str]


def _short(value: Any, limit: int = MAX_VALUE) -> str:
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    text = " ".join(text.replace("\x00", " ").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _finding(
    category: str,
    source: str,
    where: str,
    value: Any,
    box: tuple[int, int, int, int] | None = None,
    message: str | None = None,
) -> ImageFinding:
    why, fix = _ADVICE.get(category, _ADVICE["hidden_text"])
    return ImageFinding(category, source, where, _short(value), message or why, fix, box)


def _text_findings(text: str, source: str, where: str) -> list[ImageFinding]:
    """Free text run through the draft checker: one finding per identifier it sees."""
    from socialcoach import phi

    found = []
    for f in phi.check(text):
        why, fix = f.message, _ADVICE.get(f.category, _ADVICE["hidden_text"])[1]
        found.append(ImageFinding(f.category, source, where, _short(f.text), why, fix))
    return found


# --------------------------------------------------------------------------------------------
# Kind detection
# --------------------------------------------------------------------------------------------


def detect_kind(head: bytes) -> str | None:
    """png, jpeg or dicom from the first bytes (at least 132), or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if len(head) >= 132 and head[128:132] == b"DICM":
        return "dicom"
    return None


def _import_pil() -> Any:
    try:
        from PIL import Image
    except ImportError as exc:
        raise MissingExtra(f"checking PNG and JPEG images needs Pillow: {INSTALL_HINT}") from exc
    return Image


def _import_pydicom() -> Any:
    try:
        import pydicom
    except ImportError as exc:
        raise MissingExtra(f"checking DICOM files needs pydicom: {INSTALL_HINT}") from exc
    return pydicom


def _read_dicom(path: Path, head: bytes) -> Any:
    """A dataset, or None when the file is not DICOM (files without the preamble are tried)."""
    pydicom = _import_pydicom()
    from pydicom.errors import InvalidDicomError

    try:
        ds = pydicom.dcmread(path, force=head[128:132] != b"DICM")
    except (InvalidDicomError, EOFError, ValueError, KeyError, OSError, TypeError) as exc:
        if head[128:132] == b"DICM":
            raise ImageError(f"a damaged DICOM file ({exc})") from exc
        return None
    # force=True "reads" almost anything: require the identifying or image groups.
    try:
        tags = [int(t) for t in ds.keys()]  # noqa: SIM118 - tags only, no values
    except Exception:  # noqa: BLE001 - a garbage parse may fail anywhere
        return None
    if not any(0x00080000 <= t < 0x00290000 or t == 0x7FE00010 for t in tags):
        return None
    meta = getattr(ds, "file_meta", None)
    if meta is not None and "TransferSyntaxUID" not in meta:
        # No file meta (raw dataset): tell the pixel decoder how it was read.
        from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian

        implicit = (getattr(ds, "original_encoding", None) or (True, True))[0]
        meta.TransferSyntaxUID = ImplicitVRLittleEndian if implicit else ExplicitVRLittleEndian
    return ds


# --------------------------------------------------------------------------------------------
# Photo metadata: EXIF, XMP, IPTC, PNG text chunks, JPEG comments
# --------------------------------------------------------------------------------------------

_NAME_FIELDS = {
    "artist",
    "author",
    "creator",
    "by-line",
    "byline",
    "cameraownername",
    "ownername",
    "owner",
    "copyright",
    "rights",
    "xpauthor",
    "credit",
    "authorsposition",
    "captionwriter",
    "writer-editor",
    "contact",
    "source",
    "usercomment-author",
}
_SOFTWARE_FIELDS = {
    "software",
    "creatortool",
    "hostcomputer",
    "processingsoftware",
    "originating program",
    "originatingprogram",
    "program version",
    "history",
}
_TEXT_FIELDS = {
    "imagedescription",
    "usercomment",
    "xpcomment",
    "xptitle",
    "xpsubject",
    "xpkeywords",
    "comment",
    "comments",
    "description",
    "title",
    "caption",
    "caption/abstract",
    "headline",
    "keywords",
    "subject",
    "label",
    "disclaimer",
    "warning",
    "documentname",
    "pagename",
    "object name",
    "objectname",
    "special instructions",
    "instructions",
    "transmissionreference",
    "personinimage",
}
_PLACE_FIELDS = {
    "city",
    "state",
    "province/state",
    "country",
    "country/primary location name",
    "sublocation",
    "location",
    "locationcreated",
    "locationshown",
    "countrycode",
}
_SKIP_FIELDS = {"exifoffset", "gpsinfo", "xmlpacket", "xmp", "iptcnaa", "interopoffset"}


def _field_category(name: str) -> str | None:
    """Category for a metadata field by its name, or None for harmless camera settings."""
    key = name.lower().split(":")[-1].strip()
    if key in _SKIP_FIELDS:
        return None
    if key.startswith("gps"):
        return "gps"
    if "serial" in key or key in (
        "imageuniqueid",
        "documentid",
        "instanceid",
        "originaldocumentid",
    ):
        return "device"
    if "date" in key or key in ("creation time", "offsettime", "offsettimeoriginal"):
        return "date"
    if key.startswith(("datetime", "subsectime")) or key == "timecreated":
        return "date"
    if key in _PLACE_FIELDS:
        return "gps"
    if key in _NAME_FIELDS:
        return "name"
    if key in _SOFTWARE_FIELDS:
        return "software"
    if key in _TEXT_FIELDS:
        return "hidden_text"
    return None


def _field_findings(source: str, where: str, name: str, value: Any) -> list[ImageFinding]:
    if value in (None, "", b"") or (isinstance(value, bytes) and not value.strip(b"\x00 ")):
        return []
    category = _field_category(name)
    if category is None:
        return []
    if category == "hidden_text":
        text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
        if text.startswith(("ASCII\x00", "UNICODE\x00")):  # EXIF UserComment's charset prefix
            text = text[8:]
        text = text.replace("\x00", "").strip()
        if not text:
            return []
        found = _text_findings(text, source, where)
        return found or [_finding("hidden_text", source, where, text)]
    return [_finding(category, source, where, value)]


def _gps_value(gps: dict) -> str:
    def degrees(raw: Any) -> float | None:
        try:
            d, m, s = (float(x) for x in raw)
        except (TypeError, ValueError, ZeroDivisionError):
            return None
        return d + m / 60 + s / 3600

    lat, lon = degrees(gps.get(2)), degrees(gps.get(4))
    if lat is None or lon is None:
        names = ", ".join(sorted(_gps_tag_name(k) for k in gps))
        return f"GPS fields: {names}"
    lat_ref, lon_ref = str(gps.get(1) or "N").strip("\x00"), str(gps.get(3) or "E").strip("\x00")
    return f"{lat:.5f} {lat_ref}, {lon:.5f} {lon_ref}"


def _gps_tag_name(tag: int) -> str:
    from PIL import ExifTags

    return ExifTags.GPSTAGS.get(tag, f"0x{tag:04X}")


def _exif_findings(image: Any) -> list[ImageFinding]:
    from PIL import ExifTags

    try:
        exif = image.getexif()
    except Exception:  # noqa: BLE001 - a broken EXIF block is itself worth saying
        return [_finding("hidden_text", "exif", "EXIF", "an EXIF block Pillow could not read")]
    found: list[ImageFinding] = []
    if not exif and not image.info.get("exif"):
        return found

    def scan(ifd: Any, label: str) -> None:
        for tag, value in ifd.items():
            name = ExifTags.TAGS.get(tag, f"0x{tag:04X}")
            found.extend(_field_findings("exif", f"EXIF {label}{name}", name, value))

    scan(exif, "")
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    scan(sub, "")
    if ExifTags.Base.MakerNote in sub or exif.get_ifd(ExifTags.IFD.MakerNote):
        found.append(
            _finding(
                "device",
                "exif",
                "EXIF MakerNote",
                "camera maker's private data",
                message="The camera maker's private block often holds serial numbers and "
                "owner names.",
            )
        )
    gps = {k: v for k, v in exif.get_ifd(ExifTags.IFD.GPSInfo).items() if k != 0}
    if gps:
        found.append(_finding("gps", "exif", "EXIF GPSInfo", _gps_value(gps)))
    ifd1 = exif.get_ifd(ExifTags.IFD.IFD1)
    if ifd1.get(0x0201) or ifd1.get(0x0111):
        size = ifd1.get(0x0202)
        value = f"embedded preview image ({size} bytes)" if size else "embedded preview image"
        found.append(_finding("thumbnail", "exif", "EXIF IFD1 (thumbnail)", value))
    return found


_XMP_THUMB = re.compile(r"xmpGImg:image|<xap:Thumbnails|<xmp:Thumbnails", re.IGNORECASE)


def _xmp_packets(image: Any) -> list[str]:
    packets: list[str] = []
    for key, value in image.info.items():
        if "xmp" in str(key).lower() and value:
            text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
            if text not in packets:
                packets.append(text)
    for marker, data in getattr(image, "applist", []):
        if marker == "APP1" and data.startswith(b"http://ns.adobe.com/xap/1.0/"):
            text = data.split(b"\x00", 1)[-1].decode("utf-8", "replace")
            if text not in packets:
                packets.append(text)
    return packets


def _xmp_fields(packet: str) -> Iterator[tuple[str, str]]:
    """(property, value) pairs; list items (rdf:li) are reported under their property."""
    import xml.etree.ElementTree as ET

    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1]

    try:
        root = ET.fromstring(packet.strip().strip("\x00"))
    except ET.ParseError:
        for m in re.finditer(r"(\w+):(\w+)=\"([^\"]*)\"", packet):
            yield m.group(2), m.group(3)
        for m in re.finditer(r"<(\w+):(\w+)>([^<]+)</", packet):
            yield m.group(2), m.group(3)
        return
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in root.iter():
        for attr, value in element.attrib.items():
            yield local(attr), value
        text = (element.text or "").strip()
        if not text:
            continue
        name = local(element.tag)
        node = element
        while name in ("li", "Seq", "Bag", "Alt") and node in parents:
            node = parents[node]
            name = local(node.tag)
        yield name, text


def _xmp_findings(image: Any) -> list[ImageFinding]:
    found: list[ImageFinding] = []
    for packet in _xmp_packets(image):
        gps_parts: list[str] = []
        for name, value in _xmp_fields(packet):
            if name.lower().startswith("gps") and name.lower() in ("gpslatitude", "gpslongitude"):
                gps_parts.append(value)
                continue
            if name.lower().startswith("gps"):
                continue  # altitude, time stamp...: reported with the position
            found.extend(_field_findings("xmp", f"XMP {name}", name, value))
        if gps_parts:
            found.append(
                _finding("gps", "xmp", "XMP GPSLatitude/GPSLongitude", ", ".join(gps_parts))
            )
        if _XMP_THUMB.search(packet):
            found.append(_finding("thumbnail", "xmp", "XMP Thumbnails", "embedded preview image"))
    return found


_IPTC_NAMES = {
    (2, 5): "ObjectName",
    (2, 25): "Keywords",
    (2, 40): "Special Instructions",
    (2, 55): "DateCreated",
    (2, 60): "TimeCreated",
    (2, 62): "DigitalCreationDate",
    (2, 80): "By-line",
    (2, 85): "By-lineTitle",
    (2, 90): "City",
    (2, 92): "Sublocation",
    (2, 95): "Province/State",
    (2, 101): "Country",
    (2, 103): "TransmissionReference",
    (2, 105): "Headline",
    (2, 110): "Credit",
    (2, 115): "Source",
    (2, 116): "Copyright",
    (2, 118): "Contact",
    (2, 120): "Caption/Abstract",
    (2, 122): "Writer-Editor",
}


def _iptc_findings(image: Any) -> list[ImageFinding]:
    if image.format != "JPEG":
        return []
    from PIL import IptcImagePlugin

    try:
        info = IptcImagePlugin.getiptcinfo(image) or {}
    except Exception:  # noqa: BLE001
        return []
    found: list[ImageFinding] = []
    for key, value in info.items():
        name = _IPTC_NAMES.get(key)
        values = value if isinstance(value, list) else [value]
        if name is None:
            continue
        for v in values:
            if name == "By-lineTitle":
                continue
            found.extend(_field_findings("iptc", f"IPTC {name}", name, v))
    return found


def _png_text_findings(image: Any) -> list[ImageFinding]:
    if image.format != "PNG":
        return []
    found: list[ImageFinding] = []
    text_chunks = getattr(image, "text", {}) or {}
    for key, value in text_chunks.items():
        if "xmp" in key.lower():
            continue  # read as XMP
        if key.lower().startswith("raw profile type"):
            found.append(
                _finding(
                    "hidden_text",
                    "png-text",
                    f"PNG text chunk {key!r}",
                    "an embedded metadata profile (EXIF, IPTC or XMP written as hex)",
                )
            )
            continue
        category = _field_category(key)
        if category is None or category == "hidden_text":
            # Unknown keys are free text to PNG: anyone may have typed anything there.
            text = str(value).strip()
            if text:
                where = f"PNG text chunk {key!r}"
                found.extend(_text_findings(text, "png-text", where))
                if not any(f.where == where for f in found):
                    found.append(_finding("hidden_text", "png-text", where, text))
        else:
            found.append(_finding(category, "png-text", f"PNG text chunk {key!r}", value))
    return found


def _comment_findings(image: Any) -> list[ImageFinding]:
    comment = image.info.get("comment")
    if image.format != "JPEG" or not comment:
        return []
    return _field_findings("jpeg-comment", "JPEG comment (COM)", "comment", comment)


def _photo_findings(image: Any) -> list[ImageFinding]:
    found = []
    for reader in (
        _exif_findings,
        _xmp_findings,
        _iptc_findings,
        _png_text_findings,
        _comment_findings,
    ):
        found.extend(reader(image))
    return found


# --------------------------------------------------------------------------------------------
# DICOM header
# --------------------------------------------------------------------------------------------

_DICOM_CATEGORIES: dict[str, str] = {
    "PatientID": "mrn",
    "OtherPatientIDs": "mrn",
    "OtherPatientIDsSequence": "mrn",
    "IssuerOfPatientID": "mrn",
    "MedicalRecordLocator": "mrn",
    "PatientBirthDate": "date",
    "PatientBirthTime": "date",
    "AccessionNumber": "accession",
    "PatientAddress": "address",
    "RegionOfResidence": "address",
    "CountryOfResidence": "address",
    "PatientTelephoneNumbers": "phone",
    "PatientTelecomInformation": "phone",
    "InstitutionName": "institution",
    "InstitutionAddress": "institution",
    "InstitutionalDepartmentName": "institution",
    "InstitutionCodeSequence": "institution",
    "StationName": "institution",
    "DeviceSerialNumber": "device",
    "DeviceUID": "device",
    "PlateID": "device",
    "DetectorID": "device",
    "GantryID": "device",
    "CassetteID": "device",
    "SecondaryCaptureDeviceID": "device",
    "PatientInsurancePlanCodeSequence": "health_plan",
    "MilitaryRank": "other_id",
    "BranchOfService": "other_id",
    "AdmissionID": "other_id",
    "ServiceEpisodeID": "other_id",
    "StudyID": "other_id",
    "RequestedProcedureID": "other_id",
    "PerformedProcedureStepID": "other_id",
    "ScheduledProcedureStepID": "other_id",
    "PlacerOrderNumberImagingServiceRequest": "other_id",
    "FillerOrderNumberImagingServiceRequest": "other_id",
    "PatientIdentityRemoved": "",  # handled as a note
    "FrameOfReferenceUID": "other_id",
    "SynchronizationFrameOfReferenceUID": "other_id",
    "IrradiationEventUID": "other_id",
    "ConcatenationUID": "other_id",
    "DimensionOrganizationUID": "other_id",
    "StorageMediaFileSetUID": "other_id",
}
# Free-text elements: read by the draft checker, and listed themselves when not empty.
_DICOM_TEXT = {
    "PatientComments",
    "AdditionalPatientHistory",
    "ImageComments",
    "StudyComments",
    "RequestedProcedureComments",
    "InterpretationText",
    "TextValue",
    "DerivationDescription",
    "Occupation",
    "ReasonForStudy",
    "ReasonForTheRequestedProcedure",
    "StudyDescription",
    "SeriesDescription",
    "PerformedProcedureStepDescription",
    "RequestedProcedureDescription",
    "ProtocolName",
    "AcquisitionComments",
    "PatientState",
    "MedicalAlerts",
    "Allergies",
    "ContentLabel",
    "ContentDescription",
}
_DESCRIPTIONS = {
    "StudyDescription",
    "SeriesDescription",
    "ProtocolName",
    "PerformedProcedureStepDescription",
    "RequestedProcedureDescription",
    "DerivationDescription",
    "ContentLabel",
    "ContentDescription",
}


def _dicom_value(element: Any) -> str:
    if element.VR == "SQ":
        return f"{len(element.value)} item(s)"
    value = element.value
    if isinstance(value, bytes):
        return f"{len(value)} bytes"
    if element.VM > 1:
        return "\\".join(str(v) for v in value)
    return str(value)


def _is_empty(element: Any) -> bool:
    value = element.value
    if value is None:
        return True
    if element.VR == "SQ":
        return len(value) == 0
    if isinstance(value, (str, bytes)):
        return not value.strip(b"\x00 " if isinstance(value, bytes) else "\x00 ")
    try:
        return len(value) == 0
    except TypeError:
        return False


def _dicom_category(element: Any) -> str | None:
    keyword = element.keyword or ""
    if keyword in _DICOM_CATEGORIES:
        return _DICOM_CATEGORIES[keyword] or None
    if element.VR == "PN":
        return "name"
    if element.VR in ("DA", "DT", "TM"):
        return "date"
    if element.VR == "UI" and keyword.endswith("InstanceUID"):
        return "other_id"
    if keyword == "PatientAge":
        m = re.match(r"(\d{3})Y", str(element.value))
        return "age_over_89" if m and int(m.group(1)) > 89 else None
    return None


def _walk(ds: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for element in ds:
        yield prefix, element
        if element.VR == "SQ" and not element.tag.is_private:
            for i, item in enumerate(element.value or []):
                yield from _walk(item, f"{prefix}{element.keyword or element.tag}[{i}] > ")


def _dicom_findings(ds: Any) -> tuple[list[ImageFinding], list[str]]:
    found: list[ImageFinding] = []
    notes: list[str] = []
    private: dict[tuple[int, str], int] = {}
    meta = getattr(ds, "file_meta", None)
    elements = list(_walk(meta)) if meta is not None else []
    elements += list(_walk(ds))
    for prefix, element in elements:
        tag = element.tag
        if tag.is_private:
            if tag.element >= 0x1000:  # count data, not the creator elements themselves
                block = tag.element >> 8
                creator_tag = (tag.group << 16) | block
                creator = ds.get(creator_tag)
                name = str(creator.value).strip() if creator is not None else "unknown creator"
                private[(tag.group, name)] = private.get((tag.group, name), 0) + 1
            continue
        if tag.group & 0xFF00 == 0x6000 and tag.element == 0x3000:
            found.append(
                _finding(
                    "burned_in",
                    "dicom",
                    f"DICOM ({tag.group:04X},3000) OverlayData",
                    "an overlay plane",
                    message="An overlay plane is drawn over the image by viewers and can hold "
                    "text such as names and IDs.",
                )
            )
            continue
        if _is_empty(element):
            continue
        keyword = element.keyword or ""
        where = f"DICOM ({tag.group:04X},{tag.element:04X}) {prefix}{keyword or 'unknown'}"
        if keyword == "BurnedInAnnotation":
            value = str(element.value).upper()
            if value == "YES":
                found.append(_finding("burned_in", "dicom", where, "YES"))
            else:
                notes.append(
                    f"The header says burned-in annotation: {value}. Headers are often wrong "
                    "about this: look at the pixels."
                )
            continue
        if keyword == "RecognizableVisualFeatures":
            if str(element.value).upper() == "YES":
                found.append(_finding("photo", "dicom", where, "YES"))
            continue
        if keyword == "PatientIdentityRemoved":
            if str(element.value).upper() == "YES":
                notes.append("The header says the patient identity was removed; checked anyway.")
            continue
        if keyword in _DICOM_TEXT:
            text = _dicom_value(element)
            hits = _text_findings(text, "dicom", where)
            if hits:
                found.extend(hits)
            elif keyword not in _DESCRIPTIONS:
                found.append(_finding("hidden_text", "dicom", where, text))
            continue
        category = _dicom_category(element)
        if category:
            found.append(_finding(category, "dicom", where, _dicom_value(element)))
    for (group, creator), count in private.items():
        found.append(
            _finding(
                "private_tag",
                "dicom",
                f"DICOM ({group:04X},xxxx) private tags",
                f"{count} element(s) from {creator!r}",
            )
        )
    if "BurnedInAnnotation" not in ds:
        notes.append("The header does not say whether text is burned into the pixels.")
    return found, notes


def _dicom_identifiers(ds: Any) -> list[tuple[str, str]]:
    """Header values (names, IDs) worth looking for in the text read from the pixels."""
    wanted: list[tuple[str, str]] = []
    for keyword, category in (
        ("PatientName", "name"),
        ("PatientID", "mrn"),
        ("AccessionNumber", "accession"),
        ("OtherPatientIDs", "mrn"),
        ("InstitutionName", "institution"),
    ):
        value = ds.get(keyword)
        if value is None:
            continue
        for part in re.split(r"[\^\\,\s]+", str(value)):
            if len(part) >= 3:
                wanted.append((part.lower(), category))
    return wanted


def _dicom_image(ds: Any) -> tuple[Any, str | None]:
    """The first frame as an 8-bit Pillow image, or None and why not."""
    if "PixelData" not in ds:
        return None, "The file has no pixel data."
    try:
        import numpy as np
        from PIL import Image
    except ImportError:
        return None, f"The pixels could not be decoded without numpy and Pillow: {INSTALL_HINT}."
    try:
        arr = ds.pixel_array
    except Exception as exc:  # noqa: BLE001 - unsupported compression, broken data...
        return None, f"The pixels could not be decoded ({_short(exc, 120)})."
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    samples = int(ds.get("SamplesPerPixel", 1) or 1)
    if frames > 1:
        arr = arr[0]
    if samples == 1:
        try:
            from pydicom.pixels import apply_modality_lut, apply_voi_lut

            arr = apply_voi_lut(apply_modality_lut(arr, ds), ds)
        except Exception:  # noqa: BLE001 - older pydicom or odd LUTs: plain scaling below
            pass
        arr = arr.astype("float64")
        low, high = float(arr.min()), float(arr.max())
        arr = (arr - low) / (high - low) * 255 if high > low else arr * 0
        arr = arr.astype("uint8")
        if str(ds.get("PhotometricInterpretation", "")).upper() == "MONOCHROME1":
            arr = 255 - arr
        image = Image.fromarray(np.ascontiguousarray(arr), mode=None)
    else:
        image = Image.fromarray(np.ascontiguousarray(arr.astype("uint8")))
    note = f"Only the first of {frames} frames was read." if frames > 1 else None
    return image, note


# --------------------------------------------------------------------------------------------
# Burned-in text (OCR)
# --------------------------------------------------------------------------------------------

_OCR_NAME = re.compile(r"\b[A-Z][A-Za-z'-]+\^[A-Z][A-Za-z'-]+\b|\b[A-Z]{2,}, ?[A-Z]{2,}\b")
_OCR_LABEL_NAME = re.compile(
    r"\b(?i:name|patient|pt)\s*[:=]\s*(?P<v>[A-Z][A-Za-z'^,.-]+(?: [A-Z][A-Za-z'^.-]+)?)"
)
_OCR_LONG_ID = re.compile(r"(?<![\w.])(?=[A-Z0-9-]*\d{5})[A-Z0-9][A-Z0-9-]{5,}(?![\w.])")


def ocr_available() -> bool:
    """pytesseract importable and the tesseract program present."""
    if os.environ.get(NO_OCR_ENV):
        return False
    try:
        import pytesseract
    except ImportError:
        return False
    try:
        pytesseract.get_tesseract_version()
    except Exception:  # noqa: BLE001 - TesseractNotFoundError and friends
        return False
    return True


def _ocr_lines(image: Any) -> list[list[tuple[str, tuple[int, int, int, int]]]]:
    """Words with their boxes (in the original image's pixels), grouped in lines."""
    import pytesseract
    from PIL import ImageOps

    gray = image.convert("L")
    scale = 1
    if max(gray.size) < 1200:
        scale = 2 if max(gray.size) >= 600 else 3
        gray = gray.resize((gray.width * scale, gray.height * scale))
    # White text on a dark scan is the rule in radiology; tesseract reads dark on light best.
    histogram = gray.histogram()
    mean = sum(i * n for i, n in enumerate(histogram)) / max(1, sum(histogram))
    if mean < 128:
        gray = ImageOps.invert(gray)
    data = pytesseract.image_to_data(gray, output_type=pytesseract.Output.DICT, config="--psm 11")
    lines: dict[tuple[int, int, int], list[tuple[str, tuple[int, int, int, int]]]] = {}
    for i, word in enumerate(data["text"]):
        word = word.strip()
        if not word or float(data["conf"][i]) < 30:
            continue
        box = tuple(int(data[k][i]) // scale for k in ("left", "top", "width", "height"))
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append((word, box))  # type: ignore[arg-type]
    return [sorted(words, key=lambda w: w[1][0]) for _, words in sorted(lines.items())]


def _union(boxes: list[tuple[int, int, int, int]]) -> tuple[int, int, int, int]:
    left = min(b[0] for b in boxes)
    top = min(b[1] for b in boxes)
    right = max(b[0] + b[2] for b in boxes)
    bottom = max(b[1] + b[3] for b in boxes)
    return left, top, right - left, bottom - top


def _ocr_findings(
    image: Any, header_values: list[tuple[str, str]]
) -> tuple[list[ImageFinding], list[str]]:
    """Text read from the pixels, run through the draft checker, with a box per finding."""
    from socialcoach import phi

    lines = _ocr_lines(image)
    text_lines: list[str] = []
    spans: list[tuple[int, int, tuple[int, int, int, int]]] = []
    offset = 0
    for words in lines:
        parts = []
        for word, box in words:
            start = offset + sum(len(p) + 1 for p in parts)
            spans.append((start, start + len(word), box))
            parts.append(word)
        line = " ".join(parts)
        text_lines.append(line)
        offset += len(line) + 1
    text = "\n".join(text_lines)
    cands: list[tuple[int, int, str]] = [(f.start, f.end, f.category) for f in phi.check(text)]
    # Burned-in text is terse: "DOE^JANE", "SMITH, JOHN", a bare 8-digit ID. The draft checker
    # wants context words for these, so they are added here.
    cands += [(m.start(), m.end(), "name") for m in _OCR_NAME.finditer(text)]
    cands += [(*m.span("v"), "name") for m in _OCR_LABEL_NAME.finditer(text)]
    cands += [(m.start(), m.end(), "other_id") for m in _OCR_LONG_ID.finditer(text)]
    lowered = text.lower()
    for value, category in header_values:
        for m in re.finditer(re.escape(value), lowered):
            cands.append((m.start(), m.end(), category))
    found: list[ImageFinding] = []
    taken: list[tuple[int, int]] = []
    for start, end, category in sorted(cands, key=lambda c: (c[0], -(c[1] - c[0]))):
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        boxes = [b for s, e, b in spans if s < end and start < e]
        box = _union(boxes) if boxes else None
        where = "pixels" if box is None else f"pixels at x={box[0]} y={box[1]} {box[2]}x{box[3]}"
        why = _ADVICE.get(category, _ADVICE["hidden_text"])[0]
        message = f"Burned into the pixels. {why}"
        found.append(
            ImageFinding(
                category,
                "ocr",
                where,
                _short(text[start:end]),
                message,
                _ADVICE["burned_in"][1],
                box,
            )
        )
    return found, text_lines


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def _read_head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(132)
    except FileNotFoundError as exc:
        raise ImageError("no such file. Give the path of a PNG, JPEG or DICOM file.") from exc
    except IsADirectoryError as exc:
        raise ImageError("is a folder. Give the path of a PNG, JPEG or DICOM file.") from exc
    except OSError as exc:
        raise ImageError(f"cannot be read ({exc.strerror}).") from exc


def _open_photo(path: Path) -> Any:
    Image = _import_pil()
    try:
        image = Image.open(path)
        image.load()
    except Image.DecompressionBombError as exc:
        raise ImageError(f"too large to check safely ({exc}).") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageError(f"a damaged image that cannot be read ({_short(exc, 120)}).") from exc
    return image


def _unread_note(why: str) -> str:
    return (
        f"The pixels were NOT read for burned-in text ({why}). Check the corners and edges by "
        "eye: names, IDs, dates of birth, accession numbers and hospital names are usually "
        "there."
    )


def check_image(path: Path | str, *, ocr: bool = True) -> ImageReport:
    """Everything the file says about a patient: metadata, DICOM header and (with OCR) pixels.

    Raises ImageError (or MissingExtra) with a message that says what to do.
    """
    path = Path(path)
    head = _read_head(path)
    kind = detect_kind(head)
    ds = None
    if kind == "dicom" or kind is None:
        ds = _read_dicom(path, head) if kind == "dicom" or _has_pydicom() else None
        if ds is None:
            raise ImageError("not a PNG, JPEG or DICOM file (checked by content, not by the name).")
        kind = "dicom"
    report = ImageReport(path=str(path), kind=kind)
    header_values: list[tuple[str, str]] = []
    if ds is not None:
        found, notes = _dicom_findings(ds)
        report.findings.extend(found)
        report.notes.extend(notes)
        report.width, report.height = ds.get("Columns"), ds.get("Rows")
        header_values = _dicom_identifiers(ds)
        image, note = _dicom_image(ds)
        if note:
            report.notes.append(note)
    else:
        image = _open_photo(path)
        report.width, report.height = image.size
        report.findings.extend(_photo_findings(image))
    if image is None:
        report.notes.append(_unread_note("the pixels could not be decoded"))
    elif not ocr:
        report.notes.append(_unread_note("OCR was turned off"))
    elif not ocr_available():
        report.notes.append(_unread_note(f"no OCR engine: {OCR_HINT}"))
    else:
        try:
            found, lines = _ocr_findings(image, header_values)
        except Exception as exc:  # noqa: BLE001 - tesseract crashes must not hide the rest
            report.notes.append(_unread_note(f"the OCR engine failed: {_short(exc, 100)}"))
        else:
            report.pixels_read = True
            report.ocr_text = lines
            report.findings.extend(found)
            report.notes.append(
                f"The pixels were read by OCR ({len(lines)} line(s) of text). OCR misses small, "
                "faint or stylised text: still look at the corners and edges."
            )
    return report


def _has_pydicom() -> bool:
    try:
        import pydicom  # noqa: F401
    except ImportError:
        return False
    return True


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def strip_image(path: Path | str, out: Path | str) -> StripResult:
    """Write a copy without metadata. The original is never changed.

    Photos: the pixels re-encoded into a new file of the same kind (or the kind OUT's suffix
    names), turned upright first so dropping the orientation tag does not rotate them. DICOM: a
    PNG of the (first frame's) pixels, header dropped. Burned-in text stays in either case.
    """
    from socialcoach.fileio import atomic_write_bytes

    path, out = Path(path), Path(out)
    if _same_file(path, out):
        raise ImageError(f"{out} is the file being checked: give another path for the copy.")
    head = _read_head(path)
    kind = detect_kind(head)
    Image = _import_pil()
    notes: list[str] = []
    if kind in ("png", "jpeg"):
        from PIL import ImageOps

        source = _open_photo(path)
        upright = ImageOps.exif_transpose(source) or source
        suffix = out.suffix.lower()
        fmt = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}.get(suffix, source.format)
        mode = upright.mode
        if mode in ("P", "PA") or (mode == "LA" and fmt == "JPEG"):
            mode = "RGBA" if ("transparency" in upright.info or mode.endswith("A")) else "RGB"
            upright = upright.convert(mode)
        if fmt == "JPEG" and upright.mode not in ("L", "RGB", "CMYK"):
            upright = upright.convert("RGB")
        # A new image built from the pixel bytes alone carries no info, EXIF, ICC or text.
        clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
        buffer = io.BytesIO()
        if fmt == "JPEG":
            clean.save(buffer, "JPEG", quality=95, subsampling=0)
        else:
            clean.save(buffer, "PNG", optimize=False)
        notes.append(
            "Metadata removed; the pixels are unchanged, so anything visible in the image "
            "(burned-in text, faces, labels) is still there: crop or cover it."
        )
    else:
        ds = _read_dicom(path, head) if (kind == "dicom" or _has_pydicom()) else None
        if ds is None:
            raise ImageError("not a PNG, JPEG or DICOM file (checked by content, not by the name).")
        if out.suffix.lower() != ".png":
            raise ImageError(
                f"{out}: a DICOM file is stripped to a PNG of its pixels: give a path ending .png."
            )
        image, note = _dicom_image(ds)
        if image is None:
            raise ImageError(f"cannot make a copy without the header: {note}")
        if note:
            notes.append(note)
        fmt = "PNG"
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        notes.append(
            "DICOM header dropped: the copy is a plain PNG of the pixels. Any text burned into "
            "the pixels is still there unless you crop it."
        )
    try:
        atomic_write_bytes(out, buffer.getvalue(), mode=0o600)
    except FileNotFoundError as exc:
        raise ImageError(f"cannot write {out}: the folder does not exist.") from exc
    except OSError as exc:
        raise ImageError(f"cannot write {out}: {exc.strerror}. Choose another folder.") from exc
    return StripResult(out=out, format=fmt, notes=notes)


def report_json(report: ImageReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


def report_text(report: ImageReport) -> str:
    """Compiler-style report: one block per finding, then the notes and a summary line."""
    size = f", {report.width}x{report.height}" if report.width and report.height else ""
    lines = [f"{report.path}: {report.kind.upper()}{size}"]
    for f in report.findings:
        lines.append(f"{report.path}: {f.category}: {f.where}: {f.value!r}")
        lines.append(f"    why: {f.message}")
        lines.append(f"    fix: {f.fix}")
    if report.ocr_text:
        lines.append("Text read from the pixels:")
        lines.extend(f"    {line}" for line in report.ocr_text[:30])
        if len(report.ocr_text) > 30:
            lines.append(f"    … and {len(report.ocr_text) - 30} more line(s)")
    lines.extend(f"note: {note}" for note in report.notes)
    n = len(report.findings)
    if n == 0:
        lines.append(
            "No patient identifiers found in the metadata"
            + (" or the pixels." if report.pixels_read else " (the pixels were not read).")
        )
    else:
        lines.append(f"{n} possible identifier{'s' if n != 1 else ''} found.")
    return "\n".join(lines)
