"""The plan's life, from open to close, in one place and without a terminal.

A `PlanSession` owns the plan file for one window: it takes the lock, reads the file (a
broken one is never written over), sets aside what the coach cannot use, keeps a copy of the
plan as it was opened, saves atomically, and knows whether the plan may be written at all.
The app only turns its states and outcomes into screens and dialogs; the tests drive it
directly. The rules it keeps:

- a file socialcoach cannot read is never overwritten, moved or renamed unless it is a plan
  file socialcoach wrote (`store.may_move_aside`); a folder or someone's document never is;
- a symlinked plan is read and written through the link, so the target gets every edit;
- a plan file the user made read-only (mode 0400, another owner) is opened read-only;
- every value the app cannot use stays in the file as it was (`socialcoach.setaside`);
- an edit is on disk within AUTOSAVE_MAX_WAIT seconds, however steadily the user types.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import tomli_w

from socialcoach import store
from socialcoach.fileio import atomic_write_bytes
from socialcoach.models import SCHEMA_VERSION, STEP_ORDER, Plan, now
from socialcoach.setaside import SetAside, against_content, restore_into, summary
from socialcoach.store import (
    PlanFileError,
    PlanLock,
    PlanLockedError,
    backup_files,
    decode_plan,
    keep_opened_copy,
    may_move_aside,
    parse_plan_tolerant,
    read_plan_bytes,
    write_migrated_plan,
    write_plan_dict,
)

if TYPE_CHECKING:
    from socialcoach.content import Content

AUTOSAVE_DELAY = 1.5  # seconds without an edit before saving
AUTOSAVE_MAX_WAIT = 2.0  # seconds an edit may wait at most, while the user keeps typing


class Refused(Exception):
    """An action this window may not take, with the reason to show the user."""


class State(StrEnum):
    CLOSED = "closed"  # nothing opened yet, or closed
    OPEN = "open"  # the plan is open and this window saves it
    READ_ONLY = "read_only"  # the plan is open but is not saved here (`read_only_reason`)
    LOCKED = "locked"  # another window holds the plan: open read-only, or quit
    BROKEN = "broken"  # the file cannot be used (`broken`): restore, start anew, or quit


@dataclass(frozen=True)
class Backup:
    """An earlier plan kept beside the plan file, as offered by restore."""

    path: Path
    modified: dt.datetime
    done: int  # steps done in it
    problem: str = ""  # why it cannot be restored, if it cannot

    @property
    def usable(self) -> bool:
        return not self.problem

    def describe(self) -> str:
        when = self.modified.strftime("%Y-%m-%d %H:%M")
        if self.problem:
            return f"{self.path.name} ({when}): cannot be used: {self.problem}"
        return f"{self.path.name} ({when}, {self.done} of {len(STEP_ORDER)} steps done)"


def resolve_plan_path(path: Path) -> Path:
    """Where reads and writes go: through symlinks to the real file, so a linked plan is
    edited in place (writing at the link would replace the link with a copy)."""
    try:
        return Path(os.path.realpath(path))
    except (OSError, RuntimeError):
        return path


class PlanSession:
    """One window's hold on one plan file. See the module docstring for the rules."""

    def __init__(self, path: Path) -> None:
        self.path = path  # as the user named it, for messages
        self.real = resolve_plan_path(path)
        self.lock = PlanLock(self.real)
        self.state = State.CLOSED
        self.plan: Plan | None = None
        self.first_run = False  # no plan file existed when it was opened
        self.read_only_reason = ""
        self.locked_by: int | None = None
        self.broken: PlanFileError | None = None
        self.set_aside: list[SetAside] = []
        self.save_error: OSError | None = None  # the last save's failure, until one works
        self.lock_error: OSError | None = None  # why the lock could not be taken (a folder
        # that cannot be written); the plan still opens, and saves will say why they fail
        self.unsaved = False
        self._first_unsaved: float | None = None
        self._last_edit: float | None = None
        self._saved_data: dict | None = None  # the plan as last read or written, sans `updated`

    # ----------------------------------------------------------------- opening
    def open(self, content: Content) -> State:
        """Take the lock and read the plan. Returns the new state; LOCKED and BROKEN wait
        for the user (`open_read_only`, `restore`, `start_new`, or quit)."""
        self.broken = None
        try:
            self.lock.acquire()
        except PlanLockedError as exc:
            self.locked_by = exc.pid
            self.state = State.LOCKED
            return self.state
        except OSError as exc:
            self.lock_error = exc
        return self._read(content, writable=True)

    def open_read_only(self, content: Content, reason: str) -> State:
        """Open without the lock (another window saves it): edits are never saved here."""
        self.read_only_reason = reason
        return self._read(content, writable=False)

    def _read(self, content: Content, *, writable: bool) -> State:
        set_aside: list[SetAside]
        try:
            data = read_plan_bytes(self.real)
            if data is None:
                plan, version, set_aside = Plan(), SCHEMA_VERSION, []
            else:
                plan, version, set_aside = parse_plan_tolerant(
                    decode_plan(data, self.path), self.path
                )
        except PlanFileError as exc:
            self.broken = exc
            self.state = State.BROKEN
            return self.state
        set_aside += against_content(plan, content)
        self.plan, self.set_aside, self.first_run = plan, set_aside, data is None
        self._saved_data = _without_updated(self._file_data())
        self.unsaved = False
        if writable:
            reason = _why_not_writable(self.real)
            if reason:
                self.read_only_reason = reason
                writable = False
        self.state = State.OPEN if writable else State.READ_ONLY
        if writable and data is not None:
            with contextlib.suppress(OSError):
                keep_opened_copy(self.real, data)
            if version < SCHEMA_VERSION:
                write_migrated_plan(self.real, data, version, self._file_data())
        return self.state

    @property
    def is_open(self) -> bool:
        return self.state in (State.OPEN, State.READ_ONLY)

    @property
    def writable(self) -> bool:
        return self.state is State.OPEN

    @property
    def read_only(self) -> bool:
        return self.state is State.READ_ONLY

    def set_aside_summary(self) -> str:
        return summary(self.set_aside)

    # ----------------------------------------------------------------- editing and saving
    def edited(self, at: float) -> None:
        """The user changed the plan at monotonic time `at`."""
        self.unsaved = True
        self._last_edit = at
        if self._first_unsaved is None:
            self._first_unsaved = at

    def save_due_in(self, at: float) -> float | None:
        """Seconds from `at` until the autosave should run; None when nothing waits. A pause
        of AUTOSAVE_DELAY saves, and steady typing still saves every AUTOSAVE_MAX_WAIT."""
        if not self.unsaved or self._last_edit is None or self._first_unsaved is None:
            return None
        due = min(self._last_edit + AUTOSAVE_DELAY, self._first_unsaved + AUTOSAVE_MAX_WAIT)
        return max(0.0, due - at)

    def _file_data(self) -> dict:
        """What goes into the file: the plan, with every set-aside value back in place."""
        assert self.plan is not None
        return restore_into(self.plan.to_toml_dict(), self.set_aside)

    def save(self) -> bool:
        """Write the plan if this window may and it changed; False if it could not be written
        (`save_error` says why) or may not be (read-only, broken, not open)."""
        if self.state is not State.OPEN or self.plan is None:
            return False
        data = self._file_data()
        if _without_updated(data) == self._saved_data and self.real.exists():
            self._mark_saved()
            return True
        self.plan.updated = now()
        data["updated"] = self.plan.updated
        try:
            write_plan_dict(data, self.real)
        except OSError as exc:
            self.save_error = exc
            return False
        self._saved_data = _without_updated(data)
        self._mark_saved()
        return True

    def _mark_saved(self) -> None:
        self.unsaved = False
        self.save_error = None
        self._first_unsaved = self._last_edit = None

    def save_copy(self, target: Path) -> None:
        """Write the plan to `target` (a file the user chose), for a read-only window or after
        a failed save. Raises OSError; refuses to write over the plan file itself."""
        if self.plan is None:
            raise OSError(0, "there is no plan to save")
        if resolve_plan_path(target) == self.real:
            raise OSError(0, "that is the plan file itself; choose another name")
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write_bytes(target, tomli_w.dumps(self._file_data()).encode("utf-8"))

    def discard(self) -> None:
        """The user chose to quit without saving: close will not save."""
        self._mark_saved()
        if self.state is State.OPEN:
            self.state = State.READ_ONLY
            self.read_only_reason = "you chose to quit without saving"

    def close(self) -> bool:
        """Save any change (if this window may) and let go of the lock. Idempotent: the
        app calls it on quit, and the command line again after the app has ended however it
        ended. Returns False when unsaved edits could not be written."""
        saved = True
        if self.state is State.OPEN:
            saved = self.save()  # writes nothing when the plan is as it was read
        self.lock.release()
        self.state = State.CLOSED
        return saved

    # ----------------------------------------------------------------- starting again
    def can_start_new(self) -> bool:
        """Whether a broken or old plan file may be moved aside for a new plan."""
        if not self.real.exists():
            return True
        return may_move_aside(self.real, self.broken)

    def start_new(self, content: Content, label: str) -> Path | None:
        """Move the plan file aside (`plan.toml.<label>-<time>`) and open a new, empty plan.
        Returns where the old file went (None if there was none). Raises OSError, or
        Refused when the file is not one socialcoach may move."""
        if self.state is State.READ_ONLY or self.state is State.LOCKED:
            raise Refused("another window holds this plan; use that window")
        kept = self._move_current_aside(label)
        self._read(content, writable=True)
        self.unsaved = True  # a new plan is saved at the next save, so resume finds it
        return kept

    def _move_current_aside(self, label: str) -> Path | None:
        """Keep the plan file as `plan.toml.<label>-<time>` (saved first if open here) so
        another can take its place; None when there is none. Refused if socialcoach did not
        write it."""
        if not self.real.exists():
            return None
        if not self.can_start_new():
            raise Refused(_NOT_OURS.format(path=self.path))
        if self.state is State.OPEN:
            self.save()
        return store.move_aside(self.real, label)

    def backups(self) -> list[Backup]:
        """Earlier plans beside the plan file, newest first, each checked."""
        found = []
        for path in backup_files(self.real):
            try:
                modified = dt.datetime.fromtimestamp(path.stat().st_mtime)
                data = read_plan_bytes(path)
                assert data is not None
                plan, _version, _ = parse_plan_tolerant(decode_plan(data, path), path)
            except PlanFileError as exc:
                found.append(Backup(path, modified, 0, exc.problem))
                continue
            except (OSError, AssertionError):
                continue
            found.append(Backup(path, modified, plan.done_count()))
        return found

    def restore(self, backup: Path, content: Content) -> Path | None:
        """Put an earlier plan back in place of the plan file and open it. The current file
        is kept (`plan.toml.before-restore-<time>`) when socialcoach may move it; else Refused.
        Needs the lock (not from a read-only window). Raises OSError or PlanFileError."""
        if self.state in (State.READ_ONLY, State.LOCKED):
            raise Refused("another window holds this plan; use that window")
        data = read_plan_bytes(backup)
        if data is None:
            raise Refused(f"{backup} does not exist")
        parse_plan_tolerant(decode_plan(data, backup), backup)  # refuse a broken backup
        kept = self._move_current_aside("before-restore")
        atomic_write_bytes(self.real, data)
        self._read(content, writable=True)
        return kept


_NOT_OURS = "{path} is not a plan file socialcoach wrote, so it is left alone"


def _without_updated(data: dict) -> dict:
    return {key: value for key, value in data.items() if key != "updated"}


def _why_not_writable(path: Path) -> str:
    """Why the app should not write this existing plan file: the user made it read-only, or
    it belongs to someone else (replacing it would change its owner). '' if it may."""
    try:
        info = path.stat()
    except OSError:
        return ""  # no file yet: the folder decides, and a failed save will say so
    if not info.st_mode & stat.S_IWUSR:
        return (
            f"the plan file is read-only (mode {stat.S_IMODE(info.st_mode):04o}); make it "
            "writable (chmod u+w) to save changes"
        )
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return "the plan file belongs to another user, so saving would change its owner"
    return ""
