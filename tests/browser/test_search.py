"""Search, in Debian's Chromium: the search page runs the site's Pagefind index.

The real site (the INNOPARK release in English, Traditional and Simplified
Chinese) shows that a word of the release finds it, typed or in a shared URL,
that each language's search page searches its own language first, and that
Chinese words are found. Year and category filters need more releases: the
archive site of the build tests (27 releases, 3 years, 3 categories) is built
here too, published under a sub-path (/pressroom) as a host may serve it, so
result links and thumbnails must carry the path.

Every test also asserts no console errors: a CSP violation (an inline script or
style, a blocked WebAssembly compile, a foreign URL) is reported as one.
"""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.test_release_journey import (RELEASE_PATH, RELEASE_TITLE_START,
                                                assert_no_axe_violations, open_site_page)
from tests.build.conftest import write_archive_site
from tests.conftest import REPO, build_site, empty_content

SEARCH_PATH = "/search/"
# In the INNOPARK release only (checked below): a search for it must find that release.
INNOPARK_WORD = "innofacturers"
INNOPARK_SOURCE = REPO / "content/releases/2021/innopark-mars-centre/index.md"
SUB_PATH = "/pressroom"
ARCHIVE_NOW = "2026-01-01 00:00 +08:00"
PAGE_SIZE = 10  # results shown before "Show more results"


# --- serving built sites -------------------------------------------------------------------

class _SiteHandler(SimpleHTTPRequestHandler):
    """Static files under `prefix` only, as a host serving the site at a sub-path."""

    prefix = ""

    def translate_path(self, path):
        if self.prefix and not (path == self.prefix or path.startswith(self.prefix + "/")):
            return str(Path(self.directory) / "outside-the-site-prefix")  # a 404
        return super().translate_path(path[len(self.prefix):] or "/")

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@contextmanager
def serving(directory: Path, prefix: str = ""):
    """Serve `directory` at http://127.0.0.1:<free port><prefix>/; yields the origin.

    The port is known before anything is built, so a site can be built with its
    final absolute SITEURL and served afterwards."""
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(directory)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="search-site", daemon=True)
    host, port = server.server_address[:2]
    try:
        thread.start()
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def archive_server(tmp_path_factory):
    """The archive site, published at http://127.0.0.1:<port>/pressroom; yields that URL."""
    root = tmp_path_factory.mktemp("search-archive")
    content = empty_content(root)
    write_archive_site(content)
    output = root / "output"
    output.mkdir()
    with serving(output, SUB_PATH) as origin:
        site_url = origin + SUB_PATH
        build = build_site(content, output, settings_file="publishconf.py",
                           env={"SITEURL": site_url, "PRESS_ROOM_NOW": ARCHIVE_NOW})
        assert build.returncode == 0, f"the archive site did not build:\n{build.log}"
        yield site_url


# --- helpers -----------------------------------------------------------------------------------

def results(page):
    return page.locator(".pr-search__result")


def result_titles(page) -> list[str]:
    return page.locator(".pr-search__result-link").all_inner_texts()


def status(page):
    return page.locator(".pr-search__status")


def result_hrefs(page) -> list[str]:
    """The links of the results shown, as written in the page."""
    return page.locator(".pr-search__result-link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")


def wait_for_count(page, count: int, query: str = "") -> None:
    """Until the status line announces `count` releases (it changes once the list shows them)."""
    found = "No releases" if count == 0 else f"{count} release{'s' if count != 1 else ''}"
    expect(status(page), f"the search on {page.url} did not announce {count} result(s)"
           ).to_contain_text(f"{found} found" + (f" for “{query}”" if query else ""))


def query_of(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


def choose(page, label: str, option_label: str) -> None:
    page.get_by_label(label, exact=True).select_option(label=option_label)


# --- the real site: one release -------------------------------------------------------------

def test_the_word_occurs_only_in_the_innopark_release():
    releases = list((REPO / "content/releases").glob("*/*/index*.md"))
    having = [p for p in releases if INNOPARK_WORD in p.read_text(encoding="utf-8").lower()]
    assert having == [INNOPARK_SOURCE], having


def test_typing_a_word_lists_the_release_with_date_category_excerpt(page, site_server,
                                                                    browser_errors):
    open_site_page(page, site_server, SEARCH_PATH)
    page.get_by_label("Words to find").fill(INNOPARK_WORD)  # typing, as far as the page knows
    wait_for_count(page, 1, INNOPARK_WORD)

    first = results(page).first
    link = first.locator(".pr-search__result-link")
    assert link.inner_text().startswith(RELEASE_TITLE_START), result_titles(page)
    assert link.get_attribute("href") == RELEASE_PATH, link.get_attribute("href")
    assert first.get_attribute("lang") == "en"
    assert first.locator(".pr-search__result-date").inner_text() == "26 November 2021"
    assert first.locator(".pr-search__result-category").inner_text() == "Press Releases"
    # Pagefind stems: "innofacturers" also matches the headline's “Innofacturing”.
    marks = first.locator(".pr-search__excerpt mark").all_inner_texts()
    assert marks and all("innofactur" in m.lower() for m in marks), (
        f"excerpt highlights {marks}: {first.locator('.pr-search__excerpt').inner_text()}")

    thumbnail = first.locator("img.pr-search__thumb")
    expect(thumbnail).to_have_count(1)
    assert "INNOPARK" in (thumbnail.get_attribute("alt") or ""), thumbnail.get_attribute("alt")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                           arg=thumbnail.element_handle(), timeout=10_000)

    # The query is in the address, ready to share.
    assert query_of(page.url) == {"q": INNOPARK_WORD}, page.url
    browser_errors.assert_none(page.url)


def test_a_shared_search_url_runs_the_search_on_load(page, site_server, browser_errors):
    open_site_page(page, site_server, f"{SEARCH_PATH}?q={INNOPARK_WORD}")
    wait_for_count(page, 1, INNOPARK_WORD)
    assert result_titles(page)[0].startswith(RELEASE_TITLE_START), result_titles(page)
    expect(page.get_by_label("Words to find")).to_have_value(INNOPARK_WORD)
    browser_errors.assert_none(page.url)


def test_submitting_searches_without_leaving_the_page(page, site_server, browser_errors):
    open_site_page(page, site_server, SEARCH_PATH)
    page.evaluate("window.prSearchStillHere = true")  # lost if the form reloads the page
    search_box = page.get_by_label("Words to find")
    search_box.fill("MARS Centre")
    search_box.press("Enter")
    wait_for_count(page, 1, "MARS Centre")
    assert page.evaluate("window.prSearchStillHere === true"), "submitting reloaded the page"
    expect(search_box, "focus should stay in the search box after submitting").to_be_focused()
    browser_errors.assert_none(page.url)


def test_a_search_without_match_says_so(page, site_server, browser_errors):
    open_site_page(page, site_server, f"{SEARCH_PATH}?q=zyxwvut")
    wait_for_count(page, 0, "zyxwvut")
    expect(results(page)).to_have_count(0)
    expect(page.locator(".pr-search__results")).to_be_hidden()
    browser_errors.assert_none(page.url)


def test_only_filters_that_narrow_are_offered(page, site_server, browser_errors):
    # One release: one year, one category (a choice of one is no choice); three languages.
    open_site_page(page, site_server, f"{SEARCH_PATH}?q={INNOPARK_WORD}")
    wait_for_count(page, 1, INNOPARK_WORD)
    shown = page.locator(".pr-search__filter:not([hidden]) select")
    assert shown.evaluate_all("all => all.map(s => s.name)") == ["language"]
    expect(page.get_by_label("Year", exact=True)).to_be_hidden()
    expect(page.get_by_label("Category", exact=True)).to_be_hidden()
    language = page.get_by_label("Language", exact=True)
    options = language.locator("option").evaluate_all(
        "options => options.map(o => [o.value, o.textContent])")
    # Values: the index's languages (from each release's <html lang>); names: each its own.
    assert options == [["all", "All languages"], ["en", "English"], ["zh-hans", "简体中文"],
                       ["zh-hant-hk", "繁體中文"]], options
    # The English search page searches English releases first.
    expect(language).to_have_value("en")
    browser_errors.assert_none(page.url)


def test_all_languages_shows_every_version_of_the_release(page, site_server, browser_errors):
    open_site_page(page, site_server, f"{SEARCH_PATH}?q=MARS")
    wait_for_count(page, 1, "MARS")
    choose(page, "Language", "All languages")
    wait_for_count(page, 3, "MARS")
    assert query_of(page.url) == {"q": "MARS", "language": "all"}, page.url
    hrefs = result_hrefs(page)
    assert sorted(hrefs) == sorted(f"{prefix}{RELEASE_PATH}" for prefix in ("", "/zh-hant",
                                                                            "/zh-hans")), hrefs
    # Each result says its language, so a screen reader reads Chinese as Chinese.
    languages = results(page).evaluate_all("items => items.map(li => li.lang)")
    assert sorted(languages) == ["en", "zh-Hans", "zh-Hant-HK"], languages
    browser_errors.assert_none(page.url)


def test_the_chinese_search_page_finds_chinese_words(page, site_server, browser_errors):
    open_site_page(page, site_server, f"/zh-hant{SEARCH_PATH}")
    # By id: the labels are translated on this page.
    expect(page.locator("#search-filter-language")).to_have_value("zh-hant-hk")
    # 精準度 (precision) sits mid-sentence in the Traditional body only: found
    # because Pagefind's extended build segments Chinese text into words.
    page.locator("#search-query").fill("精準度")
    expect(status(page)).to_have_text("找到 1 篇與「精準度」相關的新聞稿。")
    link = page.locator(".pr-search__result-link")
    assert link.get_attribute("href") == f"/zh-hant{RELEASE_PATH}", link.get_attribute("href")
    assert link.inner_text().startswith("香港科技園公司「創新園」"), link.inner_text()
    assert page.locator(".pr-search__result-date").inner_text() == "2021年11月26日"
    assert page.locator(".pr-search__excerpt mark").count() > 0
    assert query_of(page.url) == {"q": "精準度"}, page.url  # the page's language: the default
    browser_errors.assert_none(page.url)


def test_a_word_found_only_in_other_languages_says_so(page, site_server, browser_errors):
    open_site_page(page, site_server, f"{SEARCH_PATH}?q=創新園")
    expect(status(page)).to_have_text(
        "No releases found for “創新園” in English; 1 in other languages: "
        "choose “All languages”.")
    expect(results(page)).to_have_count(0)
    browser_errors.assert_none(page.url)


def test_the_search_page_without_javascript_offers_the_archive(new_context, site_server,
                                                              browser_errors):
    no_js_page = new_context(java_script_enabled=False).new_page()
    browser_errors.watch(no_js_page)
    open_site_page(no_js_page, site_server, SEARCH_PATH)
    # CSS locators: Playwright's text and role engines skip <noscript> content.
    message = no_js_page.locator(".pr-search__noscript")
    expect(message).to_be_visible()
    expect(message).to_contain_text("Search needs JavaScript")
    links = no_js_page.locator(".pr-search__noscript-links a")
    expect(links.first).to_be_visible()
    found = links.evaluate_all("all => all.map(a => [a.textContent, a.getAttribute('href')])")
    assert found == [["All releases, by year and category", "/releases/"],
                     ["Tag index", "/releases/tags/"]], found
    browser_errors.assert_none(no_js_page.url)


def test_axe_finds_no_violations_on_the_search_page_with_results(page, site_server,
                                                                 browser_errors):
    # Results in three languages and scripts.
    open_site_page(page, site_server, f"{SEARCH_PATH}?q=MARS&language=all")
    wait_for_count(page, 3, "MARS")

    assert_no_axe_violations(page)
    browser_errors.assert_none(page.url)


# --- the archive site under a sub-path: filters, paging, links -------------------------------

def test_results_link_to_releases_under_the_sub_path(page, archive_server, browser_errors):
    page.goto(f"{archive_server}{SEARCH_PATH}?q=archive", wait_until="load")
    wait_for_count(page, 27, "archive")
    expect(results(page)).to_have_count(PAGE_SIZE)
    hrefs = result_hrefs(page)
    assert all(re.fullmatch(rf"{SUB_PATH}/releases/20(19|20|21)/archive-20\d\d-\d\d/", h)
               for h in hrefs), hrefs

    title = result_titles(page)[0]
    page.locator(".pr-search__result-link").first.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == title, f"{page.url} is not {title!r}"
    browser_errors.assert_none(f"the search and the release page {page.url}")


def test_year_and_category_filters_narrow_the_results(page, archive_server, browser_errors):
    page.goto(f"{archive_server}{SEARCH_PATH}?q=archive", wait_until="load")
    wait_for_count(page, 27, "archive")

    choose(page, "Year", "2021")
    wait_for_count(page, 9, "archive")
    assert query_of(page.url) == {"q": "archive", "year": "2021"}, page.url
    hrefs = result_hrefs(page)
    assert all(h.startswith(f"{SUB_PATH}/releases/2021/") for h in hrefs), hrefs

    choose(page, "Category", "Corporate News")
    wait_for_count(page, 3, "archive")
    assert query_of(page.url) == {"q": "archive", "year": "2021",
                                  "category": "Corporate News"}, page.url
    categories = page.locator(".pr-search__result-category").all_inner_texts()
    assert categories == ["Corporate News"] * 3, categories

    choose(page, "Year", "All years")
    wait_for_count(page, 9, "archive")
    browser_errors.assert_none(page.url)


def test_filters_in_the_url_list_releases_newest_first_without_a_query(page, archive_server,
                                                                      browser_errors):
    page.goto(f"{archive_server}{SEARCH_PATH}?year=2020&category=Press+Releases",
              wait_until="load")
    expect(status(page)).to_have_text("3 releases, newest first.")
    expect(page.get_by_label("Year", exact=True)).to_have_value("2020")
    expect(page.get_by_label("Category", exact=True)).to_have_value("Press Releases")
    # Releases 01, 04 and 07 of 2020 (every third release is a press release), newest first.
    assert result_titles(page) == [f"Archive release {n} of 2020" for n in ("04", "07", "01")]
    browser_errors.assert_none(page.url)


def test_show_more_results_continues_at_the_first_new_result(page, archive_server,
                                                            browser_errors):
    page.goto(f"{archive_server}{SEARCH_PATH}?q=archive", wait_until="load")
    wait_for_count(page, 27, "archive")
    more = page.get_by_role("button", name="Show more results")

    more.click()
    expect(results(page)).to_have_count(2 * PAGE_SIZE)
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == result_titles(page)[PAGE_SIZE], (
        f"focus is on {focused!r}, not on result {PAGE_SIZE + 1}")

    more.click()
    expect(results(page)).to_have_count(27)
    expect(more).to_be_hidden()
    browser_errors.assert_none(page.url)


def test_the_lead_photo_is_the_result_thumbnail(page, archive_server, browser_errors):
    page.goto(f"{archive_server}{SEARCH_PATH}?q=archive&year=2019", wait_until="load")
    wait_for_count(page, 9, "archive")
    thumbnails = page.locator("img.pr-search__thumb")
    # Only release 01 of each year has a photo.
    expect(thumbnails).to_have_count(1)
    assert thumbnails.get_attribute("alt") == "Green test card"
    assert thumbnails.get_attribute("src").startswith(f"{archive_server}/releases/2019/")
    thumbnails.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                           arg=thumbnails.element_handle(), timeout=10_000)
    browser_errors.assert_none(page.url)


def test_axe_finds_no_violations_with_filters_and_many_results(page, archive_server,
                                                               browser_errors):
    page.goto(f"{archive_server}{SEARCH_PATH}?q=archive&year=2021", wait_until="load")
    wait_for_count(page, 9, "archive")

    assert_no_axe_violations(page)
    browser_errors.assert_none(page.url)
