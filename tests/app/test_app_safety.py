"""The app never writes over a plan it could not read or does not own, and survives a
folder it cannot write to with the answers kept in memory and a way out (export)."""

from __future__ import annotations

import asyncio
import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from socialcoach import cli, store
from socialcoach.app import SocialCoachApp
from socialcoach.screens.dialogs import ChoiceDialog, ExportDialog
from socialcoach.screens.welcome import WelcomeScreen
from socialcoach.store import load_plan, save_plan

from helpers import click_shown, held_by_another_window, until
from sample import sample_plan

SIZE = (100, 30)
BROKEN = 'schema_version = 1\ncurrent_step = "policy\n'


def _record_exit_messages(app: SocialCoachApp) -> list[str]:
    """The message the app prints on exit (Textual prints, then forgets it)."""
    messages: list[str] = []
    real_exit = app.exit

    def exit(*args, **kwargs) -> None:
        messages.append(str(kwargs.get("message", "")))
        real_exit(*args, **kwargs)

    app.exit = exit  # type: ignore[method-assign]
    return messages


def _write_broken(plan_path: Path) -> None:
    plan_path.parent.mkdir(parents=True, exist_ok=True)
    plan_path.write_text(BROKEN)


@pytest.mark.parametrize("leave", ["ctrl+q", "terminal closed"])
async def test_leaving_while_asked_about_a_broken_plan_leaves_it_untouched(
    plan_path: Path, leave: str
):
    _write_broken(plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        if leave == "ctrl+q":
            await pilot.press("ctrl+q")
        else:
            app._on_terminate()  # what SIGTERM and SIGHUP run
        await pilot.pause()
    assert plan_path.read_text() == BROKEN
    assert not plan_path.with_name("plan.toml.bak").exists()


async def test_ctrl_q_while_asked_about_a_locked_plan_leaves_the_other_windows_plan(
    plan_path: Path, content
):
    save_plan(sample_plan(content), plan_path)
    before = plan_path.read_bytes()
    with held_by_another_window(plan_path) as holder_pid:
        app = SocialCoachApp(plan_path=plan_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ChoiceDialog)
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert plan_path.read_bytes() == before
        assert store.PlanLock(plan_path).holder() == holder_pid


# --------------------------------------------------------------------- cannot write
def _writes_are_refused(folder: Path) -> bool:
    probe = folder / ".probe"
    try:
        probe.write_text("x")
    except OSError:
        return True
    probe.unlink()
    return False


@pytest.fixture(params=["read-only folder", "disk full"])
def cannot_write(
    request: pytest.FixtureRequest, plan_path: Path, content, monkeypatch: pytest.MonkeyPatch
) -> Iterator[int]:
    """A saved plan in a folder that now refuses writes; yields the errno writes get.

    A real chmod 0500 where it works; as root (where it does not stop writes) the same
    failure is simulated where the store writes and takes the lock.
    """
    save_plan(sample_plan(content), plan_path)
    folder = plan_path.parent
    code = errno.EACCES if request.param == "read-only folder" else errno.ENOSPC
    if code == errno.EACCES:
        folder.chmod(0o500)
    if not _writes_are_refused(folder):

        def refuse(*args, **kwargs):
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(store, "atomic_write_bytes", refuse)
        if code == errno.EACCES:
            monkeypatch.setattr(store.PlanLock, "acquire", refuse)
    try:
        yield code
    finally:
        folder.chmod(0o700)


async def test_when_the_plan_cannot_be_saved_answers_stay_in_memory_and_can_be_exported(
    cannot_write: int, plan_path: Path, tmp_path: Path
):
    before = plan_path.read_bytes()
    target = tmp_path / "elsewhere" / "plan.md"
    copy = tmp_path / "elsewhere" / "plan-copy.toml"
    app = SocialCoachApp(plan_path=plan_path)
    exit_messages = _record_exit_messages(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        field = app.screen.query_one("#organisation", Input)
        field.focus()
        await pilot.press("end", *" and St Elsewhere")
        assert app.save_plan() is False  # what the autosave timer does
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(str(plan_path.parent) in m and os.strerror(cannot_write) in m for m in messages)
        assert any("Export" in m for m in messages)
        assert app.plan.basics.organisation.endswith("and St Elsewhere")

        await click_shown(pilot, "#export")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert any("exported" in n.message for n in app._notifications)
        # Quitting asks what to do with the answers that could not be saved.
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await click_shown(pilot, "#choice-copy")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#export-path", Input).value = str(copy)
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0
    assert any(f"saved as {copy}" in m for m in exit_messages)
    assert plan_path.read_bytes() == before, "the old plan must survive a failed save"
    assert "and St Elsewhere" in target.read_text()
    assert load_plan(copy).basics.organisation.endswith("and St Elsewhere")


async def test_after_a_failed_save_quit_without_saving_is_a_choice_and_cancel_goes_back(
    cannot_write: int, plan_path: Path
):
    before = plan_path.read_bytes()
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(app.screen.query("#organisation")), "the About-you form")
        field = app.screen.query_one("#organisation", Input)
        field.focus()
        await pilot.press("end", *"xyz")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # cancel: back to the plan, nothing lost
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and app.is_running
        assert app.plan.basics.organisation.endswith("xyz")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await click_shown(pilot, "#choice-discard")
        await pilot.pause()
    assert app.return_code == 0
    assert plan_path.read_bytes() == before


def test_cli_export_to_a_folder_that_cannot_be_written_exits_2_and_says_why(
    plan_path: Path, content, capsys
):
    save_plan(sample_plan(content), plan_path)
    assert cli.main(["export", "-o", "/unwritable/nowhere/x.md"]) == 2
    err = capsys.readouterr().err
    assert "/unwritable/nowhere/x.md" in err and "No such file or directory" in err
    assert "-o" in err


def test_cli_export_when_the_disk_is_full_exits_2_and_says_why(
    plan_path: Path, content, capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    from socialcoach import fileio

    save_plan(sample_plan(content), plan_path)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fileio, "atomic_write_bytes", full)
    assert cli.main(["export", "-o", str(tmp_path / "x.md")]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert not (tmp_path / "x.md").exists()


async def test_starting_a_new_plan_when_the_broken_one_cannot_be_moved_quits_cleanly(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
):
    _write_broken(plan_path)

    def refuse(*args, **kwargs):
        raise OSError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(store, "move_aside", refuse)
    app = SocialCoachApp(plan_path=plan_path)
    exit_messages = _record_exit_messages(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await click_shown(pilot, "#choice-new")
        await pilot.pause()
    assert app.return_code == 2
    assert any("was not changed" in m and str(plan_path) in m for m in exit_messages)
    assert plan_path.read_text() == BROKEN


def test_an_old_plan_in_a_read_only_folder_is_migrated_in_memory_and_left_alone(
    plan_path: Path, old_plan: str, monkeypatch: pytest.MonkeyPatch
):
    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(store, "atomic_write_bytes", refuse)
    assert load_plan(plan_path).basics.display_name == "Dr Old Format"
    assert plan_path.read_text() == old_plan


# --------------------------------------------------------------------- an older plan
async def test_a_read_only_window_migrates_an_old_plan_in_memory_only(
    plan_path: Path, old_plan: str
):
    with held_by_another_window(plan_path):
        app = SocialCoachApp(plan_path=plan_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await click_shown(pilot, "#choice-read-only")
            await pilot.pause()
            assert app.read_only and app.plan.basics.display_name == "Dr Old Format"
            await pilot.press("ctrl+q")
        # the other window owns the file: it migrates it when it next opens the plan
        assert plan_path.read_text() == old_plan
        assert not plan_path.with_name("plan.toml.v2.bak").exists()


def test_commands_that_read_an_old_plan_leave_the_file_alone(
    plan_path: Path, old_plan: str, tmp_path: Path
):
    assert cli.main(["validate", "--plan", str(plan_path)]) == 0
    out = tmp_path / "plan.md"
    assert cli.main(["export", "--plan", str(plan_path), "-o", str(out)]) == 0
    assert "Dr Old Format" in out.read_text()
    assert plan_path.read_text() == old_plan
    assert not plan_path.with_name("plan.toml.v2.bak").exists()


async def test_quitting_while_the_steps_are_still_being_built_finishes_them_first(
    plan_path: Path, content
):
    """Ctrl+Q as Resume opens the steps (step 1 takes a quarter of a second to build): the
    quit waits for the step, so nothing fails on the way out and the step is saved."""
    plan = sample_plan(content)
    plan.current_step = "audience"
    save_plan(plan, plan_path)
    for turns in range(4):  # quit at once, and a few turns of the event loop later
        app = SocialCoachApp(plan_path=plan_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.open_wizard("profile")
            for _ in range(turns):
                await asyncio.sleep(0)
            await app.action_save_and_quit()
        assert app.return_code == 0
        assert load_plan(plan_path).current_step == "profile"
