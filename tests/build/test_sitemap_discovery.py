"""Crawlers find the sitemap although robots.txt under a sub-path is never read.

They read robots.txt only at a host's root; a site published under /pressroom/
names its sitemap in the home page's head and in every Atom feed, and
`make publish` prints the line the host's root robots.txt needs.
"""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET

import pytest

from tests.build.conftest import ARCHIVE_SITEURL
from tests.conftest import REPO, soup

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP_URL = f"{ARCHIVE_SITEURL}/sitemap.xml"


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", ["index.html", "zh-hant/index.html", "zh-hans/index.html"])
def test_home_page_head_links_the_sitemap(archive_site, path):
    links = [(link.get("type"), link["href"])
             for link in soup(archive_site.output / path).select('head link[rel="sitemap"]')]
    assert links == [("application/xml", SITEMAP_URL)], f"{path}: {links}"
    assert (archive_site.output / "sitemap.xml").is_file()


def test_other_pages_do_not_repeat_it(archive_site):
    for path in ("releases/index.html", "page/2/index.html", "releases/tags/index.html"):
        document = soup(archive_site.output / path)
        assert document.select('link[rel="sitemap"]') == [], path


def test_every_atom_feed_links_the_sitemap(archive_site):
    feeds = sorted(archive_site.output.rglob("*.atom.xml"))
    assert len(feeds) >= 6, feeds  # all + one per category, in three languages
    for feed in feeds:
        root = ET.parse(feed).getroot()
        links = [(link.get("rel"), link.get("type"), link.get("href"))
                 for link in root.findall(f"{ATOM}link") if link.get("title") == "Sitemap"]
        assert links == [("related", "application/xml", SITEMAP_URL)], (
            f"{feed.relative_to(archive_site.output)}: {links}")


def test_robots_note_names_the_root_and_the_line(tmp_path):
    robots_line = load_script("robots_line")
    (tmp_path / "robots.txt").write_text(
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/pressroom/sitemap.xml\n")
    lines = robots_line.sitemap_lines(tmp_path / "robots.txt")
    under_path = robots_line.note("https://example.org/pressroom", lines)
    assert "https://example.org/robots.txt" in under_path, under_path
    assert under_path.endswith("\n  Sitemap: https://example.org/pressroom/sitemap.xml"), under_path
    at_root = robots_line.note("https://example.org", lines)
    assert "Add this line" not in at_root, at_root
    assert "no Sitemap line" in robots_line.note("", []), robots_line.note("", [])
