"""Photo planning and pixels: sizes without upscaling, upright sRGB pixels."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
import xml.etree.ElementTree as ET

import pytest
from PIL import Image
from press_room import photo_encode
from press_room.photo_metadata import PhotoMetadata, iim_segment, with_metadata, xmp_packet
from press_room.photo_pixels import load
from press_room.photos import PhotoProblem, capped, inspect, planned_widths


@pytest.mark.parametrize("original, expected", [
    (3600, [480, 960, 1600, 2400]),
    (1200, [480, 960, 1200]),  # the original width replaces the larger sizes
    (960, [480, 960]),
    (400, [400]),
])
def test_planned_widths_never_upscale(original, expected):
    assert planned_widths(original, (480, 960, 1600, 2400)) == expected


def test_download_is_capped_on_its_longest_side():
    assert capped((6000, 4000), 4000) == (4000, 2667)
    assert capped((3000, 2000), 4000) == (3000, 2000)


def test_orientation_six_is_read_as_portrait(tmp_path):
    path = tmp_path / "sideways.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.new("RGB", (300, 200), "white").save(path, exif=exif)
    assert inspect(str(path), 100_000_000) == (200, 300)
    assert load(str(path)).size == (200, 300)


def test_transparency_is_flattened_onto_white(tmp_path):
    path = tmp_path / "clear.png"
    Image.new("RGBA", (10, 10), (255, 0, 0, 0)).save(path)
    image = load(str(path))
    assert image.mode == "RGB" and image.getpixel((5, 5)) == (255, 255, 255)


def test_sixteen_bit_grey_is_scaled_not_clipped(tmp_path):
    path = tmp_path / "grey16.png"
    Image.new("I;16", (8, 8), 32768).save(path)
    red, green, blue = load(str(path)).getpixel((1, 1))
    assert 120 <= red <= 136 and red == green == blue, (red, green, blue)


def test_cmyk_becomes_rgb(tmp_path):
    path = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (8, 8), (255, 0, 0, 0)).save(path, quality=95)  # pure cyan
    red, green, blue = load(str(path)).getpixel((4, 4))
    assert red < 40 and green > 200 and blue > 200, (red, green, blue)


@pytest.mark.parametrize("content, expected", [
    (b"", "is empty (0 bytes) — copy the photo again"),
    (b"this is text, not a photo", "is not an image Pillow can read — export it again as JPEG"),
])
def test_unusable_files_are_named(tmp_path, content, expected):
    path = tmp_path / "bad.jpg"
    path.write_bytes(content)
    with pytest.raises(PhotoProblem) as caught:
        inspect(str(path), 100_000_000)
    assert str(caught.value) == expected


def test_pixel_limit_is_checked_from_the_header(tmp_path):
    path = tmp_path / "big.png"
    Image.new("L", (200, 100)).save(path)
    with pytest.raises(PhotoProblem) as caught:
        inspect(str(path), 10_000)
    assert str(caught.value) == "is 200 × 100 px, more than 0.01 megapixels — export it smaller"


def _metadata(caption="A caption", language="en") -> PhotoMetadata:
    return PhotoMetadata(caption=caption, credit="Credit", rights="© Rights",
                         title="release-photo-1",
                         created=datetime(2021, 11, 26, 10, 0, tzinfo=timezone(timedelta(hours=8))),
                         language=language, usage_terms="Terms", web_statement="https://x.test/u/")


def _noise_jpeg(tmp_path, size=(640, 480)):
    path = tmp_path / "source.jpg"
    Image.effect_noise(size, 40).convert("RGB").save(path, "JPEG", quality=95)
    return path


def test_spliced_metadata_gives_the_bytes_pillow_writes(tmp_path):
    image = Image.open(_noise_jpeg(tmp_path)).convert("RGB")
    metadata = _metadata("Caption — 說明", "zh-Hant-HK")
    xmp, iim = xmp_packet(metadata), iim_segment(metadata)

    def encoded(**extra):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=90, optimize=True, progressive=True, **extra)
        return buffer.getvalue()

    spliced = with_metadata(encoded(), xmp, iim)
    fresh = encoded(xmp=xmp, extra=iim)
    assert spliced == fresh, (
        f"spliced {len(spliced)} bytes differ from a fresh encode's {len(fresh)} from byte "
        f"{next(i for i, (a, b) in enumerate(zip(spliced, fresh)) if a != b)}")
    assert with_metadata(encoded(), b"x" * 70_000, iim) is None, "an oversized packet must fall back"


def test_downloads_in_three_languages_encode_the_pixels_once(tmp_path, monkeypatch):
    source = _noise_jpeg(tmp_path)
    captions = {"en": "A caption", "zh-hant": "圖片說明", "zh-hans": "图片说明"}
    outputs = tuple(photo_encode.Output(str(tmp_path / f"{lang}.jpg"), "jpeg", (640, 480), 90,
                                        xmp=xmp_packet(_metadata(caption, lang)),
                                        iim=iim_segment(_metadata(caption, lang)))
                    for lang, caption in captions.items())
    encodes = []
    real_encode = photo_encode._encode
    monkeypatch.setattr(photo_encode, "_encode",
                        lambda image, output: encodes.append(output) or real_encode(image, output))
    assert photo_encode.run(photo_encode.Job(str(source), outputs)) is None
    assert len(encodes) == 1, f"encoded {len(encodes)} times: {encodes}"
    pixels = set()
    for lang, caption in captions.items():
        with Image.open(tmp_path / f"{lang}.jpg") as published:
            assert caption in published.info["xmp"].decode("utf-8"), (lang, published.info)
            iim = dict(published.applist).get("APP13", b"")
            assert caption.encode("utf-8") in iim, (lang, published.applist[:3])
            pixels.add(published.tobytes())
    assert len(pixels) == 1, "the three downloads differ in their pixels"
