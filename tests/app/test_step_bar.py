"""The step bar: six steps on one line, at any width the app allows."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult

from socialcoach.app import SocialCoachApp
from socialcoach.content import policy_items_for
from socialcoach.models import ItemState, Plan, PolicyAnswer, Status
from socialcoach.screens.too_small import MIN_WIDTH
from socialcoach.step_bar import StepBar, StepLabel
from socialcoach.store import save_plan

from helpers import open_steps, until

STEPS = [
    StepLabel("policy", "✓1 Policy", True),
    StepLabel("platforms", "•2 Platforms", False),
    StepLabel("audience", " 3 Audience", False),
]


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield StepBar(id="bar")

    def on_mount(self) -> None:
        self.query_one(StepBar).show(STEPS, "platforms")


def bar_text(app_or_screen) -> str:
    screen = getattr(app_or_screen, "screen", app_or_screen)
    strips = screen._compositor.render_strips()
    return next(s.text for s in strips if "Policy" in s.text)


async def test_every_step_gets_an_equal_share_and_its_whole_name_when_it_fits() -> None:
    app = Host()
    async with app.run_test(size=(90, 5)):
        text = bar_text(app)
        assert [len(part) for part in (text[:30], text[30:60], text[60:])] == [30, 30, 30]
        for step in STEPS:
            assert step.label.strip() in text


async def test_a_name_cut_in_a_narrow_window_says_so() -> None:
    # ten columns a step: what six steps get in the narrowest window the app draws in
    app = Host()
    async with app.run_test(size=(3 * MIN_WIDTH // 6, 5)):
        text = bar_text(app)
        assert "✓1 Policy" in text  # fits
        assert "•2 Platf…" in text  # cut, said so, and a space kept before the next step
        assert " 3 Audie…" in text


async def test_step_1_finished_with_items_still_open_is_marked_reviewed_not_done(
    plan_path: Path, content
) -> None:
    """Next on step 1 records it (its open items become next actions), but the bar says
    "reviewed" (◐) until every policy item has an answer, and only then "done" (✓)."""
    save_plan(Plan(), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard = await open_steps(pilot, "policy")
        await pilot.press("ctrl+n")
        await until(pilot, lambda: wizard.current == "platforms", "step 2")
        assert app.plan.status("policy") is Status.DONE
        text = bar_text(app.screen)
        assert "◐1 Policy" in text and "✓1" not in text
        for item in policy_items_for(
            content, app.plan.basics.career_stage.value, app.plan.basics.region
        ):
            app.plan.policy.items[item.id] = PolicyAnswer(state=ItemState.DONE)
        wizard.refresh_chrome()
        await pilot.pause()
        assert "✓1 Policy" in bar_text(app.screen)
        await pilot.press("ctrl+q")
