"""Write precompressed siblings (x.css.gz, x.css.br) beside the site's text files.

    python scripts/precompress.py OUTPUT_DIR

nginx (`gzip_static on`, see hosting/nginx/pressroom.conf) serves `x.css.gz` in
place of `x.css` to a client that accepts gzip, without compressing on every
request; `.br` is written too when the `brotli` package is installed (nginx
needs the brotli_static module for it; other hosts compress for themselves).

- Text files only (HTML, CSS, JS, XML feeds and sitemap, JSON, TXT, SVG, web
  manifest), Pagefind's .js/.json/.css included; Pagefind's index files
  (.pf_*, .pagefind) are compressed already and are left alone, as are photos
  and ZIPs.
- Files under 1 KiB are skipped (the headers cost more than the saving), and
  so is a sibling that would not be smaller than 90% of the original.
- Deterministic: gzip level 9 with mtime 0 and no file name in the header,
  brotli quality 11 (6 for pages, feeds and sitemaps: there are thousands):
  the same site gives the same bytes. A sibling already holding the right
  bytes is not rewritten; a stale one (its file gone, or no longer worth it)
  is removed.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

try:
    import brotli
except ImportError:  # optional: .gz alone is what nginx serves out of the box
    brotli = None

TEXT_SUFFIXES = {".html", ".css", ".js", ".mjs", ".xml", ".json", ".txt", ".svg",
                 ".webmanifest"}
MIN_SIZE = 1024
MAX_RATIO = 0.9  # keep a sibling only when it is under 90% of the original
PAGE_SUFFIXES = {".html", ".xml", ".txt"}  # many files: a faster brotli quality
BROTLI_QUALITY_PAGES = 6
PARALLEL_FROM = 100  # files; fewer run in this process


def gzip_bytes(data: bytes) -> bytes:
    """gzip level 9, mtime 0, no file name: the same input gives the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9,
                       mtime=0) as stream:
        stream.write(data)
    return buffer.getvalue()


def brotli_bytes(data: bytes, quality: int = 11) -> bytes:
    return brotli.compress(data, mode=brotli.MODE_TEXT, quality=quality)


def compressors(path: Path) -> dict[str, Callable[[bytes], bytes]]:
    """The siblings to write for `path`: .gz, and .br when brotli is installed.

    Brotli's quality 11 is ~15% smaller than 6 but ~20x slower (~40 ms for a
    27 KB release page): worth it for the few CSS/JS/SVG/JSON files every page
    loads, not for thousands of pages, feeds and sitemaps rewritten each publish.
    """
    quality = BROTLI_QUALITY_PAGES if path.suffix in PAGE_SUFFIXES else 11
    return {".gz": gzip_bytes,
            **({".br": lambda data: brotli_bytes(data, quality)} if brotli else {})}


def _sync(path: Path, wanted: bytes | None) -> str:
    """Make `path` hold `wanted` (None: not exist). Returns what was done."""
    if wanted is None:
        if path.exists():
            path.unlink()
            return "removed"
        return "skipped"
    if path.exists() and path.read_bytes() == wanted:
        return "kept"
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(wanted)
    os.replace(temporary, path)  # never a half-written sibling for a server to find
    return "written"


def precompress_file(path: Path) -> dict[str, str]:
    """Write or remove the siblings of one text file; {suffix: what was done}."""
    data = path.read_bytes()
    done = {}
    for suffix, compress in compressors(path).items():
        wanted = None
        if len(data) >= MIN_SIZE:
            packed = compress(data)
            if len(packed) < MAX_RATIO * len(data):
                wanted = packed
        done[suffix] = _sync(path.with_name(path.name + suffix), wanted)
    return done


def text_files(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*") if p.suffix in TEXT_SUFFIXES and p.is_file())


def orphans(output: Path) -> list[Path]:
    """Siblings whose text file is gone (a preview build does not empty output/)."""
    return sorted(p for suffix in (".gz", ".br") for p in output.rglob(f"*{suffix}")
                  if Path(p.stem).suffix in TEXT_SUFFIXES and not p.with_suffix("").exists())


def map_files(function, files: list[Path]) -> list:
    """`function` over `files`, on every core when there are enough of them
    (brotli at quality 11 is the slow part; starting workers costs ~0.3 s)."""
    if len(files) < PARALLEL_FROM:
        return [function(path) for path in files]
    with ProcessPoolExecutor() as pool:
        return list(pool.map(function, files, chunksize=16))


def precompress(output: Path) -> dict[str, int]:
    """Precompress every text file under `output`; counts of what was done."""
    counts: dict[str, int] = {}
    for done in map_files(precompress_file, text_files(output)):
        for suffix, action in done.items():
            counts[f"{suffix} {action}"] = counts.get(f"{suffix} {action}", 0) + 1
    for path in orphans(output):
        path.unlink()
        counts["orphans removed"] = counts.get("orphans removed", 0) + 1
    return counts


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python scripts/precompress.py OUTPUT_DIR", file=sys.stderr)
        return 2
    counts = precompress(Path(argv[0]))
    summary = ", ".join(f"{count} {what}" for what, count in sorted(counts.items()))
    print(f"precompress: {summary or 'no text files'}"
          + ("" if brotli else " (no .br: the brotli package is not installed)"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
