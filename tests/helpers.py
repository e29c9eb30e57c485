"""Helpers for driving the app the way a keyboard user does."""

from __future__ import annotations

from textual.pilot import Pilot

from socialcoach.choice import Choice
from socialcoach.screens.wizard import WizardScreen


async def tab_to(pilot: Pilot, widget_id: str, limit: int = 120) -> None:
    """Press Tab until the widget with this id has focus, as a user would."""
    for _ in range(limit):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached #{widget_id}; focus is on {pilot.app.focused!r}")


async def choose_radio(pilot: Pilot, index: int) -> None:
    """In the focused group of choices, move with the arrow keys to one and press Enter."""
    choice = pilot.app.focused
    assert isinstance(choice, Choice), f"focus is on {choice!r}, not a Choice"
    for _ in range(12):
        if choice.cursor == index:
            break
        await pilot.press("down")
    assert choice.cursor == index
    await pilot.press("enter")


async def open_steps(pilot: Pilot, step_id: str, focus: str | None = None) -> WizardScreen:
    """Once the plan is open, open the steps at `step_id`, as Resume or the review do."""
    await pilot.pause()
    pilot.app.open_wizard(step_id, focus)
    await pilot.pause()
    wizard = pilot.app.screen
    assert isinstance(wizard, WizardScreen), wizard
    return wizard
