"""Command line: the app by default, plus export, calendar, validate, schema, where,
check-post, check-image, content check and serve.

Exit codes: 0 fine, 1 a check found a problem, 2 usage or file errors. Every error names
the file and says what to do. The UI is imported only when the app is started.
"""

from __future__ import annotations

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
    print(f"socialcoach: {message}", file=sys.stderr)
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


def _plan(args: argparse.Namespace):
    """The plan at --plan (or the default), or a CommandError naming the file."""
    from socialcoach.store import PlanFileError, load_plan

    path = _plan_path(args)
    try:
        plan = load_plan(path, write_migrated=False)  # commands read the plan, never write it
    except PlanFileError as exc:
        raise CommandError(f"{exc.path}: {exc.problem}\n  {exc.hint}") from exc
    if plan is None:
        raise CommandError(
            f"no plan at {path}. Run `socialcoach` to make one, or pass --plan PATH."
        )
    return plan


def _plan_and_content(args: argparse.Namespace):
    """The plan and the content with its policy pack applied, or a CommandError."""
    from socialcoach.content import ContentError

    plan = _plan(args)
    try:
        return plan, _load_content(args, plan)
    except ContentError as exc:
        problems = "\n  ".join(exc.problems)
        raise CommandError(f"the content or policy pack has problems:\n  {problems}") from exc


def _write_output(args: argparse.Namespace, text: str, done: str) -> None:
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
    plan = _plan(args)
    print(f"{_plan_path(args)}: valid plan, {plan.done_count()} of 6 steps done.")
    return EXIT_OK


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
    findings = phi.check(text, author_names=args.author or (), me=me)
    if args.fix:
        # The rewritten draft on stdout (pipe it to a file); the report goes to stderr.
        sys.stdout.write(phi.fix_text(text, findings))
        print(phi.report_text(findings, label), file=sys.stderr)
    elif args.json:
        print(phi.report_json(findings))
    else:
        print(phi.report_text(findings, label))
    return EXIT_FOUND if findings else EXIT_OK


def cmd_check_image(args: argparse.Namespace) -> int:
    from socialcoach import images

    path = Path(args.file).expanduser()
    out = Path(args.strip).expanduser() if args.strip else None
    try:
        report = images.check_image(path, ocr=not args.no_ocr)
        stripped = images.strip_image(path, out) if out is not None else None
    except images.ImageError as exc:  # MissingExtra too: the message says what to install
        return _error(f"{path}: {exc}")
    print(images.report_json(report) if args.json else images.report_text(report))
    if stripped is not None:
        notes = "\n  ".join(stripped.notes)
        print(f"Copy without metadata written to {stripped.out}\n  {notes}", file=sys.stderr)
    return EXIT_FOUND if report.findings else EXIT_OK


def cmd_content_check(args: argparse.Namespace) -> int:
    from socialcoach.packs import check_path

    path = Path(args.path).expanduser() if args.path else None
    problems = check_path(path)
    what = str(path) if path else "built-in content"
    if problems:
        print(f"{what}: {len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_FOUND
    print(f"{what}: no problems found.")
    return EXIT_OK


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
    app.run()
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
        help="check a PNG, JPEG or DICOM image for patient identifiers (exit 1 if any)",
        description="Checks metadata (EXIF, XMP, IPTC, PNG text), DICOM headers and, where "
        "tesseract is installed, text burned into the pixels. Needs socialcoach[images].",
    )
    image.add_argument("file", metavar="FILE", help="the image or DICOM file")
    image.add_argument("--json", action="store_true", help="print findings as JSON")
    image.add_argument(
        "--strip", metavar="OUT", help="also write a copy without metadata to OUT (DICOM: a .png)"
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

    parser.set_defaults(func=cmd_app)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
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


if __name__ == "__main__":
    raise SystemExit(main())
