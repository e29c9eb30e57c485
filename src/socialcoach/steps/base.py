"""The shape every step shares: why it matters, the form, and what goes into the plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Collapsible, Static

from socialcoach.models import Status
from socialcoach.widgets import MarkdownText, plain

if TYPE_CHECKING:
    from socialcoach.app import SocialCoachApp
    from socialcoach.content import Content
    from socialcoach.models import Plan


class StepPane(VerticalScroll):
    """One step of the coach. Subclasses compose the form and say when they are complete.

    Widgets write straight into the plan as the user changes them, so nothing typed is
    held only in a widget; the app saves the plan a moment after any change (a step change
    included) and on every way out.
    """

    step_id: str = ""

    class Edited(Message):
        """The user changed this step's answers: the screen saves soon and redraws the step
        bar and the hint (a step does not reach up into the app or the screen itself)."""

        def __init__(self, pane: StepPane) -> None:
            super().__init__()
            self.pane = pane

    def __init__(self) -> None:
        super().__init__(id=f"step-{self.step_id}", classes="step")
        self._signature: object = None
        self._preview_stale = True

    @property
    def coach(self) -> SocialCoachApp:
        return self.app  # type: ignore[return-value]

    @property
    def plan(self) -> Plan:
        return self.coach.plan

    @property
    def content(self) -> Content:
        return self.coach.content

    def compose(self) -> ComposeResult:
        step = self.content.steps[self.step_id]
        self._signature = self.signature()
        self._answers = self._current_answers()
        yield Static(plain(step.what_to_do), classes="what-to-do")
        # Open on the first visit; folded once the step has been started, to save room.
        seen = self.plan.status(self.step_id) is not Status.NOT_STARTED
        with Collapsible(title="Why this matters", collapsed=seen, classes="why") as why:
            why.border_title = "Why this matters"  # shown when it sits beside the form
            yield MarkdownText(step.why)
        yield from self.compose_form()
        # Kept, not queried: the preview is looked at on every show and edit, and a query
        # walks the whole step.
        self._preview_box = Collapsible(
            title="What goes into your plan", collapsed=True, classes="plan-preview"
        )
        self._preview = MarkdownText("", classes="preview")
        with self._preview_box:
            yield self._preview

    def compose_form(self) -> ComposeResult:
        yield from ()

    def signature(self) -> object:
        """What, outside this step, the form depends on; a change rebuilds the form."""
        return None

    async def refresh_if_stale(self) -> None:
        if self.signature() != self._signature:
            await self.recompose()
            self._first_field = None
        self.update_preview()

    _first_field: Widget | None = None
    _answers: dict | None = None
    _preview_box: Collapsible | None = None
    _preview: MarkdownText | None = None

    def first_field(self) -> Widget | None:
        """The first widget to focus on this step (looked up once: a query walks the step)."""
        if self._first_field is None:
            fields = self.query("Input, SelectionList, Choice, TextArea, Select")
            self._first_field = fields.first() if fields else None
        return self._first_field

    def update_preview(self) -> None:
        """Refresh the plan preview, but only while it is open.

        A Markdown update mounts a widget per block (a large plan's accounts table is
        hundreds), so a folded preview is only marked stale and is rendered when opened.
        """
        self._preview_stale = True
        if self._preview_box is not None and not self._preview_box.collapsed:
            self._render_preview()

    def _render_preview(self) -> None:
        from socialcoach.export import SECTIONS  # not needed for the first screen

        self._preview_stale = False
        if self._preview is not None:
            # the step's plan note says in one line what this part of the plan holds
            note = f"*{self.content.steps[self.step_id].plan_note}*"
            body = SECTIONS[self.step_id](self.plan, self.content)[3:]
            self._preview.update("\n".join([note, "", *body]))

    def on_collapsible_expanded(self, event: Collapsible.Expanded) -> None:
        if event.collapsible.has_class("plan-preview") and self._preview_stale:
            self._render_preview()

    def _current_answers(self) -> dict:
        return self.plan.section(self.step_id).model_dump(exclude={"status"})

    def changed(self) -> bool:
        """Call after every edit: marks the step in progress and schedules a save.

        Returns whether it was an edit, so a step can skip its own follow-up work when not.
        """
        if self.plan.current_step != self.step_id:
            return False  # a widget settling while the step is hidden, not a user's edit
        # Fields announce their first value as a change when they are mounted; a "change"
        # that leaves the answers as they were is not an edit, and must not mark the step
        # as started (or save) just because it was opened.
        answers = self._current_answers()
        if answers == self._answers:
            return False
        self._answers = answers
        section = self.plan.section(self.step_id)
        if section.status is Status.NOT_STARTED:
            section.status = Status.IN_PROGRESS
        self.update_preview()
        self.post_message(self.Edited(self))
        return True

    def on_finish(self) -> None:
        """The user finished the step (Next) with nothing missing; a step with something to
        record at that moment (the profile's audit date) does it here."""

    def missing(self) -> str:
        """What is still needed for this step to count as done ("" when complete)."""
        from socialcoach.progress import missing

        return missing(self.plan, self.content, self.step_id)
