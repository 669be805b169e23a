"""JSON Feed 1.1 beside every Atom feed: the same entries, as JSON.

For each language, `feeds/all.json` and `feeds/category/<slug>.json` sit
beside their Atom twins (`zh-hant/feeds/all.json`…), are chosen by the same
code (feeds.FeedGenerator: published releases of the language, newest
first, at most PRESS_ROOM_FEED_MAX_ENTRIES) and carry the same ids (the
Atom entries' `tag:` URIs), so a reader may switch format without seeing
every release again as new. Each page's head links them
(`application/feed+json`).

An item has the release's URL, title, summary, HTML content (the lead photo
figure and the body, links absolute, as in Atom), publication and update
times (RFC 3339, seconds and offset), the category and tags as `tags`, the
organisation as author, its language, the lead photo as `image`, and each
photo's high-resolution download as an attachment.
"""

from __future__ import annotations

from ..feeds import FeedGenerator, entry_content, entry_id, rfc3339, tag_authority
from ..structured_data import absolute_url, lead_photo, plain_text, updated
from .common import json_bytes

VERSION = "https://jsonfeed.org/version/1.1"
MEDIA_TYPE = "application/feed+json"


def _author(organisation, name: str) -> dict:
    author = {"name": name}
    if organisation.url:
        author["url"] = organisation.url
    return author


def feed_item(article, *, siteurl: str, organisation, authority: str, words) -> dict:
    page_url = absolute_url(siteurl, article.url)
    item = {
        "id": entry_id(article, authority),
        "url": page_url,
        "title": article.title,
        "content_html": entry_content(article, siteurl, words),
        "summary": plain_text(article.summary),
        "date_published": rfc3339(article.date),
        "date_modified": rfc3339(updated(article)),
        "authors": [_author(organisation, words.words.organisation_name)],
        "tags": [words.words.category(article.category.name),
                 *(str(tag) for tag in getattr(article, "tags", None) or [])],
        "language": words.language.html,
    }
    lead = lead_photo(article)
    if lead is not None and lead.renditions:
        item["image"] = absolute_url(siteurl, lead.default.url)
    attachments = [{"url": absolute_url(siteurl, photo.download.url),
                    "mime_type": photo.download.mime, "title": photo.caption,
                    "size_in_bytes": photo.download.bytes}
                   for photo in getattr(article, "photos", None) or [] if photo.download]
    if attachments:
        item["attachments"] = attachments
    return item


def json_feed(releases, *, feed_path: str, title: str, alternate_url: str, context,
              words) -> bytes:
    """The feed's bytes: `releases` newest first, already capped."""
    siteurl = context.get("SITEURL", "")
    organisation = context["ORGANISATION"]
    authority = tag_authority(organisation.url, siteurl)
    feed = {
        "version": VERSION,
        "title": title,
        "home_page_url": alternate_url,
        "feed_url": absolute_url(siteurl, feed_path),
        "description": words.gettext(
            "News releases, photos and media contacts of %(organisation)s.",
            organisation=words.words.organisation_name),
        "authors": [_author(organisation, words.words.organisation_name)],
        "language": words.language.html,
    }
    icon = (context.get("ASSETS") or {}).get("images/favicon.svg")
    if icon:
        feed["favicon"] = absolute_url(siteurl, icon)
    feed["items"] = [feed_item(article, siteurl=siteurl, organisation=organisation,
                               authority=authority, words=words) for article in releases]
    return json_bytes(feed)


class JsonFeedGenerator(FeedGenerator):
    """The Atom feeds' entries and paths, written as JSON Feed."""

    ALL_SETTING = "PRESS_ROOM_JSON_FEED_ALL"
    CATEGORY_SETTING = "PRESS_ROOM_JSON_FEED_CATEGORY"

    def render(self, releases, *, feed_path, title, alternate_url, words) -> bytes:
        return json_feed(releases, feed_path=feed_path, title=title,
                         alternate_url=alternate_url, context=self.context, words=words)
