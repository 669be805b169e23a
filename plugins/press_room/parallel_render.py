"""Page rendering spread over the machine's cores.

Rendering Jinja templates is the largest single cost of a big build (about 40%
of a 5,000-release one) and Pelican does it page by page in one process. This
writer lets Pelican decide everything it normally decides while writing —
file names, pagination, the per-page context, which of two writes of one file
wins, the `content_written` signal the sitemap listens to — but renders no
template there: each page is queued instead. `flush()` then renders the queue
in forked worker processes (they inherit the finished site in memory, nothing
is pickled) and in this one, interleaved so the shares are even.

Rendering is a pure function of the page's context, so the output is the same
byte for byte whatever the number of workers (a build test holds it to that).
Anything that reads written pages (the sitemap, the search index, the leak
audit) runs after `flush()`.

One hook, for the live preview only: `page_observer`, None in every other
build, is handed the whole queue (every page of the build, rendered or kept)
at `flush()`, before anything is rendered; the preview's quick render
(preview/quick_render.py) keeps the release pages of the last build that
worked to render one edited release again before the next full build.
"""

from __future__ import annotations

import logging
import os
import time
import traceback
from typing import Callable

from pelican.writers import Writer

from .incremental import output_tree
from .incremental.listing_views import ListingViews
from .incremental.page_records import PageRecords

logger = logging.getLogger(__name__)

# Forking costs a few milliseconds and a copy of touched memory: below this
# many pages per worker it is cheaper to render here.
MIN_PAGES_PER_WORKER = 16

_MISSING = object()
_active_writers: list["ParallelWriter"] = []

# Called with every queued page of a build at flush(); see the module docstring.
page_observer: Callable[[list["_Page"]], None] | None = None


class RenderError(RuntimeError):
    """A page's template failed; the message names the output file."""


def worker_count(settings) -> int:
    configured = settings.get("PRESS_ROOM_RENDER_WORKERS")
    if configured:
        return max(1, int(configured))
    try:
        return len(os.sched_getaffinity(0))  # the cores this build may use
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _Page:
    """One queued page: what its template needs, kept small.

    The per-page context is Pelican's site context plus a few page keys; only
    those differences are stored (a full copy per page is ~10 KB × 14,000)."""

    __slots__ = ("template", "base", "own", "path", "digest")

    def __init__(self, template, base: dict, localcontext: dict):
        self.template = template
        self.base = base
        self.own = {key: value for key, value in localcontext.items()
                    if base.get(key, _MISSING) is not value}
        self.path: str | None = None  # set once Pelican has chosen the file
        self.digest: str | None = None  # its record (incremental.page_records)

    def render(self) -> str:
        context = dict(self.base)
        context.update(self.own)
        return self.template.render(context)


class _QueueingTemplate:
    """Stands in for a template while Pelican writes: records the page and
    renders nothing."""

    def __init__(self, writer: "ParallelWriter", template, base: dict):
        self._writer, self._template, self._base = writer, template, base

    def render(self, localcontext) -> str:
        # What the templates get of a listing: its views (listing_views.py).
        context = self._writer.views.page_context(localcontext)
        self._writer._queue.append(_Page(self._template, self._base, context))
        return ""


def _render_share(pages: list[_Page]) -> None:
    for page in pages:
        try:
            output = page.render()
        except Exception as error:
            raise RenderError(f"{page.path}: {type(error).__name__}: {error}") from error
        with open(page.path, "w", encoding="utf-8") as handle:
            handle.write(output)


class ParallelWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.workers = worker_count(self.settings)
        self._queue: list[_Page] = []
        self._opened: list[str] | None = None  # files opened by the current write_file
        self.records = PageRecords(self.settings, self.output_path)
        self.views = ListingViews()
        self._claimed: set[str] = set()
        self._overriding: set[str] = set()
        # One build, one writer: a failed earlier build in this process must
        # not leave its queue to be flushed into this build's output.
        _active_writers[:] = [self]

    def write_file(self, name, template, context, *args, **kwargs):
        queued_before = len(self._queue)
        self._opened = []
        try:
            super().write_file(name, _QueueingTemplate(self, template, context), context,
                               *args, **kwargs)
            # Pelican queues a page, then opens (and so reserves) its file.
            new_pages = self._queue[queued_before:]
            for page, path in zip(new_pages, self._opened):
                page.path = path
        finally:
            self._opened = None
        # A page Pelican decided not to write (an overridden file) is dropped.
        self._queue[queued_before:] = [page for page in new_pages
                                       if page.path not in (None, os.devnull)]

    def _open_w(self, filename, encoding, override=False):
        """Where Pelican would open the page's file: claim the name, open
        nothing (a page kept from the last build must not be truncated)."""
        path = self._claim(filename, override)
        if self._opened is not None:
            self._opened.append(path)
        return open(os.devnull, "w", encoding=encoding)

    def _claim(self, filename, override: bool) -> str:
        """One write per file, unless one (only one) overrides the others:
        then that one wins and later plain writes are dropped."""
        if filename in self._overriding:
            if override:
                raise RenderError(f"{filename}: written with override twice")
            return os.devnull
        if filename in self._claimed and not override:
            raise RenderError(f"{filename}: written twice (two pages on one path)")
        if override:
            self._overriding.add(filename)
        self._claimed.add(filename)
        return filename

    def flush(self) -> None:
        """Render every queued page whose record changed; raise if any could
        not be rendered."""
        queued, self._queue = self._queue, []
        # An overriding write replaces an earlier page on the same path.
        queued = list({page.path: page for page in queued}.values())
        if page_observer is not None:
            page_observer(queued)
        if not queued:
            if self.records.dirty:  # files made by code recorded since (release.json)
                self.records.save()
            return
        started, cpu = time.monotonic(), time.process_time()
        pages = self._changed(queued)
        decided, decided_cpu = time.monotonic() - started, time.process_time() - cpu
        try:
            self._render(pages)
        except BaseException:
            # Which pages were written is unknown: none is kept next time.
            for page in pages:
                self.records.written(self._relative(page.path), None)
            raise
        else:
            for page in pages:
                self.records.written(self._relative(page.path), page.digest)
        finally:
            self.records.save()
        logger.info("Pages: %d rendered, %d unchanged since the last build (kept); "
                    "records compared in %.1f s (%.1f CPU s), rendering took %.1f s",
                    len(pages), len(queued) - len(pages), decided, decided_cpu,
                    time.monotonic() - started - decided)

    def _relative(self, path: str) -> str:
        prefix = os.path.join(self.output_path, "")
        if path.startswith(prefix):  # Pelican joins the output folder and the name
            return path[len(prefix):].replace(os.sep, "/")
        return os.path.relpath(path, self.output_path).replace(os.sep, "/")

    def _changed(self, queued: list[_Page]) -> list[_Page]:
        """The pages to render: every page is produced by this build, but one
        whose record and file are unchanged is kept as it is."""
        changed = []
        for page in queued:
            relative = self._relative(page.path)
            output_tree.declare([relative])
            page.digest = self.records.page_digest(page.template, page.base, page.own)
            if not self.records.unchanged(relative, page.digest):
                changed.append(page)
        return changed

    def _render(self, pages: list[_Page]) -> None:
        workers = max(1, min(self.workers, len(pages) // MIN_PAGES_PER_WORKER))
        if workers == 1:
            _render_share(pages)
            return
        shares = [pages[index::workers] for index in range(workers)]
        children = [_fork_renderer(share) for share in shares[1:]]
        messages = []
        try:
            _render_share(shares[0])
        except RenderError as error:  # still collect the workers before reporting
            messages.append(str(error))
        finally:
            messages += [message for message in (_wait(child) for child in children) if message]
        if messages:
            raise RenderError("pages could not be rendered:\n" + "\n".join(messages))
        logger.debug("Rendered %d pages in %d processes", len(pages), workers)


def _fork_renderer(share: list[_Page]) -> tuple[int, int]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: render, report, and leave without running the parent's exit code
        os.close(read_end)
        status = 0
        try:
            _render_share(share)
        except RenderError as error:  # the page and the template's complaint say it all
            os.write(write_end, str(error).encode("utf-8", "replace"))
            status = 1
        except BaseException:
            os.write(write_end, traceback.format_exc().encode("utf-8", "replace"))
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _wait(child: tuple[int, int]) -> str:
    pid, read_end = child
    with os.fdopen(read_end, "rb") as pipe:
        message = pipe.read().decode("utf-8", "replace")
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 and not message:
        message = f"render worker {pid} ended with status {os.waitstatus_to_exitcode(status)}"
    return message


def writer_class(pelican):
    """Pelican's get_writer signal."""
    return ParallelWriter


def flush_all(pelican=None) -> None:
    """Pelican's `finalized` (first receiver): nothing stays unrendered."""
    while _active_writers:
        _active_writers.pop().flush()
