"""A covered copy is read again the way a curious reader would before it is written, and a
check whose OCR read nothing says so instead of "nothing found".

The images are synthetic: small grey-on-grey overlays with sensor noise, and an even grey
panel with no text at all.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest.importorskip("PIL")

from socialcoach import images  # noqa: E402
from socialcoach.images import leak  # noqa: E402

import image_samples as samples  # noqa: E402

needs_tesseract = pytest.mark.skipif(
    not (images.ocr_available() and leak.available()), reason="needs the tesseract program"
)
LINES = ["NGUYEN^THI^LAN", "MRN 2574702", "DOB 16/01/1979"]
SECRETS = ["NGUYEN", "2574702", "1979"]


def faint_overlay(path: Path, *, background: int = 128, ink: int = 165) -> Path:
    """Light grey 10 px text on a mid-grey panel, with sensor noise."""
    import numpy as np
    from PIL import Image

    samples.screenshot(path, LINES, background=background, ink=ink, size=10, shape=(900, 700))
    pixels = np.asarray(Image.open(path), dtype=np.float32)
    noise = np.random.default_rng(7).normal(0, 3, pixels.shape)
    Image.fromarray((pixels + noise).clip(0, 255).astype("uint8")).save(path)
    return path


def read_as_a_reader(path: Path) -> str:
    """Tesseract on the copy enlarged 2x and 3x, contrast-stretched and inverted, as blocks
    and as scattered words: what an outside reviewer tries on a copy said to be safe."""
    import pytesseract
    from PIL import Image, ImageOps

    gray = Image.open(path).convert("L")
    read = []
    for scale in (2, 3):
        up = gray.resize((gray.width * scale, gray.height * scale), Image.Resampling.LANCZOS)
        stretched = ImageOps.autocontrast(up, cutoff=2)
        for copy in (stretched, ImageOps.invert(stretched)):
            for psm in (6, 11):
                read.append(pytesseract.image_to_string(copy, config=f"--psm {psm}"))
    return " ".join(read)


def leaked(text: str) -> list[str]:
    flat = re.sub(r"[^A-Z0-9]", "", text.upper())
    return [s for s in SECRETS if s in flat]


@needs_tesseract
def test_a_faint_overlay_is_covered_until_a_reader_reads_nothing(
    isolated_home: Path, tmp_path: Path
):
    shot = faint_overlay(tmp_path / "faint.png")
    assert leaked(read_as_a_reader(shot)), "the original must really show the text"
    safe = tmp_path / "safe.png"
    done = samples.run_command("check-image", str(shot), "--redact", str(safe), home=isolated_home)
    assert done.returncode in (0, 1), done.stderr
    assert safe.exists()
    assert leaked(read_as_a_reader(safe)) == []
    assert "enlarged" in done.stderr  # the report says the copy was read again that way


def _redact_with_reader(tmp_path: Path, home: Path, readings: list[str]):
    """`check-image --redact` as a user runs it, with a reader whose readings of every
    covered copy are READINGS (Python expressions of `leak.Reading`, set up by
    `sitecustomize`)."""
    hooks = tmp_path / "hooks"
    hooks.mkdir(exist_ok=True)
    (hooks / "sitecustomize.py").write_text(
        "from socialcoach.images import leak\n"
        "leak.available = lambda: True\n"
        f"leak.still_readable = lambda image: [{', '.join(readings)}]\n"
    )
    shot = samples.screenshot(tmp_path / "s.png", ["plain text"], background=255, ink=0)
    out = tmp_path / "safe.png"
    done = samples.run_command(
        "check-image", str(shot), "--redact", str(out), home=home, env={"PYTHONPATH": str(hooks)}
    )
    return done, out


def test_a_copy_that_still_reads_is_not_written(isolated_home: Path, tmp_path: Path):
    """Where covering does not stop the reader's readings, and two copies read the same name
    in the same place, no copy is written and the message says what to do: a half-covered
    copy must never look like a safe one."""
    if not images.ocr_available():
        pytest.skip("needs an OCR engine")
    done, out = _redact_with_reader(
        tmp_path,
        isolated_home,
        [
            "leak.Reading('KOWALSKI', (5, 5, 60, 12), 90.0, 'enlarged and contrast-stretched')",
            "leak.Reading('KOWALSK1', (6, 5, 60, 12), 70.0, 'enlarged, stretched and inverted')",
        ],
    )
    assert done.returncode == 2, done.stderr
    assert not out.exists()
    assert "no safe copy was written" in done.stderr and "'KOWALSKI'" in done.stderr
    assert "Crop the image" in done.stderr and "Traceback" not in done.stderr


def test_a_name_only_one_reading_finds_is_covered_and_the_copy_written(
    isolated_home: Path, tmp_path: Path
):
    """Round 9: in a phone photo of a screen the moire over the room reads as a fragment in
    one copy (`Lene`) and as another or nothing in the next, and the guard stopped every
    copy of such a photo. What no second copy agrees on is covered and said, not a refusal.
    The two page modes of the stretched copy read the same pixels: their agreeing is one."""
    if not images.ocr_available():
        pytest.skip("needs an OCR engine")
    done, out = _redact_with_reader(
        tmp_path,
        isolated_home,
        [
            "leak.Reading('Lene', (5, 5, 40, 12), 90.0, 'enlarged and contrast-stretched')",
            "leak.Reading('Lene', (5, 5, 40, 12), 90.0, "
            "'enlarged and contrast-stretched, read as a block')",
            "leak.Reading('cara', (5, 5, 40, 12), 80.0, 'enlarged, local contrast')",
        ],
    )
    assert done.returncode in (0, 1), done.stderr
    assert out.exists()
    assert "no two readings agree on" in done.stderr.replace("\n", " ") or (
        "no two readings agree on" in done.stdout.replace("\n", " ")
    ), done.stdout + done.stderr


@needs_tesseract
def test_a_check_that_read_no_text_never_says_a_bare_nothing_found(
    isolated_home: Path, tmp_path: Path
):
    blank = samples.screenshot(tmp_path / "blank.png", [], background=128)
    text = samples.run_command("check-image", str(blank), home=isolated_home)
    assert text.returncode == 0, text.stderr
    last = text.stdout.strip().splitlines()[-1]
    assert "OCR read no text in the pixels" in last and "not proof there is none" in last
    as_json = samples.run_command("check-image", str(blank), "--json", home=isolated_home)
    assert json.loads(as_json.stdout)["summary"] == last
    shot = samples.screenshot(tmp_path / "s.png", ["Slice 12 of 40"], background=0, ink=230)
    read = samples.run_command("check-image", str(shot), home=isolated_home)
    assert "line of text OCR read" in read.stdout.strip().splitlines()[-1], read.stdout


@needs_tesseract
def test_what_only_a_readers_reading_finds_is_covered_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The reader's readings are a second, independent net: with the passes that find text to
    cover reading nothing, they alone still leave nothing readable, and the report says so."""
    from socialcoach.images import ocr

    shot = samples.screenshot(tmp_path / "s.png", LINES, background=40, ink=200)
    assert leaked(read_as_a_reader(shot))
    monkeypatch.setattr(
        ocr, "read_words", lambda image, progress=None, thorough=False: ([], [], [])
    )
    result = images.redact_image(shot, tmp_path / "safe.png")
    assert leaked(read_as_a_reader(result.out)) == []
    assert any("read only when the copy was enlarged" in n for n in result.notes)


def test_only_what_could_identify_stops_a_copy():
    """Texture read through a histogram stretch (`aoe`, `Sal`) is covered and said, not a
    reason to refuse; a name the lists hold or four digits are."""
    reading = leak.Reading
    texture = [
        reading("aoe", (100, 100, 20, 8), 60.0, "x"),
        reading("Sal", (300, 300, 14, 8), 86.0, "x"),
    ]
    assert leak.identifying(texture) == []
    risky = [
        reading("KOWALSKI", (5, 5, 60, 12), 90.0, "x"),
        reading("48213377", (5, 40, 60, 12), 70.0, "x"),
    ]
    assert [r.text for r in leak.identifying(texture + risky)] == ["KOWALSKI", "48213377"]
