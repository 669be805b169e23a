"""Search index shards of earlier builds, reused while their pages are unchanged.

Pagefind is the slowest step of a large build and has no incremental mode,
but the index is built one language at a time (search_shards.py), and a
shard's bundle depends only on the pages it reads (paths and bytes),
Pagefind's version, its arguments and the code that post-processes its
output. A digest of exactly those names the shard: a build whose English
pages are unchanged reuses the English shard even if a Chinese page changed,
and a build that writes every release page again unchanged (a scheduled
publish in which no embargo lifted, a style change) rebuilds nothing. Any
change to any page of a shard changes its digest, so a stale shard is never
used.

Shards live under PRESS_ROOM_CACHE_PATH/search/<digest>/. The ones used by
the most recent builds are kept — KEEP_BUILDS times the number of shards of
the current build, the least recently used removed first — so a preview and
a publish build (whose pages differ in their URLs) do not evict each other.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
import shutil
import tempfile
import time

CACHE_FOLDER = "search"
KEEP_BUILDS = 2
_PARTIAL = ".partial"
# A scratch folder this old was left by an interrupted build; a younger one may
# belong to a build running now.
STALE_SCRATCH_SECONDS = 24 * 3600


def page_matcher(patterns: list[str]) -> re.Pattern:
    """The release-page patterns (`*` for a placeholder) as one expression.

    `*` may cross a folder here (Pagefind's may not): a shard may list a file
    Pagefind then skips — harmless, its run applies the real glob — but never
    misses one it reads."""
    alternatives = [".*".join(re.escape(part) for part in pattern.split("*"))
                    for pattern in patterns]
    return re.compile("^(?:" + "|".join(alternatives) + ")$")


def code_digest(arguments: list[str], code_files: tuple[str, ...]) -> str:
    """What every shard is made with: Pagefind's version, its arguments (minus
    the site folder) and the code that post-processes its bundle."""
    digest = hashlib.sha256()
    digest.update(importlib.metadata.version("pagefind").encode() + b"\0")
    digest.update("\0".join(arguments).encode() + b"\0")
    for path in code_files:
        with open(path, "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()


def shard_key(code: str, language: str, pages_digest: str) -> str:
    return hashlib.sha256(f"{code}\0{language}\0{pages_digest}".encode()).hexdigest()[:32]


def _root(cache_path: str) -> str:
    return os.path.join(cache_path, CACHE_FOLDER)


def lookup(cache_path: str, key: str) -> str | None:
    """The cached shard bundle for `key`, marked most recently used; None if none."""
    entry = os.path.join(_root(cache_path), key)
    if not os.path.isdir(entry):
        return None
    os.utime(entry)
    return entry


def scratch(cache_path: str | None) -> str:
    """A new working folder: in the cache when there is one, so that a finished
    shard is moved into it rather than copied."""
    if cache_path:
        os.makedirs(_root(cache_path), exist_ok=True)
        return tempfile.mkdtemp(prefix="build-", suffix=_PARTIAL, dir=_root(cache_path))
    return tempfile.mkdtemp(prefix="press-room-search-")


def store(cache_path: str, key: str, bundle: str) -> str:
    """Move the finished shard `bundle` into the cache under `key`; its new path.

    `bundle` is in a scratch folder of the same cache: the move is a rename,
    done only once the bundle is complete, so an interrupted build never
    leaves a partial shard under a digest."""
    entry = os.path.join(_root(cache_path), key)
    shutil.rmtree(entry, ignore_errors=True)
    os.rename(bundle, entry)
    return entry


def evict(cache_path: str, shards_per_build: int) -> None:
    """Keep the shards of the KEEP_BUILDS most recent builds, and no scratch
    folder left long ago by an interrupted build."""
    root = _root(cache_path)
    if not os.path.isdir(root):
        return
    entries = []
    for name in os.listdir(root):
        path = os.path.join(root, name)
        if not os.path.isdir(path):
            continue
        if name.endswith(_PARTIAL):
            if time.time() - os.path.getmtime(path) > STALE_SCRATCH_SECONDS:
                shutil.rmtree(path, ignore_errors=True)
        else:
            entries.append(path)
    entries.sort(key=os.path.getmtime, reverse=True)
    for old in entries[KEEP_BUILDS * max(shards_per_build, 1):]:
        shutil.rmtree(old, ignore_errors=True)
