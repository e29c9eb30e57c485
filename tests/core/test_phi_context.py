"""Context: recency (other languages too), relatives, news events, notable roles."""

from __future__ import annotations

import pytest

from phi_cases import assert_clean, assert_flags, assert_rules_clean, assert_rules_flag


@pytest.mark.parametrize(
    ("draft", "needle"),
    [
        ("read a CT this a.m. on a guy with a huge PE", "this a.m."),
        ("her repeat CT is tomorrow, fingers crossed the abscess is smaller", "tomorrow"),
        ("third stroke code this month and all of them under 40, this one a 36F", "this month"),
        ("ED sent up a 60M for a CT this arvo with a dissection", "this arvo"),
        ("over the long weekend we scanned three kids from the same crash", "long weekend"),
        ("Hoy vi a una paciente con fractura de cadera", "Hoy"),
        ("Gestern Nacht: 93-jährige Patientin mit Hüftfraktur", "Gestern Nacht"),
        ("my uncle's CT showed a big AAA", "my uncle"),
        ("our neighbour came in with a stroke, CT showed a bleed", "our neighbour"),
        ("read two CTs from the highway pile-up", "pile-up"),
        ("the barn fire on Route 9: three patients to the ED", "barn fire"),
        ("a retired quarterback came in with a hip fracture", "retired quarterback"),
        ("a Korean War veteran with a hip fracture on CT", "Korean War veteran"),
    ],
)
def test_context_that_recognises_a_patient_is_flagged(draft: str, needle: str) -> None:
    assert_flags(draft, needle, "context")


@pytest.mark.parametrize(
    "draft",
    [
        "Grand rounds today on liver MRI, all welcome",
        "my wife is also a radiologist and we both love FLAIR",
        "the fire drill at 10am interrupted our lecture",
        "Our ACR president spoke about advocacy",
    ],
)
def test_ordinary_talk_about_time_family_and_roles_is_not_context(draft: str) -> None:
    assert_clean(draft, "context")


@pytest.mark.parametrize(
    "draft",
    [
        "Sonographer life: scanned 19 patients today and only 2 needed a full bladder redo.",
        "Today's teaching: five chest films with a classic sign each. Answers tonight.",
    ],
)
def test_recency_about_the_authors_workload_or_programme_is_not_a_cases(draft: str) -> None:
    assert_clean(draft, "context")


def test_a_patient_known_by_a_story_is_context() -> None:
    draft = "We scanned the guy from the county fair grandstand collapse again, his CT is stable."
    assert_flags(draft, "grandstand collapse", "context")
    assert_clean("the lady from the front desk brought us donuts for the night shift", "context")


@pytest.mark.parametrize(
    ("draft", "needle"),
    [
        ("meu avô fez quimioembolização semana passada e está ótimo", "meu avô"),
        ("mere nanaji ka TACE hua, HCC 4 cm, he's doing fine", "mere nanaji"),
        ("ong noi em vua duoc dat stent o benh vien hom qua", "ong noi em"),
        ("cụ nhập viện, hom nay lại tụt Hb sau khi nút mạch", "hom nay"),
        (
            "The pt, a local rugby legend, came in after the match with a renal lac.",
            "local rugby legend",
        ),
        (
            "92-year-old freedom fighter from Dharavi, obstructive jaundice, PTBD done.",
            "freedom fighter",
        ),
        ("Herr Kunz, ehemaliger Bürgermeister, nach Embolisation der Prostata.", "Bürgermeister"),
    ],
)
def test_relatives_recency_and_notable_roles_abroad(draft: str, needle: str) -> None:
    assert_rules_flag(draft, needle, "context")


@pytest.mark.parametrize(
    "draft",
    [
        "Helen, you are a legend. Thank you for 30 years at the front desk.",
        "Our tele-ultrasound pilot launches next month across 7 clinics.",
        "Next week: orbital floor fractures, part two of the series.",
    ],
)
def test_praise_pilots_and_next_weeks_topic_are_not_context(draft: str) -> None:
    assert_rules_clean(draft, "context")
