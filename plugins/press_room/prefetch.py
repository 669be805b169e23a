"""Release files read over all cores before Pelican asks for them.

Pelican reads content one file at a time; YAML, Markdown and the HTML checks
are a quarter of a large cold build. When the articles generator starts, the
release files that neither Pelican's content cache nor the parsed-release
cache (incremental/release_cache.py) can answer are parsed in forked
worker processes (`parsing.parse_release`, a pure function of the file and the
settings) and the results wait here until the reader asks for each one. What
Pelican does with them afterwards — metadata processing, caching, the order of
reading — is unchanged, so a prefetched build equals a sequential one.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time

from .incremental import release_cache
from .parallel_render import worker_count
from .parsing import parse_release

logger = logging.getLogger(__name__)

# Below this many files a pool costs more than it saves.
MIN_FILES = 64

_parsed: dict[str, object] = {}
_settings_for_workers = None


def take(source_path: str):
    """The prefetched parse of `source_path` (once), or None."""
    return _parsed.pop(os.path.abspath(source_path), None)


def _parse(path: str):
    return path, parse_release(path, _settings_for_workers)


def _uncached_release_files(generator) -> list[str]:
    readers = generator.readers
    paths = []
    for relative in generator.get_files(generator.settings["ARTICLE_PATHS"],
                                        exclude=generator.settings["ARTICLE_EXCLUDES"]):
        path = os.path.abspath(os.path.join(generator.path, relative))
        if not path.endswith(".md"):
            continue
        if readers.get_cached_data(path, None) is not None:
            continue  # Pelican's content cache has it: nothing to parse
        paths.append(path)
    return paths


def prefetch_articles(generator) -> None:
    """Pelican's article_generator_init: answer what the parsed-release cache
    has, parse the rest in parallel (and keep it in the cache)."""
    global _settings_for_workers
    _parsed.clear()
    settings = generator.settings
    missing = {}
    for path in _uncached_release_files(generator):
        cache_key = release_cache.key(path, settings)
        cached = release_cache.load(settings, cache_key)
        if cached is not None:
            _parsed[path] = cached
        else:
            missing[path] = cache_key
    workers = worker_count(settings)
    if workers < 2 or len(missing) < MIN_FILES:
        return  # the reader parses (and caches) them one by one
    started = time.monotonic()
    _settings_for_workers = settings
    # Fork: the workers inherit the settings and the loaded plugin; only file
    # paths go out and parsed releases (strings, dates) come back.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for path, parsed in pool.imap_unordered(_parse, sorted(missing), chunksize=32):
            _parsed[path] = parsed
            release_cache.store(settings, missing[path], parsed)
    _settings_for_workers = None
    logger.debug("Prefetched %d release files in %d processes in %.1f s",
                  len(missing), workers, time.monotonic() - started)
