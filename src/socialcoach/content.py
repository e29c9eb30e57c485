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

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from socialcoach.cleantext import clean_value
from socialcoach.locations import content_dir
from socialcoach.step_ids import STEP_ORDER

STEP_IDS = STEP_ORDER  # steps.toml must describe exactly these steps

Audience = Literal["clinicians", "trainees", "public", "patients"]
EntryKind = Literal["society", "account", "community", "hashtag", "resource", "idea"]


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
    """A public page advice rests on, with the day someone last read it and what they found.

    `verified = false` means the page was not opened (or did not show the claim) on `checked`:
    the app then says "check it first". `secondary = true` says plainly that the page reports
    someone else's work (a news story about a survey) because the original could not be read.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=3)
    # http is accepted for an organisation's intranet page in a pack; content/ needs https.
    url: str = Field(pattern=r"^https?://[^\s/]+\.[^\s/]+(/\S*)?$")
    publisher: str = ""
    # Required in content/ (load_folder says so); an organisation pack may leave it out, and
    # `content check` then warns that the source is undated.
    checked: dt.date | None = None
    verified: bool = True
    secondary: bool = False
    note: str = ""

    @property
    def host(self) -> str:
        return url_host(self.url)


class Publisher(Strict):
    """A publisher and the web hosts it publishes from, so a citation's host can be checked."""

    name: str = Field(min_length=2)
    hosts: list[str] = Field(min_length=1)


class Mirror(Strict):
    """A host known to copy or scrape other sites' pages: never cite it."""

    host: str = Field(min_length=3)
    why: str = ""


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


Region = Literal["us", "uk", "eu", "au-nz", "canada"]
Stage = Literal["student", "resident", "fellow", "attending", "other"]


class PolicyItem(ChecklistItem):
    ask_who: str = ""  # who usually knows the answer
    # Where it applies and to whom; empty means everywhere and everyone.
    regions: list[Region] = Field(default_factory=list)
    stages: list[Stage] = Field(default_factory=list)


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
    checked: dt.date  # when the privacy facts and limits above were last checked
    verified: bool = True  # False: the facts come from secondary reports only

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
    """A society, account, community, hashtag, resource or content idea the user can adopt.

    An unverified entry (shown with "check it first") may cite nothing: citing a page that
    does not mention it would be worse than saying plainly that no source was found.
    """

    sources: list[str] = Field(default_factory=list)
    kind: EntryKind
    name: str
    description: str
    subspecialties: list[str] = Field(min_length=1)  # "all" = radiology as a whole
    platforms: list[str] = Field(min_length=1)
    url: str = Field(default="", pattern=r"^(https?://\S+)?$")
    verified: bool = True  # False: shown with "check it first"

    @model_validator(mode="after")
    def _verified_entries_cite(self) -> AudienceEntry:
        if self.verified and not self.sources:
            raise ValueError(
                "a verified entry must cite a source; cite one or set verified = false"
            )
        return self


class Habit(Sourced):
    text: str
    stages: list[Stage] = Field(default_factory=list)  # empty: for everyone


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
    # The identifiers and hazards the question tests (their ids): a wrong answer shows them,
    # so the rule is learnt where it was missed. Empty when no listed rule fits.
    rules: list[str] = []


class Disclaimer(Sourced):
    label: str
    text: str
    note: str = ""


class ContactRule(Sourced):
    label: str
    text: str


class ProfileItem(ChecklistItem):
    pass


class Recovery(Sourced):
    """One step to take after a post goes wrong: what happened, what to do, what not to do."""

    title: str
    explain: str
    what_to_do: str


class Rhythm(Strict):
    days: int = Field(ge=7, le=365)
    label: str


class PostingRhythm(Strict):
    """A posting pace the audience step offers; the plan stores `posts_per_week`."""

    posts_per_week: int = Field(ge=0, le=21)  # 0: listening first, the plan allows it
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
    posting_rhythms: list[PostingRhythm] = Field(min_length=1)
    identifiers: list[Identifier]
    hazards: list[Hazard]
    recovery: list[Recovery]
    quiz: list[QuizQuestion]
    disclaimers: list[Disclaimer]
    contact_rules: list[ContactRule]
    profile_items: list[ProfileItem]
    audit_rhythms: list[Rhythm]
    publishers: list[Publisher]
    mirrors: list[Mirror]
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


# Shown under the 18 identifiers in step 4 and the export: removing them is only half of Safe
# Harbor, and Safe Harbor is only one of the two routes (45 CFR 164.514(b); HHS guidance).
SAFE_HARBOR_NOTE = (
    "Removing all 18 is not enough on its own: Safe Harbor also needs no actual knowledge that "
    "what is left could identify the patient. The other route, Expert Determination, needs a "
    "qualified expert's documented finding that the risk is very small."
)

REGION_LABELS: dict[str, str] = {
    "us": "United States",
    "uk": "United Kingdom",
    "eu": "European Union",
    "au-nz": "Australia or New Zealand",
    "canada": "Canada",
}


# The coach started with US rules; a user who has not said where they practise gets those,
# and the welcome form says so.
DEFAULT_REGION = "us"


def applies(item: object, stage: str = "", region: str = "") -> bool:
    """Whether an item with `stages` / `regions` is meant for this career stage and country.

    An item that names none applies to everyone; an empty stage or region matches every item.
    """
    stages = getattr(item, "stages", None) or []
    regions = getattr(item, "regions", None) or []
    if stages and stage and stage not in stages:
        return False
    return not (regions and region and region not in regions)


def policy_items_for(content: Content, stage: str = "", region: str = "") -> list[PolicyItem]:
    """Step 1's items for this user; an unset region ("") means the default, the US."""
    region = region or DEFAULT_REGION
    return [item for item in content.policy_items if applies(item, stage, region)]


def habits_for(content: Content, stage: str = "") -> list[Habit]:
    return [habit for habit in content.habits if applies(habit, stage)]


def posting_rhythm_label(content: Content, posts_per_week: int) -> str:
    """The content's label for a pace, or a plain one for a pace the content no longer offers."""
    for rhythm in content.posting_rhythms:
        if rhythm.posts_per_week == posts_per_week:
            return rhythm.label
    return f"{posts_per_week} a week"


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
        line = toml_error_line(exc)
        place = f"{path}:{line}" if line else str(path)
        problems.append(f"{place}: not valid TOML ({exc}); fix the syntax at that line.")
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


# The one table of where content lives: Content field -> (file stem, TOML table). Loading,
# error messages and cross-checks all read it; `sources` and `steps` are keyed by id.
CONTENT_TABLES: dict[str, tuple[str, str]] = {
    "sources": ("sources", "source"),
    "steps": ("steps", "step"),
    "policy_items": ("policy", "item"),
    "goals": ("platforms", "goal"),
    "platforms": ("platforms", "platform"),
    "subspecialties": ("audience", "subspecialty"),
    "audience": ("audience", "entry"),
    "habits": ("audience", "habit"),
    "posting_rhythms": ("audience", "rhythm"),
    "identifiers": ("phi", "identifier"),
    "hazards": ("phi", "hazard"),
    "recovery": ("phi", "after_mistake"),
    "quiz": ("phi", "quiz"),
    "disclaimers": ("accounts", "disclaimer"),
    "contact_rules": ("accounts", "contact_rule"),
    "profile_items": ("profile", "item"),
    "audit_rhythms": ("profile", "rhythm"),
    "publishers": ("publishers", "publisher"),
    "mirrors": ("publishers", "mirror"),
}
KEYED_BY_ID = ("sources", "steps")
FILES: tuple[str, ...] = tuple(dict.fromkeys(stem for stem, _ in CONTENT_TABLES.values()))
FIELD_FILES: dict[str, str] = {field: f"{stem}.toml" for field, (stem, _) in CONTENT_TABLES.items()}
FIELD_TABLES: dict[str, str] = {field: table for field, (_, table) in CONTENT_TABLES.items()}

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


def id_line_pattern(item_id: str) -> re.Pattern[str]:
    """The one pattern for the line `id = "..."` that starts an item in any content TOML file."""
    return re.compile(rf"^\s*id\s*=\s*[\"']{re.escape(item_id)}[\"']")


def id_lines(path: Path, item_id: str) -> list[int]:
    """1-based lines of a file where the item with this id starts (two or more: a duplicate)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    wanted = id_line_pattern(item_id)
    return [n for n, line in enumerate(text.splitlines(), 1) if wanted.match(line)]


def toml_error_line(exc: tomllib.TOMLDecodeError) -> int | None:
    """The line a TOML syntax error is on (Python 3.14 carries it; older ones only say it)."""
    line = getattr(exc, "lineno", None)
    if line:
        return int(line)
    match = re.search(r"at line (\d+)", str(exc))
    return int(match.group(1)) if match else None


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
        wanted = id_line_pattern(item_id)
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
            elif isinstance(container, dict) and field in KEYED_BY_ID:
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
    lines = id_lines(path, item_id) if item_id and path.is_file() else []
    line = lines[0] if lines else None
    place = f"{path}:{line}" if line else str(path)
    return f"{place}: {match['rest']}"


def read_raw(folder: Path, problems: list[str]) -> dict[str, dict]:
    """Read every content file in a folder into plain dicts, keyed by file stem."""
    return {name: _read_toml(folder / f"{name}.toml", problems) for name in FILES}


def assemble(raw: dict[str, dict]) -> dict:
    """Map file contents onto the Content model's fields, as CONTENT_TABLES says."""
    data: dict = {}
    for field, (stem, table) in CONTENT_TABLES.items():
        items = raw.get(stem, {}).get(table, [])
        if field in KEYED_BY_ID and isinstance(items, list):
            items = {
                (item.get("id") if isinstance(item, dict) else None) or f"?{i}": item
                for i, item in enumerate(items)
            }
        data[field] = items
    return data


def cross_check(content: Content) -> list[str]:
    """Problems pydantic cannot see: ids referenced but not defined, duplicates, gaps."""
    problems: list[str] = []
    goal_ids = {goal.id for goal in content.goals}
    platform_ids = {platform.id for platform in content.platforms}
    sub_ids = {sub.id for sub in content.subspecialties} | {"all"}
    rule_ids = {i.id for i in content.identifiers} | {h.id for h in content.hazards}

    def sourced_items() -> Iterable[tuple[str, Sourced]]:
        for field in CONTENT_TABLES:
            value = getattr(content, field)
            items = value.values() if isinstance(value, dict) else value
            for item in items:
                if isinstance(item, Sourced):
                    yield FIELD_FILES[field], item

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
        for rule_id in question.rules:
            if rule_id not in rule_ids:
                problems.append(
                    f"phi.toml: quiz {question.id!r} tests rule {rule_id!r}, which is not an "
                    "[[identifier]] or [[hazard]] id; fix the id in its `rules`."
                )
    if not content.audit_rhythms:
        problems.append("profile.toml: no [[rhythm]] defined; add 30, 60 and 90 days.")
    paces = [rhythm.posts_per_week for rhythm in content.posting_rhythms]
    if len(set(paces)) != len(paces):
        problems.append(
            "audience.toml: two [[rhythm]] entries have the same posts_per_week; keep one."
        )
    mirrors = {mirror.host for mirror in content.mirrors}
    for source in content.sources.values():
        if is_mirror(source.host, mirrors):
            problems.append(
                f"sources.toml: source {source.id!r} cites {source.host}, a known mirror or "
                "scraper; cite the publisher's own page instead."
            )
    return problems


# --- Dates and hosts: is a citation still fresh, and does it come from its publisher? ------

STALE_AFTER = dt.timedelta(days=365)


def url_host(url: str) -> str:
    """The host of a URL, lowercased and without a leading `www.`."""
    host = url.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].lower()
    return host.removeprefix("www.")


def is_stale(checked: dt.date | None, today: dt.date | None = None) -> bool:
    """Checked more than a year ago (or never): pages change, so the user checks first."""
    return checked is None or (today or dt.date.today()) - checked > STALE_AFTER


def checked_label(
    checked: dt.date | None, verified: bool = True, today: dt.date | None = None
) -> str:
    """`checked Dec 2026`, plus `check it first` when that is over a year ago or unverified."""
    if checked is None:
        return "not dated, check it first"
    label = f"checked {checked.strftime('%b %Y')}"
    if not verified or is_stale(checked, today):
        label += ", check it first"
    return label


def source_label(source: Source, today: dt.date | None = None) -> str:
    """How a source is named to a user: publisher, secondary-report note and checked date."""
    parts = [source.publisher] if source.publisher else []
    if source.secondary:
        parts.append("secondary report")
    parts.append(checked_label(source.checked, source.verified, today))
    return ", ".join(parts)


def publisher_hosts(content: Content) -> dict[str, set[str]]:
    """Publisher name (casefolded) -> the hosts it publishes from."""
    return {pub.name.casefold(): {h.lower() for h in pub.hosts} for pub in content.publishers}


# A DOI always resolves to the publisher's own page, whoever the publisher is.
RESOLVER_HOSTS = frozenset({"doi.org", "dx.doi.org"})


def host_matches(url: str, hosts: set[str]) -> bool:
    """Is the address on one of these hosts (or a subdomain), or under a `host/path` entry?"""
    host = url_host(url)
    if host in RESOLVER_HOSTS:
        return True
    rest = url.split("://", 1)[-1]
    # Hosts are compared casefolded, so a `host/path` entry is too (short links mix case).
    where = (f"{host}/{rest.split('/', 1)[1]}" if "/" in rest else host).lower()
    for known in hosts:
        if "/" in known:
            if where.startswith(known.rstrip("/") + "/") or where == known:
                return True
        elif host == known or host.endswith(f".{known}"):
            return True
    return False


def is_mirror(host: str, mirrors: Iterable[str]) -> bool:
    return any(host == m.removeprefix("www.") or host.endswith(f".{m}") for m in mirrors)


def content_warnings(
    content: Content, today: dt.date | None = None, own_sources: Iterable[str] = ()
) -> list[str]:
    """What is usable but needs a person's attention: stale dates and unexpected hosts.

    These never stop the app; `socialcoach content check` prints them so a content author
    re-checks a page a year after it was read, and cites publishers rather than copies.
    `own_sources` are an organisation's own pages (a pack's intranet): dated, but not
    looked up in the publishers table.
    """
    today = today or dt.date.today()
    warnings = source_warnings(content.sources.values(), content, today, own_sources)
    for platform in content.platforms:
        if is_stale(platform.checked, today):
            warnings.append(
                f"platforms.toml: platform {platform.id!r} facts were last checked "
                f"{platform.checked}, over a year ago; re-check them and update `checked`."
            )
    return warnings


def source_warnings(
    sources: Iterable[Source],
    content: Content,
    today: dt.date | None = None,
    own_sources: Iterable[str] = (),
    file: str = "sources.toml",
) -> list[str]:
    """Stale dates and off-publisher hosts for these sources, checked against `content`'s
    publishers table; `file` names where they are defined (sources.toml, self_audit.toml)."""
    own = set(own_sources)
    today = today or dt.date.today()
    warnings: list[str] = []
    hosts = publisher_hosts(content)
    for source in sources:
        if source.checked is None:
            warnings.append(
                f"{file}: source {source.id!r} has no `checked` date; open it and add "
                "the date you read it."
            )
        elif is_stale(source.checked, today):
            warnings.append(
                f"{file}: source {source.id!r} was last checked {source.checked}, over a "
                "year ago; open it again and update `checked`."
            )
        known = hosts.get(source.publisher.casefold())
        if source.id in own:
            continue
        if not source.publisher:
            warnings.append(f"{file}: source {source.id!r} names no publisher; add `publisher`.")
        elif known is None:
            warnings.append(
                f"{file}: source {source.id!r} names publisher {source.publisher!r}, "
                "which publishers.toml does not list; add it with its hosts."
            )
        elif not host_matches(source.url, known):
            warnings.append(
                f"{file}: source {source.id!r} is on {source.host}, which is not a host "
                f"of its publisher {source.publisher!r}; cite the publisher's own page."
            )
    return warnings


def load_folder(folder: Path) -> Content:
    """Load, validate and cross-check a content folder; raise ContentError listing all problems."""
    problems: list[str] = []
    raw = read_raw(folder, problems)
    if problems:
        raise ContentError(problems)
    for field in KEYED_BY_ID:
        name, table = CONTENT_TABLES[field]
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
    for source in content.sources.values():
        if not source.url.startswith("https://"):
            problems.append(
                locate_problem(
                    f"sources.toml: source {source.id!r} is not on https; use the publisher's "
                    "https:// address.",
                    folder,
                )
            )
        for key, value in (("checked", source.checked), ("publisher", source.publisher)):
            if not value:
                problems.append(
                    locate_problem(
                        f"sources.toml: source {source.id!r} has no `{key}`; every built-in "
                        f"source needs one (checked = the date you read it).",
                        folder,
                    )
                )
    if problems:
        raise ContentError(problems)
    return content


@cache
def load_builtin() -> Content:
    """The content shipped with the app, loaded once per process."""
    return load_folder(content_dir())
