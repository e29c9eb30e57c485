"""What happens to an error nobody expected: a short message for the user, a report on disk.

A clinician should never see a traceback, but the developers need one. The report holds the
version, the Python, and where in the code it happened (file, line, function); it leaves out
the error's own text and every variable, because those can hold what the user typed (a draft
with patient details) and nothing of that may be written to disk unasked.
"""

from __future__ import annotations

import datetime as dt
import platform
import sys
import traceback
from pathlib import Path

REPORTS_FOLDER = "crash-reports"
KEEP_REPORTS = 20


def report_text(exc: BaseException) -> str:
    """The report for `exc`: where it happened, never what it said."""
    from socialcoach import __version__

    lines = [
        f"socialcoach {__version__} on Python {platform.python_version()} ({sys.platform})",
        f"when: {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}",
        f"error: {type(exc).__module__}.{type(exc).__qualname__} (its text is left out: it "
        "can hold what you typed)",
        "where, innermost last:",
    ]
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    for item in reversed(chain):
        if item is not exc:
            lines.append(f"while handling {type(item).__qualname__}:")
        for frame in traceback.extract_tb(item.__traceback__):
            lines.append(f"  {_short_path(frame.filename)}:{frame.lineno} in {frame.name}")
    return "\n".join(lines) + "\n"


def _short_path(filename: str) -> str:
    """The path from the package folder on (`socialcoach/app.py`), not the user's home."""
    parts = Path(filename).parts
    for anchor in ("socialcoach", "textual", "site-packages"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor) :])
    return Path(filename).name


def write_report(exc: BaseException) -> Path | str:
    """Write the report (0600, in the data folder) and return its path; if even that fails,
    return a sentence saying so, so the caller's message still makes sense."""
    from socialcoach.fileio import atomic_write_text, ensure_private_dir
    from socialcoach.locations import data_dir

    folder = data_dir() / REPORTS_FOLDER
    try:
        ensure_private_dir(folder)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = folder / f"crash-{stamp}.txt"
        atomic_write_text(path, report_text(exc))
        for old in sorted(folder.glob("crash-*.txt"))[:-KEEP_REPORTS]:
            old.unlink(missing_ok=True)
    except OSError:
        return "(no report: the data folder cannot be written)"
    return path
