"""Watch content, theme and settings; report changed paths to a callback.

watchfiles (inotify on Linux) delivers a burst of changes — an editor's
save is often several events — as one set, 50 ms after the last of them.
Folders are watched recursively; a single file (the settings file) through
its folder, not recursively, so that an editor replacing it by renaming a new
file over it is still seen.
"""

from __future__ import annotations

import os
import threading
from typing import Callable, Iterable

import watchfiles

STEP_MS = 50  # quiet time that ends a burst of changes


def _watch(paths: list[str], watch_filter, recursive: bool, on_change, stop: threading.Event):
    for changes in watchfiles.watch(*paths, watch_filter=watch_filter, step=STEP_MS,
                                    stop_event=stop, recursive=recursive, rust_timeout=1000,
                                    raise_interrupt=False):
        on_change({path for _, path in changes})


def start(folders: Iterable[str], files: Iterable[str], ignore: Iterable[str],
          on_change: Callable[[set[str]], None], stop: threading.Event) -> list[threading.Thread]:
    """Start watching in daemon threads; they end when `stop` is set."""
    folders = sorted({os.path.abspath(folder) for folder in folders if os.path.isdir(folder)})
    files = {os.path.abspath(file) for file in files}
    threads = []
    if folders:
        ignored = watchfiles.DefaultFilter(ignore_paths=[os.path.abspath(p) for p in ignore])
        threads.append(threading.Thread(
            target=_watch, args=(folders, ignored, True, on_change, stop),
            name="preview-watch", daemon=True))
    if files:
        parents = sorted({os.path.dirname(file) for file in files})
        threads.append(threading.Thread(
            target=_watch,
            args=(parents, lambda change, path: os.path.abspath(path) in files, False,
                  on_change, stop),
            name="preview-watch-settings", daemon=True))
    for thread in threads:
        thread.start()
    return threads
