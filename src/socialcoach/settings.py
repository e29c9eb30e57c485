"""Small per-user settings kept beside the plan: the theme, the remembered policy pack, and
keys the user chose for the app's actions (`[keys]`, binding id = "keys", as posting does).

Read before the first screen is drawn (the theme must not flicker), so this module stays
light: a dataclass, and the standard library's tomllib only when there is a file to read.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from socialcoach.locations import settings_path


@dataclass
class Settings:
    theme: str = ""
    pack: str = ""
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> "ctrl+n,f8"


def load_settings(path: Path | None = None) -> Settings:
    """Settings, or defaults when the file is missing or unreadable (it holds nothing precious)."""
    path = path or settings_path()
    try:
        data = path.read_bytes()
    except OSError:
        return Settings()
    import tomllib  # only when there is a file: most first screens have none to read

    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return Settings()
    values = {key: raw[key] for key in ("theme", "pack") if isinstance(raw.get(key), str)}
    keys = raw.get("keys")
    if isinstance(keys, dict):
        from socialcoach.cleantext import clean

        values["keys"] = {
            clean(k): clean(v) for k, v in keys.items() if isinstance(v, str) and v.strip()
        }
    return Settings(**values)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    import tomli_w

    from socialcoach.fileio import atomic_write_text, ensure_private_dir

    path = path or settings_path()
    ensure_private_dir(path.parent)
    atomic_write_text(path, tomli_w.dumps(asdict(settings)))


def remember_pack(pack: Path) -> None:
    settings = load_settings()
    settings.pack = str(pack)
    save_settings(settings)


def remember_theme(theme: str) -> None:
    settings = load_settings()
    if settings.theme != theme:
        settings.theme = theme
        save_settings(settings)
