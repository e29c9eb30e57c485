"""The architecture holds by itself: the import contracts in pyproject.toml pass, and the core
(what the command line uses for everything but the app) loads neither Textual nor Rich."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = [
    "socialcoach.cli",
    "socialcoach.export",
    "socialcoach.phi",
    "socialcoach.store",
    "socialcoach.session",
    "socialcoach.images",
    "socialcoach.calendar_ics",
    "socialcoach.packs",
    "socialcoach.content",
]


def test_the_import_contracts_are_kept():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.skip("import-linter is not installed: pip install -e '.[test]'")
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


@pytest.mark.parametrize("module", CORE)
def test_the_core_loads_neither_textual_nor_rich(module: str):
    code = (
        f"import sys, {module}\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'})\n"
        "print(','.join(loaded))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{module} loads {result.stdout.strip()}"


def test_a_command_that_is_not_the_app_loads_neither_textual_nor_rich(plan_path: Path):
    from socialcoach.models import Plan
    from socialcoach.store import save_plan

    save_plan(Plan(), plan_path)
    code = (
        "import sys\n"
        "from socialcoach import cli\n"
        f"cli.main(['--plan', {str(plan_path)!r}, 'export', '-o', {str(plan_path) + '.md'!r}])\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'})\n"
        "print(','.join(loaded))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"export loads {result.stdout.strip()}"


def test_every_table_keyed_by_step_has_exactly_the_steps():
    """One list of steps (socialcoach.step_ids); every table keyed by step id is derived
    from it or checked against it here."""
    from socialcoach import export, progress
    from socialcoach.content import STEP_IDS, load_builtin
    from socialcoach.models import STEP_ORDER, Plan
    from socialcoach.screens.wizard import STEP_CLASSES

    steps = list(STEP_ORDER)
    assert list(STEP_IDS) == steps
    assert list(STEP_CLASSES) == steps
    assert list(export.SECTIONS) == steps
    assert list(progress.RULES) == steps
    assert [s.id for s in sorted(load_builtin().steps.values(), key=lambda s: s.number)] == steps
    assert [
        s.number for s in sorted(load_builtin().steps.values(), key=lambda s: s.number)
    ] == list(range(1, len(steps) + 1))
    plan = Plan()
    for step_id in steps:
        assert plan.section(step_id) is getattr(plan, step_id)
