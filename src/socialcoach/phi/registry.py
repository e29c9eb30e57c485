"""The registry of recognizers: one function per identifier family, run in registration order.

A recognizer takes a `Doc` (the draft plus its sentences and cue caches) and yields candidate
spans `(start, end, category)` or `(start, end, category, confidence)`. The engine resolves
overlaps, drops the user's own details and turns what is left into findings. Adding a family is
one module with one decorated function, imported in `socialcoach/phi/__init__.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

Recognizer = Callable[[Any], Iterator[tuple]]

RECOGNIZERS: dict[str, Recognizer] = {}


def recognizer(family: str) -> Callable[[Recognizer], Recognizer]:
    """Register `func` under `family`; a second registration of one family is a bug."""

    def register(func: Recognizer) -> Recognizer:
        if family in RECOGNIZERS:
            raise ValueError(f"recognizer family {family!r} registered twice")
        RECOGNIZERS[family] = func
        return func

    return register
