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
   described by their class, name, slug, url and save_as, and these follow
   from the name, the explicit slug (`_slug`) and the `settings` they hold.
4. The static generator publishes `context["staticfiles"]` (objects with
   `save_as`) and skips copying a file whose copy is newer than its source:
   those files are produced by the build even when left in place.
5. `Pelican.run()` sends `get_generators` (through `_get_generator_classes`)
   at the start of every run — `initialized` only once per Pelican object,
   which a devserver runs again and again — then calls `clean_output_dir` only
   when DELETE_OUTPUT_DIRECTORY is set, before any generator writes, keeping
   the top-level names in OUTPUT_RETENTION; a `get_generators` receiver that
   returns None adds no generator.
6. `Generator.get_files` returns a set: the order of reading, and so of each
   release's `translations`, is not stable between processes (stable_order.py
   sorts them).
7. `Writer.write_file` renders a page's template, then opens its file with
   `self._open_w(path, encoding, override=…)` (parallel_render.py queues the
   page at the render and claims the name at the open, opening nothing), then
   sends `content_written`.
8. For a paginated template, `Writer.write_file` puts into each page's
   context, per paginated key, `<key>_paginator` (a
   `pelican.paginator.Paginator` over the whole listing), `<key>_page` (a
   `pelican.paginator.Page`) and `<key>_previous_page` / `<key>_next_page`
   (Pages or None). A Paginator is described, for a template, by `count`,
   `num_pages` and `per_page`; a Page by `number`, `object_list`, its
   paginator, `url`, `save_as` and `full_name` (the listing's first file;
   its other methods follow from those):
   listing_views.py hands templates views holding just these.
"""

from __future__ import annotations

from pelican.contents import Content
from pelican.paginator import Page, Paginator
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


def url_wrapper_identity(value, known: dict) -> tuple:
    """`known`: the answers so far in this build. Once per name, explicit slug
    and settings (Pelican makes one Tag object per release that carries it,
    all alike): formatting URLs is not free."""
    key = (type(value), value.name, value._slug, id(value.settings))
    answer = known.get(key)
    if answer is None or answer[0] is not value.settings:
        answer = known[key] = (value.settings, (type(value).__name__, value.name, value.slug,
                                                value.url, value.save_as))
    return answer[1]


def static_outputs(context) -> list[str]:
    """Output names of the static files (point 4)."""
    return [static.save_as for static in context.get("staticfiles", ())]


def retained_names(settings) -> set[str]:
    """Top-level output names a clean build keeps (point 5)."""
    return set(settings.get("OUTPUT_RETENTION") or ())


def is_paginator(value) -> bool:
    return isinstance(value, Paginator)


def is_listing_page(value) -> bool:
    return isinstance(value, Page)


def is_neighbour_page_key(key: str) -> bool:
    """`<key>_previous_page` / `<key>_next_page`: a page's neighbours (point 8)."""
    return key.endswith(("_previous_page", "_next_page"))


def paginator_numbers(paginator) -> tuple[int, int, int]:
    """(count, num_pages, per_page): all a listing page may know of the listing."""
    return paginator.count, paginator.num_pages, paginator.per_page


def listing_page_parts(page) -> tuple:
    """(number, object_list, paginator, url, save_as, full_name) of a Pelican Page."""
    return (page.number, page.object_list, page.paginator, page.url, page.save_as,
            page.full_name)
