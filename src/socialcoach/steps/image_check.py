"""The image checker of step 4: check a file, then make a safe copy of it and show what was covered.

A thin layer over `socialcoach.images`: the check and the copy run in a worker thread (OCR takes
a second or more), and the steps they go through are shown as they happen, so a long check
never looks stuck. The copy is written next to the file under a new name; nothing existing is
overwritten, and the original is never changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from socialcoach.widgets import TextField, plain

if TYPE_CHECKING:
    from socialcoach.images import ImageReport


def safe_copy_path(path: Path) -> Path:
    """`case.jpg` -> `case-safe.png`, or `case-safe-2.png` ... if that exists already.

    Always a PNG, from a DICOM too (rendered with its window): a post needs a picture, and a
    PNG has no header to leak (`check-image --redact OUT.dcm` makes a de-identified DICOM)."""
    suffix = ".png"
    candidate = path.with_name(f"{path.stem}-safe{suffix}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-safe-{n}{suffix}")
        n += 1
    return candidate


def image_report(path: str, progress: Callable[[str], None] | None = None) -> Text:
    """The image checker's report for the PHI step, or what is wrong with the path."""
    from socialcoach import images

    try:
        report = images.check_image(Path(path).expanduser(), progress=progress)
    except images.ImageError as exc:
        return Text(f"{path}: {exc}", style="bold")
    return _render(report)


def _render(
    report: ImageReport, covered_to: Path | None = None, notes: list[str] | None = None
) -> Text:
    """The findings (or, after a safe copy, what it covered), with the advice for each."""
    from socialcoach.images.model import APP_SAFE_COPY, in_app_words

    out = Text()
    if covered_to is not None:
        out.append(f"Safe copy written to {covered_to}\n", style="bold green")
        if report.covered:
            out.append("Covered:\n", style="bold")
            for item in report.covered:
                out.append(f"  {item}\n")
        else:
            out.append("No text was read in the pixels, so nothing was covered.\n")
        for note in notes or []:
            out.append(f"{note}\n", style="dim")
        return out
    n = len(report.findings)
    if n:
        out.append(f"{n} possible identifier(s) found:\n", style="bold")
    for f in report.findings:
        out.append(f"{f.category}: ", style="bold")
        action = f" (profile action {f.action})" if f.action else ""
        out.append(f"{f.where}{action}: ")
        out.append(f.value, style="bold reverse")
        out.append(f"\n  {f.message} {in_app_words(f.fix)}\n", style="dim")
    for note in report.notes:
        out.append(f"{note}\n")
    if not n:
        style = "green" if report.pixels_read and report.ocr_text else "yellow"
        out.append(report.summary(APP_SAFE_COPY), style=style)
    return out


class ImageChecker(Vertical):
    """Path, "Check image", "Make a safe copy", and the report."""

    DEFAULT_CSS = """
    ImageChecker { height: auto; }
    ImageChecker #image-buttons { height: auto; }
    ImageChecker #image-progress { color: $text-muted; height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Label("Check an image before you post", classes="section-title")
        yield Static(
            plain(
                "Give the path of a photo (JPEG, PNG, TIFF, WebP, HEIC) or DICOM file: its "
                "metadata, DICOM header and (where OCR is installed) burned-in text are checked. "
                'The file is not changed. "Make a safe copy" writes a copy next to it with no '
                "metadata and every text region it reads covered."
            ),
            classes="hint",
        )
        with Horizontal(id="image-row"):
            yield TextField(
                placeholder="path to an image, e.g. ~/Desktop/case.jpg", id="image-path"
            )
            yield Button("Check image", id="check-image")
            yield Button("Make a safe copy", id="safe-copy")
        yield Static("", id="image-progress")
        yield Static("", id="image-findings", classes="findings")

    def _path(self) -> str | None:
        path = self.query_one("#image-path", Input).value.strip()
        if not path:
            self.query_one("#image-findings", Static).update(
                plain("Type the path of an image first.")
            )
            return None
        return path

    def _progress(self, message: str) -> None:
        """Called from the worker thread: the step shown as it starts."""
        self.app.call_from_thread(
            self.query_one("#image-progress", Static).update, plain(f"{message}…")
        )

    @on(Button.Pressed, "#check-image")
    @on(Input.Submitted, "#image-path")
    def _check(self) -> None:
        path = self._path()
        if path is None:
            return
        self.query_one("#image-findings", Static).update(plain(f"Checking {path}…"))
        self._run_check(path)

    @work(thread=True, exclusive=True, group="image-check")
    def _run_check(self, path: str) -> None:
        result = image_report(path, self._progress)
        self.app.call_from_thread(self._show, result)

    @on(Button.Pressed, "#safe-copy")
    def _safe_copy(self) -> None:
        path = self._path()
        if path is None:
            return
        self.query_one("#image-findings", Static).update(plain(f"Making a safe copy of {path}…"))
        self._run_copy(path)

    @work(thread=True, exclusive=True, group="image-check")
    def _run_copy(self, path: str) -> None:
        from socialcoach import images

        source = Path(path).expanduser()
        try:
            out = safe_copy_path(source)
            result = images.redact_image(source, out, progress=self._progress)
        except images.ImageError as exc:
            shown = Text(f"{path}: {exc}", style="bold")
        else:
            shown = _render(result.report, result.out, result.notes)
        self.app.call_from_thread(self._show, shown)

    def _show(self, result: Text) -> None:
        self.query_one("#image-progress", Static).update("")
        self.query_one("#image-findings", Static).update(result)
