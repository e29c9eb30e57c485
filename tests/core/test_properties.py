"""Any text round-trips, and no text can break the Markdown export (property tests).

Plans are built with arbitrary Unicode (emoji, right-to-left scripts, control characters,
newlines in one-line fields) mixed with what breaks files and Markdown: quotes,
backslashes, triple quotes, TOML table headers, pipes, hashes, HTML.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialcoach.content import load_builtin
from socialcoach.export import render_markdown
from socialcoach.models import (
    STEP_ORDER,
    AccountPlan,
    AccountSplit,
    CareerStage,
    ItemState,
    PackRef,
    Plan,
    PlatformChoice,
    PolicyAnswer,
    Status,
    Visibility,
)
from socialcoach.store import dumps_plan, load_plan, save_plan

CONTENT = load_builtin()
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NASTY = [
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "\\n",
    "\n",
    "\r\n",
    "\t",
    "\x00",
    "\x1b[31m",
    "\u2028",
    "\u202e",  # right-to-left override
    "שלום",
    "مرحبا",
    "🩻",
    "👩🏽‍⚕️",
    "[x]",
    "[basics]",
    "[[accounts.accounts]]",
    "key = 1",
    "|",
    "||",
    "#",
    "## ",
    "- ",
    "1. ",
    "> ",
    "---",
    "===",
    "```",
    "<script>alert(1)</script>",
    "&amp;",
    "*",
    "_",
    "[/oops]",
    "[b]",
    " ",
]

texts = st.one_of(
    st.text(max_size=30),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=4)), max_size=8).map("".join),
)
long_texts = st.one_of(texts, st.builds(lambda t, n: t * n, texts, st.integers(1, 400)))


def ids(known: list[str]) -> st.SearchStrategy[str]:
    """An id from the content most of the time, sometimes anything (a hand-edited file)."""
    return st.one_of(st.sampled_from(known), texts) if known else texts


PLATFORMS = [p.id for p in CONTENT.platforms]
POLICY = [i.id for i in CONTENT.policy_items]
RULES = [i.id for i in CONTENT.identifiers] + [h.id for h in CONTENT.hazards]
QUIZ = [q.id for q in CONTENT.quiz]
GOALS = [g.id for g in CONTENT.goals]
AUDIENCE = [e.id for e in CONTENT.audience]
HABITS = [h.id for h in CONTENT.habits]
SUBS = [s.id for s in CONTENT.subspecialties]
CONTACTS = [r.id for r in CONTENT.contact_rules]
PROFILE_ITEMS = [i.id for i in CONTENT.profile_items]
INT64 = st.integers(-(2**63), 2**63 - 1)
times = st.datetimes(
    min_value=dt.datetime(1970, 1, 1),
    max_value=dt.datetime(9999, 1, 1),
    timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-5, minutes=-30))]),
)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    plan = Plan(
        created=draw(times),
        updated=draw(times),
        current_step=draw(st.sampled_from(STEP_ORDER)),
    )
    basics = plan.basics
    basics.display_name = draw(long_texts)
    basics.specialty = draw(texts)
    basics.subspecialty = draw(ids(SUBS))
    basics.career_stage = draw(st.sampled_from(CareerStage))
    basics.organisation = draw(texts)
    if draw(st.booleans()):
        plan.pack = PackRef(id=draw(texts), name=draw(texts), version=draw(texts), path=draw(texts))
    for step_id in STEP_ORDER:
        plan.section(step_id).status = draw(st.sampled_from(Status))
    plan.policy.items = draw(
        st.dictionaries(
            ids(POLICY),
            st.builds(PolicyAnswer, state=st.sampled_from(ItemState), note=long_texts),
            max_size=4,
        )
    )
    plan.policy.contact_name = draw(texts)
    plan.policy.contact_email = draw(texts)
    plan.platforms.goals = draw(st.lists(ids(GOALS), max_size=4))
    plan.platforms.chosen = draw(
        st.lists(
            st.builds(PlatformChoice, platform=ids(PLATFORMS), score=INT64, reason=texts),
            max_size=3,
        )
    )
    plan.audience.adopted = draw(st.lists(ids(AUDIENCE), max_size=4))
    plan.audience.posts_per_week = draw(st.integers(0, 21))
    plan.audience.habits = draw(st.lists(ids(HABITS), max_size=3))
    plan.audience.themes = draw(st.lists(texts, max_size=4))
    plan.phi.acknowledged = draw(st.lists(ids(RULES), max_size=6))
    plan.phi.quiz_answers = draw(st.dictionaries(ids(QUIZ), INT64, max_size=4))
    plan.accounts.per_platform = draw(
        st.lists(
            st.builds(
                AccountPlan,
                platform=ids(PLATFORMS),
                split=st.sampled_from(AccountSplit),
                professional_handle=texts,
                professional_visibility=st.sampled_from(Visibility),
                personal_handle=texts,
                personal_visibility=st.sampled_from(Visibility),
                disclaimer=long_texts,
                patient_contact=ids(CONTACTS),
            ),
            max_size=3,
        )
    )
    plan.profile.checked = draw(
        st.dictionaries(ids(PLATFORMS), st.lists(ids(PROFILE_ITEMS), max_size=3), max_size=3)
    )
    plan.profile.audit_days = draw(st.integers(7, 365))
    plan.profile.last_audit = draw(st.none() | st.dates(dt.date(1970, 1, 1), dt.date(2199, 1, 1)))
    return plan


@SETTINGS
@given(plan=plans())
def test_any_plan_saved_and_loaded_equals_itself(plan: Plan) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        save_plan(plan, path, touch=False)
        again = load_plan(path)
    assert again == plan
    assert dumps_plan(again) == dumps_plan(plan)


# --------------------------------------------------------------------- Markdown export
HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
STEP_HEADINGS = [f"## {CONTENT.steps[s].number}. {CONTENT.steps[s].title}" for s in STEP_ORDER]
AUTOLINK = re.compile(r"<https?://[^<>\s]+>")


def _kind(line: str) -> str:
    """The Markdown block a line starts (what user text must never change)."""
    if not line.strip():
        return "blank"
    if HEADING.match(line):
        return "heading"
    if re.match(r"^ {0,3}>", line):
        return "quote"
    if re.match(r"^ {0,3}([-*+]|\d{1,9}[.)])(\s|$)", line):
        return "list"
    if re.match(r"^ {0,3}(```|~~~)", line):
        return "fence"
    if re.match(r"^ {0,3}([-*_=])(\s*\1){2,}\s*$", line) or re.match(r"^ {0,3}=+\s*$", line):
        return "rule"
    if re.match(r"^ {0,3}<", line):
        return "html"
    if line.startswith(("    ", "\t")):
        return "code"
    if line.startswith("|"):
        return "table"
    return "paragraph"


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", line))


def _neutral(plan: Plan) -> Plan:
    """The same plan with its free text made plain.

    Ids, the name and the handles stay: warnings compare them. The name only ever follows
    "# " and the handles only sit in table cells, both checked above.
    """
    plain = plan.model_copy(deep=True)

    def calm(text: str) -> str:
        return "x" if text.strip() else text

    basics = plain.basics
    basics.specialty = calm(basics.specialty)
    basics.organisation = calm(basics.organisation)
    if plain.pack:
        plain.pack.name = calm(plain.pack.name)
        plain.pack.version = calm(plain.pack.version)
    for answer in plain.policy.items.values():
        answer.note = calm(answer.note)
    plain.policy.contact_name = calm(plain.policy.contact_name)
    plain.policy.contact_email = calm(plain.policy.contact_email)
    for choice in plain.platforms.chosen:
        choice.reason = calm(choice.reason)
    plain.audience.themes = [calm(theme) for theme in plain.audience.themes]
    for account in plain.accounts.per_platform:
        # as long as before: the export says when a disclaimer is too long for a bio
        account.disclaimer = "x" * len(account.disclaimer) if account.disclaimer.strip() else ""
    return plain


@SETTINGS
@given(plan=plans())
def test_no_text_in_a_plan_can_break_the_markdown_export(plan: Plan) -> None:
    text = render_markdown(plan, CONTENT)
    lines = text.split("\n")
    assert text.endswith("\n") and "\r" not in text

    headings = [line for line in lines if HEADING.match(line)]
    assert headings[0] == lines[0] and headings[0].startswith("# ")
    assert headings[0].endswith("social media plan")
    assert headings[1:] == ["## Next actions", *STEP_HEADINGS, "## Sources"]

    # Tables: every row has as many cell borders as its header.
    header_pipes = None
    for line in lines:
        if line.startswith("|"):
            header_pipes = header_pipes or _unescaped_pipes(line)
            assert _unescaped_pipes(line) == header_pipes, line
        else:
            header_pipes = None

    # No raw HTML: every < is escaped, except the autolinks of the sources.
    for line in lines:
        assert "<" not in AUTOLINK.sub("", line.replace("\\<", "")), line

    # User text never starts or ends a block: the structure equals that of plain text.
    neutral = render_markdown(_neutral(plan), CONTENT).split("\n")
    assert [_kind(line) for line in lines] == [_kind(line) for line in neutral]


# --------------------------------------------------------------------- unencodable text
def test_lone_surrogates_are_replaced_at_the_model_so_the_plan_can_always_be_saved(
    plan_path: Path,
) -> None:
    """UTF-8 cannot hold half a surrogate pair; left in, every save would fail."""
    plan = Plan()
    plan.basics.display_name = "Dr \ud83d broken emoji"
    plan.platforms.goals = ["\udc80"]
    plan.profile.checked = {"\ud800": ["\udfff"]}
    loaded = Plan.model_validate({"policy": {"contact_name": "x\udbff"}})
    assert plan.basics.display_name == "Dr \ufffd broken emoji"
    assert plan.platforms.goals == ["\ufffd"]
    assert plan.profile.checked == {"\ufffd": ["\ufffd"]}
    assert loaded.policy.contact_name == "x\ufffd"
    save_plan(plan, plan_path)
    assert load_plan(plan_path) == plan


def test_control_characters_and_nul_survive_a_save(plan_path: Path) -> None:
    every_control = "".join(chr(code) for code in range(32)) + "\x7f\x85\u2028\ufeff"
    plan = Plan()
    plan.basics.organisation = every_control
    plan.policy.items = {every_control: PolicyAnswer(note=every_control)}
    save_plan(plan, plan_path)
    assert load_plan(plan_path) == plan
