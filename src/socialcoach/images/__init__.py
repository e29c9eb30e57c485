"""Image checker: what a photo or DICOM file gives away beyond what the eye sees at once.

Three places leak patient information in images: metadata (EXIF and the maker's private block,
XMP, IPTC, Photoshop resources, comments, PNG text, thumbnails and further MPF images), DICOM
headers, and text burned into the pixels. The first two are read exactly, from the file's raw
structure; the pixels only where an OCR engine (RapidOCR, else tesseract via pytesseract) is
installed, and the report says plainly when they were not read.

Layout: `readers` (photo metadata, a registry by file kind, over `containers`, `tiff`,
`makernotes`, `xmp`, `iptc`), `dicom` (the header against the PS3.15 profile), `ocr` (burned-in
text, with `rapid` and `words`), `redact` and `strip` (safe copies), `report` (text and JSON),
`check` (the whole check).

No Textual import; Pillow, numpy, pydicom, RapidOCR, pytesseract and pillow-heif are imported
inside functions, only for the files that need them.
"""

from __future__ import annotations

from socialcoach.images.check import NO_OCR_ENV, Progress, check_image, ocr_available
from socialcoach.images.model import (
    IMAGE_CATEGORIES,
    ImageError,
    ImageFinding,
    ImageReport,
    MissingExtra,
    StripResult,
)
from socialcoach.images.readers import detect_kind
from socialcoach.images.redact import RedactResult, redact_image
from socialcoach.images.report import report_json, report_text
from socialcoach.images.strip import strip_image

__all__ = [
    "IMAGE_CATEGORIES",
    "NO_OCR_ENV",
    "ImageError",
    "ImageFinding",
    "ImageReport",
    "MissingExtra",
    "Progress",
    "RedactResult",
    "StripResult",
    "check_image",
    "detect_kind",
    "ocr_available",
    "redact_image",
    "report_json",
    "report_text",
    "strip_image",
]
