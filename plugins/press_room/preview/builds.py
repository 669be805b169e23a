"""The build loop: one build at a time, one more for whatever changed meanwhile.

Changes reported while a build runs are gathered and start exactly one more
build when it ends, however many files were saved. Whatever stops a build is
caught: it is printed (the content problems are printed by the build itself)
and kept as the outcome the server shows, and the loop waits for the next
change.

With a quick render (quick_render.py), a build that starts after changes first
tries it: when it renders the edited release pages, their outcome (a build id
of its own, marked quick) is published at once, and the full build runs as
ever after it — so a quick render is never the last word on a file.
"""

from __future__ import annotations

import logging
import secrets
import sys
import threading
import time
import traceback
from typing import Callable, Iterable, Protocol

from ..build_checks import found_problems
from ..problems import ContentError, display_path
from .gate import Outcome, OutputGate, Response


class QuickStep(Protocol):
    """What the loop asks of a quick render (quick_render.QuickRender)."""

    def build_started(self) -> None: ...

    def build_ended(self, ok: bool) -> None: ...

    def render(self, changed: list[str]) -> dict[str, Response] | None: ...


class _LoggedErrors(logging.Handler):
    """The error messages a build logged: with fatal errors, Pelican raises a
    bare "Warning or error encountered" after logging the real message."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        try:
            self.messages.append(record.getMessage())
        except Exception:  # a message that cannot be formatted is still an error
            self.messages.append(str(record.msg))


def _names(paths: list[str], shown: int = 3) -> str:
    names = [display_path(path) for path in paths[:shown]]
    more = len(paths) - shown
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


class BuildLoop:
    def __init__(self, run_build: Callable[[], None], gate: OutputGate, *, out=None,
                 quick: QuickStep | None = None):
        self._run_build = run_build
        self._quick = quick
        self._gate = gate
        self._out = out or sys.stdout
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._changed: set[str] = set()
        self._stopping = False
        self._session = secrets.token_hex(4)  # a restarted server's builds are new to open tabs
        self._count = 0
        self._logged = _LoggedErrors()
        self.request()  # the first build

    def request(self, changed: Iterable[str] = ()) -> None:
        """Queue a build (called from the watcher's thread)."""
        with self._lock:
            self._changed.update(changed)
            self._wake.set()

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            self._wake.set()

    def run(self) -> None:
        """Build whenever asked, until stop(); in the calling (main) thread."""
        while True:
            self._wake.wait()
            with self._lock:
                if self._stopping:
                    return
                changed = sorted(self._changed)
                self._changed.clear()
                self._wake.clear()
            if changed:
                self._say(f"Changed: {_names(changed)} — rebuilding")
            self._gate.begin_build()
            if changed and self._quick is not None:
                self._quick_once(changed)
            if self._quick is not None:
                self._quick.build_started()
            outcome = self._build_once()
            if self._quick is not None:
                self._quick.build_ended(outcome.ok)
            self._gate.end_build(outcome)
            self._report(outcome)

    def _next_id(self) -> str:
        self._count += 1
        return f"{self._session}-{self._count}"

    def _quick_once(self, changed: list[str]) -> None:
        started = time.perf_counter()
        try:
            responses = self._quick.render(changed)
        except Exception:  # never in the way of the full build, which reports it
            self._say("no quick render: " + traceback.format_exc().strip().splitlines()[-1])
            return
        if responses:
            self._gate.publish_quick(
                Outcome(self._next_id(), True, time.perf_counter() - started, quick=True,
                        summary="quick render: the full build follows"),
                responses)

    def _build_once(self) -> Outcome:
        build_id = self._next_id()
        self._logged.messages = []
        root = logging.getLogger()
        root.addHandler(self._logged)
        started = time.perf_counter()
        try:
            self._run_build()
        except ContentError as error:
            problems = tuple(found_problems())
            return Outcome(build_id, False, time.perf_counter() - started, problems=problems,
                           summary=str(error))
        except Exception as error:
            logged = "".join(f"logged: {message}\n" for message in self._logged.messages)
            return Outcome(build_id, False, time.perf_counter() - started,
                           error=logged + traceback.format_exc(),
                           summary=f"{type(error).__name__}: {error}")
        finally:
            root.removeHandler(self._logged)
        return Outcome(build_id, True, time.perf_counter() - started)

    def _report(self, outcome: Outcome) -> None:
        if outcome.ok:
            self._say(f"Built in {outcome.seconds:.2f} s — open pages reload")
        elif outcome.problems:
            count = len(outcome.problems)
            self._say(f"Build failed in {outcome.seconds:.2f} s: {count} content "
                      f"problem{'s' if count != 1 else ''} (listed above, and in the browser). "
                      "The server keeps running: save a fix to rebuild.")
        else:
            print(outcome.error, file=sys.stderr, flush=True)
            self._say(f"Build failed in {outcome.seconds:.2f} s: {outcome.summary} (above, and "
                      "in the browser). The server keeps running: save a fix to rebuild.")

    def _say(self, line: str) -> None:
        print(f"[preview] {line}", file=self._out, flush=True)
