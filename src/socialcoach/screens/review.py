"""The plan at a glance, then the whole plan as it will be exported, with export and a way
back to the steps."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header

from socialcoach.export import render_markdown
from socialcoach.overview import glance, render_glance
from socialcoach.widgets import MarkdownText, SteadyFooter

if TYPE_CHECKING:
    from socialcoach.app import SocialCoachApp

# Rich's Markdown has no task lists and writes a link's address after its text; the export
# keeps both (they render on GitHub), the screen shows a tick box and each address once.
_TASK = re.compile(r"^(\s*)- \[([ xX])\] ", re.MULTILINE)
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")


def for_screen(markdown: str) -> str:
    """The export's Markdown as the review draws it: `☐`/`☑` for task items, bare links."""
    boxes = _TASK.sub(lambda m: f"{m.group(1)}- {'☑' if m.group(2) != ' ' else '☐'} ", markdown)
    return _AUTOLINK.sub(r"\1", boxes)


def review_text(coach: SocialCoachApp) -> str:
    plan, content = coach.plan, coach.content
    return render_glance(glance(plan, content)) + "\n" + for_screen(render_markdown(plan, content))


class ReviewScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="review-back", tooltip="Back to the steps (review)"),
        Binding(
            "e,ctrl+e",
            "app.export",
            "Export",
            id="review-export",
            tooltip="Export the plan as Markdown (review)",
        ),
        Binding(
            "c",
            "app.calendar",
            "Calendar",
            id="review-calendar",
            tooltip="Put the plan's dates in your calendar, an .ics file (review)",
        ),
    ]

    @property
    def coach(self) -> SocialCoachApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with Horizontal(classes="buttons", id="review-buttons"):
            yield Button("Export…", id="export", variant="primary", compact=True)
            yield Button("Calendar…", id="calendar", compact=True)
            yield Button("Back", id="back", compact=True)
        with VerticalScroll(id="review-body"):
            yield MarkdownText(review_text(self.coach), id="plan-md")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.query_one("#review-body").focus()

    def on_screen_resume(self) -> None:
        # Back from the steps or a dialog: show edits made since. Redrawing a long plan takes
        # a while, so it is not redone when nothing changed (as on the first show).
        text = review_text(self.coach)
        plan_md = self.query_one("#plan-md", MarkdownText)
        if plan_md.source != text:
            plan_md.update(text)

    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        self.coach.action_export()

    @on(Button.Pressed, "#calendar")
    def _calendar(self) -> None:
        self.coach.action_calendar()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.app.pop_screen()
