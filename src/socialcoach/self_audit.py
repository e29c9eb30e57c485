"""Step 6's self-audit: searches on your own name and handles, a checklist, and its record.

The searches are data (content/self_audit.toml), validated when loaded like the rest of the
content. This module only builds addresses: the coach shows them and the user opens them in
their own browser; nothing here, or anywhere in the coach, connects to them.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import quote, quote_plus

from pydantic import Field, ValidationError, field_validator

from socialcoach.content import (
    Content,
    ContentError,
    Source,
    Sourced,
    Strict,
    describe_validation_error,
    is_mirror,
    source_warnings,
)
from socialcoach.locations import content_dir
from socialcoach.models import AuditRecord, Plan

FILENAME = "self_audit.toml"
TABLES = ("search", "check", "source")
_PLACEHOLDER = re.compile(r"\{([^}]*)\}")
KIND_LABELS = {
    "web": "Search engines",
    "image": "Image search (your photo)",
    "reviews": "Physician-rating and review sites",
    "platform": "Your platforms",
}


class AuditSearch(Sourced):
    """One search to run: where, on what (the name or a handle), as an address template."""

    kind: Literal["web", "image", "reviews", "platform"]
    on: Literal["name", "handle"]
    name: str = Field(min_length=2)
    url: str = Field(pattern=r"^https://")
    site: str = Field(default="", pattern=r"^([a-z0-9-]+\.)+[a-z]{2,}$|^$")
    platform: str = ""
    as_of: dt.date

    @field_validator("url")
    @classmethod
    def _one_placeholder(cls, value: str) -> str:
        found = _PLACEHOLDER.findall(value)
        if len(found) != 1 or found[0] not in ("query", "path"):
            raise ValueError("the address must hold exactly one {query} or {path}")
        return value


class AuditCheck(Sourced):
    title: str
    explain: str


class SelfAuditFile(Strict):
    search: list[AuditSearch] = Field(min_length=1)
    check: list[AuditCheck] = Field(min_length=1)
    source: list[Source] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class AuditContent:
    searches: tuple[AuditSearch, ...]
    checks: tuple[AuditCheck, ...]
    sources: dict[str, Source]


@dataclass(frozen=True, slots=True)
class AuditLink:
    """A search, ready to show: its group, what it searches for, and the address."""

    kind: str
    label: str
    url: str


def _line(path: Path, item_id: str) -> str:
    wanted = re.compile(rf"^\s*id\s*=\s*[\"']{re.escape(item_id)}[\"']")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return str(path)
    number = next((n for n, line in enumerate(lines, 1) if wanted.match(line)), None)
    return f"{path}:{number}" if number else str(path)


def load(content: Content, folder: Path | None = None) -> AuditContent:
    """Read and check the self-audit file against the content; ContentError lists every problem."""
    path = (folder or content_dir()) / FILENAME
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError([f"{path}: file is missing; reinstall socialcoach."]) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ContentError([f"{path}: not valid TOML ({exc}); fix the syntax."]) from None
    try:
        parsed = SelfAuditFile.model_validate(raw)
    except ValidationError as exc:
        tables = {t: t for t in TABLES}
        raise ContentError(
            describe_validation_error(
                exc, raw, str(path), files=dict.fromkeys(TABLES, path), tables=tables
            )
        ) from None
    problems: list[str] = []
    mirrors = {mirror.host for mirror in content.mirrors}
    for source in parsed.source:
        # The same rules as sources.toml: dated, https, and never a copy of the publisher.
        if source.id in content.sources:
            problems.append(
                f"{_line(path, source.id)}: source {source.id!r} is already in sources.toml; "
                "cite that one or rename this."
            )
        if not source.url.startswith("https://"):
            problems.append(
                f"{_line(path, source.id)}: source {source.id!r} is not on https; use the "
                "publisher's https:// address."
            )
        if source.checked is None:
            problems.append(
                f"{_line(path, source.id)}: source {source.id!r} has no `checked`; add the "
                "date you read it."
            )
        if is_mirror(source.host, mirrors):
            problems.append(
                f"{_line(path, source.id)}: source {source.id!r} cites {source.host}, a known "
                "mirror or scraper; cite the publisher's own page instead."
            )
    sources = {**content.sources, **{s.id: s for s in parsed.source}}
    platform_ids = {p.id for p in content.platforms}
    seen: set[str] = set()
    for item in (*parsed.search, *parsed.check):
        if item.id in seen:
            problems.append(f"{_line(path, item.id)}: id {item.id!r} is defined twice; rename one.")
        seen.add(item.id)
        for source_id in item.sources:
            if source_id not in sources:
                problems.append(
                    f"{_line(path, item.id)}: {item.id!r} cites source {source_id!r}, which is "
                    "not defined; add a [[source]] or fix the id."
                )
    for search in parsed.search:
        if search.kind == "platform" and search.platform not in platform_ids:
            problems.append(
                f"{_line(path, search.id)}: {search.id!r} names platform {search.platform!r}, "
                "which is not in platforms.toml; fix the id."
            )
        if search.kind != "platform" and search.platform:
            problems.append(
                f"{_line(path, search.id)}: {search.id!r} has a platform but kind "
                f'{search.kind!r}; use kind = "platform" or remove platform.'
            )
    if problems:
        raise ContentError(problems)
    return AuditContent(tuple(parsed.search), tuple(parsed.check), sources)


def warnings(
    audit: AuditContent, content: Content, today: dt.date | None = None, folder: Path | None = None
) -> list[str]:
    """Stale dates and off-publisher hosts of the self-audit's own sources, with their lines.

    `socialcoach content check` prints these with the rest of the content's warnings, so a
    search-syntax page a year old is re-opened like any other source.
    """
    path = (folder or content_dir()) / FILENAME
    own = [s for sid, s in audit.sources.items() if sid not in content.sources]
    found = source_warnings(own, content, today, file=FILENAME)
    located: list[str] = []
    for warning in found:
        quoted = re.search(r"source '([a-z0-9-]+)'", warning)
        rest = warning.removeprefix(f"{FILENAME}: ")
        located.append(f"{_line(path, quoted[1])}: {rest}" if quoted else warning)
    return located


_LOADED: dict[int, tuple[Content, AuditContent]] = {}


def load_builtin(content: Content) -> AuditContent:
    """The shipped self-audit, checked against this content, once per content per process."""
    kept = _LOADED.get(id(content))
    if kept is None or kept[0] is not content:
        kept = (content, load(content))
        _LOADED[id(content)] = kept
    return kept[1]


def _address(search: AuditSearch, text: str) -> str:
    """The search's address for `text`: a quoted phrase in a query, or a bare path segment."""
    if "{path}" in search.url:
        return search.url.replace("{path}", quote(text.lstrip("@"), safe=""))
    query = f'"{text}"' + (f" site:{search.site}" if search.site else "")
    return search.url.replace("{query}", quote_plus(query))


def _handles(plan: Plan, platform_id: str | None = None) -> list[str]:
    found: list[str] = []
    for account in plan.accounts.per_platform:
        if platform_id is not None and account.platform != platform_id:
            continue
        for handle in (account.professional_handle, account.personal_handle):
            handle = handle.strip()
            if handle and handle.casefold() not in (h.casefold() for h in found):
                found.append(handle)
    return found


def links(plan: Plan, content: Content, audit: AuditContent) -> list[AuditLink]:
    """Every search for this plan: the name in quotes, and each planned handle.

    Platform searches are given only for the platforms chosen in step 2; a search needing a
    name is left out while the plan has none (the welcome screen asks for it).
    """
    name = plan.basics.display_name.strip()
    chosen = plan.platforms.chosen_ids()
    found: list[AuditLink] = []
    for search in audit.searches:
        if search.kind == "platform" and search.platform not in chosen:
            continue
        if search.on == "name":
            texts = [name] if name else []
        else:
            texts = _handles(plan, search.platform if search.kind == "platform" else None)
        for text in texts:
            found.append(AuditLink(search.kind, f"{search.name}: {text}", _address(search, text)))
    return found


def complete(plan: Plan, today: dt.date | None = None) -> AuditRecord:
    """Record the self-audit done today and start the next: this moves the next audit date."""
    today = today or dt.date.today()
    audit = plan.profile.self_audit
    record = AuditRecord(date=today, checked=list(audit.checked), findings=audit.findings.strip())
    audit.history = [*audit.history, record]
    audit.checked = []
    audit.findings = ""
    plan.profile.last_audit = today
    return record


def checklist_text(audit: AuditContent) -> list[str]:
    """The checklist as lines for a calendar event or an export."""
    return [f"{check.title}: {check.explain}" for check in audit.checks]


def cited(audit: AuditContent) -> list[Source]:
    """The sources behind the checklist and the searches, first-cited order, no repeats."""
    seen: dict[str, Source] = {}
    for item in (*audit.checks, *audit.searches):
        for source_id in item.sources:
            if source_id in audit.sources and source_id not in seen:
                seen[source_id] = audit.sources[source_id]
    return list(seen.values())
