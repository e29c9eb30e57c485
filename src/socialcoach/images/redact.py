"""A safe copy: no metadata, and every text region OCR read covered by a solid box.

Every word tesseract read is covered (not only the ones that look like identifiers: a word
misread as harmless may be a name), with a margin of a third of its height, at least 4 pixels.
The copy is read again by OCR; whatever is still read is covered too, up to three rounds.
Then it is read as a curious reader would (`leak`: enlarged, stretched, inverted), what that
reads is covered, and a copy that still reads something identifying is not written. From
a DICOM, OUT `.png`/`.jpg` is the first frame rendered with the file's window (VOI LUT), and
OUT `.dcm` a DICOM de-identified by the Basic Profile with the same boxes covered in every
frame. What OCR cannot promise is said in the report: text it does not read is not covered.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from socialcoach.images import check, ocr
from socialcoach.images.model import OCR_HINT, ImageError, ImageReport, short
from socialcoach.images.strip import check_out, write_out

ROUNDS = 3
LEAK_ROUNDS = 3  # reader's readings: two to cover, the last only to confirm
PROMISE = (
    "OCR cannot promise that nothing is left: it misses handwriting, text over busy image "
    "content, very small or rotated text, and faces. Look at the copy before posting it."
)
_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".dcm": "DICOM"}


@dataclass(slots=True)
class RedactResult:
    out: Path
    report: ImageReport  # the check of the original, with `covered` filled in
    covered: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _grown(box: tuple[int, int, int, int], size: tuple[int, int]) -> tuple[int, int, int, int]:
    left, top, width, height = box
    margin = max(4, round(height / 3))
    x0, y0 = max(0, left - margin), max(0, top - margin)
    x1 = min(size[0], left + width + margin)
    y1 = min(size[1], top + height + margin)
    return x0, y0, x1 - x0, y1 - y0


def line_boxes(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Word boxes on one line joined into one box: what OCR missed between two words it read
    (the `^JANE^` of `DOE^JANE^M`) is covered too."""
    merged: list[list[int]] = []
    for left, top, width, height in sorted(boxes, key=lambda b: (b[1], b[0])):
        for m in merged:
            same_row = abs((top + height / 2) - (m[1] + m[3] / 2)) <= max(height, m[3]) / 2
            gap = left - (m[0] + m[2])
            if same_row and gap <= 4 * max(height, m[3]) and left + width >= m[0] - 4 * height:
                right, bottom = max(m[0] + m[2], left + width), max(m[1] + m[3], top + height)
                m[0], m[1] = min(m[0], left), min(m[1], top)
                m[2], m[3] = right - m[0], bottom - m[1]
                break
        else:
            merged.append([left, top, width, height])
    return [tuple(m) for m in merged]  # type: ignore[misc]


def _touches(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _cover(image: Any, boxes: list[tuple[int, int, int, int]]) -> Any:
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    fill = 0 if image.mode in ("L", "I", "F", "1") else (0,) * len(image.getbands())
    for left, top, width, height in boxes:
        draw.rectangle((left, top, left + width - 1, top + height - 1), fill=fill)
    return image


def _encode(image: Any, fmt: str) -> bytes:
    from PIL import Image

    mode = image.mode
    if fmt == "JPEG" and mode not in ("L", "RGB"):
        image = image.convert("RGB")
    elif fmt == "PNG" and mode not in ("L", "LA", "RGB", "RGBA", "I;16"):
        image = image.convert("RGBA" if "A" in mode else "RGB")
    # A new image from the pixel bytes alone carries no EXIF, ICC, text or other info.
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    buffer = io.BytesIO()
    if fmt == "JPEG":
        clean.save(buffer, "JPEG", quality=95)
    else:
        clean.save(buffer, "PNG")
    return buffer.getvalue()


def covered_words(image: Any) -> list[tuple[int, int, int, int]]:
    _views, _passes, boxes = ocr.read_level(image, thorough=True)
    return boxes


def _cover_what_readers_read(
    image: Any, boxes: list[tuple[int, int, int, int]], progress: check.Progress | None
) -> list[str]:
    """Read the covered copy as a curious reader would (`leak`) and cover what is read, up
    to LEAK_ROUNDS times. What still reads on the last round and could identify
    (`leak.identifying`) stops the copy: ImageError, nothing written. Returns the notes for
    the report."""
    from socialcoach.images import leak

    if not leak.available():
        return [
            "The copy was not read again the way a curious reader would (enlarged, stretched, "
            "inverted): that needs tesseract. Look at it closely before posting."
        ]
    extra = 0
    for round_ in range(1, LEAK_ROUNDS + 1):
        if progress:
            progress(f"reading the covered copy as a reader would (round {round_})")
        read = leak.still_readable(image)
        if not read:
            if extra:
                return [
                    f"{extra} more text region(s) were read only when the copy was enlarged, "
                    "stretched or inverted: they are covered too."
                ]
            return [
                "The covered copy was read again enlarged, contrast-stretched and inverted: "
                "no text was read."
            ]
        left = [_grown(r.box, image.size) for r in read]
        boxes.extend(left)
        _cover(image, left)
        if round_ < LEAK_ROUNDS:
            extra += len(left)
            continue
        # The last reading: what could identify, read alike in two copies, stops the copy;
        # what only one copy reads, and short fragments that look like no identifier (a
        # stretched texture read as `aoe`, a photo's moire as `Lene`), are covered, and said.
        risky = leak.confirmed(leak.identifying(read), read)
        if risky:
            words = ", ".join(sorted({repr(short(r.text, 20)) for r in risky})[:6])
            raise ImageError(
                f"no safe copy was written: after covering, text can still be read "
                f"({words}, {risky[0].how}). Crop the image to the part you need, or cover "
                "the text in an image editor, then check that copy."
            )
        fragments = ", ".join(sorted({repr(short(r.text, 20)) for r in read})[:6])
        return [
            f"{extra + len(left)} more region(s) were read only when the copy was enlarged, "
            f"stretched or inverted, the last of them fragments ({fragments}) that no two "
            "readings agree on or that look like no identifier, probably image texture: all "
            "are covered. Look at the copy."
        ]
    return []


def redact_image(
    path: Path | str, out: Path | str, *, progress: check.Progress | None = None
) -> RedactResult:
    """Check the file, then write a covered copy without metadata to OUT. Never changes FILE."""
    path, out = Path(path), Path(out)
    check_out(path, out)
    fmt = _FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise ImageError(f"{out}: give a path ending .png, .jpg or (from a DICOM) .dcm.")
    check._import_pil()  # MissingExtra says what to install
    if not check.ocr_available():
        raise ImageError(f"a safe copy needs OCR to find the text to cover: {OCR_HINT}.")
    checked = check.run(path, ocr=True, progress=progress, keep_pixels=True)
    report = checked.report
    if checked.image is None:
        why = checked.why_no_pixels or "no decoder for them"
        raise ImageError(f"no covered copy can be made: {why}.")
    if fmt == "DICOM" and checked.dataset is None:
        raise ImageError(f"{out}: only a DICOM file can be written as .dcm: use .png or .jpg.")
    image = checked.image.copy()
    boxes = [_grown(b, image.size) for b in line_boxes(checked.text_boxes)]
    _cover(image, boxes)
    for round_ in range(2, ROUNDS + 1):
        if progress:
            progress(f"checking the covered copy (round {round_ - 1})")
        left = [_grown(b, image.size) for b in line_boxes(covered_words(image))]
        if not left:
            break
        boxes.extend(left)
        _cover(image, left)
    leak_notes = _cover_what_readers_read(image, boxes, progress)
    covered = [
        f"{f.category} {f.value!r} at {f.where.removeprefix('pixels at ')}"
        for f in report.findings
        if f.source == "ocr" and f.box is not None
    ]
    finding_boxes = [f.box for f in report.findings if f.source == "ocr" and f.box]
    extra = sum(1 for b in boxes if not any(_touches(b, fb) for fb in finding_boxes))
    if extra:
        covered.append(f"{extra} more text region(s) that did not look like identifiers")
    if fmt == "DICOM":
        from socialcoach.images.dicom import deidentify

        try:
            ds = deidentify(checked.dataset, boxes)
            buffer = io.BytesIO()
            ds.save_as(buffer, enforce_file_format=True)
        except Exception as exc:  # noqa: BLE001 - pixel codecs and odd headers fail many ways
            raise ImageError(
                f"the de-identified DICOM could not be written ({short(exc, 100)}): "
                "give a path ending .png for a rendered, covered copy instead."
            ) from exc
        payload = buffer.getvalue()
        notes = ["Header de-identified by the PS3.15 Basic Profile (private tags removed)."]
    else:
        payload = _encode(image, fmt)
        notes = ["No metadata: the copy is built from the pixels alone."]
    write_out(out, payload)
    notes.extend(leak_notes)
    notes.append(PROMISE)
    report.covered = covered
    return RedactResult(out=out, report=report, covered=covered, notes=notes)


def copy_without_metadata(path: Path, kind: str, out: Path) -> tuple[bytes, str, list[str]]:
    """For --strip of TIFF, HEIC and DICOM: a PNG of the pixels, or a de-identified DICOM."""
    fmt = _FORMATS.get(out.suffix.lower())
    if kind == "dicom" and fmt == "DICOM":
        from socialcoach.images import dicom

        try:
            ds = dicom.deidentify(dicom.read(path), [])
            buffer = io.BytesIO()
            ds.save_as(buffer, enforce_file_format=True)
        except ImageError:
            raise
        except Exception as exc:  # noqa: BLE001 - odd headers fail many ways
            raise ImageError(
                f"the de-identified DICOM could not be written ({short(exc, 100)})."
            ) from exc
        return (
            buffer.getvalue(),
            "DICOM",
            [
                "Header de-identified by the PS3.15 Basic Profile; the pixels are unchanged, so "
                "burned-in text is still there: use --redact OUT to cover it."
            ],
        )
    if fmt != "PNG":
        raise ImageError(
            f"{out}: a {kind.upper()} file is stripped to a PNG: give a path ending .png."
        )
    checked = check.run(path, ocr=False, keep_pixels=True)
    if checked.image is None:
        raise ImageError("the pixels cannot be decoded, so no copy can be made.")
    return (
        _encode(checked.image, "PNG"),
        "PNG",
        [
            "The copy is a PNG of the pixels with no metadata. Any text burned into the pixels is "
            "still there: use --redact OUT to cover it."
        ],
    )
