"""Shared fixtures: every test gets its own data folder, never the real home."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialcoach.content import Content, load_builtin


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("SOCIALCOACH_HOME", str(home))
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user" / "data"))
    return home


@pytest.fixture
def plan_path(isolated_home: Path) -> Path:
    return isolated_home / "plan.toml"


@pytest.fixture(scope="session")
def content() -> Content:
    return load_builtin()
