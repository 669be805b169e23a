"""When any search call fails, the search page says so and links the archive.

A host may send a Content-Security-Policy without 'wasm-unsafe-eval' (Pagefind
cannot compile its WebAssembly index reader then), a file of the index may be
missing or fail to download. In each case the reader gets the page's "search
is not available" message and the links to every release, never an empty page
with a console error.
"""

from __future__ import annotations

import threading
from functools import partial
from http.server import ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _QuietHandler
from tests.conftest import soup

# The site's own policy minus 'wasm-unsafe-eval', as a stricter host might send it.
CSP_WITHOUT_WASM = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
                    "form-action 'self'")
SEARCH = "/search/?q=hygiene"


class _NoWasmHandler(_QuietHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP_WITHOUT_WASM)
        super().end_headers()


@pytest.fixture(scope="module")
def no_wasm_server(real_site):
    """The built site served with a CSP header that forbids WebAssembly."""
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 partial(_NoWasmHandler, directory=str(real_site.output)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def unavailable_message(real_site) -> str:
    status = soup(real_site.output / "search" / "index.html").select_one("[data-pr-search-status]")
    return status["data-unavailable"]


def assert_search_says_unavailable(page, real_site, why: str) -> None:
    status = page.locator("[data-pr-search-status]")
    try:
        expect(status).to_have_text(unavailable_message(real_site), timeout=15_000)
    except AssertionError:
        pytest.fail(f"{why}: the status says {status.inner_text()!r}; the page: "
                    f"{' '.join(page.locator('main').inner_text().split())[:400]}")
    archive = page.locator("[data-pr-search-unavailable] a", has_text="All releases")
    expect(archive).to_be_visible()
    assert archive.get_attribute("href") == "/releases/", archive.get_attribute("href")
    expect(page.locator("[data-pr-search-results] li")).to_have_count(0)


def test_csp_without_wasm_shows_the_message_and_the_archive_link(page, real_site,
                                                                 no_wasm_server):
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(error.message))
    page.goto(no_wasm_server + SEARCH, wait_until="load")
    assert_search_says_unavailable(page, real_site, "under a CSP without 'wasm-unsafe-eval'")
    assert page_errors == [], f"uncaught errors: {page_errors}"
    # Typing again does not bring back an empty, silent result list.
    page.locator("input[name=q]").fill("innopark")
    page.locator("button[type=submit]").click()
    assert_search_says_unavailable(page, real_site, "a second search under the same CSP")


@pytest.mark.parametrize("broken, how", [
    ("**/pagefind/fragment/**", "abort"),  # a result's text cannot be fetched
    ("**/pagefind/index/**", "abort"),  # the word index cannot be fetched
    ("**/pagefind/pagefind-entry.json", "404"),  # the index's entry file is missing
])
def test_a_failing_index_file_shows_the_message(page, real_site, site_server, broken, how):
    def fail(route):
        if how == "abort":
            route.abort()
        else:
            route.fulfill(status=404, body="not found")

    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(error.message))
    page.route(broken, fail)
    page.goto(site_server + SEARCH, wait_until="load")
    assert_search_says_unavailable(page, real_site, f"with {broken} failing ({how})")
    assert page_errors == [], f"uncaught errors: {page_errors}"
