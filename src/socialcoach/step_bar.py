"""The row of six steps at the top of the wizard, drawn by one widget.

It used to be six Buttons. Every step switch moved the "current" class from one button to
another, and each class change restyles the button at once, before the new step can be
drawn: a few milliseconds of the switch, for one line of text. One widget redraws that line
instead, with the same mouse (click a step), keys (Tab to it, arrows, Enter) and look.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


@dataclass(frozen=True)
class StepLabel:
    """One step as the bar shows it."""

    step_id: str
    label: str  # e.g. "✓1 Policy"
    done: bool


class StepBar(Widget, can_focus=True):
    """Six steps on one line; the current one highlighted, the done ones in green."""

    BINDINGS = [
        Binding("left,up", "move(-1)", "Previous step", show=False),
        Binding("right,down", "move(1)", "Next step", show=False),
        Binding("enter,space", "select", "Go to step", show=False),
    ]
    COMPONENT_CLASSES = {"step-bar--current", "step-bar--done", "step-bar--cursor"}
    DEFAULT_CSS = """
    StepBar {
        height: 1;
        width: 100%;
        background: $panel;
        color: $text-muted;
        text-style: bold;
    }
    StepBar > .step-bar--done {
        color: $success;
    }
    StepBar > .step-bar--current {
        background: $primary;
        color: $text;
    }
    StepBar:focus > .step-bar--cursor {
        text-style: bold underline;
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """

    cursor: reactive[int] = reactive(0, init=False)

    @dataclass
    class Selected(Message):
        """The user picked a step, with the mouse or the keys."""

        step_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.steps: tuple[StepLabel, ...] = ()
        self.current = ""

    def show(self, steps: Sequence[StepLabel], current: str) -> None:
        """Draw these steps with `current` highlighted; nothing happens if nothing changed."""
        steps = tuple(steps)
        if steps == self.steps and current == self.current:
            return
        self.steps, self.current = steps, current
        self.refresh()

    def segments(self, width: int) -> list[tuple[StepLabel, int]]:
        """Each step with the columns it gets: equal shares, the first ones take the rest."""
        if not self.steps:
            return []
        share, rest = divmod(width, len(self.steps))
        return [(step, share + (index < rest)) for index, step in enumerate(self.steps)]

    def render(self) -> Text:
        styles = {
            name: self.get_component_rich_style(f"step-bar--{name}", partial=True)
            for name in ("current", "done", "cursor")
        }
        line = Text(no_wrap=True, overflow="crop")
        for index, (step, width) in enumerate(self.segments(self.size.width)):
            style = Style(meta={"step": step.step_id})  # what a click here picks
            if step.done:
                style += styles["done"]
            if step.step_id == self.current:
                style += styles["current"]
            label_style = style
            if self.has_focus and index == self.cursor:
                label_style += styles["cursor"]
            label = step.label
            if len(label) >= width:  # a narrow window: cut, and say so, keeping a space
                label = label[: max(width - 2, 0)] + "…" if width > 2 else ""
            left = (width - len(label)) // 2
            line.append(" " * left, style=style)
            line.append(label, style=label_style)
            line.append(" " * (width - left - len(label)), style=style)
        return line

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        ids = [step.step_id for step in self.steps]
        self.cursor = ids.index(self.current) if self.current in ids else 0

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.steps:
            self.cursor = (self.cursor + step) % len(self.steps)

    def action_select(self) -> None:
        if self.steps:
            self.post_message(self.Selected(self.steps[self.cursor].step_id))

    async def on_click(self, event: events.Click) -> None:
        step_id = event.style.meta.get("step")
        if step_id is not None:
            self.post_message(self.Selected(step_id))
