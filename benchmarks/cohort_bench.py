"""Time `socialcoach cohort report` over a folder of plans, beside the bare cost of reading them.

Usage: python benchmarks/cohort_bench.py [--plans N] [--runs N]

Builds N realistic plans (default 300: a residency program's several years) in a temporary
folder, each made with the example residency pack and filled in part-way, plus a few broken
files. Then, interleaved, each run times:

- baseline: reading every file and parsing it with tomllib, nothing else (the least any
  report must do);
- core: cohort.gather + cohort.read + both renderings, in this process, content loaded;
- cli: `python -m socialcoach cohort report FOLDER --pack PACK -o ... --csv ...` as a fresh
  process, beside `python -c "import tomllib"` started the same way (interpreter start-up).

Prints medians and the ratios core/baseline and cli/python; asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from socialcoach import cohort  # noqa: E402
from socialcoach.content import load_builtin  # noqa: E402
from socialcoach.locations import content_dir  # noqa: E402
from socialcoach.models import (  # noqa: E402
    STEP_ORDER,
    AccountPlan,
    ItemState,
    Plan,
    PlatformChoice,
    PolicyAnswer,
    Status,
)
from socialcoach.packs import apply_pack, apply_to_plan, load_pack, new_account  # noqa: E402
from socialcoach.store import dumps_plan  # noqa: E402

PACK = content_dir() / "examples" / "lakeside-radiology-residency.toml"


def build(folder: Path, count: int) -> None:
    content = apply_pack(load_builtin(), load_pack(PACK))
    for i in range(count):
        plan = Plan()
        apply_to_plan(plan, content)
        plan.basics.display_name = f"Resident {i:03d}"
        for n, step in enumerate(STEP_ORDER):
            if n <= i % 7:
                plan.section(step).status = Status.DONE
        for item in content.policy_items[: i % len(content.policy_items)]:
            plan.policy.items[item.id] = PolicyAnswer(state=ItemState.DONE, note="Asked. " * 8)
        plan.platforms.chosen = [PlatformChoice(platform="x"), PlatformChoice(platform="linkedin")]
        plan.accounts.per_platform = [
            new_account("x", content),
            AccountPlan(platform="linkedin", professional_handle=f"dr-{i}"),
        ]
        plan.profile.last_audit = dt.date(2026, 1, 1) + dt.timedelta(days=i % 200)
        (folder / f"resident-{i:03d}.toml").write_text(dumps_plan(plan), encoding="utf-8")
    (folder / "broken.toml").write_text("[basics\n", encoding="utf-8")
    (folder / "latin1.toml").write_bytes("x = 'Jos\xe9'\n".encode("latin-1"))


def baseline(folder: Path) -> None:
    for path in sorted(folder.iterdir()):
        with contextlib.suppress(UnicodeDecodeError, tomllib.TOMLDecodeError):
            tomllib.loads(path.read_text(encoding="utf-8"))


def core(folder: Path, content) -> None:
    files, found = cohort.gather([str(folder)])
    report = cohort.read(files, content, found)
    cohort.render_markdown(report, content, dt.date(2026, 6, 1))
    cohort.render_csv(report, content, dt.date(2026, 6, 1))


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "plans"
        folder.mkdir()
        build(folder, args.plans)
        content = apply_pack(load_builtin(), load_pack(PACK))
        cli = [
            sys.executable,
            "-m",
            "socialcoach",
            "cohort",
            "report",
            str(folder),
            "--pack",
            str(PACK),
            "-o",
            str(Path(tmp) / "r.md"),
            "--csv",
            str(Path(tmp) / "r.csv"),
        ]
        bare = [sys.executable, "-c", "import tomllib"]
        version = sys.version.split()[0]
        env_note = f"{args.plans} plans + 2 broken files, {args.runs} runs, Python {version}"
        results: dict[str, list[float]] = {"baseline": [], "core": [], "cli": [], "python": []}
        core(folder, content)  # warm the file cache and the imports
        for _ in range(args.runs):
            results["baseline"].append(timed(lambda: baseline(folder)))
            results["core"].append(timed(lambda: core(folder, content)))
            results["cli"].append(timed(lambda: subprocess.run(cli, capture_output=True)))
            results["python"].append(timed(lambda: subprocess.run(bare, capture_output=True)))
    median = {name: statistics.median(values) for name, values in results.items()}
    print(env_note)
    for name, value in median.items():
        print(f"  {name:<9} median {value * 1000:8.1f} ms")
    print(
        f"  core / baseline (reading and checking vs parsing only): "
        f"{median['core'] / median['baseline']:.1f}x"
    )
    print(
        f"  cli - python start-up: {(median['cli'] - median['python']) * 1000:.0f} ms; "
        f"per plan in core: {median['core'] / args.plans * 1e6:.0f} µs"
    )


if __name__ == "__main__":
    main()
