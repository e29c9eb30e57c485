"""Round 5 of the image checker: the local-contrast pass pays only for lines the plain pass did
not read, onnxruntime's threads do not spin, and tesseract gets a local-contrast pass of its
own for faint text (where RapidOCR is not installable)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("PIL")
pytest.importorskip("numpy")

from socialcoach.images import ocr, rapid  # noqa: E402

import image_samples as samples  # noqa: E402

needs_rapid = pytest.mark.skipif(not rapid.available(), reason="needs rapidocr-onnxruntime")
needs_tesseract = pytest.mark.skipif(not ocr.tesseract_available(), reason="needs tesseract")
FAINT_LINES = ["Patient: OKONKWO^ADAEZE", "Ph: (555) 013-2688", "DOE JANE M", "Age: 67Y F"]
LINES = ["Patient: HALVORSEN^PETRA", "MRN # 65936761", "D.O.B. 1968-07-05"]


def _recognised_per_pass(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many line crops RapidOCR's recogniser is given, call by call."""
    engine = rapid._engine()
    counts: list[int] = []
    recognise = engine.text_rec

    class Counting:
        def __call__(self, crops, *args):
            counts.append(len(crops))
            return recognise(crops, *args)

    monkeypatch.setattr(engine, "text_rec", Counting())
    return counts


@needs_rapid
def test_the_local_contrast_pass_does_not_read_again_the_lines_the_plain_pass_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from PIL import Image

    shot = samples.screenshot(tmp_path / "s.png", LINES, background=20, ink=230, size=14)
    image = Image.open(shot)
    monkeypatch.setenv(ocr.ENGINE_ENV, "rapidocr")
    monkeypatch.setenv("SOCIALCOACH_CONTRAST_PASS", "never")
    alone, _passes, _boxes = ocr.read_words(image)
    counts = _recognised_per_pass(monkeypatch)
    monkeypatch.setenv("SOCIALCOACH_CONTRAST_PASS", "always")
    both, passes, _boxes = ocr.read_words(image)
    assert passes == ["RapidOCR", ocr.LOCAL_PASS]
    assert counts[0] >= 3  # the plain pass read every line
    assert counts[1:] == []  # and the local pass, finding the same lines, recognised none
    assert sorted(w.text for w in both) == sorted(w.text for w in alone)


@needs_rapid
def test_a_copy_being_made_safe_is_still_read_whole_by_the_local_contrast_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from PIL import Image

    shot = samples.screenshot(tmp_path / "s.png", LINES, background=20, ink=230, size=14)
    monkeypatch.setenv(ocr.ENGINE_ENV, "rapidocr")
    counts = _recognised_per_pass(monkeypatch)
    ocr.read_words(Image.open(shot), thorough=True)
    assert len(counts) >= 2 and counts[1] >= 3, counts  # every line again, for its boxes


@needs_rapid
def test_the_recognition_models_run_without_spinning_threads():
    engine = rapid._engine()
    for part in (engine.text_det, engine.text_rec):
        wrapper = getattr(part, "infer", None) or part.session  # RapidOCR 1.4's two names
        options = wrapper.session.get_session_options()
        assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"


@needs_tesseract
def test_tesseract_alone_reads_a_faint_photo_in_its_local_contrast_pass(tmp_path: Path):
    photo = samples.faint_photo(tmp_path / "phone.jpg", FAINT_LINES)
    done = samples.run_command(
        "check-image",
        "--json",
        str(photo),
        home=tmp_path / "home",
        env={ocr.ENGINE_ENV: "tesseract"},
    )
    report = json.loads(done.stdout)
    assert ocr.TESSERACT_LOCAL_PASS in " ".join(report["notes"])
    found = [f for f in report["findings"] if f["source"] == "ocr"]
    assert found, report  # the plain and difference passes alone read nothing here
    assert done.returncode == 1, done.stderr


@needs_tesseract
def test_tesseract_skips_its_local_contrast_pass_where_it_read_the_text(tmp_path: Path):
    shot = samples.screenshot(
        tmp_path / "s.png", [*LINES, "Hillcrest Infirmary"], background=20, ink=230, size=14
    )
    done = samples.run_command(
        "check-image",
        "--json",
        str(shot),
        home=tmp_path / "home",
        env={ocr.ENGINE_ENV: "tesseract"},
    )
    notes = " ".join(json.loads(done.stdout)["notes"])
    assert "pass(es)" in notes and ocr.TESSERACT_LOCAL_PASS not in notes
