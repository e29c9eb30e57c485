"""A word an OCR engine read, in one shape whichever engine read it (tesseract or RapidOCR),
so the merge of passes and the form rules never ask where a word came from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    box: tuple[int, int, int, int]  # left, top, width, height in the original image's pixels
    conf: float  # 0-100
    line: tuple[int, int, int, int]  # pass, block, paragraph, line (as the engine grouped them)
