"""National health, social-security and hospital numbers of the UK, Ireland, Australia and
Canada, and their postcodes: each written from its published specification.

- **NHS number** (England, Wales, Isle of Man; NHS Data Dictionary, "NHS Number"): 10 digits,
  shown 3-3-4; the tenth is a modulus 11 check digit (the first nine weighted 10 down to 2,
  11 minus the remainder; 11 means 0, 10 means the number is invalid). **Northern Ireland's
  H&C number** uses the same check. **Scotland's CHI number** (NHS Scotland, "CHI Number"):
  the date of birth as DDMMYY, two digits, a sex digit and the same modulus 11 check digit.
- **Irish IHI** (HSE eHealth Ireland, IHI technical FAQ; HL7 IE Core "IHI" profile): 18
  digits, a 7-digit GS1 GSRN prefix, a 10-digit core number with a modulus 11 check digit
  (positions 8 to 17), and a GS1 check digit at the end.
- **Australian Medicare card number** (Services Australia, Medicare card number check digit):
  10 digits shown 4-5-1 (and an optional individual reference number); the first is 2 to 6 and
  the ninth is (d1 + 3 d2 + 7 d3 + 9 d4 + d5 + 3 d6 + 7 d7 + 9 d8) mod 10. **Australian IHI**
  (Healthcare Identifiers Service): 16 digits starting 800360, Luhn check digit.
- **Canadian provincial health card numbers**: Ontario's OHIP health number (10 digits, a Luhn
  (mod 10) check digit, and a one- or two-letter version code), British Columbia's PHN (10
  digits starting with 9, modulus 11 check digit with weights 2 4 8 5 10 9 7 3), Quebec's
  RAMQ number (four letters and eight digits); other provinces' numbers by their cue words.
- **New Zealand NHI** (HISO 10046): three letters (no I or O), three digits and a modulus 11
  check digit (the newer format, three letters, two digits, two letters, by its cue only);
  Australian DVA file numbers, Irish medical card numbers, Nova Scotia MSI and other health
  service numbers by their cue words.
- **Social-security numbers** (`ssn`): the UK National Insurance number (HMRC National
  Insurance Manual NIM39110: two prefix letters, neither D F I Q U V, the second not O, and not
  BG GB KN NK NT TN ZZ; six digits; a suffix A to D) and the Irish PPS number (seven digits and
  a check letter, modulus 23 with weights 8 down to 2 and 9 for a second letter).
- **Postcodes** (`zip`, when tied to a patient): UK postcodes (Royal Mail's format, as the
  GOV.UK bulk data transfer standard gives it: an outward code A9, A99, AA9, AA99, A9A or AA9A,
  a space, and an inward code of a digit and two letters, never C I K M O V), Canadian postal
  codes (Canada Post: A9A 9A9, no D F I O Q U, no W or Z first) and Irish Eircodes (a routing key
  such as A65 or D6W and a four-character unique identifier).
- **Hospital numbers** (`mrn`): "hosp no", "K number", "URN", "CRN", "case note number" before
  an ID, and a short prefix of capitals with 6-8 digits ("RTH 123456", "K1234567") in a
  sentence about a patient.

A valid check digit makes a bare number *likely* where the sentence is about care; an invalid
one never hides a number with its cue word ("NHS no. 123 456 7890" is flagged whatever its
check digit), since a typo in a real number still identifies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._base import Doc, Proposal, _c, _span, _words
from .contact import _own_line, _phone_or_fax
from .registry import recognizer


def nhs_mod11_ok(digits: str) -> bool:
    """The NHS / CHI / H&C check digit: weights 10..2 over nine digits, 11 - (sum mod 11)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check of ISO/IEC 7812, as OHIP numbers and the Australian IHI use."""
    if not digits.isdigit() or len(digits) < 2:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def gs1_ok(digits: str) -> bool:
    """The GS1 check digit (weights 3 and 1 from the right, after the check digit)."""
    if not digits.isdigit() or len(digits) < 2:
        return False
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def medicare_au_ok(digits: str) -> bool:
    """An Australian Medicare card number: first digit 2-6, ninth the weighted check digit."""
    if len(digits) not in (10, 11) or not digits.isdigit() or digits[0] not in "23456":
        return False
    weights = (1, 3, 7, 9, 1, 3, 7, 9)
    total = sum(int(d) * w for d, w in zip(digits[:8], weights, strict=True))
    return total % 10 == int(digits[8])


def bc_phn_ok(digits: str) -> bool:
    """A British Columbia PHN: 10 digits starting 9, modulus 11 over digits 2-9."""
    if len(digits) != 10 or not digits.isdigit() or digits[0] != "9":
        return False
    weights = (2, 4, 8, 5, 10, 9, 7, 3)
    total = sum(int(d) * w for d, w in zip(digits[1:9], weights, strict=True))
    return 11 - total % 11 == int(digits[9])


def chi_ok(digits: str) -> bool:
    """A Scottish CHI number: DDMMYY of a real day, then the NHS modulus 11 check digit."""
    if not nhs_mod11_ok(digits):
        return False
    day, month = int(digits[:2]), int(digits[2:4])
    return 1 <= day <= 31 and 1 <= month <= 12


def ihi_ie_ok(digits: str) -> bool:
    """An Irish IHI: 18 digits, the core number (positions 8-17) modulus 11, GS1 at the end."""
    return len(digits) == 18 and nhs_mod11_ok(digits[7:17]) and gs1_ok(digits)


def ihi_au_ok(digits: str) -> bool:
    """An Australian IHI: 16 digits starting 800360, Luhn."""
    return len(digits) == 16 and digits.startswith("800360") and luhn_ok(digits)


def ppsn_ok(value: str) -> bool:
    """An Irish PPS number: seven digits, a check letter and an optional second letter."""
    m = re.fullmatch(r"(\d{7})([A-W])([A-IW]?)", value.upper())
    if not m:
        return False
    total = sum(int(d) * w for d, w in zip(m[1], range(8, 1, -1), strict=True))
    if m[3] and m[3] != "W":
        total += (ord(m[3]) - 64) * 9
    check = total % 23
    return m[2] == ("W" if check == 0 else chr(64 + check))


def nino_ok(value: str) -> bool:
    """A UK National Insurance number by HMRC's allocation rules (NIM39110)."""
    v = re.sub(r"\s", "", value.upper())
    m = re.fullmatch(r"([A-Z])([A-Z])\d{6}[A-D]", v)
    if not m:
        return False
    first, second = m[1], m[2]
    if first in "DFIQUV" or second in "DFIQUVO":
        return False
    return first + second not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ")


def nhi_ok(value: str) -> bool:
    """A New Zealand NHI number of the old format (Te Whatu Ora, HISO 10046): three letters
    (no I or O, A=1 ... Z=24), three digits and a check digit, modulus 11 with weights 7 to 2."""
    v = value.upper()
    if not re.fullmatch(r"[A-HJ-NP-Z]{3}\d{4}", v):
        return False
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    vals = [letters.index(c) + 1 for c in v[:3]] + [int(c) for c in v[3:6]]
    total = sum(x * w for x, w in zip(vals, range(7, 1, -1), strict=True))
    rem = total % 11
    if rem == 0:
        return False
    check = 11 - rem
    return (0 if check == 10 else check) == int(v[6])


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


# Cue words of national health numbers, then the value (digits in groups, a version code).
_HEALTH_CUE = (
    r"NHS|CHI|H\s?&\s?C|HCN|PHN|PHIN|OHIP|RAMQ|AHCIP|MSP|MSI|IHI|NHI|DVA|(?i:health\s?(?:card"
    r"|care\s+card|number|no\.?|#|ID)|health\s+services?\s+(?:number|no\.?|#)|care\s?card"
    r"|medical\s+card|gold\s+card|carte\s+(?:soleil|santé|d['\u2019]assurance\s+maladie)"
    r"|medicare\s+(?:card|number|no\.?|#))"
)
# between the cue and the value: number words, or a short clause ("Medicare card that expired
# and the number (112 334 556)")
_NUM_WORDS = r"(?:(?:\s*(?i:number|num|no\.?|#|card|ID|is|was|of|reads|:|=|\())*\s*|[^\n\d]{0,40}?)"
_HEALTH_VALUE = (
    r"(?P<v>[A-Z]{4}[ -]?\d{4}[ -]?\d{4}"  # RAMQ
    r"|\d{4}[ -]?\d{5}[ -]?\d(?:[ -]?\d)?"  # Australian Medicare 4-5-1(-1)
    r"|\d{4}[ -]?\d{3}[ -]?\d{3}(?:[ -]?[A-Z]{1,2}\b)?"  # OHIP 4-3-3 and a version code
    r"|\d{3}[ -]?\d{3}[ -]?\d{4}(?:[ -]?[A-Z]{1,2}\b)?"  # NHS, CHI, PHN 3-3-4
    r"|\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}(?:[ -]?\d{2})?"  # IHI (16 or 18 digits)
    r"|\d{3}[ -]?\d{3}[ -]?\d{3}"  # nine-digit provincial numbers
    r"|[A-HJ-NP-Z]{3}\d{4}|[A-HJ-NP-Z]{3}\d{2}[A-HJ-NP-Z]{2}"  # New Zealand NHI (both formats)
    r"|[A-Z]{1,3}[ ]?\d{5,7}[A-Z]?|\d{6,8}[A-Z]"  # DVA file numbers, Irish medical cards
    r"|\d{9,18})(?![\w-])"
)
_HEALTH_CUED = _c(rf"\b(?:{_HEALTH_CUE})(?![A-Za-z]){_NUM_WORDS}{_HEALTH_VALUE}")
# Bare forms checked by their check digit: 3-3-4 (NHS), 4-3-3-XX (OHIP), 4-5-1 (Medicare), 16 or
# 18 digits (IHI), ten digits in a row.
_HEALTH_BARE = _c(
    r"(?<![\w+().-])(?P<v>\d{3}[ -]\d{3}[ -]\d{4}|\d{4}[ -]\d{3}[ -]\d{3}(?:[ -][A-Z]{1,2})?"
    r"|\d{4}[ -]\d{5}[ -]\d(?:[ -]?\d)?|\d{10}|\d{16}|\d{18})(?![\w-]|[.,]\d)"
)
_PHONE_NEAR = _c(
    r"\b(?:call|phone|tel|telephone|cell|mobile|text|ring|fax|contact|number\s+for|hotline"
    r"|helpline|line|pager|whatsapp|dial)\b",
    re.IGNORECASE,
)
_NINO = _c(
    r"\b(?P<v>[A-Z]{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D])\b",
)
_NINO_CUE = _c(
    r"\b(?:NI|NINO|NINo|N\.I\.|(?i:national\s+insurance))(?:\s*(?i:number|no\.?|#))?[^\n\d]{0,40}?"
    r"(?P<v>[A-Za-z]{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-Da-d])\b"
)
_PPSN = _c(
    r"\b(?:PPSN?|(?i:pps\s+(?:number|no\.?)|personal\s+public\s+service\s+(?:number|no\.?)))"
    r"\W{0,4}(?P<v>\d{7}[A-Wa-w][A-IWa-iw]?)\b"
    r"|(?<![\w-])(?P<w>\d{7}[A-W][A-IW]?)\b"
)
_UK_POSTCODE = _c(
    r"\b(?P<v>(?:[A-PR-UWYZ]\d{1,2}|[A-PR-UWYZ][A-HK-Y]\d{1,2}|[A-PR-UWYZ]\d[A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y]\d[ABEHMNPRVWXY]) \d[ABD-HJLNP-UW-Z]{2})\b"
)
_CA_POSTCODE = _c(r"\b(?P<v>[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d)\b")
_EIRCODE = _c(
    r"\b(?P<v>(?:[AC-FHKNPRTV-Y]\d{2}|D6W) ?(?=[0-9AC-FHKNPRTV-Y]{0,3}[AC-FHKNPRTV-Y])"
    r"(?=[AC-FHKNPRTV-Y]{0,3}\d)[0-9AC-FHKNPRTV-Y]{4})\b"
)
# A postcode district or forward sortation area alone, with what says it is one: "lives in G51",
# "V3W postal area", "postcode SK7".
_POST_DISTRICT = _c(
    r"\b(?:(?i:lives\s+in|living\s+in|post\s?code|postal\s+(?:code|area|district))\s+)"
    r"(?P<v>[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)\b"
    r"|\b(?P<w>[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])\s+"
    r"(?i:postal\s+area|postcode\s+area|postal\s+district|area\s+code)\b"
)
_POSTCODE_CUE = _c(
    r"\b(?:post\s?code|postal\s+code|code\s+postal|eircode|zip|address|lives?|living|home"
    r"|from|resident|street|st|road|rd|avenue|ave|lane|ln|drive|dr|crescent|close|way|court"
    r"|rue|chemin)\b",
    re.IGNORECASE,
)
# Canada's Social Insurance Number (nine digits, 3-3-3; Luhn, but a cued number counts whatever
# its check digit) and Centrelink's Customer Reference Number (nine digits and a letter).
_SIN = _c(
    r"\b(?:SIN|(?i:social\s+insurance\s+(?:number|no\.?|#)?))\b[^\n\d]{0,30}?"
    r"(?P<v>\d{3}[ -]?\d{3}[ -]?\d{3})(?![\w-])"
)
_CRN = _c(r"\b(?:Centrelink\s+)?CRN\W{0,4}(?P<v>\d{3}[ ]?\d{3}[ ]?\d{3}[A-Z])\b")
# Other national numbers by their cue: Australia's NDIS number (a health and disability plan).
_NDIS = _c(r"\bNDIS\b[^\n\d]{0,40}?(?P<v>\d{3}[ ]?\d{3}[ ]?\d{3})(?![\w-])")
# A prison number (HM Prison Service: a letter, four digits, two letters) after its cue.
_PRISON = _c(r"\b(?i:prison(?:er)?\s+(?:no\.?|number|#|ID))\W{0,4}(?P<v>[A-Z]{1,2}\d{4}[A-Z]{2})\b")
# A registration plate after a car cue: the UK's (DVLA: two letters, two digits, three letters)
# and the common Australian and Canadian shapes (123 ABC, ABC 123, 1ABC 234).
_UK_PLATE = _c(
    r"\b(?i:reg(?:istration)?|rego|plate|number\s+plate|car|van|ute|motorbike|parked)\b[^\n]{0,45}?"
    r"(?P<v>\b[A-HJ-PR-Y]{2}\d{2}\s?[A-HJ-PR-Z]{3}|\b\d{3}[ -]?[A-Z]{3}|\b[A-Z]{3}[ -]?\d{3}"
    r"|\b\d[A-Z]{2,3}[ -]?\d{2,3}|\b\d{2,3}-[A-Z]{1,2}-\d{1,6})\b"  # Irish: 211-D-48193
)
# UK numbers: 01/02 geographic and 07 mobiles in their usual spacing ("0117 555 0922",
# "07700 555 631", "020 7555 0180"), or +44.
_UK_PHONE = _c(
    r"(?<![\w+/.-])(?:\+44\s?\(?0?\)?\s?|0)(?:\d{2}\s\d{4}\s\d{4}|\d{3}\s\d{3}\s\d{4}"
    r"|\d{4}\s\d{3}\s\d{3,4}|\d{4}\s\d{6})(?![\w-])"
)
_NHI_BARE = _c(r"(?<![\w-])(?P<v>[A-HJ-NP-Z]{3}\d{4})(?![\w-])")
_PPS_CUE = _c(r"\bPPSN?\b|(?i:personal\s+public\s+service)")
_HOSP_CUE = _c(
    r"\b(?:hosp(?:ital)?\.?\s?(?:no\.?|number|num|#|ID)|H\.?\s?No\.?|K[- ]?(?:number|no\.?)"
    r"|case\s?notes?\s+(?:no\.?|number)|URN|UR\s?(?:no\.?|number|#)|PAS\s+(?:no\.?|number|ID)"
    r"|local\s+(?:patient\s+)?(?:ID|number))"
    r"(?:\s*(?:is|was|of|:|#|=|\())*\s*(?P<v>[A-Z]{0,3}[ -]?\d{5,10}[A-Z]?)(?![\w-])",
    re.IGNORECASE,
)
# "RTH 123456", "K1234567": a hospital number's form (a trust or site prefix and digits).
_HOSP_FORM = _c(r"(?<![\w/#-])(?P<p>[A-Z]{1,3})[ -]?(?P<v>\d{6,8})(?![\w/-]|[.,]\d)")
_HOSP_FORM_NOT = frozenset(
    _words(
        "NCT PMID PMC ISBN DOI REF LOT SN DL CDL NPI DEA VIN ACC FIN HAR CSN MRN A UDI MAC NHS"
        " CHI IHI HCN PHN MBI CT MR US XR NM PT DX CR MG IR RF PET MRI BMJ AJR RSNA ACR ECG EKG"
        " EEG ID NI PPS IP TEL FAX PH"
    )
)
_CARE_WORDS = _c(
    r"\b(?:patients?|pts?|pt['\u2019]s|referral|request|req|requisition|wristband|sticker"
    r"|label|notes?|chart|worklist|list|ward|clinic|header|admit\w*|discharg\w*|scan|CT|MRI|film"
    r"|x-?ray|his|her|their|he|she|mr|mrs|ms|miss|gent|lady|man|woman|boy|girl|baby|child)\b",
    re.IGNORECASE,
)


def _health_ok(digits: str, value: str) -> bool:
    """Whether a bare number passes one of the national health numbers' checks."""
    n = len(digits)
    if n == 10:
        return (
            nhs_mod11_ok(digits)
            or bc_phn_ok(digits)
            or medicare_au_ok(digits)
            or (luhn_ok(digits) and bool(re.search(r"[A-Z]$", value)))
        )
    if n == 11:
        return medicare_au_ok(digits)
    if n == 16:
        return ihi_au_ok(digits)
    if n == 18:
        return ihi_ie_ok(digits)
    return False


# The shapes the guards in national() look for (plain re: one quick scan each).
_LETTER_DIGIT = re.compile(r"[A-Z][A-Z -]?\d")
_DIGIT_LETTER = re.compile(r"\d[ -]?[A-Z]")
_DIGIT_GROUPS = re.compile(r"\d{3}[ -]?\d{3}")
_SEVEN_DIGITS = re.compile(r"\d{7}")
_FIVE_DIGITS = re.compile(r"\d{5}")
# case-insensitive guards run folded (_c): a superset of each pattern's cue, found with `in`
_SIX_DIGITS = re.compile(r"\d{6}")
_SIX_DIGITS_SPACED = re.compile(r"\d{2} ?\d{2} ?\d{2}")
_INWARD_CODE = re.compile(r"\d[ABD-HJLNP-UW-Z]{2}\b")
_LETTER_DIGIT_LETTER = re.compile(r"[A-Z]\d[A-Z]")
_ROUTING_KEY = re.compile(r"[A-Z]\d[\dW]")
_NHI_SHAPE = re.compile(r"[A-Z]{3}\d{4}")
_PRISON_WORD = _c(r"prison", re.IGNORECASE)
_DISTRICT_WORD = _c(r"lives\s+in|living\s+in|post|area|district", re.IGNORECASE)
_HEALTH_CUE_WORD = _c(
    r"nhs|chi|h\s?&\s?c|hcn|phn|phin|ohip|ramq|ahcip|msp|msi|ihi|nhi|dva|health|care\s?card"
    r"|medical\s+card|gold\s+card|carte|medicare",
    re.IGNORECASE,
)
_NINO_WORD = _c(r"\bni\b|nino|n\.i\.|national\s+insurance", re.IGNORECASE)
_PLATE_WORD = _c(r"reg|plate|car|van|ute|motorbike|parked", re.IGNORECASE)
_UK_PHONE_SHAPE = re.compile(r"0\d{2,4}\s\d{3}|\+44")


# Numbers of other countries by their published shape, flagged when their own name is in the
# sentence (writers rarely give a valid check digit, so the name decides, not the digit):
# France's NIR (INSEE: sex, year, month, department, commune, order, key: "1 38 05 75 112 048
# 27"), India's Aadhaar (UIDAI: 12 digits shown 4-4-4, never starting 0 or 1), South Africa's
# identity number (13 digits opening with YYMMDD), Spain's DNI and NIE (eight digits or X/Y/Z
# and seven, and a letter), Germany's Krankenversichertennummer (a letter and nine digits).
_NAMED_IN_SENTENCE = tuple(
    (_c(shape), _c(cue, re.IGNORECASE), key, category)
    for shape, cue, key, category in (
        (
            r"(?<![\w-])[12][ ]?\d{2}[ ]?(?:0[1-9]|1[0-2]|[2-9]\d)[ ]?(?:\d{2}|2[AB])[ ]?\d{3}[ ]?"
            r"\d{3}(?:[ ]?\d{2})?(?![\w-])",
            r"s[ée]cu\b|\bNIR\b|\bINSEE\b|s[ée]curit[ée]\s+sociale|carte\s+vitale",
            "nir",
            "ssn",
        ),
        (
            r"(?<![\w-])[2-9]\d{3}[ -]?\d{4}[ -]?\d{4}(?![\w-])",
            r"\bAadhaa?r\b|\bUIDAI\b",
            "aadhaar",
            "ssn",
        ),
        (
            r"(?<![\w-])\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{7}(?![\w-])",
            r"\b(?:SA|South\s+African)\s+ID\b|\bidentity\s+(?:number|no)",
            "sa-id",
            "ssn",
        ),
        (
            r"(?<![\w-])(?:[XYZ]\d{7}|\d{8})[- ]?[A-Z](?![\w-])",
            r"\b(?:DNI|NIE|NIF)\b",
            "dni",
            "ssn",
        ),
        (
            r"(?<![\w-])[A-Z]\d{9}(?![\w-])",
            r"Versicherten|Versicherungs|Krankenkasse|\beGK\b|\bKVNR\b",
            "kvnr",
            "health_plan",
        ),
    )
)


@recognizer("national")
def national(doc: Doc) -> Iterator[Proposal]:
    text = doc.text
    for shape, cue, key, category in _NAMED_IN_SENTENCE:
        for m in shape.finditer(text):
            if doc.has(m.start(), cue, key):
                yield m.start(), m.end(), category, "likely"
    # Every form here needs one of a few shapes (a capital letter next to a digit, two groups
    # of three digits, seven digits in a row...): a paragraph without the shape skips its
    # patterns. Each guard is a necessary condition of the patterns under it, so the findings
    # are the same as scanning with every pattern.
    letter_digit = _LETTER_DIGIT.search(text) is not None
    digit_letter = letter_digit or _DIGIT_LETTER.search(text) is not None
    groups = _DIGIT_GROUPS.search(text) is not None
    cued: set[int] = set()
    if (letter_digit or groups) and _HEALTH_CUE_WORD.search(text):
        for m in _HEALTH_CUED.finditer(text):
            cued.add(m.start("v"))
            yield *m.span("v"), "health_plan", "likely"
    for m in _HEALTH_BARE.finditer(text) if groups else ():
        if m.start("v") in cued:
            continue
        v = m["v"]
        digits = _digits(v)
        if not _health_ok(digits, v):
            continue
        if len(digits) == 10 and digits[3:6] == "555":
            continue  # a 555 phone number
        if _PHONE_NEAR.search(text, max(0, m.start() - 30), m.start()):
            continue
        if doc.has(m.start(), _CARE_WORDS, "nat-care") or doc.clinical_near(m.start()):
            yield *m.span("v"), "health_plan", "likely" if re.search(r"\D", v) else "possible"
    nino_shape = _SIX_DIGITS_SPACED.search(text) is not None
    for m in _NINO_CUE.finditer(text) if nino_shape and _NINO_WORD.search(text) else ():
        yield *m.span("v"), "ssn", "likely"  # with its cue, whatever the allocation rules say
    for m in _NINO.finditer(text) if letter_digit and nino_shape else ():
        if nino_ok(m["v"]) and (
            doc.has(m.start(), _CARE_WORDS, "nat-care") or doc.person(m.start())
        ):
            yield *m.span("v"), "ssn", "likely"
    if _SEVEN_DIGITS.search(text):
        pps_in_draft = _PPS_CUE.search(text) is not None
        for m in _PPSN.finditer(text):
            if m["v"] is not None:
                yield *m.span("v"), "ssn", "likely"
            elif pps_in_draft:  # the draft names the PPS number: its value, whatever its check
                yield *m.span("w"), "ssn", "likely"
            elif ppsn_ok(m["w"]) and doc.has(m.start(), _CARE_WORDS, "nat-care"):
                yield *m.span("w"), "ssn", "possible"
    if groups:
        for m in _SIN.finditer(text):
            yield *m.span("v"), "ssn", "likely"
        for m in _CRN.finditer(text):
            yield *m.span("v"), "other_id", "likely"
        for m in _NDIS.finditer(text):
            yield *m.span("v"), "health_plan", "likely"
    for m in _PRISON.finditer(text) if letter_digit and _PRISON_WORD.search(text) else ():
        yield *m.span("v"), "other_id", "likely"
    for m in _UK_PLATE.finditer(text) if digit_letter and _PLATE_WORD.search(text) else ():
        if doc.person(m.start()) or doc.clinical_near(m.start()):
            yield *m.span("v"), "vehicle", "likely"
    for m in _UK_PHONE.finditer(text) if _UK_PHONE_SHAPE.search(text) else ():
        if _own_line(doc, m.start(), m.end()):
            continue  # "Our reading room: 0117 ...": the practice's own line
        if doc.person(m.start()) or doc.clinical_near(m.start()):
            yield m.start(), m.end(), _phone_or_fax(doc, m.start()), "likely"
    for pattern, shape in (
        (_UK_POSTCODE, _INWARD_CODE),
        (_CA_POSTCODE, _LETTER_DIGIT_LETTER),
        (_EIRCODE, _ROUTING_KEY),
    ):
        for m in pattern.finditer(text) if letter_digit and shape.search(text) else ():
            tied = doc.person(m.start()) or doc.clinical_near(m.start())
            cue = _POSTCODE_CUE.search(text, max(0, m.start() - 60), m.start())
            if tied or cue:
                yield *m.span("v"), "zip", "likely" if tied and cue else "possible"
    for m in _POST_DISTRICT.finditer(text) if letter_digit and _DISTRICT_WORD.search(text) else ():
        if doc.person(m.start()) or doc.clinical_near(m.start()):
            yield *_span(m, "v", "w"), "zip", "likely"
    for m in _NHI_BARE.finditer(text) if _NHI_SHAPE.search(text) else ():
        if nhi_ok(m["v"]) and doc.has(m.start(), _CARE_WORDS, "nat-care"):
            yield *m.span("v"), "health_plan", "likely"
    for m in _HOSP_CUE.finditer(text) if _FIVE_DIGITS.search(text) else ():
        yield *m.span("v"), "mrn", "likely"
    for m in _HOSP_FORM.finditer(text) if letter_digit and _SIX_DIGITS.search(text) else ():
        if m["p"] in _HOSP_FORM_NOT:
            continue
        if doc.has(m.start(), _CARE_WORDS, "nat-care") and doc.clinical_near(m.start()):
            yield m.start(), m.end(), "mrn", "possible"
