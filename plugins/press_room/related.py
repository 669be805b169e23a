"""Related releases: up to three per release, chosen once per build.

Ranked by the number of tags shared, then a shared category, then newest.
Candidates come from the release's tags and the newest of its category only,
so the work grows with the size of those groups, not with the square of the
archive.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

RELATED_COUNT = 3
CATEGORY_CANDIDATES = 20


def related_for(article, by_tag, by_category) -> list:
    scores: dict[int, list] = {}
    for tag in getattr(article, "tags", []) or []:
        for other in by_tag[tag]:
            if other is not article:
                entry = scores.setdefault(id(other), [0, 0, other])
                entry[0] += 1
    for other in by_category[article.category][:CATEGORY_CANDIDATES]:
        if other is not article:
            entry = scores.setdefault(id(other), [0, 0, other])
            entry[1] = 1
    # nsmallest, not sorted: only the best three of possibly hundreds are needed.
    ranked = heapq.nsmallest(RELATED_COUNT, scores.values(),
                             key=lambda e: (-e[0], -e[1], -e[2].date.timestamp(), e[2].slug))
    return [entry[2] for entry in ranked]


def link_related(generator):
    """Pelican's article_generator_finalized: `related_releases` on every release
    of each language, from the published releases of that language only."""
    by_lang = defaultdict(list)
    for article in generator.articles + generator.translations:
        by_lang[article.lang].append(article)
    for articles in by_lang.values():
        newest_first = sorted(articles, key=lambda a: a.date, reverse=True)
        by_tag, by_category = defaultdict(list), defaultdict(list)
        for article in newest_first:
            for tag in getattr(article, "tags", []) or []:
                by_tag[tag].append(article)
            by_category[article.category].append(article)
        for article in newest_first:
            article.related_releases = related_for(article, by_tag, by_category)
