"""The learned layer: weights trained on the labelled corpora decide what the rules propose.

Two rounds of hand rules fitted the writers they were tuned on and not the next one. This layer
changes the method: the rules propose candidate spans, and two small linear models trained on
every labelled writer (`scripts/train_phi_model.py`, weights in `data/phi_model.json`) judge them.

- The **judge** (logistic regression) scores each rule candidate from features of its form
  and its sentence: category and rule confidence, shape and capitals, word lists (given
  names, surnames, places, word frequency), the words beside it, whether the sentence is about
  care, a person or an event, what other rules found there. A "possible" candidate it scores
  low is dropped; a "likely" one it doubts becomes "possible" (it is never dropped: those are
  the forms the issue names). Exact forms (phones, emails, links, record numbers) are the
  rules' alone.
- The **tagger** (averaged perceptron) reads every word as if no rule had run and proposes
  name, place and context spans where no rule found anything; they are always "possible",
  and pass the rules' own vetoes (a colleague, a state, a hashtag).

No feature names a string of a corpus: a word is a feature by itself only when it is an
ordinary English word (in the word-frequency list, Zipf 3.5 or more); names, towns and rare
words are seen only through their shape and the public word lists. The models are plain
dictionaries of weights (no library at run time), loaded on first use behind the word lists'
lock, so the app loads them in its worker thread with the lists.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from itertools import repeat
from typing import Any

from . import lexicon
from ._base import _COUNTRIES, _EVENT_CUE, _NOT_NAMES, _US_STATES, Doc

# Categories the tagger may propose; "O" is outside any span.
TAG_CLASSES = (
    "O",
    "name",
    "geo_small",
    "context",
    "date",
    "age_over_89",
    # round 6: numbers and codes too, so a record number whose cue word is far away, or one
    # written "7 7 1 9" or "882.401.933", is read by the words around it rather than missed
    "mrn",
    "accession",
    "health_plan",
    "account",
    "ssn",
    "phone",
    "zip",
    "address",
    "other_id",
    "license",
    "vehicle",
    "device",
)
# The categories of words; the tagger's others are numbers and codes, with a margin of their
# own (a word of letters is only ever scored against these).
WORD_CLASSES = frozenset({"name", "geo_small", "context", "date"})
# How far the tagger looks for the words a sentence is about ("MRN ... is 7 7 1 9"): beyond
# the two words on each side, ordinary words up to this many tokens away are features.
_WINDOW = 7
_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?|[^\w\s]")
# A word is a feature by itself only when it is ordinary English this common (Zipf scale).
_COMMON = 3.5
MODEL_FILE = "phi_model.json"


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Words and single punctuation marks, with their offsets."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


@cache
def _word_info(word: str) -> tuple[str, ...]:
    """Form and list features of one word (cached: drafts repeat their words)."""
    low = lexicon.fold(word)
    z = lexicon.zipf(low)
    out = []
    if word.isalpha():
        if word.isupper() and len(word) > 1:
            out.append("caps")
        elif word[0].isupper():
            out.append("title")
        else:
            out.append("lower")
        if word != lexicon.plain(word) and word.lower() != lexicon.plain(word):
            out.append("accent")
    elif word.isdigit():
        out.append(f"digits{min(len(word), 9)}")
    elif any(c.isdigit() for c in word):
        out.append("alnum")
    elif len(word) == 1 and not word.isalnum():
        out.append("punct")
    else:
        out.append("other")
    out.append(f"z{min(int(z), 7)}")
    if word.isalpha() and len(word) > 1:
        if lexicon.is_given(low):
            out.append("given")
            if lexicon.given_like(word):
                out.append("given_like")
        if lexicon.is_surname(low):
            out.append("surname")
        if lexicon.is_place(low):
            out.append("place")
            if lexicon.state_of(low):
                out.append("us_place")
        if lexicon.ordinary(word):
            out.append("ordinary")
    if len(word) == 1 and word.isalpha() and word.isupper():
        out.append("initial")
    return tuple(out)


@cache
def _ident(word: str) -> str:
    """The word itself when it is ordinary English, else its shape class.

    A word in the name or place lists is itself only when it is ordinary English too
    ("will", "young"); "Sharma" or "Tuba" are seen through the lists and their shape alone,
    so no weight can remember a name a writer used.
    """
    low = lexicon.fold(word)
    if low.isalpha() and lexicon.zipf(low) >= _COMMON:
        listed = lexicon.is_given(low) or lexicon.is_surname(low) or lexicon.is_place(low)
        if not listed or lexicon.ordinary(low):
            return low
    info = _word_info(word)
    return "<" + info[0] + ">"


def _sentence_flags(doc: Doc, pos: int) -> list[str]:
    out = []
    if doc.has(pos, _EVENT_CUE, "event"):
        out.append("event")
    if doc.clinical(pos):
        out.append("clin")
    elif doc.clinical_near(pos):
        out.append("clin_near")
    if doc.person(pos):
        out.append("person")
    if doc.draft_clinical():
        out.append("draft_clin")
    return out


# --------------------------------------------------------------------------------------------
# Features
# --------------------------------------------------------------------------------------------


def candidate_features(
    doc: Doc, toks: Sequence[tuple[int, int, str]], cand: tuple, cands: Sequence[tuple]
) -> list[str]:
    """Features of one rule candidate (start, end, category, confidence)."""
    s, e, cat, conf = cand
    text = doc.text
    inside = [t for t in toks if t[0] >= s and t[1] <= e] or [(s, e, text[s:e])]
    before = [t for t in toks if t[1] <= s][-2:]
    after = [t for t in toks if t[0] >= e][:2]
    f = ["bias", f"c={cat}", f"c={cat}|{conf}", f"n={min(len(inside), 5)}"]
    words = [t[2] for t in inside]
    first = _word_info(words[0])
    f += [f"c={cat}|f:{x}" for x in first]
    if len(words) > 1:
        f += [f"c={cat}|l:{x}" for x in _word_info(words[-1])]
    f += [f"c={cat}|w={_ident(w)}" for w in words[:4]]
    if before:
        f.append(f"c={cat}|p1={_ident(before[-1][2])}")
        f.append(f"p1={_ident(before[-1][2])}")
    else:
        f.append(f"c={cat}|p1=<start>")
    if len(before) > 1:
        f.append(f"c={cat}|p2={_ident(before[-2][2])}")
    if after:
        f.append(f"c={cat}|n1={_ident(after[0][2])}")
    else:
        f.append(f"c={cat}|n1=<end>")
    if len(after) > 1:
        f.append(f"c={cat}|n2={_ident(after[1][2])}")
    sent_start, _ = doc.sentence(s)
    if not text[sent_start:s].strip():
        f.append(f"c={cat}|sent_start")
    flags = _sentence_flags(doc, s)
    f += [f"c={cat}|s:{x}" for x in flags]
    f += [f"s:{x}" for x in flags]
    others = {c[2] for c in cands if c is not cand and c[0] < e and s < c[1]}
    f += [f"c={cat}|ov={o}" for o in sorted(others)]
    near = {c[2] for c in cands if c is not cand and c[3] == "likely"}
    if near:
        f.append("para_has_likely")
    f += [f"para_has={o}" for o in sorted(near & {"name", "age_over_89", "mrn", "date"})]
    return f


@cache
def taggable(word: str) -> bool:
    """Words the tagger reads: letters and numbers, not punctuation and not the commonest
    function words ("the", "and": a span is found by its other words). Cached like
    `_word_info`: drafts repeat their words."""
    if not word.isalnum():
        return False
    return any(c.isdigit() for c in word) or lexicon.zipf(word) < 6.0


class Words:
    """One paragraph's words with their form classes, computed once for every word's features."""

    __slots__ = ("toks", "ids", "shapes", "memo")

    def __init__(self, toks: Sequence[tuple[int, int, str]]) -> None:
        self.toks = toks
        self.ids = [_ident(t[2]) for t in toks]
        self.shapes = [_word_info(t[2])[0] for t in toks]
        self.memo: dict[int, tuple[str, ...]] = {}


@cache
def _own_features(word: str) -> tuple[str, ...]:
    """The features of a word that depend on the word alone, in token_features' order."""
    return ("bias", *_word_info(word), f"w={_ident(word)}")


@cache
def _sentence_features(flags: tuple[str, ...], shape: str) -> tuple[str, ...]:
    """The features of a sentence's flags for a word of this shape, in token_features' order."""
    out: list[str] = []
    for x in flags:
        out.append(f"s:{x}")
        out.append(f"s:{x}|{shape}")
    return tuple(out)


def token_features(doc: Doc, words: Words, i: int) -> list[str]:
    """Features of word i: its form, the lists, its neighbours and its sentence (the parts
    that depend on the word alone, or on its sentence's flags, are built once and reused)."""
    toks, ids, shapes = words.toks, words.ids, words.shapes
    s, _e, w = toks[i]
    info = _word_info(w)
    me = ids[i]
    f = list(_own_features(w))
    n = len(toks)
    for k in (-2, -1, 1, 2):
        j = i + k
        if 0 <= j < n:
            f.append(f"w{k}={ids[j]}")
            f.append(f"i{k}={shapes[j]}")
        else:
            f.append(f"w{k}=<edge>")
    if i > 0:
        f.append(f"w-1|i0={ids[i - 1]}|{info[0]}")
    if i + 1 < n:
        f.append(f"i0|w+1={info[0]}|{ids[i + 1]}")
    # the words the sentence is about, further away ("the MRN on the sticker was 7 7 1 9")
    seen = set()
    for j in range(max(0, i - _WINDOW), min(n, i + _WINDOW + 1)):
        if abs(j - i) > 2 and ids[j][0] != "<" and ids[j] not in seen:
            seen.add(ids[j])
            f.append(f"win={ids[j]}")
    if me[0] == "<" and w.isalpha() and len(w) >= 5:
        # the ending of a rare word is a form ("-ville", "-ez", "-ski"), not the word
        f.append(f"suf3={lexicon.fold(w)[-3:]}")
    sent_start, _ = doc.sentence(s)
    if not doc.text[sent_start:s].strip():
        f.append("sent_start")
    flags = words.memo.get(sent_start)
    if flags is None:
        flags = words.memo[sent_start] = tuple(_sentence_flags(doc, s))
    f += _sentence_features(flags, info[0])
    return f


def cover_of(toks: Sequence[tuple[int, int, str]], cands: Iterable[tuple]) -> list[str]:
    """For each word, the category of a rule candidate covering it ("-" when none)."""
    cover = ["-"] * len(toks)
    starts = [t[0] for t in toks]
    for s, e, cat, _conf in cands:
        i = bisect.bisect_left(starts, s)
        while i < len(toks) and toks[i][0] < e:
            cover[i] = cat
            i += 1
    return cover


# --------------------------------------------------------------------------------------------
# The shipped model
# --------------------------------------------------------------------------------------------


class Model:
    """Weights of the judge (feature -> weight) and the tagger (for "outside any span" and
    each category it may propose, feature -> weight), so a word costs one sum."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.meta: dict[str, Any] = data.get("meta", {})
        self.judge: dict[str, float] = data["judge"]
        t = data["thresholds"]
        self.drop = float(t["drop"])
        self.drop_likely = float(t["drop_likely"])
        self.likely = float(t["likely"])
        self.tag_margin = float(t["tag_margin"])
        # a margin of its own for some categories (numbers and codes score on another scale
        # than words); the others use tag_margin
        self.tag_margins = {c: float(m) for c, m in t.get("tag_margins", {}).items()}
        self.tag_likely = float(t["tag_likely"])
        self.judged = frozenset(t["judged"])
        self.tagger: dict[str, dict[str, float]] = data["tagger"]
        # One look-up a feature: feature -> ((class index, weight), ...), so a word costs the
        # same however many categories the tagger may propose. Index 0 is "O" (outside any
        # span); a category's margin is its sum less O's (a model without "O" stores each
        # category's difference to it, and O sums to 0).
        self._labels = list(t["tag_classes"])
        # A word of letters is a name, a place or context, never a number: it is scored
        # against those alone (most words are letters, so this is most of the tagger's time).
        self._word_labels = [c for c in self._labels if c in WORD_CLASSES]
        self._index: dict[str, list[tuple[int, float]]] = {}
        self._word_index: dict[str, list[tuple[int, float]]] = {}
        word_k = {c: k for k, c in enumerate(["O", *self._word_labels])}
        for k, label in enumerate(["O", *self._labels]):
            wk = word_k.get(label)
            for feat, weight in self.tagger.get(label, {}).items():
                pair = (k, weight)
                got = self._index.get(feat)
                if got is None:
                    self._index[feat] = [pair]
                else:
                    got.append(pair)
                if wk is not None:
                    got = self._word_index.get(feat)
                    if got is None:
                        self._word_index[feat] = [(wk, weight)]
                    else:
                        got.append((wk, weight))

    def judge_prob(self, feats: Iterable[str]) -> float:
        z = sum(map(self.judge.get, feats, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def tag_best(self, feats: Sequence[str], letters: bool = False) -> tuple[str, float]:
        """The likeliest category for a word and its margin over "outside any span"; a word
        of letters only is scored against the categories of words."""
        labels, index = (
            (self._word_labels, self._word_index) if letters else (self._labels, self._index)
        )
        if not labels:
            return "O", -math.inf
        sums = [0.0] * (len(labels) + 1)
        get = index.get
        for feat in feats:
            pairs = get(feat)
            if pairs:
                for k, weight in pairs:
                    sums[k] += weight
        k = max(range(1, len(sums)), key=sums.__getitem__)
        return labels[k - 1], sums[k] - sums[0]


@cache
def model() -> Model | None:
    """The shipped model, or None when it has not been built (the rules then stand alone)."""
    with lexicon._LOCK:
        path = resources.files(__package__).joinpath("data", MODEL_FILE)
        if not path.is_file():
            return None
        return Model(json.loads(path.read_text("utf-8")))


def _bare_given_doing(text: str, start: int, end: int) -> bool:
    """A given name alone doing what patients do ("Maria came back"): the names rules call it
    likely only so that the judge cannot drop it; it reads possible."""
    from .names import _CARE_VERB_AFTER

    word = text[start:end]
    return word.isalpha() and lexicon.is_given(word) and bool(_CARE_VERB_AFTER.match(text, end))


def apply(doc: Doc, cands: list[tuple], mdl: Model | None = None) -> list[tuple]:
    """Judge the rules' candidates and add the tagger's spans (one paragraph at a time)."""
    mdl = mdl if mdl is not None else model()
    if mdl is None:
        return cands
    toks = tokens(doc.text)
    out = []
    for c in cands:
        if c[2] not in mdl.judged:
            out.append(c)  # exact forms (cue words, checksums, structure) are the rules' alone
            continue
        p = mdl.judge_prob(candidate_features(doc, toks, c, cands))
        # A form the rules call likely has its own, lower bar (0 in the shipped model: never
        # dropped, since those are the forms issue 14 names).
        if p < (mdl.drop_likely if c[3] == "likely" else mdl.drop):
            continue
        # The judge may make a likely form possible, never the reverse: a given name alone
        # stays possible however sure the judge is.
        conf = "likely" if c[3] == "likely" and p >= mdl.likely else "possible"
        if c[2] == "name" and conf == "likely" and _bare_given_doing(doc.text, c[0], c[1]):
            conf = "possible"  # kept, however unsure the judge is, but no more than possible
        out.append((c[0], c[1], c[2], conf))
    out += tag_spans(doc, toks, cands, mdl)
    return out


def tag_spans(
    doc: Doc, toks: Sequence[tuple[int, int, str]], cands: Sequence[tuple], mdl: Model
) -> list[tuple]:
    """Spans of words the tagger puts in a category, outside every rule candidate."""
    cover = cover_of(toks, cands)
    # The tagger reads words as if no rule had run (it is trained on every word, not only
    # on what the rules missed), and speaks only where no rule did.
    words = Words(toks)
    spans: list[tuple] = []
    cur: list[Any] | None = None
    for i, (s, e, w) in enumerate(toks):
        if w in _MARKS and cover[i] == "-":
            continue  # a mark inside a number or a name; _joins decides at the next word
        label, margin = "O", 0.0
        if cover[i] == "-" and taggable(w):
            best, margin = mdl.tag_best(token_features(doc, words, i), w.isalpha())
            if margin > mdl.tag_margins.get(best, mdl.tag_margin):
                label = best
        if label == "O":
            if cur is not None:
                spans.append(tuple(cur))
                cur = None
            continue
        if cur is not None and cur[2] == label and _joins(doc.text[cur[1] : s]):
            cur[1] = e
            cur[4] = max(cur[4], margin)
        else:
            if cur is not None:
                spans.append(tuple(cur))
            cur = [s, e, label, "", margin]
    if cur is not None:
        spans.append(tuple(cur))
    return [
        (s, e, cat, "likely" if m >= mdl.tag_likely else "possible")
        for s, e, cat, _, m in spans
        if not _vetoed(doc, s, e, cat, cands)
    ]


_MARKS = frozenset("-./")


def _not_a_patients_number(text: str, s: int, e: int) -> bool:
    """The ID rules' vetoes, for a number the tagger proposes: a paper's number ("PMID
    34012345"), a clinician's credential ("NPI ..."), an amount with its unit ("250 mg").
    (The contact rules' veto of the author's own line is `_own_contact`.)"""
    from . import ids

    return bool(
        ids._PUBLICATION_BEFORE.search(text, max(0, s - 12), s)
        or ids._credential(text, s)
        or ids._UNIT_AFTER.match(text[e : e + 10])
    )


def _own_contact(doc: Doc, s: int) -> bool:
    """The contact rules' veto, for a phone or fax number the tagger proposes: a number on the
    author's own line ("Our front desk is at ...", "call us") is the practice's."""
    from . import contact

    return contact._own_line(doc, s)


def _joins(gap: str) -> bool:
    """Two tagged words of one category are one span across spaces, or one mark that people
    put inside numbers and names ("882.401.933", "7-7-1-9", "Mary-Jo")."""
    mark = gap.strip()
    return not mark or (len(mark) == 1 and mark in _MARKS and len(gap) <= 3)


_BIG_PLACE = 4.0
_BESIDE = re.compile(r"[\s.,'\u2019]{0,2}$")


def _vetoed(doc: Doc, s: int, e: int, cat: str, cands: Sequence[tuple]) -> bool:
    """The rules' own vetoes, applied to what the tagger proposes.

    A word beside a rule's span of the same category is part of it ("Mrs." before the name
    the rule found); hashtags and handles are the rules' to judge; states, countries and big
    cities are never flagged; a colleague ("Dr.", "MD", "my colleague") or a sentence about an event
    or history is not a patient.
    """
    from . import names, places  # the family modules import this one's package, not the reverse

    text = doc.text
    if cat not in WORD_CLASSES and _not_a_patients_number(text, s, e):
        return True
    if cat in ("phone", "fax") and _own_contact(doc, s):
        return True
    for c in cands:
        if c[2] != cat:
            continue
        if 0 <= s - c[1] <= 2 and _BESIDE.match(text[c[1] : s]):
            return True
        if 0 <= c[0] - e <= 2 and _BESIDE.match(text[e : c[0]]):
            return True
    if s > 0 and text[s - 1] in "#@":
        return True
    low = lexicon.fold(text[s:e])
    if low in _US_STATES or low in _COUNTRIES:
        return True
    # the rules' own lists of words that are never a name or a town (eponyms, weekdays,
    # departments, platforms)
    if cat in ("name", "geo_small") and any(
        w in _NOT_NAMES or w in places._NOT_PLACES for w in low.split()
    ):
        return True
    # A place named as often as an English word is a city everyone knows ("Chicago" 4.8,
    # "Denver" 4.2 on the Zipf scale), not a small town ("Tuba" 2.8, "Skokie" 2.5).
    if cat == "geo_small" and lexicon.zipf(low.split()[0]) >= _BIG_PLACE:
        return True
    # A sentence about a lecture, a meeting or a paper is not a patient encounter.
    if doc.has(s, _EVENT_CUE, "event"):
        return True
    return cat == "name" and (names._colleague(text, s, e) or names._not_a_patient(doc, s))


# --------------------------------------------------------------------------------------------
# Which layer check() uses: the shipped model unless a script (training, cross-validation)
# says otherwise.
# --------------------------------------------------------------------------------------------

RULES_ONLY = "rules-only"
_override: list[Any] = []


def active() -> Model | None:
    if _override:
        return None if _override[-1] == RULES_ONLY else _override[-1]
    return model()


class use:
    """`with learned.use(m):` checks with model m (or RULES_ONLY) instead of the shipped one."""

    def __init__(self, mdl: Model | str) -> None:
        self.mdl = mdl

    def __enter__(self) -> None:
        from . import _paragraph_candidates

        _override.append(self.mdl)
        _paragraph_candidates.cache_clear()

    def __exit__(self, *exc: object) -> None:
        from . import _paragraph_candidates

        _override.pop()
        _paragraph_candidates.cache_clear()
