"""Scores on the blind writers' corpora stay at least where this work left them.

Writers A to Q, S and T wrote their drafts from docs/phi-labelling.md alone, without seeing
the checker or each other's drafts (tests/data/phi_dev_a.jsonl, phi_dev_b.jsonl,
phi_holdout_c.jsonl, phi_dev_d.jsonl, phi_dev_e.jsonl, phi_holdout_f.jsonl, phi_dev_g.jsonl,
phi_dev_h.jsonl, phi_holdout_i.jsonl, phi_dev_j.jsonl, phi_dev_k.jsonl, phi_holdout_l.jsonl,
phi_dev_m.jsonl, phi_dev_n.jsonl, phi_holdout_o.jsonl, phi_dev_p.jsonl, phi_dev_q.jsonl,
phi_dev_s.jsonl, phi_holdout_t.jsonl). The rules were tuned on A-H, J, K, M-O and S, and the
learned layer is trained on A-H, J-Q and S, so these figures are development figures (the
blind scores of I and T, and each corpus's, are in docs/phi-checker.md), not a measure of how
the checker does on new drafts. The floors are the figures reached minus a small margin, so a
change that loses ground on any corpus fails here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("phi_eval", ROOT / "scripts" / "phi_eval.py")
assert spec and spec.loader
phi_eval = importlib.util.module_from_spec(spec)
sys.modules.setdefault("phi_eval", phi_eval)
spec.loader.exec_module(phi_eval)

# corpus: (recall, precision, share of PHI drafts flagged, share of clean drafts flagged)
FLOORS = {
    # Round 4 (docs/phi-checker.md, "Round 4"): the learned layer is trained on writers A-H, J
    # and K, so on these corpora it is scored in-sample; every floor is the figure reached minus
    # a small margin. Precision and clean-draft ceilings tightened with the draft gate
    # (possible findings in a draft about no patient are dropped); one floor was lowered, I's
    # share of PHI drafts flagged (97.3% -> 96.7%, one draft of 150), the price of its clean
    # drafts flagged falling from 22.3% to 13.4%.
    "dev_a": (0.90, 0.92, 0.98, 0.05),
    "dev_b": (0.90, 0.94, 0.99, 0.06),
    # writer C was the frozen holdout (scored once: 0.77, 0.90, 93.6%, 16.0%); now a floor too
    "holdout_c": (0.86, 0.93, 0.97, 0.05),
    # writers D and E were scored once on arrival, before anyone read them (D: 0.733, 0.865,
    # 91.9%, 10.1%; E: 0.673, 0.840, 95.7%, 29.6%; docs/phi-checker.md); tuned on since
    "dev_d": (0.80, 0.91, 0.95, 0.03),
    "dev_e": (0.79, 0.90, 0.99, 0.10),
    # writer F was the final holdout of round 2 (scored once: 0.737, 0.823, 94.7%, 30.3%)
    "holdout_f": (0.74, 0.89, 0.95, 0.15),
    # writers G and H (round 3) were scored blind on arrival (G: 0.671, 0.835, 96.0%, 30.7%;
    # H: 0.642, 0.778, 90.0%, 45.0%, rules alone); the learned layer is trained on them since
    "dev_g": (0.70, 0.89, 0.96, 0.12),
    "dev_h": (0.70, 0.86, 0.93, 0.17),
    # writer I was the frozen holdout of round 3 (scored once: 0.787, 0.843, 97.3%, 22.3%);
    # not in the learned layer's training data, and its errors were not read in round 4
    "holdout_i": (0.78, 0.86, 0.96, 0.15),
    # writers J and K (round 4) were scored blind on arrival (J: 0.775, 0.860, 90.9%, 15.9%;
    # K: 0.647, 0.808, 90.3%, 22.1%, the checker before round 4); tuned and trained on since
    "dev_j": (0.82, 0.88, 0.94, 0.14),
    "dev_k": (0.80, 0.87, 0.98, 0.10),
    # writer L was the frozen holdout of round 4, scored once after the merge (0.763, 0.780,
    # 87.7%, 19.2%; the code before round 4: 0.759, 0.757, 87.7%, 26.9%); a floor since
    "holdout_l": (0.76, 0.80, 0.88, 0.18),
    # writers M and N (round 5) were scored blind on arrival with the round-4 checker (M:
    # 0.687, 0.895, 92.2%, 13.8%; N: 0.646, 0.881, 90.0%, 10.9%); L, M and N are in the
    # learned layer's training data since round 5
    "dev_m": (0.71, 0.91, 0.92, 0.11),
    "dev_n": (0.65, 0.89, 0.90, 0.12),
    # writer O was the frozen holdout of round 5, scored once after the merges (0.689, 0.800,
    # 84.3%, 23.6%; the code before round 5: 0.686, 0.790, 85.0%, 24.5%); a floor since, and
    # in the learned layer's training data from round 6
    "holdout_o": (0.74, 0.81, 0.92, 0.24),
    # writers P and Q (round 6) were scored blind on arrival (P: 0.743 -> 0.767, 0.845 ->
    # 0.843, 90.1% -> 95.1%, 11.1% -> 11.1%; Q: 0.811 -> 0.822, 0.898 -> 0.906, 94.4% ->
    # 95.8%, 10.2% -> 10.2%, the code before round 6 -> after); trained on since
    "dev_p": (0.81, 0.85, 0.94, 0.11),
    "dev_q": (0.84, 0.91, 0.95, 0.10),
    # writer S (round 7) was scored blind on arrival (0.701, 0.969, 96.4%, 4.5% with the code
    # before round 7, and the same with round 7's first commits); tuned and trained on since
    "dev_s": (0.78, 0.95, 0.96, 0.06),
    # writer T was round 7's frozen holdout: 0.808, 0.874, 96.4%, 11.8% with the code before
    # the round, 0.811, 0.890, 97.1%, 10.0% with the finished code (8f4221c); not trained on
    "holdout_t": (0.79, 0.87, 0.96, 0.11),
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request: pytest.FixtureRequest):
    rows = phi_eval.load(phi_eval.PARTS[request.param])
    return request.param, rows, phi_eval.evaluate(rows)


def test_each_dev_corpus_is_big_and_has_clean_look_alikes(scored) -> None:
    _, rows, _ = scored
    assert len(rows) >= 220
    assert sum(not r["spans"] for r in rows) >= 80


def test_recall_stays_at_its_floor(scored) -> None:
    name, _, res = scored
    assert res.recall >= FLOORS[name][0], phi_eval.format_result(name, res)


def test_precision_stays_at_its_floor(scored) -> None:
    name, _, res = scored
    assert res.precision >= FLOORS[name][1], phi_eval.format_result(name, res)


def test_drafts_with_phi_are_flagged(scored) -> None:
    name, _, res = scored
    assert res.phi_drafts_any / res.phi_drafts >= FLOORS[name][2]


def test_clean_drafts_are_rarely_flagged(scored) -> None:
    name, _, res = scored
    assert res.clean_flag_rate <= FLOORS[name][3], "\n".join(
        e for e in res.errors if e.startswith("FALSE")
    )
