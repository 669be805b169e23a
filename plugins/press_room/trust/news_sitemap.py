"""The Google News sitemap: the releases of the last two days.

Google News reads a sitemap with its `news:` extension
(http://www.google.com/schemas/sitemap-news/0.9) and asks for the articles
published in the last two days only, at most 1,000 of them. Here that is
every published release, in every language, dated within
PRESS_ROOM_NEWS_SITEMAP_DAYS before the build's "now" (PRESS_ROOM_NOW or the
clock, as for the embargo) and not after it; never a withheld (embargoed or
draft) or withdrawn one. An empty sitemap is valid: Google says so.

Each entry names its publication (the press room's name in that language)
and language as Google documents it: an ISO 639 code, except for Chinese,
where it wants `zh-cn` (Simplified) and `zh-tw` (Traditional). The file is
listed in robots.txt beside sitemap.xml. URLs are SITEURL-absolute; entries
newest first, then by URL: same input, same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta

from ..embargo import build_now
from ..feeds import rfc3339
from ..structured_data import absolute_url

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NAMESPACE = "http://www.google.com/schemas/sitemap-news/0.9"
MAX_NEWS_ENTRIES = 1000  # Google's limit per news sitemap
# Google's codes for the two written forms of Chinese.
CHINESE = {"hans": "zh-cn", "hant": "zh-tw"}


def news_language(bcp47: str) -> str:
    """`en` -> `en`, `zh-Hant-HK` -> `zh-tw`, `zh-Hans` -> `zh-cn`."""
    subtags = bcp47.lower().split("-")
    if subtags[0] == "zh":
        for subtag in subtags[1:]:
            if subtag in CHINESE:
                return CHINESE[subtag]
        return "zh-tw" if any(s in ("tw", "hk", "mo") for s in subtags[1:]) else "zh-cn"
    return subtags[0]


def recent_releases(releases, now, days: int) -> list:
    """Published releases dated in the `days` before `now`, newest first."""
    since = now - timedelta(days=days)
    chosen = [a for a in releases
              if getattr(a, "hold", None) is None and not getattr(a, "withdrawn", None)
              and since <= a.date <= now]
    return sorted(chosen, key=lambda a: (-a.date.timestamp(), a.url))[:MAX_NEWS_ENTRIES]


def news_sitemap(releases, *, siteurl: str, publication_names: dict, language_table) -> bytes:
    """`releases` (already chosen) as a urlset with news:news entries.
    publication_names: language code -> the press room's name in it."""
    root = ET.Element("urlset", {"xmlns": SITEMAP_NAMESPACE, "xmlns:news": NEWS_NAMESPACE})
    for article in releases:
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = absolute_url(siteurl, article.url)
        news = ET.SubElement(url, "news:news")
        publication = ET.SubElement(news, "news:publication")
        ET.SubElement(publication, "news:name").text = publication_names[article.lang]
        ET.SubElement(publication, "news:language").text = news_language(
            language_table[article.lang].html)
        ET.SubElement(news, "news:publication_date").text = rfc3339(article.date)
        ET.SubElement(news, "news:title").text = article.title
    ET.indent(root, space="  ")
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n").encode("utf-8")


def published_releases(context) -> list:
    """Every release this build publishes, in every language."""
    return [*context.get("articles", ()), *context.get("PRESS_ROOM_TRANSLATIONS", ())]


def build(context, settings, words_for) -> bytes:
    table = settings["PRESS_ROOM_LANGUAGE_TABLE"]
    names = {code: words_for(settings, code).site_name for code in table}
    releases = recent_releases(published_releases(context), build_now(settings),
                               settings["PRESS_ROOM_NEWS_SITEMAP_DAYS"])
    return news_sitemap(releases, siteurl=settings.get("SITEURL", ""), publication_names=names,
                        language_table=table)
