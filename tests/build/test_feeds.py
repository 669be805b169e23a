"""Atom feeds: every release and one per category, newest first, complete
entries with absolute URLs, the lead photo as enclosure, text kept as text,
and the same bytes on every build."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.build.conftest import ARCHIVE_CATEGORIES, ARCHIVE_SITEURL, write_archive_site
from tests.conftest import build_site, empty_content

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# RFC 3339: seconds and an offset (Z or ±hh:mm) are both required.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
MARKUP_TITLE = 'AT&T <b>bold</b> "quoted" title'


def read_feed(path: Path) -> ET.Element:
    assert path.is_file(), f"no feed at {path}"
    return ET.parse(path).getroot()


def child_text(element, name):
    found = element.find(ATOM + name)
    assert found is not None, f"<{name}> missing in <{element.tag.removeprefix(ATOM)}>"
    return found.text or ""


def links(element, rel):
    return [link for link in element.findall(ATOM + "link") if link.get("rel") == rel]


def entries(feed):
    return feed.findall(ATOM + "entry")


def entry_by_title(feed, title):
    matches = [e for e in entries(feed) if child_text(e, "title") == title]
    assert len(matches) == 1, [child_text(e, "title") for e in entries(feed)]
    return matches[0]


def release_date(text: str) -> datetime:
    """A fixture's front-matter date (`2019-01-02 10:00 +08:00`) as a datetime."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M %z")


def newest_first(releases):
    return sorted(releases, key=lambda r: release_date(r.date), reverse=True)


def output_file(build, url: str) -> Path:
    """The file a site URL names in the output ("…/x/" -> x/index.html)."""
    assert url.startswith(ARCHIVE_SITEURL + "/"), f"{url} is not under {ARCHIVE_SITEURL}/"
    path = url[len(ARCHIVE_SITEURL) + 1:]
    return build.output / (path + "index.html" if path.endswith("/") or not path else path)


class _Urls(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls, self.images, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.urls += [attributes[name] for name in ("href", "src") if attributes.get(name)]
        if tag == "img":
            self.images.append(attributes)

    def handle_data(self, data):
        self.text.append(data)


def parse_content(html: str) -> _Urls:
    parser = _Urls()
    parser.feed(html)
    parser.close()
    return parser


# --- the feed of every release -------------------------------------------------------


def test_feed_has_the_required_atom_elements(archive_site):
    feed = read_feed(archive_site.output / "feeds/all.atom.xml")
    assert feed.tag == ATOM + "feed"
    assert feed.get(XML_LANG) == "en"
    assert child_text(feed, "id").startswith(("tag:", "urn:uuid:", "https://"))
    assert child_text(feed, "title")
    assert [link.get("href") for link in links(feed, "self")] == [
        f"{ARCHIVE_SITEURL}/feeds/all.atom.xml"]
    assert [link.get("href") for link in links(feed, "alternate")] == [f"{ARCHIVE_SITEURL}/"]
    assert child_text(feed.find(ATOM + "author"), "name") == "Fixture Organisation Limited"


def test_feed_lists_every_release_newest_first(archive_site):
    feed = read_feed(archive_site.output / "feeds/all.atom.xml")
    assert [child_text(e, "title") for e in entries(feed)] == [
        r.title for r in newest_first(archive_site.releases)]


def test_feed_updated_is_the_newest_entry_not_the_build_time(archive_site):
    feed = read_feed(archive_site.output / "feeds/all.atom.xml")
    newest = max(datetime.fromisoformat(child_text(e, "updated")) for e in entries(feed))
    assert datetime.fromisoformat(child_text(feed, "updated")) == newest
    newest_release = max(release_date(r.date) for r in archive_site.releases)
    assert child_text(feed, "updated") == newest_release.isoformat()


def test_every_entry_is_complete_with_times_that_carry_an_offset(archive_site):
    feed = read_feed(archive_site.output / "feeds/all.atom.xml")
    by_title = {r.title: r for r in archive_site.releases}
    ids = []
    for entry in entries(feed):
        release = by_title[child_text(entry, "title")]
        ids.append(child_text(entry, "id"))
        for name in ("published", "updated"):
            assert RFC3339.match(child_text(entry, name)), (release.slug, name,
                                                            child_text(entry, name))
        assert datetime.fromisoformat(child_text(entry, "published")) == release_date(release.date)
        alternate = links(entry, "alternate")
        assert [link.get("href") for link in alternate] == [
            f"{ARCHIVE_SITEURL}/releases/{release.year}/{release.slug}/"]
        assert output_file(archive_site, alternate[0].get("href")).is_file()
        assert child_text(entry, "summary") == f"Summary of {release.title.lower()}."
        assert entry.find(ATOM + "summary").get("type", "text") == "text"
        assert entry.find(ATOM + "content").get("type") == "html"
        assert f"The body of {release.title.lower()}" in child_text(entry, "content")
        terms = [c.get("term") for c in entry.findall(ATOM + "category")]
        assert terms == [release.category, *release.tags], (release.slug, terms)
        assert child_text(entry.find(ATOM + "author"), "name") == "Fixture Organisation Limited"
    assert len(set(ids)) == len(ids), "entry ids must be unique"
    assert all(i.startswith("tag:") for i in ids), ids


def test_entry_ids_do_not_depend_on_the_host(archive_site):
    """A move to another host or sub-path must not make every entry new again."""
    feed = read_feed(archive_site.output / "feeds/all.atom.xml")
    for entry in entries(feed):
        assert "example.org" not in child_text(entry, "id")


def test_lead_photo_is_an_enclosure_and_the_first_image_of_the_content(archive_site):
    feed = read_feed(archive_site.output / "feeds/all.atom.xml")
    with_photo = [r for r in archive_site.releases if r.has_photo]
    assert with_photo
    for release in with_photo:
        entry = entry_by_title(feed, release.title)
        (enclosure,) = links(entry, "enclosure")
        assert enclosure.get("type") == "image/jpeg"
        photo = output_file(archive_site, enclosure.get("href"))
        assert photo.is_file() and photo.suffix == ".jpg"
        assert int(enclosure.get("length")) == photo.stat().st_size
        content = parse_content(child_text(entry, "content"))
        assert content.images and content.images[0]["src"] == enclosure.get("href")
        assert content.images[0]["alt"] == "Green test card"
    for release in archive_site.releases:
        if not release.has_photo:
            assert not links(entry_by_title(feed, release.title), "enclosure")


def test_content_urls_are_absolute(archive_site):
    feed = read_feed(archive_site.output / "feeds/all.atom.xml")
    for entry in entries(feed):
        for url in parse_content(child_text(entry, "content")).urls:
            assert url.startswith(ARCHIVE_SITEURL + "/"), (child_text(entry, "title"), url)
            assert output_file(archive_site, url).is_file(), url


# --- one feed per category -----------------------------------------------------------


@pytest.mark.parametrize("category", ARCHIVE_CATEGORIES)
def test_category_feed_holds_exactly_its_releases_newest_first(archive_site, category):
    slug = category.lower().replace(" ", "-")
    feed = read_feed(archive_site.output / f"feeds/category/{slug}.atom.xml")
    expected = [r.title for r in newest_first(archive_site.releases) if r.category == category]
    assert [child_text(e, "title") for e in entries(feed)] == expected
    assert [link.get("href") for link in links(feed, "self")] == [
        f"{ARCHIVE_SITEURL}/feeds/category/{slug}.atom.xml"]
    assert [link.get("href") for link in links(feed, "alternate")] == [
        f"{ARCHIVE_SITEURL}/releases/category/{slug}/"]
    assert category in child_text(feed, "title")
    whole = read_feed(archive_site.output / "feeds/all.atom.xml")
    assert child_text(feed, "id") != child_text(whole, "id"), "each feed needs its own id"


# --- text stays text; updates; preview builds -----------------------------------------


def test_title_with_markup_is_text_in_the_feed(fixture_site):
    path = fixture_site.output / "feeds/all.atom.xml"
    entry = entry_by_title(read_feed(path), MARKUP_TITLE)
    assert entry.find(ATOM + "title").get("type", "text") == "text"
    assert list(entry.find(ATOM + "title")) == [], "the title must hold no elements"
    raw = path.read_text(encoding="utf-8")
    assert "AT&amp;T &lt;b&gt;bold&lt;/b&gt;" in raw


def test_updated_is_the_last_update_and_published_the_date(fixture_site):
    feed = read_feed(fixture_site.output / "feeds/all.atom.xml")
    entry = entry_by_title(feed, "Release with every field")
    # Written without an offset: the site's TIMEZONE (Asia/Hong_Kong) applies.
    assert child_text(entry, "published") == "2021-03-01T09:30:00+08:00"
    assert child_text(entry, "updated") == "2021-03-03T08:00:00+08:00"
    # The lead photo is the one marked `lead: true` (the portrait).
    (enclosure,) = links(entry, "enclosure")
    assert "portrait-rotated" in enclosure.get("href")


def test_feed_holds_only_the_default_language(real_site):
    feed = read_feed(real_site.output / "feeds/all.atom.xml")
    hrefs = [links(e, "alternate")[0].get("href") for e in entries(feed)]
    assert hrefs and not any("/zh-" in href for href in hrefs), hrefs


def test_each_language_has_its_feed_in_its_own_words(real_site):
    feed = read_feed(real_site.output / "zh-hant/feeds/all.atom.xml")
    assert feed.get(XML_LANG) == "zh-Hant-HK"
    assert child_text(feed, "title") == "香港科技園公司新聞中心"
    assert [link.get("href") for link in links(feed, "self")] == ["/zh-hant/feeds/all.atom.xml"]
    assert [link.get("href") for link in links(feed, "alternate")] == ["/zh-hant/"]
    (entry,) = entries(feed)
    assert links(entry, "alternate")[0].get("href") == (
        "/zh-hant/releases/2021/innopark-mars-centre/")
    assert child_text(entry.find(ATOM + "author"), "name") == "香港科技園公司"
    # The category's term is the same in every language; its label is translated.
    category = entry.findall(ATOM + "category")[0]
    assert (category.get("term"), category.get("label")) == ("Press Releases", "新聞稿")
    assert "鳴謝" in child_text(entry, "content")  # "Credit:" from the theme's catalog
    category_feed = read_feed(real_site.output / "zh-hant/feeds/category/press-releases.atom.xml")
    assert [child_text(e, "id") for e in entries(category_feed)] == [child_text(entry, "id")]


def test_a_language_without_releases_has_an_empty_valid_feed(archive_site):
    """Its listings exist and link to it; nothing to list, the same bytes each build."""
    feed = read_feed(archive_site.output / "zh-hant/feeds/all.atom.xml")
    assert entries(feed) == []
    assert RFC3339.match(child_text(feed, "updated"))
    assert child_text(feed, "id") and child_text(feed, "title")


# --- the cap, links in bodies, identical rebuilds --------------------------------------

LINK_RELEASE = """---
title: Release with links
date: 2022-02-01 10:00 +08:00
category: Press Releases
---
See [the first archive release]({filename}/releases/2019/archive-2019-01/index.md),
[a neighbour](../../2021/archive-2021-01/), [our site](https://fixture.example/about?a=1&b=2)
and [write to us](mailto:press@fixture.example).
"""


@pytest.fixture(scope="module")
def capped_builds(tmp_path_factory):
    """The archive content plus a release with links, with at most 5 entries a
    feed, built twice into separate folders."""
    root = tmp_path_factory.mktemp("capped-feeds")
    content = empty_content(root)
    releases = write_archive_site(content)
    bundle = content / "releases/2022/release-with-links"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text(LINK_RELEASE, encoding="utf-8")
    builds = []
    for name in ("first", "second"):
        build = build_site(content, root / name, settings_file="publishconf.py",
                           extra_settings={"PRESS_ROOM_FEED_MAX_ENTRIES": 5},
                           env={"SITEURL": ARCHIVE_SITEURL,
                                "PRESS_ROOM_NOW": "2026-01-01 00:00 +08:00"})
        assert build.returncode == 0, build.log
        builds.append(build)
    return releases, builds


def test_feeds_are_capped_by_the_setting(capped_builds):
    releases, (build, _) = capped_builds
    feed = read_feed(build.output / "feeds/all.atom.xml")
    newest = ["Release with links"] + [r.title for r in newest_first(releases)][:4]
    assert [child_text(e, "title") for e in entries(feed)] == newest
    for category in ARCHIVE_CATEGORIES:
        slug = category.lower().replace(" ", "-")
        category_feed = read_feed(build.output / f"feeds/category/{slug}.atom.xml")
        assert len(entries(category_feed)) == 5


def test_links_in_the_body_are_absolute_as_on_the_page(capped_builds):
    _, (build, _) = capped_builds
    entry = entry_by_title(read_feed(build.output / "feeds/all.atom.xml"), "Release with links")
    urls = parse_content(child_text(entry, "content")).urls
    assert urls == [
        f"{ARCHIVE_SITEURL}/releases/2019/archive-2019-01/",
        # Relative to the release page, as a browser resolves it there.
        f"{ARCHIVE_SITEURL}/releases/2021/archive-2021-01/",
        "https://fixture.example/about?a=1&b=2",
        "mailto:press@fixture.example",
    ]


def test_rebuilds_write_the_same_feed_bytes(capped_builds):
    _, (first, second) = capped_builds
    names = sorted(p.relative_to(first.output) for p in (first.output / "feeds").rglob("*.xml"))
    assert len(names) == 4, names
    for name in names:
        assert (first.output / name).read_bytes() == (second.output / name).read_bytes(), name
