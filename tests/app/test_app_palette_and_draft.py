"""The command palette's commands, the remembered theme, and the draft checker panel."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static, TextArea

from socialcoach.app import SocialCoachApp
from socialcoach.models import Plan
from socialcoach.screens.wizard import WizardScreen
from socialcoach.settings import load_settings
from socialcoach.store import save_plan

from helpers import open_steps, run_palette_command

SIZE = (100, 30)


async def open_draft_checker(pilot) -> tuple[TextArea, Static]:
    """As a user does: 'Check a draft' in the palette; the draft field and its findings."""
    await pilot.pause()
    await run_palette_command(pilot, "Check a draft")
    await pilot.pause()
    screen = pilot.app.screen
    return screen.query_one("#draft", TextArea), screen.query_one("#draft-findings", Static)


async def test_palette_offers_steps_export_draft_check_theme_and_help(plan_path: Path):
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for number in range(1, 7):
            assert any(title.startswith(f"Go to step {number}:") for title in titles)
        for title in (
            "Export the plan",
            "Check a draft for patient information",
            "Theme",
            "Help",
            "Review the plan",
            "Quit",
        ):
            assert title in titles
        await run_palette_command(pilot, "Go to step 4")
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.current == "phi"
        await pilot.press("ctrl+q")


async def test_palette_quit_saves_the_plan(plan_path: Path):
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.plan.basics.display_name = "Typed just now"
        quit_command = next(c for c in app.get_system_commands(app.screen) if c.title == "Quit")
        await quit_command.callback()
    assert 'display_name = "Typed just now"' in plan_path.read_text()


async def test_a_theme_chosen_is_remembered_for_next_time(plan_path: Path):
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("ctrl+q")
    assert load_settings().theme == "textual-light"
    again = SocialCoachApp(plan_path=plan_path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"
        await pilot.press("ctrl+q")


async def test_draft_check_from_the_palette_flags_identifiers_as_you_type(plan_path: Path):
    save_plan(Plan(), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        draft, _ = await open_draft_checker(pilot)
        assert app.focused is draft
        await pilot.press(*"Case from MRN 48213377 today")
        await pilot.pause()
        findings = str(app.screen.query_one("#draft-findings", Static).render())
        assert "mrn" in findings
        assert "48213377" in findings
        draft.clear()
        await pilot.press(*"Nice 3T FLAIR case, 72M, #FOAMrad")
        await pilot.pause()
        findings = str(app.screen.query_one("#draft-findings", Static).render())
        assert findings.startswith("Nothing flagged. Checked for")
        await pilot.press("ctrl+q")
    assert "48213377" not in plan_path.read_text()


async def test_step_keys_move_between_steps_from_the_draft_field_too(plan_path: Path):
    # a TextArea keeps F6 and F7 for selecting text; in the coach they are Go to and Back
    save_plan(Plan(), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        draft, _ = await open_draft_checker(pilot)
        await pilot.press(*"Teaching case")
        await pilot.press("f7")
        await pilot.pause()
        wizard = app.screen
        assert isinstance(wizard, WizardScreen) and wizard.current == "audience"
        assert draft.text == "Teaching case" and draft.selected_text == ""
        await pilot.press("f8")
        await pilot.pause()
        assert wizard.current == "phi"
        await pilot.press("ctrl+q")


async def test_a_long_draft_is_checked_when_typing_pauses_and_keys_show_at_once(
    plan_path: Path, monkeypatch
):
    from socialcoach.phi import check
    from socialcoach.steps.phi import SHOWN, PhiStep

    monkeypatch.setattr(PhiStep, "PAUSE", 0.5)
    save_plan(Plan(), plan_path)
    line = "Saw MRN 48213377 in the ED today; call me at 555-867-5309 about the case.\n"
    article = line * 60  # an article, not a post: well over PhiStep.LONG_DRAFT
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        draft, box = await open_draft_checker(pilot)
        draft.insert(article)
        await pilot.press(*"More")
        assert draft.text.endswith("More")  # every key is in the draft at once
        assert str(box.render()) == ""  # not checked while typing goes on
        await pilot.pause(0.8)
        found = len(check(draft.text))
        assert found > SHOWN
        findings = str(box.render())
        assert findings.startswith(f"{found} possible identifier(s) found")
        shown = findings.count("\nLIKELY line ") + findings.count("\npossible line ")
        assert shown == SHOWN  # the list is cut, and says by how much
        assert f"…and {found - SHOWN} more" in findings
        await pilot.press("ctrl+q")


async def test_no_color_makes_the_app_monochrome(plan_path: Path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.no_color
        await pilot.press("ctrl+q")


async def test_the_highlighted_rule_is_shown_in_full_below_its_list(plan_path: Path, content):
    save_plan(Plan(), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_steps(pilot, "phi")
        assert app.focused.id == "identifiers"
        await pilot.press("down")
        await pilot.pause()
        details = str(app.screen.query_one("#identifiers-details", Static).render())
        second = content.identifiers[1]
        assert second.title in details
        assert second.radiology_example in details
        await pilot.press("ctrl+q")
