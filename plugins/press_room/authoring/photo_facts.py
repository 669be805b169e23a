"""What `make new` reads from each photo it is given: is it an image the
site publishes, when was it taken, and what did the photographer write in it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime

from PIL import Image, UnidentifiedImageError

from .. import photo_pixels  # noqa: F401 - registers the HEIC/HEIF opener
from ..photos import PhotoProblem, inspect
from ..schema import PHOTO_EXTENSIONS
from .. import embedded_metadata

_EXIF_IFD = 0x8769
_DATE_TIME_ORIGINAL = 0x9003


class NotAPhoto(ValueError):
    """The file cannot be one of a release's photos; the message says why."""


@dataclass(frozen=True)
class PhotoFacts:
    path: str
    name: str
    taken: datetime | None
    embedded: embedded_metadata.EmbeddedText


def capture_time(path: str) -> datetime | None:
    """EXIF DateTimeOriginal (`2026:11:30 09:12:05`), as the camera's clock read."""
    try:
        with Image.open(path) as image:
            value = image.getexif().get_ifd(_EXIF_IFD).get(_DATE_TIME_ORIGINAL)
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        return None
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    try:
        return datetime.strptime(str(value).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except (TypeError, ValueError):
        return None


def read(path: str, max_pixels: int) -> PhotoFacts:
    name = os.path.basename(path)
    if not name.lower().endswith(PHOTO_EXTENSIONS):
        raise NotAPhoto(f"{name} is not a photo type the site publishes — use "
                        + ", ".join(PHOTO_EXTENSIONS) + ", or take the file out of the folder")
    try:
        inspect(path, max_pixels)
    except PhotoProblem as problem:
        raise NotAPhoto(f"{name} {problem}") from None
    return PhotoFacts(path, name, capture_time(path), embedded_metadata.read(path))


def in_capture_order(photos: list[PhotoFacts]) -> list[PhotoFacts]:
    """Oldest first; photos without a capture time after them, by name."""
    return sorted(photos, key=lambda p: (p.taken is None, p.taken or datetime.min, p.name))
