"""XMP packets, whatever their encoding (UTF-8, UTF-16, UTF-32) and however split (extended XMP).

XMP is XML, so every property is read, not only the ones a table names: a property path like
`Iptc4xmpCore:CreatorContactInfo/Iptc4xmpCore:CiAdrCity` is reported under its leaf and under
exiftool's flattened name (`CreatorCity`), and judged by the shared field table.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from socialcoach.images.fields import field_category, field_findings
from socialcoach.images.model import ImageFinding, finding

XMP_SIGNATURE = b"http://ns.adobe.com/xap/1.0/\x00"
EXTENSION_SIGNATURE = b"http://ns.adobe.com/xmp/extension/\x00"
_CONTAINERS = {"li", "Seq", "Bag", "Alt", "Description", "RDF", "xmpmeta", "value"}
_THUMB = re.compile(rb"xmpGImg:image|<xap:Thumbnails|<xmp:Thumbnails|Thumbnails>", re.I)


def decode_packet(raw: bytes) -> str:
    """The packet as text: the byte-order mark or the pattern of NUL bytes says the encoding."""
    raw = raw.rstrip(b"\x00") if not raw.startswith(b"\x00") else raw
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe", "utf-16-le"),
    ):
        if raw.startswith(bom):
            return raw[len(bom) :].decode(codec, "replace")
    head = raw[:64]
    if head.count(b"\x00") > len(head) // 3:
        if head.startswith(b"\x00\x00\x00"):
            return raw.decode("utf-32-be", "replace")
        if head[1:4] == b"\x00\x00\x00":
            return raw.decode("utf-32-le", "replace")
        codec = "utf-16-be" if head.startswith(b"\x00") else "utf-16-le"
        return raw.decode(codec, "replace")
    return raw.decode("utf-8", "replace")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _flatten(path: list[str]) -> str:
    """exiftool's name for a structure member: `CreatorContactInfo/CiAdrCity` -> `CreatorCity`."""
    if len(path) == 1:
        return path[0][:1].upper() + path[0][1:]
    head, leaf = path[0], path[-1]
    head = head.removesuffix("ContactInfo")
    leaf = re.sub(r"^Ci(Adr)?", "", leaf)
    leaf = leaf.replace("ExtadrWork", "Address") if leaf.startswith("Extadr") else leaf
    return head[:1].upper() + head[1:] + leaf[:1].upper() + leaf[1:]


def fields(packet: str) -> Iterator[tuple[str, str, str]]:
    """(leaf name, flattened name, value) for every property with a value."""
    text = packet.strip().strip("\x00")
    start = text.find("<")
    try:
        root = ET.fromstring(text[start:] if start > 0 else text)
    except ET.ParseError:
        for m in re.finditer(r"(\w+):(\w+)=\"([^\"]*)\"", packet):
            yield m.group(2), m.group(2), m.group(3)
        for m in re.finditer(r"<(\w+):(\w+)>([^<]+)</", packet):
            yield m.group(2), m.group(2), m.group(3)
        return

    def walk(element: ET.Element, path: list[str]) -> Iterator[tuple[str, str, str]]:
        name = _local(element.tag)
        here = path if name in _CONTAINERS else [*path, name]
        for attr, value in element.attrib.items():
            leaf = _local(attr)
            if leaf not in ("about", "lang", "parseType", "resource") and value.strip():
                yield leaf, _flatten([*here, leaf]), value
        text = (element.text or "").strip()
        if text and here:
            yield here[-1], _flatten(here), text
        for child in element:
            yield from walk(child, here)

    yield from walk(root, [])


def read_packet(raw: bytes, where: str = "XMP") -> list[ImageFinding]:
    """Every identifying property of one packet (GPS reported once, as a position)."""
    packet = decode_packet(raw)
    found: list[ImageFinding] = []
    gps: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for leaf, flat, value in fields(packet):
        if (flat, value) in seen:
            continue
        seen.add((flat, value))
        if leaf.lower().startswith("gps"):
            gps.append((leaf, value))
            continue
        category = field_category(leaf) or field_category(flat)
        if category is None:
            continue
        tags = tuple(dict.fromkeys((leaf, flat)))
        found.extend(
            field_findings("xmp", f"{where} {flat}", leaf, value, category=category, tags=tags)
        )
    if gps:
        names = tuple(dict.fromkeys(n for n, _ in gps))
        position = [v for n, v in gps if n.lower() in ("gpslatitude", "gpslongitude")]
        value = ", ".join(position) if position else "GPS fields: " + ", ".join(names)
        found.append(finding("gps", "xmp", f"{where} GPS", value, tags=names))
    if _THUMB.search(raw) or "Thumbnails" in packet:
        found.append(
            finding(
                "thumbnail",
                "xmp",
                f"{where} Thumbnails",
                "embedded preview image",
                tags=("ThumbnailImage",),
            )
        )
    return found


def join_extended(chunks: list[bytes]) -> list[bytes]:
    """Extended XMP (a packet too big for one JPEG segment) put back together, by GUID."""
    parts: dict[bytes, dict[int, bytes]] = {}
    for chunk in chunks:
        body = chunk[len(EXTENSION_SIGNATURE) :]
        if len(body) < 40:
            continue
        guid, offset = body[:32], int.from_bytes(body[36:40], "big")
        parts.setdefault(guid, {})[offset] = body[40:]
    return [b"".join(p[k] for k in sorted(p)) for p in parts.values()]
