"""Every path the app uses, one function each, so tests and users can move them all.

`SOCIALCOACH_HOME` replaces the per-user data folder (tests set it); `--plan PATH`
overrides just the plan file and is handled by the caller.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "socialcoach"
PLAN_FILENAME = "plan.toml"
SETTINGS_FILENAME = "settings.toml"


def data_dir() -> Path:
    """The folder that holds the plan, its backups and the settings."""
    override = os.environ.get("SOCIALCOACH_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_plan_path() -> Path:
    return data_dir() / PLAN_FILENAME


def settings_path() -> Path:
    return data_dir() / SETTINGS_FILENAME


def export_dir() -> Path:
    """Where the app offers to save an export: a folder the user knows (Documents, or the
    home folder without one), not the hidden data folder that holds the plan."""
    from platformdirs import user_documents_dir

    documents = Path(user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def content_dir() -> Path:
    """The built-in content: inside the wheel, or the checkout's `content/` when editable."""
    packaged = Path(__file__).parent / "content"
    if (packaged / "steps.toml").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "content"
    return checkout


def display_path(path: Path) -> str:
    """A path as a person reads it: the home folder shown as ~."""
    try:
        return "~/" + str(Path(path).resolve().relative_to(Path.home().resolve()))
    except (ValueError, RuntimeError, OSError):
        return str(path)
