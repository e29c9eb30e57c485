"""Small per-user settings kept beside the plan: the theme and the remembered policy pack."""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w
from pydantic import BaseModel, ConfigDict, ValidationError

from socialcoach.fileio import atomic_write_text, ensure_private_dir
from socialcoach.locations import settings_path


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore")

    theme: str = ""
    pack: str = ""


def load_settings(path: Path | None = None) -> Settings:
    """Settings, or defaults when the file is missing or unreadable (it holds nothing precious)."""
    path = path or settings_path()
    try:
        with path.open("rb") as handle:
            return Settings.model_validate(tomllib.load(handle))
    except (OSError, tomllib.TOMLDecodeError, ValidationError):
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    ensure_private_dir(path.parent)
    atomic_write_text(path, tomli_w.dumps(settings.model_dump()))


def remember_pack(pack: Path) -> None:
    settings = load_settings()
    settings.pack = str(pack)
    save_settings(settings)


def remember_theme(theme: str) -> None:
    settings = load_settings()
    settings.theme = theme
    save_settings(settings)
