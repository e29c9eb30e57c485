"""From 40x12 to 300x80 nothing crashes; below 60x18 the app asks for a larger window."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialcoach.app import SocialCoachApp
from socialcoach.models import STEP_ORDER
from socialcoach.screens import too_small
from socialcoach.screens.review import ReviewScreen
from socialcoach.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from socialcoach.screens.welcome import WelcomeScreen
from socialcoach.screens.wizard import WizardScreen
from socialcoach.store import load_plan, save_plan

from helpers import until
from sample import sample_plan

SIZES = [(40, 12), (60, 20), (80, 24), (120, 40), (300, 80)]


def _top_below_guard(app: SocialCoachApp):
    stack = [s for s in app.screen_stack if not isinstance(s, TooSmallScreen)]
    return stack[-1]


CASES = [(size, False) for size in SIZES] + [((40, 12), True)]


@pytest.mark.parametrize(
    ("size", "guard"),
    CASES,
    ids=[f"{w}x{h}-{'guarded' if g else 'unguarded'}" for (w, h), g in CASES],
)
async def test_every_screen_renders_at_every_size(
    size: tuple[int, int], guard: bool, plan_path: Path, content, monkeypatch
):
    """Welcome and the six steps; unguarded, they are laid out at tiny sizes too: no crash."""
    if not guard:
        monkeypatch.setattr(too_small, "too_small", lambda width, height: False)
    save_plan(sample_plan(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(_top_below_guard(app), WelcomeScreen)
        app.export_screenshot()
        app.open_wizard("policy")
        await pilot.pause()
        wizard = _top_below_guard(app)
        assert isinstance(wizard, WizardScreen)
        for step_id in STEP_ORDER:
            await wizard.show_step(step_id)
            await pilot.pause()
            assert wizard.current == step_id
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    assert load_plan(plan_path).basics.display_name == "Dr Jane Rivera"


async def test_the_review_renders_at_every_size(plan_path: Path, content, monkeypatch):
    """One review (its Markdown is slow to build), resized through every size."""
    monkeypatch.setattr(too_small, "too_small", lambda width, height: False)
    save_plan(sample_plan(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZES[0]) as pilot:
        await pilot.pause()
        app.show_review()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        for size in SIZES[1:]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            app.export_screenshot()
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_a_tiny_window_asks_to_be_made_larger_and_the_message_goes_when_it_is(
    plan_path: Path,
):
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        shown = str(app.screen.query_one("#too-small-message").render())
        assert f"at least {MIN_WIDTH}x{MIN_HEIGHT}" in shown
        assert "40x12" in shown
        await pilot.press("a", "b")  # typing waits until the user can see it
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: isinstance(app.screen, WelcomeScreen), "welcome at 80x24")
        assert app.plan.basics.display_name == ""
        await pilot.resize_terminal(MIN_WIDTH - 1, 30)
        await until(pilot, lambda: isinstance(app.screen, TooSmallScreen), "size message")
        assert f"{MIN_WIDTH - 1}x30" in str(app.screen.query_one("#too-small-message").render())
        await pilot.resize_terminal(MIN_WIDTH, MIN_HEIGHT)
        await until(pilot, lambda: isinstance(app.screen, WelcomeScreen), "welcome again")
        assert [type(s) for s in app.screen_stack].count(TooSmallScreen) == 0


async def test_a_normal_window_shows_no_size_message(plan_path: Path):
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert not any(isinstance(s, TooSmallScreen) for s in app.screen_stack)


async def test_ctrl_q_in_a_tiny_window_still_saves_and_quits(plan_path: Path, content):
    save_plan(sample_plan(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        app.plan.basics.organisation = "Typed before the window shrank"
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    assert load_plan(plan_path).basics.organisation == "Typed before the window shrank"


async def test_a_dialog_opened_under_the_size_message_comes_back_when_the_window_grows(
    plan_path: Path,
):
    plan_path.parent.mkdir(parents=True)
    plan_path.write_text("schema_version = 1\n[basics]\nbroken =\n")
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(100, 30)
        from socialcoach.screens.dialogs import ChoiceDialog

        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "broken-plan dialog")
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 2
    assert plan_path.read_text() == "schema_version = 1\n[basics]\nbroken =\n"


async def test_every_welcome_back_button_is_whole_at_the_narrowest_width(plan_path: Path, content):
    from textual.widgets import Button

    from helpers import until

    save_plan(sample_plan(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=(60, 24)) as pilot:
        await until(pilot, lambda: len(app.screen.query("#welcome-buttons Button")) == 4, "buttons")
        await pilot.pause()
        for button in app.screen.query("#welcome-buttons Button").results(Button):
            label = str(button.label)
            assert button.region.right <= 60, label
            assert button.region.width >= len(label), f"{label!r} is cut"
        await pilot.press("ctrl+q")
