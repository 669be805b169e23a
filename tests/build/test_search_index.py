"""Site search: the Pagefind index holds the release pages and nothing else,
and the search page works without its script (a form, a way round it).

Pagefind stores each indexed page as a gzip "fragment" (JSON after a
`pagefind_dcd` signature): the tests open them to see what a search can return.
"""

from __future__ import annotations

import calendar
import gzip
import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from press_room.problems import ContentError
from press_room.search_index import SearchIndexError, build_index, read_chunk

from tests.build.conftest import ARCHIVE_SITEURL, write_archive_site
from tests.conftest import build_site, empty_content, soup, text

FRAGMENT_SIGNATURE = b"pagefind_dcd"
# Parts every release shares (data-pagefind-ignore): a search for them would
# return every release. From tests/fixtures/site/data/site.yml and the theme.
SHARED_TEXT = ["Media enquiries", "About FIXORG", "FIXORG is the organisation of the test",
               "Other Org is a partner", "press@fixture.example", "Related releases",
               "Download photo", "Download all photos"]


def fragments(output: Path) -> dict[str, dict]:
    """Every page in the index, by its URL (relative to the site, as Pagefind stores it)."""
    records = {}
    for path in sorted((output / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(FRAGMENT_SIGNATURE), f"{path.name} starts {data[:20]!r}"
        record = json.loads(data[len(FRAGMENT_SIGNATURE):])
        records[record["url"]] = record
    return records


def entry(output: Path) -> dict:
    return json.loads((output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))


def long_date(release) -> str:
    day = int(release.date[8:10])
    return f"{day} {calendar.month_name[release.month]} {release.year}"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


# --- the bundle ------------------------------------------------------------------------------

def test_the_build_writes_the_pagefind_bundle(archive_site):
    bundle = archive_site.output / "pagefind"
    for name in ("pagefind.js", "pagefind-entry.json", "pagefind-worker.js", "wasm.en.pagefind"):
        assert (bundle / name).is_file(), f"pagefind/{name} missing: {sorted(tree(bundle))[:20]}"
    assert entry(archive_site.output)["version"] == "1.5.2"
    # Pagefind's own ready-made interfaces are not used by the site.
    leftovers = sorted(p.name for p in bundle.glob("pagefind-*ui*"))
    assert leftovers == [], leftovers


def test_only_release_pages_are_indexed(archive_site):
    languages = entry(archive_site.output)["languages"]
    counts = {language: info["page_count"] for language, info in languages.items()}
    assert counts == {"en": len(archive_site.releases)}, counts

    urls = set(fragments(archive_site.output))
    expected = {f"/releases/{r.year}/{r.slug}/" for r in archive_site.releases}
    assert urls == expected, (f"not releases: {sorted(urls - expected)}; "
                              f"missing: {sorted(expected - urls)}")


def test_listing_pages_are_not_indexed(archive_site):
    urls = set(fragments(archive_site.output))
    for listing in ("/", "/page/2/", "/releases/", "/releases/2021/", "/releases/tags/",
                    "/releases/tag/archive/", "/releases/category/corporate-news/",
                    "/search/", "/404.html"):
        assert listing not in urls, f"{listing} is in the search index"


def test_each_language_has_its_own_index(real_site):
    # Pagefind splits the index by each page's <html lang>; a preview build
    # indexes every release page written.
    expected = {}
    for path in real_site.output.glob("**/releases/[0-9][0-9][0-9][0-9]/*/index.html"):
        language = soup(path).html["lang"].lower()
        expected[language] = expected.get(language, 0) + 1
    assert len(expected) > 1, f"the real site should be multilingual: {expected}"
    languages = entry(real_site.output)["languages"]
    counts = {language: info["page_count"] for language, info in languages.items()}
    assert counts == expected, counts


def test_chinese_text_is_indexed_as_words(real_site):
    # Only Pagefind's extended build segments Chinese; without it a sentence
    # would be one "word" and no search for 香港 would find it.
    words = set()
    for path in (real_site.output / "pagefind/index").glob("zh-hant*_*.pf_index"):
        words |= {entry[0] for entry in read_chunk(str(path))[0]}
    assert {"香港", "科技"} <= words, sorted(words)[:60]


def test_each_result_carries_title_date_category_and_filters(archive_site):
    records = fragments(archive_site.output)
    for release in archive_site.releases:
        record = records[f"/releases/{release.year}/{release.slug}/"]
        meta = record["meta"]
        assert meta.get("title") == release.title, meta
        assert meta.get("date") == long_date(release), meta
        assert meta.get("category") == release.category, meta
        assert record["filters"] == {"year": [str(release.year)],
                                     "category": [release.category]}, record["filters"]


def test_the_lead_photo_is_the_result_thumbnail(archive_site):
    records = fragments(archive_site.output)
    for release in archive_site.releases:
        meta = records[f"/releases/{release.year}/{release.slug}/"]["meta"]
        if not release.has_photo:
            assert "image" not in meta, meta
            continue
        assert meta.get("image_alt") == "Green test card", meta
        # Absolute, with the sub-path: Pagefind hands meta values back unchanged.
        assert meta["image"].startswith(f"{ARCHIVE_SITEURL}/releases/{release.year}/"), meta
        path = archive_site.output / meta["image"].removeprefix(ARCHIVE_SITEURL + "/")
        assert path.is_file() and path.suffix == ".jpg", meta["image"]


def test_shared_parts_of_release_pages_are_not_indexed(fixture_site):
    every_field = soup(fixture_site.output / "releases/2021/release-with-every-field/index.html")
    page_text = text(every_field)
    assert "Media enquiries" in page_text and "FIXORG" in page_text, (
        "the fixture release no longer shows contacts and boilerplate: the test proves nothing")
    records = fragments(fixture_site.output)
    assert "/releases/2021/release-with-every-field/" in records, sorted(records)
    for url, record in records.items():
        found = [shared for shared in SHARED_TEXT if shared in record["content"]]
        assert not found, f"{url} is indexed with shared text {found}: {record['content'][:400]}"


def test_release_text_is_indexed_with_its_headline_first(fixture_site):
    record = fragments(fixture_site.output)["/releases/2021/release-with-every-field/"]
    headline = text(soup(fixture_site.output / "releases/2021/release-with-every-field/index.html")
                    .select_one("h1"))
    # Nothing (filters, category label) before the headline: excerpts start with it.
    assert record["content"].startswith(headline), record["content"][:200]


def test_the_index_is_the_same_for_the_same_output(archive_site, tmp_path):
    copy = tmp_path / "output"
    shutil.copytree(archive_site.output, copy)
    build_index(SimpleNamespace(settings={"PRESS_ROOM_SEARCH": True}, output_path=str(copy)))
    assert tree(copy / "pagefind") == tree(archive_site.output / "pagefind")


# --- the search page -------------------------------------------------------------------------

BOTH_SITES = pytest.mark.parametrize("site, site_url", [("archive_site", ARCHIVE_SITEURL),
                                                       ("fixture_site", "")])


@BOTH_SITES
def test_search_page_has_a_labelled_get_form(site, site_url, request):
    page = soup(request.getfixturevalue(site).output / "search/index.html")
    form = page.select_one('form[role="search"]')
    assert form is not None, page.select_one("main")
    assert form["action"] == f"{site_url}/search/" and form["method"] == "get", form.attrs
    field = form.select_one('input[type="search"][name="q"]')
    assert field is not None, form
    label = page.select_one(f'label[for="{field["id"]}"]')
    assert label is not None and text(label), f"no label for #{field['id']}"
    assert form.select_one('button[type="submit"]') is not None, form


@BOTH_SITES
def test_search_page_says_search_needs_javascript_and_offers_the_archive(site, site_url,
                                                                         request):
    page = soup(request.getfixturevalue(site).output / "search/index.html")
    fallback = page.select_one("noscript")
    assert fallback is not None, page.select_one("main")
    assert "JavaScript" in text(fallback), text(fallback)
    links = {a["href"] for a in fallback.select("a")}
    assert links == {f"{site_url}/releases/", f"{site_url}/releases/tags/"}, links


@BOTH_SITES
def test_search_page_loads_its_script_as_a_hashed_module(site, site_url, request):
    output = request.getfixturevalue(site).output
    page = soup(output / "search/index.html")
    scripts = page.select("script")
    assert len(scripts) == 1, scripts
    script = scripts[0]
    assert script.get("type") == "module" and not script.get_text(strip=True), script
    src = script["src"]
    assert src.startswith(f"{site_url}/theme/js/search.") and src.endswith(".js"), src
    assert (output / src.removeprefix(site_url + "/")).is_file(), src
    # The script finds the index (and links results) under the site's address.
    assert page.select_one("[data-pr-search]")["data-site-url"] == site_url
    # The CSP allows no inline style either.
    assert page.select("[style]") == [], page.select("[style]")


def test_each_language_has_its_search_page(real_site):
    page = soup(real_site.output / "zh-hant/search/index.html")
    assert page.select_one('form[role="search"]')["action"] == "/zh-hant/search/"
    links = {a["href"] for a in page.select("noscript a")}
    assert links == {"/zh-hant/releases/", "/zh-hant/releases/tags/"}, links
    assert page.html["lang"] == "zh-Hant-HK"  # the script searches this language first
    labels = json.loads(page.select_one("[data-pr-search]")["data-language-labels"])
    assert labels["zh-hant-hk"] == "繁體中文" and labels["en"] == "English", labels


# --- the setting and failures ------------------------------------------------------------------

def minimal_output(root: Path) -> Path:
    root.mkdir()
    (root / "index.html").write_text(
        '<!doctype html><html lang="en"><body><article data-pagefind-body>'
        "<h1>Only page</h1><p>Some words.</p></article></body></html>", encoding="utf-8")
    return root


def test_the_setting_turns_search_off_and_removes_an_earlier_index(tmp_path):
    output = minimal_output(tmp_path / "output")
    build_index(SimpleNamespace(settings={}, output_path=str(output)))
    assert (output / "pagefind/pagefind.js").is_file()
    build_index(SimpleNamespace(settings={"PRESS_ROOM_SEARCH": False}, output_path=str(output)))
    assert not (output / "pagefind").exists()


def test_a_stale_bundle_is_replaced(tmp_path):
    output = minimal_output(tmp_path / "output")
    stale = output / "pagefind" / "fragment" / "en_stale.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"from an earlier build")
    build_index(SimpleNamespace(settings={}, output_path=str(output)))
    assert not stale.exists(), "an earlier build's fragment would still answer searches"
    assert entry(output)["languages"]["en"]["page_count"] == 1


def test_a_pagefind_failure_stops_the_build_with_its_message(tmp_path):
    empty = tmp_path / "output"
    empty.mkdir()
    with pytest.raises(SearchIndexError) as failure:
        build_index(SimpleNamespace(settings={}, output_path=str(empty)))
    # A ContentError: Pelican exits 1 and prints the message without a traceback.
    assert isinstance(failure.value, ContentError)
    message = str(failure.value)
    assert "Pagefind could not build the search index" in message, message
    assert "did not contain any html files" in message, message  # Pagefind's own words


# --- reuse of an unchanged index (search_cache.py) -----------------------------------------------

def test_an_unchanged_index_is_reused_and_a_changed_page_is_reindexed(tmp_path):
    content = empty_content(tmp_path)
    write_archive_site(content)
    cache = tmp_path / "cache"
    settings = {"PRESS_ROOM_CACHE_PATH": str(cache)}

    first = build_site(content, tmp_path / "first", extra_settings=settings, verbose=True)
    assert first.returncode == 0, first.log
    assert "Search: indexed 27 release page(s)" in first.log, first.log

    again = build_site(content, tmp_path / "again", extra_settings=settings, verbose=True)
    assert again.returncode == 0, again.log
    assert "reused it" in again.log, again.log
    assert tree(tmp_path / "again/pagefind") == tree(tmp_path / "first/pagefind"), (
        "the reused bundle differs from the one Pagefind built")

    release = content / "releases/2020/archive-2020-03/index.md"
    release.write_text(release.read_text(encoding="utf-8") + "\nA correction: zeppelinword.\n",
                       encoding="utf-8")
    edited = build_site(content, tmp_path / "edited", extra_settings=settings, verbose=True)
    assert edited.returncode == 0, edited.log
    assert "reused it" not in edited.log and "Search: indexed 27" in edited.log, edited.log
    assert tree(tmp_path / "edited/pagefind") != tree(tmp_path / "first/pagefind")
    kept = sorted(path.name for path in (cache / "search").iterdir())
    assert len(kept) == 2, f"the two most recent bundles are kept: {kept}"

    release.write_text(release.read_text(encoding="utf-8") + "\nA second correction.\n",
                       encoding="utf-8")
    third = build_site(content, tmp_path / "third", extra_settings=settings, verbose=True)
    assert third.returncode == 0, third.log
    now_kept = sorted(path.name for path in (cache / "search").iterdir())
    assert len(now_kept) == 2 and set(kept) - set(now_kept), (
        f"the least recently used bundle stays: {kept} -> {now_kept}")
