"""What the server may show while a build writes into the folder it serves.

A build writes its pages in place (a file is truncated, then written), so a
file read during a build could be half-written, and pages read during it could
mix two builds. The gate keeps requests and builds apart:

- a build starts only once the requests already reading files have finished,
  and from then until it ends no request reads the output folder;
- a request that arrives during a build is answered from the responses
  already served since the last build ended (kept in memory, up to a limit:
  the pages the writer has open and their styles and scripts), otherwise it
  waits for the build to end;
- a quick render (quick_render.py) of an edited release, done at the start
  of a build, is published as a provisional outcome: its pages join the
  responses kept in memory, so they are answered while the full build that
  follows it runs, and the open tabs reload to them;
- every response carries the outcome of the build (or quick render) it was
  read from, so the reload script can tell a stale page.

So every response is a whole file of one finished build, or of a quick
render that a full build follows.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable

# Responses kept to answer requests during a build: the open pages and their
# assets, not the archive.
CACHE_LIMIT_BYTES = 64 * 1024 * 1024
CACHE_FILE_LIMIT_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    location: str | None = None  # for a redirect


@dataclass(frozen=True)
class Outcome:
    """How a finished build ended."""

    build_id: str
    ok: bool
    seconds: float = 0.0
    problems: tuple = ()       # content problems (press_room.problems.Problem)
    error: str | None = None   # anything else that stopped the build: the traceback
    summary: str = ""          # one line: what stopped it
    quick: bool = False        # a quick render: provisional, its full build runs


    @property
    def failed(self) -> bool:
        return not self.ok


@dataclass
class _Kept:
    responses: dict = field(default_factory=dict)
    size: int = 0

    def replace(self, key: str, response: Response) -> None:
        """Kept whatever the limits: a quick render's page must be answered."""
        old = self.responses.pop(key, None)
        if old is not None:
            self.size -= len(old.body)
        self.responses[key] = response
        self.size += len(response.body)

    def add(self, key: str, response: Response) -> None:
        size = len(response.body)
        if (key in self.responses or size > CACHE_FILE_LIMIT_BYTES
                or self.size + size > CACHE_LIMIT_BYTES):
            return
        self.responses[key] = response
        self.size += size

    def clear(self) -> None:
        self.responses.clear()
        self.size = 0


class OutputGate:
    """Builds write, requests read, never both at once; see the module docstring."""

    def __init__(self):
        self._condition = threading.Condition()
        self._readers = 0
        self._writing = True  # until the first build has finished
        self._outcome: Outcome | None = None
        self._kept = _Kept()

    # --- the build side -----------------------------------------------------

    def begin_build(self) -> None:
        with self._condition:
            self._writing = True
            while self._readers:
                self._condition.wait()

    def end_build(self, outcome: Outcome) -> None:
        with self._condition:
            self._outcome = outcome
            self._writing = False
            self._kept.clear()
            self._condition.notify_all()

    def publish_quick(self, outcome: Outcome, responses: dict[str, Response]) -> None:
        """A quick render's outcome and pages, during a build (begin_build was
        called; end_build follows): answered from memory until it ends."""
        with self._condition:
            for key, response in responses.items():
                self._kept.replace(key, response)
            self._outcome = outcome
            self._condition.notify_all()

    @property
    def building(self) -> bool:
        with self._condition:
            return self._writing

    # --- the request side ---------------------------------------------------

    def read(self, key: str, load: Callable[[], Response]) -> tuple[Response, Outcome]:
        """`load()`'s response (it reads the output folder) and the outcome
        of the build it was read from."""
        with self._condition:
            while self._writing:
                # A quick render may add the awaited page while the build runs.
                if key in self._kept.responses and self._outcome:
                    return self._kept.responses[key], self._outcome
                self._condition.wait()
            self._readers += 1
            outcome = self._outcome
        response = None
        try:
            response = load()
            return response, outcome
        finally:
            with self._condition:
                # Still before any build writes: it waits for this reader.
                if response is not None:
                    self._kept.add(key, response)
                self._readers -= 1
                self._condition.notify_all()

    def latest(self) -> Outcome | None:
        with self._condition:
            return self._outcome

    def wait_for_outcome(self, after: str | None, timeout: float) -> Outcome | None:
        """The latest outcome once its build id differs from `after`; None on timeout."""
        with self._condition:
            self._condition.wait_for(
                lambda: self._outcome is not None and self._outcome.build_id != after,
                timeout=timeout)
            if self._outcome is not None and self._outcome.build_id != after:
                return self._outcome
            return None
