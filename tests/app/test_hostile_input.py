"""What a user or a stranger can do to the coach from outside, driven as they would: hand-edited
plans, a folder or an empty file as the plan, markup and control sequences in packs, Ctrl+C,
a read-only window, and the command line piped into `head`."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input

from socialcoach import cli
from socialcoach.app import SocialCoachApp
from socialcoach.models import STEP_ORDER
from socialcoach.screens.dialogs import ChoiceDialog, ExportDialog
from socialcoach.screens.welcome import WelcomeScreen
from socialcoach.settings import remember_pack
from socialcoach.store import load_plan, save_plan

from helpers import click_shown, held_by_another_window, open_steps, until
from sample import HAND_EDITED, sample_plan

SIZE = (100, 30)


def _messages(app: SocialCoachApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_hand_edited_plan_opens_every_step_and_keeps_what_it_set_aside(plan_path: Path):
    plan_path.parent.mkdir(parents=True)
    plan_path.write_text(HAND_EDITED)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: any("Set aside" in m for m in _messages(app)), "the note")
        note = next(m for m in _messages(app) if "Set aside" in m)
        assert "nuero" in note and "stay in the file" in note
        for step_id in STEP_ORDER:
            wizard = await open_steps(pilot, step_id)
            await pilot.pause(0.2)
            assert wizard.is_current and app.is_running, step_id
        app.plan.basics.display_name = "Dr Hand, after a walk"
        app.plan_changed()
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    saved = tomllib.loads(plan_path.read_text())
    assert saved["basics"]["display_name"] == "Dr Hand, after a walk"
    assert saved["basics"]["subspecialty"] == "nuero"
    assert "myspace" in [c["platform"] for c in saved["platforms"]["chosen"]]


async def test_a_folder_as_the_plan_is_reported_and_never_renamed(tmp_path: Path):
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "cv.pdf").write_bytes(b"%PDF")
    app = SocialCoachApp(plan_path=folder)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the dialog")
        await pilot.pause()
        ids = [b.id for b in app.screen.query("Button")]
        assert ids == ["choice-quit"], "a folder must not be offered for replacing"
        await click_shown(pilot, "#choice-quit")
        await pilot.pause()
    assert folder.is_dir() and (folder / "cv.pdf").read_bytes() == b"%PDF"
    assert not list(tmp_path.glob("Documents.*[!k]"))  # nothing renamed (only the .lock)


async def test_an_empty_plan_offers_the_good_backup_and_restores_it(plan_path: Path, content):
    plan = sample_plan(content)
    save_plan(plan, plan_path)
    plan.basics.display_name = "Dr Newer"
    save_plan(plan, plan_path)
    good = plan_path.with_name("plan.toml.bak").read_bytes()
    plan_path.write_bytes(b"")  # what a failed copy leaves
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the dialog")
        await pilot.pause()
        await click_shown(pilot, "#choice-restore-0")
        await until(pilot, lambda: isinstance(app.screen, WelcomeScreen), "the plan")
        assert app.plan.basics.display_name == sample_plan(content).basics.display_name
        app.plan.basics.organisation = "Edited after the restore"
        app.plan_changed()
        await pilot.press("ctrl+q")
    assert load_plan(plan_path).basics.organisation == "Edited after the restore"
    assert plan_path.with_name("plan.toml.bak").read_bytes() == good, "the good copy survives"
    assert [p.read_bytes() for p in plan_path.parent.glob("plan.toml.before-restore-*")] == [b""]


async def test_markup_in_a_remembered_pack_is_shown_as_text_and_runs_nothing(
    tmp_path: Path, isolated_home: Path
):
    pack = tmp_path / "x[/oops]" / "pack.toml"
    pack.parent.mkdir(parents=True)
    pack.write_text(
        '[pack]\nid = "evil"\nname = "Evil"\nversion = "1"\n\n'
        '[[source]]\nid = "[@click=app.quit]CLICKME[/]"\nname = "Bad source"\n'
        'url = "https://example.org"\n'
    )
    remember_pack(pack)
    app = SocialCoachApp(plan_path=isolated_home / "plan.toml")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.plan_open, "the plan to open")
        await pilot.pause(0.2)
        shown = " ".join(_messages(app))
        assert "x[/oops]" in shown and "[@click=app.quit]CLICKME[/]" in shown
        for toast in app.screen.query("Toast"):
            await pilot.click(toast)
        await pilot.pause()
        assert app.is_running, "a click on the notification must not run an action"
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_ctrl_c_saves_and_says_how_to_quit_and_a_second_one_quits(plan_path: Path, content):
    save_plan(sample_plan(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.plan_open, "the plan to open")
        app.plan.basics.organisation = "Saved by Ctrl+C"
        app.plan_changed()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert load_plan(plan_path).basics.organisation == "Saved by Ctrl+C"
        assert any("Ctrl+Q" in m and "saved" in m for m in _messages(app))
        assert app.is_running
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_code == 0


async def test_typing_in_a_read_only_window_is_not_dropped_silently(
    plan_path: Path, content, tmp_path: Path
):
    save_plan(sample_plan(content), plan_path)
    before = plan_path.read_bytes()
    copy = tmp_path / "my-copy.toml"
    with held_by_another_window(plan_path):
        app = SocialCoachApp(plan_path=plan_path)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the lock dialog")
            await pilot.pause()
            await click_shown(pilot, "#choice-read-only")
            await until(pilot, lambda: bool(app.screen.query("#organisation")), "the form")
            assert "read-only" in app.sub_title
            field = app.screen.query_one("#organisation", Input)
            field.focus()
            await pilot.press("end", *" typed here")
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceDialog), "quit must ask about the typing"
            await click_shown(pilot, "#choice-copy")
            await pilot.pause()
            assert isinstance(app.screen, ExportDialog)
            app.screen.query_one("#export-path", Input).value = str(copy)
            await pilot.press("enter")
            await pilot.pause()
        assert plan_path.read_bytes() == before
    assert load_plan(copy).basics.organisation.endswith(" typed here")


# --------------------------------------------------------------------- the command line
def _run(args: list[str], home: Path, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOCIALCOACH_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "socialcoach", *args],
        capture_output=True,
        env=env,
        timeout=60,
        **kwargs,
    )


def test_schema_into_head_ends_quietly(isolated_home: Path):
    env = {**os.environ, "SOCIALCOACH_HOME": str(isolated_home)}
    result = subprocess.run(
        f"{sys.executable} -m socialcoach schema | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.stdout.strip() == "{"
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_content_check_reports_control_characters_and_never_prints_them(
    tmp_path: Path, isolated_home: Path
):
    pack = tmp_path / "pack.toml"
    pack.write_bytes(
        b'[pack]\nid = "ctl"\nname = "Ctl \x1b]52;c;aGVsbG8=\x07 pack"\nversion = "1"\n'
        b'"key\x1b[2J" = 1\n'
    )
    result = _run(["content", "check", str(pack)], isolated_home)
    assert result.returncode == 1
    err = result.stderr
    assert b"\x1b" not in err and b"\x07" not in err
    assert f"{pack}:3:".encode() in err and b"\\x1b" in err
    assert f"{pack}:5:".encode() in err


def test_restore_lists_earlier_plans_and_puts_one_back(plan_path: Path, content):
    plan = sample_plan(content)
    save_plan(plan, plan_path)
    plan.basics.display_name = "Dr Later"
    save_plan(plan, plan_path)
    home = plan_path.parent
    listing = _run(["restore"], home, text=True)
    assert listing.returncode == 0
    assert "1. plan.toml.bak" in listing.stdout and "steps done" in listing.stdout
    result = _run(["restore", "1"], home, text=True)
    assert result.returncode == 0, result.stderr
    assert "Restored plan.toml.bak" in result.stdout
    assert load_plan(plan_path).basics.display_name == sample_plan(content).basics.display_name
    kept = list(home.glob("plan.toml.before-restore-*"))
    assert len(kept) == 1 and "Dr Later" in kept[0].read_text()


def test_restore_refuses_while_another_window_has_the_plan(plan_path: Path, content):
    plan = sample_plan(content)
    save_plan(plan, plan_path)
    plan.basics.display_name = "Dr Later"
    save_plan(plan, plan_path)
    before = plan_path.read_bytes()
    with held_by_another_window(plan_path):
        result = _run(["restore", "1"], plan_path.parent, text=True)
    assert result.returncode == 2 and "another socialcoach window" in result.stderr
    assert plan_path.read_bytes() == before


def test_an_unexpected_error_is_a_short_message_and_a_report_without_the_text(
    isolated_home: Path, capsys, monkeypatch: pytest.MonkeyPatch
):
    def explode(args):
        raise RuntimeError("secret draft text Mrs Patient")

    monkeypatch.setattr(cli, "cmd_where", explode)
    assert cli.main(["where"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "RuntimeError" in err
    reports = list((isolated_home / "crash-reports").glob("crash-*.txt"))
    assert len(reports) == 1 and str(reports[0]) in err
    text = reports[0].read_text()
    assert "cli.py" in text and "Mrs Patient" not in text
    assert oct(reports[0].stat().st_mode & 0o777) == "0o600"
