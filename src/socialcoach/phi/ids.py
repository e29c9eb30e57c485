"""Record numbers and codes: MRN, accession, health plan, account, licence, device, VIN,
and other codes (trauma aliases, booking numbers, study IDs, a patient's social handle).

A cue word ("MRN", "Acc", "A#", "HAR", "FIN", "lot") in any case before an ID-like value, or a
form that needs no cue: the Medicare MBI's 11-character pattern, a long bare number in a
sentence about a case (possible), a worklist line's run of IDs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ._base import Doc, Proposal, _c, _cue_id, _span, _words
from .registry import recognizer

_MRN = _cue_id(
    r"MRN|MR\s?#|MR\s+(?:no\.?|number)|[Mm]edical[- ]record(?:s)?(?:\s+(?:number|no\.?|#))?"
    r"|[Hh]ospital\s+(?:number|no\.?|#|ID)|[Cc]hart\s+(?:number|no\.?|#)|UR\s?(?:number|no\.?|#)"
    r"|[Uu]nit\s+number"  # NHS and CHI numbers are health numbers (national.py)
    # other languages: es "NHC" / "historia clínica", fr "IPP", de "Patientennummer"
    r"|NHC|[Hh]istoria\s+cl[ií]nica|IPP|[Pp]atienten-?(?:nummer|ID)|[Nn][úu]mero\s+de\s+historia"
    r"|[Pp]at\.?-?[Nn]r\.?|[Ss]ố\s+hồ\s+sơ|[Mm]ã\s+(?:bệnh\s+nhân|BN)|[Pp]rontuário",
    scan_first=True,
)
_ACCESSION = _cue_id(
    r"[Aa]ccession(?:\s+numbers?)?|ACC|[Aa]cc\.?\s?(?:#|no\.?|number)?|A\s?#|exam\s?(?:#|no\.?)"
    r"|(?:[Ll]ab|[Hh]isto(?:logy)?|[Pp]ath(?:ology)?)\s+(?:no\.?|number|#)|[Ee]xam\s+(?:number|ID)"
    r"|[Ss]tudy\s+(?:number|no\.?)|[Uu]ntersuchungs-?(?:nummer|nr\.?)|[Aa]uftragsnummer",
    scan_first=True,
)
_HEALTH_PLAN = _cue_id(
    r"[Mm]ember(?:ship)?\s?(?:ID|#|no\.?|number)|[Bb]eneficiary(?:\s+(?:ID|#|no\.?|number))?"
    r"|[Pp]olicy\s?(?:ID|#|no\.?|number)|[Ii]nsurance\s?(?:ID|#|no\.?|number|card)"
    r"|[Ss]ubscriber\s?(?:ID|#|no\.?|number)|[Gg]roup\s?(?:#|no\.?|number)"
    r"|[Pp]lan\s?(?:ID|#|no\.?|number)|Medicare(?:\s+(?:ID|#|no\.?|number))?"
    r"|Medicaid(?:\s+(?:ID|#|no\.?|number))?|MBI|HICN|[Hh]ealth\s+plan(?:\s+(?:ID|#|number))?"
    r"|[Pp][óo]liza|[Vv]ersicherten(?:nummer|-?Nr\.?)|[Vv]ersicherungsnummer|[Mm]utuelle",
    scan_first=True,
)
_ACCOUNT = _cue_id(
    r"[Aa]ccount|ACCOUNT|[Aa]cct\.?|A/C|[Bb]illing\s+(?:#|no\.?|number|ID)|HAR|FIN|CSN"
    r"|[Ee]ncounter(?:\s?(?:#|no\.?|number|ID))?|[Ee]nc\s?#|[Vv]isit\s?(?:#|no\.?|number)"
    r"|[Ii]nvoice\s+(?:#|no\.?|number)|[Cc]laim\s+(?:#|no\.?|number|ID)"
    r"|[Ff]allnummer|[Ff]all-?Nr\.?|[Aa]ufnahmenummer|[Nn][úu]mero\s+de\s+episodio",
    scan_first=True,
)
_VEHICLE = _c(
    r"\b(?:(?:(?i:license|licence|number|registration)\s+)?(?i:plates?)(?:\s+(?i:number|no\.?|#))?"
    r"|VIN|(?i:vehicle\s+(?:ID|identification)(?:\s+number)?|tag\s+(?:number|no\.?|#))"
    r"|(?i:placa|matrícula|kennzeichen|immatriculation))"
    r"(?:\s*(?i:is|was|reads|reading|read|of|:|#|,|\(|'|\"|\u2018|\u201c))*\s*"
    r"(?P<v>(?=[A-Z0-9 -]*\d)[A-Z0-9]{1,4}(?:[ -][A-Z0-9]{1,5})?(?:[A-Z0-9]{1,13})?)\b"
)
_VIN = _c(
    r"\b(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])(?=[A-HJ-NPR-Z0-9]*\d)[A-HJ-NPR-Z0-9]{17}\b",
    scan_first=True,
)
_LICENSE = _cue_id(
    r"(?:driver'?s\s+|driving\s+|medical\s+|nursing\s+|professional\s+|state\s+)?"
    r"(?:[Ll]icen[cs]e|LICEN[CS]E)(?!\s+plate)(?:\s+(?:number|no\.?|#))?"
    r"|[Ll]ic\.?\s?#|[Cc]ertificate(?:\s+(?:number|no\.?|#))?|[Cc]ert\.?\s?#|DEA|NPI"
    r"|[Pp]assport(?:\s+(?:number|no\.?|#))?|DL\s?#?|CDL|[Pp]ermit(?:\s+(?:number|no\.?|#))?"
    r"|CNH|[Ff]ührerschein(?:nummer)?|[Pp]ermis\s+de\s+conduire|[Ll]icencia\s+de\s+conducir",
    scan_first=True,
)
_DEVICE = _cue_id(
    r"[Ss]erial(?:\s+(?:number|no\.?|#|num))?|S/N|SN\s?[:#]|SN(?=\s+[A-Z0-9]*\d)|[Dd]evice\s+(?:ID|#)"
    r"|UDI|[Ll]ot(?:\s+(?:number|no\.?|#))?|LOT|IMEI|MAC\s+address|REF|[Mm]odel\s+(?:#|no\.?)",
    scan_first=True,
)
_OTHER_ID = _cue_id(
    r"(?:[Pp]atient|[Pp]t\.?|[Ss]tudy|[Ss]ubject|[Pp]articipant|[Tt]rial|[Rr]ecord|[Ee]ncounter"
    r"|[Vv]isit|[Ss]pecimen|[Ss]ample|[Rr]equisition|[Oo]rder|[Rr]egistry|[Ee]nrol?ment"
    r"|[Ee]mployee|[Ss]tudent|[Mm]ilitary)\s?(?:ID|I\.D\.|#|number|no\.?|code)"
    r"|[Bb]ooking(?:\s+(?:ID|#|number|no\.?))?|[Ii]nmate(?:\s+(?:ID|#|number|no\.?))?"
    r"|[Jj]ail\s+(?:ID|#|number|no\.?)|DOC\s?#|[Pp]risoner\s+(?:ID|#|number|no\.?)"
    r"|[Cc]ase\s+(?:ID|#|number|no\.?)(?=\s*[A-Za-z]*\d{4,})|[Rr]egistration\s+(?:ID|#|number)",
    scan_first=True,
)
# "Case #40213-KM" is an identifier; "Case 12" or "Case #12" is teaching-file numbering.
_CASE_ID = _c(
    r"\b[Cc]ase\s*(?:#|no\.?|number|ID)\s*:?\s*"
    r"(?P<v>(?=[A-Za-z0-9-]*\d)(?:\d{4,}|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+|[A-Za-z]+\d{3,}\w*))"
)
_INITIALS = _c(
    r"\b(?:[Pp]t|[Pp]atient|PT|[Ii]nitials|[Ii]nitialed|[Mm]r|[Mm]rs|[Mm]s)\.?,?\s*(?:initials\s*)?:?\s*"
    r"(?P<v>[A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?|[A-Z]\.[A-Z]\b)"
    r"|\b[Ii]nitials\s*:?\s*(?P<w>[A-Z]{2,3})\b"
)


# Medicare Beneficiary Identifier: 11 characters, digit-letter-alnum-digit-..., no S L O I B Z.
_MBI_L = "[AC-HJKMNP-RT-Y]"
_MBI = _c(
    rf"(?<![\w-])[1-9]{_MBI_L}[0-9AC-HJKMNP-RT-Y]\d-?{_MBI_L}[0-9AC-HJKMNP-RT-Y]\d-?{_MBI_L}{{2}}\d{{2}}"
    r"(?![\w-])"
)
# Trauma aliases and unknown-patient names: "Trauma Zebra", "TRAUMA, ZULU", "Unknown Male 12".
_ALIAS = _c(
    r"\b(?:[Tt]rauma|TRAUMA),?\s+(?P<v>[A-Z][a-z]+|[A-Z]{3,})\b(?:\s+\d{1,4}\b)?"
    r"|\b(?:[Uu]nknown|UNKNOWN|[Uu]nidentified|UNK|[Dd]oe)[,\s]+(?:[Mm]ale|[Ff]emale|MALE|FEMALE"
    r"|[Jj]ohn|[Jj]ane|[A-Z][a-z]+|[A-Z]{3,})(?:\s+#?\d{1,4})?\b"
)
# A distinguishing mark described: "a tattoo of a cobra wrapped around 'RIP LIL DRE 2019'",
# "tattoo on his left forearm said ...", "a birthmark shaped like Ohio" (the guide's other_id).
_MARK = _c(
    r"\b(?:(?:a|an|his|her|their|the)\s+)?(?:(?:very\s+)?(?:distinctive|unique|huge|large|big)\s+)?"
    r"(?:tattoos?|birthmarks?|port-wine\s+stain)\b(?:\s+(?:of|on|that|which|with|said|reading|across"
    r"|saying|shaped)|,)[^.!?\n]{3,110}",
    re.IGNORECASE,
)
# A Social Security number with all but the last four masked: "SSN ****3381", "xxx-xx-4410".
_SSN_MASKED = _c(
    r"\b(?:SSN|SS#|social\s+security(?:\s+(?:number|no\.?|#))?)\W{0,4}"
    r"(?:[*xX\u2022#]{3}-?[*xX\u2022#]{2}-?|[*xX\u2022#]{2,6})\d{4}\b",
    re.IGNORECASE,
)
# An ID behind a field label: "Alt ID: P4829103", "passport number 548812093".
_LABELLED_ID = _c(
    r"\b(?:alt(?:ernate)?\s+ID|passport(?:\s+(?:no\.?|number|#))?|national\s+ID|ID\s+(?:no\.?|number|#))"
    r"\s*[:#]?\s*['\u2018\"]?(?P<v>[A-Z]{0,2}\d{6,10})\b",
    re.IGNORECASE,
)
_ALIAS_NOT = frozenset(
    _words(
        "bay bays surgery surgeon surgeons team teams center centre alert alerts activation"
        " level call calls pan scan scans series service services protocol protocols room"
        " rooms unit units one two three nurse nurses radiology imaging ct case cases patient"
        " patients code codes ed icu recovery fellowship fellow fellows and or the a an in at"
        " of to is was surgical medicine system systems program programs victim victims"
        " informed care page paged xray x-ray mri team attending pager"
    )
)
# A patient's social handle: "@handle" with "his/her/their IG/TikTok/handle/account" nearby.
_HANDLE = _c(r"(?<![\w@.])@(?P<v>[A-Za-z0-9_.]{2,30})\b")
_HANDLE_CUE = _c(
    r"\b(?:his|her|their|the\s+patient['\u2019]?s|pt['\u2019]?s|patient['\u2019]?s|mom['\u2019]?s"
    r"|dad['\u2019]?s|daughter['\u2019]?s|son['\u2019]?s|family['\u2019]?s|wife['\u2019]?s"
    r"|husband['\u2019]?s)\s+(?:\w+\s+)?(?:ig|insta|instagram|tiktok|twitter|x|handle|account"
    r"|page|profile|username|channel|snap|snapchat|facebook|fb|youtube|onlyfans|twitch)\b"
    r"|\b(?:follow(?:ed)?\s+(?:him|her|them)|(?:he|she|they)\s+(?:posts?|posted|goes\s+by|is))\b"
    # a relative writing to the author, or a patient's post: "messaged me from @x",
    # "posted it on TikTok (@x)", a reply to someone whose dad the post is about
    r"|\bmessag\w*\s+(?:me\s+)?(?:from|as)\b|\bposted\s+(?:it\s+|this\s+)?on\s+(?:tiktok"
    r"|instagram|insta|ig|x|twitter|facebook|fb|youtube|snapchat)\b|\breplying\s+to\b"
    # the patient is someone with a following: "for his 80k followers as @x", "the vlogger"
    r"|\b(?:his|her|their)\s+(?:\S+\s+)?(?:followers|subscribers|fans)\b"
    # a handle the patient or a relative posts or writes from: "posts updates on insta @x",
    # "DM'd from @x", "she said 'tag me'! @x", "he's @x on IG"
    r"|\b(?:posts?|posted|posting)\s+(?:[\w-]+\s+){0,4}?(?:on|at|as)\s+(?:(?:insta|ig|tiktok"
    r"|instagram|facebook|fb|x|twitter)\s+)?@|\bdm['\u2019]?d\s+(?:me\s+)?from\b|\btag\s+me\b"
    r"|\b(?:he|she|they)['\u2019](?:s|re)\s+@\w+\s+on\s+(?:ig|insta|instagram|tiktok|fb|x)\b"
    r"|\b(?:vlogger|influencer|youtuber|tiktoker|streamer)\b",
    re.IGNORECASE,
)
# A RIS event number, as CRIS and other UK systems number an exam: "Event 30918827".
_EVENT_NO = _c(r"\bEvent\s?(?:#|[Nn]o\.?|[Nn]umber|ID)?\s*:?\s*(?P<v>\d{6,10})\b")
# A DICOM UID (PS3.5 section 9: dot-separated numeric components under an ISO OID root, at
# most 64 characters): one names one study, series or image, so it leads back to the patient.
# Eight components or more: an IP address, a version or a root alone ("1.2.840.10008") has fewer.
_UID_SHAPE = re.compile(r"\d\.\d+\.\d+\.\d+\.\d+\.\d+\.\d+\.\d")
_DICOM_UID = _c(r"(?<![\w.])[012](?:\.(?:0|[1-9]\d{0,38})){7,}(?![\w]|\.\.|\.\d)")
# A long bare number in a sentence about a case: most likely a record or exam number.
_BARE_NUMBER = _c(r"(?<![\w.,/#:-])(?:#\s?)?(?P<v>\d{6,12})(?![\w.,/:-]|\.\d)")
_PUBLICATION_BEFORE = _c(r"\b(?:PMID|PMCID|PMC|ISBN|ISSN|DOI|arXiv|ISRCTN|NCT)\W{0,3}$", re.I)
_UNIT_AFTER = _c(
    # a whole word: "7410 2289 5563 got printed" is no amount in grams
    r"^\s*(?:(?:mg|mcg|ml|units?|iu|mm|cm|kg|g|lbs?|cells|copies|x|times|people|patients|views"
    r"|hits|downloads|followers|steps|dollars|usd|k)(?![a-z])|/|\$)",
    re.IGNORECASE,
)


# Cue words of each ID family. A value may sit a little after its cue ("CDL # was on the DOT
# form (TX 18833021)", "serial # right on it: RZQ-118830"), as presidio's context words do:
# an ID-like token takes the family of the nearest cue before it.
_FAMILY_CUES: tuple[tuple[str, str], ...] = (
    ("ssn", r"ssn|ss\s?#|social\s+security|social|nino|national\s+insurance|ppsn?"),
    (
        "license",
        r"licen[cs]es?|lic|cdl|dl|d/l|driver['\u2019]?s|rn|rph|lpn|npi|dea|permit|passport"
        r"|certificate|cert|badge",
    ),
    ("vehicle", r"plates?|tags?|vin|vehicle|registration"),
    (
        "health_plan",
        r"medicaid|medicare|member|membership|policy|insurance|subscriber|group"
        r"|mbi|beneficiary|payer|insurer|plan|nhs|chi|hcn|phn|phin|ohip|ramq|ahcip|msp|ihi"
        r"|health\s+card|health\s+number|carte\s+soleil|medical\s+card|gold\s+card|nhi|dva|msi",
    ),
    ("device", r"serial|s/n|sn|sr\s?#|lot|udi|device|implant|pacemaker|icd|stimulator|pump"),
    ("account", r"fin|har|csn|enc|encounter|acct|account|billing|claim|invoice|visit"),
    ("accession", r"accessions?|acc|a\s?#|exam\s?#|lab\s+no|lab\s+number|histo\w*"),
    (
        "mrn",
        r"mrn|mr\s?#|medical\s+record|chart|hospital\s+number|unit\s+number|record|hosp|urn|crn",
    ),
    (
        "other_id",
        r"booking|inmate|jail|doc\s?#|case\s+id|study\s+id|subject|trial|registry"
        r"|employee|student"
        # national and agency numbers a clinician copies from a form: Mexico's CURP and INE,
        # Nigeria's NIN, the Philippines' OSCA, UNHCR papers, custody, coroner and police
        # references, a research participant, a donor, a tribal enrollment
        r"|curp|nin|ine|osca|unhcr|custody|coroner|incident|mlc"
        r"|status\s+card|enrol(?:l)?ment|participant|donor|studyid",
    ),
    ("zip", r"zip|zipcode|postal\s+code|post\s?code|eircode"),
)
_FAMILY_CUE = _c(
    r"\b(?:" + "|".join(f"(?P<{cat}>{cue})" for cat, cue in _FAMILY_CUES) + r")(?![a-z])",
    re.IGNORECASE,
)
_ID_TOKEN = _c(
    r"(?<![\w/.:#-])#?(?P<v>(?=[A-Za-z0-9./-]*\d)[A-Za-z0-9]+(?:[-./][A-Za-z0-9]+)*"
    r"(?:\s\d{4,6}(?![\w/-])){0,2})(?![\w/-]|[.:]\w)"
)
_NOT_ID = re.compile(
    r"(?:19|20)\d{2}|(?:19|20)\d{2}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?"
    r"|(?:ICU|MICU|SICU|PICU|NICU|CCU|ED|ER|PACU|OR|RM|BED|BAY)-?\d{1,4}[A-Z]?|\d{1,3}-year-old|\d{1,3}-(?:yo|yrs?|y|mo|wk)|\d+(?:\.\d+)?(?:[a-z]{1,3})?|[a-z]+\d"
    r"|\d{1,2}(?:am|pm|h|st|nd|rd|th)|v\d.*|[a-z]\d{1,2}(?:-[a-z]?\d{1,2})?|\d+(?:\.\d+){2,}"
    r"|\d{2,3}/\d{2,3}|\d{1,3}(?:[.,]\d+)?[a-z]{1,4}",
    re.IGNORECASE,
)
# A code with a modality in it, as RIS systems number exams: 24CT0918821, MR24-00912.
_ACC_FORM = _c(
    r"(?<![\w-])(?:\d{2}(?:CT|MR|US|XR|NM|PT|DX|CR|MG|IR|FL|RF|CTA|MRI)\d{5,}"
    r"|(?:CT|MR|US|XR|NM|DX|CR|MG)\d{2}-?\d{5,})(?![\w-])"
)


# A worklist line's number right before its exam ("00481726  71120934  CT ABD/PEL W"): RIS
# lists print the accession next to the procedure, the record number before it.
_NUMBER_BEFORE_EXAM = _c(
    r"(?<![\w-])(?P<v>\d{6,10})[ \t]{1,6}(?:CT|CTA|MR|MRI|MRA|XR|US|NM|PET|DX|CR|MG|FL|IR|DEXA"
    r"|CXR)\b(?![ \t]*(?:scanners?|machines?|techs?|units?|rooms?)\b)"
)
_ANOTHER_NUMBER = re.compile(r"(?<![\w-])\d{6,10}[ \t]+$|(?<![\w-])[A-Z]?\d{6,10}(?![\w-])")
_COMPACT_DATE = re.compile(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
_WORKLIST_NAME = _c(r"[A-Z][A-Z'-]+(?:,|\^|\s)[ \t]*[A-Z]")

_FIELD_LABEL = _c(r"\b[A-Z][A-Za-z]{1,9}:\s")


def _family_of(doc: Doc, pos: int) -> tuple[str, int] | None:
    """The family of the nearest cue word before pos (within ~100 characters), and its end."""
    text = doc.text
    best = None
    start = max(0, pos - 100)
    for sep in ("|", "\n", ";"):
        start = max(start, text.rfind(sep, 0, pos) + 1)
    labels = list(_FIELD_LABEL.finditer(text, start, pos))
    if labels:
        start = labels[-1].start()  # "Ins: Medicare MBI ... Addr: 2214 ...": the last label rules
    for m in _FAMILY_CUE.finditer(text, start, pos):
        best = (m.lastgroup or "", m.end())
    return best


# A clinician's own credential just before a number (NPI, DEA, ARRT, GMC, AHPRA...): the
# author's or a colleague's registration, never a patient's identifier.
_PROVIDER_CREDENTIAL_BEFORE = _c(
    r"\b(?:NPI|DEA|ARRT|ARDMS|NMTCB|ABR|GMC|NMC|HCPC|AHPRA|CPSO|IMC|NCCPA|CAMRT)\b"
    r"[^\n\d]{0,12}$"
)


def _credential(text: str, pos: int) -> bool:
    return _PROVIDER_CREDENTIAL_BEFORE.search(text, max(0, pos - 24), pos) is not None


@recognizer("ids")
def ids(doc: Doc) -> Iterator[Proposal]:
    text = doc.text
    rules: tuple[tuple[Any, str], ...] = (
        (_MRN, "mrn"),
        (_ACCESSION, "accession"),
        (_HEALTH_PLAN, "health_plan"),
        (_ACCOUNT, "account"),
        (_VEHICLE, "vehicle"),
        (_LICENSE, "license"),
        (_DEVICE, "device"),
        (_OTHER_ID, "other_id"),
        (_CASE_ID, "other_id"),
    )
    for pattern, cat in rules:
        for m in pattern.finditer(text):
            v = m.group("v")
            if cat == "vehicle" or len(v) >= 4 or sum(ch.isdigit() for ch in v) >= 3:
                if _credential(text, m.start("v")):
                    continue  # "NPI 1093817264": the clinician's own number
                yield *m.span("v"), cat
    for m in _VIN.finditer(text):
        yield m.start(), m.end(), "vehicle"
    for m in _INITIALS.finditer(text):
        yield *_span(m, "v", "w"), "name"  # initials used as a name are a name (the guide)
    for m in _MBI.finditer(text):
        yield m.start(), m.end(), "health_plan", "likely"
    for m in _ALIAS.finditer(text):
        word = m["v"]
        if word is not None and word.lower() in _ALIAS_NOT:
            continue
        yield m.start(), m.end(), "other_id", "likely"
    for m in _MARK.finditer(text):
        if doc.person(m.start()) or doc.clinical_near(m.start()) or doc.draft_clinical():
            yield m.start(), m.end(), "other_id", "likely"
    for m in _SSN_MASKED.finditer(text):
        yield m.start(), m.end(), "ssn", "likely"
    for m in _LABELLED_ID.finditer(text):
        yield *m.span("v"), "other_id", "likely"
    for m in _HANDLE.finditer(text):
        if doc.has(m.start(), _HANDLE_CUE, "handle"):
            yield m.start(), m.end(), "other_id", "likely"
    for m in _EVENT_NO.finditer(text):
        yield *m.span("v"), "accession", "likely"
    for m in _DICOM_UID.finditer(text) if _UID_SHAPE.search(text) else ():
        yield m.start(), m.end(), "other_id", "likely"
    for m in _ACC_FORM.finditer(text):
        yield m.start(), m.end(), "accession", "likely"
    for m in _NUMBER_BEFORE_EXAM.finditer(text):
        if _COMPACT_DATE.fullmatch(m["v"]):
            continue  # "20261129 CT HEAD": the date of the study
        line_start = text.rfind("\n", 0, m.start()) + 1
        # only the second of two numbers: with one, it may be the record number (writers differ)
        if not _ANOTHER_NUMBER.search(text, line_start, m.start()):
            continue
        if _WORKLIST_NAME.search(text, line_start, m.start()) or doc.clinical_near(m.start()):
            yield *m.span("v"), "accession", "likely"
    for m in _ID_TOKEN.finditer(text):
        v = m["v"]
        digits = sum(ch.isdigit() for ch in v)
        if _NOT_ID.fullmatch(v) and not (len(v) >= 5 and digits >= 5 and v.isdigit()):
            continue
        if len(v) < 4 or digits < 2 or _UNIT_AFTER.match(text[m.end() : m.end() + 10]):
            continue
        if re.fullmatch(r"\d{3}-\d{4}", v):
            continue  # a seven-digit phone number: the contact rules' to judge
        found = _family_of(doc, m.start("v"))
        if found is None or _credential(text, m.start("v")):
            continue
        cat, cue_end = found
        if cat == "zip" and not re.fullmatch(r"\d{5}(?:-\d{4})?", v):
            continue
        if cat == "ssn" and not re.fullmatch(r"\d{4}|\d{3}-?\d{2}-?\d{4}", v):
            continue
        near = m.start("v") - cue_end <= 45
        yield *m.span("v"), cat, "likely" if near else "possible"
    for m in _BARE_NUMBER.finditer(text):
        v = m["v"]
        if _UNIT_AFTER.match(text[m.end() : m.end() + 10]):
            continue
        if re.fullmatch(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])", v):
            continue  # a compact date, the date rule's
        if _PUBLICATION_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "PMID 12345678": a paper's number, not a patient's
        if _credential(text, m.start("v")):
            continue  # "my CT certification (ARRT #4410297)"
        if doc.clinical_near(m.start()) or doc.person(m.start()):
            yield *m.span("v"), "mrn", "possible"
