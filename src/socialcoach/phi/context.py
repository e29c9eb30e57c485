"""Re-identifying context: recency, public roles, relatives, news events, one-of-a-kind cases.

None of these names the patient; each lets someone who knows them recognise them. Recency
("this a.m.", "over the long weekend", "anoche", "ce matin") counts only in a sentence about a
case; a relative or neighbour ("my uncle") only in a sentence about care; a news event is a
definite one ("the highway pile-up", "the barn fire on Route 9").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain as _chain
from re import Match
from typing import Any

from ._base import _EVENT_CUE, _WEEKDAYS, Doc, Proposal, _c, cued_near_person
from .dates import _DATE_EVENT, _SCHEDULE_CUE
from .registry import recognizer

_RECENT = _c(
    r"\b(?:(?:earlier|later|late)\s+)?(?:yesterday(?:'s)?|today(?:'s)?|tonight(?:'s)?"
    r"|tomorrow(?:'s)?|this\s+(?:morning|afternoon|evening|week|weekend|month|arvo)(?:'s)?"
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
# Recency that dates the author's programme, not a case: "Today's teaching", "this week's video".
_RECENT_NOT_A_CASE = _c(
    r"(?:today|tonight|this\s+week|this\s+morning|yesterday)['\u2019]s\s+(?:[\w-]+\s+)?"
    r"(?:teaching|reminder|count|video|quiz|tip|lecture|post|session|episode|lesson|talk|webinar"
    r"|tutorial|poll|question|thread|topic|meeting|huddle|rounds|numbers|tally|stats|list)\b",
    re.IGNORECASE,
)
# A sentence that counts cases in the plural ("scanned 22 patients today", "11 ventilated
# patients", "14 growth scans"): a workload; and what makes it about one patient after all.
_CASES_COUNTED = _c(
    r"\b\d{1,3}\s+(?:[A-Za-z-]+\s+){0,2}(?:patients|pts|scans|studies|films|cases|exams|shoulders"
    r"|knees|chests|CXRs|MRIs|CTs|x-rays|ultrasounds|mammograms|biopsies|reads|heads)\b",
    re.IGNORECASE,
)
_ONE_PATIENT = _c(
    r"\b(?:\d{1,3}\s?(?:yo|y/o|-?year-old|[MF])|(?:a|the|this|our|my)\s+(?:patient|pt|lady|man"
    r"|woman|guy|kid|boy|girl)|he|she|his|her|him)\b",
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
# The same for the offices of the UK, Ireland, Australia and Canada: a pattern of its own, so
# each keeps its literal precondition (a list of over 48 words has none).
_PUBLIC_ROLE_MORE = _c(
    # written out in each case (not re.IGNORECASE) so that "MP" and "TD" are the offices, not
    # the letters inside "temp" or "std", and the pattern keeps its literal precondition
    r"\b(?:(?:[Tt]he|THE|[Oo]ur|OUR|[Aa]|[Yy]our|YOUR|[Mm]y|MY|[Tt]his|THIS)\s+)(?:(?:[Ll]ocal|LOCAL"
    r"|[Tt]own|TOWN|[Cc]ity|CITY|[Cc]ounty|COUNTY|[Ff]ormer|FORMER|[Bb]eloved|BELOVED|[Ff]amous"
    r"|FAMOUS|[Ww]ell-known|WELL-KNOWN)\s+)*(?:MP|MSP|MLA|MPP|TD|mp|msp|mla|mpp|td|[Cc]ouncillor"
    r"|COUNCILLOR|Lord\s+Mayor|lord\s+mayor|LORD\s+MAYOR|[Pp]rovost|PROVOST|[Hh]eadteacher"
    r"|HEADTEACHER|[Hh]eadmaster|HEADMASTER|[Hh]eadmistress|HEADMISTRESS)"
    r"(?:['\u2019][sS](?:\s+(?:wife|husband|son|daughter|mother|father|kid|child|WIFE|HUSBAND|SON"
    r"|DAUGHTER|MOTHER|FATHER|KID|CHILD))?)?\b"
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


_RECENT_MORE = _c(
    r"\b(?:this|tonight|last|yesterday|today)\s+(?:a\.?m\.?|p\.?m\.?)(?![a-z])"
    r"|\b(?:over|during|on|this|last|over\s+the|during\s+the)\s+(?:the\s+)?(?:long\s+|holiday\s+"
    r"|past\s+)?weekend\b|\bthis\s+past\s+(?:week|weekend|night|shift)\b"
    r"|\b(?:earlier|later)\s+(?:this|today|tonight)(?:\s+(?:week|morning|evening|afternoon))?\b"
    r"|\b(?:a\s+)?(?:couple|few)\s+(?:of\s+)?(?:hours|hrs|days|nights|shifts)\s+(?:ago|back)\b"
    r"|\b(?:on|during)\s+(?:my\s+|last\s+)?(?:night\s+float|nights|call)\s+(?:last\s+\w+"
    r"|this\s+week|tonight)\b|\bmoments?\s+ago\b|\bright\s+now\b|\bas\s+we\s+speak\b"
    r"|\bjust\s+(?:read|scanned|saw|finished|called|came\s+in|rolled\s+in|had|got|received"
    r"|admitted|discharged|diagnosed|intubated|delivered|sent|reported|found)\b"
    r"|\bon\s+call\s+(?:tonight|last\s+night|today|yesterday)\b"
    # other languages: es, fr, de, it, pt
    r"|\b(?:anoche|ayer|hoy|esta\s+(?:mañana|manana|tarde|noche)|anteayer|hier(?:\s+soir)?"
    r"|aujourd['\u2019]hui|ce\s+matin|cette\s+nuit|ce\s+soir|cette\s+semaine|gestern(?:abend)?"
    r"|heute(?:\s+(?:morgen|früh|nacht|abend))?|letzte\s+nacht|oggi|ieri(?:\s+sera)?|stamattina"
    r"|stanotte|stasera|ontem|hoje|esta\s+manhã|ontem\s+à\s+noite|gestern\s+nacht|vorgestern"
    r"|hôm\s+qua|hôm\s+nay|sáng\s+nay|tối\s+qua|đêm\s+qua|tuần\s+trước|kahapon|kagabi|kanina"
    r"|ngayon|noong\s+isang\s+araw|la\s+semana\s+pasada|el\s+fin\s+de\s+semana|le\s+week-end"
    # the same typed without accents, and more weeks and mornings
    r"|hom\s+nay|hom\s+qua|sang\s+nay|toi\s+qua|dem\s+qua|tuan\s+truoc|(?:na\s+)?semana\s+passada"
    r"|m[êe]s\s+passado|la\s+semaine\s+derni[èe]re|letzte\s+woche|vergangene\s+woche"
    r"|bukas\s+ng\s+(?:umaga|hapon|gabi)|mamaya|ma[ñn]ana\s+(?:temprano|por\s+la\s+mañana))\b",
    re.IGNORECASE,
)
_RELATIVE = _c(
    r"\b(?:my|our|his|her)\s+(?:(?:own|dear|sweet|elderly|late|next-door|actual|real|favou?rite"
    r"|beloved|old|great|little|big|older|younger|baby)\s+)?"
    r"(?:(?:great-?)?grand(?:mother|father|ma|pa|mom|dad|parents?)|mother|father|mom|mum|dad"
    r"|mama|papa|parents?|uncle|aunt|auntie|cousin|nephew|niece|brother|sister|sibling|son"
    r"|daughter|kid|child|wife|husband|partner|spouse|fianc[ée]e?|in-laws?|mother-in-law"
    r"|father-in-law|sister-in-law|brother-in-law|step(?:mom|dad|mother|father|son|daughter)"
    r"|neighbou?rs?|roommate|landlord|landlady|best\s+friend|friend['\u2019]?s\s+\w+|coworker"
    r"|co-worker|boss|pastor|barber|mail\s?man|babysitter|nanny|granny|nana|nan|nanna|gran"
    r"|grandad|granda|abuela|abuelo|tía"
    r"|tío|lola|lolo|tita|tito|nanay|tatay|oma|opa|nani|dadi|nanaji|dadaji|amma|appa|paati"
    r"|thatha|ammachi|bubbe|zayde|yiayia|nonna|nonno|babcia|dziadek"
    r"|old\s+\w+\s+(?:grade\s+)?teacher|teacher"
    r"|kid['\u2019]?s\s+(?:teacher|coach|friend)|son['\u2019]?s\s+\w+|daughter['\u2019]?s\s+\w+)"
    r"(?![\w-])",
    re.IGNORECASE,
)
# Notable roles the lists above lack, in the places writers outside the US name them: a local
# legend, a traditional ruler, a freedom fighter, a town's mayor in Filipino.
_ROLE_ABROAD = _c(
    r"\blocal\s+(?:[\w-]+\s+)?(?:legend|hero|celebrity)\b"
    r"|\b(?:a|an|the|our|this)\s+(?:[\w-]+\s+){0,2}?(?:vlogger|tiktoker|igwe|oba|emir"
    r"|village\s+(?:head|chief|elder)|headman)\b"
    r"|\b(?:freedom\s+fighter|guerrilla\s+(?:veteran|fighter)|war\s+hero|traditional\s+ruler"
    r"|barangay\s+captain)s?\b"
    r"|\b(?:ehemalige[rn]?|früher(?:e[rn]?)?|langjährige[rn]?)\s+(?:bürgermeister(?:in)?|pfarrer"
    r"|landrat|abgeordnete[rn]?|bischof)\b"
    r"|\b(?:mayor|alkalde|kapitan|konsehal)\s+(?:ng|sa)\s+(?:bayan|barangay|lungsod)\b",
    re.IGNORECASE,
)
_RELATIVE_OWN = _c(r"^(?:my|our|mi|mis|ma|mon|mes|mein|meine|meiner|nuestr[oa])\b", re.IGNORECASE)
_RELATIVE_OTHER_LANG = _c(
    r"\b(?:mi|mis|nuestr[oa]s?)\s+(?:querid[oa]\s+)?(?:abuel[oa]s?|abuelit[oa]|t[ií][oa]|madre|padre"
    r"|mam[áa]|pap[áa]|herman[oa]|prim[oa]|sobrin[oa]|hij[oa]|espos[oa]|vecin[oa]|suegr[oa]"
    r"|cuñad[oa]|nieto|nieta)\b"
    r"|\b(?:ma|mon|mes)\s+(?:grand-mère|grand-père|mère|père|oncle|tante|cousine?|voisine?|frère"
    r"|sœur|soeur|fils|fille|mari|femme|belle-mère|beau-père)\b"
    r"|\b(?:mein|meine|meiner|meinem|unser|unsere)\s+(?:Oma|Opa|Mutter|Vater|Onkel|Tante"
    r"|Nachbar(?:in)?|Bruder|Schwester|Cousine?|Großmutter|Großvater|Schwiegermutter|Sohn"
    r"|Tochter|Mann|Frau)\b"
    r"|\b(?:lola|lolo|tita|tito|pinsan|kapitbahay)\s+ko\b"
    r"|\b(?:meu|minha|meus|minhas)\s+(?:av[ôó]|av[óô]s|pai|m[ãa]e|ti[oa]|prim[oa]|irm[ãa]o?|vizinh[oa]"
    r"|sogr[oa]|filh[oa]|netinh?[oa])\b"
    r"|\b(?:mere|meri|mera|hamare|hamari)\s+(?:nanaji|nani|dadaji|dadi|dada|nana|chacha|chachi"
    r"|mama|mami|bua|mausi|bhai|behen|papa|maa)\b"
    r"|\b(?:ông|bà|ong|ba)\s+(?:nội|ngoại|noi|ngoai)(?:\s+(?:em|tôi|toi|mình|minh))?\b",
    re.IGNORECASE,
)
_CARE_CUE = _c(
    r"\b(?:patients?|pts?|scann?(?:ed|ing)|imaged|read|CT|CTA|MRI|MR|x-?rays?|films?|ultrasound"
    r"|mammo\w*|biops\w*|ED|ER|ICU|admitted|came\s+in|brought|showed|shows|found|diagnos\w*"
    r"|fracture\w*|mass|tumou?r|cancer|bleed|stroke|PE|clot|surgery|study|studies|exam"
    r"|worklist|list|case|report)\b",
    re.IGNORECASE,
)
_NEWS_EVENT = _c(
    r"\b(?:the|that|this|last\s+night['\u2019]?s|yesterday['\u2019]?s|today['\u2019]?s"
    r"|this\s+morning['\u2019]?s|saturday['\u2019]?s|sunday['\u2019]?s|friday['\u2019]?s)\s+"
    r"(?:[\w'\u2019-]+\s+){0,3}?(?:pile-?ups?|fires?|blaze|crash|collision|wreck|shooting|stabbing"
    r"|explosion|blast|derailment|tornado|flood(?:ing)?|rollover|bus\s+accident|incident|attack"
    r"|storm|hurricane|landslide|mudslide|avalanche|building\s+collapse|collapse|standoff"
    r"|riot|protest|rampage|spree|massacre|outbreak|poisoning|drowning|capsiz\w+|plane\s+crash"
    r"|mass\s+casualty(?:\s+incident)?|MCI|bombing)\b"
    r"(?:\s+(?:on|at|in|near|off|outside)\s+(?:the\s+)?(?:Route|Rt\.?|I-|Highway|Hwy|[A-Z])[\w-]*"
    r"(?:\s+\d+|\s+[A-Z]\w+)?)?",
    re.IGNORECASE,
)
# A kind of accident specific enough to be one event: "the combine accident", "grain silo
# collapse", "boat fire", "scaffolding fall downtown", "the Route 30 hit-and-run".
_EVENT_KIND = _c(
    r"\b(?:(?:the|a|that|this)\s+)?(?:[\w-]+\s+){0,2}?(?:silo|combine|tractor|barn|boat|bus|truck"
    r"|train|plane|house|apartment|factory|mine|scaffolding|trench|fireworks|atv|dirt\s+bike"
    r"|motorcycle|school\s+bus|grain\s+bin|bull|rodeo|hunting|logging|chainsaw|snowmobile|jet\s+ski"
    r"|swimming|diving|boating|ski|skiing|roofing|ladder|elevator|crane|forklift|pileup|canyon"
    r"|highway|interstate|freeway|route|bridge|parade|stadium|concert|church|school|mall)\s+"
    r"(?:fire|crash|collapse|explosion|accident|rollover|wreck|fall|derailment|pile-?up|shooting"
    r"|stabbing|attack|incident|drowning|hit-and-run|collision|blast|flood)\b"
    r"(?:\s+(?:downtown|uptown|last\s+\w+|on\s+[A-Z][\w-]*(?:\s+\d+)?))?"
    r"|\b(?:the|that)\s+(?:Route|Rt\.?|Hwy|Highway|I-?)\s*\d+\s+(?:[\w-]+\s+)?(?:crash|pile-?up"
    r"|wreck|hit-and-run|collision|accident|rollover)\b",
    re.IGNORECASE,
)
_RETIRED = _c(
    r"\b(?:retired|former|ex-|longtime|long-time)\s*(?:[A-Z][\w-]+\s+){0,2}(?:[a-z]+\s+){0,2}?"
    r"(?:\w+(?:man|woman|er|or|ist|ian)|nurse|cop|officer|sergeant|marine|soldier|pilot|chief"
    r"|teacher|judge|priest|nun|lineman|coach|athlete|player|quarterback|boxer|jockey|miner"
    r"|firefighter|sheriff|mayor|senator|pastor|principal|clown|cowboy|rancher|farmer|logger"
    r"|trucker|welder|machinist|lineman|nun|deputy|ranger|astronaut|chef|dancer|singer)\b",
)
_OTHERS_RELATIVE = _c(
    r"\bthe\s+(?:\w+\s+)?\w+['\u2019]s\s+(?:nephew|niece|son|daughter|wife|husband|mother"
    r"|father|mom|dad|grandson|granddaughter|grandmother|grandfather|brother|sister|cousin|kid"
    r"|widow|uncle|aunt)\b",
    re.IGNORECASE,
)
# More context a colleague or neighbour would recognise: how it happened when that is unusual,
# whose relative the patient is, and a patient who is one of us.
_MORE_CONTEXT = _c(
    r"\b(?:fell|fall(?:ing)?|thrown|kicked|gored|trampled)\s+(?:off|from|through|by)\s+(?:a|an|the"
    r"|his|her|their)\s+(?:[\w-]+\s+)?(?:tractor|roof|horse|bull|silo|combine|ice|bridge|cliff"
    r"|balcony|deer\s+stand|tree\s?stand|hay\s*loft|scaffold(?:ing)?|ladder\s+at\s+the\s+\w+"
    r"|grain\s+bin|barn|stage|float|ski\s+lift)\b"
    r"|\bpulled\s+from\s+(?:the|a)\s+(?:river|lake|pond|creek|water|wreck(?:age)?|rubble|fire"
    r"|surf|ocean|canal|quarry)\b"
    r"|\bcollapsed\s+(?:on|at)\s+the\s+(?:sideline|field|court|finish\s+line|altar|stage|rink"
    r"|pitch)\b|\bhit[- ]and[- ]run\b|\bfell\s+splitting\s+\w+\b"
    r"|\brolled\s+(?:his|her|their|a|the)\s+[\w-]+\s+(?:off|into|down)\s+(?:the|a)\s+\w+"
    r"|\b(?:grand(?:ma|pa|mother|father|son|daughter)|great-grand\w+|mother|father|mom|dad|wife"
    r"|husband|son|daughter|sister|brother|cousin|uncle|aunt|niece|nephew)\s+of\s+(?:one\s+of\s+)?"
    r"(?:our|my|their|a|the)\s+(?:[\w-]+\s+)?(?:nurses?|techs?|housekeepers?|colleagues?"
    r"|residents?|attendings?|co-?workers?|staff|surgeons?|doctors?|students?|medics?|fellows?)\b"
    r"|\b(?:a|an|our\s+own|one\s+of\s+our)\s+(?:RN|nurse|tech|technologist|doctor|physician"
    r"|resident|medic|paramedic|EMT|pharmacist|sonographer|radiologist)s?\s+(?:at|in|from)\s+"
    r"(?:our|my|this)\s+(?:hospital|department|unit|ED|ER|practice|clinic|group)\b"
    r"|\b(?:I|we)\s+(?:used\s+to\s+)?(?:precept(?:ed)?|train(?:ed)?|work(?:ed)?\s+with|mentor(?:ed)?"
    r"|taught)\s+(?:her|him|them)\b"
    r"|\b(?:a|the)\s+[A-Z]\w+\s+(?:nun|monk|priest|sister|brother|friar)\b"
    # one of the staff as the patient: "a nurse at our own hospital", "parents are nurses at
    # this same hospital"
    r"|\b(?:(?:a|an|our\s+own|one\s+of\s+our)\s+|(?:are|is|was|were)\s+(?:a\s+|an\s+)?)"
    r"(?:RN|nurse|tech|technologist|doctor|physician|resident|medic|paramedic|EMT|pharmacist"
    r"|sonographer|radiologist|radiographer|porter|cleaner|surgeon)s?\s+(?:at|in|on|from)\s+"
    r"(?:our|my|this)\s+(?:own\s+|same\s+|very\s+)?(?:hospital|department|unit|ward|ED|ER|A&E"
    r"|practice|clinic|group|trust)\b"
    # a colleague's or a boss's relative as the patient
    r"|\b(?:my|our)\s+(?:boss|consultant|colleague|attending|chief|registrar|co-?worker|supervisor"
    r"|program\s+director|chair)['\u2019]s\s+(?:wife|husband|son|daughter|mum|mom|dad|mother"
    r"|father|kid|child|partner|nan|gran|grandmother|grandfather)\b"
    r"|\b(?i:WWII|WW2|world\s+war\s+(?:ii|2|two))\s+(?i:navy|army|marine|air\s+force|vet|veteran"
    r"|pilot|nurse|medic)s?\b"
)
# A named event: "the Calle Ocho fire", "the Lake Shore Drive bus crash", "Chuckwagon Diner fire".
_NAMED_EVENT = _c(
    r"\b(?:the\s+)?(?:[A-Z][\w'\u2019-]+\s+){1,3}(?:(?:bus|boat|house|car|truck|train|plane"
    r"|barn|apartment|diner|restaurant|factory|mine|school|church|bridge|canyon|highway|road"
    r"|swimming|river|lake)\s+)?(?:fire|crash|pile-?up|explosion|collapse|shooting|stabbing"
    r"|derailment|wreck|rollover|accident|flood|blaze|standoff|drowning)\b"
    r"(?:\s+(?:on|at|in|near)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:St|Rd|Ave|Dr|Hwy|Street|Road)\b)?)?"
    r"|\bthe\s+(?:fire|crash|explosion|shooting|collapse)\s+at\s+the\s+(?:[\w'-]+\s+){1,3}?on\s+"
    r"[A-Z]\w+(?:\s+(?:St|Rd|Ave|Dr|Street|Road)\b)?"
)
_NEWS_VETO = _c(
    r"\b(?:fire\s+(?:alarm|drill|extinguisher|marshal|code)|alarm|drill|protocol|simulation|sim"
    r"|training|exercise|lecture|case\s+series|teaching|review|literature|tabletop)\b",
    re.IGNORECASE,
)
_NEWS_SPECIFIC = _c(
    r"(?:pile-?up|barn|house|apartment|warehouse|factory|highway|freeway|interstate|route|bus"
    r"|school|church|mall|bridge|train|plane|boat|mass|multi-?car|\d+-car|[A-Z]\w+|I-\d+"
    r"|Hwy|Route|Rt)"
)
_ROLE = _c(
    r"\b(?:(?:a|the|our|an|this|local|former|retired|ex-|famous|well-known|beloved|legendary"
    r"|longtime|long-time|award-winning)\s+)+"
    r"(?:[\w-]+\s+){0,2}?(?:quarterback|pitcher|linebacker|coach|boxer|wrestler|jockey|olympian"
    r"|astronaut|senator|congress(?:man|woman)|mayor|governor|sheriff|judge|anchor|news\s+anchor"
    r"|weather(?:man|woman)|DJ|radio\s+host|TV\s+host|chef|singer|rapper|actor|actress"
    r"|musician|guitarist|drummer|author|novelist|pastor|priest|rabbi|imam|bishop|principal"
    r"|superintendent|police\s+chief|fire\s+chief|firefighter|CEO|founder|owner|celebrity"
    r"|influencer|youtuber|streamer|athlete|player|champion|beauty\s+queen|pageant\s+winner)\b"
    r"|\b(?:Korean|Vietnam|Gulf|Iraq|Afghanistan|Civil|World\s+War\s+(?:II|2|I|One|Two)|WWII|WW2"
    r"|WWI)\s+(?:War\s+)?(?:vet(?:eran)?s?|POWs?|survivors?|pilots?|medics?|nurses?)\b"
    r"|\b(?:Holocaust|9/11|Pearl\s+Harbor|D-Day|Normandy)\s+(?:survivor|veteran|vet|responder)s?\b"
    r"|\bPurple\s+Heart(?:\s+recipient)?\b|\bMedal\s+of\s+Honor\b|\bTuskegee\s+Airm[ae]n\b",
    re.IGNORECASE,
)
_ROLE_MORE = _c(
    r"\b(?:a|an|the|our|their|his|her)\s+(?:local\s+|town\s+|county\s+|former\s+|retired\s+)?"
    r"(?:deputy|nun|monk|pastor|reverend|coach|sheriff|game\s+warden|park\s+ranger|trooper"
    r"|state\s+trooper|police\s+officer|firefighter|paramedic|missionary)\b"
    r"|\b(?:WWII|WW2|World\s+War\s+(?:II|2|Two)|Korean\s+War|Vietnam|Gulf\s+War)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:vet(?:eran)?s?|navy|army|marine|pilot|nurse|medic|POW|guerrilla"
    r"|survivor|sailor|soldier)\b"
    r"|\b[A-Z]\w+\s+(?:Uprising|War|Revolution|Massacre|Siege)\s+(?:survivor|veteran|vet)s?\b"
    r"|\b(?:ancien(?:ne)?|ex-?)\s*(?:maire|alcalde|bürgermeister|sindaco|préfet|député)\b"
    r"|\bthe\s+oldest\s+(?:living\s+)?(?:resident|person|man|woman|member|parishioner|veteran)\b"
    r"|\b(?:a|the)\s+(?:junior|senior|sophomore|freshman)\s+at\s+[A-Z]\w+(?:\s+[A-Z]\w+)?\b"
    r"|\bseason\s+ticket\s+holder\b|\bgrand\s+marshal\b|\bhomecoming\s+(?:queen|king)\b",
)
# A role by its form rather than a list: an affiliation in capitals before a person noun ("a
# Premier League referee", "a retired Chicago Bears linebacker"), or a word of renown before one
# ("a well-known auctioneer", "the famous local TikTok baker"). The noun is known by its ending.
_PERSON_NOUN = (
    r"(?!(?:center|centre|number|letter|poster|paper|cancer|computer|scanner|monitor|tumou?r"
    r"|error|factor|color|colour|floor|door|major|minor|order|border|folder|water|power|river"
    r"|corner|chapter|master|matter|member|partner|counter|container|ulcer|marker|sticker"
    r"|trailer|tower|summer|winter|dinner|finger|shoulder|bladder|liver|fever|donor|sensor"
    r"|motor|vendor|calendar|sponsor|doctor|radiologist|physician|resident|student|after|header"
    r"|banner|reader|printer|career|pacer|bleeder|filter|catheter|injector|detector|generator"
    r"|transducer|cluster|meter|register|computer|laser)\b)"
    r"(?:[a-z][a-z-]{2,}(?:er|or|ist|ian|man|woman|ee|ant)|chef|nun|monk|priest|chief|cop|clown)\b"
)
_ROLE_FORM = _c(
    rf"\b(?:a|an|the)\s+(?:(?:retired|former|ex-|longtime|local)\s+)?(?:[A-Z][a-z][\w'\u2019-]*\s+){{1,3}}"
    rf"{_PERSON_NOUN}"
    r"|\b(?:a|an|the|our)\s+(?:famous|well-known|beloved|legendary|renowned|celebrated|notorious"
    rf"|award-winning|local|beloved\s+local|famous\s+local)\s+(?:[\w'\u2019-]+\s+){{0,2}}"
    rf"{_PERSON_NOUN}"
)
_COLLEAGUE_AFTER = _c(r",?\s+(?:Dr\.?|MD|DO|PhD|RN)\b")
_ROLE_VETO = _c(
    r"(?:ACR|RSNA|ESR|ARRS|SIIM|ASNR|SNMMI|AAPM|society|college|association|department|program"
    r"|residency|board|our\s+new|vice|my|I\s+am|I['\u2019]m|as\s+a)\W*$",
    re.IGNORECASE,
)


# A clock time tied to a case: "at 2am", "called it at 0340", "3am" in a sentence about care.
_CLOCK = _c(
    r"\bat\s+(?:around\s+|about\s+)?(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s?(?:am|pm|a\.m\.|p\.m\.)"
    r"(?![\w.])|\bat\s+(?:around\s+)?(?:[01]\d|2[0-3])[0-5]\d(?:\s?h(?:rs|ours)?)?\b(?!\s*(?:mg|ml|patients"
    r"|cases|mGy|%|km|miles|\w*\s+(?:RSNA|ARRS|meeting|conference)))",
    re.IGNORECASE,
)
# A patient named by the story everyone knows them from: "the guy from the Walmart parking lot
# stabbing", "the kid from the Fourth of July fireworks thing", "the gentleman from the Cobh
# lifeboat crew". Two words at least after "the", and not a department ("the lady from the
# front desk", "the guy from the lab"): those are staff.
_THE_ONE_FROM = _c(
    r"\bthe\s+(?:guy|kid|lady|gentleman|gent|man|woman|girl|boy|fella|bloke|chap|dude|patient"
    r"|one|family|couple|teen|teenager)\s+from\s+the\s+"
    r"(?!(?:lab|front|IT|pharmacy|billing|vendor|registration|transport|radiology|department"
    r"|hospital|company|office|union|agency|ward|team|clinic|ED|ER|ICU|desk|unit|floor"
    r"|morning|night|weekend|other|same|last|first|next)\b)"
    r"[\w'\u2019&-]+(?:\s+[\w'\u2019&-]+){1,7}?(?=\s*(?:[.,;:!?)\n—]|\s-\s|$|\s+(?:who|that|is|was"
    r"|came|got|had|has|just|yesterday|today|last|in|on|at|during|after|before)\b))",
    re.IGNORECASE,
)
# "the guy from the soft tissue render": an image, not a story
_IMAGE_WORD_END = _c(
    r"\b(?:render|image|images|scan|scans|video|clip|photo|picture|case|study|report|film|slide"
    r"|slides|lecture|talk|paper|textbook|book|movie|show|ad|advert|poster)$",
    re.IGNORECASE,
)
# Guards: a word or shape each of the patterns below needs (plain re, one scan each).
_ORG_AFTER_WORD = re.compile(r"\s(?:with|at|for|of)\s+(?:the\s+)?[A-Z]")
_CLOCK_SHAPE = re.compile(r"\d ?[apAP]\.?[mM]\b|[012]\d[0-5]\d")
_GENERIC_TIME = _c(r"\b(?:every|each|you|your|usually|always|never|by)\b[^.!?\n]*$", re.IGNORECASE)
# A night or day called by how it went, as a case story opens: "Wild night in the CT scanner",
# "Fun night on call", "Incredible day".
_NIGHT_OF = _c(
    r"\b(?:(?:what\s+an?|such\s+an?)\s+)?(?:wild|crazy|long|rough|busy|brutal"
    r"|fun|heroic|incredible|insane|quiet|tough|wild|mad|hectic|intense|strange|weird|sad|hard"
    r"|emotional|unreal|epic)\s+(?:night|day|shift|call|weekend)(?:\s+on\s+call)?\b",
    re.IGNORECASE,
)
# A road incident with its road: "an RTC on the A1(M)", "motorcycle vs. deer on US-20", "a
# jackknife on I-80", "ejected from a vehicle on the A9 near Pitlochry".
_ROAD_EVENT = _c(
    r"\b(?:(?:a|an|the|his|her)\s+)?(?:RTC|RTA|MVC|MVA|crash|wreck|rollover|jack-?knife|pile-?up"
    r"|collision|hit-and-run|(?:motorbike|motorcycle|car|bike|cyclist|pedestrian|truck|lorry|ute"
    r"|bus|scooter|moped|quad|atv)\s+vs\.?\s+(?:a\s+)?[\w-]+|ejected\s+from\s+(?:a|the|his|her)\s+"
    r"(?:vehicle|car|truck|ute|bike)|rolled\s+(?:his|her|their|a|the)\s+[\w-]+|traffic\s+stop"
    r"|came\s+off\s+(?:his|her|their|a|the)\s+(?:bike|motorbike|motorcycle|horse|scooter|quad"
    r"|moped|e-?scooter)|(?:Unfall|accidente|accident)|(?:jeepney|tricycle|tuk-?tuk|boda)"
    r"\s+vs\.?\s+[\w-]+)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:on|near|at|off|auf\s+der|en\s+la|sur\s+l['\u2019]|sa|bei)\s+(?:the\s+)?(?:[AMN]\d{1,4}(?:\s?\(M\))?|I-\s?\d+"
    r"|US-?\s?\d+|SR-?\s?\d+|(?:Route|Rt\.?|Hwy|Highway|Interstate)\s+\d+|[A-Z][\w'\u2019-]+"
    r"(?:\s+[A-Z][\w'\u2019-]+)?\s+(?:Road|Rd|Hwy|Highway|Street|St|Pass|Bridge|Freeway|Ave|Avenue"
    r"|Expressway|Motorway|Interchange|Parkway|Pkwy|Turnpike|Bypass)|Dragon)"
    r"(?:\s+(?:near|outside|in|bei)\s+[A-Z][\w'-]+)?",
)
# An occupation with its employer or team: "a cellist with the Cleveland Orchestra", "college
# swimmer at UNC", "QB for the Odessa Permian Panthers".
_ROLE_WITH_ORG = _c(
    r"\b(?:a|an|the|our|(?:he|she)['\u2019]s\s+a|(?:he|she)\s+is\s+a)\s+(?:(?:college|high\s+school"
    r"|pro|professional|retired|former|local|young|senior|junior|star|head)\s+)?"
    r"(?:[a-z][a-z-]{2,}(?:er|or|ist|ian|man|woman)|QB|quarterback|coach|nurse|teacher|pastor"
    r"|deacon|chef|captain|commander|legend|player|referee|ref)\s+(?:with|at|for|of)\s+"
    r"(?:the\s+)?[A-Z][\w&'\u2019.-]*(?:\s+[A-Z][\w&'\u2019.-]*){0,3}"
)


def _unvetoed(text: str, pattern: Any) -> Iterator[Match[str]]:
    """Matches of pattern not preceded by a word that makes the role someone else's (_ROLE_VETO)."""
    for m in pattern.finditer(text):
        if not _ROLE_VETO.search(text, max(0, m.start() - 25), m.start()):
            yield m


@recognizer("context")
def context(doc: Doc) -> Iterator[Proposal]:
    text = doc.text
    for m in _RECENT_SELF.finditer(text):
        yield m.start(), m.end(), "context"
    for m in _RECENT.finditer(text):
        if _RECENT_NOT_A_CASE.match(text, m.start()):
            continue  # "Today's teaching", "this week's video": the author's programme
        if doc.has(m.start(), _CASES_COUNTED, "counted") and not doc.has(
            m.start(), _ONE_PATIENT, "one-patient"
        ):
            continue  # "scanned 22 patients today": a workload, no one patient in it
        if doc.clinical_near(m.start()):
            yield m.start(), m.end(), "context"

    for m in _WEEKDAY_CASE.finditer(text):
        if doc.clinical(m.start()) and doc.has(m.start(), _DATE_EVENT, "devent"):
            yield m.start(), m.end(), "context"
    for m in _CLOCK.finditer(text) if _CLOCK_SHAPE.search(text) else ():
        if doc.has(m.start(), _EVENT_CUE, "event") or doc.has(m.start(), _SCHEDULE_CUE, "schedule"):
            continue  # "Grand rounds at 12pm", "party at 3pm"
        if _GENERIC_TIME.search(text, max(0, m.start() - 40), m.start()):
            continue  # "every 2nd Tuesday at 7pm", "you don't need to call at 3 am"
        if doc.clinical_near(m.start()) and doc.person(m.start()):
            yield m.start(), m.end(), "context", "possible"
    for m in _NIGHT_OF.finditer(text):
        at = m.start()  # only as a sentence opens ("Wild night in the CT scanner.")
        if at and not (at >= 2 and text[at - 2] in "\n.!?" and text[at - 1].isspace()):
            continue
        if doc.clinical_near(m.start()) or doc.draft_clinical():
            yield m.start(), m.end(), "context", "possible"
    road = (
        m for m in _ROAD_EVENT.finditer(text) if not doc.has(m.start(), _NEWS_VETO, "news-veto")
    )
    yield from cued_near_person(doc, road, "context", "likely", draft=True)
    for m in _ROLE_WITH_ORG.finditer(text) if _ORG_AFTER_WORD.search(text) else ():
        if _ROLE_VETO.search(text, max(0, m.start() - 25), m.start()):
            continue
        if doc.has(m.start(), _EVENT_CUE, "event") or _COLLEAGUE_AFTER.match(text, m.end()):
            continue
        if doc.person(m.start()) and (doc.clinical_near(m.start()) or doc.draft_clinical()):
            yield m.start(), m.end(), "context", "likely"
    for m in _chain(_PUBLIC_ROLE.finditer(text), _PUBLIC_ROLE_MORE.finditer(text)):
        if _PUBLIC_VETO.search(text, max(0, m.start() - 25), m.start()):
            continue
        if doc.clinical(m.start()) or doc.person(m.start()):
            s, e = m.span()
            yield s, e, "context"
    for m in _UNIQUE.finditer(text):
        if doc.person(m.start()) or doc.clinical(m.start()):
            yield m.start(), m.end(), "context"
    for m in _RECENT_MORE.finditer(text):
        if doc.clinical_near(m.start()):
            yield m.start(), m.end(), "context", "likely"
    yield from cued_near_person(doc, _MORE_CONTEXT.finditer(text), "context", "likely", draft=True)
    stories = (m for m in _THE_ONE_FROM.finditer(text) if not _IMAGE_WORD_END.search(m.group()))
    yield from cued_near_person(doc, stories, "context", "likely", draft=True)
    for m in _NAMED_EVENT.finditer(text):
        if doc.has(m.start(), _NEWS_VETO, "news-veto") or doc.has(m.start(), _EVENT_CUE, "event"):
            continue
        if doc.clinical_near(m.start()) or doc.draft_clinical():
            yield m.start(), m.end(), "context", "likely"
    for m in _RELATIVE.finditer(text):
        if not _RELATIVE_OWN.match(m.group()):
            continue  # "his wife" is the name rules' business; "my uncle" is context
        if doc.has(m.start(), _CARE_CUE, "care") or doc.clinical_near(m.start()):
            yield m.start(), m.end(), "context", "likely"
    for m in _RELATIVE_OTHER_LANG.finditer(text):
        if doc.has(m.start(), _CARE_CUE, "care") or doc.draft_clinical():
            yield m.start(), m.end(), "context", "likely"
    events = (
        m for m in _EVENT_KIND.finditer(text) if not doc.has(m.start(), _NEWS_VETO, "news-veto")
    )
    yield from cued_near_person(doc, events, "context", "likely", draft=True)
    yield from cued_near_person(doc, _unvetoed(text, _RETIRED), "context", "likely")
    yield from cued_near_person(doc, _unvetoed(text, _ROLE_ABROAD), "context", "likely", draft=True)
    yield from cued_near_person(doc, _unvetoed(text, _ROLE_MORE), "context", "likely", draft=True)
    for m in _ROLE_FORM.finditer(text):
        if _ROLE_VETO.search(text, max(0, m.start() - 25), m.start()):
            continue
        if doc.has(m.start(), _EVENT_CUE, "event") or _COLLEAGUE_AFTER.match(text, m.end()):
            continue
        if doc.person(m.start()) and (doc.clinical_near(m.start()) or doc.draft_clinical()):
            yield m.start(), m.end(), "context", "possible"
    yield from cued_near_person(doc, _OTHERS_RELATIVE.finditer(text), "context", "possible")
    for m in _NEWS_EVENT.finditer(text):
        if doc.has(m.start(), _NEWS_VETO, "news-veto"):
            continue
        if not (doc.clinical_near(m.start()) or doc.person(m.start())):
            continue
        if re.match(
            r"\s+(?:victims?|report|patients?|survivors?|series|protocol|course|kit|cart|team|bay"
            r"|scene|activation|alert|page|call|code|level)\b",
            text[m.end() : m.end() + 20],
            re.IGNORECASE,
        ):
            continue  # "the crash victim's CT", "the fire alarm": a kind, not one event
        specific = _NEWS_SPECIFIC.search(m.group(), 3)
        yield m.start(), m.end(), "context", "likely" if specific else "possible"
    yield from cued_near_person(doc, _unvetoed(text, _ROLE), "context", "likely")
