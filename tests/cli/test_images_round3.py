"""Round 3 of the image checker, driven as a user drives it (the command as a subprocess):
RapidOCR reading what tesseract misreads, tesseract as the fallback, HEIC photos, and a
metadata check that loads neither OCR engine nor the draft checker's rules."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PIL")

from socialcoach import images  # noqa: E402
from socialcoach.images import ocr, rapid  # noqa: E402

import image_samples as samples  # noqa: E402

needs_rapid = pytest.mark.skipif(not rapid.available(), reason="needs rapidocr-onnxruntime")
needs_tesseract = pytest.mark.skipif(not ocr.tesseract_available(), reason="needs tesseract")
needs_heif = pytest.mark.skipif(
    __import__("importlib").util.find_spec("pillow_heif") is None, reason="needs pillow-heif"
)
LINES = ["Patient: HALVORSEN^PETRA", "MRN # 65936761", "D.O.B. 1968-07-05", "Hillcrest Infirmary"]


run = samples.run_command


def ocr_categories(stdout: str) -> dict[str, str]:
    report = json.loads(stdout)
    return {f["category"]: f["value"] for f in report["findings"] if f["source"] == "ocr"}


@needs_rapid
def test_small_serif_text_on_mid_grey_is_read_and_every_identifier_found(tmp_path: Path):
    shot = samples.screenshot(
        tmp_path / "s.png", LINES, background=128, ink=60, size=10, font_name="DejaVuSerif.ttf"
    )
    done = run("check-image", "--json", str(shot), home=tmp_path / "home")
    assert done.returncode == 1, done.stderr
    found = ocr_categories(done.stdout)
    assert {"name", "mrn", "date", "institution"} <= set(found), found
    assert found["mrn"].replace(" ", "").startswith("6593")  # a digit may be misread
    notes = " ".join(json.loads(done.stdout)["notes"])
    assert "RapidOCR" in notes  # the report says which engine read the pixels
    assert "Traceback" not in done.stderr


@needs_tesseract
def test_without_rapidocr_tesseract_still_reads_the_pixels(tmp_path: Path):
    shot = samples.screenshot(tmp_path / "s.png", ["Name: DOE^JANE", "MRN 48213377"], size=14)
    done = run(
        "check-image", "--json", str(shot), env={rapid.NO_RAPID_ENV: "1"}, home=tmp_path / "home"
    )
    assert done.returncode == 1, done.stderr
    assert {"name", "mrn"} <= set(ocr_categories(done.stdout))
    notes = " ".join(json.loads(done.stdout)["notes"])
    assert "difference" in notes and "RapidOCR" not in notes + done.stderr


def test_with_no_ocr_engine_the_report_says_the_pixels_were_not_read(tmp_path: Path):
    shot = samples.screenshot(tmp_path / "s.png", ["Name: DOE^JANE"], size=14)
    code = (
        "import sys; sys.modules['pytesseract'] = None; "
        "from socialcoach.cli import main; sys.exit(main(['check-image', sys.argv[1]]))"
    )
    env = {**os.environ, rapid.NO_RAPID_ENV: "1", "SOCIALCOACH_HOME": str(tmp_path / "h")}
    done = subprocess.run(
        [sys.executable, "-c", code, str(shot)], capture_output=True, text=True, env=env
    )
    assert "NOT read" in done.stdout and "no OCR engine" in done.stdout
    assert "Traceback" not in done.stderr


@needs_heif
@needs_rapid
def test_a_heic_photo_is_checked_stripped_and_covered(tmp_path: Path):
    photo = samples.heic_photo(tmp_path / "IMG_0001.HEIC", samples.BURNED_IN)
    home = tmp_path / "home"
    done = run("check-image", "--json", str(photo), home=home)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["kind"] == "heic" and report["pixels_read"]
    categories = {f["category"] for f in report["findings"]}
    assert {"gps", "device"} <= categories  # the metadata
    assert {"name", "mrn", "date"} <= set(ocr_categories(done.stdout))  # and the pixels
    stripped = run("check-image", str(photo), "--strip", str(tmp_path / "clean.png"), home=home)
    assert stripped.returncode in (0, 1), stripped.stderr
    assert images.check_image(tmp_path / "clean.png", ocr=False).findings == []
    covered = run("check-image", str(photo), "--redact", str(tmp_path / "safe.png"), home=home)
    assert "Safe copy written to" in covered.stderr, covered.stderr
    again = images.check_image(tmp_path / "safe.png")
    read = re.sub(r"[^A-Z0-9]", "", " ".join(again.ocr_text).upper())
    assert "48213377" not in read and "DOE" not in read
    assert again.findings == []


@needs_heif
def test_a_heic_photo_without_pillow_heif_says_what_to_install(tmp_path: Path):
    photo = samples.heic_photo(tmp_path / "IMG_0002.HEIC", ["x"])
    code = (
        "import sys; sys.modules['pillow_heif'] = None; "
        "from socialcoach.cli import main; "
        "sys.exit(main(['check-image', sys.argv[1], '--redact', sys.argv[2]]))"
    )
    env = {**os.environ, "SOCIALCOACH_HOME": str(tmp_path / "h"), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(photo), str(tmp_path / "safe.png")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 2
    assert "pip install 'socialcoach[heic]'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "safe.png").exists()


def test_a_metadata_check_loads_no_ocr_engine_and_no_draft_checker_rules(tmp_path: Path):
    from PIL import ExifTags, Image

    exif = Image.Exif()  # GPS and a serial: nothing for the draft checker to read
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = samples.SERIAL
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "N", (37.0, 46.0, 29.6)
    photo = tmp_path / "p.jpg"
    Image.new("RGB", (64, 48)).save(photo, "JPEG", exif=exif)
    code = (
        "import sys; from socialcoach import images; "
        f"r = images.check_image({str(photo)!r}, ocr=False); "
        "assert r.findings; "
        "heavy = ('rapidocr_onnxruntime', 'onnxruntime', 'cv2', 'pillow_heif', 'pytesseract', "
        "'socialcoach.phi.names', 'socialcoach.phi.lexicon', 'socialcoach.phi.context'); "
        "print(sorted(m for m in heavy if m in sys.modules)); "
        "from socialcoach.images.model import ADVICE; from socialcoach.phi import categories; "
        "assert ADVICE is categories.IMAGE_ADVICE"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_every_category_an_image_finding_carries_is_in_the_shared_table():
    from socialcoach.phi import categories

    shared = set(categories.CATEGORIES) | set(categories.IMAGE_CATEGORIES)
    assert set(categories.IMAGE_ADVICE) <= shared
    assert set(categories.IMAGE_CATEGORIES) <= set(categories.IMAGE_ADVICE)
    assert not set(categories.IMAGE_CATEGORIES) & set(categories.CATEGORIES)
