"""The gate: no request reads the output folder while a build writes it."""

from __future__ import annotations

import threading
import time

from press_room.preview.gate import Outcome, OutputGate, Response

WAIT = 10  # seconds: bounded waits for the threads below


def _page(text: str) -> Response:
    return Response(200, "text/html", text.encode())


def _read_in_thread(gate, key, load):
    result = {}
    thread = threading.Thread(target=lambda: result.update(value=gate.read(key, load)),
                              daemon=True)
    thread.start()
    return thread, result


def test_requests_wait_for_the_first_build():
    gate = OutputGate()
    thread, result = _read_in_thread(gate, "/", lambda: _page("first"))
    thread.join(0.3)
    assert thread.is_alive() and not result, f"answered before any build: {result}"
    gate.end_build(Outcome("s-1", True))
    thread.join(WAIT)
    assert result["value"] == (_page("first"), Outcome("s-1", True)), result


def test_during_a_build_a_page_served_before_comes_from_memory_and_others_wait():
    gate = OutputGate()
    gate.end_build(Outcome("s-1", True))
    gate.read("/a/", lambda: _page("a as built by 1"))
    gate.begin_build()

    served, outcome = gate.read("/a/", lambda: _page("half-written"))
    assert (served.body, outcome.build_id) == (b"a as built by 1", "s-1"), (served, outcome)

    thread, result = _read_in_thread(gate, "/b/", lambda: _page("b as built by 2"))
    thread.join(0.3)
    assert thread.is_alive() and not result, f"read the folder during a build: {result}"
    gate.end_build(Outcome("s-2", True))
    thread.join(WAIT)
    served, outcome = result["value"]
    assert (served.body, outcome.build_id) == (b"b as built by 2", "s-2"), result
    # After the build, what was kept is gone: the folder is read again.
    assert gate.read("/a/", lambda: _page("a as built by 2"))[0].body == b"a as built by 2"


def test_a_build_starts_only_after_the_reads_in_progress():
    gate = OutputGate()
    gate.end_build(Outcome("s-1", True))
    reading, release = threading.Event(), threading.Event()

    def slow_load():
        reading.set()
        release.wait(WAIT)
        return _page("whole")

    reader, _ = _read_in_thread(gate, "/slow/", slow_load)
    assert reading.wait(WAIT), "the read never started"
    began = threading.Event()
    builder = threading.Thread(target=lambda: (gate.begin_build(), began.set()), daemon=True)
    builder.start()
    assert not began.wait(0.3), "the build began while a request was reading"
    release.set()
    assert began.wait(WAIT), "the build never began after the read ended"
    reader.join(WAIT)


def test_waiting_for_an_outcome_returns_the_next_one_or_none():
    gate = OutputGate()
    assert gate.wait_for_outcome(None, timeout=0.05) is None
    gate.end_build(Outcome("s-1", True))
    assert gate.wait_for_outcome(None, timeout=0.05).build_id == "s-1"
    assert gate.wait_for_outcome("s-1", timeout=0.05) is None
    threading.Timer(0.1, gate.end_build, args=(Outcome("s-2", False),)).start()
    started = time.monotonic()
    outcome = gate.wait_for_outcome("s-1", timeout=WAIT)
    assert outcome is not None and outcome.build_id == "s-2", outcome
    assert time.monotonic() - started < WAIT


def test_a_quick_render_is_answered_during_the_build_that_follows_it():
    gate = OutputGate()
    gate.end_build(Outcome("s-1", True))
    gate.read("/a/", lambda: _page("a as built by 1"))
    gate.read("/b/", lambda: _page("b as built by 1"))
    gate.begin_build()
    waiting, result = _read_in_thread(gate, "/new/", lambda: _page("read during the build"))
    waiting.join(0.3)
    assert waiting.is_alive(), f"read the folder during a build: {result}"

    quick = Outcome("s-2", True, quick=True)
    gate.publish_quick(quick, {"/a/": _page("a as quick-rendered"),
                               "/new/": _page("new as quick-rendered")})

    waiting.join(WAIT)
    assert result["value"] == (_page("new as quick-rendered"), quick), result
    assert gate.read("/a/", lambda: _page("half-written")) == (
        _page("a as quick-rendered"), quick)
    assert gate.read("/b/", lambda: _page("half-written")) == (_page("b as built by 1"), quick)
    assert gate.building and gate.latest() == quick, "the full build is still under way"
    gate.end_build(Outcome("s-3", True))
    assert gate.read("/a/", lambda: _page("a as built by 3")) == (
        _page("a as built by 3"), Outcome("s-3", True))
