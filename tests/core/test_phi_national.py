"""National health, social-security and hospital numbers and postcodes (UK, Ireland, Australia,
Canada): each form flagged, its look-alikes left alone, and check digits read as their
specifications say (phi/national.py cites them)."""

from __future__ import annotations

import pytest

from socialcoach.phi import national

from phi_cases import assert_clean, assert_flags, found


@pytest.mark.parametrize(
    ("check", "valid", "invalid"),
    [
        (national.nhs_mod11_ok, "9434765919", "9434765918"),  # NHS Digital's test number
        (national.chi_ok, "1505312310", "1505312311"),
        (national.chi_ok, "1505312310", "3213312310"),  # no 32nd day: not a CHI date
        (national.medicare_au_ok, "2123456701", "2123456711"),
        (national.medicare_au_ok, "2123456701", "7123456701"),  # first digit 2-6 only
        (national.luhn_ok, "1234567897", "1234567890"),
        (national.bc_phn_ok, "9876543218", "9876543217"),
        (national.ihi_au_ok, "8003601234567894", "8003601234567895"),
        (national.ihi_ie_ok, "123456794347659199", "123456794347659198"),
        (national.ppsn_ok, "1234567T", "1234567A"),
        (national.nino_ok, "AB123456C", "QQ123456C"),  # Q is never a prefix letter
        (national.nino_ok, "AB123456C", "GB123456C"),  # GB is not allocated
        (national.nhi_ok, "ZZZ0016", "ZZZ0017"),  # the Ministry of Health's test NHIs
        (national.nhi_ok, "CGC2720", "CGC2721"),
        (national.nhi_ok, "CGC2720", "IGC2720"),  # no I in an NHI
    ],
)
def test_check_digits_follow_the_specifications(check, valid: str, invalid: str) -> None:
    assert check(valid)
    assert not check(invalid)


@pytest.mark.parametrize(
    ("draft", "needle", "category"),
    [
        ("the request form had her NHS no. 943 476 5919 on it", "943 476 5919", "health_plan"),
        ("NHS number 9434765919 printed on the sticker", "9434765919", "health_plan"),
        ("her CHI is 1505312310 and the ward wants it on the film", "1505312310", "health_plan"),
        ("PT HCN 4021 889 365 VR, call daughter", "4021 889 365 VR", "health_plan"),
        ("OHIP 1234-567-897-AB on the requisition for her CT", "1234-567-897-AB", "health_plan"),
        ("his BC PHN 9876 543 218 was in the DICOM header", "9876 543 218", "health_plan"),
        ("Medicare 2123 45670 1 on the referral for her CT", "2123 45670 1", "health_plan"),
        ("IHI 8003 6012 3456 7894 on the discharge letter", "8003 6012 3456 7894", "health_plan"),
        ("her RAMQ number TREM 4501 0112 was on the req", "TREM 4501 0112", "health_plan"),
        ("NI number printed on the referral (AB 12 34 56 C)", "AB 12 34 56 C", "ssn"),
        ("the patient's PPSN 1234567T was on the form", "1234567T", "ssn"),
        ("still has the patient's postcode in the DICOM address field: BS5 9QX", "BS5 9QX", "zip"),
        ("Pt address: 42 Fernwood Crescent, Dartmouth NS B2W 3K1", "B2W 3K1", "zip"),
        (
            "she lives at 12 Main St, Athlone, Eircode N37 F6D7, and came in by ambulance",
            "N37 F6D7",
            "zip",
        ),
        ("Hosp no K1234567 on the sticker of the patient", "K1234567", "mrn"),
        ("Dad's NHI is ZKB4471, he wants his CT on a USB", "ZKB4471", "health_plan"),
        ("pt Aroha, 43, CGC2720 - wants f/u on the lung nodule", "CGC2720", "health_plan"),
        (
            "brought in a Medicare card that expired and the number (112 334 556) didn't validate",
            "112 334 556",
            "health_plan",
        ),
        (
            "DVA Gold Card number QX 102938, Korean War vet, in today for a CT",
            "QX 102938",
            "health_plan",
        ),
        ("her HSE medical card no. 7731029K was on the referral", "7731029K", "health_plan"),
        ("Mrs Fraser (lives in G51 with her husband), admitted with falls", "G51", "zip"),
        ("Patient is Mr. Gill, lives in Surrey BC, V3W postal area", "V3W", "zip"),
        ("Event 30918827 | CT ABDO PELVIS C+ | PATEL, Harish", "30918827", "accession"),
        (
            "motorbike vs car, his motorbike reg (211-D-48193) was on the handover",
            "211-D-48193",
            "vehicle",
        ),
        (
            "car reg was noted by the ambulance crew as LK68 WRF, police want the CT report",
            "LK68 WRF",
            "vehicle",
        ),
        ("the patient sticker said RTH 1234567 on her CT request", "RTH 1234567", "mrn"),
    ],
)
def test_a_national_number_or_postcode_is_flagged(draft: str, needle: str, category: str) -> None:
    assert_flags(draft, needle, category)


_IN_NOTES = "the referral for her CT had {} typed in the notes field"


@pytest.mark.parametrize(
    ("draft", "number", "category", "confidence"),
    [
        # passes the NHS check and no North American phone has an exchange "023": likely
        (_IN_NOTES.format("401 023 2137"), "401 023 2137", "health_plan", "likely"),
        # also a valid NHS number, but in a phone's shape with no cue: still flagged, as
        # whichever it may be
        (_IN_NOTES.format("943 476 5919"), "943 476 5919", None, None),
        # fails the modulus 11 check; with its cue it is still a health number
        ("her NHS no. 943 476 5918 was on the request", "943 476 5918", "health_plan", None),
        ("the NI number was on the referral (QQ 55 88 12 C)", "QQ 55 88 12 C", "ssn", None),
    ],
)
def test_a_check_digit_makes_a_bare_number_likely_and_never_hides_a_cued_one(
    draft: str, number: str, category: str | None, confidence: str | None
) -> None:
    hits = [h for h in found(draft) if h[1] == number]
    assert hits, found(draft)
    if category is not None:
        assert any(c == category for c, _, _ in hits), hits
    if confidence is not None:
        assert (category, number, confidence) in hits, hits


def test_an_invalid_bare_number_is_not_called_a_health_number() -> None:
    hits = found(_IN_NOTES.format("943 476 5918"))
    assert not any(c == "health_plan" for c, _, _ in hits), hits


@pytest.mark.parametrize(
    "draft",
    [
        # phone numbers in the 3-3-4 shape, a 555 number and one after "call"
        "Call the reading room on 416 555 0192 for wet reads",
        "Booking line for the breast unit: call 943 476 5919 between 9 and 5",
        # a trial registration and a paper: a prefix and digits that are no hospital number
        "Our patients were enrolled in NCT01234567 (see PMID 12345678)",
        # sequences and doses that look like postcodes only to a careless pattern
        "T2 FLAIR at 3T, 1.5 mm slices, 80 kVp",
        "We scanned 12 patients on the new 3T this week",
    ],
)
def test_look_alikes_are_not_national_numbers(draft: str) -> None:
    assert_clean(draft, "health_plan", "ssn", "zip", "mrn")


def test_a_postcode_in_a_hiring_post_is_not_a_patients() -> None:
    assert_clean(
        "We're hiring two consultant radiologists! Apply to the department, Leeds LS1 3EX.",
        "zip",
    )


@pytest.mark.parametrize(
    ("draft", "needle", "category"),
    [
        ("le numéro de sécu du patient était dans l'objet (2 51 09 69 123 456 78)", "2 51", "ssn"),
        ("the form had the full Aadhaar: 5821 0093 4417 for a 31F", "5821 0093 4417", "ssn"),
        ("the clinician wrote the SA ID on the request, 6502145800088", "6502145800088", "ssn"),
        ("en la petición venía el DNI del paciente, 44120398K", "44120398K", "ssn"),
        ("seine Versichertennummer (K204118830) stand im Betreff", "K204118830", "health_plan"),
        ("the NHC (historia clínica 00451290) was on the slip", "00451290", "mrn"),
    ],
)
def test_other_countries_numbers_when_their_name_is_in_the_sentence(
    draft: str, needle: str, category: str
) -> None:
    assert_flags(draft, needle, category)


def test_a_uk_number_after_fax_is_a_fax() -> None:
    assert_flags("the report for Mr Hale was faxed to 0113 555 0171 by mistake", "0113", "fax")
