"""Stop the build, after reading everything, if any content problem was found.

Pelican on its own logs a bad file and skips it with exit status 0: a release
would silently go missing. Instead every problem is collected while reading
and the build stops before anything is written, listing all of them at once.
Problems travel inside each release's metadata so that they are reported
again when Pelican takes the release from its content cache.
"""

from __future__ import annotations

import logging
import sys

from .problem_lines import with_lines
from .problems import ContentError, Problem, in_display_order

PROBLEMS_KEY = "press_room_problems"

_problems: list[Problem] = []


class _NoTracebackForContentErrors(logging.Filter):
    """Pelican logs a failed build with its traceback; for a content error
    the listed problems are the whole story and a traceback only frightens."""

    def filter(self, record):
        if record.exc_info and isinstance(record.exc_info[1], ContentError):
            record.exc_info = None
        return True


_quiet_content_errors = _NoTracebackForContentErrors()


def start_build(pelican=None):
    _problems.clear()
    for handler in logging.getLogger().handlers + logging.getLogger("pelican").handlers:
        handler.addFilter(_quiet_content_errors)


def report(problem: Problem):
    if problem not in _problems:
        _problems.append(problem)


def reported() -> list[Problem]:
    """Every problem reported since the build started, in the order found."""
    return list(_problems)


# Every list of content Pelican's article and page generators keep.
_CONTENT_LISTS = ("articles", "translations", "drafts", "drafts_translations",
                  "hidden_articles", "hidden_translations", "pages", "hidden_pages",
                  "draft_pages", "hidden_translations", "draft_translations")


def collect_content_problems(generator):
    """After a generator has read everything, cached or not (content_object_init
    does not fire for content Pelican takes whole from its cache)."""
    for name in _CONTENT_LISTS:
        for article in getattr(generator, name, []):
            for problem in article.metadata.get(PROBLEMS_KEY, ()):
                report(problem)


def found_problems() -> list[Problem]:
    """The problems the current build found, in the order they are listed."""
    return sorted(_problems, key=lambda p: p.file)


def stop_on_problems(generators=None):
    if not _problems:
        return
    # Grouped by file, each file's problems from its top down, each with
    # its line (`file:line: field: message`).
    for problem in in_display_order(with_lines(_problems)):
        print(problem, file=sys.stderr)
    count = len(_problems)
    raise ContentError(
        f"{count} content problem{'s' if count != 1 else ''} (listed above): "
        "nothing was written — fix them and build again"
    )
