"""Share of the PS3.15 Basic Profile attributes present in DICOM files that check-image reports.

    python benchmarks/image_dicom_vs_ps315.py DIR_OR_FILES... [--misses]

Reference: every attribute of PS3.15 Annex E Table E.1-1 (the data file the checker ships,
generated from dicom-anonymizer's copy of the table) that pydicom finds in the file, at any
depth (file meta, nested sequences, DICOMDIR records), with a value that is not empty. Counted
once per attribute per file. A file pydicom reads but the checker refuses counts as all misses.
Files pydicom cannot read as DICOM at all (no known element) are skipped and listed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from socialcoach import images
from socialcoach.images.dicom import action_for


def present(ds) -> set[str]:
    """Profile attributes with a value, anywhere in the dataset."""
    out: set[str] = set()

    def visit(dataset) -> None:
        for element in dataset:
            value = element.value
            if element.VR == "SQ":
                for item in value or []:
                    visit(item)
            if element.tag.is_private or action_for(int(element.tag)) is None:
                continue
            if value is None or (hasattr(value, "__len__") and len(value) == 0):
                continue
            if isinstance(value, str) and not value.strip("\x00 "):
                continue
            if isinstance(value, bytes) and not value.strip(b"\x00 "):
                continue
            out.add(f"{element.tag.group:04X}{element.tag.element:04X}")

    if getattr(ds, "file_meta", None) is not None:
        visit(ds.file_meta)
    visit(ds)
    return out


def main() -> int:
    import pydicom

    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    files: list[Path] = []
    for p in args.paths:
        files.extend(sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir() else [p])
    hit = total = refused = counted = 0
    skipped = []
    for path in files:
        try:
            ds = pydicom.dcmread(path, force=True)
            wanted = present(ds)
            if not any(e.keyword for e in ds) and not wanted:
                raise ValueError("no DICOM element")
        except Exception:  # noqa: BLE001 - not DICOM: not part of the measure
            skipped.append(path.name)
            continue
        if not wanted:
            continue
        counted += 1
        total += len(wanted)
        try:
            report = images.check_image(path, ocr=False)
        except images.ImageError as exc:
            refused += 1
            if args.misses:
                print(f"{path.name}: refused: {exc}")
            continue
        reported = {t for f in report.findings for t in f.tags}
        got = wanted & reported
        hit += len(got)
        if args.misses and wanted - got:
            print(f"{path.name}: missed {sorted(wanted - got)}")
    share = hit / total if total else 0.0
    print(
        f"{counted} DICOM files ({refused} refused); {hit} of {total} profile attributes "
        f"present were reported: {share:.1%}. Skipped as not DICOM: {len(skipped)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
