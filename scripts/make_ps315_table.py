"""Write src/socialcoach/images/data/ps3_15_e1_1.json from a maintained copy of PS3.15 Table E.1-1.

    pip download --no-deps dicom-anonymizer==2.1.0 && unzip the wheel, then
    python scripts/make_ps315_table.py \
        PATH/dicomanonymizer/dicom_anonymization_databases/dicomfields_2026c.py

dicom-anonymizer (BSD-3) ships the Basic Application Level Confidentiality Profile's table as
Python lists, one per action code, generated from the standard's edition named in the file name.
This script turns it into a data file so the checker needs no extra package at run time; names
and keywords come from pydicom's data dictionary.
"""

from __future__ import annotations

import json
import runpy
import sys
from pathlib import Path

ACTIONS = {
    "D_TAGS": "D",
    "Z_TAGS": "Z",
    "X_TAGS": "X",
    "U_TAGS": "U",
    "Z_D_TAGS": "Z/D",
    "X_Z_TAGS": "X/Z",
    "X_D_TAGS": "X/D",
    "X_Z_D_TAGS": "X/Z/D",
    "X_Z_U_STAR_TAGS": "X/Z/U*",
}


def main() -> int:
    source = Path(sys.argv[1])
    lists = runpy.run_path(str(source))
    edition = source.stem.removeprefix("dicomfields_")
    from pydicom.datadict import dictionary_keyword, keyword_for_tag

    rows = []
    for var, action in ACTIONS.items():
        for entry in lists.get(var, []):
            group, element, *mask = entry
            tag = (group << 16) | element
            keyword = keyword_for_tag(tag) if not mask else ""
            try:
                keyword = keyword or (dictionary_keyword(tag) if not mask else "")
            except KeyError:
                keyword = ""
            row = {"tag": f"{group:04X}{element:04X}", "action": action, "keyword": keyword}
            if mask:
                row["mask"] = f"{mask[0]:04X}{mask[1]:04X}"
            rows.append(row)
    rows.sort(key=lambda r: r["tag"])
    out = Path(__file__).parents[1] / "src/socialcoach/images/data/ps3_15_e1_1.json"
    source_line = json.dumps(
        "DICOM PS3.15 Annex E Table E.1-1, Basic Profile column, edition "
        f"{edition}, as shipped by dicom-anonymizer 2.1.0 ({source.name})"
    )
    body = ",\n".join(json.dumps(row) for row in rows)
    out.write_text(f'{{"source": {source_line},\n"attributes": [\n{body}\n]}}\n')
    print(f"{len(rows)} attributes written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
