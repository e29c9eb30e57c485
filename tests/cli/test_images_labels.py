"""Burned-in fields labelled in French and Spanish, the value beside the label or under it, as
European PACS and web viewers print them. Synthetic patients only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("PIL")

from socialcoach import images  # noqa: E402
from socialcoach.images import labels  # noqa: E402

import image_samples as samples  # noqa: E402

needs_ocr = pytest.mark.skipif(not images.ocr_available(), reason="needs an OCR engine")


def panel(path: Path, fields: list[tuple[str, str]]) -> Path:
    """A viewer's side panel: each label on its own line, its value on the line below."""
    lines = [part for label, value in fields for part in (label, value)]
    return samples.screenshot(path, lines, background=20, ink=230, size=14, shape=(700, 500))


@needs_ocr
def test_a_french_panel_with_values_under_their_labels_is_flagged(
    isolated_home: Path, tmp_path: Path
):
    shot = panel(
        tmp_path / "visionneuse.png",
        [("Nom du patient", "BERTRAND Hélène"), ("IPP", "00731854"), ("Né(e) le", "14 mars 1938")],
    )
    done = samples.run_command("check-image", str(shot), "--json", home=isolated_home)
    assert done.returncode == 1, done.stdout + done.stderr
    found = {(f["category"], f["value"]) for f in json.loads(done.stdout)["findings"]}
    categories = {c for c, _ in found}
    assert {"name", "date"} <= categories, found
    assert any("00731854" in v for _, v in found), found
    assert any("BERTRAND" in v for c, v in found if c == "name"), found


@needs_ocr
def test_spanish_labels_beside_their_values_are_flagged(isolated_home: Path, tmp_path: Path):
    shot = samples.screenshot(
        tmp_path / "visor.png",
        ["Paciente: GARCIA LOPEZ, MARIA", "NHC: 7734219", "Fecha de nacimiento: 03/05/1941"],
        background=0,
        ink=220,
        size=14,
    )
    done = samples.run_command("check-image", str(shot), "--json", home=isolated_home)
    found = {(f["category"], f["value"]) for f in json.loads(done.stdout)["findings"]}
    assert any("7734219" in v for _, v in found), found
    assert any("1941" in v for _, v in found), found
    assert any("GARCIA" in v for c, v in found if c == "name"), found


def test_a_label_over_an_unrelated_line_marks_nothing():
    """What a label would label must look like its value: a name has no digits, a date has a
    digit, an ID has four; `Date` above the window setting and `Nom` above a number are not
    identifiers."""
    lines = ["Date", "W 400 L 40", "Nom", "512 x 512", "Patient", "Axial"]
    boxes = [(8, 8 + 18 * i, 120, 14) for i in range(len(lines))]
    offsets = [sum(len(x) + 1 for x in lines[:i]) for i in range(len(lines))]
    found = labels.labelled(lines, boxes, offsets)
    text = "\n".join(lines)
    assert [text[s:e] for s, e, _ in found] == []


def test_the_value_stops_where_the_next_label_starts():
    lines = ["Nom: DUPONT Prénom: Marie", "Edad: 94 Sexo: F"]
    boxes = [(8, 8, 300, 14), (8, 30, 300, 14)]
    found = labels.labelled(lines, boxes, [0, len(lines[0]) + 1])
    text = "\n".join(lines)
    assert [(text[s:e], k) for s, e, k in found] == [
        ("DUPONT", "name"),
        ("Marie", "name"),
        ("94", "age"),
    ]


@pytest.mark.parametrize(
    ("line", "value", "category"),
    [
        ("Date d'étude: 27octobre2024", "27octobre2024", "date"),
        ("10 deenero de1934", "10 deenero de1934", "date"),
        ("1er avril 1931", "1er avril 1931", "date"),
        ("061A", "061A", "age"),
        ("CT 88 A TC ABDOMEN", "88 A", "age"),
        ("59 ans", "59 ans", "age"),
        ("Site CH Intercommunal Brévannes", "CH Intercommunal Brévannes", "institution"),
    ],
)
def test_forms_ocr_runs_together_or_prints_without_a_label(line, value, category):
    found = labels.labelled([line], [(8, 8, 300, 14)], [0])
    assert (value, category) in [(line[s:e], k) for s, e, k in found]


def test_a_worklist_header_row_is_no_label_of_the_row_below():
    """`... DATE DE L'EXAMEN ETABLISSEMENT` over a patient's row: the row is not one value."""
    lines = ["MODALITE AGE DESCRIPTION N° EXAMEN ETABLISSEMENT", "MR 18 a IRM GENOU G RX23-21538"]
    boxes = [(8, 8, 600, 14), (8, 28, 600, 14)]
    found = labels.labelled(lines, boxes, [0, len(lines[0]) + 1])
    text = "\n".join(lines)
    assert [(text[s:e], k) for s, e, k in found] == [("18 a", "age")]


def test_a_pacs_caret_read_as_a_is_still_a_name_run_together():
    from socialcoach.images import ocr

    assert ocr._glued_name("KESSINGERALUCILLE")
    assert not ocr._glued_name("ABDOMENPELVIS") and not ocr._glued_name("BILATERAL")


def test_body_parts_in_a_french_or_spanish_viewer_are_no_names():
    from socialcoach.images import ocr

    for word in ("RACHIS", "LOMBAIRE", "RODILLA", "CRÂNE", "TÓRAX"):
        assert not ocr._nameish(word), word
    assert ocr._nameish("BERTRAND")
