"""The same input gives the same lists, in the same order, in every build.

Pelican collects content files in a set (`Generator.get_files`), so the order
in which the files of one bundle are read — and so the order of each
release's `translations` — follows Python's string hashing, which changes
from process to process. No page shows that order (the language switch and
hreflang follow the configured languages), but a page's record digests its
values in order: an unordered list would make every release look changed at
every build. Each release's translations, and Pelican's lists of translated
releases, are put in a fixed order: by bundle, then in the configured
languages' order (Pelican groups them by bundle already).
"""

from __future__ import annotations

import os

# Pelican's lists of releases in a language other than the default one.
_TRANSLATED = ("translations", "drafts_translations", "hidden_translations")
# Every list of releases Pelican's ArticlesGenerator keeps.
_LISTS = ("articles", "translations", "drafts", "drafts_translations",
          "hidden_articles", "hidden_translations")


def sort_translations(generator) -> None:
    """Pelican's article_generator_finalized."""
    order = {code: index for index, code in enumerate(generator.settings["PRESS_ROOM_LANGUAGES"])}

    def position(article):
        return order.get(article.lang, len(order)), article.lang or "", article.source_path or ""

    def in_bundle(article):
        return (os.path.dirname(article.source_path or ""), *position(article))

    for name in _LISTS:
        for article in getattr(generator, name, ()):
            article.translations.sort(key=position)
    for name in _TRANSLATED:  # in place: Pelican's context holds these very lists
        getattr(generator, name, []).sort(key=in_bundle)
