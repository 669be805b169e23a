"""Text still to write: what `make new` leaves for the writer, marked.

A new release starts with "TO WRITE …" where only a person can write the
words (the alt text of each photo, a caption the photo did not carry, the
release text). The marked text is valid content, so the preview builds and
shows it; every build names each one as a warning, and a public build that
would publish a release still carrying one stops: alt text stays required.
A release under embargo or in draft is not published, so its marks do not
stop a publish (they stop the first publish after its time, if still there).
"""

from __future__ import annotations

import logging

from . import build_checks
from .problems import Problem, display_path

logger = logging.getLogger(__name__)

MARK = "TO WRITE"

# Pelican's lists of releases (after the embargo, a public build's hold only
# what it publishes).
_LISTS = ("articles", "translations", "drafts", "drafts_translations",
          "hidden_articles", "hidden_translations")

_WHAT_TO_DO = {
    "alt": "describe the photo for screen readers",
    "caption": "write the caption printed with the photo",
    "credit": "name the photographer or agency, or remove the line",
    "title": "write the headline",
    "subtitle": "write the deck, or remove the line",
    "body": "write the release text",
}


def _marked(value) -> bool:
    return isinstance(value, str) and MARK in value


def unwritten(articles) -> list[tuple[object, Problem]]:
    """(release, problem) for each text still marked TO WRITE."""
    found = []
    for article in articles:
        def add(field, kind, article=article):
            found.append((article, Problem(display_path(article.source_path), field,
                                           f"still to write ({MARK} …) — {_WHAT_TO_DO[kind]}")))

        for key in ("title", "subtitle"):
            if _marked(getattr(article, key, "")):
                add(key, key)
        for index, photo in enumerate(getattr(article, "photos", None) or [], start=1):
            where = f"photos[{photo.written_index or index}]"
            for key in ("caption", "alt", "credit"):
                if _marked(getattr(photo, key, "")):
                    add(f"{where}.{key}", key)
        if _marked(getattr(article, "_content", "")):
            add("body", "body")
    return found


def check_unwritten(generator):
    """Pelican's article_generator_pretaxonomy, after the embargo: a public
    build stops on marked text in what it publishes; a preview warns."""
    seen, articles = set(), []
    for name in _LISTS:
        for article in getattr(generator, name, []):
            for item in (article, *getattr(article, "translations", [])):
                if id(item) not in seen:
                    seen.add(id(item))
                    articles.append(item)
    publish = generator.settings.get("PRESS_ROOM_PUBLISH")
    for article, problem in unwritten(articles):
        if publish and getattr(article, "hold", None) is None:
            build_checks.report(problem)
        else:
            logger.warning("%s", problem)
