"""The About-you form: the user's basics, written into the plan as they are typed.

Mounted on the welcome screen once the plan is loaded (the screen itself is drawn first).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select

from socialcoach.content import REGION_LABELS
from socialcoach.models import CareerStage
from socialcoach.widgets import FormSelect, TextField, plain

if TYPE_CHECKING:
    from socialcoach.app import SocialCoachApp

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

    def on_mount(self) -> None:
        if getattr(self.screen, "first_run", False):
            self.query_one("#display-name", Input).focus()

    def compose(self) -> ComposeResult:
        basics = self.coach.plan.basics
        subs = [(plain(s.label), s.id) for s in self.coach.content.subspecialties]
        yield Label("About you (all optional, used to tailor the advice)", classes="section-title")
        with Horizontal(classes="form-row"):
            yield Label("Name", classes="field-label")
            yield TextField(
                basics.display_name, placeholder="e.g. Dr Jane Rivera", id="display-name"
            )
        with Horizontal(classes="form-row"):
            yield Label("Subspecialty", classes="field-label")
            yield FormSelect(subs, value=basics.subspecialty, allow_blank=False, id="subspecialty")
        with Horizontal(classes="form-row"):
            yield Label("Career stage", classes="field-label")
            yield FormSelect(
                [(label, stage) for stage, label in STAGE_LABELS.items()],
                value=basics.career_stage,
                allow_blank=False,
                id="career-stage",
            )
        with Horizontal(classes="form-row"):
            yield Label("Country", classes="field-label")
            yield FormSelect(
                [(label, region) for region, label in REGION_LABELS.items()],
                value=basics.region if basics.region in REGION_LABELS else Select.NULL,
                prompt="United States (the default)",
                id="region",
            )
        with Horizontal(classes="form-row"):
            yield Label("Organisation", classes="field-label")
            yield TextField(
                basics.organisation, placeholder="e.g. Example General", id="organisation"
            )
        with Horizontal(classes="form-row"):
            yield Label("Your details", classes="field-label")
            yield TextField(
                basics.own_details,
                placeholder="your emails, phones, handles, address; separate with ;"
                " (the draft checker leaves them alone)",
                id="own-details",
            )

    @on(Input.Changed, "#display-name")
    def _display_name_changed(self, event: Input.Changed) -> None:
        self.coach.plan.basics.display_name = event.value
        self.coach.plan_changed()

    @on(Input.Changed, "#organisation")
    def _organisation_changed(self, event: Input.Changed) -> None:
        self.coach.plan.basics.organisation = event.value
        self.coach.plan_changed()

    @on(Input.Changed, "#own-details")
    def _own_details_changed(self, event: Input.Changed) -> None:
        self.coach.plan.basics.own_details = event.value
        self.coach.plan_changed()

    @on(Select.Changed, "#subspecialty")
    def _subspecialty_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.coach.plan.basics.subspecialty = event.value
            self.coach.plan_changed()

    @on(Select.Changed, "#career-stage")
    def _stage(self, event: Select.Changed) -> None:
        if isinstance(event.value, CareerStage):
            self.coach.plan.basics.career_stage = event.value
            self.coach.plan_changed()

    @on(Select.Changed, "#region")
    def _region(self, event: Select.Changed) -> None:
        region = event.value if isinstance(event.value, str) else ""
        if region != self.coach.plan.basics.region:
            self.coach.plan.basics.region = region
            self.coach.plan_changed()
