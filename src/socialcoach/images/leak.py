"""What a curious reader could still read in a covered copy, before it is written.

The passes that find text to cover are tuned to read PACS overlays well. Someone who wants to
read what is left tries other things: the copy enlarged, its contrast stretched, turned
negative, each pixel against its own neighbourhood, and tesseract asked to read blocks as
well as scattered words. A copy once covered by every reading of `ocr.read_words` was still
read whole that way (faint grey text on grey), so `redact` runs these readings too and covers
what they read; a copy that still reads something that could identify (`identifying`) after
that is not written at all.

Only a reading that looks like text counts: three or more letters or digits read with
confidence (a noisy background read through a histogram stretch gives short words at low
confidence, and covering those would black out the image for nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SCALE = 2  # the reader's enlargement: 8-12 px overlay text becomes 16-24 px
MIN_CONF = 50
MIN_ALNUM = 3


@dataclass(frozen=True, slots=True)
class Reading:
    """One word read in a covered copy, with its box in the copy's own pixels."""

    text: str
    box: tuple[int, int, int, int]
    conf: float
    how: str  # which reading found it, for the report


def _copies(image: Any) -> list[tuple[str, Any, int]]:
    """(name, copy, tesseract page mode) for each way a reader would try."""
    from PIL import Image, ImageOps

    from socialcoach.images.ocr import _local_difference

    gray = image.convert("L")
    size = (gray.width * SCALE, gray.height * SCALE)
    up = gray.resize(size, Image.Resampling.LANCZOS)
    stretched = ImageOps.autocontrast(up, cutoff=2)
    return [
        ("enlarged and contrast-stretched, read as a block", stretched, 6),
        ("enlarged and contrast-stretched", stretched, 11),
        ("enlarged, stretched and inverted", ImageOps.invert(stretched), 11),
        ("enlarged, local contrast", _local_difference(up), 11),
    ]


def _looks_like_text(word: str, conf: float) -> bool:
    return conf >= MIN_CONF and sum(c.isalnum() for c in word) >= MIN_ALNUM


def still_readable(image: Any) -> list[Reading]:
    """Every word a reader's reading finds in IMAGE (the covered copy), read by the same
    tesseract call as the passes that find text (`ocr._read`). Needs tesseract."""
    from socialcoach.images.ocr import _read

    found: list[Reading] = []
    for index, (how, copy, psm) in enumerate(_copies(image)):
        for word in _read(copy, SCALE, index, MIN_CONF, psm=psm):
            if _looks_like_text(word.text, word.conf):
                found.append(Reading(word.text, word.box, word.conf, how))
    return found


def identifying(readings: list[Reading]) -> list[Reading]:
    """The readings that could be what a patient is known by: part of an identifier the
    burned-in rules find, four digits or more, or a word of four letters or more that the
    name lists hold and that is no common word. What a histogram stretch of anatomy reads
    (`aoe`, `Sal`, `iis`) is none of these; a name or an ID left half covered is."""
    from socialcoach.images import ocr
    from socialcoach.images.words import Word
    from socialcoach.phi import lexicon

    words = [Word(r.text, r.box, r.conf, (0, 0, 0, i)) for i, r in enumerate(readings)]
    found, _lines = ocr.findings(words, [])
    boxes = [f.box for f in found if f.box is not None]

    def inside(box: tuple[int, int, int, int]) -> bool:
        return any(ocr._overlap(box, b) > 0.5 for b in boxes)

    def named(word: str) -> bool:
        letters = "".join(c for c in word if c.isalpha())
        return (
            len(letters) >= 4
            and (lexicon.is_given(letters) or lexicon.is_surname(letters))
            and lexicon.zipf(letters) < 3.5
        )

    return [
        r
        for r in readings
        if inside(r.box) or sum(c.isdigit() for c in r.text) >= 4 or named(r.text)
    ]


def _image_of(how: str) -> str:
    """Which copy a reading was made on: the two page modes of the stretched copy read the
    same pixels, so their agreeing proves nothing."""
    return how.removesuffix(", read as a block")


def confirmed(risky: list[Reading], readings: list[Reading]) -> list[Reading]:
    """The risky readings that a reading of another copy agrees with: the same place, much
    the same letters. Text left in a copy reads alike enlarged, stretched, inverted and
    against its neighbourhood; the texture of a photographed screen (moire over the room)
    reads as a different fragment in each (`Lene` in one, nothing or `cara` in the next), and
    stopped every copy of such a photo (round 9, docs/image-checker.md)."""
    from difflib import SequenceMatcher

    from socialcoach.images.ocr import _overlap

    def alike(a: Reading, b: Reading) -> bool:
        x = "".join(c for c in a.text.lower() if c.isalnum())
        y = "".join(c for c in b.text.lower() if c.isalnum())
        return SequenceMatcher(None, x, y).ratio() >= 0.6

    return [
        r
        for r in risky
        if any(
            _image_of(o.how) != _image_of(r.how) and _overlap(o.box, r.box) > 0.3 and alike(o, r)
            for o in readings
        )
    ]


def available() -> bool:
    from socialcoach.images.ocr import tesseract_available

    return tesseract_available()
