"""The user's own details, the safe rewrites, and the package's public shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialcoach import phi
from socialcoach.phi import categories, own
from socialcoach.phi.registry import RECOGNIZERS


def test_own_details_from_a_toml_file_are_not_flagged(tmp_path: Path) -> None:
    me = tmp_path / "me.toml"
    me.write_text(
        'names = ["Jane Miller", "@janemillermd"]\npractice = "Lakeside Imaging"\n'
        'emails = ["jane.miller@example.org"]\nphones = ["555-201-4400"]\n'
        'address = "12 Harbor Way, Portland"\n'
    )
    details = own.load(me)
    draft = (
        "Jane Miller at Lakeside Imaging, 12 Harbor Way, Portland: call 555-201-4400 or write"
        " jane.miller@example.org about the CT course."
    )
    assert phi.check(draft, me=details) == []
    assert phi.check(draft)  # without them, they are flagged


def test_own_phone_with_an_area_code_covers_its_local_seven_digits() -> None:
    """The About-you form holds "(555) 318-2290"; a rule that read only "318-2290" from the
    draft must not flag the user's own number either."""
    me = own.OwnDetails.of(["(555) 318-2290"])
    assert me.covers("318-2290", "phone")
    assert me.covers("(555) 318-2290", "phone")
    assert not me.covers("318-2291", "phone")
    assert not me.covers("555-0100", "phone")
    draft = "Questions about the new MRI slots? Our front desk is at (555) 318-2290."
    assert not [f for f in phi.check(draft, me=me) if f.category == "phone"]


def test_a_bad_me_file_names_the_file_and_the_fix(tmp_path: Path) -> None:
    me = tmp_path / "me.toml"
    me.write_text("nmaes = ['x']\n")
    with pytest.raises(own.OwnDetailsError, match=r"me\.toml: unknown key 'nmaes'; use names"):
        own.load(me)
    me.write_text("names = [\n")
    with pytest.raises(own.OwnDetailsError, match="not valid TOML"):
        own.load(me)


def test_a_plain_text_me_file_is_sorted_by_form(tmp_path: Path) -> None:
    me = tmp_path / "me.txt"
    me.write_text("Jane Miller\njane@example.org\n555-201-4400\n12 Harbor Way\n")
    details = own.load(me)
    assert details.names == ["Jane Miller"] and details.emails == ["jane@example.org"]
    assert details.phones == ["555-201-4400"] and details.address == ["12 Harbor Way"]


@pytest.mark.parametrize(
    ("draft", "fixed"),
    [
        (
            "Mrs. Okafor, 94, seen on 3/14/2024 in the ED.",
            "A patient, over 90, seen in 2024 in the ED.",
        ),
        ("MRN 40918273 in the ED", "In the ED"),
        (
            "a farmer from Tuba City with a crush injury",
            "a farmer from Arizona with a crush injury",
        ),
    ],
)
def test_the_fix_rewrites_each_finding_safely(draft: str, fixed: str) -> None:
    assert phi.fix_text(draft) == fixed
    assert phi.check(phi.fix_text(draft)) == []


def test_every_finding_carries_a_confidence_and_a_rewrite_from_the_one_table() -> None:
    for f in phi.check("Mrs. Okafor, 94, MRN 00482913, CT today from Tuba City"):
        assert f.confidence in phi.CONFIDENCE
        entry = categories.TABLE[f.category]
        assert (f.message, f.fix) == (entry.message, entry.fix)


def test_the_registry_has_one_recognizer_per_family() -> None:
    assert set(RECOGNIZERS) == {
        "contact",
        "ids",
        "dates",
        "ages",
        "names",
        "places",
        "media",
        "context",
        "national",
        "spelled",
    }
    assert set(categories.TABLE) == set(phi.CATEGORIES)
    priorities = [c.priority for c in categories.TABLE.values()]
    assert len(set(priorities)) == len(priorities)


def test_editing_one_paragraph_of_an_article_checks_only_that_paragraph_again() -> None:
    paragraphs = [f"Case {i}: Mrs. Okafor, 94, CT on 3/14 in the ED." for i in range(20)]
    article = "\n\n".join(paragraphs)
    first = phi.check(article)
    before = phi._paragraph_candidates.cache_info().misses
    edited = article.replace("Case 7:", "Case 7, edited:")
    again = phi.check(edited)
    assert phi._paragraph_candidates.cache_info().misses == before + 1
    assert len(again) == len(first)
    assert [f.text for f in again] == [f.text for f in first]


def test_a_date_of_birth_ninety_years_back_is_dropped_with_its_cue() -> None:
    # cut to its year it would still say "over 89"
    draft = "HUGHES, Dorothy DOB 12/03/1931 XR L HIP"
    assert phi.fix_text(draft) == "A patient XR L HIP"
    assert phi.fix_text("scan on 3/14/2024 for flank pain") == "scan in 2024 for flank pain"


def test_a_national_number_goes_with_its_cue_word() -> None:
    assert phi.fix_text("her NHS no. 943 476 5919 was on the request") == "her was on the request"


def test_a_hospital_number_and_an_agency_number_go_with_their_cue_words() -> None:
    """Walked in the app: the fix left "hospital number," behind the removed value."""
    fixed = phi.fix_text("Mr. Musa Bello, hospital number UKTH/045/22871, needs a PCN.")
    assert fixed == "A patient, needs a PCN."
    fixed = phi.fix_text("Her custody number 07/553120/25 was on the CT request.")
    assert "custody" not in fixed and "553120" not in fixed
