"""The search index of the last build, reused while its input is unchanged.

Pagefind is the slowest step of a large build (20 s of 54 at 5,000 releases)
and has no incremental mode. Its output depends only on the release pages it
reads, its version and its arguments, so a digest of exactly those names the
bundle: when a build writes the same release pages again — a scheduled
publish run in which no embargo lifted, a rebuild after editing the site's
styles only — the previous bundle is copied in instead of rebuilt. Any change
to any indexed page changes the digest, so a stale index cannot be reused.

The two most recently used bundles are kept, under
PRESS_ROOM_CACHE_PATH/search/<digest>/: a preview and a publish build (whose
pages differ in their URLs) then do not evict each other.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
import shutil

CACHE_FOLDER = "search"
KEEP = 2


def _matcher(patterns: list[str]) -> re.Pattern:
    # `*` may cross a folder here (Pagefind's may not): the digest may cover a
    # file Pagefind skips — harmless — but never misses one it reads.
    alternatives = [".*".join(re.escape(part) for part in pattern.split("*"))
                    for pattern in patterns]
    return re.compile("^(?:" + "|".join(alternatives) + ")$")


def input_digest(output_path: str, patterns: list[str], command: list[str],
                 code_files: tuple[str, ...]) -> str:
    """Digest of what the bundle is made from: the pages the patterns match
    (paths and bytes), Pagefind's version, its arguments minus the output
    folder, and the code that post-processes its bundle."""
    digest = hashlib.sha256()
    digest.update(importlib.metadata.version("pagefind").encode() + b"\0")
    digest.update("\0".join(arg for arg in command if arg != output_path).encode() + b"\0")
    for path in code_files:
        with open(path, "rb") as handle:
            digest.update(handle.read())
    matcher = _matcher(patterns)
    pages = []
    for folder, subfolders, files in os.walk(output_path):
        subfolders.sort()
        for name in files:
            relative = os.path.relpath(os.path.join(folder, name), output_path).replace(os.sep, "/")
            if matcher.match(relative):
                pages.append(relative)
    for relative in sorted(pages):
        digest.update(relative.encode() + b"\0")
        with open(os.path.join(output_path, relative), "rb") as handle:
            digest.update(handle.read())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def _entry(cache_path: str, key: str) -> str:
    return os.path.join(cache_path, CACHE_FOLDER, key)


def restore(cache_path: str, key: str, bundle: str) -> bool:
    """Copy the cached bundle for `key` to `bundle`; False if there is none."""
    entry = _entry(cache_path, key)
    if not os.path.isdir(entry):
        return False
    shutil.copytree(entry, bundle)
    os.utime(entry)  # most recently used
    return True


def store(cache_path: str, key: str, bundle: str) -> None:
    """Keep `bundle` for `key`, and only the KEEP most recently used bundles."""
    root = os.path.join(cache_path, CACHE_FOLDER)
    os.makedirs(root, exist_ok=True)
    entry = _entry(cache_path, key)
    partial = entry + ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(bundle, partial)
    shutil.rmtree(entry, ignore_errors=True)
    # Renamed only once complete: an interrupted copy is never restored.
    os.rename(partial, entry)
    entries = sorted((os.path.join(root, name) for name in os.listdir(root)),
                     key=os.path.getmtime, reverse=True)
    others = [path for path in entries if path != entry]
    for old in others[KEEP - 1:]:
        shutil.rmtree(old, ignore_errors=True)
