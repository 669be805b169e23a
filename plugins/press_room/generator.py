"""The plugin's build step: photos, press kits and theme assets.

Everything a page links to is planned (and encoded, where the cache lacks it)
before any page renders, because pages show sizes and hashed names; the files
are copied into the output after.
"""

from __future__ import annotations

import filecmp
import hashlib
import logging
import os
import shutil

from pelican.generators import Generator

from . import attachments as documents
from . import build_checks, dates, photo_metadata, press_kit, social_card
from .assets import build_assets, hashed_name
from .i18n import load_catalogs
from .incremental import output_tree
from .languages import languages
from .models import Rendition
from .photos import PhotoPipeline, PhotoProblem
from .problems import Problem, display_path
from .release_text import release_as_text
from .site_data import SiteText, copyright_in
from .structured_data import absolute_url

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
        self.documents: dict[str, str] = {}  # output name -> cached copy of an attachment
        releases = list(all_releases(self.context))
        self._plan_attachments(releases)
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
        self._add_organisation_card()
        # Shared context: every template rendered after this sees ASSETS.
        self.context["ASSETS"] = {name: path for name, (path, _) in self.assets.items()}

    def _add_organisation_card(self):
        """The logo as a sharing card (og:image of pages without a photo)."""
        site = self.settings.get("PRESS_ROOM_SITE")
        if site is None:
            return  # the site data's problem is reported already
        logo = os.path.join(self.settings["PATH"], site.organisation.logo)
        data = social_card.cached_card_png(
            logo, tuple(self.settings["PRESS_ROOM_CARD_SIZE"]),
            os.path.join(self.settings["PRESS_ROOM_CACHE_PATH"], "cards"))
        name = social_card.ASSET_NAME
        self.assets[name] = (f"theme/{hashed_name(name, data)}", data)

    def _rights(self, lang: str) -> str:
        """The rights line embedded in a download, in the release's language."""
        return copyright_in(self.settings.get("PRESS_ROOM_SITE"), lang)
    @staticmethod
    def _default_credit(words, site) -> str:
        """A picture desk needs a credit line: the organisation's name in the
        release's language where it fits IIM's Credit, else its short name."""
        if words is None:
            return ""
        name = words.organisation_name
        fits = len(name.encode("utf-8")) <= photo_metadata.IIM_LIMITS["Credit"]
        return name if fits else site.organisation.short_name

    def _metadata(self, article, photo) -> photo_metadata.PhotoMetadata:
        """What the download of `article`'s `photo` carries, in the release's language."""
        site = self.settings.get("PRESS_ROOM_SITE")
        language = languages(self.settings)[article.lang]
        words = (SiteText(site, self.settings["SITENAME"], site.translations.get(article.lang))
                 if site else None)
        usage_page = language.url_prefix + self.settings["PHOTO_USE_URL"]
        return photo_metadata.PhotoMetadata(
            caption=photo.caption,
            credit=photo.credit or self._default_credit(words, site),
            # The photo's own rights line (embedded by the camera) wins over the site's.
            rights=photo.copyright or self._rights(article.lang),
            # The release and the photo's own file name: stable when other photos
            # are added or removed (a number would change their downloads too).
            title=f"{article.slug}-{os.path.splitext(os.path.basename(photo.file))[0]}",
            created=article.date,
            language=language.html,
            usage_terms="\n\n".join(words.usage_paragraphs()) if words else "",
            web_statement=absolute_url(self.settings.get("SITEURL", ""), usage_page),
            alt=photo.alt,
        )

    def _plan_photos(self, releases):
        planned = {}
        for article in releases:
            for index, photo in enumerate(getattr(article, "photos", []) or [], start=1):
                metadata = self._metadata(article, photo)
                for field_name, size, limit in photo_metadata.cut_in_iim(metadata):
                    # Not an error: XMP, which current software reads, keeps it whole.
                    logger.warning("%s: photos[%d].%s: %d bytes in UTF-8, more than IPTC IIM's "
                                   "%d — tools that read IIM show it cut: shorten it",
                                   display_path(article.source_path), index, field_name, size,
                                   limit)
                key = (photo.source, metadata, index == 1)
                if key in planned:  # translations share a bundle's photo files
                    done = planned[key]
                    photo.sources, photo.renditions = done.sources, done.renditions
                    photo.download, photo.crops = done.download, done.crops
                    continue
                owner = (display_path(article.source_path),
                         f"photos[{photo.written_index or index}].file", photo.file)
                try:
                    self.pipeline.plan(photo, release_folder(article), metadata=metadata,
                                       owner=owner)
                    if index == 1:  # the lead photo represents the release elsewhere
                        self.pipeline.plan_crops(photo, release_folder(article), owner)
                except PhotoProblem as problem:
                    build_checks.report(Problem(owner[0], owner[1], f"{photo.file} {problem}"))
                    continue
                planned[key] = photo

    def _plan_attachments(self, releases):
        """Each attachment's stable URL beside its page, and a copy of its bytes
        in the cache under their digest (what the kit and the output link to:
        the bundle's own file is never linked into the output)."""
        cache_dir = os.path.join(self.settings["PRESS_ROOM_CACHE_PATH"], "attachments")
        for article in releases:
            for attachment in getattr(article, "attachments", []) or []:
                attachment.url = release_folder(article) + attachment.name
                self.documents[attachment.url] = _cached_copy(attachment.source, cache_dir)

    def _plan_press_kits(self, releases):
        site = self.settings.get("PRESS_ROOM_SITE")
        cache_dir = os.path.join(self.settings["PRESS_ROOM_CACHE_PATH"], "press-kits")
        timezone = self.settings["TIMEZONE"]
        table = languages(self.settings)
        # The kit's fixed words (Caption:, Media enquiries…) in each language.
        catalogs = load_catalogs(os.path.join(self.theme, "translations"),
                                 [language.babel for language in table.values()])
        for article in releases:
            photos = [p for p in getattr(article, "photos", []) or [] if p.download]
            attached = getattr(article, "attachments", []) or []
            if not (photos or attached) or any(not p.download.bytes for p in photos):
                continue  # nothing to pack, or a photo failed: reported already
            names = [f"{article.slug}-photo-{n}.jpg" for n in range(1, len(photos) + 1)]
            local = site.translations.get(article.lang) if site else None
            boilerplate = ((local.boilerplates.get(article.about) if local else None)
                           or (site.boilerplates.get(article.about) if site else None))
            babel = table[article.lang].babel
            members = [
                *(press_kit.Member(name, self.pipeline.files[p.download.url].cache_file)
                  for name, p in zip(names, photos)),
                *([press_kit.Member("captions.txt", text=press_kit.captions_text(
                    ((name, p.caption, p.credit) for name, p in zip(names, photos)),
                    catalogs[babel]))]
                  if photos else []),
                press_kit.Member(f"{article.slug}.txt",
                                 text=release_as_text(article, boilerplate, timezone, babel,
                                                      catalogs[babel])),
                *(press_kit.Member(f"documents/{a.name}", self.documents[a.url])
                  for a in attached),
            ]
            published = press_kit.zip_time(dates.in_site_time(article.date, timezone))
            cached = press_kit.build(members, cache_dir, published)
            key = os.path.basename(cached)[:10]
            what = "photos" if photos else "documents"
            name = f"{release_folder(article)}{article.slug}-{what}.{key}.zip"
            self.kits[name] = cached
            article.press_kit = Rendition(name, 0, 0, bytes=os.path.getsize(cached),
                                          mime="application/zip")

    def generate_output(self, writer):
        wanted = {name: planned.cache_file for name, planned in self.pipeline.files.items()}
        wanted.update(self.kits)
        for name in sorted(wanted):
            self._copy(wanted[name], name)
        for name in sorted(self.documents):
            self._copy_document(self.documents[name], name)
        # Left in place when already there; photos and documents of an earlier
        # build that this one no longer publishes go with every other
        # unproduced file (incremental/output_tree.py).
        output_tree.declare(set(wanted) | set(self.documents))
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

    def _copy_document(self, source, name):
        """An attachment keeps its name when its bytes change: compare them."""
        target = os.path.join(self.output_path, name)
        if os.path.isfile(target) and filecmp.cmp(source, target, shallow=False):
            return
        if os.path.lexists(target):
            os.remove(target)
        self._copy(source, name)


def _cached_copy(source: str, cache_dir: str) -> str:
    """A copy of `source` named by its SHA-256 (so a press kit's cache key,
    which reads member file names, changes with the document's bytes)."""
    with open(source, "rb") as handle:
        key = hashlib.file_digest(handle, "sha256").hexdigest()
    target = os.path.join(cache_dir, key[:2], key + os.path.splitext(source)[1].lower())
    if not os.path.exists(target):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        temporary = f"{target}.{os.getpid()}.tmp"
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    return target
