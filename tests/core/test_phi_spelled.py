"""Numbers spelled out or spaced apart, and e-mail addresses written out, are the identifiers
they stand for; counting, ratings and a workplace written "at" are not."""

from __future__ import annotations

import pytest

from socialcoach.phi.spelled import digits_of

from phi_cases import assert_clean, assert_flags, found


@pytest.mark.parametrize(
    ("draft", "needle", "category"),
    [
        ("MRN four-four-seven-two-nine-one-zero-three, the 94F", "four-four-seven", "mrn"),
        ("her SSN ends in seven seven one two, she read it out", "seven seven one two", "ssn"),
        ("accession E-five-five-two-one-nine-zero-seven, read it back", "E-five-five", "accession"),
        ("Acc 7 7 1 9 2 2 0 4 for the CT", "7 7 1 9 2 2 0 4", "accession"),
        ("patient's zip is 6 8 8 4 7, tiny town", "6 8 8 4 7", "zip"),
        ("his daughter: marcus dot tillman at example dot com", "marcus dot tillman", "email"),
        ("wife's email jo.reyes (at) example (dot) org", "example (dot) org", "email"),
        ("CALL HER SON, FIVE FIVE FIVE ZERO ONE NINE THREE", "FIVE FIVE FIVE", "phone"),
    ],
)
def test_a_written_out_identifier_is_flagged_with_its_family(
    draft: str, needle: str, category: str
) -> None:
    assert_flags(draft, needle, category)


def test_a_cued_number_is_likely_and_an_uncued_one_possible() -> None:
    cued = found("MRN four four seven two nine one for the pt")
    assert ("mrn", "four four seven two nine one", "likely") in cued
    bare = found("the pt kept repeating four four seven two nine one at the scanner")
    assert [c for c in bare if c[1].startswith("four four")] == [
        ("other_id", "four four seven two nine one", "possible")
    ]


@pytest.mark.parametrize(
    "draft",
    [
        "Breathe in on one two three four, then hold. Works for kids in MRI.",
        "Attendees rated the talk 4 5 5 4 5 out of 5",
        "Ask my colleague at mercy.org about the protocol",
        "Our NPI is four four one two three four five six seven eight, billing asked",
        "Count them: one, two, three. Three nodules.",
    ],
)
def test_counting_ratings_and_workplaces_are_not_flagged(draft: str) -> None:
    assert_clean(draft, "mrn", "accession", "other_id", "phone", "email", "ssn", "zip")


def test_the_digits_a_written_number_stands_for() -> None:
    assert digits_of("four-four-seven-two") == "4472"
    assert digits_of("E-five-oh-niner") == "509"
    assert digits_of("6 8 8 4 7") == "68847"
