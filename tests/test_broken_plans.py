"""Plans broken by hand: `validate` and `export` exit 2, name the file and the line or
field, say what is wrong, and leave the file exactly as it was."""

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
    "wrong type": (
        GOOD_HEAD.encode() + b'\n[audience]\nposts_per_week = "three"\n',
        ["line 8", "audience.posts_per_week", "integer"],
    ),
    "a table given as a number": (
        b"schema_version = 1\nbasics = 3\n",
        ["line 2", "basics"],
    ),
    "unknown choice": (
        GOOD_HEAD.encode() + b'career_stage = "astronaut"\n',
        ["line 6", "basics.career_stage", "'attending'"],
    ),
    "unknown key": (
        GOOD_HEAD.encode() + b'nickname = "Ace"\n',
        ["line 6", "basics.nickname", "not permitted"],
    ),
    "number out of range": (
        GOOD_HEAD.encode() + b"\n[profile]\naudit_days = 1\n",
        ["line 8", "profile.audit_days", "7"],
    ),
    "error in the second of two tables": (
        GOOD_HEAD.encode()
        + b'\n[policy.items.a]\nstate = "done"\n\n[policy.items.b]\nstate = "maybe"\n',
        ["line 11", "policy.items.b.state"],
    ),
    "error in the second entry of a list of tables": (
        GOOD_HEAD.encode()
        + b'\n[[accounts.accounts]]\nplatform = "x"\nsplit = "one"\n'
        + b'\n[[accounts.accounts]]\nplatform = "y"\nsplit = "three"\n',
        ["line 13", "accounts.accounts.1.split", "'separate'"],
    ),
    "missing required field": (
        GOOD_HEAD.encode() + b"\n[[platforms.chosen]]\nscore = 80\n",
        ["line 7", "platforms.chosen.0.platform", "Field required"],
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


@pytest.mark.parametrize("command", ["validate", "export"])
def test_a_folder_where_the_plan_should_be_is_reported(command: str, plan_path: Path, capsys):
    plan_path.mkdir(parents=True)
    assert cli.main([command]) == 2
    err = capsys.readouterr().err
    assert str(plan_path) in err and "cannot be read" in err and "directory" in err
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


def test_an_empty_plan_file_is_a_new_plan_with_every_default_and_is_not_rewritten(
    plan_path: Path, capsys
):
    """An empty file (say, from `touch`) holds no answers to lose: it is a valid new plan."""
    plan_path.parent.mkdir(parents=True)
    plan_path.write_bytes(b"")
    assert cli.main(["validate"]) == 0
    assert "valid plan, 0 of 6 steps done" in capsys.readouterr().out
    assert cli.main(["export"]) == 0
    assert capsys.readouterr().out.startswith("# My social media plan")
    assert plan_path.read_bytes() == b""
