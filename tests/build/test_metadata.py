"""Head metadata: canonical URLs, Open Graph, the social card, feed discovery,
prev/next of listings and, on releases, a NewsArticle in JSON-LD; and the
404 page that gets a lost reader back."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from press_room.structured_data import script_safe_json
from tests.build.conftest import ARCHIVE_CATEGORIES, ARCHIVE_SITEURL
from tests.conftest import soup

# ISO 8601 with a time and an offset (seconds optional): what search engines read.
ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$")
MARKUP_TITLE = 'AT&T <b>bold</b> "quoted" title'


def meta(document, key):
    """The content of <meta property=key> (or name=key); None when absent."""
    tags = document.select(f'meta[property="{key}"]') or document.select(f'meta[name="{key}"]')
    assert len(tags) <= 1, f"{key} appears {len(tags)} times"
    return tags[0]["content"] if tags else None


def head_link(document, rel, **attributes):
    found = [link for link in document.head.find_all("link")
             if rel in (link.get("rel") or [])
             and all(link.get(k) == v for k, v in attributes.items())]
    assert len(found) <= 1, f"{len(found)} <link rel={rel}> in the head"
    return found[0]["href"] if found else None


def json_ld(document):
    scripts = document.select('script[type="application/ld+json"]')
    assert len(scripts) == 1, f"{len(scripts)} JSON-LD scripts"
    return json.loads(scripts[0].string)


def site_file(build, url: str) -> Path:
    assert url.startswith(ARCHIVE_SITEURL + "/"), url
    path = url[len(ARCHIVE_SITEURL) + 1:]
    return build.output / (path + "index.html" if path.endswith("/") or not path else path)


def page_url(build, html_file: Path) -> str:
    """Where a page of the output is published: its folder's URL."""
    path = html_file.relative_to(build.output).as_posix()
    return f"{ARCHIVE_SITEURL}/{path.removesuffix('index.html')}"


def release_page(build, release):
    return soup(build.output / f"releases/{release.year}/{release.slug}/index.html")


def public_pages(build):
    return [p for p in sorted(build.output.rglob("*.html")) if p.name != "404.html"]


def english_pages(build):
    """Pages of the default language: not under /zh-hant/ or /zh-hans/."""
    return [p for p in public_pages(build)
            if not p.relative_to(build.output).as_posix().startswith(("zh-hant/", "zh-hans/"))]


# --- every page ----------------------------------------------------------------------


def test_every_page_names_its_own_absolute_url_as_canonical_and_og_url(archive_site):
    pages = public_pages(archive_site)
    assert len(pages) > 40
    for path in pages:
        document = soup(path)
        expected = page_url(archive_site, path)
        assert head_link(document, "canonical") == expected, path
        assert meta(document, "og:url") == expected, path


def test_every_english_page_has_og_locale_en_gb_and_the_feed_link(archive_site):
    for path in english_pages(archive_site):
        document = soup(path)
        assert meta(document, "og:locale") == "en_GB", path
        assert meta(document, "og:site_name"), path
        assert meta(document, "og:title") and meta(document, "og:description"), path
        feeds = [link["href"]
                 for link in document.head.find_all("link", type="application/atom+xml")]
        assert feeds[:1] == [f"{ARCHIVE_SITEURL}/feeds/all.atom.xml"], (path, feeds)


@pytest.mark.parametrize(("prefix", "locale"), [("zh-hant", "zh_HK"), ("zh-hans", "zh_CN")])
def test_listings_of_other_languages_have_their_locale(archive_site, prefix, locale):
    for path in ["index.html", "releases/index.html"]:
        document = soup(archive_site.output / prefix / path)
        assert meta(document, "og:locale") == locale, (prefix, path)
        # Each language has its own feed, beside its listings.
        (feed,) = document.head.find_all("link", type="application/atom+xml")
        assert feed["href"] == f"{ARCHIVE_SITEURL}/{prefix}/feeds/all.atom.xml"
        assert site_file(archive_site, feed["href"]).is_file()
        # The feed link is no hreflang alternate of the page.
        assert not feed.get("hreflang")


def test_preview_pages_have_no_canonical(fixture_site):
    """SITEURL is "" in a preview: a relative canonical would mislead."""
    for path in [fixture_site.output / "index.html",
                 fixture_site.output / "releases/2021/release-with-every-field/index.html"]:
        assert head_link(soup(path), "canonical") is None, path


# --- release pages -------------------------------------------------------------------


def test_release_with_photo_has_an_article_card_with_the_16x9_crop(archive_site):
    release = next(r for r in archive_site.releases if r.has_photo)
    document = release_page(archive_site, release)
    assert meta(document, "og:type") == "article"
    assert meta(document, "og:title") == release.title
    assert meta(document, "og:description") == f"Summary of {release.title.lower()}."
    image = meta(document, "og:image")
    assert site_file(archive_site, image).is_file(), image
    width, height = int(meta(document, "og:image:width")), int(meta(document, "og:image:height"))
    assert abs(width / height - 16 / 9) < 0.01, (width, height)
    assert meta(document, "og:image:alt") == "Green test card"
    assert meta(document, "twitter:card") == "summary_large_image"
    published = meta(document, "article:published_time")
    assert ISO_WITH_OFFSET.match(published), published
    assert datetime.fromisoformat(published) == datetime.strptime(release.date,
                                                                  "%Y-%m-%d %H:%M %z")
    assert ISO_WITH_OFFSET.match(meta(document, "article:modified_time"))


def test_release_without_photo_shares_the_organisation_card(archive_site):
    release = next(r for r in archive_site.releases if not r.has_photo)
    document = release_page(archive_site, release)
    assert "/theme/images/organisation-card." in meta(document, "og:image")
    assert meta(document, "og:image:alt") == "Logo of Fixture Organisation Limited"
    assert meta(document, "twitter:card") == "summary_large_image"


def test_release_json_ld_is_a_complete_news_article(archive_site):
    release = next(r for r in archive_site.releases if r.has_photo)
    document = release_page(archive_site, release)
    data = json_ld(document)
    canonical = head_link(document, "canonical")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == release.title
    assert data["description"] == f"Summary of {release.title.lower()}."
    for key in ("datePublished", "dateModified"):
        assert ISO_WITH_OFFSET.match(data[key]), (key, data[key])
    assert datetime.fromisoformat(data["datePublished"]) == datetime.strptime(
        release.date, "%Y-%m-%d %H:%M %z")
    assert data["inLanguage"] == "en"
    assert data["mainEntityOfPage"] == canonical
    assert len(data["image"]) == 3
    for url in data["image"]:
        assert site_file(archive_site, url).is_file(), url
    assert data["image"][0] == meta(document, "og:image")
    assert data["author"] == {"@type": "Organization", "name": "Fixture Organisation Limited",
                              "url": "https://fixture.example/"}
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "Fixture Organisation Limited"
    assert publisher["logo"]["@type"] == "ImageObject"
    assert site_file(archive_site, publisher["logo"]["url"]).is_file()


def test_release_without_photo_has_json_ld_without_image(archive_site):
    release = next(r for r in archive_site.releases if not r.has_photo)
    data = json_ld(release_page(archive_site, release))
    assert "image" not in data and data["headline"] == release.title


def test_title_with_markup_stays_text_in_head_and_json_ld(fixture_site):
    path = fixture_site.output / "releases/2021/release-with-markup-in-title/index.html"
    document = soup(path)
    assert meta(document, "og:title") == MARKUP_TITLE
    data = json_ld(document)
    assert data["headline"] == MARKUP_TITLE
    head = path.read_text(encoding="utf-8").split("</head>")[0]
    assert "<b>" not in head, "the title's markup must be escaped in the head"
    script = document.select_one('script[type="application/ld+json"]').string
    assert "<" not in script and ">" not in script and "&" not in script, script


def test_updated_release_has_its_last_update_as_modified_time(fixture_site):
    document = soup(fixture_site.output / "releases/2021/release-with-every-field/index.html")
    assert meta(document, "article:published_time") == "2021-03-01T09:30:00+08:00"
    assert meta(document, "article:modified_time") == "2021-03-03T08:00:00+08:00"
    assert json_ld(document)["dateModified"] == "2021-03-03T08:00:00+08:00"


@pytest.mark.parametrize("title", [
    "</script><script>alert(1)</script>",
    "<!-- a comment --> & more",
    "Line\u2028separator",
])
def test_json_ld_cannot_break_out_of_its_script(title):
    text = str(script_safe_json({"headline": title}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"headline": title}


def test_translated_release_has_its_own_locale_and_names_the_other(real_site):
    english = soup(real_site.output / "releases/2021/innopark-mars-centre/index.html")
    chinese = soup(real_site.output / "zh-hant/releases/2021/innopark-mars-centre/index.html")
    assert meta(english, "og:locale") == "en_GB"
    assert meta(chinese, "og:locale") == "zh_HK"
    alternates = [m["content"] for m in english.select('meta[property="og:locale:alternate"]')]
    assert "zh_HK" in alternates and "en_GB" not in alternates
    assert json_ld(english)["inLanguage"] == "en"
    # BCP 47, as PRESS_ROOM_LANGUAGE_INFO writes it: Traditional, Hong Kong usage.
    assert json_ld(chinese)["inLanguage"] == "zh-Hant-HK"
    assert json_ld(chinese)["headline"] == chinese.h1.get_text(strip=True)


# --- listings ------------------------------------------------------------------------


def test_listings_are_websites(archive_site):
    for path in ["index.html", "releases/index.html", "releases/2020/index.html",
                 "releases/tags/index.html", "releases/tag/archive/index.html"]:
        document = soup(archive_site.output / path)
        assert meta(document, "og:type") == "website", path
        assert not document.select('script[type="application/ld+json"]'), path


def test_paginated_listing_links_prev_and_next_in_the_head(archive_site):
    first = soup(archive_site.output / "releases/index.html")
    second = soup(archive_site.output / "releases/page/2/index.html")
    last = soup(archive_site.output / "releases/page/3/index.html")
    assert head_link(first, "prev") is None
    assert head_link(first, "next") == f"{ARCHIVE_SITEURL}/releases/page/2/"
    assert head_link(second, "prev") == f"{ARCHIVE_SITEURL}/releases/"
    assert head_link(second, "next") == f"{ARCHIVE_SITEURL}/releases/page/3/"
    assert head_link(last, "prev") == f"{ARCHIVE_SITEURL}/releases/page/2/"
    assert head_link(last, "next") is None
    assert meta(second, "og:title") == "All releases, page 2"


@pytest.mark.parametrize("category", ARCHIVE_CATEGORIES)
def test_category_page_links_its_own_feed(archive_site, category):
    slug = category.lower().replace(" ", "-")
    document = soup(archive_site.output / f"releases/category/{slug}/index.html")
    feeds = [link["href"] for link in document.head.find_all("link", type="application/atom+xml")]
    assert feeds == [f"{ARCHIVE_SITEURL}/feeds/all.atom.xml",
                     f"{ARCHIVE_SITEURL}/feeds/category/{slug}.atom.xml"]
    for feed in feeds:
        assert site_file(archive_site, feed).is_file(), feed
    assert meta(document, "og:title") == category


# --- the 404 page --------------------------------------------------------------------


def test_404_page_offers_search_home_and_the_archive(archive_site):
    document = soup(archive_site.output / "404.html")
    assert document.h1.get_text(strip=True) == "Page not found"
    form = document.select_one("main form")
    assert form["action"] == f"{ARCHIVE_SITEURL}/search/"
    assert form.get("method", "get").lower() == "get"
    query = form.select_one('input[name="q"]')
    label = form.select_one(f'label[for="{query["id"]}"]')
    assert label is not None and label.get_text(strip=True)
    hrefs = [a["href"] for a in document.select("main a")]
    assert f"{ARCHIVE_SITEURL}/" in hrefs and f"{ARCHIVE_SITEURL}/releases/" in hrefs
    # Every link works from any depth: absolute (or this page's own #fragment).
    for element in document.select("[href], [src], [action]"):
        url = element.get("href") or element.get("src") or element.get("action")
        assert url.startswith(("https://", "#")), url


def test_404_page_is_not_indexed_and_names_no_url(archive_site):
    document = soup(archive_site.output / "404.html")
    assert meta(document, "robots") == "noindex"
    assert head_link(document, "canonical") is None
    assert meta(document, "og:url") is None


def test_preview_404_links_are_root_relative(fixture_site):
    document = soup(fixture_site.output / "404.html")
    assert document.select_one("main form")["action"] == "/search/"
    assert "/releases/" in [a["href"] for a in document.select("main a")]
