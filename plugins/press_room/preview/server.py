"""The preview's HTTP server: the output folder, build events, the error page.

- `/…`: files of the output folder, read through the gate (a whole file of
  one finished build); folders answer with their index.html, a missing file
  with the nearest 404.html (the language's, else the site's). HTML responses
  get the reload script; after a failed build every HTML response is the
  error page instead (status 500), until a build works again.
- `/__preview__/events`: Server-Sent Events, one `build` event per finished
  build (and the latest at once on connecting);
- `/__preview__/status`: the latest outcome as JSON (`quick`: a quick render,
  its full build under way);
- `/__preview__/reload.js`: the reload script.

Nothing is cached by the browser (`Cache-Control: no-store`): a reload
fetches what the last build wrote.
"""

from __future__ import annotations

import json
import mimetypes
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from . import error_page, reload
from .gate import Outcome, OutputGate, Response

KEEP_ALIVE_SECONDS = 15
_TYPES = {".avif": "image/avif", ".webp": "image/webp", ".js": "text/javascript",
          ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json",
          ".xml": "application/xml", ".atom": "application/atom+xml", ".svg": "image/svg+xml"}


def content_type(path: str) -> str:
    extension = os.path.splitext(path)[1].lower()
    kind = _TYPES.get(extension) or mimetypes.guess_type(path)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in ("application/json", "application/xml",
                                            "application/atom+xml", "image/svg+xml"):
        kind += "; charset=utf-8"
    return kind


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def load_from(root: str, url_path: str, query: str = "") -> Response:
    """The response for `url_path` from the folder `root` (reads files)."""
    root = os.path.realpath(root)
    parts = [part for part in unquote(url_path).split("/") if part not in ("", ".")]
    if any(part == ".." or "\0" in part or os.sep in part for part in parts):
        return _not_found(root, [])
    path = os.path.realpath(os.path.join(root, *parts))
    if path != root and not path.startswith(root + os.sep):
        return _not_found(root, [])
    if os.path.isdir(path):
        if not url_path.endswith("/"):
            location = url_path + "/" + (f"?{query}" if query else "")
            return Response(301, "text/plain; charset=utf-8", b"", location=location)
        path = os.path.join(path, "index.html")
    try:
        return Response(200, content_type(path), _read(path))
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return _not_found(root, parts)


def _not_found(root: str, parts: list[str]) -> Response:
    candidates = ([os.path.join(root, parts[0], "404.html")] if len(parts) > 1 else [])
    for candidate in candidates + [os.path.join(root, "404.html")]:
        try:
            return Response(404, "text/html; charset=utf-8", _read(candidate))
        except OSError:
            continue
    return Response(404, "text/plain; charset=utf-8", b"Not found\n")


def _outcome_json(outcome: Outcome | None, building: bool) -> dict:
    if outcome is None:
        return {"id": None, "ok": None, "building": building}
    return {"id": outcome.build_id, "ok": outcome.ok, "quick": outcome.quick,
            "building": building,
            "seconds": round(outcome.seconds, 3), "summary": outcome.summary,
            "problems": [str(problem) for problem in outcome.problems]}


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, output: str, gate: OutputGate):
        self.output = output
        self.gate = gate
        self.stopping = threading.Event()
        super().__init__(address, _Handler)

    def shutdown(self):
        self.stopping.set()
        super().shutdown()


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "press-room-preview"

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass  # one line per request would bury the build messages

    def do_HEAD(self):
        self._answer(head=True)

    def do_GET(self):
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        url = urlsplit(self.path)
        if url.path == reload.EVENTS_URL:
            return self._events()
        if url.path == reload.SCRIPT_URL:
            return self._send(Response(200, content_type(".js"), reload.SCRIPT_FILE.read_bytes()),
                              head)
        if url.path == reload.STATUS_URL:
            state = _outcome_json(self.server.gate.latest(), self.server.gate.building)
            return self._send(Response(200, content_type(".json"),
                                       json.dumps(state).encode()), head)
        response, outcome = self.server.gate.read(
            self.path, lambda: load_from(self.server.output, url.path, url.query))
        if response.content_type.startswith("text/html"):
            if outcome.failed:
                response = Response(500, response.content_type, error_page.render(outcome))
            else:
                response = Response(response.status, response.content_type,
                                    reload.inject(response.body, outcome.build_id))
        self._send(response, head)

    def _send(self, response: Response, head: bool) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Cache-Control", "no-store")
        if response.location:
            self.send_header("Location", response.location)
        self.end_headers()
        if not head:
            self.wfile.write(response.body)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        shown = None
        try:
            self.wfile.write(b"retry: 500\n\n")
            self.wfile.flush()
            while not self.server.stopping.is_set():
                outcome = self.server.gate.wait_for_outcome(shown, KEEP_ALIVE_SECONDS)
                if outcome is None:
                    self.wfile.write(b": still here\n\n")  # finds a closed connection
                else:
                    data = json.dumps(_outcome_json(outcome, outcome.quick))
                    self.wfile.write(f"event: build\ndata: {data}\n\n".encode())
                    shown = outcome.build_id
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
