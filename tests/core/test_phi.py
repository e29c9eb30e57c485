"""Unit tests of the draft-post PHI checker: every category must catch, and must not cry wolf."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcoach.phi import CATEGORIES, Finding, check, report_json, report_text

# (category, draft, substring that must be flagged with that category)
MUST_CATCH: list[tuple[str, str, str]] = [
    ("name", "Mr. Harold Finch, 67M, presented with painless jaundice.", "Harold Finch"),
    ("name", "Patient Jane Doe came in with a thunderclap headache.", "Jane Doe"),
    ("name", "Pt name: Robert Lang. CT head negative.", "Robert Lang"),
    ("name", "Ms. O'Brien's MRI showed periventricular plaques.", "O'Brien"),
    ("name", "Her son, David Huang, called about the report.", "David Huang"),
    ("name", "From the Carver family's fundraiser: the boy with DIPG.", "Carver"),
    ("date", "ED visit on 3/14 for flank pain, 6 mm UVJ stone.", "3/14"),
    ("date", "Admitted March 3rd, CTA showed a dissection.", "March 3rd"),
    ("date", "Scanned 14.03.2025: classic PRES on FLAIR.", "14.03.2025"),
    ("date", "DOB: 1950-02-11 was burned into the image.", "1950-02-11"),
    ("date", "She was diagnosed in February 2024 with a glioma.", "February 2024"),
    ("age_over_89", "A 94-year-old woman with a femoral neck fracture.", "94-year-old"),
    ("age_over_89", "Requisition says 96F with altered mental status.", "96F"),
    ("age_over_89", "Woman aged 95 with an adrenal nodule.", "aged 95"),
    ("age_over_89", "101 yo M with sepsis and free air.", "101 yo"),
    ("phone", "Call me at 555-867-5309 about the AAA.", "555-867-5309"),
    ("phone", "Referring office: (555) 771-0023 ext. 4.", "(555) 771-0023"),
    ("fax", "Send it via fax: 555-201-4478 please.", "555-201-4478"),
    ("fax", "Please fax the films for this case to (555) 330-2219 by noon.", "(555) 330-2219"),
    ("email", "Results went to dmarsh77@example.com by mistake.", "dmarsh77@example.com"),
    ("ssn", "SSN 123-45-6789 was on the requisition.", "123-45-6789"),
    ("ssn", "Social security number 123456789 typed in the history.", "123456789"),
    ("mrn", "MRN 1234567, please pull the prior.", "1234567"),
    ("mrn", "Medical record # 55-881-2093 got attached to the wrong study.", "55-881-2093"),
    ("accession", "Acc# A23-558812 in the corner of the film.", "A23-558812"),
    ("accession", "Her accession number was 88120455.", "88120455"),
    ("health_plan", "Member ID XJH448812903 keeps bouncing.", "XJH448812903"),
    ("health_plan", "Medicare beneficiary ID 1EG4-TE5-MK72 approved.", "1EG4-TE5-MK72"),
    ("health_plan", "Member number 8842 1199 0032 on the card.", "8842 1199 0032"),
    ("account", "Account no. 7781-22-0934 shows the wrong CPT code.", "7781-22-0934"),
    ("account", "Account Number: 88812-09 billing error.", "88812-09"),
    ("license", "Driver's license number D4412-8890-1123 on the ID scan.", "D4412-8890-1123"),
    ("license", "DEA license number BK4412889 on the prescription.", "BK4412889"),
    ("vehicle", "The patient's car, plate 7XKD219, was on the news.", "7XKD219"),
    ("vehicle", "VIN 1HGCM82633A004352 visible in the scene photo.", "1HGCM82633A004352"),
    ("vehicle", "License plate ABC 1234 on the dashcam still.", "ABC 1234"),
    ("device", "Medtronic Azure, serial no. PZC608812S, MR-conditional.", "PZC608812S"),
    ("device", "Stimulator (SN: 22A71839) lead intact.", "22A71839"),
    ("url", "Images here: https://pacs-share.example.org/view?study=88213", "pacs-share"),
    ("url", "See bit.ly/3xYzAbc for the images.", "bit.ly/3xYzAbc"),
    ("ip", "Viewer loaded from 10.24.118.7 instead.", "10.24.118.7"),
    ("address", "Home visit at 42 Maple Ridge Road, Springfield today.", "42 Maple Ridge Road"),
    ("address", "Lives at 1187 W. Elmhurst Ave, Apt 3B.", "1187 W. Elmhurst Ave"),
    ("zip", "Patient lives in ZIP 02914 and drove two hours.", "02914"),
    ("zip", "Came from Anytown, CA 94105 for the biopsy.", "94105"),
    ("geo_small", "A farmer from Millbrook County with microlithiasis.", "Millbrook County"),
    ("geo_small", "The patient in Bed 4 on Ward 7 has a pneumothorax.", "Bed 4"),
    ("geo_small", "A patient from Smalltown with a rare sarcoma.", "Smalltown"),
    ("geo_small", "Both patients are from tiny Dry Creek, population 800.", "Dry Creek"),
    ("biometric", "We identified him through his fingerprint scan on file.", "fingerprint"),
    ("biometric", "The patient's retinal scan was attached to PACS.", "retinal scan"),
    ("photo", "Posting a photo of the patient next to her X-ray.", "photo of the patient"),
    ("photo", "Her 3D face reconstruction from the sinus CT.", "3D face reconstruction"),
    ("photo", "A volume rendering of the head from the trauma CT.", "rendering of the head"),
    ("other_id", "Study ID RS-2291-0042 from our trial.", "RS-2291-0042"),
    ("other_id", "Case #40213-KM: situs inversus totalis.", "40213-KM"),
    ("name", "Pt J.D., 58F, with RUQ pain.", "J.D."),
    ("other_id", "Patient ID 8823019-XR still in the overlay.", "8823019-XR"),
    ("context", "The patient I scanned yesterday had an epidural hematoma.", "yesterday"),
    ("context", "Last night's call: 3 aortic dissections in 6 hours.", "Last night's call"),
    ("context", "The mayor came through our ED with a rib fracture.", "The mayor"),
    ("context", "This morning a 40M came in with a saddle PE.", "This morning"),
    ("context", "Custom jaw implant, the only one in the state, loosened on CT.", "only one"),
]

# Drafts that must produce no finding at all: what radiologists write all day.
MUST_NOT_CATCH: list[tuple[str, str]] = [
    ("name", "Congrats to Dr. Maria Gonzalez on her election as ACR councillor!"),
    ("name", "Godfrey Hounsfield built the first CT scanner in 1971; Chiari, Baker cyst."),
    ("name", "Reply to a review: we can't discuss care online; call our patient advocate office."),
    ("name", "Congratulations to my colleague Maria Lopez on her promotion!"),
    ("date", "See you at RSNA 2025 in Chicago! In 2019 we started this protocol."),
    ("date", "Thread 1/5: score 4/5, pain 10/10, 24/7 coverage, 2/3 of cases."),
    ("date", "Join our free webinar on March 12 at 8 pm ET: chest X-ray basics."),
    ("date", "I'm moving to Denver in July to start my fellowship."),
    ("age_over_89", "72M, 65-year-old woman, 45 y/o F and an 89-year-old man."),
    ("age_over_89", "Watchman follow-up at 45 and 90 days; 90% occlusion; 95% CI 1.4-3.9."),
    ("phone", "Interobserver kappa 0.81; n=1,204; ratio 1:250; 300,000 exams a year."),
    ("fax", "We finally retired the fax machine in the reading room."),
    ("email", "Follow @RSNA and @RadiologyACR for the best meeting coverage. #FOAMrad"),
    ("ssn", "Genant grade 2 = 25-40% height loss; T12-L1; ADC 0.8 x 10-3 mm2/s."),
    ("mrn", "Our MRN system migrated to Epic last year; the reading room survived."),
    ("accession", "Accession numbers must never be visible in posted images."),
    ("health_plan", "Medicare now covers CT colonography for screening."),
    ("account", "My account got hacked so ignore any weird DMs."),
    ("license", "I just renewed my medical license. Phew."),
    ("vehicle", "The plate-like atelectasis resolved on the follow-up film."),
    ("device", "Serial imaging showed stable appearance; Pipeline stent patent."),
    ("url", "Review: https://radiopaedia.org/articles/chiari-i and doi.org/10.1148/radiol"),
    ("url", "PMID: 34012345; doi:10.1148/radiol.2021204553; pubs.rsna.org is free."),
    ("ip", "Software version 2.1.3.4 fixed the hanging protocols."),
    ("address", "Case 12 of our series. Figure 3 shows the Hampton hump."),
    ("zip", "We read 12000 studies in 2024 and 30318 in total since opening."),
    ("geo_small", "Throwback to ECR 2019 in Vienna; RSNA in Chicago next!"),
    ("geo_small", "Our hospital has 450 beds; room 3 has the 3T magnet."),
    ("biometric", "MR fingerprinting gives T1 and T2 maps in one acquisition."),
    ("photo", "Volume rendering of the aorta shows the Crawford extent."),
    ("other_id", "Case 12 of the day, Case #12 answer tomorrow, Fig. 2b."),
    ("context", "Phantom QA today: CTDIvol 12.4 mGy. Physics team rocks."),
    ("context", "Lecture tonight at 7 pm on contrast reactions."),
    ("context", "On call tonight, wish me luck! Coffee is ready."),
]

BRIEF_NEGATIVES = [
    "72M with RUQ pain. 45 y/o F with headache.",
    "Disc bulge at C5-C6 and L4-5, T12 compression fracture.",
    "3.2 cm mass; 5 mSv; 10 mCi; 120 kVp; 1.5T and 3T.",
    "T1, T2/FLAIR, DWI/ADC, SWI, STIR.",
    "BI-RADS 4A, LR-5, PI-RADS 3, TI-RADS TR3, Bosniak IIF.",
    "#FOAMrad @RSNA @RadiologyACR",
    "Hounsfield, Chiari, Baker cyst, Salter-Harris II, Monteggia.",
    "Gadobutrol, Watchman, Pipeline stent.",
    "See you at RSNA in Chicago! ECR Vienna next.",
    "Takes 5 minutes. Ratio 3:1. Figure 3. Case 12.",
]


GUIDE = Path(__file__).resolve().parents[2] / "docs" / "phi-labelling.md"


def guide_categories() -> list[str]:
    """The categories of the labelling guide's table, in its order: what corpus writers
    label, so what the checker must name."""
    section = GUIDE.read_text(encoding="utf-8").split("## Categories", 1)[1].split("\n## ", 1)[0]
    names: list[str] = []
    for row in section.splitlines():
        if row.startswith("| `"):
            names += re.findall(r"`([a-z_0-9]+)`", row.split("|")[1])
    return names


def test_categories_are_the_labelling_guides_in_its_order() -> None:
    assert list(CATEGORIES) == guide_categories()
    assert len(CATEGORIES) == 23  # the 18 Safe Harbor kinds (some split in two) and context
    assert isinstance(CATEGORIES, tuple)


def test_every_category_has_a_must_catch_and_a_must_not_catch_case() -> None:
    assert {c for c, _, _ in MUST_CATCH} == set(CATEGORIES)
    assert {c for c, _ in MUST_NOT_CATCH} == set(CATEGORIES)


@pytest.mark.parametrize(("category", "draft", "needle"), MUST_CATCH)
def test_identifier_is_flagged_with_its_category(category: str, draft: str, needle: str) -> None:
    start = draft.index(needle)
    end = start + len(needle)
    hits = [f for f in check(draft) if f.category == category and f.start < end and start < f.end]
    assert hits, f"{category} not found in {draft!r}: {check(draft)}"


@pytest.mark.parametrize(("category", "draft"), MUST_NOT_CATCH)
def test_everyday_radiology_text_is_not_flagged(category: str, draft: str) -> None:
    assert check(draft) == [], f"look-alike for {category}"


@pytest.mark.parametrize("draft", BRIEF_NEGATIVES)
def test_radiology_shorthand_is_not_flagged(draft: str) -> None:
    assert check(draft) == []


def test_author_name_is_not_flagged_as_a_patient_name() -> None:
    draft = "Patient Jane Miller asked me to share her story."
    assert [f.text for f in check(draft)] == ["Jane Miller"]
    assert check(draft, author_names=["Jane Miller"]) == []
    assert check(draft, author_names=["Dr. Jane Miller", "J. Miller"]) == []


def test_author_names_do_not_hide_other_categories() -> None:
    draft = "Mrs. Jane Miller, MRN 1234567."
    cats = [f.category for f in check(draft, author_names=["Jane Miller"])]
    assert cats == ["mrn"]


def test_finding_offsets_line_and_column_point_at_the_text() -> None:
    draft = "Great case.\n  Mr. Harold Finch, MRN 7734412, seen 3/14."
    findings = check(draft)
    assert [f.category for f in findings] == ["name", "mrn", "date"]
    for f in findings:
        assert draft[f.start : f.end] == f.text
        line_start = draft.rfind("\n", 0, f.start) + 1
        assert f.line == draft.count("\n", 0, f.start) + 1
        assert f.column == f.start - line_start + 1
    assert (findings[0].line, findings[0].column) == (2, 7)


def test_findings_are_sorted_and_never_overlap() -> None:
    draft = (
        "Mr. and Mrs. Delgado (MRN 00482913, DOB 04/12/1951) live at 42 Maple Ridge Road, "
        "Springfield, IL 62704; call 555-201-4477 or email okafor@example.org."
    )
    findings = check(draft)
    assert findings == sorted(findings, key=lambda f: f.start)
    for a, b in zip(findings, findings[1:], strict=False):
        assert a.end <= b.start


def test_every_finding_has_a_known_category_and_advice() -> None:
    draft = " ".join(d for _, d, _ in MUST_CATCH)
    for f in check(draft):
        assert f.category in CATEGORIES
        assert f.message.endswith(".") and f.fix.endswith(".")


def test_to_dict_has_the_agreed_keys() -> None:
    f = check("MRN 1234567")[0]
    assert isinstance(f, Finding)
    assert set(f.to_dict()) == {
        "start",
        "end",
        "line",
        "column",
        "category",
        "text",
        "message",
        "fix",
        "confidence",
        "rewrite",
    }
    assert f.confidence in ("likely", "possible")


def test_report_json_round_trips() -> None:
    findings = check("MRN 1234567 and 555-867-5309")
    data = json.loads(report_json(findings))
    assert [d["category"] for d in data["findings"]] == ["mrn", "phone"]
    empty = json.loads(report_json([]))
    assert empty["findings"] == [] and "No checker can judge" in empty["note"]
    assert data["findings"][0]["confidence"] == "likely"


def test_report_text_is_compiler_style_with_a_summary() -> None:
    out = report_text(check("Pt J.D.\nMRN 1234567"), source="draft.txt")
    lines = out.splitlines()
    assert lines[0] == "draft.txt:1:4: name (likely): 'J.D.'"  # initials are a name (the guide)
    assert lines[1].startswith("    why: ") and lines[2].startswith("    fix: ")
    assert lines[3] == "draft.txt:2:5: mrn (likely): '1234567'"
    assert lines[-1] == "2 possible identifiers found (2 likely, 0 possible)."
    # no bare "none found": what was checked, and what no checker can judge
    empty = report_text([])
    assert empty.startswith("Nothing flagged. Checked for names")
    assert "No checker can judge whether a rare case" in empty
    assert report_text(check("MRN 1234567")).endswith(
        "1 possible identifier found (1 likely, 0 possible)."
    )


def test_empty_and_whitespace_drafts_have_no_findings() -> None:
    assert check("") == []
    assert check("   \n\n\t") == []


def test_society_and_journal_links_pass_but_other_links_are_flagged() -> None:
    assert check("https://pubs.rsna.org/doi/10.1148/radiol.2021 www.acr.org") == []
    video = "his family posted the video: https://www.youtube.com/watch?v=abc"
    assert [f.category for f in check(video)] == ["url"]
    # a link with no patient in sight is left alone, unless nobody can see where it leads
    assert check("https://www.youtube.com/watch?v=abc") == []
    assert [f.category for f in check("images: bit.ly/3xYzAbc")] == ["url"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_gives_well_formed_findings(text: str) -> None:
    findings = check(text)
    last_end = 0
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert f.start >= last_end
        assert text[f.start : f.end] == f.text
        assert f.category in CATEGORIES
        last_end = f.end


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "72M",
                "C5-C6",
                "3T",
                "BI-RADS 4A",
                "LR-5",
                "T2/FLAIR",
                "Case 12",
                "5 mSv",
                "in 2019",
                "#FOAMrad",
                "@RSNA",
                "Fig. 3",
                "Bosniak IIF",
                "65-year-old",
                "3.2 cm",
                "RSNA in Chicago",
            ]
        ),
        max_size=30,
    )
)
def test_any_mix_of_radiology_shorthand_stays_clean(parts: list[str]) -> None:
    assert check(", ".join(parts) + ".") == []
