"""A pack pre-fills a plan, keeps the user's own answers, and says what a new version changed."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from socialcoach.content import Content, ContentError, load_builtin
from socialcoach.export import render_markdown
from socialcoach.locations import content_dir
from socialcoach.models import AccountPlan, ItemState, PackRef, Plan, PolicyAnswer, Status
from socialcoach.packs import (
    apply_pack,
    apply_to_plan,
    check_path,
    contact_from_organisation,
    from_organisation,
    load_pack,
    new_account,
)
from socialcoach.store import dumps_plan, parse_plan

from sample_packs import V1, v2_text

RESIDENCY = content_dir() / "examples" / "lakeside-radiology-residency.toml"


def content_for(tmp_path: Path, text: str, name: str = "pack.toml") -> Content:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return apply_pack(load_builtin(), load_pack(path))


def reload(plan: Plan) -> Plan:
    """Through the file, as the app saves and reopens it."""
    return parse_plan(dumps_plan(plan), Path("plan.toml"))[0]


# --- Defaults ---------------------------------------------------------------------------------


def test_a_new_plan_starts_with_the_organisations_answers_contact_follows_and_rhythm(
    tmp_path: Path,
) -> None:
    content = content_for(tmp_path, V1)
    plan = Plan()
    assert apply_to_plan(plan, content, "pack.toml") is None  # first time: nothing "changed"
    answer = plan.policy.items["image-approval"]
    assert answer.state is ItemState.DONE
    assert answer.note == "The Education Committee approves every case."
    assert from_organisation(plan, content, "image-approval")
    assert not from_organisation(plan, content, "social-media-policy")
    assert (plan.policy.contact_name, plan.policy.contact_email) == (
        "Pat Example",
        "pat@example.org",
    )
    assert contact_from_organisation(plan, content)
    assert plan.audience.adopted == ["north-account"]
    assert plan.profile.audit_days == 60
    assert plan.pack is not None
    assert (plan.pack.version, plan.pack.first_version) == ("1", "1")
    assert set(plan.pack.items) == {"north-brand", "north-old-rule", "social-media-policy"}


def test_a_new_account_starts_with_the_required_disclaimer(tmp_path: Path) -> None:
    content = content_for(tmp_path, V1)
    assert new_account("x", content).disclaimer == "Views are mine, not North Radiology's."
    residency = apply_pack(load_builtin(), load_pack(RESIDENCY))
    assert new_account("x", residency).disclaimer.startswith("Radiology resident.")
    assert new_account("x", load_builtin()).disclaimer == ""


def test_applying_the_pack_to_an_existing_plan_keeps_the_users_own_answers(
    tmp_path: Path,
) -> None:
    plan = Plan()
    plan.policy.items["image-approval"] = PolicyAnswer(state=ItemState.TODO, note="Asking Dr Lee")
    plan.policy.contact_name = "My own contact"
    plan.profile.status = Status.DONE
    plan.profile.audit_days = 30
    plan.accounts.per_platform = [
        AccountPlan(platform="x", disclaimer="My own words"),
        AccountPlan(platform="linkedin"),
    ]
    content = content_for(tmp_path, V1)
    apply_to_plan(plan, content)
    assert plan.policy.items["image-approval"].note == "Asking Dr Lee"
    assert plan.policy.items["image-approval"].state is ItemState.TODO
    assert not from_organisation(plan, content, "image-approval")
    assert plan.policy.contact_name == "My own contact"
    assert plan.policy.contact_email == ""
    assert plan.profile.audit_days == 30
    assert plan.accounts.for_platform("x").disclaimer == "My own words"
    assert plan.accounts.for_platform("linkedin").disclaimer == (
        "Views are mine, not North Radiology's."
    )


def test_a_default_the_user_changed_is_not_put_back_when_the_plan_is_reopened(
    tmp_path: Path,
) -> None:
    content = content_for(tmp_path, V1)
    plan = Plan()
    apply_to_plan(plan, content)
    plan.policy.items["image-approval"] = PolicyAnswer()  # the user set it back to "to do"
    plan.policy.contact_name = plan.policy.contact_email = ""
    plan.audience.adopted = []
    plan = reload(plan)
    apply_to_plan(plan, content)
    assert plan.policy.items["image-approval"] == PolicyAnswer()
    assert plan.policy.contact_name == ""
    assert plan.audience.adopted == []


def test_the_example_residency_pack_fills_a_plan_and_marks_it(tmp_path: Path) -> None:
    content = apply_pack(load_builtin(), load_pack(RESIDENCY))
    plan = Plan()
    apply_to_plan(plan, content)
    settled = [i.id for i in content.policy_items if from_organisation(plan, content, i.id)]
    assert settled == ["image-approval", "required-disclaimers", "contacts"]
    text = render_markdown(plan, content)
    assert "(from your organisation)" in text
    assert (
        "Follows the policy pack Lakeside Radiology Residency social media pack, version 2026.1."
        in text
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('item = "image-approval"', 'item = "image-aproval"'), "answer[0].item: no policy item"),
        (('follow = ["north-account"]', 'follow = ["nobody"]'), "defaults.follow: no account"),
        (("audit_days = 60", "audit_days = 45"), "defaults.audit_days: 45 is not an audit rhythm"),
        (('state = "done"', 'state = "finished"'), "answer[0].state: Input should be"),
        (("audit_days = 60", 'audit_days = "often"'), "defaults.audit_days:"),
    ],
)
def test_content_check_points_at_the_line_of_a_bad_default(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    old, new = change
    path = tmp_path / "pack.toml"
    path.write_text(V1.replace(old, new), encoding="utf-8")
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if new in text)
    problems = check_path(path)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:{line}: {expected}"), problems[0]
    assert re.search(r"; \w", problems[0])  # says what to do
    with pytest.raises(ContentError):
        apply_pack(load_builtin(), load_pack(path))


def test_an_answer_given_twice_is_reported_at_the_second(tmp_path: Path) -> None:
    answer = '\n[[answer]]\nitem = "contacts"\nstate = "done"\n'
    path = tmp_path / "pack.toml"
    path.write_text(V1 + answer + answer, encoding="utf-8")
    lines = [n for n, t in enumerate(path.read_text().splitlines(), 1) if '"contacts"' in t]
    problems = check_path(path)
    assert problems == [
        f"{path}:{lines[1]}: answer for item 'contacts' is given twice in this pack; "
        "keep one [[answer]] per item."
    ]


# --- A new version ----------------------------------------------------------------------------


def test_a_plan_made_with_version_1_opened_with_version_2_says_what_changed(
    tmp_path: Path,
) -> None:
    v1 = content_for(tmp_path, V1, "v1.toml")
    plan = Plan()
    apply_to_plan(plan, v1)
    for item_id in ("north-brand", "north-old-rule", "social-media-policy", "required-disclaimers"):
        plan.policy.items[item_id] = PolicyAnswer(state=ItemState.DONE, note=f"{item_id} noted")
    plan.accounts.per_platform = [
        new_account("x", v1),  # the organisation's wording, untouched
        AccountPlan(platform="linkedin", disclaimer="Personal views only."),
    ]
    plan = reload(plan)

    v2 = content_for(tmp_path, v2_text(), "v2.toml")
    plan2 = reload(plan)
    changes = apply_to_plan(plan2, v2)
    assert changes is not None
    assert changes.added == ["Label AI-made images"]
    assert changes.reworded == ["Use the North logo only as supplied"]
    assert changes.removed == ["Register every account with Communications"]
    assert changes.disclaimer == "My views, not North's."
    # Reworded items and the disclaimer item are open again; the notes are kept.
    assert plan2.policy.items["north-brand"].state is ItemState.TODO
    assert plan2.policy.items["north-brand"].note == "north-brand noted"
    assert plan2.policy.items["required-disclaimers"].state is ItemState.TODO
    assert plan2.policy.items["social-media-policy"].state is ItemState.DONE  # unchanged
    assert plan2.policy.items["north-old-rule"].note == "north-old-rule noted"  # kept in the file
    assert changes.reopened == ["north-brand", "required-disclaimers"]
    # The organisation's wording is updated; the user's own is not, but is pointed out.
    assert plan2.accounts.for_platform("x").disclaimer == "My views, not North's."
    assert plan2.accounts.for_platform("linkedin").disclaimer == "Personal views only."
    assert changes.updated_accounts == ["X"]
    assert changes.accounts_without == ["LinkedIn"]
    # The plan records the version it follows now, and what it was made with.
    saved = reload(plan2)
    assert (saved.pack.version, saved.pack.first_version, saved.pack.previous_version) == (
        "2",
        "1",
        "1",
    )
    assert "north-ai" in saved.pack.items and "north-old-rule" not in saved.pack.items
    text = "\n".join(saved.pack.changes)
    for expected in (
        "changed from version 1 to 2",
        "New item: Label AI-made images.",
        "Reworded, check it again: Use the North logo only as supplied.",
        "Removed: Register every account with Communications",
        "New required disclaimer: My views, not North's.",
        "Put the new disclaimer in your bio on LinkedIn.",
    ):
        assert expected in text
    # Opening it again with the same version changes nothing more.
    assert apply_to_plan(saved, v2) is None
    export = render_markdown(saved, v2)
    assert (
        "Follows the policy pack North Radiology pack, version 2 (made with version 1)." in export
    )


def test_the_export_of_a_plan_behind_the_pack_says_a_newer_version_is_waiting(
    tmp_path: Path,
) -> None:
    plan = Plan()
    apply_to_plan(plan, content_for(tmp_path, V1, "v1.toml"))
    text = render_markdown(plan, content_for(tmp_path, v2_text(), "v2.toml"))
    assert "version 1. Your organisation's pack is now version 2" in text


def test_a_plan_that_recorded_no_items_reopens_all_of_the_packs_items(tmp_path: Path) -> None:
    plan = Plan(pack=PackRef(id="north-rad", name="North Radiology pack", version="0"))
    plan.policy.items["north-brand"] = PolicyAnswer(state=ItemState.DONE)
    changes = apply_to_plan(plan, content_for(tmp_path, V1))
    assert changes is not None and changes.unknown_before
    assert plan.policy.items["north-brand"].state is ItemState.TODO
    assert "did not record what the old version said" in changes.lines()[1]


def test_a_plan_file_from_before_these_fields_still_loads() -> None:
    text = (
        'schema_version = 1\ncurrent_step = "policy"\n\n[pack]\nid = "x"\nname = "X"\n'
        'version = "1"\n\n[policy.items.contacts]\nstate = "done"\n\n[profile]\naudit_days = 30\n'
        "last_audit = 2026-01-05\n"
    )
    plan, _ = parse_plan(text, Path("old.toml"))
    assert plan.pack.items == {} and plan.pack.first_version == ""
    assert plan.policy.leadership.is_empty()
    assert plan.profile.self_audit.history == []
    assert plan.profile.next_audit == dt.date(2026, 2, 4)
