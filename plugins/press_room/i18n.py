"""The theme's fixed strings in every language: gettext catalogs via Babel.

Strings are marked in templates with `_()` / `{% trans %}` and kept in
`theme/translations/<locale>/LC_MESSAGES/messages.po`, managed with
`make translations` (pybabel extract + update). The build reads the `.po`
files directly — compiled in memory, so a stale `.mo` can never ship — and
each page is translated into its own language: the gettext functions look up
the page's language in the template context.
"""

from __future__ import annotations

import gettext
import io
import os

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import pass_context

from .languages import languages, resolve

CATALOG_DOMAIN = "messages"


def load_catalogs(directory: str, locales) -> dict[str, gettext.NullTranslations]:
    """Translations per Babel locale; a language without a catalog shows the
    source strings (English), which is what the default language needs."""
    catalogs = {}
    for locale in locales:
        # zh_Hant_HK reads zh_Hant's catalog unless a region-specific one exists.
        candidates = [os.path.join(directory, name, "LC_MESSAGES", f"{CATALOG_DOMAIN}.po")
                      for name in (locale, locale.rsplit("_", 1)[0])]
        path = next((c for c in candidates if os.path.exists(c)), None)
        if path is None:
            catalogs[locale] = gettext.NullTranslations()
            continue
        with open(path, "rb") as handle:
            catalog = read_po(handle, locale=locale)
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        compiled.seek(0)
        catalogs[locale] = gettext.GNUTranslations(compiled)
    return catalogs


class PageTranslations:
    """gettext callables that translate into the rendered page's language."""

    def __init__(self, catalogs, table):
        self.catalogs = catalogs
        self.table = table

    def _catalog(self, context):
        return self.catalogs[resolve(context, self.table).babel]

    def callables(self):
        @pass_context
        def _gettext(context, message):
            return self._catalog(context).gettext(message)

        @pass_context
        def _ngettext(context, singular, plural, number):
            return self._catalog(context).ngettext(singular, plural, number)

        return _gettext, _ngettext


def install(generator):
    """Pelican's generator_init: give the generator's Jinja environment our
    gettext (the i18n extension is enabled in JINJA_ENVIRONMENT)."""
    env = getattr(generator, "env", None)
    if env is None or "jinja2.ext.InternationalizationExtension" not in env.extensions:
        return
    settings = generator.settings
    table = languages(settings)
    directory = os.path.join(generator.theme, "translations")
    catalogs = load_catalogs(directory, [lang.babel for lang in table.values()])
    gettext_function, ngettext_function = PageTranslations(catalogs, table).callables()
    env.install_gettext_callables(gettext_function, ngettext_function, newstyle=True)
