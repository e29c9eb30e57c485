"""Organisation policy packs: a hospital's own rules, contacts and accounts on top of the coach.

A pack is one TOML file, or a folder holding `pack.toml`. It names itself in `[pack]`, can add
or replace policy items (`[[policy_item]]`, same id = replace), add audience entries
(`[[entry]]`) and add the sources they cite (`[[source]]`). See docs/policy-packs.md.

Everything here reports problems as `file:line: key: what is wrong; what to do`, because the
person reading them is a communications officer editing a file, not a programmer.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

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

PACK_FILENAME = "pack.toml"
TABLES = ("pack", "policy_item", "entry", "source")


class PackFile(Strict):
    """The shape of a pack file; unknown tables and keys are typos, so they are errors."""

    pack: PackInfo
    policy_item: list[PolicyItem] = Field(default_factory=list)
    entry: list[AudienceEntry] = Field(default_factory=list)
    source: list[Source] = Field(default_factory=list)


@dataclass(frozen=True)
class Pack:
    """A loaded, validated pack and the file it came from."""

    info: PackInfo
    path: Path
    policy_items: tuple[PolicyItem, ...] = ()
    entries: tuple[AudienceEntry, ...] = ()
    sources: tuple[Source, ...] = ()

    def item_ids(self) -> set[str]:
        """Ids defined by this pack, so problems about them can point into the pack file."""
        return {i.id for i in (*self.policy_items, *self.entries, *self.sources)}


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
    if problems:
        raise ContentError(problems)
    return Pack(
        info=parsed.pack,
        path=file,
        policy_items=tuple(parsed.policy_item),
        entries=tuple(parsed.entry),
        sources=tuple(parsed.source),
    )


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
    merged = content.model_copy(
        update={
            "sources": sources,
            "policy_items": _merge(content.policy_items, pack.policy_items),
            "audience": _merge(content.audience, pack.entries),
            "pack": pack.info,
        }
    )
    problems = cross_check(merged)
    if problems:
        overrides = dict.fromkeys(pack.item_ids(), pack.path)
        raise ContentError(
            [locate_problem(problem, content_dir(), overrides) for problem in problems]
        )
    return merged


def check_path(path: Path | None) -> list[str]:
    """Every problem with built-in content (None), a content folder, or a pack and its merge.

    An empty list means the content is fine. Used by `socialcoach content check [PATH]`.
    """
    folder = content_dir()
    is_folder = path is not None and path.is_dir() and not (path / PACK_FILENAME).exists()
    if is_folder and (path / "steps.toml").exists():
        folder, path = path, None  # a whole content folder, not a pack
    try:
        base = load_folder(folder)
    except ContentError as exc:
        return list(exc.problems)
    if path is None:
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
    folder = content_dir()
    is_folder = path is not None and path.is_dir() and not (path / PACK_FILENAME).exists()
    if is_folder and (path / "steps.toml").exists():
        folder, path = path, None
    content = load_folder(folder)
    overrides: dict[str, Path] = {}
    if path is not None:
        pack = load_pack(path)
        content = apply_pack(content, pack)
        overrides = dict.fromkeys(pack.item_ids(), pack.path)
    warnings = content_warnings(content, today, own_sources=overrides)
    return [locate_problem(w, folder, overrides) for w in warnings]


def content_with_pack(pack_path: Path | str | None) -> Content:
    """The built-in content, with the pack at `pack_path` applied when one is given."""
    from socialcoach.content import load_builtin

    content = load_builtin()
    if not pack_path:
        return content
    return apply_pack(content, load_pack(Path(pack_path).expanduser()))
