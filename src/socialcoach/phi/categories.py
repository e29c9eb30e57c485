"""The one table of identifier categories: why each is a risk, the fix, priority, the rewrite.

Shared by the draft checker and the image checker, so a category means one thing everywhere.
`priority`: where two candidates overlap, the lower number wins (more specific evidence first).
`rewrite`: the safe text a one-key fix puts in place of the finding; "" removes it, and the
special values `YEAR` and `STATE` are worked out from the finding (see `socialcoach.phi.fix`).
"""

from __future__ import annotations

from dataclasses import dataclass

YEAR = "<year>"  # a date is cut to its year when it has one, otherwise dropped
STATE = "<state>"  # a town becomes its state when the gazetteer knows it, otherwise "a town"


@dataclass(frozen=True, slots=True)
class Category:
    """One kind of identifier and what the checker says and does about it."""

    name: str
    message: str
    fix: str
    priority: int
    rewrite: str


_TABLE: tuple[tuple[str, str, str, str], ...] = (
    # name, message, fix, rewrite  (listed in priority order)
    ("email", "An email address is a direct identifier.", "Remove the email address.", ""),
    (
        "url",
        "A link that is not a journal or society page may lead to the patient's data.",
        "Remove the link or use a journal/education link instead.",
        "",
    ),
    ("ssn", "A Social Security number is a direct identifier.", "Remove the number entirely.", ""),
    ("fax", "A fax number is a direct identifier.", "Remove the fax number.", ""),
    ("phone", "A telephone number is a direct identifier.", "Remove the phone number.", ""),
    ("ip", "An IP address is an identifier under HIPAA.", "Remove the IP address.", ""),
    ("mrn", "A medical record number identifies the patient.", "Remove the record number.", ""),
    (
        "accession",
        "An accession number links straight back to the patient's exam.",
        "Remove the accession number (check burned-in text too).",
        "",
    ),
    (
        "health_plan",
        "A health plan or member number identifies the patient.",
        "Remove the member or policy number.",
        "",
    ),
    ("account", "An account number identifies the patient.", "Remove the account number.", ""),
    (
        "vehicle",
        "A plate or VIN can be traced to a person.",
        "Remove the plate or vehicle number.",
        "",
    ),
    (
        "license",
        "Certificate and licence numbers are identifiers under HIPAA.",
        "Remove the licence or certificate number.",
        "",
    ),
    (
        "device",
        "A device serial or lot number can be traced to the patient who has it.",
        "Remove the serial or lot number (crop it from images too).",
        "",
    ),
    (
        "other_id",
        "A code, handle, alias or initials tied to a patient can identify them.",
        "Remove the code, handle or initials.",
        "",
    ),
    ("address", "A street address locates the patient.", "Remove the address.", "a local address"),
    ("zip", "A ZIP code is geography smaller than a state.", "Remove the ZIP code.", ""),
    (
        "date",
        "A day or month tied to a patient narrows who it is (only the year is allowed).",
        "Drop the day and month; keep at most the year.",
        YEAR,
    ),
    (
        "age_over_89",
        "Ages over 89 are rare enough to identify someone.",
        "Write 'over 90' instead of the exact age.",
        "over 90",
    ),
    (
        "name",
        "Looks like a patient's or relative's name, a direct identifier.",
        "Remove the name; say 'a patient' instead.",
        "a patient",
    ),
    (
        "photo",
        "Faces, and 3D renders of the head, can be recognised.",
        "Do not post face photos; crop or de-face renders of the head.",
        "an image",
    ),
    (
        "biometric",
        "Biometric data (fingerprints, voice, retina) identify a person.",
        "Do not share biometric data or mention it for a patient.",
        "",
    ),
    (
        "geo_small",
        "A town, county, facility, ward or bed smaller than a state narrows who the patient is.",
        "Remove the place; at most name the state or region.",
        STATE,
    ),
    (
        "context",
        "Recency, a public role, a relative or a one-of-a-kind detail can identify a patient"
        " without a name.",
        "Wait months before posting, and drop when, where and who details.",
        "",
    ),
)

TABLE: dict[str, Category] = {
    name: Category(name, message, fix, priority, rewrite)
    for priority, (name, message, fix, rewrite) in enumerate(_TABLE)
}

# The categories in the order reports and the labelling guide list them.
CATEGORIES: tuple[str, ...] = (
    "name",
    "date",
    "age_over_89",
    "phone",
    "fax",
    "email",
    "ssn",
    "mrn",
    "accession",
    "health_plan",
    "account",
    "license",
    "vehicle",
    "device",
    "url",
    "ip",
    "address",
    "zip",
    "geo_small",
    "biometric",
    "photo",
    "other_id",
    "context",
)

CONFIDENCE = ("likely", "possible")
