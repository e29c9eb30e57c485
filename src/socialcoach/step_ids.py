"""The six steps, by id, in order: the one list every table keyed by step is checked against.

A module of its own, with no imports, so the first screen can count the steps without loading
pydantic. The plan (models), the content (steps.toml), the export's sections, the progress
rules and the wizard's step widgets are all keyed by these ids; tests/cli/test_architecture.py
checks that each has exactly these keys.
"""

STEP_ORDER: tuple[str, ...] = ("policy", "platforms", "audience", "phi", "accounts", "profile")
