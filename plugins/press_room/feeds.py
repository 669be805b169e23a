"""Atom 1.0 feeds: every release, and one feed per category, per language.

Pelican's own feeds stay off (pelicanconf.py): they know nothing of lead
photos, updates or embargoes. These are written by `FeedGenerator` after
the pages: for each language, in its URL space beside its listings
(`feeds/all.atom.xml`, `zh-hant/feeds/all.atom.xml`…), that language's
published releases, newest first, at most PRESS_ROOM_FEED_MAX_ENTRIES each.
Names and labels come from the site data in that language; the few fixed
words from the theme's gettext catalogs.

Same input, same bytes: a feed's <updated> is its newest entry's, never the
build time. Entry ids are `tag:` URIs made of the organisation's domain, the
release's year and its permanent URL path (a feed's id, a name-based UUID of
the same domain and the feed's path), so they stay the same if the site moves
to another host or sub-path: a feed reader would otherwise show every release
again as new.
"""

from __future__ import annotations

import gettext
import html
import os
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

from pelican.generators import Generator

from . import dates
from .i18n import load_catalogs
from .languages import Language, default_code, languages
from .site_data import SiteText
from .structured_data import absolute_url, lead_photo, plain_text, updated

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
# A feed with no entry still needs an <updated>: a fixed one keeps builds identical.
EMPTY_FEED_UPDATED = datetime(1970, 1, 1, tzinfo=timezone.utc)

# Characters XML 1.0 cannot carry at all (control characters): dropped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# nh3 writes every attribute value in double quotes; Pelican keeps them.
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


# Atom's date-time (RFC 3339) is the site's one machine date format.
rfc3339 = dates.iso


def _xml_text(value) -> str:
    return _NOT_XML.sub("", str(value))


def feed_releases(articles, lang: str) -> list:
    """Published releases of one language, newest first. (A preview keeps
    embargoed releases among the articles, marked `hold`: never in a feed.)"""
    chosen = [a for a in articles if a.lang == lang and getattr(a, "hold", None) is None]
    return sorted(chosen, key=lambda a: (a.date, a.slug), reverse=True)


def tag_authority(organisation_url: str, siteurl: str) -> str:
    """The domain that names this press room's ids: the organisation's own."""
    for url in (organisation_url, siteurl):
        host = urlsplit(url or "").hostname
        if host:
            return host
    return "localhost"


def entry_id(article, authority: str) -> str:
    return f"tag:{authority},{article.date.year}:{article.url}"


def feed_id(feed_path: str, authority: str) -> str:
    """A feed has no date of its own for a tag: URI; a name-based UUID of the
    domain and the feed's path is just as stable."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"tag:{authority}:{feed_path}"))


def absolute_links(content: str, base: str) -> str:
    """Every href/src resolved against the release's own URL, as a browser
    reading the release page would: feed readers show the content elsewhere."""
    def resolve(match):
        url = urljoin(base, html.unescape(match.group(2)))
        return match.group(1) + html.escape(url, quote=True) + match.group(3)
    return _URL_ATTRIBUTE.sub(resolve, content)


@dataclass(frozen=True)
class FeedLanguage:
    """A language's feeds: where they live and the words they use."""

    language: Language
    words: SiteText  # site name, organisation name, category labels
    catalog: gettext.NullTranslations  # the theme's fixed words

    def gettext(self, message: str, **values) -> str:
        return self.catalog.gettext(message) % values


def lead_figure(photo, siteurl: str, words: FeedLanguage) -> str:
    image = photo.default
    caption = html.escape(photo.caption)
    if photo.credit:
        caption += " " + html.escape(words.gettext("Credit: %(credit)s", credit=photo.credit))
    return (f'<figure><img src="{html.escape(absolute_url(siteurl, image.url), quote=True)}" '
            f'alt="{html.escape(photo.alt, quote=True)}" width="{image.width}" '
            f'height="{image.height}"><figcaption>{caption}</figcaption></figure>\n')


def entry_content(article, siteurl: str, words: FeedLanguage) -> str:
    page_url = absolute_url(siteurl, article.url)
    lead = lead_photo(article)
    figure = lead_figure(lead, siteurl, words) if lead is not None and lead.renditions else ""
    return figure + absolute_links(article.content, page_url)


def _add(parent, tag: str, text=None, **attributes):
    element = ET.SubElement(parent, tag, {k: _xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _xml_text(text)
    return element


def _author(parent, organisation, name: str):
    author = _add(parent, "author")
    _add(author, "name", name)
    if organisation.url:
        _add(author, "uri", organisation.url)


def add_entry(feed, article, siteurl: str, organisation, authority: str, words: FeedLanguage):
    entry = _add(feed, "entry")
    _add(entry, "id", entry_id(article, authority))
    _add(entry, "title", article.title, type="text")
    _add(entry, "link", rel="alternate", type="text/html",
         href=absolute_url(siteurl, article.url))
    lead = lead_photo(article)
    if lead is not None and lead.renditions:
        image = lead.default
        _add(entry, "link", rel="enclosure", type=image.mime, length=str(image.bytes),
             href=absolute_url(siteurl, image.url))
    _add(entry, "published", rfc3339(article.date))
    _add(entry, "updated", rfc3339(updated(article)))
    _author(entry, organisation, words.words.organisation_name)
    # The term is the category as configured (the same in every language);
    # the label is how this language names it.
    category = article.category.name
    label = words.words.category(category)
    _add(entry, "category", term=category, **({"label": label} if label != category else {}))
    for tag in getattr(article, "tags", None) or []:
        _add(entry, "category", term=str(tag))
    _add(entry, "summary", plain_text(article.summary), type="text")
    _add(entry, "content", entry_content(article, siteurl, words), type="html")


def atom_feed(releases, *, feed_path: str, title: str, alternate_url: str, context,
              words: FeedLanguage) -> bytes:
    """The feed's bytes: `releases` newest first, already capped."""
    siteurl = context.get("SITEURL", "")
    organisation = context["ORGANISATION"]
    organisation_name = words.words.organisation_name
    authority = tag_authority(organisation.url, siteurl)
    feed = ET.Element("feed", {"xmlns": ATOM_NAMESPACE, "xml:lang": words.language.html})
    _add(feed, "id", feed_id(feed_path, authority))
    _add(feed, "title", title, type="text")
    _add(feed, "subtitle", words.gettext(
        "News releases, photos and media contacts of %(organisation)s.",
        organisation=organisation_name), type="text")
    newest = max((updated(r) for r in releases), default=EMPTY_FEED_UPDATED)
    _add(feed, "updated", rfc3339(newest))
    _add(feed, "link", rel="self", type="application/atom+xml",
         href=absolute_url(siteurl, feed_path))
    _add(feed, "link", rel="alternate", type="text/html", href=alternate_url)
    sitemap = context.get("PRESS_ROOM_SITEMAP")
    if sitemap:
        # Atom allows only registered relations (RFC 4287 4.2.7.2), and
        # "sitemap" is not one: "related", typed and titled, says what it is.
        _add(feed, "link", rel="related", type="application/xml", title="Sitemap",
             href=absolute_url(siteurl, sitemap))
    _author(feed, organisation, organisation_name)
    icon = (context.get("ASSETS") or {}).get("images/favicon.svg")
    if icon:
        _add(feed, "icon", absolute_url(siteurl, icon))
    if context.get("COPYRIGHT"):
        _add(feed, "rights", context["COPYRIGHT"], type="text")
    for article in releases:
        add_entry(feed, article, siteurl, organisation, authority, words)
    ET.indent(feed, space="  ")
    text = ET.tostring(feed, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n").encode("utf-8")


class FeedGenerator(Generator):
    """Writes the Atom feeds once every page is written (so the leak audit,
    on `finalized`, reads them too). A subclass writes the same feeds in
    another format (trust/json_feed.py): it names its settings and renders."""

    ALL_SETTING = "PRESS_ROOM_FEED_ALL"
    CATEGORY_SETTING = "PRESS_ROOM_FEED_CATEGORY"

    def render(self, releases, *, feed_path, title, alternate_url, words) -> bytes:
        return atom_feed(releases, feed_path=feed_path, title=title,
                         alternate_url=alternate_url, context=self.context, words=words)

    def generate_output(self, writer):
        if self.context.get("ORGANISATION") is None:
            return  # the site data failed to load: reported, the build stops
        table = languages(self.settings)
        catalogs = load_catalogs(os.path.join(self.theme, "translations"),
                                 [language.babel for language in table.values()])
        site = self.settings["PRESS_ROOM_SITE"]
        default = default_code(self.settings)
        # Pelican lists the default language's releases; translations.expose
        # keeps the other languages' published ones.
        everything = [*self.context.get("articles", ()),
                      *self.context.get("PRESS_ROOM_TRANSLATIONS", ())]
        for code, language in table.items():
            words = FeedLanguage(language,
                                 SiteText(site, self.settings["SITENAME"],
                                          site.translations.get(code)),
                                 catalogs[language.babel])
            # The preview shows withheld releases (their category pages too):
            # categories come from all of them, entries from the published ones.
            shown = [a for a in everything if a.lang == code]
            self._write_language(language, words, shown, code == default)

    def _write_language(self, language: Language, words: FeedLanguage, shown, is_default):
        settings, siteurl = self.settings, self.context.get("SITEURL", "")
        limit = settings["PRESS_ROOM_FEED_MAX_ENTRIES"]
        prefix = language.url_prefix
        releases = feed_releases(shown, language.code)
        all_path = prefix + settings[self.ALL_SETTING]
        self._write(all_path, self.render(
            releases[:limit], feed_path=all_path, title=words.words.site_name,
            alternate_url=absolute_url(siteurl, prefix), words=words))
        if is_default:  # every category Pelican writes a page for
            categories = [category for category, _ in self.context.get("categories", ())]
        else:  # those the language's listings have (language_listings)
            categories = sorted({a.category for a in shown}, key=lambda c: c.slug)
        pattern = prefix + settings[self.CATEGORY_SETTING]
        written = set()
        for category in categories:
            path = pattern.format(slug=category.slug)
            in_category = [r for r in releases if r.category.slug == category.slug][:limit]
            title = f"{words.words.site_name}: {words.words.category(category.name)}"
            self._write(path, self.render(
                in_category, feed_path=path, title=title,
                alternate_url=absolute_url(siteurl, category.url), words=words))
            written.add(path)
        self._remove_leftovers(pattern, written)

    def _write(self, path: str, data: bytes):
        target = os.path.join(self.output_path, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)

    def _remove_leftovers(self, pattern: str, written: set[str]):
        """Feeds of categories an earlier build had and this one has not."""
        folder, _, name = pattern.rpartition("/")
        prefix, _, suffix = name.partition("{slug}")
        if "{" in folder or not suffix:
            return  # not a folder of category feeds alone: leave it
        directory = os.path.join(self.output_path, folder)
        if not os.path.isdir(directory):
            return
        for file_name in sorted(os.listdir(directory)):
            path = f"{folder}/{file_name}" if folder else file_name
            if (file_name.startswith(prefix) and file_name.endswith(suffix)
                    and path not in written):
                os.remove(os.path.join(directory, file_name))
