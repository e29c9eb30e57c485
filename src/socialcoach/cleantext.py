"""Text from files made safe to show: no control sequence from a plan or a pack reaches a terminal.

A policy pack or a hand-edited plan is text someone else may have written. Printed as is, an
ESC or C1 byte lets it drive the user's terminal: write to the clipboard (OSC 52), retitle the
window, plant links (OSC 8), move the cursor, clear or reset the screen, or ask the terminal a
question whose answer arrives as typed keys. Bidi overrides make text read differently from
what it holds. So every string loaded from a file is `clean`ed once, where it is loaded, and
every message that quotes a file or a key is passed through `visible` before it is printed.
Tab and newline are ordinary text and are kept.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, the C1 controls, and the bidi embeddings, overrides
# and isolates (U+202A-U+202E, U+2066-U+2069), which reorder what a reader sees.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """`text` without control characters (tab and newline kept); CRLF becomes a newline."""
    if not _UNSAFE.search(text):
        return text  # the usual case, without building a new string
    return _UNSAFE.sub("", text.replace("\r\n", "\n"))


def visible(text: str) -> str:
    """`text` with each control character shown as an escape (`\\x1b`, `\\u202e`), for messages
    that must say what a file holds without letting it act on the terminal."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: _escape(m.group()), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def control_characters(text: str) -> list[tuple[int, int, str]]:
    """Where `text` holds control characters: (line, column, escape) for each, 1-based, so
    `content check` can point at them."""
    found = []
    for match in _UNSAFE.finditer(text):
        if match.group() == "\r" and text[match.end() : match.end() + 1] == "\n":
            continue  # a Windows line end
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        found.append((line, column, _escape(match.group())))
    return found


def clean_value(value: object) -> object:
    """`clean` applied to a string, or to every string (and key) inside lists and dicts: what
    the plan's and the content's models run on each field as it is loaded."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [clean_value(item) for item in value]
    if isinstance(value, dict):
        return {clean_value(key): clean_value(item) for key, item in value.items()}
    return value
