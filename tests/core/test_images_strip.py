"""--strip keeps every pixel: JPEG segments dropped, not re-encoded; PNG ancillary chunks only."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

pytest.importorskip("PIL")

from socialcoach import images  # noqa: E402

import image_samples as samples  # noqa: E402


def pixels(path: Path):
    import numpy as np
    from PIL import Image

    with Image.open(path) as image:
        return np.asarray(image.convert("RGBA" if image.mode in ("P", "PA") else image.mode))


def _noisy_jpeg(path: Path, **save) -> Path:
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(7)
    arr = rng.integers(0, 255, (96, 128, 3), dtype=np.uint8)
    Image.fromarray(arr).save(path, "JPEG", **save)
    return path


def _with_icc(path: Path) -> Path:
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return _noisy_jpeg(path, icc_profile=profile, quality=80)


MAKERS = {
    "metadata.jpg": samples.photo_with_metadata,
    "every-block.jpg": samples.jpeg_every_block,
    "mpo.jpg": samples.mpo,
    "progressive.jpg": lambda p: _noisy_jpeg(p, progressive=True, quality=70),
    "subsampled.jpg": lambda p: _noisy_jpeg(p, quality=60, subsampling=2),
    "icc.jpg": _with_icc,
}


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_a_stripped_jpeg_decodes_to_identical_pixels_and_carries_no_metadata(
    tmp_path: Path, name: str
):
    original = MAKERS[name](tmp_path / name)
    before = original.read_bytes()
    out = tmp_path / f"clean-{name}"
    result = images.strip_image(original, out)
    assert (pixels(original) == pixels(out)).all()
    assert original.read_bytes() == before
    assert images.check_image(out, ocr=False).findings == []
    assert result.format == "JPEG" and "without re-encoding" in result.notes[0]


def test_the_icc_profile_is_kept_unless_asked_and_the_orientation_always(tmp_path: Path):
    from PIL import ExifTags, Image

    original = _with_icc(tmp_path / "icc.jpg")
    kept = images.strip_image(original, tmp_path / "kept.jpg")
    assert any("ICC" in n for n in kept.notes)
    assert Image.open(tmp_path / "kept.jpg").info.get("icc_profile")
    images.strip_image(original, tmp_path / "dropped.jpg", keep_icc=False)
    assert not Image.open(tmp_path / "dropped.jpg").info.get("icc_profile")
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Artist] = samples.OWNER
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buffer, "JPEG", exif=exif)
    (tmp_path / "turned.jpg").write_bytes(buffer.getvalue())
    images.strip_image(tmp_path / "turned.jpg", tmp_path / "turned-clean.jpg")
    clean = Image.open(tmp_path / "turned-clean.jpg").getexif()
    assert dict(clean) == {ExifTags.Base.Orientation: 6}  # upright as before, nobody named


def test_a_stripped_png_keeps_its_image_chunks_and_drops_text_time_and_exif(tmp_path: Path):
    original = samples.png_with_time_and_itxt(tmp_path / "t.png")
    out = tmp_path / "clean.png"
    images.strip_image(original, out)
    assert (pixels(original) == pixels(out)).all()
    raw = out.read_bytes()
    for chunk in (b"tIME", b"iTXt", b"tEXt", b"eXIf"):
        assert chunk not in raw
    assert images.check_image(out, ocr=False).findings == []


def test_strip_keeps_the_kind_so_no_pixel_changes(tmp_path: Path):
    photo = samples.photo_with_metadata(tmp_path / "p.jpg")
    with pytest.raises(images.ImageError, match=r"\.jpg"):
        images.strip_image(photo, tmp_path / "p.png")
    assert not (tmp_path / "p.png").exists()


def test_a_copy_never_overwrites_an_existing_file(tmp_path: Path):
    photo = samples.photo_with_metadata(tmp_path / "p.jpg")
    taken = tmp_path / "clean.jpg"
    taken.write_bytes(b"someone else's file")
    with pytest.raises(images.ImageError, match="exists already"):
        images.strip_image(photo, taken)
    with pytest.raises(images.ImageError, match="exists already"):
        images.redact_image(photo, taken)
    assert taken.read_bytes() == b"someone else's file"
