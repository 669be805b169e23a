"""Compute each release's URL once, not at every mention.

Pelican's Content.url and .save_as are properties that format the URL
pattern from the metadata at every access; a listing, a feed, the sitemap and
the language switch mention each release many times (about 25 times per
release in a 1,000-release build: 2.5 s of formatting). A release's URL
depends only on its slug, date and language, which are fixed once it is read.
"""

from __future__ import annotations

from functools import cached_property

from pelican.contents import Article


class Release(Article):
    """An Article whose url and save_as are computed once."""

    @cached_property
    def url(self) -> str:  # noqa: D102
        return Article.url.fget(self)

    @cached_property
    def save_as(self) -> str:  # noqa: D102
        return Article.save_as.fget(self)


def cache_urls(generator):
    """Pelican's article_generator_finalized: after slugs, dates and languages
    are final (translations and the embargo have run)."""
    for name in ("articles", "translations", "drafts", "drafts_translations",
                 "hidden_articles", "hidden_translations"):
        for article in getattr(generator, name, []):
            if type(article) is Article:
                article.__class__ = Release
