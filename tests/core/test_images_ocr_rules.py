"""The OCR form rules on what OCR engines actually return for PACS overlays: labels a letter
off, labels glued to their values, ages, phones, dates with times. No OCR engine needed."""

from __future__ import annotations

import pytest

from socialcoach.images import ocr
from socialcoach.images.words import Word


def found(line: str) -> dict[str, str]:
    """category -> text for one OCR'd line, as the checker sees it (one word per token)."""
    words, x = [], 0
    for token in line.split(" "):
        words.append(Word(token, (x, 10, 8 * len(token), 12), 90.0, (0, 0, 0, 0)))
        x += 8 * (len(token) + 1)
    findings, _lines = ocr.findings(words, [])
    return {f.category: f.value for f in findings}


@pytest.mark.parametrize(
    ("line", "category", "value"),
    [
        ("Pafient: FIDELMANTOMASZAM", "name", "FIDELMANTOMASZAM"),  # label misread, ^ read as A
        ("Partient: HALVORSEN/PETRA", "name", "HALVORSEN/PETRA"),
        ("PatientMORENOATOMASZ", "name", "MORENOATOMASZ"),  # no space read at all
        ("MRN48213377", "mrn", "48213377"),
        ("MRIN 9369 9676", "mrn", "9369 9676"),  # the number read as two groups
        ("Lakeshore Cinic", "institution", "Lakeshore Cinic"),  # one letter lost
        ("Brightwater Imaging Associates", "institution", "Brightwater Imaging Associates"),
        ("Study: 20171130 06:46:58", "date", "20171130 06:46:58"),
        ("01/02/201814:17:49", "date", "01/02/201814:17:49"),  # date and time glued
        ("D0B: 1940 -08-27", "date", "1940 -08-27"),  # a space read beside a separator
        ("Phone:971,555.0191", "phone", "971,555.0191"),  # a comma for a dot
        ("Ph: 0161 496 0462", "phone", "0161 496 0462"),
        ("486-28-981", "other_id", "486-28-981"),
        # round 9, phone photos of a screen: the surname misread, the ^ read as A or lost
        ("BROCKNERALEONOR", "name", "BROCKNERALEONOR"),
        ("OSTERGAARDROSALIND~G", "name", "OSTERGAARDROSALIND~G"),  # and its initial kept
        # an institution's name opened by its kind, in another language, a letter misread
        ("Centro de lmagen Northmere", "institution", "Centro de lmagen Northmere"),
        ("Ospedale San Vitale AP PORTABLE", "institution", "Ospedale San Vitale"),
        ("Klinlkum Marlowe Hill", "institution", "Klinlkum Marlowe Hill"),
    ],
)
def test_what_ocr_misreads_in_an_overlay_is_still_found(line: str, category: str, value: str):
    assert found(line).get(category) == value, found(line)


def test_an_age_over_89_identifies_alone_and_a_younger_one_is_reported_as_an_age():
    assert found("94YM").get("age_over_89") == "94YM"
    assert found("57 yrs M").get("age") == "57 yrs M"


@pytest.mark.parametrize(
    "line",
    [
        "kVp 120 mAs 250",
        "Series 3 Image 45",
        "Window Center 40",
        "WW 400 WL 40",
        "Im: 88/223",
        "W: 406L-264",  # window and level read glued
        "Window Center: 40",
        "F/2.8",
        # runs of capitals whose cuts hold a given name (ELVIS, SAGIT) in the wrong place
        "CTABDOMENPELVIS",
        "SAGITTALFLAIR",
        "ABDOMENPELVIS~C",
        "Klinikum",  # the kind alone names no place
    ],
)
def test_acquisition_settings_in_an_overlay_are_not_identifiers(line: str):
    assert found(line) == {}


def test_an_institution_is_read_on_one_line_and_a_frame_number_is_no_place():
    words = []
    for row, text in enumerate(["Portia SC Export", "Series5", "Secondary Capture", "Image64"]):
        x = 0
        for token in text.split(" "):
            words.append(Word(token, (x, 10 + 20 * row, 8 * len(token), 12), 90.0, (0, 0, 0, 0)))
            x += 8 * (len(token) + 1)
    findings, _lines = ocr.findings(words, [])
    assert [f for f in findings if f.category == "institution"] == []


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("DOE JANE M", "DOE JANE M"),  # no label, no separator, the initial after
        ("Jane Doe", "Jane Doe"),
        ("FIDELMAN AMARA", "FIDELMAN AMARA"),  # a surname no list holds, a given name
        ("Kate Jones", "Kate Jones"),
        ("DOEJANEM", "DOEJANEM"),  # capitals read with no spaces: two listed names and an initial
        ("LEFEVREMARTHA", "LEFEVREMARTHA"),
        ("OKONKWO ADAEZE", "OKONKWO ADAEZE"),  # a line of its own, two rare words
        ("DE LA CRUZ^MARIA", "DE LA CRUZ^MARIA"),  # a surname's small words
        ("Nguyễn Thị Lan", "Nguyễn Thị Lan"),
        ("Müller, Jörg", "Müller, Jörg"),
        ("MARY-KATE SMITH", "MARY-KATE SMITH"),
        ("NGUYỄN^THỊ", "NGUYỄN^THỊ"),
        ("ÖZTÜRK, AYŞE", "ÖZTÜRK, AYŞE"),
        ("Name: Ölçer Deniz", "Ölçer Deniz"),
        ("Attending: Priya Raman", "Priya Raman"),
        ("Ordering MD: Jones, Amy", "Jones, Amy"),
        ("Reported by: Dr. Chen", "Dr. Chen"),
    ],
)
def test_a_name_in_any_overlay_form_is_found(line: str, value: str):
    assert found(line).get("name") == value, found(line)


@pytest.mark.parametrize(
    "line",
    [
        "Siemens Vida",
        "Philips Ingenia",
        "MAGNETOM Skyra",
        "Acuson Sequoia",
        "SAGITTAL FLAIR",
        "LUMBAR SPINE",
        "AXIAL T1 POST",
        "T1 MPRAGE",
        "AQUILION",
        "BILATERAL",
        "TOPOGRAM",
    ],
)
def test_scanner_and_sequence_names_are_not_taken_for_a_patients_name(line: str):
    assert "name" not in found(line), found(line)


@pytest.mark.parametrize(
    ("line", "category", "value"),
    [
        ("Mar 14 1957", "date", "Mar 14 1957"),
        ("March 14, 1957", "date", "March 14, 1957"),
        ("Age: 45 Sex: M", "age", "45"),
        ("D.O.B. 09/07/2013 9Y F", "age", "9Y F"),  # the sex letter is covered with the age
        ("Age/Sex: O63Y F", "age", "O63Y F"),  # a zero read as the letter O
        ("D.O.B.: 17-MAY- 1938", "date", "17-MAY- 1938"),
        ("67/F", "age", "67/F"),
        ("Sex/Age: F/067Y", "age", "F/067Y"),
        ("67 yo", "age", "67 yo"),
        ("Accession Number 88213004", "accession", "88213004"),
        ("Site: Northvale", "institution", "Northvale"),
        ("Room 4B", "geo_small", "Room 4B"),
        ("Bed: 14A", "geo_small", "14A"),
        ("Loc: Room541BedA", "geo_small", "Room541BedA"),  # read with no spaces
        ("Room: ICU-8Bed10", "geo_small", "ICU-8Bed10"),
        ("Room 564 Bed A", "geo_small", "Room 564 Bed A"),
        ("Grantham County Medical Ctr", "institution", "Grantham County Medical Ctr"),
        ("D.O.B.:12-0CT-2003", "date", "12-0CT-2003"),  # the month's O read as a zero
        ("01632 960123", "phone", "01632 960123"),
        ("+44 20 7946 0958", "phone", "+44 20 7946 0958"),
    ],
)
def test_dates_ages_places_and_phones_in_other_forms_are_found(
    line: str, category: str, value: str
):
    assert found(line).get(category) == value, found(line)


def test_a_phone_with_no_label_gives_one_finding_with_its_value():
    words = [Word("(555)", (0, 10, 40, 12), 90.0, (0, 0, 0, 0))]
    words.append(Word("201-3344", (48, 10, 64, 12), 90.0, (0, 0, 0, 0)))
    findings, _lines = ocr.findings(words, [])
    assert [(f.category, f.value) for f in findings] == [("phone", "(555) 201-3344")]


def test_full_width_punctuation_from_rapidocr_is_read_as_ascii(monkeypatch: pytest.MonkeyPatch):
    pytest.importorskip("numpy")
    from PIL import Image

    from socialcoach.images import rapid

    line = [[0, 0], [200, 0], [200, 12], [0, 12]]
    monkeypatch.setattr(rapid, "_engine", lambda: None)
    monkeypatch.setattr(rapid, "_lines", lambda *_a: [(line, "Phone:（555）017-5721", 0.9, None)])
    words = rapid.read(Image.new("L", (210, 20), 255), 1.0, 0)
    assert [w.text for w in words] == ["Phone:(555)017-5721"]
    findings, _lines = ocr.findings(words, [])
    assert [f.category for f in findings] == ["phone"]


def test_a_last_comma_first_name_read_with_no_space_is_split_at_its_comma():
    from socialcoach.images import rapid

    assert [w for w, _box in rapid._unglued("Muller,Jorg", (0, 0, 110, 10))] == ["Muller,", "Jorg"]
    assert [w for w, _box in rapid._unglued("1,5", (0, 0, 30, 10))] == ["1,5"]


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Pt ID: 0012345", "0012345"),
        ("Patient ID:PX-448812", "PX-448812"),
        ("Patient No. 55219870", "55219870"),
    ],
)
def test_an_id_after_a_patient_label_is_an_id_not_a_name(line: str, value: str):
    got = found(line)
    assert "name" not in got, got  # `ID: 0012345` is no one's name
    assert value in " ".join(got.values()), got


def test_the_middle_initial_of_a_last_comma_first_name_is_covered_with_it():
    assert found("WEISS, DAVID R")["name"] == "WEISS, DAVID R"
