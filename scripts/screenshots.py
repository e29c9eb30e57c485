"""Regenerate screenshots/: an SVG of every screen, from the fixed sample plan, at 100x30,
and the light theme at 80x24 and 120x40.

Run `python scripts/screenshots.py`. The app runs headless on a temporary copy of the
sample plan with the clock frozen, so re-running on an unchanged app changes no file.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "screenshots"
SIZE = (100, 30)
sys.path.insert(0, str(ROOT / "tests"))


async def shoot() -> list[Path]:
    from textual.widgets import Input, TextArea

    from socialcoach.app import SocialCoachApp
    from socialcoach.content import load_builtin
    from socialcoach.models import STEP_ORDER
    from socialcoach.store import save_plan

    from sample import FIXED_TIME, freeze_clock, sample_plan

    freeze_clock(FIXED_TIME)
    content = load_builtin()
    written: list[Path] = []
    OUT.mkdir(exist_ok=True)

    async def save(app: SocialCoachApp, pilot, name: str) -> None:
        await pilot.pause()
        for widget in app.screen.query("Input, TextArea"):
            if isinstance(widget, Input | TextArea):
                widget.cursor_blink = False
        path = OUT / f"{name}.svg"
        # Wait until the screen stops changing (a scrollbar can settle a frame late), so
        # the same app always gives the same file.
        svg = ""
        for _ in range(10):
            await pilot.pause(0.05)
            shot = app.export_screenshot(title="socialcoach")
            if shot == svg:
                break
            svg = shot
        if not path.exists() or path.read_text(encoding="utf-8") != svg:
            path.write_text(svg, encoding="utf-8")
        written.append(path)

    with tempfile.TemporaryDirectory() as home:
        # a fresh home folder, so the plan path shows as ~/.local/share/socialcoach/plan.toml
        os.environ["HOME"] = home
        for variable in ("SOCIALCOACH_HOME", "XDG_DATA_HOME"):
            os.environ.pop(variable, None)
        from socialcoach.locations import default_plan_path

        plan_path = default_plan_path()

        app = SocialCoachApp(plan_path=plan_path, content=content)
        async with app.run_test(size=SIZE) as pilot:
            await save(app, pilot, "welcome-first-run")
            await pilot.press("ctrl+q")
        plan_path.unlink(missing_ok=True)

        plan = sample_plan(content)
        plan.profile.last_audit = FIXED_TIME.date()
        save_plan(plan, plan_path)
        app = SocialCoachApp(plan_path=plan_path, content=content)
        async with app.run_test(size=SIZE) as pilot:
            await save(app, pilot, "welcome-back")
            app.open_wizard("policy")
            await pilot.pause()
            for number, step_id in enumerate(STEP_ORDER, 1):
                await app.screen.show_step(step_id)
                await save(app, pilot, f"step-{number}-{step_id}")
            app.show_review()
            await save(app, pilot, "review")
            app.action_help()
            await save(app, pilot, "help")
            await pilot.press("escape")
            await shoot_image_check(app, pilot, Path(home), save)
            await pilot.press("ctrl+q")

        # The light theme, at the smallest and a large common terminal size: the marks
        # ([x]/[ ], ●/○, ✓/◐/•) must read by shape, not only by colour.
        for width, height in LIGHT_SIZES:
            app = SocialCoachApp(plan_path=plan_path, content=content)
            async with app.run_test(size=(width, height)) as pilot:
                app.theme = "textual-light"
                await pilot.pause()  # the plan is opened once the first screen is up
                app.open_wizard("policy")
                await pilot.pause()
                for number, step_id in enumerate(STEP_ORDER, 1):
                    if step_id in LIGHT_STEPS:
                        await app.screen.show_step(step_id)
                        await save(app, pilot, f"light-{width}x{height}-step-{number}-{step_id}")
                app.show_review()
                await save(app, pilot, f"light-{width}x{height}-review")
                await pilot.press("ctrl+q")
    return written


async def shoot_image_check(app, pilot, home: Path, save) -> None:
    """Step 4's image checker twice: after checking an even grey panel (what a check that
    read no text says) and a screenshot with a name and a record number burned in (each
    finding with the app's advice). Needs an OCR engine; without one the shots are left as
    they were."""
    from socialcoach import images

    import image_samples

    if not images.ocr_available():
        print("no OCR engine: screenshots/step-4-image-*.svg not regenerated")
        return
    panel = image_samples.screenshot(home / "panel.png", [], background=128)
    await _check_image(app, pilot, home, panel)
    await save(app, pilot, "step-4-image-check")
    case = image_samples.screenshot(
        home / "case.png", ["DOE^JANE", "MRN: 48213377"], background=20, ink=230, size=14
    )
    await _check_image(app, pilot, home, case)
    await save(app, pilot, "step-4-image-findings")


async def _check_image(app, pilot, home: Path, image: Path) -> None:
    """Type the image's path (as ~/...) in step 4's field, check it, show the answer."""
    from textual.widgets import Input, Static

    app.open_wizard("phi")
    await pilot.pause()
    path_field = app.screen.query_one("#image-path", Input)
    path_field.value = str(image).replace(str(home), "~")
    path_field.focus()
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    app.screen.query_one("#image-findings", Static).scroll_visible(animate=False)


LIGHT_SIZES = [(80, 24), (120, 40)]
LIGHT_STEPS = ("policy", "phi", "accounts", "profile")


def main() -> int:
    for path in asyncio.run(shoot()):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
