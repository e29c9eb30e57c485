"""Burned-in text: the OCR engines' passes over the pixels, and the rules for what they read.

RapidOCR (see `rapid`) reads first where it is installed; tesseract's passes, below, are the
fallback (and the second reader of a copy being made safe).

Tesseract reads dark text on a light, even background. PACS overlays are small (8-12 px),
often light on dark, sometimes grey on grey, so the pixels are prepared first:
1. grey scale, scaled so small text is about 30 px high for tesseract (small images up, huge
   photos down);
2. the "difference from the local background" copy: each pixel's distance from a blurred copy,
   stretched and inverted, which turns light-on-dark, dark-on-light and grey-on-grey text alike
   into dark strokes on white;
3. a second pass, on the contrast-stretched (and, if dark, inverted) copy, only where the first
   found little text or the image is small enough for it to be cheap.
Words from the passes are merged by position. Then the draft checker (`phi.check`) and the
rules below, for the terse forms PACS uses (`DOE^JANE`, read by OCR as `DOE*JANE`, `DOE, JANE`,
a bare 8-digit ID, `ACC A123`, an institution's name), pick what identifies.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from socialcoach.images.model import ADVICE, ImageFinding, short
from socialcoach.images.words import Word

NO_OCR_ENV = "SOCIALCOACH_NO_OCR"
MIN_CONF = 30
PAD = 24  # pixels of white border around each copy tesseract reads
LOW_CONF = 5
# Tesseract's OpenMP threads spin against each other on a small machine: on this 2-core
# machine a 4000x3000 photo of grass took 26 s with them (11 s of it in the kernel) and
# 7 s with one thread. pytesseract passes the process's environment to tesseract, so the
# limit is set there (only where the user has not set one).
OMP_LIMIT_ENV = "OMP_THREAD_LIMIT"
_LABEL = re.compile(
    r"(?i)^(pt|patient|name|id|mrn|pid|acc|accession|acn|dob|birth|born|date|#)[:#.]*$"
)
_ID_SHAPE = re.compile(r"[A-Z]{3,}[\^*,~\"“”‘’]|\d{5,}|^[A-Z]\d{5,}|\d{2}[/.-]\d{2}[/.-]\d{2}")


ENGINE_ENV = "SOCIALCOACH_OCR_ENGINE"  # tesseract | rapidocr (default: both, where installed)


@lru_cache(maxsize=1)
def tesseract_available() -> bool:
    """pytesseract importable and the tesseract program present."""
    try:
        import pytesseract
    except ImportError:
        return False
    try:
        pytesseract.get_tesseract_version()
    except Exception:  # noqa: BLE001 - TesseractNotFoundError and friends
        return False
    return True


def engines() -> tuple[str, ...]:
    """The OCR engines to run, best first: RapidOCR and tesseract where both are installed.

    SOCIALCOACH_OCR_ENGINE picks one (for the side-by-side benchmark, or a user whose
    machine is slow); SOCIALCOACH_NO_OCR turns reading the pixels off.
    """
    from socialcoach.images import rapid

    if os.environ.get(NO_OCR_ENV):
        return ()
    wanted = os.environ.get(ENGINE_ENV, "").strip().lower() or "both"
    have = []
    if wanted in ("both", "rapidocr") and rapid.available():
        have.append("rapidocr")
    if wanted in ("both", "tesseract") and tesseract_available():
        have.append("tesseract")
    return tuple(have)


def available() -> bool:
    """At least one OCR engine installed (and reading the pixels not turned off)."""
    return bool(engines())


def _scale_for(size: tuple[int, int]) -> float:
    longest = max(size)
    if longest <= 1100:
        return 3.0
    if longest <= 1500:
        return 2.0
    if longest <= 2200:
        return 1.0
    return 2000 / longest


def _difference(gray: Any, scale: float) -> Any:
    """Distance of each pixel from the background (the image's commonest grey), stretched:
    light, dark and grey text on an even background all become dark strokes on white."""
    import numpy as np
    from PIL import Image

    arr = np.asarray(gray, dtype=np.int16)
    background = int(np.argmax(np.bincount(arr.ravel(), minlength=256)))
    diff = np.abs(arr - background)
    high = max(float(np.percentile(diff, 99.9)), 24.0)
    stretched = np.clip(diff * (255.0 / high), 0, 255).astype(np.uint8)
    return Image.fromarray(255 - stretched)


def _resized(gray: Any, scale: float) -> Any:
    from PIL import Image

    if scale == 1.0:
        return gray
    size = (max(1, round(gray.width * scale)), max(1, round(gray.height * scale)))
    resample = Image.Resampling.LANCZOS if scale > 1 else Image.Resampling.BOX
    return gray.resize(size, resample)


def prepared(image: Any, thorough: bool = False) -> list[tuple[str, Any, float]]:
    """The copies tesseract reads, best first, each with its scale.

    Small overlay text needs upscaling; large text suffers from it: the difference copy is read
    at the scale small text needs, the contrast copy at the image's own size (or reduced, for a
    huge photo), so between them both sizes are read.
    """
    import numpy as np
    from PIL import ImageOps

    gray = image.convert("L")
    scale = _scale_for(gray.size)
    up = _resized(gray, scale)
    plain_scale = min(scale, 1.0)
    plain = ImageOps.autocontrast(_resized(gray, plain_scale), cutoff=1)
    if float(np.asarray(plain).mean()) < 128:
        plain = ImageOps.invert(plain)
    copies = [("difference", _difference(up, scale), scale), ("contrast", plain, plain_scale)]
    if thorough:  # what a curious reader would try on a copy: each way round, enlarged
        stretched = ImageOps.autocontrast(up, cutoff=1)
        copies += [("plain", up, scale), ("inverted", ImageOps.invert(stretched), scale)]
    return copies


def _read(
    copy: Any, scale: float, index: int, min_conf: float = MIN_CONF, psm: int = 11
) -> list[Word]:
    import pytesseract
    from PIL import ImageOps

    os.environ.setdefault(OMP_LIMIT_ENV, "1")
    # Text hard against the edge is read badly: tesseract gets a white border to work with.
    padded = ImageOps.expand(copy, border=PAD, fill=255)
    data = pytesseract.image_to_data(
        padded, output_type=pytesseract.Output.DICT, config=f"--psm {psm} --oem 1"
    )
    words: list[Word] = []
    previous = ""
    for i, text in enumerate(data["text"]):
        text = text.strip()
        conf = float(data["conf"][i])
        if not text or not any(c.isalnum() for c in text):
            continue
        # A word tesseract is unsure of still counts right after a label ("Pt:", "ID") or
        # when it has the shape of an identifier: small overlay text is read with low
        # confidence, and these are the words that matter.
        sure = (
            conf >= min_conf
            or (conf >= LOW_CONF and _LABEL.match(previous))
            or (conf >= 0 and _ID_SHAPE.search(text))
        )
        previous = text
        if not sure:
            continue
        left, top = int(data["left"][i]) - PAD, int(data["top"][i]) - PAD
        box = tuple(
            round(v / scale) for v in (left, top, int(data["width"][i]), int(data["height"][i]))
        )
        key = (index, data["block_num"][i], data["par_num"][i], data["line_num"][i])
        words.append(Word(text, box, conf, key))  # type: ignore[arg-type]
    return words


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    return w * h / max(1, min(a[2] * a[3], b[2] * b[3]))


def _area(box: tuple[int, int, int, int]) -> int:
    return box[2] * box[3]


def _rapid_scale(size: tuple[int, int]) -> float:
    """RapidOCR reads a screenshot at its own size (enlarged, 8-12 px text loses the spaces
    between words and costs four times as much) and a photo at up to 2,000 px."""
    override = os.environ.get("SOCIALCOACH_RAPID_SCALE")
    if override:
        return float(override)
    return min(1.0, 2000 / max(size))


LOCAL_PASS = "RapidOCR, local contrast"
FULL_SIZE_PASS = "RapidOCR, lines sought at full size"
# Lines sought at the copy's own size (a copy is at most 2,000 px; measured on photos of
# screens, detection at 1,600 px found 57 of 105 identifiers and at full size 63)
FULL_SIZE_DET = 4000


PHOTO_PIXELS = 2_600_000


def _is_photo(size: tuple[int, int]) -> bool:
    """A picture large enough that RapidOCR first finds its lines in a reduced copy: over
    2,000 px, or over 2.6 megapixels (a 12-megapixel JPEG, decoded at half size for OCR, is
    2,000x1,500; a 1920x1080 screenshot is 2.1)."""
    return max(size) > 2000 or size[0] * size[1] > PHOTO_PIXELS


FEW_WORDS = 8


def _local_contrast(image: Any) -> Any:
    """Contrast raised tile by tile (CLAHE, OpenCV's): faint text, grey on a slightly lighter
    grey, or a phone photo of a screen with glare across it, becomes text RapidOCR reads, while
    a global stretch leaves it as faint as it was next to the brightest and darkest pixels."""
    import cv2
    import numpy as np
    from PIL import Image

    gray = np.asarray(image.convert("L"))
    return Image.fromarray(cv2.createCLAHE(clipLimit=3.0, tileGridSize=(8, 8)).apply(gray))


TESSERACT_LOCAL_PASS = "tesseract, local contrast"


def _local_difference(gray: Any) -> Any:
    """Each pixel's distance from its neighbourhood's mean, in units of the neighbourhood's
    spread, as dark strokes on white: tesseract's copy of faint text under a glare or on a
    panel a few levels off its ink. The global difference copy measures every pixel against
    one background grey, so a glare or a gradient swamps such text; here each patch (a
    sixteenth of the image's shorter side) is its own background. Plain numpy and Pillow, so
    it needs no OpenCV (tesseract is the reader where RapidOCR, which brings OpenCV, is not
    installable)."""
    import numpy as np
    from PIL import Image, ImageFilter

    radius = max(8, min(gray.size) // 16)
    gray = gray.filter(ImageFilter.GaussianBlur(1))  # sensor noise is no stroke
    pixels = np.asarray(gray, dtype=np.float32)
    mean = np.asarray(gray.filter(ImageFilter.BoxBlur(radius)), dtype=np.float32)
    squares = Image.fromarray(np.clip(pixels * pixels / 255.0, 0, 255).astype(np.uint8))
    mean_sq = np.asarray(squares.filter(ImageFilter.BoxBlur(radius)), dtype=np.float32) * 255.0
    spread = np.sqrt(np.maximum(mean_sq - mean * mean, 0.0)) + 12.0
    distance = np.abs(pixels - mean) / spread
    stretched = np.clip((distance - 0.3) * (255.0 / 1.5), 0, 255).astype(np.uint8)
    return Image.fromarray(255 - stretched)


def _local_pass_wanted(words_so_far: int) -> bool:
    mode = os.environ.get("SOCIALCOACH_CONTRAST_PASS", "few")
    if mode == "always":
        return True
    if mode == "never":
        return False
    return words_so_far < FEW_WORDS


def _passes(image: Any, thorough: bool) -> list[tuple[str, str, Any, float]]:
    """(engine, name, copy, scale) for every pass, in the order they run."""
    names = engines()
    out: list[tuple[str, str, Any, float]] = []
    if "rapidocr" in names:
        scale = _rapid_scale(image.size)
        rgb = image.convert("RGB") if image.mode not in ("RGB", "L") else image
        plain = _resized(rgb, scale)
        out.append(("rapidocr", "RapidOCR", plain, scale))
        if _is_photo(image.size):
            # A photo's lines are first found in a reduced copy; the small text of a phone
            # photo of a screen is lost there, so where little was read they are sought again
            # in the copy at its own size.
            out.append(("rapidocr", FULL_SIZE_PASS, plain, scale))
        if thorough or not _is_photo(image.size):
            # Not in a photo's check: on the phone photos of screens it found no identifier
            # the two passes before it had not (63 of 105, with tesseract's passes and
            # without), and where a photo holds no text it is a third of a second more.
            def local() -> Any:
                return _local_contrast(_resized(image, scale))

            out.append(("rapidocr", LOCAL_PASS, local, scale))
        if thorough:
            stretched = _difference(_resized(image.convert("L"), scale), scale)
            out.append(("rapidocr", "RapidOCR, stretched", stretched, scale))
    if "tesseract" in names:
        # With RapidOCR's two passes in, tesseract's background-difference and contrast passes
        # are what it adds to a copy being made safe; its plain and inverted enlargements
        # (twice the time) only where it reads alone.
        # They are prepared only if tesseract runs: where RapidOCR read the text it does not,
        # and the background-difference copy of a photo costs a quarter of a second.
        extra = thorough and "rapidocr" not in names
        copies = _lazy_copies(image, extra)
        out += [
            ("tesseract", name, (lambda i=i: copies()[i][1]), scale)
            for i, (name, scale) in enumerate(_prepared_names(image.size, extra))
        ]
        if "rapidocr" not in names:
            scale = _scale_for(image.size)
            out.append(
                (
                    "tesseract",
                    TESSERACT_LOCAL_PASS,
                    lambda: _local_difference(_resized(image.convert("L"), scale)),
                    scale,
                )
            )
    return out


def _prepared_names(size: tuple[int, int], thorough: bool) -> list[tuple[str, float]]:
    """The names and scales of the copies `prepared` makes, without making them."""
    scale = _scale_for(size)
    names = [("difference", scale), ("contrast", min(scale, 1.0))]
    if thorough:
        names += [("plain", scale), ("inverted", scale)]
    return names


def _lazy_copies(image: Any, thorough: bool) -> Any:
    """`prepared(image, thorough)`, made on the first call and kept for the next."""
    made: list[list[tuple[str, Any, float]]] = []

    def copies() -> list[tuple[str, Any, float]]:
        if not made:
            made.append(prepared(image, thorough))
        return made[0]

    return copies


def read_words(
    image: Any, progress: Any = None, *, thorough: bool = False, first_only: bool = False
) -> tuple[list[Word], list[str], list[tuple[int, int, int, int]]]:
    """Words from the passes, merged (a word seen by more than one kept once, the reading that
    covers more of it winning), the names of the passes run, and every box any pass read (to
    cover).

    Where RapidOCR is installed it reads alone, and tesseract's passes run only when it read
    fewer than three words in an image that is no photo (measured side by side: merged with
    RapidOCR's words, tesseract's misreadings cost more than its extra words bring). Without
    RapidOCR, tesseract's background-difference pass runs, and its contrast pass on a small
    image or when little was read. A copy being made safe (`thorough`) is read by every
    pass of both engines. `first_only` runs the first pass alone (the room around a screen
    seen face on, `read_level`).
    """
    from socialcoach.images import rapid

    words: list[Word] = []
    boxes: list[tuple[int, int, int, int]] = []
    passes: list[str] = []
    small = not _is_photo(image.size)
    tesseract_runs = 0
    rapid_ran = False
    rapid_words: list[Word] = []
    for index, (engine, name, copy, scale) in enumerate(_passes(image, thorough)):
        if first_only and index:
            break
        if engine == "tesseract" and not thorough:
            tesseract_runs += 1
            if rapid_ran and (len(words) >= 3 or not small):
                # RapidOCR read the text: tesseract adds misreadings, not words. In a photo
                # where RapidOCR read nothing, tesseract reads the texture of grass or cloth
                # as hundreds of lines for half a minute. On the phone photos of screens,
                # without it and the local pass, 63 of 105 identifiers, as with them.
                break
            if name == TESSERACT_LOCAL_PASS:
                if not _local_pass_wanted(len(words)):
                    continue  # tesseract read the text; the local pass is for faint text
            elif tesseract_runs > 1 and not small and len(words) >= 3:
                continue
        wanted = thorough or _local_pass_wanted(len(words))
        if name in (LOCAL_PASS, FULL_SIZE_PASS) and not wanted:
            continue  # the first pass read the text; these are for what it could not find
        rapid_ran = rapid_ran or engine == "rapidocr"
        if callable(copy):
            copy = copy()
        if progress is not None:
            progress(f"reading the pixels for text ({name} pass)")
        passes.append(name)
        if engine == "rapidocr":
            # The local-contrast pass finds lines again in the same copy: those the plain pass
            # already read are not recognised twice (a check's answer; a copy being made safe
            # is read whole by every pass).
            known = rapid.line_boxes(rapid_words, scale) if rapid_words and not thorough else None
            read = rapid.read(
                copy,
                scale,
                index,
                thorough=thorough,
                photo=_is_photo(image.size),
                known=known,
                det_longest=FULL_SIZE_DET if name == FULL_SIZE_PASS else rapid.DET_LONGEST,
            )
            rapid_words.extend(read)
        else:
            # A copy being made safe covers even words tesseract is unsure of.
            read = _read(copy, scale, index, 10 if thorough else MIN_CONF)
        for word in read:
            boxes.append(word.box)
            twin = next((w for w in words if _overlap(w.box, word.box) > 0.5), None)
            if twin is None:
                words.append(word)
            elif _area(word.box) > 1.25 * _area(twin.box) or (
                word.conf > twin.conf + 5 and _area(word.box) * 1.25 >= _area(twin.box)
            ):
                words[words.index(twin)] = word
    return _without_nested(words), passes, boxes


Box = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class View:
    """Words read in one copy of the image, in that copy's pixels (the rules that join a
    line's words need them so), and the function that takes a box of that copy back to the
    image's own pixels."""

    words: list[Word]
    back: Callable[[Box], Box]


def _same(box: Box) -> Box:
    return box


def read_level(
    image: Any, progress: Any = None, *, thorough: bool = False
) -> tuple[list[View], list[str], list[Box]]:
    """`read_words` on the image as OCR reads best: a photo of a screen taken from the side
    seen face on (`keystone`), with the room around the screen read too; a turned photo
    turned level (`skew`); anything else as it is. Returns the views (the words of each copy
    read), the passes, and every box read, in the image's own pixels, to cover."""
    from socialcoach.images import keystone, skew

    quad = keystone.screen_quad(image)
    if quad is not None:
        if progress is not None:
            progress("seeing the screen face on")
        flat, matrix = keystone.face_on(image, quad)

        def back(box: Box) -> Box:
            return keystone.box_back(box, matrix, image.size)

        words, passes, boxes = read_words(flat, progress, thorough=thorough)
        passes = [f"{name} (the screen seen face on)" for name in passes]
        # The room around the screen, as it is: a name on a note stuck to the bezel is no
        # less a name. The screen itself is hidden there, so nothing is read twice.
        seen = keystone.outline(matrix, flat.size)
        room = keystone.hidden(image, seen)
        more, room_passes, room_boxes = read_words(
            room, progress, thorough=thorough, first_only=not thorough
        )
        more = [w for w in more if not keystone.inside(w.box, seen)]
        room_boxes = [b for b in room_boxes if not keystone.inside(b, seen)]
        passes += [f"{name} (around the screen)" for name in room_passes]
        views = [View(words, back), View(more, _same)]
        return views, passes, [back(b) for b in boxes] + room_boxes
    angle = skew.angle_of(image)
    if not angle:
        words, passes, boxes = read_words(image, progress, thorough=thorough)
        return [View(words, _same)], passes, boxes
    if progress is not None:
        progress(f"turning the photo level ({angle:+.1f} degrees)")
    upright = skew.level(image, angle)

    def turned_back(box: Box) -> Box:
        return skew.box_back(box, angle, image.size)

    words, passes, boxes = read_words(upright, progress, thorough=thorough)
    passes = [f"{name} (turned level by {angle:+.1f} degrees)" for name in passes]
    return [View(words, turned_back)], passes, [turned_back(b) for b in boxes]


def lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into lines by position (passes disagree on tesseract's own line numbers),
    a line split where a gap wider than four letters' height leaves a column between."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.box[1] + w.box[3] / 2):
        mid = word.box[1] + word.box[3] / 2
        for row in rows:
            ref_mid = sum(w.box[1] + w.box[3] / 2 for w in row) / len(row)
            if abs(mid - ref_mid) <= min(min(w.box[3] for w in row), word.box[3]) * 0.45:
                row.append(word)
                break
        else:
            rows.append([word])
    out: list[list[Word]] = []
    for row in sorted(rows, key=lambda r: min(w.box[1] for w in r)):
        row.sort(key=lambda w: w.box[0])
        current = [row[0]]
        for word in row[1:]:
            prev = current[-1]
            if word.box[0] - (prev.box[0] + prev.box[2]) > 4 * max(prev.box[3], word.box[3]):
                out.append(current)
                current = []
            current.append(word)
        out.append(current)
    return out


def _without_nested(words: list[Word]) -> list[Word]:
    """A word read inside a longer reading of the same place (JANE inside DOE*JANE) dropped."""
    keep = []
    for word in words:
        inside = any(
            other is not word
            and _area(other.box) > _area(word.box)
            and _overlap(word.box, other.box) > 0.8
            for other in words
        )
        if not inside:
            keep.append(word)
    return keep


# OCR-specific form rules: the terse way PACS overlays and worklists print identifiers.
_NAME_SEP = r"[\^*~°\"'`|“”‘’«»™]"
# Letters of any Latin alphabet (`MÜLLER`, `NGUYỄN`, `ŁUKASZ`): capitals first, then any letter.
_UP = "A-ZÀ-ÖØ-ÞĀ-ſƀ-ɏḀ-ỿ"
_LETTER = r"[^\W\d_]"
# The small words of a surname (`DE LA CRUZ^MARIA`, `VAN DER BERG^JAN`, `MC ALLISTER^RENEE`).
_PARTICLE = (
    r"(?i:de|la|del|della|van|der|den|von|zu|di|da|do|dos|das|le|du|mc|mac|al|el|bin|ben|ter|ten)"
)

# A date as overlays print it (19540312, 1954-03-12, 03/12/1954, 12-Mar-1954, 12 MAR 1954,
# Mar 12, 1954; OCR may read a space beside a separator: 1940 -08-27), and the time that often
# follows it, glued on when OCR reads no space.
_DATE = (
    r"(?:(?:19|20)\d\d(?: ?[-/.] ?)?(?:0[1-9]|1[0-2])(?: ?[-/.] ?)?(?:0[1-9]|[12]\d|3[01])"
    r"|\d{1,2} ?[-/.] ?\d{1,2} ?[-/.] ?(?:(?:19|20)\d\d|\d\d)"
    # The month's O read as a zero (`12-0CT-2003`) is still a month.
    r"|\d{1,2}(?: ?[-/.] ?| )?(?:[A-Za-z]{3}|[A-Za-z]0[A-Za-z]|0[A-Za-z]{2})(?: ?[-/.] ?| )?"
    r"(?:19|20)\d\d"
    r"|\b[A-Za-z]{3,9}\.? ?\d{1,2}(?:st|nd|rd|th)?,? ?(?:19|20)\d\d)"
)
_TIME = r"\s?\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?"
FORM_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "name",
        re.compile(
            rf"(?<!\w)(?:{_PARTICLE} ){{0,2}}"
            rf"[{_UP}](?:{_LETTER}|['-])+ ?{_NAME_SEP}+ ?[{_UP}](?:{_LETTER}|['-])+"
            rf"(?: ?{_NAME_SEP}+ ?[{_UP}][\w.]*)?"
            rf"|(?<!\w)[{_UP}]{{3,}} ?{_NAME_SEP}+(?=\s|$)"
        ),
    ),
    # `WEISS, DAVID R`: the middle initial is covered with the name.
    (
        "name",
        re.compile(rf"(?<!\w)[{_UP}][{_UP}'-]{{1,}}, ?[{_UP}][{_UP}'-]+(?: [{_UP}]\.?)?(?!\w)"),
    ),
    (
        "name",
        re.compile(
            # Who the patient is, and who sent, read or reported the study: a referring
            # physician on an overlay names someone tied to the patient's care.
            r"(?i:\b(?:patient|pt|name|physician|phys|ref(?:erring|erred)?|dr|doctor"
            r"|ordering|attending|radiologist|consultant|surgeon|clinician|requesting|reporting"
            r"|(?:requested|reported|read|referred|performed|signed|dictated|approved) by)"
            r"\b\.? ?(?:name|phys(?:ician)?|md|dr)?\.? ?[:=#]? ?)"
            # `Pt ID: 0012345`, `Patient No.`: the label of an ID, which the ID rules read.
            r"(?!(?i:id|no|nr|num(?:ber)?|mrn|mr|dob|sex|age)\b)"
            rf"(?P<v>{_LETTER}[^\n]*)"
        ),
    ),
    (
        "mrn",
        re.compile(
            r"(?i:\b(?:m\W?[ir1l]{1,2}\W?n|pid|id|patient ?id|med ?rec)(?:\b|(?=\d)) ?[:#=]? ?)"
            r"(?P<v>[A-Z0-9-]{4,}(?: \d{3,})*)"
        ),
    ),
    (
        "accession",
        re.compile(
            r"(?i:\b(?:acc(?:ession)?|acn)(?:\b|(?=[A-Z]?\d))\.?\s*(?:no\.?|number|#)?\s*[:#=]?\s*)"
            r"(?P<v>[A-Z0-9-]{4,})"
        ),
    ),
    (
        "other_id",
        re.compile(
            r"(?<![\w.])(?!(?i:mrn|mirn|pid|id|acc|acn)\d)(?=[A-Z0-9-]*\d{5})[A-Z0-9][A-Z0-9-]{5,}(?![\w.])"
        ),
    ),
    ("date", re.compile(rf"(?<!\d)(?<!\d\.){_DATE}(?:{_TIME}|(?!\d))")),
    (
        "date",
        re.compile(r"(?i:\b(?:dob|born|birth|date)\b\s*[:=]?\s*)(?P<v>\S{6,12})"),
    ),
    (
        "phone",
        re.compile(
            r"(?i:\b(?:ph|phone|tel|telephone|mobile|cell)\b\.?\s*[:#]?\s*)"
            r"(?P<v>[+(]?\d[\d ().,-]{6,}\d)"
            r"|(?<![\w.])(?:\+\d{1,3}[ .-])?\(?\d{3}\)?[ .,-]?\d{3}[ .,-]\d{4}(?![\w])"
            r"|(?<![\w.+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,4}(?![\w])"
            r"|(?<![\w.])0\d{2,4}[ -]\d{3,4}[ -]?\d{3,4}(?![\w./-])"
        ),
    ),
    # An age with the sex letter after it (`67Y F`, `94YM`, `45Y/M`), which is covered with
    # it; a leading zero read as the letter O (`O63Y F`) is still a digit.
    (
        "age",
        re.compile(
            r"(?<![\w.:/])(?P<v>(?:\d|O(?=\d))\d{0,2} ?(?:Y|y|yrs?|YRS?|years?)"
            r"(?:[ /]?[MF](?![\w]))?)(?![\w])"
        ),
    ),
    # `67/F`, `F/67`, `67 yo`, `F 67Y`: an age beside the sex letter, with or without a Y.
    (
        "age",
        re.compile(
            r"(?<![\w./:-])"
            r"(?P<v>\d{1,3} ?/ ?[MF]|[MF] ?/ ?\d{1,3}(?: ?[Yy])?|\d{1,3} ?yo(?: ?[MF])?)"
            r"(?![\w./-])"
        ),
    ),
    (
        "age",
        re.compile(
            r"(?i:\b(?:sex ?/ ?)?age(?: ?/ ?sex)?\b\s*[:=]?\s*(?:[MF] ?/ ?)?)"
            r"(?P<v>(?:\d|O(?=\d))\d{0,2}(?: ?[Yy])?(?:[ /]?[MF](?![\w]))?)(?![\w])"
        ),
    ),
    (
        "geo_small",
        re.compile(
            # Where the patient lies: a labelled value (`Loc: ICU-8 Bed 10`, `Ward: Rm 6W-633`,
            # up to the next label), or a room or bed and its number, glued or not, the word
            # too (`Room 4B`, `Room541BedA`: the label is part of what a location reads as).
            r"(?i:\b(?:loc(?:ation)?|ward|room|rm|bed|bay|cubicle)\.?\s*(?:no\.?)?\s*[:#]\s*)"
            r"(?P<v>(?=[\w-]*\d|[A-Za-z]{3})[A-Za-z0-9][\w-]*"
            r"(?: (?![\w-]*:)[A-Za-z0-9][\w-]*){0,3})"
            r"|(?i:\b(?:room|rm|bed|bay|icu|ward|cubicle)\.?(?: ?no\.?)? ?[#-]? ?)"
            r"(?=[A-Z]?\d)[A-Z0-9][A-Z0-9-]{0,5}(?i: ?(?:bed|bay) ?[A-Z0-9]{1,3})?(?![\w])"
        ),
    ),
    (
        "institution",
        re.compile(
            r"(?i:\b(?:inst(?:itution)?|hosp(?:ital)?|site|facility|einrichtung|klinik)\b\.?"
            r"\s*:\s*)(?P<v>[A-Za-z][^\n]*)"
        ),
    ),
    (
        "institution",
        re.compile(
            # One line only (spaces, not newlines, between the words); `Image 12` is no place.
            r"(?:\b[A-Z][\w'&.-]*[ \t]+){1,4}(?:Hosp[a-z]{2,5}"
            r"|Medical[ \t]+(?:Cent[a-z]{1,3}|Ctr\b\.?)"
            r"|Clin[a-z]{1,3}|Inf[a-z]{3,6}ry|Health(?:[ \t]+System)?"
            r"|Imag(?:ing|ery)(?:[ \t]+Cent[a-z]{1,3})?|Radiolog[a-z]{0,3}"
            r"|Institut[a-z]{0,2}|Universit[a-z]{0,3}"
            r"|HOSPITAL|MEDICAL[ \t]+CENTER|CLINIC|INFIRMARY|HEALTH|IMAGING|RADIOLOGY|INSTITUTE)\b"
            r"|\b(?:St\.?|Saint|ST\.?)[ \t]+[A-Z][\w'-]+(?:'s)?\b"
        ),
    ),
)


# Labels as OCR misreads them (`Pafient:`, `Partient`, `Accesion`): a word of five letters or
# more close enough to a label word marks what follows it, as the exact label would.
_FUZZY_LABELS = {
    "patient": "name",
    "patientname": "name",
    "accession": "accession",
    "birth": "date",
    "birthdate": "date",
    "record": "mrn",
    "institution": "institution",
}
_TOKEN = re.compile(r"\S+")
_ID_LABEL_START = re.compile(r"(?i)(?:id|no|nr|num(?:ber)?|mrn|mr)(?:\b|(?=\d))")
_LABEL_TAILS = {"number", "no", "nr", "num", "name", "id", ""}
# A label glued to its value when OCR reads no space (`PatientMORENOATOMASZ`, `AcoA7120395`).
_GLUED_NAME = re.compile(r"^(?P<label>[A-Z][a-z]{3,10})[:#]?(?P<v>[A-Z]{3,}[A-Z^*,./~-]*)$")
_NAME_WORD = re.compile(r"(?:[A-Z][A-Za-z'&-]*|St\.|of|the|and|[a-z]{2,})")
_GLUED_LABELS = {"mrn", "mirn", "mrin", "id", "pid", "acc", "acn"}  # the exact rules read these
_WINDOW_LABELS = {"w", "ww", "wl", "wc", "c", "l", "win", "window"}
_ID_TOKEN = re.compile(r"[A-Z0-9][A-Z0-9-]{5,}")
_GLUED_ID = re.compile(r"(?<![0-9])(?P<v>[A-Z]?\d{5,}[A-Z0-9-]*)$")
_INSTITUTION_WORDS = (
    "hospital",
    "clinic",
    "center",
    "centre",
    "infirmary",
    "imaging",
    "radiology",
    "institute",
    "university",
    "health",
    "group",
    "partners",
    "associates",
)


# The words that open an institution's name in other languages, its own name after them
# (`Klinikum Marlowe Hill`, `Hôpital St. Aldric`, `Centro de Imagen Northmere`), accents off
_INSTITUTION_OPENERS = (
    "klinikum",
    "klinik",
    "krankenhaus",
    "hopital",
    "clinique",
    "centro",
    "ospedale",
    "policlinico",
    "clinica",
    "hospital",
    "sykehus",
    "sjukhus",
    "ziekenhuis",
    "szpital",
)
# short words inside such a name (`de`, `St.`, `San`), passed over on the way to its end
_INSTITUTION_LINKS = frozenset(["de", "del", "di", "du", "des", "la", "le", "st.", "san", "santa"])


def _institution_after_opener(tokens: list[Any], i: int) -> int | None:
    """The index of the last token of an institution's name that opens with tokens[i] (one
    of `_INSTITUTION_OPENERS`, a letter misread allowed), or None where no capitalised word
    of its own name follows within the next five tokens. The name ends at a lowercase word,
    a label, a colon, or the overlay's capitals after a name in mixed case."""
    from socialcoach.phi import lexicon

    letters = lexicon.plain(re.sub(r"[^\w]", "", tokens[i].group())).lower()
    if len(letters) < 6 or not any(_close(letters, w, 0.85) for w in _INSTITUTION_OPENERS):
        return None
    last = None
    j = i + 1
    while j < min(len(tokens), i + 6):
        word = tokens[j].group()
        if word.lower() in _INSTITUTION_LINKS or _close(word.lower(), "imagen", 0.8):
            j += 1
            continue
        if not word[:1].isupper() or _label_of(word) or ":" in word:
            break
        if last is not None and word.isupper() and not tokens[last].group().isupper():
            break  # `Ospedale San Vitale AP PORTABLE`: the overlay's capitals end the name
        last = j
        j += 1
    return last


def _close(word: str, target: str, ratio: float = 0.75) -> bool:
    from difflib import SequenceMatcher

    if abs(len(word) - len(target)) > 2:
        return False
    return SequenceMatcher(None, word, target).ratio() >= ratio


def _label_of(token: str) -> str | None:
    letters = re.sub(r"[^a-z]", "", token.lower())
    if len(letters) < 5:
        return None
    for label, category in _FUZZY_LABELS.items():
        if letters == label or _close(letters, label):
            return category
    return None


def misread_candidates(text: str) -> list[tuple[int, int, str]]:
    """Spans that OCR's misreadings hide from the exact rules: a misread label and what follows
    it, a label glued to its value, an ID glued to its label, an institution whose last word is
    misread by a letter (`Lakeshore Cinic`)."""
    cands: list[tuple[int, int, str]] = []
    offset = 0
    for line in text.split("\n"):
        tokens = list(_TOKEN.finditer(line))
        for i, token in enumerate(tokens):
            word = token.group()
            start, end = offset + token.start(), offset + token.end()
            category = _label_of(word)
            if category and i + 1 < len(tokens):
                rest = tokens[i + 1 :]
                if len(rest) > 1 and rest[0].group().lower().strip(".:#") in _LABEL_TAILS:
                    rest = rest[1:]  # `Accession Number 88213004`: the value is after it
                if category != "name":
                    rest = rest[:1]
                elif _ID_LABEL_START.match(rest[0].group()):
                    continue  # `Patient ID:PX-448812`: an ID's label, which the ID rules read
                cands.append((offset + rest[0].start(), offset + rest[-1].end(), category))
            glued = _GLUED_NAME.match(word)
            if glued and _label_of(glued.group("label")) == "name":
                cands.append((start + glued.start("v"), end, "name"))
            bare = word.strip(".,;:")
            prefix = re.match(r"[A-Za-z]*", bare).group().lower()  # type: ignore[union-attr]
            # A window and level read glued (`W: 406L-264`) are display settings.
            window = i > 0 and tokens[i - 1].group().lower().strip(":") in _WINDOW_LABELS
            if (
                prefix not in _GLUED_LABELS
                and not window
                and _ID_TOKEN.fullmatch(bare)
                and sum(c.isdigit() for c in bare) >= 6
                and sum(c.isalpha() for c in bare) <= 3
            ):
                cands.append((start, start + len(bare), "other_id"))
            m = _GLUED_ID.search(word)
            if (
                m
                and m.start() > 0
                and word[: m.start()].isalpha()
                and prefix not in _GLUED_LABELS
                and len(word) - m.start() >= 6
            ):
                cands.append((start, end, "other_id"))
            opened = _institution_after_opener(tokens, i)
            if opened is not None:
                cands.append((start, offset + tokens[opened].end(), "institution"))
            letters = re.sub(r"[^a-z]", "", word.lower())
            before = tokens[i - 1].group().lower() if i > 0 else ""
            if (
                i > 0
                and len(letters) >= 5
                and before not in ("window", "win", "level")
                and word.strip(".,;:").isalpha()  # `Image64` is a frame number, not a place
                and any(_close(letters, w, 0.85) for w in _INSTITUTION_WORDS)
            ):
                first = max(0, i - 3)
                while first < i and not all(
                    _NAME_WORD.fullmatch(t.group()) for t in tokens[first:i]
                ):
                    first += 1
                first = min(first, i - 1)
                last = i
                while last + 1 < min(len(tokens), i + 3) and tokens[last + 1].group()[:1].isupper():
                    if _label_of(tokens[last + 1].group()) or ":" in tokens[last + 1].group():
                        break
                    last += 1
                cands.append(
                    (offset + tokens[first].start(), offset + tokens[last].end(), "institution")
                )
        offset += len(line) + 1
    return cands


_NAME_TOKEN = re.compile(rf"{_LETTER}(?:{_LETTER}|['’-](?={_LETTER}))+")
_INITIAL = re.compile(rf"[{_UP}]\.?")
# Overlay words the name lists also hold as surnames or given names (`FLAIR`, `Spine`,
# `Philips`): no name of a patient is told from them.
_OVERLAY_WORDS = frozenset(
    [
        "flair",
        "spine",
        "mammo",
        "bone",
        "lung",
        "brain",
        "knee",
        "slice",
        "flash",
        "edge",
        "portal",
        "canon",
        "philips",
        "siemens",
        "toshiba",
        "hitachi",
        "vida",
        "fuji",
        "agfa",
        "konica",
        "samsung",
        "kodak",
        "carestream",
        "hologic",
        "mindray",
        "esaote",
        "sagittal",
        "coronal",
        "axial",
        "lateral",
        "oblique",
        "scout",
        "localizer",
        "topogram",
        "delay",
        "delayed",
        "arterial",
        "venous",
        "contrast",
        "series",
        "image",
        "study",
        "exam",
        "report",
        "window",
        "level",
        "zoom",
        "view",
        "left",
        "right",
        "head",
        "neck",
        "chest",
        "abdomen",
        "pelvis",
        "thorax",
        "cardiac",
        "lumbar",
        "cervical",
        "thoracic",
        "sonic",
        "stir",
        "diffusion",
        "perfusion",
        "trace",
        "dixon",
        "water",
        "fat",
        "gradient",
        "echo",
        "spin",
        "turbo",
        "fast",
        "hospital",
        "clinic",
        "center",
        "centre",
        "imaging",
        "radiology",
        "medical",
        "health",
        "university",
        # body parts and exam words in French and Spanish viewers (`RACHIS LOMBAIRE`,
        # `RM RODILLA`), which the name lists also hold as surnames
        "rachis",
        "lombaire",
        "dorsal",
        "genou",
        "rodilla",
        "cadera",
        "hombro",
        "tobillo",
        "codo",
        "mano",
        "pie",
        "columna",
        "craneo",
        "crane",
        "cerveau",
        "cerebro",
        "hanche",
        "epaule",
        "cheville",
        "poignet",
        "coude",
        "bassin",
        "poumon",
        "pulmon",
        "torax",
        "abdominal",
        "abdomino",
        "pelvien",
        "thoracique",
        "coupe",
        "corte",
        "serie",
        "grosor",
        "epaisseur",
        "sagital",
        "axiale",
        "coronale",
        "gauche",
        "droit",
        "droite",
        "izquierda",
        "izquierdo",
        "derecha",
        "derecho",
        # scanner and probe names that read like a name when their letters are cut
        "aquilion",
        "somatom",
        "magnetom",
        "ingenia",
        "achieva",
        "avanto",
        "skyra",
        "prisma",
        "biograph",
        "lightspeed",
        "brilliance",
        "revolution",
        "discovery",
        "optima",
        "signa",
        "voluson",
        "logiq",
        "acuson",
        "sequoia",
        "affiniti",
        "selenia",
    ]
)


def _overlay_word(word: str) -> bool:
    """A viewer's own word, accents aside (`CRÂNE`, `TÓRAX`)."""
    from socialcoach.phi import lexicon

    return lexicon.plain(word) in _OVERLAY_WORDS


def _nameish(token: str) -> bool:
    """A word the name lists hold that is not a common English word (`DOE`, `JANE`, `Jörg`,
    `NGUYỄN`, `Smith`), or a rare word of four letters or more (most surnames are rare:
    `FIDELMAN`), and no overlay vocabulary."""
    from socialcoach.phi import lexicon

    word = token.strip(",")
    if not _NAME_TOKEN.fullmatch(word) or len(word) < 3 or _overlay_word(word):
        return False
    parts = re.split(r"[-'’]", word)
    return all(
        ((lexicon.is_given(p) or lexicon.is_surname(p)) and lexicon.zipf(p) < 5.0)
        or (len(p) >= 4 and lexicon.zipf(p) < 2.5)
        for p in parts
        if len(p) > 1
    )


_CAPS_RUN = re.compile(rf"[{_UP}]{{6,30}}")
_TRAILING_INITIAL = re.compile(rf"[\^~*][{_UP}]\^*$")


def _glued_name(token: str) -> bool:
    """Capitals read with no space between a surname and a given name, and maybe an initial
    (`DOEJANEM`, `LEFEVREMARTHA`): RapidOCR drops the narrow spaces of small capitals. Some cut
    leaves two listed words, one a given name, each of three letters or more. The PACS `^`
    between them is often read as an `A` (`KESSINGERALUCILLE`): a cut may drop that letter."""
    from socialcoach.phi import lexicon

    # a middle initial after the PACS separator, as OCR reads it (`...ROSALIND~G`)
    word = _TRAILING_INITIAL.sub("", token.strip(",.:;"))
    if not _CAPS_RUN.fullmatch(word) or _overlay_word(word):
        return False
    if lexicon.zipf(word) >= 1.5:
        return False  # a word of its own (`BILATERAL`), not two names run together
    body = word[:-1] if len(word) > 7 else word  # the trailing initial, tried both ways
    for stem in {word, body}:
        cuts = [(stem[:c], stem[c:]) for c in range(3, len(stem) - 2)]
        cuts += [(stem[:c], stem[c + 1 :]) for c in range(3, len(stem) - 3) if stem[c] == "A"]
        for first, second in cuts:
            if _overlay_word(first) or _overlay_word(second):
                continue
            listed = all(
                (lexicon.is_given(w) or lexicon.is_surname(w)) and lexicon.zipf(w) < 4.6
                for w in (first, second)
            )
            if listed and (lexicon.is_given(second) or lexicon.is_given(first)):
                return True
            if _misread_with_given(first, second):
                return True
    return False


def _misread_with_given(first: str, second: str) -> bool:
    """A word of five letters or more that no word list holds, then a listed given name of
    six or more: the surname misread, as small photographed capitals are (`BROCKNER` for
    `BRÜCKNER^LEONOR`, an accent lost and a letter changed). In that order, as a PACS name
    is printed, and long, so an overlay's run of capitals (`CTABDOMENPELVIS`, `SAGITTALFLAIR`)
    finds no such cut (`ELVIS` and `SAGIT` are given names too)."""
    from socialcoach.phi import lexicon

    return (
        len(first) >= 5
        and lexicon.zipf(first) == 0.0
        and len(second) >= 6
        and lexicon.is_given(second)
        and lexicon.zipf(second) < 4.0
    )


def bare_names(text: str) -> list[tuple[int, int, str]]:
    """A name printed with no label and no PACS separator (`DOE JANE M`, `Nguyễn Thị Lan`,
    `Müller, Jörg`, `MARY-KATE SMITH`): two or more words in a row that the name lists hold,
    not common English words, an initial allowed after them. One of them must be a given name:
    overlay lines hold many rare words that are somebody's surname."""
    from socialcoach.phi import lexicon

    cands: list[tuple[int, int, str]] = []
    offset = 0
    for line in text.split("\n"):
        tokens = list(_TOKEN.finditer(line))
        i = 0
        while i < len(tokens):
            j = i
            while j < len(tokens) and _nameish(tokens[j].group()):
                j += 1
                if tokens[j - 1].group().endswith(",") and j - i > 1:
                    break  # `DOE, JANE, MRN`: a comma closes the name after its first word
            run = tokens[i:j]
            words = [t.group().strip(",") for t in run]
            given = any(
                lexicon.is_given(p) and lexicon.zipf(p) < 4.6
                for w in words
                for p in re.split(r"[-'’]", w)
                if len(p) > 1
            )
            # A table cell or a line of its own holding only two or three rare words
            # (`OKONKWO ADAEZE`): no list holds every name.
            alone = (
                len(run) in (2, 3)
                and run[0].start() == 0
                and j == len(tokens)
                and all(len(w) >= 4 and lexicon.zipf(w) < 1.5 for w in words)
            )
            if len(run) >= 2 and (given or alone):
                end = run[-1].end()
                if j < len(tokens) and _INITIAL.fullmatch(tokens[j].group()):
                    end = tokens[j].end()
                cands.append((offset + run[0].start(), offset + end, "name"))
            elif j - i <= 1 and _glued_name(tokens[i].group()):
                cands.append((offset + tokens[i].start(), offset + tokens[i].end(), "name"))
            i = max(j, i + 1)
        offset += len(line) + 1
    return cands


def _union(boxes: list[tuple[int, int, int, int]]) -> tuple[int, int, int, int]:
    left = min(b[0] for b in boxes)
    top = min(b[1] for b in boxes)
    right = max(b[0] + b[2] for b in boxes)
    bottom = max(b[1] + b[3] for b in boxes)
    return left, top, right - left, bottom - top


def findings(
    words: list[Word], header_values: list[tuple[str, str]]
) -> tuple[list[ImageFinding], list[str]]:
    """Identifiers in the words read, each with its box, and the text lines."""
    from socialcoach import phi
    from socialcoach.images import labels

    text_lines: list[str] = []
    line_boxes: list[tuple[int, int, int, int]] = []
    offsets: list[int] = []
    spans: list[tuple[int, int, tuple[int, int, int, int]]] = []
    offset = 0
    for line in lines(words):
        parts: list[str] = []
        for word in line:
            start = offset + sum(len(p) + 1 for p in parts)
            spans.append((start, start + len(word.text), word.box))
            parts.append(word.text)
        joined = " ".join(parts)
        text_lines.append(joined)
        line_boxes.append(_union([w.box for w in line]))
        offsets.append(offset)
        offset += len(joined) + 1
    text = "\n".join(text_lines)
    # Lines of an overlay are separate fields, often in separate corners: what the draft
    # checker reads across a line break (`L: 119` above `mAs 4.0` as an age of 119 months) is
    # no identifier, and its box would span the image.
    # A number of one to three digits alone ("Serie 4", "kV 120") is an overlay's technical
    # value unless it is an age or part of a date: the draft checker's word tagger, trained on
    # posts, may call it a room or a code.
    cands: list[tuple[int, int, str]] = [
        (f.start, f.end, f.category)
        for f in phi.check(text)
        if "\n" not in text[f.start : f.end]
        and not (
            f.category not in ("age_over_89", "date")
            and text[f.start : f.end].isdigit()
            and f.end - f.start <= 3
        )
    ]
    for category, rule in FORM_RULES:
        for m in rule.finditer(text):
            # A rule's label-free alternative matches without its value group.
            span = m.span("v") if "v" in rule.groupindex and m.start("v") >= 0 else m.span()
            cands.append((*span, category))
    cands.extend(misread_candidates(text))
    cands.extend(labels.labelled(text_lines, line_boxes, offsets))
    cands.extend(bare_names(text))
    lowered = text.lower()
    for value, category in header_values:
        for m in re.finditer(re.escape(value), lowered):
            cands.append((m.start(), m.end(), category))
    found: list[ImageFinding] = []
    taken: list[tuple[int, int]] = []
    for start, end, category in sorted(cands, key=lambda c: (c[0], -(c[1] - c[0]))):
        if any(s < end and start < e for s, e in taken):
            continue
        if category == "age":  # over 89 identifies alone (HIPAA); younger, with the rest
            digits = re.search(r"\d+", text[start:end].replace("O", "0"))
            years = int(digits.group()) if digits else 0
            category = "age_over_89" if years >= 90 else "age"
        taken.append((start, end))
        boxes = [b for s, e, b in spans if s < end and start < e]
        box = _union(boxes) if boxes else None
        where = "pixels" if box is None else f"pixels at x={box[0]} y={box[1]} {box[2]}x{box[3]}"
        why = ADVICE.get(category, ADVICE["hidden_text"])[0]
        found.append(
            ImageFinding(
                category,
                "ocr",
                where,
                short(text[start:end]),
                f"Burned into the pixels. {why}",
                ADVICE["burned_in"][1],
                box,
            )
        )
    return found, text_lines
