"""Organisation policy packs: a hospital's own rules, contacts and accounts on top of the coach.

A pack is one TOML file, or a folder holding `pack.toml`. It names itself in `[pack]`, can add
or replace policy items (`[[policy_item]]`, same id = replace), add audience entries
(`[[entry]]`) and add the sources they cite (`[[source]]`). It may also pre-fill a plan:
`[defaults]` (contact, disclaimer, accounts to follow, audit rhythm) and `[[answer]]` (policy
items the organisation has settled). See docs/policy-packs.md.

`apply_to_plan` is what happens when a plan is opened with a pack: the defaults go in where
the user has not answered, and a new pack version is compared with the one the plan followed.

Everything here reports problems as `file:line: key: what is wrong; what to do`, because the
person reading them is a communications officer editing a file, not a programmer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field, ValidationError

from socialcoach.content import (
    AudienceEntry,
    Content,
    ContentError,
    PackInfo,
    PolicyItem,
    Source,
    Strict,
    content_warnings,
    cross_check,
    describe_validation_error,
    id_lines,
    load_folder,
    locate_problem,
    toml_error_line,
)
from socialcoach.locations import content_dir

if TYPE_CHECKING:
    from socialcoach.models import AccountPlan, Plan

PACK_FILENAME = "pack.toml"
# A real pack has a dozen or two policy items; a step with 2,000 took 17 s to open.
MAX_ENTRIES = {"policy_item": 100, "entry": 300, "source": 300, "answer": 100}
TABLES = ("pack", "policy_item", "entry", "source", "defaults", "answer")
ORGANISATION_MARK = "from your organisation"


class PackDefaults(Strict):
    """What a new plan starts with; every field is optional and the user can change it."""

    contact_name: str = ""
    contact_email: str = ""
    disclaimer: str = ""  # pre-filled into each new account's bio disclaimer
    follow: list[str] = Field(default_factory=list)  # audience entry ids to adopt
    audit_days: int | None = None  # one of the content's audit rhythms


class DefaultAnswer(Strict):
    """A policy item the organisation has settled, e.g. image approval is handled centrally."""

    item: str
    state: Literal["todo", "done", "not_applicable"] = "done"
    note: str = ""


class OrgPackInfo(PackInfo):
    """PackInfo plus what only a pack file carries: its defaults and its own policy items.

    It stands in `Content.pack`, so the steps see the defaults without reading the file again.
    """

    defaults: PackDefaults = PackDefaults()
    answers: tuple[DefaultAnswer, ...] = ()
    own_items: tuple[PolicyItem, ...] = ()


class PackFile(Strict):
    """The shape of a pack file; unknown tables and keys are typos, so they are errors."""

    pack: PackInfo
    policy_item: list[PolicyItem] = Field(default_factory=list)
    entry: list[AudienceEntry] = Field(default_factory=list)
    source: list[Source] = Field(default_factory=list)
    defaults: PackDefaults = PackDefaults()
    answer: list[DefaultAnswer] = Field(default_factory=list)


@dataclass(frozen=True)
class Pack:
    """A loaded, validated pack and the file it came from."""

    info: PackInfo
    path: Path
    policy_items: tuple[PolicyItem, ...] = ()
    entries: tuple[AudienceEntry, ...] = ()
    sources: tuple[Source, ...] = ()
    defaults: PackDefaults = PackDefaults()
    answers: tuple[DefaultAnswer, ...] = ()

    def item_ids(self) -> set[str]:
        """Ids defined by this pack, so problems about them can point into the pack file."""
        return (
            {i.id for i in self.policy_items}
            | {e.id for e in self.entries}
            | {s.id for s in self.sources}
        )


def pack_file(path: Path) -> Path:
    """The TOML file of a pack given as a file or as a folder holding pack.toml."""
    return path / PACK_FILENAME if path.is_dir() else path


def load_pack(path: Path) -> Pack:
    """Read and validate a pack; raise ContentError listing every problem with file and line."""
    if not path.exists():
        raise ContentError(
            [f"{path}: no such file or folder; give the path of a pack .toml file or its folder."]
        )
    file = pack_file(path)
    if not file.is_file():
        raise ContentError(
            [f"{path}: folder has no {PACK_FILENAME}; put the pack in {file} or pass the file."]
        )
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ContentError([f"{file}: not UTF-8 text; save the file as UTF-8."]) from None
    except tomllib.TOMLDecodeError as exc:
        line = toml_error_line(exc)
        place = f"{file}:{line}" if line else str(file)
        raise ContentError(
            [f"{place}: not valid TOML ({exc}); fix the syntax on that line."]
        ) from None

    problems: list[str] = []
    for table, limit in MAX_ENTRIES.items():
        entries = raw.get(table)
        if isinstance(entries, list) and len(entries) > limit:
            problems.append(
                f"{file}: [[{table}]]: {len(entries)} entries; a pack may have at most {limit} "
                "(what a person can read through in one step). Keep the ones your staff must "
                "act on, and link to the full policy instead."
            )
    if "pack" not in raw:
        problems.append(
            f"{file}:1: pack: the [pack] table is missing; add [pack] with id, name and version."
        )
    for key in raw:
        if key not in TABLES:
            lines = [
                n
                for n, text in enumerate(file.read_text(encoding="utf-8").splitlines(), 1)
                if re.match(rf"^\s*\[*\s*{re.escape(key)}\s*[\].=]", text)
            ]
            place = f"{file}:{lines[0]}" if lines else str(file)
            allowed = ", ".join(f"[{t}]" if t == "pack" else f"[[{t}]]" for t in TABLES)
            problems.append(
                f"{place}: {key}: a pack cannot contain this; use only {allowed}, "
                "or check the spelling."
            )
    if problems:
        raise ContentError(problems)
    try:
        parsed = PackFile.model_validate(raw)
    except ValidationError as exc:
        files = dict.fromkeys(TABLES, file)
        tables = {table: table for table in TABLES}
        raise ContentError(
            describe_validation_error(exc, raw, str(file), files=files, tables=tables)
        ) from None

    for table, items in (
        ("policy_item", parsed.policy_item),
        ("entry", parsed.entry),
        ("source", parsed.source),
    ):
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                lines = id_lines(file, item.id)
                place = f"{file}:{lines[1]}" if len(lines) > 1 else str(file)
                problems.append(
                    f"{place}: {table} id {item.id!r} is defined twice in this pack; "
                    "rename or remove one."
                )
            seen.add(item.id)
    seen_answers: set[str] = set()
    for answer in parsed.answer:
        if answer.item in seen_answers:
            lines = _key_lines(file, "item", answer.item)
            place = f"{file}:{lines[1]}" if len(lines) > 1 else str(file)
            problems.append(
                f"{place}: answer for item {answer.item!r} is given twice in this pack; "
                "keep one [[answer]] per item."
            )
        seen_answers.add(answer.item)
    if problems:
        raise ContentError(problems)
    return Pack(
        info=parsed.pack,
        path=file,
        policy_items=tuple(parsed.policy_item),
        entries=tuple(parsed.entry),
        sources=tuple(parsed.source),
        defaults=parsed.defaults,
        answers=tuple(parsed.answer),
    )


def _key_lines(path: Path, key: str, value: str) -> list[int]:
    """Lines holding `key = "value"`, so a problem with that value can point at it."""
    wanted = re.compile(rf"^\s*{re.escape(key)}\s*=.*[\"']{re.escape(value)}[\"']")
    text = path.read_text(encoding="utf-8", errors="replace")
    return [n for n, line in enumerate(text.splitlines(), 1) if wanted.match(line)]


def _place(path: Path, key: str, value: str | None = None) -> str:
    """`file:line` of a key (holding `value`, when given), or the file alone if not found."""
    if value is not None:
        lines = _key_lines(path, key, value)
    else:
        wanted = re.compile(rf"^\s*{re.escape(key)}\s*=")
        text = path.read_text(encoding="utf-8", errors="replace")
        lines = [n for n, line in enumerate(text.splitlines(), 1) if wanted.match(line)]
    return f"{path}:{lines[0]}" if lines else str(path)


def check_defaults(content: Content, pack: Pack) -> list[str]:
    """The pack's defaults checked against the merged content: ids, rhythms, disclaimer.

    pydantic has already checked the shapes and the states; what it cannot know is whether
    an item or an account exists, or whether a rhythm is one the coach offers.
    """
    problems: list[str] = []
    file = pack.path
    item_ids = {item.id for item in content.policy_items}
    for number, answer in enumerate(pack.answers):
        if answer.item not in item_ids:
            problems.append(
                f"{_place(file, 'item', answer.item)}: answer[{number}].item: no policy item "
                f"has the id "
                f"{answer.item!r}; use a built-in id or one from a [[policy_item]] in this pack."
            )
    entry_ids = {entry.id for entry in content.audience}
    for entry_id in pack.defaults.follow:
        if entry_id not in entry_ids:
            problems.append(
                f"{_place(file, 'follow')}: defaults.follow: no account or entry has the id "
                f"{entry_id!r}; use an [[entry]] id from this pack or a built-in one."
            )
    days = pack.defaults.audit_days
    allowed = [rhythm.days for rhythm in content.audit_rhythms]
    if days is not None and days not in allowed:
        problems.append(
            f"{_place(file, 'audit_days')}: defaults.audit_days: {days} is not an audit rhythm "
            f"the coach offers; use one of {', '.join(map(str, allowed))}."
        )
    required = pack.info.required_disclaimer.strip()
    given = pack.defaults.disclaimer.strip()
    if required and given and _squash(required) not in _squash(given):
        problems.append(
            f"{_place(file, 'disclaimer')}: defaults.disclaimer: it does not contain the "
            "required_disclaimer of [pack]; include that wording, or leave disclaimer out "
            "to pre-fill the required one."
        )
    return problems


def _squash(text: str) -> str:
    """Text compared the way a reader would: case and spacing do not count."""
    return " ".join(text.casefold().split())


def has_disclaimer(text: str, required: str) -> bool:
    """Whether a bio disclaimer carries the required wording (case and spacing aside)."""
    return not required.strip() or _squash(required) in _squash(text)


def _merge(base: list, extra: tuple) -> list:
    """Items with the same id are replaced where they stand; new ones are appended."""
    merged = list(base)
    positions = {item.id: n for n, item in enumerate(merged)}
    for item in extra:
        if item.id in positions:
            merged[positions[item.id]] = item
        else:
            positions[item.id] = len(merged)
            merged.append(item)
    return merged


def apply_pack(content: Content, pack: Pack) -> Content:
    """A new Content with the pack merged in; raise ContentError if the result does not hold up."""
    sources = dict(content.sources)
    sources.update({source.id: source for source in pack.sources})
    info = OrgPackInfo(
        **pack.info.model_dump(),
        defaults=pack.defaults,
        answers=pack.answers,
        own_items=pack.policy_items,
    )
    merged = content.model_copy(
        update={
            "sources": sources,
            "policy_items": _merge(content.policy_items, pack.policy_items),
            "audience": _merge(content.audience, pack.entries),
            "pack": info,
        }
    )
    problems = cross_check(merged)
    if problems:
        overrides = dict.fromkeys(pack.item_ids(), pack.path)
        raise ContentError(
            [locate_problem(problem, content_dir(), overrides) for problem in problems]
        )
    problems = check_defaults(merged, pack)
    if problems:
        raise ContentError(problems)
    return merged


def _content_folder_and_pack(path: Path | None) -> tuple[Path, Path | None]:
    """What `content check PATH` checks: (the content folder, the pack on top of it or None).
    PATH may be a pack file, a pack folder, a whole content folder, or nothing (built-in)."""
    if path is None:
        return content_dir(), None
    if path.is_dir() and not (path / PACK_FILENAME).exists() and (path / "steps.toml").exists():
        return path, None  # a whole content folder, not a pack
    return content_dir(), path


def check_path(path: Path | None) -> list[str]:
    """Every problem with built-in content (None), a content folder, or a pack and its merge.

    An empty list means the content is fine. Used by `socialcoach content check [PATH]`.
    """
    folder, path = _content_folder_and_pack(path)
    try:
        base = load_folder(folder)
    except ContentError as exc:
        return list(exc.problems)
    if path is None:
        from socialcoach import self_audit

        try:
            self_audit.load(base, folder)
        except ContentError as exc:
            return list(exc.problems)
        return []
    try:
        apply_pack(base, load_pack(path))
    except ContentError as exc:
        return list(exc.problems)
    return []


def check_warnings(path: Path | None, today: dt.date | None = None) -> list[str]:
    """Warnings (stale dates, unexpected hosts) for content that loads; see content_warnings.

    Called after `check_path` found no problems, so loading here does not fail.
    """
    folder, path = _content_folder_and_pack(path)
    content = load_folder(folder)
    overrides: dict[str, Path] = {}
    if path is not None:
        pack = load_pack(path)
        content = apply_pack(content, pack)
        overrides = dict.fromkeys(pack.item_ids(), pack.path)
    warnings = content_warnings(content, today, own_sources=overrides)
    located = [locate_problem(w, folder, overrides) for w in warnings]
    if path is None:
        from socialcoach import self_audit

        audit = self_audit.load(content, folder)
        located += self_audit.warnings(audit, content, today, folder)
    return located


def content_with_pack(pack_path: Path | str | None) -> Content:
    """The built-in content, with the pack at `pack_path` applied when one is given."""
    from socialcoach.content import load_builtin

    content = load_builtin()
    if not pack_path:
        return content
    return apply_pack(content, load_pack(Path(pack_path).expanduser()))


# --- A pack meets a plan: defaults filled in, a new version compared -------------------------


def org_info(content: Content) -> OrgPackInfo | None:
    """The content's pack with its defaults, or None without a pack (or one made elsewhere)."""
    pack = content.pack
    return pack if isinstance(pack, OrgPackInfo) else None


def item_digest(item: PolicyItem) -> str:
    """Changes when what the user reads changes: the title, the explanation, who to ask."""
    text = "\x1f".join((item.title, item.explain, item.ask_who))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def default_disclaimer(content: Content) -> str:
    """What a new account's bio disclaimer starts as: the pack's default, else its required one."""
    org = org_info(content)
    if org is not None and org.defaults.disclaimer.strip():
        return org.defaults.disclaimer.strip()
    return content.pack.required_disclaimer.strip() if content.pack else ""


def new_account(platform_id: str, content: Content) -> AccountPlan:
    """A platform's account plan as it starts: with the organisation's disclaimer, if any."""
    from socialcoach.models import AccountPlan

    return AccountPlan(platform=platform_id, disclaimer=default_disclaimer(content))


def default_answer(content: Content, item_id: str) -> DefaultAnswer | None:
    org = org_info(content)
    if org is None:
        return None
    return next((answer for answer in org.answers if answer.item == item_id), None)


def from_organisation(plan: Plan, content: Content, item_id: str) -> bool:
    """Whether the plan's answer to an item is still the one the organisation filled in."""
    settled = default_answer(content, item_id)
    answer = plan.policy.items.get(item_id)
    if settled is None or answer is None:
        return False
    return answer.state.value == settled.state and answer.note.strip() == settled.note.strip()


def contact_from_organisation(plan: Plan, content: Content) -> bool:
    org = org_info(content)
    if org is None or not (org.defaults.contact_name or org.defaults.contact_email):
        return False
    policy = plan.policy
    return (policy.contact_name.strip(), policy.contact_email.strip()) == (
        org.defaults.contact_name.strip(),
        org.defaults.contact_email.strip(),
    )


@dataclass
class PackChanges:
    """What changed between the pack version a plan followed and the one it is opened with."""

    name: str
    old_version: str
    new_version: str
    added: list[str] = field(default_factory=list)  # titles
    reworded: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    disclaimer: str = ""  # the new required disclaimer, when it changed
    reopened: list[str] = field(default_factory=list)  # item ids set back to "to do"
    updated_accounts: list[str] = field(default_factory=list)  # platform names
    accounts_without: list[str] = field(default_factory=list)  # platform names
    unknown_before: bool = False  # the plan kept no record of the old version's items

    def lines(self) -> list[str]:
        """Plain sentences for the user, the most important first."""
        lines = [
            f"{self.name} changed from version {self.old_version} to {self.new_version}; "
            f"your plan now follows version {self.new_version}."
        ]
        if self.unknown_before:
            lines.append(
                "Your plan did not record what the old version said, so all of your "
                "organisation's items are open again: check each one."
            )
        lines += [f"New item: {title}." for title in self.added]
        lines += [f"Reworded, check it again: {title}." for title in self.reworded]
        lines += [
            f"Removed: {title} (your old answer stays in the plan file)." for title in self.removed
        ]
        if self.disclaimer:
            lines.append(f"New required disclaimer: {self.disclaimer}")
        if self.updated_accounts:
            lines.append("The disclaimer was updated on " + ", ".join(self.updated_accounts) + ".")
        if self.accounts_without:
            lines.append(
                "Put the new disclaimer in your bio on " + ", ".join(self.accounts_without) + "."
            )
        return lines


def _snapshot(org: OrgPackInfo | None) -> dict:
    from socialcoach.models import PackItemRef

    items = org.own_items if org is not None else ()
    return {item.id: PackItemRef(title=item.title, digest=item_digest(item)) for item in items}


def _reopen(plan: Plan, item_id: str) -> bool:
    from socialcoach.models import ItemState

    answer = plan.policy.items.get(item_id)
    if answer is None or answer.state is ItemState.TODO:
        return False
    answer.state = ItemState.TODO  # the note is kept: it may still hold what was found out
    return True


def _compare(plan: Plan, content: Content, org: OrgPackInfo | None) -> PackChanges:
    """Compare the version the plan followed with the content's, reopening what changed."""
    info = content.pack
    assert info is not None and plan.pack is not None
    ref = plan.pack
    now = _snapshot(org)
    changes = PackChanges(info.name, ref.version, info.version)
    if not ref.items and now:
        changes.unknown_before = True
        changes.reworded = [item.title for item in now.values()]
        changes.reopened = [item_id for item_id in now if _reopen(plan, item_id)]
    else:
        for item_id, item in now.items():
            before = ref.items.get(item_id)
            if before is None:
                changes.added.append(item.title)
            elif before.digest != item.digest:
                changes.reworded.append(item.title)
                if _reopen(plan, item_id):
                    changes.reopened.append(item_id)
        changes.removed = [old.title for item_id, old in ref.items.items() if item_id not in now]
    new = info.required_disclaimer.strip()
    if new and _squash(new) != _squash(ref.disclaimer):
        changes.disclaimer = new
        if _reopen(plan, "required-disclaimers"):
            changes.reopened.append("required-disclaimers")
        for account in plan.accounts.per_platform:
            name = content.platform_name(account.platform)
            if ref.disclaimer.strip() and _squash(account.disclaimer) == _squash(ref.disclaimer):
                account.disclaimer = new  # it was the organisation's wording, word for word
                changes.updated_accounts.append(name)
            elif not has_disclaimer(account.disclaimer, new):
                changes.accounts_without.append(name)
    return changes


def _apply_defaults(plan: Plan, content: Content, org: OrgPackInfo) -> None:
    """Fill in each default once, and only where the user has not answered themselves."""
    from socialcoach.models import ItemState, PolicyAnswer, Status

    assert plan.pack is not None
    applied = set(plan.pack.defaults_applied)
    done: list[str] = []

    def once(key: str) -> bool:
        if key in applied:
            return False
        done.append(key)
        return True

    for settled in org.answers:
        digest = hashlib.sha256(f"{settled.state}\x1f{settled.note}".encode()).hexdigest()[:8]
        if not once(f"answer:{settled.item}:{digest}"):
            continue
        answer = plan.policy.items.get(settled.item)
        if answer is None or (answer.state is ItemState.TODO and not answer.note.strip()):
            plan.policy.items[settled.item] = PolicyAnswer(
                state=ItemState(settled.state), note=settled.note
            )
    defaults = org.defaults
    policy = plan.policy
    wants_contact = bool(defaults.contact_name or defaults.contact_email)
    if (
        wants_contact
        and once("contact")  # counted as given even when the user's own contact is kept
        and not (policy.contact_name.strip() or policy.contact_email.strip())
    ):
        policy.contact_name = defaults.contact_name
        policy.contact_email = defaults.contact_email
    for entry_id in defaults.follow:
        if once(f"follow:{entry_id}") and entry_id not in plan.audience.adopted:
            plan.audience.adopted = [*plan.audience.adopted, entry_id]
    if defaults.audit_days is not None and once("audit_days"):
        profile = plan.profile
        if profile.status is Status.NOT_STARTED and profile.last_audit is None:
            profile.audit_days = defaults.audit_days
    disclaimer = default_disclaimer(content)
    for account in plan.accounts.per_platform:
        empty = not account.disclaimer.strip()
        if disclaimer and once(f"disclaimer:{account.platform}") and empty:
            account.disclaimer = disclaimer
    if done:
        plan.pack.defaults_applied = [*plan.pack.defaults_applied, *done]


def apply_to_plan(plan: Plan, content: Content, path: str = "") -> PackChanges | None:
    """Bring a plan up to the content's pack; the changes, when its version moved on.

    Called whenever a plan is opened or started with a pack. The first time, the plan records
    the pack and gets its defaults. With the same version, only defaults not yet given are
    filled in. With another version, the items that are new, reworded or gone are compared
    with what the plan recorded, reworded items are reopened, and the plan records the
    version it now follows. The user's own answers are never overwritten.
    """
    from socialcoach.models import PackRef

    info = content.pack
    if info is None:
        return None  # a plan made with a pack and opened without one keeps its record
    org = org_info(content)
    ref = plan.pack
    changes: PackChanges | None = None
    if ref is None or ref.id != info.id:
        plan.pack = PackRef(
            id=info.id,
            name=info.name,
            version=info.version,
            path=path,
            first_version=info.version,
            items=_snapshot(org),
            disclaimer=info.required_disclaimer,
        )
    elif ref.version != info.version:
        changes = _compare(plan, content, org)
        ref.previous_version = ref.version
        ref.version = info.version
        ref.items = _snapshot(org)
        ref.disclaimer = info.required_disclaimer
        ref.changes = changes.lines()
    else:
        if not ref.items:
            ref.items = _snapshot(org)  # a plan from before versions were compared
        if not ref.disclaimer:
            ref.disclaimer = info.required_disclaimer
    assert plan.pack is not None
    plan.pack.name = info.name
    if path:
        plan.pack.path = path
    if not plan.pack.first_version:
        plan.pack.first_version = plan.pack.version
    if org is not None:
        _apply_defaults(plan, content, org)
    return changes
