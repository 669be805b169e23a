"""Every PRESS_ROOM_* setting and its default, in one place.

pelicanconf.py overrides any of these; nothing else in the plugin hard-codes
a value that a site might want to change.
"""

DEFAULTS = {
    # Site-wide data (organisation, contacts, boilerplates, categories),
    # relative to Pelican's PATH.
    "PRESS_ROOM_DATA_FILE": "data/site.yml",
    # Languages a release may be written in; the first is the default.
    "PRESS_ROOM_LANGUAGES": ("en", "zh-hant", "zh-hans"),
    # Photo renditions: widths in CSS pixels, never upscaled.
    "PRESS_ROOM_PHOTO_WIDTHS": (480, 960, 1600),
    "PRESS_ROOM_PHOTO_JPEG_QUALITY": 82,
    # Longest side of the high-resolution download.
    "PRESS_ROOM_DOWNLOAD_MAX_SIDE": 4000,
    "PRESS_ROOM_DOWNLOAD_JPEG_QUALITY": 90,
    # Encoded photos survive `make clean`: re-encoding is the slowest step.
    "PRESS_ROOM_CACHE_PATH": ".cache/press-room",
    # Theme files published under a content-hashed name (cacheable forever).
    # CSS @import lines are inlined so the page makes one stylesheet request.
    "PRESS_ROOM_ASSETS": ("css/main.css", "images/favicon.svg"),
}


def apply_defaults(pelican):
    """Fill in every PRESS_ROOM_* setting that pelicanconf.py left out."""
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)
