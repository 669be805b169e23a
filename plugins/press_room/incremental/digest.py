"""Deterministic digests of template context values.

A page may be kept from the last build only if everything it can read is the
same, so a value's digest covers all of it, in order (a listing's order is
part of the page):

- plain values, dates (with their time zone), containers, dataclasses and
  other plain objects field by field;
- a release (a Pelican content object): its own fields, and the releases it
  links to (previous/next, related, translations) each with its own fields;
  beyond that (DEPTH) only which release it is;
- categories and tags by name, slug and URL;
- functions by name (their code is in the global digest);
- the settings object by a marker: the global digest covers the settings.

What cannot be digested this way raises NotDigestible, and the page that
holds it is always rendered: an unknown kind of value is never guessed at.
"""

from __future__ import annotations

import hashlib
import types
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from markupsafe import Markup

from . import pelican_internals

# Releases a page's value is followed through: the page's own release (or a
# listing's), then the releases it links to, each with all its fields; beyond,
# only which release. The theme reads one link away (the previous release's
# title, a related release's date, a translation's URL).
DEPTH = 2


class NotDigestible(Exception):
    """A value whose every input this module cannot name."""


def _h(*parts: bytes) -> bytes:
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.digest()


def _zone(zone: tzinfo | None) -> str:
    if zone is None:
        return "naive"
    if isinstance(zone, ZoneInfo):
        return f"zone:{zone.key}"
    if isinstance(zone, timezone):
        return f"fixed:{zone.utcoffset(None)}:{zone.tzname(None)}"
    raise NotDigestible(f"time zone {type(zone).__name__}")


class Digester:
    """Digests for one build: shared values (the list of every release, the
    settings) are digested once, by identity, while nothing changes them."""

    def __init__(self, settings=None):
        self._settings = settings
        self._memo: dict[tuple[int, int], tuple[object, bytes]] = {}
        self._active: set[int] = set()

    def digest(self, value, depth: int = DEPTH) -> bytes:
        return self._value(value, depth)

    def _value(self, value, depth: int) -> bytes:
        kind = type(value)
        if value is None or kind in (bool, int, float):
            return f"{kind.__name__}:{value!r}".encode()
        if kind is str or kind is Markup:  # Markup is shown unescaped: not the same value
            return _h(kind.__name__.encode(), value.encode("utf-8", "surrogatepass"))
        if kind is bytes:
            return _h(b"bytes", value)
        if isinstance(value, datetime):
            return _h(b"datetime", value.isoformat().encode(), _zone(value.tzinfo).encode(),
                      str(value.fold).encode())
        if isinstance(value, (date, time, timedelta)):
            return _h(kind.__name__.encode(), repr(value).encode())
        if isinstance(value, tzinfo):
            return _h(b"tz", _zone(value).encode())
        if value is self._settings:
            return b"settings"
        key = (id(value), depth)
        known = self._memo.get(key)
        if known is not None:
            return known[1]
        if id(value) in self._active:  # a value that contains itself
            return b"cycle"
        self._active.add(id(value))
        try:
            result = self._compound(value, depth)
        finally:
            self._active.discard(id(value))
        self._memo[key] = (value, result)  # the value kept alive: its id stays unique
        return result

    def _compound(self, value, depth: int) -> bytes:
        if pelican_internals.is_content(value):
            return self._content(value, depth)
        if pelican_internals.is_url_wrapper(value):
            return _h(b"urlwrapper", repr(pelican_internals.url_wrapper_identity(value)).encode())
        if isinstance(value, dict):
            return _h(b"dict", *(self._value(k, depth) + self._value(v, depth)
                                 for k, v in value.items()))
        if isinstance(value, (list, tuple)):
            return _h(type(value).__name__.encode(), *(self._value(item, depth) for item in value))
        if isinstance(value, (set, frozenset)):
            return _h(b"set", *sorted(self._value(item, depth) for item in value))
        if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
            return _h(b"code", f"{value.__module__}.{value.__qualname__}".encode())
        if isinstance(value, types.MethodType):
            return _h(b"method", self._value(value.__func__, depth),
                      self._value(value.__self__, depth))
        fields = _plain_fields(value)
        return _h(b"object", f"{type(value).__module__}.{type(value).__qualname__}".encode(),
                  self._value(fields, depth))

    def _content(self, content, depth: int) -> bytes:
        identity = repr(pelican_internals.content_identity(content)).encode()
        if depth <= 0:
            return _h(b"content-ref", identity)
        if pelican_internals.has_intrasite_links(content):
            raise NotDigestible(f"{content.source_path}: links to other content by file name")
        return _h(b"content", identity,
                  self._value(pelican_internals.content_fields(content), depth - 1))


def _plain_fields(value) -> dict:
    fields = {}
    if hasattr(value, "__dict__"):
        fields.update(vars(value))
    for cls in type(value).__mro__:
        for name in getattr(cls, "__slots__", ()):
            if hasattr(value, name) and name not in fields:
                fields[name] = getattr(value, name)
    if not fields and not hasattr(value, "__dict__"):
        raise NotDigestible(f"{type(value).__module__}.{type(value).__qualname__}")
    return fields
