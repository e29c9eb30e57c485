"""The leadership conversation of step 1 is recorded and followed through: next actions,
calendar, export; its dates are checked as they are typed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input, Static, TextArea

from socialcoach.actions import next_actions
from socialcoach.app import SocialCoachApp
from socialcoach.calendar_ics import render_ics
from socialcoach.export import render_markdown
from socialcoach.followup import DateError, follow_up_problem, leadership_actions, parse_date
from socialcoach.models import LeadershipTalk, Plan
from socialcoach.store import load_plan

from helpers import open_steps, tab_to, until


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-03-15", dt.date(2026, 3, 15)), (" 2026-3-5 ", dt.date(2026, 3, 5)), ("", None)],
)
def test_iso_dates_are_read_and_an_empty_field_is_no_date(text: str, expected) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("15/03/2026", "is not a date; type it as YYYY-MM-DD"),
        ("next week", "is not a date"),
        ("2026-02-30", "does not exist; check the month and day"),
        ("1926-02-03", "out of range; check the year"),
    ],
)
def test_a_wrong_date_says_what_to_type(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_date(text, "follow-up date")


def test_a_follow_up_before_the_conversation_is_pointed_out() -> None:
    talk = LeadershipTalk(talk_date=dt.date(2026, 3, 1), follow_up=dt.date(2026, 2, 1))
    assert "before the conversation" in follow_up_problem(talk)
    assert follow_up_problem(LeadershipTalk(follow_up=dt.date(2026, 2, 1))) == ""


def test_a_planned_talk_the_follow_up_and_each_agreed_change_are_next_actions() -> None:
    planned = LeadershipTalk(with_whom="Dr Lee", talk_date=dt.date(2026, 5, 1))
    assert leadership_actions(planned, today=dt.date(2026, 4, 1)) == [
        ("Talk with Dr Lee on 2026-05-01 about your plans for social media.", dt.date(2026, 5, 1))
    ]
    held = LeadershipTalk(
        with_whom="Dr Lee",
        talk_date=dt.date(2026, 3, 1),
        agreed="A teaching account from April",
        follow_up=dt.date(2026, 4, 15),
        changes=["- Start the department teaching account", "  ", "Ask for a handle"],
    )
    assert leadership_actions(held, today=dt.date(2026, 4, 1)) == [
        ("Follow up with Dr Lee on 2026-04-15: the leadership conversation.", dt.date(2026, 4, 15)),
        ("Agreed with Dr Lee: Start the department teaching account", None),
        ("Agreed with Dr Lee: Ask for a handle", None),
    ]


def test_an_empty_record_adds_nothing_to_actions_export_or_calendar(content) -> None:
    plan = Plan()
    assert leadership_actions(plan.policy.leadership) == []
    assert not any("your plans for social media" in a.text for a in next_actions(plan, content))
    assert "Leadership conversation" not in render_markdown(plan, content)
    assert "leadership conversation" not in render_ics(plan, content).lower()


async def test_recording_the_conversation_shows_in_next_actions_calendar_and_export(
    plan_path: Path, content
):
    app = SocialCoachApp(plan_path=plan_path, content=content)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard = await open_steps(pilot, "policy")
        await tab_to(pilot, "talk-with")
        await pilot.press(*"Dr Lee, chair")
        await tab_to(pilot, "talk-date")
        await pilot.press(*"2026-13-01")
        problem = wizard.query_one("#talk-problem", Static)
        await until(pilot, lambda: "does not exist" in str(problem.render()), "date refused")
        assert app.plan.policy.leadership.talk_date is None  # nothing wrong is kept
        await pilot.press(*["backspace"] * 5, *"02-10")
        await until(pilot, lambda: str(problem.render()) == "", "date accepted")
        await tab_to(pilot, "talk-agreed")
        await pilot.press(*"A department teaching account from April")
        await tab_to(pilot, "talk-follow-up")
        await pilot.press(*"2026-04-15")
        await tab_to(pilot, "talk-changes")
        await pilot.press(
            *"Start the teaching account", "enter", *"Ask Communications for a handle"
        )
        await pilot.pause()
        talk = app.plan.policy.leadership
        assert talk.talk_date == dt.date(2026, 2, 10)
        assert talk.follow_up == dt.date(2026, 4, 15)
        # The review shows the next actions, as the export will.
        await pilot.press("ctrl+r")
        await pilot.pause()
        review = app.screen.query_one("#plan-md").source
        assert "Follow up with Dr Lee, chair on 2026-04-15" in review
        assert "Agreed with Dr Lee, chair: Start the teaching account" in review
        await pilot.press("ctrl+q")
    plan = load_plan(plan_path)
    assert plan.policy.leadership.changes == [
        "Start the teaching account",
        "Ask Communications for a handle",
    ]
    actions = next_actions(plan, content)
    follow = [a for a in actions if a.text.startswith("Follow up with Dr Lee")]
    assert follow and follow[0].due == dt.date(2026, 4, 15)
    ics = render_ics(plan, content)
    assert "SUMMARY:Follow up with Dr Lee\\, chair: leadership conversation" in ics
    assert "DTSTART;VALUE=DATE:20260415" in ics
    export = render_markdown(plan, content)
    assert "**Leadership conversation:**" in export
    assert "- Agreed: A department teaching account from April" in export
    assert "- Next follow-up: 2026-04-15." in export
    assert "- [ ] Agreed change: Start the teaching account" in export


async def test_a_saved_record_is_shown_again_when_the_step_is_opened(plan_path: Path, content):
    from socialcoach.store import save_plan

    plan = Plan()
    plan.policy.leadership = LeadershipTalk(
        with_whom="Dr Okafor", follow_up=dt.date(2026, 6, 1), changes=["Share the plan"]
    )
    save_plan(plan, plan_path)
    app = SocialCoachApp(plan_path=plan_path, content=content)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard = await open_steps(pilot, "policy")
        assert wizard.query_one("#talk-with", Input).value == "Dr Okafor"
        assert wizard.query_one("#talk-follow-up", Input).value == "2026-06-01"
        assert wizard.query_one("#talk-changes", TextArea).text == "Share the plan"
        await pilot.press("ctrl+q")
    assert load_plan(plan_path).policy.leadership.follow_up == dt.date(2026, 6, 1)
