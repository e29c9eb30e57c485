"""Rebuild src/socialcoach/phi/data/patterns.marshal: the checker's patterns, compiled.

Importing the checker compiles about 200 regular expressions, most of the start-up time of a
`socialcoach check-post` process. This stores them as CPython's re compiler leaves them, for
the interpreter that runs this script (its cache tag and re engine are in the file; another
interpreter ignores the file and compiles as usual). Run it after changing a pattern, on the
Python version the wheel targets; tests/core/test_phi_patterns_cache.py fails while the file
is stale.

Usage: python scripts/build_phi_patterns.py [--check]
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import socialcoach.phi  # noqa: E402,F401 (every family's patterns are made on import)
from socialcoach.phi import _base  # noqa: E402

OUT = ROOT / "src" / "socialcoach" / "phi" / "data" / _base._PRECOMPILED_FILE


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data = _base.build_precompiled()
    if "--check" in args:
        # marshal's bytes depend on reference counts, so the contents are compared
        same = OUT.exists() and marshal.loads(OUT.read_bytes()) == marshal.loads(data)
        print(f"{OUT.name}: {'up to date' if same else 'stale: rebuild it'}")
        return 0 if same else 1
    OUT.write_bytes(data)
    print(f"wrote {OUT} ({len(data):,} bytes, {len(_base._MADE)} patterns)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
