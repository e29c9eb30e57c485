"""The platform picker's ranking and the account plan's contradiction warnings."""

from __future__ import annotations

from socialcoach.accounts import account_warnings, plan_warnings
from socialcoach.models import AccountPlan, AccountSplit, Plan, Visibility
from socialcoach.picker import rank


def test_ranking_follows_the_weights_of_the_chosen_goals(content):
    ranked = rank(content, ["network"])
    best = max(p.weights["network"] for p in content.platforms)
    assert ranked[0].platform.weights["network"] == best
    scores = [row.score for row in ranked]
    assert scores == sorted(scores, reverse=True)
    assert ranked[0].reason == ranked[0].platform.reasons["network"]


def test_scores_are_percentages_of_the_best_possible_fit(content):
    goals = ["learn", "teach"]
    for row in rank(content, goals):
        total = sum(row.platform.weights[g] for g in goals)
        assert row.score == round(100 * total / 6)


def test_linkedin_leads_for_networking_and_youtube_for_teaching(content):
    network_top2 = {row.platform.id for row in rank(content, ["network"])[:2]}
    assert "linkedin" in network_top2
    teach_top3 = {row.platform.id for row in rank(content, ["teach"])[:3]}
    assert "youtube" in teach_top3


def test_no_goals_means_no_scores(content):
    assert {row.score for row in rank(content, [])} == {0}


def account(**changes) -> AccountPlan:
    base = dict(platform="x", professional_handle="@DrJane", personal_handle="jane_cooks")
    return AccountPlan(**(base | changes))


def test_same_handle_for_both_accounts_is_flagged(content):
    warnings = account_warnings(account(personal_handle="drjane"), Plan(), content)
    assert any("same handle" in w for w in warnings)


def test_public_personal_account_under_the_professional_handle_is_flagged(content):
    acc = account(personal_handle="DrJane_personal", personal_visibility=Visibility.PUBLIC)
    assert any("looks like your professional" in w for w in account_warnings(acc, Plan(), content))


def test_private_account_on_a_platform_without_private_accounts_is_flagged(content):
    no_private = next(p for p in content.platforms if not p.can_be_private)
    acc = account(platform=no_private.id, personal_visibility=Visibility.PRIVATE)
    assert any("cannot be made private" in w for w in account_warnings(acc, Plan(), content))


def test_a_coherent_plan_has_no_warnings(content):
    acc = account(split=AccountSplit.SEPARATE, personal_visibility=Visibility.PRIVATE)
    assert account_warnings(acc, Plan(), content) == []


def test_handles_that_differ_across_platforms_get_one_warning(content):
    plan = Plan()
    plan.accounts.per_platform = [
        account(platform="x", professional_handle="@DrJane"),
        account(platform="linkedin", professional_handle="@JaneRadiology"),
    ]
    assert sum("differ between platforms" in w for w in plan_warnings(plan, content)) == 1
