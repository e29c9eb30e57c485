"""Round 8 of the image checker: a 12-megapixel photo in 3 s, text or none. A photo with no
text ran every pass meant for text a first pass missed, tesseract's too, and took 30-45 s."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("PIL")
pytest.importorskip("numpy")

from socialcoach.images import ocr, rapid  # noqa: E402

import image_samples as samples  # noqa: E402

needs_rapid = pytest.mark.skipif(not rapid.available(), reason="needs rapidocr-onnxruntime")


def test_a_12_megapixel_jpeg_decoded_at_half_size_is_still_read_as_a_photo():
    assert ocr._is_photo((2000, 1500))  # 4000x3000, decoded at half size for OCR
    assert ocr._is_photo((2400, 1000))
    assert not ocr._is_photo((1920, 1080))  # a screenshot is read at its own size
    assert not ocr._is_photo((1600, 1600))


@needs_rapid
def test_a_photo_with_no_text_is_read_twice_by_rapidocr_and_never_by_tesseract(tmp_path: Path):
    grass = samples.grass_photo(tmp_path / "grass.jpg")
    run = samples.run_command("check-image", str(grass), "--json", home=tmp_path / "home")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["findings"] == []  # blades of grass are no patient's name
    notes = " ".join(report["notes"])
    assert f"2 pass(es): RapidOCR, {ocr.FULL_SIZE_PASS}" in notes
    assert "difference" not in notes and ocr.LOCAL_PASS not in notes
    assert "Traceback" not in run.stderr


@needs_rapid
def test_a_screenshot_where_rapidocr_read_little_is_still_read_by_tesseract_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The fallback stays where it is cheap and has helped: a screenshot's size."""
    from PIL import Image

    monkeypatch.setattr(rapid, "read", lambda *a, **k: [])  # RapidOCR reads nothing here
    shot = samples.screenshot(tmp_path / "s.png", ["MRN: 65936761"], background=128, ink=200)
    _words, passes, _boxes = ocr.read_words(Image.open(shot))
    assert passes[0] == "RapidOCR" and "difference" in passes


@needs_rapid
def test_rapidocr_sessions_keep_their_memory_arena_and_do_not_spin():
    """Without the arena the first detection at a photo's size took 2.2-2.8 s, not 0.8-1.0."""
    engine = rapid._engine()
    for infer in (engine.text_det.infer, engine.text_rec.session):
        options = infer.session.get_session_options()
        assert options.enable_cpu_mem_arena
        assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
