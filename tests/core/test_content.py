"""The built-in coaching content is complete, sourced and consistent; broken content is reported.

These tests read `content/` exactly as the app does. The broken-copy tests write small damaged
copies into tmp_path and check that the error names the file, the line and the key, because a
content author's first question is always "where?".
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from socialcoach.content import (
    STEP_IDS,
    Content,
    ContentError,
    cross_check,
    load_builtin,
    load_folder,
)
from socialcoach.locations import content_dir

REQUIRED_PLATFORMS = {
    "x",
    "linkedin",
    "instagram",
    "bluesky",
    "youtube",
    "tiktok",
    "facebook",
    "threads",
    "mastodon",
    "doximity",
}
REQUIRED_GOALS = {
    "learn",
    "teach",
    "network",
    "conversation",
    "public-education",
    "personal-brand",
    "mentorship",
    "practice-visibility",
}
REQUIRED_SUBSPECIALTIES = {
    "general",
    "neuro",
    "msk",
    "breast",
    "interventional",
    "pediatric",
    "emergency",
    "nuclear",
    "body",
    "chest",
    "cardiac",
}
# 45 CFR 164.514(b)(2)(i)(A)-(R), in HHS's wording (shortened where HHS adds conditions).
HHS_TITLES = {
    "A": "Names",
    "B": "All geographic subdivisions smaller than a State",
    "C": "All elements of dates (except year)",
    "D": "Telephone numbers",
    "E": "Fax numbers",
    "F": "Electronic mail addresses",
    "G": "Social security numbers",
    "H": "Medical record numbers",
    "I": "Health plan beneficiary numbers",
    "J": "Account numbers",
    "K": "Certificate/license numbers",
    "L": "Vehicle identifiers and serial numbers",
    "M": "Device identifiers and serial numbers",
    "N": "Web Universal Resource Locators (URLs)",
    "O": "Internet Protocol (IP) address numbers",
    "P": "Biometric identifiers",
    "Q": "Full face photographic images and any comparable images",
    "R": "Any other unique identifying number, characteristic, or code",
}


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing here may touch the real data folder."""
    monkeypatch.setenv("SOCIALCOACH_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="module")
def content() -> Content:
    return load_builtin()


def all_sourced(content: Content) -> list:
    return [
        *content.steps.values(),
        *content.policy_items,
        *content.platforms,
        *content.audience,
        *content.habits,
        *content.identifiers,
        *content.hazards,
        *content.recovery,
        *content.quiz,
        *content.disclaimers,
        *content.contact_rules,
        *content.profile_items,
    ]


# --- The built-in content ---------------------------------------------------------------------


def test_builtin_content_loads_without_cross_check_problems(content: Content) -> None:
    assert cross_check(content) == []


def test_every_advice_item_cites_a_source_that_is_defined(content: Content) -> None:
    for item in all_sourced(content):
        # An unverified audience entry may cite nothing: it says "check it first" instead.
        if getattr(item, "verified", True) or type(item).__name__ != "AudienceEntry":
            assert item.sources, f"{type(item).__name__} {item.id} cites nothing"
        for source_id in item.sources:
            assert source_id in content.sources, f"{item.id} cites undefined {source_id}"


def test_every_source_has_a_public_web_address(content: Content) -> None:
    for source in content.sources.values():
        assert source.url.startswith("https://"), source.id
        assert " " not in source.url, source.id


def test_all_six_steps_are_present_and_numbered_in_order(content: Content) -> None:
    assert [content.steps[step_id].number for step_id in STEP_IDS] == [1, 2, 3, 4, 5, 6]


def test_all_required_platforms_and_goals_are_present(content: Content) -> None:
    assert {p.id for p in content.platforms} >= REQUIRED_PLATFORMS
    assert {g.id for g in content.goals} >= REQUIRED_GOALS


def test_every_platform_says_when_its_facts_were_checked(content: Content) -> None:
    for platform in content.platforms:
        assert platform.checked is not None, platform.id


def test_every_platform_weighs_and_explains_every_goal(content: Content) -> None:
    goal_ids = {goal.id for goal in content.goals}
    for platform in content.platforms:
        assert set(platform.weights) == goal_ids, platform.id
        assert set(platform.reasons) == goal_ids, platform.id
        assert all(0 <= weight <= 3 for weight in platform.weights.values())
        assert all(reason.strip() for reason in platform.reasons.values()), platform.id


def test_there_are_exactly_18_identifiers_lettered_a_to_r_in_order(content: Content) -> None:
    letters = [identifier.letter for identifier in content.identifiers]
    assert letters == list("ABCDEFGHIJKLMNOPQR")


def test_identifier_titles_follow_the_hhs_wording(content: Content) -> None:
    for identifier in content.identifiers:
        assert identifier.title.startswith(HHS_TITLES[identifier.letter]), identifier.letter
        assert identifier.radiology_example.strip(), identifier.letter


def test_all_required_subspecialties_are_present(content: Content) -> None:
    assert {sub.id for sub in content.subspecialties} >= REQUIRED_SUBSPECIALTIES


@pytest.mark.parametrize("sub_id", sorted(REQUIRED_SUBSPECIALTIES))
def test_each_subspecialty_has_a_society_or_community_and_a_hashtag(
    content: Content, sub_id: str
) -> None:
    entries = [e for e in content.audience if sub_id in e.subspecialties]
    assert any(e.kind in ("society", "community") for e in entries), sub_id
    assert any(e.kind == "hashtag" for e in entries), sub_id


def test_radiology_as_a_whole_has_societies_hashtags_and_resources(content: Content) -> None:
    kinds = {e.kind for e in content.audience if "all" in e.subspecialties}
    assert {"society", "hashtag", "resource", "community"} <= kinds


def test_hashtag_entries_are_hashtags(content: Content) -> None:
    for entry in content.audience:
        if entry.kind == "hashtag":
            assert entry.name.startswith("#"), entry.id


def test_quiz_has_at_least_eight_questions_with_answers_in_range(content: Content) -> None:
    assert len(content.quiz) >= 8
    for question in content.quiz:
        assert 0 <= question.answer < len(question.choices), question.id


def test_profile_audit_rhythms_offer_30_60_and_90_days(content: Content) -> None:
    assert {30, 60, 90} <= {rhythm.days for rhythm in content.audit_rhythms}


def test_short_texts_fit_one_line_of_an_80_column_screen(content: Content) -> None:
    one_liners = [
        *(r for p in content.platforms for r in p.reasons.values()),
        *(item.explain for item in content.policy_items),
        *(item.explain for item in content.profile_items),
        *(item.explain for item in content.identifiers),
        *(item.explain for item in content.hazards),
        *(question.explanation for question in content.quiz),
    ]
    too_long = [text for text in one_liners if len(text) > 110]
    assert too_long == []


def strings_in(value: object) -> list[str]:
    """Every string inside a dumped model, however deeply nested."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings_in(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    return []


def test_no_text_contains_square_brackets_that_textual_would_read_as_markup(
    content: Content,
) -> None:
    shown = content.model_dump(mode="json", exclude={"sources"})
    assert [text for text in strings_in(shown) if "[" in text or "]" in text] == []


# --- Broken copies are reported with file and key ---------------------------------------------


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A fresh, editable copy of the built-in content."""
    folder = tmp_path / "content"
    shutil.copytree(content_dir(), folder, ignore=shutil.ignore_patterns("examples", "*.md"))
    return folder


X_CHECKED = 'checked = 2026-12-02\nverified = false\nsources = ["rsna'


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(folder: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_folder(folder)
    return str(caught.value)


def test_a_citation_of_an_undefined_source_is_reported_with_file_and_id(copy: Path) -> None:
    edit(copy / "policy.toml", 'sources = ["mms-guidelines", "fsmb-2019"]', 'sources = ["nope"]')
    message = problems_of(copy)
    assert "policy.toml" in message
    assert "social-media-policy" in message
    assert "'nope'" in message


def test_an_item_with_no_sources_is_reported_with_file_line_and_key(copy: Path) -> None:
    edit(copy / "policy.toml", 'sources = ["mms-guidelines", "fsmb-2019"]', "sources = []")
    message = problems_of(copy)
    assert f"{copy / 'policy.toml'}:" in message
    assert "sources" in message
    assert "social-media-policy" in message


def test_a_removed_source_definition_is_reported(copy: Path) -> None:
    edit(copy / "sources.toml", 'id = "fsmb-2019"\n', 'id = "fsmb-2019-renamed"\n')
    message = problems_of(copy)
    assert "'fsmb-2019'" in message
    assert "sources.toml" in message


def test_a_quiz_question_testing_an_undefined_rule_is_reported_with_file_quiz_and_id(
    copy: Path,
) -> None:
    edit(copy / "phi.toml", 'rules = ["timing"]', 'rules = ["timeing"]')
    message = problems_of(copy)
    assert "phi.toml" in message
    assert "'last-night'" in message
    assert "'timeing'" in message


def test_every_quiz_rule_names_an_identifier_or_hazard(content: Content) -> None:
    rules = {i.id for i in content.identifiers} | {h.id for h in content.hazards}
    tested = [rule for question in content.quiz for rule in question.rules]
    assert tested and set(tested) <= rules


def test_an_undefined_goal_id_is_reported_with_file_and_goal(copy: Path) -> None:
    edit(copy / "platforms.toml", "learn = 3\n", "lern = 3\n")
    message = problems_of(copy)
    assert "platforms.toml" in message
    assert "'lern'" in message


def test_bad_toml_syntax_is_reported_with_file_and_line(copy: Path) -> None:
    path = copy / "phi.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    broken_at = next(n for n, line in enumerate(lines) if line.startswith("[[identifier]]"))
    lines[broken_at] = "[[identifier]"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = problems_of(copy)
    assert f"{path}:{broken_at + 1}:" in message
    assert "not valid TOML" in message


def test_a_missing_checked_date_is_reported_with_file_and_key(copy: Path) -> None:
    edit(copy / "platforms.toml", X_CHECKED, X_CHECKED.replace("checked = 2026-12-02\n", ""))
    message = problems_of(copy)
    assert f"{copy / 'platforms.toml'}:" in message
    assert "checked" in message
    assert "'x'" in message


def test_a_misspelt_key_is_reported_with_the_line_it_is_on(copy: Path) -> None:
    path = copy / "accounts.toml"
    edit(path, 'label = "Views my own"', 'lable = "Views my own"')
    line = path.read_text(encoding="utf-8").splitlines().index('lable = "Views my own"') + 1
    message = problems_of(copy)
    assert f"{path}:{line}: disclaimer[0] (id 'views-my-own').lable" in message


def test_a_missing_file_is_reported_by_name(copy: Path) -> None:
    (copy / "profile.toml").unlink()
    assert "profile.toml" in problems_of(copy)


def test_an_out_of_range_quiz_answer_is_reported(copy: Path) -> None:
    edit(copy / "phi.toml", "answer = 1\n", "answer = 7\n")
    message = problems_of(copy)
    assert "phi.toml" in message
    assert "out of range" in message


def test_a_source_defined_twice_is_reported(copy: Path) -> None:
    with (copy / "sources.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[source]]\nid = "acr-phi"\nname = "Again"\nurl = "https://example.org"\n')
    message = problems_of(copy)
    assert "defined twice" in message
    assert "acr-phi" in message


def test_every_problem_is_reported_at_once(copy: Path) -> None:
    edit(copy / "platforms.toml", X_CHECKED, X_CHECKED.replace("checked = 2026-12-02\n", ""))
    edit(copy / "policy.toml", 'sources = ["mms-guidelines", "fsmb-2019"]', "sources = []")
    with pytest.raises(ContentError) as caught:
        load_folder(copy)
    assert len(caught.value.problems) >= 2


def test_quiz_answers_are_not_always_in_the_same_position(content):
    """A quiz whose right answer is always the second choice teaches the pattern, not the rule."""
    positions = [question.answer for question in content.quiz]
    assert len(set(positions)) >= 3
    assert max(positions.count(p) for p in set(positions)) <= len(positions) // 2
