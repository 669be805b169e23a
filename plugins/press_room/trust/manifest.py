"""A release's manifest: the SHA-256 of every file published for it.

A release is published in several folders (one per language:
`releases/2021/x/`, `zh-hant/releases/2021/x/`…). Every file the build wrote
into those folders belongs to the release — its pages, photo downloads and
renditions, press-kit ZIP, attachments, machine-readable copies — so the
manifest is gathered from what is on disk rather than from a list of kinds,
and a new kind of output is covered the day it is written.

The format is `sha256sum`'s (`<hex>  <path>`, one line per file, sorted by
path), paths relative to the site's root, so that besides `make verify`,
`sha256sum -c` run at the root of a copy of the site checks it too.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

MANIFEST_NAME = "manifest.sha256"
SIGNATURE_NAME = MANIFEST_NAME + ".minisig"
# Precompressed copies are made after the manifest (hosting files), from the
# files it lists; they are the same bytes, differently encoded.
_DERIVED = (".gz", ".br")


@dataclass(frozen=True)
class Entry:
    digest: str  # hex SHA-256
    path: str  # relative to the site's root, "/" separated


def sha256_of(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def release_files(output_path: str, folders: list[str]) -> list[str]:
    """Every file under the release's folders (relative to the site's root),
    but the manifest and its signature themselves."""
    found = set()
    for folder in folders:
        top = os.path.join(output_path, folder)
        for directory, _, names in os.walk(top):
            for name in names:
                if name in (MANIFEST_NAME, SIGNATURE_NAME) or name.endswith(_DERIVED):
                    continue
                path = os.path.join(directory, name)
                found.add(os.path.relpath(path, output_path).replace(os.sep, "/"))
    return sorted(found)


def build(output_path: str, folders: list[str]) -> list[Entry]:
    return [Entry(sha256_of(os.path.join(output_path, path)), path)
            for path in release_files(output_path, folders)]


def render(entries: list[Entry]) -> bytes:
    return "".join(f"{entry.digest}  {entry.path}\n" for entry in entries).encode("utf-8")


class ManifestError(ValueError):
    """A manifest that is not in the format written here."""


def parse(data: bytes) -> list[Entry]:
    """The entries of a manifest; refuses any path that would leave the site."""
    entries = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ManifestError("the manifest is not UTF-8 text") from None
    for number, line in enumerate(text.splitlines(), start=1):
        digest, separator, path = line.partition("  ")
        if (not separator or len(digest) != 64
                or any(c not in "0123456789abcdef" for c in digest)):
            raise ManifestError(f"line {number} is not '<sha256>  <path>': {line[:120]!r}")
        parts = path.split("/")
        if path.startswith("/") or "\\" in path or any(p in ("", ".", "..") for p in parts):
            raise ManifestError(f"line {number}: {path[:120]!r} is not a path inside the site")
        entries.append(Entry(digest, path))
    if not entries:
        raise ManifestError("the manifest lists no file")
    return entries
