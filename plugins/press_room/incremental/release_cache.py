"""Parsed release files, cached as plain JSON by what they are made from.

Reading a release (YAML, Markdown, the HTML checks) is a pure function of
- the file's bytes,
- where it is (its name gives the language, its folder the slug, and the
  folder's entries decide whether each photo exists, is a link, is outside),
- the settings it reads (PARSE_SETTINGS, the site data among them),
- the code that reads it (every module of the plugin) and the libraries.

The key is a digest of all of these, so a cached result is used only when a
fresh parse would give the same; anything else is a miss and the file is
parsed again. Entries are JSON of plain values (text, numbers, dates with
their zone, lists, and the plugin's few field classes by name), never
pickled code: after a plugin change an entry is simply not found, it never
stops the build. Entries live in PRESS_ROOM_CACHE_PATH/releases/.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import os
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from ..models import Photo, Rendition, Update
from ..parsing import ParsedRelease, parse_release
from ..problems import Problem, display_path
from ..schema import ReleaseFields
from ..site_data import Contact
from .digest import Digester, NotDigestible
from .page_records import PLUGIN_DIR, _tree_digest

CACHE_FOLDER = "releases"
FORMAT = 1
# Every setting parse_release reads (a test holds it to that).
PARSE_SETTINGS = ("MARKDOWN", "PRESS_ROOM_LANGUAGES", "PRESS_ROOM_MAX_RELEASE_BYTES",
                  "PRESS_ROOM_SITE", "TIMEZONE")
LIBRARIES = ("markdown", "nh3", "pyyaml", "babel")
# The classes an entry may name: plain field holders, nothing callable.
CLASSES = {cls.__name__: cls for cls in (ReleaseFields, Photo, Rendition, Update, Contact,
                                         Problem)}


@lru_cache(maxsize=1)
def _code_digest() -> bytes:
    digest = hashlib.sha256(f"format {FORMAT}\0".encode())
    for library in LIBRARIES:
        digest.update(f"{library} {importlib.metadata.version(library)}\0".encode())
    _tree_digest(digest, PLUGIN_DIR)
    return digest.digest()


_settings_digests: dict[int, tuple[object, bytes]] = {}


def _settings_digest(settings) -> bytes:
    known = _settings_digests.get(id(settings))
    if known is not None and known[0] is settings:
        return known[1]
    value = Digester().digest({name: settings.get(name) for name in PARSE_SETTINGS}, depth=0)
    _settings_digests.clear()
    _settings_digests[id(settings)] = (settings, value)
    return value


def _folder_entries(folder: str) -> bytes:
    """The folder's entries as the photo checks see them."""
    parts = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.is_symlink():
            parts.append(f"{entry.name}\0link\0{os.readlink(entry.path)}")
        else:
            parts.append(f"{entry.name}\0{'file' if entry.is_file() else 'other'}")
    return "\n".join(parts).encode("utf-8", "surrogateescape")


def key(source_path: str, settings) -> str | None:
    """The cache key of a release file, or None if it cannot be read."""
    path = os.path.abspath(source_path)
    folder = os.path.dirname(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        entries = _folder_entries(folder)
        settings_part = _settings_digest(settings)
    except (OSError, NotDigestible):
        return None
    digest = hashlib.sha256(_code_digest())
    for part in (settings_part, path.encode("utf-8", "surrogateescape"),
                 os.path.realpath(folder).encode("utf-8", "surrogateescape"),
                 display_path(path).encode("utf-8", "surrogateescape"),
                 entries, hashlib.sha256(data).digest()):
        digest.update(len(part).to_bytes(8, "little") + part)
    return digest.hexdigest()


# --- plain JSON, both ways ------------------------------------------------------------------

def _encode(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, datetime):
        zone = value.tzinfo
        if isinstance(zone, ZoneInfo):
            described = {"zone": zone.key}
        elif isinstance(zone, timezone):
            described = {"offset": zone.utcoffset(None).total_seconds(),
                         "name": zone.tzname(None)}
        else:
            raise TypeError(f"time zone {type(zone).__name__}")
        return {"$datetime": value.replace(tzinfo=None).isoformat(), "fold": value.fold,
                **described}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, tuple):
        return {"$tuple": [_encode(item) for item in value]}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("mapping with keys that are not text")
        return {"$dict": {k: _encode(v) for k, v in value.items()}}
    if dataclasses.is_dataclass(value) and CLASSES.get(type(value).__name__) is type(value):
        return {"$class": type(value).__name__,
                "fields": {f.name: _encode(getattr(value, f.name))
                           for f in dataclasses.fields(value)}}
    raise TypeError(f"cannot keep a {type(value).__name__}")


def _decode(value):
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "$datetime" in value:
        moment = datetime.fromisoformat(value["$datetime"]).replace(fold=value["fold"])
        if "zone" in value:
            return moment.replace(tzinfo=ZoneInfo(value["zone"]))
        offset = timedelta(seconds=value["offset"])
        if offset == timedelta(0) and value["name"] == "UTC":
            zone = timezone.utc
        elif timezone(offset).tzname(None) == value["name"]:
            zone = timezone(offset)
        else:
            zone = timezone(offset, value["name"])
        return moment.replace(tzinfo=zone)
    if "$tuple" in value:
        return tuple(_decode(item) for item in value["$tuple"])
    if "$dict" in value:
        return {k: _decode(v) for k, v in value["$dict"].items()}
    cls = CLASSES[value["$class"]]
    return cls(**{name: _decode(item) for name, item in value["fields"].items()})


def encode(parsed: ParsedRelease) -> str:
    return json.dumps({"format": FORMAT, "fields": _encode(parsed.fields),
                       "content": parsed.content, "problems": _encode(parsed.problems)},
                      ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> ParsedRelease:
    data = json.loads(text)
    if data.get("format") != FORMAT:
        raise ValueError("another format")
    return ParsedRelease(_decode(data["fields"]), data["content"], _decode(data["problems"]))


# --- the cache ---------------------------------------------------------------------------------

def _entry(settings, cache_key: str) -> str:
    return os.path.join(settings["PRESS_ROOM_CACHE_PATH"], CACHE_FOLDER, cache_key[:2],
                        f"{cache_key}.json")


def load(settings, cache_key: str | None) -> ParsedRelease | None:
    if not cache_key or not settings.get("PRESS_ROOM_CACHE_PATH"):
        return None
    try:
        with open(_entry(settings, cache_key), encoding="utf-8") as handle:
            return decode(handle.read())
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, damaged or another format: parse again


def store(settings, cache_key: str | None, parsed: ParsedRelease) -> None:
    if not cache_key or not settings.get("PRESS_ROOM_CACHE_PATH"):
        return
    try:
        text = encode(parsed)
    except TypeError:
        return  # a value JSON cannot keep exactly: not cached, parsed every time
    path = _entry(settings, cache_key)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.partial"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, path)  # complete or absent, never half-written


def parse(source_path: str, settings) -> ParsedRelease:
    """parse_release, answered from the cache when the file and all it depends
    on are unchanged."""
    cache_key = key(source_path, settings)
    parsed = load(settings, cache_key)
    if parsed is None:
        parsed = parse_release(source_path, settings)
        store(settings, cache_key, parsed)
    return parsed
