"""The app checks each key's draft in a worker thread: checks that start together, before the
checker has loaded, give the answers one check alone gives."""

from __future__ import annotations

import json
import subprocess
import sys

DRAFT = (
    "Sign-out: NGUYEN, THI HOA 94F MRN four four seven two nine one zero three, "
    "CT head 3/14, bed 12 on 4 west"
)
CODE = """
import json, sys, threading
from socialcoach import phi
draft = sys.argv[1]
drafts = [draft[: len(draft) - k] for k in range(4)]
found = {}
def check(k):
    found[k] = [[f.text, f.category] for f in phi.check(drafts[k])]
if sys.argv[2] == "together":
    threads = [threading.Thread(target=check, args=(k,)) for k in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
else:
    [check(k) for k in range(4)]
print(json.dumps([found[k] for k in range(4)]))
"""


def _findings(how: str) -> list:
    done = subprocess.run(
        [sys.executable, "-c", CODE, DRAFT, how],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout)


def test_checks_started_together_in_a_fresh_process_agree_with_checks_one_at_a_time():
    alone = _findings("alone")
    assert ["94F", "age_over_89"] in alone[1]  # the draft has what the test is about
    assert _findings("together") == alone
