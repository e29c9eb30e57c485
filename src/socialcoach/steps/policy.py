"""Step 1: what to find out about the facility's rules, and who to ask.

With an organisation's pack, the answers it has settled come filled in and marked as coming
from the organisation; a newer pack version says here what changed. The leadership item
carries a record of the conversation (who, when, what was agreed, the next follow-up).
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static, TextArea

from socialcoach.accounts import looks_like_email
from socialcoach.choice import Choice
from socialcoach.content import policy_items_for
from socialcoach.followup import LEADERSHIP_ITEM, DateError, follow_up_problem, parse_date
from socialcoach.models import ItemState, PolicyAnswer
from socialcoach.packs import (
    ORGANISATION_MARK,
    contact_from_organisation,
    default_answer,
    from_organisation,
)
from socialcoach.steps.base import StepPane, plain
from socialcoach.widgets import TextField, holding

STATE_LABELS = {
    ItemState.TODO: "To do",
    ItemState.DONE: "Done",
    ItemState.NOT_APPLICABLE: "Not applicable",
}
TALK_DATES = {
    "talk-date": ("talk_date", "date of the conversation"),
    "talk-follow-up": ("follow_up", "follow-up date"),
}


class PolicyStep(StepPane):
    step_id = "policy"

    DEFAULT_CSS = """
    PolicyStep .org-mark { color: $success; }
    PolicyStep .pack-changes { border: round $warning; padding: 0 1; height: auto; }
    PolicyStep .pack-changes Button { margin: 0; }
    PolicyStep .talk { height: auto; padding: 0 0 0 2; }
    PolicyStep .talk .field-label { width: 12; }
    PolicyStep .talk Input { width: 1fr; }
    PolicyStep .talk-row { height: auto; }
    PolicyStep #talk-changes { height: 5; }
    PolicyStep #talk-problem { color: $warning; }
    """

    def signature(self) -> object:
        pack = self.content.pack
        basics = self.plan.basics
        return (pack.id, pack.version) if pack else None, basics.career_stage, basics.region

    def compose_form(self) -> ComposeResult:
        pack = self.content.pack
        if pack:
            lines = [f"Your organisation's pack: {pack.name} (version {pack.version})"]
            contact = pack.contact
            who = ", ".join(p for p in (contact.office, contact.name, contact.email) if p)
            if who:
                lines.append(f"Contact: {who}")
            if contact.intranet:
                lines.append(f"Policy page: {contact.intranet}")
            lines += [f"Approval rule: {rule}" for rule in pack.approval_rules]
            if pack.required_disclaimer:
                lines.append(f"Required disclaimer: {pack.required_disclaimer}")
            yield Static(plain("\n".join(lines)), classes="pack-box")
        ref = self.plan.pack
        if pack and ref is not None and ref.changes:
            with Vertical(classes="pack-changes", id="pack-changes"):
                yield Label(
                    "Your organisation's policy changed since your plan", classes="item-title"
                )
                yield Static(
                    plain("\n".join(f"• {line}" for line in ref.changes)), id="pack-changes-text"
                )
                yield Button("Got it", id="pack-changes-read", compact=True)
        basics = self.plan.basics
        for item in policy_items_for(self.content, basics.career_stage.value, basics.region):
            answer = self.plan.policy.items.get(item.id, PolicyAnswer())
            # No container per item: with twelve items, every widget saved counts.
            yield Label(plain(item.title), classes="item-title item-start")
            explain = item.explain + (f" Ask: {item.ask_who}." if item.ask_who else "")
            yield Static(plain(explain), classes="item-explain")
            if default_answer(self.content, item.id) is not None:
                # only for items the organisation settled: a widget less per item otherwise
                mark = Static(
                    plain(f"✓ Answered {ORGANISATION_MARK}; change it if yours differs."),
                    id=f"org-{item.id}",
                    classes="org-mark",
                )
                mark.display = from_organisation(self.plan, self.content, item.id)
                yield mark
            with Horizontal(classes="item-row"):
                yield holding(
                    Choice(
                        [(label, state.value) for state, label in STATE_LABELS.items()],
                        answer.state.value,
                        id=f"state-{item.id}",
                        classes="states",
                    ),
                    item_id=item.id,
                )
                yield holding(
                    TextField(
                        answer.note,
                        placeholder="Note (optional)",
                        id=f"note-{item.id}",
                        classes="note",
                    ),
                    item_id=item.id,
                )
            if item.id == LEADERSHIP_ITEM:
                yield from self._compose_talk()
        yield Label("Who to ask (optional)", classes="section-title")
        contact_mark = Static(
            plain(f"Filled in {ORGANISATION_MARK}; change it if you have another contact."),
            id="org-contact",
            classes="org-mark",
        )
        contact_mark.display = contact_from_organisation(self.plan, self.content)
        yield contact_mark
        with Horizontal(classes="contact-row"):
            yield TextField(
                self.plan.policy.contact_name, placeholder="Contact name", id="contact-name"
            )
            yield TextField(
                self.plan.policy.contact_email, placeholder="Contact email", id="contact-email"
            )
        yield Static("", id="contact-email-hint", classes="hint")

    def on_mount(self) -> None:
        self._check_email(self.plan.policy.contact_email)

    def _check_email(self, value: str) -> None:
        hint = self.query_one("#contact-email-hint", Static)
        bad = bool(value.strip()) and not looks_like_email(value)
        hint.update("That does not look like an email address (name@example.org)." if bad else "")
        hint.display = bad

    def _compose_talk(self) -> ComposeResult:
        talk = self.plan.policy.leadership
        rows = (  # label, widget id, value, placeholder, classes
            ("With whom", "talk-with", talk.with_whom, "e.g. Dr Lee, department chair", ""),
            ("When", "talk-date", talk.talk_date, "YYYY-MM-DD, planned or held", "talk-date"),
            ("Agreed", "talk-agreed", talk.agreed, "What was agreed (the outcome)", ""),
            (
                "Follow-up",
                "talk-follow-up",
                talk.follow_up,
                "YYYY-MM-DD: goes into your calendar and next actions",
                "talk-date",
            ),
        )
        with Vertical(classes="talk", id="talk"):
            yield Label("Your conversation with leadership", classes="hint")
            for label, widget_id, value, placeholder, classes in rows:
                text = value.isoformat() if isinstance(value, dt.date) else (value or "")
                with Horizontal(classes="talk-row"):
                    yield Label(label, classes="field-label")
                    yield TextField(text, placeholder=placeholder, id=widget_id, classes=classes)
            yield Label(
                "Agreed changes to act on, one per line (each becomes a next action)",
                classes="hint",
            )
            yield TextArea("\n".join(talk.changes), id="talk-changes", soft_wrap=True)
            yield Static("", id="talk-problem")

    def _answer(self, item_id: str) -> PolicyAnswer:
        return self.plan.policy.items.setdefault(item_id, PolicyAnswer())

    def _show_mark(self, item_id: str) -> None:
        for mark in self.query(f"#org-{item_id}").results(Static):
            mark.display = from_organisation(self.plan, self.content, item_id)

    @on(Choice.Changed, ".states")
    def _state_changed(self, event: Choice.Changed) -> None:
        item_id: str = getattr(event.choice, "item_id", "")
        self._answer(item_id).state = ItemState(event.value)
        if self.changed():
            self._show_mark(item_id)

    @on(Input.Changed, ".note")
    def _note_changed(self, event: Input.Changed) -> None:
        item_id: str = getattr(event.input, "item_id", "")
        self._answer(item_id).note = event.value
        if self.changed():
            self._show_mark(item_id)

    def _contact_edited(self) -> None:
        if self.changed():
            for mark in self.query("#org-contact").results(Static):
                mark.display = contact_from_organisation(self.plan, self.content)

    @on(Input.Changed, "#contact-name")
    def _contact_name(self, event: Input.Changed) -> None:
        self.plan.policy.contact_name = event.value
        self._contact_edited()

    @on(Input.Changed, "#contact-email")
    def _contact_email(self, event: Input.Changed) -> None:
        self.plan.policy.contact_email = event.value
        self._check_email(event.value)
        self._contact_edited()

    @on(Button.Pressed, "#pack-changes-read")
    async def _changes_read(self) -> None:
        if self.plan.pack is not None:
            self.plan.pack.changes = []
            self.coach.plan_changed()
        await self.query_one("#pack-changes").remove()

    # --------------------------------------------------------- the leadership conversation
    @on(Input.Changed, "#talk-with")
    def _talk_with(self, event: Input.Changed) -> None:
        self.plan.policy.leadership.with_whom = event.value
        self.changed()

    @on(Input.Changed, "#talk-agreed")
    def _talk_agreed(self, event: Input.Changed) -> None:
        self.plan.policy.leadership.agreed = event.value
        self.changed()

    @on(Input.Changed, ".talk-date")
    def _talk_date(self, event: Input.Changed) -> None:
        """A date is kept once it is a real date; until then the field says what is wrong."""
        field, what = TALK_DATES[event.input.id or ""]
        talk = self.plan.policy.leadership
        try:
            value = parse_date(event.value, what)
        except DateError as exc:
            self._show_talk_problem(str(exc))
            return
        setattr(talk, field, value)
        self._show_talk_problem(follow_up_problem(talk))
        self.changed()

    @on(TextArea.Changed, "#talk-changes")
    def _talk_changes(self, event: TextArea.Changed) -> None:
        self.plan.policy.leadership.changes = [
            line for line in event.text_area.text.splitlines() if line.strip()
        ]
        self.changed()

    def _show_talk_problem(self, text: str) -> None:
        for box in self.query("#talk-problem").results(Static):
            box.update(plain(text))
