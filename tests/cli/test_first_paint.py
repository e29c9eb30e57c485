"""The first screen is drawn before the heavy parts of the app are even imported, and what
the steps need is loaded while the user reads it.

The app runs as `socialcoach` does (cli.main), in a subprocess of its own so that nothing the
tests imported counts; it lists the modules loaded when its first frame is drawn (or a given
time later), and exits.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from socialcoach.store import save_plan

from sample import sample_plan

PROBE = r"""
import os, sys
from textual.app import App

run = App.run
def headless_run(self, *args, **kwargs):
    kwargs["headless"] = True
    return run(self, *args, **kwargs)
App.run = headless_run

AFTER = float(os.environ.get("PROBE_AFTER", "0"))  # seconds after the first frame

def report(app):
    text = " ".join(strip.text for strip in app.screen._compositor.render_strips())
    print("SCREEN:" + " ".join(text.split()))
    print("MODULES:" + ",".join(sorted(sys.modules)))
    sys.stdout.flush()
    os._exit(0)

display = App._display
def first_frame(self, screen, renderable):
    display(self, screen, renderable)
    if renderable is not None and not getattr(self, "probed", False):
        self.probed = True
        if AFTER:
            self.set_timer(AFTER, lambda: report(self))
        else:
            report(self)
App._display = first_frame

from socialcoach.cli import main
main(sys.argv[1:])
"""

# Needed only once the plan is open or a step is shown, not for the first screen.
DEFERRED = (
    "pydantic",
    "socialcoach.content",
    "socialcoach.models",
    "socialcoach.store",
    "socialcoach.phi",
    "socialcoach.export",
    "socialcoach.screens.wizard",
    "socialcoach.about_form",
    "rich.markdown",
    "argparse",  # `socialcoach` with no arguments starts the app without building the parser
    "tomllib",  # read only when there is a settings file
)


def first_frame(*args: str, after: float = 0) -> tuple[str, set[str]]:
    """The screen and the modules loaded at the first frame, or `after` seconds later."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PROBE_AFTER": str(after)},
    )
    lines = result.stdout.splitlines()
    screen = next((line for line in lines if line.startswith("SCREEN:")), None)
    modules = next((line for line in lines if line.startswith("MODULES:")), None)
    assert screen and modules, result.stdout[-2000:] + result.stderr[-2000:]
    return screen.removeprefix("SCREEN:"), set(modules.removeprefix("MODULES:").split(","))


@pytest.mark.parametrize("first_run", [True, False], ids=["first-run", "with-a-plan"])
def test_first_frame_needs_no_models_content_or_checker(
    first_run: bool, plan_path: Path, content
) -> None:
    if not first_run:
        save_plan(sample_plan(content), plan_path)
    screen, modules = (
        first_frame()
    )  # `socialcoach`, as users start it (the plan_path is the default)
    assert ("Welcome to socialcoach" if first_run else "Welcome back") in screen
    loaded = sorted(m for m in modules if any(m == d or m.startswith(d + ".") for d in DEFERRED))
    assert loaded == []


def test_the_steps_are_loaded_while_the_user_reads_the_welcome_screen(
    plan_path: Path, content
) -> None:
    save_plan(sample_plan(content), plan_path)
    screen, modules = first_frame("--plan", str(plan_path), after=2.0)  # with arguments too
    assert "Welcome back" in screen and "Resume step" in screen  # still there, untouched
    # so that Resume does not wait for them
    assert {"socialcoach.screens.wizard", "socialcoach.steps.phi", "rich.markdown"} <= modules
