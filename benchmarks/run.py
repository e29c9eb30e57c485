"""socialcoach beside a bare Textual app: start-up, memory, step switch, export, save, PHI check.

Usage: python benchmarks/run.py [--runs N] [--skip-startup] [--skip-headless]

Start-up: each app is started as a fresh process under a pseudo-terminal (100x30,
TERM=xterm-256color), runs interleaved (bare, socialcoach first run, socialcoach with a plan,
bare, ...). The time to first paint is taken from outside: from spawning the process until a
known line of its first screen appears in the terminal output. Peak memory is the process's
VmHWM (peak RSS) read from /proc at that moment. Then the process is killed.

Headless (in this process): the median time to switch from one step to the next with
`App.run_test()` (first visit and repeat visits apart), and plain timings of export, save,
load and the PHI checker, on a large plan built here (50 accounts, long notes everywhere).

Standard library plus the project's own dependencies. Prints medians and, where they apply,
ratios to the bare app; asserts nothing (timings do not belong in tests).
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import datetime as dt
import fcntl
import os
import platform
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

COLUMNS, ROWS = 100, 30
BARE_MARKER = "Bare Textual app ready"  # benchmarks/bare_app.py
FIRST_RUN_MARKER = "Welcome to socialcoach"
RETURNING_MARKER = "Welcome back"
FIRST_RUN_READY = "About you"  # the form, mounted once the plan is open
RETURNING_READY = "steps are done"  # the plan summary
TIMEOUT = 20.0
QUIET = 0.25  # seconds without a new frame: the step switch is over
READING = 1.0  # seconds on the welcome screen before Resume, while it loads the steps
IDLE_WINDOWS = 3  # windows in which the steps are first built while idle, then walked
_ANSI = re.compile(
    r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|P[^\x1b]*\x1b\\|[@-Z\\-_])"
)

LONG_NOTE = (
    "Asked the communications office on Monday; they pointed me to the intranet policy page "
    "and the marketing team's approval form. Follow up with Sam about whether teaching cases "
    "from our own PACS need a second sign-off, and whether the department's account may "
    "repost them. Keep a copy of every approval email in the shared folder. "
) * 3


# ----------------------------------------------------------------------------- start-up
def _time_to_marker(
    cmd: list[str], marker: str, home: Path, ready_marker: str | None = None
) -> tuple[float, int, float, int]:
    """Seconds from spawn to `marker` on the terminal, and the peak RSS (kB) at that moment;
    then the same for `ready_marker` (the screen filled in and usable), if given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    env.update(TERM="xterm-256color", SOCIALCOACH_HOME=str(home), COLORTERM="truecolor")
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, cwd=home
    )
    os.close(slave)
    buffer = b""
    elapsed = None
    peak = 0
    ready_elapsed, ready_peak = 0.0, 0
    try:
        while time.perf_counter() - start < TIMEOUT:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            buffer += chunk
            screen = _ANSI.sub("", buffer.decode("utf-8", "ignore"))
            if elapsed is None and marker in screen:
                elapsed = time.perf_counter() - start
                peak = _peak_rss_kb(proc.pid)
            if elapsed is not None and (ready_marker is None or ready_marker in screen):
                ready_elapsed = time.perf_counter() - start
                ready_peak = _peak_rss_kb(proc.pid)
                break
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)
    if elapsed is None:
        text = _ANSI.sub("", buffer.decode("utf-8", "ignore"))[-600:]
        raise RuntimeError(f"{' '.join(cmd)}: never showed {marker!r}; last output:\n{text}")
    return elapsed, peak, ready_elapsed, ready_peak


def _peak_rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def measure_startup(runs: int, plan_file: Path) -> dict[str, tuple[list[float], list[int]]]:
    """First paint for every app; for socialcoach also 'ready': the plan loaded and the
    About-you form or the plan summary on screen (the welcome text is drawn before that)."""
    bare = [sys.executable, str(HERE / "bare_app.py")]
    coach = [sys.executable, "-m", "socialcoach"]
    cases: list[tuple[str, list[str], str, Path | None, str | None]] = [
        ("bare Textual app", bare, BARE_MARKER, None, None),
        ("socialcoach, first run", coach, FIRST_RUN_MARKER, None, FIRST_RUN_READY),
        ("socialcoach, with a plan", coach, RETURNING_MARKER, plan_file, RETURNING_READY),
    ]
    # An installed socialcoach starts from compiled modules (pip compiles them when it
    # installs); compile src/ the same way, in case PYTHONDONTWRITEBYTECODE is set here.
    compileall.compile_dir(ROOT / "src" / "socialcoach", quiet=1)
    names = [case[0] for case in cases]
    names += [f"{case[0]}, ready" for case in cases if case[4]]
    results: dict[str, tuple[list[float], list[int]]] = {name: ([], []) for name in names}
    # one untimed round first: warms the OS file cache and the .pyc files
    for round_number in range(runs + 1):
        for name, cmd, marker, plan, ready in cases:
            with tempfile.TemporaryDirectory(prefix="socialcoach-bench-") as tmp:
                home = Path(tmp)
                if plan is not None:
                    shutil.copy(plan, home / "plan.toml")
                seconds, peak, ready_seconds, ready_peak = _time_to_marker(cmd, marker, home, ready)
            if round_number:
                results[name][0].append(seconds * 1000)
                results[name][1].append(peak / 1024)
                if ready:
                    results[f"{name}, ready"][0].append(ready_seconds * 1000)
                    results[f"{name}, ready"][1].append(ready_peak / 1024)
    return results


# ----------------------------------------------------------------------------- the large plan
def large_plan():
    """50 accounts, every policy item answered with a long note, everything ticked."""
    from socialcoach.content import load_builtin
    from socialcoach.models import (
        AccountPlan,
        AccountSplit,
        Basics,
        CareerStage,
        ItemState,
        Plan,
        PlatformChoice,
        PolicyAnswer,
        Status,
        Visibility,
    )
    from socialcoach.picker import rank

    content = load_builtin()
    plan = Plan()
    plan.basics = Basics(
        display_name="Dr Jane Rivera",
        subspecialty=content.subspecialties[-1].id,
        career_stage=CareerStage.FELLOW,
        organisation="Example General Hospital, Department of Radiology",
    )
    plan.policy.items = {
        item.id: PolicyAnswer(state=ItemState.DONE, note=LONG_NOTE) for item in content.policy_items
    }
    plan.policy.contact_name = "Sam Lee, Communications"
    plan.policy.contact_email = "comms@example.org"
    plan.platforms.goals = [goal.id for goal in content.goals]
    ranked = rank(content, plan.platforms.goals)[:3]
    plan.platforms.chosen = [
        PlatformChoice(platform=r.platform.id, score=r.score, reason=r.reason + " " + LONG_NOTE)
        for r in ranked
    ]
    plan.audience.adopted = [entry.id for entry in content.audience]
    plan.audience.habits = [habit.id for habit in content.habits]
    plan.audience.themes = [LONG_NOTE[:200], LONG_NOTE[200:400], LONG_NOTE[400:600]]
    plan.phi.acknowledged = [i.id for i in content.identifiers + content.hazards]
    plan.phi.quiz_answers = {q.id: q.answer for q in content.quiz}
    platform_ids = [p.id for p in content.platforms]
    accounts = []
    for number in range(50):
        pid = platform_ids[number % len(platform_ids)]
        if number >= len(platform_ids):
            pid = f"{pid}-{number}"
        accounts.append(
            AccountPlan(
                platform=pid,
                split=AccountSplit.SEPARATE,
                professional_handle=f"@DrJaneRivera{number}",
                personal_handle=f"jane_home_{number}",
                personal_visibility=Visibility.PUBLIC if number % 2 else Visibility.PRIVATE,
                disclaimer=content.disclaimers[number % len(content.disclaimers)].text
                + " "
                + LONG_NOTE,
                patient_contact=content.contact_rules[0].id,
            )
        )
    plan.accounts.per_platform = accounts
    plan.profile.checked = {
        pid: [item.id for item in content.profile_items] for pid in plan.platforms.chosen_ids()
    }
    plan.profile.last_audit = dt.date.today()
    for section in ("policy", "platforms", "audience", "phi", "accounts"):
        plan.section(section).status = Status.DONE
    plan.profile.status = Status.IN_PROGRESS
    plan.current_step = "profile"
    return plan, content


# ----------------------------------------------------------------------------- headless
class KeyTimer:
    """Sends keys to a headless app the way the terminal driver does, and times the frames.

    A key's time runs from sending it until the first frame it caused ("shown") and until
    the last one ("settled"): the timer waits until no frame has come for QUIET seconds.
    Pilot's `pause()` is not used while timing: it posts a message to every widget of the
    screen and forces a refresh, which would be counted as the app's own work.
    """

    def __init__(self, app) -> None:
        self.app = app
        self.frames: list[float] = []
        display = app._display

        def timed_display(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is not None:  # None: nothing on the screen changed, no frame
                self.frames.append(time.perf_counter())

        app._display = timed_display

    async def settle(self) -> None:
        """Wait until no frame has come for QUIET seconds."""
        while True:
            seen = len(self.frames)
            await asyncio.sleep(QUIET)
            if len(self.frames) == seen:
                return

    async def press(self, key: str) -> tuple[float, float]:
        """Milliseconds from the key to the first and to the last frame it caused."""
        from textual import events
        from textual.widgets import Input

        # A focused Input's cursor blinks every half second: frames no key caused.
        for field in self.app.screen.query(Input):
            field.cursor_blink = False
        await self.settle()
        seen = len(self.frames)
        start = time.perf_counter()
        event = events.Key(key, None)
        event.set_sender(self.app)
        self.app._driver.send_message(event)
        await self.settle()
        caused = self.frames[seen:] or [start]
        return (caused[0] - start) * 1000, (caused[-1] - start) * 1000


# F8 (Next) from the first step to the last, then F7 (Back) to the first: (key, step shown)
WALK = [("f8", number) for number in range(1, 6)] + [("f7", number) for number in range(4, -1, -1)]


async def measure_bare_steps(rounds: int) -> dict[str, list[float]]:
    """The same walk in benchmarks/bare_steps.py: six panes, one Input each."""
    from bare_steps import BareStepsApp

    app = BareStepsApp()
    keys = KeyTimer(app)
    times: dict[str, list[float]] = {"shown": [], "settled": []}
    async with app.run_test(size=(COLUMNS, ROWS)):
        for _ in range(rounds + 1):  # the first walk mounts nothing, but warms caches
            for key, number in WALK:
                shown, settled = await keys.press(key)
                if app.current != number:
                    raise RuntimeError(f"bare app: {key} showed pane {app.current}, not {number}")
                if _:
                    times["shown"].append(shown)
                    times["settled"].append(settled)
    return times


async def measure_steps(plan_file: Path, rounds: int) -> dict[str, list[float]]:
    """Open the wizard on the large plan and walk the six steps as a user does: F8 (Next)
    from step 1 to step 6, then F7 (Back) to step 1, `rounds` times. A step's first visit
    (which builds it) is kept apart from the repeats."""
    from socialcoach.app import SocialCoachApp
    from socialcoach.models import STEP_ORDER

    app = SocialCoachApp(plan_path=plan_file)
    keys = KeyTimer(app)
    times: dict[str, list[float]] = {
        "open": [],
        "first visit, shown": [],
        "first visit, settled": [],
        "repeat, shown": [],
        "repeat, settled": [],
        "all switches, shown": [],  # first visits and repeats: the walk's median
        "all switches, settled": [],
    }
    async with app.run_test(size=(COLUMNS, ROWS)) as pilot:
        await pilot.pause()
        await keys.settle()
        await asyncio.sleep(READING)  # on the welcome screen, as a user is before Resume
        start = time.perf_counter()
        app.open_wizard(STEP_ORDER[0])
        await keys.settle()
        times["open"].append((max([start, *keys.frames]) - start) * 1000)
        wizard = app.screen
        visited = {STEP_ORDER[0]}
        for _ in range(rounds):
            for key, number in WALK:
                step_id = STEP_ORDER[number]
                shown, settled = await keys.press(key)
                if wizard.current != step_id:
                    raise RuntimeError(f"{key} showed {wizard.current!r}, not {step_id!r}")
                kind = "repeat" if step_id in visited else "first visit"
                for group in (kind, "all switches"):
                    times[f"{group}, shown"].append(shown)
                    times[f"{group}, settled"].append(settled)
                visited.add(step_id)
        # The review of the whole plan (Ctrl+R), as Markdown: a long document on this plan
        shown, settled = await keys.press("ctrl+r")
        times["review, shown"], times["review, settled"] = [shown], [settled]
        await app.action_save_and_quit()

    # Steps 2 to 6 again, each in a new window opened three times, after the user has stayed
    # on step 1 long enough for the other steps to be built in the background (what
    # normally happens): a first visit to a step built but never shown.
    times["idle build, longest stall"] = []
    times["after idle, shown"] = []
    times["after idle, settled"] = []
    for _ in range(IDLE_WINDOWS):
        app = SocialCoachApp(plan_path=plan_file)
        keys = KeyTimer(app)
        async with app.run_test(size=(COLUMNS, ROWS)) as pilot:
            await pilot.pause()
            await keys.settle()
            app.open_wizard(STEP_ORDER[0])
            await keys.settle()
            wizard = app.screen
            stalls: list[float] = []
            deadline = time.perf_counter() + 20
            while len(wizard._panes) < len(STEP_ORDER) and time.perf_counter() < deadline:
                before = time.perf_counter()
                await asyncio.sleep(0.005)
                stalls.append((time.perf_counter() - before - 0.005) * 1000)
            times["idle build, longest stall"].append(max(stalls))
            for key, number in WALK[:5]:
                shown, settled = await keys.press(key)
                if wizard.current != STEP_ORDER[number]:
                    raise RuntimeError(f"{key} showed {wizard.current!r}")
                times["after idle, shown"].append(shown)
                times["after idle, settled"].append(settled)
            await app.action_save_and_quit()
    return times


async def measure_draft_typing(plan_file: Path) -> dict[str, list[float]]:
    """Keys typed at the end of a draft in the privacy step's checker: a post, and a
    5,000-word article (checked once typing pauses), from the key to its first frame."""
    from phi_bench import build_draft
    from textual.widgets import TextArea

    from socialcoach.app import SocialCoachApp

    times: dict[str, list[float]] = {}
    for words in (50, 5000):
        app = SocialCoachApp(plan_path=plan_file)
        keys = KeyTimer(app)
        async with app.run_test(size=(COLUMNS, ROWS)) as pilot:
            await pilot.pause()
            app.open_wizard("phi", focus="draft")
            await keys.settle()
            draft = app.screen.query_one("#draft", TextArea)
            draft.load_text(build_draft(words))
            draft.move_cursor(draft.document.end)
            await keys.settle()
            times[f"typing in a {words:,}-word draft"] = [
                (await keys.press(key))[0] for key in "abcdefghij"
            ]
            await app.action_save_and_quit()
    return times


def timed(func: Callable[[], object], runs: int) -> list[float]:
    func()  # warm up
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        out.append((time.perf_counter() - start) * 1000)
    return out


def measure_core(plan, content, folder: Path, runs: int) -> dict[str, list[float]]:
    from phi_bench import build_draft

    from socialcoach import phi
    from socialcoach.export import render_markdown
    from socialcoach.store import dumps_plan, load_plan, save_plan

    path = folder / "core" / "plan.toml"
    save_plan(plan, path)
    counter = iter(range(10**9))

    def save() -> None:
        # a real write every time: save_plan skips writing bytes the file already holds
        plan.policy.contact_name = f"Sam Lee {next(counter)}"
        save_plan(plan, path)

    draft = build_draft(5000)
    return {
        "export (render_markdown)": timed(lambda: render_markdown(plan, content), runs),
        "save (atomic, with .bak)": timed(save, runs),
        "  of which TOML dump": timed(lambda: dumps_plan(plan), runs),
        "load (parse + validate)": timed(lambda: load_plan(path), runs),
        f"PHI check, {len(draft.split()):,} words": timed(lambda: phi.check(draft), runs),
    }


# ----------------------------------------------------------------------------- report
def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} cores, load {load}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="start-ups per app (default 10)")
    parser.add_argument("--rounds", type=int, default=5, help="walks through the six steps")
    parser.add_argument("--core-runs", type=int, default=50, help="runs of each core timing")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--skip-headless", action="store_true")
    args = parser.parse_args(argv)

    import textual

    print(f"Machine: {_machine()}; Textual {textual.__version__}")
    with tempfile.TemporaryDirectory(prefix="socialcoach-bench-") as tmp:
        folder = Path(tmp)
        os.environ["SOCIALCOACH_HOME"] = str(folder / "home")
        from socialcoach.store import save_plan

        plan, content = large_plan()
        plan_file = folder / "large" / "plan.toml"
        save_plan(plan, plan_file)

        if not args.skip_startup:
            results = measure_startup(args.runs, plan_file)
            bare_ms = _median(results["bare Textual app"][0])
            bare_mb = _median(results["bare Textual app"][1])
            print(f"\nStart to first screen, {args.runs} fresh processes each, interleaved")
            print("('ready': the plan is loaded and the form or summary is on the screen)")
            print(
                f"{'':35} {'median':>9} {'min':>8} {'max':>8} {'ratio':>6}   {'peak RSS':>9} ratio"
            )
            for name, (ms, mb) in results.items():
                print(
                    f"{name:35} {_median(ms):7.0f}ms {min(ms):6.0f}ms {max(ms):6.0f}ms "
                    f"{_median(ms) / bare_ms:5.2f}x   {_median(mb):6.1f} MB "
                    f"{_median(mb) / bare_mb:4.2f}x"
                )

        if not args.skip_headless:
            steps_file = folder / "steps" / "plan.toml"
            save_plan(plan, steps_file)
            steps = asyncio.run(measure_steps(steps_file, args.rounds))
            print(f"\nHeadless, large plan ({len(plan.accounts.per_platform)} accounts), 100x30")
            print(f"{'open the wizard (step 1 built)':34} {_median(steps['open']):7.1f} ms")
            bare = asyncio.run(measure_bare_steps(args.rounds))
            print("step switch: from the key (F8 Next, F7 Back) to the first frame it caused")
            print("(shown: the new step is on the screen) and to the last one (settled);")
            print("ratio: to the same walk in a bare Textual app (benchmarks/bare_steps.py)")
            for name, values in bare.items():
                print(f"{'  bare app, ' + name:34} {_median(values):7.1f} ms median")
            for key, values in steps.items():
                if key in ("open", "idle build, longest stall") or key.startswith("review"):
                    continue
                floor = _median(bare[key.rsplit(", ", 1)[1]])
                print(
                    f"{'  ' + key:34} {_median(values):7.1f} ms median, "
                    f"max {max(values):5.1f} ms, {_median(values) / floor:4.2f}x "
                    f"({len(values)} switches)"
                )
            print(
                "  steps built while idle: the longest the app was busy at once "
                f"{max(steps['idle build, longest stall']):.0f} ms"
            )
            shown, settled = steps["review, shown"][0], steps["review, settled"][0]
            print(f"{'open the review (Ctrl+R)':34} {shown:7.1f} ms, settled {settled:.0f} ms")
            print("draft checker: from a key to the frame that shows it")
            for name, values in asyncio.run(measure_draft_typing(steps_file)).items():
                median, worst = _median(values), max(values)
                print(f"{'  ' + name:34} {median:7.1f} ms median, max {worst:.1f} ms")
            core = measure_core(plan, content, folder, args.core_runs)
            for name, values in core.items():
                print(f"{name:34} {_median(values):7.1f} ms median, max {max(values):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
