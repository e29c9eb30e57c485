"""Round 9 of the image checker: phone photos of a screen taken from the side, a safe copy
of such a photo, and tesseract on its own without its threads spinning."""

from __future__ import annotations

import os

import pytest

pytest.importorskip("PIL")
pytest.importorskip("numpy")

from socialcoach.images import ocr  # noqa: E402


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
