"""The published site behind Debian's nginx, under the sub-path /pressroom/.

The real content/ is built with publishconf.py for http://127.0.0.1:<port>/pressroom,
precompressed and given its `_headers` exactly as `make publish` does, then served
by nginx with hosting/nginx/pressroom.conf (placeholders filled). A reader's
journeys run in Debian's Chromium; headers, types, caching and gzip are checked
on the raw HTTP responses.

nginx is not installed here: `make test` does it (apt-get install nginx). Without
it these tests fail rather than skip, so a missing server never passes silently.
"""

from __future__ import annotations

import gzip
import http.client
import importlib.util
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, BrowserErrorLog
from tests.conftest import REPO, build_site, soup

NGINX = Path("/usr/sbin/nginx")
TEMPLATE = REPO / "hosting" / "nginx" / "pressroom.conf"
BASE_PATH = "/pressroom"
RELEASE_PATH = f"{BASE_PATH}/releases/2021/innopark-mars-centre/"
RELEASE_TITLE_START = "HKSTP INNOPARK Sparks"
RELEASE_PHOTO_COUNT = 6
# A word of the INNOPARK release's body, and of no other text of the site.
SEARCH_WORD = "hygiene"

YEAR = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"


def load_script(name: str):
    """Import scripts/<name>.py (scripts/ is no package) for its constants."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


write_headers = load_script("write_headers")


# --- the server ---------------------------------------------------------------------------

@dataclass
class Served:
    port: int
    output: Path
    root: Path  # nginx's prefix: config, logs, pid

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{BASE_PATH}"

    def error_log(self) -> str:
        log = self.root / "error.log"
        return log.read_text(errors="replace")[-3000:] if log.exists() else "(no error.log)"


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(command: list[str], what: str) -> None:
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, (
        f"{what} failed (exit {result.returncode}): {' '.join(command)}\n"
        f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}")


def wait_for_port(port: int, process: subprocess.Popen, served: Served) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"nginx exited with {process.returncode} at start-up:\n"
                        f"{served.error_log()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nginx did not listen on 127.0.0.1:{port} within 15 s:\n{served.error_log()}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)  # nginx: fast shutdown, workers included
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            # Its own process group (start_new_session): the master and its workers.
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def served():
    """The published site behind nginx on 127.0.0.1:<free port>, stopped at teardown."""
    if not NGINX.exists():
        pytest.fail(f"nginx not installed: run make test ({NGINX} is missing; `make test` "
                    "installs Debian's nginx)")
    # Not pytest's tmp_path: that is private to its user (0700), and nginx started as
    # root reads files as `nobody`. A fresh world-readable folder in /tmp instead.
    root = Path(tempfile.mkdtemp(prefix="pressroom-nginx-"))
    root.chmod(0o755)
    process = None
    try:
        site = Served(free_port(), root / "output", root)
        build = build_site(REPO / "content", site.output, "publishconf.py",
                           env={"SITEURL": site.base_url})
        assert build.returncode == 0, f"the publish build failed:\n{build.log}"
        # What `make publish` does after Pelican.
        run([sys.executable, "scripts/precompress.py", str(site.output)], "precompress.py")
        run([sys.executable, "scripts/write_headers.py", str(site.output),
             "--site-url", site.base_url], "write_headers.py")

        config = TEMPLATE.read_text(encoding="utf-8")
        for placeholder, value in {"{{OUTPUT}}": str(site.output),
                                   "{{LISTEN}}": f"127.0.0.1:{site.port}",
                                   "{{PREFIX}}": str(root)}.items():
            assert placeholder in config, f"{TEMPLATE} lost its {placeholder} placeholder"
            config = config.replace(placeholder, value)
        assert "{{" not in config, f"unfilled placeholder in {TEMPLATE}: " + \
            re.search(r"\{\{\w*\}\}", config).group(0)
        (root / "nginx.conf").write_text(config, encoding="utf-8")
        command = [str(NGINX), "-p", str(root), "-c", str(root / "nginx.conf"),
                   "-e", str(root / "error.log")]
        run([*command, "-t", "-q"], "nginx -t (configuration check)")

        process = subprocess.Popen([*command, "-g", "daemon off;"], start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(site.port, process, site)
        yield site
    finally:
        if process is not None:
            stop(process)
        shutil.rmtree(root, ignore_errors=True)


def get(served: Served, path: str, headers: dict | None = None) -> Response:
    """One raw request: no redirects followed, no decompression, no proxy."""
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


def stylesheet_path(served: Served) -> str:
    """The content-hashed stylesheet the home page links, as a path on the server."""
    links = [link["href"] for link in soup(served.output / "index.html").select(
        'link[rel="stylesheet"]')]
    assert links, "the home page links no stylesheet"
    assert links[0].startswith(served.base_url + "/"), (
        f"the stylesheet {links[0]} is not under the site's address {served.base_url}/")
    return links[0][len(f"http://127.0.0.1:{served.port}"):]


def release_file(served: Served, pattern: str) -> str:
    """The server path of the first published file of the release matching `pattern`."""
    folder = served.output / "releases" / "2021" / "innopark-mars-centre"
    matches = sorted(folder.glob(pattern))
    assert matches, f"no {pattern} in {folder}"
    return f"{RELEASE_PATH}{matches[0].name}"


# --- the browser --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def chromium(playwright):
    """Debian's Chromium, launched from pytest-playwright's session `playwright`.

    Its own `sync_playwright()` would clash with the one tests/browser already runs
    in this session; the launch arguments are tests/browser's."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                         headless=True)
    yield browser
    browser.close()


@pytest.fixture
def tab(chromium):
    context = chromium.new_context(accept_downloads=True)
    page = context.new_page()
    errors = BrowserErrorLog()
    errors.watch(page)
    page.errors = errors
    yield page
    context.close()


def open_page(page, url: str, status: int = 200) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == status, (
        f"{url}: expected HTTP {status}, got {response.status if response else 'no response'}")


# --- journeys in the browser --------------------------------------------------------------

@pytest.mark.browser
def test_home_card_leads_to_the_release_with_its_photos(served, tab):
    open_page(tab, served.base_url + "/")

    cards = tab.locator(".pr-card__link", has_text="INNOPARK")
    assert cards.count() == 1, (
        f"expected one INNOPARK card on {tab.url}; cards: "
        f"{tab.locator('.pr-card__link').all_inner_texts()}")
    cards.click()
    tab.wait_for_load_state("load")

    assert tab.url == f"http://127.0.0.1:{served.port}{RELEASE_PATH}", (
        f"the card led to {tab.url}")
    assert RELEASE_TITLE_START in tab.locator("h1").inner_text()
    images = tab.locator("figure.pr-photo img")
    assert images.count() == RELEASE_PHOTO_COUNT, (
        f"{images.count()} photos on {tab.url}, expected {RELEASE_PHOTO_COUNT}")
    for index, image in enumerate(images.all(), start=1):
        image.scroll_into_view_if_needed()  # gallery photos are loading=lazy
        tab.wait_for_function("img => img.complete", arg=image.element_handle(), timeout=15_000)
        loaded = image.evaluate(
            "img => ({ok: img.naturalWidth > 0, src: img.currentSrc || img.src})")
        assert loaded["ok"], f"photo {index} did not load through nginx: {loaded['src']}"
        assert loaded["src"].startswith(served.base_url + "/"), (
            f"photo {index} came from {loaded['src']}, outside {served.base_url}/")
    # CSP violations (the header is stricter than the page's meta) are console errors.
    tab.errors.assert_none(f"the journey to {tab.url} through nginx")


@pytest.mark.browser
def test_first_photo_download_link_serves_a_jpeg(served, tab):
    open_page(tab, served.base_url + RELEASE_PATH[len(BASE_PATH):])
    href = tab.locator(".pr-photo__download").first.get_attribute("href")
    assert href and href.startswith(served.base_url + "/"), f"download link {href!r}"

    # fetch() from the page: the browser's own request, under the page's CSP.
    result = tab.evaluate("""async url => {
        const r = await fetch(url);
        const bytes = new Uint8Array(await r.arrayBuffer());
        return {status: r.status, type: r.headers.get('content-type'),
                head: [...bytes.slice(0, 3)]};
    }""", href)
    assert result["status"] == 200, f"{href}: HTTP {result['status']}"
    assert result["type"] == "image/jpeg", f"{href}: Content-Type {result['type']}"
    assert result["head"] == [0xFF, 0xD8, 0xFF], f"{href} does not start like a JPEG"
    tab.errors.assert_none(tab.url)


@pytest.mark.browser
def test_download_all_photos_gives_the_zip(served, tab):
    open_page(tab, served.base_url + RELEASE_PATH[len(BASE_PATH):])
    link = tab.locator(".pr-press-kit__link").first
    assert "Download all photos" in link.inner_text()

    with tab.expect_download(timeout=30_000) as download_info:
        link.click()
    download = download_info.value
    assert download.failure() is None, f"the ZIP download failed: {download.failure()}"
    with zipfile.ZipFile(download.path()) as kit:
        names = kit.namelist()
    photos = [name for name in names if name.endswith(".jpg")]
    assert len(photos) == RELEASE_PHOTO_COUNT and "captions.txt" in names, (
        f"the ZIP from {download.url} holds {names}")


@pytest.mark.browser
def test_search_finds_the_release_first(served, tab):
    index_script = served.output / "pagefind" / "pagefind.js"
    assert index_script.is_file(), (
        f"the publish build has no search index: {BASE_PATH}/pagefind/pagefind.js is missing "
        f"from {served.output}. Search (Pagefind) must be part of the build that "
        "publishconf.py makes before this journey can pass.")
    open_page(tab, f"{served.base_url}/search/?q={SEARCH_WORD}")

    # Whatever the results' markup, they are links to release pages inside <main>.
    results = tab.locator("main a[href*='/releases/20']")
    try:
        results.first.wait_for(timeout=15_000)
    except Exception:  # noqa: BLE001 - reported with the page's text below
        pytest.fail(f"no search result on {tab.url} within 15 s; the page says: "
                    f"{' '.join(tab.locator('main').inner_text().split())[:500]}")
    first = results.first.get_attribute("href")
    assert first.rstrip("/").endswith(RELEASE_PATH.rstrip("/")), (
        f"first result for {SEARCH_WORD!r} is {first}, not the INNOPARK release; all: "
        f"{[a.get_attribute('href') for a in results.all()]}")
    tab.errors.assert_none(tab.url)


@pytest.mark.browser
def test_missing_page_shows_the_404_page(served, tab):
    open_page(tab, served.base_url + "/no-such-release/", status=404)
    assert tab.locator("h1").inner_text().strip() == "Page not found"
    # The 404 page's stylesheet loads too (absolute URL under /pressroom/).
    assert tab.evaluate("document.styleSheets.length") >= 1
    # Chromium logs the page's own 404 as a console error: that one is the point.
    tab.errors.messages = [m for m in tab.errors.messages
                           if not ("status of 404" in m and f"(at {tab.url}:" in m)]
    tab.errors.assert_none(f"the 404 page at {tab.url}")


# --- HTTP: status, types, headers, caching, gzip ------------------------------------------

def test_missing_url_is_a_404_with_the_404_page(served):
    response = get(served, f"{BASE_PATH}/releases/2099/no-such-release/")
    assert response.status == 404
    assert b"<h1>Page not found</h1>" in response.body, response.body[:300]
    assert response.header("Cache-Control") == SHORT


def test_headers_file_is_not_served(served):
    assert (served.output / "_headers").is_file()
    assert get(served, f"{BASE_PATH}/_headers").status == 404


@pytest.mark.parametrize("path, location", [
    (BASE_PATH, f"{BASE_PATH}/"),
    (f"{BASE_PATH}/releases", f"{BASE_PATH}/releases/"),
])
def test_folders_without_slash_redirect_within_the_sub_path(served, path, location):
    response = get(served, path)
    assert (response.status, response.header("Location")) == (301, location)


def test_security_headers_on_every_response(served):
    meta_csp = soup(served.output / "index.html").select_one(
        'meta[http-equiv="Content-Security-Policy"]')["content"]
    expected_csp = f"{meta_csp}; frame-ancestors 'none'"
    assert write_headers.CONTENT_SECURITY_POLICY == expected_csp, (
        "scripts/write_headers.py's CSP is not the pages' <meta> CSP plus frame-ancestors:\n"
        f"  meta:   {meta_csp}\n  script: {write_headers.CONTENT_SECURITY_POLICY}")

    for path in (f"{BASE_PATH}/", RELEASE_PATH, stylesheet_path(served),
                 release_file(served, "photo-1-480.*.avif"), f"{BASE_PATH}/nowhere"):
        response = get(served, path)
        for name, value in write_headers.SECURITY_HEADERS.items():
            assert response.header(name) == value, (
                f"{path} (HTTP {response.status}): {name} is {response.header(name)!r}, "
                f"expected {value!r} (scripts/write_headers.py)")


def test_cache_control_long_for_hashed_files_short_for_pages(served):
    expected = {
        stylesheet_path(served): YEAR,
        release_file(served, "photo-1-960.*.avif"): YEAR,
        release_file(served, "photo-1.*.jpg"): YEAR,  # the high-resolution download
        release_file(served, "*-photos.*.zip"): YEAR,
        f"{BASE_PATH}/": SHORT,
        RELEASE_PATH: SHORT,
        f"{BASE_PATH}/images/logo.svg": SHORT,  # no hash in the name
    }
    responses = {path: get(served, path) for path in expected}
    actual = {path: (r.status, r.header("Cache-Control")) for path, r in responses.items()}
    assert actual == {path: (200, value) for path, value in expected.items()}


@pytest.mark.parametrize("pattern, content_type", [
    ("photo-1-480.*.avif", "image/avif"),
    ("photo-1-480.*.webp", "image/webp"),
    ("photo-1-480.*.jpg", "image/jpeg"),
    ("*-photos.*.zip", "application/zip"),
])
def test_content_types(served, pattern, content_type):
    assert get(served, release_file(served, pattern)).header("Content-Type") == content_type


def test_pages_are_utf8_html(served):
    assert get(served, RELEASE_PATH).header("Content-Type") == "text/html; charset=utf-8"


def test_css_is_served_from_its_gz_file_to_gzip_clients(served):
    path = stylesheet_path(served)
    on_disk = served.output / path[len(BASE_PATH) + 1:]
    precompressed = on_disk.with_name(on_disk.name + ".gz")
    assert precompressed.is_file(), f"precompress.py wrote no {precompressed.name}"

    zipped = get(served, path, {"Accept-Encoding": "gzip"})
    assert zipped.status == 200
    assert zipped.header("Content-Encoding") == "gzip", dict(zipped.headers)
    assert zipped.header("Vary") == "Accept-Encoding"
    assert zipped.header("Content-Type") == "text/css; charset=utf-8"
    assert zipped.header("Cache-Control") == YEAR
    assert zipped.body == precompressed.read_bytes(), "not the bytes of the .gz file"
    assert gzip.decompress(zipped.body) == on_disk.read_bytes()

    plain = get(served, path)
    assert plain.header("Content-Encoding") is None and plain.body == on_disk.read_bytes()


def test_nginx_config_stays_on_loopback_in_tests(served):
    """The filled config listens where the test said and nowhere else."""
    config = (served.root / "nginx.conf").read_text()
    assert re.findall(r"^\s*listen\s+([^;]+);", config, re.M) == [f"127.0.0.1:{served.port}"]


def headers_rules(served: Served) -> list[tuple[str, dict[str, str]]]:
    """`_headers` as (URL pattern, headers) in file order."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in (served.output / "_headers").read_text().splitlines():
        if line.startswith("/"):
            rules.append((line, {}))
        elif line.startswith("  ") and rules:
            name, value = line.strip().split(": ", 1)
            rules[-1][1][name] = value
    return rules


def headers_for(rules, path: str) -> dict[str, list[str]]:
    """What Netlify/Cloudflare Pages send for `path`: every matching rule's
    headers (`*` matches anything, slashes included), values of a header set
    by several rules collected (the hosts join them with a comma)."""
    sent: dict[str, list[str]] = {}
    for pattern, headers in rules:
        if re.fullmatch(".*".join(map(re.escape, pattern.split("*"))), path):
            for name, value in headers.items():
                sent.setdefault(name, []).append(value)
    return sent


def test_headers_file_promises_what_nginx_sends(served):
    """`_headers` (Netlify/Cloudflare Pages) and nginx: same security headers, same caching."""
    rules = headers_rules(served)
    page = get(served, RELEASE_PATH)
    security = dict(rules[0][1])
    assert rules[0][0] == f"{BASE_PATH}/*", rules[0]
    assert security == {name: page.header(name) for name in security}


def test_headers_file_caches_every_written_file_as_nginx_does(served):
    """File by file, in every language's folder and under the sub-path: the
    Cache-Control `_headers` gives is the one nginx sends. Pages (HTML) get no
    rule: those hosts send their own `max-age=0, must-revalidate`."""
    rules = headers_rules(served)
    files = [p.relative_to(served.output).as_posix() for p in sorted(served.output.rglob("*"))
             if p.is_file() and p.suffix not in (".gz", ".br") and p.name != "_headers"]
    assert any(f.startswith("zh-hant/") and f.endswith(".avif") for f in files), files[:20]
    disagreements = []
    for name in files:
        path = f"{BASE_PATH}/{name}"
        promised = headers_for(rules, path).get("Cache-Control", [])
        response = get(served, path)
        if name.endswith(".html"):
            if promised or response.status != 200:
                disagreements.append((path, response.status, promised, "a page: no rule"))
            continue
        if response.status != 200 or promised != [response.header("Cache-Control")]:
            disagreements.append((path, response.status, promised,
                                  response.header("Cache-Control")))
    assert disagreements == [], (
        f"{len(disagreements)} of {len(files)} files: (path, status, _headers, nginx):\n  "
        + "\n  ".join(map(str, disagreements[:30])))
