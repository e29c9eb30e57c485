"""The Textual app: opens the plan, routes between screens, and saves.

It owns the one Plan in memory. Screens and steps edit that plan and call
`plan_changed()`; the app saves on every step change, shortly after edits, and on quit
(also on SIGTERM and SIGHUP, when the terminal is closed).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

# Screens, dialogs, the store and the export are imported where they are first used, so
# the first screen does not wait for them (docs/performance.md).
if TYPE_CHECKING:
    from socialcoach.content import Content
    from socialcoach.models import Plan
    from socialcoach.store import PlanLock

AUTOSAVE_DELAY = 1.5  # seconds after the last edit


class SocialCoachApp(App[int]):
    TITLE = "socialcoach"
    SUB_TITLE = "your social media plan"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "save_and_quit", "Save & quit", priority=True, id="quit"),
        Binding("f1,question_mark", "help", "Help", id="help"),
    ]

    def __init__(self, plan_path: Path, content: Content | None = None) -> None:
        super().__init__()
        self.plan_path = plan_path
        self._content = content
        self.plan: Plan = None  # type: ignore[assignment]  # set when the plan is opened
        self.read_only = False
        self.save_failed = False
        self.lock: PlanLock | None = None
        self._autosave: Timer | None = None
        # False until a plan is loaded or started: until then the file on disk may be one
        # we could not read, or one another window holds, and must not be written over.
        self.plan_open = False
        self.last_input = time.monotonic()  # when the user last pressed a key or clicked

    async def on_event(self, event: events.Event) -> None:
        # Every key and click reaches the app first, even those a field then keeps.
        if isinstance(event, events.Key | events.MouseDown):
            self.last_input = time.monotonic()
        await super().on_event(event)

    # ----------------------------------------------------------------- content
    @property
    def content(self) -> Content:
        if self._content is None:
            self._content = self._load_content()
        return self._content

    def _load_content(self) -> Content:
        """Built-in content with the remembered pack; without it if that pack is unusable."""
        from socialcoach.content import ContentError, load_builtin
        from socialcoach.packs import content_with_pack
        from socialcoach.settings import load_settings

        pack = load_settings().pack
        try:
            return content_with_pack(pack)
        except ContentError as exc:
            self.notify(
                f"The policy pack you chose before ({pack}) could not be used, so the coach "
                "runs without it:\n" + "\n".join(exc.problems[:3]) + "\nFix it and start "
                "socialcoach --pack PATH again.",
                title="Policy pack not loaded",
                severity="warning",
                timeout=20,
            )
            return load_builtin()

    # ----------------------------------------------------------------- start-up
    def on_mount(self) -> None:
        """Draw the welcome screen first; open the content and the plan right after."""
        from socialcoach.screens.welcome import WelcomeScreen

        self._install_signal_handlers()
        self.screen_change_signal.subscribe(self, lambda _screen: self.call_later(self.check_size))
        self._restore_theme()
        self.push_screen(WelcomeScreen(first_run=not self.plan_path.exists()))
        self.call_after_refresh(self._open_content_and_plan)

    def _open_content_and_plan(self) -> None:
        from socialcoach.content import ContentError
        from socialcoach.store import PlanLock, PlanLockedError

        self.lock = PlanLock(self.plan_path)
        try:
            _ = self.content
        except ContentError as exc:
            self.exit(
                return_code=2, message="socialcoach: the built-in content is broken:\n" + str(exc)
            )
            return
        try:
            self.lock.acquire()
        except PlanLockedError as exc:
            from socialcoach.screens.dialogs import ChoiceDialog

            self.push_screen(
                ChoiceDialog(
                    "This plan is open in another window",
                    f"{exc.path} is already open in socialcoach (process {exc.pid}). "
                    "Open it read-only here, or quit and use the other window.",
                    [("read-only", "Open read-only"), ("quit", "Quit")],
                    escape="quit",
                ),
                self._after_lock_choice,
            )
            return
        except OSError as exc:  # a read-only or full data folder: open, but say so now
            self.notify(
                f"Cannot write in {self.plan_path.parent} ({exc.strerror}), so changes cannot "
                "be saved there. Your answers are kept while the app is open: use Export to "
                "write them somewhere else.",
                title="Not saved",
                severity="error",
                timeout=20,
            )
        self._open_plan()

    def _after_lock_choice(self, choice: str | None) -> None:
        if choice == "read-only":
            self.read_only = True
            self._open_plan()
        else:
            self.exit(0)

    def _open_plan(self) -> None:
        from socialcoach.models import Plan
        from socialcoach.store import PlanFileError, load_plan

        try:
            plan = load_plan(self.plan_path, write_migrated=not self.read_only)
        except PlanFileError as exc:
            from socialcoach.screens.dialogs import ChoiceDialog

            self.push_screen(
                ChoiceDialog(
                    "Your plan file cannot be read",
                    f"{exc.path}\n{exc.problem}\n\nNothing has been changed. You can quit and "
                    "fix the file in a text editor, or start a new plan: the broken file is "
                    "kept beside it as plan.toml.broken-<date>.",
                    [("new", "Start a new plan (keep the broken file)"), ("quit", "Quit")],
                    escape="quit",
                ),
                self._after_broken_choice,
            )
            return
        self.plan = Plan() if plan is None else plan
        self.plan_open = True
        self._apply_pack()
        self._show_welcome(first_run=plan is None)
        if plan is not None and plan.audit_overdue():
            self.notify(
                f"Your profile audit was due on {plan.profile.next_audit}. Open step 6 to do it.",
                title="Audit due",
                timeout=10,
            )

    def _show_welcome(self, first_run: bool) -> None:
        """Fill in the welcome screen drawn at start, or replace it if the plan changed."""
        from socialcoach.screens.welcome import WelcomeScreen

        welcome = next((s for s in self.screen_stack if isinstance(s, WelcomeScreen)), None)
        if welcome is not None and welcome.first_run == first_run:
            while self.screen is not welcome:
                self.pop_screen()
            welcome.plan_ready()
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(WelcomeScreen(first_run=first_run))  # its on_mount sees the plan

    def _after_broken_choice(self, choice: str | None) -> None:
        from socialcoach.store import move_aside

        if choice != "new":
            self.exit(return_code=2)
            return
        try:
            kept = move_aside(self.plan_path, "broken")
        except OSError as exc:
            self.exit(
                return_code=2,
                message=f"socialcoach: could not move {self.plan_path} aside ({exc.strerror}); "
                "it was not changed. Fix or move it yourself, or use --plan PATH.",
            )
            return
        self.notify(f"The unreadable file was kept as {kept.name}.", timeout=8)
        self._open_plan()

    def _apply_pack(self) -> None:
        """Bring the plan up to the organisation's pack: its defaults, and a newer version."""
        from socialcoach.packs import apply_to_plan
        from socialcoach.settings import load_settings

        changes = apply_to_plan(self.plan, self.content, load_settings().pack)
        if changes is not None:  # step 1 shows the details until the user has read them
            self.notify(
                "\n".join(changes.lines()[:4]),
                title="Your organisation's policy changed",
                timeout=20,
            )

    def _restore_theme(self) -> None:
        """Use the theme chosen last time, and remember any new choice."""
        from socialcoach.settings import load_settings, remember_theme

        theme = load_settings().theme
        if theme and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(
            self, lambda new: remember_theme(new.name) if not self.read_only else None
        )

    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._on_terminate)

    def _on_terminate(self) -> None:
        self.save_plan()
        if self.lock is not None:
            self.lock.release()
        self.exit(0)

    # ----------------------------------------------------------------- window size
    def on_resize(self) -> None:
        self.call_later(self.check_size)

    def check_size(self) -> None:
        """Keep the 'make the window larger' screen on top exactly while it is too small."""
        from socialcoach.screens.too_small import TooSmallScreen, too_small

        if not self.is_running or not self.screen_stack:
            return
        small = too_small(*self.size)
        on_top = isinstance(self.screen, TooSmallScreen)
        if small and not on_top:
            self.push_screen(TooSmallScreen())
        elif on_top and not small:
            self.pop_screen()

    # ----------------------------------------------------------------- saving
    def plan_changed(self) -> None:
        """An edit happened: save soon, so a crash loses at most a moment's typing."""
        if self._autosave is not None:
            self._autosave.stop()
        self._autosave = self.set_timer(AUTOSAVE_DELAY, self.save_plan)

    def save_plan(self) -> bool:
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        if self.read_only or not self.plan_open:
            return False
        from socialcoach.store import save_plan

        try:
            save_plan(self.plan, self.plan_path)
        except OSError as exc:
            if not self.save_failed:
                self.notify(
                    f"Could not save to {self.plan_path} ({exc.strerror}). Your answers are kept "
                    "while the app is open: use Export to write them somewhere else.",
                    title="Not saved",
                    severity="error",
                    timeout=15,
                )
            self.save_failed = True
            return False
        self.save_failed = False
        return True

    # ----------------------------------------------------------------- navigation
    def open_wizard(self, step_id: str, focus: str | None = None) -> None:
        """Show the steps at `step_id`, focusing the widget `focus` (an id) if given."""
        from socialcoach.screens.wizard import WizardScreen

        for screen in self.screen_stack:
            if isinstance(screen, WizardScreen):
                while self.screen is not screen:
                    self.pop_screen()
                self.call_later(screen.show_step, step_id, focus)
                return
        self.push_screen(WizardScreen(step_id, focus))

    def show_review(self) -> None:
        from socialcoach.screens.review import ReviewScreen

        if isinstance(self.screen, ReviewScreen):
            return
        self.push_screen(ReviewScreen())

    # ----------------------------------------------------------------- command palette
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands (with Quit made to save), plus every step and action."""
        for command in super().get_system_commands(screen):
            if command.title == "Quit":
                yield SystemCommand("Quit", "Save the plan and quit", self.action_save_and_quit)
            else:
                yield command
        if self._content is None or not self.plan_open:
            return
        for step in sorted(self.content.steps.values(), key=lambda s: s.number):
            yield SystemCommand(
                f"Go to step {step.number}: {step.title}",
                step.what_to_do,
                partial(self.open_wizard, step.id),
            )
        yield SystemCommand(
            "Review the plan", "See the whole plan as it will be exported", self.show_review
        )
        yield SystemCommand(
            "Export the plan", "Write the plan as Markdown to a file", self.action_export
        )
        yield SystemCommand(
            "Export the calendar",
            "Write the policy follow-ups, profile audits and posting rhythm as an .ics file",
            self.action_calendar,
        )
        yield SystemCommand(
            "Check a draft for patient information",
            "Paste a draft post; possible identifiers are listed as you type",
            self.check_draft,
        )
        yield SystemCommand("Help", "Every key, and where your plan is saved", self.action_help)

    def check_draft(self) -> None:
        self.open_wizard("phi", focus="draft")

    # ----------------------------------------------------------------- actions
    def action_help(self) -> None:
        from socialcoach.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.plan_path))

    def action_export(self) -> None:
        from socialcoach.locations import export_dir
        from socialcoach.screens.dialogs import ExportDialog

        self.push_screen(ExportDialog(export_dir() / "socialcoach-plan.md"), self._export_to)

    def _export_to(self, path: Path | None) -> None:
        if path is None:
            return
        from socialcoach.export import render_markdown

        text = render_markdown(self.plan, self.content)
        self._write_user_file(path, text, "Exported", f"Plan exported to {path}")

    def action_calendar(self) -> None:
        from socialcoach.locations import export_dir
        from socialcoach.screens.dialogs import ExportDialog

        dialog = ExportDialog(
            export_dir() / "socialcoach-plan.ics",
            title="Put your plan's dates in your calendar",
            message="An iCalendar (.ics) file of the open policy follow-ups, the next profile "
            "audit and its rhythm. Import it into Apple Calendar, Google Calendar or Outlook; "
            "importing a newer one updates the same events.",
            option="Include a weekly posting reminder",
        )
        self.push_screen(dialog, lambda path: self._calendar_to(path, dialog.option_ticked))

    def _calendar_to(self, path: Path | None, posting_reminders: bool) -> None:
        if path is None:
            return
        from socialcoach.calendar_ics import render_ics

        text = render_ics(self.plan, self.content, posting_reminders=posting_reminders)
        self._write_user_file(path, text, "Calendar", f"Calendar written to {path}")

    def _write_user_file(self, path: Path, text: str, title: str, done: str) -> None:
        """Write an export where the user asked; on failure say so and keep everything."""
        from socialcoach.fileio import atomic_write_bytes

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # bytes, so an .ics file keeps its CRLF line ends
            atomic_write_bytes(path, text.encode("utf-8"))
        except OSError as exc:
            self.notify(
                f"Could not write {path} ({exc.strerror}). Choose another folder.",
                severity="error",
                timeout=10,
            )
            return
        self.notify(done, title=title, timeout=8)

    def action_start_over(self) -> None:
        from socialcoach.models import Plan
        from socialcoach.screens.dialogs import ConfirmDialog
        from socialcoach.store import move_aside

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            kept = None
            if self.plan_path.exists() and not self.read_only:
                self.save_plan()
                kept = move_aside(self.plan_path, "old")
            self.plan = Plan()
            self._apply_pack()
            self.call_after_refresh(self._back_to_first_run)
            if kept:
                self.notify(f"Your previous plan was kept as {kept.name}.", timeout=8)

        self.push_screen(
            ConfirmDialog(
                "Start over?",
                "This starts a new, empty plan. Your current plan is not deleted: it is kept "
                "as a backup beside the plan file.",
                yes="Start over",
            ),
            confirmed,
        )

    def _back_to_first_run(self) -> None:
        from socialcoach.screens.welcome import WelcomeScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(WelcomeScreen(first_run=True))

    async def action_save_and_quit(self) -> None:
        saved = self.save_plan()
        if self.lock is not None:
            self.lock.release()
        if not saved and not self.read_only and self.save_failed:
            self.exit(
                return_code=1,
                message=f"socialcoach: the plan could not be saved to {self.plan_path}.",
            )
            return
        self.exit(0)
