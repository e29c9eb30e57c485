"""The leadership conversation of step 1, followed through: dates checked, actions and events.

The article's first practice is to engage senior leadership before going big. The plan keeps a
record of that conversation (models.LeadershipTalk); this module turns the record into what the
user acts on: next actions (the talk, the follow-up, each agreed change), calendar events and
the lines of the Markdown export. Plain functions, no UI.
"""

from __future__ import annotations

import datetime as dt
import re

from socialcoach.models import LeadershipTalk

LEADERSHIP_ITEM = "leadership-talk"  # the policy item the record belongs to
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


class DateError(ValueError):
    """A date the user typed that cannot be used; the message says what to type instead."""


def parse_date(text: str, what: str = "date") -> dt.date | None:
    """A typed date (YYYY-MM-DD), or None when the field is empty; DateError when it is wrong.

    Only ISO dates: 03/04/2026 means March in one country and April in another.
    """
    if not text.strip():
        return None
    match = _ISO.match(text)
    if not match:
        raise DateError(f"The {what} {text.strip()!r} is not a date; type it as YYYY-MM-DD.")
    try:
        value = dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise DateError(
            f"The {what} {text.strip()!r} does not exist; check the month and day."
        ) from None
    if not EARLIEST <= value <= LATEST:
        raise DateError(f"The {what} {value.isoformat()} is out of range; check the year.")
    return value


def follow_up_problem(talk: LeadershipTalk) -> str:
    """A follow-up set before the conversation itself is almost surely a typo."""
    if talk.talk_date and talk.follow_up and talk.follow_up < talk.talk_date:
        return (
            f"The follow-up ({talk.follow_up.isoformat()}) is before the conversation "
            f"({talk.talk_date.isoformat()}); check the dates."
        )
    return ""


def _who(talk: LeadershipTalk) -> str:
    return talk.with_whom.strip() or "leadership"


def changes(talk: LeadershipTalk) -> list[str]:
    """The agreed changes, one per non-empty line, without list markers the user typed."""
    found = []
    for line in talk.changes:
        text = line.strip().lstrip("-*• ").strip()
        if text:
            found.append(text)
    return found


def leadership_actions(talk: LeadershipTalk, today: dt.date | None = None) -> list[tuple]:
    """(text, due date or None) for each next action the record asks for, in order."""
    if talk.is_empty():
        return []  # the step 1 item itself is the action until something is recorded
    today = today or dt.date.today()
    actions: list[tuple] = []
    held = bool(talk.agreed.strip()) or (talk.talk_date is not None and talk.talk_date <= today)
    if not held:
        when = f" on {talk.talk_date.isoformat()}" if talk.talk_date else ""
        actions.append(
            (f"Talk with {_who(talk)}{when} about your plans for social media.", talk.talk_date)
        )
    if talk.follow_up:
        actions.append(
            (
                f"Follow up with {_who(talk)} on {talk.follow_up.isoformat()}: "
                "the leadership conversation.",
                talk.follow_up,
            )
        )
    for change in changes(talk):
        actions.append((f"Agreed with {_who(talk)}: {change}", None))
    return actions


def summary_lines(talk: LeadershipTalk) -> list[str]:
    """Plain sentences for the export and the calendar: who, when, agreed, follow-up."""
    lines = []
    if talk.with_whom.strip() or talk.talk_date:
        when = f" on {talk.talk_date.isoformat()}" if talk.talk_date else ""
        lines.append(f"With {_who(talk)}{when}.")
    if talk.agreed.strip():
        lines.append(f"Agreed: {' '.join(talk.agreed.split())}")
    if talk.follow_up:
        lines.append(f"Next follow-up: {talk.follow_up.isoformat()}.")
    return lines
