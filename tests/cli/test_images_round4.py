"""Round 4 of the image checker, driven as a user drives it (the command as a subprocess): a
phone photo of a screen with faint text under glare, read after a local contrast stretch;
names with no label or separator; locations; and a safe copy of the faint photo in which
nothing is left to read."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

pytest.importorskip("PIL")
pytest.importorskip("numpy")

from socialcoach.images import ocr, rapid  # noqa: E402

import image_samples as samples  # noqa: E402

needs_rapid = pytest.mark.skipif(not rapid.available(), reason="needs rapidocr-onnxruntime")
FAINT_LINES = [
    "Patient: OKONKWO^ADAEZE",
    "Loc: Room 541 Bed A",
    "Ph: (555) 013-2688",
    "DOE JANE M",
    "Age: 67Y F",
]
SECRETS = ["OKONKWO", "ADAEZE", "541", "0132688", "DOE", "JANE"]


run = samples.run_command


faint_photo = samples.faint_photo


def flat(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^A-Z0-9]", "", plain.upper())


def read_everything(path: Path) -> str:
    """What RapidOCR reads in the copy as it is, doubled and locally contrast-stretched."""
    from PIL import Image

    gray = Image.open(path).convert("L")
    copies = [(gray, 1), (gray.resize((gray.width * 2, gray.height * 2)), 2)]
    copies.append((ocr._local_contrast(gray), 1))
    words = [w for copy, scale in copies for w in rapid.read(copy, scale, 0, thorough=True)]
    return " ".join(flat(w.text) for w in words) + " " + flat("".join(w.text for w in words))


@needs_rapid
def test_faint_text_in_a_photo_of_a_screen_is_read_after_a_local_contrast_stretch(
    tmp_path: Path,
):
    photo = faint_photo(tmp_path / "phone.jpg", FAINT_LINES)
    done = run("check-image", "--json", str(photo), home=tmp_path / "home")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    found = {f["category"] for f in report["findings"] if f["source"] == "ocr"}
    assert {"name", "geo_small", "phone", "age"} <= found, report["findings"]
    names = [f["value"] for f in report["findings"] if f["category"] == "name"]
    assert len(names) >= 2, names  # the labelled one and the bare `DOE JANE M`
    assert "local contrast" in " ".join(report["notes"])
    assert "Traceback" not in done.stderr


@needs_rapid
def test_the_safe_copy_of_a_faint_photo_leaves_nothing_to_read(tmp_path: Path):
    photo = faint_photo(tmp_path / "phone.jpg", FAINT_LINES)
    assert [s for s in SECRETS if s in read_everything(photo)]  # the original shows them
    out = tmp_path / "safe.png"
    done = run("check-image", str(photo), "--redact", str(out), home=tmp_path / "home")
    assert done.returncode == 1, done.stderr
    assert out.exists() and "covered" in done.stdout.lower()
    assert [s for s in SECRETS if s in read_everything(out)] == []


@needs_rapid
def test_a_label_free_overlay_has_its_names_and_location_found(tmp_path: Path):
    lines = ["NGUYỄN THỊ LAN", "Müller, Jörg", "Room 12B", "kVp 120 mAs 250", "SAGITTAL FLAIR"]
    shot = samples.screenshot(tmp_path / "s.png", lines, background=20, ink=230, size=14)
    done = run("check-image", "--json", str(shot), home=tmp_path / "home")
    assert done.returncode == 1, done.stderr
    findings = [f for f in json.loads(done.stdout)["findings"] if f["source"] == "ocr"]
    names = [flat(f["value"]) for f in findings if f["category"] == "name"]
    assert any(n.startswith("NGUYEN") for n in names), findings
    assert any(n.startswith("MULLER") for n in names), findings
    assert any(f["category"] == "geo_small" for f in findings), findings
    # the acquisition line and the sequence name are no identifiers
    flagged = " ".join(flat(f["value"]) for f in findings)
    assert "KVP" not in flagged and "FLAIR" not in flagged
