"""Withdrawn releases: the page stays at its address, listings forget it.

A release with `withdrawn: {date, note}` keeps its page (with the notice and
the note, GOV.UK style), its files, its manifest and its language versions,
so every link to it still works and says what happened. It leaves every
listing — home, archive, year, category and tag pages, related and
previous/next links — and every feed.

This relies on Pelican's "hidden" lists (ArticlesGenerator.hidden_articles and
hidden_translations): Pelican writes the pages of hidden articles but builds
no listing, taxonomy or feed from them; tests/build/test_withdrawn.py fails if
that changes. The move happens before Pelican builds its taxonomies.
"""

from __future__ import annotations

from collections import defaultdict

from . import build_checks
from .problems import Problem, display_path
from .translations import bundle_of

_MOVES = (("articles", "hidden_articles"), ("translations", "hidden_translations"))


def _agreement_problems(group) -> list[Problem]:
    """Translations are withdrawn together, on one date (notes are translated)."""
    dates = {a.withdrawn.date if a.withdrawn else None for a in group}
    if len(dates) <= 1:
        return []
    reference = sorted(group, key=lambda a: a.source_path)[0]
    problems = []
    for article in group:
        if (article.withdrawn and article.withdrawn.date) == (
                reference.withdrawn and reference.withdrawn.date):
            continue
        theirs = (f"withdrawn on {reference.withdrawn.date:%Y-%m-%d %H:%M}"
                  if reference.withdrawn else "not withdrawn")
        problems.append(Problem(display_path(article.source_path), "withdrawn",
                                f"differs from {display_path(reference.source_path)} ({theirs})"
                                " — translations are withdrawn together, on the same date"))
    return problems


def disagreements(articles) -> list[Problem]:
    """Every release's translations compared on their withdrawal (the build
    and `make check` both ask this)."""
    bundles = defaultdict(list)
    for article in articles:
        # A draft (or a file with problems of its own, a forced draft) is
        # never published: the build compares only what it would publish.
        if article.status == "draft" or article.metadata.get(build_checks.PROBLEMS_KEY):
            continue
        bundles[bundle_of(article)].append(article)
    problems = []
    for group in bundles.values():
        problems += _agreement_problems(group)
    return problems


def apply(generator):
    """Pelican's article_generator_pretaxonomy, after the embargo: move each
    withdrawn release (every language) to Pelican's hidden lists."""
    for problem in disagreements([*generator.articles, *generator.translations]):
        build_checks.report(problem)
    for listed, hidden in _MOVES:
        withdrawn = [a for a in getattr(generator, listed) if getattr(a, "withdrawn", None)]
        if withdrawn:
            setattr(generator, listed,
                    [a for a in getattr(generator, listed) if not getattr(a, "withdrawn", None)])
            getattr(generator, hidden).extend(withdrawn)
