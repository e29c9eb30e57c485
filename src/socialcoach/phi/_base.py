"""Shared building blocks of the recognizers: the regex engine, cue patterns, sentences.

Plain regular expressions with context words, standard library only, so a check can run on
every keystroke. The recognizers (one module per identifier family) import from here.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
from collections.abc import Iterable, Iterator
from re import Match
from typing import Any


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

# --------------------------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------------------------

# A capitalised name word (allows O'Neil, Smith-Jones, McDonald) or an initial "J.".
# Letters beyond ASCII: Latin-1, Latin Extended-A/B and the Vietnamese block, so "José",
# "Nguyễn" and "Łukasz" are whole words (the text is NFC before any rule runs). Only for
# case-sensitive patterns: folded ones see ASCII-lowercased text.
UP = "A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿ"
LO = "a-zß-öø-ÿĀ-ɏḀ-ỿ"
LETTER = r"[^\W\d_]"
_NAME_WORD = (
    rf"(?:(?:[{UP}]['\u2019])?[{UP}][{LO}]+(?:[{UP}][{LO}]+)?(?:-[{UP}][{LO}]+)?(?!{LETTER})"
    r"|[A-Z]\.)"
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
        re.IGNORECASE,  # "mrn 4091...", "ACCT# ...": cue words are typed in any case
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
    match could start. Matches are unchanged (tests/core/test_phi.py compares them). It only pays
    where those characters are rare, so each pattern opts in (`_c(..., scan_first=True)`).
    """
    found = _first_chars(_sre_parser.parse(pattern)) if _sre_parser else None
    if found is None or found[1] or not found[0]:
        return pattern
    return "(?=[" + "".join(sorted(found[0])) + "])" + pattern


_ANCHOR = re.compile(r"^(?:\\b|\(\?<!\[?\\w|\(\?<!\[\^?\\W|\(\?:\\b\|)")


def _word_gate(pattern: str) -> frozenset[str] | None:
    """For a pattern whose matches start at the start of a word, the characters they can
    start with; None for any other pattern (it then scans every position as usual)."""
    if _sre_parser is None or not _ANCHOR.match(pattern):
        return None
    try:
        found = _first_chars(_sre_parser.parse(pattern))
    except Exception:  # an unusual construct: leave the pattern as it is
        return None
    if found is None or found[1]:
        return None
    chars: set[str] = set()
    for item in found[0]:
        if item == r"\d":
            chars.update("0123456789")
            continue
        raw = item.replace("\\", "")
        if len(raw) == 3 and raw[1] == "-":
            chars.update(chr(c) for c in range(ord(raw[0]), ord(raw[2]) + 1))
        elif len(raw) == 1:
            chars.add(raw)
        else:  # \w, \s or another class: too broad to gate on
            return None
    if not chars or not all(c.isalnum() or c == "_" for c in chars):
        return None  # a match may start with a sign that no word starts with
    return frozenset(chars)


def _required(items: Any) -> frozenset[str] | None:
    """Strings one of which every match of the parsed pattern `items` contains; None when
    no such set is clear. The most telling set of the sequence's parts is kept: the one whose
    shortest string is longest, then the smaller one."""
    best: frozenset[str] | None = None

    def better(found: frozenset[str] | None) -> None:
        nonlocal best
        if not found:
            return
        if best is None or (min(map(len, found)), -len(found)) > (
            min(map(len, best)),
            -len(best),
        ):
            best = found

    run: list[str] = []
    for op, arg in items:
        if op is _sre.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            better(frozenset(["".join(run)]))
            run = []
        if op is _sre.BRANCH:
            inner = [_required(branch) for branch in arg[1]]
            if all(found is not None for found in inner):
                better(frozenset().union(*inner))  # type: ignore[arg-type]
        elif op is _sre.SUBPATTERN:
            if not (arg[1] & re.IGNORECASE):  # a case-insensitive group needs no literal
                better(_required(arg[3]))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[0] >= 1:
            better(_required(arg[2]))
        # anything else (a class, an assertion, an optional part) requires nothing known
    if run:
        better(frozenset(["".join(run)]))
    return best


def _needed(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """For a literal precondition: strings one of which the text must contain for `pattern`
    to match anywhere in it (a cue word, a sign such as '@' or '^'), or None when the pattern
    has no such precondition worth testing. tests/core/test_phi_prefilter.py checks that a
    pattern never matches a text without one of them."""
    if _sre_parser is None:
        return None
    try:
        parsed = _sre_parser.parse(pattern, flags)
    except Exception:
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _required(parsed)
    if not found or len(found) > 48:
        return None
    if min(map(len, found)) < 2 and not all(not c.isalnum() and not c.isspace() for c in found):
        return None  # a single letter or digit is in nearly every text
    return tuple(sorted(found, key=lambda s: (-len(s), s)))


_WORD_START = re.compile(r"(?<!\w)\w")


@functools.lru_cache(maxsize=4)
def _word_starts(text: str) -> dict[str, list[int]]:
    """Where each word of `text` starts, by its first character (computed once per text)."""
    index: dict[str, list[int]] = {}
    for m in _WORD_START.finditer(text):
        index.setdefault(m.group(), []).append(m.start())
    return index


# Compiled patterns as CPython's re compiler leaves them, built once by
# scripts/build_phi_cache.py into data/patterns.marshal: parsing and compiling the checker's
# ~180 patterns is most of what importing it costs (about 0.15-0.25 s, paid by every
# `socialcoach check-post` process). An entry is used only when this interpreter's cache tag and
# re engine match the file's and the pattern is exactly the one it was built from; otherwise the
# pattern is compiled as usual. tests/core/test_phi_patterns_cache.py checks every entry against
# a fresh compile.
_PRECOMPILED_FILE = "patterns.marshal"
_PRECOMPILED_FORMAT = 2  # entries: (gate letters, compiled form, literal precondition)
_MADE: list[_Pat] = []  # every _Pat built, in order (what the build script stores)


def _precompiled_key() -> tuple[str, int, int]:
    import _sre

    return sys.implementation.cache_tag or "", _sre.MAGIC, _PRECOMPILED_FORMAT


def _load_precompiled() -> dict:
    """The shipped compiled patterns for this interpreter, or {} (then patterns compile)."""
    if _sre_parser is None:
        return {}
    try:
        import marshal
        from importlib import resources

        raw = resources.files(__package__).joinpath("data", _PRECOMPILED_FILE).read_bytes()
        built = marshal.loads(raw)
        if tuple(built["key"]) != _precompiled_key():
            return {}
        return built["entries"]
    except Exception:  # missing, truncated or from another version: compile as usual
        return {}


_PRECOMPILED = _load_precompiled()


def _from_precompiled(entry: tuple) -> re.Pattern[str] | None:
    import _sre

    final, flags, code, groups, groupindex = entry[0], entry[1], entry[2], entry[3], entry[4]
    indexgroup: list[str | None] = [None] * (groups + 1)
    for name, i in groupindex.items():
        indexgroup[i] = name
    try:
        return _sre.compile(final, flags, code, groups, groupindex, tuple(indexgroup))
    except Exception:
        return None


def precompiled_entry(key: tuple[str, bool, int]) -> tuple:
    """What the cache stores for one _Pat key (written, scan_first, flags), made from the key
    alone by the steps _Pat and CPython's re.compile take: (gate letters, compiled form,
    literal precondition)."""
    from re import _compiler  # type: ignore[attr-defined]

    written, scan_first, extra = key
    final = _scan_first(written) if scan_first else written
    compiled = re.compile(final, extra)
    code = _compiler._code(_sre_parser.parse(final, extra), extra)
    gate = _word_gate(written)
    need = _needed(written, extra)
    form = (
        final,
        int(compiled.flags),
        [int(c) for c in code],
        compiled.groups,
        dict(compiled.groupindex),
    )
    return (None if gate is None else "".join(sorted(gate))), form, need


def build_precompiled() -> bytes:
    """The bytes of data/patterns.marshal for every pattern made so far (the build script)."""
    import marshal

    entries = {p.key: precompiled_entry(p.key) for p in _MADE}
    return marshal.dumps({"key": list(_precompiled_key()), "entries": entries})


class _Pat:
    """A compiled pattern tuned for CPython's re: same finditer/search interface.

    Case-insensitive patterns run on a lowercased copy of the text, lowered once per check:
    re.IGNORECASE is several times slower than a plain scan. A pattern that starts with a
    literal word at a word boundary (most cue patterns) is tried only where a word with one
    of its first letters starts: a hundred such patterns over a 5,000-word draft would
    otherwise each try every position (tests/core/test_phi_scan_first.py checks the matches are
    the same).
    """

    __slots__ = ("_p", "_fold", "written", "_gate", "key", "need")

    def __init__(self, pattern: str, fold: bool, scan_first: bool = False, extra: int = 0) -> None:
        if fold:
            if "(?-i" in pattern:
                # the text is lowercased before the scan, so a case-sensitive part can never
                # see a capital: "(?-i:TIPS)" would match "tips" and "(?-i:OR)" every "or"
                raise ValueError(f"a case-insensitive pattern cannot hold (?-i:...): {pattern!r}")
            out: list[str] = []
            escaped = False
            for ch in pattern:
                keep = escaped or "".join(out[-2:]) == "(?"  # \b, \s, (?P<v> stay as written
                out.append(ch if keep else ch.lower())
                escaped = not escaped and ch == "\\"
            pattern = "".join(out)
        self.written = pattern  # as compiled without the scan_first lookahead
        self._fold = fold
        self.key = (pattern, bool(scan_first), int(extra))
        _MADE.append(self)
        entry = _PRECOMPILED.pop(self.key, None)  # used once: its code lists are then freed
        compiled = _from_precompiled(entry[1]) if entry is not None and len(entry) == 3 else None
        if compiled is not None:
            self._p = compiled
            self._gate = None if entry[0] is None else frozenset(entry[0])
            self.need = entry[2]
            return
        self._p = re.compile(_scan_first(pattern) if scan_first else pattern, extra)
        self._gate = _word_gate(pattern)
        self.need = _needed(pattern, extra)  # literal precondition (see _needed)

    def _cannot(self, seen: str) -> bool:
        """True when the text lacks every string a match needs: nothing to scan for."""
        need = self.need
        if need is None:
            return False
        for piece in need:  # noqa: SIM110 (a plain loop: no generator on the hot path)
            if piece in seen:
                return False
        return True

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Match]:
        seen = _lower(text) if self._fold else text
        if self._cannot(seen):
            return iter(())
        if self._gate is None or pos or endpos != sys.maxsize:
            return self._p.finditer(seen, pos, endpos)
        index = _word_starts(seen)
        gate = self._gate
        if len(gate) > len(index):  # a gate of every capital letter: walk the text's letters
            count = sum(len(where) for ch, where in index.items() if ch in gate)
        else:
            count = sum(len(index[ch]) for ch in gate if ch in index)
        if count * 40 > len(seen):  # many candidate words: one scan in C is faster
            return self._p.finditer(seen)
        return self._gated(seen, index)

    def _gated(self, seen: str, index: dict[str, list[int]]) -> Iterator[Match]:
        gate = self._gate
        assert gate is not None  # finditer gates only a pattern with a gate
        if len(gate) > len(index):
            starts = sorted(p for ch, where in index.items() if ch in gate for p in where)
        else:
            starts = sorted(p for ch in gate if ch in index for p in index[ch])
        last = 0
        match = self._p.match
        for start in starts:
            if start < last:
                continue
            m = match(seen, start)
            if m is not None:
                yield m
                last = m.end() if m.end() > start else start + 1

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        seen = _lower(text) if self._fold else text
        if self._cannot(seen):
            return None
        return self._p.search(seen, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        seen = _lower(text) if self._fold else text
        if self._cannot(seen):
            return None
        return self._p.match(seen, pos, endpos)


def _c(pattern: str, flags: int = 0, *, scan_first: bool = False) -> Any:
    """Compile to a _Pat (re.IGNORECASE and re.MULTILINE are supported as flags)."""
    return _Pat(pattern, bool(flags & re.IGNORECASE), scan_first, flags & re.MULTILINE)


# "presented with", "presented to the ED": a patient; "presented 9 abstracts", "presented by
# Dr. Obi", "presented at RSNA": a talk.
_PRESENTED = (
    r"presented(?!\s+(?:by|at|our|my|their|\d|(?:[\w-]+\s+)?(?:posters?|abstracts?|papers?"
    r"|talks?|lectures?|research|work|data|findings|results|cases?)\b))"
)
# Words that tie a sentence to a real patient encounter (not a lecture or a paper).
_CLINICAL_CUE = _c(
    r"\b(?:patients?|pts?|scann?(?:ed|ing)|imaged|I\s+read|we\s+read|read\s+(?:a|an|the|his|her)\b"
    r"|saw\s+(?:a|an|the)|(?:came|brought|rolled|wheeled)\s+in|"
    + _PRESENTED
    + r"|admitted|discharged"
    r"|ED|ER|A&E|ICU|NICU|PICU|traumas?|stroke\s+alert|code\s+(?:stroke|blue)|STEMI|MVC|GSW|cath\s+lab"
    r"|consults?|biopsy|CTs?|CTAs?|MRIs?|MR|X-?rays?|radiographs?|ultrasounds?|mammo\w*|PET[\s/-]?CT|PET\s+scans?|CXR|KUB"
    r"|films?"
    r"|contrast|scans?|studies|study|reqs?|requisitions?|orders?|ordered|worklist|chart|tracker"
    r"|handoff|dialysis|hospice|cath|angio|fx|fracture[sd]?|hip|bleed|stent|intubated|EMS"
    r"|ambulance|transfer(?:red)?|admit|fell|fall|injur(?:y|ies|ed)|rehab|surgery|operating\s+room|PACS|RIS|aaa|aneurysm"
    r"|reading\s+room|table|gantry|magnet|sono|echo|IR|pt['\u2019]s"
    r"|pateint|paitent|patinet|pnt|DEXA|DXA|T-score|bone\s+density|stroke\s+alert|tPA|code\s+\w+"
    # other languages: es, pt, fr, de, it, vi, tl
    r"|pacientes?|paciente|patientin|patienten|patiente|paziente|bệnh\s+nhân|pasyente\w*"
    r"|fractura|fraktur|hüftfraktur|derrame|urgencias|notaufnahme|urgences|hôpital|ospedale"
    r"|krankenhaus|bệnh\s+viện|chụp|ospital|nag-?CT|escáner|tomograf\w*|resonancia"
    r"|ictus|stroke|infarto|cadera|hanche|hüfte|cụ|lola|lolo|MRT|Röntgen|Klinikum|phim|xuất\s+huyết"
    r"|urgence|IRM|scanner"
    # interventional procedures, in the languages above: a case story names the procedure
    r"|(?:chemo|quimio|chimio)?(?:emboli[sz]ations?|embolizaci[oó]n|emboliza[çc][ãa]o"
    r"|embolisierung|embolizzazione|embo)"
    # (lowercased like every folded pattern: no acronym that is also a word, "tips" or "UAE")
    r"|tace|pae|picc|pcnl|ercp|tipss|tips\s+(?:procedure|placement|revision|shunt|stent)"
    r"|pcn|nephrostom\w*|thrombectom\w*"
    r"|angioplast\w*|fistul\w*|ablation|kyphoplast\w*|vertebroplast\w*|paracentes\w*"
    r"|thoracentes\w*|biops(?:ia|ie|ies)|bi[oó]psia|hemoptis\w*|hémoptysie|hämoptyse"
    r"|ingresad[oa]|internad[oa]|hospitalis[ée]e?|stationär|Nachsorge|Hausbesuch"
    # care in any specialty, in the words of a physician looking back on a patient
    r"|cared\s+for|car(?:e|ing)\s+for\s+(?:him|her|them)|took\s+care\s+of|treat(?:ed|ing)\s+(?:him|her"
    r"|them)|(?:my|our|his|her)\s+patients?|(?:his|her|their)\s+(?:doctor|physician|surgeon"
    r"|cardiologist|oncologist)|house\s+calls?|appointments?|my\s+(?:clinic|office|practice)"
    r"|came\s+to\s+(?:my|our|the)\s+(?:clinic|office|practice)|hospice|bedside|stitches|chemo"
    r"|heart\s+attack|bypass|diagnosed|passed\s+away|passed\s+(?:on|peacefully)|died"
    r"|(?:the|a|this|our|my|that)\s+(?:guy|lady|man|woman|kid|boy|girl|gentleman|child|baby|teen"
    r"|teenager|grandma|grandpa|gent|dude|fella|sweetheart)"
    r"|\d{1,3}\s?(?:yo|y/o|-?year-old)|\d{1,3}\s?[MF]\b)\b",
    re.IGNORECASE,
    scan_first=True,
)
# Stronger evidence that a sentence is about a particular patient (confirms bare full names).
_PATIENT_CUE = _c(
    r"\b(?:patients?|pts?|\d{1,3}\s?(?:yo|y/o|-?year-old|[MF])|diagnosed|admitted|"
    + _PRESENTED
    + r""
    r"|discharged|scann?ed|imaged|biops(?:y|ied)|DOB|MRN|requisition|(?:his|her|their)\s+"
    r"(?:CT|MRI|MR|scan|X-?ray|ultrasound|mammogram|report|results|images|biopsy))\b",
    re.IGNORECASE,
)
# Teaching/event words: a sentence about a lecture or a paper is not a patient encounter.
_EVENT_CUE = _c(
    r"\b(?:webinars?|meetings?|conference|congress|symposium|lectures?|talks?|session|(?<!of\s)course"
    r"|workshop|deadline|abstracts?|journal\s+club|grand\s+rounds|podcast|livestream|register"
    r"|registration|submissions?|poster|(?:research|journal|white|position|our|my|new)\s+papers?|papers?\s+(?:on|about|accepted|published)|QA|phantom|physics|exam\s+prep|boards?|breakfast"
    r"|turnout|gala|dinner|reception|meetup|booth|CME|keynote|panel)\b",
    re.IGNORECASE,
    scan_first=True,
)
_CARE_PLACE = _c(
    r"\b(?:hospital|clinic|hospice|nursing\s+home|rehab|ambulance|infirmary|urgent\s+care)\b",
    re.IGNORECASE,
)
_PERSON_CUE = _c(
    r"\b(?:patients?|pts?|man|woman|men|women|boy|girl|lady|gentleman|guy|kid|child|infant|baby"
    r"|toddler|teen|teenager|farmer|teacher|worker|miner|fisherman|student|athlete|player"
    r"|retiree|veteran|mother|father|mom|dad|grandmother|grandfather|he|she|his|her|him"
    r"|grandma|grandpa|nana|abuela|abuelo|abuelito|abuelita|wife|husband|son|daughter|ma['\u2019]am"
    r"|uncle|aunt|auntie|cousin|nephew|niece|neighbou?r|elder|señora|señor|doña|don|sra|sr"
    r"|sister|brother|sister-in-law|brother-in-law|mother-in-law|father-in-law|kid|kiddo|oma|opa"
    r"|mẹ|bố|nieta|nieto|tío|tía|deputy|nun|pastor|coach|mr|mrs|ms|miss|mx"
    r"|tío|tía|madame|monsieur|frau|herr|lola|lolo|manong|manang|tita|tito|cụ|ông|bà"
    r"|sir|you\s+are|you['\u2019]re|fisherman|trucker|rancher|lobsterman|nun|priest|inmate"
    r"|came\s+in|"
    + _PRESENTED
    + r"|admitted|brought|\d{1,3}\s?(?:yo|y/o|-?year-old)|\d{1,3}\s?[MF]"
    # words that only refer to people: "a widow who", "the Kowalczyk family", "whose barn"
    r"|who|whom|whose|family|widow|widower|survivor|couple|clan|folks|came\s+to|retired)\b",
    re.IGNORECASE,
    scan_first=True,
)

# --------------------------------------------------------------------------------------------
# Engine
# --------------------------------------------------------------------------------------------

_ABBREV = frozenset(
    _words("dr mr mrs ms vs st fig no drs prof etc approx e.g i.e al jr sr pt acc ext")
)
_SENT_END = _c(r"[.!?]+(?=\s|$)|\n")
_WORD_BEFORE = _c(r"([A-Za-z.]+)$")


class Doc:
    """The text plus lazily computed sentence boundaries, shared by all rules in one check."""

    __slots__ = ("text", "_bounds", "_cache")

    def __init__(self, text: str, *, draft_clinical: bool | None = None) -> None:
        self.text = text
        self._bounds: list[int] | None = None
        self._cache: dict[tuple[int, str], bool] = {}
        if draft_clinical is not None:  # a paragraph of a longer draft: the draft decides
            self._cache[(-1, "draft")] = draft_clinical

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
        """This sentence is clinical, or it is about a person next to a clinical one."""
        if self.clinical(pos):
            return True
        start, end = self.sentence(pos)
        if not self.person(pos):
            return False
        return (start > 0 and self.clinical(start - 1)) or (
            end < len(self.text) and self.clinical(end + 1)
        )

    def person(self, pos: int) -> bool:
        return self.has(pos, _PERSON_CUE, "person")

    def draft_clinical(self) -> bool:
        """Some sentence of the draft is about a patient encounter, or care somewhere."""
        hit = self._cache.get((-1, "draft"))
        if hit is None:
            hit = _CLINICAL_CUE.search(self.text) is not None or _CARE_PLACE.search(self.text)
            hit = bool(hit)
            self._cache[(-1, "draft")] = hit
        return hit


# a candidate span: (start, end, category, confidence "likely" or "possible")
Cand = tuple[int, int, str, str]
# what a recognizer yields: a Cand, or (start, end, category) for a likely one
Proposal = tuple[int, int, str] | Cand


def cued_near_person(
    doc: Doc, matches: Iterable[Match[str]], category: str, confidence: str, *, draft: bool = False
) -> Iterator[Cand]:
    """Each match whose sentence is about a person or is clinical or next to a clinical one.

    The one test most context and media forms share (a relative, a role, a road incident, a
    photo of someone mean nothing in a lecture); with draft, a match anywhere in a draft about
    care counts too. Written once so that every family weighs a form the same way.
    """
    for m in matches:
        at = m.start()
        if doc.clinical_near(at) or doc.person(at) or (draft and doc.draft_clinical()):
            yield at, m.end(), category, confidence


def _span(m: re.Match[str], *groups: str) -> tuple[int, int]:
    for g in groups:
        if m.group(g) is not None:
            return m.span(g)
    return m.span()
