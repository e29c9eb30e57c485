"""Step 6: a profile checklist per professional account, and the rhythm of audits."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.widgets import Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from socialcoach.accounts import bio_warning
from socialcoach.choice import Choice
from socialcoach.steps.base import StepPane, plain


class ProfileStep(StepPane):
    step_id = "profile"

    def signature(self) -> object:
        disclaimers = tuple(a.disclaimer for a in self.plan.accounts.accounts)
        return tuple(self.plan.platforms.chosen_ids()), disclaimers

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
            bio_check = self._bio_check(pid)
            if bio_check:
                yield Static(plain(bio_check), classes="hint bio-check")
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

    def _bio_check(self, pid: str) -> str:
        """Does the disclaimer planned in step 5 fit this platform's bio? ("" if none planned)."""
        account = self.plan.accounts.for_platform(pid)
        if account is None or not account.disclaimer.strip():
            return ""
        try:
            platform = self.content.platform(pid)
        except KeyError:
            return ""
        warning = bio_warning(platform.name, platform.bio_max, account.disclaimer, "bio disclaimer")
        if warning:
            return f"⚠ {warning}"
        if platform.bio_max:
            length = len(account.disclaimer.strip())
            return (
                f"Your disclaimer ({length} characters) fits the {platform.bio_max}-character bio."
            )
        return ""

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
