"""A tiny press room that changes, built incrementally and clean, in-process.

`Site` holds the releases as plain data and writes them as bundles; `build`
runs Pelican with the real settings file in this process (a fresh Pelican
object each time, as tests/unit/test_front_matter_fuzz.py does). The
incremental build keeps its output folder and caches between builds; the
clean build starts from an empty output and empty caches, sharing only the
encoded photos (content-addressed: the same bytes whatever the build) so
that the tests stay fast. `tree` reads a whole output folder as
{relative path: bytes} (folders too), for a byte-for-byte comparison.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from pelican.settings import read_settings

from press_room.preview.pelican_build import pelican_class

REPO = Path(__file__).resolve().parent.parent
FIXTURE_SITE = REPO / "tests" / "fixtures" / "site"
CATEGORIES = ("Press Releases", "Corporate News", "Media Statements")
PAST_NOW = "2030-01-01 00:00 +08:00"


def jpeg(colour: tuple[int, int, int], size=(520, 390)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


PHOTOS = {"blue": jpeg((40, 90, 200)), "red": jpeg((200, 60, 40)),
          "green": jpeg((40, 160, 80))}


@dataclass
class Release:
    slug: str
    year: int
    title: str
    date: str
    category: str = CATEGORIES[0]
    tags: list[str] = field(default_factory=list)
    summary: str = ""
    body: str = "A lead paragraph.\n\nA second paragraph."
    status: str = "published"
    photos: list[str] = field(default_factory=list)  # names in PHOTOS
    chinese: str = ""  # a Traditional Chinese title: a translation exists
    replaced: dict[str, str] = field(default_factory=dict)  # photo file -> other bytes

    def files(self) -> dict[str, bytes]:
        photo_lines = "".join(
            f"  - file: {name}.jpg\n    caption: The {name} photo\n    alt: A {name} square\n"
            for name in self.photos)
        front = (f"title: {self.title}\ndate: {self.date}\ncategory: {self.category}\n"
                 + (f"tags: [{', '.join(self.tags)}]\n" if self.tags else "")
                 + (f"summary: {self.summary}\n" if self.summary else "")
                 + (f"status: {self.status}\n" if self.status != "published" else "")
                 + (f"photos:\n{photo_lines}" if self.photos else ""))
        files = {"index.md": f"---\n{front}---\n{self.body}\n".encode()}
        if self.chinese:
            chinese_photos = "".join(
                f"  - file: {name}.jpg\n    caption: 照片 {name}\n    alt: 方塊 {name}\n"
                for name in self.photos)
            chinese_front = (f"title: {self.chinese}\ndate: {self.date}\n"
                             f"category: {self.category}\n"
                             + (f"status: {self.status}\n" if self.status != "published" else "")
                             + (f"photos:\n{chinese_photos}" if self.photos else ""))
            files["index.zh-hant.md"] = f"---\n{chinese_front}---\n中文內文。\n".encode()
        for name in self.photos:
            files[f"{name}.jpg"] = PHOTOS[self.replaced.get(name, name)]
        return files


def starting_releases() -> list[Release]:
    return [
        Release("harbour-opening", 2021, "Harbour centre opens", "2021-03-01 10:00 +08:00",
                tags=["Harbour", "Opening"], photos=["blue"], chinese="海港中心開幕"),
        Release("annual-results", 2021, "Annual results", "2021-06-01 10:00 +08:00",
                category=CATEGORIES[1], tags=["Results"], summary="Results for the year."),
        Release("new-board", 2022, "A new board", "2022-01-10 09:00 +08:00",
                tags=["Board", "Harbour"]),
        Release("winter-fair", 2019, "Winter fair", "2019-12-01 10:00 +08:00",
                category=CATEGORIES[2]),
        Release("old-notice", 2018, "An old notice", "2018-02-01 10:00 +08:00",
                category=CATEGORIES[2]),
    ]


class Site:
    """Content, theme and settings of one changing site, in `root`."""

    def __init__(self, root: Path, photo_cache: Path):
        self.root = root
        self.content = root / "content"
        self.theme = root / "theme"
        self.photo_cache = photo_cache
        self.releases = starting_releases()
        self.now = PAST_NOW
        self.settings: dict = {}
        shutil.copytree(FIXTURE_SITE / "data", self.content / "data")
        shutil.copytree(FIXTURE_SITE / "images", self.content / "images")
        shutil.copytree(REPO / "theme", self.theme)
        self.clean_builds = 0
        self.write()

    def release(self, slug: str) -> Release:
        return next(r for r in self.releases if r.slug == slug)

    def write(self) -> None:
        """Every bundle as the releases say. Only a file whose bytes change is
        written, as an editor saving one release does: the others keep their
        modification times, so a build with nothing changed can do nothing."""
        releases = self.content / "releases"
        wanted = {}
        for release in self.releases:
            for name, data in release.files().items():
                wanted[releases / str(release.year) / release.slug / name] = data
        if releases.exists():
            for path in sorted(releases.rglob("*"), reverse=True):
                if path.is_file() and path not in wanted:
                    path.unlink()
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
        for path, data in wanted.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.is_file() or path.read_bytes() != data:
                path.write_bytes(data)

    def _settings(self, output: Path, cache: Path, publish: bool) -> dict:
        settings_file = REPO / ("publishconf.py" if publish else "pelicanconf.py")
        override = {"PATH": str(self.content), "OUTPUT_PATH": str(output),
                    "THEME": str(self.theme), "PRESS_ROOM_CACHE_PATH": str(cache),
                    "PRESS_ROOM_NOW": self.now, "PRESS_ROOM_PHOTO_WORKERS": 1,
                    **copy.deepcopy(self.settings)}
        return read_settings(path=str(settings_file), override=override)

    def build(self, output: Path, cache: Path, publish: bool = False) -> str:
        """One build with the class the settings name (PELICAN_CLASS), as
        `pelican` runs it; returns what it printed. Raises what Pelican raises
        (a leak, a content error)."""
        previous = os.environ.pop("PRESS_ROOM_NOW", None)
        stderr, stdout = io.StringIO(), io.StringIO()
        try:
            settings = self._settings(output, cache, publish)
            with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stdout):
                pelican_class(settings)(settings).run()
        finally:
            if previous is not None:
                os.environ["PRESS_ROOM_NOW"] = previous
        return stdout.getvalue()

    def clean_build(self, publish: bool = False) -> Path:
        """A build from nothing: empty output, empty caches but the photos."""
        self.clean_builds += 1
        where = self.root / f"clean-{self.clean_builds}"
        cache = where / "cache"
        cache.mkdir(parents=True)
        for shared in ("photos", "press-kits"):
            (self.photo_cache / shared).mkdir(parents=True, exist_ok=True)
            (cache / shared).symlink_to(self.photo_cache / shared)
        self.build(where / "output", cache, publish)
        return where / "output"


def tree(root: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under root."""
    found: dict[str, bytes | None] = {}
    for folder, subfolders, files in os.walk(root):
        for name in subfolders:
            found[os.path.relpath(os.path.join(folder, name), root) + "/"] = None
        for name in files:
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                found[os.path.relpath(path, root)] = handle.read()
    return found


def tree_difference(incremental: Path, clean: Path) -> str:
    """'' when the two trees are the same; else what differs, briefly."""
    left, right = tree(incremental), tree(clean)
    only_left = sorted(set(left) - set(right))
    only_right = sorted(set(right) - set(left))
    differ = sorted(name for name in set(left) & set(right) if left[name] != right[name])
    if not (only_left or only_right or differ):
        return ""
    return (f"only in the incremental output: {only_left[:20]}\n"
            f"only in the clean build: {only_right[:20]}\n"
            f"different bytes: {differ[:20]}")
