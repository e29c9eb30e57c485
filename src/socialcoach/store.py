"""Load, save, migrate and lock the plan file, so nothing the user typed is ever lost.

Rules: a file we could not read is never overwritten; every write is atomic and keeps the
previous good version as `plan.toml.bak`; a plan from an older schema is migrated (the old
file kept), one from a newer schema is refused.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import re
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import tomli_w
from pydantic import ValidationError

from socialcoach.fileio import atomic_write_bytes, ensure_private_dir
from socialcoach.models import SCHEMA_VERSION, Plan, now


class PlanFileError(Exception):
    """A plan file that cannot be used: which file, where, what is wrong, what to do."""

    def __init__(self, path: Path, problem: str, hint: str) -> None:
        self.path = path
        self.problem = problem
        self.hint = hint
        super().__init__(f"{path}: {problem}\n{hint}")


class PlanLockedError(Exception):
    """Another running socialcoach has this plan open."""

    def __init__(self, path: Path, pid: int) -> None:
        self.path = path
        self.pid = pid
        super().__init__(f"{path} is open in another socialcoach window (process {pid}).")


FIX_HINT = (
    "Open the file in a text editor and fix it, or start socialcoach and choose "
    "'start a new plan' (the broken file is kept beside it)."
)

# version -> function taking the raw dict of that version and returning the next version's.
Migration = Callable[[dict], dict]
MIGRATIONS: dict[int, Migration] = {}


def _key_pattern(key: str) -> re.Pattern[str]:
    """A line naming `key`: a table header holding it, or `key = ...` (quoted or not)."""
    name = re.escape(key)
    return re.compile(
        rf"""^\s*(\[+[^\]]*(?<![\w-]){name}(?![\w-])[^\]]*\]+|["']?{name}["']?\s*=)"""
    )


def _line_of(text: str, key: str) -> int | None:
    """Best-effort line number of a key or table name in the TOML text."""
    return _line_of_path(text, (key,))


def _line_of_path(text: str, loc: tuple[str | int, ...]) -> int | None:
    """Best-effort line of a nested field: each key is looked for below its parent's line,
    so `policy.items.b.state` finds the `state` under `[policy.items.b]`, not an earlier one.
    A list index n skips to the n-th repeat of the parent's `[[table]]` header."""
    lines = text.splitlines()
    found: int | None = None
    start = 0
    previous: re.Pattern[str] | None = None
    for part in loc:
        if isinstance(part, int):
            if previous is None or found is None:
                continue
            headers = [i for i in range(found, len(lines)) if lines[i].lstrip().startswith("[[")]
            matching = [i for i in headers if previous.search(lines[i])]
            if part < len(matching):
                found = start = matching[part]
            continue
        previous = _key_pattern(part)
        match = next((i for i in range(start, len(lines)) if previous.search(lines[i])), None)
        if match is None:
            break  # e.g. a missing field: point at its parent
        found = start = match
    return None if found is None else found + 1


def parse_plan(text: str, path: Path) -> tuple[Plan, int]:
    """Parse plan text; return the plan and the schema version the file was written with."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlanFileError(path, f"this is not valid TOML: {exc}.", FIX_HINT) from exc
    version = raw.get("schema_version", 1)
    if not isinstance(version, int) or version < 1:
        line = _line_of(text, "schema_version")
        where = f"line {line}: " if line else ""
        raise PlanFileError(path, f"{where}schema_version must be a whole number ≥ 1.", FIX_HINT)
    if version > SCHEMA_VERSION:
        raise PlanFileError(
            path,
            f"this plan was written by a newer socialcoach (plan format {version}; "
            f"this version reads up to {SCHEMA_VERSION}).",
            "Upgrade socialcoach (pip install --upgrade socialcoach); the file was not changed.",
        )
    original_version = version
    while version < SCHEMA_VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
        raw["schema_version"] = version
    try:
        plan = Plan.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            key = ".".join(str(part) for part in error["loc"])
            line = _line_of_path(text, tuple(error["loc"]))
            where = f"line {line}, " if line else ""
            problems.append(f"{where}{key}: {error['msg']}")
        problem = "some fields are not valid: " + "; ".join(problems)
        raise PlanFileError(path, problem, FIX_HINT) from exc
    return plan, original_version


def load_plan(path: Path, *, write_migrated: bool = True) -> Plan | None:
    """The plan at `path`, migrated to the current schema; None when there is no file yet.

    A migrated plan is written back (the old file kept as `plan.toml.v<N>.bak`) only when
    `write_migrated`: by the window that holds the plan's lock, never by a read-only window
    or a command that only reads the plan.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise PlanFileError(
            path, f"cannot be read ({exc.strerror}).", "Check the file's permissions."
        ) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        where = f"line {line}, byte {exc.start}"
        raise PlanFileError(path, f"is not UTF-8 text ({where}).", FIX_HINT) from exc
    plan, version = parse_plan(text, path)
    if version < SCHEMA_VERSION and write_migrated:
        keep = path.with_name(f"{path.name}.v{version}.bak")
        try:
            atomic_write_bytes(keep, data)
            save_plan(plan, path, touch=False)
        except OSError:
            pass  # a read-only folder: use the migrated plan, leave the old file as it is
    return plan


def dumps_plan(plan: Plan) -> str:
    return tomli_w.dumps(plan.to_toml_dict())


def save_plan(plan: Plan, path: Path, *, touch: bool = True) -> None:
    """Write atomically (0600), keeping the previous version as `<name>.bak`."""
    ensure_private_dir(path.parent)
    if touch:
        plan.updated = now()
    data = dumps_plan(plan).encode("utf-8")
    try:
        previous = path.read_bytes()
    except FileNotFoundError:
        previous = None
    if previous == data:
        return
    if previous is not None:
        atomic_write_bytes(path.with_name(path.name + ".bak"), previous)
    atomic_write_bytes(path, data)
    remove_stale_temp_files(path)


STALE_TEMP_SECONDS = 600  # a temp file this old belongs to a writer that died mid-save


def remove_stale_temp_files(path: Path, older_than: float = STALE_TEMP_SECONDS) -> None:
    """Delete temp files a killed writer left beside the plan; they are never read.

    `older_than=0` is for the lock holder, the only writer: any temp file is then stale.
    """
    limit = time.time() - older_than
    for name in (path.name, path.name + ".bak"):
        for temp in path.parent.glob(f".{glob.escape(name)}.*.tmp"):
            if temp.name.count(".") != name.count(".") + 3:
                continue  # .plan.toml.<random>.tmp, not .plan.toml.bak.<random>.tmp
            with contextlib.suppress(OSError):
                if older_than <= 0 or temp.stat().st_mtime < limit:
                    temp.unlink()


def timestamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def move_aside(path: Path, label: str) -> Path:
    """Rename the plan to `<name>.<label>-<timestamp>` so a new one can start; never delete."""
    target = path.with_name(f"{path.name}.{label}-{timestamp()}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{label}-{timestamp()}-{counter}")
        counter += 1
    os.replace(path, target)
    return target


class PlanLock:
    """A lock file holding our pid; a lock left by a process that is gone is taken over."""

    def __init__(self, plan_path: Path) -> None:
        self.path = plan_path.with_name(plan_path.name + ".lock")
        self.plan_path = plan_path
        self.held = False

    @staticmethod
    def _alive(pid: int) -> bool:
        if pid <= 0:
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def holder(self) -> int | None:
        """The pid of a live process holding the lock, other than us."""
        try:
            pid = int(self.path.read_text().strip() or 0)
        except (FileNotFoundError, ValueError):
            return None
        if pid == os.getpid() or not self._alive(pid):
            return None
        return pid

    def acquire(self) -> None:
        ensure_private_dir(self.path.parent)
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pid = self.holder()
                if pid is not None:
                    raise PlanLockedError(self.plan_path, pid) from None
                self.path.unlink(missing_ok=True)  # stale: its process is gone
                continue
            with os.fdopen(fd, "w") as handle:
                handle.write(str(os.getpid()))
            self.held = True
            remove_stale_temp_files(self.plan_path, older_than=0)
            return
        raise PlanLockedError(self.plan_path, -1)

    def release(self) -> None:
        if not self.held:
            return
        try:
            if int(self.path.read_text().strip() or 0) == os.getpid():
                self.path.unlink()
        except (FileNotFoundError, ValueError):
            pass
        self.held = False
