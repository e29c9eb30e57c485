"""RapidOCR: a second reader of burned-in text, a text detector and recogniser run by onnxruntime.

Tesseract segments a page by its layout and reads letters it has been told are dark on light;
the small serif and narrow fonts of a PACS overlay on mid-grey are where it misreads
(`Hikrest` for `Hillcrest`). RapidOCR (`rapidocr-onnxruntime`, Apache-2.0) runs the PP-OCRv4
detection and recognition models, which ship inside its wheel (16 MB), so it needs no system
package and loads offline; it finds text lines first and reads each line as a whole, which
is what overlay text is. Measured side by side in `benchmarks/ocr_engines.py`.

Its words come back with the boxes of their letters, joined here into one box per word in
the original image's pixels, in the same `Word` shape tesseract's words have, so the form
rules and the merge of passes do not care which engine read a word.
"""

from __future__ import annotations

import importlib.util
import os
import re
import unicodedata
from functools import lru_cache
from typing import Any

from socialcoach.images.words import Word

NO_RAPID_ENV = "SOCIALCOACH_NO_RAPIDOCR"
MIN_SCORE = 0.5  # RapidOCR's own default for a line it reports
LOW_SCORE = 0.3  # a copy being made safe covers lines it is less sure of too


def available() -> bool:
    """rapidocr-onnxruntime (with onnxruntime and OpenCV) installed, and not turned off.

    Found without importing it: importing costs about 0.3 s, paid only when pixels are read.
    """
    if os.environ.get(NO_RAPID_ENV):
        return False
    try:
        return all(
            importlib.util.find_spec(name) is not None
            for name in ("rapidocr_onnxruntime", "onnxruntime", "cv2")
        )
    except (ImportError, ValueError):  # a broken install, or one blocked in sys.modules
        return False


@lru_cache(maxsize=1)
def _engine() -> Any:
    """The models, loaded once per process (about 0.1 s); the angle classifier is not loaded
    into the path (overlay text is upright), which saves a model run per line."""
    import logging

    from rapidocr_onnxruntime import RapidOCR

    _tuned_sessions()
    engine = RapidOCR(print_verbose=False)
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return engine


def _tuned_sessions() -> None:
    """Two onnxruntime options RapidOCR 1.4 sets against a 2-core machine, changed where it
    builds its sessions' options (one static method; it offers no setting for either, and
    another version's internals are left as they are):

    - Worker threads that wait for work by spinning on a core take CPU from the work itself
      on a machine shared with other jobs (measured on the 12-megapixel photo at load 7-8:
      4.1-4.2 s CPU with spinning, 2.9-3.3 s without, and less wall time too). Spinning is
      turned off.
    - RapidOCR turns the CPU memory arena off, so the first detection at a new, large size
      allocates every buffer one by one: at 1,984x1,504 px that run took 2.2-2.8 s against
      0.8-1.0 s with the arena, at the same peak memory (537 against 531 MB). A command
      checks one image, so every detection it runs is such a first one. The arena is on.
    """
    try:
        from rapidocr_onnxruntime.utils import infer_engine

        session_class = infer_engine.OrtInferSession
        build = session_class._init_sess_opts
    except (ImportError, AttributeError):
        return
    if getattr(build, "socialcoach_tuned", False):
        return

    def options(config: Any) -> Any:
        opts = build(config)
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        opts.add_session_config_entry("session.inter_op.allow_spinning", "0")
        opts.enable_cpu_mem_arena = True
        return opts

    options.socialcoach_tuned = True  # type: ignore[attr-defined]
    session_class._init_sess_opts = staticmethod(options)


def _rgb_array(copy: Any) -> Any:
    import numpy as np

    if copy.mode != "RGB":
        copy = copy.convert("RGB")
    return np.ascontiguousarray(np.asarray(copy)[:, :, ::-1])  # OpenCV's channel order


def _box_of(points: list[list[float]]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _split_line(
    text: str, line_points: Any, char_info: Any
) -> list[tuple[str, tuple[float, float, float, float]]]:
    """A line's words, each with the union of its letters' boxes (x0, y0, x1, y1).

    When RapidOCR gives no letter boxes (or not one per letter), the line's box is shared out
    by letter count: close enough for proportional fonts to cover the word.
    """
    x0, y0, x1, y1 = _box_of(line_points)
    boxes, chars = (char_info[0], char_info[1]) if char_info else ([], [])
    out: list[tuple[str, tuple[float, float, float, float]]] = []
    if boxes and len(boxes) == len(chars):
        current: list[tuple[str, tuple[float, float, float, float]]] = []
        for char, points in [*zip(chars, boxes, strict=True), (" ", None)]:
            if char.strip() and points is not None:
                current.append((char, _box_of(points)))
                continue
            if current:
                word = "".join(c for c, _ in current)
                out.append(
                    (
                        word,
                        (
                            min(b[0] for _, b in current),
                            min(y0, min(b[1] for _, b in current)),
                            max(b[2] for _, b in current),
                            max(y1, max(b[3] for _, b in current)),
                        ),
                    )
                )
                current = []
        if "".join(w for w, _ in out) == "".join(text.split()):
            return [piece for word in out for piece in _unglued(*word)]
    out = []
    width = (x1 - x0) / max(1, len(text))
    position = 0
    for part in text.split(" "):
        if part:
            out.append((part, (x0 + position * width, y0, x0 + (position + len(part)) * width, y1)))
        position += len(part) + 1
    return out


# Where the recogniser drops the space between words: a small letter then a capital
# (`RiversideVale`), a label's colon then its value (`Name:SZABO`, `Acc#:A123`), the comma
# of a `Last,First` name (`Muller,Jorg`, `ABERNATHY,KENJI`), or a value in capitals then the
# next field's label (`BRINDLEYLORETTAMRN:`, `CLEMENTCBirth:`), as a photographed screen's
# small text is read.
_GLUE = re.compile(
    r"(?<=[a-z])(?=[A-Z][a-z])|(?<=[A-Za-z#]:)(?=[A-Za-z0-9])|(?<=[^\W\d_]{2},)(?=[^\W\d_]{2})"
    r"|(?<=[A-Z]{4})(?=(?:MRN|DOB|PID|ID|Acc|ACC|Age|AGE|Birth|Sex|SEX|Exam|Study)#?:)"
)


def _unglued(
    word: str, box: tuple[float, float, float, float]
) -> list[tuple[str, tuple[float, float, float, float]]]:
    """A glued word split where a space was lost, its box shared out by letter count."""
    cuts = [m.start() for m in _GLUE.finditer(word)]
    if not cuts:
        return [(word, box)]
    x0, y0, x1, y1 = box
    per = (x1 - x0) / max(1, len(word))
    out = []
    for a, b in zip([0, *cuts], [*cuts, len(word)], strict=True):
        out.append((word[a:b], (x0 + a * per, y0, x0 + b * per, y1)))
    return out


DET_LONGEST = 1152  # in a photo, text lines are found in a copy this size, read in the full one


Box = tuple[float, float, float, float]


def _already_read(points: Any, known: list[Box]) -> bool:
    """Most of a detected line (four fifths of its box) lies in lines an earlier pass read.

    Measured against the new line's own area, so a line the detector now finds longer (a
    faint word beside one read before) is read again, whole."""
    x0, y0, x1, y1 = _box_of(points)
    area = max(1.0, (x1 - x0) * (y1 - y0))
    covered = 0.0
    for kx0, ky0, kx1, ky1 in known:
        w = min(x1, kx1) - max(x0, kx0)
        h = min(y1, ky1) - max(y0, ky0)
        if w > 0 and h > 0:
            covered += w * h
    return covered >= 0.8 * area


def _lines(
    engine: Any, rgb: Any, det_longest: int | None, known: list[Box] | None = None
) -> list[tuple[Any, str, float, Any]]:
    """(line box, text, score, (letter boxes, letters)) for each line RapidOCR reads.

    In a photo, lines are *found* in a copy reduced to `det_longest` px (the detector's cost
    grows with the pixels, and a line of text is still a line at a third of a photo's size) and
    *read* in the crops of the full copy, where the letters are sharp. This is RapidOCR's own
    pipeline (`RapidOCR.__call__` in 1.4.x) with the two sizes split; the public call is the
    fallback.

    `known`: boxes (in `rgb`'s pixels) of lines an earlier pass already read; a line found
    inside them is not recognised again (recognition is half of a pass's cost).
    """
    import numpy as np

    height, width = rgb.shape[:2]
    factor = min(1.0, (det_longest or max(height, width)) / max(height, width))
    try:
        if factor < 1.0:
            import cv2

            size = (round(width * factor), round(height * factor))
            det = cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)
        else:
            det = rgb
        boxes, _elapsed = engine.text_det(det)
        if boxes is None or len(boxes) == 0:
            return []
        boxes = [np.asarray(b, dtype=np.float32) / factor for b in engine.sorted_boxes(boxes)]
        if known:
            boxes = [b for b in boxes if not _already_read(b.tolist(), known)]
            if not boxes:
                return []
        crops = engine.get_crop_img_list(rgb, boxes)
        rec, _elapsed = engine.text_rec(crops, True)
        rec = engine.cal_rec_boxes(crops, boxes, rec)
        return [
            (box, str(r[0]), float(r[1]), (r[2], r[3])) for box, r in zip(boxes, rec, strict=True)
        ]
    except AttributeError:  # another RapidOCR version's internals: its public call
        result, _elapsed = engine(rgb, use_cls=False, return_word_box=True)
        return [
            (line[0], str(line[1]), float(line[2]), (line[3], line[4]) if len(line) > 4 else None)
            for line in result or []
        ]


def line_boxes(words: list[Word], scale: float) -> list[Box]:
    """The boxes of the lines these words were read in, in the pixels of a copy at `scale`:
    what a later pass over the same copy need not recognise again."""
    lines: dict[tuple[int, int], list[tuple[int, int, int, int]]] = {}
    for word in words:
        lines.setdefault((word.line[0], word.line[1]), []).append(word.box)
    return [
        (
            min(b[0] for b in boxes) * scale,
            min(b[1] for b in boxes) * scale,
            max(b[0] + b[2] for b in boxes) * scale,
            max(b[1] + b[3] for b in boxes) * scale,
        )
        for boxes in lines.values()
    ]


def read(
    copy: Any,
    scale: float,
    index: int,
    *,
    thorough: bool = False,
    photo: bool = False,
    known: list[Box] | None = None,
    det_longest: int = DET_LONGEST,
) -> list[Word]:
    """The words RapidOCR reads in one prepared copy, boxes in the original image's pixels.

    `photo`: a large picture (over 2,000 px), whose lines are found in a copy reduced to
    `det_longest` px. `known`: lines (in the copy's pixels) an earlier pass read, not
    recognised again."""
    engine = _engine()
    floor = LOW_SCORE if thorough else MIN_SCORE
    words: list[Word] = []
    for line_number, (points, text, score, char_info) in enumerate(
        _lines(engine, _rgb_array(copy), det_longest if photo else None, known)
    ):
        if score < floor or not text.strip():
            continue
        for word, (wx0, wy0, wx1, wy1) in _split_line(text, points, char_info):
            # The recogniser is trained on Chinese too and returns full-width punctuation at
            # times (`（555）017-5721`): the compatibility forms are what the rules read.
            word = unicodedata.normalize("NFKC", word)
            if not any(c.isalnum() for c in word):
                continue
            box = (
                round(wx0 / scale),
                round(wy0 / scale),
                max(1, round((wx1 - wx0) / scale)),
                max(1, round((wy1 - wy0) / scale)),
            )
            words.append(Word(word, box, score * 100, (index, line_number, 0, 0)))
    return words
