"""The calendar export, read back by a real iCalendar parser, from the core, the CLI and the app."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
from textual.widgets import Checkbox, Input

from socialcoach.app import SocialCoachApp
from socialcoach.calendar_ics import escape_text, fold, render_ics
from socialcoach.content import policy_items_for
from socialcoach.models import ItemState, PolicyAnswer
from socialcoach.screens.dialogs import ExportDialog
from socialcoach.screens.review import ReviewScreen
from socialcoach.store import save_plan

from helpers import click_shown
from sample import FIXED_TIME, sample_plan

SIZE = (100, 30)
LAST_AUDIT = dt.date(2026, 10, 20)


@pytest.fixture
def plan(content):
    plan = sample_plan(content)
    plan.profile.last_audit = LAST_AUDIT
    plan.profile.audit_days = 60
    return plan


def events(text: str) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return list(calendar.walk("VEVENT"))


def by_summary(text: str) -> dict[str, icalendar.Event]:
    return {str(event["SUMMARY"]): event for event in events(text)}


def open_policy_titles(plan, content) -> list[str]:
    basics = plan.basics  # only the items for the user's career stage and country
    return [
        item.title
        for item in policy_items_for(content, basics.career_stage.value, basics.region)
        if plan.policy.items.get(item.id, PolicyAnswer()).state is ItemState.TODO
    ]


def test_every_event_parses_with_the_dates_the_plan_sets(plan, content):
    text = render_ics(plan, content)
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["VERSION"] == "2.0"
    assert "socialcoach" in str(calendar["PRODID"])
    parsed = events(text)
    open_titles = open_policy_titles(plan, content)
    assert len(parsed) == len(open_titles) + 2  # policy items, the audit, the posting rhythm
    first = FIXED_TIME.date() + dt.timedelta(days=7)
    days = []
    for event, title in zip(parsed, open_titles, strict=False):
        assert str(event["SUMMARY"]) == f"Policy check: {title}"
        start = event.decoded("DTSTART")
        days.append(start)
        assert event.decoded("DTEND") == start + dt.timedelta(days=1)
        assert "RRULE" not in event
        description = str(event["DESCRIPTION"])
        # each item keeps its own person; the user's contact is added, not swapped in
        assert (
            "Your contact for policy questions: Sam Lee, Communications (comms@example.org)."
            in (description)
        )
        assert "Where this advice comes from:" in description and "https://" in description
    # one a working day from a week on, not all on the same day
    assert days[0] >= first and (days[0] - first).days < 3
    assert len(set(days)) == len(days) and days == sorted(days)
    assert all(day.weekday() < 5 for day in days)
    audit, posting = parsed[-2:]
    assert str(audit["SUMMARY"]) == "Audit your social media profiles"
    assert audit.decoded("DTSTART") == LAST_AUDIT + dt.timedelta(days=60)
    assert audit["RRULE"] == {"FREQ": ["DAILY"], "INTERVAL": [60]}
    assert "Repeats every 60 days" in str(audit["DESCRIPTION"])
    assert str(posting["SUMMARY"]) == "Posting rhythm: about 3 posts this week"
    start = posting.decoded("DTSTART")
    assert start.weekday() == 0 and FIXED_TIME.date() < start <= FIXED_TIME.date() + dt.timedelta(7)
    assert posting["RRULE"]["FREQ"] == ["WEEKLY"]
    assert "Neuro case of the week" in str(posting["DESCRIPTION"])
    for event in parsed:
        assert event.decoded("DTSTAMP") == FIXED_TIME
        assert str(event["UID"]).endswith("@socialcoach")
        assert isinstance(event.decoded("DTSTART"), dt.date)
        assert not isinstance(event.decoded("DTSTART"), dt.datetime)  # all-day events
    assert len({str(event["UID"]) for event in parsed}) == len(parsed)


def test_the_note_on_an_open_item_is_in_its_event(plan, content):
    summaries = by_summary(render_ics(plan, content))
    title = content.policy_items[2].title  # the sample's open item with a note
    assert "Your note: Ask at the next staff meeting" in str(
        summaries[f"Policy check: {title}"]["DESCRIPTION"]
    )


def test_done_and_not_applicable_items_are_left_out(plan, content):
    summaries = by_summary(render_ics(plan, content))
    for item in content.policy_items[:2]:  # done, and not applicable, in the sample
        assert f"Policy check: {item.title}" not in summaries


def test_no_audit_event_before_the_checklist_sets_a_date(plan, content):
    plan.profile.last_audit = None
    summaries = by_summary(render_ics(plan, content))
    assert "Audit your social media profiles" not in summaries


def test_posting_reminders_can_be_left_out(plan, content):
    summaries = by_summary(render_ics(plan, content, posting_reminders=False))
    assert not [s for s in summaries if s.startswith("Posting rhythm")]
    plan.audience.posts_per_week = 0
    summaries = by_summary(render_ics(plan, content))
    assert not [s for s in summaries if s.startswith("Posting rhythm")]


def test_the_same_plan_gives_the_same_bytes(plan, content):
    assert render_ics(plan, content) == render_ics(plan.model_copy(deep=True), content)


def test_uids_stay_the_same_when_the_plan_changes_so_a_reimport_updates(plan, content):
    before = {str(e["SUMMARY"]): str(e["UID"]) for e in events(render_ics(plan, content))}
    later = plan.model_copy(deep=True)
    later.updated = FIXED_TIME + dt.timedelta(days=3)
    later.profile.last_audit = LAST_AUDIT + dt.timedelta(days=30)
    later.audience.posts_per_week = 3
    after_events = events(render_ics(later, content))
    after = {str(e["SUMMARY"]): str(e["UID"]) for e in after_events}
    assert after == before
    assert all(int(e["SEQUENCE"]) > 0 for e in after_events)  # a newer revision
    other = sample_plan(content)
    other.created = FIXED_TIME - dt.timedelta(days=1)
    assert not set(before.values()) & {str(e["UID"]) for e in events(render_ics(other, content))}


def test_lines_end_in_crlf_and_are_folded_at_75_octets(plan, content):
    raw = render_ics(plan, content).encode("utf-8")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long descriptions were folded
    for line in lines:
        line.decode("utf-8")  # no line was cut inside a character


def test_folding_never_splits_a_multibyte_character():
    line = "SUMMARY:" + "é" * 100 + "🩻" * 30
    folded = fold(line).encode("utf-8")
    for part in folded.split(b"\r\n"):
        assert len(part) <= 75
        part.decode("utf-8")
    assert folded.replace(b"\r\n ", b"").decode() == line


def test_user_text_is_escaped_and_read_back_exactly(plan, content):
    nasty = "Ask Dr. O'Neil; then, maybe, C:\\policies\nsecond line\r\nthird; done"
    plan.policy.items[content.policy_items[2].id] = PolicyAnswer(note=nasty)
    plan.policy.contact_name = "Lee, Sam; Comms\\Office"
    plan.audience.themes = ["Dose, in plain words; really", "Line one\nline two", ""]
    plan.basics.display_name = "Dr Rivera, MD; neuro"
    text = render_ics(plan, content)
    calendar = icalendar.Calendar.from_ical(text)
    # icalendar keeps an X- property's value raw, so compare it escaped
    assert str(calendar["X-WR-CALNAME"]) == "socialcoach: Dr Rivera\\, MD\\; neuro"
    title = content.policy_items[2].title
    description = str(by_summary(text)[f"Policy check: {title}"]["DESCRIPTION"])
    assert "Your note: Ask Dr. O'Neil; then, maybe, C:\\policies\nsecond line\nthird; done" in (
        description
    )
    assert "Your contact for policy questions: Lee, Sam; Comms\\Office (comms@example.org)." in (
        description
    )
    posting = str(by_summary(text)["Posting rhythm: about 3 posts this week"]["DESCRIPTION"])
    assert "Dose, in plain words; really; Line one\nline two." in posting


def test_escape_text_follows_rfc_5545():
    assert escape_text("a\\b;c,d\ne\r\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng"
    assert escape_text("bell\x07 tab\t") == "bell tab\t"


def run(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOCIALCOACH_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "socialcoach", *args], capture_output=True, env=env, timeout=60
    )


def test_the_calendar_command_writes_the_same_file_twice(
    isolated_home: Path, plan_path: Path, plan, content, tmp_path: Path
):
    save_plan(plan, plan_path)
    out = tmp_path / "out" / "plan.ics"
    out.parent.mkdir()
    result = run("calendar", "-o", str(out), home=isolated_home)
    assert result.returncode == 0, result.stderr
    assert str(out).encode() in result.stderr
    first = out.read_bytes()
    assert run("calendar", "-o", str(out), home=isolated_home).returncode == 0
    assert out.read_bytes() == first
    stdout = run("calendar", home=isolated_home)
    assert stdout.returncode == 0
    assert stdout.stdout == first
    saved = events(first.decode())
    assert len(saved) == len(open_policy_titles(plan, content)) + 2
    without = run("calendar", "--no-posting-reminders", home=isolated_home)
    assert len(events(without.stdout.decode())) == len(saved) - 1


def test_the_calendar_command_without_a_plan_says_how_to_make_one(isolated_home: Path):
    result = run("calendar", home=isolated_home)
    assert result.returncode == 2
    assert b"no plan at" in result.stderr


async def test_the_review_screen_writes_the_calendar_to_the_documents_folder(plan_path: Path, plan):
    save_plan(plan, plan_path)
    documents = Path.home() / "Documents"
    documents.mkdir(parents=True)
    app = SocialCoachApp(plan_path=plan_path)
    target = documents / "socialcoach-plan.ics"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await click_shown(pilot, "#review")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await click_shown(pilot, "#calendar")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one("#export-path", Input).value == str(target)
        assert app.screen.query_one("#export-option", Checkbox).value is True
        app.screen.query_one("#export-path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        summaries = by_summary(target.read_text())
        assert "Audit your social media profiles" in summaries
        assert "Posting rhythm: about 3 posts this week" in summaries
        await pilot.press("c")  # the key, and this time without the weekly reminder
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#export-option", Checkbox).value = False
        app.screen.query_one("#export-path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
    summaries = by_summary(target.read_text())
    assert not [s for s in summaries if s.startswith("Posting rhythm")]
    assert "Audit your social media profiles" in summaries


def test_the_leadership_talk_and_its_follow_up_are_events_of_their_own(plan, content):
    from socialcoach.models import LeadershipTalk

    plan.policy.leadership = LeadershipTalk(with_whom="Dr Lee", talk_date=dt.date(2026, 11, 2))
    planned = by_summary(render_ics(plan, content))
    talk = planned["Talk with Dr Lee about your social media plans"]
    assert talk.decoded("DTSTART") == dt.date(2026, 11, 2)
    uid = str(talk["UID"])
    # Once held, the talk's event goes and the follow-up carries what was agreed.
    plan.policy.leadership.agreed = "A teaching account; I draft the rules"
    plan.policy.leadership.follow_up = dt.date(2026, 12, 7)
    plan.policy.leadership.changes = ["Draft the posting rules"]
    held = by_summary(render_ics(plan, content))
    assert "Talk with Dr Lee about your social media plans" not in held
    follow = held["Follow up with Dr Lee: leadership conversation"]
    assert follow.decoded("DTSTART") == dt.date(2026, 12, 7)
    description = str(follow["DESCRIPTION"])
    assert "Agreed: A teaching account; I draft the rules" in description
    assert "Agreed changes: Draft the posting rules." in description
    assert str(follow["UID"]) != uid
    assert render_ics(plan, content) == render_ics(plan, content)  # same plan, same bytes


def test_the_audit_event_lists_the_self_audit_checklist(plan, content):
    audit = by_summary(render_ics(plan, content))["Audit your social media profiles"]
    description = str(audit["DESCRIPTION"])
    assert "Self-audit checklist, what to look for:" in description
    assert "- Accounts pretending to be you:" in description
    assert "- Reviews to answer, or not:" in description
