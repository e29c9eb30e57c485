"""`socialcoach cohort report`: many residents' plans in one table, broken files named, nothing
read from the network, nothing written to the plans."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from socialcoach import cohort
from socialcoach.content import Content, load_builtin
from socialcoach.export import render_markdown
from socialcoach.models import (
    STEP_ORDER,
    AccountPlan,
    ItemState,
    PackRef,
    Plan,
    PolicyAnswer,
    Status,
)
from socialcoach.packs import apply_pack, load_pack
from socialcoach.store import dumps_plan

from sample_packs import V1, v2_text

TODAY = dt.date(2026, 6, 1)
COUNT = 300
NEW_DISCLAIMER = "My views, not North's."


def resident(i: int, content: Content) -> Plan:
    """The i-th synthetic resident: the rules below make every column vary."""
    plan = Plan()
    plan.basics.display_name = f"Resident {i:03d}"
    plan.policy.status = Status.DONE if i % 2 == 0 else Status.IN_PROGRESS
    if i % 3 == 0:
        plan.platforms.status = Status.DONE
    if i % 5 == 0:
        for step in STEP_ORDER:
            plan.section(step).status = Status.DONE
    if i % 4 == 0:
        plan.policy.items = {
            item.id: PolicyAnswer(state=ItemState.DONE) for item in content.policy_items
        }
    version = "1" if i % 10 == 0 else "2"
    plan.pack = PackRef(id="north-rad", name="North Radiology pack", version=version)
    disclaimer = "" if i % 6 == 0 else f"Radiology resident. {NEW_DISCLAIMER}"
    plan.accounts.per_platform = [AccountPlan(platform="x", disclaimer=disclaimer)]
    plan.profile.audit_days = 90
    if i % 7 == 0:
        plan.profile.last_audit = TODAY - dt.timedelta(days=200)
    elif i % 7 == 1:
        plan.profile.last_audit = TODAY - dt.timedelta(days=10)
    return plan


BROKEN = {
    "broken-syntax.toml": b"[basics\ndisplay_name = 'x'\n",
    "latin1.toml": "[basics]\ndisplay_name = 'Jos\xe9'\n".encode("latin-1"),
    "bad-field.toml": b"[profile]\naudit_days = 3\n",
    "from-the-future.toml": b"schema_version = 99\n",
}


@pytest.fixture
def pack_v2(tmp_path: Path) -> Path:
    path = tmp_path / "north-v2.toml"
    path.write_text(v2_text(), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path, pack_v2: Path) -> Path:
    """300 plans, four broken files, one shared export, a README and a pack (not plans)."""
    content = apply_pack(load_builtin(), load_pack(pack_v2))
    folder = tmp_path / "shared-plans"
    folder.mkdir()
    for i in range(COUNT):
        (folder / f"resident-{i:03d}.toml").write_text(dumps_plan(resident(i, content)))
    for name, data in BROKEN.items():
        (folder / name).write_bytes(data)
    exported = resident(301, content)
    exported.basics.display_name = "Exported Person"
    (folder / "exported-person.md").write_text(render_markdown(exported, content))
    (folder / "README.md").write_text("# How to share your plan\n")
    (folder / "north-v1.toml").write_text(V1)
    (folder / "subfolder").mkdir()
    (folder / "subfolder" / "not-read.toml").write_text(dumps_plan(Plan()))
    return folder


def run(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOCIALCOACH_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "socialcoach", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_the_report_counts_what_each_plan_says(folder: Path, pack_v2: Path) -> None:
    content = apply_pack(load_builtin(), load_pack(pack_v2))
    files, found = cohort.gather([str(folder)])
    report = cohort.read(files, content, found)
    people = [resident(i, content) for i in range(COUNT)]
    assert len(report.members) == COUNT + 1  # and the export
    assert sorted(Path(p).name for p, _ in report.unreadable) == sorted(BROKEN)
    assert sorted(Path(p).name for p, _ in report.skipped) == ["README.md", "north-v1.toml"]
    plans = [m for m in report.members if m.kind == "plan"]
    assert sum(m.done() == 6 for m in plans) == sum(i % 5 == 0 for i in range(COUNT))
    assert sum(bool(m.open_items) for m in plans) == sum(i % 4 != 0 for i in range(COUNT))
    assert sum(bool(m.without_disclaimer) for m in plans) == sum(i % 6 == 0 for i in range(COUNT))
    overdue = [m for m in plans if m.next_audit and m.next_audit < TODAY]
    assert len(overdue) == sum(p.audit_overdue(TODAY) for p in people)
    assert sum(cohort._older(m, content) == "yes" for m in plans) == COUNT // 10
    exported = next(m for m in report.members if m.kind == "export")
    assert exported.name == "Exported Person"
    assert exported.pack_version == "2"
    assert exported.steps == {s: resident(301, content).status(s).value for s in STEP_ORDER}
    assert (
        exported.open_items == [m.open_items for m in plans if m.name == "Resident 001"][0]
    )  # same rules (301 and 1 agree on every modulus used for policy items)
    text = cohort.render_markdown(report, content, TODAY)
    assert f"- Finished all six steps: {COUNT // 5} of {COUNT + 1}" in text
    assert "## Could not be read" in text and "`" + str(folder / "latin1.toml") + "`" in text


def test_the_cli_writes_markdown_and_csv_and_names_broken_files(
    folder: Path, pack_v2: Path, tmp_path: Path, isolated_home: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    result = run(
        "cohort",
        "report",
        str(folder),
        "--pack",
        str(pack_v2),
        "-o",
        str(out / "report.md"),
        "--csv",
        str(out / "report.csv"),
        "--today",
        TODAY.isoformat(),
        home=isolated_home,
    )
    assert result.returncode == 1, result.stderr  # written, but some files were left out
    for name in BROKEN:
        assert f"{folder / name}:" in result.stderr
    assert "Traceback" not in result.stderr
    report = (out / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# Cohort report: North Radiology pack, version 2")
    assert f"- On an older version of the pack: {COUNT // 10} of {COUNT + 1}" in report
    assert "| Resident 007 | resident-007.toml |" in report
    rows = list(csv.DictReader(io.StringIO((out / "report.csv").read_text(encoding="utf-8"))))
    assert len(rows) == COUNT + 1 + len(BROKEN)
    row = next(r for r in rows if r["name"] == "Resident 010")
    assert (row["older_pack_version"], row["pack_version"], row["steps_done"]) == ("yes", "1", "6")
    assert row["accounts_without_disclaimer"] == ""
    row = next(r for r in rows if r["name"] == "Resident 007")
    assert (row["audit_overdue"], row["accounts_without_disclaimer"]) == ("yes", "")
    assert (
        next(r for r in rows if r["name"] == "Resident 006")["accounts_without_disclaimer"] == "X"
    )
    errors = {Path(r["file"]).name: r["error"] for r in rows if r["error"]}
    assert set(errors) == set(BROKEN)
    assert "newer socialcoach" in errors["from-the-future.toml"]
    # The plans were only read.
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_network_locations_are_refused_and_do_not_stop_the_report(
    folder: Path, isolated_home: Path
) -> None:
    plan = folder / "resident-001.toml"
    result = run(
        "cohort",
        "report",
        "//fileserver/residents",
        "\\\\fileserver\\residents",
        "https://example.org/plans/",
        "smb://fileserver/plans",
        str(plan),
        home=isolated_home,
    )
    assert result.returncode == 1, result.stderr
    for refused in ("//fileserver/residents", "https://example.org/plans/", "smb://fileserver"):
        assert f"{refused}" in result.stderr
    assert result.stderr.count("network location") == 4
    assert "| Resident 001 |" in result.stdout
    only_network = run("cohort", "report", "//fileserver/residents", home=isolated_home)
    assert only_network.returncode == 2
    assert "no plans could be read" in only_network.stderr


def test_the_report_is_not_read_back_as_input_and_names_cannot_inject(
    tmp_path: Path, isolated_home: Path, content: Content
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = Plan()
    plan.basics.display_name = '=HYPERLINK("https://example.org")|x'
    (folder / "a.toml").write_text(dumps_plan(plan))
    args = ("cohort", "report", str(folder), "-o", str(folder / "report.md"))
    csv_path = folder / "report.csv"
    assert run(*args, "--csv", str(csv_path), home=isolated_home).returncode == 0
    second = run(*args, "--csv", str(csv_path), home=isolated_home)
    assert second.returncode == 0, second.stderr
    text = (folder / "report.md").read_text(encoding="utf-8")
    assert "1 plan read" in text and "Skipped" not in text
    assert "\\=HYPERLINK" in text or '=HYPERLINK("https://example.org")\\|x' in text
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert rows[1][0].startswith("'=HYPERLINK")


def test_a_missing_path_is_named_and_an_unwritable_output_is_an_error(
    tmp_path: Path, isolated_home: Path
) -> None:
    (tmp_path / "a.toml").write_text(dumps_plan(Plan()))
    result = run(
        "cohort", "report", str(tmp_path / "nowhere"), str(tmp_path / "a.toml"), home=isolated_home
    )
    assert result.returncode == 1
    assert f"{tmp_path / 'nowhere'}: no such file or folder" in result.stderr
    bad = run(
        "cohort", "report", str(tmp_path / "a.toml"), "-o", "/proc/no/report.md", home=isolated_home
    )
    assert bad.returncode == 2 and "cannot write" in bad.stderr
    assert (
        run("cohort", "report", str(tmp_path), "--today", "soon", home=isolated_home).returncode
        == 2
    )


@pytest.mark.parametrize("first", ["2026.1", "2025.4"])
def test_an_export_gives_the_pack_version_it_follows(tmp_path: Path, first: str) -> None:
    from socialcoach.locations import content_dir

    residency = content_dir() / "examples" / "lakeside-radiology-residency.toml"
    content = apply_pack(load_builtin(), load_pack(residency))
    plan = Plan()
    plan.pack = PackRef(
        id="lakeside-radiology-residency",
        name=content.pack.name,
        version="2026.1",
        first_version=first,
    )
    path = tmp_path / "me.md"
    path.write_text(render_markdown(plan, content), encoding="utf-8")
    member = cohort.read([path], content).members[0]
    assert (member.pack_version, member.pack_id) == ("2026.1", "lakeside-radiology-residency")
    newer = content.pack.model_copy(update={"version": "2026.2"})
    behind = content.model_copy(update={"pack": newer})
    path.write_text(render_markdown(plan, behind), encoding="utf-8")  # "...is now version 2026.2"
    member = cohort.read([path], behind).members[0]
    assert member.pack_version == "2026.1"
    assert cohort._older(member, behind) == "yes"
