"""Tick boxes that differ in shape, not only in colour: `[x]` ticked, `[ ]` not.

Textual draws every tick box as `▐X▌`, ticked or not, and only the colour tells them apart;
in a light theme, under NO_COLOR or for a reader who does not see the colours, ticked and
unticked look the same. These draw the mark itself, in ASCII so every terminal font has it.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

TICKED, UNTICKED = "[x]", "[ ]"
ValueT = TypeVar("ValueT")

# Textual's SelectionList measures its gutter from these three; ours is as wide.
assert len(TICKED) == len(
    ToggleButton.BUTTON_LEFT + ToggleButton.BUTTON_INNER + ToggleButton.BUTTON_RIGHT
)


def mark(ticked: bool) -> str:
    return TICKED if ticked else UNTICKED


class TickList(SelectionList[ValueT], Generic[ValueT]):
    """A SelectionList whose boxes read `[x]` and `[ ]`."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 3 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        _, scroll_y = self.scroll_offset
        try:
            selection = self.get_option_at_index(scroll_y + y)
        except OptionDoesNotExist:
            return strip
        style = segments[1].style  # the button's own colours, meta (the click target) included
        box = Segment(mark(selection.value in self._selected), style)
        return Strip([box, *segments[3:]], strip.cell_length)


class TickBox(Checkbox):
    """A Checkbox whose box reads `[x]` and `[ ]`."""

    @property
    def _button(self) -> Content:
        return Content.assemble((mark(self.value), self.get_visual_style("toggle--button")))
