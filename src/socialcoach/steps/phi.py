"""Step 4: the identifiers that must never appear, image hazards, a quiz, and a draft checker."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Button, Label, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection
from textual.worker import Worker, WorkerState

from socialcoach.choice import Choice
from socialcoach.content import SAFE_HARBOR_NOTE
from socialcoach.phi_lessons import quiz_feedback, rule_text
from socialcoach.steps.base import StepPane, plain
from socialcoach.steps.image_check import ImageChecker
from socialcoach.ticks import TickList
from socialcoach.widgets import holding


def _rule_list(list_id: str, rows: list[tuple[str, str]], acknowledged: set[str]) -> ComposeResult:
    """A list of rules to tick (label, id), its details line and its "I know these" button:
    the identifiers and the image hazards are both acknowledged this way."""
    yield TickList[str](
        *[Selection(plain(label), rule_id, rule_id in acknowledged) for label, rule_id in rows],
        id=list_id,
        classes="rules",
    )
    yield Static("", id=f"{list_id}-details", classes="details")
    yield Button(
        f"I know these {len(rows)}: tick them all",
        id=f"{list_id}-known",
        classes="know-all",
        compact=True,
    )


class PhiStep(StepPane):
    step_id = "phi"

    DEFAULT_CSS = """
    PhiStep #draft-row { height: auto; }
    PhiStep #draft-row .hint { width: 1fr; padding: 0 1; }
    """

    def compose_form(self) -> ComposeResult:
        plan, content = self.plan, self.content
        acknowledged = set(plan.phi.acknowledged)
        yield Label(
            "The 18 identifiers HIPAA's Safe Harbor rule lists: tick each you know, or all at once",
            classes="section-title",
        )
        yield from _rule_list(
            "identifiers",
            [(f"({i.letter}) {i.title}: {i.radiology_example}", i.id) for i in content.identifiers],
            acknowledged,
        )
        yield Static(plain(SAFE_HARBOR_NOTE), id="safe-harbor-note", classes="hint")
        yield Label("Where images leak patient information", classes="section-title")
        yield from _rule_list(
            "hazards", [(f"{h.title}: {h.what_to_do}", h.id) for h in content.hazards], acknowledged
        )
        yield Label("If a post goes wrong", classes="section-title")
        yield Static(
            plain(
                "\n".join(
                    f"{n}. {step.title}: {step.what_to_do}"
                    for n, step in enumerate(content.recovery, 1)
                )
            ),
            id="after-mistake",
            classes="details",
        )
        yield Label(f"Quiz: {len(content.quiz)} situations", classes="section-title")
        for number, question in enumerate(content.quiz, 1):
            answered = plan.phi.quiz_answers.get(question.id)
            yield Static(plain(f"{number}. {question.scenario}"), classes="scenario item-start")
            yield holding(
                Choice(
                    [(choice, str(index)) for index, choice in enumerate(question.choices)],
                    None if answered is None else str(answered),
                    vertical=True,
                    id=f"quiz-{question.id}",
                    classes="quiz",
                ),
                question_id=question.id,
            )
            yield Static(
                plain(self._feedback(question.id, answered)),
                id=f"feedback-{question.id}",
                classes="feedback",
            )
        yield Label("Check a draft before you post", classes="section-title")
        yield Static(
            plain(
                "Type or paste a draft; possible identifiers are listed as you type. "
                "The draft is not saved anywhere."
            ),
            classes="hint",
        )
        yield TextArea("", id="draft", soft_wrap=True)
        with Horizontal(id="draft-row"):
            yield Button("Fix all (ctrl+t)", id="fix-draft")
            yield Static(
                plain("Replaces each finding with a safe wording; ctrl+z undoes it."),
                classes="hint",
            )
        yield Static("", id="draft-findings", classes="findings")
        yield ImageChecker(id="image-checker")

    def _feedback(self, question_id: str, answered: int | None) -> str:
        question = next(q for q in self.content.quiz if q.id == question_id)
        return quiz_feedback(self.content, question, answered)

    @on(SelectionList.SelectionHighlighted, ".rules")
    def _show_rule(self, event: SelectionList.SelectionHighlighted) -> None:
        """The whole rule, which the one-line list item cuts short."""
        text = rule_text(self.content, event.selection.value)
        box_id = f"#{event.selection_list.id}-details"
        self.query_one(box_id, Static).update(plain(text))

    @on(Button.Pressed, ".know-all")
    def _know_all(self, event: Button.Pressed) -> None:
        """A group acknowledged at once: every rule stays listed and readable above."""
        group = (event.button.id or "").removesuffix("-known")
        self.query_one(f"#{group}", SelectionList).select_all()

    @on(SelectionList.SelectedChanged, ".rules")
    def _rules_changed(self, event: SelectionList.SelectedChanged) -> None:
        ticked: list[str] = []
        for rules in self.query(".rules").results(SelectionList):
            ticked.extend(rules.selected)
        self.plan.phi.acknowledged = ticked
        self.changed()

    @on(Choice.Changed, ".quiz")
    def _answered(self, event: Choice.Changed) -> None:
        question_id: str = getattr(event.choice, "question_id", "")
        answer = int(event.value)
        if self.plan.phi.quiz_answers.get(question_id) == answer:
            return
        self.plan.phi.quiz_answers = {**self.plan.phi.quiz_answers, question_id: answer}
        feedback = self.query_one(f"#feedback-{question_id}", Static)
        feedback.update(plain(self._feedback(question_id, answer)))
        self.changed()

    # A post is checked as it is typed. A long draft (an article) takes longer to check than
    # the gap between two keys, so it is checked once typing pauses: every key still shows
    # at once.
    LONG_DRAFT = 3000  # characters
    PAUSE = 0.3  # seconds without a change before a long draft is checked

    _draft_timer: Timer | None = None

    @on(TextArea.Changed, "#draft")
    def _draft_changed(self, event: TextArea.Changed) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if len(event.text_area.text) < self.LONG_DRAFT:
            self._check_draft()
        else:
            self._draft_timer = self.set_timer(self.PAUSE, self._check_draft)

    def _own(self) -> tuple[str, ...]:
        """The user's own name and details from About you: never flagged as a patient's."""
        basics = self.plan.basics
        items = [basics.display_name, basics.organisation, *basics.own_details.split(";")]
        return tuple(i.strip() for i in items if i.strip())

    def _check_draft(self) -> None:
        """Check in a worker thread: the first check loads the word lists (tens of ms), and
        no check may hold up the next key."""
        self._draft_timer = None
        text = self.query_one("#draft", TextArea).text
        own = self._own()
        self.run_worker(
            lambda: draft_report(text, own), thread=True, exclusive=True, group="draft-check"
        )

    BINDINGS = [
        Binding("ctrl+t,f9", "fix_draft", "Fix draft", id="fix-draft"),
    ]

    @on(Button.Pressed, "#fix-draft")
    def action_fix_draft(self) -> None:
        """Replace every finding with its safe rewrite as one edit, so one ctrl+z undoes it."""
        from socialcoach import phi

        draft = self.query_one("#draft", TextArea)
        text = draft.text
        findings = phi.check(text, author_names=self._own())
        if not findings:
            return
        fixed = phi.fix_text(text, findings)
        draft.history.checkpoint()
        draft.replace(fixed, (0, 0), draft.document.end)
        draft.history.checkpoint()
        draft.focus()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        result = event.worker.result
        if (
            event.state is WorkerState.SUCCESS
            and event.worker.group == "draft-check"
            and result is not None
        ):
            self.query_one("#draft-findings", Static).update(result)


CONTEXT = 30  # characters shown either side of a finding
SHOWN = 30  # findings listed; a longer list is cut, with the number left


def draft_report(text: str, author_names: tuple[str, ...] = ()) -> Text:
    """The checker's findings, each shown in its line with the risky text highlighted."""
    if not text.strip():
        return Text("")
    from socialcoach import phi

    findings = phi.check(text, author_names=author_names)
    if not findings:
        return Text(phi.no_findings_note(), style="green")
    likely = sum(f.confidence == "likely" for f in findings)
    report = Text(
        f"{len(findings)} possible identifier(s) found ({likely} likely,"
        f" {len(findings) - likely} possible). Press ctrl+t (or F9) to fix them all.\n",
        style="bold",
    )
    for finding in findings[:SHOWN]:
        line_start = text.rfind("\n", 0, finding.start) + 1
        line_end = text.find("\n", finding.end)
        line_end = len(text) if line_end == -1 else line_end
        left = max(line_start, finding.start - CONTEXT)
        right = min(line_end, finding.end + CONTEXT)
        # "LIKELY" and "possible" differ in words, weight and colour, so they read apart in
        # monochrome terminals too.
        if finding.confidence == "likely":
            report.append("LIKELY ", style="bold red")
        else:
            report.append("possible ", style="italic yellow")
        report.append(f"line {finding.line}, {finding.category}: ", style="bold")
        report.append(("…" if left > line_start else "") + text[left : finding.start])
        report.append(finding.text, style="bold reverse")
        report.append(text[finding.end : right] + ("…" if right < line_end else "") + "\n")
        fix = f" Fix: {finding.rewrite!r}." if finding.rewrite else " Fix: remove it."
        report.append(f"  {finding.message}{fix}\n", style="dim")
    if len(findings) > SHOWN:
        report.append(
            f"…and {len(findings) - SHOWN} more. Fix these first: the list follows your edits.\n",
            style="bold",
        )
    return report
