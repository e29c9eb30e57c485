#!/usr/bin/env python3
"""Synthetic phone photos of a radiology (PACS/DICOM) viewer screen, with ground truth.

Usage:  python generate.py OUTDIR

Writes p01.jpg ... p24.jpg and truth.json into OUTDIR.  Everything is invented;
all names, IDs, dates and institutions are synthetic.  Deterministic: fixed seed.
Only numpy, Pillow and opencv-python are used.
"""
import sys
import os
import json
import math

import numpy as np
import cv2
from PIL import Image, ImageDraw, ImageFont

SEED = 77123
N_PHOTOS = 24

cv2.setNumThreads(2)

FONT_ROOT = "/usr/share/fonts/truetype"
FONT_FILES = {
    "sans": "dejavu/DejaVuSans.ttf",
    "sans_lib": "liberation/LiberationSans-Regular.ttf",
    "sans_bold": "dejavu/DejaVuSans-Bold.ttf",
    "sans_lib_bold": "liberation/LiberationSans-Bold.ttf",
    "mono": "dejavu/DejaVuSansMono.ttf",
    "mono_lib": "liberation/LiberationMono-Regular.ttf",
    "mono_bold": "dejavu/DejaVuSansMono-Bold.ttf",
    "condensed": "dejavu/DejaVuSansCondensed.ttf",
    "condensed_bold": "dejavu/DejaVuSansCondensed-Bold.ttf",
    "serif": "dejavu/DejaVuSerif.ttf",
    "serif_lib": "liberation/LiberationSerif-Regular.ttf",
    "serif_condensed": "dejavu/DejaVuSerifCondensed.ttf",
    "narrow": "liberation/LiberationSansNarrow-Regular.ttf",
    "narrow_bold": "liberation/LiberationSansNarrow-Bold.ttf",
}
# overlay font choices (family name, regular key, bold key)
OVERLAY_FONTS = [
    ("sans", "sans", "sans_bold"),
    ("sans", "sans_lib", "sans_lib_bold"),
    ("mono", "mono", "mono_bold"),
    ("mono", "mono_lib", "mono_bold"),
    ("condensed", "condensed", "condensed_bold"),
    ("serif", "serif", "serif"),
    ("serif", "serif_lib", "serif_lib"),
    ("serif", "serif_condensed", "serif_condensed"),
    ("narrow", "narrow", "narrow_bold"),
    ("bold", "sans_bold", "sans_bold"),
    ("bold", "condensed_bold", "condensed_bold"),
    ("bold", "mono_bold", "mono_bold"),
]

_font_cache = {}


def font(key, size):
    k = (key, int(size))
    if k not in _font_cache:
        _font_cache[k] = ImageFont.truetype(os.path.join(FONT_ROOT, FONT_FILES[key]), int(size))
    return _font_cache[k]


# ----------------------------------------------------------------------------
# small random helpers
# ----------------------------------------------------------------------------
class R:
    def __init__(self, seed):
        self.g = np.random.default_rng(seed)

    def u(self, a, b):
        return float(self.g.uniform(a, b))

    def i(self, a, b):  # inclusive
        return int(self.g.integers(a, b + 1))

    def p(self, prob):
        return bool(self.g.random() < prob)

    def c(self, seq):
        return seq[int(self.g.integers(0, len(seq)))]

    def w(self, seq, weights):
        w = np.asarray(weights, dtype=float)
        return seq[int(self.g.choice(len(seq), p=w / w.sum()))]

    def shuffle(self, seq):
        seq = list(seq)
        idx = self.g.permutation(len(seq))
        return [seq[k] for k in idx]

    def digits(self, n):
        return "".join(str(self.i(0, 9)) for _ in range(n))

    def letters(self, n):
        return "".join(chr(65 + self.i(0, 25)) for _ in range(n))


# ----------------------------------------------------------------------------
# synthetic identities
# ----------------------------------------------------------------------------
SURNAMES = [
    "Ibarrola", "Peña", "Valdés", "Quintanilla", "Cárdenas", "Olmedo", "Zubiría",
    "Ødegård", "Bjørnstad", "Hølmebakk", "Sæther", "Lindqvist", "Åkerlund",
    "Lefèvre", "Duchêne", "Beaulieu", "Rousseau", "Marchetti", "Scarpellini",
    "Brückner", "Hölzl", "Kettenbach", "Weißmann", "Jäger",
    "Wróblewski", "Szczęsny", "Kowalczyk", "Łagoda", "Çelik", "Yıldırım", "Öztürk",
    "Gonçalves", "Araújo", "Magalhães", "O'Donnell", "Fairbairn", "McAllister",
    "van der Berg", "de Vries", "Okonkwo", "Adeyemi", "Chukwuma", "Mensah",
    "Raghunathan", "Iyer", "Chaudhary", "Zhang", "Liang", "Xu", "Takahashi",
    "Morimoto", "Park", "Seo", "Nguyễn", "Trần", "Al-Haddad", "El-Sayed",
    "Papadopoulou", "Karamanlis", "Häkkinen", "Virtanen", "Dvořák", "Novotná",
    "Szabó", "Þórsdóttir", "Jónsson", "Kuznetsova", "Mwangi", "Haddadi",
    "Esposito", "Ferreira", "Halvorsen", "Castellanos", "Rautio", "Nakashima",
]
FIRSTNAMES = [
    "Inés", "Søren", "Zoë", "François", "José", "Mária", "Björn", "Ayşe", "Chidi",
    "Priya", "Wei", "Haruto", "Jiwoo", "Thảo", "Omar", "Eleni", "Aino", "Tomáš",
    "Ágnes", "Guðrún", "Ciarán", "Joana", "Lukas", "Nadia", "Rafael", "Ingrid",
    "Mateo", "Anneke", "Kwame", "Leilani", "Dmitri", "Héloïse", "Niamh", "Oskar",
    "Mónica", "Emre", "Yusuf", "Sunniva", "Amara", "Kenji", "Rania", "Bartosz",
    "Liesel", "Tatiana", "Maëlle", "Jörg", "Pilar", "Arvid", "Noor", "Esther",
]
INITIALS = list("ABCDEFGHJKLMNPRSTW")


def make_person(r):
    last = r.c(SURNAMES)
    if r.p(0.18):
        other = r.c(SURNAMES)
        if other != last and " " not in other and " " not in last:
            last = last + "-" + other
    first = r.c(FIRSTNAMES)
    mid = r.c(INITIALS) if r.p(0.4) else ""
    return {"last": last, "first": first, "mid": mid}


def format_name(r, pers):
    L, F, M = pers["last"], pers["first"], pers["mid"]
    forms = [
        lambda: f"{L.upper()}^{F.upper()}",
        lambda: f"{L.upper()}^{F.upper()}^{M}" if M else f"{L.upper()}^{F.upper()}",
        lambda: f"{L}^{F}",
        lambda: f"{L.upper()}, {F.upper()}",
        lambda: f"{L}, {F}" + (f" {M}." if M else ""),
        lambda: f"{L.upper()} {F.upper()}" + (f" {M}" if M else ""),
        lambda: f"{L.upper()} {F}" + (f" {M}" if M else ""),
        lambda: f"{F} {L}",
        lambda: f"{L.upper()}, {F}",
    ]
    return r.c(forms)()


def format_physician(r):
    p = make_person(r)
    L, F = p["last"], p["first"]
    forms = [
        lambda: f"Dr {F[0]}. {L}",
        lambda: f"Dr. {F} {L}",
        lambda: f"{L.upper()}^{F.upper()}^^DR",
        lambda: f"Prof. Dr. {F[0]}. {L}",
        lambda: f"{L}, {F[0]}. MD",
        lambda: f"DR {L.upper()}",
        lambda: f"{L.upper()}^{F[0]}",
        lambda: f"Dr {L}",
    ]
    return r.c(forms)()


PLACES = ["Nordhafen", "Valdemora", "Kestrel Bay", "Ashcombe", "Lindholmen", "Marrowgate",
          "Tessaly", "Brunnwald", "Calderón Alto", "Fjellby", "Orrington", "Vessmark",
          "Quillan Ridge", "Haverlo", "Santa Irena", "Mossgiel", "Ebbensee", "Kortrijkhaven"]
SAINTS = ["Saint-Évremond", "San Teodoro", "Sainte-Aurèle", "San Lucio", "St. Aldric",
          "St. Brenna", "Santa Zita"]
INST_TEMPLATES = [
    "{place} General Hospital", "{place} Imaging Centre", "Klinikum {place}",
    "Hôpital {saint}", "Ospedale {saint}", "Centro de Diagnóstico {place}",
    "{place} Sykehus", "{place} University Medical Center", "{place} Radiology Associates",
    "Policlínica {place}", "{place} Community Hospital", "{saint} Regional Hospital",
    "Radiologie {place}", "{place} Diagnostic Imaging", "Clínica {saint}",
]
DEPARTMENTS = [" - Radiology", " / Dept. of Diagnostic Imaging", " Radiologie",
               " Neuroradiology", " Imaging Dept", " - Röntgen", " | Radiologia"]


def make_institution(r):
    t = r.c(INST_TEMPLATES)
    s = t.format(place=r.c(PLACES), saint=r.c(SAINTS))
    if r.p(0.35):
        s += r.c(DEPARTMENTS)
    if r.p(0.25):
        s = s.upper()
    return s


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def rand_date(r, y0, y1):
    y = r.i(y0, y1)
    m = r.i(1, 12)
    d = r.i(1, [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1])
    return (y, m, d)


def fmt_date(r, ymd, style=None):
    y, m, d = ymd
    styles = ["iso", "dmy_slash", "mdy_slash", "d_mon_y", "compact", "dmy_dot", "ymd_dot",
              "mon_d_y", "d_MON_y"]
    s = style or r.c(styles)
    if s == "iso":
        return f"{y:04d}-{m:02d}-{d:02d}"
    if s == "dmy_slash":
        return f"{d:02d}/{m:02d}/{y:04d}"
    if s == "mdy_slash":
        return f"{m:02d}/{d:02d}/{y:04d}"
    if s == "d_mon_y":
        return f"{d:02d}-{MONTHS[m - 1]}-{y:04d}"
    if s == "compact":
        return f"{y:04d}{m:02d}{d:02d}"
    if s == "dmy_dot":
        return f"{d:02d}.{m:02d}.{y:04d}"
    if s == "ymd_dot":
        return f"{y:04d}.{m:02d}.{d:02d}"
    if s == "mon_d_y":
        return f"{MONTHS[m - 1]} {d}, {y:04d}"
    return f"{d:02d} {MONTHS[m - 1].upper()} {y:04d}"


def fmt_time(r):
    h, mi, s = r.i(0, 23), r.i(0, 59), r.i(0, 59)
    forms = [f"{h:02d}:{mi:02d}:{s:02d}", f"{h:02d}:{mi:02d}", f"{h:02d}{mi:02d}{s:02d}",
             f"{(h % 12) or 12}:{mi:02d} {'AM' if h < 12 else 'PM'}"]
    return r.c(forms)


def age_years(dob, study):
    a = study[0] - dob[0]
    if (study[1], study[2]) < (dob[1], dob[2]):
        a -= 1
    return a


def fmt_age(r, a):
    return r.c([f"{a}Y", f"{a:03d}Y", f"{a} y", f"{a}y", f"{a} Y", f"{a}yrs", f"{a:03d}y"])


def make_mrn(r):
    forms = [
        lambda: r.digits(r.i(6, 10)),
        lambda: r.letters(r.i(1, 2)) + r.digits(r.i(6, 8)),
        lambda: "MRN-" + r.digits(6),
        lambda: r.letters(1) + "-" + r.digits(4) + "-" + r.digits(2),
        lambda: "00" + r.digits(7),
        lambda: r.digits(3) + " " + r.digits(3) + " " + r.digits(3),
    ]
    return r.c(forms)()


def make_accession(r, study):
    forms = [
        lambda: r.letters(1) + f"{study[0]}-" + r.digits(6),
        lambda: r.digits(r.i(7, 9)),
        lambda: r.letters(2) + r.digits(6),
        lambda: "E" + r.digits(8),
        lambda: f"{study[0] % 100:02d}" + r.letters(2) + r.digits(5),
    ]
    return r.c(forms)()


# ----------------------------------------------------------------------------
# overlay content model: lines made of segments
#   segment = (text, role, cat)  role in {"id", "other", "punct"}
# ----------------------------------------------------------------------------
def seg_id(t, cat):
    return (t, "id", cat)


def seg_o(t, kind):
    return (t, "other", kind)


def seg_p(t):
    return (t, "punct", None)


def build_identifier_lines(r, n_target):
    """Return (patient_lines, study_lines, extra) as lists of segment lists."""
    pers = make_person(r)
    study = rand_date(r, 2019, 2025)
    dob = rand_date(r, 1931, 2016)
    while dob >= study:
        dob = rand_date(r, 1931, 2016)
    age = age_years(dob, study)
    sex = r.c(["F", "M", "F", "M", "O"])

    # which items exist
    have = {
        "name": r.p(0.96),
        "mrn": r.p(0.85),
        "dob": r.p(0.72),
        "accession": r.p(0.55),
        "institution": r.p(0.65),
        "study_date": r.p(0.75),
        "date": r.p(0.3),
        "physician": r.p(0.45),
    }
    # age: with dob (combined) or alone
    age_with_dob = have["dob"] and r.p(0.5)
    age_alone = (not have["dob"]) and r.p(0.6)

    def count():
        return (sum(have.values()) + (1 if (age_with_dob or age_alone) else 0))

    order_drop = ["date", "physician", "accession", "institution", "study_date", "mrn"]
    order_add = r.shuffle(["mrn", "accession", "institution", "study_date", "physician", "date", "dob"])
    while count() > n_target:
        for k in order_drop:
            if have[k] and count() > n_target:
                have[k] = False
        if count() > n_target and (age_with_dob or age_alone):
            age_with_dob = age_alone = False
        if count() > n_target:
            have["dob"] = False
    for k in order_add:
        if count() < n_target and not have[k]:
            have[k] = True
    if count() < n_target and have["dob"] and not age_with_dob:
        age_with_dob = True
    if not have["dob"]:
        age_with_dob = False

    patient, studyl = [], []
    name_txt = format_name(r, pers)
    if have["name"]:
        lab = r.w([None, "Name:", "Patient:", "Pat:"], [6, 2, 1, 1])
        line = ([seg_o(lab, "label")] if lab else []) + [seg_id(name_txt, "name")]
        patient.append(line)
    if have["mrn"]:
        lab = r.w([None, "ID:", "MRN", "MRN:", "Pat ID:", "PID:", "Patient ID:"], [3, 3, 2, 2, 2, 2, 1])
        line = ([seg_o(lab, "label")] if lab else []) + [seg_id(make_mrn(r), "mrn")]
        patient.append(line)
    if have["dob"]:
        lab = r.w([None, "DOB:", "Born:", "Birth Date:", "D.O.B."], [3, 4, 1, 1, 1])
        line = ([seg_o(lab, "label")] if lab else []) + [seg_id(fmt_date(r, dob), "dob")]
        if age_with_dob:
            a = fmt_age(r, age)
            st = r.c(["plain", "paren", "sexfirst", "slash"])
            if st == "plain":
                line += [seg_id(a, "age")] + ([seg_o(sex, "sex")] if r.p(0.7) else [])
            elif st == "paren":
                line += [seg_p("("), seg_id(a, "age"), seg_p(")")] + ([seg_o(sex, "sex")] if r.p(0.5) else [])
            elif st == "sexfirst":
                line += [seg_o(sex, "sex"), seg_id(a, "age")]
            else:
                line += [seg_p("/"), seg_id(a, "age"), seg_p("/"), seg_o(sex, "sex")]
        elif r.p(0.4):
            line += [seg_o(sex, "sex")]
        patient.append(line)
    if age_alone:
        a = fmt_age(r, age)
        st = r.c(["label", "sexfirst", "bare"])
        if st == "label":
            line = [seg_o("Age:", "label"), seg_id(a, "age")] + ([seg_o("Sex:", "label"), seg_o(sex, "sex")] if r.p(0.5) else [])
        elif st == "sexfirst":
            line = [seg_o(sex, "sex"), seg_id(a, "age")]
        else:
            line = [seg_id(a, "age"), seg_o(sex, "sex")]
        patient.append(line)
    if have["institution"]:
        studyl.append([seg_id(make_institution(r), "institution")])
    if have["study_date"]:
        lab = r.w([None, "Study Date:", "Study:", "Date:", "Exam:"], [3, 2, 1, 1, 1])
        d = fmt_date(r, study)
        if r.p(0.6):
            d = d + " " + fmt_time(r)
        studyl.append(([seg_o(lab, "label")] if lab else []) + [seg_id(d, "study_date")])
    if have["date"]:
        sd = rand_date(r, study[0] - 1, study[0])
        lab = r.w(["Series Date:", "Acq:", "Acq Date:", "Ser:", "Exam Date:", "Content:"], [2, 2, 1, 1, 1, 1])
        d = fmt_date(r, sd)
        if r.p(0.4):
            d = d + " " + fmt_time(r)
        studyl.append([seg_o(lab, "label"), seg_id(d, "date")])
    if have["accession"]:
        lab = r.w([None, "Acc:", "Accession:", "ACC#", "Acc. No:", "Accession #"], [2, 3, 2, 2, 1, 1])
        studyl.append(([seg_o(lab, "label")] if lab else []) + [seg_id(make_accession(r, study), "accession")])
    if have["physician"]:
        lab = r.c(["Ref:", "Referring:", "Ref. Phys:", "Reading:", "Ref Dr:", "Physician:"])
        studyl.append([seg_o(lab, "label"), seg_id(format_physician(r), "physician")])
    info = {"person": pers, "name_txt": name_txt, "study": study, "dob": dob, "age": age, "sex": sex}
    return patient, studyl, info


MODALITY_PROTOCOLS = {
    "ct_chest": ["CT CHEST W/O", "CT THORAX C+", "CHEST HRCT", "CT PE PROTOCOL", "LUNG 1.25 MM"],
    "ct_abd": ["CT ABD/PEL W/", "CT ABDOMEN C+", "ABD PORTAL VEN", "CT A/P W/O"],
    "mr_brain": ["AX T2 FSE", "AX FLAIR", "MR BRAIN W/WO", "T1 SE AX POST", "DWI B1000"],
    "xr_chest": ["CR CHEST PA", "CHEST AP PORTABLE", "DX THORAX PA", "CHEST 2 VIEWS"],
}
SOFTWARE = ["SynthView 4.2.1", "RadiantPix v7.0.3", "OrthoPACS 11.4", "Vireo Workstation 3.9",
            "LumaRead 2.18", "PACSLite 6.1 build 2207", "MediFrame v5.5", "NovaDicom 12.0.4"]


def build_technical(r, modality, n_target):
    """Technical (non identifier) overlay lines, as lists of segment lists, split in two groups."""
    out = []
    if modality.startswith("ct"):
        kv = r.c([80, 100, 120, 140])
        cand = [
            lambda: [seg_o(f"{kv} kV", "technical")] if r.p(0.5) else [seg_o("kVp:", "label"), seg_o(str(kv), "technical")],
            lambda: [seg_o(f"{r.i(80, 450)} mA", "technical")] if r.p(0.5) else [seg_o(f"mAs: {r.i(40, 320)}", "technical")],
            lambda: [seg_o(r.c(["Thk: ", "ST: ", "Slice: ", ""]) + r.c(["0.625", "1.25", "2.5", "3.0", "5.0"]) + " mm", "technical")],
            lambda: [seg_o(r.c(["W: 400 L: 40", "W: 1500 L: -600", "WW: 350 WL: 50", "C 40 W 400", "W 2000 L 300", "WL: -500 WW: 1600"]), "technical")],
            lambda: [seg_o(f"Zoom: {r.i(80, 250)}%", "technical")] if r.p(0.6) else [seg_o(f"Z {r.u(0.8, 2.5):.2f}", "technical")],
            lambda: [seg_o(f"Se: {r.i(1, 9)} Im: {r.i(1, 120)}/{r.i(120, 480)}", "technical")] if r.p(0.6) else [seg_o(f"Ser {r.i(1, 9)} / Img {r.i(1, 300)}", "technical")],
            lambda: [seg_o(f"Tilt: {r.c(['0.0', '-5.0', '0'])}", "technical")],
            lambda: [seg_o(f"Pitch {r.c(['0.984', '1.375', '0.5'])}", "technical")],
            lambda: [seg_o(f"Loc: {r.u(-300, 200):.1f}", "technical")],
            lambda: [seg_o(r.c(["Kernel B30f", "STANDARD", "LUNG", "Br40"]), "technical")],
        ]
    elif modality.startswith("mr"):
        cand = [
            lambda: [seg_o(f"TR: {r.i(400, 9000)}", "technical")],
            lambda: [seg_o(f"TE: {r.i(8, 120)}", "technical")],
            lambda: [seg_o(r.c(["1.5T", "3.0T", "3T"]), "technical")],
            lambda: [seg_o(r.c(["Thk: ", "ST ", ""]) + r.c(["3.0", "4.0", "5.0"]) + r.c(["mm", " mm"]), "technical")],
            lambda: [seg_o(r.c(["W: 812 L: 406", "W 1200 C 600", "WW: 980 WL: 470"]), "technical")],
            lambda: [seg_o(f"Zoom: {r.i(80, 250)}%", "technical")],
            lambda: [seg_o(f"Se: {r.i(1, 12)} Im: {r.i(1, 24)}/{r.i(24, 60)}", "technical")] if r.p(0.6) else [seg_o(f"S{r.i(1, 12)} I{r.i(1, 60)}", "technical")],
            lambda: [seg_o(f"FOV {r.c(['22', '24', '23x23'])} cm", "technical")],
            lambda: [seg_o(f"Matrix {r.c(['256x256', '320x224', '512x512'])}", "technical")],
            lambda: [seg_o(f"NEX {r.c(['1', '2', '1.5'])}", "technical")],
        ]
    else:
        cand = [
            lambda: [seg_o(f"{r.i(70, 125)} kV", "technical")],
            lambda: [seg_o(f"{r.u(1.0, 8.0):.1f} mAs", "technical")],
            lambda: [seg_o(r.c(["W: 4095 L: 2047", "W 3200 L 1800", "WW: 2800 WL: 1500"]), "technical")],
            lambda: [seg_o(f"Zoom: {r.i(40, 120)}%", "technical")],
            lambda: [seg_o(f"Im: 1/{r.i(1, 3)}", "technical")],
            lambda: [seg_o(f"SID {r.c(['180', '100', '150'])} cm", "technical")],
            lambda: [seg_o(f"EI {r.i(200, 1800)}", "technical")],
            lambda: [seg_o("Grid", "technical")],
        ]
    idx = r.shuffle(range(len(cand)))[:n_target]
    out = [cand[k]() for k in sorted(idx)]
    out.append([seg_o(r.c(MODALITY_PROTOCOLS[modality]), "protocol")])
    if r.p(0.6):
        out.append([seg_o(r.c(SOFTWARE), "software")])
    return out


# ----------------------------------------------------------------------------
# synthetic anatomy images (float 0..1, grayscale)
# ----------------------------------------------------------------------------
def smooth_noise(r, h, w, scale, oct=3):
    acc = np.zeros((h, w), np.float32)
    amp = 1.0
    tot = 0.0
    for k in range(oct):
        sh = max(2, int(h / scale * (2 ** k)))
        sw = max(2, int(w / scale * (2 ** k)))
        n = r.g.standard_normal((sh, sw)).astype(np.float32)
        acc += amp * cv2.resize(n, (w, h), interpolation=cv2.INTER_CUBIC)
        tot += amp
        amp *= 0.5
    return acc / tot


def ell(img, cx, cy, ax, ay, ang, val, mode="set"):
    mask = np.zeros(img.shape, np.uint8)
    cv2.ellipse(mask, (int(cx * 16), int(cy * 16)), (max(1, int(ax * 16)), max(1, int(ay * 16))), ang, 0, 360, 1, -1, cv2.LINE_AA, 4)
    m = mask.astype(bool)
    if mode == "set":
        img[m] = val
    else:
        img[m] += val
    return m


def anatomy(r, modality, S=512):
    img = np.zeros((S, S), np.float32)
    c = S / 2
    if modality in ("ct_chest", "ct_abd"):
        bx, by = S * r.u(0.40, 0.46), S * r.u(0.28, 0.34)
        cy = c + S * r.u(-0.03, 0.03)
        ell(img, c, cy, bx, by, 0, 0.42)  # fat
        ell(img, c, cy, bx - S * 0.025, by - S * 0.022, 0, 0.55)  # muscle/tissue
        tex = smooth_noise(r, S, S, 40)
        if modality == "ct_chest":
            for sgn in (-1, 1):
                m = ell(img, c + sgn * bx * 0.45, cy - by * 0.08, bx * 0.36, by * 0.66, sgn * r.u(-8, 8), 0.06)
                # vessels
                for _ in range(40):
                    px = c + sgn * bx * 0.45 + r.u(-0.8, 0.8) * bx * 0.33
                    py = cy - by * 0.08 + r.u(-0.8, 0.8) * by * 0.6
                    if 0 <= int(py) < S and 0 <= int(px) < S and m[int(py), int(px)]:
                        ell(img, px, py, r.u(0.8, 3.5), r.u(0.8, 3.5), 0, 0.35)
            ell(img, c - bx * 0.08, cy - by * 0.05, bx * 0.28, by * 0.38, 20, 0.62)  # heart
            ell(img, c + bx * 0.05, cy - by * 0.45, bx * 0.07, bx * 0.07, 0, 0.75)  # aorta
        else:
            ell(img, c - bx * 0.35, cy - by * 0.1, bx * 0.42, by * 0.55, -10, 0.63)  # liver
            ell(img, c + bx * 0.5, cy - by * 0.3, bx * 0.2, by * 0.28, 20, 0.61)  # spleen
            for sgn in (-1, 1):
                ell(img, c + sgn * bx * 0.38, cy + by * 0.35, bx * 0.11, by * 0.2, sgn * 25, 0.68)
            ell(img, c + bx * 0.05, cy + by * 0.1, bx * 0.05, bx * 0.05, 0, 0.85)  # aorta
            for _ in range(14):
                ell(img, c + r.u(-0.3, 0.45) * bx, cy + r.u(-0.2, 0.5) * by, r.u(6, 16), r.u(5, 12), r.u(0, 180),
                    r.c([0.05, 0.5, 0.58]))
        ell(img, c, cy + by * 0.72, bx * 0.12, by * 0.16, 0, 0.95)  # vertebra
        ell(img, c, cy + by * 0.70, bx * 0.04, by * 0.05, 0, 0.52)  # canal
        for k in range(9):  # ribs
            t = math.radians(200 + k * 17)
            ell(img, c + 0.93 * bx * math.cos(t) * (1 if k % 2 else -1), cy + 0.9 * by * math.sin(t) * 0.9,
                S * 0.012, S * 0.02, 0, 0.9)
        img += tex * 0.025
        # table
        cv2.ellipse(img, (int(c), int(cy + by + S * 0.18)), (int(S * 0.48), int(S * 0.12)), 0, 200, 340, 0.5, 3)
        img += r.g.standard_normal((S, S)).astype(np.float32) * 0.035
        img = cv2.GaussianBlur(img, (0, 0), 0.7)
    elif modality == "mr_brain":
        ax, ay = S * r.u(0.33, 0.37), S * r.u(0.40, 0.44)
        ell(img, c, c, ax, ay, 0, 0.75)  # scalp
        ell(img, c, c, ax - S * 0.02, ay - S * 0.02, 0, 0.12)  # bone
        ell(img, c, c, ax - S * 0.035, ay - S * 0.035, 0, 0.85)  # csf
        m = ell(img, c, c, ax - S * 0.045, ay - S * 0.045, 0, 0.5)
        g = smooth_noise(r, S, S, 18, 2)
        img[m] = 0.45 + 0.12 * np.tanh(3 * g[m])
        wm = ell(np.zeros_like(img), c, c, ax * 0.7, ay * 0.72, 0, 1) & m
        img[wm] = np.minimum(img[wm], 0.38)
        for sgn in (-1, 1):
            ell(img, c + sgn * ax * 0.12, c - ay * 0.05, ax * 0.08, ay * 0.25, sgn * -12, 0.9)
        ell(img, c, c + ay * 0.55, ax * 0.3, ay * 0.2, 0, 0.44)
        img += r.g.standard_normal((S, S)).astype(np.float32) * 0.03
        img = cv2.GaussianBlur(img, (0, 0), 0.9)
    else:  # chest x-ray, portrait
        H, W = S, int(S * 0.84)
        img = np.full((H, W), 0.03, np.float32)
        cx = W / 2
        m = ell(img, cx, H * 0.62, W * 0.46, H * 0.55, 0, 0.55)
        for sgn in (-1, 1):
            ell(img, cx + sgn * W * 0.2, H * 0.5, W * 0.17, H * 0.3, sgn * -6, 0.18)
        ell(img, cx - W * 0.03, H * 0.6, W * 0.14, H * 0.18, 15, 0.6)  # heart
        cv2.rectangle(img, (int(cx - W * 0.04), 0), (int(cx + W * 0.04), H), 0.7, -1)
        for k in range(10):  # ribs
            y = H * (0.26 + k * 0.055)
            for sgn in (-1, 1):
                cv2.ellipse(img, (int(cx + sgn * W * 0.08), int(y)), (int(W * 0.2), int(H * 0.05)), 0,
                            (180 if sgn < 0 else 270), (270 if sgn < 0 else 360), 0.42, 4, cv2.LINE_AA)
        for sgn in (-1, 1):
            cv2.line(img, (int(cx + sgn * W * 0.05), int(H * 0.22)), (int(cx + sgn * W * 0.33), int(H * 0.18)), 0.75, 6, cv2.LINE_AA)
            ell(img, cx + sgn * W * 0.2, H * 0.86, W * 0.2, H * 0.08, 0, 0.55)
        img += smooth_noise(r, H, W, 30) * 0.04 + r.g.standard_normal((H, W)).astype(np.float32) * 0.02
        img = cv2.GaussianBlur(img, (0, 0), 1.4)
    return np.clip(img, 0, 1)


# ----------------------------------------------------------------------------
# screen rendering
# ----------------------------------------------------------------------------
TEXT_COLOURS = {
    "white": (250, 250, 250), "lightgrey": (200, 200, 200), "yellow": (245, 225, 70),
    "green": (110, 235, 110), "cyan": (100, 225, 240),
}
DARK_TEXT = {"black": (15, 15, 15), "darkblue": (20, 40, 110), "darkgrey": (55, 55, 60)}
TOOLBAR_WORDS = ["File", "Edit", "View", "Image", "Tools", "Window", "Help", "W/L", "Zoom", "Pan",
                 "Measure", "Cine", "Layout", "Reset", "Export", "MPR", "Annotate", "Compare", "Print"]
SERIES_NAMES = {
    "ct_chest": ["SCOUT", "AX 5.0", "AX 1.25", "COR MPR", "SAG MPR", "LUNG", "MIP 10"],
    "ct_abd": ["SCOUT", "AX 5.0", "PORTAL", "ART", "COR MPR", "DELAY", "SAG"],
    "mr_brain": ["LOC", "AX T1", "AX T2", "FLAIR", "DWI", "ADC", "SAG T1", "COR T2"],
    "xr_chest": ["PA", "LAT", "AP", "PA (prior)"],
}
BRANDS = ["VERIDOC", "KORONA MD", "ELUXA", "MEDIVUE", "SYNTRA"]


class Screen:
    def __init__(self, W, H, bg):
        self.W, self.H = W, H
        self.img = Image.new("RGB", (W, H), bg)
        self.d = ImageDraw.Draw(self.img)
        self.items = []  # dicts: text, role, cat, box(screen), font_px, colour, bg(sample)

    def draw_line(self, x, y, segs, fnt, col, shadow=False, align="left", gap_mult=1.0, size=None):
        """Draw segments in a row starting at (x,y) (top of line). Returns line width."""
        sp = fnt.getlength(" ") * gap_mult
        # total width
        widths = [fnt.getlength(t) for (t, _, _) in segs]
        total = 0.0
        for k, (t, role, _) in enumerate(segs):
            if k > 0 and not (role == "punct" and t in ")/" ) and not prev_punct_open(segs[k - 1]):
                total += sp
            total += widths[k]
        if align == "right":
            x = x - total
        cx = x
        for k, (t, role, cat) in enumerate(segs):
            if k > 0 and not (role == "punct" and t in ")/") and not prev_punct_open(segs[k - 1]):
                cx += sp
            if shadow:
                self.d.text((round(cx) + 1, y + 1), t, font=fnt, fill=(0, 0, 0))
            self.d.text((round(cx), y), t, font=fnt, fill=col)
            bb = self.d.textbbox((round(cx), y), t, font=fnt)
            if role in ("id", "other"):
                self.items.append({"text": t, "role": role, "cat": cat, "box": bb,
                                   "font_px": size or fnt.size, "colour": col})
            cx += widths[k]
        return total


def prev_punct_open(seg):
    t, role, _ = seg
    return role == "punct" and t in "(/"


def render_screen(r, spec):
    W, H = spec["screen_w"], spec["screen_h"]
    bgc = spec["bg_rgb"]
    scr = Screen(W, H, bgc)
    d = scr.d
    light_theme = spec["background"] == "light"
    fam, fkey, fbold = spec["font"]
    fs = spec["font_px"]
    fn = font(fkey, fs)
    fb = font(fbold, min(18, fs + r.i(0, 2)))
    col = TEXT_COLOURS[spec["text_colour"]]
    col2 = TEXT_COLOURS[spec["text_colour2"]]
    shadow = spec["shadow"]

    # ---- layout regions
    top = 0
    left, right, bottom = 0, W, H
    if spec["toolbar"]:
        tb_h = r.i(26, 40)
        tb_light = spec["toolbar"] == "light"
        tcol = (r.i(205, 232),) * 3 if tb_light else (r.i(38, 58),) * 3
        d.rectangle([0, 0, W, tb_h], fill=tcol)
        d.line([0, tb_h, W, tb_h], fill=(120, 120, 120) if tb_light else (80, 80, 80))
        tf = font(r.c(["sans", "sans_lib", "condensed", "narrow"]), r.i(11, 14))
        x = r.i(8, 16)
        words = TOOLBAR_WORDS[:7] if r.p(0.5) else r.shuffle(TOOLBAR_WORDS)[:r.i(6, 11)]
        tc = (25, 25, 25) if tb_light else (215, 215, 215)
        for wd in words:
            wlen = tf.getlength(wd)
            if x + wlen > W * 0.75:
                break
            y = (tb_h - tf.size) // 2
            if r.p(0.3):  # button outline
                d.rectangle([x - 4, 4, x + wlen + 4, tb_h - 5], outline=(150, 150, 150) if tb_light else (95, 95, 95))
            d.text((x, y), wd, font=tf, fill=tc)
            scr.items.append({"text": wd, "role": "other", "cat": "toolbar", "box": d.textbbox((x, y), wd, font=tf),
                              "font_px": tf.size, "colour": tc})
            x += wlen + r.i(18, 34)
        top = tb_h + 1
    strip = spec["strip"]
    strip_items_ids = []
    if strip:
        side = strip
        panel_col = (r.i(205, 228),) * 3 if light_theme else (r.i(22, 40),) * 3
        txtc = DARK_TEXT["black"] if light_theme else (200, 200, 200)
        sf = font(r.c(["sans", "sans_lib", "condensed", "narrow"]), r.i(10, 13))
        if side in ("left", "right"):
            sw = r.i(150, 240) if W > 1300 else r.i(130, 170)
            x0 = 0 if side == "left" else W - sw
            d.rectangle([x0, top, x0 + sw, H], fill=panel_col)
            y = top + 8
            # header with patient tab (identifier) or study list
            if spec["strip_name"]:
                d.text((x0 + 8, y), spec["strip_name"], font=sf, fill=txtc)
                scr.items.append({"text": spec["strip_name"], "role": "id", "cat": "name",
                                  "box": d.textbbox((x0 + 8, y), spec["strip_name"], font=sf), "font_px": sf.size, "colour": txtc})
                y += int(sf.size * 1.6)
            if spec["strip_prior"]:
                lab = "Prior:"
                d.text((x0 + 8, y), lab, font=sf, fill=txtc)
                bl = d.textbbox((x0 + 8, y), lab, font=sf)
                scr.items.append({"text": lab, "role": "other", "cat": "label", "box": bl, "font_px": sf.size, "colour": txtc})
                xx = bl[2] + sf.getlength(" ")
                d.text((xx, y), spec["strip_prior"], font=sf, fill=txtc)
                scr.items.append({"text": spec["strip_prior"], "role": "id", "cat": "date",
                                  "box": d.textbbox((xx, y), spec["strip_prior"], font=sf), "font_px": sf.size, "colour": txtc})
                y += int(sf.size * 1.8)
            th = int(sw * 0.7)
            k = 1
            while y + th + 30 < H:
                tile = anatomy(R(r.i(0, 10 ** 9)), spec["modality"], 128)
                tile = cv2.resize((tile * 255).astype(np.uint8), (sw - 24, th))
                scr.img.paste(Image.fromarray(tile).convert("RGB"), (x0 + 12, y))
                d.rectangle([x0 + 11, y - 1, x0 + sw - 12, y + th], outline=(230, 180, 40) if k == spec["series_no"] else (90, 90, 90))
                cap = r.c([f"Se {k}", f"S{k}", f"{k}:"]) + " " + r.c(SERIES_NAMES[spec["modality"]])
                d.text((x0 + 12, y + th + 3), cap, font=sf, fill=txtc)
                scr.items.append({"text": cap, "role": "other", "cat": "series", "box": d.textbbox((x0 + 12, y + th + 3), cap, font=sf),
                                  "font_px": sf.size, "colour": txtc})
                y += th + int(sf.size * 2.2) + 6
                k += 1
                if k > 6:
                    break
            if side == "left":
                left = sw + 1
            else:
                right = W - sw - 1
        else:  # bottom strip
            sh = r.i(100, 150)
            d.rectangle([0, H - sh, W, H], fill=panel_col)
            x = 10
            if spec["strip_name"]:
                d.text((x, H - sh + 6), spec["strip_name"], font=sf, fill=txtc)
                bb = d.textbbox((x, H - sh + 6), spec["strip_name"], font=sf)
                scr.items.append({"text": spec["strip_name"], "role": "id", "cat": "name", "box": bb, "font_px": sf.size, "colour": txtc})
            if spec["strip_prior"]:
                lab = "Prior:"
                xx = W // 2
                d.text((xx, H - sh + 6), lab, font=sf, fill=txtc)
                bl = d.textbbox((xx, H - sh + 6), lab, font=sf)
                scr.items.append({"text": lab, "role": "other", "cat": "label", "box": bl, "font_px": sf.size, "colour": txtc})
                xx = bl[2] + sf.getlength(" ")
                d.text((xx, H - sh + 6), spec["strip_prior"], font=sf, fill=txtc)
                scr.items.append({"text": spec["strip_prior"], "role": "id", "cat": "date",
                                  "box": d.textbbox((xx, H - sh + 6), spec["strip_prior"], font=sf), "font_px": sf.size, "colour": txtc})
            ty = H - sh + 10 + sf.size + 4
            tw = int((sh - sf.size * 2 - 30))
            k = 1
            while x + tw * 1.1 + 10 < W and k <= 8:
                tile = anatomy(R(r.i(0, 10 ** 9)), spec["modality"], 128)
                tile = cv2.resize((tile * 255).astype(np.uint8), (int(tw * 1.1), tw))
                scr.img.paste(Image.fromarray(tile).convert("RGB"), (x, ty))
                cap = r.c([f"Se {k}", f"S{k}"]) + " " + r.c(SERIES_NAMES[spec["modality"]])
                d.text((x, ty + tw + 3), cap, font=sf, fill=txtc)
                scr.items.append({"text": cap, "role": "other", "cat": "series", "box": d.textbbox((x, ty + tw + 3), cap, font=sf),
                                  "font_px": sf.size, "colour": txtc})
                x += int(tw * 1.1) + r.i(14, 30)
                k += 1
            bottom = H - sh - 1

    # patient banner for light theme
    if light_theme:
        bh = int(fs * 2.3)
        bcol = (r.i(215, 240),) * 3
        d.rectangle([left, top, right, top + bh], fill=bcol)
        d.line([left, top + bh, right, top + bh], fill=(140, 140, 140))
        dcol = DARK_TEXT[r.c(list(DARK_TEXT))]
        x = left + 12
        banner_lines = spec["patient_lines"]
        spec["patient_lines"] = []
        for segs in banner_lines:
            wline = scr.draw_line(x, top + (bh - fs) // 2 - 1, segs, fb if segs[-1][2] == "name" else fn, dcol)
            x += wline + r.i(28, 60)
            if x > right - 200:
                break
        top = top + bh + 1

    # ---- viewport with image
    vx0, vy0, vx1, vy1 = left, top, right, bottom
    vw, vh = vx1 - vx0, vy1 - vy0
    if light_theme:
        d.rectangle([vx0, vy0, vx1, vy1], fill=spec["viewport_rgb"])
    an = anatomy(r, spec["modality"], 512)
    ah, aw = an.shape
    sc = min(vh * r.u(0.86, 0.98) / ah, vw * 0.98 / aw)
    tw, th = int(aw * sc), int(ah * sc)
    g = spec["gamma_img"]
    an8 = (np.clip(an, 0, 1) ** g * 255).astype(np.uint8)
    an8 = cv2.resize(an8, (tw, th), interpolation=cv2.INTER_LINEAR)
    ix = vx0 + (vw - tw) // 2 + r.i(-vw // 30, vw // 30)
    iy = vy0 + (vh - th) // 2
    ix = max(vx0, min(ix, vx1 - tw))
    scr.img.paste(Image.fromarray(an8).convert("RGB"), (ix, iy))
    spec["image_rect"] = [ix, iy, ix + tw, iy + th]

    # ---- corner blocks
    m = r.i(6, 18)
    ls = r.u(1.15, 1.45)
    corners = {"tl": [], "tr": [], "bl": [], "br": []}
    pl, sl = spec["patient_lines"], spec["study_lines"]
    if spec["swap_corners"]:
        corners["tr"] += pl
        corners["tl"] += sl
    else:
        corners["tl"] += pl
        corners["tr"] += sl
    tech = spec["tech_lines"]
    nb = len(tech) // 2 + r.i(-1, 1)
    nb = max(1, min(len(tech) - 1, nb))
    corners["bl"] += tech[:nb]
    corners["br"] += tech[nb:]
    for cname, lines in corners.items():
        if not lines:
            continue
        ccol = col if cname in ("tl", "tr") or not spec["two_colours"] else col2
        rightal = cname in ("tr", "br")
        lh = int(round(fs * ls))
        if cname in ("tl", "tr"):
            y = vy0 + m
        else:
            y = vy1 - m - lh * len(lines)
        for segs in lines:
            isname = any(s[2] == "name" for s in segs)
            f = fb if (isname and spec["bold_name"]) else fn
            x = vx1 - m if rightal else vx0 + m
            scr.draw_line(x, y, segs, f, ccol, shadow=shadow, align="right" if rightal else "left")
            y += lh

    # ---- orientation letters
    if spec["modality"] != "xr_chest":
        of = font(fkey, fs + r.i(0, 3) if fs < 16 else 18)
        letters = [("A", (vx0 + vw // 2, vy0 + m)), ("P", (vx0 + vw // 2, vy1 - m - of.size - 2)),
                   ("R", (vx0 + m + r.i(0, 6) + (vw // 5 if r.p(0.5) else 0), vy0 + vh // 2)),
                   ("L", (vx1 - m - of.size - (vw // 5 if r.p(0.5) else 0), vy0 + vh // 2))]
        if r.p(0.3):
            letters = letters[2:]
        for t, (x, y) in letters:
            if shadow:
                d.text((x + 1, y + 1), t, font=of, fill=(0, 0, 0))
            d.text((x, y), t, font=of, fill=col)
            scr.items.append({"text": t, "role": "other", "cat": "orientation", "box": d.textbbox((x, y), t, font=of),
                              "font_px": of.size, "colour": col})
    else:
        # lead marker burnt into the image
        of = font("sans_bold", 18)
        t = r.c(["R", "L"])
        x, y = ix + int(tw * 0.08), iy + int(th * 0.08)
        d.text((x, y), t, font=of, fill=(235, 235, 235))
        scr.items.append({"text": t, "role": "other", "cat": "orientation", "box": d.textbbox((x, y), t, font=of),
                          "font_px": 18, "colour": (235, 235, 235)})

    # ---- scale bar
    if spec["scale_bar"]:
        x = vx1 - m - r.i(4, 30)
        ylen = r.i(int(vh * 0.15), int(vh * 0.28))
        y0 = vy0 + vh // 2 - ylen // 2
        d.line([x, y0, x, y0 + ylen], fill=col, width=1)
        for k in range(6):
            yy = y0 + int(k * ylen / 5)
            d.line([x - (8 if k in (0, 5) else 4), yy, x, yy], fill=col, width=1)
        t = r.c(["5 cm", "10 cm", "50 mm", "5cm"])
        sf = font(fkey, max(10, fs - 2))
        tx = x - sf.getlength(t) - 12
        d.text((tx, y0 + ylen + 4), t, font=sf, fill=col)
        scr.items.append({"text": t, "role": "other", "cat": "scale", "box": d.textbbox((tx, y0 + ylen + 4), t, font=sf),
                          "font_px": sf.size, "colour": col})
    # mouse cursor
    if r.p(0.5):
        cx, cy = ix + int(tw * r.u(0.2, 0.8)), iy + int(th * r.u(0.2, 0.8))
        pts = [(cx, cy), (cx, cy + 18), (cx + 5, cy + 13), (cx + 9, cy + 21), (cx + 12, cy + 20), (cx + 8, cy + 12), (cx + 14, cy + 12)]
        d.polygon(pts, fill=(250, 250, 250), outline=(0, 0, 0))
    return scr


# ----------------------------------------------------------------------------
# geometry
# ----------------------------------------------------------------------------
def hom_apply(Hm, pts):
    pts = np.asarray(pts, np.float64)
    p = np.c_[pts, np.ones(len(pts))] @ Hm.T
    return p[:, :2] / p[:, 2:3]


def T(tx, ty):
    return np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]], np.float64)


def S(sx, sy):
    return np.array([[sx, 0, 0], [0, sy, 0], [0, 0, 1]], np.float64)


def make_homography(r, cond, W, H, PW, PH):
    """Homography mapping screen (corner convention) coords to photo coords."""
    k = cond["keystone"]
    axis = cond["keystone_axis"]
    far = cond["far_edge"]
    k2 = cond["keystone_secondary"]
    asp = W / H
    # unit quad, height 1 on near side
    hn = 1.0
    foreshort = r.u(0.78, 0.98) if k > 0.18 else r.u(0.88, 1.0)
    cond["foreshortening"] = round(foreshort, 3)
    if axis == "lr":
        w = asp * foreshort
        hf = hn * (1 - k)
        off = r.u(-0.25, 0.25) * (hn - hf)  # vertical asymmetry of far edge
        ln = [(0, 0), (0, hn)]
        rf = [(w, (hn - hf) / 2 + off), (w, (hn + hf) / 2 + off)]
        if far == "right":
            quad = [ln[0], rf[0], rf[1], ln[1]]
        else:  # far left: mirror
            quad = [(w - rf[0][0], rf[0][1]), (w - ln[0][0], ln[0][1]), (w - ln[1][0], ln[1][1]), (w - rf[1][0], rf[1][1])]
        # secondary (top/bottom) keystone: shrink top edge slightly
        q = np.array(quad, np.float64)
        cx = q[:, 0].mean()
        q[0, 0] = cx + (q[0, 0] - cx) * (1 - k2)
        q[1, 0] = cx + (q[1, 0] - cx) * (1 - k2)
    else:
        wn = asp * 1.0
        wf = wn * (1 - k)
        h = hn * foreshort
        off = r.u(-0.25, 0.25) * (wn - wf)
        near = [(0, h), (wn, h)]  # bottom
        farp = [((wn - wf) / 2 + off, 0), ((wn + wf) / 2 + off, 0)]
        if far == "top":
            quad = [farp[0], farp[1], near[1], near[0]]
        else:
            quad = [(near[0][0], 0), (near[1][0], 0), (farp[1][0], h), (farp[0][0], h)]
        q = np.array(quad, np.float64)
        cy = q[:, 1].mean()
        q[0, 1] = cy + (q[0, 1] - cy) * (1 - k2)
        q[3, 1] = cy + (q[3, 1] - cy) * (1 - k2)
    # roll
    a = math.radians(cond["roll_deg"])
    Rm = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    q = (q - q.mean(0)) @ Rm.T
    # scale to the requested width fraction, keep inside photo (with margin for bezel)
    bw = q[:, 0].max() - q[:, 0].min()
    bh = q[:, 1].max() - q[:, 1].min()
    s = cond["screen_width_frac"] * PW / bw
    if s * bh > 0.86 * PH:
        s = 0.86 * PH / bh
    q *= s
    cond["screen_width_frac"] = round(float((q[:, 0].max() - q[:, 0].min()) / PW), 3)
    bw = q[:, 0].max() - q[:, 0].min()
    bh = q[:, 1].max() - q[:, 1].min()
    slack_x = max(0.0, (PW - bw) / 2 - PW * 0.03)
    slack_y = max(0.0, (PH - bh) / 2 - PH * 0.05)
    cx = PW / 2 + r.u(-0.7, 0.7) * slack_x
    cy = PH / 2 + r.u(-0.6, 0.5) * slack_y
    q += np.array([cx, cy])
    src = np.array([[0, 0], [W, 0], [W, H], [0, H]], np.float32)
    Hm = cv2.getPerspectiveTransform(src, q.astype(np.float32)).astype(np.float64)
    return Hm, q


def jacobian_scale(Hm, x, y):
    p = hom_apply(Hm, [(x, y), (x + 1, y), (x, y + 1)])
    sx = float(np.hypot(*(p[1] - p[0])))
    sy = float(np.hypot(*(p[2] - p[0])))
    return sx, sy


# ----------------------------------------------------------------------------
# photo pipeline (linear light, float32)
# ----------------------------------------------------------------------------
def coarse_grid(PW, PH, f=4):
    """Pixel-centre coordinates (in full-resolution units) on a grid f times coarser."""
    w, h = (PW + f - 1) // f, (PH + f - 1) // f
    xs = (np.arange(w, dtype=np.float32) + 0.5) * (PW / w) - 0.5
    ys = (np.arange(h, dtype=np.float32) + 0.5) * (PH / h) - 0.5
    return np.meshgrid(xs, ys)


def up(m, PW, PH):
    return cv2.resize(np.ascontiguousarray(m, dtype=np.float32), (PW, PH), interpolation=cv2.INTER_LINEAR)


def srgb_to_lin(a):
    return np.power(a.astype(np.float32) / 255.0, 2.2, dtype=np.float32)


def draw_room(r, PW, PH, mon_quad, cond):
    """Room background in linear light (float32 HxWx3)."""
    light = cond["light_level"]
    wall = np.array(r.c([(0.55, 0.50, 0.42), (0.45, 0.47, 0.50), (0.40, 0.44, 0.48), (0.52, 0.48, 0.44), (0.35, 0.37, 0.36)]), np.float32)
    xx, yy = coarse_grid(PW, PH)
    lx, ly = r.u(-0.3, 1.3) * PW, r.u(-0.5, 0.3) * PH
    fall = up(1.0 / (1.0 + ((xx - lx) ** 2 + (yy - ly) ** 2) / (0.8 * PW) ** 2), PW, PH)
    base = (0.05 + 0.22 * fall) * light
    room = base[..., None] * wall[None, None, :]
    tex = cv2.resize(r.g.standard_normal((PH // 8, PW // 8)).astype(np.float32), (PW, PH))
    room *= (1 + 0.05 * tex)[..., None]
    # desk: below the monitor bottom
    bot = mon_quad[2:4]
    mb = float(max(bot[:, 1]))
    desk_y = mb + r.u(0.03, 0.12) * PH
    a = math.radians(cond["roll_deg"])
    desk_col = np.array(r.c([(0.30, 0.20, 0.12), (0.22, 0.22, 0.23), (0.40, 0.38, 0.35), (0.12, 0.12, 0.13)]), np.float32)
    dmask = up(np.clip((yy - (desk_y + (xx - PW / 2) * math.tan(a))) / 3.0 + 0.5, 0, 1), PW, PH)
    ys = desk_y + (np.arange(PW, dtype=np.float32) - PW / 2) * math.tan(a)
    grain = cv2.resize(r.g.standard_normal((PH // 4, max(2, PW // 64))).astype(np.float32), (PW, PH))
    desk = desk_col[None, None, :] * ((0.12 + 0.15 * fall) * light * (1 + 0.08 * grain))[..., None]
    room = room * (1 - dmask[..., None]) + desk * dmask[..., None]
    # monitor stand (neck)
    mid = bot.mean(0)
    nw = 0.05 * PW
    neck = np.array([[mid[0] - nw / 2, mid[1] - 5], [mid[0] + nw / 2, mid[1] - 5],
                     [mid[0] + nw / 2 * 1.1, ys[int(min(PW - 1, max(0, mid[0])))] + 10],
                     [mid[0] - nw / 2 * 1.1, desk_y + 10]], np.int32)
    sc = float(r.u(0.02, 0.05) * light)
    cv2.fillConvexPoly(room, neck, (sc, sc, sc), cv2.LINE_AA)
    foot = np.array([[mid[0] - nw * 2.2, desk_y + 0.03 * PH], [mid[0] + nw * 2.2, desk_y + 0.03 * PH],
                     [mid[0] + nw * 2.6, desk_y + 0.07 * PH], [mid[0] - nw * 2.6, desk_y + 0.07 * PH]], np.int32)
    cv2.fillConvexPoly(room, foot, (sc * 0.8,) * 3, cv2.LINE_AA)
    objs = []
    # keyboard edge
    if cond["keyboard"]:
        ky = min(PH - 0.04 * PH, max(desk_y + 0.1 * PH, PH * r.u(0.84, 0.93)))
        kx0 = PW * r.u(0.1, 0.35)
        kx1 = kx0 + PW * r.u(0.45, 0.8)
        kb = np.array([[kx0 + 0.03 * PW, ky], [kx1 - 0.03 * PW, ky], [kx1 + 0.02 * PW, PH + 0.1 * PH], [kx0 - 0.02 * PW, PH + 0.1 * PH]], np.float64)
        kc = r.u(0.015, 0.05) * light
        cv2.fillConvexPoly(room, kb.astype(np.int32), (kc, kc, kc * 1.05), cv2.LINE_AA)
        # keys
        rows = 5
        for i in range(rows):
            t0, t1 = (i + 0.15) / rows, (i + 0.85) / rows
            yA = ky + (PH * 1.1 - ky) * t0 * 0.5 + 4
            yB = ky + (PH * 1.1 - ky) * t1 * 0.5 + 4
            xa0 = kx0 + 0.03 * PW - 0.05 * PW * t0
            xa1 = kx1 - 0.03 * PW + 0.05 * PW * t0
            nk = 15
            for j in range(nk):
                u0, u1 = (j + 0.12) / nk, (j + 0.88) / nk
                pts = np.array([[xa0 + (xa1 - xa0) * u0, yA], [xa0 + (xa1 - xa0) * u1, yA],
                                [xa0 + (xa1 - xa0) * u1, yB], [xa0 + (xa1 - xa0) * u0, yB]], np.int32)
                cv2.fillConvexPoly(room, pts, (kc * 1.8,) * 3, cv2.LINE_AA)
        objs.append("keyboard")
    # second monitor at a side
    if cond["second_monitor"]:
        side = r.c([-1, 1])
        x_edge = PW * (0.0 if side < 0 else 1.0)
        mw = PW * r.u(0.08, 0.16)
        top_y = PH * r.u(0.05, 0.2)
        bot_y = PH * r.u(0.6, 0.75)
        xin = x_edge - side * mw
        poly = np.array([[x_edge, top_y - 40], [xin, top_y], [xin, bot_y], [x_edge, bot_y + 40]], np.int32)
        cv2.fillConvexPoly(room, poly, (0.01, 0.01, 0.012), cv2.LINE_AA)
        inner = poly.astype(np.float64).copy()
        inner[1, 0] += side * 0.012 * PW * -1
        inner[2, 0] += side * 0.012 * PW * -1
        inner[1, 1] += 0.012 * PW
        inner[2, 1] -= 0.012 * PW
        glow = r.u(0.02, 0.07)
        cv2.fillConvexPoly(room, inner.astype(np.int32), (glow * 0.8, glow * 0.85, glow), cv2.LINE_AA)
        objs.append("second_monitor")
    if cond["mug"]:
        mx = PW * r.c([r.u(0.05, 0.2), r.u(0.8, 0.95)])
        my = min(PH * 0.97, desk_y + PH * r.u(0.06, 0.15))
        mr = PW * r.u(0.03, 0.05)
        mc = np.array(r.c([(0.5, 0.1, 0.08), (0.6, 0.6, 0.6), (0.1, 0.2, 0.45)]), np.float32) * light * 0.4
        cv2.rectangle(room, (int(mx - mr), int(my - 2.2 * mr)), (int(mx + mr), int(my)), tuple(float(v) for v in mc), -1, cv2.LINE_AA)
        cv2.ellipse(room, (int(mx), int(my - 2.2 * mr)), (int(mr), int(mr * 0.3)), 0, 0, 360, tuple(float(v) * 0.6 for v in mc), -1, cv2.LINE_AA)
        objs.append("mug")
    cond["room_objects"] = objs
    return room


def photograph(r, scr, spec, cond, PW, PH):
    W, H = scr.W, scr.H
    Hm, q = make_homography(r, cond, W, H, PW, PH)

    # monitor plane: screen + bezel (coords: screen origin at (bl, bt))
    bz = r.u(0.012, 0.03)
    bl = br = int(W * bz)
    bt = int(W * bz * r.u(0.9, 1.2))
    bb = int(W * bz * r.u(1.1, 2.2))
    MW, MH = W + bl + br, H + bt + bb
    bez_c = r.u(0.006, 0.03)
    mon = np.empty((MH, MW, 3), np.float32)
    grad = np.linspace(1.25, 0.8, MH, dtype=np.float32)[:, None, None]
    mon[:] = bez_c * grad
    # glossy top-edge highlight on bezel
    mon[:max(2, bt // 8)] *= 2.2
    scr_lin = srgb_to_lin(np.asarray(scr.img)) * cond["display_brightness"]
    mon[bt:bt + H, bl:bl + W] = scr_lin
    # thin black inner edge
    e = max(2, W // 500)
    mon[bt - e:bt, bl - e:bl + W + e] = 0.002
    mon[bt + H:bt + H + e, bl - e:bl + W + e] = 0.002
    mon[bt - e:bt + H + e, bl - e:bl] = 0.002
    mon[bt - e:bt + H + e, bl + W:bl + W + e] = 0.002
    # brand on bottom bezel
    brand = cond["brand"]
    logo_items = []
    if brand:
        lf = font("sans_bold", max(10, int(bb * 0.35)))
        tmp = Image.new("L", (MW, MH), 0)
        td = ImageDraw.Draw(tmp)
        tw = lf.getlength(brand)
        lx, ly = bl + W / 2 - tw / 2, bt + H + (bb - lf.size) / 2 - 2
        td.text((lx, ly), brand, font=lf, fill=255)
        bbx = td.textbbox((lx, ly), brand, font=lf)
        a = np.asarray(tmp, np.float32)[..., None] / 255.0
        mon = mon * (1 - a) + a * (bez_c * 3.5)
        logo_items.append({"text": brand, "role": "other", "cat": "bezel_logo",
                           "box": (bbx[0] - bl, bbx[1] - bt, bbx[2] - bl, bbx[3] - bt), "font_px": lf.size})

    Hc_mon = Hm @ T(-bl, -bt)  # monitor-image corner coords -> photo corner coords
    mon_corners = hom_apply(Hc_mon, [(0, 0), (MW, 0), (MW, MH), (0, MH)])

    # pre-downscale to avoid aliasing in the warp
    sx_, sy_ = jacobian_scale(Hm, W / 2, H / 2)
    s_est = max(sx_, sy_) * 1.15
    if s_est < 0.9:
        nw_, nh_ = max(2, int(round(MW * s_est))), max(2, int(round(MH * s_est)))
        mon_s = cv2.resize(mon, (nw_, nh_), interpolation=cv2.INTER_AREA)
        Hc_s = Hc_mon @ S(MW / nw_, MH / nh_)
    else:
        mon_s = mon
        Hc_s = Hc_mon
    del mon
    Mcv = T(-0.5, -0.5) @ Hc_s @ T(0.5, 0.5)  # pixel-centre convention for OpenCV
    warped = cv2.warpPerspective(mon_s, Mcv, (PW, PH), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    ones = np.ones(mon_s.shape[:2], np.float32)
    mask = cv2.warpPerspective(ones, Mcv, (PW, PH), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    del mon_s, ones

    room = draw_room(r, PW, PH, mon_corners, cond)
    img = room * (1 - mask[..., None]) + warped * mask[..., None]
    del room, warped

    # --- optics: defocus (depth-varying) + motion blur
    xx, yy = coarse_grid(PW, PH)
    s_lo, s_hi = cond["defocus_sigma_near"], cond["defocus_sigma_far"]
    # weight along the keystone axis: 0 at near edge, 1 at far edge (screen coords)
    far = cond["far_edge"]
    # screen coordinates of every pixel are not needed: use projected near/far edge centres
    if far in ("left", "right"):
        pn = hom_apply(Hm, [(0 if far == "right" else W, H / 2)])[0]
        pf = hom_apply(Hm, [(W if far == "right" else 0, H / 2)])[0]
    else:
        pn = hom_apply(Hm, [(W / 2, H if far == "top" else 0)])[0]
        pf = hom_apply(Hm, [(W / 2, 0 if far == "top" else H)])[0]
    dvec = pf - pn
    L2 = float(dvec @ dvec)
    wfar = up(np.clip(((xx - pn[0]) * dvec[0] + (yy - pn[1]) * dvec[1]) / L2, 0, 1), PW, PH)
    del xx, yy
    b_lo = cv2.GaussianBlur(img, (0, 0), s_lo) if s_lo > 0.05 else img
    b_hi = cv2.GaussianBlur(img, (0, 0), s_hi) if s_hi > 0.05 else img
    img = b_lo * (1 - wfar[..., None]) + b_hi * wfar[..., None]
    del b_lo, b_hi
    Lm = cond["motion_blur_px"]
    if Lm >= 1.0:
        ks = int(math.ceil(Lm)) | 1
        ks = max(3, ks + 2)
        kern = np.zeros((ks, ks), np.float32)
        c = ks // 2
        ang = math.radians(cond["motion_angle_deg"])
        for tt in np.linspace(-Lm / 2, Lm / 2, 4 * ks):
            xk, yk = c + tt * math.cos(ang), c + tt * math.sin(ang)
            xi, yi = int(math.floor(xk)), int(math.floor(yk))
            fx, fy = xk - xi, yk - yi
            for (ax_, ay_, wgt) in ((xi, yi, (1 - fx) * (1 - fy)), (xi + 1, yi, fx * (1 - fy)), (xi, yi + 1, (1 - fx) * fy), (xi + 1, yi + 1, fx * fy)):
                if 0 <= ax_ < ks and 0 <= ay_ < ks:
                    kern[ay_, ax_] += wgt
        kern /= kern.sum()
        img = cv2.filter2D(img, -1, kern, borderType=cv2.BORDER_REFLECT)

    # --- pixel-grid moire on the screen region.
    # The camera samples the (optically blurred) RGB-stripe pixel grid of the monitor.
    # blur(S * grid) ~= blur(S) * (1 + a*MTF(f)*cos(2 pi u)); sampling cos(2 pi u) at the photo
    # pixel centres aliases it into moire fringes.  The MTF is a heuristic exp(-(f/f0)^2),
    # f0 ~ 1 cycle/px, only mildly reduced by defocus, so that moire stays visible (as it
    # does on real phone photos of screens).
    x0 = int(max(0, np.floor(q[:, 0].min()) - 2)); x1 = int(min(PW, np.ceil(q[:, 0].max()) + 2))
    y0 = int(max(0, np.floor(q[:, 1].min()) - 2)); y1 = int(min(PH, np.ceil(q[:, 1].max()) + 2))
    Hinv = np.linalg.inv(Hm)
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float64)
    xx += 0.5
    yy += 0.5
    den = Hinv[2, 0] * xx + Hinv[2, 1] * yy + Hinv[2, 2]
    u = ((Hinv[0, 0] * xx + Hinv[0, 1] * yy + Hinv[0, 2]) / den)
    v = ((Hinv[1, 0] * xx + Hinv[1, 1] * yy + Hinv[1, 2]) / den)
    del xx, yy, den
    inside = ((u >= 0) & (u < W) & (v >= 0) & (v < H)).astype(np.float32)
    f0 = 1.0 / (1.0 + 0.15 * 0.5 * (cond["defocus_sigma_near"] + cond["defocus_sigma_far"]))
    gu = np.hypot(*np.gradient(u.astype(np.float32)))  # grid frequency, cycles per photo px
    gv = np.hypot(*np.gradient(v.astype(np.float32)))
    att_u = np.exp(-(gu / f0) ** 2).astype(np.float32)
    att_v = np.exp(-(gv / f0) ** 2).astype(np.float32)
    cond["moire_effective_amplitude"] = round(float(cond["moire_amplitude"] * np.median(att_u[inside > 0])), 4)
    del gu, gv
    am = cond["moire_amplitude"]
    fu = (u - np.floor(u)).astype(np.float32)
    fv = (v - np.floor(v)).astype(np.float32)
    del u, v
    row = 1.0 + am * 0.8 * att_v * np.cos(2 * np.pi * fv)
    sub = img[y0:y1, x0:x1]
    for ch in range(3):
        # RGB stripe subpixels: channel ch sits at phase (ch+0.5)/3 of each pixel column
        mod = (1.0 + am * att_u * np.cos(2 * np.pi * (fu - (ch + 0.5) / 3.0))) * row
        sub[..., ch] = sub[..., ch] * (1 + (mod - 1) * inside)
    del fu, fv, row, inside, att_u, att_v

    # --- glare / reflections (on the monitor glass; smooth, so added after the blur)
    xx, yy = coarse_grid(PW, PH)
    glare = np.zeros(xx.shape, np.float32)
    spots = []
    for kk in range(cond["glare_spots"]):
        gx = r.u(q[:, 0].min(), q[:, 0].max())
        gy = r.u(q[:, 1].min(), q[:, 1].max())
        sgx = r.u(0.03, 0.12) * PW
        sgy = sgx * r.u(0.4, 1.2)
        ang = r.u(0, math.pi)
        ca, sa = math.cos(ang), math.sin(ang)
        dx, dy = xx - gx, yy - gy
        xr_, yr_ = dx * ca + dy * sa, -dx * sa + dy * ca
        amp = cond["glare_strength"] * r.u(0.6, 1.0)
        glare += amp * np.exp(-(xr_ ** 2 / (2 * sgx ** 2) + yr_ ** 2 / (2 * sgy ** 2)))
        spots.append([round(gx), round(gy), round(sgx), round(amp, 3)])
    cond["glare_spot_list"] = spots
    if cond["reflection_gradient"] > 0:
        ang = r.u(0, 2 * math.pi)
        t = ((xx - PW / 2) * math.cos(ang) + (yy - PH / 2) * math.sin(ang)) / (0.5 * math.hypot(PW, PH))
        glare += cond["reflection_gradient"] * np.clip(0.5 + 0.7 * t, 0, 1)
    glare = up(glare, PW, PH)
    gmask = cv2.GaussianBlur(mask, (0, 0), 3)
    glare *= gmask
    gcol = np.array(cond["glare_colour"], np.float32)
    img += glare[..., None] * gcol[None, None, :]
    del xx, yy

    # --- exposure, colour cast, vignetting
    img *= cond["exposure"]
    gains = np.array(cond["colour_cast"], np.float32)
    img *= gains[None, None, :]
    xx, yy = coarse_grid(PW, PH)
    rr = ((xx - PW / 2) ** 2 + (yy - PH / 2) ** 2) / ((PW / 2) ** 2 + (PH / 2) ** 2)
    vig = up(1 - cond["vignetting"] * rr ** 1.3, PW, PH)
    del xx, yy, rr
    img *= vig[..., None]
    np.clip(img, 0, 1, out=img)

    # --- sensor noise (shot + read, chroma noise)
    ns = cond["noise_level"]
    shot = ns * 0.02
    read = ns * 0.004
    sd = np.sqrt(img * shot + read * read)
    img += sd * r.g.standard_normal(img.shape, dtype=np.float32)
    ch_n = cv2.resize(r.g.standard_normal((PH // 4, PW // 4, 3), dtype=np.float32), (PW, PH), interpolation=cv2.INTER_LINEAR)
    img += sd * 0.5 * ch_n
    del ch_n, sd
    np.clip(img, 0, 1, out=img)

    # --- camera tone curve + sharpening
    out = np.power(img, 1 / 2.2, dtype=np.float32)
    del img
    # phone-style noise reduction: strong on chroma, mild on luma (stronger in low light)
    ycc = cv2.cvtColor(out, cv2.COLOR_RGB2YCrCb)
    cs = cond["chroma_denoise_sigma"]
    ycc[..., 1] = cv2.GaussianBlur(ycc[..., 1], (0, 0), cs)
    ycc[..., 2] = cv2.GaussianBlur(ycc[..., 2], (0, 0), cs)
    if cond["luma_denoise"] > 0:
        yb = cv2.GaussianBlur(ycc[..., 0], (0, 0), 0.8)
        ycc[..., 0] = ycc[..., 0] * (1 - cond["luma_denoise"]) + yb * cond["luma_denoise"]
    out = cv2.cvtColor(ycc, cv2.COLOR_YCrCb2RGB)
    del ycc
    if cond["sharpen"] > 0:
        bl_ = cv2.GaussianBlur(out, (0, 0), 1.2)
        out = out + cond["sharpen"] * (out - bl_)
        del bl_
    out = np.clip(out * 255 + 0.5, 0, 255).astype(np.uint8)

    # --- per item geometry and legibility inputs
    items = scr.items + logo_items
    return out, Hm, items, vig, glare


def item_box_photo(Hm, box, PW, PH, offset=(0, 0)):
    x0, y0, x1, y1 = box
    pts = hom_apply(Hm, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
    bx0 = int(math.floor(pts[:, 0].min()))
    by0 = int(math.floor(pts[:, 1].min()))
    bx1 = int(math.ceil(pts[:, 0].max()))
    by1 = int(math.ceil(pts[:, 1].max()))
    return [max(0, bx0), max(0, by0), min(PW, bx1), min(PH, by1)]


def lum(rgb):
    a = (np.asarray(rgb, np.float32) / 255.0) ** 2.2
    return float(0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2])


def judge_legibility(it, Hm, scr_arr, cond, glare_at, vig_at):
    """Honest-ish legibility model; returns (legible, details)."""
    x0, y0, x1, y1 = [int(round(v)) for v in it["box"]]
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    sx, sy = jacobian_scale(Hm, cx, cy)
    fpx = it["font_px"]
    # height of a capital/digit in photo px (cap height ~0.73 em), horizontal compression penalised
    cap = 0.73 * fpx * min(sy, 1.25 * sx)
    # local blur
    wf = it["_wfar"]
    sd = cond["defocus_sigma_near"] * (1 - wf) + cond["defocus_sigma_far"] * wf
    # a linear motion smear hurts reading a bit more than a Gaussian of the same variance
    sm = 1.15 * cond["motion_blur_px"] / math.sqrt(12)
    sig = math.sqrt(sd ** 2 + sm ** 2 + 0.35 ** 2)
    # contrast on the screen around the text
    pad = 2
    reg = scr_arr[max(0, y0 - pad):y1 + pad, max(0, x0 - pad):x1 + pad].astype(np.float32)
    L = (reg / 255.0) ** 2.2
    Ly = 0.2126 * L[..., 0] + 0.7152 * L[..., 1] + 0.0722 * L[..., 2]
    lt = lum(it["colour"])
    lb = float(np.median(Ly[np.abs(Ly - lt) > 0.25 * max(lt, 0.05)])) if np.any(np.abs(Ly - lt) > 0.25 * max(lt, 0.05)) else lt
    e = cond["exposure"] * cond["display_brightness"] * vig_at
    g = glare_at * cond["exposure"] * vig_at
    Lt = min(1.0, lt * e + g)
    Lb = min(1.0, lb * e + g)
    delta = abs(Lt ** (1 / 2.2) - Lb ** (1 / 2.2))  # in output (sRGB 0..1) units
    # noise in output units near these levels
    mean_l = max(1e-4, (Lt + Lb) / 2)
    noise_lin = math.sqrt(mean_l * cond["noise_level"] * 0.02 + (cond["noise_level"] * 0.004) ** 2) * 1.28
    noise_out = noise_lin * (1 / 2.2) * mean_l ** (1 / 2.2 - 1)
    snr = delta / max(1e-4, noise_out)
    # resolution of the letters in blur widths (0.7 px ~ pixel/demosaic/JPEG floor)
    R = cap / math.sqrt(sig ** 2 + 0.7 ** 2)
    txt = it["text"]
    n_alpha = sum(ch.isalpha() for ch in txt)
    n_digit = sum(ch.isdigit() for ch in txt)
    wordy = n_alpha >= n_digit  # letters/words are guessed from shape; digit strings are not
    r_min, c_min = (4.75, 5.3) if wordy else (5.2, 5.8)
    if cond["jpeg_quality"] < 70:
        r_min += 0.2
    if sig > 2.2:  # very soft strokes lose contrast against noise even when the letters are big
        r_min += 0.5
    legible = (R >= r_min) and (cap >= c_min) and (delta >= 0.12) and (snr >= 4.0)
    return legible, {"cap_px": round(cap, 2), "blur_sigma": round(sig, 2), "eff": round(R, 2),
                     "r_min": r_min, "delta": round(delta, 3), "snr": round(snr, 1)}


# ----------------------------------------------------------------------------
# per-photo specification
# ----------------------------------------------------------------------------
def make_plan(master):
    diffs = master.shuffle(["easy"] * 8 + ["medium"] * 8 + ["hard"] * 8)
    # a third strongly keystoned, spread over the difficulties
    strong = set()
    for dname, n in (("easy", 2), ("medium", 3), ("hard", 3)):
        idx = [i for i, d in enumerate(diffs) if d == dname]
        strong.update(master.shuffle(idx)[:n])
    # at least six 4000x3000, two per difficulty
    big = set()
    for dname in ("easy", "medium", "hard"):
        idx = [i for i, d in enumerate(diffs) if d == dname]
        big.update(master.shuffle(idx)[:2])
    screens = master.shuffle([(1280, 1024)] * 8 + [(1920, 1080)] * 8 + [(2560, 1440)] * 8)
    backgrounds = master.shuffle(["dark"] * 12 + ["mid"] * 9 + ["light"] * 3)
    modal = master.shuffle(["ct_chest"] * 7 + ["ct_abd"] * 5 + ["mr_brain"] * 7 + ["xr_chest"] * 5)
    plan = []
    for i in range(N_PHOTOS):
        plan.append({"difficulty": diffs[i], "strong": i in strong, "big": i in big,
                     "screen": screens[i], "background": backgrounds[i], "modality": modal[i]})
    return plan


def make_conditions(r, pl):
    dif = pl["difficulty"]
    c = {}
    c["screen_width_frac"] = round({"easy": r.u(0.68, 0.90), "medium": r.u(0.55, 0.80), "hard": r.u(0.45, 0.68)}[dif], 3)
    if pl["big"]:
        PW, PH = 4000, 3000
    else:
        # photo size: pick among sizes whose nominal screen-to-photo scale suits the difficulty
        lo_s, hi_s = {"easy": (0.75, 1.7), "medium": (0.5, 1.2), "hard": (0.3, 0.85)}[dif]
        sizes = [(1600, 1200), (2048, 1536), (2400, 1800), (2592, 1944), (3264, 2448), (4000, 3000)]
        ok = [sz for sz in sizes if lo_s <= c["screen_width_frac"] * sz[0] / pl["screen"][0] <= hi_s]
        PW, PH = r.c(ok) if ok else min(sizes, key=lambda sz: abs(c["screen_width_frac"] * sz[0] / pl["screen"][0] - (lo_s + hi_s) / 2))
    c["photo_size"] = [PW, PH]
    c["screen_resolution"] = list(pl["screen"])
    if pl["strong"]:
        c["keystone"] = round(r.u(0.20, 0.35), 3)
    else:
        c["keystone"] = round({"easy": r.u(0.05, 0.12), "medium": r.u(0.08, 0.18), "hard": r.u(0.10, 0.195)}[dif], 3)
    c["strong_keystone"] = pl["strong"]
    c["keystone_axis"] = r.w(["lr", "tb"], [0.6, 0.4])
    c["far_edge"] = r.c(["left", "right"]) if c["keystone_axis"] == "lr" else r.c(["top", "bottom"])
    c["keystone_secondary"] = round(r.u(0.0, 0.04), 3)
    c["roll_deg"] = round(r.c([-1, 1]) * {"easy": r.u(0, 4), "medium": r.u(1.5, 8), "hard": r.u(4, 12)}[dif], 2)
    lo = {"easy": (0.0, 0.6), "medium": (0.5, 1.3), "hard": (0.9, 2.0)}[dif]
    dn = r.u(*lo)
    c["defocus_sigma_near"] = round(dn, 2)
    c["defocus_sigma_far"] = round(dn + (r.u(0.1, 0.9) if c["keystone"] > 0.18 else r.u(0.0, 0.4)), 2)
    c["motion_blur_px"] = round({"easy": r.u(0, 1.5), "medium": r.u(0.8, 3.5), "hard": r.u(1.5, 5.5)}[dif], 2)
    c["motion_angle_deg"] = round(r.u(0, 180), 1)
    c["light_level"] = round({"easy": r.u(0.7, 1.0), "medium": r.u(0.45, 0.85), "hard": r.u(0.25, 0.6)}[dif], 2)
    c["low_light"] = c["light_level"] < 0.5
    c["noise_level"] = round((0.7 / c["light_level"]) ** 0.7 * {"easy": r.u(0.03, 0.08), "medium": r.u(0.08, 0.22), "hard": r.u(0.12, 0.32)}[dif], 3)
    c["moire_amplitude"] = round({"easy": r.u(0.12, 0.30), "medium": r.u(0.20, 0.40), "hard": r.u(0.25, 0.50)}[dif], 3)
    c["glare_spots"] = r.i(1, 2)
    c["glare_strength"] = round({"easy": r.u(0.02, 0.08), "medium": r.u(0.05, 0.18), "hard": r.u(0.10, 0.30)}[dif], 3)
    c["reflection_gradient"] = round(r.u(0.0, 0.05) if r.p(0.6) else 0.0, 3) if dif == "easy" else round(r.u(0.02, 0.12), 3)
    tint = r.c([(1.0, 0.96, 0.88), (0.95, 0.98, 1.0), (1.0, 1.0, 0.97)])
    c["glare_colour"] = list(tint)
    cast = r.c(["warm", "cool", "green", "magenta", "neutral"])
    g = {"warm": (1.10, 1.0, 0.84), "cool": (0.88, 0.98, 1.12), "green": (0.92, 1.06, 0.92),
         "magenta": (1.06, 0.92, 1.04), "neutral": (1.0, 1.0, 1.0)}[cast]
    strength = r.u(0.5, 1.0)
    c["colour_cast_name"] = cast
    c["colour_cast"] = [round(1 + (x - 1) * strength, 3) for x in g]
    c["vignetting"] = round({"easy": r.u(0.1, 0.25), "medium": r.u(0.2, 0.4), "hard": r.u(0.3, 0.55)}[dif], 3)
    c["display_brightness"] = round(r.u(0.75, 1.0), 3)
    c["exposure"] = round({"easy": r.u(0.85, 1.05), "medium": r.u(0.75, 1.0), "hard": r.u(0.6, 0.95)}[dif], 3)
    c["sharpen"] = round(r.u(0.2, 0.8), 2)
    c["chroma_denoise_sigma"] = round(r.u(1.0, 2.5) * (1.5 if c["low_light"] else 1.0), 2)
    c["luma_denoise"] = round(r.u(0.0, 0.3) + (0.3 if c["low_light"] else 0.0), 2)
    c["jpeg_quality"] = {"easy": r.i(84, 92), "medium": r.i(72, 88), "hard": r.i(60, 75)}[dif]
    c["keyboard"] = r.p(0.6)
    c["second_monitor"] = r.p(0.35)
    c["mug"] = r.p(0.3)
    c["brand"] = r.c(BRANDS) if r.p(0.5) else None
    return c, PW, PH


def make_screen_spec(r, pl, cond):
    W, H = pl["screen"]
    spec = {"screen_w": W, "screen_h": H, "modality": pl["modality"], "background": pl["background"]}
    if pl["background"] == "dark":
        spec["bg_name"] = r.c(["black", "black", "darkgrey"])
        v = 0 if spec["bg_name"] == "black" else r.i(18, 45)
    elif pl["background"] == "mid":
        spec["bg_name"] = "midgrey"
        v = r.i(70, 112)
    else:
        spec["bg_name"] = "light_ui"
        v = r.i(0, 30)
    spec["bg_rgb"] = (v, v, v + (r.i(0, 6) if v > 0 else 0))
    spec["viewport_rgb"] = (v, v, v)
    f = r.c(OVERLAY_FONTS)
    spec["font"] = f
    spec["font_px"] = r.i(10, 18)
    cols = list(TEXT_COLOURS)
    spec["text_colour"] = r.c(cols)
    spec["text_colour2"] = r.c(cols)
    spec["two_colours"] = r.p(0.35)
    spec["shadow"] = r.p(0.4)
    spec["bold_name"] = r.p(0.4)
    spec["toolbar"] = r.w([None, "light", "dark"], [4, 3, 2]) if pl["background"] != "light" else "light"
    spec["strip"] = r.w([None, "left", "right", "bottom"], [5, 2, 1, 1]) if pl["background"] != "light" else r.c(["left", "right"])
    spec["scale_bar"] = r.p(0.55)
    spec["swap_corners"] = r.p(0.2)
    spec["gamma_img"] = r.u(0.8, 1.3)
    spec["series_no"] = r.i(1, 3)
    n_id = r.i(4, 8)
    n_strip = 0
    if spec["strip"]:
        n_strip = r.i(0, 2)
    n_main = max(3, n_id - n_strip)
    pat, stu, info = build_identifier_lines(r, n_main)
    spec["patient_lines"], spec["study_lines"] = pat, stu
    spec["strip_name"] = None
    spec["strip_prior"] = None
    if n_strip >= 1:
        spec["strip_name"] = format_name(r, info["person"]) if r.p(0.5) else info["name_txt"]
    if n_strip >= 2:
        spec["strip_prior"] = fmt_date(r, rand_date(r, info["study"][0] - 4, info["study"][0] - 1))
    spec["tech_lines"] = build_technical(r, pl["modality"], r.i(4, 8))
    return spec


def main():
    if len(sys.argv) != 2:
        print("usage: python generate.py OUTDIR")
        sys.exit(2)
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    master = R(SEED)
    plan = make_plan(master)
    truth = []
    for i, pl in enumerate(plan):
        r = R([SEED, i + 1])
        cond, PW, PH = make_conditions(r, pl)
        spec = make_screen_spec(r, pl, cond)
        scr = render_screen(r, spec)
        cond["font"] = FONT_FILES[spec["font"][1]].split("/")[-1]
        cond["font_family"] = spec["font"][0]
        cond["font_px"] = spec["font_px"]
        cond["text_colour"] = spec["text_colour"]
        cond["text_shadow"] = spec["shadow"]
        cond["modality"] = spec["modality"]
        cond["screen_background"] = spec["bg_name"]
        cond["toolbar"] = spec["toolbar"]
        cond["strip"] = spec["strip"]
        if os.environ.get("SP_DEBUG"):
            scr.img.save(os.path.join(outdir, f"debug_screen_{i + 1:02d}.png"))
        photo, Hm, items, vig, glare_map = photograph(r, scr, spec, cond, PW, PH)
        fname = f"p{i + 1:02d}.jpg"
        Image.fromarray(photo).save(os.path.join(outdir, fname), "JPEG", quality=cond["jpeg_quality"])
        # glare map for the legibility judgement (recompute cheaply at item centres)
        scr_arr = np.asarray(scr.img)
        W, H = scr.W, scr.H
        far = cond["far_edge"]
        ids, others = [], []
        for it in items:
            box = item_box_photo(Hm, it["box"], PW, PH)
            if it["role"] == "id":
                cx, cy = (it["box"][0] + it["box"][2]) / 2, (it["box"][1] + it["box"][3]) / 2
                if far == "right":
                    wf = cx / W
                elif far == "left":
                    wf = 1 - cx / W
                elif far == "bottom":
                    wf = cy / H
                else:
                    wf = 1 - cy / H
                it["_wfar"] = wf
                pc = hom_apply(Hm, [(cx, cy)])[0]
                px, py = int(min(PW - 1, max(0, pc[0]))), int(min(PH - 1, max(0, pc[1])))
                ga = float(glare_map[py, px])
                leg, det = judge_legibility(it, Hm, scr_arr, cond, ga, float(vig[py, px]))
                ids.append({"text": it["text"], "category": it["cat"], "box": box, "legible": bool(leg)})
                it["_det"] = det
            else:
                others.append({"text": it["text"], "kind": it["cat"], "box": box})
        truth.append({"file": fname, "difficulty": pl["difficulty"], "background": pl["background"],
                      "conditions": cond, "identifiers": ids, "other_text": others})
        if os.environ.get("SP_DEBUG"):
            dbg = [{"text": it["text"], **it["_det"]} for it in items if "_det" in it]
            with open(os.path.join(outdir, f"debug_items_{i + 1:02d}.json"), "w") as fh:
                json.dump([{"text": it["text"], "role": it["role"], "cat": it["cat"], "box": [float(v) for v in it["box"]]} for it in items], fh, ensure_ascii=False)
            with open(os.path.join(outdir, f"debug_{i + 1:02d}.json"), "w") as fh:
                json.dump(dbg, fh, ensure_ascii=False, indent=1)
        del photo
    with open(os.path.join(outdir, "truth.json"), "w", encoding="utf-8") as fh:
        json.dump(truth, fh, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
