"""Every screen at 80x24 and 120x40, compared with its stored SVG snapshot.

After an intended change to what a screen shows, regenerate with
`python -m pytest --snapshot-update` on the whole suite and look at the new SVGs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from socialcoach.app import SocialCoachApp
from socialcoach.content import load_builtin
from socialcoach.store import save_plan

from sample import FIXED_TIME, freeze_clock, sample_plan

SIZES = [(80, 24), (120, 40)]
SCREENS = [
    "welcome-first-run",
    "welcome-back",
    "step-policy",
    "step-platforms",
    "step-audience",
    "step-phi",
    "step-accounts",
    "step-profile",
    "review",
    "help",
]


@pytest.fixture
def snapshot_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An app on a copy of the sample plan, with a fixed clock and a home-relative path."""
    home = tmp_path / "user"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("SOCIALCOACH_HOME", str(home / "data"))
    freeze_clock(FIXED_TIME, monkeypatch.setattr)
    content = load_builtin()

    def make(screen: str) -> SocialCoachApp:
        plan_path = home / "data" / "plan.toml"
        if screen != "welcome-first-run":
            plan = sample_plan(content)
            plan.profile.last_audit = FIXED_TIME.date()
            save_plan(plan, plan_path)
        return SocialCoachApp(plan_path=plan_path, content=content)

    return make


async def go_to(pilot, screen: str) -> None:
    app: SocialCoachApp = pilot.app
    await pilot.pause()
    if screen.startswith("step-"):
        app.open_wizard(screen.removeprefix("step-"))
    elif screen == "review":
        app.show_review()
    elif screen == "help":
        app.action_help()
    await pilot.pause()
    for widget in app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", SCREENS)
def test_screen_matches_snapshot(screen: str, size: tuple[int, int], snapshot_app, snap_compare):
    async def run_before(pilot) -> None:
        await go_to(pilot, screen)

    assert snap_compare(snapshot_app(screen), terminal_size=size, run_before=run_before)
