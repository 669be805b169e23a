"""The quick render: an edited release's own page, before the full build.

A full build reads every release (from a cache), builds every context and
compares every page's record before its first page renders: seconds to
minutes on a large site. When a batch of changes is only edits of release
text that leave the release where it was, its page can be rendered at once
from the last build that worked — same template, same site context, the one
release's edited fields put in a copy of it — and shown as provisional while
the full build runs. The full build follows every quick render, and renders
that page again (its file is not the one its record names), so its output is
still exactly a clean build's; a failed full build puts the files back.

What is kept: the parallel writer hands every queued page to `observe()`
(`parallel_render.page_observer`); when the build ends well, the pages of
releases are kept, by source file. A quick render takes them (nothing of the
last build stays in memory while the next one runs).

When the quick path is taken, and only then (anything else: the full build
alone):
- every changed path is an `index*.md` that the last build read and that
  still exists, and the last build worked;
- each file parses without a problem (the same parse as the build's reader,
  answered from the same cache), into the metadata the reader would give it;
- only the fields in EDITABLE differ from what the last build read (title,
  deck, dateline, summary, boilerplate, body); all the rest — slug, date,
  language, status, category, tags, photos, attachments, contacts, updates,
  withdrawal, bundle — compare equal, so the page's file name, its embargo
  state, its translations and its neighbours stay what they were. Tags stay
  out: a new tag links to a page only the full build writes.

It relies on these Pelican behaviours (tests/unit/test_preview_quick_internals.py
fails if one changes):
- a content object keeps its metadata in `metadata` and each key as an
  attribute; its body is `_content`; `summary` is `metadata["summary"]` when
  the reader gave one (this reader always does); `copy.copy` of one is an
  independent object (attributes rebound on the copy leave the original);
- `content` and `summary` go through `pelican.utils.memoized` caches keyed by
  the object (the copy has its own entries, emptied after the render);
- `Readers.read_file` adds one key of its own to the reader's metadata,
  `reader` (and the DEFAULT_METADATA / path metadata this site does not use):
  any other key that differs counts as a move (tests/build/test_quick_render.py
  finds no quick render, and fails, if Pelican added one).
From the plugin it takes the parallel writer's queued pages (`template`,
`base`, `own`, `path`, `render()`): a page is rendered again from a copy whose
`own["article"]` is the edited release; and the release reader's metadata
mapping (`ReleaseReader._metadata`), so that the edited fields are exactly
what the full build's reader will make of the file.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import time
from dataclasses import dataclass
from urllib.parse import quote

from .. import parallel_render
from ..incremental import release_cache
from ..models import Attachment, Photo
from ..problems import display_path
from ..reader import ReleaseReader
from . import pelican_build
from .gate import Response
from .server import content_type

# Metadata the reader gives that a quick render may change: what only the
# release's own page shows (its neighbours, listings and feeds follow with the
# full build).
EDITABLE = frozenset({"title", "subtitle", "dateline", "summary", "about"})

# Metadata Pelican adds to the reader's (Readers.read_file).
_PELICAN_KEYS = frozenset({"reader"})

# Filled in by the build (the photo pipeline, the attachments' URLs), not by
# the front matter: left out when comparing what a file says.
_BUILD_FILLED = {Photo: {"renditions", "sources", "download", "crops"}, Attachment: {"url"}}


def _as_written(value):
    """A value as the front matter gives it (dataclasses without build fields)."""
    if isinstance(value, (list, tuple)):
        return [_as_written(item) for item in value]
    filled = _BUILD_FILLED.get(type(value))
    if filled is not None:
        return (type(value), tuple((f.name, getattr(value, f.name))
                                   for f in dataclasses.fields(value) if f.name not in filled))
    return value


@dataclass
class _Release:
    """One release of the kept build and the pages made from it."""

    article: object
    pages: list


@dataclass
class Written:
    """A file the quick render replaced: what to put back if the full build fails."""

    path: str
    before: bytes | None
    state: tuple


def _file_state(path: str):
    status = os.stat(path)
    return status.st_ino, status.st_size, status.st_mtime_ns


class QuickRender:
    def __init__(self, output: str, out=None):
        self._output = os.path.realpath(output)
        self._pending: list = []
        self._kept: dict[str, list[_Release]] | None = None
        self._written: list[Written] = []
        self._out = out

    # --- fed by the builds ----------------------------------------------------

    def install(self) -> None:
        parallel_render.page_observer = self.observe

    def build_started(self) -> None:
        # The build replaces what was kept: the last one is not held meanwhile.
        self._pending, self._kept = [], None

    def observe(self, pages: list) -> None:
        """The writer's queue at flush (every page of the build)."""
        self._pending.extend(pages)

    def build_ended(self, ok: bool) -> None:
        """Keep the release pages of a build that worked; after a failed build,
        put back what a quick render wrote before it."""
        pending, self._pending = self._pending, []
        if ok:
            self._kept = _by_source(pending)
        else:
            self._kept = None
            self._restore()
        self._written = []

    # --- the quick render -----------------------------------------------------

    def render(self, changed: list[str]) -> dict[str, Response] | None:
        """Render the edited releases' pages into the output folder; the
        responses for their URLs, or None when the full build alone must show
        the change (the reason is printed)."""
        kept, self._kept = self._kept, None  # the next build replaces it anyway
        if kept is None:
            return None
        started = time.perf_counter()
        plan, reason = _plan(changed, kept)
        if plan is None:
            self._say(f"no quick render: {reason}")
            return None
        try:
            rendered = [(page.path, _render(page, edited)) for page, edited in plan]
        except Exception as error:  # the full build reports what is wrong
            self._say(f"no quick render: {type(error).__name__}: {error}")
            return None
        finally:
            pelican_build.forget_built_content()
        responses = {}
        for path, text in rendered:
            data = text.encode("utf-8")
            self._write(path, data)
            for url in self._urls(path):
                responses[url] = Response(200, content_type(path), data)
        seconds = time.perf_counter() - started
        self._say(f"quick render of {len(rendered)} page{'s' if len(rendered) != 1 else ''} "
                  f"in {seconds:.2f} s — the full build follows")
        return responses

    def _urls(self, path: str) -> list[str]:
        """The request paths the server answers with this file."""
        relative = os.path.relpath(os.path.realpath(path), self._output).replace(os.sep, "/")
        url = "/" + quote(relative)
        if relative == "index.html" or relative.endswith("/index.html"):
            return [url, url[: -len("index.html")]]
        return [url]

    def _write(self, path: str, data: bytes) -> None:
        try:
            with open(path, "rb") as handle:
                before = handle.read()
        except OSError:
            before = None
        temporary = f"{path}.{os.getpid()}.quick"
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)  # whole or absent: never a half-written page
        self._written.append(Written(path, before, _file_state(path)))

    def _restore(self) -> None:
        """The failed build did not replace them: the last good build's bytes
        go back (the next build renders them again: their records differ)."""
        for written in self._written:
            try:
                if _file_state(written.path) != written.state or written.before is None:
                    continue
            except OSError:
                continue
            temporary = f"{written.path}.{os.getpid()}.quick"
            with open(temporary, "wb") as handle:
                handle.write(written.before)
            os.replace(temporary, written.path)

    def _say(self, line: str) -> None:
        if self._out is not None:
            print(f"[preview] {line}", file=self._out, flush=True)


def _by_source(pages: list) -> dict[str, list[_Release]]:
    releases: dict[int, _Release] = {}
    for page in pages:
        article = page.own.get("article")
        source = getattr(article, "source_path", None)
        if source is None or page.path is None:
            continue
        releases.setdefault(id(article), _Release(article, [])).pages.append(page)
    kept: dict[str, list[_Release]] = {}
    for release in releases.values():
        kept.setdefault(os.path.realpath(release.article.source_path), []).append(release)
    return kept


def _plan(changed: list[str], kept: dict[str, list[_Release]]):
    """[(page, edited article)], or (None, why not)."""
    # Every path first (cheap): one that is not a kept release's text ends it.
    for path in changed:
        name = os.path.basename(path)
        if not (name.startswith("index") and name.endswith(".md")):
            return None, f"{name} is not a release text"
        if not os.path.isfile(path):
            return None, f"{display_path(path)} is gone"
        if os.path.realpath(path) not in kept:
            return None, f"{display_path(path)} is new to the build"
    plan = []
    for path in changed:
        edited, reason = _edited(path, kept[os.path.realpath(path)])
        if edited is None:
            return None, reason
        plan += [(page, edited[1]) for page in edited[0].pages]
    if not plan:
        return None, "nothing to render"
    return plan, ""


def _edited(path: str, releases: list[_Release]):
    """((the kept release, a copy with the file's new fields), "") or (None, why not)."""
    # A converted Simplified copy shares the source file: the authored one is meant.
    authored = [r for r in releases if not getattr(r.article, "converted_from", None)]
    if len(authored) != 1:
        return None, f"{display_path(path)}: not one release"
    release = authored[0]
    old = release.article
    parsed = release_cache.parse(path, old.settings)
    if parsed.problems:
        return None, f"{display_path(path)} has problems (the build lists them)"
    # The metadata the build's reader makes of it (the same code, not a copy).
    reader = ReleaseReader(old.settings)
    reader._source_path = path
    metadata = reader._metadata(parsed.fields, parsed.content, parsed.problems)
    # Every key but the editable ones and the one Pelican adds itself (the
    # reader's name); a key the file no longer gives (tags removed) counts.
    keys = (set(metadata) | set(old.metadata)) - EDITABLE - _PELICAN_KEYS
    moved = sorted(key for key in keys
                   if _as_written(metadata.get(key)) != _as_written(old.metadata.get(key)))
    if moved:
        return None, f"{display_path(path)}: {', '.join(moved)} changed"
    return (release, edited_copy(old, metadata, parsed.content)), ""


def edited_copy(article, metadata: dict, content: str):
    """A copy of the kept release with the reader's new editable fields and
    body; the kept release (and so the kept site) stays as it was."""
    edited = copy.copy(article)
    edited.metadata = dict(article.metadata)
    for key in EDITABLE:
        if key in metadata:
            edited.metadata[key] = metadata[key]
            setattr(edited, key, metadata[key])
    edited._content = content
    if "summary" in metadata:
        edited._summary = metadata["summary"]
    return edited


def _render(page, edited) -> str:
    quick = copy.copy(page)
    quick.own = {**page.own, "article": edited}
    return quick.render()
