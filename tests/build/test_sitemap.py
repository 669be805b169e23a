"""sitemap.xml names every public page of the build, absolute, with the date
of its newest release; robots.txt points crawlers at it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest

from tests.build.conftest import ARCHIVE_SITEURL
from tests.conftest import FIXTURES, build_site

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
# W3C Datetime with a time: the offset is required.
W3C_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$")


def sitemap_entries(build) -> dict[str, str | None]:
    """loc -> lastmod (None when absent), in file order."""
    root = ET.parse(build.output / "sitemap.xml").getroot()
    assert root.tag == SITEMAP + "urlset"
    entries = {}
    for url in root.findall(SITEMAP + "url"):
        loc = url.findtext(SITEMAP + "loc")
        assert loc not in entries, f"{loc} listed twice"
        entries[loc] = url.findtext(SITEMAP + "lastmod")
    return entries


def file_for(build, url: str, siteurl: str) -> Path:
    assert url.startswith(siteurl + "/"), f"{url} is not under {siteurl}/"
    path = url[len(siteurl) + 1:]
    return build.output / (path + "index.html" if path.endswith("/") or not path else path)


def release_time(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M %z")


def test_every_sitemap_url_is_absolute_and_names_a_file(archive_site):
    entries = sitemap_entries(archive_site)
    assert len(entries) > 40
    for loc in entries:
        assert file_for(archive_site, loc, ARCHIVE_SITEURL).is_file(), loc


def test_sitemap_lists_every_public_page_and_not_the_404(archive_site):
    entries = sitemap_entries(archive_site)
    pages = {f"{ARCHIVE_SITEURL}/{p.relative_to(archive_site.output).as_posix()}"
             .removesuffix("index.html")
             for p in archive_site.output.rglob("*.html") if p.name != "404.html"}
    assert set(entries) == pages, {"missing": sorted(pages - set(entries)),
                                   "extra": sorted(set(entries) - pages)}
    assert not any("404" in loc for loc in entries)


def test_sitemap_is_in_a_stable_order(archive_site):
    locs = list(sitemap_entries(archive_site))
    assert locs == sorted(locs)


def test_release_lastmod_is_its_date(archive_site):
    entries = sitemap_entries(archive_site)
    for release in archive_site.releases:
        lastmod = entries[f"{ARCHIVE_SITEURL}/releases/{release.year}/{release.slug}/"]
        assert W3C_DATETIME.match(lastmod), lastmod
        assert datetime.fromisoformat(lastmod) == release_time(release.date)


def test_listing_lastmod_is_its_newest_release(archive_site):
    entries = sitemap_entries(archive_site)
    newest = max(release_time(r.date) for r in archive_site.releases)
    assert datetime.fromisoformat(entries[f"{ARCHIVE_SITEURL}/"]) == newest
    assert datetime.fromisoformat(entries[f"{ARCHIVE_SITEURL}/releases/"]) == newest
    newest_2019 = max(release_time(r.date) for r in archive_site.releases if r.year == 2019)
    assert datetime.fromisoformat(entries[f"{ARCHIVE_SITEURL}/releases/2019/"]) == newest_2019
    # The last page of the archive shows the oldest releases.
    oldest_page = sorted(archive_site.releases, key=lambda r: release_time(r.date))[:7]
    assert datetime.fromisoformat(entries[f"{ARCHIVE_SITEURL}/releases/page/3/"]) == max(
        release_time(r.date) for r in oldest_page)
    for loc, lastmod in entries.items():
        assert lastmod is None or W3C_DATETIME.match(lastmod), (loc, lastmod)


def test_updated_release_lastmod_is_its_last_update(fixture_site):
    entries = sitemap_entries(fixture_site)
    assert entries["/releases/2021/release-with-every-field/"] == "2021-03-03T08:00:00+08:00"


def test_release_in_several_languages_names_every_version(real_site):
    root = ET.parse(real_site.output / "sitemap.xml").getroot()
    alternates = {}
    for url in root.findall(SITEMAP + "url"):
        links = url.findall("{http://www.w3.org/1999/xhtml}link")
        alternates[url.findtext(SITEMAP + "loc")] = sorted(
            (link.get("hreflang"), link.get("href")) for link in links)
    english = "/releases/2021/innopark-mars-centre/"
    versions = alternates[english]
    assert ("en", english) in versions
    assert ("zh-Hant-HK", "/zh-hant" + english) in versions
    assert ("x-default", english) in versions  # the default language's, as in the pages
    for _, href in versions:
        # Each version is listed itself, and names the same set.
        assert alternates[href] == versions, href


def test_robots_txt_allows_all_and_names_the_sitemap(archive_site):
    lines = (archive_site.output / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines and "Allow: /" in lines
    assert f"Sitemap: {ARCHIVE_SITEURL}/sitemap.xml" in lines
    assert (archive_site.output / "sitemap.xml").is_file()


def test_preview_robots_txt_names_no_relative_sitemap(fixture_site):
    """The protocol wants an absolute sitemap URL; a preview has none."""
    robots = (fixture_site.output / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap:" not in robots and "User-agent: *" in robots


# --- withheld releases in a preview: shown with noindex, so not listed -------------------


@pytest.fixture(scope="module")
def embargo_preview(tmp_path_factory):
    build = build_site(FIXTURES / "embargo-site", tmp_path_factory.mktemp("preview") / "output",
                       env={"PRESS_ROOM_NOW": "2021-06-01 10:00 +08:00"})
    assert build.returncode == 0, build.log
    return build


def test_preview_lists_no_embargoed_or_draft_release(embargo_preview):
    entries = sitemap_entries(embargo_preview)
    assert "/releases/2021/published-release/" in entries
    withheld = [loc for loc in entries if "embargoed-release" in loc or "draft-release" in loc]
    assert withheld == []
    # They were written (the preview shows them), only left out of the sitemap.
    assert (embargo_preview.output / "releases/2030/embargoed-release/index.html").is_file()


def test_preview_feed_holds_no_embargoed_or_draft_release(embargo_preview):
    feed = ET.parse(embargo_preview.output / "feeds/all.atom.xml").getroot()
    titles = [e.findtext(ATOM + "title") for e in feed.findall(ATOM + "entry")]
    assert titles == ["A published release beside withheld ones"]


def test_rebuild_writes_the_same_sitemap_and_robots(tmp_path, archive_site):
    """Same input, same bytes: built again into a fresh folder."""
    content = archive_site.output.parent / "content"
    again = build_site(content, tmp_path / "output", settings_file="publishconf.py",
                       env={"SITEURL": ARCHIVE_SITEURL,
                            "PRESS_ROOM_NOW": "2026-01-01 00:00 +08:00"})
    assert again.returncode == 0, again.log
    for name in ("sitemap.xml", "robots.txt"):
        assert (again.output / name).read_bytes() == (archive_site.output / name).read_bytes(), name
