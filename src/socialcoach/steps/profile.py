"""Step 6: a profile checklist per professional account, and the rhythm of audits."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.widgets import Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from socialcoach.choice import Choice
from socialcoach.steps.base import StepPane, plain


class ProfileStep(StepPane):
    step_id = "profile"

    def signature(self) -> object:
        return tuple(self.plan.platforms.chosen_ids())

    def compose_form(self) -> ComposeResult:
        plan, content = self.plan, self.content
        chosen = plan.platforms.chosen_ids()
        if not chosen:
            yield Static("Choose your platforms in step 2 first.", classes="hint")
        for pid in chosen:
            done = set(plan.profile.checked.get(pid, []))
            yield Label(
                plain(f"{content.platform_name(pid)}: your professional profile"),
                classes="section-title",
            )
            yield SelectionList[str](
                *[
                    Selection(plain(f"{item.title}: {item.explain}"), item.id, item.id in done)
                    for item in content.profile_items
                ],
                id=f"profile-{pid}",
                classes="profile-items",
            )
        yield Label("How often will you audit your profiles?", classes="section-title")
        yield Choice(
            [(rhythm.label, str(rhythm.days)) for rhythm in content.audit_rhythms],
            str(plan.profile.audit_days),
            vertical=True,
            id="audit-rhythm",
        )
        yield Static("", id="audit-date", classes="hint")

    def on_mount(self) -> None:
        self._show_audit()

    def _show_audit(self) -> None:
        profile = self.plan.profile
        if profile.next_audit:
            text = f"Next audit: {profile.next_audit.isoformat()}."
        else:
            due = dt.date.today() + dt.timedelta(days=profile.audit_days)
            text = f"When you finish this step, your first audit is set for {due.isoformat()}."
        self.query_one("#audit-date", Static).update(plain(text))

    @on(SelectionList.SelectedChanged, ".profile-items")
    def _items_changed(self, event: SelectionList.SelectedChanged) -> None:
        pid = (event.selection_list.id or "").removeprefix("profile-")
        self.plan.profile.checked = {
            **self.plan.profile.checked,
            pid: list(event.selection_list.selected),
        }
        self.changed()

    @on(Choice.Changed, "#audit-rhythm")
    def _rhythm_changed(self, event: Choice.Changed) -> None:
        self.plan.profile.audit_days = int(event.value)
        self._show_audit()
        self.changed()

    def complete(self) -> None:
        """Finishing the checklist counts as today's audit, which sets the next one."""
        self.plan.profile.last_audit = dt.date.today()
        self._show_audit()
