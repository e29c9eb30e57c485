"""Everything stays on this machine: no network, private files, drafts never written."""

from __future__ import annotations

import socket
import stat
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from socialcoach import cli
from socialcoach.app import SocialCoachApp
from socialcoach.screens.dialogs import ExportDialog
from socialcoach.screens.review import ReviewScreen
from socialcoach.screens.wizard import WizardScreen
from socialcoach.store import save_plan

from helpers import click_shown, open_steps
from sample import sample_plan

SIZE = (100, 30)
DRAFT = "Draft: John Q. Sample, MRN 55501234, seen 3 March at Example General, 555-0199"


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record, and refuse, any attempt to resolve a name or open a connection."""
    attempts: list[str] = []

    def refuse(what: str):
        def blocked(*args, **kwargs):
            attempts.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise NetworkAttempt(f"network use attempted: {what}")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    return attempts


def _all_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


async def test_the_app_makes_no_network_connection_walking_reviewing_and_exporting(
    no_network: list[str], plan_path: Path, tmp_path: Path
):
    app = SocialCoachApp(plan_path=plan_path)
    target = tmp_path / "out" / "plan.md"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Dr Offline")
        await click_shown(pilot, "#start")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        await pilot.press("ctrl+n")  # walk a step
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    assert target.read_text().startswith("# Dr Offline")
    assert no_network == []


def test_the_command_line_makes_no_network_connection(
    no_network: list[str], plan_path: Path, tmp_path: Path, content, capsys
):
    save_plan(sample_plan(content), plan_path)
    out = tmp_path / "plan.md"
    assert cli.main(["export", "-o", str(out)]) == 0
    assert cli.main(["export"]) == 0
    assert cli.main(["validate"]) == 0
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT)
    assert cli.main(["check-post", str(draft)]) == 1
    assert out.read_text().startswith("# Dr Jane Rivera")
    assert no_network == []


async def test_a_draft_typed_into_the_phi_checker_is_never_written_anywhere(
    plan_path: Path, tmp_path: Path, content
):
    save_plan(sample_plan(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_steps(pilot, "phi")
        draft = app.screen.query_one("#draft", TextArea)
        draft.focus()
        await pilot.pause()
        await pilot.press(*DRAFT)
        await pilot.pause()
        assert draft.text == DRAFT
        assert "MRN" in str(app.screen.query_one("#draft-findings").render())
        await pilot.press("ctrl+n")  # leave the step: saves the plan
        await pilot.pause()
        app.save_plan()
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    written = _all_files(tmp_path)
    assert plan_path in written
    for path in written:
        data = path.read_bytes()
        for fragment in ("55501234", "John Q. Sample", "555-0199"):
            assert fragment.encode() not in data, f"the draft leaked into {path}"


async def test_every_file_the_app_writes_is_private(plan_path: Path, content, tmp_path: Path):
    """The plan, its backup, the lock, the settings and an export: 0600; the folder 0700."""
    save_plan(sample_plan(content), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lock = plan_path.with_name("plan.toml.lock")
        assert stat.S_IMODE(lock.stat().st_mode) == 0o600
        app.plan.basics.organisation = "Changed"
        app.save_plan()
        app.theme = "textual-light"  # remembered in settings.toml
        await pilot.pause()
        from socialcoach.screens.dialogs import ExportChoice

        app._export_to(ExportChoice(tmp_path / "exported.md"))  # what the dialog answers
        await pilot.press("ctrl+q")
    folder = plan_path.parent
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = _all_files(folder)
    assert {p.name for p in files} >= {"plan.toml", "plan.toml.bak", "settings.toml"}
    for path in [*files, tmp_path / "exported.md"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_the_network_guard_itself_catches_a_connection(no_network: list[str]):
    """So the tests above cannot pass just because the guard sees nothing."""
    import urllib.request

    with pytest.raises(NetworkAttempt):
        urllib.request.urlopen("http://example.org", timeout=1)
    with pytest.raises(NetworkAttempt):
        socket.socket().connect(("127.0.0.1", 9))
    assert len(no_network) == 2
