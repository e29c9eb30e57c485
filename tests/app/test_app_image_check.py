"""The PHI step's image checker, driven from the keyboard."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.widgets import Static

from socialcoach import images
from socialcoach.app import SocialCoachApp
from socialcoach.models import Plan
from socialcoach.store import save_plan

from helpers import run_palette_command, tab_to

pytest.importorskip("PIL")

SIZE = (100, 30)


@asynccontextmanager
async def image_checker(plan_path: Path, path_typed: str) -> AsyncIterator[tuple]:
    """The app on an empty plan, opened at step 4's image checker with `path_typed` typed into
    its path field; quit with ctrl+q on the way out."""
    save_plan(Plan(), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_palette_command(pilot, "Check a draft")
        await tab_to(pilot, "image-path")
        await pilot.press(*path_typed)
        yield app, pilot
        await pilot.press("ctrl+q")


def findings_shown(app: SocialCoachApp) -> str:
    return str(app.screen.query_one("#image-findings", Static).render())


async def press_and_wait(app: SocialCoachApp, pilot, button_id: str) -> str:
    """Tab to a button, press it, wait for the check's worker: the findings then shown."""
    await tab_to(pilot, button_id)
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return findings_shown(app)


async def test_the_phi_step_checks_an_image_and_shows_the_gps_finding_or_what_is_wrong(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import image_samples

    monkeypatch.setenv(images.NO_OCR_ENV, "1")  # the metadata is what this test is about
    photo = image_samples.photo_with_metadata(tmp_path / "[case].jpg")
    monkeypatch.chdir(tmp_path)  # a relative path: short to type, and it must work too
    async with image_checker(plan_path, photo.name) as (app, pilot):
        shown = await press_and_wait(app, pilot, "check-image")
        assert "gps: EXIF GPSInfo" in shown
        assert "37.77490 N, 122.41940 W" in shown
        assert "NOT read" in shown  # says plainly that the pixels were not looked at
        assert "--strip" not in shown and 'press "Make a safe copy"' in shown  # its button
        # A wrong path is explained where the findings would be.
        await pilot.press("shift+tab")  # back from the button to the path
        assert app.focused is not None and app.focused.id == "image-path"
        await pilot.press("ctrl+a", "ctrl+k", *"missing.png", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "missing.png: no such file" in findings_shown(app)
    assert str(photo) not in plan_path.read_text()


@pytest.mark.skipif(not images.ocr_available(), reason="needs the tesseract program")
async def test_make_a_safe_copy_writes_a_covered_copy_beside_the_file_and_lists_what_it_covered(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import image_samples

    shot = image_samples.photo_with_metadata(
        tmp_path / "shot.png", "PNG", text=["Name: DOE^JANE", "MRN 48213377", "DOB 01/02/1960"]
    )
    (tmp_path / "shot-safe.png").write_bytes(b"mine: never overwritten")
    monkeypatch.chdir(tmp_path)
    async with image_checker(plan_path, shot.name) as (app, pilot):
        shown = await press_and_wait(app, pilot, "safe-copy")
        assert "Safe copy written to shot-safe-2.png" in shown
        assert "Covered:" in shown and "48213377" in shown
        assert "OCR cannot promise" in shown
    assert (tmp_path / "shot-safe.png").read_bytes() == b"mine: never overwritten"
    copy = images.check_image(tmp_path / "shot-safe-2.png")
    assert copy.findings == [], copy.findings  # no metadata, no text left that OCR reads


@pytest.mark.skipif(not images.ocr_available(), reason="needs an OCR engine")
async def test_an_image_where_ocr_read_nothing_is_not_called_clean(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """An even grey panel: OCR reads no text, and the app says that this is not proof and
    points to the button that reads harder, instead of a green "nothing found"."""
    import image_samples

    image_samples.screenshot(tmp_path / "panel.png", [], background=128)
    monkeypatch.chdir(tmp_path)
    async with image_checker(plan_path, "panel.png") as (app, pilot):
        shown = await press_and_wait(app, pilot, "check-image")
        assert "OCR read no text in the pixels" in shown
        assert "not proof there is none" in shown and 'press "Make a safe copy"' in shown
        assert "--redact" not in shown  # the app's words, not the command line's


async def test_a_long_check_shows_the_step_it_is_on_while_it_runs(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import threading

    release = threading.Event()

    def slow_check(path, *, ocr=True, progress=None):
        progress("reading the pixels for text (difference pass)")
        release.wait(10)
        return images.ImageReport(path=str(path), kind="png")

    monkeypatch.setattr(images, "check_image", slow_check)
    async with image_checker(plan_path, "scan.png") as (app, pilot):
        await pilot.press("enter")
        shown = ""
        for _ in range(100):
            await pilot.pause(0.02)
            shown = str(app.screen.query_one("#image-progress", Static).render())
            if shown:
                break
        assert "reading the pixels for text (difference pass)…" in shown
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(app.screen.query_one("#image-progress", Static).render()) == ""
        assert "No patient identifiers found" in findings_shown(app)


@pytest.mark.skipif(
    __import__("importlib").util.find_spec("pillow_heif") is None or not images.ocr_available(),
    reason="needs pillow-heif and an OCR engine",
)
async def test_a_phone_photo_in_heic_is_checked_and_made_safe_from_step_4(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import image_samples

    photo = image_samples.heic_photo(tmp_path / "IMG_0042.HEIC", image_samples.BURNED_IN)
    monkeypatch.chdir(tmp_path)
    async with image_checker(plan_path, photo.name) as (app, pilot):
        shown = await press_and_wait(app, pilot, "check-image")
        assert "gps: EXIF GPSInfo" in shown  # the metadata
        assert "48213377" in shown  # and the text in the pixels
        shown = await press_and_wait(app, pilot, "safe-copy")
        assert "Safe copy written to IMG_0042-safe.png" in shown
    copy = images.check_image(tmp_path / "IMG_0042-safe.png")
    assert copy.kind == "png" and copy.findings == [], copy.findings


@pytest.mark.skipif(not images.ocr_available(), reason="needs an OCR engine")
async def test_burned_in_text_is_shown_with_the_apps_button_not_the_command_lines_flag(
    plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import image_samples

    image_samples.screenshot(
        tmp_path / "case.png", ["DOE^JANE", "MRN: 48213377"], background=20, ink=230, size=14
    )
    monkeypatch.chdir(tmp_path)
    async with image_checker(plan_path, "case.png") as (app, pilot):
        shown = await press_and_wait(app, pilot, "check-image")
        assert "48213377" in shown and "Burned into the pixels" in shown
        assert "--redact" not in shown and 'press "Make a safe copy": it writes' in shown
