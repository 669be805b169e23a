"""Site search: a Pagefind index of the release pages, built after Pelican.

Pagefind reads finished HTML, so it runs on Pelican's `finalized` signal, once
every page is written. It indexes only elements marked `data-pagefind-body`
(the release pages' <article>), so listings, tag pages and the shared parts a
release ignores (`data-pagefind-ignore`) never turn up as results. The index
is output like any page: it must be built before the leak audit reads the
output, so that a withheld release's words in it would fail a publish build.

The extended Pagefind build (`pagefind[extended]`) is required: it is the one
that segments Chinese into words.

Pagefind runs once per page language over just that language's pages, and
the shards are joined into the bundle one run over everything would write
(search_shards.py); a shard whose pages are unchanged comes from the cache
(search_cache.py) instead of a run.

Same input, same output: Pagefind 1.5 writes its filter chunks (year,
category), the languages of its entry file and so the names of the files that
refer to them in a random order (a Rust HashMap's), so two builds of the same
site differed. After Pagefind, that order is fixed: values and languages
sorted, files renamed after their new bytes. The chunks are gzip-compressed
CBOR after a `pagefind_dcd` signature; only the few CBOR types Pagefind uses
are read and written here.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import re
import shutil
import struct
import subprocess
import sys
import time

from . import search_cache, search_shards
from .problems import ContentError, display_path

logger = logging.getLogger(__name__)

BUNDLE_DIR = "pagefind"
ENTRY_FILE = "pagefind-entry.json"
SIGNATURE = b"pagefind_dcd"  # what every chunk starts with, once gunzipped
# Pagefind's ready-made search interfaces: the site has its own search page
# (theme/templates/search.html, js/search.js), so these ~400 KB are dead weight.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(ContentError):
    """Pagefind could not index the output; the build must not pass without search."""


_PLACEHOLDER = re.compile(r"\{[^}]*\}")
RELEASE_PAGE_SETTINGS = ("ARTICLE_SAVE_AS", "ARTICLE_LANG_SAVE_AS",
                         "DRAFT_SAVE_AS", "DRAFT_LANG_SAVE_AS")


def release_page_patterns(settings) -> list[str]:
    """Where release pages are written: ARTICLE_SAVE_AS and its kin with `*`
    for each placeholder."""
    return sorted({_PLACEHOLDER.sub("*", settings[name])
                   for name in RELEASE_PAGE_SETTINGS if settings.get(name)}) or ["**/*.html"]


def release_page_glob(settings) -> str:
    """The release pages as one Pagefind glob.

    Only release pages carry `data-pagefind-body`; the other ~40% of the
    pages (listings, tags, years) would be read and parsed for nothing (a
    fifth of Pagefind's time)."""
    patterns = release_page_patterns(settings)
    return patterns[0] if len(patterns) == 1 else "{" + ",".join(patterns) + "}"


def pagefind_command(site: str, glob: str) -> list[str]:
    # The interpreter running Pelican: Pagefind comes from the same environment.
    return [sys.executable, "-m", "pagefind", "--site", site, "--glob", glob, "--silent"]


def _unique_lines(text: str) -> str:
    """Pagefind repeats its error lines; one of each is the whole story."""
    seen, lines = set(), []
    for line in (line.rstrip() for line in text.splitlines()):
        if line and line not in seen:
            seen.add(line)
            lines.append(line)
    return "\n".join(lines)


def indexed_pages(output_path: str) -> dict[str, int]:
    """Pages in the index, by language, as Pagefind's entry file records them."""
    with open(os.path.join(output_path, BUNDLE_DIR, ENTRY_FILE), encoding="utf-8") as handle:
        entry = json.load(handle)
    return {language: info["page_count"] for language, info in entry["languages"].items()}


def build_index(pelican) -> None:
    """Pelican's `finalized` signal: index the written output with Pagefind.

    One Pagefind run per page language (search_shards.py), each reused from
    the cache while its pages are unchanged (search_cache.py), then joined
    into the one bundle a single run would have written."""
    output_path = pelican.output_path
    bundle = os.path.join(output_path, BUNDLE_DIR)
    # A preview build keeps output/ between builds: an old bundle would still
    # answer searches with releases since removed or withheld, or with search off.
    shutil.rmtree(bundle, ignore_errors=True)
    if not pelican.settings.get("PRESS_ROOM_SEARCH", True):
        return

    started = time.monotonic()
    settings = pelican.settings
    glob = release_page_glob(settings)
    patterns = release_page_patterns(settings)
    shards = search_shards.shards(
        output_path, search_shards.release_pages(output_path, search_cache.page_matcher(patterns)))
    if not shards:
        # No page to index: Pagefind's own run says so (and fails the build).
        _run_pagefind(pagefind_command(output_path, glob), output_path, bundle)
        return
    cache_path = settings.get("PRESS_ROOM_CACHE_PATH")  # None: no reuse
    code = search_cache.code_digest(pagefind_command("", glob)[1:],
                                    code_files=(__file__, search_shards.__file__))
    work = search_cache.scratch(cache_path)
    rebuilt, reused = [], []
    try:
        shard_bundles = []
        for shard in shards:
            key = search_cache.shard_key(code, shard.language, shard.digest())
            cached = search_cache.lookup(cache_path, key) if cache_path else None
            if cached:
                reused.append(shard.language or "no language")
                shard_bundles.append(cached)
                continue
            site = os.path.join(work, f"site-{len(shard_bundles)}")
            search_shards.link_site(output_path, shard, site)
            built = os.path.join(site, BUNDLE_DIR)
            _run_pagefind(pagefind_command(site, glob), site, built)
            if cache_path:
                built = search_cache.store(cache_path, key, built)
            rebuilt.append(shard.language or "no language")
            shard_bundles.append(built)
        try:
            pages = search_shards.join(shard_bundles, bundle)
        except search_shards.ShardsDisagree as disagreement:
            # Never expected (Pagefind keys its indexes by <html lang>, as the
            # shards are): one run over everything is right by construction.
            logger.warning("Search: the language shards could not be joined (%s): "
                           "indexing every page in one run", disagreement)
            shutil.rmtree(bundle, ignore_errors=True)
            _run_pagefind(pagefind_command(output_path, glob), output_path, bundle)
            pages = indexed_pages(output_path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if cache_path:
        search_cache.evict(cache_path, len(shards))
    if not rebuilt:
        how = "the release pages are unchanged since the last index: reused it"
    else:
        how = (f"Pagefind ran for {', '.join(rebuilt)}"
               + (f"; unchanged, reused: {', '.join(reused)}" if reused else ""))
    logger.info("Search: indexed %d release page(s) (%s) in %.1f s: %s",
                sum(pages.values()),
                ", ".join(f"{language}: {count}" for language, count in sorted(pages.items())),
                time.monotonic() - started, how)


def _run_pagefind(command: list[str], output_path: str, bundle: str) -> None:
    """Pagefind over the output, then its bundle made reproducible and lean."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:  # the interpreter itself could not be started
        raise SearchIndexError(f"the search index was not built: {error}") from error
    if result.returncode != 0 or not os.path.isfile(os.path.join(bundle, ENTRY_FILE)):
        details = _unique_lines(result.stderr) or _unique_lines(result.stdout) or "no message"
        if "No module named pagefind" in details:
            details += ("\nInstall the build's requirements (requirements.lock): they pin "
                        "pagefind and pagefind_bin_extended")
        raise SearchIndexError(
            f"Pagefind could not build the search index of {display_path(output_path)} "
            f"(exit {result.returncode}):\n{details}")

    try:
        fix_filter_order(bundle)
    except (OSError, ValueError, KeyError, IndexError, TypeError) as error:
        # Search works either way; only byte-for-byte reproducibility is lost.
        logger.warning("Search: Pagefind's filter index was left in its own order (%s): "
                       "two builds of the same site may differ in bytes", error)

    for name in UNUSED_BUNDLE_FILES:
        path = os.path.join(bundle, name)
        if os.path.isfile(path):
            os.remove(path)


# --- a fixed order for Pagefind's filter index ----------------------------------------------

def _cbor_decode(data: bytes, at: int = 0):
    """(value, next offset) of the CBOR item at `at`: integers, strings, arrays, maps."""
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        argument = info
    elif info <= 27:
        size = 1 << (info - 24)
        argument = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise ValueError(f"unexpected CBOR item {head:#x} at byte {at - 1}")
    if major == 0:
        return argument, at
    if major == 1:
        return -1 - argument, at
    if major in (2, 3):
        raw = data[at:at + argument]
        return (bytes(raw) if major == 2 else raw.decode("utf-8")), at + argument
    if major in (4, 5):
        items = []
        for _ in range(argument * (2 if major == 5 else 1)):
            item, at = _cbor_decode(data, at)
            items.append(item)
        return (items if major == 4 else dict(zip(items[::2], items[1::2]))), at
    raise ValueError(f"unexpected CBOR type {major} at byte {at - 1}")


def _cbor_head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if argument < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, argument)
    raise ValueError(f"{argument} is too large for CBOR")


def _cbor_encode(value) -> bytes:
    """Shortest-form CBOR, as Pagefind writes it."""
    if isinstance(value, bool) or value is None:
        raise TypeError(f"no CBOR encoding here for {value!r}")
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _cbor_head(3, len(raw)) + raw
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(_cbor_encode(item) for item in value)
    if isinstance(value, dict):
        return _cbor_head(5, len(value)) + b"".join(
            _cbor_encode(key) + _cbor_encode(item) for key, item in value.items())
    raise TypeError(f"no CBOR encoding here for {type(value).__name__}")


def read_chunk(path: str):
    with open(path, "rb") as handle:
        data = gzip.decompress(handle.read())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{os.path.basename(path)} is not a Pagefind chunk")
    value, end = _cbor_decode(data, len(SIGNATURE))
    if end != len(data):
        raise ValueError(f"{os.path.basename(path)}: {len(data) - end} bytes after the data")
    return value


def _chunk_bytes(value) -> tuple[bytes, str]:
    """The gzip file of a chunk (no timestamp in it) and the digest its name carries."""
    data = SIGNATURE + _cbor_encode(value)
    return gzip.compress(data, compresslevel=9, mtime=0), hashlib.sha256(data).hexdigest()


def _renamed(old_hash: str, digest: str) -> str:
    """A chunk name like Pagefind's, `<language>_<hex>`, the hex from the new bytes."""
    language, _, hex_part = old_hash.rpartition("_")
    if not language or not hex_part:
        raise ValueError(f"unexpected Pagefind chunk name {old_hash!r}")
    return f"{language}_{digest[:len(hex_part)]}"


def fix_filter_order(bundle: str) -> None:
    """Sort each filter's values and the entry file's languages; rename what changed.

    Everything is read and planned first, then written, then the replaced
    files removed: an unexpected format leaves Pagefind's bundle as it was.
    """
    entry_path = os.path.join(bundle, ENTRY_FILE)
    with open(entry_path, encoding="utf-8") as handle:
        entry = json.load(handle)
    writes: dict[str, bytes] = {}
    replaced: list[str] = []
    for info in entry["languages"].values():
        meta_path = os.path.join(bundle, f"pagefind.{info['hash']}.pf_meta")
        meta = read_chunk(meta_path)
        if not (isinstance(meta, list) and len(meta) > 3 and isinstance(meta[3], list)):
            raise ValueError(f"unexpected layout of {os.path.basename(meta_path)}")
        filters = []
        for name, chunk_hash in meta[3]:
            path = os.path.join(bundle, "filter", f"{chunk_hash}.pf_filter")
            chunk = read_chunk(path)
            if not (isinstance(chunk, list) and len(chunk) == 2 and chunk[0] == name):
                raise ValueError(f"unexpected layout of filter/{chunk_hash}.pf_filter")
            chunk[1].sort(key=lambda pair: pair[0])
            data, digest = _chunk_bytes(chunk)
            new_hash = _renamed(chunk_hash, digest)
            writes[os.path.join(bundle, "filter", f"{new_hash}.pf_filter")] = data
            replaced.append(path)
            filters.append([name, new_hash])
        meta[3] = sorted(filters)
        data, digest = _chunk_bytes(meta)
        info["hash"] = _renamed(info["hash"], digest)
        writes[os.path.join(bundle, f"pagefind.{info['hash']}.pf_meta")] = data
        replaced.append(meta_path)
    entry["languages"] = dict(sorted(entry["languages"].items()))

    for path, data in writes.items():
        with open(path, "wb") as handle:
            handle.write(data)
    with open(entry_path, "w", encoding="utf-8") as handle:
        json.dump(entry, handle, ensure_ascii=False, separators=(",", ":"))
    for path in set(replaced) - set(writes):
        os.remove(path)
