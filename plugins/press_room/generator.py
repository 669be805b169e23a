"""The plugin's build step: photos, press kits and theme assets.

Everything a page links to is planned (and encoded, where the cache lacks it)
before any page renders, because pages show sizes and hashed names; the files
are copied into the output after.
"""

from __future__ import annotations

import logging
import os
import shutil

from pelican.generators import Generator

from . import build_checks, press_kit
from .assets import build_assets
from .incremental import output_tree
from .languages import languages
from .models import Rendition
from .photos import PhotoPipeline, PhotoProblem
from .problems import Problem, display_path
from .release_text import release_as_text

logger = logging.getLogger(__name__)


def all_releases(context):
    """Every release read, in every language and status."""
    for article in [*context.get("articles", ()), *context.get("drafts", ()),
                    *context.get("hidden_articles", ())]:
        yield article
        yield from article.translations


def release_folder(article) -> str:
    return os.path.dirname(article.save_as) + "/"


class PressRoomGenerator(Generator):
    def generate_context(self):
        self.pipeline = PhotoPipeline(self.settings)
        self.kits: dict[str, str] = {}  # output name -> cached zip
        releases = list(all_releases(self.context))
        self._plan_photos(releases)
        for (file, field_name, photo_file), error in self.pipeline.encode_missing():
            build_checks.report(Problem(file, field_name, f"{photo_file} cannot be decoded "
                                        f"({error}) — the file is damaged: export it again"))
        self.pipeline.record_sizes()
        logger.info("Photos: %d files planned; %d encoded from %d photos, the rest cached; "
                    "%d source photos read (the others unchanged since the last build)",
                    len(self.pipeline.files), self.pipeline.encoded_files,
                    self.pipeline.encoded_photos, self.pipeline.digests.read)
        self._plan_press_kits(releases)
        theme_static = os.path.join(self.theme, "static")
        self.assets = build_assets(theme_static, self.settings["PRESS_ROOM_ASSETS"])
        # Shared context: every template rendered after this sees ASSETS.
        self.context["ASSETS"] = {name: path for name, (path, _) in self.assets.items()}

    def _rights(self) -> str:
        site = self.settings.get("PRESS_ROOM_SITE")
        return site.copyright if site else ""

    def _plan_photos(self, releases):
        planned = {}
        for article in releases:
            for index, photo in enumerate(getattr(article, "photos", []) or [], start=1):
                key = (photo.source, photo.caption, photo.credit, index == 1)
                if key in planned:  # translations share a bundle's photo files
                    done = planned[key]
                    photo.sources, photo.renditions = done.sources, done.renditions
                    photo.download, photo.crops = done.download, done.crops
                    continue
                owner = (display_path(article.source_path), f"photos[{index}].file", photo.file)
                try:
                    self.pipeline.plan(photo, release_folder(article), rights=self._rights(),
                                       owner=owner)
                    if index == 1:  # the lead photo represents the release elsewhere
                        self.pipeline.plan_crops(photo, release_folder(article), owner)
                except PhotoProblem as problem:
                    build_checks.report(Problem(owner[0], owner[1], f"{photo.file} {problem}"))
                    continue
                planned[key] = photo

    def _plan_press_kits(self, releases):
        site = self.settings.get("PRESS_ROOM_SITE")
        cache_dir = os.path.join(self.settings["PRESS_ROOM_CACHE_PATH"], "press-kits")
        timezone = self.settings["TIMEZONE"]
        table = languages(self.settings)
        for article in releases:
            photos = [p for p in getattr(article, "photos", []) or [] if p.download]
            if not photos or any(not p.download.bytes for p in photos):
                continue  # no photos, or a photo failed: reported already
            names = [f"{article.slug}-photo-{n}.jpg" for n in range(1, len(photos) + 1)]
            local = site.translations.get(article.lang) if site else None
            boilerplate = ((local.boilerplates.get(article.about) if local else None)
                           or (site.boilerplates.get(article.about) if site else None))
            members = [
                *(press_kit.Member(name, self.pipeline.files[p.download.url].cache_file)
                  for name, p in zip(names, photos)),
                press_kit.Member("captions.txt", text=press_kit.captions_text(
                    (name, p.caption, p.credit) for name, p in zip(names, photos))),
                press_kit.Member(f"{article.slug}.txt",
                                 text=release_as_text(article, boilerplate, timezone,
                                                      table[article.lang].babel)),
            ]
            cached = press_kit.build(members, cache_dir)
            key = os.path.basename(cached)[:10]
            name = f"{release_folder(article)}{article.slug}-photos.{key}.zip"
            self.kits[name] = cached
            article.press_kit = Rendition(name, 0, 0, bytes=os.path.getsize(cached),
                                          mime="application/zip")

    def generate_output(self, writer):
        wanted = {name: planned.cache_file for name, planned in self.pipeline.files.items()}
        wanted.update(self.kits)
        for name in sorted(wanted):
            self._copy(wanted[name], name)
        # Left in place when already there; photos of an earlier build that
        # this one no longer publishes go with every other unproduced file.
        output_tree.declare(wanted)
        for path, data in self.assets.values():
            target = os.path.join(self.output_path, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)

    def _copy(self, source, name):
        target = os.path.join(self.output_path, name)
        if os.path.exists(target) and os.path.getsize(target) == os.path.getsize(source):
            return  # names are content hashes: same name and size, same bytes
        os.makedirs(os.path.dirname(target), exist_ok=True)
        # A hard link to the cached file where the file system allows: photos
        # and kits are most of the output's bytes (27 GB at 1,000 releases),
        # and nothing writes into a published file in place.
        if os.path.lexists(target):
            os.remove(target)
        try:
            os.link(source, target)
        except OSError:  # another file system, or links not supported
            shutil.copyfile(source, target)
