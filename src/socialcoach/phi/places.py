"""Geography smaller than a state: addresses, ZIP codes, towns, wards, rooms and beds."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import lexicon
from ._base import (
    _COUNTRIES,
    _EVENT_CUE,
    _MONTHS_FULL,
    _STATE_ABBR,
    _US_STATES,
    LETTER,
    LO,
    UP,
    Doc,
    Proposal,
    _c,
    _span,
    _words,
)
from .dates import _SCHEDULE_CUE
from .names import _HISTORY_CUE
from .registry import recognizer

_ADDRESS = _c(
    r"\b\d{1,5}\s+(?:[NSEW]\.?\s+|(?:North|South|East|West)\s+)?(?:[A-Z][a-z]+\.?\s+){1,3}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl"
    r"|Terrace|Ter|Circle|Cir|Highway|Hwy|Parkway|Pkwy|Square|Sq|Trail|Trl|Crescent|Close|Row"
    r"|Alley|Pike|Loop|Run|Gardens|Mews)\b\.?"
    r"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|Flat|#)\.?\s*#?[A-Za-z0-9-]+)?"
    r"|\b\d{1,5}\s+(?:Rue|Calle|Avenida|Av\.|Via|Chemin|Camino|Rua|Boulevard|Carrera)"
    r"(?:\s+(?:de|del|la|du|des|do|da)?\s*[A-ZÀ-Þ][\wÀ-ÿ'-]+){1,3}"
    r"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|Flat|#)\.?\s*#?[A-Za-z0-9-]+)?"
    r"|\b(?:P\.?\s?O\.?\s+Box|Post\s+Office\s+Box)\s+\d+"
)
_NOT_A_STREET = re.compile(rf"\b(?:{_MONTHS_FULL})\b|[a-z]\.\s+[A-Z]\w*\s+(?:Dr|St)\.?$")
_ZIP_CUE = _c(
    r"\b(?:zip|ZIP|Zip|postal|post)(?:\s*code)?\s*(?:is|was|:|#)?\s*(?P<v>\d{5}(?:-\d{4})?)\b",
    scan_first=True,
)
_ZIP_STATE = _c(rf"\b(?:{'|'.join(_STATE_ABBR)})\s+(?P<v>\d{{5}}(?:-\d{{4}})?)\b", scan_first=True)
# State abbreviations that are also words of the trade (CT the scanner, MS the disease, MD, PA
# the view or the assistant, OR the theatre, ME the examiner): after one of them, five digits
# are a ZIP only inside that state's USPS prefix range ("STAT CT 70450" is a CPT code; a
# Connecticut ZIP starts 060-069). Other states keep any five digits.
_AMBIGUOUS_STATE_PREFIXES = {
    "CT": ((60, 69),),
    "MS": ((386, 397),),
    "MD": ((206, 219),),
    "PA": ((150, 196),),
    "OR": ((970, 979),),
    "ME": ((39, 49),),
    "IN": ((460, 479),),
    "MA": ((10, 27), (55, 55)),
    "DE": ((197, 199),),
    "OK": ((730, 749),),
}


def _zip_fits_state(state: str, zip_code: str) -> bool:
    ranges = _AMBIGUOUS_STATE_PREFIXES.get(state)
    if ranges is None:
        return True
    prefix = int(zip_code[:3])
    return any(lo <= prefix <= hi for lo, hi in ranges)


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
# More places in a hospital, said where a patient was: a hallway bed, fast track, a trauma or
# resus bay, a named ward ("Hazel Ward"), and the rooms and beds of other languages ("Zimmer
# 214", "Schockraum 1", "Station 7B", "ch. 12", "habitación 3", "cama 4").
_GEO_UNIT_MORE = _c(
    r"\b(?:(?:ED\s+)?(?:hallway|corridor)\s+(?:bed\s+|spot\s+)?[A-Z]?\d{1,3}[A-Za-z]?"
    r"|[Ff]ast\s+[Tt]rack\s+\d{1,2}|FAST\s+TRACK\s+\d{1,2}|(?:TRAUMA|RESUS|Resus|[Tt]rauma)\s+\d{1,2}"
    r"|(?:CT|MRI|X-?ray|US)\s+bay\s+\d{1,2}"
    r"|(?:Zimmer|Schockraum|Station|Bett|chambre|ch\.|habitaci[oó]n|hab\.|cama|letto|stanza"
    r"|quarto|leito|box)\s*\d{1,4}[A-Za-z]?(?:,\s+(?:Station|Zimmer)\s+\d{1,3}[A-Za-z]?)?)\b"
    r"|\b(?!(?:Maternity|Surgical|Medical|Children|Childrens|Labour|Labor|Psychiatric|General"
    r"|Private|Isolation|Acute|Geriatric|Cardiac|Oncology|Stroke|Burns?|Day|Female|Male|Admissions"
    r"|Assessment|Observation|Respiratory|Renal|Orthopaedic|Orthopedic|Elderly|Covid|The|A|Our|My"
    r"|Every|Each|Which|That|This|Any)\s)[A-Z][a-z]{2,}\s+Ward\b"
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
    rf"|moved\s+here\s+from|home\s+in|(?:she|he|they|family)\s+(?:had\s+)?(?:moved|relocated)"
    rf"\s+(?:back\s+)?to)\s+(?:the\s+)?(?P<v>{_PLACE})"
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
        "July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept "
        "Oct Nov Dec Mon Tue Tues Wed Thu Thur Fri Sat Sun Twitter Instagram Facebook LinkedIn "
        "Bluesky Mastodon TikTok Reddit YouTube PubMed Google Epic Medicare Medicaid Emergency "
        "Trauma Surgery Oncology Cardiology Pediatrics Neurology Urology Orthopedics Residency "
        "Fellowship Grand Rounds Boston Criteria Fleischner Hounsfield Chiari Baker Salter Harris "
        "Monteggia Galeazzi Bosniak Fisher Hunt Hess Segond Hampton Westermark Kerley Graf Genant "
        "Suzuki Wilms Klippel Trenaunay Erdheim Chester Krukenberg Pancoast Boerhaave Marfan "
        "Crawford Moyamoya Pipeline Watchman Azure Medtronic Scientific"
    )
}


_PLACE_U = rf"[{UP}][{LO}]+(?:[ -](?:de |del |la |le |of |on |upon )?[{UP}][{LO}]+){{0,3}}"
_GAZ_FROM = _c(
    r"(?:\b|(?<=-))(?P<cue>from|in|near|outside(?:\s+of)?|of|around|out\s+(?:in|by|near)|up\s+in"
    r"|down\s+in|over\s+in|lives\s+in|living\s+in|grew\s+up\s+in|raised\s+in|born\s+in|at"
    # other languages: es/pt de, en; fr à, de; de aus, in, bei, von; vi ở, tại; tl taga-, sa
    r"|de|del|en|desde|à|au|aus|bei|von|nahe|ở|tại|từ|taga|sa|di|da|em|na|no)\s*-?\s*"
    r"(?:the\s+)?(?P<small>(?:(?:tiny|small|little|rural|remote|nearby|rural\s+little)\s+)?"
    r"(?:(?:town|village|hamlet|township|community|barangay|colonia|aldea|pueblo|kampung)\s+"
    r"(?:of\s+)?)?)"
    rf"(?P<v>{_PLACE_U})(?!{LETTER})"
)
_WORKPLACE_CUE = _c(
    r"\b(?:join(?:ed|ing|s)?|proud|our\s+team|residency|fellowship|program|I\s+work|we\s+work"
    r"|moving|moved\s+to|hiring|job|position|interview\w*|conference|meeting|congress|summit"
    r"|speak(?:ing)?|talk|lecture|grand\s+rounds|vacation|hotel|based\s+in|located\s+in"
    r"|practice\s+in|practicing\s+in|present(?:ing)?\s+at|excited|recruit\w*|accredit\w*"
    r"|rotate|rotation|site\s+visit|salary|FTE|our\s+(?:group|lab|department|hospital|practice))\b",
    re.IGNORECASE,
)
_PERSON_FROM = _c(
    r"\b(?:patients?|pts?|man|woman|boy|girl|lady|gentleman|guy|kid|child|infant|baby|he|she"
    r"|toddler|teen(?:ager)?|farmer|teacher|worker|miner|fisherman|student|athlete|rancher"
    r"|retiree|veteran|gymnast|runner|player|trucker|driver|logger|nurse|grandma|grandpa|mom"
    r"|dad|family|someone|\d{1,3}\s?(?:yo|y/o|[MF])|year-old|age\s+\d+|brought\s+(?:him|her"
    r"|them)(?:\s+in)?|transferred|airlifted|flown|drove|driven|came\s+in|came\s+down|came\s+up"
    r"|sent|referred|referral|transfer|relatives?|parents|folks|sister|brother|son|daughter"
    r"|wife|husband|mother|father|uncle|aunt|auntie|cousin|nephew|niece|grand(?:son|daughter"
    r"|child|kids?)|wh[aā]nau|lola|lolo|nana|nan|nanna|granny|gran|abuel[oa]|oma|opa|kuya|manong"
    r"|manang|mr|mrs|ms|miss|mx|herr|frau|sra?|señora|señor|doña|dona|seu|smt|shri|alhaji"
    r"|ông|bà|cụ)\b[^.!?\n]*$"
    # "a retired boxer from", "a rodeo clown from": a person noun by its ending, after "a"
    r"|\b(?:a|an)\s+(?:[a-z][\w'-]*\s+){0,3}[a-z][\w'-]*(?:er|or|ist|ian|man|woman|ee|ant|ent"
    r"|wife|clown|widow|chef|cook|monk|nun|priest|chief|cop|vet)['\u2019s]*,?\s*$",
    re.IGNORECASE,
)
# "came to my Skokie office": a town named as where a patient was seen, beside the patient.
_MY_PLACE = _c(
    rf"\b(?:my|our|his|her|their)\s+(?P<v>{_PLACE_U})\s+(?:office|clinic|practice|home|house"
    r"|apartment|farm|ranch|church|parish|neighbou?rhood)\b"
)
# A place on a named street: "the nursing home on Elm St", "the Greyhound station on Elm St",
# "Grace Chapel on Route 11" -- narrower than a town when a patient is beside it.
_ON_STREET = _c(
    r"\b(?P<v>(?:the\s+)?(?:[\w'\u2019-]+\s+){0,2}(?:home|house|station|church|chapel|school|bar"
    r"|diner|store|shop|shelter|motel|hotel|plant|factory|park|mall|center|centre|farm|trailer"
    r"|apartments?|building|restaurant|cafe|pub|gym|depot|yard)\s+(?:on|off)\s+"
    r"(?:(?:[A-Z][\w'\u2019-]*\s+){1,2}(?:St|Street|Rd|Road|Ave|Avenue|Dr|Drive|Blvd|Boulevard"
    r"|Lane|Ln|Way|Pike|Hwy|Highway|Court|Ct)\b\.?|(?:Route|Loop|Hwy|Highway|County\s+Road)\s+\d+))"
)
_FACILITY = _c(
    rf"(?<![{UP}{LO}])(?P<v>(?:(?:St\.?|Saint|San|Santa|Mount|Mt\.?|Our\s+Lady\s+of)\s+)?"
    rf"(?:[{UP}][{LO}'\u2019]+(?:-[{UP}][{LO}]+)?\s+){{1,3}}"
    r"(?:Hospital|Medical\s+Cent(?:er|re)|Regional(?:\s+Medical\s+Cent(?:er|re)|\s+Hospital)?"
    r"|General(?:\s+Hospital)?|Memorial(?:\s+Hospital)?|Clinic|Health\s+Cent(?:er|re)|Nursing"
    r"\s+(?:Home|Center|Facility)|Rehab(?:ilitation)?(?:\s+(?:Center|Hospital))?|Care\s+Cent(?:er"
    r"|re)|Hospice|Manor|Assisted\s+Living|Senior\s+Living|Retirement\s+(?:Home|Village)"
    r"|Correctional(?:\s+(?:Facility|Center))?|County\s+Jail|Jail|Prison|Elementary(?:\s+School)?"
    r"|High\s+School|Middle\s+School|Urgent\s+Care|Children['\u2019]s(?:\s+Hospital)?"
    r"|Infirmary|Sanatorium|Shelter|Mission|Lodge|Estates|Village|Farms?|Ranch|Mill|Sawmill"
    r"|Plant|Factory|Mine|Quarry|Refinery|Warehouse|Depot))\b"
)
_FACILITY_TIE = _c(
    r"\b(?:transferred|transfer|sent|came|brought|flown|airlifted|shipped|arrived|outside"
    r"|OSH|from|lives?\s+at|resident\s+of|resides|discharged\s+to|admitted\s+to|at)\b",
    re.IGNORECASE,
)
_UNIT_NAMED = _c(
    r"\b(?:(?:on|to|in|from)\s+)(?:the\s+)?(?P<v>\d{1,2}\s?(?:(?i:north|south|east|west)|N|S|E|W"
    r"|Tower|Pavilion)\b"
    r"(?:\s+(?:step-?down|tower|wing|unit|ICU))?|(?:MICU|SICU|CVICU|CCU|NICU|PICU|TICU|NSICU"
    r"|Neuro\s?ICU|burn\s+unit|step-?down|tele(?:metry)?|ortho\s+floor)(?:\s+(?:bed|room|pod"
    r"|bay)\s*#?\s*\d{1,3}[A-Z]?)?|(?:floor|pod|wing|unit)\s+\d{1,2}[A-Z]?)\b"
)


# A known place right before a care setting: "the Rock Springs ER", "a clinic in Yuma".
_PLACE_SETTING = _c(
    rf"(?<![{UP}{LO}])(?P<v>{_PLACE_U})\s+(?:ER|ED|IHS|VA|hospital|clinic|urgent\s+care|ICU"
    r"|nursing\s+home|rehab|fire\s+(?:department|dept)|EMS|ambulance|high\s+school|jail|prison"
    r"|plant|mill|mine|farm|ranch|rez|reservation|trailer\s+park|shelter)\b"
)
_PAREN_PLACE = _c(rf"\((?P<v>{_PLACE_U})\)")
_CITY_ZIP = _c(
    rf"(?<![{UP}{LO}])(?P<v>{_PLACE_U}),?\s+(?:[A-Z]{{2}}\s+)?(?P<z>\d{{5}})(?:-\d{{4}})?\b"
)
_TO_PLACE = _c(
    r"\b(?i:drove|driven|drive|flown|flew|airlifted|transferred|sent|shipped|moved|brought)\b"
    rf"[^.!?\n]{{0,30}}?\bto\s+(?P<v>{_PLACE_U})"
)
_ROOM_ANY = _c(
    r"\b(?:in|on|to|into|from|at)\s+(?:the\s+)?(?P<v>(?:scanner|CT|MRI|MR|US|room|rm|bay|resus"
    r"|pod|trauma\s+bay|suite|bed|cubicle|stall)\s*#?\s*\d{1,3}[A-Za-z]?)\b(?!\s*(?:weeks?|days?"
    r"|months?|hours?|mins?|minutes|times|years?|mm|cm|%))"
    r"|\b(?P<w>(?:RM|Rm|rm|ROOM|BED|Bed|bed|BAY|Bay)\s*#?\s*\d{1,4}[A-Za-z]?)\b",
    re.IGNORECASE,
)


_AFTER_ADDRESS = _c(rf",\s*(?P<v>{_PLACE_U})(?!{LETTER})")
# A known place anywhere in a post about a patient: "Sheridan County no es Jalisco",
# "Hospital is in Tillamook" -- possible, since it may be where the author works.
_ANY_PLACE = _c(rf"(?<![{UP}{LO}@#/.-])(?P<v>{_PLACE_U})(?!{LETTER})")
_COUNTY = _c(
    rf"(?<![{UP}{LO}])(?P<v>(?:{_PLACE_U})\s+(?:County|Parish|Township|Borough|Reservation"
    r"|Nation|Valley|Village|Heights|Springs|Falls|Creek|Hollow|Ridge))\b"
)


_FACILITY_FIRST = _c(
    rf"\b(?P<v>(?:Hôpital|Hopital|Hospital|Klinikum|Krankenhaus|Kreiskrankenhaus|Kreisklinik"
    r"|Clínica|Clinica|Clinique|Ospedale|Policlinico|Centro\s+(?:Médico|Medico|de\s+Salud)"
    r"|Centre\s+hospitalier|Sanatorio|Sanatorium|Hospicio|Residencia|Maison\s+de\s+retraite"
    r"|Pflegeheim|Altenheim)"
    rf"(?:\s+(?:de|del|de\s+la|du|des|régional\s+du|regional|universitario|St\.?|Sainte?-?))*"
    rf"\s*[{UP}][{LO}'\u2019-]+(?:[\s-][{UP}][{LO}'\u2019-]+){{0,2}})"
)
_ROOM_OTHER = _c(
    r"\b(?P<v>(?:cuarto|habitaci[óo]n|chambre|zimmer|phòng|sala|quarto|stanza|box|cama|lit|bett)"
    r"\s*#?\s*\d{1,4}[A-Za-z]?|(?:ICU|MICU|SICU|PICU|NICU|CCU|ED|ER|PACU)(?:[-\s]+(?:BAY|Bay|bay"
    r"|BED|Bed|bed|RM|Rm|rm|room|phòng|pod|POD))?[-\s]*#?\s*\d{1,3}[A-Z]?)\b"
)


# Hospital brands before a place ("Mercy Ridgeway", "Good Sam"), a clinic on a named street,
# natural features ("Lake Minnewaska", "the Kettle River"), and rural roads ("CR 3", "FM 1960").
_PLACE_FORMS = _c(
    rf"\b(?P<v>(?:Mercy|Good\s+Sam(?:aritan)?|Baptist|Methodist|Presbyterian|Adventist|Kaiser"
    rf"|Providence|Sutter|Atrium|Novant|Sentara|Sanford|Avera|Essentia|Intermountain)"
    rf"(?:\s+[{UP}][{LO}]+){{0,2}})"
    rf"|\b(?P<w>[{UP}][{LO}]+\s+(?:Road|Street|Avenue|St|Rd|Ave|Lane|Pike)\s+(?:[{UP}][{LO}]+"
    r"['\u2019]s\s+)?(?:clinic|Clinic|Center|Centre|health\s+center|Health\s+Center|office|Office))"
    rf"|\b(?P<x>(?:Lake|Mount|Mt\.|Bayou|Fort|Lock\s+and\s+Dam)\s+[{UP}0-9][{LO}0-9]*"
    rf"|(?:the\s+)?[{UP}][{LO}]+\s+(?:River|Creek|Canyon|Gulch|Bayou|Reservoir|Pond|Hollow|Ridge)"
    r"(?:\s+[a-z]+\s+(?:pit|mine|quarry|camp|farm|ranch))?)"
    r"|\b(?P<y>(?:the\s+\w+\s+off\s+)?(?:CR|FM|RR|SR|County\s+Road|Farm\s+Road|Ranch\s+Road)\s*\d{1,4})\b"
)


def _place_words(place: str) -> str | None:
    """The longest leading part of `place` the gazetteer knows, or None."""
    words = place.split()
    for n in range(len(words), 0, -1):
        cand = " ".join(words[:n])
        if lexicon.is_place(cand):
            return cand
    return None


def _place_ok(place: str) -> bool:
    p = place.lower()
    if p in _US_STATES or p in _COUNTRIES:
        return False
    return p.split()[0] not in _NOT_PLACES and p.split()[-1] not in _NOT_PLACES


@recognizer("places")
def places(doc: Doc) -> Iterator[Proposal]:
    text = doc.text
    for m in _ADDRESS.finditer(text):
        if _NOT_A_STREET.search(m.group()):
            continue  # "1 February. Contact Dr. Obi": a date and a title, not a street
        yield m.start(), m.end(), "address"
        after = _AFTER_ADDRESS.match(text, m.end())
        if after:
            yield *after.span("v"), "geo_small", "likely"  # the town of a street address
    for m in _ZIP_CUE.finditer(text):
        yield *m.span("v"), "zip"
    for m in _ZIP_STATE.finditer(text):
        if _zip_fits_state(m.group().split()[0], m["v"]):
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
    for m in _GEO_UNIT_MORE.finditer(text):
        if doc.person(m.start()) or doc.clinical_near(m.start()):
            yield m.start(), m.end(), "geo_small"
    for m in _GEO_NAMED.finditer(text):
        s, e = _span(m, "v", "w", "x", "y")
        if _place_ok(text[s:e]) and doc.person(s):
            yield s, e, "geo_small"
    for m in _GEO_LIVES.finditer(text):
        s, e = _span(m, "v", "w")
        if not _place_ok(text[s:e]):
            continue
        if m["w"] and (not lexicon.is_place(m["w"]) or lexicon.ordinary(m["w"].split()[0])):
            # "German resident, long post", "Alberta resident here": in a physician's post a
            # resident is a trainee, and a nationality or a province is no town
            continue
        yield s, e, "geo_small"
    for m in _GEO_FROM.finditer(text):
        s, e = m.span("v")
        place = text[s:e]
        if not _place_ok(place) or lexicon.is_given(place.split()[0]):
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
    for m in _GAZ_FROM.finditer(text):
        place = m["v"]
        s = m.start("v")
        small = bool(m["small"].strip())
        known = _place_words(place)
        if known is None and not small:
            continue
        name = known or place
        if not _place_ok(name):
            continue
        if " " not in name and lexicon.ordinary(name) and not small:
            continue  # "in Case", "from Reading"
        if not small and (
            doc.has(s, _WORKPLACE_CUE, "workplace")
            or doc.has(s, _EVENT_CUE, "event")
            or doc.has(s, _HISTORY_CUE, "history")
        ):
            continue
        cue = m["cue"].lower()
        before = text[max(0, m.start() - 80) : m.start()]
        if small or cue != "in" and cue != "of" and _PERSON_FROM.search(before):
            yield s, s + len(name), "geo_small", "likely"
        elif (
            doc.person(s)
            or doc.clinical_near(s)
            or (known and doc.draft_clinical() and not doc.has(s, _SCHEDULE_CUE, "schedule"))
        ):
            yield s, s + len(name), "geo_small", "possible"
    if doc.draft_clinical():
        for m in _COUNTY.finditer(text):
            if _place_ok(m["v"].rsplit(" ", 1)[0]) and not doc.has(
                m.start(), _WORKPLACE_CUE, "workplace"
            ):
                yield *m.span("v"), "geo_small", "likely"
        for m in _ANY_PLACE.finditer(text):
            known = _place_words(m["v"])
            if not known or not _place_ok(known):
                continue
            s0 = m.start("v")
            if doc.sentence(s0)[0] == s0 and " " not in known:
                continue  # a capital at a sentence start says nothing
            if lexicon.ordinary(known) or lexicon.is_given(known) or lexicon.is_surname(known):
                continue  # "Reading", "Logan", "Chester": only with a stronger cue
            if doc.has(s0, _WORKPLACE_CUE, "workplace") or doc.has(s0, _EVENT_CUE, "event"):
                continue
            if doc.has(s0, _HISTORY_CUE, "history"):
                continue
            yield s0, s0 + len(known), "geo_small", "possible"
    for m in _ON_STREET.finditer(text):
        if doc.has(m.start(), _WORKPLACE_CUE, "workplace"):
            continue
        if doc.person(m.start()) or doc.clinical_near(m.start()):
            yield *m.span("v"), "geo_small", "likely"
    for m in _MY_PLACE.finditer(text):
        known = _place_words(m["v"])
        ok = (
            known is not None
            and known == m["v"]
            and _place_ok(known)
            and not lexicon.ordinary(known)
        )
        if ok and doc.person(m.start()) and (doc.clinical_near(m.start()) or doc.draft_clinical()):
            yield *m.span("v"), "geo_small", "possible"
    for m in _FACILITY_FIRST.finditer(text):
        if doc.draft_clinical() and not doc.has(m.start(), _WORKPLACE_CUE, "workplace"):
            yield *m.span("v"), "geo_small", "likely"
    for m in _ROOM_OTHER.finditer(text):
        if doc.clinical_near(m.start()) or doc.person(m.start()) or doc.draft_clinical():
            yield *m.span("v"), "geo_small", "possible"
    for m in _PLACE_FORMS.finditer(text):
        s0, e0 = _span(m, "v", "w", "x", "y")
        if doc.has(s0, _WORKPLACE_CUE, "workplace") or doc.has(s0, _EVENT_CUE, "event"):
            continue
        if m["v"] and (s0 == doc.sentence(s0)[0] or " " not in m["v"].strip()):
            continue  # a lone "Mercy" or "Kaiser" may be the author's employer
        if doc.clinical_near(s0) or doc.person(s0) or doc.draft_clinical():
            road = m["y"] is not None and not m["y"].startswith("the ")
            # "lives out on County Road 12": a rural road is where someone lives, an address
            yield s0, e0, "address" if road else "geo_small", "possible"
    for m in _PLACE_SETTING.finditer(text):
        known = _place_words(m["v"])
        ok = known and _place_ok(known) and not doc.has(m.start(), _WORKPLACE_CUE, "workplace")
        if known and ok and (doc.clinical_near(m.start()) or doc.person(m.start())):
            yield m.start("v"), m.start("v") + len(known), "geo_small", "likely"
    for m in _PAREN_PLACE.finditer(text):
        known = _place_words(m["v"])
        ok = (
            known is not None
            and known == m["v"]
            and _place_ok(known)
            and not lexicon.ordinary(known)
        )
        if ok and (doc.clinical_near(m.start()) or doc.person(m.start())):
            yield *m.span("v"), "geo_small", "possible"
    for m in _CITY_ZIP.finditer(text):
        known = _place_words(m["v"])
        if known and _place_ok(known):
            yield m.start("v"), m.start("v") + len(known), "geo_small", "likely"
            yield *m.span("z"), "zip", "likely"
    for m in _TO_PLACE.finditer(text):
        known = _place_words(m["v"])
        ok = known and _place_ok(known) and (" " in known or not lexicon.ordinary(known))
        if (
            known
            and ok
            and not doc.has(m.start(), _WORKPLACE_CUE, "workplace")
            and (doc.person(m.start("v")) or doc.clinical_near(m.start("v")))
        ):
            yield m.start("v"), m.start("v") + len(known), "geo_small", "possible"
    for m in _ROOM_ANY.finditer(text):
        s0, e0 = _span(m, "v", "w")
        if _GEO_ROOM_VETO.search(text, max(0, s0 - 15), s0):
            continue
        # a worklist's "RM 1207" or "rm 614B" next to a case; "room 3 has the 3T magnet" is not
        listed = m["w"] and re.match(r"(?:RM|Rm|rm|BED|BAY)\b", m["w"])
        if doc.person(s0) or (listed and (doc.clinical_near(s0) or doc.draft_clinical())):
            yield s0, e0, "geo_small", "possible"
    for m in _FACILITY.finditer(text):
        s, e = m.span("v")
        if doc.has(s, _WORKPLACE_CUE, "workplace") or doc.has(s, _HISTORY_CUE, "history"):
            continue
        tie = _FACILITY_TIE.search(text, max(0, s - 40), s)
        if tie and (doc.person(s) or doc.clinical_near(s)):
            yield s, e, "geo_small", "likely"
        elif doc.clinical_near(s):
            yield s, e, "geo_small", "possible"
    for m in _UNIT_NAMED.finditer(text):
        if doc.clinical_near(m.start()) or doc.person(m.start()):
            yield *m.span("v"), "geo_small", "possible"
    for m in _GEO_CITY_STATE.finditer(text):
        s, e = m.span("v")
        if _place_ok(text[s:e]) and doc.person(s) and doc.clinical(s):
            yield s, e, "geo_small"
