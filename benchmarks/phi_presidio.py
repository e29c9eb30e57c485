"""Our draft checker beside Presidio's regex recognizers: scores on every corpus, and speed.

Usage (Presidio is not a dependency of socialcoach; give it a venv of its own):
    python -m venv /tmp/presvenv && /tmp/presvenv/bin/pip install presidio-analyzer
    /tmp/presvenv/bin/python benchmarks/phi_presidio.py

Presidio's analyzer engine needs a spaCy model, which this machine cannot download, so its
predefined *pattern* recognizers are run on their own (no NLP engine, so no names and no
context words), the way its regex layer would run. Their entities are mapped to our
categories (below); the corpora are scored by the same rule as scripts/phi_eval.py.
Prints tables; asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import phi_eval  # noqa: E402
from phi_bench import build_draft  # noqa: E402

from socialcoach.phi import check  # noqa: E402

ENTITY_TO_CATEGORY = {
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "phone",
    "US_SSN": "ssn",
    "US_ITIN": "ssn",
    "IP_ADDRESS": "ip",
    "URL": "url",
    "DATE_TIME": "date",
    "US_DRIVER_LICENSE": "license",
    "MEDICAL_LICENSE": "license",
    "US_PASSPORT": "license",
    "US_NPI": "license",
    "US_MBI": "health_plan",
    "US_HEALTH_INSURANCE_MEMBER_ID": "health_plan",
    "UK_NHS": "mrn",
    "CREDIT_CARD": "account",
    "US_BANK_NUMBER": "account",
    "IBAN_CODE": "account",
    "US_CLAIM_NUMBER": "account",
}


@dataclass
class Hit:
    start: int
    end: int
    category: str
    text: str
    confidence: str = "likely"


def presidio_recognizers() -> list:
    from presidio_analyzer import PatternRecognizer
    from presidio_analyzer import predefined_recognizers as pr

    out = []
    for name in dir(pr):
        cls = getattr(pr, name)
        if not (isinstance(cls, type) and issubclass(cls, PatternRecognizer)):
            continue
        try:
            rec = cls()
        except Exception:  # a recognizer that needs arguments or a model: not a regex one
            continue
        if rec.supported_language == "en" and set(rec.supported_entities) & set(ENTITY_TO_CATEGORY):
            out.append(rec)
    return out


def presidio_check(recognizers: list):
    def run(text: str, author_names=()) -> list[Hit]:
        hits = []
        for rec in recognizers:
            for r in rec.analyze(text, entities=rec.supported_entities, nlp_artifacts=None) or []:
                cat = ENTITY_TO_CATEGORY.get(r.entity_type)
                if cat and r.score >= 0.3:
                    hits.append(Hit(r.start, r.end, cat, text[r.start : r.end]))
        return hits

    return run


def _row(name: str, res) -> str:
    phi = res.phi_drafts_any / res.phi_drafts if res.phi_drafts else 1.0
    return (
        f"| {name} | {res.recall:.3f} | {res.precision:.3f} | {phi:.1%} |"
        f" {res.clean_flag_rate:.1%} |"
    )


def main() -> int:
    recognizers = presidio_recognizers()
    theirs = presidio_check(recognizers)
    print(f"Presidio pattern recognizers used: {len(recognizers)}")
    print("| corpus / checker | recall | precision | PHI drafts flagged | clean drafts flagged |")
    print("|---|---|---|---|---|")
    for part, path in phi_eval.PARTS.items():
        if not path.exists():
            continue
        rows = phi_eval.load(path)
        print(_row(f"{part}: socialcoach", phi_eval.evaluate(rows)))
        print(_row(f"{part}: Presidio regex", phi_eval.evaluate(rows, theirs)))
    draft = build_draft()
    check(draft)
    theirs(draft)
    ours_ms, their_ms = [], []
    from socialcoach import phi

    for _ in range(15):
        phi.clear_caches()  # a draft never seen, as Presidio sees it
        t0 = time.perf_counter()
        check(draft)
        ours_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        theirs(draft)
        their_ms.append((time.perf_counter() - t0) * 1000)
    o, t = statistics.median(ours_ms), statistics.median(their_ms)
    print(
        f"\n5,000-word draft, median of 15: socialcoach {o:.1f} ms, Presidio regex {t:.1f} ms"
        f" (Presidio / socialcoach = {t / o:.2f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
