"""The plan at a glance: what the review shows above the full text, on one screen.

The full plan is a long page; a person coming back wants four things first: which steps are
done and what is open, the platforms they chose and how well they fit, the next three things
to do, and the next dates. Built from the same rules as the step bar (progress), the next
actions (actions) and the calendar (calendar_ics), so the glance never disagrees with them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from socialcoach.actions import next_actions
from socialcoach.calendar_ics import calendar_events
from socialcoach.content import Content
from socialcoach.export import md
from socialcoach.models import STEP_ORDER, Plan, Status
from socialcoach.progress import missing, policy_open, reviewed_not_finished

SHOWN_ACTIONS = 3
SHOWN_DATES = 3
_STATUS_WORDS = {Status.DONE: "done", Status.IN_PROGRESS: "started", Status.NOT_STARTED: "to do"}


@dataclass(frozen=True)
class StepGlance:
    number: int
    title: str
    status: str  # "done", "started", "to do"
    open: str  # what is still open, "" when nothing is


@dataclass(frozen=True)
class Glance:
    steps: list[StepGlance]
    platforms: list[tuple[str, int, str]]  # name, fit score, why
    actions: list[str]
    more_actions: int
    dates: list[tuple[dt.date, str]]


def glance(plan: Plan, content: Content, today: dt.date | None = None) -> Glance:
    today = today or dt.date.today()
    steps = []
    for step_id in STEP_ORDER:
        step = content.steps[step_id]
        still = missing(plan, content, step_id)
        status = _STATUS_WORDS[plan.status(step_id)]
        if step_id == "policy":
            todo, total = policy_open(plan, content)
            still = f"{todo} of {total} items to find out" if todo else ""
            if reviewed_not_finished(plan, content, step_id):
                status = "reviewed"
        steps.append(StepGlance(step.number, step.title, status, still))
    platforms = [
        (content.platform_name(choice.platform), choice.score, choice.reason)
        for choice in plan.platforms.chosen
    ]
    actions = [action.text for action in next_actions(plan, content)]
    upcoming = sorted(
        (event.start, event.summary)
        for event in calendar_events(plan, content, posting_reminders=False)
        if event.start >= today
    )
    return Glance(
        steps=steps,
        platforms=platforms,
        actions=actions[:SHOWN_ACTIONS],
        more_actions=max(0, len(actions) - SHOWN_ACTIONS),
        dates=upcoming[:SHOWN_DATES],
    )


def render_glance(view: Glance) -> str:
    """The glance as short Markdown lines; the review draws it above the whole plan."""
    lines = ["## At a glance", ""]
    for step in view.steps:
        open_part = f": {step.open}" if step.open else ""
        lines.append(f"- **{step.number}. {md(step.title)}**: {step.status}{md(open_part)}")
    lines.append("")
    if view.platforms:
        chosen = "; ".join(f"{md(name)} (fit {score})" for name, score, _why in view.platforms)
        lines.append(f"**Platforms:** {chosen}")
    else:
        lines.append("**Platforms:** none chosen yet (step 2)")
    lines += ["", "**Next:**"]
    if view.actions:
        lines += [f"{n}. {md(text)}" for n, text in enumerate(view.actions, 1)]
        if view.more_actions:
            lines += ["", f"And {view.more_actions} more in Next actions below."]
    else:
        lines.append("Nothing open.")
    lines += ["", "**Dates:**"]
    if view.dates:
        lines += [f"- {when.isoformat()}: {md(what)}" for when, what in view.dates]
    else:
        lines.append("none yet (the audit date is set in step 6)")
    return "\n".join(lines) + "\n"
