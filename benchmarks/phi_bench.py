"""Time check() on a ~5,000-word realistic draft, the word lists' load time and memory, and
`socialcoach check-post` as a whole process.

Usage: python benchmarks/phi_bench.py [--runs N]
       python benchmarks/phi_bench.py --baseline DIR [--rounds N]

With --baseline, DIR holds the `src/` of an earlier commit (for example
`mkdir DIR && git archive a6b6fb7 src | tar -x -C DIR`), and the two are measured interleaved,
each in its own fresh process, round after round on the same machine: the import, the word
lists and model loading, the cold 5,000-word check and `check-post` as a whole process, with
the ratio now / before of each median (the figure that survives a busy machine).

Wall time is inflated on a shared, loaded machine, so CPU time (time.process_time) is printed
beside it; the ratio to the checker before this work (commit 4df921f, when its file is given
with --legacy) is the figure that travels between machines.

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


def _worker(src: str, runs: int) -> None:
    """One fresh process: the checker from `src`, timed from its import; prints JSON."""
    sys.path.insert(0, src)
    c0 = time.process_time()
    from socialcoach import phi
    from socialcoach.phi import learned, lexicon

    imported = time.process_time() - c0
    c0 = time.process_time()
    lexicon.load_all()
    learned.model()
    loaded = time.process_time() - c0
    draft = build_draft()
    phi.check(draft)
    cold = []
    for _ in range(runs):
        phi.clear_caches()
        c0 = time.process_time()
        phi.check(draft)
        cold.append((time.process_time() - c0) * 1000)
    print(
        json.dumps(
            {
                "import": imported * 1000,
                "load": loaded * 1000,
                "cold": statistics.median(cold),
                "file": phi.__file__,
            }
        )
    )


def _interleaved(baseline: Path, rounds: int, runs: int) -> None:
    """Before and after, one fresh process each per round, alternating."""
    import os
    import resource
    import subprocess

    post = json.loads((DATA / "phi_dev_a.jsonl").read_text(encoding="utf-8").splitlines()[0])[
        "text"
    ]
    sides = {"before": str(baseline / "src"), "now": str(ROOT / "src")}
    got: dict[str, dict[str, list[float]]] = {k: {} for k in sides}
    for r in range(rounds):
        for name, src in sides.items() if r % 2 == 0 else reversed(sides.items()):
            out = subprocess.run(
                [sys.executable, __file__, "--worker", src, "--runs", str(runs)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            row = json.loads(out.splitlines()[-1])
            assert row["file"].startswith(src), row["file"]
            for key in ("import", "load", "cold"):
                got[name].setdefault(key, []).append(row[key])
            env = {**os.environ, "PYTHONPATH": src}
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "socialcoach", "check-post", "-"],
                input=post,
                text=True,
                capture_output=True,
                check=False,
                env=env,
            )
            wall = (time.perf_counter() - t0) * 1000
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
            got[name].setdefault("check-post wall", []).append(wall)
            got[name].setdefault("check-post CPU", []).append(cpu)
    print(f"interleaved, {rounds} rounds (a fresh process per side per round), medians:")
    print("| | before | now | now / before |")
    print("|---|---|---|---|")
    labels = {
        "import": "import the checker (CPU ms)",
        "load": "load word lists and model (CPU ms)",
        "cold": f"cold 5,000-word check (CPU ms, median of {runs})",
        "check-post CPU": "check-post, whole process (CPU ms)",
        "check-post wall": "check-post, whole process (wall ms)",
    }
    for key, label in labels.items():
        a = statistics.median(got["before"][key])
        b = statistics.median(got["now"][key])
        print(f"| {label} | {a:.0f} | {b:.0f} | {b / a:.2f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--legacy", type=Path, help="phi.py of an earlier version, to compare")
    parser.add_argument("--baseline", type=Path, help="an earlier commit's tree (with src/)")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(args.worker, args.runs)
        return 0
    if args.baseline:
        _interleaved(args.baseline, args.rounds, min(args.runs, 15))
        return 0
    import subprocess

    from socialcoach.phi import check, lexicon

    def rss_mb() -> float:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    before = rss_mb()
    t0 = time.perf_counter()
    lexicon.load_all()
    load_ms = (time.perf_counter() - t0) * 1000
    print(
        f"word lists: loaded in {load_ms:.0f} ms; resident memory grew {rss_mb() - before:.1f} MB"
    )
    from socialcoach import phi
    from socialcoach.phi import learned

    mid = rss_mb()
    t0 = time.perf_counter()
    learned.model()
    print(
        f"learned layer: loaded in {(time.perf_counter() - t0) * 1000:.0f} ms; resident memory"
        f" grew {rss_mb() - mid:.1f} MB (all loaded data: {rss_mb() - before:.1f} MB)"
    )

    draft = build_draft()
    check(draft)  # warm up: word lists loaded, patterns compiled
    times, cpu = [], []
    for _ in range(args.runs):
        phi.clear_caches()  # a draft never seen: every paragraph is new
        t0, c0 = time.perf_counter(), time.process_time()
        findings = check(draft)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"check() on a {len(draft.split()):,}-word draft ({len(draft):,} chars, "
        f"{len(findings)} findings), {args.runs} runs: median {statistics.median(times):.2f} ms"
        f" wall, {statistics.median(cpu):.2f} ms CPU, min {times[0]:.2f} ms, p95 {p95:.2f} ms"
    )
    # While an article is edited: one paragraph changes, the others are remembered.
    paragraphs = draft.split("\n\n")
    editing = []
    check(draft)
    for i in range(args.runs):
        k = (i * 7) % len(paragraphs)
        edited = paragraphs[:k] + [paragraphs[k] + f" edit {i}"] + paragraphs[k + 1 :]
        text = "\n\n".join(edited)
        c0 = time.process_time()
        check(text)
        editing.append((time.process_time() - c0) * 1000)
    print(
        f"re-check after editing one paragraph of it: median {statistics.median(editing):.2f} ms"
        " CPU"
    )
    # The same draft, cold, with the rules alone: what the learned layer costs.
    rules_cpu = []
    with learned.use(learned.RULES_ONLY):
        for _ in range(args.runs):
            phi.clear_caches()
            c0 = time.process_time()
            check(draft)
            rules_cpu.append((time.process_time() - c0) * 1000)
    print(
        f"the same draft with the rules alone: median {statistics.median(rules_cpu):.2f} ms CPU;"
        f" with the learned layer / rules alone = "
        f"{statistics.median(cpu) / statistics.median(rules_cpu):.2f}"
    )
    if args.legacy:
        import importlib.util

        spec = importlib.util.spec_from_file_location("phi_legacy", args.legacy)
        assert spec and spec.loader
        legacy = importlib.util.module_from_spec(spec)
        sys.modules["phi_legacy"] = legacy
        spec.loader.exec_module(legacy)
        legacy.check(draft)
        old = []
        for _ in range(args.runs):
            c0 = time.process_time()
            legacy.check(draft)
            old.append((time.process_time() - c0) * 1000)
        ratio = statistics.median(cpu) / statistics.median(old)
        print(
            f"the checker before this work: {statistics.median(old):.2f} ms CPU;"
            f" now / before = {ratio:.2f}"
        )
    one = ROOT / "tests" / "data" / "phi_dev_a.jsonl"
    post = json.loads(one.read_text(encoding="utf-8").splitlines()[0])["text"]
    whole = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "socialcoach", "check-post", "-"],
            input=post,
            text=True,
            capture_output=True,
            check=False,
        )
        whole.append((time.perf_counter() - t0) * 1000)
    median = statistics.median(whole)
    print(f"socialcoach check-post on one draft, whole process: median {median:.0f} ms")
    # A keystroke-sized draft too: what the app pays per edit of a typical post.
    short = build_draft(60)
    short_times = []
    for _ in range(args.runs * 5):
        phi.clear_caches()
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
