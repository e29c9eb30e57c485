"""A phone photo of a screen taken from the side: where the screen is, and the screen seen
face on.

Taken from one side, or from below, a screen's far edge is shorter than its near one and its
rows of overlay text slope towards each other. OCR then reads two rows as one line, or reads
the far side's squeezed letters wrongly. The screen's outline (or its bezel's) is the largest
four-cornered shape in such a photo; the perspective transform that takes those four corners
to a rectangle shows the screen as if the phone had been held square to it. `skew` corrects a
turn alone; this corrects the turn and the slant together, where a screen's outline is found.

Only a clear outline counts: four corners, each angle 55-125 degrees, none on the photo's
border (the desk and the wall meet it there, and their lines make a shape too), a tenth to
nine tenths of the photo. Where none is found, or the outline is a level rectangle (a
screenshot's own viewport), nothing is done. Needs OpenCV, which RapidOCR brings.
"""

from __future__ import annotations

import math
from typing import Any

WIDTH = 800  # the outline is sought at this width: a screen's edges survive, text fades
MIN_SHARE, MAX_SHARE = 0.10, 0.90  # of the photo's area
BORDER = 0.01  # a corner this close to the photo's edge (a share of its size) is the room's
MIN_ANGLE, MAX_ANGLE = 55.0, 125.0
SLANT = 1.5  # degrees: an outline squarer than this, and level, is read as it is
MARGIN = 0.06  # of the screen's size, kept around it in the face-on copy: text on the bezel
MAX_PIXELS = 12_000_000  # the face-on copy is never larger than a 12-megapixel photo
# Canny thresholds, and whether the edges are thickened: a screen's edge that touches the
# desk's in one map is apart from it in another, and the largest clear outline of all wins
EDGE_MAPS = ((20, 60, True), (40, 120, False), (10, 30, True), (60, 180, False))

Quad = tuple[tuple[float, float], ...]  # top-left, top-right, bottom-right, bottom-left
Box = tuple[int, int, int, int]


def available() -> bool:
    try:
        import cv2  # noqa: F401
    except ImportError:
        return False
    return True


def _ordered(points: Any) -> Any:
    """Four points as top-left, top-right, bottom-right, bottom-left (the photo is turned
    at most a few degrees, so the sums and differences of x and y tell the corners)."""
    import numpy as np

    pts = np.asarray(points, dtype=np.float64).reshape(4, 2)
    total, diff = pts.sum(axis=1), pts[:, 1] - pts[:, 0]
    return np.array(
        [pts[np.argmin(total)], pts[np.argmin(diff)], pts[np.argmax(total)], pts[np.argmax(diff)]]
    )


def _angles(quad: Any) -> list[float]:
    import numpy as np

    out = []
    for i in range(4):
        before, at, after = quad[i - 1], quad[i], quad[(i + 1) % 4]
        v1, v2 = before - at, after - at
        cos = float(np.dot(v1, v2) / (np.linalg.norm(v1) * np.linalg.norm(v2) + 1e-9))
        out.append(math.degrees(math.acos(max(-1.0, min(1.0, cos)))))
    return out


def _tilt(quad: Any) -> float:
    """How far the outline's top and bottom edges are turned from level, in degrees."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad
    top = math.degrees(math.atan2(y1 - y0, x1 - x0))
    bottom = math.degrees(math.atan2(y2 - y3, x2 - x3))
    return max(abs(top), abs(bottom))


def screen_quad(image: Any) -> Quad | None:
    """The screen's four corners in IMAGE's pixels, where a photo of a screen shows them
    slanted or turned; None for a level rectangle, a photo with no clear outline, or where
    OpenCV is missing."""
    if not available():
        return None
    import cv2
    import numpy as np

    gray = np.asarray(image.convert("L"))
    height, width = gray.shape
    if width < 400 or height < 300:
        return None
    factor = WIDTH / width
    small = cv2.resize(gray, (WIDTH, max(1, round(height * factor))), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    contours = []
    for low, high, grow in EDGE_MAPS:
        edges = cv2.Canny(small, low, high)
        if grow:
            edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
        contours.extend(cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)[0])
    area = float(small.shape[0] * small.shape[1])
    margin_x, margin_y = BORDER * small.shape[1], BORDER * small.shape[0]
    best, best_area = None, 0.0
    for contour in contours:
        hull = cv2.convexHull(contour)
        share = cv2.contourArea(hull) / area
        if not MIN_SHARE <= share <= MAX_SHARE or share <= best_area:
            continue
        corners = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
        if len(corners) != 4:
            continue
        quad = _ordered(corners)
        xs, ys = quad[:, 0], quad[:, 1]
        if (
            xs.min() < margin_x
            or ys.min() < margin_y
            or xs.max() > small.shape[1] - 1 - margin_x
            or ys.max() > small.shape[0] - 1 - margin_y
        ):
            continue
        if not all(MIN_ANGLE <= a <= MAX_ANGLE for a in _angles(quad)):
            continue
        best, best_area = quad, share
    if best is None:
        return None
    if max(abs(a - 90.0) for a in _angles(best)) < SLANT and _tilt(best) < SLANT:
        return None  # a level rectangle: nothing to correct
    return tuple((float(x) / factor, float(y) / factor) for x, y in best)


def face_on(image: Any, quad: Quad) -> tuple[Any, Any]:
    """The screen seen face on, with a margin around it, and the 3x3 matrix that takes a
    point of that copy back to IMAGE. The screen's width and height are its longer sides, so
    the far side's text is enlarged to the near side's size, never reduced."""
    import cv2
    import numpy as np
    from PIL import Image

    tl, tr, br, bl = (np.array(p) for p in quad)
    width = max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))
    height = max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))
    framed = (width * (1 + 2 * MARGIN)) * (height * (1 + 2 * MARGIN))
    scale = min(1.0, math.sqrt(MAX_PIXELS / framed))
    width, height = width * scale, height * scale
    mx, my = width * MARGIN, height * MARGIN
    target = np.array(
        [[mx, my], [mx + width, my], [mx + width, my + height], [mx, my + height]],
        dtype=np.float32,
    )
    source = np.array(quad, dtype=np.float32)
    forward = cv2.getPerspectiveTransform(source, target)
    size = (round(width + 2 * mx), round(height + 2 * my))
    from socialcoach.images.skew import mean_colour

    photo = image.convert("RGB")
    fill = mean_colour(photo)
    flat = cv2.warpPerspective(
        np.asarray(photo),
        forward,
        size,
        flags=cv2.INTER_CUBIC,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=fill,
    )
    return Image.fromarray(flat), np.linalg.inv(forward)


def box_back(box: Box, back: Any, size: tuple[int, int]) -> Box:
    """A box (x, y, w, h) of the face-on copy as the box in the photo that holds it."""
    import numpy as np

    x, y, w, h = box
    corners = np.array([[x, y, 1], [x + w, y, 1], [x, y + h, 1], [x + w, y + h, 1]], float)
    mapped = corners @ np.asarray(back).T
    xs, ys = mapped[:, 0] / mapped[:, 2], mapped[:, 1] / mapped[:, 2]
    x0, y0 = max(0, math.floor(xs.min())), max(0, math.floor(ys.min()))
    x1, y1 = min(size[0], math.ceil(xs.max())), min(size[1], math.ceil(ys.max()))
    return (x0, y0, max(1, x1 - x0), max(1, y1 - y0))


def outline(back: Any, size: tuple[int, int]) -> Quad:
    """The part of the photo a face-on copy of SIZE shows: its corners taken back."""
    import numpy as np

    width, height = size
    corners = np.array([[0, 0, 1], [width, 0, 1], [width, height, 1], [0, height, 1]], float)
    mapped = corners @ np.asarray(back).T
    return tuple((float(x / w), float(y / w)) for x, y, w in mapped)


def hidden(image: Any, quad: Quad) -> Any:
    """IMAGE with the inside of QUAD filled with the photo's mean colour: the room around a
    screen, to be read without reading the screen a second time."""
    from PIL import ImageDraw

    from socialcoach.images.skew import mean_colour

    copy = image.convert("RGB")  # always a new image (Pillow copies even an RGB one)
    points = [(round(x), round(y)) for x, y in quad]
    ImageDraw.Draw(copy).polygon(points, fill=mean_colour(copy))
    return copy


def inside(box: Box, quad: Quad) -> bool:
    """Whether a box of the photo lies (by its centre) within QUAD."""
    cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
    signs = []
    for i in range(4):
        (ax, ay), (bx, by) = quad[i], quad[(i + 1) % 4]
        signs.append((bx - ax) * (cy - ay) - (by - ay) * (cx - ax) >= 0)
    return all(signs) or not any(signs)
