"""What this build produced, and removing from the output what it did not.

A clean build writes into an empty folder; a preview build writes over the
last one, so a release deleted since (its pages, photos, ZIP, feed entries)
would stay. After the pages are written, every file in the output that this
build did not produce is removed, and every folder left empty, so the tree is
the one a clean build gives.

A file counts as produced when
- it was written (created, replaced or linked) during this build: its inode,
  size, modification or change time differ from the snapshot taken when the
  build started — so any new output, by any generator, is never removed
  (a hard link whose change time alone moved is not counted: another link to
  its file may have moved it); or
- a step of the build declares it: a page kept from the last build
  (page_records), a photo or ZIP already in place (generator.py), a static
  file Pelican did not copy again because it is up to date. A step that
  leaves an unchanged file in place must declare it (`declare`).

The search index's folder is left to its own step, which runs after the
pages are cleaned (so a removed release is never indexed) and empties the
folder before it links in this build's shards: whatever is in it afterwards is
this build's. (Its files are hard links to cached shards, the same inodes as
the last build's: judged by the snapshot, they would look left over.)
"""

from __future__ import annotations

import logging
import os

from ..search_index import BUNDLE_DIR
from . import pelican_internals

logger = logging.getLogger(__name__)


class _Build:
    def __init__(self, output_path: str | None = None, settings=None):
        self.output_path = output_path
        self.settings = settings or {}
        self.snapshot: dict[str, tuple] = {}
        self.declared: set[str] = set()


_build = _Build()


def _state(status: os.stat_result) -> tuple:
    return (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def _files(root: str, skip: set[str]):
    """(relative name, lstat) of every file under root; top-level names in skip left out."""
    if not os.path.isdir(root):
        return
    start = len(os.path.join(root, ""))
    for folder, subfolders, files in os.walk(root):
        if folder == root:
            subfolders[:] = [name for name in subfolders if name not in skip]
            files = [name for name in files if name not in skip]
        for name in files:
            path = os.path.join(folder, name)
            yield path[start:].replace(os.sep, "/"), os.lstat(path)
        for name in subfolders:  # a link to a folder is a file here: never followed
            path = os.path.join(folder, name)
            if os.path.islink(path):
                yield path[start:].replace(os.sep, "/"), os.lstat(path)


def start(pelican) -> None:
    """Pelican's `get_generators` (sent at the start of every run, before the
    output is cleaned or written): the output as it is before this build.
    Returns no generator."""
    global _build
    _build = _Build(pelican.output_path, pelican.settings)
    skip = pelican_internals.retained_names(pelican.settings)
    _build.snapshot = {name: _state(status) for name, status in _files(pelican.output_path, skip)}


def declare(names) -> None:
    """Files (relative to the output) this build produces without writing them."""
    _build.declared.update(name.replace(os.sep, "/") for name in names)


def declare_static(generators) -> None:
    """Pelican's `all_generators_finalized`: static files count as produced."""
    for generator in generators:
        context = getattr(generator, "context", None)
        if context is not None:
            declare(pelican_internals.static_outputs(context))
            return


def _produced(name: str, status: os.stat_result) -> bool:
    if name in _build.declared:
        return True
    before = _build.snapshot.get(name)
    if before is None:
        return True  # new in this build
    now = _state(status)
    if before[:3] != now[:3]:
        return True  # replaced or written
    # Only the change time moved: a write with the same bytes in the same
    # clock tick — or, for a hard link, another link to the same file made
    # or removed elsewhere (a photo published for another release), which
    # says nothing about this one. Hard links are declared by their writer.
    return before[3] != now[3] and status.st_nlink == 1


def remove_unproduced(only: str | None = None, skip_folder: str | None = None) -> list[str]:
    """Remove files of the output this build did not produce (within `only`,
    a top-level folder, or outside `skip_folder`), then empty folders."""
    root = _build.output_path
    if not root or not os.path.isdir(root):
        return []
    skip = pelican_internals.retained_names(_build.settings)
    if skip_folder:
        skip = skip | {skip_folder}
    base = os.path.join(root, only) if only else root
    # Decided for every file first: removing one link of a file changes the
    # others' change time.
    removed = []
    for name, status in _files(base, set() if only else skip):
        relative = f"{only}/{name}" if only else name
        if not _produced(relative, status):
            removed.append(relative)
    for relative in removed:
        os.remove(os.path.join(root, relative))
    _remove_empty_folders(base, set() if only else skip)
    if removed:
        logger.info("Output: removed %d file(s) this build no longer produces", len(removed))
        logger.debug("Removed: %s", ", ".join(sorted(removed)))
    return removed


def _remove_empty_folders(base: str, skip: set[str]) -> None:
    if not os.path.isdir(base):
        return
    for folder, subfolders, files in os.walk(base, topdown=False):
        if folder == base:
            continue
        top = os.path.relpath(folder, base).split(os.sep)[0]
        if top in skip or os.path.islink(folder):
            continue
        try:
            os.rmdir(folder)  # only succeeds when empty
        except OSError:
            pass


def remove_unproduced_pages(pelican=None) -> None:
    """Pelican's `finalized`, after the pages are written, before the search index."""
    remove_unproduced(skip_folder=BUNDLE_DIR)
