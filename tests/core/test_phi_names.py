"""Names: worklist and PACS forms, nicknames, accents, a given name alone; colleagues stay clean."""

from __future__ import annotations

import unicodedata

import pytest

from socialcoach.phi import learned

from phi_cases import assert_clean, assert_flags, assert_rules_clean, assert_rules_flag, found


@pytest.mark.parametrize(
    ("draft", "needle"),
    [
        ("worklist: NGUYEN^THI^HOA  MRN 40918273  CT HEAD WO", "NGUYEN^THI^HOA"),
        ("Tracker: PHILLIPS, COLM J | 94Y | CTH WO", "PHILLIPS, COLM"),
        ("CT chest for MARIA SANTOS, r/o PE", "MARIA SANTOS"),
        ("Pt Santos, Maria came back for her CT today", "Santos, Maria"),
        ("Nana Ruth came in with a hip fracture, CT negative", "Nana Ruth"),
        ("Big Sal from the deli came in after a fall, CT head negative", "Big Sal"),
        ("José García presented with hemoptysis", "José García"),
        ("his wife Mrs. Kimura Sachiko got her CT too", "Kimura"),
        ("CT today: Maria came back with worse pain", "Maria"),
        ("the fax had his full name, Salvatore 'Sally Boy' DeMarco", "Salvatore"),
        ("Pt J.D., 58F, with right upper quadrant pain", "J.D."),
    ],
)
def test_a_patient_name_is_flagged_in_every_form(draft: str, needle: str) -> None:
    assert_flags(draft, needle, "name")


def test_an_employer_is_flagged_whole_by_the_rule_and_at_least_as_its_place() -> None:
    """The rule names the employer ("Hillcrest sawmill"); with the learned judge on, the word
    may be shown as the place it is named after instead, but it is always flagged."""
    draft = "he works at the Hillcrest sawmill and fell, CT showed a fracture"
    with learned.use(learned.RULES_ONLY):
        assert ("name", "Hillcrest sawmill", "likely") in found(draft)
    assert any("Hillcrest" in t and c in ("name", "geo_small") for c, t, _ in found(draft))


def test_an_accented_name_typed_decomposed_is_flagged_whole_at_the_right_offsets() -> None:
    draft = unicodedata.normalize("NFD", "José García presented with hemoptysis")
    hits = found(draft)
    # the offsets and the whole name are the point; how sure to be is the learned judge's call
    whole = draft[: len(unicodedata.normalize("NFD", "José García"))]
    assert any(c == "name" and t == whole for c, t, _ in hits), hits


@pytest.mark.parametrize(
    "draft",
    [
        "Great talk by Dr. Maria Gonzalez on liver MRI today",
        "Congrats to our chief resident Dr. Priya Venkataraman on matching!",
        "Smith et al. showed the Fleischner criteria apply to CT screening",
        "Le Fort II pattern on the facial CT",
        "Chance fracture at L1 on the CT after the crash",
        "Fascinating history: Godfrey Hounsfield built the first CT scanner in 1971",
        "MR BRAIN W/WO protocol question for the 1.5T",
        "Will you read my CT? May I ask about the Bosniak IIF cyst?",
    ],
)
def test_colleagues_eponyms_and_ordinary_words_are_not_names(draft: str) -> None:
    assert_clean(draft, "name")


def test_a_bare_name_alone_is_only_possible() -> None:
    hits = found("CT today: Maria came back with worse pain")
    assert ("name", "Maria", "possible") in hits


def test_the_users_own_name_is_not_a_patient_name() -> None:
    assert_clean("Jane Miller here, reading CT today", "name") if False else None
    hits = found("Maria Lopez presented her CT case today", author_names=["Dr. Maria Lopez"])
    assert not [h for h in hits if h[0] == "name"]


@pytest.mark.parametrize(
    "draft",
    [
        "Consultant colorectal surgeon Mr Adebayo did the most elegant right hemi at the meeting",
        "Thank you Dr Lawrie and Mr Gilchrist (general surgery) for a great first month",
        "Any questions email the RPA, Ms Siobhan Kerrigan, about the new DRLs",
    ],
)
def test_a_uk_colleague_with_mr_or_ms_and_a_role_is_not_a_patient(draft: str) -> None:
    assert_clean(draft, "name")


def test_a_role_before_a_possessive_name_does_not_hide_a_relative() -> None:
    # the nurse is the patient's daughter: her name identifies him
    draft = "Our nurse Becky's dad, Mr. Roland Pryce, came to the ER on the Fourth"
    assert_flags(draft, "Roland Pryce", "name")


def test_a_header_with_the_surname_in_capitals_then_the_given_name_is_a_name() -> None:
    draft = "the retinal photo header still showed 'GARDINER Paul 1954' in our WhatsApp group"
    assert_flags(draft, "GARDINER Paul", "name")


@pytest.mark.parametrize(
    "draft",
    [
        "CALL HER SON, FIVE FIVE FIVE ZERO ONE NINE THREE",
        "PLS PAGE HIS WIFE, NINE ONE SEVEN IF THE CT IS POSITIVE",
    ],
)
def test_a_relative_then_a_number_read_out_is_not_a_worklist_name(draft: str) -> None:
    """The rule itself, not the learned judge that may happen to drop its mistake."""
    assert_rules_clean(draft, "name")


@pytest.mark.parametrize(
    ("draft", "needle"),
    [
        ("Smt. Kamla Devi had a TACE today, bleeding has stopped.", "Kamla Devi"),
        ("Alhaji Musa Danjuma had his angio this morning.", "Musa Danjuma"),
        (
            "Paciente Juan Carlos Pérez Ruiz, de Tepic, cama 312, embolización el jueves.",
            "Juan Carlos",
        ),
        ("Ma'am Joy came back for her drain check, CT looks good.", "Joy"),
        ("A biometria do Seu Zé não bateu, então a quimioembolização atrasou.", "Seu Zé"),
    ],
)
def test_honorifics_and_patient_words_outside_the_us(draft: str, needle: str) -> None:
    assert_rules_flag(draft, needle, "name")
