"""EXIF and TIFF read from the raw bytes: IFD0, ExifIFD, GPS, Interop, IFD1 and the MakerNote.

Pillow's EXIF reader skips what it cannot decode and never opens the MakerNote, where cameras
keep serial numbers and owner names; and it needs the whole image to open. This reader walks the
TIFF structure itself, so a truncated file with a readable EXIF block is still reported. Names
follow exiftool's spelling (`ModifyDate`, `OwnerName`, `SerialNumber`) so a report can be held
against exiftool's line by line.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from socialcoach.images.fields import as_text, field_findings
from socialcoach.images.model import ImageFinding, finding

_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
_FORMATS = {3: "H", 4: "I", 8: "h", 9: "i", 11: "f", 12: "d", 13: "I"}
MAX_ENTRIES = 1000


@dataclass(frozen=True, slots=True)
class Entry:
    tag: int
    type: int
    count: int
    value: object  # str for ASCII, bytes for UNDEFINED/BYTE, tuple of numbers otherwise
    offset: int  # where the value starts (absolute in the buffer), or -1 when inline


class Tiff:
    """A TIFF structure inside `data` whose header starts at `base`; offsets are relative to
    `base` (or to `rel` when a MakerNote counts from somewhere else)."""

    def __init__(self, data: bytes, base: int = 0, order: str | None = None) -> None:
        self.data = data
        self.base = base
        if order is None:
            mark = data[base : base + 2]
            if mark == b"II":
                order = "<"
            elif mark == b"MM":
                order = ">"
            else:
                raise ValueError("not a TIFF header")
        self.order = order

    def first_ifd(self) -> int:
        return self.u32(self.base + 4)

    def u16(self, at: int) -> int:
        return struct.unpack_from(self.order + "H", self.data, at)[0]

    def u32(self, at: int) -> int:
        return struct.unpack_from(self.order + "I", self.data, at)[0]

    def ifd(self, offset: int, rel: int | None = None) -> tuple[list[Entry], int]:
        """The entries of the IFD at `offset` and the offset of the next IFD (0 if none)."""
        rel = self.base if rel is None else rel
        at = rel + offset
        if offset <= 0 or at + 2 > len(self.data):
            return [], 0
        count = self.u16(at)
        if count == 0 or count > MAX_ENTRIES:
            return [], 0
        entries = []
        for i in range(count):
            pos = at + 2 + 12 * i
            if pos + 12 > len(self.data):
                break
            tag, typ, n = struct.unpack_from(self.order + "HHI", self.data, pos)
            size = _SIZES.get(typ)
            if size is None or n > 50_000_000:
                continue
            total = size * n
            if total <= 4:
                start = pos + 8
                offset_of = -1
            else:
                start = rel + self.u32(pos + 8)
                offset_of = start
            raw = self.data[start : start + total]
            if len(raw) < total and typ not in (7, 1, 2):
                continue  # points outside the file (truncated): nothing to read
            entries.append(Entry(tag, typ, n, self._decode(typ, n, raw), offset_of))
        end = at + 2 + 12 * count
        nxt = self.u32(end) if end + 4 <= len(self.data) else 0
        return entries, nxt

    def _decode(self, typ: int, n: int, raw: bytes) -> object:
        if typ == 2:
            return raw.split(b"\x00", 1)[0].decode("utf-8", "replace") if raw else ""
        if typ in (1, 6, 7):
            return bytes(raw)
        if typ in (5, 10):
            fmt = self.order + ("I" if typ == 5 else "i") * (2 * n)
            nums = struct.unpack(fmt, raw[: 8 * n])
            return tuple(a / b if b else 0.0 for a, b in zip(nums[::2], nums[1::2], strict=True))
        fmt = _FORMATS[typ]
        size = _SIZES[typ]
        return struct.unpack(self.order + fmt * n, raw[: size * n])


# Identifying tags of IFD0/IFD1/ExifIFD: tag -> exiftool's name. Everything else there is a
# camera setting (exposure, lens, colour) and is not reported.
EXIF_TAGS = {
    0x000B: "ProcessingSoftware",
    0x010D: "DocumentName",
    0x010E: "ImageDescription",
    0x011D: "PageName",
    0x0131: "Software",
    0x0132: "ModifyDate",
    0x013B: "Artist",
    0x013C: "HostComputer",
    0x8298: "Copyright",
    0x882A: "TimeZoneOffset",
    0x9003: "DateTimeOriginal",
    0x9004: "CreateDate",
    0x9010: "OffsetTime",
    0x9011: "OffsetTimeOriginal",
    0x9012: "OffsetTimeDigitized",
    0x9286: "UserComment",
    0x9290: "SubSecTime",
    0x9291: "SubSecTimeOriginal",
    0x9292: "SubSecTimeDigitized",
    0x9C9B: "XPTitle",
    0x9C9C: "XPComment",
    0x9C9D: "XPAuthor",
    0x9C9E: "XPKeywords",
    0x9C9F: "XPSubject",
    0xA420: "ImageUniqueID",
    0xA430: "OwnerName",
    0xA431: "SerialNumber",
    0xA435: "LensSerialNumber",
    0xC62F: "CameraSerialNumber",
    0xC614: "UniqueCameraModel",
    0xC65D: "RawDataUniqueID",
    0xC68B: "OriginalRawFileName",
    0xA436: "ImageTitle",
    0xA437: "Photographer",
    0xA438: "ImageEditor",
    0xA43A: "RAWDevelopingSoftware",
    0xA43B: "ImageEditingSoftware",
    0xA43C: "MetadataEditingSoftware",
}
GPS_TAGS = {
    1: "GPSLatitudeRef",
    2: "GPSLatitude",
    3: "GPSLongitudeRef",
    4: "GPSLongitude",
    5: "GPSAltitudeRef",
    6: "GPSAltitude",
    7: "GPSTimeStamp",
    8: "GPSSatellites",
    9: "GPSStatus",
    10: "GPSMeasureMode",
    11: "GPSDOP",
    12: "GPSSpeedRef",
    13: "GPSSpeed",
    14: "GPSTrackRef",
    15: "GPSTrack",
    16: "GPSImgDirectionRef",
    17: "GPSImgDirection",
    18: "GPSMapDatum",
    19: "GPSDestLatitudeRef",
    20: "GPSDestLatitude",
    21: "GPSDestLongitudeRef",
    22: "GPSDestLongitude",
    23: "GPSDestBearingRef",
    24: "GPSDestBearing",
    25: "GPSDestDistanceRef",
    26: "GPSDestDistance",
    27: "GPSProcessingMethod",
    28: "GPSAreaInformation",
    29: "GPSDateStamp",
    30: "GPSDifferential",
    31: "GPSHPositioningError",
}
_UTF16_TAGS = {0x9C9B, 0x9C9C, 0x9C9D, 0x9C9E, 0x9C9F}
EXIF_IFD, GPS_IFD, INTEROP_IFD, SUB_IFDS, MAKERNOTE = 0x8769, 0x8825, 0xA005, 0x014A, 0x927C
XMP_TAG, IPTC_TAG, PHOTOSHOP_TAG = 0x02BC, 0x83BB, 0x8649

# Embedded blocks of other kinds (XMP, IPTC, Photoshop IRB in a TIFF or EXIF IFD0) are handed
# to these readers; readers.py fills them in so this module does not import the others.
Nested = Callable[[str, bytes, str], list[ImageFinding]]


def _dms(value: object) -> float | None:
    try:
        d, m, s = (float(x) for x in value)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return None
    return d + m / 60 + s / 3600


def gps_finding(entries: list[Entry], where: str) -> ImageFinding | None:
    gps = {e.tag: e.value for e in entries if e.tag in GPS_TAGS}
    if not gps:
        return None
    names = tuple(GPS_TAGS[t] for t in sorted(gps))
    lat, lon = _dms(gps.get(2)), _dms(gps.get(4))
    if lat is not None and lon is not None:
        lat_ref = as_text(gps.get(1) or "N") or "N"
        lon_ref = as_text(gps.get(3) or "E") or "E"
        value = f"{lat:.5f} {lat_ref}, {lon:.5f} {lon_ref}"
    else:
        value = "GPS fields: " + ", ".join(names)
    return finding("gps", "exif", where, value, tags=names)


def _xp_text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-16-le", "replace").replace("\x00", "").strip()
    if isinstance(value, tuple):
        return bytes(int(v) & 0xFF for v in value).decode("utf-16-le", "replace").strip("\x00")
    return str(value)


def _ifd_findings(entries: list[Entry], label: str, source: str) -> list[ImageFinding]:
    found: list[ImageFinding] = []
    for e in entries:
        name = EXIF_TAGS.get(e.tag)
        if name is None:
            continue
        value = _xp_text(e.value) if e.tag in _UTF16_TAGS else e.value
        found.extend(field_findings(source, f"EXIF {label} {name}", name, value))
    return found


def read_exif(
    data: bytes, base: int, nested: Nested | None = None, label: str = "EXIF"
) -> list[ImageFinding]:
    """Every identifying field of a TIFF structure (an EXIF block or a whole TIFF file)."""
    try:
        tiff = Tiff(data, base)
        offset = tiff.first_ifd()
    except (ValueError, struct.error):
        return [finding("hidden_text", "exif", label, "an EXIF block that cannot be read")]
    found: list[ImageFinding] = []
    seen: set[int] = set()
    make = ""
    index = 0
    while offset and offset not in seen and index < 64:
        seen.add(offset)
        try:
            entries, nxt = tiff.ifd(offset)
        except struct.error:
            break
        ifd_name = f"IFD{index}"
        make = make or next((as_text(e.value) for e in entries if e.tag == 0x010F), "")
        found.extend(_ifd_findings(entries, ifd_name, "exif"))
        found.extend(_sub_blocks(tiff, entries, ifd_name, make, nested))
        if (index >= 1 and label == "EXIF") or (label != "EXIF" and _has_jpeg(entries)):
            thumb = _thumbnail(entries, ifd_name)
            if thumb:
                found.append(thumb)
        offset, index = nxt, index + 1
    return found


def _has_jpeg(entries: list[Entry]) -> bool:
    """An IFD holding an embedded JPEG (a preview, or the raw file's JPEG copy)."""
    return any(e.tag == 0x0201 for e in entries)


def _thumbnail(entries: list[Entry], ifd_name: str) -> ImageFinding | None:
    by_tag = {e.tag: e.value for e in entries}
    if 0x0201 in by_tag or 0x0111 in by_tag:
        length = by_tag.get(0x0202) or by_tag.get(0x0117)
        size = length[0] if isinstance(length, tuple) and length else None
        value = f"embedded preview image ({size} bytes)" if size else "embedded preview image"
        return finding(
            "thumbnail",
            "exif",
            f"EXIF {ifd_name} (thumbnail)",
            value,
            tags=(
                "ThumbnailImage",
                "ThumbnailOffset",
                "ThumbnailLength",
                "PreviewImage",
                "JpgFromRaw",
                "OtherImage",
            ),
        )
    return None


def _pointer(entry: Entry) -> int | None:
    if isinstance(entry.value, tuple) and entry.value:
        return int(entry.value[0])
    return None


def _sub_blocks(
    tiff: Tiff, entries: list[Entry], ifd_name: str, make: str, nested: Nested | None
) -> list[ImageFinding]:
    found: list[ImageFinding] = []
    for e in entries:
        if e.tag == EXIF_IFD and (at := _pointer(e)):
            sub, _ = tiff.ifd(at)
            found.extend(_ifd_findings(sub, "ExifIFD", "exif"))
            for m in sub:
                if m.tag == MAKERNOTE and isinstance(m.value, bytes) and m.offset >= 0:
                    from socialcoach.images.makernotes import read_makernote

                    found.extend(read_makernote(tiff, m.offset, m.value, make))
                elif m.tag == INTEROP_IFD and (iat := _pointer(m)):
                    inter, _ = tiff.ifd(iat)
                    found.extend(_ifd_findings(inter, "InteropIFD", "exif"))
        elif e.tag == GPS_IFD and (at := _pointer(e)):
            sub, _ = tiff.ifd(at)
            gps = gps_finding(sub, "EXIF GPSInfo")
            if gps:
                found.append(gps)
        elif e.tag == SUB_IFDS and isinstance(e.value, tuple):
            for at in e.value[:8]:
                sub, _ = tiff.ifd(int(at))
                found.extend(_ifd_findings(sub, "SubIFD", "exif"))
                if _has_jpeg(sub) and (thumb := _thumbnail(sub, "SubIFD")):
                    found.append(thumb)
        elif nested is not None and e.tag in (XMP_TAG, IPTC_TAG, PHOTOSHOP_TAG):
            raw = e.value if isinstance(e.value, bytes) else _as_bytes(e.value, tiff.order)
            kind = {XMP_TAG: "xmp", IPTC_TAG: "iptc", PHOTOSHOP_TAG: "photoshop"}[e.tag]
            found.extend(nested(kind, raw, f"{ifd_name}"))
    return found


def _as_bytes(value: object, order: str) -> bytes:
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, tuple):
        return struct.pack(order + "I" * len(value), *[int(v) for v in value])
    return b""


def iter_ascii(raw: bytes, minimum: int = 4) -> Iterator[str]:
    """Printable runs in a binary block: where an undocumented vendor block keeps its text."""
    run = bytearray()
    for byte in raw + b"\x00":
        if 32 <= byte < 127:
            run.append(byte)
            continue
        if len(run) >= minimum:
            yield run.decode("ascii")
        run.clear()
