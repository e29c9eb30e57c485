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


# The image checker's side of the table (`socialcoach.images`): the categories only files and
# pixels have, and for every category a finding in an image can carry (these above and the
# draft's own), why it matters in a file and what to do there. Kept here so a category means
# one thing in a draft and in an image; importing this module loads no rules or word lists
# (`socialcoach.phi` registers its recognizers on the first check).
IMAGE_CATEGORIES: tuple[str, ...] = (
    "age",
    "gps",
    "thumbnail",
    "software",
    "hidden_text",
    "institution",
    "private_tag",
    "burned_in",
    "profile",
)

# The command line's ways to act on an image finding, named once: the advice below is in the
# command line's words, and `images.model.in_app_words` puts the app's button in their place.
STRIP = "(--strip)"
COVER = "(--redact OUT writes a copy with every text region read covered)"

IMAGE_ADVICE: dict[str, tuple[str, str]] = {
    "gps": (
        "A GPS position shows where the photo was taken: the hospital, the reading room, a home.",
        "Strip the metadata " + STRIP + " and turn off location for the camera app.",
    ),
    "date": (
        "Dates and times tied to an exam narrow down whose exam it is.",
        "Strip the metadata " + STRIP + "; keep at most the year in the caption.",
    ),
    "device": (
        "A serial number traces the image to one scanner, camera or phone, and its owner.",
        "Strip the metadata " + STRIP + ".",
    ),
    "name": (
        "A person's name travels with the file, even if the image does not show it.",
        "Strip the metadata " + STRIP + " or de-identify the file before sharing.",
    ),
    "mrn": (
        "A patient ID or record number links the image straight back to the patient.",
        "Strip the header " + STRIP + " or de-identify the study before export.",
    ),
    "accession": (
        "An accession number links straight back to the patient's exam.",
        "Strip the header " + STRIP + " or de-identify the study before export.",
    ),
    "age": (
        "An age burned into the image, with the exam's date and place, narrows down who the "
        "patient is (ages over 89 identify alone).",
        "Cover it (--redact OUT) or crop it.",
    ),
    "age_over_89": (
        "Ages over 89 are rare enough to identify someone.",
        "Strip the header " + STRIP + ".",
    ),
    "address": (
        "An address or place of residence locates the patient.",
        "Strip the header " + STRIP + ".",
    ),
    "phone": ("A telephone number is a direct identifier.", "Strip the header " + STRIP + "."),
    "health_plan": (
        "A health plan or insurance number identifies the patient.",
        "Strip the header " + STRIP + ".",
    ),
    "other_id": (
        "A unique ID (study, series or instance UID, order or visit number) can be looked up "
        "in the hospital's systems.",
        "Strip the header " + STRIP + " or de-identify the study before export.",
    ),
    "photo": (
        "The header says the image shows recognisable features (a face, a 3D render of the head).",
        "Do not post it; crop or de-face first.",
    ),
    "thumbnail": (
        "A small preview of the original picture is embedded: cropping or editing the image "
        "often leaves the old thumbnail, uncropped, inside the file.",
        "Strip the metadata " + STRIP + ".",
    ),
    "software": (
        "Software, workstation and owner fields can name the hospital's systems or a person.",
        "Strip the metadata " + STRIP + ".",
    ),
    "hidden_text": (
        "Text hidden in the file (comments, descriptions, titles) travels with the image and "
        "anyone can read it.",
        "Strip the metadata " + STRIP + ", or clear the field.",
    ),
    "institution": (
        "The hospital, department or station name says where the patient was seen.",
        "Strip the header " + STRIP + ".",
    ),
    "private_tag": (
        "Vendor private tags are not documented and often copy names, IDs and dates.",
        "Strip the header " + STRIP + ".",
    ),
    "burned_in": (
        "Text is burned into the pixels: stripping the metadata does not remove it.",
        "Cover it " + COVER + " or crop.",
    ),
    "profile": (
        "The DICOM confidentiality profile (PS3.15 Annex E) lists this attribute as one that "
        "can identify the patient, the staff or the place.",
        "De-identify the file (--redact OUT.dcm) or share only a rendered, covered copy "
        "(--redact OUT.png).",
    ),
}
