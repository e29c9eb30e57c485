"""The wheel carries the content, the stylesheet and the help text the app needs."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_ships_content_css_and_help(tmp_path: Path):
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("socialcoach-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    content_files = {p.name for p in (ROOT / "content").glob("*.toml")}
    assert {f"socialcoach/content/{name}" for name in content_files} <= names
    assert "socialcoach/content/examples/st-example-hospital.toml" in names
    assert "socialcoach/app.tcss" in names
    assert "socialcoach/screens/help.md" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert (
        "socialcoach = socialcoach.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    )
