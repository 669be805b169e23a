"""Three languages: each with its own URL space, listings, strings and dates;
a switch and reciprocal hreflang between versions; translations that agree."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import FIXTURES, build_site, empty_content, soup, text

SITEURL = "https://example.org/room"
NOW = "2026-01-01 00:00 +08:00"
RELEASE = "releases/2021/three-languages/"
VERSIONS = {"en": RELEASE, "zh-Hant-HK": f"zh-hant/{RELEASE}", "zh-Hans": f"zh-hans/{RELEASE}"}


def publish(content, output, **settings):
    return build_site(content, output, settings_file="publishconf.py",
                      env={"SITEURL": SITEURL, "PRESS_ROOM_NOW": NOW}, extra_settings=settings)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    build = publish(FIXTURES / "languages-site", tmp_path_factory.mktemp("languages") / "output")
    assert build.returncode == 0, build.log
    return build.output


def page(output, url):
    return soup(output / url / "index.html")


@pytest.mark.parametrize("html_lang, url", VERSIONS.items())
def test_each_version_has_its_url_and_html_lang(site, html_lang, url):
    assert page(site, url).html["lang"] == html_lang


@pytest.mark.parametrize("html_lang, url", VERSIONS.items())
def test_hreflang_alternates_are_reciprocal_absolute_with_x_default(site, html_lang, url):
    links = {link["hreflang"]: link["href"] for link in
             page(site, url).select('link[rel="alternate"][hreflang]')}
    expected = {lang: f"{SITEURL}/{path}" for lang, path in VERSIONS.items()}
    assert links == {**expected, "x-default": f"{SITEURL}/{RELEASE}"}


def test_language_switch_links_every_other_version(site):
    switch = page(site, VERSIONS["zh-Hant-HK"]).select_one(".pr-language-switch")
    links = {a["lang"]: a["href"] for a in switch.select("a")}
    assert links == {"en": f"{SITEURL}/{RELEASE}", "zh-Hans": f"{SITEURL}/zh-hans/{RELEASE}"}
    current = switch.select_one('[aria-current="true"]')
    assert (text(current), current["lang"]) == ("繁體中文", "zh-Hant-HK")


def test_switch_falls_back_to_the_home_of_a_language_without_the_release(site):
    switch = page(site, "releases/2021/english-only").select_one(".pr-language-switch")
    assert {a["lang"]: a["href"] for a in switch.select("a")} == {
        "zh-Hant-HK": f"{SITEURL}/zh-hant/", "zh-Hans": f"{SITEURL}/zh-hans/"}
    assert not page(site, "releases/2021/english-only").select('link[hreflang]')


def test_each_language_lists_only_its_own_releases(site):
    def titles(url):
        return [text(a) for a in page(site, url).select(".pr-card__link")]
    assert titles("") == ["A release in three languages", "A release only in English"]
    assert titles("zh-hant") == ["三語新聞稿", "只有繁體中文的新聞稿"]
    assert titles("zh-hans") == ["三语新闻稿"]
    assert titles("zh-hant/releases/2021") == ["三語新聞稿", "只有繁體中文的新聞稿"]
    assert titles("zh-hant/releases/category/press-releases") == ["三語新聞稿", "只有繁體中文的新聞稿"]


def test_listings_switch_to_the_same_listing(site):
    switch = page(site, "zh-hant/releases/2021").select_one(".pr-language-switch")
    assert {a["lang"]: a["href"] for a in switch.select("a")} == {
        "en": f"{SITEURL}/releases/2021/", "zh-Hans": f"{SITEURL}/zh-hans/releases/2021/"}


@pytest.mark.parametrize("url, strings", [
    (VERSIONS["en"], ["All releases", "Skip to main content", "Subscribe", "Search"]),
    (VERSIONS["zh-Hant-HK"], ["所有新聞稿", "跳至主要內容", "訂閱", "搜尋", "測試機構新聞中心"]),
    (VERSIONS["zh-Hans"], ["所有新闻稿", "跳至主要内容", "订阅", "搜索", "测试机构新闻中心"]),
])
def test_interface_strings_are_in_the_page_language(site, url, strings):
    document = page(site, url)
    shown = text(document)
    for string in strings:
        assert string in shown, (url, string)


@pytest.mark.parametrize("url, dateline", [
    (VERSIONS["en"], "(Hong Kong, 26 November 2021)"),
    (VERSIONS["zh-Hant-HK"], "（香港，2021年11月26日）"),
    (VERSIONS["zh-Hans"], "（香港，2021年11月26日）"),
])
def test_dates_are_written_per_language(site, url, dateline):
    assert text(page(site, url).select_one(".pr-dateline")) == dateline


def test_translated_tags_and_categories_stay_in_their_language(site):
    document = page(site, VERSIONS["zh-Hant-HK"])
    assert document.select_one(".pr-release__category")["href"] == (
        f"{SITEURL}/zh-hant/releases/category/press-releases/")
    assert text(document.select_one(".pr-release__category")) == "新聞稿"
    tag = document.select_one(".pr-tags__link")
    assert tag["href"].startswith(f"{SITEURL}/zh-hant/releases/tag/"), tag
    assert (site / tag["href"][len(SITEURL) + 1:] / "index.html").is_file()


def test_no_simplified_conversion_by_default(site):
    assert not (site / "zh-hans/releases/2021/traditional-only").exists()


def test_conversion_makes_a_marked_simplified_version(tmp_path):
    build = publish(FIXTURES / "languages-site", tmp_path / "output",
                    PRESS_ROOM_CONVERT_SIMPLIFIED=True)
    assert build.returncode == 0, build.log
    document = page(build.output, "zh-hans/releases/2021/traditional-only")
    assert text(document.h1) == "只有繁体中文的新闻稿"
    assert text(document.select_one(".pr-release__subtitle, .pr-release__deck")) == "这篇新闻稿没有英文版本"
    assert text(document.select_one(".pr-release__note")) == "本页由繁体中文版本自动转换。"
    # An authored Simplified text always wins over conversion.
    authored = page(build.output, f"zh-hans/{RELEASE}")
    assert text(authored.h1) == "三语新闻稿" and authored.select_one(".pr-release__note") is None


def write_release(bundle, name, front_matter):
    bundle.mkdir(parents=True, exist_ok=True)
    (bundle / name).write_text(f"---\n{front_matter}---\nBody.\n", encoding="utf-8")


BASE = "title: T\ndate: 2021-11-26 10:00 +08:00\ncategory: Press Releases\n"


@pytest.mark.parametrize("case, translation, expected", [
    ("date", BASE.replace("10:00", "11:00"),
     "index.zh-hant.md:3: date: 2021-11-26 11:00+08:00 differs from index.md "
     "(2021-11-26 10:00+08:00) — translations share the release's date"),
    ("category", BASE.replace("Press Releases", "Corporate News"),
     "index.zh-hant.md:4: category: Corporate News differs from index.md (Press Releases) "
     "— translations share one category"),
    ("status", BASE + "status: draft\n",
     "index.zh-hant.md:5: status: draft differs from index.md (published) — translations are "
     "published or drafted together"),
    ("photos", BASE + "photos:\n  - file: p.jpg\n    caption: c\n    alt: a\n",
     "index.zh-hant.md:5: photos: p.jpg differs from index.md (no photos) — translations show "
     "the same photo files, in the same order"),
])
def test_translations_that_disagree_stop_the_build(tmp_path, case, translation, expected):
    content = empty_content(tmp_path)
    bundle = content / "releases/2021/disagreeing"
    write_release(bundle, "index.md", BASE)
    write_release(bundle, "index.zh-hant.md", translation)
    shutil.copyfile(FIXTURES / "site/releases/2021/release-with-every-field/landscape.jpg",
                    bundle / "p.jpg")
    build = build_site(content, tmp_path / "output")
    assert build.returncode != 0, build.log
    assert f"{bundle}/{expected}" in build.stderr.splitlines(), build.log


@pytest.mark.parametrize("files, expected", [
    ({"index.md": BASE, "index.fr.md": BASE},
     'index.fr.md:1: lang: "fr" is not a configured language — use one of: en, zh-hant, zh-hans'),
    ({"index.md": BASE + "lang: zh-hant\n", "index.zh-hant.md": BASE},
     'index.md:5: lang: "zh-hant" contradicts the file name (which says "en") — remove the lang '
     "key or rename the file"),
])
def test_language_mistakes_name_the_file(tmp_path, files, expected):
    content = empty_content(tmp_path)
    bundle = content / "releases/2021/mistaken"
    for name, front_matter in files.items():
        write_release(bundle, name, front_matter)
    build = build_site(content, tmp_path / "output")
    assert build.returncode != 0, build.log
    assert any(line.endswith(expected) for line in build.stderr.splitlines()), build.log
