"""Photos, renders and biometrics: the forms writers use for a picture of the patient."""

from __future__ import annotations

import pytest

from phi_cases import assert_rules_clean, assert_rules_flag


@pytest.mark.parametrize(
    ("draft", "needle", "category"),
    [
        (
            "The pt loved the skin-surface render of her head CT, can I post it?",
            "surface render",
            "photo",
        ),
        (
            "Delete the face render from his CT before you send the case.",
            "face render",
            "photo",
        ),
        (
            "You can literally see her whole face on the volume CT, so no.",
            "see her whole face",
            "photo",
        ),
        (
            "Mrs Odhiambo finished radiotherapy today [photo: her ringing the bell] #onc",
            "[photo",
            "photo",
        ),
        (
            "Mr. Tanaka's daughter sent a photo of him smiling after the biopsy.",
            "photo of him",
            "photo",
        ),
        (
            "The IR nurse shared her fistula clinic pic [pic: Mr. Abebe, face visible].",
            "face visible",
            "photo",
        ),
        (
            "A biometria digital da paciente não bateu, então a embolização atrasou.",
            "biometria digital",
            "biometric",
        ),
        (
            "Der Fingerabdruck-Scan des Patienten liegt noch am Empfang der Notaufnahme.",
            "Fingerabdruck",
            "biometric",
        ),
        (
            "The report printed her FP template 3A-7F-22-C9 next to the CT order.",
            "3A-7F-22-C9",
            "biometric",
        ),
        (
            "Mr. Lund's voice ID 9V-22810 locked him out of the results line.",
            "9V-22810",
            "biometric",
        ),
    ],
)
def test_pictures_renders_and_biometrics_of_a_patient(
    draft: str, needle: str, category: str
) -> None:
    assert_rules_flag(draft, needle, category)


@pytest.mark.parametrize(
    "draft",
    [
        "I'm not posting the pic of her scan, but a 14 cm ovarian mass is a lot.",
        "The pt brought in a photo of her own knee hardware card for the MRI safety check.",
        "Our new iris scanner for check-in goes live next month.",
        "Made a 3D volume render of a facial fracture for the plastic surgeons, bones only.",
    ],
)
def test_a_picture_of_a_scan_a_device_and_a_bone_render_are_not_photos(draft: str) -> None:
    assert_rules_clean(draft, "photo", "biometric")
