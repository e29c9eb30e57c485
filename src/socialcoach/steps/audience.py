"""Step 3: who to follow and where to join in, a posting rhythm, habits, and three themes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from socialcoach.audience import entry_details, entry_prompt, relevant_entries
from socialcoach.content import habits_for
from socialcoach.packs import ORGANISATION_MARK, org_info
from socialcoach.steps.base import StepPane, plain
from socialcoach.ticks import TickList
from socialcoach.widgets import TextField, holding


class AudienceStep(StepPane):
    step_id = "audience"

    def signature(self) -> object:
        basics = self.plan.basics
        return (basics.subspecialty, tuple(self.plan.platforms.chosen_ids()), basics.career_stage)

    def compose_form(self) -> ComposeResult:
        plan, content = self.plan, self.content
        chosen = plan.platforms.chosen_ids()
        sub = content.subspecialty_label(plan.basics.subspecialty)
        where = ", ".join(content.platform_name(p) for p in chosen) or "all platforms"
        with Horizontal(classes="rhythm-row"):
            yield Label("Your subspecialty:")
            yield Select(
                [(plain(s.label), s.id) for s in content.subspecialties],
                value=plan.basics.subspecialty,
                allow_blank=False,
                id="audience-subspecialty",
                compact=True,
            )
        title = f"Follow and join: {sub}, {where} first (Space to adopt)"
        yield Label(plain(title), classes="section-title")
        rows = relevant_entries(content.audience, plan.basics.subspecialty, chosen)
        adopted = set(plan.audience.adopted)
        self._entries = {entry.id: entry for entry in rows}
        org = org_info(content)
        suggested = set(org.defaults.follow) if org is not None else set()
        selections = [
            Selection(
                plain(
                    entry_prompt(entry, content)
                    + (f" ({ORGANISATION_MARK})" if entry.id in suggested else "")
                ),
                entry.id,
                entry.id in adopted,
            )
            for entry in rows
        ]
        if selections:
            yield TickList[str](*selections, id="entries")
            # what the highlighted entry is: a list line has room for its name only
            first = plain(entry_details(rows[0], content))
            yield Static(first, id="entry-details", classes="details")
        else:
            yield Static("Nothing listed for this combination yet.", classes="hint")
        yield Label("Posting rhythm", classes="section-title")
        paces = {rhythm.posts_per_week: rhythm.label for rhythm in content.posting_rhythms}
        with Horizontal(classes="rhythm-row"):
            yield Label("Posts per week:")
            yield Select(
                [(plain(label), n) for n, label in paces.items()],
                value=plan.audience.posts_per_week
                if plan.audience.posts_per_week in paces
                else Select.NULL,
                allow_blank=False,
                id="posts-per-week",
                compact=True,
            )
        yield Label("Engagement habits to keep", classes="section-title")
        habits = set(plan.audience.habits)
        yield TickList[str](
            *[
                Selection(plain(h.text), h.id, h.id in habits)
                for h in habits_for(content, plan.basics.career_stage.value)
            ],
            id="habits",
        )
        yield Label("Three content themes of your own", classes="section-title")
        examples = (
            "e.g. a weekly neuro case",
            "e.g. radiation safety in plain words",
            "e.g. life as a resident",
        )
        for index in range(3):
            yield holding(
                TextField(
                    plan.audience.themes[index] if index < len(plan.audience.themes) else "",
                    placeholder=f"Theme {index + 1}, {examples[index]}",
                    id=f"theme-{index}",
                    classes="theme",
                ),
                index=index,
            )

    @on(Select.Changed, "#audience-subspecialty")
    async def _subspecialty_changed(self, event: Select.Changed) -> None:
        """The list is made for one subspecialty: another one rebuilds it at once."""
        if event.value is Select.NULL or event.value == self.plan.basics.subspecialty:
            return  # the value the field announces as it is mounted
        self.plan.basics.subspecialty = str(event.value)
        self.post_message(self.Edited(self))  # basics are not this step's answers
        await self.refresh_if_stale()
        self.query_one("#audience-subspecialty", Select).focus()

    @on(SelectionList.SelectionHighlighted, "#entries")
    def _show_entry(self, event: SelectionList.SelectionHighlighted) -> None:
        entry = self._entries.get(event.selection.value)
        if entry is not None:
            details = entry_details(entry, self.content)
            self.query_one("#entry-details", Static).update(plain(details))

    @on(SelectionList.SelectedChanged, "#entries")
    def _entries_changed(self, event: SelectionList.SelectedChanged) -> None:
        shown = {getattr(option, "value", None) for option in event.selection_list.options}
        kept = [entry for entry in self.plan.audience.adopted if entry not in shown]
        self.plan.audience.adopted = kept + list(event.selection_list.selected)
        self.changed()

    @on(SelectionList.SelectedChanged, "#habits")
    def _habits_changed(self, event: SelectionList.SelectedChanged) -> None:
        self.plan.audience.habits = list(event.selection_list.selected)
        self.changed()

    @on(Select.Changed, "#posts-per-week")
    def _rhythm_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, int):
            self.plan.audience.posts_per_week = event.value
            self.changed()

    @on(Input.Changed, ".theme")
    def _theme_changed(self, event: Input.Changed) -> None:
        index: int = getattr(event.input, "index", 0)
        themes = list(self.plan.audience.themes) + [""] * 3
        themes[index] = event.value
        self.plan.audience.themes = themes[:3]
        self.changed()
