"""The plan: the single source of truth for what the user has decided and what is saved.

Every field has a default so a plan can be saved at any moment, half-way through a step,
and so `tomli_w` never meets a `None`.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = 1

STEP_ORDER: tuple[str, ...] = ("policy", "platforms", "audience", "phi", "accounts", "profile")


def now() -> dt.datetime:
    """The current time in UTC, to the second (TOML keeps it exactly)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class CareerStage(StrEnum):
    STUDENT = "student"
    RESIDENT = "resident"
    FELLOW = "fellow"
    ATTENDING = "attending"
    OTHER = "other"


class ItemState(StrEnum):
    TODO = "todo"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"


class AccountSplit(StrEnum):
    ONE = "one"  # a single account used professionally
    SEPARATE = "separate"  # a professional account and a separate personal one
    PROFESSIONAL_ONLY = "professional_only"  # no personal use of this platform


class Visibility(StrEnum):
    PUBLIC = "public"
    PRIVATE = "private"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(value: object) -> object:
    """Text (also inside lists and dict keys) with lone surrogates made U+FFFD.

    Python strings can hold them (a bad paste, a file name decoded with surrogateescape)
    but UTF-8, and so the plan file, cannot: left in, every later save would fail.
    """
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_encodable(item) for item in value]
    if isinstance(value, dict):
        return {_encodable(key): _encodable(item) for key, item in value.items()}
    return value


class PlanModel(BaseModel):
    """Unknown keys are kept out; assignment is validated so the UI cannot store junk."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    @field_validator("*", mode="before")
    @classmethod
    def _only_encodable_text(cls, value: object) -> object:
        return _encodable(value)


class Basics(PlanModel):
    display_name: str = ""
    specialty: str = "radiology"
    subspecialty: str = "general"
    career_stage: CareerStage = CareerStage.ATTENDING
    organisation: str = ""
    # The user's own emails, phones, handles, practice and address, separated by ";": the
    # draft checker does not flag them as a patient's.
    own_details: str = ""


class StepSection(PlanModel):
    status: Status = Status.NOT_STARTED


class PolicyAnswer(PlanModel):
    state: ItemState = ItemState.TODO
    note: str = ""


class PolicySection(StepSection):
    items: dict[str, PolicyAnswer] = Field(default_factory=dict)
    contact_name: str = ""
    contact_email: str = ""


class PlatformChoice(PlanModel):
    platform: str
    score: int = 0
    reason: str = ""


class PlatformsSection(StepSection):
    goals: list[str] = Field(default_factory=list)
    chosen: list[PlatformChoice] = Field(default_factory=list, max_length=3)

    def chosen_ids(self) -> list[str]:
        return [choice.platform for choice in self.chosen]


class AudienceSection(StepSection):
    adopted: list[str] = Field(default_factory=list)
    posts_per_week: int = Field(default=2, ge=0, le=21)
    habits: list[str] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=lambda: ["", "", ""])


class PhiSection(StepSection):
    acknowledged: list[str] = Field(default_factory=list)
    quiz_answers: dict[str, int] = Field(default_factory=dict)


class AccountPlan(PlanModel):
    platform: str
    split: AccountSplit = AccountSplit.SEPARATE
    professional_handle: str = ""
    professional_visibility: Visibility = Visibility.PUBLIC
    personal_handle: str = ""
    personal_visibility: Visibility = Visibility.PRIVATE
    disclaimer: str = ""
    patient_contact: str = ""  # a contact-rule id from content


class AccountsSection(StepSection):
    accounts: list[AccountPlan] = Field(default_factory=list)

    def for_platform(self, platform_id: str) -> AccountPlan | None:
        for account in self.accounts:
            if account.platform == platform_id:
                return account
        return None


class ProfileSection(StepSection):
    checked: dict[str, list[str]] = Field(default_factory=dict)  # platform id -> item ids done
    audit_days: int = Field(default=90, ge=7, le=365)
    last_audit: dt.date | None = None

    @property
    def next_audit(self) -> dt.date | None:
        if self.last_audit is None:
            return None
        return self.last_audit + dt.timedelta(days=self.audit_days)


class PackRef(PlanModel):
    """Which organisation pack the plan was made with."""

    id: str
    name: str
    version: str
    path: str = ""


class Plan(PlanModel):
    schema_version: int = SCHEMA_VERSION
    created: dt.datetime = Field(default_factory=now)
    updated: dt.datetime = Field(default_factory=now)
    current_step: str = "policy"
    basics: Basics = Field(default_factory=Basics)
    pack: PackRef | None = None
    policy: PolicySection = Field(default_factory=PolicySection)
    platforms: PlatformsSection = Field(default_factory=PlatformsSection)
    audience: AudienceSection = Field(default_factory=AudienceSection)
    phi: PhiSection = Field(default_factory=PhiSection)
    accounts: AccountsSection = Field(default_factory=AccountsSection)
    profile: ProfileSection = Field(default_factory=ProfileSection)

    def section(self, step_id: str) -> StepSection:
        if step_id not in STEP_ORDER:
            raise KeyError(step_id)
        return getattr(self, step_id)

    def status(self, step_id: str) -> Status:
        return self.section(step_id).status

    def first_unfinished(self) -> str | None:
        """The step to resume at, or None when every step is done."""
        for step_id in STEP_ORDER:
            if self.status(step_id) is not Status.DONE:
                return step_id
        return None

    def done_count(self) -> int:
        return sum(self.status(step_id) is Status.DONE for step_id in STEP_ORDER)

    def audit_overdue(self, today: dt.date | None = None) -> bool:
        due = self.profile.next_audit
        return due is not None and (today or dt.date.today()) > due

    def to_toml_dict(self) -> dict:
        """What goes into the file: TOML-native dates and times, and no None values."""
        return self.model_dump(mode="python", exclude_none=True)
