"""A copy without metadata that keeps every pixel as it was.

JPEG: the metadata segments are dropped and the compressed image data copied byte for byte, so
the decoded pixels are identical (no re-encoding, no generation loss). The ICC colour profile
identifies no one and is kept unless asked; the orientation is kept as a one-tag EXIF block so
the picture does not turn on its side. Anything after the image's end (further MPF images,
vendor trailers) is dropped. PNG: ancillary chunks that carry text, dates or EXIF are dropped;
the image chunks are copied. WebP: the EXIF and XMP chunks are dropped. TIFF and DICOM become a
PNG of their pixels (DICOM as the file's window renders it) or, for DICOM to `.dcm`, a copy
de-identified by the Basic Profile.
"""

from __future__ import annotations

import struct
from pathlib import Path

from socialcoach.images import containers
from socialcoach.images.check import file_kind, read_bytes
from socialcoach.images.model import ImageError, StripResult

PIXELS_KEPT = (
    "Metadata removed without re-encoding: the pixels are unchanged, so anything visible in "
    "the image (burned-in text, faces, labels) is still there: cover it (--redact OUT) or crop."
)
# PNG chunks that change how the pixels look, kept; every other ancillary chunk goes.
_PNG_KEEP = {"tRNS", "gAMA", "cHRM", "sRGB", "sBIT", "bKGD", "pHYs", "acTL", "fcTL", "fdAT", "cICP"}


def _orientation_exif(orientation: int) -> bytes:
    """An APP1 EXIF segment holding nothing but the orientation tag."""
    tiff = b"MM\x00*" + struct.pack(">I", 8) + struct.pack(">H", 1)
    tiff += struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0) + struct.pack(">I", 0)
    payload = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def _orientation(data: bytes) -> int:
    from socialcoach.images.tiff import Tiff

    for seg in containers.jpeg_segments(data).segments:
        if seg.marker == 0xE1 and seg.payload.startswith(b"Exif\x00"):
            try:
                tiff = Tiff(seg.payload, 6)
                entries, _ = tiff.ifd(tiff.first_ifd())
            except (ValueError, struct.error):
                return 1
            for e in entries:
                if e.tag == 0x0112 and isinstance(e.value, tuple) and e.value:
                    return int(e.value[0]) if 1 <= int(e.value[0]) <= 8 else 1
    return 1


def strip_jpeg(data: bytes, *, keep_icc: bool = True) -> tuple[bytes, list[str]]:
    layout = containers.jpeg_segments(data)
    if layout.scan_start is None:
        raise ImageError("the image data is cut short or missing: no copy can be made from it.")
    out = bytearray(b"\xff\xd8")
    dropped: list[str] = []
    kept_icc = False
    orientation = _orientation(data)
    for seg in layout.segments[:-1]:  # the last one is the first SOS: copied with the scan
        p = seg.payload
        keep = False
        if seg.marker == 0xE0 and p.startswith(b"JFIF\x00"):
            keep = True
        elif seg.marker == 0xE2 and p.startswith(b"ICC_PROFILE\x00"):
            keep = keep_icc
            kept_icc = kept_icc or keep
        elif seg.marker == 0xEE and p.startswith(b"Adobe"):
            keep = True  # says how the colours were transformed: needed to decode them
        elif 0xE0 <= seg.marker <= 0xEF or seg.marker == 0xFE:
            keep = False
        else:
            keep = True  # tables and frame headers
        if keep:
            out += data[seg.start : seg.end]
        else:
            dropped.append(seg.name)
    if orientation != 1:
        out[2:2] = _orientation_exif(orientation)
    end = data.find(b"\xff\xd9", layout.scan_start)
    notes = [PIXELS_KEPT]
    if end < 0:  # cut short: what there is is copied, and closed
        out += data[layout.scan_start :] + b"\xff\xd9"
        notes.append("The image data was cut short: the copy holds what there is of it.")
        end = len(data)
    else:
        out += data[layout.scan_start : end + 2]
    if dropped:
        notes.append(f"Dropped: {', '.join(dict.fromkeys(dropped))}.")
    if end + 2 < len(data.rstrip(b"\x00")):
        notes.append("Data after the image (further MPF images, vendor trailers) dropped.")
    if kept_icc:
        notes.append(
            "The ICC colour profile was kept (it identifies no one; --strip-icc drops it)."
        )
    if orientation != 1:
        notes.append("The orientation tag was kept so the picture shows the right way up.")
    return bytes(out), notes


def strip_png(data: bytes, *, keep_icc: bool = True) -> tuple[bytes, list[str]]:
    chunks, truncated = containers.png_chunks(data)
    if truncated:
        raise ImageError("the PNG is cut short: no copy can be made from it.")
    out = bytearray(containers.PNG_SIGNATURE)
    dropped = []
    for chunk in chunks:
        if chunk.critical or chunk.type in _PNG_KEEP or (chunk.type == "iCCP" and keep_icc):
            out += data[chunk.start : chunk.end]
        else:
            dropped.append(chunk.type)
    notes = [PIXELS_KEPT.replace("without re-encoding", "(ancillary chunks only)")]
    if dropped:
        notes.append(f"Dropped: {', '.join(dict.fromkeys(dropped))}.")
    return bytes(out), notes


def strip_webp(data: bytes, *, keep_icc: bool = True) -> tuple[bytes, list[str]]:
    body = bytearray(b"WEBP")
    dropped = []
    for kind, chunk in containers.riff_chunks(data):
        if kind in ("EXIF", "XMP ") or (kind == "ICCP" and not keep_icc):
            dropped.append(kind.strip())
            continue
        if kind == "VP8X" and chunk:
            chunk = bytes([chunk[0] & ~0x0C & (0xFF if keep_icc else ~0x20 & 0xFF)]) + chunk[1:]
        body += kind.encode("latin-1") + struct.pack("<I", len(chunk)) + chunk
        if len(chunk) % 2:
            body += b"\x00"
    notes = [PIXELS_KEPT]
    if dropped:
        notes.append(f"Dropped: {', '.join(dropped)}.")
    return b"RIFF" + struct.pack("<I", len(body)) + bytes(body), notes


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False


def write_out(out: Path, payload: bytes) -> None:
    from socialcoach.fileio import atomic_write_bytes

    try:
        atomic_write_bytes(out, payload, mode=0o600)
    except FileNotFoundError as exc:
        raise ImageError(f"cannot write {out}: the folder does not exist.") from exc
    except OSError as exc:
        raise ImageError(f"cannot write {out}: {exc.strerror}. Choose another folder.") from exc


def check_out(path: Path, out: Path) -> None:
    """OUT must be new: the checker never overwrites a file, least of all the one it checks."""
    if _same_file(path, out):
        raise ImageError(f"{out} is the file being checked: give another path for the copy.")
    if out.exists():
        raise ImageError(f"{out} exists already: give a new path (nothing is overwritten).")


def strip_image(path: Path | str, out: Path | str, *, keep_icc: bool = True) -> StripResult:
    """Write a copy without metadata. The original is never changed."""
    path, out = Path(path), Path(out)
    check_out(path, out)
    data = read_bytes(path)
    kind = file_kind(data)
    suffix = out.suffix.lower()
    wanted = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp", ".dcm": "dicom"}
    if kind in ("jpeg", "png", "webp") and wanted.get(suffix, kind) != kind:
        raise ImageError(
            f"{out}: a {kind.upper()} is stripped to the same kind, so no pixel changes: give "
            f"a path ending .{'jpg' if kind == 'jpeg' else kind}."
        )
    if kind == "jpeg":
        payload, notes = strip_jpeg(data, keep_icc=keep_icc)
        fmt = "JPEG"
    elif kind == "png":
        payload, notes = strip_png(data, keep_icc=keep_icc)
        fmt = "PNG"
    elif kind == "webp":
        payload, notes = strip_webp(data, keep_icc=keep_icc)
        fmt = "WEBP"
    else:
        from socialcoach.images.redact import copy_without_metadata

        payload, fmt, notes = copy_without_metadata(path, kind, out)
    write_out(out, payload)
    return StripResult(out=out, format=fmt, notes=notes)
