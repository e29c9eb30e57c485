"""Draft-level judgements (phi/subject.py): a draft about no patient keeps only what is likely."""

from __future__ import annotations

import pytest

from socialcoach.phi import subject

from phi_cases import assert_flags, found


@pytest.mark.parametrize(
    "draft",
    [
        # a programme's dates, a career post, a hospital's own name, a lecture's day
        "Our residents presented 9 abstracts at ARRS 2025 in San Diego, April 27 - May 1!",
        "Grand Rounds this Thursday, 14 November 2024, in the Jubilee Lecture Theatre",
        "Unpopular but our ED at Platte Valley Medical Center overorders CT A/P. Presenting"
        " to the med exec committee Jan 9.",
        "Shadowed Dr. Oyinlola on the MSK ultrasound list at UCH today. Decided: radiology.",
    ],
)
def test_a_draft_about_no_patient_has_no_possible_findings(draft: str) -> None:
    hits = found(draft)
    assert not [h for h in hits if h[2] == "possible"], hits


@pytest.mark.parametrize(
    "draft",
    [
        "Mrs. K, 94, came in after a fall on Christmas Eve",
        "Gestern Nacht: 92-jähriger Herr aus Wasserburg am Inn",
        "Kid from Dharavi with a corneal FB, CT orbits clear",
        "the weatherman from BBC Look North in for a knee MRI",
        "Biopsy Friday. 7mm spiculated mass, BI-RADS 5",
        "MRN 40918273 and the CT from last Tuesday",
    ],
)
def test_a_draft_that_names_a_patient_in_any_form_opens_the_gate(draft: str) -> None:
    assert subject.about_a_patient(draft, []) or any(c == "mrn" for c, _, _ in found(draft))


def test_likely_findings_stay_in_a_draft_about_no_patient() -> None:
    # a record number is exact: the draft is about someone whatever its words
    assert_flags("Great talk on PACS. Spotted MRN 40918273 on a slide!", "40918273", "mrn")


def test_the_gate_keeps_a_face_render_and_an_opaque_link() -> None:
    assert_flags("A volume rendering of the head from the trauma CT.", "rendering", "photo")
    assert_flags("See bit.ly/3xYzAbc for the images.", "bit.ly/3xYzAbc", "url")


def test_a_sentence_that_names_a_year_before_1900_is_history() -> None:
    hits = found("Fun fact: Röntgen presented his discovery on December 28, 1895 in Würzburg.")
    assert not any(c in ("date", "geo_small", "name") for c, _, _ in hits), hits
    # a birth year is still an age over 89
    assert_flags("Mrs. V, born in 1898, came in with a hip fracture", "1898", "age_over_89")
