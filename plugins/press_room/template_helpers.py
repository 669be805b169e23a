"""Jinja filters the theme uses; registered before any template is loaded."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from . import dates


def human_size(size: int) -> str:
    """`1.2 MB`, `830 KB`: what a journalist on a metered connection needs."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


def clean_url(url: str) -> str:
    """`page/2/index.html` -> `page/2/`: links name the folder, as permalinks do."""
    return url[: -len("index.html")] if url.endswith("index.html") else url


def groupby_year(releases):
    """[(year, releases)] in the order given (newest first for `dates`).
    The year is the one in the release's own date, as in its URL."""
    groups: dict[int, list] = {}
    for release in releases:
        groups.setdefault(release.date.year, []).append(release)
    return list(groups.items())


def month_label(release) -> str:
    return f"{release.date:%B %Y}"


def groupby_month(releases):
    groups: dict[str, list] = {}
    for release in releases:
        groups.setdefault(month_label(release), []).append(release)
    return list(groups.items())


def month_counts(releases):
    return [(month, len(items)) for month, items in groupby_month(releases)]


def year_url(year, pattern: str) -> str:
    return pattern.format(date=datetime(int(year), 1, 1))


def register(pelican):
    settings = pelican.settings
    timezone = settings["TIMEZONE"]
    filters = dict(settings.get("JINJA_FILTERS") or {})
    filters.update(
        long_date=partial(dates.long_date, site_timezone=timezone),
        short_date=partial(dates.short_date, site_timezone=timezone),
        iso_date=dates.iso,
        embargo_time=partial(dates.embargo_time, site_timezone=timezone),
        human_size=human_size,
        clean_url=clean_url,
        groupby_year=groupby_year,
        groupby_month=groupby_month,
        month_counts=month_counts,
    )
    settings["JINJA_FILTERS"] = filters
    year_pattern = settings["YEAR_ARCHIVE_URL"]
    template_globals = dict(settings.get("JINJA_GLOBALS") or {})
    # partial, not lambda: Pelican's content cache pickles the settings.
    template_globals["year_url"] = partial(year_url, pattern=year_pattern)
    settings["JINJA_GLOBALS"] = template_globals
