"""The six steps on one screen: a step bar, a ContentSwitcher of step panes, Back and Next."""

from __future__ import annotations

import asyncio
import time
from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher, Header, Static

from socialcoach import gc_freeze
from socialcoach.models import STEP_ORDER, Status
from socialcoach.progress import reviewed_not_finished
from socialcoach.screens.dialogs import GotoDialog
from socialcoach.step_bar import StepBar, StepLabel
from socialcoach.steps.accounts import AccountsStep
from socialcoach.steps.audience import AudienceStep
from socialcoach.steps.base import StepPane, plain
from socialcoach.steps.phi import PhiStep
from socialcoach.steps.platforms import PlatformsStep
from socialcoach.steps.policy import PolicyStep
from socialcoach.steps.profile import ProfileStep
from socialcoach.widgets import SteadyFooter

if TYPE_CHECKING:
    from socialcoach.app import SocialCoachApp

# Each step's widget, by the step id it names itself with (the order is models.STEP_ORDER;
# tests/cli/test_architecture.py checks that every table keyed by step id has the same keys).
STEP_CLASSES: dict[str, type[StepPane]] = {
    pane.step_id: pane
    for pane in (PolicyStep, PlatformsStep, AudienceStep, PhiStep, AccountsStep, ProfileStep)
}
MARKS = {Status.DONE: "✓", Status.IN_PROGRESS: "•", Status.NOT_STARTED: " "}
REVIEWED = "◐"  # step 1 done with policy items still to find out: reviewed, not finished


class WizardScreen(Screen[None]):
    # Priority: the keys move between steps whichever field has the focus (the draft
    # checker's TextArea would take F6 and F7 for selecting), and the key is acted on at
    # once instead of first travelling through the focused field and its containers.
    BINDINGS = [
        Binding("ctrl+n,f8", "next", "Next", id="next", priority=True, tooltip="Next step (saves)"),
        Binding("ctrl+b,f7", "back", "Back", id="back", priority=True, tooltip="Previous step"),
        Binding(
            "ctrl+g,f6",
            "goto",
            "Go to step",
            id="goto",
            priority=True,
            tooltip=f"Go to any step (then 1-{len(STEP_ORDER)} or Enter)",
        ),
        Binding(
            "ctrl+r",
            "review",
            "Review",
            id="review",
            priority=True,
            tooltip="Review the whole plan",
        ),
    ]

    def __init__(self, start: str, focus: str | None = None) -> None:
        super().__init__()
        self._start = start
        self._focus = focus
        self._current = start  # the step on the screen (the switcher holds "step-<id>")
        self._shown: dict[str, str] = {}  # text last put in the title and hint
        # Kept from compose: a query walks every widget of the screen, hundreds on some steps.
        self._switcher = ContentSwitcher(initial=f"step-{start}", id="steps")
        self._panes: dict[str, StepPane] = {}
        self._building = asyncio.Lock()
        self._prebuild: Timer | None = None
        self._bar = StepBar(id="step-bar")
        self._texts = {name: Static("", id=name) for name in ("step-title", "nav-hint")}
        self._back = Button("← Back", id="back", compact=True)
        self._next = Button("Next →", id="next", variant="primary", compact=True)

    @property
    def coach(self) -> SocialCoachApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield self._bar
        yield self._texts["step-title"]
        # Only the first step shown is built now; the others on their first visit (a step
        # can hold hundreds of widgets, and building all six made opening slow).
        with self._switcher:
            self._panes[self._start] = STEP_CLASSES[self._start]()
            yield self._panes[self._start]
        with Horizontal(id="nav"):
            yield self._back
            yield self._texts["nav-hint"]
            yield self._next
        yield SteadyFooter()

    @property
    def current(self) -> str:
        return self._current

    def pane(self, step_id: str) -> StepPane:
        return self._panes[step_id]

    async def ensure_pane(self, step_id: str) -> StepPane:
        """The step's pane, built and mounted (hidden) if it is not yet."""
        async with self._building:  # a step being built in the background is awaited
            if step_id not in self._panes:
                pane = STEP_CLASSES[step_id]()
                await self._switcher.add_content(pane)
                self._panes[step_id] = pane
                gc_freeze.set_aside_long_lived()
        return self._panes[step_id]

    # Building a step takes 50 to 200 ms, which made a step's first visit slow. While the
    # user reads or thinks (no key or click for PREBUILD_IDLE seconds), the steps not yet
    # built are built hidden, one at a time, the next ones first.
    PREBUILD_IDLE = 1.5

    def _schedule_prebuild(self, delay: float | None = None) -> None:
        if self._prebuild is not None:
            self._prebuild.stop()
        delay = self.PREBUILD_IDLE if delay is None else delay
        # (a Textual timer of 0 s divides by zero)
        self._prebuild = self.set_timer(max(delay, 0.01), self._prebuild_next)

    def on_screen_resume(self) -> None:
        if self._prebuild is None and len(self._panes) < len(STEP_ORDER):
            self._schedule_prebuild()

    async def _prebuild_next(self) -> None:
        self._prebuild = None
        index = STEP_ORDER.index(self.current)
        unbuilt = [s for s in STEP_ORDER[index:] + STEP_ORDER[:index] if s not in self._panes]
        if not unbuilt or not self.is_current:
            return  # showing a step again schedules this again
        idle = time.monotonic() - self.coach.last_input
        if idle < self.PREBUILD_IDLE:
            self._schedule_prebuild(self.PREBUILD_IDLE - idle)
            return
        self._lay_out_hidden(await self.ensure_pane(unbuilt[0]))
        self._schedule_prebuild(0.05)

    def _lay_out_hidden(self, pane: StepPane) -> None:
        """Lay the hidden step out once, at the size it will be shown at, and forget it.

        Laying a step out the first time measures every text in it, which took up to
        17 ms of its first show (the accounts step); Textual keeps those measurements and
        arrangements, so doing it now, while the user is idle, leaves 3 ms for the show.
        A scratch compositor is used so the screen itself is not touched. It is Textual's
        internal class (the version is pinned in pyproject.toml); if it ever changes, the
        step is simply laid out when it is shown, as before.
        """
        try:
            from textual._compositor import Compositor

            Compositor().reflow(pane, self._switcher.size)
        except (ImportError, AttributeError, TypeError):  # pragma: no cover - Textual changed
            pass

    WIDE = 120  # columns from which "why this matters" sits beside the form

    def on_resize(self) -> None:
        if self.has_class("-wide") != (self.size.width >= self.WIDE):
            self.set_class(self.size.width >= self.WIDE, "-wide")

    async def on_mount(self) -> None:
        self.set_class(self.app.size.width >= self.WIDE, "-wide")
        gc_freeze.set_aside_long_lived()
        await self.show_step(self._start, self._focus)

    def on_unmount(self) -> None:
        gc_freeze.hand_back()

    def _mark(self, step_id: str) -> str:
        plan, content = self.coach.plan, self.coach.content
        if reviewed_not_finished(plan, content, step_id):
            return REVIEWED
        return MARKS[plan.status(step_id)]

    def refresh_chrome(self) -> None:
        """Step bar, title and hints: where am I, what is done, what comes next.

        Called on every edit, so it touches a widget only when its text or class changes:
        each change restyles the widget, which is what makes a screen feel slow.
        """
        plan, content = self.coach.plan, self.coach.content
        current = self.current
        self._bar.show(
            [
                StepLabel(
                    step_id,
                    f"{self._mark(step_id)}{content.steps[step_id].number} "
                    f"{content.steps[step_id].short}",
                    plan.status(step_id) is Status.DONE,
                )
                for step_id in STEP_ORDER
            ],
            current,
        )
        step = content.steps[current]
        index = STEP_ORDER.index(current)
        done = plan.done_count()
        total = len(STEP_ORDER)
        title = f"Step {step.number} of {total}: {step.title}   ({done} of {total} done)"
        if self.coach.read_only:
            title += "   READ-ONLY"
        missing = self.pane(current).missing()
        hint = f"To finish: {missing}." if missing else "Ready: press Next (Ctrl+N)."
        for widget_id, text in (("step-title", title), ("nav-hint", hint)):
            if self._shown.get(widget_id) != text:
                self._shown[widget_id] = text
                self._texts[widget_id].update(plain(text))
        back = self._back
        if back.disabled != (index == 0):
            back.disabled = index == 0
        next_button = self._next
        next_label = "Review plan →" if index == len(STEP_ORDER) - 1 else "Next →"
        if str(next_button.label) != next_label:
            next_button.label = next_label

    async def show_step(self, step_id: str, focus: str | None = None) -> None:
        plan = self.coach.plan
        plan.current_step = step_id
        pane = await self.ensure_pane(step_id)
        await pane.refresh_if_stale()
        self._switcher.current = f"step-{step_id}"
        self._current = step_id
        pane.scroll_home(animate=False)
        self.refresh_chrome()
        # The step the user is on is saved with the next autosave (a pause of a second and a
        # half), not at once: writing the whole plan with its backup on every switch cost
        # 20-35 ms of the app's time each, and a user walking the steps pays it on every key.
        self.coach.plan_changed()
        self._schedule_prebuild()
        target = pane.query_one(f"#{focus}") if focus else (pane.first_field() or self._next)
        # Textual would scroll the focused field to the centre with an animation (a dozen
        # frames over a fifth of a second) whenever it is not entirely on the screen; the
        # wizard does it at once, and only when the field's first lines are off the screen.
        target.focus(scroll_visible=False)
        self.call_after_refresh(self._reveal, pane, target)
        # and once more when the step has settled: lists and boxes above a deep field (the
        # draft box in step 4) can still grow after the first frame and push it off screen
        self.set_timer(self.REVEAL_AGAIN, partial(self._reveal, pane, target))

    REVEAL_LINES = 3  # the first lines of a field that must be on the screen

    REVEAL_TRIES = 5  # frames to wait for a freshly built field to be laid out
    REVEAL_AGAIN = 0.25  # seconds after showing a step, when its layout has settled

    def _reveal(self, pane: StepPane, widget: Widget, tries: int = 0) -> None:
        """Scroll the focused field into view if its first lines are off the screen.

        A tall list whose top shows is left where it is: centring it, as Textual does, would
        move the step under the user's eyes and hide its introduction.
        """
        if self.focused is not widget or widget not in pane.walk_children():
            return
        view, field = pane.scrollable_content_region, widget.region
        if not field.area and tries < self.REVEAL_TRIES:
            # not laid out yet (a step built on the key, or a long one still settling)
            self.call_after_refresh(self._reveal, pane, widget, tries + 1)
            return
        head = field.y + min(field.height, self.REVEAL_LINES)
        if not (view.y <= field.y and head <= view.bottom):
            self.scroll_to_center(widget, animate=False, origin_visible=True)

    def finish_current(self) -> None:
        """Record the step as done, or as in progress with what is still missing."""
        step_id = self.current
        pane = self.pane(step_id)
        section = self.coach.plan.section(step_id)
        missing = pane.missing()
        if missing:
            section.status = Status.IN_PROGRESS
            step = self.coach.content.steps[step_id]
            self.notify(
                f"Step {step.number} stays in progress: {missing}. You can come back any time.",
                title="Saved",
            )
        else:
            pane.on_finish()
            section.status = Status.DONE

    def on_step_pane_edited(self, event: StepPane.Edited) -> None:
        event.stop()
        self.coach.plan_changed()
        self.refresh_chrome()  # the step bar and the "to finish this step" hint follow edits

    async def action_next(self) -> None:
        self.finish_current()
        index = STEP_ORDER.index(self.current)
        if index + 1 < len(STEP_ORDER):
            await self.show_step(STEP_ORDER[index + 1])
        else:
            self.refresh_chrome()
            self.coach.save_plan()
            self.coach.show_review()

    async def action_back(self) -> None:
        index = STEP_ORDER.index(self.current)
        if index > 0:
            await self.show_step(STEP_ORDER[index - 1])

    def action_goto(self) -> None:
        content = self.coach.content
        steps = [
            (sid, f"{content.steps[sid].number}. {content.steps[sid].title}") for sid in STEP_ORDER
        ]

        async def go(step_id: str | None) -> None:
            if step_id:
                await self.show_step(step_id)

        self.app.push_screen(GotoDialog(steps, self.current), go)

    def action_review(self) -> None:
        self.coach.save_plan()
        self.coach.show_review()

    @on(Button.Pressed, "#next")
    async def _next_pressed(self) -> None:
        await self.action_next()

    @on(Button.Pressed, "#back")
    async def _back_pressed(self) -> None:
        await self.action_back()

    @on(StepBar.Selected)
    async def _step_picked(self, event: StepBar.Selected) -> None:
        if event.step_id != self.current:
            await self.show_step(event.step_id)
