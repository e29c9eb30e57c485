"""The draft checker in the app, driven as a user drives it: paste, read, fix with one key, undo."""

from __future__ import annotations

import threading
from pathlib import Path

from textual.widgets import Static, TextArea

from socialcoach.app import SocialCoachApp
from socialcoach.models import Plan
from socialcoach.store import save_plan

from helpers import run_palette_command, until

SIZE = (100, 30)
WORKLIST = "SANTOS^MARIA   MRN 40918273   ACC 77120934   CT HEAD WO   94F\n"


async def _open(pilot) -> tuple[TextArea, Static]:
    await pilot.pause()
    await run_palette_command(pilot, "Check a draft")
    await pilot.pause()
    screen = pilot.app.screen
    return screen.query_one("#draft", TextArea), screen.query_one("#draft-findings", Static)


async def _settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_pasted_worklist_line_is_flagged_fixed_with_one_key_and_undone(plan_path: Path):
    save_plan(Plan(), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        draft, box = await _open(pilot)
        draft.insert(WORKLIST)
        await _settle(pilot)
        # the check starts once the edit has been seen: on a busy machine a few frames later
        await until(pilot, lambda: "SANTOS^MARIA" in str(box.render()), "the report")
        report = str(box.render())
        assert "LIKELY line 1, name: SANTOS^MARIA" in report
        assert "mrn" in report and "accession" in report and "age_over_89" in report
        await pilot.press("ctrl+t")
        await _settle(pilot)
        fixed = draft.text
        assert "SANTOS" not in fixed and "40918273" not in fixed and "77120934" not in fixed
        assert fixed == "A patient CT HEAD WO over 90\n"
        await until(pilot, lambda: str(box.render()).startswith("Nothing flagged"), "re-check")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert draft.text == WORKLIST  # one undo brings the whole draft back
        await pilot.press("ctrl+q")


UK_WORKLIST = "HUGHES, Dorothy   NHS 943 476 5919   DOB 12/03/1931   XR L HIP   Ward 24 Bay 2\n"


async def test_a_uk_worklist_line_is_flagged_and_fixed_with_one_key(plan_path: Path):
    save_plan(Plan(), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        draft, box = await _open(pilot)
        draft.insert(UK_WORKLIST)
        await _settle(pilot)
        await until(pilot, lambda: "HUGHES, Dorothy" in str(box.render()), "the report")
        report = str(box.render())
        assert "LIKELY line 1, name: HUGHES, Dorothy" in report
        assert "LIKELY line 1, health_plan:" in report and "943 476 5919" in report
        assert "LIKELY line 1, geo_small:" in report
        await pilot.press("ctrl+t")
        await _settle(pilot)
        # the NHS number goes with its cue word, the date of birth with its "DOB" (its year
        # alone would still say over 89)
        assert draft.text == "A patient XR L HIP\n"
        await until(pilot, lambda: str(box.render()).startswith("Nothing flagged"), "re-check")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert draft.text == UK_WORKLIST
        await pilot.press("ctrl+q")


async def test_the_fix_button_does_what_the_key_does(plan_path: Path):
    save_plan(Plan(), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        draft, _ = await _open(pilot)
        draft.insert("Mrs. Okafor, 94, seen on 3/14/2024 in the ED.")
        await _settle(pilot)
        await pilot.click("#fix-draft")
        await _settle(pilot)
        assert draft.text == "A patient, over 90, seen in 2024 in the ED."
        await pilot.press("ctrl+q")


async def test_likely_and_possible_findings_read_differently(plan_path: Path):
    save_plan(Plan(), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        draft, box = await _open(pilot)
        # an MRN is likely by its form; a given name alone near a case only possible
        draft.insert("CT for the pt today, MRN 48213377. Then Maria came back for her scan.")
        await _settle(pilot)
        report = box.render()
        plain = str(report)
        assert "LIKELY line 1, mrn" in plain
        assert "possible line 1, name" in plain
        styles = {str(span.style) for span in report.spans}
        assert any("red" in st and "bold" in st for st in styles)
        assert any("yellow" in st and "italic" in st for st in styles)
        await pilot.press("ctrl+q")


async def test_the_first_check_runs_off_the_ui_thread(plan_path: Path, monkeypatch):
    from socialcoach.steps import phi as step

    threads: list[bool] = []
    real = step.draft_report

    def recording(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(step, "draft_report", recording)
    save_plan(Plan(), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        draft, box = await _open(pilot)
        await pilot.press(*"MRN 48213377")
        await _settle(pilot)
        assert threads and not any(threads)  # every check, the first included, in a worker
        assert "mrn" in str(box.render())
        await pilot.press("ctrl+q")


async def test_details_from_about_you_are_not_flagged(plan_path: Path):
    plan = Plan()
    plan.basics.display_name = "Dr Jane Rivera"
    plan.basics.own_details = "jane.rivera@example.org; 555-201-4400; Lakeside Imaging"
    save_plan(plan, plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        draft, box = await _open(pilot)
        draft.insert(
            "Jane Rivera here from Lakeside Imaging: questions about our CT course to"
            " jane.rivera@example.org or 555-201-4400."
        )
        await _settle(pilot)
        assert str(box.render()).startswith("Nothing flagged"), str(box.render())
        await pilot.press("ctrl+q")


async def test_a_clean_draft_gets_an_honest_answer_not_a_bare_all_clear(plan_path: Path):
    save_plan(Plan(), plan_path)
    app = SocialCoachApp(plan_path=plan_path)
    async with app.run_test(size=SIZE) as pilot:
        draft, box = await _open(pilot)
        draft.insert("Nice 3T FLAIR case, 72M, #FOAMrad")
        await _settle(pilot)
        report = str(box.render())
        assert "Checked for names" in report and "No checker can judge" in report
        assert "No patient identifiers found" not in report
        await pilot.press("ctrl+q")
