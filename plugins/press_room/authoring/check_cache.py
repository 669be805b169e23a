"""What `make check` remembers between runs, so an unchanged archive is
checked in a second or two.

A release file's parse (front matter, schema, body HTML) is a pure function
of the file, its folder (which photos exist; embedded captions), the
settings and the plugin's code. It is reused only when all of them are
unchanged: the file's and every folder entry's size, modification time,
inode and change time (any write changes the change time), a digest of the
settings that shape parsing, of every plugin source file, and the working
directory (messages name files relative to it). Photo headers are
remembered the same way, by the photo file's own stat. And when no file
and no folder changed at all since the last run, that run's findings across
files (translations, unique paths) are reused as well.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

# Raise when the cache's layout changes.
FORMAT = 2
_PLUGIN = Path(__file__).resolve().parent.parent


def stat_key(path: str):
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns, info.st_mode)


def folder_key(folder: str):
    """Every entry of a release folder, by name and stat."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return None
    key = []
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        key.append((entry.name, info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns,
                    info.st_mode))
    return tuple(key)


def code_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(_PLUGIN.rglob("*.py")):
        digest.update(str(path.relative_to(_PLUGIN)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def settings_digest(settings, names) -> str:
    return hashlib.sha256(repr([(name, settings.get(name)) for name in names]).encode()).hexdigest()


class CheckCache:
    def __init__(self, directory: str, context: str):
        self.path = os.path.join(directory, "check", "parsed.pickle")
        self.context = context
        self.parsed: dict = {}
        self.photos: dict = {}
        self.last_run = None  # (key of every file and folder, what was found)
        self._used_parsed: dict = {}
        self._used_photos: dict = {}
        self._changed = False
        try:
            with open(self.path, "rb") as handle:
                stored = pickle.load(handle)
            if stored.get("format") == FORMAT and stored.get("context") == context:
                self.parsed, self.photos = stored["parsed"], stored["photos"]
                self.last_run = stored.get("last_run")
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                KeyError, TypeError, ValueError):
            pass  # no cache, or one this code cannot read: start afresh

    def get_parsed(self, path: str, key):
        hit = self.parsed.get(path)
        if hit is not None and hit[0] == key:
            self._used_parsed[path] = hit
            return hit[1]
        return None

    def put_parsed(self, path: str, key, parsed) -> None:
        self._used_parsed[path] = (key, parsed)
        self._changed = True

    def get_photo(self, path: str, key):
        hit = self.photos.get(path)
        if hit is not None and hit[0] == key:
            self._used_photos[path] = hit
            return hit[1]
        return None

    def put_photo(self, path: str, key, result) -> None:
        self._used_photos[path] = (key, result)
        self._changed = True

    def remember_run(self, key: str, findings) -> None:
        if self.last_run is None or self.last_run[0] != key:
            self.last_run = (key, findings)
            self._changed = True

    def run_findings(self, key: str):
        return self.last_run[1] if self.last_run and self.last_run[0] == key else None

    def save(self) -> None:
        """Keep what this run used (entries of deleted files are dropped)."""
        if not self._changed:
            return  # what is stored is what this run used
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        stored = {"format": FORMAT, "context": self.context, "parsed": self._used_parsed,
                  "photos": self._used_photos, "last_run": self.last_run}
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(self.path))
        with os.fdopen(handle, "wb") as out:
            pickle.dump(stored, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)
