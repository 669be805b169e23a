"""A release as plain text, for the press kit: what a journalist pastes."""

from __future__ import annotations

import gettext
import textwrap
from html.parser import HTMLParser

from babel.dates import format_date

from . import dates

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "div"}


class _TextExtractor(HTMLParser):
    """Block elements become paragraphs, list items get a dash; links keep their URL."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._href: list[str | None] = []

    def _flush(self):
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self._flush()
            if tag == "li":
                self._current.append("- ")
        elif tag == "br":
            self._current.append(" ")
        elif tag == "a":
            self._href.append(dict(attrs).get("href"))

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self._flush()
        elif tag == "a" and self._href:
            href = self._href.pop()
            if href and href.startswith(("http://", "https://", "mailto:")):
                self._current.append(f" ({href})")

    def handle_data(self, data):
        self._current.append(data)

    def close(self):
        super().close()
        self._flush()


def html_to_paragraphs(html: str) -> list[str]:
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return extractor.blocks


def wrap(paragraphs) -> str:
    return "\n\n".join(textwrap.fill(p, width=78, break_long_words=False,
                                     break_on_hyphens=False) for p in paragraphs)


def release_as_text(article, boilerplate, site_timezone: str, locale: str = "en_GB",
                    translations: gettext.NullTranslations | None = None) -> str:
    """Headline, deck, dateline, body, contacts and boilerplate as plain text;
    fixed words in the language of `translations` (English without)."""
    words = translations or gettext.NullTranslations()
    parts = [article.title]
    if getattr(article, "subtitle", ""):
        parts.append(article.subtitle)
    when = format_date(dates.in_site_time(article.date, site_timezone), "long", locale=locale)
    # Chinese puts no space between the dateline and the text, nor anywhere else.
    comma, opening, closing, space = (("，", "（", "）", "") if locale.startswith("zh")
                                      else (", ", "(", ")", " "))
    place = getattr(article, "dateline", "")
    dateline = f"{opening}{place}{comma}{when}{closing}" if place else f"{opening}{when}{closing}"
    body = html_to_paragraphs(article.content)
    if body:
        body[0] = f"{dateline}{space}{body[0]}"
    else:
        body = [dateline]
    parts += body
    contacts = getattr(article, "contacts", []) or []
    if contacts:
        parts.append(words.gettext("Media enquiries"))
        for contact in contacts:
            details = [contact.name, contact.role, contact.phone, contact.email]
            parts.append("; ".join(d for d in details if d))
    if boilerplate is not None:
        parts.append(boilerplate.title)
        parts += html_to_paragraphs(boilerplate.html)
    return wrap(parts) + "\n"
