"""Metadata for search engines and social cards, built in Python.

A release page carries a schema.org NewsArticle as JSON-LD. It is built as a
dict and serialised with `json`, never assembled in a template: a headline
such as `AT&T <b>bold</b> "quoted"` is data, and only a serialiser escapes
it right. `<`, `>` and `&` are written as \\u003c, \\u003e and \\u0026, so no
text in it can close the <script> element (`</script>`) or open a comment.

The same helpers serve the feeds and the sitemap: what a release's "updated"
time is, its plain-text summary, absolute URLs.
"""

from __future__ import annotations

import html
import json
import re

from jinja2 import pass_context
from markupsafe import Markup

from . import dates
from .site_data import site_text
from .template_helpers import clean_url

_TAG = re.compile(r"<[^>]*>")
_SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                "\u2028": "\\u2028", "\u2029": "\\u2029"}


def updated(article):
    """The release's last change: its latest update, else its publication."""
    updates = getattr(article, "updates", None) or []
    return updates[-1].date if updates else article.date


def plain_text(markup: str) -> str:
    """Text of an HTML fragment (a summary is stored HTML-escaped)."""
    return " ".join(html.unescape(_TAG.sub(" ", markup or "")).split())


def is_absolute(siteurl: str) -> bool:
    return str(siteurl or "").startswith(("http://", "https://"))


def absolute_url(siteurl: str, url: str) -> str:
    """`releases/2021/x/index.html` -> `{SITEURL}/releases/2021/x/`. Root-relative
    while SITEURL is "" (the preview)."""
    return f"{siteurl or ''}/{clean_url(url or '')}"


def bcp47(lang: str, language_table) -> str:
    """`zh-hant` -> `zh-Hant-HK`: how the site writes a language for machines
    (PRESS_ROOM_LANGUAGE_INFO, the same as <html lang>)."""
    language = (language_table or {}).get(lang)
    return language.html if language is not None else lang


def lead_photo(article):
    photos = getattr(article, "photos", None) or []
    return photos[0] if photos else None


def script_safe_json(data) -> Markup:
    """JSON for inside <script>: nothing in it can end the element."""
    text = json.dumps(data, ensure_ascii=False)
    for character, escape in _SCRIPT_SAFE.items():
        text = text.replace(character, escape)
    return Markup(text)


def organisation(organisation_data, name: str) -> dict:
    org = {"@type": "Organization", "name": name or organisation_data.name}
    if organisation_data.url:
        org["url"] = organisation_data.url
    return org


def news_article(article, siteurl: str, organisation_data, crop_keys,
                 language_table=None, words=None) -> dict:
    """The schema.org NewsArticle of a release page. `words`: the site data
    in the release's language (site_data.SiteText), for names and labels."""
    organisation_name = words.organisation_name if words else organisation_data.name
    category = words.category(article.category.name) if words else str(article.category)
    url = absolute_url(siteurl, article.url)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": plain_text(article.summary),
        "datePublished": dates.iso(article.date),
        "dateModified": dates.iso(updated(article)),
        "inLanguage": bcp47(article.lang, language_table),
        "url": url,
        "mainEntityOfPage": url,
    }
    lead = lead_photo(article)
    if lead is not None and lead.crops:
        keys = [key for key in crop_keys if key in lead.crops] or list(lead.crops)
        data["image"] = [absolute_url(siteurl, lead.crops[key].url) for key in keys]
    data["articleSection"] = category
    tags = [str(tag) for tag in getattr(article, "tags", None) or []]
    if tags:
        data["keywords"] = tags
    data["author"] = organisation(organisation_data, organisation_name)
    publisher = organisation(organisation_data, organisation_name)
    if organisation_data.logo:
        publisher["logo"] = {"@type": "ImageObject",
                             "url": absolute_url(siteurl, organisation_data.logo)}
    data["publisher"] = publisher
    return data


@pass_context
def json_ld(context, article) -> Markup:
    """`{{ article|json_ld }}`: the release's NewsArticle, ready for
    <script type="application/ld+json">."""
    ratios = context.get("PRESS_ROOM_CROP_RATIOS") or ()
    crop_keys = [f"{width}x{height}" for width, height in ratios]
    data = news_article(article, context.get("SITEURL", ""), context["ORGANISATION"], crop_keys,
                        context.get("PRESS_ROOM_LANGUAGE_TABLE"), site_text(context))
    return script_safe_json(data)


def register(pelican):
    """Pelican's `initialized`: the theme's metadata filters."""
    settings = pelican.settings
    filters = dict(settings.get("JINJA_FILTERS") or {})
    filters.update(json_ld=json_ld, release_updated=updated)
    settings["JINJA_FILTERS"] = filters
