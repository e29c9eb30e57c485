"""A fixed, fully synthetic sample plan used by export, CLI and screenshot tests."""

from __future__ import annotations

import datetime as dt

from socialcoach.content import Content
from socialcoach.models import (
    AccountPlan,
    AccountSplit,
    Basics,
    CareerStage,
    ItemState,
    Plan,
    PlatformChoice,
    PolicyAnswer,
    Status,
    Visibility,
)
from socialcoach.picker import rank

FIXED_TIME = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)


def sample_plan(content: Content) -> Plan:
    plan = Plan(created=FIXED_TIME, updated=FIXED_TIME)
    plan.basics = Basics(
        display_name="Dr Jane Rivera",
        subspecialty="neuro",
        career_stage=CareerStage.FELLOW,
        organisation="Example General Hospital",
    )
    items = content.policy_items
    plan.policy.items = {
        items[0].id: PolicyAnswer(state=ItemState.DONE, note="Intranet page, updated 2025"),
        items[1].id: PolicyAnswer(state=ItemState.NOT_APPLICABLE),
        items[2].id: PolicyAnswer(state=ItemState.TODO, note="Ask at the next staff meeting"),
    }
    plan.policy.contact_name = "Sam Lee, Communications"
    plan.policy.contact_email = "comms@example.org"
    plan.policy.status = Status.DONE
    plan.platforms.goals = ["teach", "learn"]
    ranked = rank(content, plan.platforms.goals)[:2]
    plan.platforms.chosen = [
        PlatformChoice(platform=r.platform.id, score=r.score, reason=r.reason) for r in ranked
    ]
    plan.platforms.status = Status.DONE
    plan.audience.adopted = [e.id for e in content.audience[:3]]
    plan.audience.posts_per_week = 3
    plan.audience.habits = [h.id for h in content.habits[:2]]
    plan.audience.themes = ["Neuro case of the week", "Radiation dose in plain words", ""]
    plan.audience.status = Status.IN_PROGRESS
    plan.phi.acknowledged = [i.id for i in content.identifiers[:10]]
    plan.phi.quiz_answers = {q.id: q.answer for q in content.quiz[:4]}
    plan.phi.status = Status.IN_PROGRESS
    plan.accounts.per_platform = [
        AccountPlan(
            platform=ranked[0].platform.id,
            split=AccountSplit.SEPARATE,
            professional_handle="@DrJaneRivera",
            personal_handle="janer_home",
            personal_visibility=Visibility.PRIVATE,
            disclaimer=content.disclaimers[0].text,
            patient_contact=content.contact_rules[0].id,
        )
    ]
    return plan


def freeze_clock(fixed: dt.datetime, patch=setattr) -> None:
    """Saved times and audit dates come from a fixed moment, not from today.

    Tests pass `monkeypatch.setattr` as `patch` so the clock is restored afterwards.
    """
    from socialcoach import models, store
    from socialcoach.steps import profile

    class FixedDate(dt.date):
        @classmethod
        def today(cls) -> dt.date:
            return fixed.date()

    fixed_dt = type("dt", (), {**vars(dt), "date": FixedDate})
    patch(models, "now", lambda: fixed)
    patch(store, "now", lambda: fixed)
    patch(profile, "dt", fixed_dt)
    patch(models, "dt", fixed_dt)


# A plan edited by hand: valid TOML, with values the coach cannot use (issue 16).
HAND_EDITED = """\
schema_version = 1
current_step = "nowhere"

[basics]
display_name = "Dr Hand"
subspecialty = "nuero"
favourite_colour = "teal"

[platforms]
goals = ["teach", "time-travel"]

[[platforms.chosen]]
platform = "x"

[[platforms.chosen]]
platform = "myspace"

[[accounts.accounts]]
platform = "youtub"

[[accounts.accounts]]
platform = "x"
patient_contact = "telepathy"

[phi]
quiz_answers = { nope = 2 }

[profile]
last_audit = 9999-12-31
audit_days = 45
"""
