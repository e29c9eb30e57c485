"""Draft-post PHI checker: flags likely patient identifiers before a physician posts.

Plain regular expressions with context words, standard library only, so it can run on every
keystroke and inside the CLI without a model. It is a safety net, not a de-identification tool:
it looks for the 18 HIPAA Safe Harbor identifiers plus re-identifying *context* (recency, public
figures, one-of-a-kind cases), and it deliberately leaves alone what radiologists write all day
(ages up to 89, years, vertebral levels, doses, sequences, BI-RADS-style categories, eponyms).
"""

from __future__ import annotations

import bisect
import functools
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from re import Match
from typing import Any

__all__ = ["CATEGORIES", "Finding", "check", "report_json", "report_text"]

CATEGORIES: tuple[str, ...] = (
    "name",
    "date",
    "age_over_89",
    "phone",
    "fax",
    "email",
    "ssn",
    "mrn",
    "accession",
    "health_plan",
    "account",
    "license",
    "vehicle",
    "device",
    "url",
    "ip",
    "address",
    "zip",
    "geo_small",
    "biometric",
    "photo",
    "other_id",
    "context",
)

# Why each category is a risk, and what to do instead: one short sentence each.
_ADVICE: dict[str, tuple[str, str]] = {
    "name": (
        "Looks like a patient's or relative's name, a direct identifier.",
        "Remove the name; say 'a patient' instead.",
    ),
    "date": (
        "A day or month tied to a patient narrows who it is (only the year is allowed).",
        "Drop the day and month; keep at most the year.",
    ),
    "age_over_89": (
        "Ages over 89 are rare enough to identify someone.",
        "Write '90 or older' instead of the exact age.",
    ),
    "phone": ("A telephone number is a direct identifier.", "Remove the phone number."),
    "fax": ("A fax number is a direct identifier.", "Remove the fax number."),
    "email": ("An email address is a direct identifier.", "Remove the email address."),
    "ssn": ("A Social Security number is a direct identifier.", "Remove the number entirely."),
    "mrn": ("A medical record number identifies the patient.", "Remove the record number."),
    "accession": (
        "An accession number links straight back to the patient's exam.",
        "Remove the accession number (check burned-in text too).",
    ),
    "health_plan": (
        "A health plan or member number identifies the patient.",
        "Remove the member or policy number.",
    ),
    "account": ("An account number identifies the patient.", "Remove the account number."),
    "license": (
        "Certificate and licence numbers are identifiers under HIPAA.",
        "Remove the licence or certificate number.",
    ),
    "vehicle": (
        "A plate or VIN can be traced to a person.",
        "Remove the plate or vehicle number.",
    ),
    "device": (
        "A device serial number can be traced to the patient who has it.",
        "Remove the serial number (crop it from images too).",
    ),
    "url": (
        "A link that is not a journal or society page may lead to the patient's data.",
        "Remove the link or use a journal/education link instead.",
    ),
    "ip": ("An IP address is an identifier under HIPAA.", "Remove the IP address."),
    "address": ("A street address locates the patient.", "Remove the address."),
    "zip": ("A ZIP code is geography smaller than a state.", "Remove the ZIP code."),
    "geo_small": (
        "A town, county, ward or bed smaller than a state narrows who the patient is.",
        "Remove the place; at most name the state or region.",
    ),
    "biometric": (
        "Biometric data (fingerprints, voice, retina) identify a person.",
        "Do not share biometric data or mention it for a patient.",
    ),
    "photo": (
        "Faces, and 3D renders of the head, can be recognised.",
        "Do not post face photos; crop or de-face renders of the head.",
    ),
    "other_id": (
        "A code or initials tied to a patient can identify them.",
        "Remove the code or initials.",
    ),
    "context": (
        "Recency, a public role or a one-of-a-kind detail can identify a patient without a name.",
        "Wait months before posting, and drop when, where and who details.",
    ),
}

# Overlapping candidates: the category listed earlier wins (more specific evidence first).
_PRIORITY: dict[str, int] = {
    c: i
    for i, c in enumerate(
        (
            "email",
            "url",
            "ssn",
            "fax",
            "phone",
            "ip",
            "mrn",
            "accession",
            "health_plan",
            "account",
            "vehicle",
            "license",
            "device",
            "other_id",
            "address",
            "zip",
            "date",
            "age_over_89",
            "name",
            "photo",
            "biometric",
            "geo_small",
            "context",
        )
    )
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One possible identifier, with offsets the editor can highlight and advice it can show."""

    start: int
    end: int
    line: int
    column: int
    category: str
    text: str
    message: str
    fix: str

    def to_dict(self) -> dict:
        """Plain dict for JSON output (the CLI and the app share this shape)."""
        return asdict(self)


def _words(s: str) -> list[str]:
    """Space-separated word list, kept compact in the source."""
    return s.split()


# --------------------------------------------------------------------------------------------
# Word lists. Kept small on purpose: cues carry the weight, lists only veto or confirm.
# --------------------------------------------------------------------------------------------

_MONTHS_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_US_STATES = {
    s.lower()
    for s in _words(
        "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia "
        "Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland "
        "Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio "
        "Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin "
        "Wyoming"
    )
} | {
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "rhode island",
    "south carolina",
    "south dakota",
    "west virginia",
    "puerto rico",
}
_COUNTRIES = {
    c.lower()
    for c in _words(
        "America USA US UK Canada Mexico Brazil Argentina Chile Peru Colombia England Scotland "
        "Wales Ireland France Germany Spain Portugal Italy Austria Switzerland Netherlands "
        "Belgium Sweden Norway Denmark Finland Poland Greece Turkey Israel Egypt Nigeria Kenya "
        "India Pakistan China Japan Korea Vietnam Thailand Philippines Indonesia Australia "
        "Singapore Malaysia Europe Asia Africa Iran Iraq Russia Ukraine Ghana Ethiopia"
    )
} | {"new zealand", "south africa", "saudi arabia", "united states", "united kingdom", "the us"}
_STATE_ABBR = [
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
    "DC",
]

# Capitalised words that follow "patient"/"pt" or relationship words but are not names.
_NOT_NAMES = {
    w.lower()
    for w in _words(
        "The A An This That Our My His Her Their With Was Is Has Had Who Which And Or But If "
        "Safety Care Advocate Advocates Advocacy Portal Experience Education Information Access "
        "Centered Centred Satisfaction Privacy Rights Services Service Relations Navigator "
        "Registration Transport Zero One Two Three Four Five First Last Next Day Week Month Year "
        "Radiology Imaging Hospital Clinic Medical Health Center Centre Department Unit Name "
        "Names ID DOB MRN History Hx Information Info Summary Reported Presented Came Underwent "
        "Developed Denies Denied Returned Went Got Had Referred Scanned Imaged Note Nature Earth "
        "Teresa Superior General Friendly Journey Stories Story Voices Voice Family Families "
        "Group Forum Panel Council Board Day Days Week Month Report Reports Case Cases "
        "Of In On At For From To By As It Be No Yes Not Age Sex Male Female Man Woman Boy Girl "
        "Baby Child Infant Teen Adult Elderly Young Old Both All Consent Consented Complained "
        "Complaints Outcome Outcomes Data Record Records Chart Charts Intake Room Bed Ward Bay "
        "ICU ED ER OR PACU Then Later Earlier Today Yesterday Initials Please Thanks Thank Dr "
        "Doctor Prof Professor Nurse Technologist Tech Mr Mrs Ms Miss Mx Sir Madam"
    )
}

# A short list of common given names: used only to confirm "First Last" next to patient cues.
_FIRST_NAMES = {
    n.lower()
    for n in _words(
        "James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel "
        "Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy "
        "Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin "
        "Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry "
        "Tyler Aaron Jose Adam Henry Nathan Douglas Zachary Peter Kyle Walter Ethan Jeremy Harold "
        "Keith Christian Roger Noah Gerald Carl Terry Sean Austin Arthur Lawrence Jesse Dylan "
        "Bryan Joe Jordan Billy Bruce Albert Willie Gabriel Logan Alan Juan Wayne Roy Ralph Randy "
        "Eugene Vincent Russell Elijah Louis Bobby Philip Johnny Mary Patricia Jennifer Linda "
        "Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty Margaret Sandra Ashley "
        "Kimberly Emily Donna Michelle Dorothy Carol Amanda Melissa Deborah Stephanie Rebecca "
        "Sharon Laura Cynthia Kathleen Amy Shirley Angela Helen Anna Brenda Pamela Nicole Emma "
        "Samantha Katherine Christine Debra Rachel Catherine Carolyn Janet Ruth Maria Heather "
        "Diane Virginia Julie Joyce Victoria Olivia Kelly Christina Lauren Joan Evelyn Judith "
        "Megan Cheryl Andrea Hannah Martha Jacqueline Frances Gloria Ann Teresa Kathryn Sara "
        "Janice Jean Alice Madison Doris Abigail Julia Judy Grace Denise Amber Marilyn Beverly "
        "Danielle Theresa Sophia Marie Diana Brittany Natalie Isabella Charlotte Rose Alexis "
        "Kayla Lucy Tommy Jane Javier Carlos Luis Miguel Marco Ahmed Mohammed Muhammad Ali Fatima "
        "Aisha Wei Li Mei Hiroshi Yuki Raj Priya Anil Sunita Olga Ivan Dmitri Pierre Marie Hans "
        "Greta Carla Penelope Lucia Rosa Ana Pedro Diego Sofia Mateo Camila Valentina Omar Layla"
    )
}


# --------------------------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------------------------

# A capitalised name word (allows O'Neil, Smith-Jones, McDonald) or an initial "J.".
_NAME_WORD = (
    r"(?:(?:[A-Z]['\u2019])?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?(?![A-Za-z])|[A-Z]\.)"
)
_NAME = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}}"

# An identifier value after a cue: letters/digits with - / . separators, at least one digit;
# or digit groups separated by single spaces ("8842 1199 0032").
_ID_VALUE = (
    r"(?:\d{3,6}(?:[ ]\d{3,6}){1,3}(?![\w])"
    r"|(?=[A-Za-z0-9-]*\d)[A-Za-z0-9]+(?:[-/.][A-Za-z0-9]+)*)"
)
# Words allowed between a cue and its value: "number", "no.", "#", ":", "is", "was" ...
_FILLER = (
    r"(?:[\s:#=(\"'\u2018\u2019\u201c-]"
    r"|\b(?i:number|numbers|num|nbr|ID|is|was|of|no)\b|\b(?i:no)\.)*"
)


def _cue_id(cue: str, *, scan_first: bool = False) -> Any:
    """Cue word(s) followed by an ID-like value; the value is the `v` group."""
    return _c(
        rf"\b(?:{cue})(?:(?<![A-Za-z])|(?![A-Za-z])){_FILLER}(?P<v>{_ID_VALUE})",
        scan_first=scan_first,
    )


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@functools.lru_cache(maxsize=8)
def _lower(text: str) -> str:
    """ASCII-lowercased copy with the same length, so match offsets stay valid."""
    return text.translate(_ASCII_LOWER)


try:  # CPython's own regex parser, to read the characters a pattern's matches start with
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parser  # type: ignore[attr-defined]

    _CATEGORY_CLASS = {
        _sre.CATEGORY_DIGIT: r"\d",
        _sre.CATEGORY_SPACE: r"\s",
        _sre.CATEGORY_WORD: r"\w",
    }
except ImportError:  # not CPython 3.11+: patterns are used as written
    _sre_parser = None


def _first_chars(items: Any) -> tuple[set[str], bool] | None:
    """The characters a match of the parsed pattern `items` can start with (as character
    class items), and whether it can match the empty string; None when that is unclear."""
    first: set[str] = set()
    for op, arg in items:
        if op is _sre.LITERAL:
            return first | {re.escape(chr(arg))}, False
        if op is _sre.IN:
            for in_op, in_arg in arg:
                if in_op is _sre.LITERAL:
                    first.add(re.escape(chr(in_arg)))
                elif in_op is _sre.RANGE:
                    first.add(f"{re.escape(chr(in_arg[0]))}-{re.escape(chr(in_arg[1]))}")
                elif in_op is _sre.CATEGORY and in_arg in _CATEGORY_CLASS:
                    first.add(_CATEGORY_CLASS[in_arg])
                else:  # a negated set or another category
                    return None
            return first, False
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero-width: the match starts with what follows
        if op is _sre.BRANCH:
            inner = [_first_chars(branch) for branch in arg[1]]
        elif op is _sre.SUBPATTERN and not arg[1] & re.IGNORECASE:
            inner = [_first_chars(arg[3])]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            found = _first_chars(arg[2])
            inner = [found if found is None or arg[0] > 0 else (found[0], True)]
        else:  # any character, a back reference, a case-insensitive group...
            return None
        if any(found is None for found in inner):
            return None
        first = first.union(*(found[0] for found in inner))  # type: ignore[index]
        if not any(found[1] for found in inner):  # type: ignore[index]
            return first, False
    return first, True


def _scan_first(pattern: str) -> str:
    """The pattern behind a lookahead for the characters its matches can start with.

    CPython's re tries a pattern that starts with \\b or an alternation at every position
    of the text; behind a one-character-class lookahead it can skip to the positions where a
    match could start. Matches are unchanged (tests/test_phi.py compares them). It only pays
    where those characters are rare, so each pattern opts in (`_c(..., scan_first=True)`).
    """
    found = _first_chars(_sre_parser.parse(pattern)) if _sre_parser else None
    if found is None or found[1] or not found[0]:
        return pattern
    return "(?=[" + "".join(sorted(found[0])) + "])" + pattern


class _Pat:
    """A compiled pattern tuned for CPython's re: same finditer/search interface.

    Case-insensitive patterns run on a lowercased copy of the text, lowered once per check:
    re.IGNORECASE is several times slower than a plain scan.
    """

    __slots__ = ("_p", "_fold", "written")

    def __init__(self, pattern: str, fold: bool, scan_first: bool = False) -> None:
        if fold:
            out: list[str] = []
            escaped = False
            for ch in pattern:
                keep = escaped or "".join(out[-2:]) == "(?"  # \b, \s, (?P<v> stay as written
                out.append(ch if keep else ch.lower())
                escaped = not escaped and ch == "\\"
            pattern = "".join(out)
        self.written = pattern  # as compiled without the scan_first lookahead
        self._p = re.compile(_scan_first(pattern) if scan_first else pattern)
        self._fold = fold

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Match]:
        return self._p.finditer(_lower(text) if self._fold else text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return self._p.search(_lower(text) if self._fold else text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return self._p.match(_lower(text) if self._fold else text, pos, endpos)


def _c(pattern: str, flags: int = 0, *, scan_first: bool = False) -> Any:
    """Compile to a _Pat (only re.IGNORECASE is supported as a flag)."""
    return _Pat(pattern, bool(flags & re.IGNORECASE), scan_first)


# Words that tie a sentence to a real patient encounter (not a lecture or a paper).
_CLINICAL_CUE = _c(
    r"\b(?:patients?|pts?|scann?(?:ed|ing)|imaged|I\s+read|we\s+read|read\s+(?:a|an|the|his|her)\b"
    r"|saw\s+(?:a|an|the)|(?:came|brought|rolled|wheeled)\s+in|presented|admitted|discharged"
    r"|ED|ER|A&E|ICU|NICU|PICU|trauma|stroke\s+alert|code\s+(?:stroke|blue)|STEMI|MVC|GSW|cath\s+lab"
    r"|consult|biopsy|CT|CTA|MRI|MR|X-?ray|radiograph|ultrasound|mammogram|PET"
    r"|(?:the|a|this|our)\s+(?:guy|lady|man|woman|kid|boy|girl|gentleman|child|baby|teen|teenager)"
    r"|\d{1,3}\s?(?:yo|y/o|-?year-old)|\d{1,3}\s?[MF]\b)\b",
    re.IGNORECASE,
    scan_first=True,
)
# Stronger evidence that a sentence is about a particular patient (confirms bare full names).
_PATIENT_CUE = _c(
    r"\b(?:patients?|pts?|\d{1,3}\s?(?:yo|y/o|-?year-old|[MF])|diagnosed|admitted|presented"
    r"|discharged|scann?ed|imaged|biops(?:y|ied)|DOB|MRN|requisition|(?:his|her|their)\s+"
    r"(?:CT|MRI|MR|scan|X-?ray|ultrasound|mammogram|report|results|images|biopsy))\b",
    re.IGNORECASE,
)
# Teaching/event words: a sentence about a lecture or a paper is not a patient encounter.
_EVENT_CUE = _c(
    r"\b(?:webinars?|meetings?|conference|congress|symposium|lectures?|talks?|session|course"
    r"|workshop|deadline|abstracts?|journal\s+club|grand\s+rounds|podcast|livestream|register"
    r"|registration|submissions?|poster|papers?|QA|phantom|physics|exam\s+prep|boards?)\b",
    re.IGNORECASE,
    scan_first=True,
)
_PERSON_CUE = _c(
    r"\b(?:patients?|pts?|man|woman|men|women|boy|girl|lady|gentleman|guy|kid|child|infant|baby"
    r"|toddler|teen|teenager|farmer|teacher|worker|miner|fisherman|student|athlete|player"
    r"|retiree|veteran|mother|father|mom|dad|grandmother|grandfather|he|she|his|her|him"
    r"|came\s+in|presented|admitted|brought|\d{1,3}\s?(?:yo|y/o|-?year-old)|\d{1,3}\s?[MF])\b",
    re.IGNORECASE,
    scan_first=True,
)

# --------------------------------------------------------------------------------------------
# Patterns per category
# --------------------------------------------------------------------------------------------

_EMAIL = _c(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_URL = _c(
    r"(?:\bhttps?://|\bwww\.)[^\s<>\"'\]\[{}|\\^`]+"
    r"|\b(?:[A-Za-z0-9-]+\.)+(?:com|org|net|edu|gov|io|ly|me|info|co|us|uk|ca|au|de|health"
    r"|app|link|site|online|tv)\b(?:/[^\s<>\"']*)?",
)
# Society, journal and education sites are not patient identifiers (documented decision).
_SAFE_DOMAINS = tuple(
    _words(
        "radiopaedia.org doi.org dx.doi.org pubmed.ncbi.nlm.nih.gov ncbi.nlm.nih.gov nih.gov "
        "rsna.org pubs.rsna.org acr.org arrs.org ajronline.org ajnr.org jacr.org myesr.org "
        "esr.org siim.org snmmi.org aapm.org asnr.org sbi-online.org rcr.ac.uk sor.org ranzcr.com "
        "car.ca radiologyinfo.org mrisafety.com radiologyassistant.nl learningradiology.com "
        "imaios.com nejm.org thelancet.com bmj.com nature.com sciencedirect.com springer.com "
        "link.springer.com wiley.com onlinelibrary.wiley.com jamanetwork.com ahajournals.org "
        "clinicaltrials.gov cdc.gov fda.gov who.int hhs.gov uspreventiveservicestaskforce.org "
        "cochranelibrary.com medrxiv.org arxiv.org biorxiv.org eurorad.org orcid.org"
    )
)
_IP = _c(
    r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
    r"(?![\w.]*\d)"
)
_VERSION_BEFORE = _c(r"(?:version|ver\.?|v|release|build|update|firmware)\s*$", re.IGNORECASE)
_SSN = _c(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])")
_SSN_CUE = _cue_id(
    r"SSN|SS\s?#|(?i:social\s+security)(?:\s+(?i:number|no\.?|#))?|(?i:last\s+(?:4|four)\s+of)"
    r"(?:\s+(?:the\s+|her\s+|his\s+)?(?:SSN|(?i:social)))?"
)
_PHONE = _c(
    r"(?<![\w/.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w-])"
    r"(?:\s*(?:ext\.?|x)\s*\d{1,5})?",
    scan_first=True,
)
_PHONE7 = _c(
    r"\b(?:call|phone|tel|telephone|cell|mobile|text|reach|fax|number|line|pager|ext)\b"
    r"[^\n\d]{0,20}?(?P<v>(?<![\w-])\d{3}-\d{4}(?![\w-]))",
    re.IGNORECASE,
)
_FAX_CUE = _c(r"\bfax(?:ed|ing)?\b|\bf:", re.IGNORECASE)
_PHONE_WORD = _c(
    r"\b(?:call(?:ed)?|phone|tel|telephone|cell|mobile|text|reach|pager|ring|dial)\b", re.IGNORECASE
)

_MRN = _cue_id(
    r"MRN|MR\s?#|MR\s+(?:no\.?|number)|[Mm]edical[- ]record(?:s)?(?:\s+(?:number|no\.?|#))?"
    r"|[Hh]ospital\s+(?:number|no\.?|#|ID)|[Cc]hart\s+(?:number|no\.?|#)|UR\s?(?:number|no\.?|#)"
    r"|NHS\s+(?:number|no\.?)|[Uu]nit\s+number",
    scan_first=True,
)
_ACCESSION = _cue_id(
    r"[Aa]ccession(?:\s+numbers?)?|ACC|[Aa]cc\.?\s?(?:#|no\.?|number)", scan_first=True
)
_HEALTH_PLAN = _cue_id(
    r"[Mm]ember(?:ship)?\s?(?:ID|#|no\.?|number)|[Bb]eneficiary(?:\s+(?:ID|#|no\.?|number))?"
    r"|[Pp]olicy\s?(?:ID|#|no\.?|number)|[Ii]nsurance\s?(?:ID|#|no\.?|number|card)"
    r"|[Ss]ubscriber\s?(?:ID|#|no\.?|number)|[Gg]roup\s?(?:#|no\.?|number)"
    r"|[Pp]lan\s?(?:ID|#|no\.?|number)|Medicare(?:\s+(?:ID|#|no\.?|number))?"
    r"|Medicaid(?:\s+(?:ID|#|no\.?|number))?|MBI|HICN|[Hh]ealth\s+plan(?:\s+(?:ID|#|number))?",
    scan_first=True,
)
_ACCOUNT = _cue_id(
    r"[Aa]ccount|ACCOUNT|[Aa]cct\.?|A/C|[Bb]illing\s+(?:#|no\.?|number|ID)"
    r"|[Ii]nvoice\s+(?:#|no\.?|number)|[Cc]laim\s+(?:#|no\.?|number|ID)",
    scan_first=True,
)
_VEHICLE = _c(
    r"\b(?:(?:(?i:license|licence|number|registration)\s+)?(?i:plates?)(?:\s+(?i:number|no\.?|#))?"
    r"|VIN|(?i:vehicle\s+(?:ID|identification)(?:\s+number)?|tag\s+(?:number|no\.?|#)))"
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
    r"|[Pp]assport(?:\s+(?:number|no\.?|#))?|DL\s?#",
    scan_first=True,
)
_DEVICE = _cue_id(
    r"[Ss]erial(?:\s+(?:number|no\.?|#|num))?|S/N|SN\s?[:#]|SN(?=\s+[A-Z0-9]*\d)|[Dd]evice\s+(?:ID|#)"
    r"|UDI|[Ll]ot\s+(?:number|no\.?|#)|IMEI|MAC\s+address",
    scan_first=True,
)
_OTHER_ID = _cue_id(
    r"(?:[Pp]atient|[Pp]t\.?|[Ss]tudy|[Ss]ubject|[Pp]articipant|[Tt]rial|[Rr]ecord|[Ee]ncounter"
    r"|[Vv]isit|[Ss]pecimen|[Ss]ample|[Rr]equisition|[Oo]rder|[Rr]egistry|[Ee]nrol?ment"
    r"|[Ee]mployee|[Ss]tudent|[Mm]ilitary)\s?(?:ID|I\.D\.|#|number|no\.?|code)",
    scan_first=True,
)
# "Case #40213-KM" is an identifier; "Case 12" or "Case #12" is teaching-file numbering.
_CASE_ID = _c(
    r"\b[Cc]ase\s*(?:#|no\.?|number|ID)\s*:?\s*"
    r"(?P<v>(?=[A-Za-z0-9-]*\d)(?:\d{4,}|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+|[A-Za-z]+\d{3,}\w*))"
)
_INITIALS = _c(
    r"\b(?:[Pp]t|[Pp]atient|PT|[Ii]nitials|[Ii]nitialed)\.?,?\s*(?:initials\s*)?:?\s*"
    r"(?P<v>[A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?|[A-Z]\.[A-Z]\b)"
    r"|\b[Ii]nitials\s*:?\s*(?P<w>[A-Z]{2,3})\b"
)

_DATE_NUM_YEAR = _c(
    r"(?<![\w/.-])(?P<a>\d{1,2})(?P<s>[/.-])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})(?![\w/]|[.-]\d)"
)
_DATE_ISO = _c(r"(?<![\w/.-])(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\w-])")
_DATE_MD = _c(r"(?<![\w/.:-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/]|\.\d|:\d)")
_DATE_CUE_BEFORE = _c(
    r"\b(?:on|from|dated|since|DOB|D\.O\.B\.?|born|date|seen|admitted|discharged|scanned|imaged"
    r"|until|by|before|after|exam|study|visit|of)\W{0,3}$",
    re.IGNORECASE,
    scan_first=True,
)
_DATE_MONTH_DAY = _c(
    rf"\b{_MONTHS}\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:%|mm|cm|kg|mg|patients|cases))"
    rf"(?:,?\s+(?:19|20)\d{{2}}\b)?",
    scan_first=True,
)
_DATE_DAY_MONTH = _c(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b\.?(?:,?\s+(?:19|20)\d{{2}}\b)?"
)
_DATE_MONTH_ONLY = _c(
    rf"\b(?:in|since|during|on|last|this|early|late|mid-?|until|of)\s+"
    rf"(?:(?:{_MONTHS_FULL.replace('May|', '')})(?:\s+(?:19|20)\d{{2}})?|May\s+(?:19|20)\d{{2}})\b"
)
_DATE_EVENT = _c(
    r"\b(?:admitted|discharged|diagnosed|born|died|passed\s+away|scanned|imaged|operated|surgery"
    r"|presented|seen|delivered|injured|accident|biopsied|transplant(?:ed)?|DOB)\b",
    re.IGNORECASE,
    scan_first=True,
)
_HOLIDAY = _c(
    r"\b(?:on\s+|over\s+)?(?:Christmas(?:\s+(?:Eve|Day))?|New\s+Year'?s(?:\s+(?:Eve|Day))?"
    r"|Thanksgiving|Halloween|Easter(?:\s+Sunday)?|Fourth\s+of\s+July|July\s+4th"
    r"|Valentine'?s\s+Day|Labor\s+Day|Memorial\s+Day|Independence\s+Day)\b",
    scan_first=True,
)

_AGE = _c(
    r"\b(?P<n>9\d|1[01]\d)(?:\s?-\s?|\s)?(?:years?|yrs?|yr)[\s-]?old\b"
    r"|\b(?P<n2>9\d|1[01]\d)\s?(?:yo|y/o|y\.o\.?|yr?s?/o)(?![A-Za-z])"
    r"|\b(?P<n3>9\d|1[01]\d)\s?(?:[MF]|yo[MF]|y[MF])\b(?!\s*(?:degrees|°))"
    r"|\b(?:[Aa]ged?|AGE|[Aa]ge\s+of|[Aa]ge:)\s*:?\s*(?P<n4>9\d|1[01]\d)\b"
    r"(?!\s*(?:%|mm|cm|min|days|weeks|months|percent|mSv|°))"
    r"|\b(?P<n5>9\d|1[01]\d)(?:st|nd|rd|th)\s+birthday\b"
    r"|\bturned\s+(?P<n6>9\d|1[01]\d)\b"
)
_TEMP_BEFORE = _c(r"(?:temp\w*|fever|febrile|T(?:max)?|°)\W{0,3}(?:of\s+)?$", re.IGNORECASE)

_HONORIFIC_NAME = _c(
    rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Mstr)\.?\s+(?:(?:and|&)\s+(?:Mr|Mrs|Ms)\.?\s+)?(?P<v>{_NAME})",
    scan_first=True,
)
_LABEL_NAME = _c(
    rf"(?:\b(?:[Pp]atient(?:'s)?|[Pp]t\.?|PATIENT)\s+[Nn]ame|\b[Nn]ame|NAME|\b[Nn]amed|\b[Cc]alled)"
    rf"(?:\s+(?:is|was))?\s*[:=-]?\s*(?P<v>{_NAME})",
    scan_first=True,
)
_PATIENT_NAME = _c(rf"\b(?:[Pp]atient|[Pp]t\.?|PT)(?:[,:]\s*|\s+)(?P<v>{_NAME})", scan_first=True)
_RELATIVE_NAME = _c(
    r"\b(?:son|daughter|wife|husband|mother|father|mom|mum|dad|sister|brother|nephew|niece"
    r"|grandson|granddaughter|grandmother|grandfather|grandma|grandpa|partner|fianc[ée]e?"
    r"|aunt|uncle|cousin|caregiver|widow|widower)(?:'s)?,?\s+(?:named\s+)?"
    rf"(?P<v>{_NAME})",
    scan_first=True,
)
_FAMILY_NAME = _c(
    r"\b(?:the|The)\s+(?P<v>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+(?:family|household|twins|kids)\b"
    rf"|\b(?:family|relatives|parents|widow|estate)\s+of\s+(?:the\s+late\s+)?(?P<w>{_NAME})"
)
_FULL_NAME = _c(r"\b(?P<v>[A-Z][a-z]+)\s+(?P<l>[A-Z][a-z]+(?:['-][A-Z]?[a-z]+)?)\b")
_TITLE_BEFORE = _c(
    r"(?:\b(?:Dr|Drs|Prof|Professor|Doctor|Dean|Chair|Sir|Dame|St|Saint)\.?|@|\bet\s+al\.?|\bby)"
    r"\s*$",
    scan_first=True,
)
_CREDENTIAL_AFTER = _c(r"^(?:,?\s*(?:MD|DO|PhD|MBBS|FRCR|FACR|RT|RN|PA|NP|MSc|et\s+al))\b")

_ADDRESS = _c(
    r"\b\d{1,5}\s+(?:[NSEW]\.?\s+|(?:North|South|East|West)\s+)?(?:[A-Z][a-z]+\.?\s+){1,3}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl"
    r"|Terrace|Ter|Circle|Cir|Highway|Hwy|Parkway|Pkwy|Square|Sq|Trail|Trl|Crescent|Close|Row"
    r"|Alley|Pike|Loop|Run|Gardens|Mews)\b\.?"
    r"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|Flat|#)\.?\s*#?[A-Za-z0-9-]+)?"
    r"(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?![a-z]))?"
    r"|\b(?:P\.?\s?O\.?\s+Box|Post\s+Office\s+Box)\s+\d+"
)
_ZIP_CUE = _c(
    r"\b(?:zip|ZIP|Zip|postal|post)(?:\s*code)?\s*(?:is|was|:|#)?\s*(?P<v>\d{5}(?:-\d{4})?)\b",
    scan_first=True,
)
_ZIP_STATE = _c(rf"\b(?:{'|'.join(_STATE_ABBR)})\s+(?P<v>\d{{5}}(?:-\d{{4}})?)\b", scan_first=True)
_ZIP_FROM = _c(r"\b(?:from|in|lives\s+in|area)\s+(?P<v>\d{5}(?:-\d{4})?)\b(?!\s*[A-Za-z%,.]\w)")

_PLACE = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}"
_GEO_UNIT = _c(
    r"\b(?:[Bb]ed|[Bb]ay|[Rr]oom|[Rr]m\.?|[Cc]ubicle|[Ss]ide\s+room|[Tt]rauma\s+bay|[Ss]tall)\s*#?\s*"
    r"\d{1,4}[A-Za-z]?\b(?:\s*(?:in|on|of)\s+(?:the\s+)?(?:ICU|NICU|PICU|CCU|ED|ER|MICU|SICU"
    r"|[Ww]ard\s+\w+))?"
    r"|\b[Ww]ard\s+(?=\w*\d|[A-Z]\b)[A-Za-z0-9]+(?:\s+(?:East|West|North|South))?"
    r"(?:,?\s+(?:[Bb]ed|[Bb]ay|[Rr]oom)\s*#?\s*\d{1,4}[A-Za-z]?)?"
    r"|\b(?:[Rr]oom|[Rr]m\.?)\s*\d{1,4}[A-Za-z]?,?\s+[Ww]ard\s+[A-Za-z0-9]+"
)
_GEO_ROOM_VETO = _c(
    r"(?:conference|lecture|meeting|reading|class|seminar|break|board|hall|scanner|CT|MRI|MR|"
    r"control|server|call)\s*$",
    re.IGNORECASE,
)
_GEO_UNIT_WORD = r"(?:County|Township|Parish|Borough|Village|Shire|District|Hamlet|Valley|Springs)"
_GEO_NAMED = _c(
    rf"\b(?P<v>{_PLACE}\s+{_GEO_UNIT_WORD})\b(?!\s+(?:Hospital|Medical|Health|General|Regional"
    r"|Society|Fair|Council|Court|Schools?|Community\s+College|Clinic|Imaging|Radiology))"
    rf"|\b(?:[Tt]own|[Vv]illage|[Cc]ity|[Hh]amlet|[Cc]ommunity|[Cc]ounty)\s+(?:of|called|named)\s+"
    rf"(?P<w>{_PLACE})"
    rf"|\b(?:tiny|small|little|rural|remote)\s+(?:town\s+(?:of\s+)?|village\s+(?:of\s+)?"
    rf"|hospital\s+in\s+|clinic\s+in\s+|community\s+(?:of\s+|in\s+)?)?(?P<x>{_PLACE})"
    rf"|\b(?P<y>{_PLACE}),\s+(?:pop\.?|population)\s*\d"
)
_GEO_FROM = _c(
    rf"\b(?:from|in|of|near|outside)\s+(?:the\s+)?(?:(?:tiny|small|little|rural)\s+)?"
    rf"(?P<v>{_PLACE})"
)
_GEO_LIVES = _c(
    rf"\b(?:lives?\s+in|living\s+in|resident\s+of|native\s+of|hometown\s+(?:of|is)|grew\s+up\s+in"
    rf"|moved\s+here\s+from|home\s+in)\s+(?:the\s+)?(?P<v>{_PLACE})"
    rf"|\b(?P<w>{_PLACE})\s+(?:resident|native|local)s?\b"
)
_GEO_CITY_STATE = _c(rf"\b(?P<v>{_PLACE}),\s+(?:{'|'.join(_STATE_ABBR)})\b")
_NOT_PLACES = {
    w.lower()
    for w in _words(
        "The A An Our My His Her Their This That Radiology Imaging Hospital Clinic Medical "
        "University College School Department Center Centre General Memorial Regional Health "
        "Mercy Lakeside Riverside Chest Neuro Body Breast Case Cases Figure Fig Table Monday "
        "Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
        "July August September October November December Twitter Instagram Facebook LinkedIn "
        "Bluesky Mastodon TikTok Reddit YouTube PubMed Google Epic Medicare Medicaid Emergency "
        "Trauma Surgery Oncology Cardiology Pediatrics Neurology Urology Orthopedics Residency "
        "Fellowship Grand Rounds Boston Criteria Fleischner Hounsfield Chiari Baker Salter Harris "
        "Monteggia Galeazzi Bosniak Fisher Hunt Hess Segond Hampton Westermark Kerley Graf Genant "
        "Suzuki Wilms Klippel Trenaunay Erdheim Chester Krukenberg Pancoast Boerhaave Marfan "
        "Crawford Moyamoya Le Fort Pipeline Watchman Azure Medtronic Scientific"
    )
}

_BIOMETRIC = _c(
    r"\b(?:finger\s?prints?|thumb\s?prints?|voice\s?prints?|palm\s?prints?|palm[- ]vein\s+scans?"
    r"|retina(?:l)?\s+scans?|iris\s+scans?|face\s?prints?|facial\s+(?:recognition|geometry)"
    r"\s+(?:data|template|scan|match)|voice\s+(?:recording|sample)s?|DNA\s+(?:profile|sample)s?"
    r"|biometric\s+(?:data|template|scan|ID|identifiers?)s?)(?:\s+scans?)?\b",
    re.IGNORECASE,
)
_PHOTO = _c(
    r"\b(?:full[- ]face\s+)?(?:photo(?:graph)?s?|pictures?|pics?|selfies?|videos?|snapshots?"
    r"|head\s?shots?|portraits?)\s+(?:of|with|showing)\s+(?:the\s+|this\s+|my\s+|our\s+|a\s+"
    r"|her\s+|his\s+)?(?:patient|pt)(?:'s\s+(?:face|head))?\b"
    r"|\b(?:photo(?:graph)?s?|pictures?|pics?|videos?|selfies?)\s+of\s+(?:the\s+|this\s+)?"
    r"(?:patient's\s+|his\s+|her\s+|their\s+)?face\b"
    r"|\bfull[- ]face\s+(?:photo(?:graph)?s?|pictures?|pics?|images?|shots?|views?)\b"
    r"|\b(?:3-?D|three[- ]dimensional|VR|volume|surface|cinematic)\s+(?:face|facial|head)\s+"
    r"(?:render(?:ing|ed|s)?|reconstructions?|recons?|models?|surfaces?)\b"
    r"|\b(?:(?:3-?D|three[- ]dimensional|VR|cinematic|surface)\s+(?:volume[- ])?|volume[- ])"
    r"(?:render(?:ing|ed|s)?|reconstructions?|recons?|images?|models?)\s+of\s+"
    r"(?:the\s+|his\s+|her\s+|their\s+|this\s+patient's\s+|a\s+)?(?:skull\s+and\s+)?"
    r"(?:head|face|scalp)\b(?!\s+(?:and\s+neck\s+)?(?:bones?|fractures?|arteries|vessels|CTA))"
    r"|\b(?:patient's|pt's)\s+face\s+(?:is|was)\s+(?:visible|shown|recognisable|recognizable)",
    re.IGNORECASE,
)

_RECENT = _c(
    r"\b(?:(?:earlier|later|late)\s+)?(?:yesterday(?:'s)?|today(?:'s)?|tonight(?:'s)?"
    r"|this\s+(?:morning|afternoon|evening|week|weekend)(?:'s)?"
    r"|last\s+(?:night|week|weekend|month|shift|call)(?:'s)?|overnight"
    r"|(?:a\s+few|an|one|two|three|four|five|six|several|\d{1,2})\s+(?:hours?|hrs?|days?)\s+ago"
    r"|just\s+now|minutes\s+ago)"
    r"(?:\s+(?:call|shift|list|case|scan|in\s+the\s+(?:ED|ER|ICU)|on\s+call|stroke\s+alert"
    r"|trauma))?\b",
    re.IGNORECASE,
    scan_first=True,
)
_RECENT_SELF = _c(
    r"\b(?:last\s+night's|tonight's|yesterday's|today's|this\s+morning's|overnight)\s+"
    r"(?:call|shift|stroke\s+alert|trauma|code|case|list)\b"
    rf"|\b{_WEEKDAYS}(?:'s)?\s+(?:night\s+|overnight\s+|evening\s+|late\s+)?(?:shift|call|overnight)\b",
    re.IGNORECASE,
)
_WEEKDAY_CASE = _c(rf"\b(?:on|last|this\s+past)\s+{_WEEKDAYS}(?:\s+(?:night|morning|evening))?\b")
_PUBLIC_ROLE = _c(
    r"\b(?:(?:the|our|a|your|my|this)\s+)(?:(?:local|town|city|county|state|former|beloved|famous"
    r"|well-known|high\s+school|elementary\s+school|middle\s+school|church|hospital's)\s+)*"
    r"(?:(?:football|basketball|soccer|baseball|hockey)\s+)?"
    r"(?:mayor|senator|governor|congress(?:man|woman)|council(?:man|woman|lor)"
    r"|sheriff|police\s+chief|fire\s+chief|judge|pastor|priest|rabbi|imam|bishop|principal"
    r"|superintendent|coach|news\s+anchor|anchor(?:man|woman)?|weather(?:man|woman)|TV\s+host"
    r"|radio\s+host|celebrity|actor|actress|singer|rapper|influencer|quarterback|CEO|CFO"
    r"|president|prime\s+minister|athlete|footballer|Olympian|star)(?:'s(?:\s+(?:wife|husband"
    r"|son|daughter|mother|father|kid|child))?)?\b"
    r"|\bOlympic\s+[a-z]+(?:er|ist|or|ian)\b|\b(?:NFL|NBA|MLB|NHL|MLS|WNBA|Premier\s+League"
    r"|pro|professional)\s+(?:player|athlete|quarterback|pitcher|star)\b",
    re.IGNORECASE,
)
_PUBLIC_VETO = _c(
    r"(?:ACR|RSNA|ESR|ARRS|SIIM|ASNR|SNMMI|AAPM|society|college|association|department|program"
    r"|residency|board|our\s+new|vice)\W*$",
    re.IGNORECASE,
)
_UNIQUE = _c(
    r"\b(?:the\s+)?only\s+(?:one|patient|case|person|kid|child|man|woman|one\s+like\s+it)\s+"
    r"(?:in|of)\s+(?:the\s+|our\s+|this\s+)?(?:state|country|world|region|county|city|town"
    r"|hospital|nation|area|province)\b"
    r"|\bone\s+of\s+(?:only\s+)?(?:\d+|two|three|four|five|a\s+handful\s+of|a\s+few)\s+"
    r"(?:known\s+)?(?:patients|people|cases)\s+(?:in|worldwide|ever)\b"
    r"|\bfirst\s+(?:ever\s+)?(?:case|patient|one|such\s+case)\s+(?:in|of)\s+(?:the\s+)?"
    r"(?:state|country|world|nation|region)\b"
    r"|\b(?:all\s+over|on|in|made)\s+(?:the\s+)?(?:local\s+|evening\s+|national\s+|front\s+page"
    r"\s+of\s+the\s+)?(?:news|headlines|papers?|newspapers?|TV)\b(?:\s+already)?"
    r"|\b(?:the\s+)?(?:local\s+)?(?:paper|news(?:paper)?|TV\s+station|press|media)\s+"
    r"(?:already\s+)?(?:covered|reported(?:\s+on)?|ran)\s+(?:the\s+|her\s+|his\s+|their\s+|this\s+)"
    r"?(?:injury|accident|crash|story|case|shooting|fall|fire)\b"
    r"|\bwent\s+viral\b",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------------------------
# Engine
# --------------------------------------------------------------------------------------------

_ABBREV = frozenset(
    _words("dr mr mrs ms vs st fig no drs prof etc approx e.g i.e al jr sr pt acc ext")
)
_SENT_END = _c(r"[.!?]+(?=\s|$)|\n")
_WORD_BEFORE = _c(r"([A-Za-z.]+)$")


class _Doc:
    """The text plus lazily computed sentence boundaries, shared by all rules in one check."""

    __slots__ = ("text", "_bounds", "_cache")

    def __init__(self, text: str) -> None:
        self.text = text
        self._bounds: list[int] | None = None
        self._cache: dict[tuple[int, str], bool] = {}

    def _compute(self) -> list[int]:
        bounds = [0]
        text = self.text
        for m in _SENT_END.finditer(text):
            if m.group() != "\n" and m.group() == ".":
                w = _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start())
                if w and w.group(1).lower().rstrip(".") in _ABBREV:
                    continue
                # A lone capital initial ("J.") does not end a sentence either.
                if w and len(w.group(1)) == 1 and w.group(1).isupper():
                    continue
            bounds.append(m.end())
        bounds.append(len(text) + 1)
        return bounds

    def sentence(self, pos: int) -> tuple[int, int]:
        """Start and end of the sentence containing pos."""
        if self._bounds is None:
            self._bounds = self._compute()
        i = bisect.bisect_right(self._bounds, pos) - 1
        return self._bounds[i], min(self._bounds[i + 1], len(self.text))

    def has(self, pos: int, pattern: Any, key: str) -> bool:
        """Whether the sentence around pos matches pattern (cached per sentence)."""
        s, e = self.sentence(pos)
        k = (s, key)
        hit = self._cache.get(k)
        if hit is None:
            hit = pattern.search(self.text, s, e) is not None
            self._cache[k] = hit
        return hit

    def clinical(self, pos: int) -> bool:
        """A real patient encounter, not a lecture, paper or meeting."""
        return self.has(pos, _CLINICAL_CUE, "clin") and not self.has(pos, _EVENT_CUE, "event")

    def clinical_near(self, pos: int) -> bool:
        """This sentence is clinical, or it is about a person right after a clinical one."""
        if self.clinical(pos):
            return True
        start = self.sentence(pos)[0]
        return start > 0 and self.person(pos) and self.clinical(start - 1)

    def person(self, pos: int) -> bool:
        return self.has(pos, _PERSON_CUE, "person")


_Cand = tuple[int, int, str]


def _span(m: re.Match[str], *groups: str) -> tuple[int, int]:
    for g in groups:
        if m.group(g) is not None:
            return m.span(g)
    return m.span()


def _trim_url(s: int, e: int, text: str) -> tuple[int, int]:
    while e > s and text[e - 1] in ".,;:!?)'\"":
        e -= 1
    return s, e


def _url_is_safe(url: str) -> bool:
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE)
    host = host.split("/", 1)[0].split("?", 1)[0].lower()
    return any(host == d or host.endswith("." + d) for d in _SAFE_DOMAINS)


def _valid_date(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def _phone_or_fax(doc: _Doc, pos: int) -> str:
    """A number is a fax if the nearest preceding cue in its sentence says fax."""
    s = max(doc.sentence(pos)[0], pos - 80)
    last_fax = max((m.end() for m in _FAX_CUE.finditer(doc.text, s, pos)), default=-1)
    last_phone = max((m.end() for m in _PHONE_WORD.finditer(doc.text, s, pos)), default=-1)
    return "fax" if last_fax > last_phone else "phone"


def _ids(doc: _Doc) -> Iterator[_Cand]:
    text = doc.text
    for m in _EMAIL.finditer(text):
        yield m.start(), m.end(), "email"
    for m in _URL.finditer(text):
        s, e = _trim_url(m.start(), m.end(), text)
        if "@" in text[max(0, s - 1) : s] or not _url_is_safe(text[s:e]):
            # Bare "name.com" inside an email address is handled by the email rule.
            if s > 0 and text[s - 1] == "@":
                continue
            if not _url_is_safe(text[s:e]):
                yield s, e, "url"
    for m in _IP.finditer(text):
        if not _VERSION_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            yield m.start(), m.end(), "ip"
    for m in _SSN.finditer(text):
        yield m.start(), m.end(), "ssn"
    for m in _SSN_CUE.finditer(text):
        yield *m.span("v"), "ssn"
    for m in _PHONE.finditer(text):
        yield m.start(), m.end(), _phone_or_fax(doc, m.start())
    for m in _PHONE7.finditer(text):
        yield *m.span("v"), _phone_or_fax(doc, m.start("v"))
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
                yield *m.span("v"), cat
    for m in _VIN.finditer(text):
        yield m.start(), m.end(), "vehicle"
    for m in _INITIALS.finditer(text):
        yield *_span(m, "v", "w"), "other_id"


def _dates(doc: _Doc) -> Iterator[_Cand]:
    text = doc.text
    for m in _DATE_NUM_YEAR.finditer(text):
        a, b, y = int(m["a"]), int(m["b"]), m["y"]
        if m["s"] != "/" and len(y) == 2:
            continue
        if _valid_date(a, b) or _valid_date(b, a):
            yield m.start(), m.end(), "date"
    for m in _DATE_ISO.finditer(text):
        yield m.start(), m.end(), "date"
    for m in _DATE_MD.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        if not (_valid_date(a, b) or _valid_date(b, a)) or (a, b) == (24, 7):
            continue
        cue = _DATE_CUE_BEFORE.search(text, max(0, m.start() - 14), m.start())
        # "1/5", "3/4", "10/10": fractions, scores and thread numbering unless a date cue precedes.
        if a <= b and b <= 12 and not cue:
            continue
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if re.search(r"(?:thread|score|grade|ratio|gcs|apgar|strength|power|rate)\W*$", before):
            continue
        yield m.start(), m.end(), "date"
    for pattern in (_DATE_MONTH_DAY, _DATE_DAY_MONTH):
        for m in pattern.finditer(text):
            if not 1 <= int(m["d"]) <= 31:
                continue
            if doc.has(m.start(), _EVENT_CUE, "event") and not doc.has(
                m.start(), _DATE_EVENT, "devent"
            ):
                continue
            yield m.start(), m.end(), "date"
    for pattern in (_DATE_MONTH_ONLY, _HOLIDAY):
        for m in pattern.finditer(text):
            if doc.has(m.start(), _DATE_EVENT, "devent") or (
                pattern is _HOLIDAY and doc.clinical(m.start())
            ):
                yield m.start(), m.end(), "date"


def _ages(doc: _Doc) -> Iterator[_Cand]:
    text = doc.text
    for m in _AGE.finditer(text):
        if m["n3"] is not None and _TEMP_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        yield m.start(), m.end(), "age_over_89"


def _name_ok(name: str) -> bool:
    words = [w.rstrip(".") for w in name.split()]
    if not words or words[0].lower() in _NOT_NAMES:
        return False
    if all(len(w) <= 1 for w in words):
        return False
    return not any(w.lower() in _NOT_NAMES for w in words if len(w) > 1)


def _strip_possessive(s: int, e: int, text: str) -> tuple[int, int]:
    if text[e - 2 : e] in ("'s", "\u2019s"):
        e -= 2
    return s, e


def _trim_name(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop trailing non-name words ("Finch Presented") and a possessive "'s"."""
    words = text[s:e].split()
    while words and words[-1].lower() in _NOT_NAMES:
        words.pop()
    if not words:
        return s, s
    e = s + text[s:e].rfind(words[-1]) + len(words[-1])
    return _strip_possessive(s, e, text)


def _names(doc: _Doc) -> Iterator[_Cand]:
    text = doc.text
    for pattern in (_HONORIFIC_NAME, _LABEL_NAME, _PATIENT_NAME, _RELATIVE_NAME):
        for m in pattern.finditer(text):
            s, e = _trim_name(text, *m.span("v"))
            name = text[s:e]
            if not name or (pattern is not _HONORIFIC_NAME and not _name_ok(name)):
                continue
            # "named"/"called" also precede eponyms and signs: require a known given name.
            weak = pattern is _LABEL_NAME and m.group()[:5].lower() in ("named", "calle")
            if weak and name.split()[0].lower() not in _FIRST_NAMES:
                continue
            yield s, e, "name"
    for m in _FAMILY_NAME.finditer(text):
        s, e = _span(m, "v", "w")
        if _name_ok(text[s:e]):
            yield s, e, "name"
    for m in _FULL_NAME.finditer(text):
        # A bare "Given Surname" counts only in a sentence that is clearly about a patient.
        if m["v"].lower() not in _FIRST_NAMES or m["l"].lower() in _NOT_NAMES:
            continue
        if _TITLE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        if _CREDENTIAL_AFTER.match(text[m.end() : m.end() + 12]):
            continue
        if doc.has(m.start(), _PATIENT_CUE, "patient"):
            yield m.start(), m.end(), "name"


def _place_ok(place: str) -> bool:
    p = place.lower()
    if p in _US_STATES or p in _COUNTRIES:
        return False
    return p.split()[0] not in _NOT_PLACES and p.split()[-1] not in _NOT_PLACES


def _geo(doc: _Doc) -> Iterator[_Cand]:
    text = doc.text
    for m in _ADDRESS.finditer(text):
        yield m.start(), m.end(), "address"
    for pattern in (_ZIP_CUE, _ZIP_STATE):
        for m in pattern.finditer(text):
            yield *m.span("v"), "zip"
    for m in _ZIP_FROM.finditer(text):
        if doc.person(m.start()):
            yield *m.span("v"), "zip"
    for m in _GEO_UNIT.finditer(text):
        if _GEO_ROOM_VETO.search(text, max(0, m.start() - 15), m.start()):
            continue
        if m.group()[:1] in "Rr" and not doc.person(m.start()):
            continue  # "room 3 has the 3T magnet" is about the department, not a patient
        yield m.start(), m.end(), "geo_small"
    for m in _GEO_NAMED.finditer(text):
        s, e = _span(m, "v", "w", "x", "y")
        if _place_ok(text[s:e]) and doc.person(s):
            yield s, e, "geo_small"
    for m in _GEO_LIVES.finditer(text):
        s, e = _span(m, "v", "w")
        if _place_ok(text[s:e]):
            yield s, e, "geo_small"
    for m in _GEO_FROM.finditer(text):
        s, e = m.span("v")
        place = text[s:e]
        if not _place_ok(place) or place.split()[0].lower() in _FIRST_NAMES:
            continue
        # Only "a patient/man/farmer ... from X" ties a place to a person.
        before = text[max(0, m.start() - 60) : m.start()]
        if m.group().split()[0].lower() == "from" and re.search(
            r"\b(?:patients?|pts?|man|woman|boy|girl|lady|gentleman|guy|kid|child|infant|baby"
            r"|toddler|teen(?:ager)?|farmer|teacher|worker|miner|fisherman|student|athlete"
            r"|retiree|veteran|gymnast|runner|player|\d{1,3}\s?(?:yo|y/o|[MF])|year-old|"
            r"age\s+\d+|brought\s+(?:him|her|them)(?:\s+in)?|transferred|airlifted)\b[^.!?\n]*$",
            before,
            re.IGNORECASE,
        ):
            yield s, e, "geo_small"
    for m in _GEO_CITY_STATE.finditer(text):
        s, e = m.span("v")
        if _place_ok(text[s:e]) and doc.person(s) and doc.clinical(s):
            yield s, e, "geo_small"


def _misc(doc: _Doc) -> Iterator[_Cand]:
    text = doc.text
    for m in _BIOMETRIC.finditer(text):
        if doc.person(m.start()):
            yield m.start(), m.end(), "biometric"
    for m in _PHOTO.finditer(text):
        yield m.start(), m.end(), "photo"


def _context(doc: _Doc) -> Iterator[_Cand]:
    text = doc.text
    for m in _RECENT_SELF.finditer(text):
        yield m.start(), m.end(), "context"
    for m in _RECENT.finditer(text):
        if doc.clinical_near(m.start()):
            yield m.start(), m.end(), "context"
    for m in _WEEKDAY_CASE.finditer(text):
        if doc.clinical(m.start()) and doc.has(m.start(), _DATE_EVENT, "devent"):
            yield m.start(), m.end(), "context"
    for m in _PUBLIC_ROLE.finditer(text):
        if _PUBLIC_VETO.search(text, max(0, m.start() - 25), m.start()):
            continue
        if doc.clinical(m.start()) or doc.person(m.start()):
            s, e = m.span()
            yield s, e, "context"
    for m in _UNIQUE.finditer(text):
        if doc.person(m.start()) or doc.clinical(m.start()):
            yield m.start(), m.end(), "context"


_RULES: tuple[Callable[[_Doc], Iterator[_Cand]], ...] = (
    _ids,
    _dates,
    _ages,
    _names,
    _geo,
    _misc,
    _context,
)


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Keep the most specific candidate where spans overlap; merge touching context spans."""
    order = sorted(set(cands), key=lambda c: (_PRIORITY[c[2]], -(c[1] - c[0]), c[0]))
    kept: list[_Cand] = []
    starts: list[int] = []
    for s, e, cat in order:
        i = bisect.bisect_left(starts, s)
        if i > 0 and kept[i - 1][1] > s:
            continue
        if i < len(kept) and kept[i][0] < e:
            continue
        kept.insert(i, (s, e, cat))
        starts.insert(i, s)
    return kept


def _merge_context(cands: list[_Cand], text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for c in cands:
        if (
            out
            and c[2] == "context"
            and out[-1][2] == "context"
            and not text[out[-1][1] : c[0]].strip()
        ):
            out[-1] = (out[-1][0], c[1], "context")
        else:
            out.append(c)
    return out


def _is_author(name: str, authors: list[set[str]]) -> bool:
    words = {w.lower().strip(".'") for w in name.split()}
    return any(words <= a for a in authors)


def check(text: str, *, author_names: Iterable[str] = ()) -> list[Finding]:
    """Sorted by start; no overlapping duplicates. author_names = the user's own name(s): not
    flagged as a patient name, so a post about one's own career stays clean."""
    if not text:
        return []
    doc = _Doc(text)
    cands: list[_Cand] = []
    for rule in _RULES:
        cands.extend(c for c in rule(doc) if c[1] > c[0])
    authors = [{w.lower().strip(".'") for w in a.split()} for a in author_names if a.strip()]
    if authors:
        cands = [c for c in cands if c[2] != "name" or not _is_author(text[c[0] : c[1]], authors)]
    kept = _merge_context(_resolve(cands), text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    findings = []
    for s, e, cat in kept:
        li = bisect.bisect_right(line_starts, s) - 1
        message, fix = _ADVICE[cat]
        findings.append(
            Finding(s, e, li + 1, s - line_starts[li] + 1, cat, text[s:e], message, fix)
        )
    return findings


def report_json(findings: list[Finding]) -> str:
    """Machine-readable report for the CLI (`--json`) and editor integrations."""
    return json.dumps({"findings": [f.to_dict() for f in findings]}, indent=2, ensure_ascii=False)


def report_text(findings: list[Finding], source: str = "<stdin>") -> str:
    """Compiler-style report so editors can jump to each finding."""
    blocks = [
        f"{source}:{f.line}:{f.column}: {f.category}: {f.text!r}\n    why: {f.message}\n"
        f"    fix: {f.fix}"
        for f in findings
    ]
    n = len(findings)
    if n == 0:
        summary = "No patient identifiers found."
    else:
        summary = f"{n} possible identifier{'s' if n != 1 else ''} found."
    return "\n".join([*blocks, summary])
