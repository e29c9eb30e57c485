"""Ages over 89: digits, bare numbers next to a person, words, other languages, birth years."""

from __future__ import annotations

import pytest

from phi_cases import assert_clean, assert_flags, assert_rules_clean, assert_rules_flag


@pytest.mark.parametrize(
    ("draft", "needle"),
    [
        ("94-year-old woman with a hip fracture", "94-year-old"),
        ("Mrs. K, 94, fell at home. CT head negative", "94"),
        ("he's 91 and still drives. CT showed a stone", "91"),
        ("pt 96 with shortness of breath", "96"),
        ("ninety-four yo lady with a hip fx", "ninety-four"),
        ("#centenarian with a hip fracture on CT", "centenarian"),
        ("a nonagenarian with a subdural on CT", "nonagenarian"),
        ("patient in her tenth decade with a hip fracture", "tenth decade"),
        ("she is in her late nineties and the CT was clean", "late nineties"),
        ("una señora de 97 años con fractura de cadera", "97 años"),
        ("Patientin, 93-jährige, mit Hüftfraktur", "93-jährige"),
        ("Monsieur B., 91 ans, scanner cérébral", "91 ans"),
        ("born in 1929, he came in with a hip fracture", "1929"),
        ("the DOB on this req says 1928. CT head", "1928"),
        ("nana (my actual nana) is 98 and refused the CT contrast", "98"),
    ],
)
def test_an_age_over_89_is_flagged_in_every_form(draft: str, needle: str) -> None:
    assert_flags(draft, needle, "age_over_89")


@pytest.mark.parametrize(
    "draft",
    [
        "72M with a renal cyst",
        "an 89-year-old with a fall",
        "a patient in her 90s with a fracture",
        "The hospital is 100 years old this year",
        "temp 101F overnight, CT abdomen negative",
        "heart rate 95 on arrival to the ED",
        "Ninety-five questions? No, 165 scored items on the exam",
        "in 2019 we bought a 3T magnet",
    ],
)
def test_ages_up_to_89_measurements_and_buildings_are_not_flagged(draft: str) -> None:
    assert_clean(draft, "age_over_89")


def test_an_old_gent_with_his_age_and_the_german_abbreviation() -> None:
    assert_flags("Sweet old gent, 97, came down for a portable chest film", "97", "age_over_89")
    assert_flags("Befund: Patientin aus Kempten, 93 J., Sturz", "93 J.", "age_over_89")


def test_a_building_a_hundred_years_old_in_german_is_not_an_age() -> None:
    assert_clean("Wir arbeiten in einem Gebäude, das 110 Jahre alt ist.", "age_over_89")


@pytest.mark.parametrize(
    ("draft", "needle"),
    [
        (
            "Transfer from Swift Current: Harold Petrenko, ninety-four, for a CT of the chest.",
            "ninety-four",
        ),
        ("Ngozi Okonkwo, 92, from Enugu, needs a drain tomorrow.", "92"),
        ("My nan (ninety, and sharp as a tack) had her fistula done today.", "ninety"),
        ("Home visit for a 93-yo in Clonakilty to change the nephrostomy.", "93-yo"),
        ("Frau Berger, Jahrgang 1930, Nachsorge nach TIPSS-Anlage.", "1930"),
        ("bà nội em 95 tuoi, vừa đặt stent đường mật", "95 tuoi"),
        ("Patientin 96, aus Rosenheim, nach Embolisation der Nierenarterie.", "96"),
    ],
)
def test_an_age_between_commas_after_a_name_and_in_other_forms(draft: str, needle: str) -> None:
    """The rule itself (the learned layer is off): a name or a relative, then the age."""
    assert_rules_flag(draft, needle, "age_over_89")


@pytest.mark.parametrize(
    "draft",
    [
        "Grand Rounds, 90 minutes, in the Lister theatre.",
        "Bob Smith, 92 slides later, still talking about TACE.",
        "Card 4471 1598, tap at the cafeteria till.",
    ],
)
def test_a_number_after_two_capitalised_words_is_not_always_an_age(draft: str) -> None:
    assert_rules_clean(draft, "age_over_89")
