"""Photo planning: sizes without upscaling, oriented dimensions."""

from __future__ import annotations

import pytest
from PIL import Image
from press_room.photos import capped, load_upright_rgb, oriented_size, planned_widths


@pytest.mark.parametrize("original, expected", [
    (3600, [480, 960, 1600]),
    (1200, [480, 960, 1200]),  # the original width replaces the larger sizes
    (960, [480, 960]),
    (400, [400]),
])
def test_planned_widths_never_upscale(original, expected):
    assert planned_widths(original, (480, 960, 1600)) == expected


def test_download_is_capped_on_its_longest_side():
    assert capped((6000, 4000), 4000) == (4000, 2667)
    assert capped((3000, 2000), 4000) == (3000, 2000)


def test_orientation_six_is_read_as_portrait(tmp_path):
    path = tmp_path / "sideways.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.new("RGB", (300, 200), "white").save(path, exif=exif)
    assert oriented_size(str(path)) == (200, 300)
    assert load_upright_rgb(str(path)).size == (200, 300)


def test_transparency_is_flattened_onto_white(tmp_path):
    path = tmp_path / "clear.png"
    Image.new("RGBA", (10, 10), (255, 0, 0, 0)).save(path)
    image = load_upright_rgb(str(path))
    assert image.mode == "RGB" and image.getpixel((5, 5)) == (255, 255, 255)
