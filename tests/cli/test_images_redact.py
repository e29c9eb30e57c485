"""--redact: a copy with no metadata and every text region OCR reads covered by a solid box."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PIL")

from socialcoach import images  # noqa: E402

import image_samples as samples  # noqa: E402

needs_ocr = pytest.mark.skipif(not images.ocr_available(), reason="needs the tesseract program")
LINES = ["DOE^JANE", "MRN: 48213377", "DOB: 01/02/1960", "Acc: A99887766"]
SECRETS = ["DOE", "JANE", "48213377", "1960", "A99887766"]


def read_hard(path: Path) -> str:
    """What tesseract reads on every preparation a curious reader might try."""
    import pytesseract
    from PIL import Image, ImageOps

    gray = Image.open(path).convert("L")
    stretched = ImageOps.autocontrast(gray)
    tries = [gray, stretched, ImageOps.invert(stretched)]
    tries.append(ImageOps.invert(stretched).resize((gray.width * 3, gray.height * 3)))
    read = [pytesseract.image_to_string(t, config="--psm 11") for t in tries]
    read += images.check_image(path).ocr_text  # and the checker's own, more sensitive reading
    return " ".join(read)


def leaked(text: str) -> list[str]:
    flat = re.sub(r"[^A-Z0-9]", "", text.upper())
    return [s for s in SECRETS if s in flat]


@needs_ocr
@pytest.mark.parametrize(("background", "ink"), [(0, 230), (128, 60), (128, 200), (240, 90)])
def test_no_identifier_is_readable_in_the_safe_copy_on_any_background(
    tmp_path: Path, background: int, ink: int
):
    shot = samples.screenshot(tmp_path / "s.png", LINES, background=background, ink=ink)
    assert leaked(read_hard(shot))  # the original really shows them
    result = images.redact_image(shot, tmp_path / "safe.png")
    assert leaked(read_hard(result.out)) == []
    assert result.covered and any("48213377" in c for c in result.covered)
    assert images.check_image(result.out, ocr=False).findings == []  # no metadata either
    assert any("OCR cannot promise" in n for n in result.notes)


@needs_ocr
def test_a_dicom_becomes_a_windowed_png_or_a_de_identified_dicom_with_the_text_covered(
    tmp_path: Path,
):
    import numpy as np
    import pydicom

    ct = samples.dicom_file(tmp_path / "ct.dcm", text=samples.BURNED_IN)
    png = images.redact_image(ct, tmp_path / "safe.png").out
    assert leaked(read_hard(png)) == []
    dcm = images.redact_image(ct, tmp_path / "safe.dcm").out
    out = pydicom.dcmread(dcm)
    assert (
        out.PatientIdentityRemoved == "YES" and samples.PATIENT_ID.encode() not in dcm.read_bytes()
    )
    original = pydicom.dcmread(ct).pixel_array
    assert out.pixel_array.shape == original.shape
    assert (out.pixel_array != original).any()  # the text is covered in the pixels themselves
    from PIL import Image

    Image.fromarray((out.pixel_array // 16).astype(np.uint8)).save(tmp_path / "dcm.png")
    assert leaked(read_hard(tmp_path / "dcm.png")) == []


def test_redact_refuses_an_unknown_output_kind_and_never_touches_the_original(tmp_path: Path):
    photo = samples.photo_with_metadata(tmp_path / "p.jpg")
    before = photo.read_bytes()
    with pytest.raises(images.ImageError, match=r"\.png, \.jpg"):
        images.redact_image(photo, tmp_path / "p.gif")
    with pytest.raises(images.ImageError, match="the file being checked"):
        images.redact_image(photo, photo)
    assert photo.read_bytes() == before


@needs_ocr
def test_the_command_writes_a_safe_copy_and_says_what_it_covered(tmp_path: Path):
    shot = samples.screenshot(tmp_path / "s.png", LINES)
    env = {**os.environ, "SOCIALCOACH_HOME": str(tmp_path / "home"), "NO_COLOR": "1"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "socialcoach",
            "check-image",
            str(shot),
            "--redact",
            str(tmp_path / "safe.jpg"),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Covered in the safe copy:" in done.stdout and "48213377" in done.stdout
    assert "Safe copy written to" in done.stderr
    assert "Traceback" not in done.stderr
    assert leaked(read_hard(tmp_path / "safe.jpg")) == []
