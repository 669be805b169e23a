"""The parallel writer: pages rendered in worker processes land where Pelican
put them, and a template that fails in any worker fails the flush with the
page named."""

from __future__ import annotations

import os

import pytest
from jinja2 import Environment
from pelican.settings import DEFAULT_CONFIG

from press_room.parallel_render import MIN_PAGES_PER_WORKER, ParallelWriter, RenderError

PAGE_COUNT = 4 * MIN_PAGES_PER_WORKER  # enough for every worker to get a share


def _writer(tmp_path, workers):
    settings = dict(DEFAULT_CONFIG, PRESS_ROOM_RENDER_WORKERS=workers)
    return ParallelWriter(str(tmp_path), settings=settings)


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_every_queued_page_is_rendered_with_its_own_context(tmp_path, workers):
    template = Environment().from_string("{{ title }} of {{ SITENAME }}")
    writer = _writer(tmp_path, workers)
    context = {"SITENAME": "Press room"}
    for number in range(PAGE_COUNT):
        writer.write_file(f"p{number}/index.html", template, context, title=f"Page {number}")
    # Queued, not rendered: Pelican's write only reserved the name (a page
    # kept from the last build is never truncated).
    assert not (tmp_path / "p0/index.html").exists(), "written before the flush"
    writer.flush()
    wrong = {number: (tmp_path / f"p{number}/index.html").read_text()
             for number in range(PAGE_COUNT)}
    wrong = {n: got for n, got in wrong.items() if got != f"Page {n} of Press room"}
    assert not wrong, f"pages with the wrong text ({workers} workers): {wrong}"


@pytest.mark.parametrize("failing", [0, 1, PAGE_COUNT - 1])
def test_a_failing_template_in_any_worker_names_the_page(tmp_path, failing):
    template = Environment().from_string("{{ 1 // divisor }}")
    writer = _writer(tmp_path, 2)
    for number in range(PAGE_COUNT):
        writer.write_file(f"p{number}.html", template, {}, divisor=0 if number == failing else 1)
    with pytest.raises(RenderError) as raised:
        writer.flush()
    message = str(raised.value)
    assert os.path.join(str(tmp_path), f"p{failing}.html") in message, message
    assert "ZeroDivisionError" in message, message


def test_a_file_written_twice_is_refused_as_pelican_refuses_it(tmp_path):
    template = Environment().from_string("x")
    writer = _writer(tmp_path, 2)
    writer.write_file("same.html", template, {})
    with pytest.raises(RuntimeError, match="same.html"):
        writer.write_file("same.html", template, {})
