"""Help, review and export, start over, broken and locked plans, jumping between steps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input, SelectionList, Static

from socialcoach.app import SocialCoachApp
from socialcoach.models import Plan, Status, Visibility
from socialcoach.screens.dialogs import ChoiceDialog, ConfirmDialog, ExportDialog, GotoDialog
from socialcoach.screens.help import HelpScreen
from socialcoach.screens.review import ReviewScreen
from socialcoach.screens.welcome import WelcomeScreen
from socialcoach.screens.wizard import WizardScreen
from socialcoach.step_bar import StepBar
from socialcoach.store import PlanLock, load_plan, save_plan
from socialcoach.widgets import MarkdownText

from helpers import click_shown, held_by_another_window, open_steps, tab_to, until
from sample import sample_plan

SIZE = (100, 30)


async def test_help_opens_with_f1_and_question_mark_and_lists_every_key(plan_path: Path):
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help-text", MarkdownText).source
        for key in ("Ctrl+N", "Ctrl+B", "Ctrl+G", "Ctrl+R", "F1", "Ctrl+Q", "Escape", "Tab"):
            assert key in text
        assert str(plan_path) in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        app.screen.query_one("#start").focus()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")


async def test_help_scrolls_with_the_arrows_and_page_down_at_once(plan_path: Path):
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 0, "the key list is longer than the window"
        assert body.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_question_mark_typed_in_a_field_is_text_not_help(plan_path: Path):
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await tab_to(pilot, "display-name")
        await pilot.press("a", "question_mark")
        assert app.screen.query_one("#display-name", Input).value == "a?"
        assert isinstance(app.screen, WelcomeScreen)


async def test_a_first_run_types_straight_into_the_name_field(plan_path: Path):
    """Nothing to click first: what the user types on the first screen is their name."""
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: bool(app.screen.query("#start")), "the Start button")
        await pilot.pause()
        await pilot.press(*"Dr Ana Souza")
        assert app.screen.query_one("#display-name", Input).value == "Dr Ana Souza"
        await pilot.press("ctrl+q")


async def test_enter_in_the_about_you_form_moves_on_and_then_starts(plan_path: Path):
    """People press Enter after typing: it moves to the next field, and on Start it starts."""
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await tab_to(pilot, "display-name")
        await pilot.press(*"Dr Lina Haddad", "enter")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "subspecialty"
        assert isinstance(app.screen, WelcomeScreen)
        await tab_to(pilot, "own-details")
        await pilot.press(*"lina@example.org", "enter")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "start"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, WizardScreen), "step 1")
        assert app.plan.basics.display_name == "Dr Lina Haddad"
        await pilot.press("ctrl+q")


async def test_enter_alone_walks_the_whole_about_you_form(plan_path: Path):
    """Enter, Enter on a list (open it, pick), typing, Enter...: as a user walks the form
    without Tab. Picking from a list moves on, so what is typed next lands in the next field."""
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(app.screen.query("#start")), "the Start button")
        await tab_to(pilot, "display-name")
        await pilot.press(*"Dr Ana Cruz", "enter")
        await until(pilot, lambda: getattr(app.focused, "id", None) == "subspecialty", "list")
        await pilot.press("enter", "down", "enter")  # open the list, the next one, pick it
        await until(pilot, lambda: getattr(app.focused, "id", None) == "career-stage", "stage")
        assert app.plan.basics.subspecialty != Plan().basics.subspecialty
        await pilot.press("enter", "enter")  # open and keep the stage shown
        await until(pilot, lambda: getattr(app.focused, "id", None) == "region", "country")
        await pilot.press("enter", "enter")
        await until(pilot, lambda: getattr(app.focused, "id", None) == "organisation", "org")
        await pilot.press(*"Mercy General", "enter")
        await pilot.press(*"ana@example.org", "enter")
        await until(pilot, lambda: getattr(app.focused, "id", None) == "start", "Start")
        assert app.plan.basics.organisation == "Mercy General"
        assert app.plan.basics.own_details == "ana@example.org"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, WizardScreen), "step 1")
        await pilot.press("ctrl+q")


async def test_review_shows_the_plan_and_exports_where_the_user_says(
    plan_path: Path, content, tmp_path: Path
):
    save_plan(sample_plan(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    target = tmp_path / "exports" / "my plan.md"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await click_shown(pilot, "#review")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        shown = app.screen.query_one("#plan-md", MarkdownText).source
        assert "Dr Jane Rivera" in shown
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        field = app.screen.query_one("#export-path", Input)
        # offered where the user will find it, not in the hidden data folder
        assert field.value == str(Path.home() / "socialcoach-plan.md")
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+q")
    assert target.read_text().startswith("# Dr Jane Rivera")


async def test_review_opens_with_a_glance_and_shows_tick_boxes_and_each_link_once(
    plan_path: Path, content
):
    import io

    from rich.console import Console

    plan = sample_plan(content)
    save_plan(plan, plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await click_shown(pilot, "#review")
        await pilot.pause()
        md_widget = app.screen.query_one("#plan-md", MarkdownText)
        source = md_widget.source
        head = source.split("\n# ")[0]  # the glance, above the plan's own title
        assert head.startswith("## At a glance")
        for step in content.steps.values():
            assert f"{step.number}. {step.title}" in head
        for choice in plan.platforms.chosen:
            assert content.platform_name(choice.platform) in head
        assert "**Next:**" in head and "**Dates:**" in head
        console = Console(file=io.StringIO(), width=118, color_system=None)
        console.print(md_widget.content.renderable)  # the Markdown, as the screen draws it
        drawn = console.file.getvalue()
        assert "[ ]" not in drawn and "☐" in drawn
        urls = [line for line in drawn.splitlines() if "https://" in line]
        assert urls and all(line.count("https://") == 1 for line in urls)
        await pilot.press("ctrl+q")


async def test_start_over_asks_first_and_keeps_the_old_plan(plan_path: Path, content):
    save_plan(sample_plan(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await click_shown(pilot, "#start-over")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # changed my mind
        await pilot.pause()
        assert app.plan.basics.display_name == "Dr Jane Rivera"
        await click_shown(pilot, "#start-over")
        await pilot.pause()
        await click_shown(pilot, "#yes")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and app.screen.first_run
        assert app.plan.basics.display_name == ""
        await pilot.press("ctrl+q")
    backups = list(plan_path.parent.glob("plan.toml.old-*"))
    assert len(backups) == 1
    assert "Dr Jane Rivera" in backups[0].read_text()
    assert load_plan(plan_path).basics.display_name == ""


async def test_a_broken_plan_is_never_overwritten_and_can_be_set_aside(plan_path: Path):
    plan_path.parent.mkdir(parents=True)
    broken = 'schema_version = 1\ncurrent_step = "policy\n'
    plan_path.write_text(broken)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # quit
        await pilot.pause()
    assert app.return_code == 2
    assert plan_path.read_text() == broken

    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await click_shown(pilot, "#choice-new")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("ctrl+q")
    kept = list(plan_path.parent.glob("plan.toml.broken-*"))
    assert [p.read_text() for p in kept] == [broken]
    assert load_plan(plan_path) == app.plan


async def test_a_plan_open_elsewhere_can_be_opened_read_only(plan_path: Path, content):
    save_plan(sample_plan(content), plan_path)
    before = plan_path.read_bytes()
    with held_by_another_window(plan_path) as holder_pid:
        app = SocialCoachApp(plan_path=plan_path)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: bool(app.screen.query("#choice-read-only")), "dialog")
            assert isinstance(app.screen, ChoiceDialog)
            await click_shown(pilot, "#choice-read-only")
            await until(pilot, lambda: app.read_only, "read-only")
            app.plan.basics.display_name = "changed in the second window"
            await pilot.press("ctrl+q")
        assert plan_path.read_bytes() == before
        assert PlanLock(plan_path).holder() == holder_pid


async def test_go_to_step_dialog_jumps_by_number(plan_path: Path):
    save_plan(Plan(), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # resume
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, GotoDialog)
        await pilot.press("5")
        await pilot.pause()
        assert app.screen.current == "accounts"
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.screen.current == "phi"
        # a click on a step in the bar at the top
        await pilot.click("#step-bar", offset=(step_bar_column(app, "platforms"), 0))
        await pilot.pause()
        assert app.screen.current == "platforms"
        # or Tab to the bar, arrows, Enter
        await tab_to(pilot, "step-bar")
        await pilot.press("right", "right")
        await pilot.pause()
        assert app.screen.current == "platforms"  # moving the cursor does not go yet
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.current == "phi"
        await pilot.press("ctrl+q")
    assert load_plan(plan_path).current_step == "phi"


def step_bar_column(app: SocialCoachApp, step_id: str) -> int:
    """The middle column of a step's label in the step bar."""
    column = 0
    for step, width in app.screen.query_one(StepBar).segments(app.size.width):
        if step.step_id == step_id:
            return column + width // 2
        column += width
    raise AssertionError(f"{step_id} is not in the step bar")


async def test_an_overdue_audit_is_announced_on_opening(plan_path: Path, content):
    plan = sample_plan(content)
    plan.profile.last_audit = dt.date.today() - dt.timedelta(days=120)
    plan.profile.audit_days = 90
    save_plan(plan, plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        summary = str(app.screen.query_one("#resume-summary").render())
        assert "audit was due" in summary
        assert any("audit was due" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+q")


async def _ranking_for_one_goal(pilot) -> None:
    """Resume at step 2, tick the first goal and Tab to the ranked platforms."""
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await tab_to(pilot, "goals")
    await pilot.press("space")
    await tab_to(pilot, "ranking")


@pytest.fixture
def plan_at_step_two(plan_path: Path) -> Path:
    plan = Plan()
    plan.policy.status = Status.DONE
    save_plan(plan, plan_path)
    return plan_path


async def test_space_on_the_ranking_keeps_the_best_fit_without_moving_first(plan_at_step_two):
    """Tab to the ranked platforms and press Space, as the hint says: the top one is kept and
    its details are shown (the rebuilt list had no highlight, so Space did nothing)."""
    app = SocialCoachApp(plan_path=plan_at_step_two)
    async with app.run_test(size=SIZE) as pilot:
        await _ranking_for_one_goal(pilot)
        await pilot.press("space")
        await pilot.pause()
        ranking = app.screen.query_one("#ranking", SelectionList)
        best = ranking.get_option_at_index(0).value
        assert [choice.platform for choice in app.plan.platforms.chosen] == [best]
        details = str(app.screen.query_one("#platform-details", Static).render())
        assert details.startswith(app.content.platform(best).name)
        await pilot.press("ctrl+q")


async def test_keeping_a_fourth_platform_is_refused(plan_at_step_two):
    app = SocialCoachApp(plan_path=plan_at_step_two)
    async with app.run_test(size=SIZE) as pilot:
        await _ranking_for_one_goal(pilot)
        await pilot.press("home", "space", "down", "space", "down", "space", "down", "space")
        await pilot.pause()
        assert len(app.plan.platforms.chosen) == 3
        await pilot.press("ctrl+q")


async def test_account_fields_write_the_plan_and_contradictions_are_shown(plan_path: Path, content):
    plan = sample_plan(content)
    save_plan(plan, plan_path)
    pid = plan.accounts.per_platform[0].platform
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_steps(pilot, "accounts")
        screen = app.screen
        screen.query_one(f"#personal-handle-{pid}", Input).value = "DrJaneRivera"
        screen.query_one(f"#personal-vis-{pid}").value = Visibility.PUBLIC
        screen.query_one(f"#disclaimer-{pid}", Input).value = "Not medical advice."
        await pilot.pause()
        account = app.plan.accounts.for_platform(pid)
        assert account.personal_handle == "DrJaneRivera"
        assert account.personal_visibility is Visibility.PUBLIC
        assert account.disclaimer == "Not medical advice."
        warnings = str(screen.query_one("#warnings").render())
        assert "same handle" in warnings
        await pilot.press("ctrl+q")
    assert load_plan(plan_path).accounts.for_platform(pid).disclaimer == "Not medical advice."


async def test_the_highlighted_audience_entry_is_explained_below_the_list(plan_path: Path, content):
    from socialcoach.audience import entry_details, relevant_entries

    plan = sample_plan(content)
    save_plan(plan, plan_path)
    rows = relevant_entries(content.audience, plan.basics.subspecialty, plan.platforms.chosen_ids())
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        details = (await open_steps(pilot, "audience")).query_one("#entry-details", Static)
        assert str(details.render()) == entry_details(rows[0], content)
        await tab_to(pilot, "entries")
        await pilot.press("down", "down")
        await pilot.pause()
        assert str(details.render()) == entry_details(rows[2], content)
        await pilot.press("ctrl+q")


async def test_the_palette_screenshot_is_saved_where_exports_go_without_a_downloads_folder(
    plan_path: Path,
):
    from helpers import run_palette_command

    assert not (Path.home() / "Downloads").exists()
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_palette_command(pilot, "Screenshot")
        await pilot.pause(0.3)
        shots = list(Path.home().glob("socialcoach*.svg"))
        assert len(shots) == 1 and shots[0].read_text().startswith("<svg")
        messages = [n.message for n in app._notifications]
        assert any(str(shots[0]) in m for m in messages)
        assert not any("Failed" in m for m in messages)
        await pilot.press("ctrl+q")


async def test_keys_chosen_in_settings_move_the_steps_and_show_in_help(plan_path: Path, content):
    from socialcoach.settings import Settings, save_settings

    save_plan(sample_plan(content), plan_path)
    save_settings(Settings(keys={"next": "f9", "nonsense": "f10"}))
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_steps(pilot, "policy")
        assert any("nonsense" in n.message for n in app._notifications)
        await pilot.press("f9")
        await pilot.pause()
        assert wizard.current == "platforms"
        await pilot.press("ctrl+n")  # the default is replaced, as the user asked
        await pilot.pause()
        assert wizard.current == "platforms"
        await pilot.press("f1")
        await pilot.pause()
        text = app.screen.query_one("#help-text", MarkdownText).source
        assert "| F9 | Next step (saves) |" in text
        assert "| Ctrl+B (or F7) | Previous step |" in text
        await pilot.press("escape")
        await pilot.press("ctrl+q")


def test_the_help_lists_every_key_the_app_binds_by_id():
    """The table is made from the bindings, so a new binding with an id is in the help."""
    from socialcoach.screens.help import key_display

    bindings = SocialCoachApp.keyed_bindings()
    assert {b.id for b in bindings} >= {"next", "back", "goto", "review", "quit", "help"}
    assert all(b.tooltip for b in bindings), "each needs a tooltip to say what it does"
    assert key_display("ctrl+n,f8") == "Ctrl+N (or F8)"
    assert key_display("f1,question_mark") == "F1 (or ?)"
