"""Opening a step focuses its first field without moving the step when the field shows."""

from __future__ import annotations

from pathlib import Path

from socialcoach.app import SocialCoachApp
from socialcoach.store import save_plan

from helpers import open_steps
from sample import sample_plan


def head_visible(pane, widget, lines: int = 3) -> bool:
    view, field = pane.scrollable_content_region, widget.region
    return view.y <= field.y and field.y + min(field.height, lines) <= view.bottom


async def test_a_tall_first_list_whose_top_shows_leaves_the_step_at_its_top(
    plan_path: Path, content
) -> None:
    save_plan(sample_plan(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = (await open_steps(pilot, "profile")).pane("profile")
        await pilot.pause(0.3)
        field = app.focused
        assert field is pane.first_field()
        assert not app.screen.can_view_entire(field)  # taller than what is left of the screen
        assert head_visible(pane, field)
        assert pane.scroll_y == 0  # the step's introduction is still on the screen
        await pilot.press("ctrl+q")


async def test_a_field_below_the_screen_is_scrolled_into_view(plan_path: Path, content) -> None:
    save_plan(sample_plan(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        # what "Check a draft" in the palette does
        pane = (await open_steps(pilot, "phi", focus="draft")).pane("phi")
        await pilot.pause(0.3)
        assert app.focused is pane.query_one("#draft")
        assert pane.scroll_y > 0
        assert head_visible(pane, app.focused)
        await pilot.press("ctrl+q")


async def test_check_a_draft_from_the_palette_shows_the_draft_box(plan_path: Path, content):
    """From the steps (here step 1) and from the welcome screen, as users reach it."""
    from helpers import run_palette_command

    save_plan(sample_plan(content), plan_path)
    for start_in_steps in (True, False):
        app = SocialCoachApp(plan_path=plan_path)
        async with app.run_test(size=(80, 24)) as pilot:
            if start_in_steps:
                await open_steps(pilot, "policy")
            else:
                await pilot.pause()
            await run_palette_command(pilot, "Check a draft")
            await pilot.pause(0.3)
            pane = app.screen.pane("phi")
            assert app.focused is pane.query_one("#draft")
            assert head_visible(pane, app.focused), "the draft box must be on the screen"
            await pilot.press(*"Mr Smith")
            await pilot.pause()
            assert "Mr Smith" in pane.query_one("#draft").text
            await pilot.press("ctrl+q")
