"""A newcomer walks all six steps with the keyboard alone, quits, comes back, finds everything."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input, SelectionList

from socialcoach.app import SocialCoachApp
from socialcoach.models import ItemState, Status, Visibility
from socialcoach.screens.review import ReviewScreen
from socialcoach.screens.welcome import WelcomeScreen
from socialcoach.screens.wizard import WizardScreen
from socialcoach.store import load_plan, save_plan

from helpers import choose_radio, open_steps, tab_to
from sample import sample_plan

SIZE = (100, 30)


async def walk_all_steps(pilot, content) -> None:
    app: SocialCoachApp = pilot.app
    # Welcome: about you
    assert isinstance(app.screen, WelcomeScreen)
    await tab_to(pilot, "display-name")
    await pilot.press(*"Dr Ada Example")
    await tab_to(pilot, "subspecialty")
    await pilot.press("enter", "down", "enter")  # General -> the next subspecialty
    await tab_to(pilot, "organisation")
    await pilot.press(*"Example General")
    await tab_to(pilot, "start")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, WizardScreen)

    # Step 1: the first policy item is done, with a note; the second is not applicable
    first, second = content.policy_items[0].id, content.policy_items[1].id
    await tab_to(pilot, f"state-{first}")
    await choose_radio(pilot, 1)
    await tab_to(pilot, f"note-{first}")
    await pilot.press(*"Found on the intranet")
    await tab_to(pilot, f"state-{second}")
    await choose_radio(pilot, 2)
    await tab_to(pilot, "contact-name")
    await pilot.press(*"Sam Comms")
    await pilot.press("ctrl+n")
    await pilot.pause()

    # Step 2: goals learn and teach, keep the two best platforms
    await tab_to(pilot, "goals")
    await pilot.press("space", "down", "space")
    await tab_to(pilot, "ranking")
    await pilot.press("home", "space", "down", "space")
    await pilot.press("ctrl+n")
    await pilot.pause()

    # Step 3: adopt two entries, 3 posts a week, a habit, three themes
    await tab_to(pilot, "entries")
    await pilot.press("space", "down", "space")
    await tab_to(pilot, "posts-per-week")
    await pilot.press("enter", "down", "enter")
    await tab_to(pilot, "habits")
    await pilot.press("space")
    for index, theme in enumerate(("Neuro case of the week", "Contrast safety", "Residency")):
        await tab_to(pilot, f"theme-{index}")
        await pilot.press(*theme)
    await pilot.press("ctrl+n")
    await pilot.pause()

    # Step 4: tick every rule, answer every quiz question correctly
    await tab_to(pilot, "identifiers")
    for _ in content.identifiers:
        await pilot.press("space", "down")
    await tab_to(pilot, "hazards")
    for _ in content.hazards:
        await pilot.press("space", "down")
    for question in content.quiz:
        await tab_to(pilot, f"quiz-{question.id}")
        await choose_radio(pilot, question.answer)
    await pilot.press("ctrl+n")
    await pilot.pause()

    # Step 5: handles for each chosen platform
    chosen = app.plan.platforms.chosen_ids()
    assert len(chosen) == 2
    for number, platform_id in enumerate(chosen):
        await tab_to(pilot, f"pro-handle-{platform_id}")
        await pilot.press(*f"@DrAdaRad{number}")
        await tab_to(pilot, f"personal-handle-{platform_id}")
        await pilot.press(*f"ada_home{number}")
    await pilot.press("ctrl+n")
    await pilot.pause()

    # Step 6: tick two profile items on the first platform, 30-day audits
    await tab_to(pilot, f"profile-{chosen[0]}")
    await pilot.press("space", "down", "space")
    await tab_to(pilot, "audit-rhythm")
    await choose_radio(pilot, 0)
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert isinstance(app.screen, ReviewScreen)


async def test_keyboard_walkthrough_then_resume_keeps_every_answer(plan_path: Path, content):
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await walk_all_steps(pilot, content)
        await pilot.press("ctrl+q")
    assert app.return_code == 0

    plan = load_plan(plan_path)
    assert plan is not None
    assert [plan.status(s) for s in ("policy", "platforms", "audience", "phi", "accounts")] == [
        Status.DONE
    ] * 5
    assert plan.profile.status is Status.DONE
    assert plan.basics.display_name == "Dr Ada Example"
    assert plan.basics.subspecialty == content.subspecialties[1].id
    assert plan.basics.organisation == "Example General"
    first, second = content.policy_items[0].id, content.policy_items[1].id
    assert plan.policy.items[first].state is ItemState.DONE
    assert plan.policy.items[first].note == "Found on the intranet"
    assert plan.policy.items[second].state is ItemState.NOT_APPLICABLE
    assert plan.policy.contact_name == "Sam Comms"
    assert plan.platforms.goals == ["learn", "teach"]
    assert len(plan.platforms.chosen) == 2
    assert all(choice.reason for choice in plan.platforms.chosen)
    assert len(plan.audience.adopted) == 2
    assert plan.audience.posts_per_week == 3  # moved one down from the default 2
    assert plan.audience.themes == ["Neuro case of the week", "Contrast safety", "Residency"]
    assert len(plan.audience.habits) == 1
    rules = {i.id for i in content.identifiers} | {h.id for h in content.hazards}
    assert set(plan.phi.acknowledged) == rules
    assert plan.phi.quiz_answers == {q.id: q.answer for q in content.quiz}
    handles = [a.professional_handle for a in plan.accounts.per_platform]
    assert handles == ["@DrAdaRad0", "@DrAdaRad1"]
    assert plan.accounts.per_platform[0].personal_visibility is Visibility.PRIVATE
    assert plan.profile.audit_days == 30
    assert plan.profile.last_audit == dt.date.today()
    assert plan.profile.next_audit == dt.date.today() + dt.timedelta(days=30)
    chosen = plan.platforms.chosen_ids()
    assert len(plan.profile.checked[chosen[0]]) == 2

    # Reopen: the welcome-back screen, then every answer is back in its widget
    again = SocialCoachApp(plan_path=plan_path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, WelcomeScreen)
        assert not again.screen.first_run
        await pilot.press("enter")  # the Resume button has focus
        await pilot.pause()
        assert isinstance(again.screen, WizardScreen)
        assert again.screen.current == "profile"  # every step done: back where they left off
        await again.screen.show_step("policy")
        assert again.screen.query_one(f"#note-{first}", Input).value == "Found on the intranet"
        await again.screen.show_step("audience")
        assert again.screen.query_one("#theme-1", Input).value == "Contrast safety"
        await again.screen.show_step("accounts")
        handle = again.screen.query_one(f"#pro-handle-{chosen[0]}", Input)
        assert handle.value == "@DrAdaRad0"
        await again.screen.show_step("profile")
        items = again.screen.query_one(f"#profile-{chosen[0]}", SelectionList)
        assert len(items.selected) == 2
        await pilot.press("ctrl+q")


async def test_quitting_half_way_resumes_at_the_first_unfinished_step(plan_path: Path, content):
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await tab_to(pilot, "start")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+n")  # policy done
        await pilot.pause()
        await tab_to(pilot, "goals")
        await pilot.press("space")  # one goal, no platform kept: step 2 stays in progress
        await pilot.press("ctrl+q")
    plan = load_plan(plan_path)
    assert plan.policy.status is Status.DONE
    assert plan.platforms.status is Status.IN_PROGRESS
    assert plan.platforms.goals == ["learn"]

    again = SocialCoachApp(plan_path=plan_path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # Resume step 2
        await pilot.pause()
        wizard = again.screen
        assert isinstance(wizard, WizardScreen)
        assert wizard.current == "platforms"
        goals = wizard.query_one("#goals", SelectionList)
        assert goals.selected == ["learn"]
        await pilot.press("ctrl+q")


async def test_looking_at_a_step_with_answers_does_not_start_it(plan_path: Path, content):
    # answers already there (from a department pack, or an earlier version of the plan),
    # but the step never opened: its fields announce those values as they appear
    plan = sample_plan(content)
    plan.accounts.status = Status.NOT_STARTED
    plan.current_step = "phi"
    save_plan(plan, plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_steps(pilot, "phi")
        await pilot.press("f8")
        await pilot.pause()
        await pilot.pause()
        assert wizard.current == "accounts"
        assert app.plan.accounts.status is Status.NOT_STARTED
        await tab_to(pilot, "pro-handle-instagram")
        await pilot.press("end", "2")  # a real edit
        await pilot.pause()
        assert app.plan.accounts.status is Status.IN_PROGRESS
        await pilot.press("ctrl+q")
    assert load_plan(plan_path).accounts.status is Status.IN_PROGRESS


async def test_step_3_has_its_own_subspecialty_picker_that_rebuilds_the_list(
    plan_path: Path, content
):
    from textual.widgets import Select

    from socialcoach.audience import relevant_entries

    plan = sample_plan(content)
    plan.basics.subspecialty = "general"
    save_plan(plan, plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard = await open_steps(pilot, "audience")
        pane = wizard.pane("audience")
        picker = pane.query_one("#audience-subspecialty", Select)
        other = next(s.id for s in content.subspecialties if s.id != "general")
        picker.focus()
        await pilot.press("enter")  # open the drop-down, as a user does
        await pilot.pause()
        ids = [s.id for s in content.subspecialties]
        for _ in range(ids.index(other) - ids.index("general")):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.plan.basics.subspecialty == other
        expected = relevant_entries(content.audience, other, app.plan.platforms.chosen_ids())
        shown = pane.query_one("#entries")
        assert [shown.get_option_at_index(i).value for i in range(shown.option_count)] == [
            e.id for e in expected
        ]
        assert app.focused is pane.query_one("#audience-subspecialty")
        await pilot.press("ctrl+q")
    assert load_plan(plan_path).basics.subspecialty == other
