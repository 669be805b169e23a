"""A release's translations: one bundle, one release, several languages.

Translations live in the release's folder (`index.zh-hant.md` beside
`index.md`) and must agree on what makes them the same release: date,
category, status and photo files. Only the default language's releases are
Pelican's "originals" (its listings); every other language's releases are
translations, listed by their own language's pages (language_listings), and
their category and tag links point into their own language's URL space.
"""

from __future__ import annotations

import os
from collections import defaultdict

from pelican.urlwrappers import Category, Tag

from . import build_checks
from .languages import default_code, languages
from .problems import Problem, display_path

# Pelican's lists, each original list with its translations list.
_PAIRS = (("articles", "translations"), ("drafts", "drafts_translations"),
          ("hidden_articles", "hidden_translations"))
_URL_SETTINGS = ("CATEGORY_URL", "CATEGORY_SAVE_AS", "TAG_URL", "TAG_SAVE_AS")


def bundle_of(article) -> str:
    return os.path.dirname(os.path.abspath(article.source_path))


def everything(generator):
    seen = {}
    for originals, translated in _PAIRS:
        for article in [*getattr(generator, originals, []), *getattr(generator, translated, [])]:
            seen.setdefault(id(article), article)
    return list(seen.values())


def _photo_files(article):
    return [photo.file for photo in getattr(article, "photos", []) or []]


def consistency_problems(group) -> list[Problem]:
    """Translations of one release that disagree, each blamed on its file."""
    reference = sorted(group, key=lambda a: os.path.basename(a.source_path))[0]
    reference_name = os.path.basename(reference.source_path)
    checks = (
        ("date", lambda a: a.date, "translations share the release's date"),
        ("category", lambda a: a.category.name, "translations share one category"),
        ("status", lambda a: a.status, "translations are published or drafted together"),
        ("photos", _photo_files, "translations show the same photo files, in the same order"),
    )
    problems = []
    for article in group:
        if article is reference:
            continue
        for field, value, rule in checks:
            mine, theirs = value(article), value(reference)
            if mine != theirs:
                problems.append(Problem(display_path(article.source_path), field,
                                        f"{_show(mine)} differs from {reference_name} "
                                        f"({_show(theirs)}) — {rule}"))
    return problems


def _show(value) -> str:
    if isinstance(value, list):
        return ", ".join(value) or "no photos"
    return value.isoformat(sep=" ", timespec="minutes") if hasattr(value, "isoformat") else str(value)


def language_settings(settings, code: str) -> dict:
    """Settings whose category/tag URLs live in `code`'s URL space."""
    prefix = languages(settings)[code].url_prefix
    return {**settings, **{name: prefix + settings[name] for name in _URL_SETTINGS}}


def disagreements(articles) -> list[Problem]:
    """Every release's translations compared, over all `articles` read."""
    bundles = defaultdict(list)
    for article in articles:
        bundles[bundle_of(article)].append(article)
    problems = []
    for group in bundles.values():
        # A file with problems of its own is a placeholder (a forced draft):
        # comparing it would only add noise to its real problems.
        group = [a for a in group if not a.metadata.get(build_checks.PROBLEMS_KEY)]
        if len(group) > 1:
            problems += consistency_problems(group)
    return problems


def organise(generator):
    """Pelican's article_generator_pretaxonomy, before the embargo decides."""
    settings = generator.settings
    default = default_code(settings)
    for problem in disagreements(everything(generator)):
        build_checks.report(problem)
    # Only default-language releases are listed by Pelican's own pages.
    for originals, translated in _PAIRS:
        kept = [a for a in getattr(generator, originals) if a.lang == default]
        moved = [a for a in getattr(generator, originals) if a.lang != default]
        setattr(generator, originals, kept)
        getattr(generator, translated).extend(moved)
    wrapped = {}
    for article in everything(generator):
        if article.lang == default:
            continue
        local = wrapped.setdefault(article.lang, language_settings(settings, article.lang))
        article.category = Category(article.category.name, local)
        article.tags = [Tag(tag.name, local) for tag in getattr(article, "tags", []) or []]


def expose(generator):
    """Pelican's article_generator_finalized: the published translations (the
    embargo has dropped the withheld ones) for the language listings."""
    generator.context["PRESS_ROOM_TRANSLATIONS"] = list(generator.translations)
