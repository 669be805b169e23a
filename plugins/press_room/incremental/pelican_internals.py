"""Every Pelican internal the incremental build relies on, and nothing else.

Pelican 4.12 has no public API for these; each function below names the
behaviour it depends on, and tests/unit/test_incremental_internals.py checks
each of them against the installed Pelican, so an upgrade that changes one
fails a test instead of silently skipping a page that should be rendered.

Relied on:
1. A content object (`pelican.contents.Content`) keeps what it was read with
   as instance attributes; `settings` is the site's settings and `_context`
   the shared site context (every other content object): neither is a field
   of the release, and both are covered elsewhere (the global digest, the
   other releases' own digests).
2. `Content._content` is the body before Pelican replaces intra-site links
   (`{filename}…`) and `Content._get_intrasite_link_regex()` finds them: a
   body with such a link reads other content through `_context`, so its page
   is always rendered.
3. Categories, tags and authors (`pelican.urlwrappers.URLWrapper`) are fully
   described by their class, name, slug, url and save_as.
4. The static generator publishes `context["staticfiles"]` (objects with
   `save_as`) and skips copying a file whose copy is newer than its source:
   those files are produced by the build even when left in place.
5. `Pelican.run()` calls `clean_output_dir` only when DELETE_OUTPUT_DIRECTORY
   is set, after `initialized` and before any generator writes, and keeps the
   top-level names in OUTPUT_RETENTION.
"""

from __future__ import annotations

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

# Attributes of a content object that are not its own fields (point 1).
NOT_FIELDS = frozenset({"settings", "_context"})


def is_content(value) -> bool:
    return isinstance(value, Content)


def content_fields(content) -> dict:
    """A content object's own fields, with its URL and file name."""
    fields = {name: value for name, value in vars(content).items() if name not in NOT_FIELDS}
    fields["url"] = content.url
    fields["save_as"] = content.save_as
    return fields


def content_identity(content) -> tuple:
    """Which release this is (not what it says)."""
    return (type(content).__name__, content.source_path, getattr(content, "lang", None),
            content.save_as)


def has_intrasite_links(content) -> bool:
    raw = getattr(content, "_content", None)
    if not raw:
        return False
    return content._get_intrasite_link_regex().search(raw) is not None


def is_url_wrapper(value) -> bool:
    return isinstance(value, URLWrapper)


def url_wrapper_identity(value) -> tuple:
    return (type(value).__name__, value.name, value.slug, value.url, value.save_as)


def static_outputs(context) -> list[str]:
    """Output names of the static files (point 4)."""
    return [static.save_as for static in context.get("staticfiles", ())]


def retained_names(settings) -> set[str]:
    """Top-level output names a clean build keeps (point 5)."""
    return set(settings.get("OUTPUT_RETENTION") or ())
