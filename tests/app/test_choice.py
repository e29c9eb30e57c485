"""The one-widget radio group: keys, mouse and what it shows, alone and in the policy step."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input

from socialcoach.app import SocialCoachApp
from socialcoach.choice import CHOSEN, NOT_CHOSEN, Choice
from socialcoach.models import ItemState
from socialcoach.store import load_plan

from helpers import open_steps, screen_text

OPTIONS = [("To do", "todo"), ("Done", "done"), ("Not applicable", "n/a")]


class Host(App[None]):
    def __init__(self, **choice_args) -> None:
        super().__init__()
        self.choice_args = choice_args
        self.changes: list[str] = []

    def compose(self) -> ComposeResult:
        yield Input(id="before")
        yield Choice(OPTIONS, id="states", **self.choice_args)

    def on_choice_changed(self, event: Choice.Changed) -> None:
        self.changes.append(event.value)


async def test_keys_move_the_cursor_and_enter_or_space_choose() -> None:
    app = Host(value="todo")
    async with app.run_test() as pilot:
        await pilot.press("tab")
        choice = app.query_one(Choice)
        assert app.focused is choice and choice.cursor == 0
        await pilot.press("right")
        assert choice.value == "todo" and app.changes == []  # moving alone chooses nothing
        await pilot.press("enter")
        assert choice.value == "done" and app.changes == ["done"]
        await pilot.press("down", "space")
        assert choice.value == "n/a"
        await pilot.press("right")  # wraps round to the first
        assert choice.cursor == 0
        await pilot.press("left", "enter")  # already chosen: no second message
        assert app.changes == ["done", "n/a"]


async def test_the_chosen_option_is_marked_and_focus_starts_on_it() -> None:
    app = Host(value="done")
    async with app.run_test() as pilot:
        text = screen_text(app)
        assert f"{NOT_CHOSEN} To do   {CHOSEN} Done   {NOT_CHOSEN} Not applicable" in text
        await pilot.press("tab")
        assert app.query_one(Choice).cursor == 1


async def test_nothing_chosen_yet_shows_no_mark() -> None:
    app = Host()
    async with app.run_test() as pilot:
        assert CHOSEN not in screen_text(app)
        await pilot.press("tab", "enter")
        assert app.changes == ["todo"]
        assert f"{CHOSEN} To do" in screen_text(app)


async def test_a_click_on_an_option_chooses_it() -> None:
    app = Host(value="todo")
    async with app.run_test() as pilot:
        choice = app.query_one(Choice)
        line = screen_text(app).splitlines()[choice.region.y]
        column = line.index("Not applicable") - choice.region.x
        await pilot.click(Choice, offset=(column + 2, 0))
        assert choice.value == "n/a" and app.changes == ["n/a"]
        assert app.focused is choice


async def test_long_vertical_choices_wrap_under_their_own_text() -> None:
    long = "Say 'patient aged 90 or older', since ages over 89 are identifiers " * 2

    class Narrow(App[None]):
        def compose(self) -> ComposeResult:
            yield Choice([("Short", "a"), (long, "b")], vertical=True)

    app = Narrow()
    async with app.run_test(size=(40, 12)):
        lines = [line.rstrip() for line in screen_text(app).splitlines() if line.strip()]
        assert lines[0].strip() == f"{NOT_CHOSEN} Short"
        assert lines[1].strip().startswith(f"{NOT_CHOSEN} Say")
        mark_column = lines[1].index(NOT_CHOSEN)
        # the wrapped lines start where the text starts, not under the mark
        assert all(line[: mark_column + 2].strip() == "" for line in lines[2:])
        assert len(lines) > 3


async def test_a_click_in_the_policy_step_is_saved_in_the_plan(tmp_path) -> None:
    plan_path = tmp_path / "plan.toml"
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_steps(pilot, "policy")
        item = app.content.policy_items[0]
        selector = f"#state-{item.id}"
        choice = app.screen.query_one(selector, Choice)
        line = screen_text(app).splitlines()[choice.region.y]
        await pilot.click(selector, offset=(line.index("Done") - choice.region.x, 0))
        await pilot.pause()
        assert app.plan.policy.items[item.id].state is ItemState.DONE
        await pilot.press("ctrl+q")
    assert load_plan(plan_path).policy.items[item.id].state is ItemState.DONE


async def test_the_cursor_shows_without_colour_too() -> None:
    """With NO_COLOR only text styles remain: the cursor is underlined, the choice is bold."""
    app = Host(value="todo")
    async with app.run_test() as pilot:
        await pilot.press("tab", "right")
        choice = app.query_one(Choice)
        styles = {
            segment.text.strip(): segment.style
            for segment in choice.render_line(0)
            if segment.text.strip()
        }
        assert styles["Done"].underline and not styles["To do"].underline
        assert styles["To do"].bold and not styles["Not applicable"].bold
