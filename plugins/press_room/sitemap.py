"""sitemap.xml and robots.txt: every public page of this build, for crawlers.

robots.txt lists the Google News sitemap too (trust/news_sitemap.py).

The list is exactly the HTML pages Pelican writes in this build (recorded
from its `content_written` signal), not whatever a folder holds: a preview
build keeps old files in output/. Left out: the 404 page (hosts serve it at
any missing address) and every page marked `<meta name="robots"
content="noindex">` (a preview's embargoed and draft releases).

`<lastmod>` is a release page's last update (or its date); a listing's is the
newest change among the releases it shows; other pages (tag index, search)
have none. A release in several languages names each version as an
alternate (`xhtml:link hreflang`, plus x-default: the default language's),
as the pages' own hreflang links do. URLs are
SITEURL-absolute, in sorted order: same input, same bytes.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime

from pelican.generators import Generator

from .feeds import rfc3339
from .languages import default_code
from .structured_data import absolute_url, bcp47, is_absolute, updated
from .trust import news_sitemap
from .trust.common import words_for

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
# The protocol's limit per file; beyond it sitemap.xml becomes an index.
MAX_URLS_PER_FILE = 50_000
# Shared context key: output name -> WrittenPage, for each page written.
PAGES_KEY = "PRESS_ROOM_WRITTEN_PAGES"

HEAD_READ_CHARACTERS = 32_768
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ROBOTS_NAME = re.compile(r"""\bname\s*=\s*["']?robots\b""", re.IGNORECASE)


@dataclass(frozen=True)
class WrittenPage:
    lastmod: datetime | None
    article: object = None  # the release, on a release page


@dataclass(frozen=True)
class Entry:
    url: str
    lastmod: datetime | None = None
    alternates: list = field(default_factory=list)  # [(hreflang, url)]


def page_lastmod(context):
    article = context.get("article")
    if article is not None:
        return updated(article)
    page = context.get("articles_page")
    if page is not None and page.object_list:
        return max(updated(release) for release in page.object_list)
    return None


def record_page(path, context):
    """Pelican's `content_written`: remember each HTML page of this build."""
    pages = context.get(PAGES_KEY)
    if pages is None or not str(path).endswith(".html"):
        return
    name = context.get("output_file")  # relative to the output: Pelican's writer sets it
    if not name:
        return
    pages[name.replace(os.sep, "/")] = WrittenPage(page_lastmod(context), context.get("article"))


def is_noindex(path: str) -> bool:
    """Whether the page's <head> asks robots not to index it."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        text = handle.read(HEAD_READ_CHARACTERS)  # the head is at the top: rarely more
        if not _HEAD_END.search(text):
            text += handle.read()
    head = _HEAD_END.split(text, maxsplit=1)[0]
    return any(_ROBOTS_NAME.search(tag) and "noindex" in tag.lower()
               for tag in _META.findall(head))


def _xml(root) -> bytes:
    ET.indent(root, space="  ")
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n").encode("utf-8")


def urlset(entries) -> bytes:
    namespaces = {"xmlns": SITEMAP_NAMESPACE}
    if any(entry.alternates for entry in entries):
        namespaces["xmlns:xhtml"] = XHTML_NAMESPACE
    root = ET.Element("urlset", namespaces)
    for entry in entries:
        item = ET.SubElement(root, "url")
        ET.SubElement(item, "loc").text = entry.url
        if entry.lastmod is not None:
            ET.SubElement(item, "lastmod").text = rfc3339(entry.lastmod)
        for hreflang, url in entry.alternates:
            ET.SubElement(item, "xhtml:link", {"rel": "alternate", "hreflang": hreflang,
                                               "href": url})
    return _xml(root)


def sitemap_index(parts) -> bytes:
    """parts: [(absolute URL of a sitemap file, its newest lastmod or None)]."""
    root = ET.Element("sitemapindex", {"xmlns": SITEMAP_NAMESPACE})
    for url, lastmod in parts:
        item = ET.SubElement(root, "sitemap")
        ET.SubElement(item, "loc").text = url
        if lastmod is not None:
            ET.SubElement(item, "lastmod").text = rfc3339(lastmod)
    return _xml(root)


def robots_txt(*sitemap_urls: str | None) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    listed = [url for url in sitemap_urls if url]
    if listed:  # the protocol wants absolute URLs: none in a preview
        lines += ["", *(f"Sitemap: {url}" for url in listed)]
    return ("\n".join(lines) + "\n").encode("utf-8")


class SitemapGenerator(Generator):
    """Collects pages while the other generators write, then writes the
    sitemap (after the pages, before the leak audit on `finalized`)."""

    def generate_context(self):
        self.context[PAGES_KEY] = {}

    def public_pages(self):
        excluded = {self.settings.get("404_SAVE_AS", "404.html")}
        pages = self.context.get(PAGES_KEY, {})
        for name in sorted(pages):
            path = os.path.join(self.output_path, name)
            if name in excluded or not os.path.isfile(path) or is_noindex(path):
                continue
            yield name, pages[name]

    def entries(self) -> list[Entry]:
        siteurl = self.settings.get("SITEURL", "")
        table = self.settings.get("PRESS_ROOM_LANGUAGE_TABLE")
        default = default_code(self.settings)
        public = dict(self.public_pages())
        listed = {id(page.article): name for name, page in public.items() if page.article}
        entries = []
        for name, page in public.items():
            alternates = []
            if page.article is not None:
                versions = [page.article, *getattr(page.article, "translations", [])]
                names = {v.lang: listed[id(v)] for v in versions if id(v) in listed}
                if len(names) > 1:  # only versions that are in the sitemap themselves
                    alternates = [(bcp47(lang, table), absolute_url(siteurl, other))
                                  for lang, other in names.items()]
                    if default in names:
                        alternates.append(("x-default", absolute_url(siteurl, names[default])))
                    alternates.sort()
            entries.append(Entry(absolute_url(siteurl, name), page.lastmod, alternates))
        return sorted(entries, key=lambda entry: entry.url)

    def generate_output(self, writer):
        # The sitemap reads the written pages (noindex): render the queued ones.
        if hasattr(writer, "flush"):
            writer.flush()
        siteurl = self.settings.get("SITEURL", "")
        entries = self.entries()
        sitemap_path = self.settings["PRESS_ROOM_SITEMAP"]
        if sitemap_path:
            self._write_sitemap(sitemap_path, entries, siteurl)
        news_path = self.settings["PRESS_ROOM_NEWS_SITEMAP"]
        if news_path and self.settings.get("PRESS_ROOM_SITE") is not None:
            self._write(news_path, news_sitemap.build(self.context, self.settings, words_for))
        robots_path = self.settings["PRESS_ROOM_ROBOTS"]
        if robots_path:
            listed = [path for path in (sitemap_path, news_path) if path]
            self._write(robots_path, robots_txt(
                *(absolute_url(siteurl, path) for path in listed if is_absolute(siteurl))))

    def _write_sitemap(self, sitemap_path: str, entries, siteurl: str):
        if len(entries) <= MAX_URLS_PER_FILE:
            self._write(sitemap_path, urlset(entries))
            return
        stem, extension = os.path.splitext(sitemap_path)
        parts = []
        for number, start in enumerate(range(0, len(entries), MAX_URLS_PER_FILE), start=1):
            chunk = entries[start:start + MAX_URLS_PER_FILE]
            part_path = f"{stem}-{number}{extension}"
            self._write(part_path, urlset(chunk))
            dated = [entry.lastmod for entry in chunk if entry.lastmod is not None]
            parts.append((absolute_url(siteurl, part_path), max(dated, default=None)))
        self._write(sitemap_path, sitemap_index(parts))

    def _write(self, path: str, data: bytes):
        target = os.path.join(self.output_path, path)
        os.makedirs(os.path.dirname(target) or self.output_path, exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)
