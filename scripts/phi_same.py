"""Findings of check() on every draft of every corpus, saved or compared: the guard for speed work.

Usage:
    python scripts/phi_same.py --save FILE      # record today's findings
    python scripts/phi_same.py --compare FILE   # after a change: any difference is printed

A change made for speed must not change a single finding. This runs `check()` on every draft of
every corpus in tests/data (as written, in lower case, in upper case and decomposed to NFD, so
the case- and accent-dependent paths are covered too) and on the long benchmark draft, and keeps
each finding's start, end, category, confidence and rewrite. Exit status 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from phi_bench import build_draft  # noqa: E402

from socialcoach import phi  # noqa: E402

DATA = ROOT / "tests" / "data"


def drafts() -> dict[str, str]:
    """Every draft to check, by a key that says where it came from and which variant it is."""
    out: dict[str, str] = {}
    for path in sorted(DATA.glob("phi_*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            key = f"{path.stem}:{n}"
            out[key] = text
            out[key + ":lower"] = text.lower()
            out[key + ":upper"] = text.upper()
            nfd = unicodedata.normalize("NFD", text)
            if nfd != text:
                out[key + ":nfd"] = nfd
    out["bench:5000"] = build_draft()
    return out


def findings() -> dict[str, list[list]]:
    result = {}
    for key, text in drafts().items():
        result[key] = [
            [f.start, f.end, f.category, f.confidence, f.rewrite] for f in phi.check(text)
        ]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--compare", type=Path)
    args = parser.parse_args(argv)
    now = findings()
    total = sum(len(v) for v in now.values())
    if args.save:
        args.save.write_text(json.dumps(now, sort_keys=True), encoding="utf-8")
        print(f"saved {total} findings over {len(now)} drafts to {args.save}")
        return 0
    old = json.loads(args.compare.read_text(encoding="utf-8"))
    diffs = 0
    for key in sorted(set(old) | set(now)):
        a, b = old.get(key), now.get(key)
        if a != b:
            diffs += 1
            if diffs <= 20:
                print(f"{key}:\n  before {a}\n  now    {b}")
    print(
        f"{len(now)} drafts, {total} findings now, {sum(len(v) for v in old.values())} before:"
        f" {diffs} drafts differ"
    )
    return 1 if diffs else 0


if __name__ == "__main__":
    raise SystemExit(main())
