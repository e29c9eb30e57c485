"""Draft-post PHI checker: flags likely patient identifiers before a physician posts.

A safety net, not a de-identification tool: it looks for the 18 HIPAA Safe Harbor identifiers
plus re-identifying *context* (recency, public roles, relatives, news events), and leaves alone
what radiologists write all day (ages up to 89, years, levels, doses, sequences, eponyms).

Layout: one recognizer module per identifier family (`contact`, `ids`, `dates`, `ages`, `names`,
`places`, `media`, `context`) registered in `registry`; the category table in `categories`;
word lists from public data in `lexicon` (loaded on first use, see `warm`); the user's own
details in `own`; the one-key rewrite in `fix`.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from ._base import Cand, Doc
from .categories import CATEGORIES, CONFIDENCE, TABLE
from .own import OwnDetails
from .registry import RECOGNIZERS

_RECOGNIZER_MODULES = (
    "ages",
    "contact",
    "context",
    "dates",
    "ids",
    "media",
    "names",
    "national",
    "places",
    "spelled",
)
_registered: list[bool] = []
_REGISTER_LOCK = threading.Lock()


def _register() -> None:
    """Import the recognizer modules (each registers its rules) on the first check, not on
    import: the image checker imports `socialcoach.phi.categories` for the category table
    without paying 0.3 s for rules it never runs. Always in this order, so the registry's
    order does not depend on who asked first."""
    if _registered:
        return
    import importlib

    # The app checks drafts in worker threads, and a second key can start a check while the
    # first is still registering: it must wait for every family, not run with the half
    # registered (it once flagged "94F" as a record number, and the paragraph cache kept
    # the wrong answer).
    with _REGISTER_LOCK:
        if _registered:
            return
        for name in (*_RECOGNIZER_MODULES, "subject"):
            importlib.import_module(f"{__name__}.{name}")
        _registered.append(True)


def __getattr__(name: str) -> object:
    """`phi.names`, `phi.subject` ...: the recognizer modules, registered on first use."""
    if name in _RECOGNIZER_MODULES or name == "subject":
        import importlib

        _register()
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CATEGORIES",
    "CONFIDENCE",
    "Finding",
    "OwnDetails",
    "check",
    "fix_text",
    "no_findings_note",
    "report_json",
    "report_text",
    "warm",
]


@dataclass(frozen=True, slots=True)
class Finding:
    """One possible identifier, with offsets the editor can highlight and advice it can show.

    `confidence` is "likely" (the form alone says identifier: an MRN, "LAST, FIRST", a
    94-year-old) or "possible" (a form that is often innocent, flagged because of its context:
    a weekday near a case, a capitalised word after "from"). `rewrite` is the safe text the
    one-key fix puts in its place.
    """

    start: int
    end: int
    line: int
    column: int
    category: str
    text: str
    message: str
    fix: str
    confidence: str = "likely"
    rewrite: str = ""

    def to_dict(self) -> dict:
        """Plain dict for JSON output (the CLI and the app share this shape)."""
        return asdict(self)


def _resolve(cands: list[Cand]) -> list[Cand]:
    """Keep the most specific candidate where spans overlap (likely before possible).

    One exception: a likely context span that wholly contains a place or name ("the Piney
    Creek bus crash") is cut to what follows the place, so both are shown.
    """
    events = [c for c in cands if c[2] == "context" and c[3] == "likely" and c[1] - c[0] > 12]
    for ev in events:
        inner = [
            c
            for c in cands
            if c[2] in ("geo_small", "name") and ev[0] <= c[0] and c[1] <= ev[1] and c != ev
        ]
        if not inner:
            continue
        # Keep the place and the event beside it: "the Bayou La Batre boat fire" is a town
        # (geo_small) and an event (context); the event keeps what follows the place.
        cut = max(c[1] for c in inner)
        cands = [c for c in cands if c != ev]
        if ev[1] - cut > 3:
            cands.append((cut + 1 if cut < ev[1] else cut, ev[1], "context", "likely"))
    order = sorted(
        set(cands),
        key=lambda c: (c[3] != "likely", TABLE[c[2]].priority, -(c[1] - c[0]), c[0]),
    )
    kept: list[Cand] = []
    starts: list[int] = []
    for cand in order:
        s, e = cand[0], cand[1]
        i = bisect.bisect_left(starts, s)
        if i > 0 and kept[i - 1][1] > s:
            continue
        if i < len(kept) and kept[i][0] < e:
            continue
        kept.insert(i, cand)
        starts.insert(i, s)
    return kept


def _merge_context(cands: list[Cand], text: str) -> list[Cand]:
    """Adjacent context findings ("on TV last week") read as one."""
    out: list[Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev and c[2] == prev[2] == "context" and not text[prev[1] : c[0]].strip():
            conf = "likely" if "likely" in (c[3], prev[3]) else "possible"
            out[-1] = (prev[0], c[1], "context", conf)
        else:
            out.append(c)
    return out


def _candidates(doc: Doc) -> list[Cand]:
    _register()  # the recognizers, on the first check (every caller's way in)
    cands: list[Cand] = []
    for rule in RECOGNIZERS.values():
        for c in rule(doc):
            if c[1] > c[0]:
                cands.append(c if len(c) == 4 else (*c, "likely"))
    return cands


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@functools.lru_cache(maxsize=4096)
def _rule_candidates(paragraph: str, draft_clinical: bool) -> tuple[Cand, ...]:
    """What the rules propose in one paragraph, before the learned layer judges it."""
    return tuple(_candidates(Doc(paragraph, draft_clinical=draft_clinical)))


@functools.lru_cache(maxsize=2048)
def _paragraph_candidates(paragraph: str, draft_clinical: bool) -> tuple[Cand, ...]:
    """Candidates of one paragraph, remembered: while an article is edited, only the
    paragraph that changed is checked again. The rules propose; the learned layer
    (`learned`, weights trained on the labelled corpora) keeps, drops and adds."""
    cands = list(_rule_candidates(paragraph, draft_clinical))
    from . import learned  # its word lists and weights only when a draft is checked

    layer = learned.active()
    if layer is None:
        return tuple(cands)
    return tuple(learned.apply(Doc(paragraph, draft_clinical=draft_clinical), cands, layer))


def clear_caches() -> None:
    """Forget every paragraph seen (benchmarks of a cold draft; switching models)."""
    _rule_candidates.cache_clear()
    _paragraph_candidates.cache_clear()


def _all_candidates(text: str) -> list[Cand]:
    """Rules see one paragraph at a time (sentences never run across a blank line); whether
    the draft as a whole is about a patient is decided once, for all of them."""
    _register()
    from . import subject

    clinical = Doc(text).draft_clinical()
    cands: list[Cand] = []
    rule_likely: set[tuple[int, int, str]] = set()
    start = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        if text[start:end].strip():
            for s, e, cat, conf in _paragraph_candidates(text[start:end], clinical):
                cands.append((s + start, e + start, cat, conf))
            for s, e, cat, conf in _rule_candidates(text[start:end], clinical):
                if conf == "likely":
                    rule_likely.add((s + start, e + start, cat))
        if brk:
            start = brk.end()
    return subject.judge(text, cands, frozenset(rule_likely))


def check(
    text: str, *, author_names: Iterable[str] = (), me: OwnDetails | None = None
) -> list[Finding]:
    """Sorted by start; no overlapping duplicates.

    author_names and me: the user's own names, practice, emails, phones and address, which are
    not a patient's, so a post about one's own career stays clean.
    """
    if not text or not text.strip():
        return []
    from .fix import rewrite_for

    # NFD (decomposed accents, as macOS pastes them) is checked as NFC; offsets are mapped back.
    nfc = unicodedata.normalize("NFC", text)
    work, back = (text, None) if nfc == text else (nfc, _offset_map(text, nfc))
    cands = _all_candidates(work)
    own = OwnDetails.of(author_names)
    if me is not None:
        own = own.merged(me)
    if own:
        cands = [c for c in cands if not own.covers(work[c[0] : c[1]], c[2])]
    kept = _merge_context(_resolve(cands), work)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    findings = []
    for s, e, cat, conf in kept:
        rewrite = rewrite_for(work, s, e, cat)
        if back is not None:
            s, e = back[s], back[e]
        li = bisect.bisect_right(line_starts, s) - 1
        entry = TABLE[cat]
        findings.append(
            Finding(
                s,
                e,
                li + 1,
                s - line_starts[li] + 1,
                cat,
                text[s:e],
                entry.message,
                entry.fix,
                conf,
                rewrite,
            )
        )
    return findings


def _offset_map(orig: str, nfc: str) -> list[int]:
    """For each offset in nfc (and its end), the offset in orig it came from."""
    out: list[int] = []
    pos = 0
    i = 0
    while i < len(orig):
        j = i + 1
        while j < len(orig) and unicodedata.combining(orig[j]):
            j += 1
        piece = unicodedata.normalize("NFC", orig[i:j])
        out.extend([i] * len(piece))
        pos += len(piece)
        i = j
    out.append(len(orig))
    if len(out) != len(nfc) + 1:  # normalisation merged across clusters: fall back to scale
        return [round(k * len(orig) / max(1, len(nfc))) for k in range(len(nfc) + 1)]
    return out


def fix_text(text: str, findings: list[Finding] | None = None) -> str:
    """The draft with every finding replaced by its safe rewrite (see `socialcoach.phi.fix`)."""
    from .fix import apply

    return apply(text, check(text) if findings is None else findings)


def warm() -> None:
    """Load the rules and word lists now (the app calls this in a worker; the CLI lets check()
    do it)."""
    from . import learned, lexicon

    _register()
    lexicon.load_all()
    learned.model()


WHAT_IS_CHECKED = (
    "names (worklist forms too), dates, ages over 89, phone, fax, email, SSN, record, accession,"
    " plan and account numbers, licences, plates, devices, links, IP addresses, street addresses,"
    " ZIP codes, towns and wards, photos and biometrics, and context such as recency, relatives,"
    " public roles and news events"
)


def no_findings_note() -> str:
    """The honest answer for a draft with no finding: what was checked, what no checker can."""
    return (
        f"Nothing flagged. Checked for {WHAT_IS_CHECKED}. No checker can judge whether a rare"
        " case, a small community or a detail only the patient's circle knows would let someone"
        " recognise them: read it once more as a neighbour of the patient would."
    )


def report_json(findings: list[Finding]) -> str:
    """Machine-readable report for the CLI (`--json`) and editor integrations."""
    body: dict = {"findings": [f.to_dict() for f in findings]}
    if not findings:
        body["note"] = no_findings_note()
    return json.dumps(body, indent=2, ensure_ascii=False)


def report_text(findings: list[Finding], source: str = "<stdin>") -> str:
    """Compiler-style report so editors can jump to each finding."""
    blocks = [
        f"{source}:{f.line}:{f.column}: {f.category} ({f.confidence}): {f.text!r}\n"
        f"    why: {f.message}\n    fix: {f.fix}"
        for f in findings
    ]
    n = len(findings)
    if n == 0:
        return no_findings_note()
    likely = sum(f.confidence == "likely" for f in findings)
    summary = (
        f"{n} possible identifier{'s' if n != 1 else ''} found"
        f" ({likely} likely, {n - likely} possible)."
    )
    return "\n".join([*blocks, summary])
