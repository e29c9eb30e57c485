"""The report of an image check as text (compiler style, for the terminal) or JSON."""

from __future__ import annotations

import json

from socialcoach.images.model import ImageReport


def report_json(report: ImageReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


def report_text(report: ImageReport) -> str:
    """One block per finding, then the text read, what was covered, the notes and a summary."""
    size = f", {report.width}x{report.height}" if report.width and report.height else ""
    lines = [f"{report.path}: {report.kind.upper()}{size}"]
    for f in report.findings:
        action = f" (profile action {f.action})" if f.action else ""
        lines.append(f"{report.path}: {f.category}: {f.where}{action}: {f.value!r}")
        lines.append(f"    why: {f.message}")
        lines.append(f"    fix: {f.fix}")
    if report.ocr_text:
        lines.append("Text read from the pixels:")
        lines.extend(f"    {line}" for line in report.ocr_text[:30])
        if len(report.ocr_text) > 30:
            lines.append(f"    … and {len(report.ocr_text) - 30} more line(s)")
    if report.covered:
        lines.append("Covered in the safe copy:")
        lines.extend(f"    {item}" for item in report.covered)
    lines.extend(f"note: {note}" for note in report.notes)
    lines.append(report.summary())
    return "\n".join(lines)
