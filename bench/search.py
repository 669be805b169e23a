"""Search benchmark: `make bench-search` (`BENCH_ARGS="--count 5000"` for 5,000).

Builds a synthetic corpus (bench/corpus.py, text only) with the real
configuration — Pelican and the Pagefind step, as `make html` does — and
measures:

- the search step's time in a cold build (empty caches) and in rebuilds
  after editing one English-only release and one translated release (the
  step's own figure from the build log: "Search: indexed … in N s");
- the index step alone over the built output, with its peak memory (summed
  PSS of the process tree, bench/build_bench.py's sampler): as the build runs
  it (one Pagefind run per language, search_shards.py) and as one Pagefind run
  over every release page (how the index was built before, and what any
  change to any page cost);
- the size of the Pagefind index, and the bytes Chromium fetches to answer
  one query on the search page.

Writes bench/results-search.md (bench/results-search-<N>.md for another
count). A benchmark, not a test: it asserts only that the builds succeed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
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

from build_bench import measure  # noqa: E402
from corpus import generate  # noqa: E402

sys.path.insert(0, str(REPO / "plugins"))
# Rich appends the logging call's file:line to the message's line.
SEARCH_STEP = re.compile(r"Search: indexed (\d+) release page\(s\).*? in ([\d.]+) s: "
                         r"(.*?)(?: \S+\.py:\d+|$)")
INDEX_ALONE = """
import sys
sys.path.insert(0, "plugins")
from types import SimpleNamespace
from pelican.settings import read_settings
from press_room.search_index import build_index
settings = read_settings("pelicanconf.py", override={"PATH": sys.argv[1]})
settings["PRESS_ROOM_CACHE_PATH"] = sys.argv[3] or None
build_index(SimpleNamespace(settings=settings, output_path=sys.argv[2]))
"""

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def folder_bytes(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def query_bytes(output: Path, query: str) -> tuple[int, int, int, dict]:
    """(requests, bytes under /pagefind/, all bytes, {kind of index file: (files, bytes)})
    Chromium fetches for one query."""
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
    search = [(u, size) for u, size in sizes if "/pagefind/" in u]
    kinds: dict[str, list[int]] = {}
    for url, size in search:
        kinds.setdefault(_kind(url), []).append(size)
    return (len(sizes), sum(size for _, size in search), sum(size for _, size in sizes),
            {kind: (len(found), sum(found)) for kind, found in sorted(kinds.items())})


def _kind(url: str) -> str:
    """What a fetched index file is: its folder or suffix (pf_meta, pf_index, …)."""
    name = url.split("?")[0].rsplit("/", 1)[-1]
    for suffix in ("pf_meta", "pf_index", "pf_filter", "pf_fragment", "pagefind"):
        if name.endswith("." + suffix):
            return "WebAssembly" if suffix == "pagefind" else suffix
    return name


def build(scratch: Path, name: str):
    """One build of the corpus into scratch/output with scratch/cache; (run, search log line)."""
    settings = {"PRESS_ROOM_CACHE_PATH": str(scratch / "cache")}
    log = scratch / "logs" / f"{name}.log"
    run = measure([str(Path(sys.executable).parent / "pelican"), str(scratch / "content"),
                   "-s", "pelicanconf.py", "-o", str(scratch / "output"), "--fatal", "errors",
                   "--verbose",  # the search step's figure is an INFO line
                   "-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())],
                  log)
    found = SEARCH_STEP.search(" ".join(log.read_text(errors="replace").split()))
    return run, (found[2], found[3]) if found else ("?", "no search step in the log")


def edit(content: Path, translated: bool) -> str:
    """Add a sentence to one release — the first in folder order that has, or has
    not, translations — in each of its languages; its folder."""
    for release in sorted(path.parent for path in (content / "releases").glob("*/*/index.md")):
        if (release / "index.zh-hant.md").exists() == translated:
            for path in sorted(release.glob("index*.md")):
                path.write_text(path.read_text(encoding="utf-8").rstrip("\n")
                                + "\n\nThis release was corrected after publication.\n",
                                encoding="utf-8")
            return release.relative_to(content).as_posix()
    raise SystemExit("no release to edit")


def index_alone(scratch: Path, name: str, cache: Path | None = None, one_run: bool = False):
    """The index step by itself over the built output: as the build runs it (one
    Pagefind run per language, with `cache` if given), or as one Pagefind run over
    every release page (`one_run`: how every build that changed a page indexed before)."""
    from pelican.settings import read_settings
    from press_room.search_index import pagefind_command, release_page_glob

    target = scratch / "alone"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(scratch / "output", target, ignore=shutil.ignore_patterns("pagefind"),
                    copy_function=os.link)
    if one_run:
        settings = read_settings(str(REPO / "pelicanconf.py"),
                                 override={"PATH": str(scratch / "content")})
        command = pagefind_command(str(target), release_page_glob(settings))
    else:
        command = [sys.executable, "-c", INDEX_ALONE, str(scratch / "content"), str(target),
                   str(cache or "")]
    run = measure(command, scratch / "logs" / f"alone-{name}.log")
    print(f"  index step alone, {name}: {run.seconds:.1f} s, {run.cpu_seconds:.1f} CPU s, "
          f"{run.peak_mib:.0f} MiB", flush=True)
    return run


def row(label: str, run) -> str:
    return f"| {label} | {run.seconds:.1f} | {run.cpu_seconds:.1f} | {run.peak_mib:.0f} |"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--query", default="innovation")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    output = args.output or REPO / ("bench/results-search.md" if args.count == 1000
                                    else f"bench/results-search-{args.count}.md")
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        generate(args.count, scratch / "content", photos=False)
        cold, cold_search = build(scratch, "cold")
        pages = sum(1 for _ in (scratch / "output").rglob("*.html"))
        index_files, index_bytes = folder_bytes(scratch / "output/pagefind")
        requests, search_bytes, all_bytes, kinds = query_bytes(scratch / "output", args.query)
        after_cold = scratch / "cache-after-cold"
        shutil.copytree(scratch / "cache/search", after_cold / "search")
        one_run = index_alone(scratch, "one run over every page", one_run=True)
        shards = index_alone(scratch, "per language, cold")
        edited_en = edit(scratch / "content", translated=False)
        edit_en, edit_en_search = build(scratch, "edit-english")
        shards_edit = index_alone(scratch, "per language, after the English-only edit",
                                  cache=after_cold)
        shards_same = index_alone(scratch, "per language, nothing changed",
                                  cache=scratch / "cache")
        edited_zh = edit(scratch / "content", translated=True)
        edit_zh, edit_zh_search = build(scratch, "edit-translated")
    report = "\n".join([
        "# Search benchmark", "",
        f"Corpus: {args.count} releases (bench/corpus.py, text only, ~30% also in two Chinese "
        f"scripts), {pages} HTML pages. Machine: {os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()}; load average at the start {load:.1f} (the "
        "machine is shared: CPU seconds are steadier than wall times). Build = Pelican + "
        "Pagefind, as `make html`; the cold build with empty caches, the rebuilds into the same "
        "output with the same cache. Memory: summed PSS of the process tree "
        "(bench/build_bench.py's sampler) or the largest RSS if larger.", "",
        "The index step alone, over the built output (`alone/` in the scratch folder):", "",
        "| index step | seconds | CPU seconds | peak MiB |", "|---|---:|---:|---:|",
        row("one Pagefind run over every release page — before: every cold build and every "
            "build after any page changed", one_run),
        row("one run per language, cold (no cache)", shards),
        row("one run per language, after editing one English-only release: English rebuilt, "
            "Chinese reused", shards_edit),
        row("one run per language, nothing changed: every shard reused", shards_same), "",
        "In whole builds (the search step's own figure, from the build log):", "",
        "| measure | value |", "|---|---:|",
        f"| build time (cold, no photos), seconds | {cold.seconds:.1f} |",
        f"| search step in the cold build, seconds | {cold_search[0]} |",
        f"| search step after editing one English-only release ({edited_en}), seconds "
        f"| {edit_en_search[0]} |",
        f"| … what it rebuilt | {edit_en_search[1]} |",
        f"| rebuild after that edit: whole build, seconds, peak MiB | {edit_en.seconds:.1f}, "
        f"{edit_en.peak_mib:.0f} |",
        f"| search step after editing one translated release ({edited_zh}; all three "
        f"languages), seconds | {edit_zh_search[0]} |",
        f"| … what it rebuilt | {edit_zh_search[1]} |",
        f"| Pagefind index: files | {index_files:,} |",
        f"| Pagefind index: bytes on disk | {index_bytes:,} |",
        f"| one query (“{args.query}”): requests by the search page | {requests} |",
        f"| one query: bytes fetched from /pagefind/ | {search_bytes:,} |",
        f"| one query: all bytes fetched (page, CSS, JS, index) | {all_bytes:,} |",
        *(f"| … of /pagefind/: {kind} ({count} file{'s' if count > 1 else ''}) | {size:,} |"
          for kind, (count, size) in kinds.items()), ""])
    output.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
