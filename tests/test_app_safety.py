"""The app never writes over a plan it could not read or does not own, and survives a
folder it cannot write to with the answers kept in memory and a way out (export)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from socialcoach.app import SocialCoachApp
from socialcoach.screens.dialogs import ChoiceDialog
from socialcoach.store import save_plan

from sample import sample_plan

SIZE = (100, 30)
BROKEN = 'schema_version = 1\ncurrent_step = "policy\n'


def _write_broken(plan_path: Path) -> None:
    plan_path.parent.mkdir(parents=True, exist_ok=True)
    plan_path.write_text(BROKEN)


async def test_ctrl_q_while_asked_about_a_broken_plan_leaves_it_untouched(plan_path: Path):
    _write_broken(plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert plan_path.read_text() == BROKEN
    assert not plan_path.with_name("plan.toml.bak").exists()


async def test_closing_the_terminal_while_asked_about_a_broken_plan_leaves_it(plan_path: Path):
    _write_broken(plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        app._on_terminate()  # what SIGTERM and SIGHUP run
        await pilot.pause()
    assert plan_path.read_text() == BROKEN


async def test_ctrl_q_while_asked_about_a_locked_plan_leaves_the_other_windows_plan(
    plan_path: Path, content
):
    save_plan(sample_plan(content), plan_path)
    before = plan_path.read_bytes()
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        plan_path.with_name("plan.toml.lock").write_text(str(holder.pid))
        app = SocialCoachApp(plan_path=plan_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ChoiceDialog)
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert plan_path.read_bytes() == before
        assert plan_path.with_name("plan.toml.lock").read_text() == str(holder.pid)
    finally:
        holder.kill()
        holder.wait()
