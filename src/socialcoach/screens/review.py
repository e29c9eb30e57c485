"""The whole plan as it will be exported, with export and a way back to the steps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header

from socialcoach.export import render_markdown
from socialcoach.widgets import MarkdownText, SteadyFooter

if TYPE_CHECKING:
    from socialcoach.app import SocialCoachApp


class ReviewScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="review-back"),
        Binding("e,ctrl+e", "app.export", "Export", id="review-export"),
        Binding("c", "app.calendar", "Calendar", id="review-calendar"),
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
            yield MarkdownText(render_markdown(self.coach.plan, self.coach.content), id="plan-md")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.query_one("#review-body").focus()

    def on_screen_resume(self) -> None:
        # Back from the steps or a dialog: show edits made since. Redrawing a long plan takes
        # a while, so it is not redone when nothing changed (as on the first show).
        text = render_markdown(self.coach.plan, self.coach.content)
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
