"""First screen: what this is on a first run; resume, review, export or start over after.

It is drawn before the plan and the content are loaded, so it imports neither: the text and
buttons appear at once, and the plan summary and the About-you form follow a moment later
(`plan_ready`), when the app has opened the plan.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Header, Input, Static

from socialcoach.locations import display_path
from socialcoach.step_ids import STEP_ORDER
from socialcoach.widgets import SteadyFooter, plain

if TYPE_CHECKING:
    from socialcoach.app import SocialCoachApp

# Our own text, so Textual markup is safe here (user text never goes through markup).
FIRST_RUN = """[b u]Welcome to socialcoach[/]

A coach for physicians (radiologists first) who want to use social media to teach, learn, \
find mentors, advocate for patients and build a name, without risking their job or a \
patient's privacy.

Six short steps, [b]about 30 minutes[/b] in all: your facility's rules, the right platforms for \
your goals, who to follow, the patient-information rules, personal vs professional accounts, \
and your profile. You leave with a written plan.

[b]Everything stays on this computer.[/b] Nothing is sent anywhere; your plan is saved as you \
go and you can stop at any time with Ctrl+Q.
"""


class WelcomeScreen(Screen[None]):
    """First run: intro and About you. Returning: where you are and what you can do."""

    def __init__(self, first_run: bool) -> None:
        super().__init__()
        self.first_run = first_run
        self.ready = False

    @property
    def coach(self) -> SocialCoachApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with VerticalScroll(id="welcome-body"):
            if self.first_run:
                yield Static(FIRST_RUN, id="intro")
            else:
                yield Static("Welcome back.", id="resume-summary")
        # The buttons are added with the form once the plan is open (they could do nothing
        # before), which also keeps them out of the first frame's work.
        yield Horizontal(classes="buttons", id="welcome-buttons")
        yield SteadyFooter()

    def _buttons(self) -> list[Widget]:
        if self.first_run:
            return [
                Button("Start step 1 →", id="start", variant="primary", compact=True),
                Static("Tab or Enter moves to the next field; Enter here starts.", classes="hint"),
            ]
        return [
            Button("Resume →", id="resume", variant="primary", compact=True),
            Button("Review", id="review", compact=True),
            Button("Export", id="export", compact=True),
            Button("Start over", id="start-over", variant="warning", compact=True),
        ]

    def on_mount(self) -> None:
        if self.coach.plan_open:
            self.plan_ready()

    def plan_ready(self) -> None:
        """The plan is open: add the About-you form and the summary, enable the buttons."""
        if self.ready:
            return
        self.ready = True
        from socialcoach.about_form import AboutYouForm

        form = AboutYouForm(id="about")
        self.query_one("#welcome-body").mount(form)
        buttons = self._buttons()
        self.query_one("#welcome-buttons").mount(*buttons)
        self.refresh_summary()
        if not self.first_run:
            buttons[0].focus()
        else:
            # the name field, once both the form and the buttons are in: focusing it from the
            # form's own mount lost to the Start button when the buttons came in after it
            # (seen at 120x40 in a real terminal), and a name typed there went nowhere
            self.call_after_refresh(self._focus_name, form)
        self.set_timer(self.PREPARE_AFTER, self._prepare_steps)

    def _focus_name(self, form: Widget) -> None:
        """The form focuses its name field as it mounts; if the buttons mounted after it took
        the focus, it goes back (never away from a field of the form the user moved to)."""
        if self.focused is not None and form in self.focused.ancestors:
            return
        for field in form.query("#display-name"):
            field.focus()

    # The steps need the wizard, every step's module and the Markdown renderer: about 60 ms
    # of imports, which made Start or Resume slower. They are loaded while the user reads
    # this screen, once no key or click has come for PREPARE_AFTER seconds.
    PREPARE_AFTER = 0.3

    def _prepare_steps(self) -> None:
        idle = time.monotonic() - self.coach.last_input
        if idle < self.PREPARE_AFTER:
            self.set_timer(self.PREPARE_AFTER - idle + 0.01, self._prepare_steps)
            return
        import rich.markdown  # noqa: F401

        import socialcoach.screens.wizard  # noqa: F401

    def on_screen_resume(self) -> None:
        self.refresh_summary()

    def refresh_summary(self) -> None:
        if self.first_run or not self.ready:
            return
        plan, content = self.coach.plan, self.coach.content
        step_id = plan.first_unfinished()
        lines = [f"Welcome back. {plan.done_count()} of {len(STEP_ORDER)} steps are done."]
        if step_id:
            step = content.steps[step_id]
            lines.append(f"Resume at step {step.number}: {step.title}.")
            self.query_one("#resume", Button).label = f"Resume step {step.number} →"
        else:
            lines.append("Your plan is complete. Review it, export it, or revisit any step.")
            self.query_one("#resume", Button).label = "Open the steps →"
        if plan.audit_overdue():
            lines.append(
                f"Your profile audit was due on {plan.profile.next_audit}: open step 6 "
                "to do it now."
            )
        lines.append(f"Plan file: {display_path(self.coach.plan_path)}")
        self.query_one("#resume-summary", Static).update(plain("\n".join(lines)))

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        """Enter in a field of the form moves on, as Tab does: people press Enter after
        typing, and the last Enter lands on Start, where it starts."""
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        self.coach.open_wizard("policy")

    @on(Button.Pressed, "#resume")
    def _resume(self) -> None:
        plan = self.coach.plan
        self.coach.open_wizard(plan.first_unfinished() or plan.current_step)

    @on(Button.Pressed, "#review")
    def _review(self) -> None:
        self.coach.show_review()

    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        self.coach.action_export()

    @on(Button.Pressed, "#start-over")
    def _start_over(self) -> None:
        self.coach.action_start_over()
