"""Step 6: one tick marks a profile item done on every account, and the highlighted item's
whole advice is shown under its list. Driven with the keys a user presses."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import SelectionList, Static

from socialcoach.app import SocialCoachApp
from socialcoach.store import load_plan, save_plan

from helpers import open_steps, tab_to
from sample import sample_plan

SIZE = (100, 30)


async def test_one_tick_in_done_on_every_account_ticks_the_item_for_each_platform(
    plan_path: Path, content
):
    plan = sample_plan(content)
    plan.profile.checked = {}
    save_plan(plan, plan_path)
    chosen = plan.platforms.chosen_ids()
    assert len(chosen) == 2
    first, second = content.profile_items[0].id, content.profile_items[1].id
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_steps(pilot, "profile")
        every = wizard.query_one("#profile-all", SelectionList)
        await tab_to(pilot, "profile-all")
        await pilot.press("home", "space", "down", "space")  # the first two items, everywhere
        await pilot.pause()
        assert {pid: set(app.plan.profile.checked[pid]) for pid in chosen} == {
            pid: {first, second} for pid in chosen
        }
        for pid in chosen:
            assert set(wizard.query_one(f"#profile-{pid}", SelectionList).selected) == {
                first,
                second,
            }

        # unticked on one account: no longer done on every account, still done on the other
        await tab_to(pilot, f"profile-{chosen[1]}")
        await pilot.press("home", "space")
        await pilot.pause()
        assert app.plan.profile.checked[chosen[1]] == [second]
        assert set(app.plan.profile.checked[chosen[0]]) == {first, second}
        assert list(every.selected) == [second]

        # ticked again there: done everywhere again, shown in the first list
        await pilot.press("space")
        await pilot.pause()
        assert set(every.selected) == {first, second}

        # unticked in the first list: unticked on every account
        await tab_to(pilot, "profile-all")
        await pilot.press("home", "space")
        await pilot.pause()
        assert all(app.plan.profile.checked[pid] == [second] for pid in chosen)
        await pilot.press("ctrl+q")
    saved = load_plan(plan_path)
    assert saved is not None
    assert {pid: saved.profile.checked[pid] for pid in chosen} == {pid: [second] for pid in chosen}


async def test_the_highlighted_items_whole_advice_and_sources_show_under_its_list(
    plan_path: Path, content
):
    plan = sample_plan(content)
    save_plan(plan, plan_path)
    pid = plan.platforms.chosen_ids()[0]
    item = max(content.profile_items, key=lambda i: len(i.title) + len(i.explain))
    index = content.profile_items.index(item)
    app = SocialCoachApp(plan_path=plan_path, content=content)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_steps(pilot, "profile")
        await tab_to(pilot, f"profile-{pid}")
        await pilot.press("home", *["down"] * index)
        await pilot.pause()
        details = str(wizard.query_one(f"#profile-{pid}-details", Static).render())
        assert item.title in details and item.explain in details  # the line itself is cut
        assert len(f"[ ] {item.title}: {item.explain}") > 80
        for source_id in item.sources:
            assert content.sources[source_id].name in details
        await pilot.press("ctrl+q")


async def test_the_highlighted_self_audit_checks_whole_text_shows_under_its_list(
    plan_path: Path, content
):
    from socialcoach import self_audit

    audit = self_audit.load_builtin(content)
    save_plan(sample_plan(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path, content=content)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_steps(pilot, "profile")
        await tab_to(pilot, "audit-checks")
        await pilot.press("home", "down")
        await pilot.pause()
        details = str(wizard.query_one("#audit-checks-details", Static).render())
        check = audit.checks[1]
        assert check.title in details and check.explain in details
        await pilot.press("ctrl+q")
