"""Time check() on a ~5,000-word realistic draft, so we know it can run on every keystroke.

Usage: python benchmarks/phi_bench.py [--runs N]

The draft is built from the labelled corpus (teaching cases, career news, conference posts,
replies to reviews), joined as paragraphs until it reaches about 5,000 words: realistic density
of both identifiers and look-alikes. Prints the median and other percentiles; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from socialcoach.phi import check  # noqa: E402

DATA = ROOT / "tests" / "data"


def build_draft(words: int = 5000) -> str:
    """Paragraphs from the corpus, cycled until the draft has about `words` words."""
    texts = [
        json.loads(line)["text"]
        for name in ("phi_corpus_tune.jsonl", "phi_corpus_holdout.jsonl")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    out: list[str] = []
    count = 0
    i = 0
    while count < words:
        t = texts[i % len(texts)]
        out.append(t)
        count += len(t.split())
        i += 1
    return "\n\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args(argv)
    draft = build_draft()
    check(draft)  # warm up: first call pays for nothing else, patterns are precompiled
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        findings = check(draft)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"check() on a {len(draft.split()):,}-word draft ({len(draft):,} chars, "
        f"{len(findings)} findings), {args.runs} runs: median {statistics.median(times):.2f} ms, "
        f"min {times[0]:.2f} ms, p95 {p95:.2f} ms"
    )
    # A keystroke-sized draft too: what the app pays per edit of a typical post.
    short = build_draft(60)
    short_times = []
    for _ in range(args.runs * 5):
        t0 = time.perf_counter()
        check(short)
        short_times.append((time.perf_counter() - t0) * 1000)
    print(
        f"check() on a {len(short.split())}-word post: median "
        f"{statistics.median(short_times):.3f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
