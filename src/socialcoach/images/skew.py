"""A phone photo of a screen is seldom level: how far it is turned, and the way back.

OCR reads level lines. Turned a few degrees, the small overlay text of a photographed viewer
is read as one line across two ("96yrs RUPERT"), or not found at all. The screen's own edges
are the longest straight lines in such a photo. Blurred, so that text, moire and noise fade
and the edges stay, their angle is the angle at which the rows of an edge map are most
uneven (a projection profile). Only a clear, sharp peak counts: a photo with no straight
edges, or a level screenshot whose round anatomy fakes a peak, has no angle, and it is read
as it is.
"""

from __future__ import annotations

import math
from typing import Any

WIDTH = 640  # the edge map is made at this size: long edges survive it, and it costs little
LIMIT = 15.0  # degrees either way: a photo turned further is not a photo of a screen
MIN_ANGLE = 1.5  # below this, OCR reads the lines as they are
# The profile at the angle must beat the level one by this much: the turned screen's edges
# gave 1.8-3.9 in the photos of screens measured, the round blob of a level screenshot 1.3
PEAK = 1.6
# and the angles two degrees either side by this much: a straight edge's peak is sharp
# (1.17-2.05 measured), a curve's is flat (1.05)
SHARP = 1.1


def _profile(ys: Any, xs: Any, angle: float) -> float:
    """How uneven the rows of the edge map are once turned by angle (degrees): the edge
    points' rows after the turn, counted, squared and summed (no image is turned)."""
    import numpy as np

    rad = math.radians(angle)
    # PIL turns counter-clockwise on screen; with rows growing downwards a point's new row
    # is -x sin + y cos
    rows = np.rint(ys * math.cos(rad) - xs * math.sin(rad)).astype(np.int64)
    counts = np.bincount(rows - rows.min())
    return float(np.dot(counts, counts))


def angle_of(image: Any) -> float:
    """The angle (degrees, counter-clockwise) that makes the photo level, or 0.0."""
    import numpy as np
    from PIL import Image, ImageFilter

    gray = image.convert("L")
    if gray.width < 400 or gray.height < 300:
        return 0.0
    small = gray.resize(
        (WIDTH, max(1, round(gray.height * WIDTH / gray.width))), Image.Resampling.BOX
    ).filter(ImageFilter.GaussianBlur(2))
    pixels = np.asarray(small, dtype=np.float32)
    rise = np.abs(np.diff(pixels, axis=0))  # horizontal edges are steep from row to row
    k = int(rise.size * 0.97)  # the steepest 3% are the edges
    cut = max(float(np.partition(rise.ravel(), k)[k]), 4.0)
    ys, xs = np.nonzero(rise >= cut)
    if len(ys) < 50:
        return 0.0
    ys = ys.astype(np.float64) - small.height / 2
    xs = xs.astype(np.float64) - small.width / 2
    scores = {
        step / 4: _profile(ys, xs, step / 4) for step in range(-int(LIMIT * 4), int(LIMIT * 4) + 1)
    }
    best = max(scores, key=lambda a: (scores[a], -abs(a)))
    beside = max(scores.get(best - 2, 0.0), scores.get(best + 2, 0.0))
    if abs(best) < MIN_ANGLE or scores[best] < PEAK * scores[0.0]:
        return 0.0
    if scores[best] < SHARP * beside:
        return 0.0  # a flat peak: curves, not the straight edges of a screen
    return round(best, 2)


def level(image: Any, angle: float) -> Any:
    """The photo turned by angle, at its own size: the screen sits in the middle of such a
    photo, and a larger copy would be read reduced, its small text smaller still. The
    corners turned out of the frame are room, not screen; the corners turned in are filled
    with the photo's mean colour, so OCR sees no frame."""
    from PIL import Image

    rgb = image.convert("RGB")
    return rgb.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=mean_colour(rgb))


def mean_colour(rgb: Any) -> tuple[int, int, int]:
    """The photo's mean colour: what fills the parts of a copy that OCR should see as
    nothing (corners turned in, a screen hidden), so it sees no edge there either."""
    from PIL import Image

    return rgb.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))


def box_back(
    box: tuple[int, int, int, int], angle: float, size: tuple[int, int]
) -> tuple[int, int, int, int]:
    """A box (x, y, w, h) in the photo turned by `level` (the same size, the same centre), as
    the box in the photo that holds it."""
    x, y, w, h = box
    ow, oh = size
    rad = math.radians(angle)  # PIL turns counter-clockwise by angle; undo it
    cos, sin = math.cos(rad), math.sin(rad)
    xs, ys = [], []
    for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h)):
        dx, dy = px - ow / 2, py - oh / 2
        # image rows grow downwards: a counter-clockwise turn on screen is (cos, -sin; sin, cos)
        xs.append(dx * cos - dy * sin + ow / 2)
        ys.append(dx * sin + dy * cos + oh / 2)
    x0, y0 = max(0, math.floor(min(xs))), max(0, math.floor(min(ys)))
    x1, y1 = min(ow, math.ceil(max(xs))), min(oh, math.ceil(max(ys)))
    return (x0, y0, max(1, x1 - x0), max(1, y1 - y0))
