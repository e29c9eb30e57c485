"""The forms people type: lower case, ALL CAPS, emoji and hashtags against words, NFD accents."""

from __future__ import annotations

import unicodedata

import pytest

from phi_cases import assert_flags, found


@pytest.mark.parametrize(
    ("draft", "needle", "category"),
    [
        ("Mrs. Okafor🙏 came back for her CT", "Okafor", "name"),
        ("94yo🎂 with a hip fracture", "94yo", "age_over_89"),
        ("MRN 40918273🔥 on the CT req", "40918273", "mrn"),
        ("mrn 40918273 ct head", "40918273", "mrn"),
        ("PT MARIA SANTOS, 94F, CT HEAD", "MARIA SANTOS", "name"),
        ("MRS. OKAFOR CAME IN TODAY FOR CT", "OKAFOR", "name"),
        ("#ninetyfour and still driving! CT clean", "ninetyfour", "age_over_89"),
        ("she is 95!!! CT showed a bleed", "95", "age_over_89"),
        ("CT today for Mr Okafor #radiology", "Okafor", "name"),
        ("the pateint from Tuba City came in", "Tuba City", "geo_small"),
    ],
)
def test_identifiers_are_found_however_they_are_typed(
    draft: str, needle: str, category: str
) -> None:
    assert_flags(draft, needle, category)


def test_nfd_and_nfc_drafts_give_the_same_findings() -> None:
    nfc = "Sra. Ximena Huamán, 92 años, came in from Huancayo; CT hip"
    nfd = unicodedata.normalize("NFD", nfc)
    assert [(c, unicodedata.normalize("NFC", t)) for c, t, _ in found(nfd)] == [
        (c, t) for c, t, _ in found(nfc)
    ]
