"""Planning a release's photo files, and encoding what the cache lacks.

Every published photo file is named `<stem>-<width>.<key>.<ext>` where `key`
hashes the source bytes and the settings that shape that file, so a changed
photo or setting gets a new URL (safe to cache forever) and a cache entry is
reused across builds and outlives `output/`. Headers are read when planning
(sizes for `width`/`height`); pixels are decoded only to encode a missing file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from PIL import Image, UnidentifiedImageError, features

from . import photo_encode, photo_metadata
from .models import Photo, Rendition
from .source_digests import SourceDigests

logger = logging.getLogger(__name__)


class PhotoProblem(ValueError):
    """A photo that cannot be published; the message says why and what to do."""


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


# Part of every cache key: raise it when a change to the code alters the
# bytes of an encoded file, so no build reuses a file made the old way.
PIPELINE_VERSION = 5


def centre_crop(size: tuple[int, int], ratio: tuple[int, int]) -> tuple[int, int, int, int]:
    """The largest box of `ratio` centred in `size`."""
    width, height = size
    if width * ratio[1] > height * ratio[0]:  # too wide: trim the sides
        crop_width = round(height * ratio[0] / ratio[1])
        left = (width - crop_width) // 2
        return left, 0, left + crop_width, height
    crop_height = round(width * ratio[1] / ratio[0])
    top = (height - crop_height) // 2
    return 0, top, width, top + crop_height


def cache_key(source_digest: str, shape: dict) -> str:
    blob = json.dumps({"source": source_digest, "pipeline": PIPELINE_VERSION, **shape},
                      sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def inspect(path: str, max_pixels: int) -> tuple[int, int]:
    """Displayed (oriented) size from the header alone; PhotoProblem if unusable."""
    if os.path.getsize(path) == 0:
        raise PhotoProblem("is empty (0 bytes) — copy the photo again")
    try:
        with Image.open(path) as image:
            width, height = image.size
            orientation = image.getexif().get(0x0112, 1)
    except Image.DecompressionBombError:
        raise PhotoProblem(
            f"has more than {max_pixels / 1_000_000:g} megapixels — export it smaller"
        ) from None
    except (UnidentifiedImageError, SyntaxError, ValueError):
        raise PhotoProblem("is not an image Pillow can read — export it again as JPEG") from None
    if width * height > max_pixels:
        raise PhotoProblem(
            f"is {width} × {height} px, more than {max_pixels / 1_000_000:g} megapixels "
            "— export it smaller"
        )
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def available_formats(wanted) -> tuple[str, ...]:
    """The wanted formats this Pillow can write (AVIF needs Pillow built with libavif)."""
    return tuple(f for f in wanted if f == "jpeg" or features.check(f))


@dataclass
class PlannedFile:
    output_name: str  # relative to OUTPUT_PATH
    cache_file: str


@dataclass
class _PendingJob:
    source: str
    outputs: list = field(default_factory=list)
    owners: list = field(default_factory=list)  # (release file, field, photo file) to blame


class PhotoPipeline:
    """Plans every rendition's URL and size; encodes what the cache lacks."""

    def __init__(self, settings: dict):
        self.widths = tuple(settings["PRESS_ROOM_PHOTO_WIDTHS"])
        self.formats = available_formats(settings["PRESS_ROOM_PHOTO_FORMATS"])
        self.quality = dict(settings["PRESS_ROOM_PHOTO_QUALITY"])
        self.download_quality = settings["PRESS_ROOM_DOWNLOAD_JPEG_QUALITY"]
        self.max_side = settings["PRESS_ROOM_DOWNLOAD_MAX_SIDE"]
        self.download_dpi = settings["PRESS_ROOM_DOWNLOAD_DPI"]
        self.max_pixels = settings["PRESS_ROOM_PHOTO_MAX_PIXELS"]
        self.workers = settings["PRESS_ROOM_PHOTO_WORKERS"] or os.cpu_count() or 1
        self.crop_ratios = tuple(tuple(r) for r in settings["PRESS_ROOM_CROP_RATIOS"])
        self.crop_width = settings["PRESS_ROOM_CROP_WIDTH"]
        self.cache_dir = os.path.join(settings["PRESS_ROOM_CACHE_PATH"], "photos")
        self.digests = SourceDigests(self.cache_dir)
        # Pillow's own bomb check, at our limit: refuse before decoding.
        Image.MAX_IMAGE_PIXELS = self.max_pixels
        self.files: dict[str, PlannedFile] = {}
        self._pending: dict[str, _PendingJob] = {}
        self._queued: set[str] = set()
        self._planned: list[Rendition] = []
        self.encoded_files = 0
        self.encoded_photos = 0

    def plan(self, photo: Photo, base_url: str, *, metadata: photo_metadata.PhotoMetadata,
             owner) -> None:
        """Give `photo` its renditions and download under `base_url`; the
        download carries `metadata` (IPTC IIM and XMP).

        Raises PhotoProblem when the file cannot be published. `owner` is the
        (release file, field, photo file) blamed if encoding finds it corrupt.
        """
        size = inspect(photo.source, self.max_pixels)
        digest = self.digests.digest(photo.source)
        stem = os.path.splitext(os.path.basename(photo.file))[0]
        widths = planned_widths(size[0], self.widths)
        if size[0] < self.widths[0]:
            logger.warning("%s: %s is only %d px wide; photos look best from %d px",
                           owner[0], photo.file, size[0], self.widths[0])
        photo.sources = {}
        for fmt in self.formats:
            quality = self.quality[fmt]
            renditions = []
            for width in widths:
                dims = scaled(size, width)
                key = cache_key(digest, {"width": width, "format": fmt, "quality": quality})
                name = f"{base_url}{stem}-{width}.{key[:10]}.{photo_encode.EXTENSIONS[fmt]}"
                rendition = Rendition(name, dims[0], dims[1], mime=photo_encode.MIME_TYPES[fmt])
                renditions.append(rendition)
                self._add(rendition, key, photo.source, fmt, quality, b"", owner)
            photo.sources[fmt] = renditions
        photo.renditions = photo.sources["jpeg"]

        xmp = photo_metadata.xmp_packet(metadata)
        iim = photo_metadata.iim_segment(metadata)
        dims = capped(size, self.max_side)
        key = cache_key(digest, {"download": self.max_side, "quality": self.download_quality,
                                 "dpi": self.download_dpi,
                                 "xmp": hashlib.sha256(xmp).hexdigest(),
                                 "iim": hashlib.sha256(iim).hexdigest()})
        photo.download = Rendition(f"{base_url}{stem}.{key[:10]}.jpg", dims[0], dims[1])
        self._add(photo.download, key, photo.source, "jpeg", self.download_quality, xmp, owner,
                  iim=iim, dpi=self.download_dpi)

    def plan_crops(self, photo: Photo, base_url: str, owner) -> None:
        """Fixed-ratio crops for search engines' article images (JSON-LD, 16:9,
        4:3 and 1:1, as Google asks): JPEG, at most PRESS_ROOM_CROP_WIDTH wide."""
        size = inspect(photo.source, self.max_pixels)
        digest = self.digests.digest(photo.source)
        stem = os.path.splitext(os.path.basename(photo.file))[0]
        photo.crops = {}
        for ratio in self.crop_ratios:
            box = centre_crop(size, ratio)
            box_size = (box[2] - box[0], box[3] - box[1])
            dims = scaled(box_size, min(self.crop_width, box_size[0]))
            name_ratio = f"{ratio[0]}x{ratio[1]}"
            key = cache_key(digest, {"crop": name_ratio, "width": dims[0], "quality": self.quality["jpeg"]})
            rendition = Rendition(f"{base_url}{stem}-{name_ratio}.{key[:10]}.jpg", dims[0], dims[1])
            photo.crops[name_ratio] = rendition
            self._add(rendition, key, photo.source, "jpeg", self.quality["jpeg"], b"", owner, crop=box)

    def _add(self, rendition, key, source, fmt, quality, xmp, owner, crop=None, iim=b"",
             dpi=72):
        extension = photo_encode.EXTENSIONS[fmt]
        cache_file = os.path.join(self.cache_dir, key[:2], f"{key}.{extension}")
        self.files[rendition.url] = PlannedFile(rendition.url, cache_file)
        self._planned.append(rendition)
        pending = self._pending.setdefault(source, _PendingJob(source))
        if owner not in pending.owners:
            pending.owners.append(owner)
        if cache_file in self._queued or os.path.exists(cache_file):
            return
        self._queued.add(cache_file)
        size = (rendition.width, rendition.height)
        pending.outputs.append(photo_encode.Output(cache_file, fmt, size, quality, xmp, iim, crop,
                                                   dpi))

    def encode_missing(self) -> list[tuple[tuple[str, str, str], str]]:
        """Encode every missing file over all cores; returns (owner, error) for bad photos."""
        jobs = [p for p in self._pending.values() if p.outputs]
        failures = []
        if jobs:
            work = [photo_encode.Job(p.source, tuple(p.outputs)) for p in jobs]
            if self.workers == 1 or len(work) == 1:
                results = list(map(photo_encode.run, work))
            else:
                with ProcessPoolExecutor(max_workers=min(self.workers, len(work))) as pool:
                    results = list(pool.map(photo_encode.run, work))
            for pending, error in zip(jobs, results):
                if error:
                    failures += [(owner, error) for owner in pending.owners]
                else:
                    self.encoded_photos += 1
                    self.encoded_files += len(pending.outputs)
        self._pending.clear()
        self._queued.clear()
        self.digests.save()
        return failures

    def record_sizes(self) -> None:
        """Byte sizes, shown beside each download link, once every file exists."""
        for rendition in self._planned:
            cache_file = self.files[rendition.url].cache_file
            if os.path.exists(cache_file):
                rendition.bytes = os.path.getsize(cache_file)
