"""Previous/next links between releases, in date order."""


def link_neighbours(generator):
    """`newer_release`/`older_release` on every published release (one language)."""
    by_lang: dict[str, list] = {}
    for article in generator.articles:
        by_lang.setdefault(article.lang, []).append(article)
    for articles in by_lang.values():
        ordered = sorted(articles, key=lambda a: (a.date, a.slug))
        for index, article in enumerate(ordered):
            article.older_release = ordered[index - 1] if index > 0 else None
            article.newer_release = ordered[index + 1] if index + 1 < len(ordered) else None
