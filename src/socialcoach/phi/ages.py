"""Ages over 89, in every form a draft writes them.

Digits with an age form ("94-year-old", "97 yo", "93M"), a bare number next to a person
("Mrs. K, 94", "he's 91"), words ("ninety-four", "nonagenarian", "centenarian", "tenth decade",
"late nineties"), other languages ("91 ans", "97 años", "93-jährige") and birth years that
imply 90 or more ("born in 1929", "b. '33"). Ages up to 89, "in her 90s" and "100 years old"
said of a building are left alone.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from . import lexicon
from ._base import Doc, Proposal, _c
from .registry import recognizer

_N = r"(?:9\d|1[01]\d)"
_AGE = _c(
    rf"\b(?P<n>{_N})(?:\s?-\s?|\s)?(?:years?|yrs?|yr|y)[\s-]?(?:old|o\b|young\b)"
    rf"|\b(?P<n2>{_N})[\s-]?(?:yo|y/o|y\.o\.?|yr?s?/o|yoa|y|Y|YO|Y/O|YRS?)(?![A-Za-z])"
    rf"|(?<![A-Za-z]-)\b(?P<n3>{_N})\s?(?:[MF]|yo[MF]|y[MF]|[mf](?=[\s,.;)]))\b(?!\s*(?:degrees|°))"
    rf"|\b(?:[Aa]ged?|AGE|[Aa]ge\s+of|[Aa]ge:|[Aa]ge\s+is|AGED?)\s*:?\s*(?P<n4>{_N})\b"
    r"(?!\s*(?:%|mm|cm|min|days|weeks|months|percent|mSv|°))"
    rf"|\b(?P<n5>{_N})(?:st|nd|rd|th)\s+(?:birthday|bday|b-day)\b"
    rf"|\b(?:turned|turning|turns)\s+(?P<n6>{_N})\b"
)
_TEMP_BEFORE = _c(r"(?:\b(?:temp\w*|fever|febrile|T(?:max)?)|°)\W{0,3}(?:of\s+)?$", re.IGNORECASE)

# "Mrs. K, 94", "he's 91", "she is 96", "at 93 she still", "our 95 y.o." -- a bare number is an
# age only right after a person.
_PERSON_NUMBER = _c(
    rf"(?:\b(?:he|she|they|who|you|i|we)(?:'s|\u2019s|'m|\u2019m|'re|\u2019re|\s+is|\s+was"
    rf"|\s+were|\s+are|\s+am|\s+turned|\s+turns)"
    rf"|\b(?:mr|mrs|ms|miss|mx)\.?\s+[a-z][\w.'\u2019-]*"
    rf"|\b(?:patient|patientin|paciente|patiente|pt|lady|man|woman|gentleman|guy|grandma|grandpa|grandmother|grandfather"
    rf"|nana|papa|mom|dad|mother|father|veteran|vet|widow|widower|resident|gent|chap|bloke"
    rf"|fella|fellow|soul|dear)"
    rf")(?:\s+[a-z][\w.'\u2019-]*)?,?\s+(?:(?:was|is|now|just|only|still|a\s+spry|aged?)\s+)?"
    rf"(?P<n>{_N})\b(?![.,]\d|-?\s?(?:something|ish|plus|s\b)|\s*(?:%|mm|cm|kg|lbs?|mg|ml|bpm|mmhg|min|sec|degrees|°|/|-\d|x\d"
    rf"|units?|hu|percent|patients|cases|days|weeks|months|minutes|hours|beats|mph|miles|feet))",
    re.IGNORECASE,
)
# A bare number right after a name-like word and a comma: "Ruth, 94, came in" / "Mr. K, 94".
_NAME_COMMA_NUMBER = _c(
    rf"(?<=[A-Za-z.])\s*,\s*(?P<n>{_N})(?=\s*(?:,|\.(?!\d)|;|\)|!|\?|$|\s+(?:and|with|who|from|came"
    rf"|presented|here|in|on|w/|s/p|h/o|yo|y/o)\b))",
    re.IGNORECASE,
)
_ONES = "one|two|three|four|five|six|seven|eight|nine"
# "Gerald Tkachuk, ninety-one, from ...", "Musa Danjuma, 90, from Kano", "My dad (ninety, ...)":
# an age said between commas or brackets right after a full name or a relative.
_FULL_NAME_AGE = _c(
    rf"(?:\b(?P<f>[A-Z][\w'\u2019-]+)\s+(?P<l>[A-Z][\w'\u2019-]+)\s*,|\b(?i:my|our|his|her)"
    rf"\s+(?i:dad|mum|mom|father|mother|nan|nana|gran|granny|grandma|grandpa|grandmother"
    rf"|grandfather|uncle|aunt|auntie)\s*[,(])\s*"
    rf"(?P<n>{_N}|ninety(?:[\s-](?:{_ONES}))?|(?:one|a)\s+hundred)(?=\s*[,;)]"
    rf"|\s+(?:and|from|with|who|came|presented|presenting|yo|y/o)\b)",
)
_WORD_AGE = _c(
    rf"\b(?:ninety|one[\s-]hundred(?:\s+and)?|a[\s-]hundred(?:\s+and)?|hundred(?:\s+and)?)"
    rf"(?:[\s-](?:{_ONES}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    rf"|eighteen|nineteen))?"
    r"(?=[\s-]*(?:years?[\s-]*old|yrs?[\s-]*old|y/?o\b|yo\b|-year|\s*(?:and\s+)?(?:still|sharp"
    r"|going|young|years\s+young)))"
    rf"|\b(?:turned|turning|turns|is|was|he's|she's|aged?|at|lived\s+to|made\s+it\s+to|reached"
    rf"|to\s+be)\s+(?P<w>ninety(?:[\s-](?:{_ONES}))?(?:\s+and\s+a\s+half)?"
    r"|one\s+hundred(?:\s+and\s+\w+)?|a\s+hundred(?:\s+and\s+\w+)?)\b(?!\s+(?:percent|%|minutes"
    r"|seconds|days|times|patients|cases|scans|studies|mg|units|people|of\b))"
    rf"|\bninety[\s-](?:{_ONES})(?![\s-]*(?:percent|%|minutes|seconds|days|times|patients|cases"
    r"|scans|studies|mg|units|people|of\b))"
    r"|#?\b(?:super-?)?(?:nonagenarians?|centenarians?|supercentenarians?)\b"
    # the same words in French, Spanish, Italian, Portuguese and German
    r"|#?\b(?:centenaires?|nonagénaires?|centenari[oa]s?|nonagenari[oa]s?|centenári[oa]s?"
    r"|hundertjährige[rnms]?)\b"
    rf"|(?<=#)ninety(?:{_ONES})\b"
    r"|\b(?:tenth|11th|eleventh|10th)\s+decade\b|\b(?:nearly|almost)\s+a\s+century\b"
    r"|\b(?:her|his|their)\s+(?:late|mid)[\s-](?:nineties|90s|90's)\b"
    r"|\b(?:late|mid)[\s-]nineties\b",
    re.IGNORECASE,
)
# A bare number framed next to a person: "— 91 —", "(91)", "(98!!)", "Mrs. K 94", "96." after a
# birth year; the sentence must be about a person and the number not a measurement.
_FRAMED_NUMBER = _c(
    rf"(?:(?<=[(\u2014\u2013])|(?<=[(\u2014\u2013] )|(?<= - )|(?<=: )|(?<=^)|(?<=\. )|(?<=\| ))"
    rf"(?P<n>{_N})(?=\s*(?:[)\u2014\u2013]|!+\)|\?+\)|\s-\s|\.(?:\s|$)|,\s|\s*\|))",
    re.MULTILINE,
)
_MEASURE_BEFORE = _c(
    r"\b(?:hr|heart\s+rate|rate|pulse|bpm|sats?|spo2|o2|bp|systolic|diastolic|weight|wt|kg|lbs"
    r"|glucose|bg|score|level|grade|ef|hu|mm|cm|ml|mg|dose|dlp|ctdi|kv|kvp|mas|temp|fever|page"
    r"|slide|figure|fig|case|room|rm|bed|bay|n|p|q|iq|gcs|apgar|percent|percentile|of|out\s+of"
    r"|over|under|about|around|~|approx|number|#|no|step|mile|miles|minute|minutes|hours"
    r"|days|years|year|week|weeks|\$|cpt|icd)\W{0,3}$",
    re.IGNORECASE,
)
# "nana (my actual nana) is 98", "she was 102 (!!)": a verb of being right before the number.
_IS_NUMBER = _c(
    rf"\b(?:is|was|turned|turns|turning|being|aged?|now|to\s+be|lived\s+to|made\s+it\s+to"
    rf"|reached|until\s+(?:he|she)\s+was)\s+(?:(?:now|just|only|still|almost"
    rf"|nearly|literally)\s+)?(?P<n>{_N})\b(?![.,]\d|-?\s?(?:something|ish|plus|s\b|%)|\s*(?:%|mm|cm"
    r"|kg|lbs?|mg|ml|bpm|mmhg|min|sec|degrees|°|/|x\d|units?|hu|percent|patients|cases|days"
    r"|weeks|months|minutes|hours|beats|mph|miles|feet|ms|msv|mgy|kv|mas|slices|images|over|on|out))",
    re.IGNORECASE,
)
_HIS_NTH = _c(
    rf"\b(?:his|her|their|my)\s+(?P<n>{_N})(?:st|nd|rd|th)\b(?![\s-]+(?:percentile|centile|case"
    r"|patient|scan|study|time|day|week|visit|anniversary|annual|year|edition|season))",
    re.IGNORECASE,
)
_DOB_YEAR = _c(
    r"\b(?:DOB|D\.O\.B\.?|date\s+of\s+birth|birth\s*date|birthday)\b[^.\d\n]{0,24}?"
    r"(?P<y>1[89]\d\d)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS_OTHER = _c(
    r"\b(?:noventa(?:\s+y\s+(?:uno|una|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve))?"
    r"|cien(?:to)?|dziewięćdziesi\w+|(?:miaka\s+)?tisini(?:\s+na\s+\w+)?"
    r"|quatre-vingt-(?:dix|onze|douze|treize|quatorze|quinze|seize|dix-sept|dix-huit|dix-neuf)"
    r"|nonante(?:-\w+)?|neunzig|(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)undneunzig"
    r"|novant(?:a|uno|adue|atré|atre|aquattro|acinque|asei|asette|otto|anove)|noventa\s+e\s+\w+)"
    r"(?=\s+(?:años|anos|ans|jahre|anni|years|yrs|y/?o)\b|\s*[,.!)]|\s+(?:y\s+)?(?:sigue|still))",
    re.IGNORECASE,
)

# Other languages: "91 ans", "97 años", "93-jährige", "92 anni", "95 jaar", "94 lat", "96 år".
_FOREIGN_AGE = _c(
    rf"\b(?P<n>{_N})(?:\s?-?\s?)(?:ans\b|años\b|anos\b|añitos\b|jährige[rnms]?\b|jährig\b"
    r"|jahre\s+alt\b|jahre\b|anni\b|jaar\b|lat\b|år\b|yaşında\b|yaş\b|歳|岁|세|ετών\b|лет\b|let\b"
    r"|saal\b|sal\s+ke\b|vuotias\b|éves\b|-latek\b|latek\b|tuổi\b|tuoi\b|anyos\b|anyos\s+na\b|taong\s+gulang\b"
    r"|taon\b|na\s+(?:siya|sya)\b|tahun\b|साल|سنة|岁"
    r"|J\.(?=[\s,;)'\"\u2019]|$))",  # "Patient aus Wolfratshausen, 91 J."
    re.IGNORECASE,
)
# Birth years: "born in 1929", "b. 1931", "DOB 1933", "born in '33", "class of 1950" is not one.
_BIRTH_YEAR = _c(
    r"\b(?:born(?:\s+(?:in|back\s+in))?|b\.|DOB|D\.O\.B\.?|birth\s*year|year\s+of\s+birth"
    r"|n[ée]e?\s+en|nacid[oa]\s+en|geboren|Jahrgang)\s*:?\s*(?:(?P<y>1[89]\d\d)|['\u2019](?P<yy>\d\d))\b",
    re.IGNORECASE,
)
# "The building is 100 years old": a thing, not a person.
# "93 years, came on ...", "97 years and a life well lived", "at 92": a number of years or an
# "at" age, said in a sentence about a person; not "97 years ago", "100 years of radiology".
_YEARS_BARE = _c(
    rf"\b(?P<n>{_N})\s+(?:years|yrs)\b(?!\s+(?:ago|later|of|in|since|before|after|earlier|from"
    r"|back|experience|on|at|as|with|into|now|running|straight|old|young|-))"
    rf"|\bat\s+(?P<a>{_N})\b(?![.,:]\d|-?\s?(?:something|ish|plus|s\b|%)|\s*(?:%|mm|cm|kg|lbs?|mg"
    r"|ml|bpm|mmhg|min|sec|degrees|°|/|x\d|units?|hu|percent|patients|cases|days|weeks|months"
    r"|minutes|hours|beats|mph|km|miles|feet|ms|msv|mgy|kv|kvp|mas|slices|images|am|pm|a\.m"
    r"|p\.m|o['\u2019]clock|[a-z]+\s+(?:st|street|rd|road|ave)\b))",
    re.IGNORECASE,
)
_AGE_PHRASE_AFTER = _c(
    r"[\s-]*(?:years?[\s-]*(?:old|young)|yrs?[\s-]*old|y/?o\b|yo\b|-year-old"
    r"|(?:and\s+)?(?:still|sharp\w*|going\s+strong))",
    re.IGNORECASE,
)
_THING_BEFORE = _c(
    r"\b(?:building|hospital|church|house|(?<!nursing\s)(?<!care\s)(?<!group\s)home(?!\s+visits?\b)|school"
    r"|bridge|tree|scanner|machine|institution"
    r"|program|department|journal|society|company|tradition|practice|clinic|library|museum"
    r"|town|city|wing|tower|campus|barn|car|truck|tractor|instrument|film|x-?ray\s+tube)s?\b"
    r"[^.!?\n]{0,30}$",
    re.IGNORECASE,
)
# The same in the languages of _FOREIGN_AGE, buildings only (a clinic or a home is where a
# patient of 93 is, too): "in einem Gebäude, das 100 Jahre alt ist", "un edificio de 120 años".
_BUILDING_BEFORE = _c(
    r"\b(?:Gebäude|Kirche|Schule|edificio|iglesia|escuela|bâtiment|église|école|edifício|igreja"
    r"|chiesa|edificio)s?\b[^.!?\n]{0,20}$",
    re.IGNORECASE,
)
_PERSONISH_AFTER = _c(
    r"^\s*(?:[MF]\b|yo|y/o|-?year-old\s+|(?:old\s+)?(?:[\w-]+\s+)?(?:man|woman|male|female|patient"
    r"|pt|gentleman|gent|lady|guy|veteran|vet|widow|widower|grand\w+|resident|retiree|farmer"
    r"|mother|father|mom|dad|nun|priest|boy|girl)\b)"
)


_WORD_BEFORE_IS = _c(r"([A-Z][a-z]+)\s+$")


def _given_before(text: str, pos: int) -> bool:
    """ "Ernest is 93": a given name (public name lists) just before "is" + the number."""
    m = _WORD_BEFORE_IS.search(text, max(0, pos - 20), pos)
    return m is not None and lexicon.given_like(m[1]) and not lexicon.ordinary(m[1])


def _this_year() -> int:
    return datetime.date.today().year


@recognizer("ages")
def ages(doc: Doc) -> Iterator[Proposal]:
    text = doc.text
    for m in _AGE.finditer(text):
        if m["n3"] is not None and _TEMP_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        thing = (m["n"] or m["n6"]) is not None and _THING_BEFORE.search(
            text, max(0, m.start() - 45), m.start()
        )
        if thing and not _PERSONISH_AFTER.match(text[m.end() : m.end() + 30]):
            continue  # "the building is 100 years old"
        yield m.start(), m.end(), "age_over_89", "likely"
    for m in _YEARS_BARE.finditer(text):
        g = "n" if m["n"] else "a"
        s0 = m.start(g)
        if _MEASURE_BEFORE.search(text, max(0, m.start() - 16), m.start()):
            continue
        if _THING_BEFORE.search(text, max(0, s0 - 45), s0) and not doc.person(s0):
            continue
        if g == "n" and (doc.person(s0) or doc.clinical_near(s0)):
            yield *m.span("n"), "age_over_89", "possible"
        elif g == "a" and (doc.person(s0) or doc.clinical_near(s0)):
            yield *m.span("a"), "age_over_89", "possible"
    for m in _PERSON_NUMBER.finditer(text):
        if _TEMP_BEFORE.search(text, max(0, m.start("n") - 12), m.start("n")):
            continue
        yield *m.span("n"), "age_over_89", "likely"
    for m in _NAME_COMMA_NUMBER.finditer(text):
        if doc.person(m.start()) or doc.clinical(m.start()):
            yield *m.span("n"), "age_over_89", "possible"
    for m in _FULL_NAME_AGE.finditer(text):
        first, last = m["f"], m["l"]
        if first is not None:
            plain = lexicon.ordinary(first), lexicon.ordinary(last)
            if all(plain) or (
                any(plain) and not (lexicon.given_like(first) or lexicon.is_surname(last))
            ):
                continue  # "Grand Rounds, 90, ...", "Lister Theatre, 90," are no one
        if _MEASURE_BEFORE.search(text, max(0, m.start("n") - 16), m.start("n")):
            continue
        yield *m.span("n"), "age_over_89", "likely"
    for m in _WORD_AGE.finditer(text):
        s, e = m.span("w") if m["w"] else m.span()
        tagged = text[s - 1 : s] == "#"  # "#ninetyfour", "#centenarian": said of someone
        framed = m["w"] is None and _AGE_PHRASE_AFTER.match(text, e)  # "ninety-six and sharp"
        if not (
            doc.person(s)
            or doc.clinical_near(s)
            or tagged
            or framed
            or "arian" in m.group().lower()
        ):
            continue  # "Ninety-five questions?" is not an age
        if m["w"] is None and text[s : s + 1] == "#":
            s += 1
        yield s, e, "age_over_89", "likely"
    for m in _FOREIGN_AGE.finditer(text):
        if _BUILDING_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "in einem Gebäude, das 100 Jahre alt ist": a building
        yield m.start(), m.end(), "age_over_89", "likely"
    for m in _FRAMED_NUMBER.finditer(text):
        s0 = m.start("n")
        if _MEASURE_BEFORE.search(text, max(0, s0 - 16), s0):
            continue
        if doc.person(s0) or doc.clinical_near(s0):
            yield *m.span("n"), "age_over_89", "possible"
    for m in _IS_NUMBER.finditer(text):
        s0 = m.start("n")
        if _MEASURE_BEFORE.search(text, max(0, m.start() - 16), m.start()):
            continue
        if doc.person(s0) or _given_before(text, m.start()):
            yield *m.span("n"), "age_over_89", "likely"
    for m in _HIS_NTH.finditer(text):
        yield m.start(), m.end(), "age_over_89", "likely"
    for m in _NUMBER_WORDS_OTHER.finditer(text):
        yield m.start(), m.end(), "age_over_89", "likely"
    now = _this_year()
    for m in _DOB_YEAR.finditer(text):
        if now - int(m["y"]) >= 90:
            yield *m.span("y"), "age_over_89", "likely"
    for m in _BIRTH_YEAR.finditer(text):
        if m["y"]:
            year, span = int(m["y"]), m.span("y")
        else:
            yy = int(m["yy"])
            year, span = (1900 + yy if 1900 + yy <= now - 90 else 2000 + yy), m.span("yy")
            span = (span[0] - 1, span[1])
        if now - year >= 90:
            yield *span, "age_over_89", "likely"
