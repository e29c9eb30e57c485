"""Load and validate the coaching content in `content/` (and organisation packs).

Content is data, not code: every piece of advice lives in TOML, is validated by the
pydantic models below when loaded, and names the public sources it comes from. The app
and the export read these models; they never parse the files themselves.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from socialcoach.cleantext import clean_value
from socialcoach.locations import content_dir

STEP_IDS: tuple[str, ...] = ("policy", "platforms", "audience", "phi", "accounts", "profile")

Audience = Literal["clinicians", "trainees", "public", "patients"]
EntryKind = Literal["society", "account", "community", "hashtag", "resource"]


class Strict(BaseModel):
    """Base for content models: unknown keys are typos, so they are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_control_characters(cls, value: object) -> object:
        # A pack is text someone else wrote: nothing in it may drive the terminal
        # (socialcoach.cleantext). `content check` reports what was there.
        return clean_value(value)


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


# Which file and which TOML table each Content field comes from, so errors can name them.
FIELD_FILES: dict[str, str] = {
    "sources": "sources.toml",
    "steps": "steps.toml",
    "policy_items": "policy.toml",
    "goals": "platforms.toml",
    "platforms": "platforms.toml",
    "subspecialties": "audience.toml",
    "audience": "audience.toml",
    "habits": "audience.toml",
    "posting_rhythms": "audience.toml",
    "identifiers": "phi.toml",
    "hazards": "phi.toml",
    "quiz": "phi.toml",
    "disclaimers": "accounts.toml",
    "contact_rules": "accounts.toml",
    "profile_items": "profile.toml",
    "audit_rhythms": "profile.toml",
}
FIELD_TABLES: dict[str, str] = {
    "sources": "source",
    "steps": "step",
    "policy_items": "item",
    "goals": "goal",
    "platforms": "platform",
    "subspecialties": "subspecialty",
    "audience": "entry",
    "habits": "habit",
    "posting_rhythms": "rhythm",
    "identifiers": "identifier",
    "hazards": "hazard",
    "quiz": "quiz",
    "disclaimers": "disclaimer",
    "contact_rules": "contact_rule",
    "profile_items": "item",
    "audit_rhythms": "rhythm",
}

# What to do about the commonest pydantic error types, in a content author's words.
_HINTS: dict[str, str] = {
    "missing": "add this key",
    "extra_forbidden": "remove this key or fix its spelling",
    "string_pattern_mismatch": "use lowercase letters, digits and hyphens (URLs start with https://)",
    "string_too_short": "write a longer value",
    "too_short": "add at least one value",
    "string_type": "put the value in quotes",
    "int_parsing": "use a whole number",
    "int_type": "use a whole number",
    "bool_type": "use true or false",
    "bool_parsing": "use true or false",
    "date_type": "use a bare date such as 2026-01-31",
    "date_parsing": "use a bare date such as 2026-01-31",
    "date_from_datetime_inexact": "use a bare date such as 2026-01-31",
    "literal_error": "use one of the allowed values",
    "list_type": "use a list in square brackets",
    "dict_type": "use a table",
    "model_type": "use a table",
    "model_attributes_type": "use a table",
    "greater_than_equal": "use a larger number",
    "less_than_equal": "use a smaller number",
    "value_error": "fix the value",
}

_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-]+)\s*\]\]?")


def line_of(
    path: Path,
    table: str,
    index: int | None = None,
    item_id: str | None = None,
    keys: Sequence[str] = (),
) -> int | None:
    """Best-effort 1-based line of a key inside the index-th `[[table]]` (or the one with this id).

    Falls back to the table's header line, then to None: a message without a line beats a wrong
    one. Only plain `key = value` lines and `[table.sub]` headers are recognised.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    blocks: list[tuple[int, int]] = []  # (first line, end line exclusive), 0-based
    current: int | None = None
    for number, line in enumerate(lines):
        match = _HEADER.match(line)
        if not match:
            continue
        name = match.group(1)
        if name == table or (current is None and name.startswith(f"{table}.") and not blocks):
            if current is not None:
                blocks.append((current, number))
            current = number
        elif name.startswith(f"{table}."):
            continue  # a sub-table such as [platform.weights] belongs to the current block
        elif current is not None:
            blocks.append((current, number))
            current = None
    if current is not None:
        blocks.append((current, len(lines)))
    block: tuple[int, int] | None = None
    if item_id is not None:
        wanted = re.compile(rf"^\s*id\s*=\s*[\"']{re.escape(item_id)}[\"']")
        block = next(
            (b for b in blocks if any(wanted.match(ln) for ln in lines[b[0] : b[1]])), None
        )
    if block is None and index is not None and 0 <= index < len(blocks):
        block = blocks[index]
    if block is None and index is None and item_id is None and blocks:
        block = blocks[0]  # a plain table such as [pack]
    if block is None:
        if not keys and len(blocks) == 1:
            return blocks[0][0] + 1
        return None
    first, end = block
    for key in reversed(keys):
        key_line = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        sub_header = re.compile(rf"^\s*\[\s*{re.escape(table)}(\.[\w-]+)*\.{re.escape(key)}\s*\]")
        for number in range(first, end):
            if key_line.match(lines[number]) or sub_header.match(lines[number]):
                return number + 1
    return first + 1


def describe_validation_error(
    exc: ValidationError,
    raw: dict,
    origin: str,
    files: Mapping[str, Path] | None = None,
    tables: Mapping[str, str] | None = None,
) -> list[str]:
    """One line per problem: `file:line: key: what is wrong; what to do`.

    `origin` is the content folder; `files` and `tables` override which file and which TOML
    table each top-level field comes from (policy packs use this).
    """
    lines = []
    for error in exc.errors():
        loc = error["loc"]
        field = str(loc[0]) if loc else ""
        if files is not None and field in files:
            path = files[field]
        elif field in FIELD_FILES:
            path = Path(origin) / FIELD_FILES[field]
        else:
            path = Path(origin)
        table = (tables or FIELD_TABLES).get(field, field)
        where = _location(raw, loc)
        if field and where.startswith(field):
            where = table + where[len(field) :]
        index: int | None = None
        item_id: str | None = None
        if len(loc) > 1:
            container = raw.get(field)
            if isinstance(loc[1], int):
                index = loc[1]
                if isinstance(container, list) and index < len(container):
                    node = container[index]
                    item_id = node.get("id") if isinstance(node, dict) else None
            elif isinstance(container, dict) and field in ("sources", "steps"):
                item_id = str(loc[1])
                index = list(container).index(item_id) if item_id in container else None
        start = 2 if len(loc) > 1 and (index is not None or item_id is not None) else 1
        keys = [str(k) for k in loc[start:] if isinstance(k, str)]
        line = line_of(path, table, index, item_id, keys) if path.is_file() else None
        place = f"{path}:{line}" if line else str(path)
        hint = _HINTS.get(error["type"], "fix the value")
        lines.append(f"{place}: {where}: {error['msg']}; {hint}.")
    return lines


_PROBLEM = re.compile(r"^(?P<file>[\w.-]+\.toml): (?P<rest>.*)$", re.DOTALL)
_QUOTED_ID = re.compile(r"'([a-z0-9][a-z0-9-]*)'")


def locate_problem(problem: str, folder: Path, overrides: Mapping[str, Path] | None = None) -> str:
    """Turn a cross-check message `policy.toml: ... 'id' ...` into `folder/policy.toml:LINE: ...`.

    `overrides` maps an item id to the file it really came from (a policy pack), so problems in
    a pack's items point into the pack, not at the built-in file.
    """
    match = _PROBLEM.match(problem)
    if not match:
        return problem
    path = folder / match["file"]
    item_id = next(iter(_QUOTED_ID.findall(match["rest"])), None)
    if item_id and overrides and item_id in overrides:
        path = overrides[item_id]
    line = None
    if item_id and path.is_file():
        wanted = re.compile(rf"^\s*id\s*=\s*[\"']{re.escape(item_id)}[\"']")
        with path.open(encoding="utf-8", errors="replace") as handle:
            line = next((n for n, text in enumerate(handle, 1) if wanted.match(text)), None)
    place = f"{path}:{line}" if line else str(path)
    return f"{place}: {match['rest']}"


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


_TOML_LINE = re.compile(r"^(?P<path>.+?\.toml): (?P<rest>.*\(at line (?P<line>\d+),.*)$", re.DOTALL)


def _with_toml_line(problem: str) -> str:
    """`path: not valid TOML (... at line 3 ...)` -> `path:3: not valid TOML ...`."""
    match = _TOML_LINE.match(problem)
    return f"{match['path']}:{match['line']}: {match['rest']}" if match else problem


def load_folder(folder: Path) -> Content:
    """Load, validate and cross-check a content folder; raise ContentError listing all problems."""
    problems: list[str] = []
    raw = read_raw(folder, problems)
    if problems:
        raise ContentError([_with_toml_line(problem) for problem in problems])
    for name, table in (("sources", "source"), ("steps", "step")):
        seen: set[str] = set()
        for item in raw[name].get(table, []):
            item_id = item.get("id") if isinstance(item, dict) else None
            if item_id in seen:
                problems.append(
                    locate_problem(
                        f"{name}.toml: {table} id {item_id!r} is defined twice; rename one.", folder
                    )
                )
            if item_id is not None:
                seen.add(item_id)
    data = assemble(raw)
    try:
        content = Content.model_validate(data)
    except ValidationError as exc:
        problems.extend(describe_validation_error(exc, data, str(folder)))
        raise ContentError(problems) from exc
    problems.extend(locate_problem(problem, folder) for problem in cross_check(content))
    if problems:
        raise ContentError(problems)
    return content


@cache
def load_builtin() -> Content:
    """The content shipped with the app, loaded once per process."""
    return load_folder(content_dir())
