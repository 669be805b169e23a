"""Encoding one photo's files: run in worker processes, one job per photo.

A job decodes its source once and writes every missing output, largest first,
each resized from the previous one (cheaper than from the full original, and
indistinguishable at these ratios). Outputs carry no EXIF; the download
carries caption, credit and copyright as XMP. Errors come back as text so a
corrupt photo becomes a build problem, not a crashed worker.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape

from PIL import Image

from . import photo_pixels
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
    xmp: bytes = b""
    crop: tuple[int, int, int, int] | None = None  # box in the upright original
    dpi: int = 72  # JPEG density: what a layout program sizes the photo by


@dataclass(frozen=True)
class Job:
    source: str
    outputs: tuple[Output, ...]


def xmp_packet(caption: str, credit: str, rights: str) -> bytes:
    """IPTC Core fields as XMP: what photo desks' software shows as caption/credit."""

    def alt(text):
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'

    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">'
        f"<dc:description>{alt(caption)}</dc:description>"
        f"<dc:rights>{alt(rights)}</dc:rights>"
        f"<photoshop:Credit>{escape(credit)}</photoshop:Credit>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode("utf-8")


XMP_SIGNATURE = b"http://ns.adobe.com/xap/1.0/\x00"  # what names an APP1 segment as XMP
MAX_SEGMENT = 65533  # a JPEG segment's payload, its 2-byte length field included


def with_xmp(jpeg: bytes, xmp: bytes) -> bytes | None:
    """`jpeg` with an XMP segment where Pillow puts one (after SOI and the
    JFIF APP0): the same bytes as encoding with `xmp=`, without encoding again.
    None when the packet does not fit one segment."""
    payload = XMP_SIGNATURE + xmp
    if len(payload) + 2 > MAX_SEGMENT or jpeg[:2] != b"\xff\xd8":
        return None
    at = 2
    if jpeg[2:4] == b"\xff\xe0":
        at = 4 + int.from_bytes(jpeg[4:6], "big")
    segment = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
    return jpeg[:at] + segment + jpeg[at:]


def _encode(image: Image.Image, output: Output) -> bytes:
    pillow_format, options = ENCODERS[output.format]
    buffer = io.BytesIO()
    extra = {"xmp": output.xmp} if output.xmp else {}
    if output.format in ("jpeg", "webp"):
        # The pixels are sRGB (photo_pixels.py): say so to colour-managed software.
        extra["icc_profile"] = srgb_icc()
    if output.format == "jpeg":
        extra["dpi"] = (output.dpi, output.dpi)
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
    # A translated release's downloads differ only in their caption (XMP):
    # the pixels are encoded once, the caption spliced in for each language.
    plain: dict[tuple, bytes] = {}
    for output in sorted((o for o in job.outputs if not o.crop), key=lambda o: -o.size[0]):
        if current.size != output.size:
            source = current if current.size[0] >= output.size[0] else image
            current = source.resize(output.size, Image.Resampling.LANCZOS)
        data = None
        if output.xmp and output.format == "jpeg":
            key = (output.size, output.quality)
            if key not in plain:
                plain[key] = _encode(current, replace(output, xmp=b""))
            data = with_xmp(plain[key], output.xmp)
        _store(output.cache_file, data if data is not None else _encode(current, output))
    return None
