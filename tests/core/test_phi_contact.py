"""Contact identifiers: phones, faxes, emails, links and IPs; public and own ones stay clean."""

from __future__ import annotations

import pytest

from phi_cases import assert_clean, assert_flags, assert_rules_clean, assert_rules_flag


@pytest.mark.parametrize(
    ("draft", "needle", "category"),
    [
        ("his daughter's cell is (555) 201-4477", "(555) 201-4477", "phone"),
        ("faxed it to us?? at 555-661-0293?? why", "555-661-0293", "fax"),
        ("the family's email is okafor.family@example.org", "okafor.family@example.org", "email"),
        ("please share his fundraiser gofundme.example.com/help-sal", "gofundme", "url"),
        ("his son logs into MyChart from IP 198.51.100.23 as him", "198.51.100.23", "ip"),
    ],
)
def test_a_patients_contact_details_are_flagged(draft: str, needle: str, category: str) -> None:
    assert_flags(draft, needle, category)


@pytest.mark.parametrize(
    "draft",
    [
        "Set DNS to 8.8.8.8 or 1.1.1.1 if the PACS viewer will not load",
        "Conference Wi-Fi: network RSNA-Guest, gateway 10.0.0.1, password radiology",
        "Register at example.org/neuroupdate for the course",
        "Read the guideline at radiopaedia.org/articles/bosniak",
        "Our hospital's Breast Cancer Awareness Walk: example.org/walk2025",
    ],
)
def test_public_dns_wifi_course_and_charity_links_are_not_flagged(draft: str) -> None:
    assert_clean(draft, "ip", "url")


@pytest.mark.parametrize(
    "address",
    ["recruiting@example.org", "careers@pinnacle.example.com", "rads.residency@example.org"],
)
def test_a_role_mailbox_in_a_hiring_post_is_not_flagged(address: str) -> None:
    assert_clean(f"We're hiring two radiologists! Questions: {address}", "email")


def test_a_patients_own_mailbox_is_still_flagged() -> None:
    assert_flags(
        "Her email is chiomaokoro.ng@example.net, should I reply?", "chiomaokoro.ng", "email"
    )
    # a role-like name tied to the patient by the sentence still counts
    assert_flags("her family's email is info@okorofamily.example.net", "info@", "email")


def test_a_uk_phone_number_tied_to_a_patient_is_flagged() -> None:
    draft = "Tried calling the patient's wife: the system had 0117 555 0922, the GP 07700 555 631"
    assert_flags(draft, "0117 555 0922", "phone")
    assert_flags(draft, "07700 555 631", "phone")


@pytest.mark.parametrize(
    "draft",
    [
        "Referring docs can reach our reading room at (555) 430-2211 any time overnight.",
        "My cell (555) 918-2030 is taped to the ED whiteboard for STAT reads.",
        "Questions about the screening day? Call the department (555) 604-7781.",
    ],
)
def test_the_authors_or_practices_own_line_is_not_a_patients(draft: str) -> None:
    assert_clean(draft, "phone", "fax")


def test_a_relatives_number_after_my_or_call_is_still_flagged() -> None:
    # "call me" is what a patient's relative writes too, and a patient's sentence keeps its number
    assert_flags("The patient's wife wrote 'call me anytime at 555-0142'", "555-0142", "phone")
    assert_flags("our patient's daughter left her cell (555) 310-9920", "(555) 310-9920", "phone")


@pytest.mark.parametrize(
    ("draft", "needle", "category"),
    [
        (
            "Die Tochter bittet um den Befund per Fax an +49 8041 555 0199, danke.",
            "+49 8041",
            "fax",
        ),
        ("Please ring her husband on +353 21 555 0143 about the drain.", "+353 21", "phone"),
        ("Her son's number is +61 7 5555 0102, he wants the CT result.", "+61 7", "phone"),
        (
            "The clinic faxed it to the patient's home fax 021 555 0188 by mistake.",
            "021 555",
            "fax",
        ),
    ],
)
def test_numbers_with_a_country_code_or_a_trunk_zero(
    draft: str, needle: str, category: str
) -> None:
    assert_rules_flag(draft, needle, category)


@pytest.mark.parametrize(
    "draft",
    [
        "Our reading room: +44 20 7946 0000 is the UK number format.",
        "Dose went from 2 to +12 3 4 5 over the week in the titration table.",
        "Reach our department on +353 21 555 0100 for referrals.",
    ],
)
def test_short_signed_numbers_and_our_own_line_are_not_a_patients_phone(draft: str) -> None:
    assert_rules_clean(draft, "phone", "fax")


@pytest.mark.parametrize(
    "draft",
    [
        "Thinking about an IR career? DM me or email me at d.okoro.ir@example.com",
        "Questions about the program: pd.rads@example.org, we reply within a week.",
        "Our new MRI slots run until 10pm. Call 555-0110 to schedule.",
        "Vendor support line is 555-0199 if the injector errors again.",
        "Text me at 555-318-4470 if you want to share a ride to the meeting.",
        "Appointments: 555-0148. Walk-ins welcome for plain films.",
    ],
)
def test_the_authors_own_contact_and_a_services_line_are_not_a_patients(draft: str) -> None:
    assert_rules_clean(draft, "email", "phone", "fax")


@pytest.mark.parametrize(
    ("draft", "needle", "category"),
    [
        (
            "Her review said 'Thanks for the scan! Call me anytime at 555-0139' and I froze.",
            "555-0139",
            "phone",
        ),
        (
            "The patient's daughter asked us to email her at jo.pell.family@example.com.",
            "jo.pell",
            "email",
        ),
        ("Call his wife at 555-0177 to book the follow-up CT.", "555-0177", "phone"),
    ],
)
def test_a_quoted_call_me_and_a_relatives_number_are_still_flagged(
    draft: str, needle: str, category: str
) -> None:
    assert_rules_flag(draft, needle, category)


def test_the_words_or_and_pet_are_not_the_operating_room_and_a_scan() -> None:
    """The clinical cues are matched case-folded, so "OR" matched every "or": a sentence with
    "or" in it read as clinical, and "DM me or email me at ..." as a patient's line."""
    from socialcoach.phi._base import Doc

    assert not Doc("Coffee or tea after the talk?").clinical(0)
    assert not Doc("Bring your pet to the staff picnic.").clinical(0)  # "PET" is PET-CT
    assert Doc("Her PET-CT lit up the node.").clinical(0)
    assert Doc("Straight to the operating room after the CT.").clinical(0)
