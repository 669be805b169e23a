"""Each page's record: a digest of everything it is made from.

A page is made from its template (and every template it extends, includes,
imports), the values of the context names that template tree and the
plugin's template helpers can read (template_names), and what is the same for
every page — the global digest: the plugin's code, every theme file (templates,
catalogs, styles), the settings with the site data, and the versions of the
libraries that render. A release in the context counts with its own fields
and those of the releases it links to (digest.py), and its embargo state at
this build (`hold`, decided from the clock at every build) is one of its
fields.

When a page's digest equals the one recorded when its file was last written,
and the file is still exactly that file (size, modification time, inode), it
is neither rendered nor written. Records live in
PRESS_ROOM_CACHE_PATH/incremental/<output folder digest>.json, one file per
output folder; deleting it (or `make clean`) renders every page again.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import sys

from . import template_names
from .digest import Digester, NotDigestible

logger = logging.getLogger(__name__)

RECORD_FOLDER = "incremental"
FORMAT = 1
_MISSING = object()
PLUGIN_DIR = template_names.PLUGIN_DIR
LIBRARIES = ("pelican", "jinja2", "markupsafe", "babel", "markdown", "nh3", "pyyaml")


def _tree_digest(digest, root: str) -> None:
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        for name in sorted(files):
            path = os.path.join(folder, name)
            digest.update(os.path.relpath(path, root).encode() + b"\0")
            with open(path, "rb") as handle:
                digest.update(hashlib.sha256(handle.read()).digest())


def global_digest(settings, theme: str) -> str:
    """What every page is made from, whatever its context."""
    digest = hashlib.sha256(f"format {FORMAT}\0{sys.version}\0".encode())
    for library in LIBRARIES:
        try:
            digest.update(f"{library} {importlib.metadata.version(library)}\0".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{library} -\0".encode())
    _tree_digest(digest, PLUGIN_DIR)
    _tree_digest(digest, theme)
    # Releases the settings mention (the withheld list) count by identity:
    # their fields are in the pages that show them.
    digest.update(Digester(settings=None).digest(dict(settings), depth=0))
    return digest.hexdigest()


def record_file(settings, output_path: str) -> str:
    where = hashlib.sha256(os.path.realpath(output_path).encode()).hexdigest()[:16]
    return os.path.join(settings["PRESS_ROOM_CACHE_PATH"], RECORD_FOLDER, f"{where}.json")


def _file_state(path: str):
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return None
    return [status.st_size, status.st_mtime_ns, status.st_ino]


class PageRecords:
    """The records of one output folder, for one build."""

    def __init__(self, settings, output_path: str):
        self.settings = settings
        self.output_path = output_path
        # No cache folder (a bare writer in a test): nothing is recorded or kept.
        self.path = (record_file(settings, output_path)
                     if settings.get("PRESS_ROOM_CACHE_PATH") else None)
        self._global: str | None = None
        self._digester = Digester(settings)
        self._names: dict[int, template_names.TemplateNames] = {}
        self._base_values: dict[tuple[int, str], bytes] = {}
        self.pages = self._load()
        self.kept = self.rendered = 0
        self.dirty = False  # records changed since the last save

    def _load(self) -> dict:
        if self.path is None:
            return {}
        try:
            with open(self.path, encoding="utf-8") as handle:
                data = json.load(handle)
            if data.get("format") == FORMAT:
                return dict(data["pages"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return {}

    def save(self) -> None:
        if self.path is None:
            return
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        temporary = f"{self.path}.{os.getpid()}.partial"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump({"format": FORMAT, "pages": self.pages}, handle, sort_keys=True,
                      separators=(",", ":"))
        os.replace(temporary, self.path)
        self.dirty = False

    def global_digest(self) -> str:
        if self._global is None:
            self._global = global_digest(self.settings, self.settings["THEME"])
        return self._global

    def page_digest(self, template, base: dict, own: dict) -> str | None:
        """The digest of one page, or None if it cannot be known (always render)."""
        if self.path is None or not getattr(template, "name", None) \
                or getattr(template.environment, "loader", None) is None:
            return None
        environment_names = self._names.get(id(template.environment))
        if environment_names is None:
            environment_names = self._names[id(template.environment)] = \
                template_names.TemplateNames(template.environment)
        names = environment_names.names(template.name)
        if names is None:
            names = set(base) | set(own)
        digest = hashlib.sha256(self.global_digest().encode() + b"\0" +
                                template.name.encode() + b"\0")
        try:
            for name in sorted(names):
                value = self._name_value(name, base, own)
                digest.update(name.encode() + b"\0" + len(value).to_bytes(8, "little"))
                digest.update(value)
        except NotDigestible as reason:
            logger.debug("Page with %s: always rendered (%s)", template.name, reason)
            return None
        return digest.hexdigest()

    def output_digest(self, kind: str, *values) -> str | None:
        """The digest of a file made by code (not a template) from `values`,
        e.g. a release's release.json from the release: what the code reads
        beyond them (settings, site data, the plugin itself) is in the global
        digest. None if a value cannot be digested (always write)."""
        if self.path is None:
            return None
        try:
            value = self._digester.digest(values)
        except NotDigestible as reason:
            logger.debug("%s: always written (%s)", kind, reason)
            return None
        return hashlib.sha256(self.global_digest().encode() + b"\0" + kind.encode() + b"\0"
                              + value).hexdigest()

    def _name_value(self, name: str, base: dict, own: dict) -> bytes:
        if name in own:
            return self._digester.digest(own[name])
        key = (id(base), name)  # shared by every page of a generator: digested once
        known = self._base_values.get(key)
        if known is None:
            value = base.get(name, _MISSING)
            known = b"missing" if value is _MISSING else self._digester.digest(value)
            self._base_values[key] = known
        return known

    def unchanged(self, relative: str, digest: str | None) -> bool:
        """Whether the file on disk is the one this digest made."""
        if digest is None:
            return False
        recorded = self.pages.get(relative)
        if not recorded or recorded[0] != digest:
            return False
        return recorded[1:] == _file_state(os.path.join(self.output_path, relative))

    def written(self, relative: str, digest: str | None) -> None:
        state = _file_state(os.path.join(self.output_path, relative))
        if digest is None or state is None:
            self.pages.pop(relative, None)
        else:
            self.pages[relative] = [digest, *state]
        self.dirty = True
