"""Synthetic images and DICOM files with known identifiers. Every name and number is invented."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
from pathlib import Path

NAME = "DOE^JANE"
PATIENT_ID = "48213377"
ACCESSION = "A99887766"
BIRTH_DATE = "19600102"
INSTITUTION = "Mercy Example Hospital"
SERIAL = "SN-0042-7781"
BURNED_IN = ["DOE^JANE", "MRN 48213377", "DOB 01/02/1960"]


def run_command(
    *args: str, home: Path, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess:
    """`socialcoach ARGS` as a user runs it: a subprocess with its own home and no colour,
    its output captured as text, its exit code left to the test."""
    full = {**os.environ, "SOCIALCOACH_HOME": str(home), "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "socialcoach", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=full,
        check=False,
        timeout=120,
    )


def without_opencv(tmp_path: Path) -> dict[str, str]:
    """The environment of a machine with neither OpenCV nor RapidOCR (which needs it), where
    only tesseract reads, as on Python 3.13: `import cv2` fails, and RapidOCR is off."""
    from socialcoach.images import rapid

    shim = tmp_path / "no-opencv"
    (shim / "cv2").mkdir(parents=True, exist_ok=True)
    (shim / "cv2" / "__init__.py").write_text("raise ImportError('no OpenCV here')\n")
    path = os.pathsep.join([str(shim), os.environ.get("PYTHONPATH", "")])
    return {"PYTHONPATH": path, rapid.NO_RAPID_ENV: "1"}


def _draw_text(image, lines: list[str], fill, size: int = 30) -> None:
    from PIL import ImageDraw, ImageFont

    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size)
    for i, line in enumerate(lines):
        draw.text((20, 20 + i * (size + 14)), line, fill=fill, font=font)


def photo_with_metadata(path: Path, fmt: str = "JPEG", text: list[str] | None = None) -> Path:
    """A phone photo of a monitor: GPS, dates, serial number, owner, software, a comment."""
    from PIL import ExifTags, Image

    image = Image.new("RGB", (640, 400), "white")
    if text:
        _draw_text(image, text, "black")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "ExamplePhone"
    exif[ExifTags.Base.Software] = "PACS Viewer 7.1 (RAD-WS-12)"
    exif[ExifTags.Base.Artist] = "Jane Rivera"
    exif[ExifTags.Base.DateTime] = "2024:03:05 10:11:12"
    exif[ExifTags.Base.Orientation] = 1
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    sub[ExifTags.Base.DateTimeOriginal] = "2024:03:05 10:11:12"
    sub[ExifTags.Base.BodySerialNumber] = SERIAL
    sub[ExifTags.Base.CameraOwnerName] = "Jane Rivera"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (37.0, 46.0, 29.64)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (122.0, 25.0, 9.84)
    if fmt == "JPEG":
        image.save(path, "JPEG", exif=exif, comment=b"Pt MRN 48213377 from the ED")
    else:
        from PIL import PngImagePlugin

        info = PngImagePlugin.PngInfo()
        info.add_text("Author", "Jane Rivera")
        info.add_text("Comment", "Pt MRN 48213377 from the ED")
        info.add_text("Creation Time", "2024-03-05T10:11:12")
        image.save(path, "PNG", exif=exif, pnginfo=info)
    return path


def _exif_with_thumbnail() -> bytes:
    """Raw EXIF (TIFF layout, little-endian): IFD0 with Make, IFD1 pointing at a JPEG preview."""
    from PIL import Image

    thumb = io.BytesIO()
    Image.new("RGB", (32, 24), "gray").save(thumb, "JPEG")
    thumb_bytes = thumb.getvalue()
    make = b"ExamplePhone\x00"
    # header(8) + IFD0: count(2) + 1 entry(12) + next(4) = 26 -> IFD1 at 26
    ifd1_at = 8 + 2 + 12 + 4
    # IFD1: count(2) + 2 entries(24) + next(4) = 30
    make_at = ifd1_at + 2 + 24 + 4
    thumb_at = make_at + len(make)
    out = b"II*\x00" + struct.pack("<I", 8)
    out += struct.pack("<H", 1) + struct.pack("<HHII", 0x010F, 2, len(make), make_at)
    out += struct.pack("<I", ifd1_at)
    out += struct.pack("<H", 2)
    out += struct.pack("<HHII", 0x0201, 4, 1, thumb_at)
    out += struct.pack("<HHII", 0x0202, 4, 1, len(thumb_bytes))
    out += struct.pack("<I", 0)
    out += make + thumb_bytes
    return b"Exif\x00\x00" + out


def jpeg_with_thumbnail(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (200, 100), "white").save(path, "JPEG", exif=_exif_with_thumbnail())
    return path


def jpeg_with_xmp(path: Path) -> Path:
    from PIL import Image

    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'exif:GPSLatitude="37,46.494N" exif:GPSLongitude="122,25.164W" '
        'xmp:CreateDate="2024-03-05T10:11:12">'
        "<dc:creator><rdf:Seq><rdf:li>Jane Rivera</rdf:li></rdf:Seq></dc:creator>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    Image.new("RGB", (200, 100), "white").save(path, "JPEG", xmp=xmp.encode())
    return path


def clean_png(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (120, 80), (40, 40, 40)).save(path, "PNG")
    return path


def dicom_file(
    path: Path,
    *,
    text: list[str] | None = None,
    burned_in: str | None = "YES",
    preamble: bool = True,
) -> Path:
    """A small CT-like DICOM with identifiers in the header and, optionally, in the pixels."""
    import numpy as np
    from PIL import Image
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    image = Image.new("L", (512, 512), 0)
    if text:
        _draw_text(image, text, 255, size=28)
    pixels = (np.asarray(image, dtype=np.uint16) * 16).astype(np.uint16)  # 12-bit range

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.PatientName = NAME
    ds.PatientID = PATIENT_ID
    ds.PatientBirthDate = BIRTH_DATE
    ds.PatientSex = "F"
    ds.PatientAge = "064Y"
    ds.AccessionNumber = ACCESSION
    ds.InstitutionName = INSTITUTION
    ds.ReferringPhysicianName = "RIVERA^SAM"
    ds.StudyDate = "20240305"
    ds.StudyTime = "101112"
    ds.DeviceSerialNumber = SERIAL
    ds.StudyDescription = "CT HEAD WO CONTRAST"
    ds.Modality = "CT"
    if burned_in:
        ds.BurnedInAnnotation = burned_in
    block = ds.private_block(0x0009, "EXAMPLE VENDOR", create=True)
    block.add_new(0x01, "LO", "DOE JANE")
    ds.Rows, ds.Columns = pixels.shape
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, 12, 11
    ds.PixelRepresentation = 0
    ds.PixelData = pixels.tobytes()
    if preamble:
        ds.save_as(path, enforce_file_format=True)
    else:
        ds.file_meta = FileMetaDataset()
        ds.save_as(path, implicit_vr=True, little_endian=True)
    return path


# ---- raw blocks, built byte by byte, for the readers exiftool is the reference for -----------

OWNER = "Ana Example"
CITY = "Springfield"


def segment(marker: int, payload: bytes) -> bytes:
    """A JPEG marker segment (APPn, COM) holding `payload`."""
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def with_segments(jpeg: bytes, *segments: bytes) -> bytes:
    """`jpeg` with the segments put right after its start-of-image marker."""
    return jpeg[:2] + b"".join(segments) + jpeg[2:]


def plain_jpeg(size=(64, 48), colour="gray", **save) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", **save)
    return buffer.getvalue()


def _xmp_packet(body: str) -> str:
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">' + body + "</rdf:Description>"
        "</rdf:RDF></x:xmpmeta>"
    )


def iim(record: int, dataset: int, value: str) -> bytes:
    raw = value.encode("utf-8")
    return bytes([0x1C, record, dataset]) + struct.pack(">H", len(raw)) + raw


def photoshop_block(resources: list[tuple[int, bytes]]) -> bytes:
    out = b"Photoshop 3.0\x00"
    for rid, data in resources:
        out += b"8BIM" + struct.pack(">H", rid) + b"\x00\x00" + struct.pack(">I", len(data))
        out += data + (b"\x00" if len(data) % 2 else b"")
    return out


def exif_tiff(
    entries: list[tuple[int, int, bytes]], sub: list[tuple[int, int, bytes]] = ()
) -> bytes:
    """A little-endian TIFF: IFD0 `entries` (tag, type, value bytes) and an ExifIFD `sub`.

    Values longer than four bytes are laid out after the IFDs; counts are worked out from the
    type (ASCII and UNDEFINED: bytes, SHORT: 2, LONG: 4)."""
    sizes = {1: 1, 2: 1, 3: 2, 4: 4, 7: 1}
    ifd0 = list(entries) + ([(0x8769, 4, b"")] if sub else [])
    ifd0_size = 2 + 12 * len(ifd0) + 4
    sub_at = 8 + ifd0_size
    sub_size = 2 + 12 * len(sub) + 4 if sub else 0
    data_at = sub_at + sub_size
    blob = b""

    def layout(items, next_ifd=0):
        nonlocal blob
        out = struct.pack("<H", len(items))
        for tag, typ, value in items:
            if tag == 0x8769:
                value = struct.pack("<I", sub_at)
            count = len(value) // sizes[typ]
            if len(value) <= 4:
                out += struct.pack("<HHI", tag, typ, count) + value.ljust(4, b"\x00")
            else:
                out += struct.pack("<HHII", tag, typ, count, data_at + len(blob))
                blob += value + (b"\x00" if len(value) % 2 else b"")
        return out + struct.pack("<I", next_ifd)

    head = b"II*\x00" + struct.pack("<I", 8)
    first = layout(ifd0)
    second = layout(list(sub)) if sub else b""
    return head + first + second + blob


def ascii(text: str) -> bytes:
    return text.encode("ascii") + b"\x00"


def olympus_makernote(serial: str) -> bytes:
    """An Olympus-style MakerNote: signature, then an IFD whose offsets count from its start."""
    value = ascii(serial)
    ifd_at = 12
    data_at = ifd_at + 2 + 12 + 4
    note = b"OLYMPUS\x00II\x03\x00"
    note += struct.pack("<H", 1) + struct.pack("<HHII", 0x0404, 2, len(value), data_at)
    note += struct.pack("<I", 0) + value
    return note


def jpeg_every_block(path: Path) -> Path:
    """A JPEG with a block of each kind exiftool reads, each holding an invented identifier."""
    exif = exif_tiff(
        [(0x010F, 2, ascii("OLYMPUS IMAGING CORP.")), (0x013B, 2, ascii(OWNER))],
        [
            (0x9003, 2, ascii("2024:03:05 10:11:12")),
            (0xA431, 2, ascii(SERIAL)),
            (0x927C, 7, olympus_makernote("MN-SERIAL-991")),
        ],
    )
    utf16 = ("\ufeff" + _xmp_packet("<dc:rights>(c) Rights Holder Example</dc:rights>")).encode(
        "utf-16-be"
    )
    extended = _xmp_packet(f"<photoshop:City>{CITY}</photoshop:City>").encode("utf-8")
    guid = b"0123456789ABCDEF0123456789ABCDEF"
    half = len(extended) // 2
    ext_chunks = [
        b"http://ns.adobe.com/xmp/extension/\x00"
        + guid
        + struct.pack(">II", len(extended), off)
        + extended[off : off + n]
        for off, n in ((0, half), (half, len(extended) - half))
    ]
    iptc = (
        iim(2, 80, "By-line Person")
        + iim(2, 90, CITY)
        + iim(2, 100, "USA")
        + iim(2, 63, "101112+0000")
        + iim(2, 15, "MED")
    )
    thumb = plain_jpeg((16, 12))
    photoshop = photoshop_block([(0x0404, iptc), (0x040C, b"\x00" * 28 + thumb)])
    jfxx = b"JFXX\x00\x10" + bytes([4, 3]) + b"\x00" * 36
    body = with_segments(
        plain_jpeg(),
        segment(0xE1, b"Exif\x00\x00" + exif),
        segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + utf16),
        *[segment(0xE1, c) for c in ext_chunks],
        segment(0xED, photoshop),
        segment(0xE0, jfxx),
        segment(0xFE, b"Pt MRN 48213377 from the ED"),
    )
    path.write_bytes(body)
    return path


def mpo(path: Path) -> Path:
    """Two JPEGs in one file, the first with an MPF index pointing at the second, which has its
    own EXIF date and serial number (as cameras write stereo pairs and large previews)."""
    second = with_segments(
        plain_jpeg((32, 24), "white"),
        segment(
            0xE1,
            b"Exif\x00\x00"
            + exif_tiff(
                [(0x0132, 2, ascii("2023:01:02 03:04:05"))], [(0xA431, 2, ascii("MPF-SN-77"))]
            ),
        ),
    )
    first = plain_jpeg()

    def mpf(offset: int) -> bytes:
        entries = struct.pack("<IIIHH", 0x20030000, 0, 0, 0, 0)
        entries += struct.pack("<IIIHH", 0x00020002, len(second), offset, 0, 0)
        ifd = struct.pack("<H", 2)
        ifd += struct.pack("<HHI", 0xB000, 7, 4) + b"0100"
        ifd += struct.pack("<HHII", 0xB002, 7, len(entries), 8 + 2 + 24 + 4)
        ifd += struct.pack("<I", 0)
        return b"MPF\x00" + b"II*\x00" + struct.pack("<I", 8) + ifd + entries

    seg_len = len(segment(0xE2, mpf(0)))
    mpf_base = 2 + 4 + 4  # SOI, segment header, "MPF\0": offsets count from the TIFF header
    offset = len(first) + seg_len - mpf_base
    path.write_bytes(with_segments(first, segment(0xE2, mpf(offset))) + second)
    return path


def png_chunk(kind: bytes, data: bytes) -> bytes:
    import zlib

    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_with_time_and_itxt(path: Path) -> Path:
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt("Description", f"Seen at {CITY} clinic, MRN 48213377", zip=True)
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "gray").save(buffer, "PNG", pnginfo=info)
    data = buffer.getvalue()
    time_chunk = png_chunk(b"tIME", struct.pack(">HBBBBB", 2024, 3, 5, 10, 11, 12))
    path.write_bytes(data[:33] + time_chunk + data[33:])
    return path


def screenshot(
    path: Path,
    lines: list[str],
    *,
    background: int = 128,
    ink: int = 200,
    size: int = 11,
    shape=(640, 400),
    font_name: str = "DejaVuSans.ttf",
) -> Path:
    """A PACS-like screenshot: small text on an even grey, a blob where the image would be."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", shape, background)
    draw = ImageDraw.Draw(image)
    draw.ellipse((200, 100, 440, 300), fill=(background + 60) % 256)
    try:
        font = ImageFont.truetype(font_name, size)
    except OSError:
        font = (
            ImageFont.truetype("DejaVuSans.ttf", size)
            if _has_dejavu()
            else ImageFont.load_default(size=size)
        )
    for i, line in enumerate(lines):
        draw.text((8, 8 + i * (size + 6)), line, fill=ink, font=font)
    image.save(path)
    return path


def _has_dejavu() -> bool:
    from PIL import ImageFont

    try:
        ImageFont.truetype("DejaVuSans.ttf", 10)
    except OSError:
        return False
    return True


def heic_photo(path: Path, lines: list[str]) -> Path:
    """An iPhone-style HEIC: text on a monitor, EXIF with GPS and a serial (pillow-heif)."""
    import pillow_heif
    from PIL import ExifTags, Image

    image = Image.new("RGB", (800, 500), (20, 20, 24))
    _draw_text(image, lines, (235, 235, 235))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "ExamplePhone"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = SERIAL
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (37.0, 46.0, 29.64)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (122.0, 25.0, 9.84)
    pillow_heif.from_pillow(image).save(path, quality=90, exif=exif.tobytes())
    return path


def faint_photo(path: Path, lines: list[str], *, base: int = 170, ink_delta: int = 35) -> Path:
    """A photo of a light PACS panel: text a few grey levels darker than the panel, a glare
    across it, turned 2 degrees, slightly blurred, with sensor noise, saved as a JPEG."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    width, height = 900, 640
    yy, xx = np.mgrid[0:height, 0:width]
    glare = base + 40 * np.exp(-(((xx - 650) / 260.0) ** 2 + ((yy - 380) / 200.0) ** 2))
    image = Image.fromarray(glare.clip(0, 255).astype("uint8"))
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 13)
    except OSError:
        font = ImageFont.load_default(size=13)
    for i, line in enumerate(lines):
        draw.text((40, 40 + i * 21), line, fill=base - ink_delta, font=font)
    image = image.rotate(2.0, resample=Image.Resampling.BICUBIC, fillcolor=20)
    image = image.filter(ImageFilter.GaussianBlur(0.8))
    noise = np.random.default_rng(5).normal(0, 3, (height, width))
    noisy = (np.asarray(image, dtype=np.float32) + noise).clip(0, 255).astype("uint8")
    Image.fromarray(noisy).convert("RGB").save(path, quality=90)
    return path


def photo_of_screen(
    path: Path,
    lines: list[str],
    *,
    angle: float = 7.0,
    photo: tuple[int, int] = (2400, 1800),
    size: int = 13,
    keystone: float = 0.0,
    note: str | None = None,
) -> Path:
    """A phone photo of a viewer on a monitor: small light text in the screen's top-left
    corner, the monitor in a room, turned by angle degrees, saved as a JPEG. The text is
    about 13 px high in the photo: a third of that where a photo's lines are first sought.

    keystone > 0 takes the photo from the left: the monitor's right edge is that share
    shorter than its left (`photo_of_screen_corners` gives where its corners land). note puts
    a sticky note with that text on the wall to the left of the monitor."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    screen = Image.new("RGB", (1400, 1050), (18, 18, 20))
    draw = ImageDraw.Draw(screen)
    draw.ellipse((450, 250, 950, 800), fill=(120, 120, 118))
    font = (
        ImageFont.truetype("DejaVuSans.ttf", size)
        if _has_dejavu()
        else ImageFont.load_default(size=size)
    )
    for i, line in enumerate(lines):
        draw.text((14, 14 + i * (size + 5)), line, fill=(225, 225, 215), font=font)
    room = Image.new("RGB", photo, (92, 80, 70))
    monitor = Image.new("RGB", (screen.width + 40, screen.height + 40), (12, 12, 12))
    monitor.paste(screen, (20, 20))
    if keystone:
        import cv2
        import numpy as np

        w, h = monitor.size
        corners = photo_of_screen_corners(photo, keystone, (w, h))
        left, top = corners[0]
        matrix = cv2.getPerspectiveTransform(
            np.float32([[0, 0], [w, 0], [w, h], [0, h]]),
            np.float32([(x - left, y - top) for x, y in corners]),
        )
        span = (round(max(x for x, _ in corners) - left), round(max(y for _, y in corners) - top))
        flat = cv2.warpPerspective(np.asarray(monitor), matrix, span, flags=cv2.INTER_AREA)
        mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, span)
        room.paste(Image.fromarray(flat), (round(left), round(top)), Image.fromarray(mask))
    else:
        room.paste(monitor, ((photo[0] - monitor.width) // 2, (photo[1] - monitor.height) // 2))
    if note:
        sticky = Image.new("RGB", (300, 90), (235, 225, 120))
        ImageDraw.Draw(sticky).text((12, 28), note, fill=(20, 20, 60), font=_font(26))
        room.paste(sticky, (20, photo[1] // 2))
    turned = room.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=(92, 80, 70))
    turned.filter(ImageFilter.GaussianBlur(0.6)).save(path, "JPEG", quality=88)
    return path


def photo_of_screen_corners(
    photo: tuple[int, int], keystone: float, monitor: tuple[int, int] = (1440, 1090)
) -> list[tuple[float, float]]:
    """Where `photo_of_screen` puts the monitor's corners (top-left, top-right, bottom-right,
    bottom-left) when it is taken from the left with that keystone, before any turn."""
    w, h = monitor
    left = (photo[0] - w) / 2 + 40
    top = (photo[1] - h) / 2
    short = h * (1 - keystone)
    return [
        (left, top),
        (left + w * 0.92, top + (h - short) / 2),
        (left + w * 0.92, top + (h + short) / 2),
        (left, top + h),
    ]


def _font(size: int):
    from PIL import ImageFont

    if _has_dejavu():
        return ImageFont.truetype("DejaVuSans.ttf", size)
    return ImageFont.load_default(size=size)


def grass_photo(path: Path, size: tuple[int, int] = (2000, 1500)) -> Path:
    """A photo of blades of grass and no text at all, saved as a JPEG: texture that OCR
    engines read as hundreds of candidate lines (tesseract took half a minute over it)."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    rng = np.random.default_rng(1)
    image = Image.new("RGB", size, (60, 110, 40))
    draw = ImageDraw.Draw(image)
    for _ in range(size[0] * size[1] // 300):
        x, y = rng.integers(0, size[0]), rng.integers(0, size[1])
        length, angle = rng.integers(5, 30), rng.normal(0, 0.4)
        colour = tuple(int(v) for v in rng.integers([20, 80, 10], [120, 200, 80]))
        end = (x + length * np.sin(angle), y - length * np.cos(angle))
        draw.line([(x, y), end], fill=colour, width=int(rng.integers(1, 3)))
    image.filter(ImageFilter.GaussianBlur(0.7)).save(path, "JPEG", quality=90)
    return path
