"""The benchmark's shortest walk is real: from a first start, its keys finish all six steps."""

from __future__ import annotations

import sys
from pathlib import Path

from socialcoach.app import SocialCoachApp
from socialcoach.models import STEP_ORDER, Status
from socialcoach.screens.review import ReviewScreen

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from keys_to_done import SIZE, fewest_walk  # noqa: E402


async def test_the_fewest_keys_walk_finishes_every_step_from_a_first_start(
    plan_path: Path, content
):
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        count = await fewest_walk(pilot)
        assert isinstance(app.screen, ReviewScreen)
        plan = app.plan
    assert [plan.status(step) for step in STEP_ORDER] == [Status.DONE] * len(STEP_ORDER)
    rules = {i.id for i in content.identifiers} | {h.id for h in content.hazards}
    assert set(plan.phi.acknowledged) == rules
    assert plan.phi.quiz_answers == {q.id: q.answer for q in content.quiz}
    assert sum(count.by_step.values()) == count.other > 0
    assert count.typed == sum(len(t) for t in ("Neuro cases", "Contrast safety", "Residency")) + (
        len("@DrAdaRad") * len(plan.platforms.chosen)
    )
