"""The raw structure of JPEG, PNG and RIFF (WebP) files: segments and chunks, no pixels decoded.

Reading metadata from the structure rather than through an image library means a truncated or
damaged file still gives up its GPS block, and stripping can drop segments byte for byte
without re-encoding a single pixel.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

JPEG_SOI = b"\xff\xd8"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True, slots=True)
class Segment:
    marker: int  # 0xE0-0xEF APPn, 0xFE COM, 0xDA SOS, ...
    start: int  # offset of the 0xFF byte
    end: int  # offset just past the segment
    payload: bytes

    @property
    def name(self) -> str:
        if 0xE0 <= self.marker <= 0xEF:
            return f"APP{self.marker - 0xE0}"
        return {0xFE: "COM", 0xDA: "SOS", 0xC4: "DHT", 0xDB: "DQT"}.get(
            self.marker, f"0x{self.marker:02X}"
        )


@dataclass(slots=True)
class JpegLayout:
    segments: list[Segment]
    scan_start: int | None  # offset of the first SOS segment: from there on it is image data
    truncated: bool


def jpeg_segments(data: bytes, start: int = 0) -> JpegLayout:
    """The segments before the image data. Stops at the first SOS or where the file ends."""
    if data[start : start + 2] != JPEG_SOI:
        raise ValueError("not a JPEG")
    pos = start + 2
    segments: list[Segment] = []
    while pos < len(data):
        if data[pos] != 0xFF:
            # Junk between segments: look for the next marker, as decoders do.
            nxt = data.find(b"\xff", pos)
            if nxt < 0:
                return JpegLayout(segments, None, True)
            pos = nxt
            continue
        while pos < len(data) and data[pos] == 0xFF:
            pos += 1
        if pos >= len(data):
            break
        marker = data[pos]
        begin = pos - 1
        pos += 1
        if marker in (0x01, *range(0xD0, 0xD9)):
            continue
        if marker == 0xD9:
            return JpegLayout(segments, None, False)
        if pos + 2 > len(data):
            return JpegLayout(segments, None, True)
        length = struct.unpack_from(">H", data, pos)[0]
        end = pos + length
        payload = data[pos + 2 : end]
        segments.append(Segment(marker, begin, min(end, len(data)), payload))
        if end > len(data):
            return JpegLayout(segments, None, True)
        if marker == 0xDA:
            return JpegLayout(segments, begin, False)
        pos = end
    return JpegLayout(segments, None, True)


def mpf_images(segment: Segment, data: bytes) -> list[tuple[int, int]]:
    """(offset, size) of every image after the first that an MPF (APP2 "MPF") block lists."""
    from socialcoach.images.tiff import Tiff

    base = segment.start + 4 + 4  # marker, length, "MPF\0"
    try:
        tiff = Tiff(data, base)
        entries, _ = tiff.ifd(tiff.first_ifd())
    except (ValueError, struct.error):
        return []
    out = []
    for e in entries:
        if e.tag == 0xB002 and isinstance(e.value, bytes):
            for i in range(len(e.value) // 16):
                _attr, size, offset = struct.unpack_from(tiff.order + "III", e.value, 16 * i)
                if offset:
                    out.append((base + offset, size))
    return out


@dataclass(frozen=True, slots=True)
class Chunk:
    type: str
    start: int
    end: int
    data: bytes

    @property
    def critical(self) -> bool:
        return self.type[:1].isupper()


def png_chunks(data: bytes) -> tuple[list[Chunk], bool]:
    """Every chunk and whether the file was cut short."""
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG")
    pos = len(PNG_SIGNATURE)
    chunks = []
    while pos + 8 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, pos)
        end = pos + 12 + length
        chunks.append(
            Chunk(
                kind.decode("latin-1"), pos, min(end, len(data)), data[pos + 8 : pos + 8 + length]
            )
        )
        if end > len(data):
            return chunks, True
        pos = end
        if kind == b"IEND":
            return chunks, False
    return chunks, True


def png_text(chunk: Chunk) -> tuple[str, str] | None:
    """(keyword, text) of a tEXt, zTXt or iTXt chunk."""
    body = chunk.data
    key, _, rest = body.partition(b"\x00")
    keyword = key.decode("latin-1")
    try:
        if chunk.type == "tEXt":
            return keyword, rest.decode("latin-1")
        if chunk.type == "zTXt":
            return keyword, zlib.decompress(rest[1:]).decode("latin-1")
        if chunk.type == "iTXt":
            flag, _method = rest[0], rest[1]
            _lang, _, rest = rest[2:].partition(b"\x00")
            _translated, _, text = rest.partition(b"\x00")
            if flag:
                text = zlib.decompress(text)
            return keyword, text.decode("utf-8", "replace")
    except (zlib.error, IndexError):
        return keyword, "(compressed text that cannot be read)"
    return None


def riff_chunks(data: bytes) -> list[tuple[str, bytes]]:
    """Top-level chunks of a RIFF (WebP) file."""
    out = []
    pos = 12
    while pos + 8 <= len(data):
        kind, size = struct.unpack_from("<4sI", data, pos)
        out.append((kind.decode("latin-1"), data[pos + 8 : pos + 8 + size]))
        pos += 8 + size + (size % 2)
    return out
