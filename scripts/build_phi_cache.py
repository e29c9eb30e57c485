"""Rebuild the checker's start-up caches in src/socialcoach/phi/data/ from the code and lists.

- patterns.marshal: importing the checker compiles about 180 regular expressions, most of the
  start-up time of a `socialcoach check-post` process. This stores them as CPython's re
  compiler leaves them, for the interpreter that runs this script (its cache tag and re engine
  are in the file; another interpreter ignores the file and compiles as usual), with each
  pattern's word-start gate and literal precondition.
- lists.marshal: the word lists as built Python objects (each with the CRC-32 of the text
  file it came from, so an edited list is read from its text again).

Run it after changing a pattern or a list, on the Python version the wheel targets;
tests/core/test_phi_patterns_cache.py fails while either file is stale.

Usage: python scripts/build_phi_cache.py [--check]
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import socialcoach.phi  # noqa: E402

socialcoach.phi._register()  # every family's patterns are made when it registers
from socialcoach.phi import _base, lexicon  # noqa: E402

DATA = ROOT / "src" / "socialcoach" / "phi" / "data"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    stale = 0
    for name, data in (
        (_base._PRECOMPILED_FILE, _base.build_precompiled()),
        (lexicon.LISTS_FILE, lexicon.build_lists()),
    ):
        out = DATA / name
        if "--check" in args:
            # marshal's bytes depend on reference counts, so the contents are compared
            same = out.exists() and marshal.loads(out.read_bytes()) == marshal.loads(data)
            print(f"{name}: {'up to date' if same else 'stale: rebuild it'}")
            stale += not same
            continue
        out.write_bytes(data)
        print(f"wrote {out} ({len(data):,} bytes)")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
