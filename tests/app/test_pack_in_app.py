"""An organisation's policy pack shows up in the app, is recorded in the plan and the export."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from textual.widgets import Input, Label, Static

from socialcoach import cli
from socialcoach.app import SocialCoachApp
from socialcoach.content import load_builtin
from socialcoach.locations import content_dir
from socialcoach.models import Plan
from socialcoach.packs import apply_pack, load_pack
from socialcoach.screens.wizard import WizardScreen
from socialcoach.settings import load_settings
from socialcoach.store import load_plan, save_plan

from helpers import click_shown, open_steps

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


# --- Defaults and versions, as a resident sees them -------------------------------------------

RESIDENCY = content_dir() / "examples" / "lakeside-radiology-residency.toml"


async def test_a_plan_started_with_the_pack_shows_its_answers_marked_from_the_organisation(
    plan_path: Path,
):
    from textual.widgets import Input

    from helpers import tab_to

    content = apply_pack(load_builtin(), load_pack(RESIDENCY))
    app = SocialCoachApp(plan_path=plan_path, content=content)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard = await open_steps(pilot, "policy")
        mark = wizard.query_one("#org-image-approval", Static)
        assert mark.display and "from your organisation" in str(mark.render())
        unsettled = wizard.query("#org-social-media-policy")  # an item the pack left open
        assert not unsettled or not unsettled.first().display
        note = wizard.query_one("#note-image-approval", Input)
        assert note.value.startswith("The Education Committee handles approval")
        assert wizard.query_one("#contact-email", Input).value == "radres@example.org"
        assert wizard.query_one("#org-contact", Static).display
        # The resident changes one of the organisation's answers: it is theirs now.
        await tab_to(pilot, "note-image-approval")
        await pilot.press("end", *" Mine via Dr Lee.")
        await pilot.pause()
        assert not mark.display
        await pilot.press("ctrl+q")
    plan = load_plan(plan_path)
    assert plan.policy.items["image-approval"].note.endswith("Mine via Dr Lee.")
    assert plan.policy.items["contacts"].state.value == "done"
    assert plan.audience.adopted == ["lakeside-rad-teaching"]
    assert plan.pack.version == "2026.1"


async def test_a_plan_made_with_version_1_opened_with_version_2_shows_what_changed(
    plan_path: Path, tmp_path: Path
):
    from socialcoach.choice import Choice
    from socialcoach.models import ItemState, PolicyAnswer
    from socialcoach.packs import apply_to_plan

    from sample_packs import V1, v2_text

    (tmp_path / "v1.toml").write_text(V1, encoding="utf-8")
    (tmp_path / "v2.toml").write_text(v2_text(), encoding="utf-8")
    plan = Plan()
    apply_to_plan(plan, apply_pack(load_builtin(), load_pack(tmp_path / "v1.toml")))
    plan.policy.items["north-brand"] = PolicyAnswer(state=ItemState.DONE, note="Got the files")
    save_plan(plan, plan_path)

    content = apply_pack(load_builtin(), load_pack(tmp_path / "v2.toml"))
    app = SocialCoachApp(plan_path=plan_path, content=content)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard = await open_steps(pilot, "policy")
        titles = [str(n.title) for n in app._notifications]
        assert "Your organisation's policy changed" in titles
        box = str(wizard.query_one("#pack-changes-text", Static).render())
        assert "changed from version 1 to 2" in box
        assert "Reworded, check it again: Use the North logo only as supplied." in box
        assert "New item: Label AI-made images." in box
        assert "Removed: Register every account with Communications" in box
        assert wizard.query_one("#state-north-brand", Choice).value == "todo"
        assert wizard.query_one("#note-north-brand", Input).value == "Got the files"
        await click_shown(pilot, "#pack-changes-read")
        await pilot.pause()
        assert not wizard.query("#pack-changes")
        await pilot.press("ctrl+q")
    saved = load_plan(plan_path)
    assert (saved.pack.version, saved.pack.first_version) == ("2", "1")
    assert saved.pack.changes == []
    assert saved.policy.items["north-brand"].state is ItemState.TODO


async def test_a_new_account_in_step_5_starts_with_the_organisations_disclaimer(plan_path: Path):
    from socialcoach.models import PlatformChoice

    plan = Plan()
    plan.platforms.chosen = [PlatformChoice(platform="x")]
    save_plan(plan, plan_path)
    content = apply_pack(load_builtin(), load_pack(RESIDENCY))
    app = SocialCoachApp(plan_path=plan_path, content=content)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard = await open_steps(pilot, "accounts")
        field = wizard.query_one("#disclaimer-x", Input)
        assert (
            field.value == "Radiology resident. Views my own, not Lakeside University Hospital's."
        )
        await pilot.press("ctrl+q")
    saved = load_plan(plan_path).accounts.for_platform("x")
    assert saved is not None and saved.disclaimer.startswith("Radiology resident.")


async def test_the_organisations_follow_and_audit_rhythm_are_marked_in_steps_3_and_6(
    plan_path: Path,
):
    content = apply_pack(load_builtin(), load_pack(RESIDENCY))
    org = content.pack
    app = SocialCoachApp(plan_path=plan_path, content=content)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard = await open_steps(pilot, "audience")
        entries = wizard.pane("audience").query_one("#entries")
        prompts = {
            entries.get_option_at_index(i).value: str(entries.get_option_at_index(i).prompt)
            for i in range(entries.option_count)
        }
        for entry_id in org.defaults.follow:
            assert "from your organisation" in prompts[entry_id]
        assert sum("from your organisation" in p for p in prompts.values()) == len(
            org.defaults.follow
        )
        await wizard.show_step("profile")
        await pilot.pause()
        hint = str(wizard.pane("profile").query_one("#org-rhythm", Static).render())
        assert f"every {org.defaults.audit_days} days" in hint
        assert "from your organisation" in hint
        await pilot.press("ctrl+q")
