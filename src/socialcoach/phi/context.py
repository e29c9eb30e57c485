"""Re-identifying context: recency, weekdays, public roles, one-of-a-kind cases, news."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ._base import _WEEKDAYS, Cand, Doc, _c
from .dates import _DATE_EVENT
from .registry import recognizer

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


@recognizer("context")
def context(doc: Doc) -> Iterator[Cand]:
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
