"""Whose post is it: two draft-level judgements made after every family has run.

A rule sees a sentence; some things only the whole draft says. A draft that says its subject
is no patient ("she's not my patient, she's my grandmother", "he's an actor, not a real
patient") is about someone whose details are not PHI here, so what the rules found about a
person in it is dropped (record numbers, contacts and images still count); "my own dad" is
not enough, since a relative can be the patient. And a place name that is the first half of
an organisation's name ("Oakridge Family Practice", "Riverbend Imaging", "Sutter Creek
Pediatrics") names a practice, usually the author's own, not where a patient lives.

Round 4 adds a third: a draft that refers to no patient at all (a hiring post, a conference
programme, a career milestone, a lecture announcement) keeps only its *likely* findings. A
*possible* finding is by definition a form that is often innocent and is flagged because of
what surrounds it; when nothing in the draft is a patient (no patient word in any of the
languages the cues cover, no age or age-sex form, no honorific before a name, no relative or
person tied to care, no record number or other exact identifier), the surroundings that made
it suspicious are missing. Likely findings, and every exact form, stay whatever the draft.
"""

from __future__ import annotations

import re

from ._base import _PRESENTED, Cand, Doc, _c

_NOT_A_PATIENT = _c(
    r"\b(?:(?:he|she|they)(?:['\u2019]s|\s+is|\s+was|['\u2019]re|\s+are)\s+not\s+(?:my|a|our|"
    r"an?\s+actual|a\s+real)\s+patients?|not\s+a\s+real\s+patient|(?:he|she)['\u2019]s\s+an?\s+"
    r"actor|(?:he|she)['\u2019]s\s+a\s+colleague"
    r"|happy\s+\w+\s+birthday\s+to\s+my\s+own\s+\w+)\b",
    re.IGNORECASE,
)
# Categories that describe a person, dropped when the draft says its subject is no patient.
_ABOUT_A_PERSON = frozenset(("name", "age_over_89", "context", "date", "geo_small"))
_ORG_AFTER = re.compile(
    r"\s+(?:Family\s+)?(?:Practice|Pediatrics|Paediatrics|Orthopedics|Orthopaedics|Health|Clinic"
    r"|Imaging|Radiology|Medical|Medicine|Cardiology|Dermatology|Oncology|Surgical|Surgery"
    r"|Associates|Partners|Physicians|Urgent\s+Care|Dental|Eye|Vision|Women['\u2019]s|Children['\u2019]s"
    r"|Auxiliary|Foundation)\b"
)


# What says a draft is about a patient: a patient word (in the languages the other cues cover),
# an age or age-sex form, a person brought in or seen, a relative or "the guy/lady/kid", an
# honorific before a capitalised word, a worklist, ward or discharge.
_PATIENT_REF = _c(
    r"\b(?:patient\w*|pts?|pt['\u2019]s|pateint|paitent|patinet|pnt|case|cases|presentations?"
    r"|pacientes?|patientin(?:nen)?|patienten|patiente?s?|pazient[ei]|pasyente\w*|bệnh\s+nhân"
    r"|\d{1,3}\s?(?:yo|y/o|y\.o\.|y|yrs?|years?\s+old|-?year-old|-?yr-old|[MFmf]|años|anos|ans"
    r"|anni|tuổi|jahre?n?|-?jährige[rn]?|taong\s+gulang)|\d{1,2}[- ](?:month|week|day)s?[- ]old"
    r"|nonagenarians?|centenarians?|octogenarians?|born|victims?|survivors?|on\s+arrival"
    r"|aged\s+\d|came\s+in|comes\s+in|brought\s+(?:in|to)|rolled\s+in|wheeled\s+in|walked\s+in"
    r"|"
    + _PRESENTED
    + r"|presenting\s+(?:with|after|to\s+(?:the\s+)?(?:ED|ER|A&E|clinic|hospital))|admitted"
    r"|admission|discharged?|readmi\w+|transferred|intubated"
    r"|found\s+down|fell|swallowed|collapsed|crashed|overdosed?|died|passed\s+away|his\s+death"
    r"|her\s+death|diagnosed|biopsied|scann?ed|imaged|worklist|work\s+list|(?:IR|CT|MRI|US|XR"
    r"|MR|call|fluoro|biopsy|reading)\s+list|ward|bedside|wristband|requisition|req|chart"
    r"|(?:scan|read|saw|see|treated|met)\s+(?:a|an|the|this|her|him|them)"
    r"|(?:he|she)(?:['\u2019]s|\s+is|\s+was)\s+(?:fine|ok|okay|stable|home|doing|recovering|alive)"
    r"|kids?|kiddo|twins|lalaki|babae|siya|family\s+of|prisoner|inmate|detainee"
    r"|(?:he|she)(?:['\u2019]s|\s+is|\s+was)\s+(?:\d|in\b|still|back|home|now)|lives\s+at|lived\s+at"
    r"|home\s+visit|(?:header|label|sticker|overlay|annotation)s?\s+(?:still\s+)?(?:showed|shows"
    r"|said|says|read|reads|had|has)"
    r"|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|night|weekend)"
    r"['\u2019]s\s+(?:[\w-]+\s+)?(?:trauma|case|call|code|stroke|consult|admission)"
    r"|\w+['\u2019]s\s+(?:wife|husband|son|daughter|mom|mum|dad|mother|father|kid|child|baby"
    r"|grand\w+|partner|sister|brother)|(?:he|she)\s+(?:sent|said|told|asked|brought|came|had"
    r"|got|went|turned|walked|called|wants|wanted|needed|passed|died|fell)|recipient|donor"
    r"|trucker|rancher|fisherman|farmer|miner|logger|welder|retiree|lad|lass|bloke|chap|fella"
    r"|injur(?:y|ies|ed)|wounds?|burns?|fractures?|broke\s+(?:his|her)"
    r"|\d(?:st|nd|rd|th)\s+(?:trauma|case|code)|(?:biopsy|surgery|scan|MRI|CT|appointment"
    r"|follow-?up|op|procedure)\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday|tomorrow|today|tonight)|only\s+one\s+in\s+the\s+(?:state|country|world"
    r"|county|region|province)"
    # an encounter in a clinician's shorthand: a visit, a follow-up, a symptom
    r"|(?:ED|ER|A&E|clinic|office|GP|hospital)\s+visits?|follow-?up|f/u|s/p|h/o|c/o|hx\s+of"
    r"|pain|fever|cough|vomiting|headache|seizures?|syncope|SOB|dyspn\w+|bleeding|swelling|rash"
    r"|(?:CT|MRI|scan|film|x-?ray|study|US|ultrasound)\s+(?:[\w-]+\s+){0,3}?(?:showed|shows|revealed)"
    r"|(?:in|here)\s+for\s+(?:a|an|his|her)|(?:he|she|they)\s+came|(?:radiotherapy|chemo\w*"
    r"|treatment|surgery)\s+for|(?:selfie|photo|picture|pic)\s+(?:of|with)\s+(?:her|him|them)"
    r"|(?:yesterday|today|tonight|last\s+night)['\u2019]s\s+(?:[\w-]+\s+)?(?:trauma|case|patient"
    r"|scan|CT|MRI|stroke|code|admission|consult|arrest)"
    r"|(?:man|woman|lady|gentleman|guy|girl|boy|male|female)\s+(?:from|with|in\s+(?:his|her)|who)"
    r"|\w+['\u2019]s\s+(?:CTs?|CTA|MRIs?|scans?|x-?rays?|films?|images|study|ultrasound|mammogram"
    r"|biopsy)"
    r"|DOB|MRN|(?:his|her|their|the\s+patient['\u2019]s)\s+(?:[\w-]+\s+)?(?:CTs?|CTA|MRIs?|MR|scans?"
    r"|x-?rays?|films?|images?|studies|study|ultrasound|mammogram|reports?|results?|biopsy|labs"
    r"|chart|family|wife|husband|son|daughter|mom|mum|dad|kids?|grandkids|face|name|treatment"
    r"|surgery|appointment|chemo|radiation|diagnosis|cancer|tumou?r|fracture|injur(?:y|ies)"
    r"|recovery|stroke|bleed|fall|accident|crash|room|bed|ward)"
    r"|(?:the|this|that|a|an|one|our|my)\s+(?:[\w-]+\s+)?(?:guys?|lady|man|woman|gentleman|gent"
    r"|kid|boy|girl|baby|infant|toddler|teen|teenager|child|dude|fella|grandma|grandpa|granny"
    r"|patient|pt|widow|widower|farmer|veteran|vet|male|female|mum|mom|dad|mother|father"
    r"|driver|worker)"
    r"|(?:my|our|mi|ma|mon|mein|meine)\s+(?:own\s+|dear\s+|late\s+|elderly\s+)?(?:(?:great-?)?grand"
    r"(?:mother|father|ma|pa|mom|dad)|mother|father|mom|mum|mummy|dad|daddy|mama|papa|uncle"
    r"|aunt|auntie|cousin|nephew|niece|neighbou?rs?|opa|oma|lola|lolo|tita|tito|abuel[oa]|t[ií][oa]"
    r"|vecin[oa]|nachbar(?:in)?|voisine?|grand-mère|grand-père)"
    r"|mr|mrs|ms|miss|mx|sir|ma['\u2019]am|herr|frau|sra?|señora|señor|don|doña|mme|mlle"
    r"|monsieur|madame|signora|signor|tatay|nanay|lolo|lola|mang|aling|manong|manang|ông|bà|bác"
    r"|cụ|chú|cô|anh|chị|em|baby|nana|mama|papa|abuel[oa]|auntie|uncle)\b",
    re.IGNORECASE,
)
# An exact form makes the draft about someone whatever its words (an MRN, a worklist name).
_EXACT = frozenset(
    (
        "mrn",
        "accession",
        "health_plan",
        "account",
        "ssn",
        "license",
        "vehicle",
        "device",
        "other_id",
        "fax",
        "ip",
        "age_over_89",
        "name",
    )
)


# What the gate may drop: the open-ended families, whose "possible" forms are innocent most of
# the time (a date, a weekday, "today", a capitalised town or name, a biometric word). An age
# over 89, an address, a ZIP, a face photo or render, a link nobody can see into and every exact
# form stay.
_GATED = frozenset(("name", "date", "context", "geo_small", "biometric", "url"))
_OPAQUE_URL = re.compile(
    r"/share|/s/|drive\.google|dropbox|box\.com|imgur|photos|/pacs|dicom|viewer|/image|tinyurl"
    r"|bit\.ly|\bt\.co/|\bow\.ly|goo\.gl|is\.gd|buff\.ly|wetransfer",
    re.IGNORECASE,
)


def about_a_patient(text: str, cands: list[Cand]) -> bool:
    """Whether anything in the draft is a patient: a cue word or a likely exact form."""
    if _PATIENT_REF.search(text):
        return True
    return any((c[3] == "likely" and c[2] in _EXACT) or c[2] == "mrn" for c in cands)


def _gated(text: str, c: Cand, rule_likely: frozenset[tuple[int, int, str]]) -> bool:
    """A possible finding of an open-ended family that no rule called likely."""
    if c[3] == "likely" or c[2] not in _GATED:
        return False
    return not (c[2] == "url" and _OPAQUE_URL.search(text, c[0], c[1]))


# A year no living patient's date can carry ("on November 8, 1895", "1896 zeigte Röntgen"): a
# sentence that has one is history, and its dates and possible names, places and context are
# history's too. A birth year is the ages family's business ("born in 1899": over 89). A
# group of digits in a number ("RAMQ BERM 3104 1527") is no year.
_HISTORY_YEAR = re.compile(r"(?<![\d/.,'\u2019-])(?<!\d\s)1[5-8]\d\d(?![\d/.,-]\d)(?!\s\d)")
_BIRTH_BEFORE = re.compile(
    r"(?:born|b\.|DOB|D\.O\.B\.?|birth|n[ée]e?|nacid[oa]|geboren)[\s:(]*(?:in\s+)?$", re.IGNORECASE
)


def _history(doc: Doc, c: Cand) -> bool:
    """A date, or a possible open-ended finding, in a sentence naming a year before 1900."""
    if c[2] != "date" and (c[3] != "possible" or c[2] not in _GATED):
        return False
    start, end = doc.sentence(c[0])
    for m in _HISTORY_YEAR.finditer(doc.text, start, end):
        if not _BIRTH_BEFORE.search(doc.text, max(0, m.start() - 16), m.start()):
            return True
    return False


def judge(
    text: str, cands: list[Cand], rule_likely: frozenset[tuple[int, int, str]] = frozenset()
) -> list[Cand]:
    """Drop what the whole draft says is not a patient's. `rule_likely`: the spans a rule
    called likely (the learned judge may have shown them as possible; the gate keeps them)."""
    if _NOT_A_PATIENT.search(text):
        cands = [c for c in cands if c[2] not in _ABOUT_A_PERSON]
    if not about_a_patient(text, cands):
        cands = [c for c in cands if not _gated(text, c, rule_likely)]
    if _HISTORY_YEAR.search(text):
        doc = Doc(text)
        cands = [c for c in cands if not _history(doc, c)]
    return [c for c in cands if not (c[2] == "geo_small" and _ORG_AFTER.match(text, c[1]))]
