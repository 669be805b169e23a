"""Each release as IPTC ninjs (News in JSON) 3.2: `…/<slug>/release.json`.

Newsroom systems ingest structured news, not HTML pages. Every release page
has a `release.json` beside it, in its own language, linked from the page's
head (`<link rel="alternate" type="application/json">`: ninjs names no media
type of its own). It follows the newest ninjs 3.x schema, a copy of which is
in `trust/schemas/` (see the README there), and holds:

- `uri`: the release's permanent id, the same `tag:` URI as its Atom entry
  (it survives a move to another host); `standard` names ninjs 3.2;
- `version` (1 + the number of public updates), `firstCreated` (the
  release's date) and `versionCreated` (its last update), with offsets and
  seconds;
- `pubStatus`: `usable`; `canceled` for a withdrawn release (ninjs' word
  for it: its pubStatus has no "withdrawn"), with the note in `edNote`; in a
  preview, an embargoed or draft release is `withheld` (with
  `embargoedUntil` for an embargo). A publish build never writes one for a
  withheld release: it has no page and leaves no trace;
- `headlines` (title, subtitle), `bodies` (the HTML body, links absolute),
  `descriptions` (the summary), `subjects` (the category and the tags, each
  with its listing page), `located` (the dateline), the organisation;
- `associations`: one `picture` per photo with its caption, alt text,
  credit, copyright, usage terms, a link to the "Use of photos" page
  (`rightsInfo.linkedRights`) and `renditions` (the high-resolution download
  and every web rendition, with sizes in pixels and bytes).

Links are SITEURL-absolute (ninjs wants URIs); a local preview, whose
SITEURL is "", has root-relative ones.

Same input, same bytes: keys in a fixed order, no build time.
"""

from __future__ import annotations

import os

from pelican.generators import Generator

from ..feeds import absolute_links, entry_id, rfc3339, tag_authority
from ..languages import languages
from ..structured_data import absolute_url, plain_text, updated
from ..incremental import output_tree
from .common import json_bytes, words_for, write_output

NINJS_VERSION = "3.2"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.2.json#"
FILE_NAME = "release.json"
MEDIA_TYPE = "application/json"


def release_json_name(article) -> str:
    """Where a release's ninjs is written, beside its page."""
    return os.path.dirname(article.save_as) + "/" + FILE_NAME


def pub_status(article) -> tuple[str, dict]:
    """ninjs' pubStatus and the fields that go with it."""
    withdrawn = getattr(article, "withdrawn", None)
    if withdrawn:
        note = getattr(withdrawn, "note", None) or (
            withdrawn.get("note") if isinstance(withdrawn, dict) else None)
        return "canceled", ({"edNote": str(note)} if note else {})
    hold = getattr(article, "hold", None)
    if hold is not None:  # a preview only: the publish build drops these
        extra = {}
        if getattr(hold, "kind", "") == "embargo":
            extra["embargoedUntil"] = rfc3339(article.date)
        return "withheld", extra
    return "usable", {}


def _rendition(siteurl: str, name: str, rendition) -> dict:
    data = {"name": name, "href": absolute_url(siteurl, rendition.url),
            "contentType": rendition.mime, "width": rendition.width,
            "height": rendition.height}
    if rendition.bytes:
        data["sizeInBytes"] = rendition.bytes
    return data


def photo_association(photo, number: int, release_uri: str, *, siteurl: str, words,
                      copyright_notice: str, usage_page: str) -> dict:
    renditions = []
    if photo.download is not None:
        renditions.append(_rendition(siteurl, "highRes", photo.download))
    for fmt, sized in photo.sources.items():
        renditions += [_rendition(siteurl, f"{fmt}-{r.width}", r) for r in sized]
    association = {
        "name": f"photo-{number}",
        "rel": "lead" if number == 1 else "photo",
        "uri": f"{release_uri}#photo-{number}",
        "type": "picture",
        "descriptions": [{"role": "caption", "contentType": "text/plain",
                          "value": photo.caption},
                         {"role": "alt", "contentType": "text/plain", "value": photo.alt}],
    }
    if photo.credit:
        association["by"] = photo.credit
    if copyright_notice:
        association["copyrightNotice"] = copyright_notice
    if words is not None:
        association["copyrightHolder"] = words.organisation_name
        terms = "\n\n".join(words.usage_paragraphs())
        if terms:
            association["usageTerms"] = terms
    association["rightsInfo"] = {"linkedRights": usage_page}
    association["renditions"] = renditions
    return association


def release_ninjs(article, *, siteurl: str, settings) -> dict:
    """The ninjs object of one release, in its language."""
    table = languages(settings)
    language = table[article.lang]
    words = words_for(settings, article.lang)
    organisation = settings.get("ORGANISATION")
    authority = tag_authority(organisation.url if organisation else "", siteurl)
    uri = entry_id(article, authority)
    page_url = absolute_url(siteurl, article.url)
    status, status_fields = pub_status(article)
    updates = getattr(article, "updates", None) or []
    data = {
        "uri": uri,
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
        "type": "text",
        "version": str(1 + len(updates)),
        "firstCreated": rfc3339(article.date),
        "versionCreated": rfc3339(updated(article)),
        "pubStatus": status,
        **status_fields,
        "language": language.html,
        "headlines": [{"role": "main", "contentType": "text/plain", "value": article.title}],
    }
    subtitle = getattr(article, "subtitle", "")
    if subtitle:
        data["headlines"].append({"role": "sub", "contentType": "text/plain",
                                  "value": subtitle})
    data["descriptions"] = [{"role": "summary", "contentType": "text/plain",
                             "value": plain_text(article.summary)}]
    data["bodies"] = [{"role": "main", "contentType": "text/html",
                       "value": absolute_links(article.content, page_url)}]
    category = article.category
    subjects = [{"name": words.category(category.name) if words else category.name,
                 "rel": "category", "literal": category.name,
                 "uri": absolute_url(siteurl, category.url)}]
    for tag in getattr(article, "tags", None) or []:
        subjects.append({"name": str(tag), "rel": "tag", "uri": absolute_url(siteurl, tag.url)})
    data["subjects"] = subjects
    if organisation is not None:
        name = words.organisation_name if words else organisation.name
        data["by"] = name
        data["copyrightHolder"] = name
        org = {"name": name, "rel": "publisher"}
        if organisation.url:
            org["uri"] = organisation.url
        data["organisations"] = [org]
    if settings.get("COPYRIGHT"):
        data["copyrightNotice"] = settings["COPYRIGHT"]
    dateline = getattr(article, "dateline", "")
    if dateline:
        data["located"] = dateline
    data["renditions"] = [{"name": "html", "href": page_url, "contentType": "text/html"}]
    usage_page = absolute_url(siteurl, language.url_prefix + settings["PHOTO_USE_URL"])
    photos = [p for p in getattr(article, "photos", None) or [] if p.renditions]
    if photos:
        data["associations"] = [
            photo_association(photo, number, uri, siteurl=siteurl, words=words,
                              copyright_notice=settings.get("COPYRIGHT", ""),
                              usage_page=usage_page)
            for number, photo in enumerate(photos, start=1)]
    return data


def encode(data: dict) -> bytes:
    return json_bytes(data)


def _releases(context):
    """Every release with a page, each once: the default language's with their
    translations, and the releases written in another language only."""
    seen = set()
    for article in [*context.get("articles", ()), *context.get("drafts", ()),
                    *context.get("hidden_articles", ())]:
        for version in (article, *article.translations):
            if id(version) not in seen:
                seen.add(id(version))
                yield version
    for article in context.get("PRESS_ROOM_TRANSLATIONS", ()):
        if id(article) not in seen:
            seen.add(id(article))
            yield article


class NinjsGenerator(Generator):
    """Gives every release its `ninjs_url` before pages render (the head links
    it), and writes each `release.json` after the pages."""

    def generate_context(self):
        self.releases = [a for a in _releases(self.context) if a.save_as]
        for article in self.releases:
            article.ninjs_url = release_json_name(article)

    def generate_output(self, writer):
        if self.context.get("ORGANISATION") is None:
            return  # the site data failed to load: reported, the build stops
        siteurl = self.settings.get("SITEURL", "")
        settings = {**self.settings, "ORGANISATION": self.context["ORGANISATION"]}
        # A release.json made from the same release (its own fields, the
        # releases it names) with the same code and settings is the same file:
        # kept as it is (8,000 of them at 5,000 releases).
        records = getattr(writer, "records", None)
        for article in self.releases:
            name = article.ninjs_url
            digest = (records.output_digest("ninjs", article, siteurl,
                                            self.context["ORGANISATION"])
                      if records is not None else None)
            if records is not None and records.unchanged(name, digest):
                output_tree.declare([name])
                continue
            write_output(self.output_path, name,
                         encode(release_ninjs(article, siteurl=siteurl, settings=settings)))
            if records is not None:
                records.written(name, digest)
