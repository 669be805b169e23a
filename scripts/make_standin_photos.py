"""Generate six clearly marked stand-in photos for the seed release.

We do not have the real HKSTP photo files for the INNOPARK / MARS Centre
release, but the site needs real, large JPEGs to exercise its photo pipeline
(resizing, EXIF handling, downloads, the "all photos" zip). These stand-ins are
full-size (3600 x 2400) so they behave like camera originals, carry a camera
Make/Model and DateTimeOriginal so EXIF handling is exercised, and say
"STAND-IN PHOTO N" in large type so nobody mistakes them for the real thing.

The output is deterministic: same Pillow/libjpeg, same bytes. There is no
randomness and no timestamp taken from the clock, so re-running the script
never produces a spurious diff in git.

Usage:
    python scripts/make_standin_photos.py [OUTDIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

DEFAULT_OUTDIR = Path("content/releases/2021/innopark-mars-centre")

# Landscape 3:2 like a typical camera original; wider than 3000 px so the
# site's largest rendition is a genuine downscale, never an upscale.
WIDTH, HEIGHT = 3600, 2400
JPEG_QUALITY = 80

# Fixed date of the release, not "now": keeps the files byte-identical.
DATE_TAKEN = "2021:11:26 10:00:00"
CAMERA_MAKE = "Stand-in Camera Co."
CAMERA_MODEL = "Generator 1"

# EXIF tag numbers (TIFF/EXIF 2.3), named here so the code below reads plainly.
TAG_IMAGE_DESCRIPTION = 0x010E
TAG_MAKE = 0x010F
TAG_MODEL = 0x0110
TAG_EXIF_IFD = 0x8769
TAG_DATETIME_ORIGINAL = 0x9003

# One calm palette per photo: (gradient top, gradient bottom, shape colour).
# Muted, distinct hues so the six are easy to tell apart in a gallery.
PALETTES = [
    ((38, 70, 83), (42, 157, 143), (233, 196, 106)),
    ((61, 64, 91), (129, 178, 154), (242, 204, 143)),
    ((29, 53, 87), (69, 123, 157), (168, 218, 220)),
    ((80, 60, 90), (170, 120, 150), (240, 220, 200)),
    ((52, 78, 65), (120, 160, 110), (230, 230, 190)),
    ((90, 70, 50), (190, 140, 90), (245, 225, 190)),
]

TEXT_COLOUR = (255, 255, 255)
PANEL_COLOUR = (0, 0, 0)


def make_gradient(top: tuple, bottom: tuple) -> Image.Image:
    """A smooth vertical gradient: compresses well and looks like a backdrop."""
    # linear_gradient gives a 256x256 ramp from black to white; stretching it is
    # far cheaper than drawing 2400 lines, and the result is identical each run.
    ramp = Image.linear_gradient("L").resize((WIDTH, HEIGHT), Image.Resampling.BICUBIC)
    return ImageOps.colorize(ramp, black=top, white=bottom)


def draw_shapes(image: Image.Image, colour: tuple, number: int) -> None:
    """Draw a few simple shapes so each photo has some structure to resize."""
    draw = ImageDraw.Draw(image)
    # Positions derive from the photo number, not from random(), to stay deterministic.
    offset = number * 160
    draw.ellipse((2500 - offset // 2, 300, 3400 - offset // 2, 1200), outline=colour, width=24)
    draw.rectangle((200 + offset, 1750, 900 + offset, 2200), outline=colour, width=24)
    draw.line((0, 2300 - offset // 4, WIDTH, 1900 + offset // 4), fill=colour, width=16)


def draw_panel(image: Image.Image) -> None:
    """Darken a band behind the text so it stays legible on any gradient."""
    band = Image.new("RGB", (WIDTH - 400, 900), PANEL_COLOUR)
    # A half-transparent black keeps the gradient visible but guarantees contrast.
    image.paste(Image.blend(image.crop((200, 700, WIDTH - 200, 1600)), band, 0.55), (200, 700))


def draw_labels(image: Image.Image, number: int, shape_colour: tuple) -> None:
    """Write the stand-in notice and the caption number in large type."""
    draw = ImageDraw.Draw(image)
    # Pillow >= 10.1 ships a scalable default font: no font files to vendor or fetch.
    title_font = ImageFont.load_default(size=200)
    note_font = ImageFont.load_default(size=110)
    number_font = ImageFont.load_default(size=900)

    draw.text((320, 780), f"STAND-IN PHOTO {number}", font=title_font, fill=TEXT_COLOUR)
    draw.text((320, 1100), "Replace with the real HKSTP photo", font=note_font, fill=TEXT_COLOUR)
    draw.text((320, 1320), f"Caption {number} of {len(PALETTES)}", font=note_font, fill=TEXT_COLOUR)
    # The big numeral matches "Photo N" in the caption, so a reviewer can check
    # at a glance that captions and images are paired correctly.
    draw.text((WIDTH - 300, 1150), str(number), font=number_font, fill=shape_colour, anchor="rm")


def make_exif(number: int) -> Image.Exif:
    """Camera-like EXIF with a fixed date and no GPS (nothing to leak)."""
    exif = Image.Exif()
    exif[TAG_IMAGE_DESCRIPTION] = f"Stand-in photo {number} (generated); replace with the real HKSTP photo"
    exif[TAG_MAKE] = CAMERA_MAKE
    exif[TAG_MODEL] = CAMERA_MODEL
    # DateTimeOriginal belongs in the Exif sub-IFD, not in IFD0.
    exif.get_ifd(TAG_EXIF_IFD)[TAG_DATETIME_ORIGINAL] = DATE_TAKEN
    return exif


def make_photo(number: int) -> Image.Image:
    """Compose stand-in photo `number` (1-based)."""
    top, bottom, shape_colour = PALETTES[number - 1]
    image = make_gradient(top, bottom)
    draw_shapes(image, shape_colour, number)
    draw_panel(image)
    draw_labels(image, number, shape_colour)
    return image


def save_photo(image: Image.Image, path: Path, number: int) -> None:
    """Save as a baseline JPEG; `optimize` shrinks it without losing determinism."""
    image.save(path, "JPEG", quality=JPEG_QUALITY, optimize=True, exif=make_exif(number))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "outdir",
        nargs="?",
        type=Path,
        default=DEFAULT_OUTDIR,
        help=f"folder to write photo-1.jpg ... photo-6.jpg into (default: {DEFAULT_OUTDIR})",
    )
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)

    for number in range(1, len(PALETTES) + 1):
        path = args.outdir / f"photo-{number}.jpg"
        save_photo(make_photo(number), path, number)
        print(f"wrote {path} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
