"""Keep the garbage collector's full passes short while the wizard is open.

A built step holds hundreds of widgets, and the plan and the content thousands of objects
that live as long as the wizard does. CPython's full collection walks every one of them:
about 60 ms on a large plan, a pause the user sees when it lands on a key. Once a step is
built, what exists is set aside (`gc.freeze`), so later passes walk only what is new, and
it is handed back to the collector when the wizard closes.
"""

from __future__ import annotations

import gc


def set_aside_long_lived() -> None:
    """Collect the young garbage, then keep everything alive now out of later passes."""
    gc.collect(1)
    gc.freeze()


def hand_back() -> None:
    """Let the collector see, and free, what was set aside."""
    gc.unfreeze()
