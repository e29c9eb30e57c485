"""How many keys a first start takes to a plan with all six steps done, and how long the walk is.

Usage: python benchmarks/keys_to_done.py [--runs N]

A walk from an empty data folder, driven through Textual's Pilot with real key presses
(Tab, Shift+Tab, space, Enter, arrows, Ctrl+N, and the characters typed), the least a user
needs: the fewest Tab or Shift+Tab presses to each field (counted on the screen's focus
chain), only what each step's rules (socialcoach.progress) require, and the group key a step
offers where it offers one ("I know these" on step 4). Every quiz question is answered right.

Keys are counted in two kinds: the characters of the user's own words (three themes and a
handle, the same words on every version, so the app cannot cut them) and every other key
(moving, ticking, answering, Next), which is what the coach asks of a user. The walk is then
repeated and timed as a whole; the median is printed. A second figure counts the keys to
tick every profile item on three accounts in step 6 (not needed for "done", but what a
thorough user does). Asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

SIZE = (100, 30)
THEMES = ("Neuro cases", "Contrast safety", "Residency")
HANDLE = "@DrAdaRad"


@dataclass
class KeyCount:
    typed: int = 0  # characters of the user's own words
    other: int = 0  # every other key
    by_step: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.typed + self.other


class Walker:
    """Presses keys through Pilot and counts them, per step."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.count = KeyCount()
        self.step = "welcome"

    async def press(self, *keys: str) -> None:
        for key in keys:
            self.count.other += 1
            self.count.by_step[self.step] = self.count.by_step.get(self.step, 0) + 1
            await self.pilot.press(key)

    async def type(self, text: str) -> None:
        self.count.typed += len(text)
        await self.pilot.press(*text)

    async def focus(self, widget_id: str) -> None:
        """Move the focus to the widget by the fewer of Tab or Shift+Tab presses."""
        app = self.pilot.app
        for _ in range(200):
            focused = app.focused
            if focused is not None and focused.id == widget_id:
                return
            chain = app.screen.focus_chain
            ids = [w.id for w in chain]
            if widget_id not in ids:
                raise AssertionError(f"#{widget_id} cannot be focused")
            here = chain.index(focused) if focused in chain else -1
            there = ids.index(widget_id)
            forward = (there - here) % len(chain)
            await self.press("tab" if forward <= len(chain) - forward else "shift+tab")
        raise AssertionError(f"never reached #{widget_id}")

    async def choose(self, index: int) -> None:
        """In the focused Choice, arrow to the option (the shorter way round) and choose it."""
        choice = self.pilot.app.focused
        size = len(choice.options)
        down = (index - choice.cursor) % size
        key = "down" if down <= size - down else "up"
        for _ in range(min(down, size - down)):
            await self.press(key)
        await self.press("enter")

    async def tick_first(self, list_id: str) -> None:
        """Tick the first line of a tick list (Home first if no line is highlighted)."""
        await self.focus(list_id)
        if self.pilot.app.focused.highlighted is None:
            await self.press("home")
        await self.press("space")

    async def tick_all(self, list_id: str) -> None:
        """Tick every line of a tick list, one by one: space, down, space ..."""
        await self.focus(list_id)
        if self.pilot.app.focused.highlighted is None:
            await self.press("home")
        options = self.pilot.app.focused.option_count
        for number in range(options):
            await self.press("space")
            if number + 1 < options:
                await self.press("down")

    def has(self, widget_id: str) -> bool:
        return bool(self.pilot.app.screen.query(f"#{widget_id}"))

    async def next_step(self, step: str) -> None:
        await self.press("ctrl+n")
        await self.pilot.pause()
        self.step = step


async def fewest_walk(pilot) -> KeyCount:
    """The least a newcomer needs, step by step, to have all six steps done."""
    app = pilot.app
    content = app.content
    walk = Walker(pilot)
    await pilot.pause()
    await walk.focus("start")
    await walk.press("enter")
    await pilot.pause()
    walk.step = "policy"
    await walk.next_step("platforms")  # open items are allowed: they become next actions

    await walk.tick_first("goals")
    await walk.tick_first("ranking")  # keep the best-fitting platform
    await walk.next_step("audience")

    await walk.tick_first("entries")
    for index, theme in enumerate(THEMES):
        await walk.focus(f"theme-{index}")
        await walk.type(theme)
    await walk.next_step("phi")

    for group in ("identifiers", "hazards"):
        if walk.has(f"{group}-known"):  # a key that acknowledges the whole group
            await walk.focus(f"{group}-known")
            await walk.press("enter")
        else:
            await walk.tick_all(group)
    for question in content.quiz:
        await walk.focus(f"quiz-{question.id}")
        await walk.choose(question.answer)
    await walk.next_step("accounts")

    for platform_id in app.plan.platforms.chosen_ids():
        await walk.focus(f"pro-handle-{platform_id}")
        await walk.type(HANDLE)
    await walk.next_step("profile")
    await walk.next_step("review")
    await pilot.pause()
    done = app.plan.done_count()
    assert done == 6, f"the walk left {6 - done} steps not done: {app.plan}"
    return walk.count


PROFILE_ACCOUNTS = 3  # the case: "step 6 has 30 boxes for three accounts"


async def whole_profile_walk(pilot) -> int:
    """Keys to tick every profile item on three accounts, in step 6 alone.

    Not needed for "done" (the step has no required ticks), but what a thorough user does:
    the three best platforms for "learn" are put in the plan, step 6 is opened, and the walk
    ticks with the group list where the step has one, else list by list.
    """
    from socialcoach.models import PlatformChoice
    from socialcoach.picker import rank

    app = pilot.app
    ranked = rank(app.content, ["learn"])[:PROFILE_ACCOUNTS]
    app.plan.platforms.chosen = [
        PlatformChoice(platform=r.platform.id, score=r.score, reason=r.reason) for r in ranked
    ]
    app.plan.profile.checked = {}
    app.open_wizard("profile")
    await pilot.pause()
    await app.screen.show_step("profile")
    await pilot.pause()
    walk = Walker(pilot)
    walk.step = "profile"
    chosen = app.plan.platforms.chosen_ids()
    if walk.has("profile-all"):
        await walk.tick_all("profile-all")
    else:
        for platform_id in chosen:
            await walk.tick_all(f"profile-{platform_id}")
    await pilot.pause()
    every = {item.id for item in app.content.profile_items}
    assert all(set(app.plan.profile.checked.get(p, ())) == every for p in chosen)
    return walk.count.other


async def run_once() -> tuple[KeyCount, float, int]:
    from socialcoach.app import SocialCoachApp

    with tempfile.TemporaryDirectory() as folder:
        os.environ["SOCIALCOACH_HOME"] = folder
        app = SocialCoachApp(plan_path=Path(folder) / "plan.toml")
        async with app.run_test(size=SIZE) as pilot:
            started = time.perf_counter()
            count = await fewest_walk(pilot)
            elapsed = time.perf_counter() - started
            profile_keys = await whole_profile_walk(pilot)
            await pilot.press("ctrl+q")
    return count, elapsed, profile_keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times = []
    count, profile_keys = KeyCount(), 0
    for _ in range(args.runs):
        count, elapsed, profile_keys = asyncio.run(run_once())
        times.append(elapsed)
    print(f"Keys from a first start to all six steps done ({SIZE[0]}x{SIZE[1]}):")
    print(f"  keys the coach asks for (moving, ticking, answering, Next): {count.other}")
    print(f"  characters of your own words (3 themes, a handle):          {count.typed}")
    print(f"  all keys:                                                     {count.total}")
    print("  by step: " + ", ".join(f"{step} {n}" for step, n in count.by_step.items()))
    print(f"Step 6, every profile item ticked on {PROFILE_ACCOUNTS} accounts: {profile_keys} keys")
    print(
        f"Scripted walk, headless, median of {args.runs}: {statistics.median(times):.2f} s"
        f" ({1000 * statistics.median(times) / count.total:.1f} ms a key)"
    )


if __name__ == "__main__":
    main()
