"""What the quick render relies on in Pelican (see press_room/preview/quick_render.py).

The quick render puts an edited release's fields in a copy of the kept
release and renders its page from the copy; if Pelican stopped keeping a
content object's fields where these tests find them, the copy would render
the old text (or change the kept site) and nothing else would say so.
"""

from __future__ import annotations

import copy
import datetime as dt

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from press_room.preview import pelican_build
from press_room.preview.quick_render import edited_copy


def _article(**metadata) -> Article:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    metadata = {"title": "Old title", "summary": "Old summary",
                "date": dt.datetime(2021, 3, 1, 10, 0),
                **metadata}
    return Article("<p>Old body.</p>", metadata=metadata, settings=settings,
                   source_path="/content/releases/2021/x/index.md", context={})


def test_a_content_object_keeps_metadata_attributes_body_and_given_summary():
    article = _article(subtitle="Old deck")
    assert article.metadata["title"] == article.title == "Old title", vars(article)
    assert article.subtitle == "Old deck", vars(article)
    assert article._content == "<p>Old body.</p>", vars(article)
    assert article.summary == "Old summary", "summary is not metadata['summary'] when given"


def test_a_copy_is_independent_and_renders_its_own_fields():
    kept = _article()
    assert kept.content == "<p>Old body.</p>"  # memoized for the kept object
    edited = edited_copy(kept, {"title": "New title", "summary": "New summary",
                                "date": "ignored: not editable"}, "<p>New body.</p>")
    assert (edited.title, edited.summary, edited.content) == (
        "New title", "New summary", "<p>New body.</p>"), (
        "the copy shows the kept release's memoized or shared fields")
    assert (kept.title, kept.summary, kept.content, kept.metadata["title"]) == (
        "Old title", "Old summary", "<p>Old body.</p>", "Old title"), "the kept release changed"
    assert edited.date == kept.date, "a field that is not editable was taken from the file"


def test_memoized_content_is_cached_per_object_and_emptied_after_a_render():
    kept = _article()
    edited = edited_copy(kept, {"title": "New"}, "<p>New body.</p>")
    assert (kept.content, edited.content) == ("<p>Old body.</p>", "<p>New body.</p>")
    caches = pelican_build.memoized_content_caches()
    assert any(caches), "get_content is not memoized on the object any more"
    pelican_build.forget_built_content()
    assert not any(caches), "the memoized caches were not emptied"
