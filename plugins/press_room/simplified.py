"""Simplified Chinese by conversion, where a release has only Traditional.

With PRESS_ROOM_CONVERT_SIMPLIFIED on, a bundle with `index.zh-hant.md` and
no `index.zh-hans.md` gets a Simplified version converted with OpenCC's Hong
Kong-to-Simplified table (`hk2s`): headline, deck, summary, body, dateline
and photo captions. The page says it was converted. An authored
`index.zh-hans.md` always wins.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from functools import lru_cache

from pelican.contents import Article
from pelican.urlwrappers import Category, Tag

from .translations import bundle_of, everything, language_settings

SOURCE, TARGET = "zh-hant", "zh-hans"
TEXT_FIELDS = ("title", "subtitle", "summary", "dateline")


@lru_cache(maxsize=1)
def converter():
    import opencc  # imported here: only sites that convert need it loaded

    return opencc.OpenCC("hk2s")


def convert(text: str) -> str:
    return converter().convert(text) if text else text


def converted_release(source, settings, context) -> Article:
    metadata = dict(source.metadata)
    metadata["lang"] = TARGET
    for field in TEXT_FIELDS:
        if metadata.get(field):
            metadata[field] = convert(metadata[field])
    metadata["photos"] = [
        dataclasses.replace(photo, caption=convert(photo.caption), alt=convert(photo.alt),
                            credit=convert(photo.credit))
        for photo in getattr(source, "photos", []) or []
    ]
    metadata["converted_from"] = SOURCE
    return Article(convert(source._content), metadata=metadata, settings=settings,
                   source_path=source.source_path, context=context)


def add_conversions(generator):
    """Pelican's article_generator_pretaxonomy (after translations.organise)."""
    settings = generator.settings
    if not settings.get("PRESS_ROOM_CONVERT_SIMPLIFIED"):
        return
    bundles = defaultdict(dict)
    for article in everything(generator):
        bundles[bundle_of(article)][article.lang] = article
    for by_lang in bundles.values():
        if SOURCE not in by_lang or TARGET in by_lang:
            continue
        source = by_lang[SOURCE]
        release = converted_release(source, settings, generator.context)
        local = language_settings(settings, TARGET)
        release.category = Category(source.category.name, local)
        release.tags = [Tag(convert(tag.name), local) for tag in getattr(source, "tags", []) or []]
        group = [*by_lang.values(), release]
        for member in group:
            member.translations = [other for other in group if other is not member]
        target_list = "translations" if source.status == "published" else "drafts_translations"
        getattr(generator, target_list).append(release)
