"""What a page's record covers: value digests and the names templates read."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment
from markupsafe import Markup
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from press_room.incremental import template_names
from press_room.incremental.digest import Digester, NotDigestible

PLUGIN = Path(__file__).resolve().parents[2] / "plugins" / "press_room"


def release(title: str, day: int = 1) -> Article:
    return Article(f"<p>{title}</p>", metadata={"title": title, "date": dt.datetime(2021, 1, day)},
                   settings=dict(DEFAULT_CONFIG), source_path=f"/c/{title}/index.md",
                   context={})


def linked_chain():
    """a -> b -> c: a's page shows b (its previous release); b links to c."""
    a, b, c = release("a", 3), release("b", 2), release("c", 1)
    a.older_release, b.older_release = b, c
    return a, b, c


def test_the_same_values_give_the_same_digest_in_another_digester():
    a, _, _ = linked_chain()
    assert Digester().digest(a) == Digester().digest(a)
    assert Digester().digest({"x": [1, "y", None]}) == Digester().digest({"x": [1, "y", None]})


def test_a_linked_release_counts_with_its_fields():
    a, b, _ = linked_chain()
    before = Digester().digest(a)
    b.title = "b, retitled"
    assert Digester().digest(a) != before, "the previous release's title is shown on the page"


def test_beyond_the_linked_releases_only_which_release_counts():
    a, _, c = linked_chain()
    before = Digester().digest(a)
    c.title = "c, retitled"  # two links away: no template reads it
    assert Digester().digest(a) == before
    a.older_release.older_release = release("d")  # but which release it is does count
    assert Digester().digest(a) != before


def test_order_text_kind_and_time_zones_count():
    digest = Digester().digest
    assert digest([1, 2]) != digest([2, 1])
    assert digest({"a": 1, "b": 2}) != digest({"b": 2, "a": 1}), "listings show dicts in order"
    assert digest({1, 2, 3}) == digest({3, 2, 1}), "a set has no order to show"
    assert digest("<b>") != digest(Markup("<b>")), "markup is shown unescaped"
    moment = dt.datetime(2021, 1, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert digest(moment) != digest(moment.astimezone(dt.timezone.utc)), \
        "the same instant shown in another zone is another page"
    assert digest(["ab", "c"]) != digest(["a", "bc"])


def test_what_cannot_be_named_is_not_guessed():
    with pytest.raises(NotDigestible):
        Digester().digest({"x": iter([1, 2])})
    linked = release("linked")
    linked._content = '<a href="{filename}/other.md">x</a>'
    with pytest.raises(NotDigestible):
        Digester().digest(linked)


def test_templates_names_include_what_they_extend_include_and_import():
    env = Environment(loader=DictLoader({
        "page.html": '{% extends "base.html" %}{% block b %}{{ title }}{% endblock %}',
        "base.html": '{% import "macros.html" as m %}{% include "part.html" %}'
                     "{% block b %}{% endblock %}{{ m.x(footer) }}",
        "part.html": "{{ in_part }}",
        "macros.html": "{% macro x(v) %}{{ v }}{{ in_macro }}{% endmacro %}",
        "dynamic.html": "{% include chosen %}",
    }))
    names = template_names.TemplateNames(env)
    found = names.names("page.html")
    assert {"title", "footer", "in_part", "in_macro"} <= found, sorted(found)
    assert names.names("dynamic.html") is None, "a computed include must count every name"


def test_helpers_reads_are_found_in_the_plugin_source():
    reads = template_names.helper_reads()
    expected = {"PRESS_ROOM_LANGUAGE_TABLE", "page_lang", "output_file",
                "PRESS_ROOM_LISTING_COVERAGE", "TIMEZONE", "PRESS_ROOM_SITE"}
    assert expected <= reads, sorted(expected - reads)
    assert "articles" not in reads, "a build step's reads counted as a template helper's"


def test_every_template_helper_reads_the_context_through_a_parameter_named_context():
    """The scan above finds `context[...]` and `context.get(...)`: a helper
    naming its context otherwise would read names no record covers."""
    wrong = []
    for path in sorted(PLUGIN.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and template_names._is_helper(node):
                first = node.args.args[0].arg if node.args.args else None
                if first not in ("context", "self"):
                    wrong.append(f"{path.name}:{node.lineno} {node.name}({first})")
    assert not wrong, wrong
