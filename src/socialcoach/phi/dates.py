"""Dates more precise than a year, in every form a draft writes them.

Numeric (3/14, 14.01.2025, 2024-06-09, 20240609), with a month name in any case (09-Jun-2024,
March 3rd, the 3rd of March), ordinals ("the 21st", "Friday the 3rd"), a month or month and
year tied to care ("last April", "Feb 2011"), holidays ("over Thanksgiving") and weekdays tied
to a case ("Tuesday's trauma"). Dates of conferences, exams, deadlines and history are not
tied to a patient and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain as _chain

from . import lexicon
from ._base import _EVENT_CUE, _MONTHS, _MONTHS_FULL, _PRESENTED, Doc, Proposal, _c
from .registry import recognizer

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
    r"|"
    + _PRESENTED
    + r"|seen|delivered|injured|accident|biopsied|transplant(?:ed)?|DOB|crash|collision"
    r"|fell|collapsed|shot|stabbed|overdosed|hurt|(?:she|he)\s+passed(?!\s+(?:the|her|his|boards?|exams?|my))|coded|intubated|turned\s+\d+|brought\s+in|came\s+in|rolled\s+in)\b",
    re.IGNORECASE,
    scan_first=True,
)
_HOLIDAY = _c(
    r"\b(?:on\s+|over\s+)?(?:Christmas(?:\s+(?:Eve|Day))?|New\s+Year'?s(?:\s+(?:Eve|Day))?"
    r"|Thanksgiving|Halloween|Easter(?:\s+Sunday)?|Fourth\s+of\s+July|July\s+4th"
    r"|Valentine'?s\s+Day|Labor\s+Day|Memorial\s+Day|Independence\s+Day)\b",
    scan_first=True,
)


_MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)day"
# 09-Jun-2024, 9JUN24, Jun-09-2024, 9 jun 2024 (any case).
_DATE_TEXT_MONTH = _c(
    rf"(?<![\w-])(?:\d{{1,2}}[-/ ]?{_MON}[-/ ]?(?:(?:19|20)\d{{2}}|\d{{2}})"
    rf"|{_MON}[-/]\d{{1,2}}[-/](?:(?:19|20)\d{{2}}|\d{{2}}))(?![\w-])",
    re.IGNORECASE,
)
# "20240609", also inside a file name ("Rodriguez_Maria_20190412.pdf": an underscore joins words)
_DATE_COMPACT = _c(
    r"(?<![A-Za-z0-9-])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![A-Za-z0-9-])"
)
# Lower case and ALL CAPS month names ("june 9th", "MARCH 3"); "may" needs a day ordinal.
_DATE_MONTH_DAY_ANYCASE = _c(
    rf"\b(?:{_MON.replace('|may', '')}|may(?=\s+\d{{1,2}}(?:st|nd|rd|th)))\.?\s+(?P<d>\d{{1,2}})"
    r"(?:st|nd|rd|th)?\b(?!\s*(?:%|mm|cm|kg|mg|patients|cases|:\d))(?:,?\s+(?:19|20)\d{2}\b)?",
    re.IGNORECASE,
)
_ORDINAL = _c(
    rf"\b(?:(?:(?:{_WEEKDAY})|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?)\s+(?:the\s+)?"
    rf"|(?:on|since|until|till|from)\s+(?:the\s+)?|the\s+)(?P<d>\d{{1,2}})(?:st|nd|rd|th)\b"
    r"(?!\s*(?:percentile|centile|time|century|floor|ribs?|ics|intercostal|ventricle|grade|year"
    r"|day|week|birthday|decade|cranial|nerve|metatarsal|metacarpal|toe|finger|digit|case|patient"
    r"|of\s+(?:the\s+)?(?:month|these|those)|position|place|edition|annual|anniversary|level"
    r"|vertebra|lumbar|cervical|thoracic|compartment|branchial|aortic|arch|pharyngeal|trimester"
    r"|generation|gen|st|street|ave|avenue|and|or|to|consecutive|straight|annual|-"
    # a count, not a day of the month: "that's the 4th one", "the 3rd attempt"
    r"|ones?\b|attempt|try|round|dose|cycle|session|visit|scan|study|admission))",
    re.IGNORECASE,
)
_MONTH_YEAR = _c(
    rf"\b{_MON}\.?,?\s+(?:['\u2019]\d{{2}}|(?:19|20)\d{{2}})\b", re.IGNORECASE, scan_first=False
)
_MONTH_LOOSE = _c(
    rf"\b(?:last|this\s+past|early|late|mid-?|in|since|during|until|of|back\s+in|from)\s+"
    rf"(?P<m>{_MONTHS_FULL.replace('May|', '')})\b"
    r"|\b(?:last|this\s+past|early|late|mid-?|since|back\s+in)\s+(?P<m2>May)\b"
)
_SEASON = _c(
    r"\b(?:last|this\s+past|early|late|since|back\s+in|in\s+the)\s+(?:spring|summer|fall|autumn"
    r"|winter)\b(?!\s+(?:of\s+)?(?:19|20)\d{2})",
    re.IGNORECASE,
)
_WEEKDAY_ABBR = _c(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?\s+(?:night|morning|evening|overnight"
    r"|am|pm|a\.m\.|p\.m\.)\b",
    re.IGNORECASE,
)
_WEEKDAY_OTHER = _c(
    r"\b(?:(?:el|este|el\s+pasado|desde\s+el)\s+(?:lunes|martes|miércoles|jueves|viernes|sábado"
    r"|domingo)|(?:le\s+|ce\s+|depuis\s+)?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
    r"(?:\s+(?:soir|matin|dernier))?|(?:am|letzten|seit)\s+(?:montag|dienstag|mittwoch|donnerstag"
    r"|freitag|samstag|sonntag)|(?:noong|nung|sa)\s+(?:lunes|martes|miyerkules|huwebes"
    r"|biyernes|sabado|linggo)|(?:na|no|desde\s+(?:a|o))\s+(?:segunda|terça|terca|quarta|quinta"
    r"|sexta)-feira|(?:no|desde\s+o)\s+(?:sábado|domingo)|thứ\s+(?:hai|ba|tư|năm|sáu|bảy)"
    r"|(?:noong|nung)\s+(?:lunes|martes|miyerkules|huwebes|biyernes"
    r"|sabado|linggo)|(?:domenica|sabato|lunedì|martedì|mercoledì|giovedì|venerdì)\s+(?:scorsa|scorso"
    r"|sera|mattina))\b",
    re.IGNORECASE,
)
_HOLIDAYS_OTHER = _c(
    r"\b(?:(?:el|la|en|noong|am|à|a|le|la|desde\s+el)\s+)?(?:navidad|nochebuena|nochevieja|año\s+nuevo"
    r"|semana\s+santa|viernes\s+santo|d[ií]a\s+de\s+(?:los\s+muertos|reyes|los\s+reyes|la\s+madre)"
    r"|heiligabend|weihnachten|silvester|ostern|ostermontag|karfreitag|pfingsten|noël|nouvel\s+an"
    r"|(?:lendemain\s+de\s+la\s+)?saint-jean|toussaint|pâques|pasko|bagong\s+taon|undas|tết"
    r"|ferragosto|natale|capodanno|pasqua)\b",
    re.IGNORECASE,
)
# A day and a month in Spanish, Portuguese, French, Italian or German: "15 de marzo",
# "3 mars", "3. Oktober", "il 12 maggio".
_MONTHS_OTHER = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    r"|noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro"
    r"|dezembro|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre"
    r"|décembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
    r"|Januar|Jänner|Februar|März|Juni|Juli|Oktober|Dezember)"
)
# "seit Mitte Januar", "Anfang März", "desde mediados de marzo", "début mars": part of a month.
_MONTH_PART_OTHER = _c(
    r"\b(?:Mitte|Anfang|Ende|seit|im)\s+(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August"
    r"|September|Oktober|November|Dezember)\b"
    r"|\b(?:(?:a\s+)?mediados\s+de|principios\s+de|finales\s+de|meados\s+de|início\s+de"
    r"|(?:au\s+)?début|(?:à\s+la\s+)?mi-|(?:en\s+)?fin)\s*" + _MONTHS_OTHER + r"\b",
    re.IGNORECASE,
)
# "le 21", "dia 22", "el día 3": a day of the month alone, in a sentence about care.
_DAY_ALONE_OTHER = _c(
    r"\b(?:le|dia|d[ií]a|el\s+d[ií]a|am)\s+(?P<d>\d{1,2})(?:er|\.)?(?![\d.,:/]\d|\s*(?:%|mm|cm"
    r"|kg|mg|ml|h\b|heures|horas|hores|ans|años|anos|jahre|jours|días|dias|tage|fois|veces|vezes"
    r"|patients|pacientes|patienten|minutes|minutos|semaines|semanas|mois|meses|x\b))",
    re.IGNORECASE,
)
_DATE_DAY_MONTH_OTHER = _c(
    rf"\b(?P<d>\d{{1,2}})(?:\.|º|er)?\s+(?:de\s+)?{_MONTHS_OTHER}\b(?:\s+(?:de\s+)?(?:19|20)\d{{2}})?",
    re.IGNORECASE,
)
# A named day in any language by its form: "Anzac Day", "Onam day", "the Bank Holiday Monday",
# "Tag der Deutschen Einheit", "Día de Muertos", "the spring equinox". Ordinary words alone
# ("Open Day", "Match Day") are judged by the word list.
_NAMED_DAY = _c(
    r"\b(?:the\s+)?(?P<w>(?:[A-Z][\w'\u2019-]+\s+){1,2})(?:Day|day|Eve|eve)\b"
    r"(?:\s+(?:long\s+)?weekend)?"
    r"|\b(?:the\s+)?(?:Bank|bank|Public|public|Federal|federal)\s+[Hh]oliday(?:\s+(?:Monday|weekend))?"
    r"|\b(?:D[ií]a|Tag|Jour|Giorno|Festa)\s+(?:de(?:l|\s+los|\s+las|\s+la)?|der|des|du|de\s+la"
    r"|della|di)\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?"
    r"|\b(?:the\s+)?(?:spring|autumn|fall|summer|winter|vernal|autumnal)\s+(?:equinox|solstice)\b",
    re.IGNORECASE,
)
_NAMED_DAY_HINT = re.compile(
    r"(?i)\b(?:day|eve|holiday|d[ií]a|tag|jour|giorno|festa|equinox|solstice)\b"
)
_NAMED_DAY_NOT = {
    "the",
    "that",
    "this",
    "every",
    "one",
    "some",
    "any",
    "same",
    "next",
    "last",
    "each",
    "first",
    "second",
    "third",
    "whole",
    "long",
    "big",
    "good",
    "bad",
    "great",
    "my",
    "our",
    "his",
    "her",
    "their",
    "your",
    "a",
    "an",
    "another",
    "single",
    "full",
    "half",
    "work",
    "school",
    "game",
    "match",
    "open",
    "field",
    "sick",
    "snow",
    "election",
    "leg",
    "chest",
    "rest",
    "call",
    "post",
    "per",
    "all",
    "today",
    "to",
    "of",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "and",
}
_DAY_MON = _c(
    r"(?<![\w-])\d{1,2}-(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)(?![\w-])",
    re.IGNORECASE,
)
_DATE_DOTTED_SHORT = _c(r"(?<![\w.])(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<y>\d{2})(?![\w.])")
_WEEKDAY_CASE = _c(
    rf"\b(?:(?:on|last|this\s+past|this|early|late|since|until|by|from)\s+)?(?P<d>{_WEEKDAY})"
    r"(?:['\u2019]s)?(?:\s+(?:night|morning|evening|afternoon|overnight|a\.?m\.?|p\.?m\.?))?\b",
    re.IGNORECASE,
)
# "on Sat", "last Tues", "since THU": a weekday cut short, only after a word that makes it a day
# ("Sat with the family" is a verb), capitalised as a day is, and not a range or a list of
# opening days ("from Mon to Fri", "Mon-Fri", "on Tues and Thurs").
_WEEKDAY_SHORT_CASE = _c(
    r"\b(?i:on|last|this\s+past|this|since|until|by|from|next|booked|discharged|admitted|seen)\s+"
    r"(?P<d>Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun|MON|TUES?|WED|THU(?:RS?)?|FRI|SAT|SUN)"
    r"(?:['\u2019]s)?(?:\s+(?i:night|morning|evening|afternoon|overnight|a\.?m\.?|p\.?m\.?))?"
    r"(?![\w-]|\.\w|\s*[-\u2013/]\s*\w|\s+(?i:to|through|thru)\s|\.?\s+(?:the\s+)?\d"
    r"|\s+(?:and|&|or)\s+(?i:mon|tue|wed|thu|fri|sat|sun))"
)
_CASE_NOUN_AFTER = _c(
    r"^(?:['\u2019]s)?\s+(?:night\s+|morning\s+|evening\s+)?(?:trauma|case|patient|pt|scan|ct|mri"
    r"|stroke|code|consult|admission|ed|er|list|read|cta|arrival|fall|crash|mvc|gsw|accident)\b",
    re.IGNORECASE,
)
_HOLIDAYS = _c(
    r"\b(?:(?:on|over|during|for|at|before|after|around|the\s+day\s+after)\s+)?(?:the\s+)?"
    r"(?:christmas(?:\s+(?:eve|day|morning|night))?|xmas|new\s+year['\u2019]?s(?:\s+(?:eve|day))?"
    r"|nye|thanksgiving(?:\s+(?:day|weekend|night|morning))?|halloween|easter(?:\s+sunday)?"
    r"|fourth\s+of\s+july|4th\s+of\s+july|july\s+4th|valentine['\u2019]?s(?:\s+day)?"
    r"|labor\s+day(?:\s+weekend)?|labour\s+day|memorial\s+day(?:\s+weekend)?|independence\s+day"
    r"|mother['\u2019]?s\s+day|father['\u2019]?s\s+day|super\s+bowl\s+sunday|black\s+friday"
    r"|boxing\s+day|canada\s+day|(?:st\.?\s+)?patrick['\u2019]?s\s+day|(?:st\.?\s+)?paddy['\u2019]?s\s+day"
    r"|cinco\s+de\s+mayo|diwali|holi(?=\s+(?:ke\s+din|day|weekend|morning|night|festival))"
    r"|eid(?:\s+al-\w+)?|hanukkah|chanukah|yom\s+kippur|rosh\s+hashanah|lunar\s+new\s+year"
    r"|chinese\s+new\s+year|d[ií]a\s+de\s+los\s+muertos|nochebuena|veterans\s+day"
    r"|presidents['\u2019]?\s+day|mlk\s+day|juneteenth|good\s+friday|passover|ramadan)\b",
    re.IGNORECASE,
)
# The UK's, Ireland's, Australia's, New Zealand's and Canada's: a pattern of its own so that
# both keep their literal precondition (an alternation of over 48 words has none).
_HOLIDAYS_MORE = _c(
    r"\b(?:(?:on|over|during|for|at|before|after|around|the\s+day\s+after)\s+)?(?:the\s+)?"
    r"(?:bonfire\s+night|guy\s+fawkes(?:\s+night)?|hogmanay|burns\s+night|easter\s+monday"
    r"|(?:early\s+)?may\s+bank\s+holiday|(?:august|spring|summer)\s+bank\s+holiday|whitsun"
    r"|shrove\s+tuesday|pancake\s+day|remembrance\s+(?:day|sunday)|anzac\s+day|australia\s+day"
    r"|waitangi\s+day|victoria\s+day|family\s+day|civic\s+holiday|st\.?\s+(?:andrew|david|george)"
    r"['\u2019]?s\s+day|melbourne\s+cup(?:\s+day)?|king['\u2019]?s\s+birthday)\b",
    re.IGNORECASE,
)
_HOLIDAY_VETO = _c(
    r"\b(?:party|parade|costumes?|decorat\w*|dress(?:ed|ing)?\s+up|dressed\s+(?:the|our|as)|celebrat\w*|potluck|break|vacation|schedule|coverage"
    r"|wishing|happy|merry|greetings|mubarak|blessed|hope\s+you|enjoy|festive|sweater|cookies|candy|trick|bake"
    r"|sale|fundrais\w*|drive|toy|volunteer\w*|raffle|gala)\b",
    re.IGNORECASE,
)


# Words of a schedule: the date is an event's (an open house, an exam, a walk, a start date).
_SCHEDULE_CUE = _c(
    r"\b(?:opens?|open\s+house|starts?|begins?|launch(?:es)?|applications?|apply|deadline|due"
    r"|exams?|boards?|registry|save\s+the\s+date|join\s+us|sign\s+up|rsvp|walk|run|5k|gala"
    r"|fundrais\w*|drill|site\s+visit|ceremony|graduation|orientation|interviews?|match|prize"
    r"|award|presentation|close[sd]?|reminder|scheduled|hosting|hosts?|hosted|ribbon|breakfast"
    r"|networking|retreat|cohort|recruit\w*|leaves|leaving|last\s+day|first\s+day\s+of\s+work"
    r"|bring|tickets?|register|training|presenting\s+(?:our|my|a|at)|potluck|party|luncheon|picnic|webinar|workshop|(?<!of\s)course|class|seminar|meetup|conference|summit)\b",
    re.IGNORECASE,
)


# The schedule words that are never something a patient does; the rest of _SCHEDULE_CUE
# (walk, run, 5k, match, exam, drill, training, party, picnic, class...) can be.
_SCHEDULE_FIRM = _c(
    r"\b(?:opens?|open\s+house|starts?|starting|begins?|launch(?:es)?|applications?|apply"
    r"|deadline|boards?|registry|save\s+the\s+date|join\s+us|sign\s+up|rsvp|gala|fundrais\w*"
    r"|site\s+visit|ceremony|graduation|orientation|interviews?|close[sd]?|reminder|hosting"
    r"|hosts?|hosted|ribbon|networking|retreat|cohort|recruit\w*|leaves|leaving|last\s+day"
    r"|first\s+day\s+of\s+work|tickets?|register|presenting\s+(?:our|my|a|at)|webinar"
    r"|workshop|seminar|meetup|conference|summit)\b",
    re.IGNORECASE,
)


_YEAR_IN = re.compile(r"(?:1[89]|20)\d{2}\b")  # the year a day-and-month pattern took in
_OLD_YEAR_AFTER = re.compile(r",?\s+1[5-8]\d{2}\b")  # "December 22, 1895": history


def _historic(text: str, m: re.Match[str]) -> bool:
    """A day and month with a year before 1900, taken in or right after: history."""
    year = _YEAR_IN.search(m.group())
    return bool(_OLD_YEAR_AFTER.match(text, m.end())) or bool(year and int(year.group()) < 1900)


def _valid_date(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


@recognizer("dates")
def dates(doc: Doc) -> Iterator[Proposal]:
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
    for pattern in (_DATE_MONTH_DAY, _DATE_DAY_MONTH, _DATE_DAY_MONTH_OTHER):
        for m in pattern.finditer(text):
            if not 1 <= int(m["d"]) <= 31:
                continue
            if _historic(text, m):
                continue  # "December 22, 1895": history, no living patient's date
            if _event_not_care(doc, m.start()):
                continue
            # A day and month is a patient's only in a post about care: "Oct 19" in a post
            # about a charity walk or an open house is an event's date.
            if doc.has(m.start(), _SCHEDULE_CUE, "schedule"):
                continue
            if doc.has(m.start(), _DATE_EVENT, "devent") or (
                doc.person(m.start()) and doc.clinical_near(m.start())
            ):
                yield m.start(), m.end(), "date", "likely"
            elif doc.clinical_near(m.start()):
                yield m.start(), m.end(), "date", "possible"
    for m in _DATE_MONTH_ONLY.finditer(text):
        if doc.has(m.start(), _DATE_EVENT, "devent"):
            yield m.start(), m.end(), "date"
    for m in _DATE_TEXT_MONTH.finditer(text):
        yield m.start(), m.end(), "date", "likely"
    for m in _DATE_COMPACT.finditer(text):
        yield m.start(), m.end(), "date", "likely" if doc.clinical(m.start()) else "possible"
    for m in _DATE_MONTH_DAY_ANYCASE.finditer(text):
        if not 1 <= int(m["d"]) <= 31 or _event_not_care(doc, m.start()):
            continue
        if _historic(text, m):
            continue  # "november 8, 1895"
        if doc.clinical_near(m.start()) or doc.has(m.start(), _DATE_EVENT, "devent"):
            yield m.start(), m.end(), "date", "likely"
    for m in _ORDINAL.finditer(text):
        if not 1 <= int(m["d"]) <= 31 or _event_not_care(doc, m.start()):
            continue
        if doc.clinical_near(m.start()) or doc.has(m.start(), _DATE_EVENT, "devent"):
            yield m.start(), m.end(), "date", "likely"
    for m in _MONTH_YEAR.finditer(text):
        if _event_not_care(doc, m.start()):
            continue
        if doc.clinical_near(m.start()) or doc.has(m.start(), _DATE_EVENT, "devent"):
            yield m.start(), m.end(), "date", "likely"
    for m in _MONTH_LOOSE.finditer(text):
        if not _event_not_care(doc, m.start()) and doc.clinical_near(m.start()):
            yield m.start(), m.end(), "date", "possible"
    for m in _DAY_ALONE_OTHER.finditer(text):
        day_ok = 1 <= int(m["d"]) <= 31 and doc.clinical_near(m.start())
        if day_ok and not _event_not_care(doc, m.start()):
            yield m.start(), m.end(), "date", "possible"
    for pattern in (_WEEKDAY_ABBR, _WEEKDAY_OTHER, _HOLIDAYS_OTHER, _DAY_MON, _MONTH_PART_OTHER):
        for m in pattern.finditer(text):
            if _event_not_care(doc, m.start()) or doc.has(m.start(), _HOLIDAY_VETO, "holiday-veto"):
                continue
            if doc.clinical_near(m.start()):
                yield m.start(), m.end(), "date", "likely"
            elif doc.draft_clinical():
                yield m.start(), m.end(), "date", "possible"
    for m in _DATE_DOTTED_SHORT.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        if (_valid_date(a, b) or _valid_date(b, a)) and doc.clinical_near(m.start()):
            yield m.start(), m.end(), "date", "likely"
    for m in _chain(_HOLIDAYS.finditer(text), _HOLIDAYS_MORE.finditer(text)):
        if doc.has(m.start(), _HOLIDAY_VETO, "holiday-veto") or _event_not_care(doc, m.start()):
            continue
        if doc.clinical_near(m.start()):
            yield m.start(), m.end(), "date", "likely"
        elif doc.draft_clinical():
            yield m.start(), m.end(), "date", "possible"
    named_day = _NAMED_DAY_HINT.search(text) is not None
    for m in _NAMED_DAY.finditer(text) if named_day else ():
        if m["w"] is not None:
            words = m["w"].split()
            if words[0].lower() in _NAMED_DAY_NOT or all(
                lexicon.ordinary(w.strip("'\u2019")) or w.lower() in _NAMED_DAY_NOT for w in words
            ):
                continue  # "Open Day", "Every day", "the same day": no named day
            if words[-1].endswith(("'s", "\u2019s", "s'")):
                continue  # "Doctors' Day", "Mother's Day" are in the holiday list if at all
        if doc.has(m.start(), _HOLIDAY_VETO, "holiday-veto") or _event_not_care(doc, m.start()):
            continue
        if doc.clinical_near(m.start()) or doc.has(m.start(), _DATE_EVENT, "devent"):
            yield m.start(), m.end(), "date", "likely"
        elif doc.draft_clinical():
            yield m.start(), m.end(), "date", "possible"
    for m in _SEASON.finditer(text):
        if _event_not_care(doc, m.start()):
            continue
        if doc.has(m.start(), _DATE_EVENT, "devent") and (
            doc.person(m.start()) or doc.clinical_near(m.start())
        ):
            yield m.start(), m.end(), "date", "possible"
    for m in _chain(_WEEKDAY_CASE.finditer(text), _WEEKDAY_SHORT_CASE.finditer(text)):
        if _event_not_care(doc, m.start()):
            continue
        every = re.search(
            r"\b(?:every|each|on)\s+$|\bevery\s+\w+\s+$", text[max(0, m.start() - 12) : m.start()]
        )
        if every and every.group().split()[0].lower() in ("every", "each"):
            continue  # "every Tuesday and Thursday": a routine, not one day
        if not doc.clinical_near(m.start()):
            if doc.draft_clinical() and m.group() != m["d"]:
                yield m.start(), m.end(), "date", "possible"  # "since Sunday" in a case story
            elif doc.has(m.start(), _DATE_EVENT, "devent") and doc.person(m.start()):
                yield m.start(), m.end(), "date", "possible"  # "he passed Saturday"
            continue
        case = _CASE_NOUN_AFTER.match(text[m.end("d") : m.end("d") + 24])
        if case or doc.has(m.start(), _DATE_EVENT, "devent"):
            yield m.start(), m.end(), "date", "likely"
        elif doc.person(m.start()) or doc.sentence(m.start())[0] != m.start():
            yield m.start(), m.end(), "date", "possible"  # a weekday in a sentence about a case


def _event_not_care(doc: Doc, pos: int) -> bool:
    """A conference, exam or deadline sentence with no admission, scan or birth in it."""
    if not (doc.has(pos, _EVENT_CUE, "event") or doc.has(pos, _SCHEDULE_CUE, "schedule")):
        return False
    if doc.has(pos, _DATE_EVENT, "devent"):
        return False
    # Only a cue that is also something patients do (a walk, a match, a picnic) is left
    # to a sentence about a person in care: "a wrestler, Tuesday night match, heard a pop".
    if doc.has(pos, _EVENT_CUE, "event") or doc.has(pos, _SCHEDULE_FIRM, "sfirm"):
        return True
    return not (doc.person(pos) and doc.clinical_near(pos))
