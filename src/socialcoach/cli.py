"""Command line: the app by default, plus export, calendar, validate, restore, schema, where,
check-post, check-image, content check, cohort report and serve.

Exit codes: 0 fine, 1 a check found a problem, 2 usage or file errors. Every error names
the file and says what to do. The UI is imported only when the app is started.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from socialcoach import __version__
from socialcoach.locations import data_dir, default_plan_path, settings_path

if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


def _error(message: str) -> int:
    from socialcoach.cleantext import visible

    # Messages quote file names, keys and values from files: show their control characters
    # as escapes instead of letting them act on the terminal.
    print(f"socialcoach: {visible(message)}", file=sys.stderr)
    return EXIT_ERROR


def _plan_path(args: argparse.Namespace) -> Path:
    return Path(args.plan).expanduser() if args.plan else default_plan_path()


def _load_content(args: argparse.Namespace, plan=None):
    """Built-in content, with the chosen (or the plan's, or the remembered) pack applied."""
    from socialcoach.packs import content_with_pack
    from socialcoach.settings import load_settings

    pack_path = getattr(args, "pack", None)
    if not pack_path and plan is not None and plan.pack and plan.pack.path:
        pack_path = plan.pack.path
    return content_with_pack(pack_path or load_settings().pack)


class CommandError(Exception):
    """A problem `main` reports on stderr with exit code 2; the message says what to do."""


def _read_plan(args: argparse.Namespace):
    """The plan at --plan (or the default), its text, and what it set aside; CommandError
    naming the file when there is none or it cannot be used. Never writes the plan."""
    from socialcoach.store import PlanFileError, decode_plan, parse_plan_tolerant, read_plan_bytes

    path = _plan_path(args)
    try:
        data = read_plan_bytes(path)
        if data is None:
            raise CommandError(
                f"no plan at {path}. Run `socialcoach` to make one, or pass --plan PATH."
            )
        text = decode_plan(data, path)
        plan, _version, set_aside = parse_plan_tolerant(text, path)
    except PlanFileError as exc:
        raise CommandError(f"{exc.path}: {exc.problem}\n  {exc.hint}") from exc
    return plan, text, set_aside


def _content_for(args: argparse.Namespace, plan):
    from socialcoach.content import ContentError

    try:
        return _load_content(args, plan)
    except ContentError as exc:
        problems = "\n  ".join(exc.problems)
        raise CommandError(f"the content or policy pack has problems:\n  {problems}") from exc


def _plan_and_content(args: argparse.Namespace):
    """The plan and the content with its policy pack applied, or a CommandError. Values the
    coach cannot use are left out, as the app does, with a note on stderr."""
    from socialcoach.setaside import against_content

    plan, _text, set_aside = _read_plan(args)
    content = _content_for(args, plan)
    set_aside += against_content(plan, content)
    if set_aside:
        print(
            f"socialcoach: note: {len(set_aside)} value(s) in {_plan_path(args)} were left out "
            "because the coach cannot use them; `socialcoach validate` lists them.",
            file=sys.stderr,
        )
    return plan, content


def _write_output(args: argparse.Namespace | SimpleNamespace, text: str, done: str) -> None:
    """Write to -o FILE atomically (saying `done` and where), or to standard output."""
    from socialcoach.fileio import atomic_write_bytes

    data = text.encode("utf-8")  # bytes, so an .ics file keeps its CRLF line ends
    if args.output and args.output != "-":
        out = Path(args.output).expanduser()
        try:
            atomic_write_bytes(out, data)
        except OSError as exc:
            raise CommandError(
                f"cannot write {out}: {exc.strerror}. Choose another folder with -o."
            ) from exc
        print(done.format(out=out), file=sys.stderr)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def cmd_export(args: argparse.Namespace) -> int:
    from socialcoach.export import render_markdown

    plan, content = _plan_and_content(args)
    _write_output(args, render_markdown(plan, content), "Plan exported to {out}")
    return EXIT_OK


def cmd_calendar(args: argparse.Namespace) -> int:
    from socialcoach.calendar_ics import render_ics

    plan, content = _plan_and_content(args)
    text = render_ics(plan, content, posting_reminders=args.posting_reminders)
    _write_output(args, text, "Calendar written to {out}: import it into your calendar.")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        from socialcoach.serve import serve
    except ImportError as exc:
        return _error(
            f"the browser version needs textual-serve ({exc.name} is missing). "
            "Install it with: python3 -m pip install 'socialcoach[web]'"
        )
    if args.port is not None and not 0 < args.port < 65536:
        return _error(f"--port {args.port} is not a port; give 1-65535, or leave it out.")
    try:
        serve(_plan_path(args).resolve(), args.port, not args.no_open, args.pack)
    except OSError as exc:
        return _error(
            f"cannot listen on 127.0.0.1 port {args.port or '(any)'} ({exc.strerror}). "
            "Choose another --port, or leave it out to use a free one."
        )
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Whatever the app cannot use, reported as `file:line: key: problem; what to do`."""
    from socialcoach.cleantext import visible
    from socialcoach.models import STEP_ORDER
    from socialcoach.setaside import against_content
    from socialcoach.store import line_of_path

    path = _plan_path(args)
    plan, text, set_aside = _read_plan(args)
    set_aside += against_content(plan, _content_for(args, plan))
    if not set_aside:
        print(f"{path}: valid plan, {plan.done_count()} of {len(STEP_ORDER)} steps done.")
        return EXIT_OK
    print(
        f"{path}: {len(set_aside)} value(s) the coach cannot use. The app opens the plan "
        "without them and keeps them in the file as they are:",
        file=sys.stderr,
    )
    for item in set_aside:
        line = line_of_path(text, item.place)
        where = f"{path}:{line}" if line else str(path)
        print(
            visible(f"  {where}: {item.describe()}; correct or delete it in a text editor."),
            file=sys.stderr,
        )
    return EXIT_FOUND


def cmd_restore(args: argparse.Namespace) -> int:
    """List the earlier plans kept beside the plan file, or put one back."""
    from socialcoach.session import PlanSession, Refused, State
    from socialcoach.store import PlanFileError

    session = PlanSession(_plan_path(args))
    backups = session.backups()
    if args.backup is None:
        if not backups:
            print(f"No earlier plans are kept beside {session.path}.")
            return EXIT_OK
        print(f"Earlier plans kept beside {session.path}, newest first:")
        for number, backup in enumerate(backups, 1):
            print(f"  {number}. {backup.describe()}")
        print("Restore one with: socialcoach restore NUMBER (the current plan is kept).")
        return EXIT_OK
    chosen = _chosen_backup(args.backup, backups)
    state = session.open(_content_for(args, None))
    if state is State.LOCKED:
        raise CommandError(f"{session.path} is open in another socialcoach window; quit it first.")
    try:
        kept = session.restore(chosen, _content_for(args, None))
    except (Refused, PlanFileError) as exc:
        raise CommandError(f"cannot restore {chosen}: {exc}") from exc
    except OSError as exc:
        raise CommandError(f"cannot restore {chosen}: {exc.strerror or exc}") from exc
    finally:
        session.close()
    kept_note = f" The plan it replaced was kept as {kept.name}." if kept else ""
    print(f"Restored {chosen.name} as {session.path}.{kept_note}")
    return EXIT_OK


def _chosen_backup(choice: str, backups) -> Path:
    if choice.isdigit():
        number = int(choice)
        if not 1 <= number <= len(backups):
            raise CommandError(
                f"there is no backup {number}; run `socialcoach restore` to list them."
            )
        backup = backups[number - 1]
        if not backup.usable:
            raise CommandError(f"backup {number} cannot be used: {backup.problem}")
        return backup.path
    path = Path(choice).expanduser()
    if not path.is_file():
        raise CommandError(f"{path}: no such file; run `socialcoach restore` to list backups.")
    return path


def cmd_schema(args: argparse.Namespace) -> int:
    from socialcoach.models import Plan

    print(json.dumps(Plan.model_json_schema(), indent=2, sort_keys=True))
    return EXIT_OK


def cmd_where(args: argparse.Namespace) -> int:
    from socialcoach.locations import content_dir

    print(f"data folder:  {data_dir()}")
    print(f"plan:         {_plan_path(args)}")
    print(f"settings:     {settings_path()}")
    print(f"content:      {content_dir()}")
    return EXIT_OK


def cmd_check_post(args: argparse.Namespace) -> int:
    from socialcoach import phi

    source = args.file or "-"
    if source == "-":
        text = sys.stdin.read()
        label = "<stdin>"
    else:
        path = Path(source).expanduser()
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return _error(f"{path}: no such file. Give the path of a text file, or - for stdin.")
        except UnicodeDecodeError:
            return _error(f"{path}: not UTF-8 text. Save the draft as plain text and try again.")
        except OSError as exc:
            return _error(f"{path}: cannot be read ({exc.strerror}).")
        label = str(path)
    me = None
    if args.me:
        from socialcoach.phi import own

        try:
            me = own.load(Path(args.me).expanduser())
        except own.OwnDetailsError as exc:
            return _error(str(exc))
    from socialcoach.cleantext import visible

    findings = phi.check(text, author_names=args.author or (), me=me)
    if args.fix:
        # The rewritten draft on stdout (pipe it to a file, where it stays as typed; on a
        # terminal its control characters are shown, not run); the report goes to stderr.
        fixed = phi.fix_text(text, findings)
        sys.stdout.write(visible(fixed) if sys.stdout.isatty() else fixed)
        print(visible(phi.report_text(findings, label)), file=sys.stderr)
    elif args.json:
        print(phi.report_json(findings))  # JSON escapes control characters itself
    else:
        print(visible(phi.report_text(findings, label)))
    return EXIT_FOUND if findings else EXIT_OK


class _Progress:
    """Progress of a long image check on stderr: at once on a terminal, otherwise only once it
    has taken more than a second (so scripts and pipes stay quiet for quick checks)."""

    def __init__(self) -> None:
        import time

        self._clock = time.monotonic
        self._start = time.monotonic()
        self._tty = sys.stderr.isatty()
        self._shown = False

    def __call__(self, message: str) -> None:
        if self._tty or self._clock() - self._start > 1.0:
            end = "\r" if self._tty else "\n"
            print(f"socialcoach: {message}…".ljust(60), end=end, file=sys.stderr, flush=True)
            self._shown = True

    def done(self) -> None:
        if self._shown and self._tty:
            print(" " * 60, end="\r", file=sys.stderr, flush=True)


def cmd_check_image(args: argparse.Namespace) -> int:
    from socialcoach import images

    path = Path(args.file).expanduser()
    strip_out = Path(args.strip).expanduser() if args.strip else None
    redact_out = Path(args.redact).expanduser() if args.redact else None
    progress = _Progress()
    try:
        if redact_out is not None:
            redacted = images.redact_image(path, redact_out, progress=progress)
            report = redacted.report
        else:
            redacted = None
            report = images.check_image(path, ocr=not args.no_ocr, progress=progress)
        stripped = (
            images.strip_image(path, strip_out, keep_icc=not args.strip_icc)
            if strip_out is not None
            else None
        )
    except images.ImageError as exc:  # MissingExtra too: the message says what to install
        progress.done()
        return _error(f"{path}: {exc}")
    progress.done()
    print(images.report_json(report) if args.json else images.report_text(report))
    if stripped is not None:
        notes = "\n  ".join(stripped.notes)
        print(f"Copy without metadata written to {stripped.out}\n  {notes}", file=sys.stderr)
    if redacted is not None:
        notes = "\n  ".join(redacted.notes)
        print(f"Safe copy written to {redacted.out}\n  {notes}", file=sys.stderr)
    return EXIT_FOUND if report.findings else EXIT_OK


def _control_character_problems(path: Path | None) -> list[str]:
    """`file:line:column` of every control character in the TOML files being checked: they
    are removed when the content is loaded, and the person who wrote the file should know."""
    from socialcoach.cleantext import control_characters
    from socialcoach.locations import content_dir

    root = path if path is not None else content_dir()
    files = sorted(root.rglob("*.toml")) if root.is_dir() else [root]
    problems = []
    for file in files:
        try:
            text = file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # the loader reports files it cannot read
        for line, column, escape in control_characters(text):
            problems.append(
                f"{file}:{line}:{column}: a control character ({escape}) that could drive a "
                "terminal; it is ignored when the file is loaded. Delete it."
            )
    return problems


def cmd_content_check(args: argparse.Namespace) -> int:
    from socialcoach.cleantext import visible
    from socialcoach.packs import check_path, check_warnings

    path = Path(args.path).expanduser() if args.path else None
    problems = _control_character_problems(path) + check_path(path)
    what = str(path) if path else "built-in content"
    if problems:
        print(visible(f"{what}: {len(problems)} problem(s):"), file=sys.stderr)
        for problem in problems:
            print(f"  {visible(problem)}", file=sys.stderr)
        return EXIT_FOUND
    warnings = check_warnings(path)
    if warnings:
        # Usable, but a person should look: stale dates and citations off the publisher's site.
        print(visible(f"{what}: {len(warnings)} warning(s):"), file=sys.stderr)
        for warning in warnings:
            print(f"  {visible(warning)}", file=sys.stderr)
    print(f"{what}: no problems found.")
    return EXIT_OK


def cmd_cohort_report(args: argparse.Namespace) -> int:
    """A Markdown (and CSV) report over shared plans; exit 1 if some files could not be read."""
    import datetime as dt

    from socialcoach import cohort
    from socialcoach.content import ContentError

    try:
        content = _load_content(args)
    except ContentError as exc:
        raise CommandError("the policy pack has problems:\n  " + "\n  ".join(exc.problems)) from exc
    outputs = [o for o in (args.output, args.csv) if o and o != "-"]
    for out in outputs:
        if cohort.is_network_location(out):
            raise CommandError(f"{out}: a network location; write the report to a local file.")
    try:
        today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    except ValueError:
        raise CommandError(f"--today {args.today}: not a date; use YYYY-MM-DD.") from None
    exclude = {Path(o).expanduser().resolve() for o in outputs}
    files, found = cohort.gather(args.paths, exclude)
    report = cohort.read(files, content, found)
    for path, why in report.unreadable:
        print(f"socialcoach: {path}: {why.rstrip('.')}; left out of the report.", file=sys.stderr)
    if not report.members:
        raise CommandError(
            "no plans could be read from the paths given. Pass plan files (.toml), exported "
            "plans (.md), or folders holding them."
        )
    if args.csv:
        csv_args = SimpleNamespace(output=args.csv)
        _write_output(csv_args, cohort.render_csv(report, content, today), "CSV written to {out}")
    text = cohort.render_markdown(report, content, today)
    _write_output(args, text, f"Report on {len(report.members)} plans written to {{out}}")
    return EXIT_FOUND if report.unreadable else EXIT_OK


def cmd_app(args: argparse.Namespace) -> int:
    plan_path = _plan_path(args)
    content = None  # without a pack the app loads the content after its first paint
    if args.pack:
        from socialcoach.content import ContentError
        from socialcoach.settings import remember_pack

        try:
            content = _load_content(args)
        except ContentError as exc:
            return _error("the policy pack has problems:\n  " + "\n  ".join(exc.problems))
        remember_pack(Path(args.pack).expanduser().resolve())
    from socialcoach.app import SocialCoachApp

    app = SocialCoachApp(plan_path=plan_path, content=content)
    try:
        app.run()
    finally:
        # However the app ended (Ctrl+Q, a closed browser tab, an error), what was typed is
        # saved and the lock let go; after Ctrl+Q this finds nothing left to do.
        app.session.close()
    if app.crash_report is not None:
        return _error(
            "something went wrong that socialcoach did not expect, and it closed. Your plan "
            f"was saved. A report for the developers is in {app.crash_report}."
        )
    return app.return_code or EXIT_OK


def _common_options(default: object) -> argparse.ArgumentParser:
    """--plan and --pack, accepted before or after the command."""
    import argparse

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--plan", metavar="PATH", default=default, help="use this plan file instead of the default"
    )
    common.add_argument(
        "--pack",
        metavar="PATH",
        default=default,
        help="apply an organisation policy pack (a TOML file or a folder)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    import argparse  # not needed to start the app with no arguments

    # Subcommands must not reset options given before them, hence SUPPRESS there.
    common = _common_options(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="socialcoach",
        parents=[_common_options(None)],
        description="A coach for physicians joining social media: six steps to a personal plan. "
        "Run without a command to start the app. Everything stays on this machine.",
    )
    parser.add_argument("--version", action="version", version=f"socialcoach {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    export = sub.add_parser("export", parents=[common], help="write the plan as Markdown")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    export.set_defaults(func=cmd_export)

    calendar = sub.add_parser(
        "calendar",
        parents=[common],
        help="write the plan's dates (policy follow-ups, audits, posting) as iCalendar",
    )
    calendar.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    calendar.add_argument(
        "--posting-reminders",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="include a weekly reminder of your posting rhythm (default: yes)",
    )
    calendar.set_defaults(func=cmd_calendar)

    serve = sub.add_parser(
        "serve",
        parents=[common],
        help="open the app in your web browser (on this computer only)",
        description="Serve the app to a web browser on this computer, listening on 127.0.0.1 "
        "only. Needs socialcoach[web].",
    )
    serve.add_argument(
        "--port", type=int, metavar="N", help="listen on port N (default: a free one)"
    )
    serve.add_argument("--no-open", action="store_true", help="print the address, open no browser")
    serve.set_defaults(func=cmd_serve)

    validate = sub.add_parser(
        "validate", parents=[common], help="check that the plan file is valid"
    )
    validate.set_defaults(func=cmd_validate)

    restore = sub.add_parser(
        "restore",
        parents=[common],
        help="list the earlier plans kept beside the plan file, or put one back",
    )
    restore.add_argument(
        "backup", nargs="?", metavar="NUMBER|FILE", help="the backup to restore (see the list)"
    )
    restore.set_defaults(func=cmd_restore)

    schema = sub.add_parser("schema", help="print the plan's JSON Schema")
    schema.set_defaults(func=cmd_schema)

    where = sub.add_parser("where", parents=[common], help="show where the plan and data live")
    where.set_defaults(func=cmd_where)

    check = sub.add_parser(
        "check-post", help="check a draft post for patient identifiers (exit 1 if any)"
    )
    check.add_argument("file", nargs="?", metavar="FILE", help="draft file, or - for stdin")
    check.add_argument("--json", action="store_true", help="print findings as JSON")
    check.add_argument(
        "--author", action="append", metavar="NAME", help="your own name (not flagged)"
    )
    check.add_argument(
        "--me",
        metavar="FILE",
        help="TOML or text file of your own names, practice, emails, phones, address (not flagged)",
    )
    check.add_argument(
        "--fix",
        action="store_true",
        help="print the draft with every finding replaced by its safe rewrite",
    )
    check.set_defaults(func=cmd_check_post)

    image = sub.add_parser(
        "check-image",
        help="check an image or DICOM file for patient identifiers (exit 1 if any)",
        description="Checks metadata (EXIF and maker notes, XMP, IPTC, Photoshop, comments, PNG "
        "text, thumbnails, MPF images), DICOM headers (against the PS3.15 Basic Profile) and, "
        "with OCR (RapidOCR, or tesseract), text burned into the pixels. JPEG, PNG, TIFF, "
        "WebP, HEIC (pixels with socialcoach[heic]) and DICOM. Needs socialcoach[images].",
    )
    image.add_argument("file", metavar="FILE", help="the image or DICOM file")
    image.add_argument("--json", action="store_true", help="print findings as JSON")
    image.add_argument(
        "--strip",
        metavar="OUT",
        help="also write a copy without metadata to OUT, pixels untouched (DICOM: .png or .dcm)",
    )
    image.add_argument(
        "--strip-icc", action="store_true", help="with --strip, drop the ICC colour profile too"
    )
    image.add_argument(
        "--redact",
        metavar="OUT",
        help="write a safe copy to OUT: no metadata, every text region read covered "
        "(.png/.jpg; from a DICOM also .dcm, de-identified)",
    )
    image.add_argument(
        "--no-ocr", action="store_true", help="do not read the pixels for burned-in text"
    )
    image.set_defaults(func=cmd_check_image)

    content = sub.add_parser("content", help="work with coaching content and policy packs")
    content_sub = content.add_subparsers(dest="content_command", metavar="ACTION", required=True)
    content_check = content_sub.add_parser(
        "check", help="validate the built-in content, or a policy pack at PATH"
    )
    content_check.add_argument("path", nargs="?", metavar="PATH")
    content_check.set_defaults(func=cmd_content_check)

    cohort = sub.add_parser(
        "cohort",
        parents=[common],
        help="for a program director: a report over many residents' plans",
    )
    cohort_sub = cohort.add_subparsers(dest="cohort_command", metavar="ACTION", required=True)
    report = cohort_sub.add_parser(
        "report",
        parents=[common],
        help="who finished which step, open policy items, disclaimers, audits, pack versions",
        description="Reads plan files (.toml) and exported plans (.md) from the files and "
        "folders given (not their subfolders), never from a network location, and writes a "
        "Markdown report. Files that cannot be read are named and left out. Exit 1 if any "
        "were left out. Use --pack to compare with your current policy pack.",
    )
    report.add_argument("paths", nargs="+", metavar="PLAN_OR_FOLDER")
    report.add_argument(
        "-o", "--output", metavar="FILE", help="write the Markdown report to FILE (default: stdout)"
    )
    report.add_argument("--csv", metavar="FILE", help="also write the table as CSV to FILE")
    report.add_argument(
        "--today", metavar="YYYY-MM-DD", help="count audits as overdue from this date"
    )
    report.set_defaults(func=cmd_cohort_report)

    parser.set_defaults(func=cmd_app)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args: argparse.Namespace | SimpleNamespace
    if argv:
        args = build_parser().parse_args(argv)
    else:
        # Plain `socialcoach`, the usual start: the app, without building the whole command
        # line first (argparse and its ten subcommands are a few ms of the first screen).
        args = SimpleNamespace(plan=None, pack=None, func=cmd_app)
    try:
        return args.func(args)
    except CommandError as exc:
        return _error(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `socialcoach schema | head`: the reader has all it wanted. Point stdout at
        # /dev/null so Python's own flush at exit does not complain either.
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - no traceback ever reaches a user
        from socialcoach.crash import write_report

        report = write_report(exc)
        return _error(
            f"something went wrong that socialcoach did not expect ({type(exc).__name__}). "
            f"Nothing was changed. A report for the developers is in {report}."
        )


def _silence_stdout() -> None:
    import os

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    raise SystemExit(main())
