"""Step 6: a profile checklist per professional account, the rhythm of audits, and the audit.

The self-audit helper lists the searches to run on your own name and handles as addresses
you open yourself (the coach never connects), a short checklist of what to look for, and a
place for notes; recording it done moves the next audit date.
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.style import Style
from textual.widgets import Button, Label, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from socialcoach import self_audit
from socialcoach.accounts import bio_warning
from socialcoach.choice import Choice
from socialcoach.content import ContentError
from socialcoach.packs import ORGANISATION_MARK, org_info
from socialcoach.profile_ticks import done_everywhere, item_details, tick_everywhere
from socialcoach.steps.base import StepPane, plain
from socialcoach.ticks import TickList
from socialcoach.widgets import holding


def _links_text(heading: str, links: list[self_audit.AuditLink]) -> Content:
    """A group of searches: each name on one line, its address below, as a terminal link.

    Built from parts, never parsed as markup: names and handles are the user's text.
    """
    parts: list[str | tuple[str, str | Style]] = [(heading, Style(bold=True))]
    for link in links:
        parts += ["\n• " + link.label + "\n\u00a0\u00a0", (link.url, Style(link=link.url))]
    return Content.assemble(*parts)


class ProfileStep(StepPane):
    step_id = "profile"

    DEFAULT_CSS = """
    ProfileStep .audit-links { height: auto; }
    ProfileStep #audit-findings { height: 5; }
    ProfileStep #audit-done { margin: 1 0 0 0; }
    """

    def signature(self) -> object:
        plan = self.plan
        handles = tuple(
            (a.platform, a.professional_handle, a.personal_handle, a.disclaimer)
            for a in plan.accounts.per_platform
        )
        return (tuple(plan.platforms.chosen_ids()), plan.basics.display_name, handles)

    def compose_form(self) -> ComposeResult:
        plan, content = self.plan, self.content
        chosen = plan.platforms.chosen_ids()
        if not chosen:
            yield Static("Choose your platforms in step 2 first.", classes="hint")
        items = content.profile_items
        if len(chosen) > 1:
            everywhere = done_everywhere(plan.profile.checked, chosen)
            yield Label("Done on every account", classes="section-title")
            yield Static(
                "One tick here ticks the item for each account below; untick it here to "
                "untick it everywhere.",
                classes="hint",
            )
            yield TickList[str](
                *[Selection(plain(i.title), i.id, i.id in everywhere) for i in items],
                id="profile-all",
                classes="profile-every",
            )
            yield Static(
                plain(item_details(items[0], content.sources)),
                id="profile-all-details",
                classes="details",
            )
        for pid in chosen:
            done = set(plan.profile.checked.get(pid, []))
            yield Label(
                plain(f"{content.platform_name(pid)}: your professional profile"),
                classes="section-title",
            )
            bio_check = self._bio_check(pid)
            if bio_check:
                yield Static(plain(bio_check), classes="hint bio-check")
            yield holding(
                TickList[str](
                    *[
                        Selection(plain(f"{item.title}: {item.explain}"), item.id, item.id in done)
                        for item in items
                    ],
                    id=f"profile-{pid}",
                    classes="profile-items",
                ),
                platform=pid,
            )
            # a list line is cut at the screen's edge: the highlighted item's whole advice
            yield Static(
                plain(item_details(items[0], content.sources)),
                id=f"profile-{pid}-details",
                classes="details",
            )
        yield Label("How often will you audit your profiles?", classes="section-title")
        org = org_info(content)
        if org is not None and org.defaults.audit_days:
            same = plan.profile.audit_days == org.defaults.audit_days
            mark = f" ({ORGANISATION_MARK}; change it if yours differs)" if same else ""
            yield Static(
                plain(f"Your organisation suggests every {org.defaults.audit_days} days{mark}."),
                classes="hint",
                id="org-rhythm",
            )
        yield Choice(
            [(rhythm.label, str(rhythm.days)) for rhythm in content.audit_rhythms],
            str(plan.profile.audit_days),
            vertical=True,
            id="audit-rhythm",
        )
        yield Static("", id="audit-date", classes="hint")
        yield from self._compose_audit()

    def _compose_audit(self) -> ComposeResult:
        yield Label("Self-audit: what is online about you", classes="section-title")
        try:
            audit = self_audit.load_builtin(self.content)
        except ContentError as exc:  # broken shipped content: say so, keep the step usable
            yield Static(plain("The self-audit could not be loaded:\n" + str(exc)), classes="hint")
            return
        yield Static(
            "Open each address in your own browser (copy it, or Ctrl+click where your "
            "terminal allows); the coach itself never connects to anything.",
            classes="hint",
        )
        found = self_audit.links(self.plan, self.content, audit)
        if not self.plan.basics.display_name.strip():
            yield Static(
                "Add your name in About you (the welcome screen) to get the name searches.",
                classes="hint",
            )
        for kind, label in self_audit.KIND_LABELS.items():
            links = [link for link in found if link.kind == kind]
            if links:
                yield Static(
                    _links_text(label, links), classes="audit-links", id=f"audit-links-{kind}"
                )
        yield Label("What to look for", classes="hint")
        ticked = set(self.plan.profile.self_audit.checked)
        yield TickList[str](
            *[
                Selection(plain(f"{c.title}: {c.explain}"), c.id, c.id in ticked)
                for c in audit.checks
            ],
            id="audit-checks",
        )
        yield Static(
            plain(item_details(audit.checks[0], audit.sources)),
            id="audit-checks-details",
            classes="details",
        )
        yield Label("What you found (stays in your plan, on this computer)", classes="hint")
        yield TextArea(self.plan.profile.self_audit.findings, id="audit-findings", soft_wrap=True)
        yield Button("Self-audit done: set the next audit", id="audit-done", compact=True)
        yield Static("", id="audit-last", classes="hint")

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
        # queried, not assumed: a step being built as the app quits can lose its children
        # before its Mount handler runs (seen once under load in tests/app/test_prebuild.py)
        for box in self.query("#audit-date").results(Static):
            box.update(plain(text))
        history = profile.self_audit.history
        for box in self.query("#audit-last").results(Static):
            if history:
                last = history[-1]
                found = f" Found: {last.findings}" if last.findings else " Nothing noted."
                box.update(plain(f"Last self-audit: {last.date.isoformat()}.{found}"))
            else:
                box.update("")

    @on(SelectionList.SelectedChanged, ".profile-items")
    def _items_changed(self, event: SelectionList.SelectedChanged) -> None:
        pid: str = getattr(event.selection_list, "platform", "")
        self.plan.profile.checked = {
            **self.plan.profile.checked,
            pid: list(event.selection_list.selected),
        }
        self._show_everywhere()
        self.changed()

    def _show_everywhere(self) -> None:
        """Tick, in "Done on every account", exactly the items ticked on every account."""
        for every in self.query("#profile-all").results(SelectionList):
            done = done_everywhere(self.plan.profile.checked, self.plan.platforms.chosen_ids())
            for item in self.content.profile_items:
                if (item.id in done) != (item.id in every.selected):
                    # select/deselect post no SelectionToggled: this does not loop back
                    (every.select if item.id in done else every.deselect)(item.id)

    @on(SelectionList.SelectionToggled, "#profile-all")
    def _every_toggled(self, event: SelectionList.SelectionToggled) -> None:
        """One tick for an item done on every account: ticked (or unticked) in each list."""
        item_id = event.selection.value
        ticked = item_id in event.selection_list.selected
        chosen = self.plan.platforms.chosen_ids()
        self.plan.profile.checked = tick_everywhere(
            self.plan.profile.checked, chosen, item_id, ticked
        )
        for pid in chosen:
            for box in self.query(f"#profile-{pid}").results(SelectionList):
                (box.select if ticked else box.deselect)(item_id)
        self.changed()

    @on(SelectionList.SelectionHighlighted, ".profile-items, .profile-every")
    def _show_item(self, event: SelectionList.SelectionHighlighted) -> None:
        item = next(i for i in self.content.profile_items if i.id == event.selection.value)
        box = self.query_one(f"#{event.selection_list.id}-details", Static)
        box.update(plain(item_details(item, self.content.sources)))

    @on(SelectionList.SelectionHighlighted, "#audit-checks")
    def _show_check(self, event: SelectionList.SelectionHighlighted) -> None:
        audit = self_audit.load_builtin(self.content)  # loaded once per content
        check = next(c for c in audit.checks if c.id == event.selection.value)
        box = self.query_one("#audit-checks-details", Static)
        box.update(plain(item_details(check, audit.sources)))

    @on(Choice.Changed, "#audit-rhythm")
    def _rhythm_changed(self, event: Choice.Changed) -> None:
        self.plan.profile.audit_days = int(event.value)
        self._show_audit()
        self.changed()

    @on(SelectionList.SelectedChanged, "#audit-checks")
    def _checks_changed(self, event: SelectionList.SelectedChanged) -> None:
        self.plan.profile.self_audit.checked = list(event.selection_list.selected)
        self.changed()

    @on(TextArea.Changed, "#audit-findings")
    def _findings_changed(self, event: TextArea.Changed) -> None:
        self.plan.profile.self_audit.findings = event.text_area.text
        self.changed()

    @on(Button.Pressed, "#audit-done")
    def _audit_done(self) -> None:
        """The audit is recorded with its notes, the next one dated, and the form cleared."""
        record = self_audit.complete(self.plan)
        self.query_one("#audit-findings", TextArea).text = ""
        self.query_one("#audit-checks", SelectionList).deselect_all()
        self.changed()
        self.coach.save_plan()
        self._show_audit()
        due = self.plan.profile.next_audit
        self.notify(
            f"Self-audit recorded for {record.date.isoformat()}; the next one is on "
            f"{due.isoformat() if due else '?'}.",
            title="Self-audit done",
        )

    def on_finish(self) -> None:
        self.complete()

    def complete(self) -> None:
        """Finishing the checklist counts as today's audit, which sets the next one."""
        self.plan.profile.last_audit = dt.date.today()
        self._show_audit()
