"""Photo metadata read from the raw blocks, block by block, on files built byte by byte."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PIL")

from socialcoach import images  # noqa: E402

import image_samples as samples  # noqa: E402


def where(report: images.ImageReport) -> dict[str, images.ImageFinding]:
    return {f.where: f for f in report.findings}


def test_every_block_of_a_jpeg_is_read_with_its_value(tmp_path: Path):
    report = images.check_image(samples.jpeg_every_block(tmp_path / "b.jpg"), ocr=False)
    found = where(report)
    assert found["EXIF IFD0 Artist"].value == samples.OWNER
    assert found["EXIF ExifIFD SerialNumber"].value == samples.SERIAL
    # The maker's private block: the value itself, not "maker's private data".
    assert found["EXIF MakerNote Olympus SerialNumber"].value == "MN-SERIAL-991"
    assert found["XMP Rights"].value == "(c) Rights Holder Example"  # a UTF-16 packet
    assert found["XMP (extended) City"].value == samples.CITY  # split over two segments
    for name in ("By-line", "City", "Country-PrimaryLocationCode", "DigitalCreationTime"):
        assert f"IPTC {name}" in found, name
    assert found["IPTC Category"].category == "hidden_text"
    assert found["JPEG comment (COM)"].category == "mrn"
    thumbnails = {f.where for f in report.findings if f.category == "thumbnail"}
    assert {"JFXX thumbnail (APP0)", "Photoshop thumbnail (resource 0x040C)"} <= thumbnails
    # Names follow exiftool's, so a report can be held against `exiftool -G1` tag by tag.
    assert "SerialNumber" in found["EXIF ExifIFD SerialNumber"].tags


def test_the_second_image_of_an_mpo_file_is_read_with_its_own_date_and_serial(tmp_path: Path):
    report = images.check_image(samples.mpo(tmp_path / "pair.jpg"), ocr=False)
    found = where(report)
    assert found["MPF image 2"].category == "thumbnail"
    assert found["MPF image 2: EXIF ExifIFD SerialNumber"].value == "MPF-SN-77"
    assert found["MPF image 2: EXIF IFD0 ModifyDate"].value == "2023:01:02 03:04:05"


def test_png_time_and_compressed_international_text_are_read(tmp_path: Path):
    report = images.check_image(samples.png_with_time_and_itxt(tmp_path / "t.png"), ocr=False)
    found = where(report)
    assert found["PNG tIME chunk"].value == "2024:03:05 10:11:12"
    assert found["PNG text chunk 'Description'"].category == "mrn"


def test_a_truncated_jpeg_still_reports_its_gps_block(tmp_path: Path):
    whole = samples.photo_with_metadata(tmp_path / "whole.jpg").read_bytes()
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole[: len(whole) - len(whole) // 3])
    report = images.check_image(cut)
    gps = [f for f in report.findings if f.category == "gps"]
    assert gps and gps[0].value == "37.77490 N, 122.41940 W"
    assert any("NOT read" in n for n in report.notes)  # the pixels could not be decoded


def test_webp_and_tiff_metadata_are_read(tmp_path: Path):
    from PIL import Image

    exif = Image.Exif()
    exif[0x013B] = samples.OWNER
    Image.new("RGB", (20, 20)).save(tmp_path / "a.webp", "WEBP", exif=exif.tobytes())
    Image.new("RGB", (20, 20)).save(tmp_path / "a.tif", "TIFF", exif=exif)
    for name in ("a.webp", "a.tif"):
        report = images.check_image(tmp_path / name, ocr=False)
        assert any(f.value == samples.OWNER for f in report.findings), name


def test_metadata_is_read_without_importing_pillow_pydicom_or_tesseract(tmp_path: Path):
    photo = samples.jpeg_every_block(tmp_path / "b.jpg")
    code = (
        "import sys; from socialcoach import images; "
        f"r = images.check_image({str(photo)!r}, ocr=False); "
        "assert r.findings; "
        "print(sorted(m.split('.')[0] for m in sys.modules "
        "if m.split('.')[0] in ('PIL', 'pydicom', 'pytesseract', 'numpy', 'textual')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.skipif(shutil.which("exiftool") is None, reason="needs exiftool")
def test_what_exiftool_reads_in_the_every_block_file_we_report_too(tmp_path: Path):
    import json

    photo = samples.jpeg_every_block(tmp_path / "b.jpg")
    tags = json.loads(
        subprocess.run(
            ["exiftool", "-a", "-G1", "-j", str(photo)], capture_output=True, text=True, check=True
        ).stdout
    )[0]
    report = images.check_image(photo, ocr=False)
    ours = {t for f in report.findings for t in f.tags}
    for key in (
        "Olympus:SerialNumber",
        "IPTC:By-line",
        "IPTC:City",
        "IPTC:Category",
        "Photoshop:PhotoshopThumbnail",
        "JFXX:ThumbnailImage",
        "IFD0:Artist",
    ):
        assert key in tags, key  # the file really holds it
        assert key.split(":")[1] in ours, key


def test_exif_split_over_two_segments_is_read_as_one_block(tmp_path: Path):
    tiff = samples.exif_tiff([(0x010E, 2, samples.ascii("Seen by Dr Ana Example at noon"))])
    cut = len(tiff) - 12
    jpeg = samples.with_segments(
        samples.plain_jpeg(),
        samples.segment(0xE1, b"Exif\x00\x00" + tiff[:cut]),
        samples.segment(0xE1, b"Exif\x00\x00" + tiff[cut:]),
    )
    (tmp_path / "split.jpg").write_bytes(jpeg)
    report = images.check_image(tmp_path / "split.jpg", ocr=False)
    assert any("ImageDescription" in f.where for f in report.findings)


def test_flashpix_notes_and_dates_are_read(tmp_path: Path):
    import struct

    when = (1_700_000_000 + 11_644_473_600) * 10_000_000  # 2023-11-14 22:13:20 UTC as FILETIME
    stream = "Seen by Ana Example".encode("utf-16-le") + b"\x40\x00\x00\x00"
    stream += struct.pack("<Q", when)
    jpeg = samples.with_segments(
        samples.plain_jpeg(), samples.segment(0xE2, b"FPXR\x00\x00\x02" + stream)
    )
    (tmp_path / "fpx.jpg").write_bytes(jpeg)
    found = where(images.check_image(tmp_path / "fpx.jpg", ocr=False))
    assert found["FlashPix dates"].value == "2023:11:14 22:13:20"
    assert found["FlashPix block (APP2)"].category == "thumbnail"
    assert any("Ana Example" in f.value for f in found.values() if f.source == "flashpix")
