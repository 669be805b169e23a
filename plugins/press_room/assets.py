"""Theme assets published under content-hashed names.

A file's name changes whenever its bytes do, so hosts can cache it for a year
and a reader never gets a stale stylesheet. CSS `@import` lines are inlined:
one stylesheet request instead of one per component file.
"""

from __future__ import annotations

import hashlib
import os
import re

_IMPORT = re.compile(r"""^@import\s+(?:url\()?["']([^"')]+)["']\)?\s*;[ \t]*\n?""", re.MULTILINE)


def inline_imports(path: str, seen: frozenset = frozenset()) -> str:
    """The CSS file at `path` with each `@import "x.css";` replaced by x.css."""
    if path in seen:
        raise ValueError(f"{path}: @import cycle")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()

    def replace(match):
        target = os.path.join(os.path.dirname(path), match.group(1))
        return inline_imports(target, seen | {path}).rstrip() + "\n"

    return _IMPORT.sub(replace, text)


def hashed_name(name: str, data: bytes) -> str:
    stem, extension = os.path.splitext(name)
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:12]}{extension}"


def build_assets(theme_static_dir: str, names) -> dict[str, tuple[str, bytes]]:
    """Map each configured asset to (published path under theme/, bytes)."""
    published = {}
    for name in names:
        source = os.path.join(theme_static_dir, name)
        if name.endswith(".css"):
            data = inline_imports(source).encode("utf-8")
        else:
            with open(source, "rb") as handle:
                data = handle.read()
        published[name] = (f"theme/{hashed_name(name, data)}", data)
    return published
