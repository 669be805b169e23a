"""Search benchmark: `make bench-search`.

Builds a synthetic corpus (bench/corpus.py, text only) with the real
configuration — Pelican and the Pagefind step, as `make html` does — and
measures the build time, the size of the Pagefind index, and the bytes
Chromium fetches to answer one query on the search page. Writes
bench/results-search.md. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from corpus import generate  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def folder_bytes(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def query_bytes(output: Path, query: str) -> tuple[int, int, int]:
    """(requests, bytes under /pagefind/, all bytes) Chromium fetches for one query."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/search/?q={query}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page()
            fetched = []
            page.on("requestfinished", lambda request: fetched.append(request))
            page.goto(url, wait_until="load")
            page.wait_for_selector(".pr-search__result", timeout=30_000)
            page.wait_for_load_state("networkidle")
            sizes = [(r.url, r.sizes()["responseBodySize"]) for r in fetched]
            browser.close()
    finally:
        server.shutdown()
    search = [size for u, size in sizes if "/pagefind/" in u]
    return len(sizes), sum(search), sum(size for _, size in sizes)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--query", default="innovation")
    parser.add_argument("--output", type=Path, default=REPO / "bench/results-search.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        generate(args.count, scratch / "content", photos=False)
        started = time.perf_counter()
        build = subprocess.run(
            [str(Path(sys.executable).parent / "pelican"), str(scratch / "content"),
             "-s", "pelicanconf.py", "-o", str(scratch / "output"), "--fatal", "errors",
             "-e", f'PRESS_ROOM_CACHE_PATH="{scratch / "cache"}"'],
            cwd=REPO, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        assert build.returncode == 0, build.stderr[-3000:]
        pages = sum(1 for _ in (scratch / "output").rglob("*.html"))
        index_files, index_bytes = folder_bytes(scratch / "output/pagefind")
        requests, search_bytes, all_bytes = query_bytes(scratch / "output", args.query)
    report = "\n".join([
        "# Search benchmark", "",
        f"Corpus: {args.count} releases (bench/corpus.py, text only, ~30% also in two Chinese "
        f"scripts), {pages} HTML pages. Machine: {platform.machine()}, Python "
        f"{platform.python_version()}. Build = Pelican + Pagefind, as `make html`.", "",
        "| measure | value |", "|---|---:|",
        f"| build time (cold, no photos), seconds | {seconds:.1f} |",
        f"| Pagefind index: files | {index_files:,} |",
        f"| Pagefind index: bytes on disk | {index_bytes:,} |",
        f"| one query (“{args.query}”): requests by the search page | {requests} |",
        f"| one query: bytes fetched from /pagefind/ | {search_bytes:,} |",
        f"| one query: all bytes fetched (page, CSS, JS, index) | {all_bytes:,} |", ""])
    args.output.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
