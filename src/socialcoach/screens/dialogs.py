"""Small modal dialogs that return a value with dismiss()."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from socialcoach.step_ids import STEP_ORDER
from socialcoach.steps.base import plain
from socialcoach.ticks import TickBox
from socialcoach.widgets import TextField, holding


class ConfirmDialog(ModalScreen[bool]):
    """Yes or no; Escape means no."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel")]

    def __init__(self, title: str, message: str, yes: str = "Yes", no: str = "Cancel") -> None:
        super().__init__(classes="dialog-screen")
        self._title, self._message, self._yes, self._no = title, message, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self._title), classes="dialog-title")
            yield Static(plain(self._message), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._yes, id="yes", variant="warning")
                yield Button(self._no, id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes_pressed(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no_pressed(self) -> None:
        self.dismiss(False)


class ChoiceDialog(ModalScreen[str]):
    """Several named choices as buttons; returns the chosen id, or the escape choice."""

    BINDINGS = [Binding("escape", "escape", "Cancel")]

    def __init__(
        self, title: str, message: str, choices: list[tuple[str, str]], escape: str
    ) -> None:
        super().__init__(classes="dialog-screen")
        self._title, self._message, self._choices, self._escape = title, message, choices, escape

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self._title), classes="dialog-title")
            yield Static(plain(self._message), classes="dialog-body")
            with Vertical(classes="dialog-choices"):
                for choice_id, label in self._choices:
                    yield holding(Button(label, id=f"choice-{choice_id}"), choice=choice_id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(getattr(event.button, "choice", self._escape))

    def action_escape(self) -> None:
        self.dismiss(self._escape)


@dataclass(frozen=True)
class ExportChoice:
    """What the export dialog was answered with: where to write, and its tick box."""

    path: Path
    option: bool = False


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Ask where to write an export: the Markdown plan by default, or the calendar.

    `option`, if given, is a tick box (ticked at first); its answer comes with the path.
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(
        self,
        default: Path,
        title: str = "Export your plan as Markdown",
        message: str = "The file can be opened in any text editor, or pasted into notes or GitHub.",
        option: str = "",
    ) -> None:
        super().__init__(classes="dialog-screen")
        self._default = default
        self._title, self._message, self._option = title, message, option

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self._title), classes="dialog-title")
            yield Static(plain(self._message), classes="dialog-body")
            yield TextField(str(self._default), id="export-path")
            if self._option:
                yield TickBox(plain(self._option), value=True, id="export-option")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", id="export", variant="primary")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        value = self.query_one("#export-path", Input).value.strip()
        if not value:
            self.notify("Type a file name first.", severity="warning")
            return
        ticked = bool(self._option) and self.query_one("#export-option", Checkbox).value
        self.dismiss(ExportChoice(Path(value).expanduser(), ticked))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class GotoDialog(ModalScreen[str | None]):
    """Jump to any step by keyboard: arrows and Enter, or the step's number."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, len(STEP_ORDER) + 1)),
    ]

    def __init__(self, steps: list[tuple[str, str]], current: str) -> None:
        super().__init__(classes="dialog-screen")
        self._steps, self._current = steps, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Go to step", classes="dialog-title")
            yield OptionList(*[Option(plain(label), id=sid) for sid, label in self._steps])

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [sid for sid, _ in self._steps]
        options.highlighted = ids.index(self._current) if self._current in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_pick(self, number: int) -> None:
        self.dismiss(self._steps[number - 1][0])
