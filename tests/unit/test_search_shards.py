"""Which pages go into which search shard, and how shards are joined."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from press_room.search_cache import page_matcher
from press_room.search_shards import ShardsDisagree, has_body_mark, join, release_pages, shards


def page(root: Path, path: str, lang: str | None, body: bool) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    lang_attribute = f' lang="{lang}"' if lang is not None else ""
    article = "<article data-pagefind-body>" if body else "<article>"
    target.write_text(f"<!doctype html><html{lang_attribute}><body>{article}<h1>{path}</h1>"
                      "<p>data-pagefind-body as text is not the attribute</p>"
                      "</article></body></html>", encoding="utf-8")


def grouped(root: Path, patterns=("**/*.html",)) -> dict[str, list[str]]:
    found = shards(str(root), release_pages(str(root), page_matcher(list(patterns))))
    return {shard.language: shard.pages for shard in found}


def test_pages_are_grouped_by_their_html_lang_lower_cased(tmp_path):
    page(tmp_path, "releases/a/index.html", "en", True)
    page(tmp_path, "zh-hant/releases/b/index.html", "zh-Hant-HK", True)
    page(tmp_path, "zh-hans/releases/c/index.html", "zh-Hans", True)
    page(tmp_path, "releases/d/index.html", None, True)
    assert grouped(tmp_path) == {"en": ["releases/a/index.html"],
                                 "zh-hant-hk": ["zh-hant/releases/b/index.html"],
                                 "zh-hans": ["zh-hans/releases/c/index.html"],
                                 "": ["releases/d/index.html"]}


def test_unmarked_pages_are_left_out_when_any_page_is_marked(tmp_path):
    # Pagefind's rule: with data-pagefind-body anywhere, pages without it are skipped,
    # even when a whole language has none (its shard alone would index them whole).
    page(tmp_path, "releases/a/index.html", "en", True)
    page(tmp_path, "releases/tag/x/index.html", "en", False)
    page(tmp_path, "zh-hant/releases/tag/y/index.html", "zh-Hant-HK", False)
    assert grouped(tmp_path) == {"en": ["releases/a/index.html"]}


def test_every_page_counts_when_none_is_marked(tmp_path):
    page(tmp_path, "one/index.html", "en", False)
    page(tmp_path, "two/index.html", "zh-hans", False)
    assert grouped(tmp_path) == {"en": ["one/index.html"], "zh-hans": ["two/index.html"]}


def test_only_pages_the_patterns_match_are_read(tmp_path):
    page(tmp_path, "releases/2021/a/index.html", "en", True)
    page(tmp_path, "search/index.html", "en", True)
    assert grouped(tmp_path, ["releases/*/*/index.html"]) == {
        "en": ["releases/2021/a/index.html"]}


def test_a_shard_digest_changes_with_any_page_byte(tmp_path):
    page(tmp_path, "releases/a/index.html", "en", True)
    page(tmp_path, "releases/b/index.html", "en", True)
    before = grouped_digest(tmp_path)
    path = tmp_path / "releases/b/index.html"
    path.write_bytes(path.read_bytes().replace(b"<p>", b"<p>x"))
    assert grouped_digest(tmp_path) != before


def grouped_digest(root: Path) -> str:
    (shard,) = shards(str(root), release_pages(str(root), page_matcher(["**/*.html"])))
    return shard.digest()


def bundle(root: Path, languages: dict, shared: bytes = b"script") -> str:
    root.mkdir()
    (root / "pagefind.js").write_bytes(shared)
    (root / "pagefind-entry.json").write_text(json.dumps(
        {"version": "1.5.2", "languages": languages, "include_characters": ["_"]}))
    for language in languages:
        (root / "fragment").mkdir(exist_ok=True)
        (root / "fragment" / f"{language}_1.pf_fragment").write_bytes(language.encode())
    return str(root)


def test_join_unites_files_and_sorts_the_languages(tmp_path):
    zh = bundle(tmp_path / "zh", {"zh-hans": {"hash": "zh-hans_1", "wasm": None, "page_count": 2}})
    en = bundle(tmp_path / "en", {"en": {"hash": "en_1", "wasm": "en", "page_count": 3}})
    target = tmp_path / "joined"
    assert join([zh, en], str(target)) == {"en": 3, "zh-hans": 2}
    entry = (target / "pagefind-entry.json").read_text()
    assert entry == ('{"version":"1.5.2","languages":{"en":{"hash":"en_1","wasm":"en",'
                     '"page_count":3},"zh-hans":{"hash":"zh-hans_1","wasm":null,"page_count":2}},'
                     '"include_characters":["_"]}'), entry
    assert sorted(p.name for p in (target / "fragment").iterdir()) == [
        "en_1.pf_fragment", "zh-hans_1.pf_fragment"]


@pytest.mark.parametrize("second, shared, reason", [
    ({"en": {"hash": "en_2", "wasm": "en", "page_count": 1}}, b"script",
     "language 'en' is in two shards"),
    ({"zh-hans": {"hash": "zh-hans_1", "wasm": None, "page_count": 1}}, b"other",
     "./pagefind.js differs between shards"),
])
def test_join_refuses_shards_that_disagree(tmp_path, second, shared, reason):
    first = bundle(tmp_path / "one", {"en": {"hash": "en_1", "wasm": "en", "page_count": 3}})
    other = bundle(tmp_path / "two", second, shared=shared)
    with pytest.raises(ShardsDisagree) as refusal:
        join([first, other], str(tmp_path / "joined"))
    assert reason in str(refusal.value), refusal.value


@pytest.mark.parametrize("html, marked", [
    (b'<article data-pagefind-body>', True),
    (b'<article class="x"\n data-pagefind-body="">', True),
    (b'<article data-pagefind-body/>', True),
    (b'<p>data-pagefind-body</p>', False),
    (b'<p>the attribute data-pagefind-body in a sentence</p>', False),
    (b'<article data-pagefind-body-not>', False),
    (b'<article xdata-pagefind-body>', False),
])
def test_the_body_mark_is_an_attribute_not_words(html, marked):
    assert has_body_mark(b"<html><body>" + html + b"</body></html>") is marked, html
