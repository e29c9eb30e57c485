"""The help screen: every key, and where the plan lives. The text sits in help.md beside it."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button

from socialcoach.locations import display_path
from socialcoach.widgets import MarkdownText

HELP_TEXT = Path(__file__).with_name("help.md")


_KEY_NAMES = {"question_mark": "?", "escape": "Esc", "pagedown": "PageDown", "pageup": "PageUp"}


def key_display(keys: str) -> str:
    """`ctrl+n,f8` as a person reads it: `Ctrl+N (or F8)`."""

    def one(key: str) -> str:
        parts = key.strip().split("+")
        return "+".join(
            _KEY_NAMES.get(p, p.upper() if len(p) == 1 else p.capitalize()) for p in parts
        )

    names = [one(key) for key in keys.split(",") if key.strip()]
    if not names:
        return ""
    return names[0] + (f" (or {', '.join(names[1:])})" if len(names) > 1 else "")


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("f1,question_mark,q", "dismiss", "Close", show=False),
    ]

    def __init__(self, plan_path: Path, keys: list[tuple[str, str]] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self._plan_path = plan_path
        self._keys = keys or []

    def compose(self) -> ComposeResult:
        rows = "\n".join(f"| {key_display(keys)} | {what} |" for keys, what in self._keys)
        text = (
            HELP_TEXT.read_text(encoding="utf-8")
            .replace("{plan_path}", display_path(self._plan_path))
            .replace("{action_keys}", rows)
        )
        with Vertical(classes="dialog help"):
            with VerticalScroll(id="help-body"):
                yield MarkdownText(text, id="help-text")
            yield Button("Close (Esc)", id="close", variant="primary")

    def on_mount(self) -> None:
        # The text has the focus, so the arrows, PageDown and the mouse wheel scroll it at
        # once; Tab reaches Close, and Esc closes from anywhere.
        self.query_one("#help-body", VerticalScroll).focus()

    def on_button_pressed(self) -> None:
        self.dismiss()
