"""Embargoes and drafts: what a build may show, decided against "now".

A release whose date is after now is under embargo; `status: draft` is never
published. A publish build (PRESS_ROOM_PUBLISH, set in publishconf.py) drops
every withheld release before Pelican builds tags, categories, listings or
feeds from them, so nothing of it reaches the output; a preview build keeps
them, marked for a banner and `noindex`, so the team can check them.

The decision is made on every build from the release's date, never stored:
Pelican's content cache keeps what a file says, not whether it was public,
so an embargo lifts at the first build after its time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone

from .dates import DateError, parse_release_date

NOW_VARIABLE = "PRESS_ROOM_NOW"

# Every list of releases Pelican's ArticlesGenerator keeps.
_LISTS = ("articles", "translations", "drafts", "drafts_translations",
          "hidden_articles", "hidden_translations")


def build_now(settings) -> datetime:
    """The build's "now": PRESS_ROOM_NOW from the environment (a scheduled or
    test build), else the setting of that name, else the real clock."""
    override = os.environ.get(NOW_VARIABLE) or settings.get("PRESS_ROOM_NOW")
    if not override:
        return datetime.now(timezone.utc)
    try:
        return parse_release_date(str(override).replace("T", " "), settings["TIMEZONE"])
    except DateError as error:
        raise SystemExit(f"{NOW_VARIABLE}: {error}") from None


@dataclass(frozen=True)
class Hold:
    kind: str  # "embargo" or "draft"
    until: datetime | None = None


def hold_for(article, now: datetime) -> Hold | None:
    if article.status == "draft":
        return Hold("draft")
    if article.date > now:
        return Hold("embargo", article.date)
    return None


def _all_releases(generator):
    seen = set()
    for name in _LISTS:
        for article in getattr(generator, name, []):
            for item in (article, *article.translations):
                if id(item) not in seen:
                    seen.add(id(item))
                    yield item


def apply(generator):
    """Pelican's article_generator_pretaxonomy: withhold or mark every release."""
    settings = generator.settings
    now = build_now(settings)
    withheld = []
    for article in _all_releases(generator):
        article.hold = hold_for(article, now)
        if article.hold is not None:
            withheld.append(article)
    if settings.get("PRESS_ROOM_PUBLISH"):
        _drop(generator, withheld)
    # Settings are shared with the leak audit, which runs after every write.
    settings["PRESS_ROOM_WITHHELD"] = withheld


def _drop(generator, withheld):
    gone = {id(article) for article in withheld}
    for name in _LISTS:
        kept = [a for a in getattr(generator, name, []) if id(a) not in gone]
        setattr(generator, name, kept)
    for name in _LISTS:
        for article in getattr(generator, name):
            # No language switch may point at a withheld translation.
            article.translations = [t for t in article.translations if id(t) not in gone]
    # {filename} links from other releases must not resolve to a withheld page.
    generated = generator.context.get("generated_content", {})
    for key in [k for k, v in generated.items() if id(v) in gone]:
        del generated[key]
