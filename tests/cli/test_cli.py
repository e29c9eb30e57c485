"""Every command, run as a user runs it: a subprocess with its own data folder."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from socialcoach import __version__
from socialcoach.export import render_markdown
from socialcoach.store import save_plan

from image_samples import run_command
from sample import sample_plan


def run(*args: str, home: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return run_command(*args, home=home, stdin=stdin)


@pytest.fixture
def saved(plan_path: Path, content):
    plan = sample_plan(content)
    save_plan(plan, plan_path)
    return plan


def test_version_and_help(isolated_home: Path):
    version = run("--version", home=isolated_home)
    assert version.returncode == 0
    assert version.stdout.strip() == f"socialcoach {__version__}"
    helped = run("--help", home=isolated_home)
    assert helped.returncode == 0
    for command in ("export", "calendar", "validate", "schema", "where", "check-post", "content"):
        assert command in helped.stdout


def test_export_to_stdout_matches_the_renderer(isolated_home: Path, saved, content):
    result = run("export", home=isolated_home)
    assert result.returncode == 0, result.stderr
    assert result.stdout == render_markdown(saved, content)


def test_export_to_a_file_twice_gives_the_same_bytes(isolated_home: Path, saved, tmp_path: Path):
    out = tmp_path / "out" / "plan.md"
    out.parent.mkdir()
    assert run("export", "-o", str(out), home=isolated_home).returncode == 0
    first = out.read_bytes()
    assert run("export", "-o", str(out), home=isolated_home).returncode == 0
    assert out.read_bytes() == first
    assert first.startswith(b"# Dr Jane Rivera")


def test_plan_option_works_before_and_after_the_command(tmp_path: Path, content):
    other = tmp_path / "elsewhere" / "mine.toml"
    save_plan(sample_plan(content), other)
    empty_home = tmp_path / "empty-home"
    for args in (("--plan", str(other), "export"), ("export", "--plan", str(other))):
        result = run(*args, home=empty_home)
        assert result.returncode == 0, result.stderr
        assert "Dr Jane Rivera" in result.stdout


def test_export_without_a_plan_says_how_to_make_one(isolated_home: Path):
    result = run("export", home=isolated_home)
    assert result.returncode == 2
    assert "no plan at" in result.stderr
    assert "Run `socialcoach`" in result.stderr


def test_validate_accepts_a_good_plan(isolated_home: Path, saved):
    result = run("validate", home=isolated_home)
    assert result.returncode == 0
    assert "valid plan, 2 of 6 steps done" in result.stdout


def test_validate_and_export_report_a_broken_plan_with_file_and_line(
    isolated_home: Path, plan_path: Path
):
    plan_path.parent.mkdir(parents=True)
    plan_path.write_text("schema_version = 1\n[basics\n")
    for command in ("validate", "export"):
        result = run(command, home=isolated_home)
        assert result.returncode == 2
        assert str(plan_path) in result.stderr
        assert "line 2" in result.stderr
    assert plan_path.read_text() == "schema_version = 1\n[basics\n"


def test_schema_is_the_plans_json_schema(isolated_home: Path):
    result = run("schema", home=isolated_home)
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Plan"
    assert {"basics", "policy", "platforms", "audience", "phi", "accounts", "profile"} <= set(
        schema["properties"]
    )


def test_where_shows_the_data_folder_and_plan(isolated_home: Path):
    result = run("where", home=isolated_home)
    assert result.returncode == 0
    assert f"data folder:  {isolated_home}" in result.stdout
    assert f"plan:         {isolated_home / 'plan.toml'}" in result.stdout


def test_unknown_command_is_a_usage_error(isolated_home: Path):
    result = run("frobnicate", home=isolated_home)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_content_check_accepts_the_built_in_content(isolated_home: Path):
    result = run("content", "check", home=isolated_home)
    assert result.returncode == 0, result.stderr
    assert "no problems" in result.stdout


def test_check_post_flags_an_identifier_and_passes_a_clean_post(isolated_home: Path):
    risky = run("check-post", "-", home=isolated_home, stdin="Pt MRN 48213377 seen today.\n")
    assert risky.returncode == 1
    assert "mrn" in risky.stdout
    clean = run(
        "check-post", "-", home=isolated_home, stdin="Great #FOAMrad session at RSNA 2025!\n"
    )
    assert clean.returncode == 0, clean.stdout


def test_check_post_json_gives_offsets_into_the_input(isolated_home: Path, tmp_path: Path):
    draft = tmp_path / "draft.txt"
    text = "Case of the week.\nCall 555-201-3344 for the images."
    draft.write_text(text)
    result = run("check-post", "--json", str(draft), home=isolated_home)
    assert result.returncode == 1
    findings = json.loads(result.stdout)["findings"]
    phone = next(f for f in findings if f["category"] == "phone")
    assert text[phone["start"] : phone["end"]] == phone["text"]
    assert phone["line"] == 2


def test_check_post_on_a_missing_file_is_an_error(isolated_home: Path, tmp_path: Path):
    result = run("check-post", str(tmp_path / "nope.txt"), home=isolated_home)
    assert result.returncode == 2
    assert "nope.txt" in result.stderr


def test_check_post_fix_prints_the_rewritten_draft(isolated_home: Path, tmp_path: Path):
    draft = tmp_path / "draft.txt"
    draft.write_text("Mrs. Okafor, 94, seen on 3/14/2024 in the ED.\n")
    result = run("check-post", "--fix", str(draft), home=isolated_home)
    assert result.returncode == 1
    assert result.stdout == "A patient, over 90, seen in 2024 in the ED.\n"
    assert "name (likely): 'Okafor'" in result.stderr  # the report goes to stderr
    assert draft.read_text() == "Mrs. Okafor, 94, seen on 3/14/2024 in the ED.\n"  # untouched


def test_check_post_me_leaves_your_own_details_alone(isolated_home: Path, tmp_path: Path):
    me = tmp_path / "me.toml"
    me.write_text('emails = ["jane.miller@example.org"]\nphones = ["555-201-4400"]\n')
    text = "Questions about the CT course: jane.miller@example.org or 555-201-4400.\n"
    plain = run("check-post", "-", home=isolated_home, stdin=text)
    assert plain.returncode == 1
    mine = run("check-post", "--me", str(me), "-", home=isolated_home, stdin=text)
    assert mine.returncode == 0, mine.stdout
    assert "Nothing flagged. Checked for" in mine.stdout
    assert "No checker can judge" in mine.stdout


def test_check_post_with_a_broken_me_file_says_which_file_and_why(
    isolated_home: Path, tmp_path: Path
):
    me = tmp_path / "me.toml"
    me.write_text("phone = '555'\n")
    result = run("check-post", "--me", str(me), "-", home=isolated_home, stdin="hello\n")
    assert result.returncode == 2
    assert "me.toml: unknown key 'phone'" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_post_json_carries_the_confidence(isolated_home: Path):
    result = run("check-post", "--json", "-", home=isolated_home, stdin="MRN 48213377\n")
    finding = json.loads(result.stdout)["findings"][0]
    assert finding["confidence"] == "likely" and finding["category"] == "mrn"
