"""Round 7 of the image checker: a phone photo of a screen. Its lines are sought again at
full size where the reduced copy showed little, and a turned photo is read level, its
findings boxed where they are in the photo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("PIL")
pytest.importorskip("numpy")

from socialcoach.images import ocr, rapid, skew  # noqa: E402

import image_samples as samples  # noqa: E402

needs_rapid = pytest.mark.skipif(not rapid.available(), reason="needs rapidocr-onnxruntime")
LINES = ["HALVORSEN^PETRA", "MRN: 65936761", "DOB: 1931-07-05"]


def test_the_angle_of_a_turned_photo_is_found_and_a_level_one_has_none(tmp_path: Path):
    from PIL import Image

    turned = Image.open(samples.photo_of_screen(tmp_path / "t.jpg", LINES, angle=7.0))
    assert abs(skew.angle_of(turned) - -7.0) <= 1.0  # PIL turns it back counter-clockwise
    level = Image.open(samples.photo_of_screen(tmp_path / "l.jpg", LINES, angle=0.0))
    assert skew.angle_of(level) == 0.0
    for background, ink in ((0, 230), (128, 200), (240, 90)):
        # a level screenshot whose round "anatomy" once faked a peak at 13 degrees
        shot = samples.screenshot(tmp_path / "s.png", LINES, background=background, ink=ink)
        assert skew.angle_of(Image.open(shot)) == 0.0


def test_a_box_in_the_level_copy_is_boxed_back_over_the_same_pixels(tmp_path: Path):
    import numpy as np
    from PIL import Image

    photo = Image.new("RGB", (1000, 800), (0, 0, 0))
    photo.paste((255, 255, 255), (600, 150, 640, 170))  # a word-sized patch off centre
    upright = skew.level(photo, 9.0)
    ys, xs = np.nonzero(np.asarray(upright.convert("L")) > 128)
    box = (int(xs.min()), int(ys.min()), int(xs.max() - xs.min()), int(ys.max() - ys.min()))
    x, y, w, h = skew.box_back(box, 9.0, photo.size)
    assert x <= 600 and y <= 150 and x + w >= 640 and y + h >= 170  # the patch is inside
    assert w * h <= 4 * 40 * 20  # and the box is not much larger than it


@needs_rapid
@pytest.mark.parametrize("outline", [True, False], ids=["outline-found", "no-opencv"])
def test_a_turned_photo_of_a_screen_is_read_level_and_its_name_is_flagged(
    tmp_path: Path, outline: bool
):
    """Where the monitor's outline is found (`keystone`, round 9) the screen is seen face on,
    which levels a turn too; without OpenCV, as where only tesseract is installed, the turn
    alone is measured and undone (`skew`)."""
    photo = samples.photo_of_screen(tmp_path / "case.jpg", LINES, angle=7.0)
    env = {} if outline else samples.without_opencv(tmp_path)
    done = samples.run_command("check-image", "--json", str(photo), home=tmp_path / "home", env=env)
    assert done.returncode == 1, done.stdout + done.stderr
    report = json.loads(done.stdout)
    notes = " ".join(report["notes"])
    assert ("seen face on" if outline else "turned level") in notes, notes
    found = [f for f in report["findings"] if f["source"] == "ocr"]
    # tesseract alone reads this photo's small name as no name (a known weakness of the
    # tesseract-only install, docs/image-checker.md); the MRN it reads
    wanted = {"name", "mrn"} if outline else {"mrn"}
    assert wanted <= {f["category"] for f in found}, found
    # boxed in the photo's own pixels: the text is in the screen's top-left corner
    width, height = 2400, 1800
    for f in found:
        x, y, w, h = f["box"]
        assert 0 <= x < width / 2 and 0 <= y < height / 2 and x + w <= width and y + h <= height


@needs_rapid
def test_small_text_in_a_large_photo_is_sought_again_at_full_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from PIL import Image

    monkeypatch.setenv(ocr.ENGINE_ENV, "rapidocr")
    image = Image.open(samples.photo_of_screen(tmp_path / "level.jpg", LINES, angle=0.0))
    words, passes, _boxes = ocr.read_words(image)
    assert passes[:2] == ["RapidOCR", ocr.FULL_SIZE_PASS]
    text = " ".join(w.text for w in words)
    assert "65936761" in text and "HALVORSEN" in text.replace("*", "^"), text


def test_a_value_glued_to_the_next_label_is_split_where_the_label_starts():
    assert [w for w, _ in rapid._unglued("BRINDLEYLORETTAMRN:", (0, 0, 190, 12))] == [
        "BRINDLEYLORETTA",
        "MRN:",
    ]
    assert [w for w, _ in rapid._unglued("CLEMENTCBirth:", (0, 0, 140, 12))] == [
        "CLEMENTC",
        "Birth:",
    ]
    assert [w for w, _ in rapid._unglued("PIDGEON", (0, 0, 70, 12))] == ["PIDGEON"]
