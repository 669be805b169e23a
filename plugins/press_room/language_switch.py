"""Where each page is in the other languages: the language switch and hreflang.

A release links to its own translations. A listing links to the same listing
in the other language when that language has it (home, all releases, tags,
search, use of photos always; a year or a category when that language has releases in it);
otherwise the switch goes to that language's home and hreflang names nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from jinja2 import pass_context

from .languages import Language, resolve

_YEAR = re.compile(r"^releases/(\d{4})/(?:page/\d+/)?index\.html$")
_CATEGORY = re.compile(r"^releases/category/([^/]+)/(?:page/\d+/)?index\.html$")
_ALWAYS = {"index.html", "releases/index.html", "releases/tags/index.html", "search/index.html",
           "use-of-photos/index.html"}


@dataclass(frozen=True)
class Alternate:
    language: Language
    url: str  # relative to SITEURL
    exact: bool  # the same page (hreflang-worthy), not a fallback home
    current: bool


def listing_coverage(articles_by_language) -> dict:
    """Per language: the years and category slugs its listings have."""
    coverage = defaultdict(lambda: {"years": set(), "categories": set()})
    for code, releases in articles_by_language.items():
        for release in releases:
            coverage[code]["years"].add(str(release.date.year))
            coverage[code]["categories"].add(release.category.slug)
    return coverage


def _without_prefix(path: str, language: Language) -> str:
    return path[len(language.url_prefix):] if language.url_prefix and path.startswith(
        language.url_prefix) else path


def _first_page(path: str) -> str:
    return re.sub(r"page/\d+/index\.html$", "index.html", path)


def listing_counterpart(path: str, target: Language, coverage) -> str | None:
    """The same listing in `target`'s URL space, or None if it has none."""
    base = _first_page(path)
    if base in _ALWAYS:
        return target.url_prefix + base[: -len("index.html")]
    year = _YEAR.match(base)
    if year and year.group(1) in coverage[target.code]["years"]:
        return target.url_prefix + base[: -len("index.html")]
    category = _CATEGORY.match(base)
    if category and category.group(1) in coverage[target.code]["categories"]:
        return target.url_prefix + base[: -len("index.html")]
    return None


@pass_context
def alternates(context) -> list[Alternate]:
    """Every language's version of this page, in the configured order."""
    table = context["PRESS_ROOM_LANGUAGE_TABLE"]
    current = resolve(context, table)
    article = context.get("article")
    result = []
    if article is not None:
        versions = {version.lang: version for version in [article, *article.translations]}
        for language in table.values():
            version = versions.get(language.code)
            url = version.url if version is not None else language.url_prefix
            result.append(Alternate(language, url, version is not None, language == current))
        return result
    path = _without_prefix(context.get("output_file", "index.html"), current)
    coverage = context.get("PRESS_ROOM_LISTING_COVERAGE", {})
    for language in table.values():
        url = listing_counterpart(path, language, coverage) if coverage else None
        result.append(Alternate(language, url if url is not None else language.url_prefix,
                                url is not None, language == current))
    return result


@pass_context
def localized(context, url: str) -> str:
    """A site URL (relative to SITEURL) in the current page's language space."""
    return resolve(context, context["PRESS_ROOM_LANGUAGE_TABLE"]).url_prefix + url
