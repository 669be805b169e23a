"""JSON Feed 1.1 beside every Atom feed: the spec's required and recommended
fields, the same entries as Atom, linked from the head, nothing withheld."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

from tests.build.conftest import ARCHIVE_SITEURL, TRUST_SITEURL
from tests.conftest import soup

VERSION = "https://jsonfeed.org/version/1.1"
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
LANGUAGES = {"en": ("", "en"), "zh-hant": ("zh-hant/", "zh-Hant-HK"),
             "zh-hans": ("zh-hans/", "zh-Hans")}


def problems(feed: dict, feed_url: str, language: str) -> list[str]:
    """What JSON Feed 1.1 requires (version, title, items; each item an id
    and content_html or content_text), and what this site promises besides
    (home page, own URL, language, authors, RFC 3339 dates with seconds)."""
    found = []
    if feed.get("version") != VERSION:
        found.append(f"version is {feed.get('version')!r}, not {VERSION}")
    if not isinstance(feed.get("title"), str) or not feed["title"]:
        found.append("no title")
    if not isinstance(feed.get("items"), list):
        return found + ["items is not a list"]
    if feed.get("feed_url") != feed_url:
        found.append(f"feed_url is {feed.get('feed_url')!r}, not {feed_url}")
    if not str(feed.get("home_page_url", "")).startswith("https://"):
        found.append(f"home_page_url {feed.get('home_page_url')!r}")
    if feed.get("language") != language:
        found.append(f"language {feed.get('language')!r}, not {language}")
    if not feed.get("authors") or not all(a.get("name") for a in feed["authors"]):
        found.append(f"authors {feed.get('authors')!r}")
    for number, item in enumerate(feed["items"], start=1):
        where = f"items[{number}]"
        if not isinstance(item.get("id"), str) or not item["id"]:
            found.append(f"{where}: no id (a string)")
        if not (item.get("content_html") or item.get("content_text")):
            found.append(f"{where}: neither content_html nor content_text")
        for key in ("date_published", "date_modified"):
            if not RFC3339.match(str(item.get(key, ""))):
                found.append(f"{where}: {key} {item.get(key)!r} is not RFC 3339 with seconds")
        if not str(item.get("url", "")).startswith("https://"):
            found.append(f"{where}: url {item.get('url')!r}")
    return found


def read(path: Path) -> dict:
    assert path.is_file(), f"no feed at {path}"
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_check_finds_missing_fields():
    assert len(problems({"version": "1", "items": [{"id": 1}]}, "x", "en")) >= 5


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_a_json_feed_beside_its_atom_feed(trust_site, lang):
    prefix, bcp47 = LANGUAGES[lang]
    feed = read(trust_site.output / prefix / "feeds/all.json")
    found = problems(feed, f"{TRUST_SITEURL}/{prefix}feeds/all.json", bcp47)
    assert not found, "\n".join(found) + "\n" + json.dumps(feed, ensure_ascii=False)[:2000]
    atom = etree.parse(str(trust_site.output / prefix / "feeds/all.atom.xml")).getroot()
    atom_ids = [entry.findtext(ATOM + "id") for entry in atom.iter(ATOM + "entry")]
    assert [item["id"] for item in feed["items"]] == atom_ids, (feed["items"], atom_ids)
    assert atom_ids, "the trust site's feed has no entry"


def test_items_carry_the_release_and_its_photos(trust_site):
    feed = read(trust_site.output / "zh-hant/feeds/all.json")
    [item] = feed["items"]  # the fresh release alone is in Traditional Chinese
    assert item["url"] == f"{TRUST_SITEURL}/zh-hant/releases/2024/fresh-release/", item
    assert item["title"] == "園區機械人實驗室開幕" and item["language"] == "zh-Hant-HK", item
    assert item["date_published"] == "2024-03-09T10:00:00+08:00", item
    assert item["tags"] == ["新聞稿", "機械人"], item["tags"]
    assert "<figcaption>陳博士為機械人實驗室揭幕" in item["content_html"], item["content_html"]
    [attachment] = item["attachments"]
    file = trust_site.output / attachment["url"][len(TRUST_SITEURL) + 1:]
    assert attachment["size_in_bytes"] == file.stat().st_size, (attachment, file)
    assert attachment["mime_type"] == "image/jpeg", attachment


def test_category_feeds_match_their_atom_feeds(archive_site):
    folder = archive_site.output / "feeds/category"
    jsons = sorted(p.name.removesuffix(".json") for p in folder.glob("*.json"))
    atoms = sorted(p.name.removesuffix(".atom.xml") for p in folder.glob("*.atom.xml"))
    assert jsons == atoms and jsons, (jsons, atoms)
    for slug in jsons:
        feed = read(folder / f"{slug}.json")
        found = problems(feed, f"{ARCHIVE_SITEURL}/feeds/category/{slug}.json", "en")
        assert not found, (slug, found)
        atom = etree.parse(str(folder / f"{slug}.atom.xml")).getroot()
        assert [i["id"] for i in feed["items"]] == [
            e.findtext(ATOM + "id") for e in atom.iter(ATOM + "entry")], slug


@pytest.mark.parametrize("page", ["index.html", "releases/2024/fresh-release/index.html",
                                  "zh-hans/index.html", "releases/category/press-releases/index.html"])
def test_pages_link_the_json_feed_from_the_head(trust_site, page):
    prefix = "zh-hans/" if page.startswith("zh-hans/") else ""
    head = soup(trust_site.output / page).head
    hrefs = [link["href"] for link in head.select('link[rel="alternate"][type="application/feed+json"]')]
    expected = [f"{TRUST_SITEURL}/{prefix}feeds/all.json"]
    if "category/" in page:
        expected.append(f"{TRUST_SITEURL}/feeds/category/press-releases.json")
    assert hrefs == expected, (page, hrefs)


def test_withheld_releases_are_in_no_json_feed(trust_site):
    for path in trust_site.output.rglob("feeds/**/*.json"):
        feed = read(path)
        urls = [item["url"] for item in feed["items"]]
        assert not [u for u in urls if "embargoed-release" in u or "draft-release" in u], (path, urls)
    ids = [i["url"] for i in read(trust_site.output / "feeds/all.json")["items"]]
    assert ids == [f"{TRUST_SITEURL}/releases/2024/fresh-release/",
                   f"{TRUST_SITEURL}/releases/2024/older-release/"], ids
