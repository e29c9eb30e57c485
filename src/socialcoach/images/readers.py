"""Photo metadata readers behind a registry: one reader per file kind, one per block kind.

`READERS` maps a file kind (jpeg, png, tiff, webp, heic) to the function that lists what its
metadata gives away; `detect_kind` says which kind a file is from its first bytes. Block
readers (EXIF, XMP, IPTC, Photoshop) are shared: a JPEG's APP1 EXIF, a PNG's eXIf chunk, a
WebP's EXIF chunk and a TIFF file itself all go through `tiff.read_exif`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable

from socialcoach.images import containers, iptc, xmp
from socialcoach.images.fields import field_category, field_findings
from socialcoach.images.model import ImageFinding, finding, text_findings
from socialcoach.images.tiff import iter_ascii, read_exif

Reader = Callable[[bytes], list[ImageFinding]]


def detect_kind(head: bytes) -> str | None:
    """png, jpeg, tiff, webp, heic or dicom from the first bytes (at least 132), or None.

    DICOM first: its 128-byte preamble may hold a TIFF header (dual-format files)."""
    if len(head) >= 132 and head[128:132] == b"DICM":
        return "dicom"
    if head.startswith(containers.PNG_SIGNATURE):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in (
        b"heic",
        b"heix",
        b"mif1",
        b"msf1",
        b"heim",
        b"avif",
    ):
        return "heic"
    if len(head) >= 132 and head[128:132] == b"DICM":
        return "dicom"
    return None


def _nested(kind: str, raw: bytes, where: str) -> list[ImageFinding]:
    if kind == "xmp":
        return xmp.read_packet(raw, f"XMP (in {where})")
    if kind == "iptc":
        return iptc.read_iim(raw)
    return iptc.read_irb(raw, exif_block, xmp.read_packet)


def exif_block(raw: bytes) -> list[ImageFinding]:
    """An EXIF block, with or without its "Exif\\0\\0" signature."""
    if raw.startswith(b"Exif\x00"):
        raw = raw[6:]
    return read_exif(raw, 0, _nested)


_UTF16_RUN = re.compile(rb"(?:[\x20-\x7e]\x00){4,}")
_FILETIME = re.compile(rb"\x40\x00\x00\x00(.{8})", re.DOTALL)
_FLASHPIX_NAMES = {"extension list", "screen nail", "audio", "contents"}


def _flashpix(raw: bytes) -> list[ImageFinding]:
    """FlashPix (APP2 "FPXR") streams: a screen-nail preview, with notes and dates in an OLE
    property set. Its text (UTF-16) and its FILETIME dates are read; the streams themselves
    are not rebuilt."""
    found = [
        finding(
            "thumbnail",
            "flashpix",
            "FlashPix block (APP2)",
            "FlashPix streams: a preview image and notes can be kept there",
            tags=("ScreenNail", "PreviewImage"),
        )
    ]
    texts = []
    for m in _UTF16_RUN.finditer(raw):
        text = m.group().decode("utf-16-le").strip()
        if text.lower() not in _FLASHPIX_NAMES and "_" not in text and text not in texts:
            texts.append(text)
    if texts:
        found.append(
            finding(
                "hidden_text",
                "flashpix",
                "FlashPix text",
                "; ".join(texts),
                tags=("ExtensionDescription", "ExtensionName"),
            )
        )
    dates = []
    for m in _FILETIME.finditer(raw):
        ticks = int.from_bytes(m.group(1), "little")
        seconds = ticks / 10_000_000 - 11_644_473_600  # 1601 -> 1970
        if 631_152_000 <= seconds <= 1_924_992_000:  # 1990-2031: a real date, not noise
            import datetime as dt

            when = dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y:%m:%d %H:%M:%S")
            if when not in dates:
                dates.append(when)
    if dates:
        found.append(
            finding(
                "date",
                "flashpix",
                "FlashPix dates",
                ", ".join(dates),
                tags=("ExtensionCreateDate", "ExtensionModifyDate"),
            )
        )
    return found


def _jfxx(payload: bytes) -> list[ImageFinding]:
    return [
        finding(
            "thumbnail",
            "jfif",
            "JFXX thumbnail (APP0)",
            f"embedded preview image ({len(payload)} bytes)",
            tags=("ThumbnailImage",),
        )
    ]


_DUCKY_FIELDS = {2: "Comment", 3: "Copyright"}


def _ducky(payload: bytes) -> list[ImageFinding]:
    found, pos = [], 5
    while pos + 4 <= len(payload):
        tag, size = (
            int.from_bytes(payload[pos : pos + 2], "big"),
            int.from_bytes(payload[pos + 2 : pos + 4], "big"),
        )
        if tag == 0:
            break
        value = payload[pos + 4 : pos + 4 + size]
        if tag in _DUCKY_FIELDS:
            name = _DUCKY_FIELDS[tag]
            text = value[4:].decode("utf-16-be", "replace")
            found.extend(field_findings("ducky", f"Ducky {name} (APP12)", name, text))
        pos += 4 + size
    return found


def _picture_info(payload: bytes) -> list[ImageFinding]:
    found = []
    for line in payload.decode("latin-1").splitlines():
        key, sep, value = line.partition("=")
        if sep and (category := field_category(key)):
            found.extend(field_findings("appn", f"APP12 {key}", key, value, category=category))
    return found


_KEY_VALUE = re.compile(
    r"<(?P<x>\w+)>(?P<xv>[^<]{1,200})</(?P=x)>|\"(?P<j>\w+)\"\s*:\s*\"(?P<jv>[^\"]{1,200})\""
    r"|^(?P<k>\w+)=(?P<kv>.{1,200})$",
    re.MULTILINE,
)


def _vendor_block(segment: containers.Segment) -> list[ImageFinding]:
    """An APPn block nobody documents (FLIR, InfiRay, GoPro...): named fields where it is XML,
    JSON or key=value text, and otherwise its readable text; serial-like strings one by one."""
    signature = segment.payload[:16].split(b"\x00", 1)[0].decode("latin-1", "replace")
    where = f"{segment.name} block {signature!r}"
    text = segment.payload.decode("latin-1")
    found: list[ImageFinding] = []
    for m in _KEY_VALUE.finditer(text):
        key = m.group("x") or m.group("j") or m.group("k")
        value = m.group("xv") or m.group("jv") or m.group("kv")
        if key and value and (category := field_category(key)):
            found.extend(field_findings("appn", f"{where} {key}", key, value, category=category))
    if found:
        return found
    strings = [s for s in iter_ascii(segment.payload[len(signature) :], 5) if _worth(s)]
    message = (
        "A maker's private block: cameras and thermal imagers keep serial numbers, owner "
        "names and dates there."
    )
    serials = [s for s in strings if re.search(r"\d{4}", s)][:10]
    for serial in serials:
        found.append(
            finding("device", "appn", where, serial.strip(), message=message, tags=(signature,))
        )
    rest = [s for s in strings if s not in serials]
    if rest:
        found.append(
            finding(
                "device", "appn", where, "; ".join(rest[:8]), message=message, tags=(signature,)
            )
        )
    return found


def _worth(text: str) -> bool:
    return sum(c.isalnum() for c in text) >= 4 and not re.fullmatch(r"[A-Za-z]{1,5}", text)


_PLAIN_APPS = (b"JFIF\x00", b"ICC_PROFILE\x00", b"Adobe", b"http://ns.adobe.com/xap/1.0/\x00")


def read_jpeg(data: bytes, label: str = "") -> list[ImageFinding]:
    """Every block of a JPEG (and of each further image its MPF block lists)."""
    layout = containers.jpeg_segments(data)
    found: list[ImageFinding] = []
    extended: list[bytes] = []
    photoshop = b""
    exif = b""
    flashpix = b""
    for seg in layout.segments:
        p = seg.payload
        if seg.marker == 0xE1 and p.startswith(b"Exif\x00"):
            # EXIF split over several segments: the later ones carry on the first's data.
            if exif and p[6:10] not in (b"II*\x00", b"MM\x00*"):
                exif += p[6:]
                continue
            if exif:
                found.extend(exif_block(exif))
            exif = p
        elif seg.marker == 0xE1 and p.startswith(xmp.XMP_SIGNATURE):
            found.extend(xmp.read_packet(p[len(xmp.XMP_SIGNATURE) :]))
        elif seg.marker == 0xE1 and p.startswith(xmp.EXTENSION_SIGNATURE):
            extended.append(p)
        elif seg.marker == 0xE0 and p.startswith(b"JFXX\x00"):
            found.extend(_jfxx(p))
        elif seg.marker == 0xE2 and p.startswith(b"FPXR\x00"):
            flashpix += p
        elif seg.marker == 0xE2 and p.startswith(b"MPF\x00"):
            for n, (offset, size) in enumerate(containers.mpf_images(seg, data), 2):
                found.append(
                    finding(
                        "thumbnail",
                        "mpf",
                        f"MPF image {n}",
                        f"a further picture inside the file ({size} bytes)",
                        tags=(f"MPImage{n}", "PreviewImage"),
                    )
                )
                inner = data[offset : offset + size] if size else data[offset:]
                if inner.startswith(b"\xff\xd8"):
                    with contextlib.suppress(ValueError):
                        found.extend(read_jpeg(inner, f"MPF image {n}: "))
        elif seg.marker == 0xED:
            photoshop += (
                p[len(iptc.PHOTOSHOP_SIGNATURE) :] if p.startswith(iptc.PHOTOSHOP_SIGNATURE) else p
            )
        elif seg.marker == 0xEC and p.startswith(b"Ducky"):
            found.extend(_ducky(p))
        elif seg.marker == 0xEC and b"=" in p[:200]:
            found.extend(_picture_info(p))
        elif seg.marker == 0xFE:
            text = p.decode("utf-8", "replace").strip("\x00 \n")
            if text:
                where = "JPEG comment (COM)"
                hits = text_findings(text, "jpeg-comment", where, ("Comment",))
                found.extend(
                    hits or [finding("hidden_text", "jpeg-comment", where, text, tags=("Comment",))]
                )
        elif seg.marker == 0xE3 and p[:4] in (b"Meta", b"META", b"Exif"):
            found.extend(read_exif(p[6:], 0, _nested, label="Kodak Meta"))
        elif 0xE0 <= seg.marker <= 0xEF and not p.startswith(_PLAIN_APPS):
            found.extend(_vendor_block(seg))
    end = data.find(b"\xff\xd9", layout.scan_start) if layout.scan_start else -1
    trailer = data[end + 2 :] if end > 0 else b""
    at = trailer.find(b"\x1c\x02")
    if at >= 0 and not label:  # IPTC kept after the image (FotoStation and others)
        found.extend(iptc.read_iim(trailer[at:], "IPTC (after the image)"))
    if exif:
        found.extend(exif_block(exif))
    if flashpix:
        found.extend(_flashpix(flashpix))
    for packet in xmp.join_extended(extended):
        found.extend(xmp.read_packet(packet, "XMP (extended)"))
    if photoshop:
        found.extend(iptc.read_irb(photoshop, exif_block, xmp.read_packet))
    if label:
        found = [_relabel(f, label) for f in found]
    return found


def _relabel(f: ImageFinding, label: str) -> ImageFinding:
    from dataclasses import replace

    return replace(f, where=label + f.where)


def _raw_profile(keyword: str, text: str) -> list[ImageFinding]:
    """ImageMagick's "Raw profile type exif/iptc/xmp": the block written as hex in a text chunk."""
    lines = text.strip().split("\n", 2)
    if len(lines) < 3:
        return []
    try:
        raw = bytes.fromhex("".join(lines[2].split()))
    except ValueError:
        return []
    kind = keyword.lower().rsplit(" ", 1)[-1]
    if kind in ("exif", "app1"):
        return exif_block(raw)
    if kind == "iptc":
        return iptc.read_irb(raw, exif_block, xmp.read_packet) or iptc.read_iim(raw)
    if kind == "xmp":
        return xmp.read_packet(raw)
    if kind == "8bim":
        return iptc.read_irb(raw, exif_block, xmp.read_packet)
    return []


def read_png(data: bytes) -> list[ImageFinding]:
    chunks, _truncated = containers.png_chunks(data)
    found: list[ImageFinding] = []
    for chunk in chunks:
        if chunk.type in ("tEXt", "zTXt", "iTXt"):
            parsed = containers.png_text(chunk)
            if parsed is None:
                continue
            key, text = parsed
            where = f"PNG text chunk {key!r}"
            if "xmp" in key.lower():
                found.extend(xmp.read_packet(text.encode("utf-8")))
                continue
            if key.lower().startswith("raw profile type"):
                found.extend(_raw_profile(key, text))
                continue
            category = field_category(key)
            if category is None or category == "hidden_text":
                # Unknown keys are free text to PNG: anyone may have typed anything there.
                text = text.strip()
                if text:
                    hits = text_findings(text, "png-text", where, (key,))
                    found.extend(
                        hits or [finding("hidden_text", "png-text", where, text, tags=(key,))]
                    )
            else:
                found.extend(
                    field_findings("png-text", where, key, text, category=category, tags=(key,))
                )
        elif chunk.type == "tIME" and len(chunk.data) == 7:
            y, mo, d, h, mi, s = int.from_bytes(chunk.data[:2], "big"), *chunk.data[2:7]
            value = f"{y:04d}:{mo:02d}:{d:02d} {h:02d}:{mi:02d}:{s:02d}"
            found.append(finding("date", "png", "PNG tIME chunk", value, tags=("ModifyDate",)))
        elif chunk.type in ("eXIf", "zxIf"):
            found.extend(exif_block(chunk.data))
    return found


def read_tiff(data: bytes) -> list[ImageFinding]:
    return read_exif(data, 0, _nested, label="TIFF")


def read_webp(data: bytes) -> list[ImageFinding]:
    found: list[ImageFinding] = []
    for kind, body in containers.riff_chunks(data):
        if kind == "EXIF":
            found.extend(exif_block(body))
        elif kind == "XMP ":
            found.extend(xmp.read_packet(body))
    return found


def read_heic(data: bytes) -> list[ImageFinding]:
    """HEIF/HEIC: the Exif and XMP items found by their signatures (the item table is not
    walked, so an item split over several extents may be missed)."""
    found: list[ImageFinding] = []
    for m in re.finditer(rb"Exif\x00\x00(II\*\x00|MM\x00\*)", data):
        found.extend(read_exif(data, m.start() + 6, _nested))
    for m in re.finditer(rb"<x:xmpmeta", data):
        end = data.find(b"</x:xmpmeta>", m.start())
        if end > 0:
            found.extend(xmp.read_packet(data[m.start() : end + 12]))
    return found


READERS: dict[str, Reader] = {
    "jpeg": read_jpeg,
    "png": read_png,
    "tiff": read_tiff,
    "webp": read_webp,
    "heic": read_heic,
}


def read_metadata(kind: str, data: bytes) -> list[ImageFinding]:
    """What a photo's metadata gives away, duplicates (the same field read twice) dropped."""
    found = READERS[kind](data)
    out, seen = [], set()
    for f in found:
        key = (f.category, f.where, f.value)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
