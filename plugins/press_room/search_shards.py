"""The search index in shards: one Pagefind run per page language, then joined.

Pagefind keeps a separate index per page language (by `<html lang>`): every
file of its bundle but the entry file belongs to one language (its name says
which) or is the same for all (pagefind.js, the worker, the WebAssembly).
So Pagefind run over the English pages alone writes exactly the English files
of a run over the whole site, byte for byte, and the union of one run per
language, with the entry files' language tables joined, IS the bundle of one
run over everything: same files, same bytes, same search results.

That makes the index incremental by language: a shard is rebuilt only when
one of its pages changed (search_cache.py keeps each shard by a digest of its
pages), and the runs are one at a time, so Pagefind's memory — which grows
with the pages of one run — is that of the largest language, not the site.

Which pages Pagefind indexes is decided as it would decide it: the pages the
release-page glob matches; of those, when any page marks its text with
`data-pagefind-body`, only such pages (a page without it is skipped); each
in the shard of its `<html lang>`. Each shard's run still applies the glob
and that rule itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field

ENTRY_FILE = "pagefind-entry.json"

_HTML_LANG = re.compile(rb"<html\b[^>]*?\slang\s*=\s*[\"']?([^\"'\s>]*)", re.IGNORECASE)
BODY_ATTRIBUTE = b"data-pagefind-body"
_SPACE_BYTES = (b" ", b"\t", b"\n", b"\r", b"\f")


class ShardsDisagree(ValueError):
    """Two shards wrote the same language, or differing shared files: join refused."""


@dataclass
class Shard:
    language: str  # `<html lang>` as written, lower-cased ("" when none)
    pages: list[str] = field(default_factory=list)  # paths relative to the output, sorted
    digests: list[str] = field(default_factory=list)  # each page's bytes, hashed

    def digest(self) -> str:
        """The pages' paths and bytes: what this shard's index is made from."""
        combined = hashlib.sha256()
        for page, digest in zip(self.pages, self.digests):
            combined.update(page.encode() + b"\0" + digest.encode() + b"\0")
        return combined.hexdigest()


def release_pages(output_path: str, matcher: re.Pattern) -> list[str]:
    """Paths (relative, `/`-separated, sorted) of the files the matcher accepts."""
    pages = []
    for folder, subfolders, files in os.walk(output_path):
        subfolders.sort()
        for name in files:
            relative = os.path.relpath(os.path.join(folder, name), output_path)
            relative = relative.replace(os.sep, "/")
            if matcher.match(relative):
                pages.append(relative)
    return sorted(pages)


def shards(output_path: str, pages: list[str]) -> list[Shard]:
    """The pages Pagefind would index, grouped by language, each with its digest.

    A page is read once, and not kept: at 5,000 releases the pages come to
    half a gigabyte."""
    marked: dict[str, list[tuple[str, str]]] = {}
    unmarked: dict[str, list[tuple[str, str]]] = {}
    for page in pages:
        with open(os.path.join(output_path, page), "rb") as handle:
            data = handle.read()
        found = _HTML_LANG.search(data)
        language = found.group(1).decode("ascii", "replace").lower() if found else ""
        target = marked if has_body_mark(data) else unmarked
        target.setdefault(language, []).append((page, hashlib.sha256(data).hexdigest()))
    chosen = marked or unmarked
    return [Shard(language, [page for page, _ in items], [digest for _, digest in items])
            for language, items in sorted(chosen.items())]


def has_body_mark(data: bytes) -> bool:
    """Whether a start tag carries `data-pagefind-body` (not merely the words in
    the text: text cannot hold a raw `<`, so the attribute is inside a tag when the
    nearest `<` before it is nearer than the nearest `>`)."""
    at = data.find(BODY_ATTRIBUTE)
    while at != -1:
        end = at + len(BODY_ATTRIBUTE)
        if (data[at - 1:at] in _SPACE_BYTES
                and (end == len(data) or data[end:end + 1] in (*_SPACE_BYTES, b"=", b"/", b">"))
                and data.rfind(b"<", 0, at) > data.rfind(b">", 0, at)):
            return True
        at = data.find(BODY_ATTRIBUTE, end)
    return False


def _place(source: str, target: str) -> None:
    """A hard link where the file system allows (no second copy), a copy otherwise.
    Nothing ever writes into these files in place."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def link_site(output_path: str, shard: Shard, site: str) -> None:
    """A folder holding only the shard's pages, at their paths in the output (the
    paths make Pagefind's result URLs)."""
    for page in shard.pages:
        target = os.path.join(site, *page.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        _place(os.path.join(output_path, *page.split("/")), target)


def _same_bytes(one: str, other: str) -> bool:
    if os.path.getsize(one) != os.path.getsize(other):
        return False
    with open(one, "rb") as first, open(other, "rb") as second:
        return first.read() == second.read()


def join(bundles: list[str], target: str) -> dict[str, int]:
    """Join shard bundles into one at `target`; its pages by language.

    Files are linked (or copied) in; a file present in several shards must be
    the same in each (Pagefind's scripts and WebAssembly), and a language may
    come from one shard only. Raises ShardsDisagree otherwise, leaving
    `target` incomplete: the caller removes it."""
    entry = None
    languages: dict[str, dict] = {}
    for bundle in bundles:
        with open(os.path.join(bundle, ENTRY_FILE), encoding="utf-8") as handle:
            shard_entry = json.load(handle)
        shard_languages = shard_entry.pop("languages")
        if entry is None:
            entry = shard_entry
        elif shard_entry != entry:
            raise ShardsDisagree(f"entry files differ: {shard_entry} / {entry}")
        for language, info in shard_languages.items():
            if language in languages:
                raise ShardsDisagree(f"language {language!r} is in two shards")
            languages[language] = info
        for folder, subfolders, files in os.walk(bundle):
            subfolders.sort()
            relative = os.path.relpath(folder, bundle)
            os.makedirs(os.path.join(target, relative), exist_ok=True)
            for name in sorted(files):
                if relative == "." and name == ENTRY_FILE:
                    continue
                source = os.path.join(folder, name)
                destination = os.path.join(target, relative, name)
                if os.path.exists(destination):
                    if not _same_bytes(source, destination):
                        raise ShardsDisagree(f"{relative}/{name} differs between shards")
                    continue
                _place(source, destination)
    if entry is None:
        raise ShardsDisagree("no shard to join")
    # As search_index.fix_filter_order writes a single run's entry file.
    joined = {}
    for key, value in entry.items():
        joined[key] = value
        if key == "version":
            joined["languages"] = dict(sorted(languages.items()))
    joined.setdefault("languages", dict(sorted(languages.items())))
    with open(os.path.join(target, ENTRY_FILE), "w", encoding="utf-8") as handle:
        json.dump(joined, handle, ensure_ascii=False, separators=(",", ":"))
    return {language: info["page_count"] for language, info in joined["languages"].items()}
