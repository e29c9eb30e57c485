"""Shown over everything while the terminal is too small to use the app; gone when it grows.

The app keeps this screen on top exactly while the window is below the minimum (see
`SocialCoachApp.check_size`): nothing underneath is lost, and typing waits until the
user can see what they type. Ctrl+Q still saves and quits.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 60, 18


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


def message(width: int, height: int) -> str:
    return (
        f"Please make the window at least {MIN_WIDTH}x{MIN_HEIGHT} "
        f"(it is {width}x{height} now). Your plan is kept; Ctrl+Q saves and quits."
    )


class TooSmallScreen(ModalScreen[None]):
    """A plain message asking for a larger window."""

    def compose(self) -> ComposeResult:
        yield Static(message(*self.app.size), id="too-small-message", markup=False)

    def on_resize(self) -> None:
        self.query_one("#too-small-message", Static).update(message(*self.app.size))
