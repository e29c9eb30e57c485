"""Synthetic images and DICOM files with known identifiers. Every name and number is invented."""

from __future__ import annotations

import io
import struct
from pathlib import Path

NAME = "DOE^JANE"
PATIENT_ID = "48213377"
ACCESSION = "A99887766"
BIRTH_DATE = "19600102"
INSTITUTION = "Mercy Example Hospital"
SERIAL = "SN-0042-7781"
BURNED_IN = ["DOE^JANE", "MRN 48213377", "DOB 01/02/1960"]


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
