"""The image checker on synthetic photos and DICOM files with known, invented identifiers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PIL")
pytest.importorskip("pydicom")

from socialcoach import images  # noqa: E402

import image_samples as samples  # noqa: E402

HAS_TESSERACT = shutil.which("tesseract") is not None and images.ocr_available()
needs_ocr = pytest.mark.skipif(
    not HAS_TESSERACT,
    reason="OCR not installed: needs the tesseract program (Debian: apt install tesseract-ocr)",
)


def categories(report: images.ImageReport, source: str | None = None) -> set[str]:
    return {f.category for f in report.findings if source is None or f.source == source}


def values(report: images.ImageReport) -> str:
    return " | ".join(f.value for f in report.findings)


def test_a_phone_photo_gives_away_gps_dates_serial_owner_and_software(tmp_path: Path):
    photo = samples.photo_with_metadata(tmp_path / "monitor.jpg")
    report = images.check_image(photo, ocr=False)
    assert report.kind == "jpeg"
    assert {"gps", "date", "device", "name", "software"} <= categories(report, "exif")
    gps = next(f for f in report.findings if f.category == "gps")
    assert gps.value == "37.77490 N, 122.41940 W"
    assert samples.SERIAL in values(report)
    # The JPEG comment is free text: the draft checker finds the record number in it.
    assert any(f.source == "jpeg-comment" and f.category == "mrn" for f in report.findings)


def test_png_text_chunks_and_exif_are_read(tmp_path: Path):
    report = images.check_image(samples.photo_with_metadata(tmp_path / "s.png", "PNG"), ocr=False)
    assert report.kind == "png"
    png = [f for f in report.findings if f.source == "png-text"]
    assert {f.category for f in png} >= {"name", "mrn", "date"}
    assert "gps" in categories(report, "exif")


def test_an_embedded_thumbnail_is_flagged(tmp_path: Path):
    report = images.check_image(samples.jpeg_with_thumbnail(tmp_path / "t.jpg"), ocr=False)
    assert "thumbnail" in categories(report)


def test_xmp_position_dates_and_creator_are_flagged(tmp_path: Path):
    report = images.check_image(samples.jpeg_with_xmp(tmp_path / "x.jpg"), ocr=False)
    assert {"gps", "date", "name"} <= categories(report, "xmp")
    assert "Jane Rivera" in values(report)


def test_a_clean_image_has_no_findings_but_says_the_pixels_were_not_read(tmp_path: Path):
    report = images.check_image(samples.clean_png(tmp_path / "c.png"), ocr=False)
    assert report.findings == []
    assert not report.pixels_read
    text = images.report_text(report)
    assert "NOT read" in text and "corners and edges" in text


def test_every_identifying_dicom_element_is_flagged(tmp_path: Path):
    report = images.check_image(samples.dicom_file(tmp_path / "ct.dcm"), ocr=False)
    assert report.kind == "dicom"
    by_where = {f.where.split(") ", 1)[-1]: f for f in report.findings}
    expected = {
        "PatientName": "name",
        "PatientID": "mrn",
        "PatientBirthDate": "date",
        "AccessionNumber": "accession",
        "InstitutionName": "institution",
        "ReferringPhysicianName": "name",
        "StudyDate": "date",
        "StudyTime": "date",
        "DeviceSerialNumber": "device",
        "BurnedInAnnotation": "burned_in",
        "StudyInstanceUID": "other_id",
    }
    for keyword, category in expected.items():
        assert by_where[keyword].category == category, keyword
    assert any(f.category == "private_tag" and "EXAMPLE VENDOR" in f.where for f in report.findings)
    # Every attribute the PS3.15 Basic Profile lists is reported, with the profile's action;
    # attributes it does not list (the modality) are left alone.
    assert by_where["PatientSex"].action == "Z" and by_where["PatientSex"].category == "profile"
    assert by_where["PatientName"].action == "Z" and by_where["AccessionNumber"].action == "Z"
    assert "Modality" not in by_where


def test_kind_is_detected_by_content_not_by_name(tmp_path: Path):
    dicom_named_jpg = samples.dicom_file(tmp_path / "looks-like.jpg")
    assert images.check_image(dicom_named_jpg, ocr=False).kind == "dicom"
    jpeg_named_png = samples.photo_with_metadata(tmp_path / "looks-like.png", "JPEG")
    assert images.check_image(jpeg_named_png, ocr=False).kind == "jpeg"
    raw = samples.dicom_file(tmp_path / "raw.dcm", preamble=False)
    report = images.check_image(raw, ocr=False)
    assert report.kind == "dicom" and "mrn" in categories(report)


def test_a_file_that_is_not_an_image_is_refused_with_what_to_do(tmp_path: Path):
    text = tmp_path / "notes.png"
    text.write_text("not an image at all\n" * 20)
    with pytest.raises(images.ImageError, match="not a PNG, JPEG, TIFF, WebP, HEIC or DICOM"):
        images.check_image(text)
    with pytest.raises(images.ImageError, match="no such file"):
        images.check_image(tmp_path / "missing.jpg")


def test_without_pillow_the_metadata_is_still_read_and_the_note_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    photo = samples.photo_with_metadata(tmp_path / "p.jpg")
    monkeypatch.setitem(sys.modules, "PIL", None)
    report = images.check_image(photo)
    assert "gps" in categories(report)  # read from the raw bytes, no image library needed
    assert any("NOT read" in n and "socialcoach[images]" in n for n in report.notes)
    with pytest.raises(images.MissingExtra, match=r"socialcoach\[images\]"):
        images.redact_image(photo, tmp_path / "safe.png")


@pytest.mark.parametrize(
    ("maker", "name"),
    [
        (samples.photo_with_metadata, "p.jpg"),
        (lambda p: samples.photo_with_metadata(p, "PNG"), "p.png"),
        (samples.jpeg_with_thumbnail, "t.jpg"),
        (samples.jpeg_with_xmp, "x.jpg"),
    ],
)
def test_the_stripped_photo_carries_no_metadata_and_the_original_is_unchanged(
    tmp_path: Path, maker, name: str
):
    original = maker(tmp_path / name)
    before = original.read_bytes()
    out = tmp_path / f"clean-{name}"
    result = images.strip_image(original, out)
    assert original.read_bytes() == before
    assert images.check_image(out, ocr=False).findings == []
    from PIL import Image

    with Image.open(out) as copy, Image.open(original) as source:
        assert copy.size == source.size
        assert not copy.getexif()
        assert not {
            k
            for k in copy.info
            if k not in ("dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density")
        }
    raw = out.read_bytes()
    for secret in (b"Jane Rivera", samples.SERIAL.encode(), b"48213377", b"2024"):
        assert secret not in raw
    assert any("still there" in note for note in result.notes)


def test_the_stripped_dicom_is_a_png_of_the_pixels_without_the_header(tmp_path: Path):
    ct = samples.dicom_file(tmp_path / "ct.dcm", text=samples.BURNED_IN)
    out = tmp_path / "ct.png"
    result = images.strip_image(ct, out)
    assert result.format == "PNG"
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert images.check_image(out, ocr=False).findings == []
    raw = out.read_bytes()
    for secret in (b"DOE", samples.PATIENT_ID.encode(), samples.ACCESSION.encode()):
        assert secret not in raw
    assert any("burned into the pixels is still there" in n for n in result.notes)
    with pytest.raises(images.ImageError, match=r"\.png"):
        images.strip_image(ct, tmp_path / "ct-clean.tif")


def test_strip_refuses_to_overwrite_the_original(tmp_path: Path):
    photo = samples.photo_with_metadata(tmp_path / "p.jpg")
    before = photo.read_bytes()
    with pytest.raises(images.ImageError, match="the file being checked"):
        images.strip_image(photo, tmp_path / "." / "p.jpg")
    assert photo.read_bytes() == before


@needs_ocr
def test_burned_in_text_in_a_dicom_is_read_and_boxed(tmp_path: Path):
    ct = samples.dicom_file(tmp_path / "ct.dcm", text=samples.BURNED_IN)
    report = images.check_image(ct)
    assert report.pixels_read
    ocr = [f for f in report.findings if f.source == "ocr"]
    assert {"name", "mrn", "date"} <= {f.category for f in ocr}
    for finding in ocr:
        left, top, width, height = finding.box
        assert 0 <= left < 512 and 0 <= top < 200 and width > 0 and height > 0


@needs_ocr
def test_burned_in_text_in_a_screenshot_is_read(tmp_path: Path):
    shot = samples.photo_with_metadata(
        tmp_path / "shot.png", "PNG", text=["Name: DOE^JANE", "MRN 48213377", "DOB 01/02/1960"]
    )
    report = images.check_image(shot)
    ocr = {f.category: f for f in report.findings if f.source == "ocr"}
    assert {"name", "mrn", "date"} <= set(ocr)
    assert ocr["mrn"].value == "48213377"


# ---- the command, run as a user runs it ---------------------------------------------------


def run(*args: str, home: Path, ocr: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOCIALCOACH_HOME": str(home), "NO_COLOR": "1"}
    if not ocr:
        env[images.NO_OCR_ENV] = "1"
    return subprocess.run(
        [sys.executable, "-m", "socialcoach", "check-image", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_check_image_exits_1_with_findings_and_0_when_clean(isolated_home: Path, tmp_path: Path):
    risky = run(str(samples.photo_with_metadata(tmp_path / "p.jpg")), home=isolated_home)
    assert risky.returncode == 1, risky.stderr
    assert "gps: EXIF GPSInfo" in risky.stdout
    clean = run(str(samples.clean_png(tmp_path / "c.png")), home=isolated_home)
    assert clean.returncode == 0, clean.stderr
    assert "the pixels were not read" in clean.stdout


def test_check_image_json_and_strip(isolated_home: Path, tmp_path: Path):
    ct = samples.dicom_file(tmp_path / "ct.dcm")
    out = tmp_path / "ct.png"
    result = run("--json", "--strip", str(out), str(ct), home=isolated_home)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["kind"] == "dicom" and data["pixels_read"] is False
    assert any(f["category"] == "mrn" for f in data["findings"])
    assert out.exists() and f"written to {out}" in result.stderr
    again = run(str(out), home=isolated_home)
    assert again.returncode == 0, again.stdout


def test_check_image_errors_name_the_file_and_say_what_to_do(isolated_home: Path, tmp_path: Path):
    missing = run(str(tmp_path / "nope.jpg"), home=isolated_home)
    assert missing.returncode == 2
    assert "nope.jpg: no such file" in missing.stderr
    photo = samples.photo_with_metadata(tmp_path / "p.jpg")
    same = run("--strip", str(photo), str(photo), home=isolated_home)
    assert same.returncode == 2
    assert "give another path" in same.stderr


def test_progress_stays_quiet_off_a_terminal_until_a_check_takes_over_a_second(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    from socialcoach import cli

    now = [100.0]
    progress = cli._Progress()
    progress._clock = lambda: now[0]
    progress._start = 100.0
    progress._tty = False
    progress("reading the metadata")
    now[0] = 101.5
    progress("reading the pixels for text (difference pass)")
    progress.done()
    err = capsys.readouterr().err
    assert "reading the metadata" not in err  # the first second is quiet
    assert "socialcoach: reading the pixels for text (difference pass)…" in err


def test_the_check_reports_each_step_it_takes_to_a_progress_callback(tmp_path: Path):
    steps: list[str] = []
    photo = samples.photo_with_metadata(tmp_path / "p.jpg")
    images.check_image(photo, progress=steps.append)
    assert steps[0] == "reading the metadata"
    if HAS_TESSERACT:
        assert "decoding the pixels" in steps
        assert any(s.startswith("reading the pixels for text") for s in steps)
