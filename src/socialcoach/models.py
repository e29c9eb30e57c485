"""The plan: the single source of truth for what the user has decided and what is saved.

Every field has a default so a plan can be saved at any moment, half-way through a step,
and so `tomli_w` never meets a `None`.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from socialcoach.cleantext import clean_value
from socialcoach.step_ids import STEP_ORDER

__all__ = ["SCHEMA_VERSION", "STEP_ORDER", "Plan"]  # STEP_ORDER re-exported: the plan's steps

SCHEMA_VERSION = 2  # 2: accounts.accounts is accounts.per_platform (store.MIGRATIONS)


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


def _capped(limit: int):
    """A text field cut at `limit` characters: a 20,000-character paste into a one-line field
    (an organisation, a handle) would otherwise flood every screen and export it appears in."""

    def cut(value: object) -> object:
        return value[:limit] if isinstance(value, str) else value

    return BeforeValidator(cut)


ShortText = Annotated[str, _capped(200)]  # names, organisations, handles, emails
LongText = Annotated[str, _capped(2000)]  # notes, disclaimers


class PlanModel(BaseModel):
    """Unknown keys are kept out; assignment is validated so the UI cannot store junk."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    @field_validator("*", mode="before")
    @classmethod
    def _only_encodable_text(cls, value: object) -> object:
        # No control sequence from a hand-edited plan reaches the terminal (cleantext).
        return clean_value(_encodable(value))


class Basics(PlanModel):
    display_name: ShortText = ""
    specialty: str = "radiology"
    subspecialty: str = "general"
    career_stage: CareerStage = CareerStage.ATTENDING
    organisation: ShortText = ""
    region: str = ""  # where the user practises (a content region id); "" = not said, show all
    # The user's own emails, phones, handles, practice and address, separated by ";": the
    # draft checker does not flag them as a patient's.
    own_details: LongText = ""


class StepSection(PlanModel):
    status: Status = Status.NOT_STARTED


class PolicyAnswer(PlanModel):
    state: ItemState = ItemState.TODO
    note: LongText = ""


class LeadershipTalk(PlanModel):
    """The conversation with leadership that step 1 advises, so it can be followed through.

    `talk_date` is when it happens or happened; `follow_up` the next check-in, which goes
    into the calendar and the next actions; each of `changes` (what was agreed to change,
    one per line) becomes a next action of its own.
    """

    with_whom: str = ""
    talk_date: dt.date | None = None
    agreed: str = ""
    follow_up: dt.date | None = None
    changes: list[str] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return not (
            self.with_whom.strip()
            or self.talk_date
            or self.agreed.strip()
            or self.follow_up
            or any(c.strip() for c in self.changes)
        )


class PolicySection(StepSection):
    items: dict[str, PolicyAnswer] = Field(default_factory=dict)
    contact_name: ShortText = ""
    contact_email: ShortText = ""
    leadership: LeadershipTalk = Field(default_factory=LeadershipTalk)


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
    themes: list[ShortText] = Field(default_factory=lambda: ["", "", ""])


class PhiSection(StepSection):
    acknowledged: list[str] = Field(default_factory=list)
    quiz_answers: dict[str, int] = Field(default_factory=dict)


class AccountPlan(PlanModel):
    platform: str
    split: AccountSplit = AccountSplit.SEPARATE
    professional_handle: ShortText = ""
    professional_visibility: Visibility = Visibility.PUBLIC
    personal_handle: ShortText = ""
    personal_visibility: Visibility = Visibility.PRIVATE
    disclaimer: LongText = ""
    patient_contact: str = ""  # a contact-rule id from content


class AccountsSection(StepSection):
    per_platform: list[AccountPlan] = Field(default_factory=list)  # one per chosen platform

    def for_platform(self, platform_id: str) -> AccountPlan | None:
        for account in self.per_platform:
            if account.platform == platform_id:
                return account
        return None


class AuditRecord(PlanModel):
    """One self-audit done: when, which checklist points were looked at, what was found."""

    date: dt.date
    checked: list[str] = Field(default_factory=list)
    findings: str = ""


class SelfAudit(PlanModel):
    """The self-audit under way (checklist ticks and notes) and the audits done before."""

    checked: list[str] = Field(default_factory=list)  # self-audit checklist ids looked at
    findings: str = ""
    history: list[AuditRecord] = Field(default_factory=list)


class ProfileSection(StepSection):
    checked: dict[str, list[str]] = Field(default_factory=dict)  # platform id -> item ids done
    audit_days: int = Field(default=90, ge=7, le=365)
    # Bounded so the next audit date can always be computed and written (9999-12-31 + 90
    # days does not exist).
    last_audit: dt.date | None = Field(default=None, ge=dt.date(1900, 1, 1), le=dt.date(2199, 1, 1))
    self_audit: SelfAudit = Field(default_factory=SelfAudit)

    @property
    def next_audit(self) -> dt.date | None:
        if self.last_audit is None:
            return None
        return self.last_audit + dt.timedelta(days=self.audit_days)


class PackItemRef(PlanModel):
    """A pack's policy item as the plan last saw it, to tell a reworded item from an old one."""

    title: str
    digest: str  # of title, explanation and who to ask


class PackRef(PlanModel):
    """Which organisation pack the plan follows, and what that version said.

    `first_version` is the version the plan was made with; `version` the one it follows now.
    `items` and `disclaimer` are that version's own policy items and required disclaimer, so
    a newer version can be compared with it; `defaults_applied` names the pack's defaults
    already put into the plan, so each is filled in once and a user's change is kept;
    `changes` says what changed at the last version change, until the user has read it.
    """

    id: str
    name: str
    version: str
    path: str = ""
    first_version: str = ""
    items: dict[str, PackItemRef] = Field(default_factory=dict)
    disclaimer: str = ""
    defaults_applied: list[str] = Field(default_factory=list)
    previous_version: str = ""
    changes: list[str] = Field(default_factory=list)


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
