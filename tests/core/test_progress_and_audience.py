"""The rules behind 'step done' and the audience list, tested without a terminal."""

from __future__ import annotations

from socialcoach.audience import entry_details, entry_prompt, relevant_entries
from socialcoach.models import AccountPlan, Plan, PlatformChoice
from socialcoach.progress import missing


def test_platforms_need_a_goal_then_a_kept_platform(content):
    plan = Plan()
    assert missing(plan, content, "platforms") == "tick at least one goal"
    plan.platforms.goals = ["learn"]
    assert missing(plan, content, "platforms") == "keep one to three platforms"
    plan.platforms.chosen = [PlatformChoice(platform="youtube")]
    assert missing(plan, content, "platforms") == ""


def test_privacy_counts_open_rules_and_questions(content):
    plan = Plan()
    rules = len(content.identifiers) + len(content.hazards)
    assert missing(plan, content, "phi") == (
        f"tick {rules} more rules (or “I know these”), answer {len(content.quiz)} more questions"
    )
    plan.phi.acknowledged = [i.id for i in content.identifiers] + [h.id for h in content.hazards]
    plan.phi.quiz_answers = {q.id: 0 for q in content.quiz}
    assert missing(plan, content, "phi") == ""


def test_accounts_need_a_handle_on_every_chosen_platform(content):
    plan = Plan()
    plan.platforms.chosen = [PlatformChoice(platform="x"), PlatformChoice(platform="linkedin")]
    plan.accounts.per_platform = [AccountPlan(platform="x", professional_handle="@DrA")]
    assert missing(plan, content, "accounts") == "add a handle for LinkedIn"
    assert plan.accounts.for_platform("linkedin") is None  # checking creates nothing


def test_audience_needs_an_adopted_entry_and_three_themes(content):
    plan = Plan()
    assert missing(plan, content, "audience") == "adopt something to follow, write 3 themes"
    plan.audience.adopted = [content.audience[0].id]
    plan.audience.themes = ["a", "b", " "]
    assert missing(plan, content, "audience") == "write 3 themes"


def test_audience_offers_the_subspecialty_and_radiology_as_a_whole_on_chosen_platforms_first(
    content,
):
    rows = relevant_entries(content.audience, "neuro", ["bluesky"])
    assert rows
    assert all({"all", "neuro"} & set(e.subspecialties) for e in rows)
    on_platform = ["bluesky" in e.platforms for e in rows]
    assert on_platform == sorted(on_platform, reverse=True)  # chosen platforms first
    other = {e.id for e in content.audience if e.subspecialties == ["breast"]}
    assert other.isdisjoint(e.id for e in rows)


def test_a_list_line_names_the_entry_and_its_details_say_what_it_is_and_where_from(content):
    unverified = next(e for e in content.audience if not e.verified)
    line = entry_prompt(unverified, content)
    assert unverified.name in line and "(check it first)" in line
    assert unverified.description not in line  # the line stays short enough to read
    details = entry_details(unverified, content)
    assert unverified.description in details
    assert "Not verified" in details
    cited = [content.sources[s].name for s in unverified.sources]
    assert all(name in details for name in cited)
    verified = next(e for e in content.audience if e.verified and e.url)
    details = entry_details(verified, content)
    assert verified.url in details and "Not verified" not in details
