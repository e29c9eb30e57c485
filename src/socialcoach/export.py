"""Plan -> GitHub-flavoured Markdown: next actions first, then one section per step.

Pure functions of the plan and the content: the same plan gives the same bytes, and
nothing a user typed can break a table, start a heading or inject HTML.
"""

from __future__ import annotations

import re

from socialcoach import __version__
from socialcoach.accounts import bio_warning, looks_like_email, plan_warnings
from socialcoach.actions import next_actions
from socialcoach.content import (
    REGION_LABELS,
    SAFE_HARBOR_NOTE,
    Content,
    Sourced,
    checked_label,
    policy_items_for,
    posting_rhythm_label,
    source_label,
)
from socialcoach.followup import changes as agreed_changes
from socialcoach.followup import summary_lines
from socialcoach.models import STEP_ORDER, AccountSplit, ItemState, Plan, Status
from socialcoach.packs import ORGANISATION_MARK, from_organisation
from socialcoach.progress import policy_open, reviewed_not_finished

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!&])")
_LEADING = re.compile(r"^(\d*)([-+=.)])(?=\s|$)")
_STATUS_LABEL = {
    Status.NOT_STARTED: "not started",
    Status.IN_PROGRESS: "in progress",
    Status.DONE: "done",
}
_SPLIT_LABEL = {
    AccountSplit.ONE: "one account",
    AccountSplit.SEPARATE: "separate personal and professional",
    AccountSplit.PROFESSIONAL_ONLY: "professional only",
}


def md(text: str) -> str:
    """User or content text made safe for one line of Markdown (or a table cell).

    It may start a line (the specialty does), so a leading list marker, ordered-list
    number or setext underline is escaped too.
    """
    flat = " ".join(str(text).split())
    flat = _SPECIAL.sub(r"\\\1", flat)
    return _LEADING.sub(r"\1\\\2", flat)


def checkbox(done: bool, text: str) -> str:
    return f"- [{'x' if done else ' '}] {text}"


def _step_heading(content: Content, plan: Plan, step_id: str) -> list[str]:
    step = content.steps[step_id]
    status = _STATUS_LABEL[plan.status(step_id)]
    if reviewed_not_finished(plan, content, step_id):  # "done" would say all rules are known
        todo, total = policy_open(plan, content)
        status = f"reviewed; {todo} of {total} items still to find out (see Next actions)"
    return [f"## {step.number}. {md(step.title)}", "", f"*Status: {status}.*", ""]


def _policy(plan: Plan, content: Content) -> list[str]:
    lines = _step_heading(content, plan, "policy")
    basics = plan.basics
    for item in policy_items_for(content, basics.career_stage.value, basics.region):
        answer = plan.policy.items.get(item.id)
        state = answer.state if answer else ItemState.TODO
        label = md(item.title)
        if state is ItemState.NOT_APPLICABLE:
            label = f"~~{label}~~ (not applicable)"
        line = checkbox(state is not ItemState.TODO, label)
        if answer and answer.note.strip():
            line += f": {md(answer.note)}"
        if from_organisation(plan, content, item.id):
            line += f" ({ORGANISATION_MARK})"
        if item.ask_who and state is ItemState.TODO:
            line += f" (ask: {md(item.ask_who)})"
        lines.append(line)
    talk = plan.policy.leadership
    if not talk.is_empty():
        lines += ["", "**Leadership conversation:**", ""]
        lines += [f"- {md(line)}" for line in summary_lines(talk)]
        lines += [checkbox(False, f"Agreed change: {md(c)}") for c in agreed_changes(talk)]
    contact = " ".join(
        part for part in (md(plan.policy.contact_name), _email(plan.policy.contact_email)) if part
    )
    if contact:
        lines += ["", f"**My contact for questions:** {contact}"]
    if content.pack:
        pack = content.pack
        lines += ["", f"**Organisation pack:** {md(pack.name)} (version {md(pack.version)})"]
        if pack.contact.office or pack.contact.email:
            office = md(pack.contact.office)
            lines.append(f"- Contact: {office} {_email(pack.contact.email)}".rstrip())
        for rule in pack.approval_rules:
            lines.append(f"- Approval rule: {md(rule)}")
        if pack.required_disclaimer:
            lines.append(f"- Required disclaimer: {md(pack.required_disclaimer)}")
    return lines


def _pack_line(plan: Plan, content: Content) -> str:
    """Which pack and version the plan follows, and whether a newer one is waiting."""
    ref = plan.pack
    assert ref is not None
    line = f"Follows the policy pack {md(ref.name)}, version {md(ref.version)}"
    if ref.first_version and ref.first_version != ref.version:
        line += f" (made with version {md(ref.first_version)})"
    line += "."
    pack = content.pack
    if pack is not None and pack.id == ref.id and pack.version != ref.version:
        line += (
            f" Your organisation's pack is now version {md(pack.version)}: open socialcoach "
            "to see what changed."
        )
    return line


def _email(address: str) -> str:
    address = address.strip()
    if not address:
        return ""
    if not looks_like_email(address):
        return f"({md(address)}, not an email address: check it)"
    return f"({md(address)})"


def _platforms(plan: Plan, content: Content) -> list[str]:
    lines = _step_heading(content, plan, "platforms")
    goal_labels = {goal.id: goal.label for goal in content.goals}
    goals = [md(goal_labels.get(g, g)) for g in plan.platforms.goals]
    lines.append(f"**Goals:** {', '.join(goals) if goals else 'none chosen yet'}")
    lines.append("")
    if plan.platforms.chosen:
        lines += ["| Platform | Fit | Why | Privacy facts |", "| --- | --- | --- | --- |"]
        for choice in plan.platforms.chosen:
            name = md(content.platform_name(choice.platform))
            try:
                platform = content.platform(choice.platform)
                facts = checked_label(platform.checked, platform.verified)
            except KeyError:
                facts = "unknown platform"
            lines.append(f"| {name} | {choice.score}% | {md(choice.reason)} | {facts} |")
    else:
        lines.append("No platforms chosen yet.")
    return lines


def _audience(plan: Plan, content: Content) -> list[str]:
    lines = _step_heading(content, plan, "audience")
    audience = plan.audience
    rhythm = posting_rhythm_label(content, audience.posts_per_week)
    lines.append(f"**Posting rhythm:** {md(rhythm)}")
    themes = [md(theme) for theme in audience.themes if theme.strip()]
    if themes:
        lines += ["", "**My content themes:**", ""] + [f"{i}. {t}" for i, t in enumerate(themes, 1)]
    habits = [habit for habit in content.habits if habit.id in audience.habits]
    if habits:
        lines += ["", "**Engagement habits:**", ""]
        lines += [checkbox(False, md(habit.text)) for habit in habits]
    adopted = [entry for entry in content.audience if entry.id in audience.adopted]
    if adopted:
        lines += ["", "| Follow or use | Kind | Where |", "| --- | --- | --- |"]
        for entry in adopted:
            where = ", ".join(md(content.platform_name(p)) for p in entry.platforms)
            name = md(entry.name) + ("" if entry.verified else " (check it first)")
            lines.append(f"| {name} | {entry.kind} | {where} |")
    return lines


def _phi(plan: Plan, content: Content) -> list[str]:
    lines = _step_heading(content, plan, "phi")
    acknowledged = set(plan.phi.acknowledged)
    lines.append("**Never post (HIPAA Safe Harbor identifiers):**")
    lines.append("")
    lines.append(md(SAFE_HARBOR_NOTE))
    lines.append("")
    for identifier in content.identifiers:
        text = f"({identifier.letter}) {md(identifier.title)}"
        lines.append(checkbox(identifier.id in acknowledged, text))
    lines += ["", "**Image hazards I check for:**", ""]
    for hazard in content.hazards:
        lines.append(checkbox(hazard.id in acknowledged, md(hazard.title)))
    answered = [q for q in content.quiz if q.id in plan.phi.quiz_answers]
    correct = sum(plan.phi.quiz_answers[q.id] == q.answer for q in answered)
    lines += ["", f"**Quiz:** {correct} of {len(content.quiz)} answered correctly."]
    if content.recovery:
        lines += ["", "**If a post goes wrong:**", ""]
        lines += [
            f"{n}. {md(step.title)}: {md(step.what_to_do)}"
            for n, step in enumerate(content.recovery, 1)
        ]
    return lines


def _accounts(plan: Plan, content: Content) -> list[str]:
    lines = _step_heading(content, plan, "accounts")
    if not plan.accounts.per_platform:
        return lines + ["No accounts planned yet."]
    rules = {rule.id: rule.label for rule in content.contact_rules}
    lines += [
        "| Platform | Set-up | Professional | Personal | Disclaimer | Contact from patients |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for account in plan.accounts.per_platform:
        pro = md(account.professional_handle) or "(to choose)"
        pro += f" ({account.professional_visibility.value})"
        personal = "n/a"
        if account.split is AccountSplit.SEPARATE:
            personal = md(account.personal_handle) or "(to choose)"
            personal += f" ({account.personal_visibility.value})"
        cells = [
            md(content.platform_name(account.platform)),
            _SPLIT_LABEL[account.split],
            pro,
            personal,
            md(account.disclaimer) or "none",
            md(rules.get(account.patient_contact, account.patient_contact)) or "not set",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    warnings = plan_warnings(plan, content)
    if warnings:
        lines += ["", "**Check these:**", ""] + [f"- {md(w)}" for w in warnings]
    return lines


def _profile(plan: Plan, content: Content) -> list[str]:
    lines = _step_heading(content, plan, "profile")
    chosen = plan.platforms.chosen_ids()
    for platform_id in chosen:
        done = set(plan.profile.checked.get(platform_id, []))
        name = content.platform_name(platform_id)
        lines += [f"**{md(name)}**", ""]
        lines += [checkbox(item.id in done, md(item.title)) for item in content.profile_items]
        account = plan.accounts.for_platform(platform_id)
        try:
            bio_max = content.platform(platform_id).bio_max
        except KeyError:
            bio_max = None
        if account is not None and account.disclaimer.strip():
            too_long = bio_warning(name, bio_max, account.disclaimer, "bio disclaimer")
            if too_long:
                lines.append(f"- {md(too_long)}")
        lines.append("")
    if not chosen:
        lines += ["No platforms chosen yet.", ""]
    due = plan.profile.next_audit
    # a list, so the two stay on their own lines wherever the Markdown is shown
    lines.append(f"- **Audit rhythm:** every {plan.profile.audit_days} days")
    lines.append(
        f"- **Next audit:** {due.isoformat() if due else 'set when you finish step 6 with Next'}"
    )
    history = plan.profile.self_audit.history
    if history:
        lines += ["", "**Self-audits done:**", ""]
        for record in history[-5:]:  # the latest few; the plan file keeps them all
            found = md(record.findings) if record.findings.strip() else "nothing noted"
            lines.append(f"- {record.date.isoformat()}: {found}")
    return lines


SECTIONS = {
    "policy": _policy,
    "platforms": _platforms,
    "audience": _audience,
    "phi": _phi,
    "accounts": _accounts,
    "profile": _profile,
}


def _cited(plan: Plan, content: Content) -> list[Sourced]:
    items: list[Sourced] = [content.steps[s] for s in STEP_ORDER]
    items += policy_items_for(content, plan.basics.career_stage.value, plan.basics.region)
    items += [p for p in content.platforms if p.id in plan.platforms.chosen_ids()]
    items += [e for e in content.audience if e.id in plan.audience.adopted]
    items += [*content.identifiers, *content.hazards, *content.recovery]
    items += content.profile_items
    return items


def render_markdown(plan: Plan, content: Content) -> str:
    basics = plan.basics
    who = md(basics.display_name) or "My"
    title = f"# {who}{'’s' if basics.display_name.strip() else ''} social media plan"
    facts = [
        md(basics.specialty.capitalize()),
        md(content.subspecialty_label(basics.subspecialty)),
        basics.career_stage.value,
    ]
    if basics.region in REGION_LABELS:
        facts.append(f"practises in {REGION_LABELS[basics.region]}")
    if basics.organisation.strip():
        facts.append(md(basics.organisation))
    lines = [
        title,
        "",
        " · ".join(facts),
        "",
        f"Updated {plan.updated.date().isoformat()} with socialcoach {__version__}. "
        f"{plan.done_count()} of {len(STEP_ORDER)} steps done.",
    ]
    if plan.pack:
        lines.append(_pack_line(plan, content))
    lines += ["", "## Next actions", ""]
    actions = next_actions(plan, content)
    lines += [checkbox(False, md(action.text)) for action in actions] or ["Nothing open."]
    for step_id in STEP_ORDER:
        lines += [""] + SECTIONS[step_id](plan, content)
    lines += ["", "## Sources", ""]
    for number, source in enumerate(content.cited(_cited(plan, content)), 1):
        lines.append(f"{number}. {md(source.name)} ({md(source_label(source))}): <{source.url}>")
    return "\n".join(lines).rstrip() + "\n"
