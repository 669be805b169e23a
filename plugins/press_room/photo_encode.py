"""Encoding one photo's files: run in worker processes, one job per photo.

A job decodes its source once and writes every missing output, largest first,
each resized from the previous one (cheaper than from the full original, and
indistinguishable at these ratios). Outputs carry no EXIF; the download
carries caption, credit and copyright as XMP and IPTC IIM (photo_metadata).
Errors come back as text so a corrupt photo becomes a build problem, not a
crashed worker.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, replace

from PIL import Image

from . import photo_metadata, photo_pixels
from .srgb_profile import srgb_icc

# Format name -> (Pillow format, encoder options beyond quality).
ENCODERS = {
    "jpeg": ("JPEG", {"optimize": True, "progressive": True}),
    "webp": ("WEBP", {"method": 4}),
    "avif": ("AVIF", {"speed": 10}),  # as small as speed 8 here, 3× faster (bench)
}
MIME_TYPES = {"jpeg": "image/jpeg", "webp": "image/webp", "avif": "image/avif"}
EXTENSIONS = {"jpeg": "jpg", "webp": "webp", "avif": "avif"}


@dataclass(frozen=True)
class Output:
    cache_file: str
    format: str
    size: tuple[int, int]  # final pixel size
    quality: int
    xmp: bytes = b""  # the download's XMP packet (photo_metadata)
    iim: bytes = b""  # the download's IPTC IIM, as a whole APP13 segment (photo_metadata)
    crop: tuple[int, int, int, int] | None = None  # box in the upright original
    dpi: int = 72  # JPEG density: what a layout program sizes the photo by


@dataclass(frozen=True)
class Job:
    source: str
    outputs: tuple[Output, ...]


def _encode(image: Image.Image, output: Output) -> bytes:
    pillow_format, options = ENCODERS[output.format]
    buffer = io.BytesIO()
    extra = {"xmp": output.xmp} if output.xmp else {}
    if output.format in ("jpeg", "webp"):
        # The pixels are sRGB (photo_pixels.py): say so to colour-managed software.
        extra["icc_profile"] = srgb_icc()
    if output.format == "jpeg":
        extra["dpi"] = (output.dpi, output.dpi)
    if output.iim:
        extra["extra"] = output.iim  # Pillow writes it right before the XMP
    # No exif= argument: published files carry no EXIF (no GPS, no serials).
    image.save(buffer, pillow_format, quality=output.quality, **options, **extra)
    return buffer.getvalue()


def _store(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)  # atomic: a half-written file is never cached


def run(job: Job) -> str | None:
    """Encode the job's outputs into the cache; the error text if the source is bad."""
    try:
        image = photo_pixels.load(job.source)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        return f"{error.__class__.__name__}: {error}"
    for output in (o for o in job.outputs if o.crop):
        cropped = image.crop(output.crop).resize(output.size, Image.Resampling.LANCZOS)
        _store(output.cache_file, _encode(cropped, output))
    current = image
    # A translated release's downloads differ only in their metadata (XMP and
    # IIM): the pixels are encoded once, each language's metadata spliced in.
    plain: dict[tuple, bytes] = {}
    for output in sorted((o for o in job.outputs if not o.crop), key=lambda o: -o.size[0]):
        if current.size != output.size:
            source = current if current.size[0] >= output.size[0] else image
            current = source.resize(output.size, Image.Resampling.LANCZOS)
        data = None
        if (output.xmp or output.iim) and output.format == "jpeg":
            key = (output.size, output.quality)
            if key not in plain:
                plain[key] = _encode(current, replace(output, xmp=b"", iim=b""))
            data = photo_metadata.with_metadata(plain[key], output.xmp, output.iim)
        _store(output.cache_file, data if data is not None else _encode(current, output))
    return None
