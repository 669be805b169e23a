"""Which releases the Google News sitemap lists, and Google's language codes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest
from press_room.trust.news_sitemap import news_language, recent_releases

NOW = datetime(2024, 3, 10, 12, 0, tzinfo=timezone(timedelta(hours=8)))


@pytest.mark.parametrize("bcp47, expected", [
    ("en", "en"), ("en-GB", "en"), ("zh-Hant-HK", "zh-tw"), ("zh-Hans", "zh-cn"),
    ("zh-TW", "zh-tw"), ("zh-CN", "zh-cn"), ("zh-HK", "zh-tw"), ("fr", "fr"),
])
def test_news_language(bcp47, expected):
    assert news_language(bcp47) == expected


def release(name, age, **extra):
    return SimpleNamespace(**{"url": f"{name}/", "date": NOW - age, "hold": None, **extra})


def test_the_window_is_the_two_days_before_now():
    releases = [
        release("just-now", timedelta(0)),
        release("two-days", timedelta(days=2)),  # the edge is in
        release("too-old", timedelta(days=2, seconds=1)),
        release("future", -timedelta(minutes=1)),
        release("held", timedelta(hours=1), hold=SimpleNamespace(kind="draft")),
        release("withdrawn", timedelta(hours=2), withdrawn={"note": "x"}),
    ]
    chosen = [r.url for r in recent_releases(releases, NOW, 2)]
    assert chosen == ["just-now/", "two-days/"], chosen
