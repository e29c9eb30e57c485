"""Steps not yet shown are built while the user is idle, without touching the plan."""

from __future__ import annotations

import asyncio
import gc
import time
import weakref
from pathlib import Path

import pytest
from textual.widgets import Input

from socialcoach.app import SocialCoachApp
from socialcoach.models import STEP_ORDER
from socialcoach.screens.wizard import WizardScreen
from socialcoach.store import dumps_plan, save_plan

from helpers import open_steps, screen_text
from sample import sample_plan

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def short_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(WizardScreen, "PREBUILD_IDLE", 0.3)


async def wait_for(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_idle_builds_every_step_hidden_and_changes_nothing(plan_path: Path, content) -> None:
    plan = sample_plan(content)
    plan.accounts.per_platform = []  # chosen platforms without account plans yet
    save_plan(plan, plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_steps(pilot, "policy")
        before = dumps_plan(app.plan)
        await wait_for(lambda: len(wizard._panes) == len(STEP_ORDER))
        assert wizard.current == "policy"
        assert [s for s, pane in wizard._panes.items() if pane.display] == ["policy"]
        assert dumps_plan(app.plan) == before  # building a step writes nothing
        accounts_pane = wizard.pane("accounts")

        # Next now shows the steps already built, and they work as before
        for _ in range(4):
            await pilot.press("f8")
            await pilot.pause()
        assert wizard.current == "accounts" and wizard.pane("accounts") is accounts_pane
        assert app.plan.accounts.per_platform == []
        first, second = app.plan.platforms.chosen_ids()[:2]
        wizard.query_one(f"#pro-handle-{second}", Input).focus()
        await pilot.press(*"@DrJane2")
        wizard.query_one(f"#pro-handle-{first}", Input).focus()
        await pilot.press(*"@DrJane1")
        await pilot.pause()
        # account plans appear on the first edit, in the order of the chosen platforms
        assert [a.platform for a in app.plan.accounts.per_platform] == [first, second]
        assert app.plan.accounts.per_platform[0].professional_handle == "@DrJane1"
        await pilot.press("ctrl+q")


async def test_nothing_is_built_while_the_user_keeps_typing(
    plan_path: Path, content, monkeypatch: pytest.MonkeyPatch
) -> None:
    # two seconds of idle time needed, far above the gaps between keys even on a machine so
    # busy that one key took a second to be handled (seen once with load 6 on 2 cores)
    monkeypatch.setattr(WizardScreen, "PREBUILD_IDLE", 2.0)
    save_plan(sample_plan(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_steps(pilot, "policy")
        note = wizard.query_one(f"#note-{content.policy_items[1].id}", Input)
        note.focus()
        for letter in "Asked HR and comms, and wrote down the answer":  # over 4 seconds
            await pilot.press(letter)
            await asyncio.sleep(0.1)
            assert list(wizard._panes) == ["policy"]
        await wait_for(lambda: len(wizard._panes) == len(STEP_ORDER))
        note_text = app.plan.policy.items[content.policy_items[1].id].note
        assert note_text.endswith("wrote down the answer")
        await pilot.press("ctrl+q")


async def test_a_step_being_built_is_not_built_twice(plan_path: Path, content) -> None:
    save_plan(sample_plan(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_steps(pilot, "policy")
        # the background build and the user's Next ask for the same step at once
        await asyncio.gather(wizard.ensure_pane("platforms"), wizard.show_step("platforms"))
        await pilot.pause()
        assert len(wizard.query("#step-platforms")) == 1
        assert wizard.current == "platforms"
        await pilot.press("ctrl+q")


async def walk_screens(plan_path: Path, *, idle_first: bool) -> list[str]:
    """Each step as Next shows it, after the steps were built in the background or not."""
    app = SocialCoachApp(plan_path=plan_path)
    shown = []
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_steps(pilot, "policy")
        if idle_first:
            await wait_for(lambda: len(wizard._panes) == len(STEP_ORDER))
        for _ in STEP_ORDER[1:]:
            await pilot.press("f8")
            await pilot.pause()
            await pilot.pause()
            shown.append(screen_text(app))
        await pilot.press("ctrl+q")
    return shown


async def test_a_step_laid_out_in_the_background_looks_as_one_built_on_the_key(
    plan_path: Path, content, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_plan(sample_plan(content), plan_path)
    prebuilt = await walk_screens(plan_path, idle_first=True)
    monkeypatch.setattr(WizardScreen, "PREBUILD_IDLE", 3600)
    save_plan(sample_plan(content), plan_path)
    on_the_key = await walk_screens(plan_path, idle_first=False)
    assert len(prebuilt) == len(STEP_ORDER) - 1
    for step_id, before, after in zip(STEP_ORDER[1:], on_the_key, prebuilt, strict=True):
        assert after == before, f"step {step_id} differs"


async def test_what_the_steps_hold_is_set_aside_while_open_and_freed_after(
    plan_path: Path, content
) -> None:
    save_plan(sample_plan(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        panes = (await open_steps(pilot, "policy"))._panes
        await wait_for(lambda: len(panes) == len(STEP_ORDER))
        # the full collector passes no longer walk the built steps...
        assert gc.get_freeze_count() > 0
        pane = weakref.ref(panes["accounts"])
        panes = {}
        await pilot.press("ctrl+q")
    # ...and once the steps are closed, they are handed back and can be freed
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert pane() is None
