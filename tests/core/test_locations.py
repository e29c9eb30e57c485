"""Where the app keeps the plan, and where it offers to save what the user exports."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from socialcoach.locations import data_dir, default_plan_path, display_path, export_dir


def test_the_plan_lives_in_the_data_folder(isolated_home: Path) -> None:
    assert data_dir() == isolated_home
    assert default_plan_path() == isolated_home / "plan.toml"


def test_exports_go_to_documents_when_there_is_one() -> None:
    assert export_dir() == Path.home()  # no Documents folder yet
    documents = Path.home() / "Documents"
    documents.mkdir(parents=True)
    assert export_dir() == documents


@pytest.mark.skipif(sys.platform != "linux", reason="XDG user dirs are a Linux desktop convention")
def test_exports_follow_a_renamed_documents_folder(tmp_path: Path, monkeypatch) -> None:
    """XDG's user-dirs.dirs names the Documents folder in the user's language."""
    config = tmp_path / "config"
    config.mkdir()
    (config / "user-dirs.dirs").write_text('XDG_DOCUMENTS_DIR="$HOME/Dokumente"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    (Path.home() / "Dokumente").mkdir(parents=True)
    assert export_dir() == Path.home() / "Dokumente"


def test_paths_are_shown_with_the_home_folder_as_a_tilde() -> None:
    assert display_path(Path.home() / "Documents" / "plan.md") == "~/Documents/plan.md"
    assert display_path(Path("/elsewhere/plan.md")) == "/elsewhere/plan.md"
