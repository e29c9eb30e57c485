"""Plans broken by hand. A file that is not a plan at all (not TOML, not UTF-8, a newer
format, a folder, empty): `validate` and `export` exit 2, name the file and the line, say what
is wrong. A plan with values the coach cannot use: `validate` lists each (file:line, key,
problem) and exits 1, `export` works without them and says so. The file is never changed."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from socialcoach import cli

GOOD_HEAD = 'schema_version = 1\ncurrent_step = "policy"\n\n[basics]\ndisplay_name = "Dr A"\n'

# id -> (file contents, what stderr must mention besides the path)
BROKEN: dict[str, tuple[bytes, list[str]]] = {
    "unterminated string": (
        b'schema_version = 1\n[basics]\ndisplay_name = "Dr A\n',
        ["line 3", "not valid TOML"],
    ),
    "duplicate key": (
        GOOD_HEAD.encode() + b'display_name = "Dr B"\n',
        ["line 6", "not valid TOML"],
    ),
    "missing equals sign": (
        GOOD_HEAD.encode() + b'organisation "Example"\n',
        ["line 6", "not valid TOML"],
    ),
    "unclosed table header": (
        GOOD_HEAD.encode() + b"\n[policy\nstatus = 1\n",
        ["line 7", "not valid TOML"],
    ),
    "schema version not a number": (
        b'schema_version = "one"\n',
        ["line 1", "schema_version"],
    ),
    "newer schema version": (
        b"schema_version = 99\n",
        ["newer socialcoach", "Upgrade"],
    ),
    "not UTF-8": (
        GOOD_HEAD.encode() + b'organisation = "Caf\xe9"\n',
        ["not UTF-8", "line 6"],
    ),
    "binary garbage": (
        bytes(range(256)),
        ["not UTF-8", "line 2, byte 128"],
    ),
}


# id -> (file contents, the line `validate` points at, what else it must mention)
SET_ASIDE: dict[str, tuple[bytes, int, list[str]]] = {
    "wrong type": (
        GOOD_HEAD.encode() + b'\n[audience]\nposts_per_week = "three"\n',
        8,
        ["audience.posts_per_week", "integer"],
    ),
    "a table given as a number": (
        b"schema_version = 1\nbasics = 3\n",
        2,
        ["basics"],
    ),
    "unknown choice": (
        GOOD_HEAD.encode() + b'career_stage = "astronaut"\n',
        6,
        ["basics.career_stage", "'attending'"],
    ),
    "unknown key": (
        GOOD_HEAD.encode() + b'nickname = "Ace"\n',
        6,
        ["basics.nickname", "no such setting"],
    ),
    "number out of range": (
        GOOD_HEAD.encode() + b"\n[profile]\naudit_days = 1\n",
        8,
        ["profile.audit_days", "7"],
    ),
    "error in the second of two tables": (
        GOOD_HEAD.encode()
        + b'\n[policy.items.a]\nstate = "done"\n\n[policy.items.b]\nstate = "maybe"\n',
        11,
        ["policy.items.b.state"],
    ),
    "error in the second entry of a list of tables": (
        GOOD_HEAD.encode()
        + b'\n[[accounts.accounts]]\nplatform = "x"\nsplit = "one"\n'
        + b'\n[[accounts.accounts]]\nplatform = "y"\nsplit = "three"\n',
        13,
        ["accounts.per_platform.1.split", "'separate'"],
    ),
    "missing required field": (
        GOOD_HEAD.encode() + b"\n[[platforms.chosen]]\nscore = 80\n",
        7,
        ["platforms.chosen", "required value missing"],
    ),
}


@pytest.mark.parametrize("command", ["validate", "export"])
@pytest.mark.parametrize("contents,mentions", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_plan_is_reported_with_file_and_place_and_left_unchanged(
    command: str, contents: bytes, mentions: list[str], plan_path: Path, capsys
):
    plan_path.parent.mkdir(parents=True)
    plan_path.write_bytes(contents)
    assert cli.main([command]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert str(plan_path) in captured.err
    for mention in mentions:
        assert mention in captured.err
    assert plan_path.read_bytes() == contents
    assert sorted(p.name for p in plan_path.parent.iterdir()) == ["plan.toml"]


@pytest.mark.parametrize("contents,line,mentions", SET_ASIDE.values(), ids=SET_ASIDE.keys())
def test_values_the_coach_cannot_use_are_listed_by_validate_and_left_out_by_export(
    contents: bytes, line: int, mentions: list[str], plan_path: Path, capsys
):
    plan_path.parent.mkdir(parents=True)
    plan_path.write_bytes(contents)
    assert cli.main(["validate"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{plan_path}:{line}:" in captured.err
    for mention in mentions:
        assert mention in captured.err
    assert cli.main(["export"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# ") and "social media plan" in captured.out
    assert "left out" in captured.err and "socialcoach validate" in captured.err
    assert plan_path.read_bytes() == contents
    assert sorted(p.name for p in plan_path.parent.iterdir()) == ["plan.toml"]


@pytest.mark.parametrize("command", ["validate", "export"])
def test_a_folder_where_the_plan_should_be_is_reported(command: str, plan_path: Path, capsys):
    plan_path.mkdir(parents=True)
    assert cli.main([command]) == 2
    err = capsys.readouterr().err
    assert str(plan_path) in err and "is a folder, not a plan file" in err
    assert f"--plan {plan_path / 'plan.toml'}" in err
    assert plan_path.is_dir()


@pytest.mark.parametrize("command", ["validate", "export"])
def test_a_plan_that_may_not_be_read_is_reported(
    command: str, plan_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
):
    """chmod 000 does not stop root, so the refusal is simulated where the file is read."""
    plan_path.parent.mkdir(parents=True)
    plan_path.write_text(GOOD_HEAD)
    plan_path.chmod(0o000)
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == plan_path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    try:
        assert cli.main([command]) == 2
    finally:
        plan_path.chmod(0o600)
    err = capsys.readouterr().err
    assert str(plan_path) in err and "Permission denied" in err and "permissions" in err
    assert plan_path.read_text() == GOOD_HEAD


@pytest.mark.parametrize("contents", [b"", b"\n  \n"], ids=["empty", "blank lines"])
def test_an_empty_plan_file_is_a_broken_plan_that_points_at_the_backups(
    contents: bytes, plan_path: Path, capsys
):
    """An empty plan.toml is what a failed copy or a full disk leaves: it is not a new plan
    (saving over it would then push the good backup out), it is a broken one."""
    plan_path.parent.mkdir(parents=True)
    plan_path.write_bytes(contents)
    for command in ("validate", "export"):
        assert cli.main([command]) == 2
        err = capsys.readouterr().err
        assert str(plan_path) in err and "empty" in err and "socialcoach restore" in err
    assert plan_path.read_bytes() == contents
