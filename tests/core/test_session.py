"""The plan's life in the core session, without a terminal: hand-edited plans, empty files,
folders, links, read-only files, backups kept at open, restore, and the autosave's timing."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest

from socialcoach.models import Plan
from socialcoach.session import AUTOSAVE_DELAY, AUTOSAVE_MAX_WAIT, PlanSession, Refused, State
from socialcoach.store import KEEP_OPENED, MAX_PLAN_BYTES, opened_copies, save_plan

from sample import HAND_EDITED, sample_plan


def _open(path: Path, content) -> PlanSession:
    session = PlanSession(path)
    session.open(content)
    return session


def test_a_hand_edited_plan_opens_with_what_the_coach_cannot_use_set_aside(
    plan_path: Path, content
):
    plan_path.parent.mkdir(parents=True)
    plan_path.write_text(HAND_EDITED)
    session = _open(plan_path, content)
    assert session.state is State.OPEN
    plan = session.plan
    assert plan.basics.display_name == "Dr Hand"
    assert plan.basics.subspecialty == "general"
    assert plan.current_step == "policy"
    assert plan.platforms.chosen_ids() == ["x"]
    assert [a.platform for a in plan.accounts.per_platform] == ["x"]
    assert plan.accounts.per_platform[0].patient_contact == ""
    assert plan.profile.last_audit is None and plan.profile.next_audit is None
    keys = {item.key for item in session.set_aside}
    for key in (
        "basics.subspecialty",
        "basics.favourite_colour",
        "platforms.goals",
        "platforms.chosen",
        "accounts.per_platform",  # [[accounts.accounts]] in this schema-1 file
        "phi.quiz_answers.nope",
        "profile.last_audit",
        "current_step",
    ):
        assert key in keys, key
    line = session.set_aside_summary()
    assert "nuero" in line and "stay in the file" in line and "\n" not in line
    session.close()


def test_saving_an_edit_keeps_every_set_aside_value_in_the_file(plan_path: Path, content):
    plan_path.parent.mkdir(parents=True)
    plan_path.write_text(HAND_EDITED)
    session = _open(plan_path, content)
    session.plan.basics.display_name = "Dr Hand, edited"
    session.edited(0.0)
    assert session.save()
    session.close()
    saved = tomllib.loads(plan_path.read_text())
    assert saved["basics"]["display_name"] == "Dr Hand, edited"
    assert saved["basics"]["subspecialty"] == "nuero"
    assert saved["basics"]["favourite_colour"] == "teal"
    assert saved["current_step"] == "nowhere"
    assert [c["platform"] for c in saved["platforms"]["chosen"]] == ["x", "myspace"]
    assert "time-travel" in saved["platforms"]["goals"]
    assert {a["platform"] for a in saved["accounts"]["per_platform"]} == {"x", "youtub"}
    assert saved["phi"]["quiz_answers"]["nope"] == 2
    assert str(saved["profile"]["last_audit"]) == "9999-12-31"
    # and the same file opens again, the same way
    again = _open(plan_path, content)
    assert again.plan.basics.display_name == "Dr Hand, edited"
    assert {i.key for i in again.set_aside} >= {"basics.subspecialty", "platforms.chosen"}
    again.close()


def test_a_value_the_user_changes_replaces_the_set_aside_one(plan_path: Path, content):
    plan_path.parent.mkdir(parents=True)
    plan_path.write_text(HAND_EDITED)
    session = _open(plan_path, content)
    session.plan.basics.subspecialty = "neuro"
    session.edited(0.0)
    session.close()
    assert tomllib.loads(plan_path.read_text())["basics"]["subspecialty"] == "neuro"


@pytest.mark.parametrize(
    "text,problem",
    [
        ("", "empty"),
        ("   \n\n", "empty"),
        ("a = " + "[" * 500 + "]" * 500 + "\n", "nested"),
        ("schema_version = true\n", "schema_version"),
        ('title = "my notes"\n[other]\nx = 1\n', "not a socialcoach plan"),
    ],
    ids=["empty", "blank", "nested 500 deep", "schema_version true", "another TOML file"],
)
def test_a_file_that_is_no_plan_is_broken_and_never_written(
    plan_path: Path, content, text: str, problem: str
):
    plan_path.parent.mkdir(parents=True)
    plan_path.write_text(text)
    session = _open(plan_path, content)
    assert session.state is State.BROKEN
    assert problem in session.broken.problem
    assert session.save() is False
    session.close()
    assert plan_path.read_text() == text


def test_an_empty_plan_offers_the_backup_and_restoring_it_keeps_the_empty_file(
    plan_path: Path, content
):
    plan = sample_plan(content)
    save_plan(plan, plan_path)
    plan.basics.display_name = "Dr Second Save"
    save_plan(plan, plan_path)  # the second save makes plan.toml.bak
    good = plan_path.with_name("plan.toml.bak").read_bytes()
    plan_path.write_bytes(b"")
    session = _open(plan_path, content)
    assert session.state is State.BROKEN
    backups = [b for b in session.backups() if b.usable]
    assert backups and backups[0].path.name == "plan.toml.bak"
    kept = session.restore(backups[0].path, content)
    assert session.state is State.OPEN
    assert plan_path.read_bytes() == good
    assert kept is not None and kept.read_bytes() == b""
    assert plan_path.with_name("plan.toml.bak").read_bytes() == good
    session.close()


def test_a_folder_as_the_plan_is_never_moved_or_renamed(tmp_path: Path, content):
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("keep me")
    session = _open(folder, content)
    assert session.state is State.BROKEN
    assert "folder" in session.broken.problem
    assert not session.can_start_new()
    with pytest.raises(Refused):
        session.start_new(content, "broken")
    session.close()
    assert folder.is_dir() and (folder / "letter.txt").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Documents", "Documents.lock"]


def test_a_document_that_is_not_a_plan_is_not_moved_aside(tmp_path: Path, content):
    notes = tmp_path / "notes.toml"
    notes.write_text('title = "my notes"\n')
    session = _open(notes, content)
    assert session.state is State.BROKEN and not session.can_start_new()
    session.close()
    assert notes.read_text() == 'title = "my notes"\n'


def test_a_plan_far_larger_than_any_real_one_is_refused_at_once(plan_path: Path, content):
    plan_path.parent.mkdir(parents=True)
    with plan_path.open("wb") as handle:
        handle.write(b"schema_version = 1\n")
        handle.truncate(MAX_PLAN_BYTES + 1)
    session = _open(plan_path, content)
    assert session.state is State.BROKEN and "MB" in session.broken.problem
    assert not session.can_start_new()
    session.close()


def test_a_symlinked_plan_is_edited_through_the_link(tmp_path: Path, plan_path: Path, content):
    target = tmp_path / "synced" / "real-plan.toml"
    save_plan(sample_plan(content), target)
    plan_path.parent.mkdir(parents=True, exist_ok=True)
    plan_path.symlink_to(target)
    session = _open(plan_path, content)
    session.plan.basics.display_name = "Dr Linked"
    session.edited(0.0)
    assert session.save()
    session.close()
    assert plan_path.is_symlink()
    assert tomllib.loads(target.read_text())["basics"]["display_name"] == "Dr Linked"


def test_a_plan_the_user_made_read_only_opens_read_only_and_keeps_its_mode(
    plan_path: Path, content
):
    save_plan(sample_plan(content), plan_path)
    plan_path.chmod(0o400)
    before = plan_path.read_bytes()
    session = _open(plan_path, content)
    assert session.state is State.READ_ONLY
    assert "read-only" in session.read_only_reason and "0400" in session.read_only_reason
    session.plan.basics.display_name = "changed"
    session.edited(0.0)
    assert session.save() is False
    session.close()
    assert plan_path.read_bytes() == before
    assert stat.S_IMODE(plan_path.stat().st_mode) == 0o400


def test_the_plan_as_opened_is_kept_in_dated_copies(plan_path: Path, content, monkeypatch):
    from socialcoach import store

    stamps = iter(f"20261201-0000{n:02d}" for n in range(20))
    monkeypatch.setattr(store, "timestamp", lambda: next(stamps))
    save_plan(sample_plan(content), plan_path)
    for n in range(KEEP_OPENED + 2):
        session = _open(plan_path, content)
        session.plan.basics.display_name = f"Dr Session {n}"
        session.edited(0.0)
        session.close()
    copies = opened_copies(plan_path)
    assert len(copies) == KEEP_OPENED
    names = [tomllib.loads(c.read_text())["basics"]["display_name"] for c in copies]
    assert names[-1] == f"Dr Session {KEEP_OPENED}"  # as the last session found it
    # opening without a change adds no copy
    session = _open(plan_path, content)
    session.close()
    session = _open(plan_path, content)
    session.close()
    assert len(opened_copies(plan_path)) == KEEP_OPENED


def test_restore_puts_an_earlier_plan_back_and_keeps_the_current_one(plan_path: Path, content):
    save_plan(sample_plan(content), plan_path)
    session = _open(plan_path, content)
    session.plan.basics.display_name = "Dr Mistake"
    session.edited(0.0)
    session.close()
    session = PlanSession(plan_path)
    opened = [b for b in session.backups() if "opened" in b.path.name]
    assert opened
    session.open(content)
    kept = session.restore(opened[0].path, content)
    assert session.plan.basics.display_name != "Dr Mistake"
    assert kept is not None and "Dr Mistake" in kept.read_text()
    session.close()


def test_a_second_session_on_the_same_plan_is_told_it_is_locked(plan_path: Path, content):
    save_plan(Plan(), plan_path)
    first = _open(plan_path, content)
    second = PlanSession(plan_path)
    assert second.open(content) is State.LOCKED
    assert second.locked_by == os.getpid()
    with pytest.raises(Refused):
        second.restore(plan_path, content)
    first.close()
    assert second.open(content) is State.OPEN
    second.close()


def test_steady_edits_are_saved_at_most_max_wait_after_the_first(plan_path: Path, content):
    session = _open(plan_path, content)
    session.edited(10.0)
    assert session.save_due_in(10.0) == pytest.approx(AUTOSAVE_DELAY)
    for n in range(1, 20):  # a key every 0.25 s: never a pause of AUTOSAVE_DELAY
        session.edited(10.0 + n * 0.25)
    due = session.save_due_in(10.0 + 19 * 0.25)
    assert due == 0.0  # overdue: save now
    assert session.save_due_in(10.0 + 0.5) <= AUTOSAVE_MAX_WAIT
    session.save()
    assert session.save_due_in(20.0) is None
    session.close()


def test_control_characters_in_a_plan_never_reach_the_plan_in_memory(plan_path: Path, content):
    plan_path.parent.mkdir(parents=True)
    plan_path.write_text(
        'schema_version = 1\n[basics]\ndisplay_name = "Dr \\u001b]52;c;aGk=\\u0007Evil\\u202e"\n'
    )
    session = _open(plan_path, content)
    assert session.plan.basics.display_name == "Dr ]52;c;aGk=Evil"
    session.close()
