"""Browser-test plumbing: serve the built site locally and drive Debian's Chromium.

The site under test is `real_site` (tests/conftest.py): the real content/ built
with pelicanconf.py. It is served over HTTP rather than opened as file:// URLs
because the templates link with root-relative URLs ("/theme/css/...") and
directory URLs ("/releases/2021/innopark-mars-centre/") that need index.html.
"""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

BROWSER_TESTS = Path(__file__).resolve().parent

# Debian's Chromium: no browser is ever downloaded (never run `playwright install`).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # tests often run as root in containers, where the sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Keep the browser quiet on the network: the only traffic should be to 127.0.0.1.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects, so `-m browser` sees the marker
def pytest_collection_modifyitems(items):
    """Every test under tests/browser is a browser test, whichever module it is in."""
    for item in items:
        if BROWSER_TESTS in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, browser_name):
    """Launch /usr/bin/chromium headless, whatever pytest-playwright's defaults are."""
    if browser_name != "chromium":
        # Only Debian's Chromium is installed; other engines would need a download.
        raise pytest.UsageError(
            f"tests/browser run on Debian's Chromium only; got --browser {browser_name}")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,  # no display here, so --headed cannot work either
        "args": CHROMIUM_ARGS,
    }


class _QuietHandler(SimpleHTTPRequestHandler):
    """The stock static handler, minus the per-request log lines on stderr."""

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@pytest.fixture(scope="session")
def site_server(real_site):
    """Serve the built site on 127.0.0.1 (a free port) and yield its base URL, no trailing /."""
    handler = partial(_QuietHandler, directory=str(real_site.output))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: the OS picks a free one
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class BrowserErrorLog:
    """Console errors and uncaught page errors of the pages it watches, as readable lines."""

    def __init__(self):
        self.messages: list[str] = []

    def watch(self, page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)

    def _on_console(self, message) -> None:
        if message.type == "error":
            where = message.location or {}
            self.messages.append(
                f"console error: {message.text} "
                f"(at {where.get('url', '?')}:{where.get('lineNumber', '?')})")

    def _on_page_error(self, error) -> None:
        # The stack's first frame says where the uncaught error was thrown.
        frames = [line.strip() for line in (error.stack or "").splitlines()
                  if line.strip().startswith("at ")]
        self.messages.append(f"page error: {error.message}" + (f" ({frames[0]})" if frames else ""))

    def assert_none(self, where: str) -> None:
        assert not self.messages, (
            f"{len(self.messages)} browser error(s) on {where}:\n  " + "\n  ".join(self.messages))


@pytest.fixture
def browser_errors(page) -> BrowserErrorLog:
    """Records errors of the test's `page`; call .watch(other_page) for any other page."""
    log = BrowserErrorLog()
    log.watch(page)
    return log
