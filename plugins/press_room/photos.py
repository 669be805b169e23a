"""Photo renditions with Pillow: upright, sRGB, metadata-free, cached by content.

Each original yields a few JPEG widths for `srcset` and one high-resolution
download. Pixels are oriented from EXIF and re-encoded without any EXIF, so
neither GPS positions nor camera serial numbers are ever published. Encoding
is the slowest step of a build, so each file is cached under a key made of the
source bytes' hash and the encoding settings: a rebuild with no photo changed
encodes nothing, and a cache entry outlives `output/`.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from PIL import Image, ImageOps

from .models import Photo, Rendition

# A decompression bomb must fail fast instead of exhausting memory.
Image.MAX_IMAGE_PIXELS = 100_000_000


@dataclass(frozen=True)
class EncodeJob:
    source: str
    cache_file: str
    width: int | None  # None: the download, capped by max_side instead
    max_side: int
    quality: int


def file_digest(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def oriented_size(path: str) -> tuple[int, int]:
    """Width and height as displayed, reading only the header."""
    with Image.open(path) as image:
        width, height = image.size
        orientation = image.getexif().get(0x0112, 1)
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def planned_widths(original_width: int, widths) -> list[int]:
    """The configured widths the original can fill; the original's own width
    stands in for all larger ones, so nothing is ever upscaled."""
    fitting = sorted(w for w in widths if w < original_width)
    if len(fitting) < len(widths):
        fitting.append(original_width)
    return fitting


def scaled(size: tuple[int, int], width: int) -> tuple[int, int]:
    original_width, original_height = size
    return width, max(1, round(original_height * width / original_width))


def capped(size: tuple[int, int], max_side: int) -> tuple[int, int]:
    width, height = size
    factor = min(1.0, max_side / max(width, height))
    return max(1, round(width * factor)), max(1, round(height * factor))


def cache_key(source_digest: str, job_settings: dict) -> str:
    blob = json.dumps({"source": source_digest, **job_settings}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def load_upright_rgb(path: str) -> Image.Image:
    with Image.open(path) as image:
        image.seek(0)  # an animated image publishes its first frame
        upright = ImageOps.exif_transpose(image)
        if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info:
            rgba = upright.convert("RGBA")
            # JPEG has no transparency: flatten onto white, as print does.
            background = Image.new("RGB", rgba.size, "white")
            background.paste(rgba, mask=rgba.getchannel("A"))
            return background
        return upright.convert("RGB")


def encode(job: EncodeJob) -> int:
    """Encode one rendition into the cache; returns its size in bytes."""
    image = load_upright_rgb(job.source)
    if job.width is None:
        target = capped(image.size, job.max_side)
    else:
        target = scaled(image.size, job.width)
    if target != image.size:
        image = image.resize(target, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    # No exif= argument: the published file carries no EXIF at all.
    image.save(buffer, "JPEG", quality=job.quality, optimize=True, progressive=True)
    os.makedirs(os.path.dirname(job.cache_file), exist_ok=True)
    temporary = f"{job.cache_file}.{os.getpid()}.tmp"
    with open(temporary, "wb") as handle:
        handle.write(buffer.getvalue())
    os.replace(temporary, job.cache_file)  # atomic: a half-written file is never cached
    return len(buffer.getvalue())


@dataclass
class PlannedFile:
    output_name: str  # relative to OUTPUT_PATH
    cache_file: str


class PhotoPipeline:
    """Plans every rendition's URL and size, encodes what the cache lacks."""

    def __init__(self, settings: dict):
        self.widths = tuple(settings["PRESS_ROOM_PHOTO_WIDTHS"])
        self.quality = settings["PRESS_ROOM_PHOTO_JPEG_QUALITY"]
        self.download_quality = settings["PRESS_ROOM_DOWNLOAD_JPEG_QUALITY"]
        self.max_side = settings["PRESS_ROOM_DOWNLOAD_MAX_SIDE"]
        self.cache_dir = os.path.join(settings["PRESS_ROOM_CACHE_PATH"], "photos")
        self.files: dict[str, PlannedFile] = {}
        self.jobs: list[EncodeJob] = []
        self._queued: set[str] = set()
        self._planned: list[Rendition] = []
        self.encoded_count = 0

    def plan(self, photo: Photo, base_url: str) -> None:
        """Give `photo` its renditions, named `<stem>-<width>.<key>.jpg` under base_url."""
        digest = file_digest(photo.source)
        size = oriented_size(photo.source)
        stem = os.path.splitext(os.path.basename(photo.file))[0]
        photo.renditions = []
        for width in planned_widths(size[0], self.widths):
            key = cache_key(digest, {"width": width, "quality": self.quality, "format": "jpeg"})
            name = f"{base_url}{stem}-{width}.{key[:10]}.jpg"
            dims = scaled(size, width)
            rendition = Rendition(name, dims[0], dims[1])
            photo.renditions.append(rendition)
            self._add(rendition, key, photo.source, width, self.quality)
        key = cache_key(
            digest, {"download": self.max_side, "quality": self.download_quality, "format": "jpeg"}
        )
        name = f"{base_url}{stem}.{key[:10]}.jpg"
        dims = capped(size, self.max_side)
        photo.download = Rendition(name, dims[0], dims[1])
        self._add(photo.download, key, photo.source, None, self.download_quality)

    def _add(self, rendition, key, source, width, quality):
        cache_file = os.path.join(self.cache_dir, key[:2], f"{key}.jpg")
        self.files[rendition.url] = PlannedFile(rendition.url, cache_file)
        self._planned.append(rendition)
        if cache_file not in self._queued and not os.path.exists(cache_file):
            self._queued.add(cache_file)
            self.jobs.append(EncodeJob(source, cache_file, width, self.max_side, quality))

    def encode_missing(self) -> None:
        """Encode every planned file the cache lacks, over all cores."""
        if not self.jobs:
            return
        self._queued.clear()
        workers = min(len(self.jobs), os.cpu_count() or 1)
        if workers == 1:
            list(map(encode, self.jobs))
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                list(pool.map(encode, self.jobs))
        self.encoded_count += len(self.jobs)
        self.jobs = []

    def record_sizes(self) -> None:
        """Byte sizes, shown beside each download link, once every file exists."""
        for rendition in self._planned:
            rendition.bytes = os.path.getsize(self.files[rendition.url].cache_file)
