"""Helpers for driving the app the way a keyboard user does."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import RadioSet


async def tab_to(pilot: Pilot, widget_id: str, limit: int = 120) -> None:
    """Press Tab until the widget with this id has focus, as a user would."""
    for _ in range(limit):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached #{widget_id}; focus is on {pilot.app.focused!r}")


async def choose_radio(pilot: Pilot, index: int) -> None:
    """In the focused RadioSet, move with the arrow keys to a button and press Enter."""
    radio_set = pilot.app.focused
    assert isinstance(radio_set, RadioSet), f"focus is on {radio_set!r}, not a RadioSet"
    for _ in range(12):
        if radio_set._selected == index:
            break
        await pilot.press("down")
    assert radio_set._selected == index
    await pilot.press("enter")
