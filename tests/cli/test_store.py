"""The plan file: atomic private writes, backups, clear errors, migrations, the lock."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from socialcoach.models import Plan
from socialcoach.store import (
    PlanFileError,
    PlanLock,
    PlanLockedError,
    dumps_plan,
    load_plan,
    move_aside,
    save_plan,
)

from sample import sample_plan


def test_a_saved_plan_loads_back_equal(plan_path: Path, content):
    plan = sample_plan(content)
    save_plan(plan, plan_path)
    assert load_plan(plan_path) == plan


def test_plan_file_is_private_and_folder_is_private(plan_path: Path):
    save_plan(Plan(), plan_path)
    assert stat.S_IMODE(plan_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(plan_path.parent.stat().st_mode) == 0o700


def test_saving_keeps_the_previous_version_as_bak(plan_path: Path):
    first = Plan()
    first.basics.display_name = "First"
    save_plan(first, plan_path)
    second = first.model_copy(deep=True)
    second.basics.display_name = "Second"
    save_plan(second, plan_path)
    backup = plan_path.with_name("plan.toml.bak")
    assert 'display_name = "First"' in backup.read_text()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert load_plan(plan_path).basics.display_name == "Second"


def test_no_temp_files_are_left_behind(plan_path: Path):
    save_plan(Plan(), plan_path)
    save_plan(Plan(), plan_path)
    leftovers = [p.name for p in plan_path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_missing_plan_is_none(plan_path: Path):
    assert load_plan(plan_path) is None


def test_broken_toml_names_the_file_and_line_and_is_not_touched(plan_path: Path):
    plan_path.parent.mkdir(parents=True)
    text = 'schema_version = 1\n[basics]\ndisplay_name = "unterminated\n'
    plan_path.write_text(text)
    with pytest.raises(PlanFileError) as caught:
        load_plan(plan_path)
    message = str(caught.value)
    assert str(plan_path) in message
    assert "line 3" in message
    assert plan_path.read_text() == text


def test_invalid_field_names_the_field_and_its_line(plan_path: Path):
    plan_path.parent.mkdir(parents=True)
    plan_path.write_text('schema_version = 1\n\n[basics]\ncareer_stage = "astronaut"\n')
    with pytest.raises(PlanFileError) as caught:
        load_plan(plan_path)
    assert "basics.career_stage" in caught.value.problem
    assert "line 4" in caught.value.problem


def test_a_plan_from_a_newer_version_is_refused_and_left_alone(plan_path: Path):
    plan_path.parent.mkdir(parents=True)
    plan_path.write_text("schema_version = 99\n")
    with pytest.raises(PlanFileError) as caught:
        load_plan(plan_path)
    assert "newer socialcoach" in caught.value.problem
    assert "Upgrade" in caught.value.hint
    assert plan_path.read_text() == "schema_version = 99\n"


def test_an_older_plan_is_migrated_and_the_old_file_kept(plan_path: Path, old_plan: str):
    """The migration mechanism, on a hand-made version-0-style fixture renamed to v1 -> v2."""
    plan = load_plan(plan_path)
    assert plan.basics.display_name == "Dr Old Format"
    assert plan_path.with_name("plan.toml.v2.bak").read_text() == old_plan
    assert 'display_name = "Dr Old Format"' in plan_path.read_text()


SCHEMA_1_PLAN = """schema_version = 1
current_step = "accounts"

[basics]
display_name = "Dr Schema One"

[[accounts.accounts]]
platform = "x"
split = "separate"
professional_handle = "@drschemaone"

[[accounts.accounts]]
platform = "linkedin"
split = "seven"
"""


def test_a_schema_1_plan_opens_with_its_accounts_and_is_written_back_as_schema_2(
    plan_path: Path,
):
    """The real migration 1 -> 2: `[[accounts.accounts]]` became `[[accounts.per_platform]]`."""
    plan_path.parent.mkdir(parents=True)
    plan_path.write_text(SCHEMA_1_PLAN.replace('split = "seven"', 'split = "one"'))
    plan = load_plan(plan_path)
    assert [a.platform for a in plan.accounts.per_platform] == ["x", "linkedin"]
    assert plan.accounts.for_platform("x").professional_handle == "@drschemaone"
    kept = plan_path.with_name("plan.toml.v1.bak").read_text()
    assert "[[accounts.accounts]]" in kept  # the old file, as it was
    written = plan_path.read_text()
    assert "schema_version = 2" in written and "[[accounts.per_platform]]" in written
    assert "[[accounts.accounts]]" not in written
    assert load_plan(plan_path) == plan  # and it reads back the same


def test_validate_points_at_the_line_of_a_schema_1_file_under_its_old_name(plan_path: Path):
    plan_path.parent.mkdir(parents=True)
    plan_path.write_text(SCHEMA_1_PLAN)
    result = subprocess.run(
        [sys.executable, "-m", "socialcoach", "validate", "--plan", str(plan_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stderr
    line = SCHEMA_1_PLAN.splitlines().index('split = "seven"') + 1
    assert f"{plan_path}:{line}: accounts.per_platform.1.split = 'seven'" in result.stderr
    assert plan_path.read_text() == SCHEMA_1_PLAN  # validate only reads


def test_move_aside_keeps_the_file_under_a_dated_name(plan_path: Path):
    save_plan(Plan(), plan_path)
    kept = move_aside(plan_path, "broken")
    assert not plan_path.exists()
    assert kept.name.startswith("plan.toml.broken-")
    assert kept.exists()


HOLD_LOCK = """
import sys, time
from pathlib import Path
from socialcoach.store import PlanLock
lock = PlanLock(Path(sys.argv[1]))
lock.acquire()
print("held", flush=True)
time.sleep(30)
"""


def test_a_second_lock_on_the_same_plan_is_refused_and_names_the_holder(plan_path: Path):
    plan_path.parent.mkdir(parents=True)
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(plan_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "held"
        with pytest.raises(PlanLockedError) as caught:
            PlanLock(plan_path).acquire()
        assert caught.value.pid == child.pid
        assert PlanLock(plan_path).holder() == child.pid
    finally:
        child.kill()
        child.wait()
    # The operating system lets go of the lock when its holder dies, however it dies.
    lock = PlanLock(plan_path)
    lock.acquire()
    assert lock.held
    lock.release()


@pytest.mark.parametrize(
    "content", ["", "0", "1", "not a pid"], ids=["empty", "0", "pid 1", "junk"]
)
def test_a_lock_file_nobody_holds_is_taken_whatever_it_says(plan_path: Path, content: str):
    """A just-created empty lock, a dead process's pid, or the pid of a live process that is
    not socialcoach (pid 1): none of them locks the user out."""
    lock_path = plan_path.with_name("plan.toml.lock")
    lock_path.parent.mkdir(parents=True)
    lock_path.write_text(content)
    lock = PlanLock(plan_path)
    lock.acquire()
    assert lock_path.read_text().split()[0] == str(os.getpid())
    lock.release()
    assert lock_path.exists() and lock_path.read_text() == ""  # kept, so no inode race


RACE = """
import sys
from pathlib import Path
from socialcoach.store import PlanLock, PlanLockedError
start = float(sys.argv[2])
import time
while time.time() < start:
    pass
try:
    PlanLock(Path(sys.argv[1])).acquire()
except PlanLockedError:
    print("refused", flush=True)
else:
    print("won", flush=True)
    time.sleep(3)
"""


def test_processes_racing_for_a_missing_or_stale_lock_never_both_win(plan_path: Path):
    plan_path.parent.mkdir(parents=True)
    for round_ in range(5):
        lock_path = plan_path.with_name("plan.toml.lock")
        if round_ % 2:
            lock_path.write_text("999999")  # a stale lock to race over
        else:
            lock_path.unlink(missing_ok=True)
        start = time.time() + 0.5
        racers = [
            subprocess.Popen(
                [sys.executable, "-c", RACE, str(plan_path), str(start)],
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        results = [racer.stdout.readline().strip() for racer in racers]
        for racer in racers:
            racer.kill()
            racer.wait()
        assert sorted(results) == ["refused", "refused", "refused", "won"], results


def test_odd_text_round_trips(plan_path: Path):
    plan = Plan()
    odd = 'quote " backslash \\ newline\nrtl שלום emoji 🩻 [radiology] [/oops] = """ \t'
    plan.basics.display_name = odd
    plan.policy.contact_name = "x" * 20_000  # a paste into a one-line field is cut at 200
    save_plan(plan, plan_path)
    again = load_plan(plan_path)
    assert again.basics.display_name == odd
    assert again.policy.contact_name == "x" * 200
    assert dumps_plan(again) == dumps_plan(plan)


def test_an_existing_loose_data_folder_is_tightened(plan_path: Path):
    plan_path.parent.mkdir(parents=True, mode=0o755)
    plan_path.parent.chmod(0o755)
    save_plan(Plan(), plan_path)
    assert stat.S_IMODE(plan_path.parent.stat().st_mode) == 0o700


def test_a_folder_the_user_chose_for_the_plan_is_left_alone(tmp_path: Path):
    documents = tmp_path / "Documents"
    documents.mkdir(mode=0o755)
    documents.chmod(0o755)
    save_plan(Plan(), documents / "my-plan.toml")
    assert stat.S_IMODE(documents.stat().st_mode) == 0o755
    assert stat.S_IMODE((documents / "my-plan.toml").stat().st_mode) == 0o600
