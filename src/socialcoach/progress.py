"""When a step counts as done, and what is still missing: the rules behind the step bar.

Plain functions of the plan and the content, so the wizard, its hints and the tests
all apply the same rules.
"""

from __future__ import annotations

from collections.abc import Callable

from socialcoach.content import Content
from socialcoach.models import Plan, Status


def policy_open(plan: Plan, content: Content) -> tuple[int, int]:
    """(items still to find out, items shown) in step 1: the step can be done, reviewed, with
    items open (they become next actions), and every place that says "done" says how many."""
    from socialcoach.content import policy_items_for
    from socialcoach.models import ItemState

    basics = plan.basics
    items = policy_items_for(content, basics.career_stage.value, basics.region)
    todo = sum(
        1
        for item in items
        if (answer := plan.policy.items.get(item.id)) is None or answer.state is ItemState.TODO
    )
    return todo, len(items)


def reviewed_not_finished(plan: Plan, content: Content, step_id: str) -> bool:
    """Step 1 recorded as done while policy items are still to find out: the step bar, the
    review and the export all call it "reviewed", never "done"."""
    return (
        step_id == "policy"
        and plan.status(step_id) is Status.DONE
        and policy_open(plan, content)[0] > 0
    )


def _policy(plan: Plan, content: Content) -> list[str]:
    return []  # open items are fine: they become next actions


def _platforms(plan: Plan, content: Content) -> list[str]:
    if not plan.platforms.goals:
        return ["tick at least one goal"]
    if not plan.platforms.chosen:
        return ["keep one to three platforms"]
    return []


def _audience(plan: Plan, content: Content) -> list[str]:
    needs = []
    if not plan.audience.adopted:
        needs.append("adopt something to follow")
    if sum(1 for theme in plan.audience.themes if theme.strip()) < 3:
        needs.append("write 3 themes")
    return needs


def _phi(plan: Plan, content: Content) -> list[str]:
    rules = [i.id for i in content.identifiers] + [h.id for h in content.hazards]
    open_rules = len([rule for rule in rules if rule not in plan.phi.acknowledged])
    unanswered = len([q for q in content.quiz if q.id not in plan.phi.quiz_answers])
    needs = []
    if open_rules:
        # each group has an "I know these" button that ticks it at once: the hint says so,
        # early enough to show at 80 columns
        needs.append(f"tick {open_rules} more rules (or “I know these”)")
    if unanswered:
        needs.append(f"answer {unanswered} more questions")
    return needs


def _accounts(plan: Plan, content: Content) -> list[str]:
    chosen = plan.platforms.chosen_ids()
    if not chosen:
        return ["choose your platforms in step 2"]
    without = []
    for platform_id in chosen:
        account = plan.accounts.for_platform(platform_id)
        if account is None or not account.professional_handle.strip():
            without.append(content.platform_name(platform_id))
    return ["add a handle for " + ", ".join(without)] if without else []


def _profile(plan: Plan, content: Content) -> list[str]:
    return []  # finishing the checklist sets the audit date, whatever is ticked


RULES: dict[str, Callable[[Plan, Content], list[str]]] = {
    "policy": _policy,
    "platforms": _platforms,
    "audience": _audience,
    "phi": _phi,
    "accounts": _accounts,
    "profile": _profile,
}


def missing(plan: Plan, content: Content, step_id: str) -> str:
    """What is still needed for the step to count as done ("" when it is complete)."""
    return ", ".join(RULES[step_id](plan, content))
