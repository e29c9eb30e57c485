"""A program director's view of many plans: who finished what, and what is still open.

`socialcoach cohort report PATH...` reads plan files (TOML) and exported plans (Markdown) that
residents chose to share, from the files and folders given and nowhere else, and writes one
Markdown report and, if asked, a CSV table. It never opens a network location (a URL, a
`//host/share` or `\\\\host\\share` path), never writes to the plans, and reports each file it
cannot read by name and carries on. Plain functions: no UI, no network.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from socialcoach.content import Content, policy_items_for
from socialcoach.models import STEP_ORDER, ItemState, Plan
from socialcoach.packs import has_disclaimer

PLAN_SUFFIXES = (".toml",)
EXPORT_SUFFIXES = (".md", ".markdown")
STATUS_MARK = {"done": "✓", "in_progress": "…", "not_started": "–"}
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(//|\\\\)|^(file|smb|nfs|ftp|https?):", re.I)


@dataclass
class Member:
    """One person's plan, reduced to what the report shows."""

    path: Path
    kind: str  # "plan" or "export"
    name: str
    steps: dict[str, str]  # step id -> "done" | "in_progress" | "not_started"
    open_items: list[str] = field(default_factory=list)  # policy item ids
    without_disclaimer: list[str] = field(default_factory=list)  # platform names
    next_audit: dt.date | None = None
    pack_id: str = ""
    pack_version: str = ""

    def done(self) -> int:
        return sum(status == "done" for status in self.steps.values())


@dataclass
class Cohort:
    members: list[Member] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # not plans: (path, what)


class NotAPlan(Exception):
    """A readable file that is not a plan or an export (a README, a pack): skipped, not an error."""


def is_network_location(text: str) -> bool:
    """URLs and UNC paths: the report reads local files only."""
    return text.startswith(("//", "\\\\")) or bool(_URL.match(text))


def gather(paths: list[str], exclude: set[Path] | None = None) -> tuple[list[Path], Cohort]:
    """The files to read, in a stable order; what was refused or missing goes in the cohort.

    A folder contributes the plan and export files directly inside it (not its subfolders, so
    a folder of backups beside it is not read by surprise).
    """
    cohort = Cohort()
    files: list[Path] = []
    seen: set[Path] = set()
    exclude = exclude or set()
    for text in paths:
        if is_network_location(text):
            cohort.unreadable.append(
                (text, "a network location or URL; copy the files to this computer first")
            )
            continue
        path = Path(text).expanduser()
        try:
            if path.is_dir():
                found = sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix.lower() in PLAN_SUFFIXES + EXPORT_SUFFIXES and p.is_file()
                )
            elif path.is_file():
                found = [path]
            else:
                cohort.unreadable.append((text, "no such file or folder"))
                continue
        except OSError as exc:
            cohort.unreadable.append((text, f"cannot be read ({exc.strerror})"))
            continue
        for file in found:
            key = file.resolve()
            if key not in seen and key not in exclude:
                seen.add(key)
                files.append(file)
    return files, cohort


def _disclaimer_for(content: Content, plan_disclaimer: str) -> str:
    if content.pack is not None and content.pack.required_disclaimer.strip():
        return content.pack.required_disclaimer
    return plan_disclaimer


_PLAN_LINE = re.compile(
    r"^\s*(\[\s*)?(schema_version|created|basics|policy|platforms|profile)\b", re.MULTILINE
)


def from_plan(path: Path, text: str, content: Content) -> Member:
    """A member from a plan file's text; PlanFileError or NotAPlan when it is not one.

    The text is parsed once (TOML parsing is most of the report's time); only a file that
    fails is looked at again, to tell a policy pack or other TOML from a broken plan.
    """
    from socialcoach.store import PlanFileError, parse_plan

    if not _PLAN_LINE.search(text):
        raise NotAPlan("a TOML file that is not a socialcoach plan")
    try:
        plan, _version = parse_plan(text, path)
    except PlanFileError:
        _not_a_plan(text)
        raise
    return _member(path, plan, content)


def _not_a_plan(text: str) -> None:
    """Raise NotAPlan for a pack (or other TOML) that only looked like a plan at a glance."""
    import tomllib

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    if "id" in (raw.get("pack") or {}) and not set(raw) & {"created", "basics"}:
        raise NotAPlan("a policy pack, not a plan")


def _member(path: Path, plan: Plan, content: Content) -> Member:
    answers = plan.policy.items
    basics = plan.basics
    open_items = [
        item.id
        for item in policy_items_for(content, basics.career_stage.value, basics.region)
        if item.id not in answers or answers[item.id].state is ItemState.TODO
    ]
    required = _disclaimer_for(content, plan.pack.disclaimer if plan.pack else "")
    without = [
        content.platform_name(account.platform)
        for account in plan.accounts.per_platform
        if required.strip() and not has_disclaimer(account.disclaimer, required)
    ]
    return Member(
        path=path,
        kind="plan",
        name=plan.basics.display_name.strip() or path.stem,
        steps={step: plan.status(step).value for step in STEP_ORDER},
        open_items=open_items,
        without_disclaimer=without,
        next_audit=plan.profile.next_audit,
        pack_id=plan.pack.id if plan.pack else "",
        pack_version=plan.pack.version if plan.pack else "",
    )


# --- Exported Markdown, as export.render_markdown writes it -----------------------------------

_TITLE = re.compile(r"^# (?P<who>.*?)(’s)? social media plan$")
_STEP = re.compile(r"^## (?P<number>\d)\. ")
_STATUS = re.compile(r"^\*Status: (?P<status>not started|in progress|done)\.\*$")
_PACK = re.compile(
    r"^(Follows the policy pack (?P<name>.+?), version (?P<version>.+?)"
    r"(?: \(made with version .+?\))?\.(?: Your organisation's pack is now .*)?"
    r"|Made with the policy pack (?P<old_name>.+) (?P<old_version>\S+)\.)$"
)
_AUDIT = re.compile(r"^\*\*Next audit:\*\* (?P<date>\d{4}-\d{2}-\d{2})")
_UNESCAPE = re.compile(r"\\(.)")


def _plain(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text)


def from_export(path: Path, text: str, content: Content) -> Member:
    """A member from an exported plan; NotAPlan for Markdown that is not one."""
    from socialcoach.export import md

    lines = text.splitlines()
    title = _TITLE.match(lines[0]) if lines else None
    if title is None or "with socialcoach" not in text[:2000]:
        raise NotAPlan("Markdown that is not an exported socialcoach plan")
    who = _plain(title["who"])
    by_number = {step.number: step.id for step in content.steps.values()}
    steps = dict.fromkeys(STEP_ORDER, "not_started")
    member = Member(path, "export", who if who != "My" else path.stem, steps)
    titles = {md(item.title): item.id for item in content.policy_items}
    required = content.pack.required_disclaimer if content.pack else ""
    section = ""
    for line in lines:
        if match := _STEP.match(line):
            section = by_number.get(int(match["number"]), "")
            continue
        if line.startswith("## "):
            section = ""
            continue
        if (match := _STATUS.match(line)) and section:
            steps[section] = match["status"].replace(" ", "_")
        elif (match := _PACK.match(line)) and not member.pack_version:
            member.pack_version = _plain(match["version"] or match["old_version"] or "")
            name = _plain(match["name"] or match["old_name"] or "")
            if content.pack is not None and name == content.pack.name:
                member.pack_id = content.pack.id
        elif section == "policy" and line.startswith("- [ ] "):
            label = line[6:]
            for shown, item_id in titles.items():
                if (
                    label == shown
                    or label.startswith(shown + ":")
                    or label.startswith(shown + " (")
                ):
                    member.open_items.append(item_id)
                    break
        elif section == "accounts" and line.startswith("| ") and not line.startswith("| ---"):
            cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
            if len(cells) >= 6 and cells[0] != "Platform" and required.strip():
                disclaimer = "" if cells[4] == "none" else _plain(cells[4])
                if not has_disclaimer(disclaimer, required):
                    member.without_disclaimer.append(_plain(cells[0]))
        elif section == "profile" and (match := _AUDIT.match(line)):
            member.next_audit = dt.date.fromisoformat(match["date"])
    return member


def read(files: list[Path], content: Content, cohort: Cohort | None = None) -> Cohort:
    """Read every file; one that cannot be read is noted with why, and the rest still read."""
    from socialcoach.store import PlanFileError

    cohort = cohort or Cohort()
    for path in files:
        try:
            data = path.read_bytes()
            text = data.decode("utf-8")
            if path.suffix.lower() in EXPORT_SUFFIXES:
                member = from_export(path, text, content)
            else:
                member = from_plan(path, text, content)
        except NotAPlan as exc:
            cohort.skipped.append((str(path), str(exc)))
            continue
        except PlanFileError as exc:
            cohort.unreadable.append((str(path), exc.problem))
            continue
        except UnicodeDecodeError:
            cohort.unreadable.append((str(path), "not UTF-8 text"))
            continue
        except OSError as exc:
            cohort.unreadable.append((str(path), f"cannot be read ({exc.strerror})"))
            continue
        cohort.members.append(member)
    cohort.members.sort(key=lambda m: (m.name.casefold(), str(m.path)))
    return cohort


# --- The report ---------------------------------------------------------------------------------


def _older(member: Member, content: Content) -> str:
    """ "yes" when the member follows an older version of the current pack; "" when unknown."""
    pack = content.pack
    if pack is None or not member.pack_version:
        return ""
    if member.pack_id and member.pack_id != pack.id:
        return "other pack"
    return "yes" if member.pack_version != pack.version else "no"


def _plans(count: int) -> str:
    return f"{count} plan{'s' if count != 1 else ''}"


def _cell(text: str) -> str:
    """Text for one Markdown table cell: nothing a name holds can break the table."""
    from socialcoach.export import md

    return md(text)


def render_markdown(cohort: Cohort, content: Content, today: dt.date) -> str:
    """The report: a summary, one row per plan, the open items by count, what was not read."""
    members = cohort.members
    total = len(members)
    pack = content.pack
    title = (
        f"# Cohort report: {_cell(pack.name)}, version {_cell(pack.version)}"
        if pack
        else ("# Cohort report")
    )
    steps = [content.steps[s] for s in STEP_ORDER]
    lines = [
        title,
        "",
        f"{total} plan{'s' if total != 1 else ''} read on {today.isoformat()}"
        + (f"; {len(cohort.unreadable)} could not be read" if cohort.unreadable else "")
        + ".",
        "",
        "## Summary",
        "",
        f"- Finished all six steps: {sum(m.done() == len(STEP_ORDER) for m in members)} of {total}",
    ]
    for step in steps:
        done = sum(m.steps[step.id] == "done" for m in members)
        lines.append(f"- Step {step.number} ({_cell(step.short)}) done: {done} of {total}")
    with_open = sum(bool(m.open_items) for m in members)
    lines.append(f"- With open policy items: {with_open} of {total}")
    if pack is not None and pack.required_disclaimer.strip():
        people = sum(bool(m.without_disclaimer) for m in members)
        accounts = sum(len(m.without_disclaimer) for m in members)
        lines.append(f"- Accounts without the required disclaimer: {accounts}, in {people} plans")
    overdue = [m for m in members if m.next_audit and m.next_audit < today]
    lines.append(f"- Profile audit overdue: {len(overdue)} of {total}")
    if pack is not None:
        older = sum(_older(m, content) == "yes" for m in members)
        lines.append(f"- On an older version of the pack: {older} of {total}")
    header = [
        "Name",
        "File",
        "Done",
        *(str(s.number) for s in steps),
        "Open policy items",
        "No disclaimer on",
        "Next audit",
        "Pack version",
    ]
    lines += [
        "",
        "## Plans",
        "",
        f"Steps: {', '.join(f'{s.number} {s.short}' for s in steps)}; "
        "✓ done, … in progress, – not started.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + " --- |" * len(header),
    ]
    for m in members:
        audit = m.next_audit.isoformat() if m.next_audit else "not set"
        if m.next_audit and m.next_audit < today:
            audit += " (overdue)"
        version = m.pack_version or "none"
        if _older(m, content) == "yes":
            version += " (older)"
        cells = [
            _cell(m.name),
            _cell(m.path.name),
            f"{m.done()}/6",
            *(STATUS_MARK[m.steps[s]] for s in STEP_ORDER),
            str(len(m.open_items)),
            _cell(", ".join(m.without_disclaimer)) or "–",
            audit,
            _cell(version),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    counts = Counter(item for m in members for item in m.open_items)
    if counts:
        titles = {item.id: item.title for item in content.policy_items}
        order = {item_id: n for n, item_id in enumerate(titles)}
        lines += ["", "## Open policy items, most often open first", ""]
        for item_id, count in sorted(counts.items(), key=lambda kv: (-kv[1], order[kv[0]])):
            lines.append(f"- {_cell(titles.get(item_id, item_id))}: open in {_plans(count)}")
    if cohort.unreadable:
        lines += ["", "## Could not be read", ""]
        lines += [f"- `{path}`: {_cell(why)}" for path, why in cohort.unreadable]
    if cohort.skipped:
        lines += ["", "## Skipped (not plans)", ""]
        lines += [f"- `{path}`: {_cell(why)}" for path, why in cohort.skipped]
    return "\n".join(lines) + "\n"


CSV_COLUMNS = (
    "name",
    "file",
    "kind",
    "steps_done",
    *STEP_ORDER,
    "open_policy_items",
    "open_policy_item_ids",
    "accounts_without_disclaimer",
    "next_audit",
    "audit_overdue",
    "pack_version",
    "older_pack_version",
    "error",
)


def _safe(value: str) -> str:
    """A spreadsheet must not run a name that starts like a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def render_csv(cohort: Cohort, content: Content, today: dt.date) -> str:
    """One row per plan, then one per file that could not be read (with `error` filled)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for m in cohort.members:
        row = [
            m.name,
            str(m.path),
            m.kind,
            str(m.done()),
            *(m.steps[s] for s in STEP_ORDER),
            str(len(m.open_items)),
            "; ".join(m.open_items),
            "; ".join(m.without_disclaimer),
            m.next_audit.isoformat() if m.next_audit else "",
            "yes" if m.next_audit and m.next_audit < today else "no",
            m.pack_version,
            _older(m, content),
            "",
        ]
        writer.writerow([_safe(cell) for cell in row])
    for path, why in cohort.unreadable:
        writer.writerow([_safe(c) for c in ["", path] + [""] * (len(CSV_COLUMNS) - 3) + [why]])
    return out.getvalue()
