"""Step 6's self-audit: searches built from the plan (never opened), a checklist, notes, and a
record that moves the next audit date; its content is validated like the rest."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from textual.widgets import Button, SelectionList, Static

from socialcoach import self_audit
from socialcoach.app import SocialCoachApp
from socialcoach.calendar_ics import render_ics
from socialcoach.content import ContentError
from socialcoach.export import render_markdown
from socialcoach.locations import content_dir
from socialcoach.models import AccountPlan, Plan, PlatformChoice, Status
from socialcoach.packs import check_path
from socialcoach.store import load_plan, save_plan

from helpers import open_steps, tab_to, until


def sample_plan() -> Plan:
    plan = Plan()
    plan.basics.display_name = "Zoë O'Brien & Co"
    plan.platforms.chosen = [PlatformChoice(platform="x"), PlatformChoice(platform="instagram")]
    plan.accounts.per_platform = [
        AccountPlan(platform="x", professional_handle="@DrZoe_Rad"),
        AccountPlan(platform="instagram", professional_handle="dr.zoe/rad"),
    ]
    return plan


def test_the_shipped_self_audit_loads_and_the_content_check_covers_it(content) -> None:
    audit = self_audit.load_builtin(content)
    kinds = {search.kind for search in audit.searches}
    assert kinds == {"web", "image", "reviews", "platform"}
    assert [check.id for check in audit.checks] == [
        "old-accounts",
        "impostors",
        "outdated-bios",
        "old-posts",
        "reviews",
    ]
    assert check_path(None) == []


def test_searches_encode_the_name_and_handles_and_cover_only_chosen_platforms(content) -> None:
    links = self_audit.links(sample_plan(), content, self_audit.load_builtin(content))
    google = next(link for link in links if link.label == "Google: Zoë O'Brien & Co")
    query = parse_qs(urlsplit(google.url).query)["q"]
    assert query == ['"Zoë O\'Brien & Co"']  # quoted, and the & did not end the query
    assert "&" not in urlsplit(google.url).query.split("q=", 1)[1]
    review = next(link for link in links if link.label.startswith("Healthgrades"))
    assert parse_qs(urlsplit(review.url).query)["q"] == [
        '"Zoë O\'Brien & Co" site:healthgrades.com'
    ]
    profile = next(link for link in links if link.label.startswith("Instagram profile"))
    assert profile.url == "https://www.instagram.com/dr.zoe%2Frad/"  # one path segment
    x_profile = next(link for link in links if link.label.startswith("X profile"))
    assert x_profile.url == "https://x.com/DrZoe_Rad"
    assert not any("linkedin" in link.url for link in links)  # not chosen
    assert all(link.url.startswith("https://") for link in links)


def test_without_a_name_only_the_handle_searches_are_given(content) -> None:
    plan = sample_plan()
    plan.basics.display_name = "  "
    links = self_audit.links(plan, content, self_audit.load_builtin(content))
    assert links and all("Brien" not in link.label for link in links)
    assert {link.label for link in links} >= {"Google: @DrZoe_Rad", "X profile: @DrZoe_Rad"}


def test_completing_the_audit_records_it_and_moves_the_next_date() -> None:
    plan = Plan()
    plan.profile.audit_days = 30
    plan.profile.last_audit = dt.date(2026, 1, 1)
    plan.profile.self_audit.checked = ["impostors"]
    plan.profile.self_audit.findings = "An old Flickr account"
    record = self_audit.complete(plan, today=dt.date(2026, 3, 10))
    assert record.findings == "An old Flickr account"
    assert plan.profile.next_audit == dt.date(2026, 4, 9)
    assert plan.profile.self_audit.history == [record]
    assert plan.profile.self_audit.findings == "" and plan.profile.self_audit.checked == []


def test_the_calendars_audit_event_carries_the_checklist(content) -> None:
    plan = sample_plan()
    plan.profile.last_audit = dt.date(2026, 1, 1)
    ics = render_ics(plan, content).replace("\r\n ", "")  # unfold
    event = ics[ics.index("SUMMARY:Audit your social media profiles") :]
    event = event[: event.index("END:VEVENT")]
    for check in self_audit.load_builtin(content).checks:
        assert check.title in event.replace("\\,", ",")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('url = "https://x.com/{path}"', 'url = "https://x.com/{handle}"', "exactly one {query}"),
        ('platform = "x"\non = "handle"', 'platform = "myspace"\non = "handle"', "'myspace'"),
        ('sources = ["x-advanced-search"]', 'sources = ["nowhere"]', "cites source 'nowhere'"),
        ('kind = "reviews"', 'kind = "rating"', "kind: Input should be"),
    ],
)
def test_a_broken_self_audit_file_is_reported_with_its_line(
    tmp_path: Path, content, old: str, new: str, expected: str
) -> None:
    folder = tmp_path / "content"
    shutil.copytree(content_dir(), folder, ignore=shutil.ignore_patterns("examples"))
    path = folder / "self_audit.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        self_audit.load(content, folder)
    problem = caught.value.problems[0]
    assert problem.startswith(f"{path}:") and expected in problem, problem
    assert check_path(folder) == caught.value.problems


async def test_running_the_self_audit_in_step_6_moves_the_next_audit(plan_path: Path, content):
    plan = sample_plan()
    plan.profile.audit_days = 60
    plan.profile.last_audit = dt.date.today() - dt.timedelta(days=70)  # overdue
    plan.profile.status = Status.DONE
    save_plan(plan, plan_path)
    app = SocialCoachApp(plan_path=plan_path, content=content)
    async with app.run_test(size=(100, 30)) as pilot:
        wizard = await open_steps(pilot, "profile")
        web = str(wizard.query_one("#audit-links-web", Static).render())
        assert "https://www.google.com/search?q=%22Zo%C3%AB+O%27Brien+%26+Co%22" in web
        assert "Physician-rating" in str(wizard.query_one("#audit-links-reviews", Static).render())
        date_box = wizard.query_one("#audit-date", Static)
        before = str(date_box.render())
        assert (dt.date.today() - dt.timedelta(days=10)).isoformat() in before
        # Tick what was looked at, note a finding, and record the audit.
        await tab_to(pilot, "audit-checks")
        await pilot.press("down", "space")  # the second point: impostor accounts
        await tab_to(pilot, "audit-findings")
        await pilot.press(*"An impostor account on X; reported it.")
        await pilot.pause()
        assert app.plan.profile.self_audit.checked == ["impostors"]
        await tab_to(pilot, "audit-done")
        assert isinstance(app.focused, Button)
        await pilot.press("enter")
        due = dt.date.today() + dt.timedelta(days=60)
        await until(pilot, lambda: due.isoformat() in str(date_box.render()), "date moved")
        last = str(wizard.query_one("#audit-last", Static).render())
        assert "An impostor account on X; reported it." in last
        assert wizard.query_one("#audit-checks", SelectionList).selected == []
        await pilot.press("ctrl+q")
    saved = load_plan(plan_path)
    assert saved.profile.last_audit == dt.date.today()
    assert saved.profile.next_audit == dt.date.today() + dt.timedelta(days=60)
    assert saved.profile.self_audit.history[-1].checked == ["impostors"]
    assert "An impostor account on X" in render_markdown(saved, content)
