"""Direct contact identifiers: email, URL, IP address, SSN, phone and fax."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._base import _CLINICAL_CUE, Doc, Proposal, _c, _cue_id, _words
from .registry import recognizer

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
    r"|(?i:last\s+(?:4|four)(?:\s+digits)?(?:\s+of\s+(?:the\s+|her\s+|his\s+|their\s+)?"
    r"(?:ssn|social(?:\s+security)?(?:\s+number)?))?)"
    r"|(?i:ssn\s+(?:ending|ends)(?:\s+in)?)|(?i:social\s+ending(?:\s+in)?)"
)
_SSN_MASKED = _c(r"(?<![\w-])(?:[xX*#]{3}|\d{3})[- ]?[xX*#]{2}[- ]?(?P<v>\d{4})(?![\w-])")
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
# A number with a country code ("+49 8821 555 0173", "+353 91 555 0146", "+61 2 9555 0182"):
# the North American and UK forms have their own rules; 8 to 13 digits after the code.
_PHONE_INTL = _c(
    r"(?<![\w+/.-])\+(?!1[\s.-]|44\b)(?P<cc>\d{1,3})(?:[\s.-]?\(0\))?"
    r"(?P<rest>(?:[\s.-]?\d{1,5}){2,5})(?![\w-]|[.,]\d)"
)
# A local number with a trunk 0 after a phone or fax word ("home fax 01 555 0174", "Tel. 030
# 5550 1234"): Irish, German, Australian and other dialling plans.
_PHONE_TRUNK = _c(
    r"\b(?:fax|phone|tel|telephone|cell|mobile|ring|call|number|handy|telefone?|tél)\b\.?"
    r"[^\n\d]{0,20}?(?P<v>(?<![\w-])0\d{1,4}(?:[\s-]\d{2,5}){1,3})(?![\w-]|[.,]\d)",
    re.IGNORECASE,
)
_FAX_CUE = _c(r"\bfax(?:ed|ing|es)?\b|\bf:", re.IGNORECASE)
# A seven-digit local number ("(555-0147)", "ccl 555-0182") next to a person or a case.
_PHONE_LOCAL = _c(r"(?<![\w/.#-])[2-9]\d{2}-\d{4}(?![\w-]|\.\d)")
_PHONE_WORD = _c(
    r"\b(?:call(?:ed)?|phone|tel|telephone|cell|mobile|text|reach|pager|ring|dial)\b", re.IGNORECASE
)


# The author's or the practice's own line, named as such just before the number: "my cell",
# "our reading room at", "call the department", "Phone: ... | Fax:" in a signature, "Contact
# Dr. Castañeda, Medical Director, at". A patient's number is introduced by the patient.
_OWN_LINE_BEFORE = _c(
    r"\b(?:(?:my|our)\s+(?:[\w-]+\s+){0,2}?(?:cell|mobile|office|desk|line|number|pager|phone"
    r"|bleep|extension|ext|hotline|helpline|reading\s+room|department|dept|unit|clinic|team"
    r"|service|front\s+desk|scheduling|booking)"
    r"|call\s+(?:the|our|us)\b|reach\s+(?:us|our)\b|contact\s+(?:us|our)\b"
    r"|contact\s+(?:Dr\.?|Mr\.?|Ms\.?|Mrs\.?)\s|^(?:office|phone|tel|telephone|main|cell|mobile)\s*:"
    # the author inviting replies: "questions:", "business inquiries:", "RSVP to me", "my new
    # contact", "program coordinator", "Email:" in a signature
    r"|rsvp|questions?\b(?:[^\n.!?:]{0,30}[:?\u2192-]|\s+to\b)|(?:business\s+)?inquiries\s*:"
    r"|enquiries\s*:|contact\s*:|my\s+(?:new\s+)?contact|coordinator|organi[sz]er"
    r"|program(?:me)?\s+director|\bPD\b|e-?mail\s*:|apply\b"
    # a service's line: "Appointments:", "Book:", "the on-call line", "vendor support line
    # is", "business line", "ext"
    r"|(?:appointments?|bookings?|book|schedule|referrals?)\s*:"
    r"|book\s+(?:via|at|on|through)|(?:on-?call|support|business|service|referral|booking)\s+line"
    r"|hotline|helpline|\bext\.?\s*$)"
    r"[^\n.!?]{0,70}$",
    re.IGNORECASE | re.MULTILINE,
)
_A_PATIENTS_LINE = _c(
    r"\b(?:patient|pt|his|her|their|family|daughter|son|wife|husband|mother|father|mom|dad)\b",
    re.IGNORECASE,
)


# The author asking to be reached ("reach me at", "email me", "text me"): their own, unless
# the sentence is about a patient ("Call me at 555-867-5309 about the AAA" may be anyone's).
_ME_BEFORE = _c(
    r"\b(?:(?:reach|e-?mail|contact|call|text|ring|phone|dm|message)\s+me|write\s+to\s+me)\b"
    r"[^\n.!?]{0,40}$",
    re.IGNORECASE,
)
# ...and a sentence about a career, a programme or a meeting is the author's, clinical words or
# not ("Thinking about an IR career? DM me or email me at ...").
_CAREER_CUE = _c(
    r"\b(?:careers?|program(?:me)?s?|residency|fellowship|jobs?|hiring|position|course|webinar"
    r"|meeting|conference|coffee|ride|chat|mentor\w*|shadow\w*|rotation|interview\w*)\b",
    re.IGNORECASE,
)
# A number given for booking: "Call 555-0190 to book", "Phone 555-0100 for the radiology desk".
_BOOKING_AFTER = _c(
    r"^[\s)]*(?:\(\w+(?:\s+\w+)?\)\s*)?(?:to\s+(?:book|schedule|register|make\s+an\s+appointment"
    r"|reserve|sign\s+up|enrol)|for\s+(?:the\s+)?(?:\w+\s+)?(?:desk|appointments?|bookings?"
    r"|referrals?|scheduling|questions|info))\b",
    re.IGNORECASE,
)
_CALL_BEFORE = _c(r"\b(?:call|phone|ring|text|tel\.?)\s*:?\s*$", re.IGNORECASE)
# Inside a quotation someone else's "call me" is theirs: "'Thank you! Call me at 555-0139'".
_QUOTE_OPEN = re.compile(r"(?:^|[\s:(])['\"\u201c\u2018][^'\"\u201d\u2019\n]*$")


def _own_line(doc: Doc, pos: int, end: int | None = None) -> bool:
    """A number the author gives as their own or their practice's (not in a patient's sentence)."""
    text = doc.text
    line_start = text.rfind("\n", 0, pos) + 1
    start = max(line_start, pos - 90)
    own = _OWN_LINE_BEFORE.search(text, start, pos) is not None
    if not own and _ME_BEFORE.search(text, start, pos):
        # the sentence's words outside the number or address ("d.okoro.ir@..." has "ir" in it)
        s0, s1 = doc.sentence(pos)
        clinical = _CLINICAL_CUE.search(text, s0, pos) is not None or (
            end is not None and _CLINICAL_CUE.search(text, end, s1) is not None
        )
        own = not clinical or doc.has(pos, _CAREER_CUE, "career")
    if not own and end is not None and _CALL_BEFORE.search(text, max(0, pos - 10), pos):
        own = _BOOKING_AFTER.match(text[end : end + 40]) is not None
    if not own or _QUOTE_OPEN.search(text, start, pos):
        return False
    return not doc.has(pos, _A_PATIENTS_LINE, "patients-line")


_PATIENT_LINK = _c(
    r"gofundme|caringbridge|mealtrain|giveforward|fundrazr|spotfund|obituar|obits?/|legacy\.com"
    r"|funeral|tribute|memorial|/news|news\.|/story|/article|instagram\.com|tiktok\.com"
    r"|facebook\.com|fb\.com|youtu",
    re.IGNORECASE,
)
# Links whose target nobody can see from the text: a shortener, a shared folder, an image
# viewer. Always at least possible.
_OPAQUE_LINK = _c(
    r"/share|/s/|drive\.google|dropbox|box\.com|imgur|photos|/pacs|dicom|viewer|/image|tinyurl"
    r"|bit\.ly|\bt\.co/|\bow\.ly|goo\.gl|is\.gd|buff\.ly|wetransfer",
    re.IGNORECASE,
)
_RELATIVE_CUE = _c(
    r"\b(?:his|her|their|family|patient['\u2019]?s|pt['\u2019]?s|obituary|passed|memory|in\s+honou?r)\b",
    re.IGNORECASE,
)
_PUBLIC_DNS = frozenset(
    _words(
        "8.8.8.8 8.8.4.4 1.1.1.1 1.0.0.1 9.9.9.9 149.112.112.112 208.67.222.222 208.67.220.220"
        " 4.2.2.2 4.2.2.1 64.6.64.6"
    )
)
_NETWORK_CUE = _c(
    r"\b(?:wi-?fi|wlan|ssid|network|router|dns|gateway|subnet|vpn|password|login|hotspot"
    r"|ethernet|modem|printer|server)\b",
    re.IGNORECASE,
)


# Role mailboxes: an organisation's address, not a person's. RFC 2142 ("Mailbox names for
# common services, roles and functions") lists info, marketing, sales, support, abuse, noc,
# security, postmaster, hostmaster, usenet, news, webmaster, www, uucp and ftp; the rest are
# the same kind of role as hospitals and programmes name them (recruiting@, residency@, cme@).
_ROLE_MAILBOX = frozenset(
    _words(
        "info marketing sales support abuse noc security postmaster hostmaster usenet news"
        " webmaster www uucp ftp recruiting recruitment recruit careers career jobs job hr"
        " admissions admission residency residents fellowship fellowships program programme"
        " office contact contactus hello enquiries enquiry inquiries inquiry events event cme"
        " education training registrar scheduling bookings booking referrals referral admin"
        " media press communications comms team noreply no-reply donate giving foundation"
        " volunteer volunteers protocols department dept coordinator"
    )
)


def _role_mailbox(address: str) -> bool:
    """Whether an email's local part names a role ("recruiting@", "rads.residency@")."""
    local = address.split("@", 1)[0].lower()
    return any(part in _ROLE_MAILBOX for part in re.split(r"[._+-]", local))


# A record or health number's cue right before a number in a phone's shape.
_ID_CUE_BEFORE = _c(
    r"\b(?:NHS|CHI|H\s?&\s?C|HCN|PHN|PHIN|OHIP|IHI|MRN|(?i:health\s+(?:card|number)"
    r"|medicare|hospital\s+(?:no|number)|hosp\s+no))(?:\s*(?i:number|no\.?|#|card|is|was|:))*"
    r"\W{0,3}$"
)


def _not_nanp_but_nhs(number: str) -> bool:
    """A 3-3-4 number no North American plan allows (area code or exchange starting 0 or 1)
    that passes the NHS modulus 11 check: a health number (national.py), not a phone."""
    from .national import nhs_mod11_ok

    if "(" in number or "+" in number:
        return False
    digits = re.sub(r"\D", "", number)
    return len(digits) == 10 and (digits[0] in "01" or digits[3] in "01") and nhs_mod11_ok(digits)


def _trim_url(s: int, e: int, text: str) -> tuple[int, int]:
    while e > s and text[e - 1] in ".,;:!?)'\"":
        e -= 1
    return s, e


def _url_is_safe(url: str) -> bool:
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE)
    host = host.split("/", 1)[0].split("?", 1)[0].lower()
    return any(host == d or host.endswith("." + d) for d in _SAFE_DOMAINS)


def _phone_or_fax(doc: Doc, pos: int) -> str:
    """A number is a fax if the nearest preceding cue in its sentence says fax."""
    s = max(0, pos - 80)  # "faxed it to us?? at 555-..." crosses a sentence end
    last_fax = max((m.end() for m in _FAX_CUE.finditer(doc.text, s, pos)), default=-1)
    last_phone = max((m.end() for m in _PHONE_WORD.finditer(doc.text, s, pos)), default=-1)
    return "fax" if last_fax > last_phone else "phone"


@recognizer("contact")
def contact(doc: Doc) -> Iterator[Proposal]:
    text = doc.text
    for m in _EMAIL.finditer(text):
        if _role_mailbox(m.group()) and not doc.has(m.start(), _RELATIVE_CUE, "rel"):
            continue  # a department's or programme's mailbox, not a patient's
        if _own_line(doc, m.start(), m.end()):
            continue  # "questions: pd.rads@example.org", "reach me at ...": the author's own
        yield m.start(), m.end(), "email"
    for m in _URL.finditer(text):
        s, e = _trim_url(m.start(), m.end(), text)
        if "@" in text[max(0, s - 1) : s] or not _url_is_safe(text[s:e]):
            # Bare "name.com" inside an email address is handled by the email rule.
            if s > 0 and text[s - 1] == "@":
                continue
            if _url_is_safe(text[s:e]):
                continue
            # A link leads to a patient when it looks like it (a fundraiser, an obituary, a
            # news story, a shared image) or sits in a sentence about a person or a case;
            # a society, course or charity-run link in a post about events is not flagged.
            tied = doc.person(s) or doc.has(s, _RELATIVE_CUE, "rel") or doc.clinical_near(s)
            if tied and (_PATIENT_LINK.search(text, s, e) or doc.person(s)):
                yield s, e, "url", "likely"
            elif (
                tied
                or _OPAQUE_LINK.search(text, s, e)
                or (_PATIENT_LINK.search(text, s, e) and doc.draft_clinical())
            ):
                yield s, e, "url", "possible"
    for m in _IP.finditer(text):
        if _VERSION_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        if m.group() in _PUBLIC_DNS:
            continue  # a public resolver's address is the same for everyone
        if doc.has(m.start(), _NETWORK_CUE, "network") and not doc.person(m.start()):
            continue  # conference or department Wi-Fi settings
        yield m.start(), m.end(), "ip"
    for m in _SSN.finditer(text):
        yield m.start(), m.end(), "ssn"
    for m in _SSN_CUE.finditer(text):
        yield *m.span("v"), "ssn"
    for m in _SSN_MASKED.finditer(text):
        yield m.start(), m.end(), "ssn"
    for m in _PHONE.finditer(text):
        if _ID_CUE_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue  # "NHS no. 943 476 5919", "MRN 555 123 4567": a record, not a phone
        if _not_nanp_but_nhs(m.group()):
            continue  # "401 023 2137": no North American number, a valid NHS number
        if _own_line(doc, m.start(), m.end()):
            continue  # "reach our reading room at (555) 212-8840": the practice's own
        yield m.start(), m.end(), _phone_or_fax(doc, m.start())
    for m in _PHONE_INTL.finditer(text):
        digits = sum(ch.isdigit() for ch in m["rest"])
        if not 7 <= digits <= 13 or _ID_CUE_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue
        if _own_line(doc, m.start(), m.end()):
            continue
        yield m.start(), m.end(), _phone_or_fax(doc, m.start())
    for m in _PHONE_TRUNK.finditer(text):
        digits = sum(ch.isdigit() for ch in m["v"])
        if not 8 <= digits <= 12 or _own_line(doc, m.start("v"), m.end("v")):
            continue
        yield *m.span("v"), _phone_or_fax(doc, m.start("v"))
    for m in _PHONE7.finditer(text):
        if _own_line(doc, m.start("v"), m.end("v")):
            continue
        yield *m.span("v"), _phone_or_fax(doc, m.start("v"))
    for m in _PHONE_LOCAL.finditer(text):
        if _own_line(doc, m.start(), m.end()):
            continue
        if doc.person(m.start()) or doc.clinical_near(m.start()) or doc.draft_clinical():
            yield m.start(), m.end(), _phone_or_fax(doc, m.start()), "possible"
