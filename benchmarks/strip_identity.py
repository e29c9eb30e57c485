"""--strip on every JPEG and PNG given: are the decoded pixels identical, and is metadata left?

    python benchmarks/strip_identity.py DIR_OR_FILES...

Pixels are compared after decoding both files with Pillow; "left" is what exiftool still reads
in the copy beyond file facts, JFIF, ICC and the orientation tag (which --strip keeps).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from socialcoach import images

_KEPT = (
    "System:",
    "File:",
    "ExifTool:",
    "Composite:",
    "JFIF:",
    "ICC",
    "APP14:",
    "Adobe:",
    "PNG-pHYs:",
    "PNG:ProfileName",
)
_PNG_STRUCTURE = {
    "ImageWidth",
    "ImageHeight",
    "BitDepth",
    "ColorType",
    "Compression",
    "Filter",
    "Interlace",
    "Gamma",
    "SRGBRendering",
    "PixelsPerUnitX",
    "PixelsPerUnitY",
    "PixelUnits",
    "Palette",
    "WhitePointX",
    "WhitePointY",
    "RedX",
    "RedY",
    "GreenX",
    "GreenY",
    "BlueX",
    "BlueY",
    "BackgroundColor",
    "Transparency",
    "SignificantBits",
    "AnimationFrames",
    "AnimationPlays",
}


def main() -> int:
    import numpy as np
    from PIL import Image

    files: list[Path] = []
    for p in map(Path, sys.argv[1:]):
        files.extend(sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir() else [p])
    same = differ = refused = decode_fail = 0
    left: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            kind = images.detect_kind(path.read_bytes()[:132])
            if kind not in ("jpeg", "png"):
                continue
            out = Path(tmp) / ("out.jpg" if kind == "jpeg" else "out.png")
            out.unlink(missing_ok=True)
            try:
                images.strip_image(path, out)
            except images.ImageError as exc:
                refused += 1
                print(f"{path.name}: refused: {exc}")
                continue
            try:
                a = np.asarray(Image.open(path).convert("RGBA"))
                b = np.asarray(Image.open(out).convert("RGBA"))
            except Exception:  # noqa: BLE001 - the original itself cannot be decoded
                decode_fail += 1
                continue
            if a.shape == b.shape and (a == b).all():
                same += 1
            else:
                differ += 1
                print(f"{path.name}: pixels differ")
            tags = json.loads(
                subprocess.run(
                    ["exiftool", "-a", "-G1", "-j", str(out)], capture_output=True, text=True
                ).stdout
            )[0]
            extra = [
                k
                for k in tags
                if ":" in k
                and not k.startswith(_KEPT)
                and k != "IFD0:Orientation"
                and not (k.startswith("PNG:") and k[4:] in _PNG_STRUCTURE)
            ]
            if extra:
                left.append(f"{path.name}: {extra[:5]}")
    print(
        f"pixels identical in {same} of {same + differ} copies; {refused} refused; "
        f"{decode_fail} originals Pillow cannot decode; copies with metadata left: {len(left)}"
    )
    for line in left[:20]:
        print("  left:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
