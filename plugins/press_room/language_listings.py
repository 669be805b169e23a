"""Every listing page again for each non-default language, in its URL space.

Pelican writes one home, archive, year, category and tag page set, from its
"originals" — here the default language's releases only. This generator
writes the same pages under `/<lang>/` from that language's published
releases, with the same templates; a release without a translation is simply
absent from that language's listings.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from pelican.generators import Generator

from .language_switch import listing_coverage
from .languages import default_code, languages

# Listing templates that exist once per language, and their URL settings
# (each language's 404.html is there for hosts that can serve one per prefix).
DIRECT = ("index", "archives", "tags", "search", "404", "photo_use", "verify")


class LanguageListingsGenerator(Generator):
    def generate_context(self):
        self.by_language = defaultdict(list)
        table = languages(self.settings)
        self.prefixes = {code: language.url_prefix for code, language in table.items()}
        # Published releases not in the default language (see translations.expose).
        for article in self.context.get("PRESS_ROOM_TRANSLATIONS", ()):
            if self.prefixes.get(article.lang):
                self.by_language[article.lang].append(article)
        for releases in self.by_language.values():
            releases.sort(key=lambda a: a.date, reverse=True)
        everyone = {**self.by_language,
                    default_code(self.settings): list(self.context.get("articles", ()))}
        # Shared context: the language switch of every page reads it.
        self.context["PRESS_ROOM_LISTING_COVERAGE"] = listing_coverage(everyone)

    def generate_output(self, writer):
        for code, prefix in self.prefixes.items():
            if prefix:
                self._write_language(writer, code, prefix, self.by_language.get(code, []))

    def _write_language(self, writer, code, prefix, releases):
        categories, tags = defaultdict(list), defaultdict(list)
        for release in releases:
            categories[release.category].append(release)
            for tag in getattr(release, "tags", []) or []:
                tags[tag].append(release)
        context = {**self.context, "page_lang": code, "articles": releases, "dates": releases,
                   "categories": sorted(categories.items()), "tags": sorted(tags.items())}

        def write(save_as, template, url, articles, **kwargs):
            writer.write_file(prefix + save_as, self.get_template(template), context,
                              paginated={"articles": articles, "dates": articles},
                              template_name=template, url=prefix + url, page_lang=code,
                              **kwargs)

        for name in DIRECT:
            write(self.settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html"), name,
                  self.settings.get(f"{name.upper()}_URL", ""), releases)
        years = defaultdict(list)
        for release in releases:
            years[release.date.year].append(release)
        for year, in_year in years.items():
            moment = datetime(year, 1, 1)
            write(self.settings["YEAR_ARCHIVE_SAVE_AS"].format(date=moment), "period_archives",
                  self.settings["YEAR_ARCHIVE_URL"].format(date=moment), in_year,
                  period=(year,), period_num=(year,))
        for category, in_category in categories.items():
            writer.write_file(category.save_as, self.get_template("category"), context,
                              paginated={"articles": in_category, "dates": in_category},
                              template_name="category", url=category.url, page_lang=code,
                              category=category)
        for tag, with_tag in tags.items():
            writer.write_file(tag.save_as, self.get_template("tag"), context,
                              paginated={"articles": with_tag, "dates": with_tag},
                              template_name="tag", url=tag.url, page_lang=code, tag=tag)
