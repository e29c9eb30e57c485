"""Step 2: goals in, a ranked and explained choice of platforms out; the user keeps one to three."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from socialcoach.content import checked_label
from socialcoach.models import PlatformChoice
from socialcoach.picker import Ranked, rank
from socialcoach.steps.base import StepPane, plain
from socialcoach.ticks import TickList

MAX_CHOSEN = 3


def ranked_prompt(row: Ranked) -> str:
    return f"{row.platform.name:<10} {row.score:>3}%  {row.reason}"


class PlatformsStep(StepPane):
    step_id = "platforms"

    def compose_form(self) -> ComposeResult:
        chosen_goals = set(self.plan.platforms.goals)
        yield Label("Your goals (Space to tick)", classes="section-title")
        yield TickList[str](
            *[
                Selection(plain(goal.label), goal.id, goal.id in chosen_goals)
                for goal in self.content.goals
            ],
            id="goals",
        )
        yield Label("Platforms ranked for these goals: keep one to three", classes="section-title")
        yield Static("", id="ranking-hint", classes="hint")
        yield TickList[str](id="ranking")
        yield Static("", id="platform-details", classes="details")

    def on_mount(self) -> None:
        self._rebuild_ranking()

    def _rebuild_ranking(self) -> None:
        ranking = self.query_one("#ranking", SelectionList)
        kept = set(self.plan.platforms.chosen_ids())
        rows = rank(self.content, self.plan.platforms.goals)
        self._rows = {row.platform.id: row for row in rows}
        highlighted = ranking.highlighted
        with self.app.batch_update():
            ranking.clear_options()
            ranking.add_options(
                [
                    Selection(plain(ranked_prompt(row)), row.platform.id, row.platform.id in kept)
                    for row in rows
                ]
            )
        # The rebuilt list has no highlight of its own, and Space ticks only the highlighted
        # row: without one, the first Space after Tab did nothing and no details showed.
        if rows:
            ranking.highlighted = 0 if highlighted is None else min(highlighted, len(rows) - 1)
        hint = "Tick your goals above to rank the platforms."
        if self.plan.platforms.goals:
            top = rows[0]
            hint = (
                f"Best fit: {top.platform.name}. Space keeps a platform; details of the "
                "highlighted one are shown below the list."
            )
        self.query_one("#ranking-hint", Static).update(plain(hint))

    @on(SelectionList.SelectionHighlighted, "#ranking")
    def _show_details(self, event: SelectionList.SelectionHighlighted) -> None:
        row = self._rows.get(event.selection.value)
        if row is None:
            return
        platform = row.platform
        lines = [f"{platform.name}: {row.reason}", platform.purpose]
        lines.append("Formats: " + ", ".join(platform.formats))
        lines += [f"Watch out: {caveat}" for caveat in platform.caveats]
        lines.append(
            f"Privacy facts and limits: {checked_label(platform.checked, platform.verified)}."
        )
        self.query_one("#platform-details", Static).update(plain("\n".join(lines)))

    def _store_choices(self) -> None:
        ranking = self.query_one("#ranking", SelectionList)
        chosen = []
        for platform_id in ranking.selected:
            row = self._rows[platform_id]
            chosen.append(PlatformChoice(platform=platform_id, score=row.score, reason=row.reason))
        # keep the ranking order so the plan lists the best fit first
        order = list(self._rows)
        chosen.sort(key=lambda choice: order.index(choice.platform))
        self.plan.platforms.chosen = chosen

    @on(SelectionList.SelectedChanged, "#goals")
    def _goals_changed(self, event: SelectionList.SelectedChanged) -> None:
        order = [goal.id for goal in self.content.goals]
        self.plan.platforms.goals = sorted(event.selection_list.selected, key=order.index)
        self._rebuild_ranking()
        self._store_choices()
        self.changed()

    @on(SelectionList.SelectionToggled, "#ranking")
    def _platform_toggled(self, event: SelectionList.SelectionToggled) -> None:
        ranking = event.selection_list
        if len(ranking.selected) > MAX_CHOSEN:
            ranking.deselect(event.selection.value)
            self.notify(
                f"Keep at most {MAX_CHOSEN} platforms: untick one first. "
                "Starting small makes it easier to post regularly.",
                severity="warning",
            )
            return
        self._store_choices()
        self.changed()
