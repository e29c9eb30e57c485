"""Places smaller than a state: towns from GeoNames, facilities, units, rooms, addresses, ZIPs."""

from __future__ import annotations

import pytest

from socialcoach.phi import learned

from phi_cases import assert_clean, assert_flags, assert_rules_flag


@pytest.mark.parametrize(
    ("draft", "needle", "category"),
    [
        ("ninety-six yo lady from Tuba City came in w/ a hip fx", "Tuba City", "geo_small"),
        ("pt still drives himself to dialysis from Hamtramck. his CT", "Hamtramck", "geo_small"),
        ("a farmer from Millbrook County with a crush injury", "Millbrook County", "geo_small"),
        ("the Rock Springs ER sent him for a CT", "Rock Springs", "geo_small"),
        ("Bed 12 in the MICU, CT portable", "Bed 12", "geo_small"),
        ("he's in scanner 2, I'm holding his license", "scanner 2", "geo_small"),
        ("Addr: 2214 Sumac Ln, Hilo HI 96720 on the req", "2214 Sumac Ln", "address"),
        ("Addr: 2214 Sumac Ln, Hilo HI 96720 on the req", "Hilo", "geo_small"),
        ("Addr: 2214 Sumac Ln, Hilo HI 96720 on the req", "96720", "zip"),
        ("ADDR: 219 Rue Dauphine Apt B, New Orleans 70116", "219 Rue Dauphine", "address"),
        ("transferred from Valley Regional Hospital with a bleed", "Valley Regional", "geo_small"),
    ],
)
def test_a_place_tied_to_a_patient_is_flagged(draft: str, needle: str, category: str) -> None:
    assert_flags(draft, needle, category)


@pytest.mark.parametrize(
    "draft",
    [
        "a patient in Ohio with a renal mass",
        "I'm moving to Denver in July to start my fellowship",
        "Our residents presented 9 abstracts at ARRS 2025 in San Diego",
        "Proud to join the Mercy radiology team!",
        "the first clinical CT scan was performed in 1971 at Atkinson Morley's Hospital",
        "background radiation in Denver is about 4.5 mSv a year",
    ],
)
def test_states_workplaces_conferences_and_history_are_not_flagged(draft: str) -> None:
    assert_clean(draft, "geo_small", "address", "zip")


def test_a_date_and_a_title_are_not_a_street_address() -> None:
    draft = "Applications for the patient-safety fellowship close 1 February. Contact Dr. Obi."
    assert_clean(draft, "address")


@pytest.mark.parametrize(
    "draft",
    [
        "Canadian resident here, PGY-2: how do your programs share a CT of a 70M for teaching?",
        "Ontario resident on nights. 65F with a PE on CTA, how fast do you call it in?",
        "Kenyan resident, long post: our scanner was down so the 58M went by ambulance.",
    ],
)
def test_a_nationality_or_province_before_resident_is_the_trainee_not_a_town(draft: str) -> None:
    """In a physician's post "X resident" is most often a trainee: a nationality or a
    province before it is not a place smaller than a state."""
    assert_clean(draft, "geo_small")


def test_a_town_before_resident_still_is_one() -> None:
    assert_flags("a Hamtramck resident, 80M, fell at home; CT head", "Hamtramck", "geo_small")


def test_five_digits_after_ct_are_a_zip_only_in_connecticuts_range() -> None:
    # a CPT code after the modality is no ZIP; a Hartford ZIP after "CT" still is
    assert_clean("My RVU sheet for tonight:\nSTAT  CT  70496  1.75\nSTAT  CT  74176  1.74", "zip")
    assert_flags("pt lives at 40 Oak St, New Britain, CT 06051", "06051", "zip")


@pytest.mark.parametrize(
    ("draft", "needle"),
    [
        ("Our patient in hallway bed H7 waited 9 hours for his CT", "hallway bed H7"),
        ("Der Patient aus Zimmer 312 kam zum CT, 84 Jahre", "Zimmer 312"),
        ("The lady on Rowan Ward, 88F, fell again overnight", "Rowan Ward"),
        ("she moved to Tonopah after her scan and never came back for follow-up", "Tonopah"),
    ],
)
def test_more_places_where_a_patient_was(draft: str, needle: str) -> None:
    assert_flags(draft, needle, "geo_small")


@pytest.mark.parametrize(
    ("draft", "needle"),
    [
        (
            "Huge thanks to Mere and her whānau from Kaitaia for letting me share her scan.",
            "Kaitaia",
        ),
        ("The referral from Tuam had everything on it, CT head included.", "Tuam"),
        ("si Lola Remedios from Toowoomba, massive hemoptysis, BAE bukas ng umaga", "Toowoomba"),
    ],
)
def test_a_town_after_a_relative_an_honorific_or_a_referral(draft: str, needle: str) -> None:
    assert_rules_flag(draft, needle, "geo_small")


def test_the_authors_new_post_as_chief_is_no_patients_town() -> None:
    with learned.use(learned.RULES_ONLY):
        assert_clean(
            "Proud to be named Chief of Radiology at Cottonwood Valley Imaging.", "geo_small"
        )
