"""First screen: what this is on a first run; resume, review, export or start over after."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, Select, Static

from socialcoach.locations import display_path
from socialcoach.models import CareerStage
from socialcoach.steps.base import plain
from socialcoach.widgets import MarkdownText, SteadyFooter

if TYPE_CHECKING:
    from socialcoach.app import SocialCoachApp

FIRST_RUN = """\
## Welcome to socialcoach

A coach for physicians (radiologists first) who want to use social media to teach, learn,
find mentors, advocate for patients and build a name, without risking their job or a
patient's privacy.

Six short steps, **about 30 minutes** in all: your facility's rules, the right platforms for
your goals, who to follow, the patient-information rules, personal vs professional accounts,
and your profile. You leave with a written plan.

**Everything stays on this computer.** Nothing is sent anywhere; your plan is saved as you go
and you can stop at any time with Ctrl+Q.
"""

STAGE_LABELS = {
    CareerStage.STUDENT: "Medical student",
    CareerStage.RESIDENT: "Resident",
    CareerStage.FELLOW: "Fellow",
    CareerStage.ATTENDING: "Attending / consultant",
    CareerStage.OTHER: "Other",
}


class AboutYouForm(Vertical):
    """The user's basics; written into the plan as they are typed."""

    @property
    def coach(self) -> SocialCoachApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        basics = self.coach.plan.basics
        subs = [(plain(s.label), s.id) for s in self.coach.content.subspecialties]
        yield Label("About you (all optional, used to tailor the advice)", classes="section-title")
        with Horizontal(classes="form-row"):
            yield Label("Name", classes="field-label")
            yield Input(basics.display_name, placeholder="e.g. Dr Jane Rivera", id="display-name")
        with Horizontal(classes="form-row"):
            yield Label("Subspecialty", classes="field-label")
            yield Select(subs, value=basics.subspecialty, allow_blank=False, id="subspecialty")
        with Horizontal(classes="form-row"):
            yield Label("Career stage", classes="field-label")
            yield Select(
                [(label, stage) for stage, label in STAGE_LABELS.items()],
                value=basics.career_stage,
                allow_blank=False,
                id="career-stage",
            )
        with Horizontal(classes="form-row"):
            yield Label("Organisation", classes="field-label")
            yield Input(basics.organisation, placeholder="e.g. Example General", id="organisation")

    @on(Input.Changed, "#display-name")
    def _name(self, event: Input.Changed) -> None:
        self.coach.plan.basics.display_name = event.value
        self.coach.plan_changed()

    @on(Input.Changed, "#organisation")
    def _organisation(self, event: Input.Changed) -> None:
        self.coach.plan.basics.organisation = event.value
        self.coach.plan_changed()

    @on(Select.Changed, "#subspecialty")
    def _subspecialty(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.coach.plan.basics.subspecialty = event.value
            self.coach.plan_changed()

    @on(Select.Changed, "#career-stage")
    def _stage(self, event: Select.Changed) -> None:
        if isinstance(event.value, CareerStage):
            self.coach.plan.basics.career_stage = event.value
            self.coach.plan_changed()


class WelcomeScreen(Screen[None]):
    """First run: intro and About you. Returning: where you are and what you can do."""

    def __init__(self, first_run: bool) -> None:
        super().__init__()
        self.first_run = first_run

    @property
    def coach(self) -> SocialCoachApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        if self.first_run:
            with VerticalScroll(id="welcome-body"):
                yield MarkdownText(FIRST_RUN, id="intro")
                yield AboutYouForm(id="about")
            with Horizontal(classes="buttons", id="welcome-buttons"):
                yield Button("Start step 1 →", id="start", variant="primary", compact=True)
                yield Static(
                    "Tab moves between fields; Enter on the button starts.", classes="hint"
                )
        else:
            with VerticalScroll(id="welcome-body"):
                yield Static("", id="resume-summary")
                yield AboutYouForm(id="about")
            with Horizontal(classes="buttons", id="welcome-buttons"):
                yield Button("Resume →", id="resume", variant="primary", compact=True)
                yield Button("Review plan", id="review", compact=True)
                yield Button("Export", id="export", compact=True)
                yield Button("Start over", id="start-over", variant="warning", compact=True)
        yield SteadyFooter()

    def on_mount(self) -> None:
        if self.first_run:
            self.query_one("#display-name", Input).focus()
        else:
            self.query_one("#resume", Button).focus()
        self.refresh_summary()

    def on_screen_resume(self) -> None:
        self.refresh_summary()

    def refresh_summary(self) -> None:
        if self.first_run:
            return
        plan, content = self.coach.plan, self.coach.content
        step_id = plan.first_unfinished()
        lines = [f"Welcome back. {plan.done_count()} of 6 steps are done."]
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
