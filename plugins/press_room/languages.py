"""The site's languages: codes, how each is written in HTML, dates and URLs.

A release's language is the code in its file name (`index.zh-hant.md`); the
first configured language is the default and owns the root URL space, every
other one lives under `/<code>/`.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import pass_context


@dataclass(frozen=True)
class Language:
    code: str  # as in file names and URLs: "zh-hant"
    html: str  # BCP 47 for <html lang> and hreflang: "zh-Hant-HK"
    label: str  # in its own script, for the language switch: "繁體中文"
    babel: str  # Babel/CLDR locale for dates and catalogs: "zh_Hant_HK"
    og_locale: str  # Open Graph's locale: "zh_HK"
    url_prefix: str  # "" for the default language, else "zh-hant/"


def languages(settings) -> dict[str, Language]:
    """Configured languages in order, the default first."""
    info = settings["PRESS_ROOM_LANGUAGE_INFO"]
    codes = list(settings["PRESS_ROOM_LANGUAGES"])
    return {
        code: Language(code=code, url_prefix="" if index == 0 else f"{code}/", **info[code])
        for index, code in enumerate(codes)
    }


def default_code(settings) -> str:
    return settings["PRESS_ROOM_LANGUAGES"][0]


def resolve(context, table: dict[str, Language]) -> Language:
    """The language of the page being rendered: its `page_lang` (set on
    per-language listings), else its release's language, else the default."""
    code = context.get("page_lang") or getattr(context.get("article"), "lang", None)
    return table.get(code) or next(iter(table.values()))


@pass_context
def page_language(context) -> Language:
    """Templates: `page_language()` is the current page's Language."""
    return resolve(context, context["PRESS_ROOM_LANGUAGE_TABLE"])


def register(pelican):
    """Pelican's initialized: the language table for templates and plugins."""
    settings = pelican.settings
    settings["PRESS_ROOM_LANGUAGE_TABLE"] = languages(settings)
    template_globals = dict(settings.get("JINJA_GLOBALS") or {})
    template_globals["page_language"] = page_language
    settings["JINJA_GLOBALS"] = template_globals
