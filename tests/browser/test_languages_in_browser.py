"""Switching languages and the 404 page, as a reader meets them in Chromium."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.test_release_journey import RELEASE_PATH, open_site_page

SWITCH = ".pr-language-switch"


def test_switch_english_traditional_simplified_and_back(page, site_server, browser_errors):
    open_site_page(page, site_server, RELEASE_PATH)
    steps = [("繁體中文", f"/zh-hant{RELEASE_PATH}", "zh-Hant-HK", "香港科技園公司「創新園」"),
             ("简体中文", f"/zh-hans{RELEASE_PATH}", "zh-Hans", "香港科技园公司“创新园”"),
             ("English", RELEASE_PATH, "en", "HKSTP INNOPARK Sparks")]
    for label, path, html_lang, headline in steps:
        page.locator(f"{SWITCH} a", has_text=label).click()
        page.wait_for_url(f"**{path}")
        assert page.locator("html").get_attribute("lang") == html_lang, page.url
        expect(page.locator("h1")).to_contain_text(headline)
        expect(page.locator(f"{SWITCH} [aria-current]")).to_have_text(label)
    browser_errors.assert_none("the language journey")


def test_chinese_page_shows_chinese_interface_and_dates(page, site_server, browser_errors):
    open_site_page(page, site_server, f"/zh-hant{RELEASE_PATH}")
    expect(page.locator(".pr-dateline")).to_have_text("（香港，2021年11月26日）")
    expect(page.locator(".pr-contacts__title")).to_have_text("傳媒查詢")
    expect(page.locator(".pr-press-kit__link")).to_contain_text("下載全部照片")
    browser_errors.assert_none(page.url)


def test_the_404_page_helps(page, site_server, browser_errors):
    open_site_page(page, site_server, "/404.html")
    expect(page.locator("h1")).to_have_text("Page not found")
    search = page.locator('form[role="search"] input[name="q"], form input[name="q"]').first
    search.fill("innofacturers")
    search.press("Enter")
    page.wait_for_url("**/search/?q=innofacturers")
    expect(page.locator(".pr-search__result-link").first).to_contain_text("HKSTP INNOPARK")
    browser_errors.assert_none(page.url)


def test_each_language_has_its_own_404_page(page, site_server, browser_errors):
    open_site_page(page, site_server, "/zh-hant/404.html")
    expect(page.locator("h1")).to_have_text("找不到網頁")
    assert page.locator("html").get_attribute("lang") == "zh-Hant-HK"
    browser_errors.assert_none(page.url)
