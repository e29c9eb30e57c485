"""Plan -> iCalendar (RFC 5545): the dates the plan sets, for the calendar the user already has.

Written by hand with the standard library, so the core needs no calendar package. What goes in:

- each open policy item (not ticked and not "not applicable"): an all-day event a week after the
  plan was last updated, a nudge to ask; it moves with each export while the item stays open;
- the conversation with leadership (step 1), while it is planned and nothing is agreed yet,
  and its next follow-up date, each on its own day;
- the next profile audit, once step 6 has set one: an all-day event repeating at the chosen
  rhythm (FREQ=DAILY;INTERVAL=<audit days>), carrying the self-audit checklist;
- the posting rhythm, unless left out: an all-day event every Monday from the Monday after the
  plan was last updated (FREQ=WEEKLY).

Every event is VEVENT, not VTODO, because several calendars ignore imported tasks. Events are
transparent (shown as free time). The same plan gives the same bytes: DTSTAMP is the plan's
`updated` time, and each UID is a hash of the plan's `created` time and the action, so
importing a newer export updates the events instead of adding copies. Completed items are left
out; calendars do not delete events on import, so remove those yourself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from socialcoach import __version__
from socialcoach.content import Content, Sourced, policy_items_for, source_label
from socialcoach.followup import LEADERSHIP_ITEM, summary_lines
from socialcoach.followup import changes as agreed_changes
from socialcoach.models import ItemState, Plan

POLICY_FOLLOW_UP_DAYS = 7
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Event:
    """One all-day calendar event; `key` names the action and makes the UID."""

    key: str
    summary: str
    description: str
    start: dt.date
    rrule: str = ""
    categories: tuple[str, ...] = field(default_factory=tuple)


def escape_text(text: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and newlines escaped; controls dropped."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line at `limit` octets (CRLF + space), never inside a UTF-8 character."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    room = limit
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > room:
            parts.append("".join(current))
            current, size, room = [], 0, limit - 1  # continuation lines start with a space
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def uid(plan: Plan, key: str) -> str:
    """Stable for the life of the plan: the same action gets the same UID in every export."""
    digest = hashlib.sha256(f"{_utc(plan.created).isoformat()}|{key}".encode()).hexdigest()
    return f"{digest[:32]}@socialcoach"


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _stamp(moment: dt.datetime) -> str:
    return _utc(moment).strftime("%Y%m%dT%H%M%SZ")


def _sources(content: Content, items: list[Sourced]) -> str:
    cited = content.cited(items)
    if not cited:
        return ""
    return "\n\nWhere this advice comes from:\n" + "\n".join(
        f"- {source.name} ({source_label(source)}): {source.url}" for source in cited
    )


def _working_day(first: dt.date, n: int) -> dt.date:
    """The n-th working day (Monday to Friday) on or after `first`."""
    day = first
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    for _ in range(n):
        day += dt.timedelta(days=1)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
    return day


def _policy_events(plan: Plan, content: Content) -> list[Event]:
    events: list[Event] = []
    due = _utc(plan.updated).date() + dt.timedelta(days=POLICY_FOLLOW_UP_DAYS)
    contact = plan.policy.contact_name.strip()
    if plan.policy.contact_email.strip():
        contact = f"{contact} ({plan.policy.contact_email.strip()})".strip()
    basics = plan.basics
    open_items = [
        item
        for item in policy_items_for(content, basics.career_stage.value, basics.region)
        if (answer := plan.policy.items.get(item.id)) is None or answer.state is ItemState.TODO
    ]
    for number, item in enumerate(open_items):
        # One a working day from the first: eight questions for eight offices on one day is
        # not a plan anyone keeps.
        start = _working_day(due, number)
        answer = plan.policy.items.get(item.id)
        lines = [item.explain]
        if item.ask_who:  # the item's own person, not replaced by the user's contact
            lines.append(f"Who to ask: {item.ask_who}.")
        if contact:
            lines.append(f"Your contact for policy questions: {contact}.")
        if answer is not None and answer.note.strip():
            lines.append(f"Your note: {answer.note.strip()}")
        lines.append("Then tick it off in socialcoach, step 1 (Policy check).")
        events.append(
            Event(
                key=f"policy:{item.id}",
                summary=f"Policy check: {item.title.rstrip('.')}",
                description="\n".join(lines) + _sources(content, [item]),
                start=start,
                categories=("socialcoach", "policy"),
            )
        )
    return events


def _audit_event(plan: Plan, content: Content) -> list[Event]:
    due = plan.profile.next_audit
    if due is None:
        return []
    days = plan.profile.audit_days
    names = [content.platform_name(p) for p in plan.platforms.chosen_ids()]
    lines = [
        "Search for your name, then check each professional profile against the checklist: "
        + "; ".join(item.title for item in content.profile_items)
        + ".",
    ]
    if names:
        lines.append(f"Profiles: {', '.join(names)}.")
    checks = _audit_checks(content)
    if checks:
        lines.append("Self-audit checklist, what to look for:")
        lines += [f"- {check.title}: {check.explain}" for check in checks]
        lines.append(
            "The searches to run on your name and handles are listed in socialcoach, step 6."
        )
    lines.append(
        f"Repeats every {days} days. Record the audit in socialcoach, step 6 (Profile), "
        "then export the calendar again to move the next one."
    )
    cited: list[Sourced] = [content.steps["profile"], *content.profile_items, *checks]
    return [
        Event(
            key="profile:audit",
            summary="Audit your social media profiles",
            description="\n".join(lines) + _sources(content, cited),
            start=due,
            rrule=f"FREQ=DAILY;INTERVAL={days}",
            categories=("socialcoach", "profile"),
        )
    ]


def _audit_checks(content: Content) -> list:
    """The self-audit checklist, or none if its content cannot be loaded (the event still goes)."""
    from socialcoach import self_audit
    from socialcoach.content import ContentError

    try:
        return list(self_audit.load_builtin(content).checks)
    except ContentError:
        return []


def _leadership_events(plan: Plan, content: Content) -> list[Event]:
    """The planned conversation with leadership, and its follow-up, on their own dates."""
    talk = plan.policy.leadership
    who = talk.with_whom.strip() or "leadership"
    cited: list[Sourced] = [i for i in content.policy_items if i.id == LEADERSHIP_ITEM]
    agreed = agreed_changes(talk)
    details = summary_lines(talk) + ([f"Agreed changes: {'; '.join(agreed)}."] if agreed else [])

    def event(key: str, summary: str, then: str, start: dt.date) -> Event:
        return Event(
            key=f"policy:{key}",
            summary=summary,
            description="\n".join([*details, f"{then} in socialcoach, step 1 (Policy check)."])
            + _sources(content, cited),
            start=start,
            categories=("socialcoach", "policy"),
        )

    events: list[Event] = []
    if talk.talk_date and not talk.agreed.strip():
        summary = f"Talk with {who} about your social media plans"
        events.append(event("leadership-talk", summary, "Record what was agreed", talk.talk_date))
    if talk.follow_up:
        summary = f"Follow up with {who}: leadership conversation"
        events.append(event("leadership-follow-up", summary, "Update the record", talk.follow_up))
    return events


def _posting_event(plan: Plan, content: Content) -> list[Event]:
    per_week = plan.audience.posts_per_week
    if not per_week:
        return []
    updated = _utc(plan.updated).date()
    monday = updated + dt.timedelta(days=7 - updated.weekday())  # the Monday after
    lines = [f"Plan and post about {per_week} time{'s' if per_week != 1 else ''} this week."]
    themes = [theme.strip() for theme in plan.audience.themes if theme.strip()]
    if themes:
        lines.append("Your themes: " + "; ".join(themes) + ".")
    lines.append(
        "Before each post, run the draft through the patient-privacy checker "
        "(socialcoach check-post)."
    )
    cited: list[Sourced] = [content.steps["audience"], content.steps["phi"]]
    return [
        Event(
            key="audience:posting-rhythm",
            summary=f"Posting rhythm: about {per_week} post{'s' if per_week != 1 else ''} "
            "this week",
            description="\n".join(lines) + _sources(content, cited),
            start=monday,
            rrule="FREQ=WEEKLY;BYDAY=MO",
            categories=("socialcoach", "posting"),
        )
    ]


def calendar_events(plan: Plan, content: Content, posting_reminders: bool = True) -> list[Event]:
    """The plan's dated actions, in a fixed order: policy items, leadership, audit, posting."""
    events = (
        _policy_events(plan, content)
        + _leadership_events(plan, content)
        + _audit_event(plan, content)
    )
    if posting_reminders:
        events += _posting_event(plan, content)
    return events


def _sequence(plan: Plan) -> int:
    """Grows with every save of the plan, so calendars treat a newer export as a revision."""
    minutes = (_utc(plan.updated) - _utc(plan.created)).total_seconds() // 60
    return max(0, int(minutes))


def render_ics(plan: Plan, content: Content, posting_reminders: bool = True) -> str:
    """The whole VCALENDAR as text with CRLF line endings and folded lines."""
    name = plan.basics.display_name.strip()
    calendar_name = f"socialcoach: {name}" if name else "socialcoach plan"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//socialcoach//socialcoach {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(calendar_name)}",
    ]
    stamp = _stamp(plan.updated)
    sequence = _sequence(plan)
    for event in calendar_events(plan, content, posting_reminders):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid(plan, event.key)}",
            f"DTSTAMP:{stamp}",
            f"LAST-MODIFIED:{stamp}",
            f"SEQUENCE:{sequence}",
            f"DTSTART;VALUE=DATE:{event.start.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(event.start + dt.timedelta(days=1)).strftime('%Y%m%d')}",
        ]
        if event.rrule:
            lines.append(f"RRULE:{event.rrule}")
        lines += [
            f"SUMMARY:{escape_text(event.summary)}",
            f"DESCRIPTION:{escape_text(event.description)}",
        ]
        if event.categories:
            lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in event.categories))
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
