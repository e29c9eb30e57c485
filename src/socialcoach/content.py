"""Load and validate the coaching content in `content/` (and organisation packs).

Content is data, not code: every piece of advice lives in TOML, is validated by the
pydantic models below when loaded, and names the public sources it comes from. The app
and the export read these models; they never parse the files themselves.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from socialcoach.locations import content_dir

STEP_IDS: tuple[str, ...] = ("policy", "platforms", "audience", "phi", "accounts", "profile")

Audience = Literal["clinicians", "trainees", "public", "patients"]
EntryKind = Literal["society", "account", "community", "hashtag", "resource"]


class Strict(BaseModel):
    """Base for content models: unknown keys are typos, so they are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(Strict):
    """Anything that gives advice must say where the advice comes from."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    sources: list[str] = Field(min_length=1)


class Source(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=3)
    url: str = Field(pattern=r"^https?://")
    publisher: str = ""


class Step(Sourced):
    number: int = Field(ge=1, le=6)
    title: str
    short: str  # a few words for the step bar and menus
    why: str  # Markdown, two or three sentences
    what_to_do: str  # one line: what the user does on this step
    plan_note: str  # one line: what goes into the plan


class ChecklistItem(Sourced):
    """A thing to do or confirm, with a one-line explanation."""

    title: str
    explain: str


class PolicyItem(ChecklistItem):
    ask_who: str = ""  # who usually knows the answer


class Goal(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    label: str
    explain: str = ""


class Platform(Sourced):
    name: str
    purpose: str
    formats: list[str] = Field(min_length=1)
    audience: list[Audience] = Field(min_length=1)
    weights: dict[str, int]  # goal id -> 0..3
    reasons: dict[str, str]  # goal id -> one-line reason shown by the picker
    caveats: list[str] = Field(default_factory=list)
    can_be_private: bool
    privacy_note: str
    handle_max: int | None = None
    bio_max: int | None = None
    as_of: dt.date

    @field_validator("weights")
    @classmethod
    def _weights_in_range(cls, value: dict[str, int]) -> dict[str, int]:
        bad = {k: v for k, v in value.items() if not 0 <= v <= 3}
        if bad:
            raise ValueError(f"weights must be 0..3, got {bad}")
        return value


class Subspecialty(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    label: str


class AudienceEntry(Sourced):
    """A society, account, community, hashtag or resource the user can adopt."""

    kind: EntryKind
    name: str
    description: str
    subspecialties: list[str] = Field(min_length=1)  # "all" = radiology as a whole
    platforms: list[str] = Field(min_length=1)
    url: str = ""
    verified: bool = True  # False: shown with "check before you rely on it"


class Habit(Sourced):
    text: str


class Identifier(Sourced):
    letter: str = Field(pattern=r"^[A-R]$")
    title: str  # as HHS lists it
    explain: str
    radiology_example: str


class Hazard(Sourced):
    title: str
    explain: str
    what_to_do: str


class QuizQuestion(Sourced):
    scenario: str
    choices: list[str] = Field(min_length=2)
    answer: int = Field(ge=0)
    explanation: str


class Disclaimer(Sourced):
    label: str
    text: str
    note: str = ""


class ContactRule(Sourced):
    label: str
    text: str


class ProfileItem(ChecklistItem):
    pass


class Rhythm(Strict):
    days: int = Field(ge=7, le=365)
    label: str


class PackContact(Strict):
    office: str = ""
    name: str = ""
    email: str = ""
    phone: str = ""
    intranet: str = ""


class PackInfo(Strict):
    """Who made a policy pack and which version it is."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    version: str
    organisation: str = ""
    contact: PackContact = PackContact()
    required_disclaimer: str = ""
    approval_rules: list[str] = Field(default_factory=list)


class Content(Strict):
    """Everything the coach knows, after built-in content and any pack are merged."""

    sources: dict[str, Source]
    steps: dict[str, Step]
    policy_items: list[PolicyItem]
    goals: list[Goal]
    platforms: list[Platform]
    subspecialties: list[Subspecialty]
    audience: list[AudienceEntry]
    habits: list[Habit]
    posting_rhythms: list[Rhythm]
    identifiers: list[Identifier]
    hazards: list[Hazard]
    quiz: list[QuizQuestion]
    disclaimers: list[Disclaimer]
    contact_rules: list[ContactRule]
    profile_items: list[ProfileItem]
    audit_rhythms: list[Rhythm]
    pack: PackInfo | None = None

    def platform(self, platform_id: str) -> Platform:
        for platform in self.platforms:
            if platform.id == platform_id:
                return platform
        raise KeyError(platform_id)

    def platform_name(self, platform_id: str) -> str:
        try:
            return self.platform(platform_id).name
        except KeyError:
            return platform_id

    def subspecialty_label(self, subspecialty_id: str) -> str:
        for sub in self.subspecialties:
            if sub.id == subspecialty_id:
                return sub.label
        return subspecialty_id

    def cited(self, items: Iterable[Sourced]) -> list[Source]:
        """The sources behind these items, in first-cited order, without repeats."""
        seen: dict[str, Source] = {}
        for item in items:
            for source_id in item.sources:
                if source_id in self.sources and source_id not in seen:
                    seen[source_id] = self.sources[source_id]
        return list(seen.values())


class ContentError(Exception):
    """Content that cannot be used, with every problem found (file, key, what to do)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def _read_toml(path: Path, problems: list[str]) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        problems.append(f"{path}: file is missing; reinstall socialcoach or restore the file.")
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{path}: not valid TOML ({exc}); fix the syntax at that line.")
    return {}


def _location(raw: dict, loc: tuple) -> str:
    """Turn a pydantic error location into a readable key, naming the item's id."""
    parts: list[str] = []
    node: object = raw
    for key in loc:
        if isinstance(key, int) and isinstance(node, list) and key < len(node):
            node = node[key]
            item_id = node.get("id") if isinstance(node, dict) else None
            parts[-1] = f"{parts[-1]}[{key}]" + (f" (id {item_id!r})" if item_id else "")
            continue
        parts.append(str(key))
        node = node.get(key) if isinstance(node, dict) else None
    return ".".join(parts)


def describe_validation_error(exc: ValidationError, raw: dict, origin: str) -> list[str]:
    """One line per problem: where it is, what is wrong."""
    lines = []
    for error in exc.errors():
        where = _location(raw, error["loc"])
        lines.append(f"{origin}: {where}: {error['msg']}")
    return lines


FILES = ("sources", "steps", "policy", "platforms", "audience", "phi", "accounts", "profile")


def read_raw(folder: Path, problems: list[str]) -> dict[str, dict]:
    """Read every content file in a folder into plain dicts, keyed by file stem."""
    return {name: _read_toml(folder / f"{name}.toml", problems) for name in FILES}


def assemble(raw: dict[str, dict]) -> dict:
    """Map file contents onto the Content model's fields."""
    steps = {step.get("id", f"?{i}"): step for i, step in enumerate(raw["steps"].get("step", []))}
    sources = {
        src.get("id", f"?{i}"): src for i, src in enumerate(raw["sources"].get("source", []))
    }
    return {
        "sources": sources,
        "steps": steps,
        "policy_items": raw["policy"].get("item", []),
        "goals": raw["platforms"].get("goal", []),
        "platforms": raw["platforms"].get("platform", []),
        "subspecialties": raw["audience"].get("subspecialty", []),
        "audience": raw["audience"].get("entry", []),
        "habits": raw["audience"].get("habit", []),
        "posting_rhythms": raw["audience"].get("rhythm", []),
        "identifiers": raw["phi"].get("identifier", []),
        "hazards": raw["phi"].get("hazard", []),
        "quiz": raw["phi"].get("quiz", []),
        "disclaimers": raw["accounts"].get("disclaimer", []),
        "contact_rules": raw["accounts"].get("contact_rule", []),
        "profile_items": raw["profile"].get("item", []),
        "audit_rhythms": raw["profile"].get("rhythm", []),
    }


def cross_check(content: Content) -> list[str]:
    """Problems pydantic cannot see: ids referenced but not defined, duplicates, gaps."""
    problems: list[str] = []
    goal_ids = {goal.id for goal in content.goals}
    platform_ids = {platform.id for platform in content.platforms}
    sub_ids = {sub.id for sub in content.subspecialties} | {"all"}

    def sourced_items() -> Iterable[tuple[str, Sourced]]:
        yield from (("steps.toml", s) for s in content.steps.values())
        yield from (("policy.toml", s) for s in content.policy_items)
        yield from (("platforms.toml", s) for s in content.platforms)
        yield from (("audience.toml", s) for s in content.audience)
        yield from (("audience.toml", s) for s in content.habits)
        yield from (("phi.toml", s) for s in content.identifiers)
        yield from (("phi.toml", s) for s in content.hazards)
        yield from (("phi.toml", s) for s in content.quiz)
        yield from (("accounts.toml", s) for s in content.disclaimers)
        yield from (("accounts.toml", s) for s in content.contact_rules)
        yield from (("profile.toml", s) for s in content.profile_items)

    seen: dict[tuple[str, str], str] = {}
    for origin, item in sourced_items():
        kind = type(item).__name__
        key = (kind, item.id)
        if key in seen:
            problems.append(f"{origin}: {kind} id {item.id!r} is defined twice; rename one.")
        seen[key] = origin
        for source_id in item.sources:
            if source_id not in content.sources:
                problems.append(
                    f"{origin}: {kind} {item.id!r} cites source {source_id!r}, which is not "
                    "defined in sources.toml; add it there or fix the id."
                )
    for step_id in STEP_IDS:
        if step_id not in content.steps:
            problems.append(f"steps.toml: step {step_id!r} is missing; add a [[step]] for it.")
    for platform in content.platforms:
        for goal_id in list(platform.weights) + list(platform.reasons):
            if goal_id not in goal_ids:
                problems.append(
                    f"platforms.toml: platform {platform.id!r} refers to goal {goal_id!r}, "
                    "which is not defined; add a [[goal]] or fix the id."
                )
        for goal_id in goal_ids - set(platform.reasons):
            problems.append(
                f"platforms.toml: platform {platform.id!r} has no reason for goal {goal_id!r}; "
                "add one under [platform.reasons]."
            )
    for entry in content.audience:
        for platform_id in entry.platforms:
            if platform_id not in platform_ids:
                problems.append(
                    f"audience.toml: entry {entry.id!r} names platform {platform_id!r}, "
                    "which is not defined in platforms.toml."
                )
        for sub_id in entry.subspecialties:
            if sub_id not in sub_ids:
                problems.append(
                    f"audience.toml: entry {entry.id!r} names subspecialty {sub_id!r}, "
                    "which is not defined; add a [[subspecialty]] or fix the id."
                )
    for question in content.quiz:
        if question.answer >= len(question.choices):
            problems.append(
                f"phi.toml: quiz {question.id!r} answer {question.answer} is out of range "
                f"(it has {len(question.choices)} choices, counted from 0)."
            )
    if not content.audit_rhythms:
        problems.append("profile.toml: no [[rhythm]] defined; add 30, 60 and 90 days.")
    return problems


def load_folder(folder: Path) -> Content:
    """Load, validate and cross-check a content folder; raise ContentError listing all problems."""
    problems: list[str] = []
    raw = read_raw(folder, problems)
    if problems:
        raise ContentError(problems)
    data = assemble(raw)
    try:
        content = Content.model_validate(data)
    except ValidationError as exc:
        raise ContentError(describe_validation_error(exc, data, str(folder))) from exc
    problems = cross_check(content)
    if problems:
        raise ContentError(problems)
    return content


@cache
def load_builtin() -> Content:
    """The content shipped with the app, loaded once per process."""
    return load_folder(content_dir())
