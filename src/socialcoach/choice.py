"""A group of radio choices drawn by one widget.

Textual's RadioSet is a container with a widget per button. The coach shows dozens of
these groups (a state per policy item, an answer per quiz question, a split and two
visibilities per account), and each widget costs time to build, style and lay out when a
step is opened. One widget per group keeps the same keys (arrows to move, Enter or Space to
choose), the mouse (click a choice) and the look (● chosen, ○ not), at a quarter of the
widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

CHOSEN, NOT_CHOSEN = "●", "○"


class Choice(Widget, can_focus=True):
    """Radio choices in one widget: on one line, or one choice per line (`vertical`)."""

    BINDINGS = [
        Binding("left,up", "move(-1)", "Previous choice", show=False),
        Binding("right,down", "move(1)", "Next choice", show=False),
        Binding("enter,space", "choose", "Choose", show=False),
    ]
    COMPONENT_CLASSES = {"choice--chosen", "choice--cursor"}
    DEFAULT_CSS = """
    Choice {
        height: auto;
        width: auto;
        padding: 0 1;
    }
    Choice.-vertical {
        width: 1fr;
    }
    Choice > .choice--chosen {
        text-style: bold;
        color: $text-accent;
    }
    Choice:focus > .choice--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold underline;  /* the underline still shows without colour (NO_COLOR) */
    }
    """

    value: reactive[str | None] = reactive(None, init=False)
    cursor: reactive[int] = reactive(0, init=False)

    @dataclass
    class Changed(Message):
        """Another option was chosen (by the user, or by code setting `value`)."""

        choice: Choice
        value: str

        @property
        def control(self) -> Choice:
            return self.choice

    def __init__(
        self,
        options: Sequence[tuple[str, str]],
        value: str | None = None,
        *,
        vertical: bool = False,
        id: str | None = None,
        classes: str | None = None,
        name: str | None = None,
    ) -> None:
        """`options` are (label, value) pairs; labels are shown as plain text."""
        super().__init__(id=id, classes=classes, name=name)
        self.options = list(options)
        self.vertical = vertical
        self.set_class(vertical, "-vertical")
        self.set_reactive(Choice.value, value)
        self.set_reactive(Choice.cursor, self._index(value) or 0)

    def _index(self, value: str | None) -> int | None:
        for index, (_, option_value) in enumerate(self.options):
            if option_value == value:
                return index
        return None

    @property
    def chosen_index(self) -> int | None:
        return self._index(self.value)

    def render(self) -> RenderableType:
        chosen_style = self.get_component_rich_style("choice--chosen", partial=True)
        cursor_style = self.get_component_rich_style("choice--cursor", partial=True)
        cells: list[tuple[Text, Text]] = []
        for index, (label, option_value) in enumerate(self.options):
            chosen = option_value == self.value
            style = Style(meta={"option": index})
            if chosen:
                style += chosen_style
            if self.has_focus and index == self.cursor:
                style += cursor_style
            mark = CHOSEN if chosen else NOT_CHOSEN
            cells.append((Text(mark, style=style), Text(label, style=style)))
        if self.vertical:
            # a grid, so that a long choice wraps under its own text, not under the mark
            grid = Table.grid(padding=(0, 1, 0, 0))
            grid.add_column(no_wrap=True)
            grid.add_column(ratio=1)
            for mark_cell, label_cell in cells:
                grid.add_row(mark_cell, label_cell)
            return grid
        return Text("   ").join(
            Text.assemble(mark, Text(" ", style=label.style), label) for mark, label in cells
        )

    def watch_value(self, value: str | None) -> None:
        # Like Textual's own controls, a change made by code is announced too.
        self.refresh()
        if value is not None:
            self.post_message(self.Changed(self, value))

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.cursor = self.chosen_index or 0

    def action_move(self, step: int) -> None:
        self.cursor = (self.cursor + step) % len(self.options)

    def action_choose(self) -> None:
        self._choose(self.cursor)

    def _choose(self, index: int) -> None:
        self.cursor = index
        self.value = self.options[index][1]

    async def on_click(self, event: events.Click) -> None:
        index = event.style.meta.get("option")
        if index is not None:
            self.focus()
            self._choose(index)
