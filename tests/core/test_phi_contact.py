"""Contact identifiers: phones, faxes, emails, links and IPs; public and own ones stay clean."""

from __future__ import annotations

import pytest

from phi_cases import assert_clean, assert_flags


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
