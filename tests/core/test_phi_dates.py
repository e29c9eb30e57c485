"""Dates: every written form when tied to care; events, exams and history are left alone."""

from __future__ import annotations

import pytest

from phi_cases import assert_clean, assert_flags, assert_rules_clean, assert_rules_flag


@pytest.mark.parametrize(
    ("draft", "needle"),
    [
        ("CT on 09-Jun-2024 showed a bleed", "09-Jun-2024"),
        ("scan 20240609 for this pt", "20240609"),
        ("she was admitted on the 21st with chest pain", "the 21st"),
        ("Friday the 3rd trauma: CT showed a splenic lac", "Friday the 3rd"),
        ("pt diagnosed last April with lymphoma", "last April"),
        ("CT from Feb 2011 showed the same nodule", "Feb 2011"),
        ("came in over Thanksgiving with a fall, CT head negative", "Thanksgiving"),
        ("Tuesday's trauma: CT showed a liver lac", "Tuesday"),
        ("DOB 04/12/1951, CT chest for nodule", "04/12/1951"),
        ("the patient was scanned on march 3rd", "march 3rd"),
    ],
)
def test_a_date_tied_to_care_is_flagged(draft: str, needle: str) -> None:
    assert_flags(draft, needle, "date")


@pytest.mark.parametrize(
    "draft",
    [
        "Happy Thanksgiving to all our residents!",
        "RSNA abstract deadline is March 15",
        "the first CT scanner in 1971",
        "Our Breast Cancer Awareness Walk is Oct 19, join Team Rads!",
        "Applications for our residency open on ERAS Sept 4. Virtual open house Aug 21 at 6pm",
        "Halloween party at the children's hospital: costumes welcome",
        "score 1/5 on the scale, 3/4 of readers agreed",
        # round 5: history in lower case, and an ordinal that counts
        "fun fact for the CT crowd: the first radiograph of a hand was made on december 22, 1895",
        "the pileup victims keep coming to CT, that's the 5th one since midnight",
        "she needed a 2nd dose of contrast and the 3rd attempt at the line worked",
    ],
)
def test_event_exam_and_history_dates_are_not_flagged(draft: str) -> None:
    assert_clean(draft, "date")


@pytest.mark.parametrize(
    ("draft", "needle"),
    [
        ("bonfire night, 11 firework hand injuries by midnight, one lad lost a thumb", "bonfire"),
        ("came in on Anzac Day after a fall at the march, CT showed a hip fracture", "Anzac"),
        ("admitted over Hogmanay with a head injury", "Hogmanay"),
    ],
)
def test_uk_irish_and_australian_holidays_tied_to_care_are_dates(draft: str, needle: str) -> None:
    assert_flags(draft, needle, "date")


@pytest.mark.parametrize(
    "draft",
    [
        "Our residents presented 9 abstracts at ARRS in San Diego, April 27 - May 1!",
        "Proud of our residents who presented 11 posters at RSNA in Chicago, Nov 29 - Dec 3.",
    ],
)
def test_a_talk_presented_is_not_a_patient_presenting(draft: str) -> None:
    assert_clean(draft, "date")


@pytest.mark.parametrize(
    ("draft", "needle"),
    [
        ("grandpa came in for a CT after a tumble on Sat, and the hip was fractured", "Sat"),
        ("She came in on Tues and we found a 9 mm mass on the CT.", "Tues"),
        ("THE PT CAME IN ON SAT NIGHT, CT HEAD NEG", "SAT"),
        ("her CT since Thurs shows the bleed growing", "Thurs"),
    ],
)
def test_a_weekday_cut_short_after_on_or_last_is_a_date(draft: str, needle: str) -> None:
    assert_flags(draft, needle, "date")


@pytest.mark.parametrize(
    "draft",
    [
        "Reading room is open Mon-Fri, call us on 555-0100.",
        "Our IR clinic runs on Tues and Thurs, book through the portal.",
        "Coverage from Mon to Fri, weekends by the on-call fellow.",
        "Sat with the family after the scan and explained the findings.",
    ],
)
def test_opening_days_and_the_verb_sat_are_not_dates(draft: str) -> None:
    assert_clean(draft, "date")


@pytest.mark.parametrize(
    ("draft", "needle"),
    [
        ("Grandpa slipped at the church picnic on the 14th; CT showed a hip fracture.", "14th"),
        ("The kid took a tumble at the 5k run on June 3 and the x-ray shows a fracture.", "June 3"),
        ("Our patient fainted during her exam on the 9th, CT head was negative.", "9th"),
    ],
)
def test_a_picnic_a_run_or_an_exam_a_patient_was_hurt_at_keeps_its_date(
    draft: str, needle: str
) -> None:
    """The rule itself: the learned layer could find these on its own."""
    assert_rules_flag(draft, needle, "date")


@pytest.mark.parametrize(
    "draft",
    [
        "Join us for the department charity walk on May 9, all welcome!",
        "The new MRI suite is open to patients starting Monday, June 2.",
    ],
)
def test_a_schedule_sentence_keeps_its_veto_even_with_patients_in_it(draft: str) -> None:
    assert_clean(draft, "date")


@pytest.mark.parametrize(
    ("draft", "needle"),
    [
        ("Drain came out and she was discharged Sat 9th, CT clear.", "9th"),
        ("Biopsy on 12th showed the same thing, patient is upset.", "12th"),
        ("Patient booked for fistulaplasty next Wed, please confirm the slot.", "Wed"),
        ("Seit Anfang März liegt die Nephrostomie, Patientin hat wieder Fieber.", "Anfang März"),
        ("Paciente de Tepic, embolización programada el viernes.", "el viernes"),
        ("Paciente de Sobral, biópsia hepática no sábado, alta no dia 14.", "no sábado"),
        ("si lola, ERCP sa Martes, may bara pa rin sa bile duct", "sa Martes"),
        ("The kid fell off the float on St Paddy's Day, CT showed a fracture.", "Paddy's Day"),
        ("Patiente de Rimouski, embolisation le 14, RAMQ TREM 2210 1688.", "le 14"),
    ],
)
def test_dates_in_the_forms_outside_the_us_and_cut_short(draft: str, needle: str) -> None:
    """The rules themselves (the learned layer off): a weekday or day of the month in a
    sentence about care, in the languages the cues cover."""
    assert_rules_flag(draft, needle, "date")


@pytest.mark.parametrize(
    "draft",
    [
        "Top tips for new IR residents: read the 2nd edition first.",
        "Le 21 novembre 1895, Röntgen découvre les rayons X.",
        "On 3rd floor we have the new angio suite, come see it.",
        "Die Station hat am 14 Betten für die Nachsorge.",
    ],
)
def test_tips_history_floors_and_counts_are_not_dates(draft: str) -> None:
    assert_rules_clean(draft, "date")
