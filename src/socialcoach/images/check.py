"""The whole check of one file: its kind, its metadata or header, then (with OCR) its pixels.

Metadata is read from the raw bytes before any pixel is decoded, so a truncated photo still
has its GPS block reported. Pixels are decoded only for OCR, and a large JPEG is decoded at a
reduced scale (libjpeg's DCT scaling) since tesseract reads a 2,000-pixel copy as well as a
4,000-pixel one and in a quarter of the time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from socialcoach.images import ocr as ocr_mod
from socialcoach.images import readers
from socialcoach.images.model import (
    INSTALL_HINT,
    OCR_HINT,
    ImageError,
    ImageReport,
    MissingExtra,
    short,
)

NO_OCR_ENV = ocr_mod.NO_OCR_ENV
Progress = Callable[[str], None]
MAX_BYTES = 1_000_000_000
KINDS = "a PNG, JPEG, TIFF, WebP, HEIC or DICOM file"


def ocr_available() -> bool:
    """pytesseract importable and the tesseract program present (and not turned off)."""
    return ocr_mod.available()


@dataclass(slots=True)
class Checked:
    """A report and what a safe copy needs: the decoded pixels and every text box read."""

    report: ImageReport
    image: Any = None  # upright Pillow image (photo) or the rendered first frame (DICOM)
    dataset: Any = None
    text_boxes: list[tuple[int, int, int, int]] = field(default_factory=list)
    why_no_pixels: str | None = None


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImageError(f"too large to check ({size // 1_000_000} MB).")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ImageError(f"no such file. Give the path of {KINDS}.") from exc
    except IsADirectoryError as exc:
        raise ImageError(f"is a folder. Give the path of {KINDS}.") from exc
    except PermissionError as exc:
        raise ImageError("cannot be read: permission denied.") from exc
    except OSError as exc:
        raise ImageError(f"cannot be read ({exc.strerror}).") from exc


def file_kind(data: bytes) -> str:
    from socialcoach.images.dicom import looks_like_dicom

    kind = readers.detect_kind(data[:132])
    if kind is None and looks_like_dicom(data[:132]):
        kind = "dicom"
    if kind is None:
        raise ImageError(f"not {KINDS} (checked by content, not by the name).")
    return kind


def unread_note(why: str) -> str:
    return (
        f"The pixels were NOT read for burned-in text ({why}). Check the corners and edges by "
        "eye: names, IDs, dates of birth, accession numbers and hospital names are usually "
        "there."
    )


def _import_pil() -> Any:
    try:
        from PIL import Image
    except ImportError as exc:
        raise MissingExtra(f"reading the pixels needs Pillow: {INSTALL_HINT}") from exc
    return Image


HEIC_HINT = "HEIC pixels need pillow-heif: pip install 'socialcoach[heic]'"


def _heif_opener() -> str | None:
    """Teach Pillow to open HEIC/HEIF (pillow-heif, imported only for such a file), or say
    what to install."""
    try:
        import pillow_heif
    except ImportError:
        return HEIC_HINT
    pillow_heif.register_heif_opener()
    return None


def decode_photo(
    path: Path, *, for_ocr: bool, kind: str | None = None
) -> tuple[Any, float, str | None]:
    """The upright pixels, the factor they were reduced by, or None and why they cannot be read.

    For OCR a large JPEG is decoded at 1/2 scale; a copy to write is decoded in full. A HEIC
    file is decoded by pillow-heif, which applies the file's rotation and mirroring itself.
    """
    try:
        Image = _import_pil()
    except MissingExtra as exc:
        if not for_ocr:
            raise
        return None, 1.0, str(exc)
    from PIL import ImageOps

    if kind == "heic":
        missing = _heif_opener()
        if missing:
            if not for_ocr:
                raise MissingExtra(missing)
            return None, 1.0, missing

    try:
        image = Image.open(path)
        full = image.size
        if for_ocr and image.format == "JPEG" and max(full) > 2600:
            image.draft("RGB", (full[0] // 2, full[1] // 2))
        image.load()
        factor = image.size[0] / full[0]
        image = ImageOps.exif_transpose(image) or image
    except Image.DecompressionBombError as exc:
        return None, 1.0, f"too large to decode safely ({short(exc, 80)})"
    except (OSError, SyntaxError, ValueError) as exc:
        if "cannot identify image file" in str(exc):
            return (
                None,
                1.0,
                "Pillow has no decoder for this kind of image",
            )
        return None, 1.0, f"the pixels are damaged and cannot be decoded ({short(exc, 80)})"
    return image, factor, None


def run(
    path: Path | str,
    *,
    ocr: bool = True,
    progress: Progress | None = None,
    keep_pixels: bool = False,
) -> Checked:
    path = Path(path)
    say = progress or (lambda _message: None)
    data = read_bytes(path)
    kind = file_kind(data)
    report = ImageReport(path=str(path), kind=kind)
    checked = Checked(report)
    header_values: list[tuple[str, str]] = []
    image = None
    factor = 1.0
    if kind == "dicom":
        from socialcoach.images import dicom

        say("reading the DICOM header")
        ds = dicom.read(path)
        found, notes = dicom.findings(ds)
        report.findings.extend(found)
        report.notes.extend(notes)
        rows, cols = ds.get("Rows"), ds.get("Columns")
        report.width, report.height = (int(cols), int(rows)) if rows and cols else (None, None)
        header_values = dicom.header_values(ds)
        checked.dataset = ds
        why = None
        if ocr or keep_pixels:
            say("decoding the pixels")
            image, why = dicom.render(ds)
            if why and image is not None:
                report.notes.append(why)
                why = None
    else:
        say("reading the metadata")
        try:
            report.findings.extend(readers.read_metadata(kind, data))
        except (ValueError, IndexError) as exc:
            report.notes.append(f"Part of the metadata could not be read ({short(exc, 80)}).")
        why = None
        if ocr or keep_pixels:
            say("decoding the pixels")
            image, factor, why = decode_photo(path, for_ocr=not keep_pixels, kind=kind)
            if image is not None:
                report.width = round(image.width / factor)
                report.height = round(image.height / factor)
    if image is None:
        checked.why_no_pixels = why
        report.notes.append(unread_note(why or "OCR was turned off"))
    elif not ocr:
        report.notes.append(unread_note("OCR was turned off"))
    elif not ocr_available():
        report.notes.append(unread_note(f"no OCR engine: {OCR_HINT}"))
    else:
        _load_draft_checker_meanwhile()
        try:
            views, passes, boxes = ocr_mod.read_level(image, say)
            found, lines = [], []
            for view in views:
                view_found, view_lines = ocr_mod.findings(view.words, header_values)
                found += [_reboxed(f, view.back) for f in view_found]
                lines += view_lines
        except Exception as exc:  # noqa: BLE001 - tesseract crashes must not hide the rest
            report.notes.append(unread_note(f"the OCR engine failed: {short(exc, 100)}"))
        else:
            if factor != 1.0:
                found = [_reboxed(f, lambda b: _scale_box(b, factor)) for f in found]
                boxes = [_scale_box(b, factor) for b in boxes]
            report.pixels_read = True
            report.ocr_text = lines
            report.findings.extend(found)
            checked.text_boxes = boxes
            report.notes.append(
                f"The pixels were read by OCR ({len(lines)} line(s) of text; "
                f"{len(passes)} pass(es): {', '.join(passes)}). "
                "OCR misses small, faint, stylised or handwritten text: still look at the "
                "corners and edges."
            )
    checked.image = image if keep_pixels else None
    return checked


def _load_draft_checker_meanwhile() -> None:
    """Load the draft checker's rules and word lists (0.5 s cold) in a thread while the OCR
    engine runs: the engine's native code leaves the interpreter free, and the words it reads
    go to `phi.check` next, so a cold 12-megapixel check does not pay for both in turn."""
    import sys
    import threading

    if "socialcoach.phi.names" in sys.modules:
        return

    def load() -> None:
        try:
            from socialcoach import phi

            phi.warm()
        except Exception:  # noqa: BLE001 - the check itself imports phi again and reports
            pass

    threading.Thread(target=load, name="load-phi-rules", daemon=True).start()


def _scale_box(box: tuple[int, int, int, int], factor: float) -> tuple[int, int, int, int]:
    return tuple(round(v / factor) for v in box)  # type: ignore[return-value]


def _reboxed(f: Any, box_of: Any) -> Any:
    """An OCR finding with its box (and the `where` that names it) taken through box_of:
    from a level copy back into a turned photo, or from a reduced copy to full size."""
    from dataclasses import replace

    if f.box is None:
        return f
    box = box_of(f.box)
    if box == f.box:
        return f
    return replace(f, box=box, where=f"pixels at x={box[0]} y={box[1]} {box[2]}x{box[3]}")


def check_image(
    path: Path | str, *, ocr: bool = True, progress: Progress | None = None
) -> ImageReport:
    """Everything the file says about a patient: metadata, DICOM header and (with OCR) pixels.

    Raises ImageError (or MissingExtra) with a message that says what to do.
    """
    return run(path, ocr=ocr, progress=progress).report
