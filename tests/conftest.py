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


# one schema before a pretend next one, whose migration renames basics.name to display_name
OLD_PLAN = 'schema_version = 2\n\n[basics]\nname = "Dr Old Format"\n'


@pytest.fixture
def old_plan(plan_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A plan file in today's schema (2) while the current schema is made 3, whose migration
    renames basics.name to display_name: the migration mechanism on its own. The real
    migration 1 -> 2 has its own tests (tests/cli/test_store.py)."""
    from socialcoach import store

    def rename_name(raw: dict) -> dict:
        raw["basics"]["display_name"] = raw["basics"].pop("name")
        return raw

    monkeypatch.setattr(store, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(store.MIGRATIONS, 2, rename_name)
    plan_path.parent.mkdir(parents=True, exist_ok=True)
    plan_path.write_text(OLD_PLAN)
    return OLD_PLAN
