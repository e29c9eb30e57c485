"""An organisation's policy pack shows up in the app, is recorded in the plan and the export."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from textual.widgets import Label, Static

from socialcoach import cli
from socialcoach.app import SocialCoachApp
from socialcoach.content import load_builtin
from socialcoach.locations import content_dir
from socialcoach.models import Plan
from socialcoach.packs import apply_pack, load_pack
from socialcoach.screens.wizard import WizardScreen
from socialcoach.settings import load_settings
from socialcoach.store import load_plan, save_plan

from helpers import open_steps

EXAMPLE = content_dir() / "examples" / "st-example-hospital.toml"


async def test_pack_items_and_contacts_appear_on_the_policy_step(plan_path: Path):
    pack = load_pack(EXAMPLE)
    content = apply_pack(load_builtin(), pack)
    app = SocialCoachApp(plan_path=plan_path, content=content)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_steps(pilot, "policy")
        assert isinstance(app.screen, WizardScreen)
        box = str(app.screen.query_one(".pack-box", Static).render())
        assert pack.info.name in box
        assert pack.info.contact.email in box
        assert pack.info.required_disclaimer in box
        titles = [str(label.render()) for label in app.screen.query(".item-title").results(Label)]
        assert "Read St. Example policy HR-204, Social Media" in titles
        assert "Use the approved logo and department name only" in titles
        await pilot.press("ctrl+q")
    plan = load_plan(plan_path)
    assert plan.pack is not None
    assert (plan.pack.id, plan.pack.version) == (pack.info.id, pack.info.version)


def test_an_invalid_pack_stops_before_the_app_starts(tmp_path: Path, isolated_home: Path):
    broken = tmp_path / "broken.toml"
    broken.write_text('[pack]\nid = "x"\nname = "Broken"\n')
    env = {**os.environ, "SOCIALCOACH_HOME": str(isolated_home)}
    result = subprocess.run(
        [sys.executable, "-m", "socialcoach", "--pack", str(broken)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert "broken.toml" in result.stderr
    assert "version" in result.stderr


def test_a_chosen_pack_is_remembered_and_named_in_later_exports(monkeypatch, isolated_home: Path):
    started = []
    monkeypatch.setattr(SocialCoachApp, "run", lambda self: started.append(self.content.pack))
    assert cli.main(["--pack", str(EXAMPLE)]) == 0
    assert started and started[0].id == "st-example-hospital"
    assert load_settings().pack == str(EXAMPLE.resolve())

    save_plan(Plan(), isolated_home / "plan.toml")
    env = {**os.environ, "SOCIALCOACH_HOME": str(isolated_home)}
    exported = subprocess.run(
        [sys.executable, "-m", "socialcoach", "export"],  # no --pack: the remembered one
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert exported.returncode == 0, exported.stderr
    assert "St. Example Hospital social media pack" in exported.stdout
    assert "Read St. Example policy HR-204, Social Media" in exported.stdout


async def test_a_remembered_pack_applies_when_the_app_starts_without_pack(plan_path: Path):
    from socialcoach.settings import remember_pack

    remember_pack(EXAMPLE.resolve())
    app = SocialCoachApp(plan_path=plan_path)  # as `socialcoach` alone starts it
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.content.pack is not None
        assert app.content.pack.id == "st-example-hospital"
        await pilot.press("ctrl+q")
    assert load_plan(plan_path).pack.id == "st-example-hospital"


async def test_a_remembered_pack_that_is_gone_falls_back_to_the_built_in_content(
    plan_path: Path, tmp_path: Path
):
    from socialcoach.settings import remember_pack

    remember_pack(tmp_path / "moved-away.toml")
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.content.pack is None
        assert any("moved-away.toml" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+q")
    assert app.return_code == 0
