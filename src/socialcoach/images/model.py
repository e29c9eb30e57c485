"""What an image finding is, the advice for each category, and the errors the checker raises.

Shared by every reader (photo metadata, DICOM, OCR) so a finding means the same wherever it
comes from. The categories and their advice live in the draft checker's table
(`socialcoach.phi.categories`: `CATEGORIES` for both, `IMAGE_CATEGORIES` for the ones only
images have, `IMAGE_ADVICE` for what a finding in an image says); importing it is light.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from socialcoach.phi.categories import COVER, IMAGE_ADVICE, STRIP
from socialcoach.phi.categories import IMAGE_CATEGORIES as IMAGE_CATEGORIES

INSTALL_HINT = "pip install 'socialcoach[images]'"
OCR_HINT = (
    f"{INSTALL_HINT} (it brings RapidOCR on Python 3.11-3.12; elsewhere install tesseract, "
    "Debian/Ubuntu: apt install tesseract-ocr)"
)
MAX_VALUE = 60  # characters of a value shown in a report

# The categories only images have, and the advice for every category an image finding can
# carry: one table with the draft checker's (`socialcoach.phi.categories`).
ADVICE = IMAGE_ADVICE

# The app's way to act on a finding: one button writes the copy that strips and covers.
APP_SAFE_COPY = 'press "Make a safe copy"'
_IN_APP = (
    (COVER, f"({APP_SAFE_COPY}: it writes a copy with every text region read covered)"),
    (STRIP, f"({APP_SAFE_COPY}, which leaves it out)"),
)


def in_app_words(advice: str) -> str:
    """The advice with the command line's flags (`phi.categories.STRIP`, `COVER`) put in the
    app's words: where the app shows it, a user has a button, not a command."""
    for flag, words in _IN_APP:
        advice = advice.replace(flag, words)
    return advice


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
        data["summary"] = self.summary()
        return data

    def summary(self, safe_copy: str = "make a safe copy (--redact OUT)") -> str:
        """The last word of a check, the same in the terminal, the JSON and the app.

        A clean answer says what was read: "nothing found" after OCR read no text at all
        would be false confidence (faint grey-on-grey overlays are read by no engine's
        quick passes, yet a person reads them at once)."""
        n = len(self.findings)
        if n:
            return f"{n} possible identifier{'s' if n != 1 else ''} found."
        if not self.pixels_read:
            return "No patient identifiers found in the metadata (the pixels were not read)."
        if not self.ocr_text:
            return (
                "No patient identifiers found in the metadata, and OCR read no text in the "
                "pixels. That is not proof there is none: faint, small or stylised text is "
                "often missed. Look at the corners and edges yourself, or "
                f"{safe_copy}, which reads harder and covers what it reads."
            )
        lines = len(self.ocr_text)
        return (
            "No patient identifiers found in the metadata or in the "
            f"{lines} line{'s' if lines != 1 else ''} of text OCR read. OCR may have missed "
            "faint or small text: look at the corners and edges before posting."
        )


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
