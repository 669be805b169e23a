"""One release, one address: refuse two files that claim the same page.

A release's page is `releases/{year}/{slug}/` (`{lang}/releases/…` for a
translation; pelicanconf.py), and a release is the files of one folder
(ARTICLE_TRANSLATION_ID is the folder, `bundle`). So two releases of
different years may share a slug, but two files claim one page when

- they have the same language, slug and year: `2021/x/` and `2022/x/` both
  dated 2021, or `2021/a/` with `slug: b` beside `2021/b/`, or two
  `index.zh-hant.md` whose releases' slugs and years meet;
- they are two texts of one language in one folder (`index.md` and
  `index.en.md`).

Pelican itself says nothing useful: for the first it writes one page, then
crashes with FileOverwriteFailedError and a traceback when it writes the
other (leaving a half-written output/); for the second it logs a warning
about two originals and then crashes the same way.

`check_unique_urls` runs at `article_generator_finalized`, before anything is
written, and reports each file involved, naming the others; the build then
stops on the problem list (build_checks, at `all_generators_finalized`).
Statuses do not matter: a draft is published one day, at the page it claims.
"""

from __future__ import annotations

import os
from collections import defaultdict

from pelican.contents import Content

from . import build_checks
from .frontmatter import quoted
from .problems import Problem, display_path

# Every list of releases Pelican's ArticlesGenerator keeps.
_LISTS = ("articles", "translations", "drafts", "drafts_translations",
          "hidden_articles", "hidden_translations")
# A file with a problem in one of these fields has a placeholder (or the
# writer's mistake) for its slug, language or date: any clash would follow
# from that problem, which is reported already.
_IDENTITY_FIELDS = {"file", "front matter", "file name", "folder name", "slug", "lang", "date"}
FIX = "give one release another folder name or slug"


def _releases(generator):
    """Every release read, in every language and status, once each — also the
    ones a publish build's embargo has dropped (they will be published)."""
    seen = set()
    candidates = [*(a for name in _LISTS for a in getattr(generator, name, None) or []),
                  *generator.settings.get("PRESS_ROOM_WITHHELD", ())]
    for article in candidates:
        for item in (article, *getattr(article, "translations", [])):
            if id(item) not in seen:
                seen.add(id(item))
                yield item


def _identity_known(article) -> bool:
    fields = {p.field for p in article.metadata.get(build_checks.PROBLEMS_KEY, ())}
    return not fields & _IDENTITY_FIELDS


def published_path(article) -> str:
    """Where the release's page is written once published, whatever its
    status now (a draft's own page is under drafts/)."""
    key = "save_as" if article.in_default_lang else "lang_save_as"
    try:
        path = Content._expand_settings(article, key, "article")
    except (KeyError, AttributeError, ValueError, IndexError):
        return ""  # a URL pattern this release cannot fill: nothing to compare
    return os.path.normpath(path) if path else ""


def _text_of(article) -> tuple[str, str]:
    """(folder, language): which text of which release the file is."""
    return os.path.dirname(os.path.abspath(article.source_path)), article.lang


def _listed(files: list[str]) -> str:
    return files[0] if len(files) == 1 else ", ".join(files[:-1]) + " and " + files[-1]


def _report_each(group, message_for):
    if len(group) < 2:
        return  # one file alone claims nothing twice
    files = sorted({display_path(a.source_path): a for a in group}.items())
    if len(files) < 2:
        return
    for file, article in files:
        others = [other for other, _ in files if other != file]
        build_checks.report(Problem(file, *message_for(article, _listed(others))))


def check_unique_urls(generator):
    """Pelican's article_generator_finalized: one Problem per file that
    claims the same page as another file."""
    releases = [a for a in _releases(generator) if _identity_known(a)]

    by_page = defaultdict(list)
    for article in releases:
        path = published_path(article)
        if path:
            by_page[path].append(article)
    for path, group in by_page.items():
        if len({_text_of(a) for a in group}) == 1:
            continue  # one folder, one language: reported below, in its own words
        same = len({(a.slug, a.lang) for a in group}) == 1

        def message(article, others, path=path, same=same):
            if same:
                return ("slug", f"{quoted(article.slug)} is also used by {others} (same "
                        f"language, {article.lang}; both would be {path}) — {FIX}")
            return ("slug", f"would be written to {path}, as would {others} — {FIX}")

        _report_each(group, message)

    by_text = defaultdict(list)
    for article in releases:
        by_text[_text_of(article)].append(article)
    for (_, lang), group in by_text.items():
        _report_each(group, lambda article, others, lang=lang: (
            "file name", f"is the {lang} text of this release, and so is {others} — keep one "
            "file per language"))
