"""Jinja filters the theme uses; registered before any template is loaded."""

from __future__ import annotations

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
    )
    settings["JINJA_FILTERS"] = filters
