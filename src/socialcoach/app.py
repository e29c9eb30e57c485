"""The Textual app: routes between screens and turns the plan's life into dialogs.

The plan's life (lock, read, set aside, save, start over, restore) is a core
`socialcoach.session.PlanSession`; this module only shows its states. Screens and steps edit
`app.plan` and call `plan_changed()`; the session saves on every step change, shortly after
edits (at most AUTOSAVE_MAX_WAIT seconds late while the user keeps typing), and on quit:
Ctrl+Q, SIGTERM, SIGHUP, SIGINT, and the command line closes it again after the app has
ended however it ended (a closed browser tab, a crash).
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
    from socialcoach.screens.dialogs import ExportChoice
    from socialcoach.session import Backup, PlanSession, State

CTRL_C_AGAIN = 3.0  # seconds in which a second Ctrl+C quits


class SocialCoachApp(App[int]):
    TITLE = "socialcoach"
    SUB_TITLE = "your social media plan"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding(
            "ctrl+q",
            "save_and_quit",
            "Save & quit",
            priority=True,
            id="quit",
            tooltip="Save and quit",
        ),
        Binding("f1,question_mark", "help", "Help", id="help", tooltip="This help"),
    ]

    def __init__(self, plan_path: Path, content: Content | None = None) -> None:
        super().__init__()
        self.plan_path = plan_path
        self._session: PlanSession | None = None  # made on first use: it imports pydantic
        self._content = content
        self._autosave: Timer | None = None
        self._save_failure_shown = False
        self._ctrl_c_at = 0.0
        self.crash_report: Path | str | None = None
        self._broken_backups: dict[str, Backup] = {}  # the broken-plan dialog's choices
        self.last_input = time.monotonic()  # when the user last pressed a key or clicked

    @property
    def session(self) -> PlanSession:
        if self._session is None:
            from socialcoach.session import PlanSession

            self._session = PlanSession(self.plan_path)
        return self._session

    # The plan and its state, as the screens read them; the session holds the truth.
    @property
    def plan(self) -> Plan:
        assert self.session.plan is not None, "the plan is not open yet"
        return self.session.plan

    @plan.setter
    def plan(self, plan: Plan) -> None:
        self.session.plan = plan

    @property
    def plan_open(self) -> bool:
        """False until a plan is read or started: until then the file on disk may be one we
        could not read, or one another window holds, and must not be written over."""
        return self._session is not None and self._session.is_open

    @property
    def read_only(self) -> bool:
        return self._session is not None and self._session.read_only

    @property
    def save_failed(self) -> bool:
        return self._session is not None and self._session.save_error is not None

    def notify(self, message: str, *, markup: bool = True, **kwargs) -> None:  # type: ignore[override]
        """Every notification is literal text: messages quote pack paths, source ids and file
        contents, and markup in them (`[@click=app.quit]`, `[/oops]`) must neither run nor
        crash the app. Our own notifications use no markup."""
        super().notify(message, markup=False, **kwargs)

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
        self._apply_user_keys()
        self.push_screen(WelcomeScreen(first_run=not self.plan_path.exists()))
        self.call_after_refresh(self._open_content_and_plan)

    def _open_content_and_plan(self) -> None:
        from socialcoach.content import ContentError

        try:
            content = self.content
        except ContentError as exc:
            self.exit(
                return_code=2, message="socialcoach: the built-in content is broken:\n" + str(exc)
            )
            return
        self._after_open(self.session.open(content))

    def _after_open(self, state: State) -> None:
        """Show what the session's open came to: the plan, or the question it waits on."""
        from socialcoach.screens.dialogs import ChoiceDialog

        session = self.session
        if state == "locked":
            which = f" (process {session.locked_by})" if session.locked_by else ""
            self.push_screen(
                ChoiceDialog(
                    "This plan is open in another window",
                    f"{session.path} is already open in socialcoach{which}. Open it "
                    "read-only here, or quit and use the other window.",
                    [("read-only", "Open read-only"), ("quit", "Quit")],
                    escape="quit",
                ),
                self._after_lock_choice,
            )
            return
        if state == "broken":
            self._offer_broken_choices()
            return
        self._plan_opened()

    def _after_lock_choice(self, choice: str | None) -> None:
        if choice == "read-only":
            reason = "another socialcoach window has this plan open"
            self._after_open(self.session.open_read_only(self.content, reason))
        else:
            self.exit(0)

    def _plan_opened(self) -> None:
        session = self.session
        self._apply_pack()
        self._show_welcome(first_run=session.first_run)
        if session.lock_error is not None:
            self.notify(
                f"Cannot write in {self.plan_path.parent} ({session.lock_error.strerror}), so "
                "changes cannot be saved there. Your answers are kept while the app is open: "
                "use Export to write them somewhere else.",
                title="Not saved",
                severity="error",
                timeout=20,
            )
        if session.read_only:
            self.sub_title = "read-only: changes are not saved"
            self.notify(
                f"Opened read-only: {session.read_only_reason}. You can look and try things; "
                "on quit you can save a copy.",
                title="Read-only",
                severity="warning",
                timeout=15,
            )
        if session.set_aside:
            self.notify(
                session.set_aside_summary(), title="Set aside", severity="warning", timeout=20
            )
        plan = session.plan
        if plan is not None and not session.first_run and plan.audit_overdue():
            self.notify(
                f"Your profile audit was due on {plan.profile.next_audit}. Open step 6 to do it.",
                title="Audit due",
                timeout=10,
            )

    def _offer_broken_choices(self) -> None:
        from socialcoach.screens.dialogs import ChoiceDialog

        session = self.session
        error = session.broken
        assert error is not None
        backups = [b for b in session.backups() if b.usable][:3]
        self._broken_backups = {f"restore-{n}": b for n, b in enumerate(backups)}
        choices = [(key, f"Restore {b.describe()}") for key, b in self._broken_backups.items()]
        if session.can_start_new():
            choices.append(("new", "Start a new plan (keep this file beside it)"))
            after = "You can restore a backup or start a new plan; the unreadable file is kept."
        else:
            after = (
                "It is not a plan file socialcoach wrote, so socialcoach leaves it exactly as "
                "it is. Quit and start socialcoach with another --plan file name."
            )
        choices.append(("quit", "Quit"))
        self.push_screen(
            ChoiceDialog(
                "Your plan file cannot be used",
                f"{error.path}\n{error.problem}\n\nNothing has been changed. {after}",
                choices,
                escape="quit",
            ),
            self._after_broken_choice,
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
        from socialcoach.session import Refused
        from socialcoach.store import PlanFileError

        if choice is None or choice == "quit":
            self.exit(return_code=2)
            return
        try:
            backup = self._broken_backups.get(choice)
            if backup is not None:
                kept = self.session.restore(backup.path, self.content)
                done = f"Restored {backup.path.name}."
            else:
                kept = self.session.start_new(self.content, "broken")
                done = "Started a new plan."
        except (OSError, Refused, PlanFileError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.exit(
                return_code=2,
                message=f"socialcoach: could not do that ({why}); {self.plan_path} was not "
                "changed. Fix or move it yourself, or use --plan PATH.",
            )
            return
        if kept is not None:
            done += f" The unreadable file was kept as {kept.name}."
        self.notify(done, timeout=10)
        self._after_open(self.session.state)

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

    # ----------------------------------------------------------------- keys
    @staticmethod
    def keyed_bindings() -> list[Binding]:
        """Every binding a user may give other keys (`[keys]` in settings.toml), in the order
        the help lists them; each has an id and a tooltip that says what it does."""
        from socialcoach.screens.review import ReviewScreen
        from socialcoach.screens.wizard import WizardScreen

        found: list[Binding] = []
        for owner in (WizardScreen, ReviewScreen, SocialCoachApp):
            found += [b for b in owner.BINDINGS if isinstance(b, Binding) and b.id]
        return found

    def _apply_user_keys(self) -> None:
        from socialcoach.settings import load_settings

        chosen = load_settings().keys
        if not chosen:
            return
        known = {binding.id for binding in self.keyed_bindings()}
        unknown = sorted(set(chosen) - known)
        self.set_keymap({bid: keys for bid, keys in chosen.items() if bid in known})
        if unknown:
            self.notify(
                f"settings.toml [keys]: no action called {', '.join(unknown)}; the ones that "
                f"can be given keys are {', '.join(sorted(k for k in known if k))}.",
                title="Keys",
                severity="warning",
                timeout=15,
            )

    def key_table(self) -> list[tuple[str, str]]:
        """(keys, what they do) for the help, with the user's own keys where they chose any."""
        return [
            (
                self._keymap.get(binding.id or "", binding.key),
                binding.tooltip or binding.description,
            )
            for binding in self.keyed_bindings()
        ]

    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._on_terminate)

    def _on_terminate(self) -> None:
        """A signal to stop (the terminal closed, `kill`, Ctrl+C sent as a signal): save
        what was typed, let go of the lock, and exit."""
        self.session.close()
        self.exit(0)

    def exit(self, *args, **kwargs) -> None:  # type: ignore[override]
        """Every way out closes the session: unsaved edits are saved (where this window may)
        and the lock is let go, also when the app runs inside another program, as in tests."""
        if self._session is not None:
            self._session.close()
        super().exit(*args, **kwargs)

    # ----------------------------------------------------------------- errors
    def _handle_exception(self, error: Exception) -> None:
        """An error nobody expected: keep the user's plan and write a report, instead of
        the traceback Textual would print."""
        from socialcoach.crash import write_report

        if self.crash_report is None:
            self.crash_report = write_report(error)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        self.bell()
        self._close_messages_no_wait()

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
        at = time.monotonic()
        self.session.edited(at)
        if self._autosave is not None:
            self._autosave.stop()
        due = self.session.save_due_in(at)
        if due is not None:
            self._autosave = self.set_timer(max(due, 0.01), self.save_plan)

    def save_plan(self) -> bool:
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        if not self.session.writable:
            return False
        if self.session.save():
            self._save_failure_shown = False
            return True
        error = self.session.save_error
        if not self._save_failure_shown and error is not None:
            self._save_failure_shown = True
            self.notify(
                f"Could not save to {self.plan_path} ({error.strerror}). Your answers are kept "
                "while the app is open: use Export, or quit with Ctrl+Q, which offers to save "
                "them in another file.",
                title="Not saved",
                severity="error",
                timeout=15,
            )
        return False

    # ----------------------------------------------------------------- navigation
    def open_wizard(self, step_id: str, focus: str | None = None) -> None:
        """Show the steps at `step_id`, focusing the widget `focus` (an id) if given."""
        from socialcoach.screens.wizard import WizardScreen

        wizard = next((s for s in self.screen_stack if isinstance(s, WizardScreen)), None)
        if wizard is None:
            self.push_screen(WizardScreen(step_id, focus))
            return
        while self.screen is not wizard:
            self.pop_screen()
        self.call_later(wizard.show_step, step_id, focus)

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

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """The palette's Screenshot, saved where exports go (Documents, or the home folder)
        rather than in a Downloads folder that may not exist; in a browser, Textual's own."""
        if self._driver is not None and self._driver.is_web:
            return super().deliver_screenshot(filename, path, time_format)
        from textual._files import generate_datetime_filename

        from socialcoach.fileio import atomic_write_text
        from socialcoach.locations import export_dir

        folder = Path(path) if path else export_dir()
        target = folder / (filename or generate_datetime_filename(self.title, ".svg", time_format))
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic_write_text(target, self.export_screenshot())
        except OSError as exc:
            self.notify(
                f"Could not save the screenshot in {folder} ({exc.strerror}).",
                title="Screenshot",
                severity="error",
            )
            return None
        self.notify(f"Screenshot saved as {target}", title="Screenshot")
        return None

    def check_draft(self) -> None:
        self.open_wizard("phi", focus="draft")

    # ----------------------------------------------------------------- actions
    def action_help(self) -> None:
        from socialcoach.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.plan_path, self.key_table()))

    def action_export(self) -> None:
        from socialcoach.locations import export_dir
        from socialcoach.screens.dialogs import ExportDialog

        self.push_screen(ExportDialog(export_dir() / "socialcoach-plan.md"), self._export_to)

    def _export_to(self, choice: ExportChoice | None) -> None:
        if choice is None:
            return
        from socialcoach.export import render_markdown

        text = render_markdown(self.plan, self.content)
        self._write_user_file(choice.path, text, "Exported", f"Plan exported to {choice.path}")

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
        self.push_screen(dialog, self._calendar_to)

    def _calendar_to(self, choice: ExportChoice | None) -> None:
        if choice is None:
            return
        from socialcoach.calendar_ics import render_ics

        text = render_ics(self.plan, self.content, posting_reminders=choice.option)
        self._write_user_file(choice.path, text, "Calendar", f"Calendar written to {choice.path}")

    def _write_user_file(self, path: Path, text: str, title: str, done: str) -> None:
        """Write an export where the user asked; on failure say so and keep everything."""
        from socialcoach.fileio import atomic_write_bytes

        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # exports are private
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
        from socialcoach.screens.dialogs import ConfirmDialog
        from socialcoach.session import Refused

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                kept = self.session.start_new(self.content, "old")
            except (OSError, Refused) as exc:
                why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                self.notify(f"Could not start over: {why}.", severity="error", timeout=10)
                return
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

    def action_help_quit(self) -> None:
        """Ctrl+C outside a text selection: what many people press first to quit. Save, and
        say how to quit; a second Ctrl+C soon after quits."""
        now = time.monotonic()
        if now - self._ctrl_c_at < CTRL_C_AGAIN:
            self.call_later(self.action_save_and_quit)
            return
        self._ctrl_c_at = now
        saved = self.save_plan()
        said = "Your plan is saved. " if saved else ""
        self.notify(
            f"{said}To quit, press Ctrl+Q, or Ctrl+C again.", title="Quit?", timeout=CTRL_C_AGAIN
        )

    async def action_save_and_quit(self) -> None:
        """Save and quit; if the plan cannot be saved here, ask what to do with the edits."""
        await self._screens_set_up()
        session = self.session
        if session.writable and not self.save_plan():
            self._ask_before_losing_edits(
                "Your plan could not be saved",
                f"{self.plan_path} cannot be written ({self._save_error_text()}). Your answers "
                "are still here. Save them in another file, copy the plan as Markdown, or "
                "quit without saving.",
            )
            return
        if session.read_only and session.unsaved:
            self._ask_before_losing_edits(
                "This window is read-only",
                f"Your changes here are not saved to the plan ({session.read_only_reason}). "
                "Save them in another file, copy the plan as Markdown, or quit without saving.",
            )
            return
        self.exit(0)

    SET_UP_WAIT = 2.0  # seconds a screen still being built may take before quitting anyway

    async def _screens_set_up(self) -> None:
        """Let a screen that is still being built finish first (Ctrl+Q pressed as Resume
        opens the steps): quitting under it cut its set-up short, and its own handlers then
        looked for widgets already gone and failed on the way out."""
        deadline = time.monotonic() + self.SET_UP_WAIT
        while not all(screen.is_mounted for screen in self.screen_stack):
            if time.monotonic() > deadline:
                return
            await asyncio.sleep(0.01)

    def _save_error_text(self) -> str:
        error = self.session.save_error
        return (error.strerror or str(error)) if error is not None else "unknown error"

    def _ask_before_losing_edits(self, title: str, message: str) -> None:
        from socialcoach.screens.dialogs import ChoiceDialog

        self.push_screen(
            ChoiceDialog(
                title,
                message,
                [
                    ("copy", "Save a copy as…"),
                    ("clipboard", "Copy the plan as Markdown to the clipboard"),
                    ("discard", "Quit without saving"),
                    ("cancel", "Cancel: go back to the plan"),
                ],
                escape="cancel",
            ),
            self._after_unsaved_choice,
        )

    def _after_unsaved_choice(self, choice: str | None) -> None:
        if choice == "copy":
            self._save_copy_dialog()
        elif choice == "clipboard":
            from socialcoach.export import render_markdown

            self.copy_to_clipboard(render_markdown(self.plan, self.content))
            self.notify(
                "The plan is on the clipboard as Markdown (if your terminal allows it). Paste "
                "it somewhere safe, then quit with Ctrl+Q and choose Quit without saving.",
                title="Copied",
                timeout=15,
            )
        elif choice == "discard":
            self.session.discard()
            self.exit(0)

    def _save_copy_dialog(self) -> None:
        from socialcoach.locations import export_dir
        from socialcoach.screens.dialogs import ExportDialog

        dialog = ExportDialog(
            export_dir() / "socialcoach-plan-copy.toml",
            title="Save a copy of your plan",
            message="A plan file you can open later with socialcoach --plan PATH.",
        )
        self.push_screen(dialog, self._save_copy_to)

    def _save_copy_to(self, choice: ExportChoice | None) -> None:
        if choice is None:
            return
        path = choice.path
        try:
            self.session.save_copy(path)
        except OSError as exc:
            self.notify(
                f"Could not write {path} ({exc.strerror or exc}). Choose another folder.",
                severity="error",
                timeout=10,
            )
            self.call_later(self._save_copy_dialog)
            return
        self.session.discard()
        self.exit(0, message=f"socialcoach: your plan was saved as {path}.")
