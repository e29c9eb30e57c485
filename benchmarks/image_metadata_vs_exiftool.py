"""Share of exiftool's identifying tags that `socialcoach check-image` reports, file by file.

    python benchmarks/image_metadata_vs_exiftool.py DIR_OR_FILES... [--misses] [--json OUT]

exiftool (`exiftool -a -G1 -j`) is the reference for what metadata a file holds. Which of its
tags identify someone is decided here, by exiftool's tag names and groups, with rules written
apart from the checker's own field table (so the checker is not graded by its own rules):
dates and times of the picture, GPS, serial numbers and unique IDs, names of people (artist,
creator, owner, by-line, copyright), places, free text (comments, captions, descriptions,
titles, keywords), software and host names, and embedded images (thumbnails, previews, MPF
images). File-system facts (System:, File: except the comment), values exiftool derives
(Composite:), ICC colour profiles and empty values are not counted.

A tag counts as reported when a finding names it (its `tags`), or when a finding's value holds
exiftool's value (for values of four characters or more). Files exiftool reads no identifying
tag from are listed but do not count.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

from socialcoach import images

_SKIP_GROUPS = re.compile(
    r"^(System|Composite|ExifTool|ICC_Profile|ICC-\w+|ICC_\w+|PrintIM|JFIF|APP14|Adobe)$"
)
_IDENTIFYING = re.compile(
    r"(date|timestamp|timecreated|subsectime|offsettime|timezone|gps|serial|uniqueid|documentid"
    r"|instanceid|owner|artist|author|creator(?!tool)|by-?line|copyright|rights|credit|contact"
    r"|writer|city|country|state$|province|sublocation|location(?!type)|comment|description|"
    r"caption|title|headline|keywords|software|hostcomputer|creatortool|thumbnailimage|"
    r"previewimage|jpgfromraw|otherimage|mpimage\d|person|email|phone|address|babyname|"
    r"landmark|cameraid|internalserial|special ?instructions|transmissionreference|objectname"
    r"|photoshopthumbnail|originatingprogram|usercomment|source$)",
    re.IGNORECASE,
)
# Names that match a part above but are camera settings or structure, not identifiers.
_NOT = re.compile(
    r"(exposuretime|datestampmode|timezonecity|subjectlocation|subjectdistance|"
    r"(thumbnail|preview)(offset|length|start|size|width|height|imagesize|imagelength|"
    r"imagestart|imagevalidarea|imagetype)|imagesize$|datetimeformat|sequence|"
    r"descriptionwriter$|colorspace|copyrightflag|^mpimage(start|length|flags|format|type)|"
    r"^(file|light|power)source$|batterystate|gpsversionid|previewimage(valid|borders)|"
    r"^datetimestamp$|worldtimelocation|devicesettingdescription)",
    re.IGNORECASE,
)


def identifying(group: str, name: str, value: object) -> bool:
    if _SKIP_GROUPS.match(group) or (group == "File" and name != "Comment"):
        return False
    if group.startswith("MPF") and not name.startswith("MPImage"):
        return False
    text = str(value).strip()
    if not text or set(text) <= set("0: .-") or text.lower() in ("none", "unknown", "n/a"):
        return False
    return bool(_IDENTIFYING.search(name)) and not _NOT.search(name)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def exiftool(paths: list[Path]) -> list[dict]:
    out = subprocess.run(
        ["exiftool", "-a", "-G1", "-j", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(out.stdout or "[]")


def score(path: Path, tags: dict) -> tuple[list[str], list[str], str | None]:
    wanted = []
    for key, value in tags.items():
        if ":" not in key:
            continue
        group, name = key.split(":", 1)
        if identifying(group, name, value):
            wanted.append((key, name, str(value)))
    if not wanted:
        return [], [], None
    try:
        report = images.check_image(path, ocr=False)
    except images.ImageError as exc:
        return [], [k for k, _, _ in wanted], str(exc)
    names = {_norm(t) for f in report.findings for t in f.tags}
    names |= {_norm(f.where.rsplit(" ", 1)[-1]) for f in report.findings}
    seen_values = " | ".join(_norm(f.value) for f in report.findings)
    hit, miss = [], []
    for key, name, value in wanted:
        nv = _norm(value)
        if _norm(name) in names or (len(nv) >= 4 and nv[:40] in seen_values):
            hit.append(key)
        else:
            miss.append(f"{key}={value[:40]}")
    return hit, miss, None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--misses", action="store_true", help="list every missed tag")
    parser.add_argument("--json", type=Path, help="write the per-file figures here")
    args = parser.parse_args()
    files: list[Path] = []
    for p in args.paths:
        files.extend(sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir() else [p])
    total_hit = total = 0
    rows = []
    counted = 0
    for start in range(0, len(files), 100):
        batch = files[start : start + 100]
        for tags in exiftool(batch):
            path = Path(tags["SourceFile"])
            hit, miss, error = score(path, tags)
            if not hit and not miss:
                continue
            counted += 1
            total_hit += len(hit)
            total += len(hit) + len(miss)
            rows.append({"file": str(path), "hit": len(hit), "miss": miss, "error": error})
            if args.misses and (miss or error):
                print(f"{path.name}: {len(hit)}/{len(hit) + len(miss)} {error or ''}")
                for m in miss:
                    print(f"    missed {m}")
    share = total_hit / total if total else 0.0
    print(
        f"{counted} files with identifying metadata; {total_hit} of {total} identifying tags "
        f"exiftool reads were reported: {share:.1%}"
    )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
