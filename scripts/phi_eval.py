"""Measure the PHI checker against labelled synthetic corpora (JSONL, docs/phi-labelling.md).

Usage: python scripts/phi_eval.py [CORPUS ...] [--part NAME|all] [--errors] [--json]

CORPUS is any JSONL path; with none, the named parts in tests/data (PARTS below) are scored.

Matching rule: a gold span is caught if a finding of the same category overlaps it; a finding
is a true positive if it overlaps any gold span. `--errors` lists misses and false alarms; use it
only on a corpus that is already a development set, so a fresh corpus is scored blind first.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from socialcoach.phi import CATEGORIES, Finding, check  # noqa: E402

DATA = ROOT / "tests" / "data"
PARTS = {
    "tune": DATA / "phi_corpus_tune.jsonl",
    "holdout": DATA / "phi_corpus_holdout.jsonl",
    "dev_a": DATA / "phi_dev_a.jsonl",
    "dev_b": DATA / "phi_dev_b.jsonl",
    # writer C: the holdout, scored once at the end of issue 14's first round; a regression
    # set since (docs/phi-checker.md)
    "holdout_c": DATA / "phi_holdout_c.jsonl",
    # writer F: the final holdout of round 2, scored once (docs/phi-checker.md); a regression
    # set since
    "holdout_f": DATA / "phi_holdout_f.jsonl",
    # writers D and E: blind corpora of issue 14's second round, each scored once on arrival
    # before anyone read it (docs/phi-checker.md); development sets since
    "dev_d": DATA / "phi_dev_d.jsonl",
    "dev_e": DATA / "phi_dev_e.jsonl",
    # writers G and H: issue 14's third round, each scored blind on arrival before anyone read
    # it (docs/phi-checker.md, "Round 3"); training data of the learned layer since
    "dev_g": DATA / "phi_dev_g.jsonl",
    "dev_h": DATA / "phi_dev_h.jsonl",
    # writer I: the frozen holdout of round 3, scored once after the merge
    # (docs/phi-checker.md); a regression set since, never used to train the learned layer
    "holdout_i": DATA / "phi_holdout_i.jsonl",
    # writers J (US mix) and K (UK, Ireland, Australia, Canada): issue 14's fourth round, each
    # scored blind on arrival before anyone read it (docs/phi-checker.md, "Round 4");
    # development sets since
    "dev_j": DATA / "phi_dev_j.jsonl",
    "dev_k": DATA / "phi_dev_k.jsonl",
    # writer L (a mix of everything, code-switching, hard cases): the frozen holdout of round 4,
    # scored once by the lead after the merge (docs/phi-checker.md); a regression set since,
    # never used to train the learned layer
    "holdout_l": DATA / "phi_holdout_l.jsonl",
    # writers M (US community and rural practice) and N (outside the US): round 5's blind
    # corpora, each scored once on arrival before anyone read it; development sets since
    "dev_m": DATA / "phi_dev_m.jsonl",
    "dev_n": DATA / "phi_dev_n.jsonl",
    # writer O: the frozen holdout of round 5, scored once by the lead after the merges
    # (docs/phi-checker.md); a regression set since, and in the learned layer's training data
    # from round 6
    "holdout_o": DATA / "phi_holdout_o.jsonl",
    # writers P (community, rural and outside-the-US practice) and Q (US academic and
    # safety-net hospitals, names of many origins): round 6's blind corpora, each scored once
    # on arrival, before anyone read them, with the code before the round and after it
    # (docs/phi-checker.md, "Round 6"); development and training sets since
    "dev_p": DATA / "phi_dev_p.jsonl",
    "dev_q": DATA / "phi_dev_q.jsonl",
    # writers S (outside the US, interventional radiology) and T (rural and trauma practice):
    # round 7's blind corpora, each scored on arrival with the code before the round and the
    # code of the day, before anyone read them (docs/phi-checker.md, "Round 7"). S has been a
    # development and training set since; T was the round's frozen holdout, scored once more
    # with the finished code, and is a regression set since (not trained on)
    "dev_s": DATA / "phi_dev_s.jsonl",
    "holdout_t": DATA / "phi_holdout_t.jsonl",
}
LEVELS = ("likely", "possible")


@dataclass
class Result:
    """Counts for one corpus part; the rates are derived so they cannot drift from the counts."""

    gold: Counter = field(default_factory=Counter)
    caught: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    found_tp: Counter = field(default_factory=Counter)
    found_tp_same: Counter = field(default_factory=Counter)
    # per confidence level: findings, true positives, gold spans caught by that level
    level_found: Counter = field(default_factory=Counter)
    level_tp: Counter = field(default_factory=Counter)
    clean_flagged_likely: int = 0
    phi_drafts_likely: int = 0
    phi_drafts: int = 0
    phi_drafts_any: int = 0
    phi_drafts_all: int = 0
    clean_drafts: int = 0
    clean_flagged: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return _ratio(sum(self.caught.values()), sum(self.gold.values()))

    @property
    def precision(self) -> float:
        return _ratio(sum(self.found_tp.values()), sum(self.found.values()))

    @property
    def clean_flag_rate(self) -> float:
        return _ratio(self.clean_flagged, self.clean_drafts, empty=0.0)


def _ratio(a: int, b: int, empty: float = 1.0) -> float:
    return a / b if b else empty


def load(path: Path) -> list[dict]:
    """Read a JSONL corpus and attach gold character offsets to each span."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        text = row["text"]
        cursor: dict[str, int] = {}
        for span in row["spans"]:
            start = text.find(span["text"], cursor.get(span["text"], 0))
            if start < 0 and span["text"] in text:
                # the same string given a second category (a DOB that is both a date and
                # an age over 89): the writer meant the same place, not a second one
                start = text.rfind(span["text"])
            if start < 0:
                raise ValueError(f"{path.name}:{n}: span {span['text']!r} not in text")
            cursor[span["text"]] = start + 1
            span["start"], span["end"] = start, start + len(span["text"])
        rows.append(row)
    return rows


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def evaluate(rows: list[dict], check_fn: Callable[..., list] = check) -> Result:
    """Score check_fn (ours by default) on rows (each with text, spans, optional author_names)."""
    res = Result()
    for row in rows:
        findings: list[Finding] = check_fn(row["text"], author_names=row.get("author_names", ()))
        spans = row["spans"]
        for f in findings:
            level = getattr(f, "confidence", "likely")
            res.found[f.category] += 1
            res.level_found[level] += 1
            hits = [g for g in spans if _overlaps(f.start, f.end, g["start"], g["end"])]
            if hits:
                res.level_tp[level] += 1
                res.found_tp[f.category] += 1
                if any(g["category"] == f.category for g in hits):
                    res.found_tp_same[f.category] += 1
            else:
                res.errors.append(f"FALSE ALARM {row['id']}: {f.category} {f.text!r}")
        caught_here = 0
        for g in spans:
            res.gold[g["category"]] += 1
            if any(
                f.category == g["category"] and _overlaps(f.start, f.end, g["start"], g["end"])
                for f in findings
            ):
                res.caught[g["category"]] += 1
                caught_here += 1
            else:
                got = [
                    f"{f.category}:{f.text!r}"
                    for f in findings
                    if _overlaps(f.start, f.end, g["start"], g["end"])
                ]
                res.errors.append(
                    f"MISSED {row['id']}: {g['category']} {g['text']!r}"
                    + (f" (found as {', '.join(got)})" if got else "")
                )
        if spans:
            res.phi_drafts += 1
            any_overlap = any(
                _overlaps(f.start, f.end, g["start"], g["end"]) for f in findings for g in spans
            )
            res.phi_drafts_any += any_overlap
            res.phi_drafts_all += caught_here == len(spans)
            res.phi_drafts_likely += any(
                getattr(f, "confidence", "likely") == "likely"
                and _overlaps(f.start, f.end, g["start"], g["end"])
                for f in findings
                for g in spans
            )
        else:
            res.clean_drafts += 1
            res.clean_flagged += bool(findings)
            res.clean_flagged_likely += any(
                getattr(f, "confidence", "likely") == "likely" for f in findings
            )
    return res


def format_result(name: str, res: Result) -> str:
    """A plain table, pasted verbatim into docs/phi-checker.md."""
    lines = [
        f"== {name} ==",
        f"{'category':<12} {'gold':>4} {'caught':>6} {'recall':>6}"
        f" {'found':>5} {'TP':>4} {'prec':>5} {'prec(same cat)':>14}",
    ]
    for cat in CATEGORIES:
        gold, found = res.gold[cat], res.found[cat]
        if not gold and not found:
            continue
        rec = f"{_ratio(res.caught[cat], gold):.2f}" if gold else "-"
        prec = f"{_ratio(res.found_tp[cat], found):.2f}" if found else "-"
        same = f"{_ratio(res.found_tp_same[cat], found):.2f}" if found else "-"
        lines.append(
            f"{cat:<12} {gold:>4} {res.caught[cat]:>6} {rec:>6} {found:>5}"
            f" {res.found_tp[cat]:>4} {prec:>5} {same:>14}"
        )
    tot_gold, tot_found = sum(res.gold.values()), sum(res.found.values())
    lines += [
        f"{'OVERALL':<12} {tot_gold:>4} {sum(res.caught.values()):>6} {res.recall:>6.3f}"
        f" {tot_found:>5} {sum(res.found_tp.values()):>4} {res.precision:>5.3f}"
        f" {_ratio(sum(res.found_tp_same.values()), tot_found):>14.3f}",
        f"drafts with PHI: {res.phi_drafts}; at least one span flagged: {res.phi_drafts_any}"
        f" ({_ratio(res.phi_drafts_any, res.phi_drafts):.1%}); every span caught:"
        f" {res.phi_drafts_all} ({_ratio(res.phi_drafts_all, res.phi_drafts):.1%})",
        f"clean drafts: {res.clean_drafts}; wrongly flagged: {res.clean_flagged}"
        f" ({res.clean_flag_rate:.1%})",
        "by confidence: "
        + "; ".join(
            f"{lv} {res.level_found[lv]} found, precision"
            f" {_ratio(res.level_tp[lv], res.level_found[lv]):.3f}"
            for lv in LEVELS
        )
        + f"; PHI drafts flagged by a likely finding {res.phi_drafts_likely}"
        f" ({_ratio(res.phi_drafts_likely, res.phi_drafts):.1%}), clean drafts with a likely"
        f" finding {res.clean_flagged_likely}"
        f" ({_ratio(res.clean_flagged_likely, res.clean_drafts, 0.0):.1%})",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", type=Path, help="JSONL corpora to score")
    parser.add_argument("--part", choices=[*PARTS, "all"], default="all")
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms")
    parser.add_argument("--json", action="store_true", help="machine-readable summary")
    args = parser.parse_args(argv)
    if args.corpus:
        paths = {str(p): p for p in args.corpus}
    elif args.part == "all":
        paths = {k: v for k, v in PARTS.items() if v.exists()}
    else:
        paths = {args.part: PARTS[args.part]}
    summary = {}
    for part, path in paths.items():
        res = evaluate(load(path))
        summary[part] = {
            "recall": res.recall,
            "precision": res.precision,
            "clean_flag_rate": res.clean_flag_rate,
            "phi_drafts_caught": res.phi_drafts_any,
            "phi_drafts": res.phi_drafts,
            "clean_flagged": res.clean_flagged,
            "clean_drafts": res.clean_drafts,
            "phi_drafts_flagged_rate": _ratio(res.phi_drafts_any, res.phi_drafts),
            "per_category_recall": {
                c: _ratio(res.caught[c], res.gold[c]) for c in CATEGORIES if res.gold[c]
            },
        }
        if not args.json:
            print(format_result(part, res))
            if args.errors:
                print("\n".join(res.errors) or "(no errors)")
            print()
    if args.json:
        print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
