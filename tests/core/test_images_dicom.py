"""DICOM headers against the PS3.15 Basic Profile: every listed attribute, wherever it sits."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PIL")
pydicom = pytest.importorskip("pydicom")

from socialcoach import images  # noqa: E402
from socialcoach.images import dicom  # noqa: E402

import image_samples as samples  # noqa: E402


def by_keyword(report: images.ImageReport) -> dict[str, images.ImageFinding]:
    out = {}
    for f in report.findings:
        if f.source == "dicom" and len(f.tags) > 1:
            out.setdefault(f.tags[1], f)
    return out


def test_the_profile_table_is_the_standards_with_its_edition():
    exact, masked, source = dicom.profile()
    assert len(exact) + len(masked) == 655
    assert "2026c" in source and "dicom-anonymizer" in source
    assert dicom.action_for(0x00100010) == "Z"  # PatientName
    assert dicom.action_for(0x00080050) == "Z"  # AccessionNumber
    assert dicom.action_for(0x60023000) == "X"  # OverlayData of any overlay group
    assert dicom.action_for(0x00080060) is None  # Modality is not in the profile


def _header_only(path: Path, preamble: bool = True) -> Path:
    """No pixel data: a private block and a sequence holding the patient's identifiers."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.sequence import Sequence
    from pydicom.uid import ExplicitVRLittleEndian

    ds = Dataset()
    item = Dataset()
    item.PatientName = "ROE^RICHARD"
    item.PatientID = "77001234"
    item.InsurancePlanIdentification = "PLAN-4471"
    ds.OtherPatientIDsSequence = Sequence([item])
    ds.PatientSex = "M"
    ds.PatientWeight = "81"
    block = ds.private_block(0x0011, "ACME IMAGING 1.0", create=True)
    block.add_new(0x10, "LO", "ROE RICHARD")
    block.add_new(0x11, "DA", "19500101")
    if preamble:
        ds.file_meta = FileMetaDataset()
        ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
        ds.file_meta.MediaStorageSOPInstanceUID = "1.2.3.4"
        ds.save_as(path, enforce_file_format=True)
    else:
        ds.save_as(path, implicit_vr=True, little_endian=True)
    return path


@pytest.mark.parametrize("preamble", [True, False])
def test_a_header_without_pixels_is_read_into_its_sequences_and_private_blocks(
    tmp_path: Path, preamble: bool
):
    report = images.check_image(_header_only(tmp_path / "h.dcm", preamble), ocr=False)
    found = by_keyword(report)
    assert found["PatientName"].value == "ROE^RICHARD"
    assert "OtherPatientIDsSequence[0]" in found["PatientName"].where
    assert found["InsurancePlanIdentification"].category == "health_plan"
    assert found["PatientSex"].action == "Z" and found["PatientWeight"].action == "X"
    private = [f for f in report.findings if f.category == "private_tag"]
    assert len(private) == 1 and "ACME IMAGING 1.0" in private[0].where
    assert "2 element(s)" in private[0].value and "ROE RICHARD" in private[0].value


def test_a_dicomdir_names_the_patients_of_every_file_it_lists(tmp_path: Path):
    from pydicom.fileset import FileSet

    ct = pydicom.dcmread(samples.dicom_file(tmp_path / "ct.dcm"))
    ct.StudyID, ct.SeriesNumber, ct.InstanceNumber = "1", 1, 1  # what DICOMDIR records need
    fs = FileSet()
    fs.add(ct)
    fs.write(tmp_path / "disc")
    report = images.check_image(tmp_path / "disc" / "DICOMDIR", ocr=False)
    found = by_keyword(report)
    assert found["PatientName"].value == samples.NAME
    assert found["PatientID"].value == samples.PATIENT_ID
    assert any("DICOMDIR" in n for n in report.notes)


def test_every_profile_attribute_present_is_reported(tmp_path: Path):
    ds = pydicom.dcmread(samples.dicom_file(tmp_path / "ct.dcm"))
    report = images.check_image(tmp_path / "ct.dcm", ocr=False)
    reported = {t for f in report.findings for t in f.tags}
    listed = [e for e in ds if dicom.action_for(int(e.tag)) and not e.tag.is_private]
    listed += [e for e in ds.file_meta if dicom.action_for(int(e.tag))]
    assert listed
    for element in listed:
        assert f"{element.tag.group:04X}{element.tag.element:04X}" in reported, element.keyword


def test_a_dicom_strip_to_dcm_is_de_identified_by_the_profile(tmp_path: Path):
    ct = samples.dicom_file(tmp_path / "ct.dcm")
    images.strip_image(ct, tmp_path / "clean.dcm")
    out = pydicom.dcmread(tmp_path / "clean.dcm")
    assert str(out.get("PatientName", "")) in ("", "ANONYMOUS")
    assert "AccessionNumber" not in out or not out.AccessionNumber
    assert "InstitutionName" not in out and "DeviceSerialNumber" not in out
    assert out.PatientIdentityRemoved == "YES"
    assert out.StudyInstanceUID != pydicom.dcmread(ct).StudyInstanceUID
    assert not [e for e in out if e.tag.is_private]
    assert (out.pixel_array == pydicom.dcmread(ct).pixel_array).all()
    raw = (tmp_path / "clean.dcm").read_bytes()
    for secret in (b"DOE", samples.PATIENT_ID.encode(), samples.ACCESSION.encode()):
        assert secret not in raw


def test_bytes_that_only_start_like_dicom_are_refused_plainly(tmp_path: Path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x08\x00\x05\x00" + bytes(range(256)) * 8)
    with pytest.raises(images.ImageError) as caught:
        images.check_image(junk, ocr=False)
    assert "Traceback" not in str(caught.value)
