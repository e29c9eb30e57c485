"""Allow `python -m socialcoach`."""

from socialcoach.cli import main

raise SystemExit(main())
