"""Atomic, private file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def ensure_private_dir(folder: Path) -> None:
    """Create the folder (0700) if needed.

    socialcoach's own data folder is also tightened to 0700 if it exists with looser
    rights (an older version, a restored backup). A folder the user chose for `--plan`,
    such as Documents, is theirs and is left as it is.
    """
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    from socialcoach.locations import data_dir

    try:
        if folder.resolve() == data_dir().resolve() and folder.stat().st_mode & 0o077:
            folder.chmod(PRIVATE_DIR)
    except OSError:
        pass  # not ours to change, or not possible here; writing still works


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, mode: int = PRIVATE_FILE) -> None:
    """Write via a temp file in the same folder, fsync, then os.replace over the target."""
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(folder)


def atomic_write_text(path: Path, text: str, mode: int = PRIVATE_FILE) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode)
