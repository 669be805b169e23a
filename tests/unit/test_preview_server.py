"""The preview's HTTP server, in this process, over a folder standing in for output/."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

import pytest

from press_room.preview import server
from press_room.preview.gate import Outcome, OutputGate
from press_room.problems import Problem


@pytest.fixture
def site(tmp_path):
    (tmp_path / "releases/2021/a").mkdir(parents=True)
    (tmp_path / "releases/2021/a/index.html").write_text("<html><body>A</body></html>")
    (tmp_path / "zh-hant/releases").mkdir(parents=True)
    (tmp_path / "404.html").write_text("<html><body>not found</body></html>")
    (tmp_path / "zh-hant/404.html").write_text("<html><body>找不到</body></html>")
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme/site.css").write_text("body{}")
    (tmp_path.parent / "secret.txt").write_text("outside")
    return tmp_path


@pytest.fixture
def serve(site):
    gate = OutputGate()
    httpd = server.PreviewServer(("127.0.0.1", 0), str(site), gate)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    host, port = httpd.server_address[:2]
    yield gate, f"http://{host}:{port}"
    httpd.shutdown()
    httpd.server_close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str):
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_load_from_answers_folders_redirects_and_missing_files(site):
    assert server.load_from(str(site), "/releases/2021/a/").body == b"<html><body>A</body></html>"
    redirect = server.load_from(str(site), "/releases/2021/a", "q=1")
    assert (redirect.status, redirect.location) == (301, "/releases/2021/a/?q=1"), redirect
    missing = server.load_from(str(site), "/zh-hant/releases/nope/")
    assert (missing.status, missing.body) == (404, "<html><body>找不到</body></html>".encode())
    assert server.load_from(str(site), "/nope.html").body == b"<html><body>not found</body></html>"


@pytest.mark.parametrize("path", ["/../secret.txt", "/%2e%2e/secret.txt", "/theme/../../secret.txt"])
def test_nothing_outside_the_output_folder_is_served(site, path):
    response = server.load_from(str(site), path)
    assert response.status == 404 and b"outside" not in response.body, response


def test_html_gets_the_reload_script_other_files_do_not(serve):
    gate, url = serve
    gate.end_build(Outcome("s-1", True))
    status, headers, body = _get(url + "/releases/2021/a/")
    assert status == 200 and headers["Cache-Control"] == "no-store", headers
    assert body == b'<html><body>A<script src="/__preview__/reload.js" data-preview-build="s-1" ' \
                   b'defer></script></body></html>', body
    status, headers, body = _get(url + "/theme/site.css")
    assert (status, body, headers["Content-Type"]) == (200, b"body{}", "text/css; charset=utf-8")


def test_after_a_failed_build_html_is_the_error_page_until_a_build_works(serve):
    gate, url = serve
    problem = Problem("content/releases/2021/a/index.md", "date", "missing")
    gate.end_build(Outcome("s-1", False, problems=(problem,)))
    status, _, body = _get(url + "/releases/2021/a/")
    assert status == 500 and b"content/releases/2021/a/index.md" in body, body
    assert _get(url + "/theme/site.css")[2] == b"body{}"  # styles and photos still served
    state = json.loads(_get(url + "/__preview__/status")[2])
    assert state["ok"] is False and state["problems"] == [str(problem)], state
    gate.end_build(Outcome("s-2", True))
    assert _get(url + "/releases/2021/a/")[0] == 200


def test_the_events_stream_sends_the_latest_build_then_each_new_one(serve):
    gate, url = serve
    gate.end_build(Outcome("s-1", True))
    with urllib.request.urlopen(url + "/__preview__/events", timeout=10) as stream:
        assert stream.headers["Content-Type"].startswith("text/event-stream"), stream.headers

        def next_event():
            lines = []
            while not lines or lines[-1] != "":
                lines.append(stream.readline().decode().rstrip("\n"))
                if lines == [""]:
                    lines = []
            return lines

        assert next_event() == ["retry: 500", ""]
        first = next_event()
        assert first[0] == "event: build" and json.loads(first[1][6:])["id"] == "s-1", first
        gate.end_build(Outcome("s-2", False, summary="RuntimeError: x"))
        second = next_event()
        data = json.loads(second[1][6:])
        assert (data["id"], data["ok"], data["summary"]) == ("s-2", False, "RuntimeError: x"), second
