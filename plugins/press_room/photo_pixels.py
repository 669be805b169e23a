"""Correct pixels from any photo a camera or an agency sends.

Opens HEIC/HEIF as well as Pillow's own formats, and turns what Pillow
opened into upright, 8-bit sRGB RGB: EXIF orientation
applied, an embedded ICC profile (Adobe RGB, a CMYK press profile…) converted
to sRGB, CMYK without a profile converted naively, 16-bit greyscale scaled
down rather than clipped to white, transparency flattened onto white, and an
animated image reduced to its first frame. Browsers assume sRGB for untagged
images, so every published file is sRGB and carries no profile.
"""

from __future__ import annotations

import io

import pillow_heif
from PIL import Image, ImageCms, ImageOps

# HEIC/HEIF (an iPhone's default) opens like any other format once
# pillow-heif has registered its opener with Pillow: in this process and in
# the encoding workers, which import this module too.
pillow_heif.register_heif_opener()

_SRGB = ImageCms.createProfile("sRGB")
_HIGH_BIT_DEPTH = ("I;16", "I;16B", "I;16L", "I;16N", "I", "F")


def _from_high_bit_depth(image: Image.Image) -> Image.Image:
    """16-bit greyscale to 8-bit by scaling: Pillow's convert() clips at 255."""
    if image.mode == "F":
        return image.convert("L")
    wide = image.convert("I")
    return wide.point(lambda value: value / 256).convert("L")


def _with_profile_applied(image: Image.Image) -> Image.Image:
    icc = image.info.get("icc_profile")
    if not icc:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        output_mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") else "RGB"
        if image.mode not in ("RGB", "RGBA", "CMYK", "L", "LAB"):
            image = image.convert("RGBA" if output_mode == "RGBA" else "RGB")
        converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=output_mode)
        return converted if converted is not None else image
    except (ImageCms.PyCMSError, OSError, ValueError):
        # A broken profile: treat the pixels as sRGB rather than fail the build.
        return image


def _flatten_onto_white(image: Image.Image) -> Image.Image:
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, "white")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def upright_srgb(image: Image.Image) -> Image.Image:
    """The photo as it should be seen: upright, sRGB, RGB, opaque — and with
    none of the source's metadata, which encoders would otherwise copy over."""
    result = _upright_srgb_pixels(image)
    result.info = {}
    return result


def _upright_srgb_pixels(image: Image.Image) -> Image.Image:
    image.seek(0)  # an animated image publishes its first frame
    upright = ImageOps.exif_transpose(image)
    if upright.mode in _HIGH_BIT_DEPTH:
        upright = _from_high_bit_depth(upright)
    upright = _with_profile_applied(upright)
    if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info:
        return _flatten_onto_white(upright)
    return upright.convert("RGB")


def load(path: str) -> Image.Image:
    with Image.open(path) as image:
        image.load()
        return upright_srgb(image)
