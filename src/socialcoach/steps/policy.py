"""Step 1: what to find out about the facility's rules, and who to ask."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from socialcoach.accounts import looks_like_email
from socialcoach.choice import Choice
from socialcoach.content import policy_items_for
from socialcoach.models import ItemState, PolicyAnswer
from socialcoach.steps.base import StepPane, plain

STATE_LABELS = {
    ItemState.TODO: "To do",
    ItemState.DONE: "Done",
    ItemState.NOT_APPLICABLE: "Not applicable",
}


class PolicyStep(StepPane):
    step_id = "policy"

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
        basics = self.plan.basics
        for item in policy_items_for(self.content, basics.career_stage.value, basics.region):
            answer = self.plan.policy.items.get(item.id, PolicyAnswer())
            # No container per item: with twelve items, every widget saved counts.
            yield Label(plain(item.title), classes="item-title item-start")
            explain = item.explain + (f" Ask: {item.ask_who}." if item.ask_who else "")
            yield Static(plain(explain), classes="item-explain")
            with Horizontal(classes="item-row"):
                yield Choice(
                    [(label, state.value) for state, label in STATE_LABELS.items()],
                    answer.state.value,
                    id=f"state-{item.id}",
                    classes="states",
                )
                yield Input(
                    answer.note,
                    placeholder="Note (optional)",
                    id=f"note-{item.id}",
                    classes="note",
                )
        yield Label("Who to ask (optional)", classes="section-title")
        with Horizontal(classes="contact-row"):
            yield Input(
                self.plan.policy.contact_name, placeholder="Contact name", id="contact-name"
            )
            yield Input(
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

    def _answer(self, item_id: str) -> PolicyAnswer:
        return self.plan.policy.items.setdefault(item_id, PolicyAnswer())

    @on(Choice.Changed, ".states")
    def _state_changed(self, event: Choice.Changed) -> None:
        item_id = (event.choice.id or "").removeprefix("state-")
        self._answer(item_id).state = ItemState(event.value)
        self.changed()

    @on(Input.Changed, ".note")
    def _note_changed(self, event: Input.Changed) -> None:
        item_id = (event.input.id or "").removeprefix("note-")
        self._answer(item_id).note = event.value
        self.changed()

    @on(Input.Changed, "#contact-name")
    def _contact_name(self, event: Input.Changed) -> None:
        self.plan.policy.contact_name = event.value
        self.changed()

    @on(Input.Changed, "#contact-email")
    def _contact_email(self, event: Input.Changed) -> None:
        self.plan.policy.contact_email = event.value
        self._check_email(event.value)
        self.changed()
