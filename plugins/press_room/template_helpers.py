"""Jinja filters the theme uses; registered before any template is loaded.

Date filters take the template context: they write dates in the language of
the page being rendered (Babel/CLDR patterns), in the site's time zone.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_skeleton
from jinja2 import pass_context

from . import dates
from .language_switch import alternates, localized
from .languages import resolve


@lru_cache(maxsize=None)
def _locale(code: str) -> Locale:
    # Babel parses a locale string at every call otherwise (52,000 times in a
    # 1,000-release build).
    return Locale.parse(code)


def _locale_and_local_time(context, moment):
    language = resolve(context, context["PRESS_ROOM_LANGUAGE_TABLE"])
    return _locale(language.babel), dates.in_site_time(moment, context["TIMEZONE"])


@pass_context
def long_date(context, moment) -> str:
    """`26 November 2021` / `2021年11月26日`."""
    locale, local = _locale_and_local_time(context, moment)
    return format_date(local, "long", locale=locale)


@pass_context
def embargo_time(context, moment) -> str:
    """`26 Nov 2021, 10:00 HKT`: the banner's exact minute, in newsroom time."""
    locale, local = _locale_and_local_time(context, moment)
    separator = ", " if locale.language == "en" else " "
    return f"{format_date(local, 'medium', locale=locale)}{separator}{local:%H:%M} {local.tzname()}"


@lru_cache(maxsize=None)
def _month_label(babel_code: str, year: int, month: int) -> str:
    """`November 2021` / `2021年11月`: month headings of the year archive."""
    # Once per month and language: year pages ask for every release's month
    # on each of their pages (634,000 Babel calls in a 5,000-release build).
    return format_skeleton("yMMMM", datetime(year, month, 1), locale=_locale(babel_code))


def human_size(size: int) -> str:
    """`1.2 MB`, `830 KB`: what a journalist on a metered connection needs."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


def clean_url(url: str) -> str:
    """`page/2/index.html` -> `page/2/`: links name the folder, as permalinks do."""
    return url[: -len("index.html")] if url.endswith("index.html") else url


@pass_context
def groupby_month(context, releases):
    """[(month heading, releases)], in the order given. The month is the one
    in the release's own date, like its year and URL."""
    language = resolve(context, context["PRESS_ROOM_LANGUAGE_TABLE"])
    groups: dict[str, list] = {}
    for release in releases:
        label = _month_label(language.babel, release.date.year, release.date.month)
        groups.setdefault(label, []).append(release)
    return list(groups.items())


@pass_context
def month_counts(context, counts):
    """[(month heading, releases)] of a listing's counts
    (incremental.listing_views.ListingCounts), in the listing's order."""
    language = resolve(context, context["PRESS_ROOM_LANGUAGE_TABLE"])
    return [(_month_label(language.babel, year, month), count)
            for year, month, count in counts.months]


@pass_context
def year_url(context, year) -> str:
    """The year archive's URL in the current page's language space."""
    pattern = context["YEAR_ARCHIVE_URL"].format(date=datetime(int(year), 1, 1))
    return resolve(context, context["PRESS_ROOM_LANGUAGE_TABLE"]).url_prefix + pattern


def register(pelican):
    settings = pelican.settings
    filters = dict(settings.get("JINJA_FILTERS") or {})
    filters.update(
        long_date=long_date,
        iso_date=dates.iso,
        embargo_time=embargo_time,
        human_size=human_size,
        clean_url=clean_url,
        groupby_month=groupby_month,
        month_counts=month_counts,
    )
    settings["JINJA_FILTERS"] = filters
    template_globals = dict(settings.get("JINJA_GLOBALS") or {})
    # Module-level functions, not lambdas: Pelican's content cache pickles settings.
    template_globals.update(year_url=year_url, localized=localized, alternates=alternates)
    settings["JINJA_GLOBALS"] = template_globals
