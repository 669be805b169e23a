"""The build loop: serialised builds, one more for changes made meanwhile; failures kept."""

from __future__ import annotations

import io
import threading

from press_room import build_checks
from press_room.preview.builds import BuildLoop
from press_room.preview.gate import OutputGate
from press_room.problems import ContentError, Problem

WAIT = 10


def _run(loop: BuildLoop) -> threading.Thread:
    thread = threading.Thread(target=loop.run, daemon=True)
    thread.start()
    return thread


def test_saves_during_a_build_queue_exactly_one_more_build():
    gate, started, release = OutputGate(), threading.Semaphore(0), threading.Event()
    builds = []

    def build():
        builds.append(threading.get_ident())
        started.release()
        release.wait(WAIT)

    loop = BuildLoop(build, gate, out=io.StringIO())
    thread = _run(loop)
    assert started.acquire(timeout=WAIT), "the first build never started"
    for name in ("a.md", "b.md", "a.md"):  # three saves while it runs
        loop.request({name})
    release.set()
    assert started.acquire(timeout=WAIT), "no build for the saves made during the first"
    assert not started.acquire(timeout=0.5), f"{len(builds)} builds: one more was enough"
    assert len(set(builds)) == 1, "builds ran in more than one thread"
    loop.stop()
    thread.join(WAIT)
    assert gate.latest().build_id.endswith("-2") and gate.latest().ok, gate.latest()


def test_a_content_error_is_kept_with_its_problems_and_the_loop_goes_on():
    gate, out = OutputGate(), io.StringIO()
    problem = Problem("content/releases/2021/x/index.md", "category", '"X" is not a category')
    attempts = []

    def build():
        attempts.append(1)
        build_checks.start_build()
        if len(attempts) == 1:
            build_checks.report(problem)
            build_checks.stop_on_problems()

    loop = BuildLoop(build, gate, out=out)
    thread = _run(loop)
    try:
        first = gate.wait_for_outcome(None, WAIT)
        assert first is not None and first.failed and first.problems == (problem,), first
        assert "1 content problem" in out.getvalue(), out.getvalue()
        loop.request({"content/releases/2021/x/index.md"})
        second = gate.wait_for_outcome(first.build_id, WAIT)
        assert second is not None and second.ok, (second, out.getvalue())
    finally:
        loop.stop()
        thread.join(WAIT)
        build_checks.start_build()


def test_any_other_exception_is_kept_with_its_traceback(capsys):
    gate = OutputGate()

    def build():
        raise KeyError("no such template")

    loop = BuildLoop(build, gate, out=io.StringIO())
    thread = _run(loop)
    try:
        outcome = gate.wait_for_outcome(None, WAIT)
        assert outcome is not None and outcome.failed and not outcome.problems, outcome
        assert outcome.summary == "KeyError: 'no such template'", outcome
        assert "Traceback" in outcome.error and "in build" in outcome.error, outcome.error
        assert "KeyError" in capsys.readouterr().err
    finally:
        loop.stop()
        thread.join(WAIT)


def test_content_error_is_what_the_build_raises_for_problems():
    build_checks.start_build()
    build_checks.report(Problem("f.md", "title", "missing"))
    try:
        build_checks.stop_on_problems()
    except ContentError:
        assert build_checks.found_problems() == [Problem("f.md", "title", "missing")]
    else:
        raise AssertionError("stop_on_problems did not raise with a problem recorded")
    finally:
        build_checks.start_build()


class _Quick:
    """A quick step that records what the loop asks of it."""

    def __init__(self, gate, responses):
        self.gate, self.responses, self.calls = gate, responses, []

    def build_started(self):
        self.calls.append("build started")

    def build_ended(self, ok):
        self.calls.append(f"build ended ok={ok}")

    def render(self, changed):
        self.calls.append(f"render {changed}")
        if isinstance(self.responses, Exception):
            raise self.responses
        return self.responses


def test_a_quick_render_is_published_before_the_full_build_it_comes_with():
    from press_room.preview.gate import Response

    gate, out = OutputGate(), io.StringIO()
    seen_by_builds, started = [], threading.Semaphore(0)

    def build():
        seen_by_builds.append(gate.latest())
        started.release()

    quick = _Quick(gate, {"/a/": Response(200, "text/html", b"quick a")})
    loop = BuildLoop(build, gate, out=out, quick=quick)
    thread = _run(loop)
    assert started.acquire(timeout=WAIT)
    loop.request({"/site/releases/a/index.md"})
    assert started.acquire(timeout=WAIT)
    loop.stop()
    thread.join(WAIT)
    assert quick.calls == ["build started", "build ended ok=True",
                           "render ['/site/releases/a/index.md']",
                           "build started", "build ended ok=True"], quick.calls
    during = seen_by_builds[1]
    assert during.quick and during.ok and during.build_id.endswith("-2"), during
    assert gate.latest().build_id.endswith("-3") and not gate.latest().quick, gate.latest()


def test_a_failing_quick_render_leaves_the_full_build_to_show_the_change():
    gate, out = OutputGate(), io.StringIO()
    started = threading.Semaphore(0)
    quick = _Quick(gate, RuntimeError("kept site unusable"))
    loop = BuildLoop(started.release, gate, out=out, quick=quick)
    thread = _run(loop)
    assert started.acquire(timeout=WAIT)
    loop.request({"a/index.md"})
    assert started.acquire(timeout=WAIT), (
        f"no full build after the quick render failed:\n{out.getvalue()}")
    loop.stop()
    thread.join(WAIT)
    assert "no quick render: RuntimeError: kept site unusable" in out.getvalue(), out.getvalue()
    assert gate.latest().ok and not gate.latest().quick, gate.latest()
