"""The content's limits, paces, dates and countries reach the screens a user works in."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, Static

from socialcoach.app import SocialCoachApp
from socialcoach.content import posting_rhythm_label
from socialcoach.store import load_plan, save_plan

from helpers import open_steps, until
from sample import sample_plan

SIZE = (110, 40)


def _plan_with_x(content):
    """The sample plan with X as its first platform, whose bio holds 160 characters."""
    plan = sample_plan(content)
    plan.platforms.chosen[0].platform = "x"
    plan.accounts.per_platform[0].platform = "x"
    plan.accounts.per_platform[0].disclaimer = ""
    return plan


async def test_a_disclaimer_too_long_for_the_bio_is_flagged_in_steps_5_and_6(
    plan_path: Path, content
):
    save_plan(_plan_with_x(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    long_line = "Views my own. " * 13  # 182 characters
    async with app.run_test(size=SIZE) as pilot:
        await open_steps(pilot, "accounts")
        field = app.screen.query_one("#disclaimer-x", Input)
        field.focus()
        await pilot.press(*long_line)
        box = app.screen.query_one("#warnings", Static)
        await until(pilot, lambda: "a bio holds 160" in str(box.render()), "bio warning shown")
        assert f"has {len(long_line.strip())} characters" in str(box.render())
        await open_steps(pilot, "profile")
        checks = app.screen.query(".bio-check")
        assert checks and "a bio holds 160" in str(checks.first().render())
        await pilot.press("ctrl+q")
    assert load_plan(plan_path).accounts.for_platform("x").disclaimer == long_line


async def test_a_short_disclaimer_is_said_to_fit_the_bio(plan_path: Path, content):
    plan = _plan_with_x(content)
    plan.accounts.per_platform[0].disclaimer = "Views my own."
    save_plan(plan, plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_steps(pilot, "profile")
        check = app.screen.query_one(".bio-check", Static)
        assert "fits the 160-character bio" in str(check.render())
        await pilot.press("ctrl+q")


async def test_the_posting_rhythm_choices_are_the_contents(plan_path: Path, content):
    save_plan(sample_plan(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_steps(pilot, "audience")
        select = app.screen.query_one("#posts-per-week", Select)
        offered = [value for _, value in select._options if value is not Select.NULL]
        assert offered == [r.posts_per_week for r in content.posting_rhythms]
        select.value = 5
        await pilot.pause()
        assert app.plan.audience.posts_per_week == 5
        labels = {value: str(label) for label, value in select._options}
        assert labels[5] == posting_rhythm_label(content, 5)
        await pilot.press("ctrl+q")


async def test_practising_in_the_uk_shows_the_gmc_item_and_not_us_law(plan_path: Path, content):
    plan = sample_plan(content)
    plan.basics.region = "uk"
    save_plan(plan, plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_steps(pilot, "policy")
        ids = {w.id for w in app.screen.query(".states")}
        assert "state-gmc-2024" in ids and "state-rcr-images" in ids
        assert "state-employer-limits" not in ids
        await pilot.press("ctrl+q")


async def test_a_contact_email_that_is_not_an_email_gets_a_hint(plan_path: Path, content):
    save_plan(sample_plan(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_steps(pilot, "policy")
        field = app.screen.query_one("#contact-email", Input)
        field.value = ""
        field.focus()
        await pilot.press(*"Communications")
        hint = app.screen.query_one("#contact-email-hint", Static)
        await until(pilot, lambda: hint.display, "email hint shown")
        assert "does not look like an email" in str(hint.render())
        field.value = "sam@example.org"
        await until(pilot, lambda: not hint.display, "email hint hidden")
        await pilot.press("ctrl+q")


async def test_a_platforms_details_say_when_its_facts_were_checked(plan_path: Path, content):
    save_plan(sample_plan(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_steps(pilot, "platforms")
        details = app.screen.query_one("#platform-details", Static)
        app.screen.query_one("#ranking").focus()
        await pilot.press("down", "up")
        await until(pilot, lambda: "checked" in str(details.render()), "checked date shown")
        assert "Privacy facts and limits: checked" in str(details.render())
        await pilot.press("ctrl+q")


async def test_choosing_a_country_on_the_welcome_screen_is_saved_in_the_plan(plan_path: Path):
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:

        def mounted() -> bool:
            # The form is added once the plan is open; a value set before then is not announced.
            return any(s.is_mounted for s in app.screen.query("#region").results(Select))

        await until(pilot, mounted, "the country field", limit=300)
        await pilot.pause()
        app.screen.query_one("#region", Select).value = "canada"
        await until(pilot, lambda: app.plan.basics.region == "canada", "region written")
        await pilot.press("ctrl+q")
    assert load_plan(plan_path).basics.region == "canada"


async def test_picking_a_disclaimer_fills_its_words_and_the_employers_one_fills_nothing(
    plan_path: Path, content
):
    save_plan(_plan_with_x(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_steps(pilot, "accounts")
        pick = app.screen.query_one("#disclaimer-pick-x", Select)
        field = app.screen.query_one("#disclaimer-x", Input)
        pick.value = "not-medical-advice"
        wanted = next(d.text for d in content.disclaimers if d.id == "not-medical-advice")
        await until(pilot, lambda: field.value == wanted, "template copied")
        pick.value = "employer-required"  # an instruction, not words to paste
        await pilot.pause()
        assert field.value == wanted
        await pilot.press("ctrl+q")
    assert load_plan(plan_path).accounts.for_platform("x").disclaimer == wanted
