"""The Google News sitemap: the last two days' published releases in every
language, with Google's language codes, listed in robots.txt."""

from __future__ import annotations

import pytest
from lxml import etree

from tests.build.conftest import TRUST_SITEURL, TRUST_TITLES

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
      "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def news_entries(output) -> list[dict]:
    path = output / "news-sitemap.xml"
    assert path.is_file(), f"no news sitemap in {output}"
    root = etree.parse(str(path)).getroot()
    assert root.tag == "{%s}urlset" % NS["s"], root.tag
    assert root.nsmap.get("news") == NS["news"], root.nsmap
    return [{"loc": url.findtext("s:loc", namespaces=NS),
             "name": url.findtext("news:news/news:publication/news:name", namespaces=NS),
             "language": url.findtext("news:news/news:publication/news:language", namespaces=NS),
             "date": url.findtext("news:news/news:publication_date", namespaces=NS),
             "title": url.findtext("news:news/news:title", namespaces=NS)}
            for url in root.findall("s:url", NS)]


def test_lists_the_last_two_days_releases_in_every_language(trust_site):
    entries = news_entries(trust_site.output)
    base = f"{TRUST_SITEURL}/{{}}releases/2024/fresh-release/"
    expected = [
        {"loc": base.format(""), "name": "HKSTP Press Room", "language": "en",
         "title": TRUST_TITLES["en"]},
        {"loc": base.format("zh-hans/"), "name": "测试机构新闻中心", "language": "zh-cn",
         "title": TRUST_TITLES["zh-hans"]},
        {"loc": base.format("zh-hant/"), "name": "測試機構新聞中心", "language": "zh-tw",
         "title": TRUST_TITLES["zh-hant"]},
    ]
    assert [{k: v for k, v in e.items() if k != "date"} for e in entries] == expected, entries
    assert {e["date"] for e in entries} == {"2024-03-09T10:00:00+08:00"}, entries


@pytest.mark.parametrize("build", ["trust_site", "trust_preview"])
def test_withheld_and_older_releases_never_appear(build, request):
    output = request.getfixturevalue(build).output
    text = (output / "news-sitemap.xml").read_text(encoding="utf-8")
    for slug in ("embargoed-release", "draft-release", "older-release"):
        assert slug not in text, f"{slug} in the {build} news sitemap:\n{text}"
    assert len(news_entries(output)) == 3, text


def test_robots_txt_lists_both_sitemaps(trust_site):
    lines = (trust_site.output / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {TRUST_SITEURL}/sitemap.xml" in lines, lines
    assert f"Sitemap: {TRUST_SITEURL}/news-sitemap.xml" in lines, lines
