"""Camera makers' private EXIF blocks (MakerNote): serial numbers, owner names, their dates.

Most makers write an IFD after a short signature; where its offsets count from differs by
maker (the parent TIFF header, the MakerNote itself, or a TIFF header of its own). A table per
maker names the tags that identify someone, in exiftool's spelling; any other text field in the
block is reported too, by tag number, because makers keep names and serials in tags nobody has
documented. A block that is no IFD at all is searched for readable text.
"""

from __future__ import annotations

import struct

from socialcoach.images.fields import as_text
from socialcoach.images.model import ImageFinding, finding
from socialcoach.images.tiff import Entry, Tiff, iter_ascii

# maker -> tag -> (exiftool name, category)
_TAGS: dict[str, dict[int, tuple[str, str]]] = {
    "Canon": {
        0x0009: ("OwnerName", "name"),
        0x000C: ("SerialNumber", "device"),
        0x0028: ("ImageUniqueID", "device"),
        0x0096: ("InternalSerialNumber", "device"),
        0x0008: ("FileNumber", "device"),
    },
    "Nikon": {
        0x001D: ("SerialNumber", "device"),
        0x00A0: ("SerialNumber", "device"),
        0x0011: ("PreviewIFD", "thumbnail"),
        0x00A8: ("FlashInfo", ""),
    },
    "Olympus": {
        0x0209: ("CameraID", "device"),
        0x0404: ("SerialNumber", "device"),
        0x0100: ("ThumbnailImage", "thumbnail"),
        0x0101: ("SerialNumber", "device"),  # in the Equipment IFD
        0x0202: ("LensSerialNumber", "device"),
        0x0302: ("ExtenderSerialNumber", "device"),
    },
    "Pentax": {
        0x0229: ("SerialNumber", "device"),
        0x0006: ("Date", "date"),
        0x0007: ("Time", "date"),
        0x0004: ("PreviewImageStart", "thumbnail"),
        0x0023: ("HometownCity", "gps"),
        0x0024: ("DestinationCity", "gps"),
        0x0215: ("CameraInfo", "device"),
    },
    "Panasonic": {
        0x0025: ("InternalSerialNumber", "device"),
        0x0052: ("LensSerialNumber", "device"),
        0x0054: ("AccessorySerialNumber", "device"),
        0x0065: ("Title", "hidden_text"),
        0x0066: ("BabyName", "name"),
        0x0067: ("Location", "gps"),
        0x0069: ("Country", "gps"),
        0x006B: ("State", "gps"),
        0x006D: ("City", "gps"),
        0x006F: ("Landmark", "gps"),
        0x0033: ("BabyAge", "date"),
        0x8012: ("BabyAge", "date"),
        0x0080: ("City2", "gps"),
    },
    "FujiFilm": {0x0010: ("InternalSerialNumber", "device")},
    "Samsung": {
        0xA002: ("SerialNumber", "device"),
        0xA005: ("InternalLensSerialNumber", "device"),
    },
    "Sigma": {0x0002: ("SerialNumber", "device")},
    "Ricoh": {0x0005: ("SerialNumber", "device")},
    "Apple": {0x0011: ("ContentIdentifier", "device"), 0x0020: ("ImageCaptureRequestID", "device")},
    "Casio": {0x2001: ("FirmwareDate", "date"), 0x3006: ("HometownCity", "gps")},
    "Sony": {0xB020: ("CreativeStyle", "")},
    "Kodak": {},
    "Minolta": {},
}
_OLYMPUS_SUB = {0x2010: "Equipment", 0x2020: "CameraSettings"}


def _layout(raw: bytes, make: str) -> tuple[str, int, str]:
    """(maker, IFD offset inside the block, what offsets count from: parent|self|own)."""
    if raw.startswith(b"Nikon\x00\x02"):
        return "Nikon", 10, "own"
    if raw.startswith(b"Nikon\x00\x01"):
        return "Nikon", 8, "parent"
    if raw.startswith((b"OLYMPUS\x00II", b"OLYMPUS\x00MM")):
        return "Olympus", 12, "self"
    if raw.startswith(b"OM SYSTEM\x00"):
        return "Olympus", 16, "self"
    if raw.startswith((b"OLYMP\x00", b"EPSON\x00", b"SANYO\x00", b"MINOL\x00", b"CAMER\x00")):
        return "Olympus", 8, "parent"
    if raw.startswith(b"FUJIFILM") or raw.startswith(b"GENERALE"):
        return "FujiFilm", struct.unpack_from("<I", raw, 8)[0] if len(raw) > 12 else 12, "self-le"
    if raw.startswith(b"AOC\x00"):
        return "Pentax", 6, "parent"
    if raw.startswith(b"PENTAX \x00"):
        return "Pentax", 10, "self"
    if raw.startswith(b"Panasonic\x00"):
        return "Panasonic", 12, "parent"
    if raw.startswith((b"SONY DSC \x00", b"SONY CAM \x00", b"SONY MOBILE")):
        return "Sony", 12, "parent"
    if raw.startswith(b"QVC\x00"):
        return "Casio", 6, "parent"
    if raw.startswith((b"SIGMA\x00", b"FOVEON\x00")):
        return "Sigma", 10, "parent"
    if raw.startswith(b"Apple iOS\x00"):
        return "Apple", 14, "self"
    if raw.startswith((b"RICOH\x00", b"Ricoh\x00")):
        return "Ricoh", 8, "parent"
    maker = next((m for m in _TAGS if m.lower() in make.lower()), make.split(" ")[0] or "Unknown")
    if make.upper().startswith(("NIKON", "FUJI")):
        maker = "Nikon" if make.upper().startswith("NIKON") else "FujiFilm"
    return maker, 0, "parent"


def _entries(parent: Tiff, at: int, raw: bytes, make: str) -> tuple[str, Tiff, list[Entry]]:
    maker, start, base = _layout(raw, make)
    if base == "own":
        tiff = Tiff(parent.data, at + start)
        entries, _ = tiff.ifd(tiff.first_ifd())
        return maker, tiff, entries
    if base == "self-le":
        tiff = Tiff(parent.data, at, "<")
        entries, _ = tiff.ifd(start, rel=at)
        return maker, tiff, entries
    if base == "self":
        order = parent.order
        mark = raw[start - 4 : start - 2] if start >= 4 else b""
        if mark in (b"II", b"MM"):
            order = "<" if mark == b"II" else ">"
        tiff = Tiff(parent.data, at, order)
        entries, _ = tiff.ifd(start, rel=at)
        return maker, tiff, entries
    order = parent.order
    if maker == "Pentax" and raw[4:6] in (b"II", b"MM"):
        order = "<" if raw[4:6] == b"II" else ">"
    tiff = Tiff(parent.data, parent.base, order)
    entries, _ = tiff.ifd(at - parent.base + start)
    if not entries:  # some makers count from the MakerNote itself
        tiff = Tiff(parent.data, at, order)
        entries, _ = tiff.ifd(start, rel=at)
    return maker, tiff, entries


def _value_text(entry: Entry) -> str:
    value = entry.value
    if isinstance(value, tuple) and len(value) == 1:
        return str(value[0])
    if isinstance(value, bytes):
        text = " ".join(iter_ascii(value, 3))
        return text if len(text) * 2 >= len(value.strip(b"\x00")) else value.hex().upper()
    if isinstance(value, tuple):
        return " ".join(str(v) for v in value)
    return as_text(value)


def read_makernote(parent: Tiff, at: int, raw: bytes, make: str) -> list[ImageFinding]:
    """What the maker's private block says about the camera and its owner."""
    try:
        maker, tiff, entries = _entries(parent, at, raw, make)
    except (struct.error, ValueError):
        maker, tiff, entries = make or "Unknown", parent, []
    table = _TAGS.get(maker, {})
    found: list[ImageFinding] = []
    valid = [e for e in entries if e.type in range(1, 14)]
    if len(valid) < max(1, len(entries) // 2):
        valid = []
    for e in valid:
        sub = _OLYMPUS_SUB.get(e.tag) if maker == "Olympus" else None
        if sub:
            if e.type in (13, 4) and isinstance(e.value, tuple):
                inner, _ = tiff.ifd(int(e.value[0]), rel=tiff.base)
            elif e.offset >= 0:
                inner, _ = tiff.ifd(e.offset - tiff.base)
            else:
                inner = []
            found.extend(_tagged(maker, inner, table, f"{maker} {sub}"))
            continue
        found.extend(_tagged(maker, [e], table, maker))
    if not valid:
        strings = [s for s in iter_ascii(raw, 5) if any(c.isalnum() for c in s)]
        if strings:
            found.append(
                finding(
                    "device",
                    "makernote",
                    f"EXIF MakerNote ({maker})",
                    "; ".join(strings[:8]),
                    message="The camera maker's private block holds text nobody documents: "
                    "serial numbers and owner names are often among it.",
                    tags=("MakerNote",),
                )
            )
    return found


def _tagged(
    maker: str, entries: list[Entry], table: dict[int, tuple[str, str]], label: str
) -> list[ImageFinding]:
    found = []
    for e in entries:
        known = table.get(e.tag)
        if known is not None:
            name, category = known
            if not category:
                continue
            value = "embedded preview image" if category == "thumbnail" else _value_text(e)
            if value and value.strip("0 \x00"):
                tags = (
                    (name, "ManufactureDate", "InternalSerialNumber")
                    if name == "CameraInfo"
                    else (name,)
                )
                found.append(
                    finding(
                        category, "makernote", f"EXIF MakerNote {label} {name}", value, tags=tags
                    )
                )
        elif e.type == 2 and isinstance(e.value, str) and len(e.value.strip()) >= 3:
            found.append(
                finding(
                    "device",
                    "makernote",
                    f"EXIF MakerNote {label} 0x{e.tag:04X}",
                    e.value.strip(),
                    message="A text field in the camera maker's private block: makers keep "
                    "serial numbers, owner names and dates there.",
                    tags=(f"0x{e.tag:04x}",),
                )
            )
    return found
