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
    """A digest of parts, each length-prefixed so that no two lists of parts
    give the same bytes."""
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        digest.update(len(part).to_bytes(4, "little"))
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


_OWN = -1  # memo key of a value digested as part of a release's own fields


class Digester:
    """Digests for one build: shared values (the list of every release, the
    settings) are digested once, by identity, while nothing changes them.

    A release is digested in two steps, each once per build: its own fields
    with every release they mention by identity only (remembering which, in
    order), then, per depth, that digest with the linked releases' digests one
    depth less."""

    def __init__(self, settings=None):
        self._settings = settings
        # (id, depth or _OWN) -> (the value, kept alive so its id stays unique;
        # its digest; the releases met inside it, for own fields)
        self._memo: dict[tuple[int, int], tuple[object, bytes, tuple]] = {}
        self._own: dict[int, tuple[object, bytes, tuple]] = {}
        self._active: set[int] = set()
        self._wrappers: dict = {}

    def digest(self, value, depth: int = DEPTH) -> bytes:
        return self._value(value, depth, None)

    def _value(self, value, depth: int, refs: list | None) -> bytes:
        """`refs` is None when releases are followed (to `depth`), else the
        list that collects the releases met, digested by identity."""
        kind = type(value)
        # Plain values stand for themselves (hashed as part of what holds them).
        if kind is str:
            return b"s" + value.encode("utf-8", "surrogatepass")
        if kind is Markup:  # shown unescaped: not the same value as the text
            return b"m" + value.encode("utf-8", "surrogatepass")
        if value is None or kind in (bool, int, float):
            return f"{kind.__name__}:{value!r}".encode()
        if kind is bytes:
            return b"b" + value
        if isinstance(value, datetime):
            return _h(b"datetime", value.isoformat().encode(), _zone(value.tzinfo).encode(),
                      str(value.fold).encode())
        if isinstance(value, (date, time, timedelta)):
            return _h(kind.__name__.encode(), repr(value).encode())
        if isinstance(value, tzinfo):
            return _h(b"tz", _zone(value).encode())
        if value is self._settings:
            return b"settings"
        if pelican_internals.is_content(value):
            if refs is not None:
                refs.append(value)
                return _identity(value)
            return self._release(value, depth)
        key = (id(value), depth if refs is None else _OWN)
        known = self._memo.get(key)
        if known is not None:
            if refs is not None:
                refs.extend(known[2])
            return known[1]
        if id(value) in self._active:  # a value that contains itself
            return b"cycle"
        self._active.add(id(value))
        inner = [] if refs is not None else None
        try:
            result = self._compound(value, depth, inner)
        finally:
            self._active.discard(id(value))
        self._memo[key] = (value, result, tuple(inner or ()))
        if refs is not None:
            refs.extend(inner)
        return result

    def _compound(self, value, depth: int, refs: list | None) -> bytes:
        if pelican_internals.is_url_wrapper(value):
            return _h(b"urlwrapper", repr(pelican_internals.url_wrapper_identity(
                value, self._wrappers)).encode())
        if isinstance(value, dict):
            parts = [b"dict"]
            for k, v in value.items():
                parts.append(self._value(k, depth, refs))
                parts.append(self._value(v, depth, refs))
            return _h(*parts)
        if isinstance(value, (list, tuple)):
            return _h(type(value).__name__.encode(),
                      *[self._value(item, depth, refs) for item in value])
        if isinstance(value, (set, frozenset)):
            # Releases in a set would be met in no fixed order: followed, not listed.
            return _h(b"set", *sorted(self._value(item, depth if refs is None else DEPTH, None)
                                      for item in value))
        if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
            return _h(b"code", f"{value.__module__}.{value.__qualname__}".encode())
        if isinstance(value, types.MethodType):
            return _h(b"method", self._value(value.__func__, depth, refs),
                      self._value(value.__self__, depth, refs))
        fields = _plain_fields(value)
        return _h(b"object", f"{type(value).__module__}.{type(value).__qualname__}".encode(),
                  self._value(fields, depth, refs))

    def _own_fields(self, content) -> tuple[bytes, tuple]:
        known = self._own.get(id(content))
        if known is None:
            if pelican_internals.has_intrasite_links(content):
                raise NotDigestible(f"{content.source_path}: links to other content by file name")
            refs: list = []
            digest = _h(b"content", _identity(content),
                        self._value(pelican_internals.content_fields(content), 0, refs))
            known = self._own[id(content)] = (content, digest, tuple(refs))
        return known[1], known[2]

    def _release(self, content, depth: int) -> bytes:
        if depth <= 0:
            return _identity(content)
        key = (id(content), depth)
        known = self._memo.get(key)
        if known is None:
            own, linked = self._own_fields(content)
            result = _h(own, *[self._release(other, depth - 1) for other in linked])
            known = self._memo[key] = (content, result, ())
        return known[1]


def _identity(content) -> bytes:
    return b"r" + repr(pelican_internals.content_identity(content)).encode(
        "utf-8", "surrogatepass")


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
