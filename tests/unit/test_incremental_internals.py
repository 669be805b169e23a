"""The Pelican behaviours the incremental build relies on (see
plugins/press_room/incremental/pelican_internals.py), checked against the
installed Pelican: an upgrade that changes one fails here, not silently in a
page kept from the last build."""

from __future__ import annotations

import inspect
import os

from jinja2 import Environment
from pelican import Pelican
from pelican.contents import Article
from pelican.generators import Generator, StaticGenerator
from pelican.settings import DEFAULT_CONFIG, read_settings
from pelican.urlwrappers import Tag
from pelican.writers import Writer

from press_room.incremental import pelican_internals


def _article(content="<p>Body</p>", **metadata):
    settings = dict(DEFAULT_CONFIG)
    metadata = {"title": "A title", "date": __import__("datetime").datetime(2021, 1, 1),
                **metadata}
    return Article(content, metadata=metadata, settings=settings, source_path="/x/index.md",
                   context={"generated_content": {}, "static_content": {}}), settings


def test_1_a_content_object_keeps_its_fields_as_attributes_beside_settings_and_context():
    article, settings = _article(subtitle="A deck")
    fields = pelican_internals.content_fields(article)
    assert fields["title"] == "A title" and fields["subtitle"] == "A deck", fields
    assert article.settings is settings, "Content.settings is not the settings it was given"
    assert "_context" in vars(article), sorted(vars(article))
    assert not set(pelican_internals.NOT_FIELDS) & set(fields), sorted(fields)
    assert fields["url"] == article.url and fields["save_as"] == article.save_as


def test_2_intrasite_links_are_found_in_the_raw_body():
    linked, _ = _article('<a href="{filename}/other.md">other</a>')
    plain, _ = _article("<p>No link here.</p>")
    assert vars(linked)["_content"].startswith("<a href=\"{filename}"), vars(linked)["_content"]
    assert pelican_internals.has_intrasite_links(linked)
    assert not pelican_internals.has_intrasite_links(plain)


def test_3_a_tag_is_described_by_name_slug_and_the_settings_it_holds():
    settings = dict(DEFAULT_CONFIG)
    first, second = Tag("Harbour Works", settings), Tag("Harbour Works", settings)
    assert first.settings is settings and hasattr(first, "_slug"), vars(first)
    known = {}
    assert pelican_internals.url_wrapper_identity(first, known) == \
        pelican_internals.url_wrapper_identity(second, {}) == \
        ("Tag", "Harbour Works", "harbour-works", first.url, first.save_as)
    other = Tag("Harbour Works", dict(settings, TAG_URL="t/{slug}.html"))
    assert pelican_internals.url_wrapper_identity(other, known)[3] == "t/harbour-works.html"


def test_4_static_files_are_listed_in_the_context_and_skipped_when_up_to_date():
    source = inspect.getsource(StaticGenerator.generate_output)
    assert 'self.context["staticfiles"]' in source and "_file_update_required" in source, source

    class Static:
        save_as = "images/logo.svg"
    assert pelican_internals.static_outputs({"staticfiles": [Static()]}) == ["images/logo.svg"]


def test_5_every_run_asks_for_generators_before_cleaning_the_output():
    source = inspect.getsource(Pelican.run)
    asked = source.index("self._get_generator_classes()")
    cleaned = source.index("clean_output_dir(self.output_path, self.output_retention)")
    written = source.index("generate_output(writer)")
    assert asked < cleaned < written, source
    classes = inspect.getsource(Pelican._get_generator_classes)
    assert "signals.get_generators.send(self)" in classes, classes
    assert "if generator is None:" in classes, "a receiver returning None must add nothing"
    assert pelican_internals.retained_names({"OUTPUT_RETENTION": [".git"]}) == {".git"}


def test_6_pelican_collects_content_files_in_a_set():
    source = inspect.getsource(Generator.get_files)
    assert "files = set()" in source, source


def test_7_write_file_renders_then_opens_through_open_w(tmp_path):
    calls = []

    class Recording(Writer):
        def _open_w(self, filename, encoding, override=False):
            calls.append(("open", filename, override))
            return open(os.devnull, "w", encoding=encoding)

    class Template:
        def render(self, context):
            calls.append(("render", context["output_file"]))
            return "page"

    writer = Recording(str(tmp_path), settings=dict(DEFAULT_CONFIG))
    writer.write_file("a/index.html", Template(), {})
    assert calls == [("render", "a/index.html"),
                     ("open", os.path.join(str(tmp_path), "a/index.html"), False)], calls
    assert Environment().from_string("x").name is None  # a page without a file name


def test_8_a_paginated_page_gets_pelicans_paginator_and_pages(tmp_path):
    contexts = []

    class Template:
        def render(self, context):
            contexts.append(context)
            return "page"

    settings = read_settings(None, override={"DEFAULT_PAGINATION": 2,
                                             "PAGINATED_TEMPLATES": {"index": None}})
    writer = Writer(str(tmp_path), settings=settings)
    releases = list(range(5))
    writer.write_file("index.html", Template(), {}, paginated={"articles": releases},
                      template_name="index", url="")
    assert len(contexts) == 3, f"{len(contexts)} pages written for 5 releases, 2 a page"
    for number, context in enumerate(contexts, start=1):
        page, paginator = context["articles_page"], context["articles_paginator"]
        assert pelican_internals.is_paginator(paginator), type(paginator)
        assert pelican_internals.is_listing_page(page), type(page)
        assert pelican_internals.paginator_numbers(paginator) == (5, 3, 2)
        parts = pelican_internals.listing_page_parts(page)
        assert parts == (number, releases[2 * number - 2:2 * number], paginator, page.url,
                         page.save_as, "index.html"), parts
        neighbours = (context["articles_previous_page"], context["articles_next_page"])
        assert [p.number if p else None for p in neighbours] == \
            [number - 1 or None, number + 1 if number < 3 else None], neighbours
    # A Page holds nothing else a template could read (its methods follow
    # from these; tests/unit/test_listing_views.py compares their answers).
    page = contexts[1]["articles_page"]
    assert set(vars(page)) == {"full_name", "name", "extension", "base_name", "base_url",
                               "object_list", "number", "paginator", "settings"}, sorted(vars(page))
