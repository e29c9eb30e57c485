"""Step 4 lets knowledge be shown, not ticked: a group acknowledged with one key, and a wrong
quiz answer that brings up the rule it tests. Driven with the keys a user presses."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import SelectionList, Static

from socialcoach.app import SocialCoachApp
from socialcoach.models import Plan
from socialcoach.store import save_plan

from helpers import choose_radio, open_steps, tab_to

SIZE = (100, 30)


async def test_i_know_these_ticks_a_whole_group_and_keeps_every_rule_listed(
    plan_path: Path, content
):
    save_plan(Plan(), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_steps(pilot, "phi")
        await tab_to(pilot, "identifiers-known")
        await pilot.press("enter")
        await pilot.pause()
        identifiers = {i.id for i in content.identifiers}
        assert set(app.plan.phi.acknowledged) == identifiers
        listed = wizard.query_one("#identifiers", SelectionList)
        assert listed.option_count == len(content.identifiers) == 18
        assert set(listed.selected) == identifiers
        hint = str(wizard.query_one("#nav-hint", Static).render())
        assert f"tick {len(content.hazards)} more rules (or “I know these”)" in hint

        await tab_to(pilot, "hazards-known")
        await pilot.press("enter")
        await pilot.pause()
        assert set(app.plan.phi.acknowledged) == identifiers | {h.id for h in content.hazards}
        assert "tick" not in str(wizard.query_one("#nav-hint", Static).render())
        await pilot.press("ctrl+q")
    saved = app.plan.phi.acknowledged
    assert len(saved) == len(content.identifiers) + len(content.hazards)


async def test_a_wrong_quiz_answer_shows_the_rule_it_tests_and_a_right_one_does_not(
    plan_path: Path, content
):
    question = next(q for q in content.quiz if q.id == "age-92")
    dates = next(i for i in content.identifiers if i.id == "dates")
    save_plan(Plan(), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_steps(pilot, "phi")
        feedback = wizard.query_one(f"#feedback-{question.id}", Static)
        await tab_to(pilot, f"quiz-{question.id}")
        await choose_radio(pilot, 0)  # "Keep it; age is not an identifier": wrong
        await pilot.pause()
        shown = str(feedback.render())
        assert shown.startswith("Not quite")
        assert "The rule it tests:" in shown
        assert f"({dates.letter}) {dates.title}" in shown
        assert dates.explain in shown and dates.radiology_example in shown

        await choose_radio(pilot, question.answer)
        await pilot.pause()
        shown = str(feedback.render())
        assert shown.startswith("Right.") and "rule it tests" not in shown
        assert app.plan.phi.quiz_answers[question.id] == question.answer
        await pilot.press("ctrl+q")
