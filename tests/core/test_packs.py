"""Organisation policy packs load, merge over the built-in content, and report problems usefully.

A pack is edited by a communications officer, not a programmer, so every problem must say which
file, which line, which key, and what to do about it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from socialcoach.content import Content, ContentError, cross_check, load_builtin
from socialcoach.locations import content_dir
from socialcoach.packs import Pack, apply_pack, check_path, load_pack

EXAMPLE = content_dir() / "examples" / "st-example-hospital.toml"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "policy-packs.md"

MINIMAL = """\
[pack]
id = "tiny"
name = "Tiny pack"
version = "1"
"""

# One line per problem: `file:line: key: what is wrong; what to do`.
PROBLEM_SHAPE = re.compile(r"^.+\.toml:\d+: .+: .+; .+$")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing here may touch the real data folder."""
    monkeypatch.setenv("SOCIALCOACH_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="module")
def builtin() -> Content:
    return load_builtin()


def write_pack(tmp_path: Path, text: str, name: str = "pack.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_containing(path: Path, fragment: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if fragment in line)


def our_rule(*, explain_key: str = "explain", source: str = "acr-phi") -> str:
    """A pack's own policy item as TOML; the tests of bad packs misspell a key or cite a
    source that is nowhere."""
    return (
        f'\n[[policy_item]]\nid = "our-rule"\ntitle = "Our rule"\n'
        f'{explain_key} = "One line."\nsources = ["{source}"]\n'
    )


def single_problem(path: Path) -> str:
    problems = check_path(path)
    assert len(problems) == 1, problems
    return problems[0]


# --- The example pack ---------------------------------------------------------------------------


def test_the_example_pack_loads_with_its_details() -> None:
    pack = load_pack(EXAMPLE)
    assert pack.info.id == "st-example-hospital"
    assert pack.info.contact.email == "social@example.org"
    assert pack.info.required_disclaimer
    assert pack.info.approval_rules
    assert pack.path == EXAMPLE


def test_the_example_pack_and_the_built_in_content_check_clean() -> None:
    assert check_path(None) == []
    assert check_path(EXAMPLE) == []


def test_applying_a_pack_replaces_items_with_the_same_id_in_place(builtin: Content) -> None:
    merged = apply_pack(builtin, load_pack(EXAMPLE))
    before = [item.id for item in builtin.policy_items]
    after = [item.id for item in merged.policy_items]
    assert after[: len(before)] == before
    replaced = next(i for i in merged.policy_items if i.id == "social-media-policy")
    assert "HR-204" in replaced.title
    assert "st-example-brand" in after


def test_applying_a_pack_adds_its_entries_sources_and_info(builtin: Content) -> None:
    merged = apply_pack(builtin, load_pack(EXAMPLE))
    assert merged.pack is not None and merged.pack.id == "st-example-hospital"
    assert {"st-example-radiology", "st-example-tag"} <= {e.id for e in merged.audience}
    assert "st-example-hr-204" in merged.sources
    assert cross_check(merged) == []


def test_applying_a_pack_leaves_the_original_content_untouched(builtin: Content) -> None:
    items = list(builtin.policy_items)
    apply_pack(builtin, load_pack(EXAMPLE))
    assert builtin.pack is None
    assert builtin.policy_items == items
    assert "st-example-hr-204" not in builtin.sources


def test_a_pack_can_be_a_folder_holding_pack_toml(tmp_path: Path) -> None:
    folder = tmp_path / "our-pack"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "pack.toml")
    pack = load_pack(folder)
    assert isinstance(pack, Pack)
    assert pack.path == folder / "pack.toml"
    assert check_path(folder) == []


def test_a_minimal_pack_with_only_its_name_is_valid(tmp_path: Path, builtin: Content) -> None:
    merged = apply_pack(builtin, load_pack(write_pack(tmp_path, MINIMAL)))
    assert merged.pack is not None and merged.pack.name == "Tiny pack"
    assert merged.policy_items == builtin.policy_items


def test_a_pack_may_cite_built_in_sources(tmp_path: Path, builtin: Content) -> None:
    path = write_pack(
        tmp_path,
        MINIMAL + our_rule(),
    )
    merged = apply_pack(builtin, load_pack(path))
    assert merged.policy_items[-1].id == "our-rule"


def test_the_documented_example_is_a_valid_pack(tmp_path: Path) -> None:
    text = DOCS.read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, re.DOTALL)
    full = next(block for block in blocks if block.lstrip().startswith(("#", "[pack]")))
    assert check_path(write_pack(tmp_path, full)) == []


# --- Broken packs are reported with file, line, key and what to do ------------------------------


def test_bad_toml_syntax_is_reported_with_the_line(tmp_path: Path) -> None:
    path = write_pack(tmp_path, MINIMAL + '\n[[policy_item]\nid = "x"\n')
    problem = single_problem(path)
    assert problem.startswith(f"{path}:6: not valid TOML")
    assert "fix the syntax" in problem
    with pytest.raises(ContentError, match=re.escape(f"{path}:6:")):
        load_pack(path)


def test_a_missing_pack_table_is_reported(tmp_path: Path) -> None:
    path = write_pack(tmp_path, 'title = "no pack table"\n')
    problems = check_path(path)
    assert any("[pack] table is missing" in p for p in problems)
    assert all(p.startswith(str(path)) for p in problems)


def test_a_missing_required_key_in_pack_is_reported(tmp_path: Path) -> None:
    path = write_pack(tmp_path, '[pack]\nid = "tiny"\nname = "Tiny"\n')
    problem = single_problem(path)
    assert problem.startswith(f"{path}:1: pack.version: Field required; add this key")


def test_a_misspelt_key_is_reported_on_its_line(tmp_path: Path) -> None:
    path = write_pack(
        tmp_path,
        MINIMAL + our_rule(explain_key="explane"),
    )
    problems = check_path(path)
    line = line_containing(path, "explane")
    assert f"{path}:{line}: policy_item[0] (id 'our-rule').explane: Extra inputs" in "\n".join(
        problems
    )
    assert all(PROBLEM_SHAPE.match(p) for p in problems), problems


def test_a_bad_contact_key_is_reported_on_its_line(tmp_path: Path) -> None:
    path = write_pack(tmp_path, MINIMAL + '\n[pack.contact]\nmail = "a@example.org"\n')
    problem = single_problem(path)
    assert problem.startswith(f"{path}:7: pack.contact.mail: Extra inputs are not permitted")


def test_an_undefined_source_in_a_pack_points_into_the_pack(tmp_path: Path) -> None:
    path = write_pack(
        tmp_path,
        MINIMAL + our_rule(source="our-intranet-page"),
    )
    problem = single_problem(path)
    line = line_containing(path, 'id = "our-rule"')
    assert problem.startswith(f"{path}:{line}:")
    assert "'our-intranet-page'" in problem
    assert "add it there or fix the id" in problem


def test_an_entry_naming_an_unknown_platform_points_into_the_pack(tmp_path: Path) -> None:
    path = write_pack(
        tmp_path,
        MINIMAL
        + """
[[entry]]
id = "our-account"
kind = "account"
name = "Our account"
description = "Department account."
subspecialties = ["all"]
platforms = ["myspace"]
sources = ["acr-phi"]
""",
    )
    problem = single_problem(path)
    line = line_containing(path, 'id = "our-account"')
    assert problem.startswith(f"{path}:{line}:")
    assert "'myspace'" in problem


def test_an_unknown_table_is_reported_with_what_is_allowed(tmp_path: Path) -> None:
    path = write_pack(tmp_path, MINIMAL + '\n[[policy_items]]\nid = "x"\n')
    problem = single_problem(path)
    assert problem.startswith(f"{path}:6: policy_items: a pack cannot contain this")
    assert "[[policy_item]]" in problem


def test_an_id_defined_twice_in_a_pack_is_reported_at_the_second(tmp_path: Path) -> None:
    item = """
[[source]]
id = "ours"
name = "Our page"
url = "https://intranet.example.org"
"""
    path = write_pack(tmp_path, MINIMAL + item + item)
    problem = single_problem(path)
    assert problem.startswith(f"{path}:12: source id 'ours' is defined twice")


def test_a_path_that_does_not_exist_is_reported(tmp_path: Path) -> None:
    problem = single_problem(tmp_path / "nowhere.toml")
    assert "no such file or folder" in problem
    with pytest.raises(ContentError):
        load_pack(tmp_path / "nowhere.toml")


def test_a_folder_without_pack_toml_is_reported(tmp_path: Path) -> None:
    problem = single_problem(tmp_path)
    assert "has no pack.toml" in problem


def test_check_path_accepts_a_whole_content_folder(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(content_dir(), folder, ignore=shutil.ignore_patterns("examples"))
    assert check_path(folder) == []
    steps = folder / "steps.toml"
    steps.write_text(steps.read_text(encoding="utf-8").replace("number = 6", "number = 9"))
    problems = check_path(folder)
    assert len(problems) == 1
    assert problems[0].startswith(f"{steps}:{line_containing(steps, 'number = 9')}: step.profile")


def test_the_documented_version_change_of_the_residency_pack_says_what_the_docs_say(
    tmp_path: Path, builtin: Content
) -> None:
    from socialcoach.models import ItemState, Plan, PolicyAnswer
    from socialcoach.packs import apply_to_plan

    residency = content_dir() / "examples" / "lakeside-radiology-residency.toml"
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("### 3. The program changes its policy") :]
    edit = re.findall(r"```toml\n(.*?)```", section, re.DOTALL)[0]
    shown = re.findall(r"```text\n(.*?)```", section, re.DOTALL)[0]
    v1 = residency.read_text(encoding="utf-8")
    new_items = edit[edit.index("[[policy_item]]") :]
    start = v1.index('[[policy_item]]\nid = "lakeside-call-nights"')
    end = v1.index("# --- The program's own account")
    v2 = v1[:start] + new_items + "\n" + v1[end:]
    v2 = v2.replace('version = "2026.1"', 'version = "2026.2"')
    (tmp_path / "v2.toml").write_text(v2, encoding="utf-8")

    plan = Plan()
    apply_to_plan(plan, apply_pack(builtin, load_pack(residency)))
    plan.policy.items["lakeside-call-nights"] = PolicyAnswer(state=ItemState.DONE, note="ok")
    changes = apply_to_plan(plan, apply_pack(builtin, load_pack(tmp_path / "v2.toml")))
    assert changes is not None
    bullets = [" ".join(b.split()) for b in shown.split("•")[1:]]
    assert bullets == changes.lines()
    assert plan.policy.items["lakeside-call-nights"].state is ItemState.TODO
    assert (plan.pack.version, plan.pack.first_version) == ("2026.2", "2026.1")


def test_a_pack_with_thousands_of_items_is_refused_with_a_clear_message(tmp_path):
    from socialcoach.packs import MAX_ENTRIES

    items = "".join(
        f'[[policy_item]]\nid = "item-{n}"\ntitle = "Item {n}"\nexplain = "x"\n'
        'sources = ["ama-opinion-2-3-2"]\n\n'
        for n in range(2000)
    )
    pack = tmp_path / "huge.toml"
    pack.write_text('[pack]\nid = "huge"\nname = "Huge"\nversion = "1"\n\n' + items)
    with pytest.raises(ContentError) as caught:
        load_pack(pack)
    message = "\n".join(caught.value.problems)
    assert str(pack) in message and "2000 entries" in message
    assert f"at most {MAX_ENTRIES['policy_item']}" in message
