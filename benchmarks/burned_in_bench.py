"""Burned-in text recall on generated PACS-style screenshots and DICOMs, and the --redact check.

    python benchmarks/burned_in_bench.py [--set dev|holdout|holdout2] [--n 12] [--redact]
    python benchmarks/burned_in_bench.py --dir FOLDER [--engine rapidocr|tesseract] [--misses]

--dir scores a set someone else generated (truth.json beside the images: identifiers with their
boxes, and the overlay text that is no identifier, to count false alarms). --engine runs the
check with one OCR engine, for the side-by-side comparison.

Each image carries six invented identifiers (a name in a PACS form, an ID, a date of birth, an
accession number, an institution, a study date) in 8-12 px text over a dark, mid-grey or light
background with an image-like blob in the middle. The dev set and the holdouts differ in seed,
fonts, layout (corners and order) and label wording; the checker was tuned on dev only.

An identifier counts as found when an OCR finding's box covers at least half of the drawn text
of its value (what a --redact copy would cover). With --redact, each image is also written as a
safe copy and read again by tesseract on the plain, contrast-stretched, inverted and upscaled
copy (and by RapidOCR, at its size, doubled and locally contrast-stretched): any identifier
value still read counts as leaked.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from pathlib import Path

from socialcoach import images

SURNAMES = [
    "OKAFOR",
    "LINDQVIST",
    "MORENO",
    "HALVORSEN",
    "NAKAMURA",
    "BRENNAN",
    "ZIELINSKI",
    "ABERNATHY",
    "COSTA",
    "FIDELMAN",
    "GRUBER",
    "IVANOVA",
]
GIVEN = [
    "AMARA",
    "PETRA",
    "LUIS",
    "INGRID",
    "KENJI",
    "SIOBHAN",
    "TOMASZ",
    "RUTH",
    "DIOGO",
    "MIRIAM",
    "HANS",
    "OLGA",
]
PLACES = [
    "Riverside General Hospital",
    "St. Brendan Medical Center",
    "Lakeshore Clinic",
    "Northfield Imaging Center",
    "Westbrook University Hospital",
    "Hillcrest Infirmary",
]
LABELS = {
    "A": ["", "MRN: ", "DOB: ", "Acc: ", "", "Study Date: "],
    "B": ["Pt: ", "ID ", "Birth ", "Accession # ", "", "Date "],
    "C": ["Patient: ", "MRN # ", "D.O.B. ", "Acc# ", "", "Exam Date: "],
}
# dev: tuned on. holdout: scored once before tuning went on, then looked at (so no longer
# clean). holdout2: made after all tuning, scored once for the report.
DEV = {
    "seed": 11,
    "fonts": ["DejaVuSans.ttf", "DejaVuSansMono.ttf", "DejaVuSansCondensed.ttf"],
    "layouts": ["left", "right"],
    "labels": ["A", "B"],
}
HOLDOUT = {
    "seed": 97,
    "fonts": ["LiberationSans-Regular.ttf", "LiberationMono-Regular.ttf"],
    "layouts": ["right"],
    "labels": ["B"],
}
HOLDOUT2 = {
    "seed": 2026,
    "fonts": ["LiberationSerif-Regular.ttf", "LiberationSansNarrow-Regular.ttf", "DejaVuSerif.ttf"],
    "layouts": ["bottom"],
    "labels": ["C"],
}
FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation"]


def _font(name: str, size: int):
    from PIL import ImageFont

    for folder in FONT_DIRS:
        path = Path(folder) / name
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def make(index: int, spec: dict, out: Path) -> tuple[Path, list[tuple[str, tuple]]]:
    """One screenshot (PNG) or DICOM, and each identifier's value with its drawn box."""
    from PIL import Image, ImageDraw

    rng = random.Random(spec["seed"] * 1000 + index)
    width, height = rng.choice([(512, 512), (800, 600), (1024, 768)])
    background = ["dark", "mid", "light"][index % 3]
    base = {
        "dark": rng.randint(0, 25),
        "mid": rng.randint(105, 150),
        "light": rng.randint(225, 250),
    }[background]
    if background == "dark":
        ink = rng.choice([255, 200, 170])
    elif background == "mid":
        ink = rng.choice([base + 70, base - 70, 255, 20])
    else:
        ink = rng.choice([0, 60, base - 110])
    image = Image.new("L", (width, height), base)
    draw = ImageDraw.Draw(image)
    cx, cy = width // 2, height // 2
    for r in range(min(width, height) // 3, 0, -6):
        shade = int(base + (128 - base) * (1 - r / (min(width, height) / 3)) * 0.8)
        draw.ellipse((cx - r, cy - r * 0.8, cx + r, cy + r * 0.8), fill=shade)
    surname, given = rng.choice(SURNAMES), rng.choice(GIVEN)
    name_form = rng.choice([f"{surname}^{given}", f"{surname}, {given}", f"{surname}^{given}^M"])
    mrn = str(rng.randint(10_000_000, 99_999_999))
    dob = rng.choice(["{d:02d}/{m:02d}/{y}", "{y}-{m:02d}-{d:02d}", "{y}{m:02d}{d:02d}"]).format(
        d=rng.randint(1, 28), m=rng.randint(1, 12), y=rng.randint(1935, 2005)
    )
    acc = f"A{rng.randint(1_000_000, 9_999_999)}"
    study = f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    place = rng.choice(PLACES)
    layout = spec["layouts"][index % len(spec["layouts"])]
    label_set = LABELS[spec["labels"][(index // len(spec["layouts"])) % len(spec["labels"])]]
    labels = list(zip(label_set, [name_form, mrn, dob, acc, place, study], strict=True))
    size = rng.choice([8, 9, 10, 11, 12])
    font = _font(rng.choice(spec["fonts"]), size)
    truths = []
    for i, (label, value) in enumerate(labels):
        top = i < 3 if layout != "bottom" else i >= 3
        row = i % 3
        y = 6 + row * (size + 5) if top else height - 6 - (3 - row) * (size + 5)
        text = label + value
        text_width = draw.textlength(text, font=font)
        right = (layout == "right" and i < 3) or (layout == "bottom" and i < 3)
        x = width - 6 - text_width if right else 6
        draw.text((x, y), text, fill=max(0, min(255, ink)), font=font)
        vx = x + draw.textlength(label, font=font)
        box = draw.textbbox((vx, y), value, font=font)
        truths.append((value, (box[0], box[1], box[2] - box[0], box[3] - box[1])))
    if index % 4 == 3:
        path = out / f"burned-{index}.dcm"
        _save_dicom(image, path)
    else:
        path = out / f"burned-{index}.png"
        image.save(path)
    return path, truths


def _save_dicom(image, path: Path) -> None:
    import numpy as np
    from pydicom.dataset import FileDataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, SecondaryCaptureImageStorage, generate_uid

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SecondaryCaptureImageStorage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(str(path), {}, file_meta=meta, preamble=b"\x00" * 128)
    ds.SOPClassUID, ds.SOPInstanceUID = (
        meta.MediaStorageSOPClassUID,
        meta.MediaStorageSOPInstanceUID,
    )
    ds.Modality = "OT"
    arr = np.asarray(image, dtype=np.uint16) * 16
    ds.Rows, ds.Columns = arr.shape
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    ds.WindowCenter, ds.WindowWidth = 2048, 4096
    ds.PixelData = arr.tobytes()
    ds.save_as(path, enforce_file_format=True)


def _covers(finding_box, truth_box) -> bool:
    fx, fy, fw, fh = finding_box
    tx, ty, tw, th = truth_box
    w = min(fx + fw, tx + tw) - max(fx, tx)
    h = min(fy + fh, ty + th) - max(fy, ty)
    return w > 0 and h > 0 and w * h >= 0.5 * tw * th


def _norm(text: str) -> str:
    """Letters and digits only, accents dropped (`NGUYỄN` as `NGUYEN`, the way OCR reads it)."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^A-Z0-9]", "", plain.upper())


def leaked(path: Path, values: list[str]) -> list[str]:
    """Values an OCR engine still reads in the copy, on every preparation a reader might try:
    tesseract on the plain, contrast-stretched, inverted and enlarged copy, and RapidOCR (a
    stronger reader of small text) on the copy as it is, enlarged and locally
    contrast-stretched (CLAHE), where installed."""
    import pytesseract
    from PIL import Image, ImageOps

    from socialcoach.images import rapid

    gray = Image.open(path).convert("L")
    tries = [gray, ImageOps.autocontrast(gray), ImageOps.invert(ImageOps.autocontrast(gray))]
    tries.append(
        ImageOps.invert(ImageOps.autocontrast(gray)).resize((gray.width * 3, gray.height * 3))
    )
    read = " ".join(_norm(pytesseract.image_to_string(t, config="--psm 11")) for t in tries)
    if rapid.available():
        from socialcoach.images import ocr

        copies = [(gray, 1), (gray.resize((gray.width * 2, gray.height * 2)), 2)]
        copies.append((ocr._local_contrast(gray), 1))  # tile by tile: faint text made plain
        for copy, scale in copies:
            words = rapid.read(copy, scale, 0, thorough=True)
            read += " " + " ".join(_norm(w.text) for w in words)
            read += " " + _norm("".join(w.text for w in words))
    return [v for v in values if len(_norm(v)) >= 4 and _norm(v)[:6] in read]


OTHER_TEXT: dict[Path, list[tuple[str, tuple]]] = {}  # per file: overlay text that is no identifier
BACKGROUND: dict[Path, str] = {}  # per file: the background truth.json names, where it does
# per file: the values its writer judged a person could not read in the image ("legible":
# false), so recall on what a reader could see is reported beside recall on everything
ILLEGIBLE: dict[Path, set[str]] = {}


def truth_cases(folder: Path) -> list[tuple[Path, list[tuple[str, tuple, str]]]]:
    """A set someone else generated: truth.json beside the images, boxes as x0, y0, x1, y1.
    Its other_text (kVp, zoom, series numbers; labels apart) is kept to count false alarms."""
    import json

    def xywh(box):
        x0, y0, x1, y1 = box
        return (x0, y0, x1 - x0, y1 - y0)

    cases = []
    for entry in json.loads((folder / "truth.json").read_text(encoding="utf-8")):
        truths = [(i["text"], xywh(i["box"]), i["category"]) for i in entry["identifiers"]]
        path = folder / entry["file"]
        if entry.get("background"):
            BACKGROUND[path] = str(entry["background"])
        ILLEGIBLE[path] = {i["text"] for i in entry["identifiers"] if i.get("legible") is False}
        OTHER_TEXT[path] = [
            (o["text"], xywh(o["box"]))
            for o in entry.get("other_text", [])
            if o.get("kind") != "label"
        ]
        cases.append((path, truths))
    return cases


def generated_set(folder: Path, out: Path) -> Path:
    """Run another's generator (`generate.py OUTDIR`, deterministic by its own seed) into
    OUT, and say the sha256 of its truth.json, to compare with the one recorded when the set
    was frozen (tests/data/frozen/README.md)."""
    import hashlib
    import subprocess

    subprocess.run([sys.executable, str(folder / "generate.py"), str(out)], check=True)
    digest = hashlib.sha256((out / "truth.json").read_bytes()).hexdigest()
    print(f"{folder}: generated, truth.json sha256 {digest[:16]}...")
    return out


def generated_cases(
    spec: dict, n: int, tmp: Path
) -> list[tuple[Path, list[tuple[str, tuple, str]]]]:
    cases = []
    for i in range(n):
        path, truths = make(i, spec, tmp)
        cats = ["name", "mrn", "dob", "accession", "institution", "study_date"]
        cases.append((path, [(v, box, cats[k]) for k, (v, box) in enumerate(truths)]))
    return cases


def background_of(index: int, path: Path) -> str:
    """The background truth.json names; the generated sets cycle dark, mid-grey, light."""
    if path in BACKGROUND:
        return BACKGROUND[path]
    if path.name.startswith("burned-"):
        return ["dark", "mid", "light"][index % 3]
    return "-"


def score(cases, *, redact: bool, misses: bool, tmp: Path, label: str) -> dict:
    """Recall (a finding's box covers half the value's drawn box), per category and per
    background, seconds per image, and identifiers still readable in the --redact copies."""
    import time

    found = total = leaks = refused = false_alarms = others = 0
    legible = [0, 0]  # found, total of the values a person could read
    by_background: dict[str, list[int]] = {}
    by_category: dict[str, list[int]] = {}
    seconds = []
    for i, (path, truths) in enumerate(cases):
        start = time.perf_counter()
        report = images.check_image(path)
        seconds.append(time.perf_counter() - start)
        boxes = [f.box for f in report.findings if f.source == "ocr" and f.box]
        hits = [v for v, box, _c in truths if any(_covers(b, box) for b in boxes)]
        found += len(hits)
        total += len(truths)
        unreadable = ILLEGIBLE.get(path, set())
        legible[0] += sum(v not in unreadable for v in hits)
        legible[1] += sum(v not in unreadable for v, _b, _c in truths)
        other = OTHER_TEXT.get(path, [])
        others += len(other)
        flagged = [t for t, box in other if any(_covers(b, box) for b in boxes)]
        false_alarms += len(flagged)
        if misses and flagged:
            print(f"{path.name}: flagged overlay text that is no identifier: {flagged}")
        tally = by_background.setdefault(background_of(i, path), [0, 0])
        tally[0] += len(hits)
        tally[1] += len(truths)
        for value, _box, category in truths:
            cat = by_category.setdefault(category, [0, 0])
            cat[0] += value in hits
            cat[1] += 1
        if misses and len(hits) < len(truths):
            missed = [v for v, _b, _c in truths if v not in hits]
            print(f"{path.name}: missed {missed}; read {report.ocr_text}")
        if redact:
            out = tmp / f"safe-{i}.png"
            try:
                images.redact_image(path, out)
            except images.ImageError as exc:
                refused += 1  # the guard found text left after covering: no copy written
                print(f"{path.name}: no safe copy written: {exc}")
                continue
            left = leaked(out, [v for v, _b, _c in truths])
            leaks += len(left)
            if left:
                print(f"{path.name}: still readable after --redact: {left}")
    return {
        "label": label,
        "found": found,
        "total": total,
        "by_background": by_background,
        "by_category": by_category,
        "seconds": sum(seconds) / max(1, len(seconds)),
        "leaks": leaks if redact else None,
        "refused": refused if redact else None,
        "false_alarms": (false_alarms, others),
        "legible": legible if any(ILLEGIBLE.values()) else None,
    }


def print_score(result: dict) -> None:
    found, total = result["found"], result["total"]
    print(
        f"{result['label']}: {found} of {total} burned-in identifiers found ({found / total:.0%}), "
        f"{result['seconds']:.2f} s per image"
    )
    if result.get("legible"):
        h, t = result["legible"]
        print(f"  of those a person could read (the set's own judgement): {h}/{t}")
    for bg, (h, t) in result["by_background"].items():
        if bg != "-":
            print(f"  {bg} background: {h}/{t}")
    print("  " + ", ".join(f"{c} {h}/{t}" for c, (h, t) in sorted(result["by_category"].items())))
    if result["false_alarms"][1]:
        fa, n = result["false_alarms"]
        print(f"  overlay text that is no identifier, flagged: {fa} of {n}")
    if result["leaks"] is not None:
        print(f"  identifiers still readable by OCR in the --redact copies: {result['leaks']}")
        print(f"  images with no safe copy written (the guard refused): {result['refused']}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", choices=["dev", "holdout", "holdout2"], default="dev")
    parser.add_argument("--dir", type=Path, help="a folder with truth.json (another's set)")
    parser.add_argument(
        "--generator",
        type=Path,
        help="a folder with another's generate.py: the set is made, then scored like --dir",
    )
    parser.add_argument("--n", type=int, default=12)
    parser.add_argument("--redact", action="store_true")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument(
        "--engine",
        choices=["default", "rapidocr", "tesseract"],
        default="default",
        help="the OCR engine the check uses (default: RapidOCR where installed)",
    )
    args = parser.parse_args()
    if args.engine != "default":
        import os

        from socialcoach.images import ocr

        os.environ[ocr.ENGINE_ENV] = args.engine
    spec = {"dev": DEV, "holdout": HOLDOUT, "holdout2": HOLDOUT2}[args.set]
    with tempfile.TemporaryDirectory() as tmp:
        if args.generator:
            made = generated_set(args.generator, Path(tmp) / "set")
            cases, label = truth_cases(made), str(args.generator)
        elif args.dir:
            cases, label = truth_cases(args.dir), str(args.dir)
        else:
            cases, label = generated_cases(spec, args.n, Path(tmp)), args.set
        print_score(
            score(cases, redact=args.redact, misses=args.misses, tmp=Path(tmp), label=label)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
