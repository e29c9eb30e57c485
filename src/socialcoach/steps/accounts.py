"""Step 5: per chosen platform, one account or separate ones, handles, visibility, disclaimer."""

from __future__ import annotations

from typing import TypedDict

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from socialcoach.accounts import plan_warnings
from socialcoach.choice import Choice
from socialcoach.models import AccountPlan, AccountSplit, Visibility
from socialcoach.packs import new_account
from socialcoach.steps.base import StepPane, plain
from socialcoach.widgets import TextField, holding

SPLIT_LABELS = {
    AccountSplit.SEPARATE: "Separate accounts",
    AccountSplit.ONE: "One account",
    AccountSplit.PROFESSIONAL_ONLY: "Professional only",
}
VISIBILITY_OPTIONS = [("Public", Visibility.PUBLIC.value), ("Private", Visibility.PRIVATE.value)]
HANDLE_ROWS = (  # label, AccountPlan field prefix, placeholder
    ("Professional", "professional", "Professional handle, e.g. @DrJaneRad"),
    ("Personal", "personal", "Personal handle (if separate)"),
)
# AccountPlan field -> widget id prefix (the id ends with the platform id)
FIELD_PREFIX = {
    "professional_handle": "pro-handle",
    "professional_visibility": "pro-vis",
    "personal_handle": "personal-handle",
    "personal_visibility": "personal-vis",
    "disclaimer": "disclaimer",
    "patient_contact": "contact",
}


class FieldIds(TypedDict):
    id: str
    name: str
    classes: str


def field_ids(field: str, platform_id: str) -> FieldIds:
    """id, name and class for a widget that edits one AccountPlan field."""
    return {
        "id": f"{FIELD_PREFIX[field]}-{platform_id}",
        "name": field,
        "classes": "account-field",
    }


class AccountsStep(StepPane):
    step_id = "accounts"

    def signature(self) -> object:
        return tuple(self.plan.platforms.chosen_ids())

    def _account(self, platform_id: str) -> AccountPlan:
        """The platform's account plan, added on the first edit (in the order of the chosen
        platforms): building the step writes nothing, as it may be built before a visit."""
        account = self.plan.accounts.for_platform(platform_id)
        if account is None:
            account = new_account(platform_id, self.content)
            accounts = self.plan.accounts.per_platform
            accounts.append(account)
            chosen = self.plan.platforms.chosen_ids()
            accounts.sort(
                key=lambda a: chosen.index(a.platform) if a.platform in chosen else len(chosen)
            )
        return account

    def compose_form(self) -> ComposeResult:
        chosen = self.plan.platforms.chosen_ids()
        if not chosen:
            yield Static(
                "Choose your platforms in step 2 first; each gets its own plan here.",
                classes="hint",
            )
            return
        accounts = [
            self.plan.accounts.for_platform(pid) or new_account(pid, self.content) for pid in chosen
        ]
        disclaimers = [(plain(d.label), d.id) for d in self.content.disclaimers]
        rules = [(plain(r.label), r.id) for r in self.content.contact_rules]
        for account in accounts:
            pid = account.platform
            platform = self.content.platform(pid)
            with holding(Vertical(classes="account", id=f"account-{pid}"), platform=pid):
                yield Label(plain(platform.name), classes="account-title")
                yield Static(plain(platform.privacy_note), classes="item-explain")
                yield Choice(
                    [(label, split.value) for split, label in SPLIT_LABELS.items()],
                    account.split.value,
                    id=f"split-{pid}",
                    classes="split",
                )
                for label, kind, placeholder in HANDLE_ROWS:
                    with Horizontal(classes=f"handle-row {kind}-row"):
                        yield Label(label, classes="field-label")
                        yield TextField(
                            getattr(account, f"{kind}_handle"),
                            placeholder=placeholder,
                            **field_ids(f"{kind}_handle", pid),
                        )
                        yield Choice(
                            VISIBILITY_OPTIONS,
                            getattr(account, f"{kind}_visibility").value,
                            **field_ids(f"{kind}_visibility", pid),
                        )
                yield Label("Bio disclaimer: pick one to start from, then edit", classes="hint")
                yield Select(
                    disclaimers,
                    prompt="Pick a disclaimer to start from",
                    id=f"disclaimer-pick-{pid}",
                    classes="disclaimer-pick",
                    compact=True,
                )
                yield TextField(
                    account.disclaimer,
                    placeholder="Bio disclaimer (edit freely)",
                    **field_ids("disclaimer", pid),
                )
                yield Label("If a patient contacts you here:", classes="hint")
                yield Select(
                    rules,
                    prompt="Choose your rule",
                    value=account.patient_contact or Select.NULL,
                    compact=True,
                    **field_ids("patient_contact", pid),
                )
        yield Static("", id="warnings", classes="warnings")

    def on_mount(self) -> None:
        self._show_warnings()

    def _show_warnings(self) -> None:
        for box in self.query("#warnings").results(Static):
            warnings = plan_warnings(self.plan, self.content)
            box.update(plain("\n".join(f"⚠ {w}" for w in warnings)))
            box.display = bool(warnings)

    def edited(self) -> None:
        if self.changed():  # not for the values the fields announce as they are mounted
            self._show_warnings()

    @staticmethod
    def _pid(widget: Widget) -> str:
        """The platform of the account box a field sits in (the box holds it, see compose)."""
        for node in widget.ancestors_with_self:
            platform = getattr(node, "platform", None)
            if isinstance(platform, str):
                return platform
        raise LookupError(f"{widget!r} is not inside an account box")

    @on(Choice.Changed, ".split")
    def _split(self, event: Choice.Changed) -> None:
        account = self._account(self._pid(event.choice))
        account.split = AccountSplit(event.value)
        self.edited()

    @on(Input.Changed, ".account-field")
    @on(Select.Changed, ".account-field")
    @on(Choice.Changed, ".account-field")
    def _field_changed(self, event: Input.Changed | Select.Changed | Choice.Changed) -> None:
        """Every handle, visibility, disclaimer and contact-rule field writes its own field."""
        widget, value = event.control, event.value
        if value is Select.NULL:
            value = ""
        field = widget.name or ""
        pid = self._pid(widget)
        setattr(self._account(pid), field, value)
        self.edited()

    @on(Select.Changed, ".disclaimer-pick")
    def _pick_disclaimer(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str):
            return
        pid = self._pid(event.select)
        picked = next((d for d in self.content.disclaimers if d.id == event.value), None)
        if picked is None:
            return
        text = picked.text
        if not text and self.content.pack and self.content.pack.required_disclaimer:
            text = self.content.pack.required_disclaimer  # the employer's words, from its pack
        if text:
            self.query_one(f"#disclaimer-{pid}", Input).value = text
        if picked.note:
            self.notify(picked.note, title=picked.label, markup=False)
