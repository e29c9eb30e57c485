"""Turn a plan into its next actions: what is still open, in step order, with dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from socialcoach.accounts import looks_like_email, plan_warnings
from socialcoach.content import Content, policy_items_for, posting_rhythm_label
from socialcoach.followup import leadership_actions
from socialcoach.models import ItemState, Plan, Status


@dataclass(frozen=True, slots=True)
class Action:
    step: str  # step id the action belongs to
    text: str
    due: dt.date | None = None


def next_actions(plan: Plan, content: Content) -> list[Action]:
    """Open items first by step; the leadership record adds its talk, follow-up and changes."""
    actions: list[Action] = []
    contact = plan.policy.contact_name.strip()
    email = plan.policy.contact_email.strip()
    if email and looks_like_email(email):
        contact = f"{contact} ({email})".strip()
    basics = plan.basics
    open_items = [
        item
        for item in policy_items_for(content, basics.career_stage.value, basics.region)
        if (answer := plan.policy.items.get(item.id)) is None or answer.state is ItemState.TODO
    ]
    if open_items and contact:
        # Said once: the user's contact can point to the right office for every item, but the
        # item's own person (a board, a privacy officer) stays with each item.
        actions.append(Action("policy", f"Your contact for policy questions: {contact}."))
    for item in open_items:
        who = f" Who to ask: {item.ask_who}." if item.ask_who else ""
        actions.append(Action("policy", f"{item.title.rstrip('.')}.{who}"))
    for text, due in leadership_actions(plan.policy.leadership):
        actions.append(Action("policy", text, due))

    chosen = plan.platforms.chosen_ids()
    if not chosen:
        actions.append(Action("platforms", "Choose one to three platforms that fit your goals."))

    themes = [theme for theme in plan.audience.themes if theme.strip()]
    if len(themes) < 3:
        actions.append(Action("audience", "Write down three content themes of your own."))
    adopted = [entry for entry in content.audience if entry.id in plan.audience.adopted]
    follows = [e for e in adopted if e.kind in ("society", "account", "community", "resource")]
    if follows:
        names = ", ".join(entry.name for entry in follows[:4])
        more = f" and {len(follows) - 4} more" if len(follows) > 4 else ""
        actions.append(Action("audience", f"Follow or join: {names}{more}."))
    if plan.audience.posts_per_week:
        actions.append(
            Action(
                "audience",
                f"Keep your posting rhythm: "
                f"{posting_rhythm_label(content, plan.audience.posts_per_week)}.",
            )
        )

    phi_ids = [i.id for i in content.identifiers] + [h.id for h in content.hazards]
    open_rules = [rule for rule in phi_ids if rule not in plan.phi.acknowledged]
    if open_rules:
        actions.append(
            Action("phi", f"Review the {len(open_rules)} patient-privacy rules not yet ticked.")
        )
    unanswered = [q for q in content.quiz if q.id not in plan.phi.quiz_answers]
    if unanswered:
        actions.append(Action("phi", f"Answer the {len(unanswered)} remaining privacy questions."))

    for platform_id in chosen:
        name = content.platform_name(platform_id)
        account = plan.accounts.for_platform(platform_id)
        if account is None or not account.professional_handle.strip():
            actions.append(Action("accounts", f"Pick your handle and account set-up on {name}."))
        else:
            actions.append(
                Action("accounts", f"Create or tidy {account.professional_handle} on {name}.")
            )
    for warning in plan_warnings(plan, content):
        actions.append(Action("accounts", f"Resolve: {warning}"))

    for platform_id in chosen:
        done = set(plan.profile.checked.get(platform_id, []))
        missing = [item.title for item in content.profile_items if item.id not in done]
        if missing:
            name = content.platform_name(platform_id)
            actions.append(Action("profile", f"{name} profile: {'; '.join(missing)}."))
    due = plan.profile.next_audit
    if due is not None:
        actions.append(Action("profile", f"Audit your profiles on {due.isoformat()}.", due))
    elif plan.profile.status is not Status.DONE:
        actions.append(Action("profile", "Finish step 6 (Next) to set your audit date."))
    return actions
