"""The 'What goes into your plan' preview: rendered when opened, current after edits."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Collapsible, Input

from socialcoach.app import SocialCoachApp
from socialcoach.screens.wizard import WizardScreen
from socialcoach.widgets import MarkdownText

from helpers import open_steps

SIZE = (100, 30)


async def test_the_plan_preview_shows_the_step_when_opened_and_follows_edits(plan_path: Path):
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_steps(pilot, "policy")
        wizard = app.screen
        assert isinstance(wizard, WizardScreen)
        pane = wizard.pane("policy")
        pane.query_one("#contact-name", Input).value = "Sam Lee [comms]"
        await pilot.pause()
        box = pane.query_one(".plan-preview", Collapsible)
        box.collapsed = False
        await pilot.pause()
        preview = pane.query_one(".preview", MarkdownText)
        assert "Sam Lee" in preview.source
        # it opens with the step's own line on what this part of the plan holds
        assert preview.source.startswith(f"*{app.content.steps['policy'].plan_note}*")
        pane.query_one("#contact-name", Input).value = "Alex Kim"
        await pilot.pause()
        assert "Alex Kim" in preview.source
