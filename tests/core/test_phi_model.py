"""The learned layer: it loads lazily, decides deterministically, is rebuilt from the corpora,
and its weights name forms and ordinary words, never a writer's names (docs/phi-checker.md)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from socialcoach import phi
from socialcoach.phi import check, learned, lexicon
from socialcoach.phi._base import Doc

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "train_phi_model.py"
SHIPPED = ROOT / "src" / "socialcoach" / "phi" / "data" / learned.MODEL_FILE


def _model(judge: dict | None = None, tagger: dict | None = None, **thresholds) -> learned.Model:
    t = {
        "drop": 0.5,
        "drop_likely": 0.5,
        "likely": 0.9,
        "tag_margin": 0.0,
        "tag_likely": 1e9,
        "judged": ["name", "geo_small", "context", "date"],
        "tag_classes": ["name", "geo_small", "context"],
    }
    t.update(thresholds)
    return learned.Model({"judge": judge or {}, "tagger": tagger or {}, "thresholds": t})


def test_importing_the_checker_does_not_load_the_model() -> None:
    code = (
        "import socialcoach.phi as p, socialcoach.phi.learned as l;"
        "print(l.model.cache_info().currsize);"
        "p.check('Mrs. Okafor, 94, seen on 3/14/2024 in the ED.');"
        "print(l.model.cache_info().currsize)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["0", "1"]


def test_the_shipped_model_loads_and_names_its_training_corpora() -> None:
    mdl = learned.model()
    assert mdl is not None
    assert mdl.meta["built_by"] == "scripts/train_phi_model.py"
    assert set(mdl.meta["writers"]) >= {"A", "B", "C", "D", "E", "F"}
    assert mdl.meta["classes"] == list(learned.TAG_CLASSES)
    assert SHIPPED.stat().st_size < 2_000_000  # small enough to ship in the wheel


def test_the_same_draft_gets_the_same_findings_every_time() -> None:
    draft = (
        "Overnight: NGUYEN^THI^HOA, 94, from Tuba City, came in after the barn fire.\n\n"
        "Big Sal's CT looked better on Tuesday; my uncle drove him."
    )
    first = check(draft)
    for _ in range(3):
        phi.clear_caches()
        assert check(draft) == first


def test_a_judge_that_distrusts_a_category_drops_it_and_keeps_exact_forms() -> None:
    draft = "Mr. Harold Finch, MRN 1234567, presented with painless jaundice."
    with learned.use(learned.RULES_ONLY):
        before = {f.category for f in check(draft)}
    assert {"name", "mrn"} <= before
    with learned.use(_model(judge={"c=name": -20.0})):
        after = {f.category for f in check(draft)}
    assert "name" not in after  # judged and dropped
    assert "mrn" in after  # never judged: a cued record number is the rules' alone


def test_the_judge_sets_the_confidence_a_finding_is_shown_with() -> None:
    draft = "Mr. Harold Finch presented with painless jaundice."
    with learned.use(_model(judge={"c=name": 3.0})):
        assert [f.confidence for f in check(draft) if f.category == "name"] == ["likely"]
    with learned.use(_model(judge={"c=name": 0.5}, drop_likely=0.1)):
        assert [f.confidence for f in check(draft) if f.category == "name"] == ["possible"]


def test_the_tagger_adds_a_possible_span_where_no_rule_found_one() -> None:
    draft = "we scanned zorblat yesterday"
    weights = {"name": {"w-1=scanned": 5.0}}
    with learned.use(_model(tagger=weights)):
        found = [(f.text, f.category, f.confidence) for f in check(draft)]
    assert ("zorblat", "name", "possible") in found
    with learned.use(learned.RULES_ONLY):
        assert not any(f.text == "zorblat" for f in check(draft))


@pytest.mark.parametrize(
    ("draft", "word"),
    [
        ("She came to the ER on the Fourth with burns from the fireworks, CT was clear.", "Fourth"),
        ("La señora llegó el Viernes con dolor abdominal y la TC mostró apendicitis.", "Viernes"),
        ("He went home this past Sabbath after the stroke, God bless him.", "Sabbath"),
    ],
)
def test_the_shipped_tagger_proposes_a_date_the_rules_leave(draft: str, word: str) -> None:
    """Round 7: dates are the tagger's to propose too (a holiday, a weekday in another language),
    always as "possible"; the rules alone say nothing about these."""
    found = [(f.category, f.confidence) for f in check(draft) if word in f.text]
    assert found == [("date", "possible")]
    with learned.use(learned.RULES_ONLY):
        assert not [f for f in check(draft) if f.category == "date"]


def test_adjacent_tagged_words_read_as_one_span() -> None:
    doc = Doc("we scanned Zorblat Quux today")
    toks = learned.tokens(doc.text)
    mdl = _model(tagger={"name": {"title": 5.0}, "context": {"title": 1.0}})
    spans = learned.tag_spans(doc, toks, [], mdl)
    assert [(doc.text[s:e], cat) for s, e, cat, _ in spans] == [("Zorblat Quux", "name")]


def test_a_number_is_tagged_from_a_cue_word_several_words_away() -> None:
    """Round 6: numbers are words the tagger reads, and the words a sentence is about count
    from further away than the two beside it."""
    draft = "the card on the old blue folder said 77192 for the CT"
    weights = {"mrn": {"win=card": 6.0, "digits5": -3.0}}
    with learned.use(_model(tagger=weights, tag_classes=["name", "mrn"])):
        found = [(f.text, f.category, f.confidence) for f in check(draft)]
    assert ("77192", "mrn", "possible") in found
    with learned.use(learned.RULES_ONLY):
        assert not check(draft)
    # the cue word is seven tokens before the number: beyond the two-word neighbourhood
    doc = Doc(draft)
    toks = learned.tokens(draft)
    i = next(k for k, t in enumerate(toks) if t[2] == "77192")
    feats = learned.token_features(doc, learned.Words(toks), i)
    near = [f for f in feats if f[0] == "w" and not f.startswith("win=")]
    assert "win=card" in feats and not any("card" in f for f in near)
    # without the far cue word, the number alone is not enough
    with learned.use(_model(tagger={"mrn": {"digits5": -3.0}}, tag_classes=["mrn"])):
        assert not check(draft)


def test_a_number_split_by_dots_or_spaces_reads_as_one_span() -> None:
    doc = Doc("plan number XQH 882.401.933 on the card")
    toks = learned.tokens(doc.text)
    weights = {"health_plan": {"caps": 8.0, "digits3": 8.0}}
    mdl = _model(tagger=weights, tag_classes=["health_plan"])
    spans = learned.tag_spans(doc, toks, [], mdl)
    # the letters are a word, never a number on their own: the span is the digits
    assert [doc.text[s:e] for s, e, *_ in spans] == ["882.401.933"]
    doc = Doc("plan number 882 401 933 on the card")
    spans = learned.tag_spans(doc, learned.tokens(doc.text), [], mdl)
    assert [doc.text[s:e] for s, e, *_ in spans] == ["882 401 933"]


def test_a_category_can_have_a_margin_of_its_own() -> None:
    doc = Doc("7719220 Zorblat")
    toks = learned.tokens(doc.text)
    weights = {"name": {"title": 5.0}, "mrn": {"digits7": 5.0}}
    both = _model(tagger=weights, tag_classes=["name", "mrn"], tag_margin=4.0)
    strict = _model(
        tagger=weights, tag_classes=["name", "mrn"], tag_margin=4.0, tag_margins={"mrn": 6.0}
    )
    cats = lambda m: [c for _, _, c, _ in learned.tag_spans(doc, toks, [], m)]  # noqa: E731
    assert cats(both) == ["mrn", "name"]
    assert cats(strict) == ["name"]


def test_no_weight_names_a_word_outside_the_public_word_lists() -> None:
    """Every piece of a feature is a feature name, a category, a shape or list class, or an
    ordinary English word (Zipf >= 3.5, and not a listed name unless ordinary): nothing a
    writer invented can be remembered. Word endings (suf3) are three letters, a form."""
    data = json.loads(SHIPPED.read_text("utf-8"))
    structural = {
        *learned.TAG_CLASSES,
        *phi.CATEGORIES,
        "-",
        "bias",
        "c",
        "n",
        "f",
        "l",
        "w",
        "p1",
        "p2",
        "n1",
        "n2",
        "s",
        "ov",
        "para_has",
        "para_has_likely",
        "r",
        "sent_start",
        "likely",
        "possible",
        "caps",
        "title",
        "lower",
        "accent",
        "alnum",
        "punct",
        "other",
        "given",
        "given_like",
        "surname",
        "place",
        "us_place",
        "ordinary",
        "initial",
        "event",
        "clin",
        "clin_near",
        "person",
        "draft_clin",
        "w0",
        "i0",
        "win",
        "w-1",
        "w+1",
        *(f"{p}{k}" for p in ("w", "i", "r") for k in ("-2", "-1", "1", "2")),
    }
    bad = []
    for key in [*data["judge"], *(k for part in data["tagger"].values() for k in part)]:
        if key.startswith("suf3="):
            continue
        for piece in re.split(r"[=|:]", key):
            if piece in structural or re.fullmatch(r"z\d|digits\d|\d|<\w+>", piece):
                continue
            if learned._ident(piece) != piece:
                bad.append(key)
    assert not bad, bad[:20]


def test_word_endings_are_only_three_letters() -> None:
    data = json.loads(SHIPPED.read_text("utf-8"))
    ends = [k.split("=", 1)[1] for p in data["tagger"].values() for k in p if k.startswith("suf3=")]
    assert ends and all(len(e) <= 3 for e in ends)


def test_the_training_script_rebuilds_the_shipped_model_byte_for_byte() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "reproduced" in done.stdout


def test_a_cross_validation_on_a_small_subset_runs_and_reports_each_writer() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--cv", "--limit", "8"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    for writer in "ABCDEF":
        assert f"== writer {writer}, left out" in done.stdout
    assert "== all writers, each left out ==" in done.stdout


def test_a_model_trained_on_a_subset_is_the_same_twice(tmp_path: Path) -> None:
    outs = []
    for k in range(2):
        out = tmp_path / f"m{k}.json"
        subprocess.run(
            [sys.executable, str(SCRIPT), "--limit", "10", "--out", str(out)],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    meta = json.loads(outs[0])["meta"]
    assert meta["drafts"] == len(meta["writers"]) * 10  # ten drafts from each writer
    assert "I" not in meta["writers"]  # writer I is never trained on


def test_the_model_loads_with_the_word_lists_in_warm() -> None:
    learned.model.cache_clear()
    phi.warm()
    assert learned.model.cache_info().currsize == 1
    assert lexicon.zipf("the") > 6
