"""Record numbers and codes, with and without the cue word right before them."""

from __future__ import annotations

import pytest

from socialcoach.phi import learned

from phi_cases import assert_clean, assert_flags, assert_rules_flag, found


@pytest.mark.parametrize(
    ("draft", "needle", "category"),
    [
        ("mrn 40918273 on the req", "40918273", "mrn"),
        ("Acc 88213004 for the CT", "88213004", "accession"),
        ("A# 5521907 is the one", "5521907", "accession"),
        ("accession column: | 24CT0918821 | 24MR0091102 |", "24CT0918821", "accession"),
        ("HAR 4410022, FIN 2409981177 on the sticker", "2409981177", "account"),
        ("Medicare MBI 1EG4-TE5-MK72 on the fax", "1EG4-TE5-MK72", "health_plan"),
        ("his Medicare number 2WQ8-KL4-RT61 was read out", "2WQ8-KL4-RT61", "health_plan"),
        ("patient's CDL # was on the DOT form (TX 18833021)", "18833021", "license"),
        ("the serial # right on it: RZQ-118830", "RZQ-118830", "device"),
        ("lot 4471A of the stent", "4471A", "device"),
        ("last four of her SSN 4432", "4432", "ssn"),
        ("SSN xxx-xx-4432 on the form", "xxx-xx-4432", "ssn"),
        ("Trauma Zebra came in at 2am, CT pan-scan", "Trauma Zebra", "other_id"),
        ("booking number was printed on the req (#A44-19203)", "A44-19203", "other_id"),
        ("the pt's IG is @sally_rides_again, she posted her CT", "@sally_rides_again", "other_id"),
        ("CT for the pt in bed, 00482913 on the label", "00482913", "mrn"),
    ],
)
def test_an_id_is_flagged_with_its_family(draft: str, needle: str, category: str) -> None:
    assert_flags(draft, needle, category)


@pytest.mark.parametrize(
    "draft",
    [
        "Case 12 in our GU series",
        "CTDIvol under 60 mGy for a routine adult head",
        "BP 118/76 and HR 88 on arrival",
        "Follow @RadiologyACR for the guidelines",
        "Trauma Bay 2 is being renovated",
        "version 2.1.3.4 of the PACS viewer",
    ],
)
def test_medical_numbers_and_society_handles_are_not_ids(draft: str) -> None:
    assert_clean(
        draft, "mrn", "accession", "account", "health_plan", "license", "device", "other_id"
    )


@pytest.mark.parametrize(
    ("draft", "needle", "category"),
    [
        (
            "a case exported with UID 1.2.826.0.1.3680043.8.498.1177264493 intact, traced to the"
            " patient",
            "1.2.826.0.1.3680043.8.498.1177264493",
            "other_id",
        ),
        (
            "the histo request had the lab no. H24-08812 on the patient's biopsy",
            "H24-08812",
            "accession",
        ),
        (
            "retina scan ID pasted into the indication: RET-BIO-44820917, r/o papilledema",
            "RET-BIO-44820917",
            "biometric",
        ),
        (
            "Bloke rolled his ute, QLD rego 482 KTZ per the handover, walked in with a burst"
            " fracture",
            "482 KTZ",
            "vehicle",
        ),
        (
            "A relative messaged me from @shaz.b.ali asking about her aunty's CT",
            "@shaz.b.ali",
            "other_id",
        ),
    ],
)
def test_round_four_forms_are_flagged(draft: str, needle: str, category: str) -> None:
    assert_flags(draft, needle, category)


@pytest.mark.parametrize(
    "draft",
    [
        "the DICOM root 1.2.840.10008 is in every header",  # a root, not one study's UID
        "PACS 10.2.1.4 is out, and PMID 12345678 explains the sign",
        "our registrar spent 2 hours on the reg rota",
    ],
)
def test_a_uid_root_a_version_and_a_paper_are_not_ids(draft: str) -> None:
    assert_clean(draft, "other_id", "mrn", "vehicle")


def test_a_clinicians_credential_number_is_not_a_patients_id() -> None:
    assert_clean(
        "Finally passed my MRI registry (ARRT #5520931) after two tries!", "mrn", "license"
    )
    assert_clean("Dr. Alvarez, Radiology\nNPI 1457382910\nCall for coverage", "license", "mrn")


def test_the_second_number_before_the_exam_on_a_worklist_line_is_the_accession() -> None:
    line = "PHAM, VAN AN  00319284  66120871  MR BRAIN W/WO  STAT"
    hits = found(line)
    assert ("accession", "66120871", "likely") in hits, hits
    assert not any(c == "accession" and t == "00319284" for c, t, _ in hits), hits


@pytest.mark.parametrize(
    ("draft", "needle", "category"),
    [
        (
            "Untersuchungsnummer 51230987 gehört zu einem anderen Patienten.",
            "51230987",
            "accession",
        ),
        ("Bệnh nhân phòng 12, số hồ sơ BV-23-1187, cần chụp lại.", "BV-23-1187", "mrn"),
        (
            "O paciente trouxe a CNH 07731288410 e a placa RTA-2B19 do carro.",
            "07731288410",
            "license",
        ),
        ("O paciente trouxe a CNH 07731288410 e a placa RTA-2B19 do carro.", "RTA-2B19", "vehicle"),
        (
            "Mr. Keane's IHI 8812 4403 2291 got printed on the leaflet.",
            "8812 4403 2291",
            "health_plan",
        ),
        (
            "He filmed the consent for his 40k followers as @bogman_barry, CT was fine.",
            "bogman_barry",
            "other_id",
        ),
    ],
)
def test_ids_by_their_cue_in_other_languages_and_a_patients_handle(
    draft: str, needle: str, category: str
) -> None:
    assert_rules_flag(draft, needle, category)


def test_a_unit_after_a_number_must_be_a_whole_word() -> None:
    """ "got" is no gram and "xray" no multiplication sign; "5 mg" still is an amount."""
    with learned.use(learned.RULES_ONLY):
        assert_flags("Her IHI 4401 2298 7710 got onto the xray request.", "4401", "health_plan")
        assert_clean("Case 4401 2298 mg of what? Typo in the order set.", "health_plan")


@pytest.mark.parametrize(
    ("draft", "needle"),
    [
        (
            "Llegó sin documentos, solo la CURP GOMA710203HDFRRN04 en el celular; TC de cráneo.",
            "GOMA710203",
        ),
        ("Mrs. Adeyemi's NIN (40918273645) was on the request form with her CT.", "40918273645"),
        (
            "The coroner's office wrote 'coroner 2025-0311' and the name on the CT request.",
            "2025-0311",
        ),
        ("His custody number 07/553120/25 was printed on the CT request.", "07/553120/25"),
        ("Her aunt posts updates on insta @tita.marisol.updates after every scan.", "tita.marisol"),
        ("A patient DM'd me from @sunny_rosa_1948 asking about her MRI report.", "sunny_rosa_1948"),
    ],
)
def test_agency_numbers_and_handles_a_patient_posts_from(draft: str, needle: str) -> None:
    assert_rules_flag(draft, needle, "other_id")


def test_a_teaching_case_number_and_a_societys_handle_are_not_a_patients() -> None:
    with learned.use(learned.RULES_ONLY):
        assert_clean(
            "Case number from our teaching series (TF-0042) is not an accession.", "other_id"
        )
        assert_clean("Follow @RSNA for the meeting schedule and the posters.", "other_id")
