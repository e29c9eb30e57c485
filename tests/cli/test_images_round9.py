"""Round 9 of the image checker: phone photos of a screen taken from the side, a safe copy
of such a photo, and tesseract on its own without its threads spinning."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

pytest.importorskip("PIL")
pytest.importorskip("numpy")

from socialcoach.images import keystone, ocr, rapid  # noqa: E402

import image_samples as samples  # noqa: E402

needs_rapid = pytest.mark.skipif(not rapid.available(), reason="needs rapidocr-onnxruntime")
needs_opencv = pytest.mark.skipif(not keystone.available(), reason="needs OpenCV")


def _environment_tesseract_sees(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Run `ocr._read` with pytesseract's call replaced by one that keeps the environment
    the tesseract process would be started with (pytesseract passes os.environ)."""
    import pytesseract
    from PIL import Image

    seen: dict[str, str] = {}

    def image_to_data(*_args, **_kwargs):
        seen.update(os.environ)
        return {k: [] for k in ("text", "conf", "left", "top", "width", "height")}

    monkeypatch.setattr(pytesseract, "image_to_data", image_to_data)
    ocr._read(Image.new("L", (64, 32), 255), 1.0, 0)
    return seen


def test_tesseract_runs_with_one_openmp_thread_unless_the_user_chose(
    monkeypatch: pytest.MonkeyPatch,
):
    """With its OpenMP threads a 4000x3000 photo of grass took 26 s here, 11 s of it in the
    kernel; with one thread, 7 s (benchmarks/image_bench.py, tesseract alone)."""
    pytest.importorskip("pytesseract")
    monkeypatch.delenv(ocr.OMP_LIMIT_ENV, raising=False)
    assert _environment_tesseract_sees(monkeypatch)[ocr.OMP_LIMIT_ENV] == "1"
    monkeypatch.setenv(ocr.OMP_LIMIT_ENV, "2")  # a user's own setting is kept
    assert _environment_tesseract_sees(monkeypatch)[ocr.OMP_LIMIT_ENV] == "2"


LINES = ["HALVORSEN^PETRA", "MRN: 65936761", "DOB: 1931-07-05"]


@needs_opencv
def test_the_outline_of_a_screen_taken_from_the_side_is_found_and_a_level_one_has_none(
    tmp_path: Path,
):
    from PIL import Image

    photo = samples.photo_of_screen(tmp_path / "side.jpg", LINES, angle=0.0, keystone=0.3)
    quad = keystone.screen_quad(Image.open(photo))
    assert quad is not None
    corners = samples.photo_of_screen_corners((2400, 1800), 0.3)
    for (x, y), (ex, ey) in zip(quad, corners, strict=True):
        assert abs(x - ex) <= 40 and abs(y - ey) <= 40, (quad, (ex, ey))
    level = samples.photo_of_screen(tmp_path / "level.jpg", LINES, angle=0.0)
    assert keystone.screen_quad(Image.open(level)) is None  # a level rectangle: as it is
    grass = samples.grass_photo(tmp_path / "grass.jpg")
    assert keystone.screen_quad(Image.open(grass)) is None
    for background, ink in ((0, 230), (128, 200), (240, 90)):
        shot = samples.screenshot(tmp_path / "s.png", LINES, background=background, ink=ink)
        assert keystone.screen_quad(Image.open(shot)) is None


@needs_opencv
def test_a_box_of_the_face_on_copy_is_boxed_back_over_the_same_pixels(tmp_path: Path):
    import numpy as np
    from PIL import Image

    photo = Image.open(samples.photo_of_screen(tmp_path / "p.jpg", [], angle=0, keystone=0.3))
    marked = photo.copy()
    marked.paste((255, 0, 0), (1500, 700, 1560, 720))  # a word-sized patch on the screen
    quad = keystone.screen_quad(photo)
    flat, back = keystone.face_on(marked, quad)
    rgb = np.asarray(flat).astype(int)
    ys, xs = np.nonzero((rgb[..., 0] > 180) & (rgb[..., 1] < 80))
    box = (int(xs.min()), int(ys.min()), int(np.ptp(xs)), int(np.ptp(ys)))
    x, y, w, h = keystone.box_back(box, back, photo.size)
    assert x <= 1502 and y <= 702 and x + w >= 1558 and y + h >= 718  # the patch is inside
    assert w * h <= 3 * 60 * 20  # and the box is not much larger than it


@needs_rapid
@needs_opencv
def test_a_photo_of_a_screen_taken_from_the_side_is_read_face_on_and_the_wall_too(
    tmp_path: Path,
):
    """Taken from the left, the screen's rows slope and the MRN was not read (round 8 found
    the name and the date only); seen face on, it is. A note on the wall beside the screen
    is read as well: the room is read with the screen hidden."""
    photo = samples.photo_of_screen(
        tmp_path / "case.jpg", LINES, angle=3.0, keystone=0.3, note="KOWALCZYK, ANNA"
    )
    done = samples.run_command("check-image", "--json", str(photo), home=tmp_path / "home")
    assert done.returncode == 1, done.stdout + done.stderr
    report = json.loads(done.stdout)
    notes = " ".join(report["notes"])
    assert "seen face on" in notes and "around the screen" in notes, notes
    found = {f["value"]: f for f in report["findings"] if f["source"] == "ocr"}
    assert "65936761" in found, found
    mrn_x, mrn_y, _w, _h = found["65936761"]["box"]
    assert 480 <= mrn_x <= 700 and 340 <= mrn_y <= 560  # the screen's top-left corner
    wall = next(f for f in found.values() if "KOWALCZYK" in f["value"])
    assert wall["category"] == "name" and wall["box"][0] < 400  # left of the monitor
