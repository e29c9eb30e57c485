"""Helpers for driving the app the way a keyboard user does."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from socialcoach.choice import Choice
from socialcoach.screens.wizard import WizardScreen


def screen_text(app: App) -> str:
    """What the terminal shows, as text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def until(pilot: Pilot, condition: Callable[[], bool], what: str, limit: int = 100) -> None:
    """Let the app run until `condition` holds; a busy machine can take a few frames more."""
    for _ in range(limit):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"{what}: still not so after {limit} pauses")


async def click_shown(pilot: Pilot, selector: str) -> None:
    """Click a widget once it is laid out on the screen: a dialog's buttons exist a frame or
    two before they have a place, and a click that comes first lands on nothing."""

    def shown() -> bool:
        found = pilot.app.screen.query(selector)
        return bool(found) and found.first().region.area > 0

    await until(pilot, shown, f"{selector} on the screen")
    await pilot.click(selector)


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


@contextmanager
def held_by_another_window(plan_path: Path) -> Iterator[int]:
    """The plan's lock held by another live process, as a second socialcoach window holds it."""
    script = (
        "import sys, time; from pathlib import Path; from socialcoach.store import PlanLock; "
        "PlanLock(Path(sys.argv[1])).acquire(); print('held', flush=True); time.sleep(60)"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(plan_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder.pid
    finally:
        holder.kill()
        holder.wait()


async def run_palette_command(pilot: Pilot, query: str) -> None:
    """Open the command palette (Ctrl+P), type `query`, and run the first command offered."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
