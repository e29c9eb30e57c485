"""The user's own details (names, practice, emails, phones, address): never a patient's.

They come from the About-you form in the app or from `check-post --me FILE`, a small TOML file:

    names = ["Jane Miller", "@janemillermd"]
    practice = "Lakeside Imaging"
    emails = ["jane.miller@example.org"]
    phones = ["555-201-4400"]
    address = "12 Harbor Way, Portland, ME"

A plain text file with one detail a line works too; each line is sorted by its form.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

FIELDS = ("names", "practice", "emails", "phones", "address")


class OwnDetailsError(ValueError):
    """A --me file that cannot be read; the message says which file, where and what to do."""


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFC", s).casefold()
    return re.sub(r"[^\w@.]+", " ", s).strip()


def _digits(s: str) -> str:
    d = re.sub(r"\D", "", s)
    return d[1:] if len(d) == 11 and d.startswith("1") else d


@dataclass
class OwnDetails:
    """What the user said is theirs; `covers` decides whether a finding's text is one of them."""

    names: list[str] = field(default_factory=list)
    practice: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    address: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, items: Iterable[str]) -> OwnDetails:
        """Sort loose strings (author names, lines of a text file) into fields by their form."""
        own = cls()
        for raw in items:
            item = raw.strip()
            if not item:
                continue
            if re.fullmatch(r"[^\s@]+@[^\s@]+\.\w+", item):
                own.emails.append(item)
            elif len(_digits(item)) >= 7 and not re.search(r"[A-Za-z]{3}", item):
                own.phones.append(item)
            elif re.match(r"\d", item):
                own.address.append(item)
            else:
                own.names.append(item)
        return own

    def merged(self, other: OwnDetails) -> OwnDetails:
        return OwnDetails(*(getattr(self, f) + getattr(other, f) for f in FIELDS))

    def __bool__(self) -> bool:
        return any(getattr(self, f) for f in FIELDS)

    def covers(self, text: str, category: str) -> bool:
        """Whether a flagged string is one of the user's own details."""
        t = _norm(text)
        if not t:
            return False
        d = _digits(text)
        if len(d) >= 7 and any(_digits(p).endswith(d) for p in self.phones):
            # whatever a rule called it, it is the user's own number, also when a rule took
            # only its last seven digits ("212-8840" of "(555) 212-8840")
            return True
        if category in ("phone", "fax"):
            return False
        if category in ("email", "url"):
            host = t.split("@")[-1]
            return any(
                t == _norm(e) or host == _norm(e).split("@")[-1] for e in self.emails
            ) or any(_norm(p).replace(" ", "") in t.replace(" ", "") for p in self.practice)
        words = set(t.lstrip("@").split())
        for name in self.names + self.practice:
            n = _norm(name)
            if t == n or t.lstrip("@") == n.lstrip("@"):
                return True
            if category == "name" and words <= set(n.lstrip("@").split()):
                return True
        return any(t in _norm(place) for place in self.address + self.practice)


def load(path: Path) -> OwnDetails:
    """Read a --me file (TOML with the fields above, or one detail a line)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise OwnDetailsError(f"{path}: cannot read it ({exc.strerror}).") from exc
    except UnicodeDecodeError as exc:
        raise OwnDetailsError(f"{path}: not UTF-8 text; save it as UTF-8.") from exc
    if path.suffix.lower() != ".toml" and "=" not in raw:
        return OwnDetails.of(line for line in raw.splitlines() if not line.startswith("#"))
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise OwnDetailsError(f"{path}: not valid TOML ({exc}).") from exc
    own = OwnDetails()
    for key, value in data.items():
        if key not in FIELDS:
            raise OwnDetailsError(f"{path}: unknown key {key!r}; use {', '.join(FIELDS)}.")
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise OwnDetailsError(f"{path}: {key} must be text or a list of texts.")
        getattr(own, key).extend(values)
    return own
