"""The plugin's build step: plans photos and assets before any page renders,
writes their files after."""

from __future__ import annotations

import logging
import os
import shutil

from PIL import UnidentifiedImageError
from pelican.generators import Generator

from . import build_checks
from .assets import build_assets
from .photos import PhotoPipeline
from .problems import Problem, display_path

logger = logging.getLogger(__name__)


def all_releases(context):
    """Every release read, in every language and status."""
    for article in [*context.get("articles", ()), *context.get("drafts", ()),
                    *context.get("hidden_articles", ())]:
        yield article
        yield from article.translations


class PressRoomGenerator(Generator):
    def generate_context(self):
        self.pipeline = PhotoPipeline(self.settings)
        self._plan_photos()
        self.pipeline.encode_missing()
        self.pipeline.record_sizes()
        logger.info("Photos: %d files, %d encoded, the rest from the cache",
                    len(self.pipeline.files), self.pipeline.encoded_count)
        theme_static = os.path.join(self.theme, "static")
        self.assets = build_assets(theme_static, self.settings["PRESS_ROOM_ASSETS"])
        # Shared context: every template rendered after this sees ASSETS.
        self.context["ASSETS"] = {name: path for name, (path, _) in self.assets.items()}

    def _plan_photos(self):
        planned: dict[str, object] = {}
        for article in all_releases(self.context):
            base_url = os.path.dirname(article.save_as) + "/"
            for index, photo in enumerate(getattr(article, "photos", []) or [], start=1):
                if photo.source in planned:
                    done = planned[photo.source]
                    photo.renditions, photo.download = done.renditions, done.download
                    continue
                try:
                    self.pipeline.plan(photo, base_url)
                except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
                    build_checks.report(Problem(
                        display_path(article.source_path), f"photos[{index}].file",
                        f"{photo.file} cannot be read as an image ({error.__class__.__name__}) "
                        "— export it again as JPEG or PNG"))
                    continue
                planned[photo.source] = photo

    def generate_output(self, writer):
        for name, planned in sorted(self.pipeline.files.items()):
            self._copy(planned.cache_file, name)
        for path, data in self.assets.values():
            target = os.path.join(self.output_path, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)

    def _copy(self, source, name):
        target = os.path.join(self.output_path, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(source, target)
