"""Killing the writer at any moment, even with SIGKILL mid-save, leaves a whole plan.

A child process saves two large, different plans in turn as fast as it can; the test
kills it at random moments, many times, and after each kill the plan on disk must be
exactly one of the two: never a parse error, never a truncated file.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from socialcoach.models import Plan
from socialcoach.store import PlanLock, load_plan, remove_stale_temp_files, save_plan

KILLS = 60

CHILD = """
import sys
from pathlib import Path
from socialcoach.models import Plan
from socialcoach.store import save_plan

plan_path = Path(sys.argv[1])
plans = [Plan.model_validate_json(Path(p).read_text()) for p in sys.argv[2:4]]
print("ready", flush=True)
turn = int(sys.argv[4])  # start with the plan that is not on disk
while True:
    save_plan(plans[turn % 2], plan_path, touch=False)
    turn += 1
"""


def _big_plan(name: str, filler: str) -> Plan:
    plan = Plan()
    plan.basics.display_name = name
    plan.policy.contact_name = filler * 50_000  # about 100 KB: mostly write time, little escaping
    plan.audience.themes = [f'{name} theme {i} "quoted" \\ 🩻 שלום' for i in range(3)]
    return plan


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_sigkill_during_saves_always_leaves_one_whole_plan(plan_path: Path, tmp_path: Path):
    plans = [_big_plan("Dr A", "ab"), _big_plan("Dr B", "cd")]
    sources = []
    for index, plan in enumerate(plans):
        source = tmp_path / f"plan{index}.json"
        source.write_text(plan.model_dump_json())
        sources.append(str(source))
    save_plan(plans[0], plan_path, touch=False)
    script = tmp_path / "writer.py"
    script.write_text(CHILD)
    rng = random.Random(20261102)
    seen: set[str] = set()
    on_disk = 0
    torn = 0  # kills that left a half-written temp file: they landed mid-save
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(script), str(plan_path), *sources, str(1 - on_disk)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            assert child.stdout is not None
            assert child.stdout.readline() == b"ready\n", child.stderr.read().decode()
            time.sleep(rng.uniform(0.0, 0.08))
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=10)
            child.stdout.close()
            child.stderr.close()
        assert child.returncode == -signal.SIGKILL
        loaded = load_plan(plan_path)
        assert loaded in plans, "the plan on disk is neither the old nor the new version"
        on_disk = plans.index(loaded)
        seen.add(loaded.basics.display_name)
        backup = load_plan(plan_path.with_name("plan.toml.bak"))
        assert backup is None or backup in plans
        torn += bool(_temp_files(plan_path.parent))
        lock = PlanLock(plan_path)  # what the next app run does first
        lock.acquire()
        lock.release()
        assert _temp_files(plan_path.parent) == []
    # Kills landed at different moments: both versions were found on disk at some point.
    assert seen == {"Dr A", "Dr B"}
    assert torn >= 5, f"only {torn} of {KILLS} kills landed in the middle of a write"


def test_temp_files_left_by_a_killed_writer_are_ignored_then_cleaned(plan_path: Path):
    plan = Plan()
    plan.basics.display_name = "Dr Kept"
    save_plan(plan, plan_path)
    folder = plan_path.parent
    stale = folder / ".plan.toml.abc123.tmp"
    stale.write_bytes(b'schema_version = 1\n[basics]\ndisplay_name = "half')
    stale_bak = folder / ".plan.toml.bak.xyz789.tmp"
    stale_bak.write_bytes(b"")
    unrelated = folder / ".other.toml.abc.tmp"
    unrelated.write_bytes(b"not ours")
    assert load_plan(plan_path) == plan  # the half-written temp file is never read
    lock = PlanLock(plan_path)
    lock.acquire()  # only the writer holding the lock may clean up after a dead writer
    try:
        assert _temp_files(folder) == [".other.toml.abc.tmp"]
    finally:
        lock.release()


def test_recent_temp_files_are_left_for_their_writer(plan_path: Path):
    save_plan(Plan(), plan_path)
    fresh = plan_path.parent / ".plan.toml.fresh1.tmp"
    fresh.write_bytes(b"being written")
    old = plan_path.parent / ".plan.toml.old001.tmp"
    old.write_bytes(b"left by a crash")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    remove_stale_temp_files(plan_path, older_than=60)
    assert _temp_files(plan_path.parent) == [".plan.toml.fresh1.tmp"]
