"""The organisation's sharing card: a 1200 × 630 raster of the logo.

Social networks and search engines want an image for every page they show
(Open Graph `og:image`); the logo is SVG, which they refuse. So at build time
the logo is rasterised with resvg (PyPI `resvg-py`: a self-contained wheel, no
system library) and centred with Pillow on a white card of the size Facebook,
LinkedIn and X recommend for large previews (1.91:1). Pages without a photo of
their own — home, listings, tags, search, 404, a release without photos —
share it. A logo's text is drawn with the machine's fonts: the same machine
makes the same bytes. Rasterising takes about a second, so the card is cached
(`.cache/press-room/cards/`), keyed by the logo's bytes and the card's size.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from importlib.metadata import version

import resvg_py
from PIL import Image

# Its name among the theme's hashed assets (ASSETS in templates).
ASSET_NAME = "images/organisation-card.png"
# Raise when a change to the code changes the card's bytes.
CARD_VERSION = 1
# The logo fills at most this share of the card's width and height.
LOGO_WIDTH_SHARE, LOGO_HEIGHT_SHARE = 0.7, 0.5


def _render(svg_path: str, width: int) -> Image.Image:
    png = bytes(resvg_py.svg_to_bytes(svg_path=svg_path, width=width))
    return Image.open(io.BytesIO(png)).convert("RGBA")


def card_png(logo_svg_path: str, size: tuple[int, int] = (1200, 630),
             background: str = "#ffffff") -> bytes:
    """The card as PNG bytes: the logo, as large as fits, centred on `background`."""
    width, height = size
    logo = _render(logo_svg_path, width * 2)  # twice the card: sharp after scaling down
    box = logo.getchannel("A").getbbox()  # the drawing, without the SVG canvas's margins
    if box is None:
        raise ValueError(f"{logo_svg_path} draws nothing")
    logo = logo.crop(box)
    scale = min(width * LOGO_WIDTH_SHARE / logo.width, height * LOGO_HEIGHT_SHARE / logo.height)
    logo = logo.resize((max(1, round(logo.width * scale)), max(1, round(logo.height * scale))),
                       Image.Resampling.LANCZOS)
    card = Image.new("RGB", size, background)
    card.paste(logo, ((width - logo.width) // 2, (height - logo.height) // 2), logo)
    out = io.BytesIO()
    card.save(out, "PNG", optimize=True)  # no timestamp or text chunks: same bytes each time
    return out.getvalue()


def cached_card_png(logo_svg_path: str, size: tuple[int, int], cache_dir: str) -> bytes:
    """card_png, read from `cache_dir` when this logo and size were drawn before."""
    with open(logo_svg_path, "rb") as handle:
        logo = handle.read()
    key = hashlib.sha256(json.dumps({
        "logo": hashlib.sha256(logo).hexdigest(), "size": list(size), "card": CARD_VERSION,
        "resvg": version("resvg-py"), "pillow": version("pillow"),
    }, sort_keys=True).encode()).hexdigest()
    path = os.path.join(cache_dir, f"{key}.png")
    if os.path.exists(path):
        with open(path, "rb") as handle:
            return handle.read()
    data = card_png(logo_svg_path, size)
    os.makedirs(cache_dir, exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)  # atomic: a half-written card is never read
    return data
