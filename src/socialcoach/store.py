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
import stat
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import tomli_w
from pydantic import ValidationError

from socialcoach.fileio import atomic_write_bytes, ensure_private_dir
from socialcoach.models import SCHEMA_VERSION, Plan, now
from socialcoach.setaside import SetAside, tolerant_validate


class PlanFileError(Exception):
    """A plan file that cannot be used: which file, where, what is wrong, what to do."""

    def __init__(self, path: Path, problem: str, hint: str, *, ours: bool = True) -> None:
        self.path = path
        self.problem = problem
        self.hint = hint
        # False for what is plainly not a plan file socialcoach wrote (a folder, someone's
        # document): the app then never moves or replaces it (see `may_move_aside`).
        self.ours = ours
        super().__init__(f"{path}: {problem}\n{hint}")


class PlanLockedError(Exception):
    """Another running socialcoach has this plan open (pid 0 when it could not be told)."""

    def __init__(self, path: Path, pid: int) -> None:
        self.path = path
        self.pid = pid
        which = f" (process {pid})" if pid > 0 else ""
        super().__init__(f"{path} is open in another socialcoach window{which}.")


FIX_HINT = (
    "Open the file in a text editor and fix it, or start socialcoach and choose "
    "'start a new plan' (the broken file is kept beside it)."
)

# version -> function taking the raw dict of that version and returning the next version's.
Migration = Callable[[dict], dict]


def _accounts_per_platform(raw: dict) -> dict:
    """Schema 1 -> 2: `[[accounts.accounts]]` is `[[accounts.per_platform]]`. Whatever the
    file holds there moves unchanged (a hand-edited value is still set aside later)."""
    accounts = raw.get("accounts")
    if isinstance(accounts, dict) and "accounts" in accounts and "per_platform" not in accounts:
        accounts["per_platform"] = accounts.pop("accounts")
    return raw


MIGRATIONS: dict[int, Migration] = {1: _accounts_per_platform}

# Keys a migration renamed, new name -> old name: an error in an older file is looked for
# under the name that file uses (`line_of_path`).
OLD_KEY_NAMES = {"per_platform": "accounts"}


def _key_pattern(key: str) -> re.Pattern[str]:
    """A line naming `key`: a table header holding it, or `key = ...` (quoted or not)."""
    name = re.escape(key)
    return re.compile(
        rf"""^\s*(\[+[^\]]*(?<![\w-]){name}(?![\w-])[^\]]*\]+|["']?{name}["']?\s*=)"""
    )


def _line_of(text: str, key: str) -> int | None:
    """Best-effort line number of a key or table name in the TOML text."""
    return line_of_path(text, (key,))


def line_of_path(text: str, loc: tuple[str | int, ...]) -> int | None:
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
        match = None
        # the key, or in a file from before a rename, the name that file uses
        for name in (part, OLD_KEY_NAMES.get(part)):
            if name is None or match is not None:
                continue
            previous = _key_pattern(name)
            match = next((i for i in range(start, len(lines)) if previous.search(lines[i])), None)
        if match is None:
            break  # e.g. a missing field: point at its parent
        found = start = match
    return None if found is None else found + 1


# A real plan is a few kilobytes (the 50-account benchmark plan is 30 KB). Anything far larger
# is not a plan, and parsing and validating it would hold the app for seconds.
MAX_PLAN_BYTES = 2 * 1024 * 1024


def parse_plan(text: str, path: Path) -> tuple[Plan, int]:
    """Parse plan text; return the plan and the schema version the file was written with.

    Strict: any value the model refuses is an error. The app and `validate` use
    `parse_plan_tolerant`, which sets such values aside instead.
    """
    raw, version = _parse_raw(text, path)
    try:
        plan = Plan.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            key = ".".join(str(part) for part in error["loc"])
            line = line_of_path(text, tuple(error["loc"]))
            where = f"line {line}, " if line else ""
            problems.append(f"{where}{key}: {error['msg']}")
        problem = "some fields are not valid: " + "; ".join(problems)
        raise PlanFileError(path, problem, FIX_HINT) from exc
    return plan, version


def parse_plan_tolerant(text: str, path: Path) -> tuple[Plan, int, list[SetAside]]:
    """Like `parse_plan`, but a value the model refuses is set aside (socialcoach.setaside)
    rather than making the whole file unusable. Only a file that is not a plan at all (not
    TOML, no tables, a newer format) raises PlanFileError."""
    raw, version = _parse_raw(text, path)
    try:
        plan, set_aside = tolerant_validate(raw)
    except ValidationError as exc:
        raise PlanFileError(path, "too many fields are not valid.", FIX_HINT) from exc
    return plan, version, set_aside


def _parse_raw(text: str, path: Path) -> tuple[dict, int]:
    """The file's TOML as a dict, migrated to the current schema, and its original version."""
    if not text.strip():
        raise PlanFileError(
            path,
            "the file is empty, so it holds no plan.",
            "Restore a backup (`socialcoach restore`), or start socialcoach and choose "
            "'start a new plan' (the empty file is kept beside it).",
        )
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlanFileError(path, f"this is not valid TOML: {exc}.", FIX_HINT) from exc
    except RecursionError as exc:
        raise PlanFileError(
            path, "values are nested far deeper than any plan's.", FIX_HINT, ours=False
        ) from exc
    if not set(raw) & set(Plan.model_fields):  # looked at before a migration adds anything
        raise PlanFileError(
            path,
            "this TOML file has none of a plan's sections ([basics], [policy], ...), so it "
            "is not a socialcoach plan.",
            "Check the --plan path. socialcoach leaves this file as it is.",
            ours=False,
        )
    version = raw.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
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
    return raw, original_version


def read_plan_bytes(path: Path) -> bytes | None:
    """The plan file's bytes; None when there is no file yet. Anything that is not a
    readable regular file of a plan's size is a PlanFileError saying what it is."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise PlanFileError(
            path, f"cannot be read ({exc.strerror}).", "Check the path and its permissions."
        ) from exc
    if stat.S_ISDIR(info.st_mode):
        raise PlanFileError(
            path,
            "this is a folder, not a plan file.",
            f"Give a file name, for example --plan {path / 'plan.toml'}. "
            "socialcoach leaves the folder as it is.",
            ours=False,
        )
    if not stat.S_ISREG(info.st_mode):
        raise PlanFileError(
            path, "this is not a regular file.", "Give the path of a plan file.", ours=False
        )
    if info.st_size > MAX_PLAN_BYTES:
        raise PlanFileError(
            path,
            f"the file is {info.st_size / 1024 / 1024:.0f} MB; a plan is a few KB, so this is "
            "not one.",
            "Check the --plan path. socialcoach leaves this file as it is.",
            ours=False,
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PlanFileError(
            path, f"cannot be read ({exc.strerror}).", "Check the file's permissions."
        ) from exc


def decode_plan(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        where = f"line {line}, byte {exc.start}"
        raise PlanFileError(
            path, f"is not UTF-8 text ({where}).", FIX_HINT, ours=_looks_like_plan(data)
        ) from exc


def _looks_like_plan(data: bytes) -> bool:
    return b"schema_version" in data[:4096]


def load_plan(path: Path, *, write_migrated: bool = True) -> Plan | None:
    """The plan at `path`, migrated to the current schema; None when there is no file yet.

    Strict, for tests and tools: a value the model refuses raises PlanFileError. The app and
    the commands open plans through `socialcoach.session`, which sets such values aside.

    A migrated plan is written back (the old file kept as `plan.toml.v<N>.bak`) only when
    `write_migrated`: by the window that holds the plan's lock, never by a read-only window
    or a command that only reads the plan.
    """
    data = read_plan_bytes(path)
    if data is None:
        return None
    plan, version = parse_plan(decode_plan(data, path), path)
    if version < SCHEMA_VERSION and write_migrated:
        write_migrated_plan(path, data, version, plan.to_toml_dict())
    return plan


def write_migrated_plan(path: Path, original: bytes, version: int, data: dict) -> None:
    """Keep the old file as `plan.toml.v<N>.bak` and write the migrated plan in its place."""
    keep = path.with_name(f"{path.name}.v{version}.bak")
    try:
        atomic_write_bytes(keep, original)
        write_plan_dict(data, path)
    except OSError:
        pass  # a read-only folder: use the migrated plan, leave the old file as it is


def dumps_plan(plan: Plan) -> str:
    return tomli_w.dumps(plan.to_toml_dict())


def save_plan(plan: Plan, path: Path, *, touch: bool = True) -> None:
    """Write atomically (0600), keeping the previous version as `<name>.bak`."""
    if touch:
        plan.updated = now()
    write_plan_dict(plan.to_toml_dict(), path)


def write_plan_dict(plan_data: dict, path: Path) -> None:
    """Write a dumped plan atomically (0600), keeping the previous version as `<name>.bak`."""
    ensure_private_dir(path.parent)
    data = tomli_w.dumps(plan_data).encode("utf-8")
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


def may_move_aside(path: Path, error: PlanFileError | None = None) -> bool:
    """Whether the app may rename the file at `path` to start a new plan in its place: only
    a regular file that socialcoach wrote, or that sits in its own data folder or beside one
    of its backups. A folder, a link to one, or a document that is not a plan is left alone."""
    from socialcoach.locations import data_dir

    if error is not None and not error.ours:
        return False
    if path.is_symlink() or not path.is_file():
        return False
    with contextlib.suppress(OSError):
        if path.parent.resolve() == data_dir().resolve():
            return True
    if path.with_name(path.name + ".bak").is_file():
        return True
    try:
        with path.open("rb") as handle:
            return _looks_like_plan(handle.read(4096))
    except OSError:
        return False


def move_aside(path: Path, label: str) -> Path:
    """Rename the plan to `<name>.<label>-<timestamp>` so a new one can start; never delete."""
    target = path.with_name(f"{path.name}.{label}-{timestamp()}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{label}-{timestamp()}-{counter}")
        counter += 1
    os.replace(path, target)
    return target


OPENED_LABEL = "opened"
KEEP_OPENED = 5  # dated copies of the plan as it was when the app opened it


def keep_opened_copy(path: Path, data: bytes) -> Path | None:
    """Keep the plan as it was when the app opened it (`plan.toml.opened-<time>.bak`), unless
    the newest such copy already holds the same bytes; keep the last KEEP_OPENED of them.

    `.bak` is one save deep; this is the copy to go back to after a session of bad edits.
    """
    copies = opened_copies(path)
    if copies:
        with contextlib.suppress(OSError):
            if copies[-1].read_bytes() == data:
                return None
    stamp = timestamp()
    target = path.with_name(f"{path.name}.{OPENED_LABEL}-{stamp}.bak")
    counter = 1
    while target.exists():  # opened twice in one second: never write over a kept copy
        target = path.with_name(f"{path.name}.{OPENED_LABEL}-{stamp}-{counter}.bak")
        counter += 1
    atomic_write_bytes(target, data)
    for old in opened_copies(path)[:-KEEP_OPENED]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def opened_copies(path: Path) -> list[Path]:
    """The dated copies made at open, oldest first."""
    pattern = f"{glob.escape(path.name)}.{OPENED_LABEL}-*.bak"

    def age(p: Path) -> tuple[int, str]:
        try:
            return p.stat().st_mtime_ns, p.name
        except OSError:
            return 0, p.name

    return sorted((p for p in path.parent.glob(pattern) if p.is_file()), key=age)


def backup_files(path: Path) -> list[Path]:
    """Every file socialcoach keeps beside the plan that may hold an earlier plan: the last
    save's `.bak`, the copies made at open, the pre-migration copies, and the files moved
    aside by Start over or a broken plan; newest first."""
    name = glob.escape(path.name)
    found: set[Path] = set()
    for pattern in (f"{name}.bak", f"{name}.*.bak", f"{name}.old-*", f"{name}.broken-*"):
        found.update(p for p in path.parent.glob(pattern) if p.is_file())

    def modified(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    return sorted(found, key=modified, reverse=True)


class PlanLock:
    """One window at a time per plan: an exclusive `flock` on `plan.toml.lock`.

    The operating system holds the lock for the process and drops it when the process ends,
    however it ends, so a lock can never be left behind by a crash or a kill, and two windows
    racing for it cannot both win. The file records the holder's pid and start time only to
    name it in the "open in another window" message; it is never deleted (deleting a lock
    file another process has open would let a third one lock a new file beside it).
    """

    def __init__(self, plan_path: Path) -> None:
        self.path = plan_path.with_name(plan_path.name + ".lock")
        self.plan_path = plan_path
        self.held = False
        self._fd: int | None = None

    def holder(self) -> int | None:
        """The pid named in the lock file, if a process other than us holds the lock now."""
        if self.held:
            return None
        fd = self._open()
        try:
            if not _try_lock(fd):
                return _read_pid(fd) or 0
            _unlock(fd)
            return None
        finally:
            os.close(fd)

    def _open(self) -> int:
        ensure_private_dir(self.path.parent)
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        return os.open(self.path, flags, 0o600)

    def acquire(self) -> None:
        """Take the lock or raise PlanLockedError naming the holder; OSError if the folder
        cannot be written."""
        if self.held:
            return
        fd = self._open()
        if not _try_lock(fd):
            pid = _read_pid(fd)
            os.close(fd)
            raise PlanLockedError(self.plan_path, pid)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {_process_start(os.getpid())}\n".encode(), 0)
        self._fd = fd
        self.held = True
        remove_stale_temp_files(self.plan_path, older_than=0)

    def release(self) -> None:
        if not self.held or self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
            _unlock(self._fd)
        with contextlib.suppress(OSError):
            os.close(self._fd)
        self._fd = None
        self.held = False


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; one window is assumed
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    with contextlib.suppress(ImportError, OSError):
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def _read_pid(fd: int) -> int:
    try:
        return int(os.pread(fd, 64, 0).split()[0])
    except (OSError, ValueError, IndexError):
        return 0


def _process_start(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux), recorded beside the pid
    so a reader can tell the holder from a later process given the same pid."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text()
        return stat_line.rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return "0"
