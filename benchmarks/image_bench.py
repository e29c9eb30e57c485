"""How long check-image takes, and what its imports cost: a 12-megapixel photo with OCR.

    python benchmarks/image_bench.py [--repeat 3]

A 4032x3024 phone photo of a monitor (noise like a camera's, text of three sizes, EXIF with
GPS) is made once; the check is timed end to end (read, metadata, decode, OCR) with each OCR
engine, in a running process and as the command from a cold start (imports and the models'
loading included), and so are a DICOM check without OCR and the import of the package alone.
The worst case is a 12-megapixel photo with no text in it (grass-like strokes): every pass
meant for text a first pass missed runs, and each finds nothing.
The goal: under 3 s for the photo on this 2-core machine. Figures are wall-clock seconds;
the OCR share is reported as a ratio.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))


def phone_photo(path: Path) -> Path:
    import numpy as np
    from PIL import ExifTags, Image, ImageDraw, ImageFont

    rng = np.random.default_rng(3)
    base = rng.normal(90, 18, (3024, 4032)).clip(0, 255).astype("uint8")
    image = Image.fromarray(base).convert("RGB")
    draw = ImageDraw.Draw(image)
    draw.rectangle((500, 400, 3500, 2600), fill=(12, 12, 14))
    for size, y in ((90, 500), (60, 700), (40, 850)):
        font = ImageFont.truetype("DejaVuSans.ttf", size)
        draw.text(
            (600, y), "DOE^JANE  MRN 48213377  DOB 01/02/1960", fill=(230, 230, 230), font=font
        )
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "ExamplePhone"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "N", (37.0, 46.0, 29.6)
    image.save(path, "JPEG", quality=88, exif=exif)
    return path


def textured_photo(path: Path) -> Path:
    """A 4000x3000 photo of blades of grass, and no text: what most photos a user checks are."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    rng = np.random.default_rng(1)
    image = Image.new("RGB", (4000, 3000), (60, 110, 40))
    draw = ImageDraw.Draw(image)
    for _ in range(40000):
        x, y = rng.integers(0, 4000), rng.integers(0, 3000)
        length, angle = rng.integers(10, 60), rng.normal(0, 0.4)
        colour = tuple(int(v) for v in rng.integers([20, 80, 10], [120, 200, 80]))
        end = (x + length * np.sin(angle), y - length * np.cos(angle))
        draw.line([(x, y), end], fill=colour, width=int(rng.integers(1, 4)))
    image.filter(ImageFilter.GaussianBlur(1)).save(path, "JPEG", quality=90)
    return path


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def cpu_timed(fn, repeat: int) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds (this process's and its finished children's,
    user + system, every thread): CPU time hardly moves with the machine's load, wall time
    does, so a change is judged by the first and the goal by the second."""
    import resource

    walls, cpus = [], []
    for _ in range(repeat):
        before = (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
        start = time.perf_counter()
        fn()
        walls.append(time.perf_counter() - start)
        after = (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
        cpus.append(
            sum(
                a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime
                for a, b in zip(after, before, strict=True)
            )
        )
    return statistics.median(walls), statistics.median(cpus)


def check_image_command(photo: Path, env: dict[str, str] | None = None) -> None:
    """`socialcoach check-image PHOTO` from a cold start, as a user runs it."""
    import os

    subprocess.run(
        [sys.executable, "-m", "socialcoach", "check-image", str(photo)],
        capture_output=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import os

    from socialcoach import images
    from socialcoach.images import ocr

    import image_samples

    with tempfile.TemporaryDirectory() as tmp:
        photo = phone_photo(Path(tmp) / "phone.jpg")
        ct = image_samples.dicom_file(Path(tmp) / "ct.dcm")
        for engine in ("rapidocr", "tesseract"):
            os.environ[ocr.ENGINE_ENV] = engine
            if ocr.engines() != (engine,):
                print(f"{engine}: not installed")
                continue
            images.check_image(photo)  # models loaded, first-run costs paid
            warm, warm_cpu = cpu_timed(lambda: images.check_image(photo), args.repeat)
            cold, cold_cpu = cpu_timed(lambda: check_image_command(photo), args.repeat)
            print(
                f"12 MP photo with {engine}: {warm:.2f} s wall ({warm_cpu:.2f} s CPU) in a running "
                f"process; the command from a cold start {cold:.2f} s wall ({cold_cpu:.2f} s CPU; "
                f"goal < 3 s: {cold / 3:.0%} of it); load {os.getloadavg()[0]:.1f}"
            )
        os.environ.pop(ocr.ENGINE_ENV, None)
        # The worst case: a photo with no text, where every pass for text the first missed
        # runs (and, before round 8, tesseract read the grass as hundreds of lines).
        grass = textured_photo(Path(tmp) / "grass.jpg")
        worst, worst_cpu = cpu_timed(lambda: check_image_command(grass), args.repeat)
        print(
            f"12 MP photo with no text (every pass runs), cold command: "
            f"{worst:.2f} s wall ({worst_cpu:.2f} s CPU; goal < 3 s: {worst / 3:.0%} of it); "
            f"load {os.getloadavg()[0]:.1f}"
        )
        # A photo of a screen taken from the side is read face on and its room read too
        # (round 9): the cost of the outline, the perspective copy and the room's pass.
        side = image_samples.photo_of_screen(
            Path(tmp) / "side.jpg",
            ["DOE^JANE", "MRN 48213377", "DOB 01/02/1960"],
            angle=3.0,
            photo=(4000, 3000),
            keystone=0.25,
        )
        slanted, slanted_cpu = cpu_timed(lambda: check_image_command(side), args.repeat)
        print(
            f"12 MP photo of a screen taken from the side, cold command: {slanted:.2f} s wall "
            f"({slanted_cpu:.2f} s CPU; goal < 3 s: {slanted / 3:.0%} of it)"
        )
        # Where RapidOCR cannot be installed, tesseract reads alone. Without a limit its
        # OpenMP threads spun against each other here (26 s on the grass, 11 s of it in the
        # kernel), so the check gives it one; 64 stands for "no limit" (the same timings).
        if ocr.tesseract_available():
            times = {}
            for threads in ("64", "1"):
                env = {ocr.ENGINE_ENV: "tesseract", ocr.OMP_LIMIT_ENV: threads}
                times[threads] = cpu_timed(lambda env=env: check_image_command(grass, env), 1)
            (free, free_cpu), (one, one_cpu) = times["64"], times["1"]
            print(
                f"12 MP photo with no text, tesseract alone: {one:.2f} s wall ({one_cpu:.2f} s "
                f"CPU) with one OpenMP thread, {free:.2f} s ({free_cpu:.2f} s CPU) with no "
                f"limit: {free / one:.1f} times as long; {one / worst:.1f} times RapidOCR's run"
            )
        full = timed(lambda: images.check_image(photo), args.repeat)
        meta = timed(lambda: images.check_image(photo, ocr=False), args.repeat)
        report = images.check_image(photo)
        found = sorted({f.category for f in report.findings if f.source == "ocr"})
        dicom = timed(lambda: images.check_image(ct, ocr=False), args.repeat)
    cold = timed(
        lambda: subprocess.run([sys.executable, "-c", "import socialcoach.images"], check=True),
        args.repeat,
    )
    bare = timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), args.repeat)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    print(f"12 MP photo, metadata + OCR: {full:.2f} s (goal < 3 s); OCR found {found}")
    print(f"12 MP photo, metadata only:  {meta:.3f} s ({meta / full:.1%} of the full check)")
    print(f"DICOM header, no OCR:        {dicom:.3f} s (pydicom already imported)")
    print(f"import socialcoach.images:   {cold - bare:.3f} s over a bare interpreter")
    return 0


if __name__ == "__main__":
    sys.exit(main())
