"""Labelled fields of a viewer or worklist in English, French and Spanish, the value beside the
label or on the line below it.

The form rules in `ocr` read English labels followed by their value on the same line
(`Patient: DOE^JANE`). Web viewers and European PACS print `Nom`, `Prénom`, `IPP`,
`Date de naissance`, `Paciente`, `NHC` or `Fecha de nacimiento`, and a panel often puts the
label on one line and the value under it. A label is matched with its accents folded and its
case ignored; what counts as its value depends on what it labels (a name is letters, an ID has
digits, a date has a digit), so a label above an unrelated line marks nothing.
"""

from __future__ import annotations

import re

# The label words (accents folded, lower case), by what their value identifies. Longer
# labels first within a kind does not matter: the longest match at a place wins.
LABELS: dict[str, tuple[str, ...]] = {
    "name": (
        "nom",
        "prenom",
        "prenoms",
        "nom du patient",
        "nom patient",
        "nom de naissance",
        "nom d'usage",
        "patient",
        "patiente",
        "paciente",
        "nombre",
        "nombre del paciente",
        "apellido",
        "apellidos",
        "patient name",
        "medecin",
        "medecin prescripteur",
        "prescripteur",
        "medico",
        "medico solicitante",
        "solicitante",
        "referring physician",
        "referring",
    ),
    "mrn": (
        "ipp",
        "nip",
        "n dossier",
        "no dossier",
        "num dossier",
        "numero de dossier",
        "dossier",
        "nhc",
        "historia",
        "historia clinica",
        "n historia",
        "id patient",
        "id paciente",
        "patient id",
        "identifiant",
        "numero patient",
        "mrn",
    ),
    "accession": (
        "n examen",
        "no examen",
        "numero d'examen",
        "numero examen",
        "n acceso",
        "numero de acceso",
        "n peticion",
        "peticion",
        "accession",
        "accession number",
    ),
    "date": (
        "date de naissance",
        "ne le",
        "nee le",
        "ne(e) le",
        "ddn",
        "fecha de nacimiento",
        "fecha nacimiento",
        "f nacimiento",
        "f nac",
        "fecha nac",
        "nacimiento",
        "date d'examen",
        "date examen",
        "date de l'examen",
        "fecha del estudio",
        "fecha estudio",
        "fecha de estudio",
        "dob",
        "birth date",
        "date of birth",
        "study date",
    ),
    "age": ("age", "edad"),
    "institution": (
        "etablissement",
        "hopital",
        "centre hospitalier",
        "institution",
        "centro",
        "hospital",
        "clinica",
        "site",
    ),
}

_MONTHS = (
    r"janv|fevr|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    r"|noviembre|diciembre"
)
# `12 mars 1948`, `1er avril 2025`, `3 de marzo de 1950` (on folded text), and as OCR runs
# them together (`27octobre2024`, `10 deenero de1934`).
WORDED_DATE = re.compile(
    rf"(?<!\d)\d{{1,2}}(?:er)? ?(?:de ?)?(?:{_MONTHS})[a-z]*\.? ?(?:de ?)?(?:19|20)\d\d(?!\d)"
)
# An age in years without a label, as French and Spanish overlays print it: `59 ans`,
# `061A`, `88 A`, `71 años` (folded: `anos`); 10 to 119.
WORDED_AGE = re.compile(r"(?<![\w.,:/])(?:0?[1-9]\d|1[01]\d) ?(?:ans|anos|a)(?![\w.,/])")
HEADER_LABELS = 3  # a line with this many labels is a worklist's header row

_BY_WORD = {label: kind for kind, labels in LABELS.items() for label in labels}


def _label_pattern(label: str) -> str:
    """A label as OCR prints it: `N° dossier`, `N.dossier`, `Nomdupatient` are `n dossier`
    and `nom du patient` (the words run together or apart, a degree sign or dot between)."""
    return r"[\s.°º-]*".join(re.escape(word) for word in label.split())


_LABEL = re.compile(
    r"(?<![a-z])(?P<label>"
    + "|".join(f"(?:{_label_pattern(x)})" for x in sorted(_BY_WORD, key=len, reverse=True))
    + r")(?![a-z])\.?\s*(?:[:#=]|n[o°º]\.?)?\s*"
)


def _letters(label: str) -> str:
    return re.sub(r"[^a-z'()]", "", label)


# A label as read (`n° dossier`, `nomdupatient`) is known by its letters alone.
_KIND_BY_LETTERS = {_letters(label): kind for label, kind in _BY_WORD.items()}


_ID_VALUE = re.compile(r"(?=[a-z0-9-]*\d{4})[a-z0-9][a-z0-9-]{3,}")  # four digits or more
_VALUE = {
    # A name: up to four words of letters (a particle, a hyphen, an apostrophe, ^ or a comma
    # between them), nothing with a digit.
    "name": re.compile(r"[a-z][a-z'^*,-]*(?:[ ^,]+[a-z][a-z'^*.-]*){0,3}"),
    "mrn": _ID_VALUE,
    "accession": _ID_VALUE,
    "date": re.compile(
        r"(?=[^ ]*\d)\d{1,4}[-/. ]?(?:\d{1,2}|[a-z]{3,10}\.?)[-/. ]?\d{2,4}"
        rf"|{WORDED_DATE.pattern}"
    ),
    "age": re.compile(r"\d{1,3}(?: ?(?:a|ans|anos|y))?(?![\d/])"),
    "institution": re.compile(r"[a-z][^\n]{2,60}"),
}
_FIRST_WORDS = frozenset(label.split()[0] for label in _BY_WORD) - {"patient", "nombre"}
# Words that follow a name label without being a name (the next field's label, a particle).
_NOT_A_NAME = frozenset(
    {"id", "no", "n", "sexe", "sexo", "sex", "age", "edad", "ddn", "dob", "date", "fecha"}
    | {"ipp", "nhc", "examen", "estudio", "de", "du", "la", "le"}
)


def fold(text: str) -> str:
    """Lower case without accents (the name lists' `plain`), one character for one, so
    offsets stay those of `text`."""
    from socialcoach.phi.lexicon import plain

    return "".join(plain(char)[:1] or char for char in text)


def _value(kind: str, text: str, start: int) -> tuple[int, int] | None:
    """Where the value of a `kind` label starts at `start` of `text` (folded), if it is one."""
    m = _VALUE[kind].match(text, start)
    if not m or m.end() == m.start():
        return None
    value = m.group().strip(" ,")
    if kind == "name":
        words = [w for w in re.split(r"[ ^,*]+", value) if w]
        if not words or words[0] in _NOT_A_NAME or words[0] in _FIRST_WORDS:
            return None
        from socialcoach.images.ocr import _OVERLAY_WORDS

        if all(w in _OVERLAY_WORDS for w in words):
            return None  # `Patient` above `Axial`: the viewer's own words name no one
        # `Nom: DUPONT Prénom: Marie`: the value stops where the next label starts.
        cut = next((k for k, w in enumerate(words) if w in _FIRST_WORDS), None)
        if cut is not None:
            value = value[: value.index(words[cut], len(words[0]))].rstrip(" ,^*")
    return m.start(), m.start() + len(value)


def labelled(
    lines: list[str], boxes: list[tuple[int, int, int, int]], offsets: list[int]
) -> list[tuple[int, int, str]]:
    """(start, end, category) in the joined text for every labelled value: after its label on
    the line, or, for a label that ends its line, on the line directly below it (overlapping
    it across, within two line heights down)."""
    found: list[tuple[int, int, str]] = []
    folded = [fold(line) for line in lines]
    for i, line in enumerate(folded):
        matches = list(_LABEL.finditer(line))
        if len(matches) >= HEADER_LABELS:
            # A worklist's header row: its values stand in columns on the row below, which
            # the other rules read one by one; the row whole is no one label's value.
            continue
        for m in matches:
            kind = _KIND_BY_LETTERS.get(_letters(m.group("label")))
            if kind is None:
                continue
            if m.end() < len(line):
                if kind == "name" and not re.search(r"[:#=]", m.group()):
                    # `Patient Smith`: a bare word before a name is read by the name rules;
                    # here only a label with its colon, or alone on its line, counts.
                    continue
                span = _value(kind, line, m.end())
                if span:
                    found.append((offsets[i] + span[0], offsets[i] + span[1], kind))
                continue
            below = _line_below(i, boxes)
            if below is not None:
                span = _value(kind, folded[below], 0)
                if span:
                    found.append((offsets[below] + span[0], offsets[below] + span[1], kind))
    for i, line in enumerate(folded):
        for m in WORDED_DATE.finditer(line):
            found.append((offsets[i] + m.start(), offsets[i] + m.end(), "date"))
        for m in WORDED_AGE.finditer(line):
            found.append((offsets[i] + m.start(), offsets[i] + m.end(), "age"))
    return found


def _line_below(i: int, boxes: list[tuple[int, int, int, int]]) -> int | None:
    left, top, width, height = boxes[i]
    best = None
    for j, (l2, t2, w2, h2) in enumerate(boxes):
        if j == i or t2 <= top:
            continue
        gap = t2 - (top + height)
        across = min(left + width, l2 + w2) - max(left, l2)
        near = -height / 2 <= gap <= 2 * max(height, h2) and across > 0
        if near and (best is None or t2 < boxes[best][1]):
            best = j
    return best
