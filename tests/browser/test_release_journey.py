"""A reader's journey through the press room, in Debian's Chromium.

Home page → the INNOPARK release card → the release with its six captioned
photos; plus accessibility (axe-core), layout at phone and desktop widths,
keyboard access to the skip link, and the page without JavaScript.
"""

from __future__ import annotations

import struct

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

RELEASE_PATH = "/releases/2021/innopark-mars-centre/"
RELEASE_TITLE_START = "HKSTP INNOPARK Sparks"
RELEASE_PHOTO_COUNT = 6
PAGES = {"home": "/", "release": RELEASE_PATH}

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# --- helpers -----------------------------------------------------------------------------

def open_site_page(page, site_server: str, path: str) -> None:
    """Go to `path` on the local site and insist it was served (200)."""
    url = site_server + path
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, (
        f"{url} was not served: HTTP {response.status if response else 'no response'}")


def describe_axe_violations(violations: list[dict]) -> str:
    """One line per rule: id, impact, help text and the first few offending selectors."""
    lines = []
    for violation in violations:
        targets = [" ".join(node["target"]) for node in violation["nodes"]]
        more = f" (+{len(targets) - 3} more)" if len(targets) > 3 else ""
        shown = ", ".join(targets[:3]) + more
        lines.append(f"{violation['id']} [{violation['impact']}] {violation['help']} "
                     f"— {len(targets)} node(s): {shown}")
        first_node_messages = [check["message"] for node in violation["nodes"][:1]
                               for check in node.get("any", []) + node.get("all", [])
                               + node.get("none", [])]
        lines.extend(f"    {message}" for message in first_node_messages)
    return "\n  ".join(lines)


def assert_no_axe_violations(page) -> None:
    """axe-core over the page as it is now; the failure lists every violation."""
    violations = Axe().run(page).response["violations"]
    assert not violations, (
        f"axe-core found {len(violations)} rule violation(s) on {page.url}:\n  "
        + describe_axe_violations(violations))


def png_width(path) -> int:
    """The pixel width recorded in a PNG's IHDR chunk (bytes 16–20, big-endian)."""
    header = path.read_bytes()[:24]
    assert header[:8] == PNG_SIGNATURE, f"{path} is not a PNG (starts {header[:8]!r})"
    assert header[12:16] == b"IHDR", f"{path}: first chunk is {header[12:16]!r}, not IHDR"
    return struct.unpack(">I", header[16:20])[0]


# Where an element sits and whether a click at its centre reaches it. Hit-testing honours
# clip-path, overflow clipping and anything drawn on top, unlike Playwright's visibility checks:
# a 1×1 px clipped skip link counts as "visible" and "in the viewport" to those.
SHOWN_ON_SCREEN_JS = """el => {
  const box = el.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const hit = document.elementFromPoint(x, y);
  return {
    shown: box.width >= 2 && box.height >= 2 && x >= 0 && y >= 0
           && x <= window.innerWidth && y <= window.innerHeight && el.contains(hit),
    box: [box.left, box.top, box.width, box.height].map(Math.round),
    topmost: hit ? hit.outerHTML.slice(0, 80) : null,
  };
}"""


# Elements whose right edge sticks out past the viewport: the culprits of horizontal scrolling.
WIDER_THAN_VIEWPORT_JS = """() => {
  const limit = window.innerWidth;
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.classList.length ? '.' + [...el.classList].join('.') : '');
  return [...document.body.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().right > limit + 0.5)
    .slice(0, 8)
    .map(el => `${describe(el)} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`);
}"""


# --- the journey ---------------------------------------------------------------------------

def test_home_card_leads_to_the_release_page(page, site_server, browser_errors):
    open_site_page(page, site_server, "/")

    card_links = page.locator(".pr-card__link", has_text="INNOPARK")
    assert card_links.count() == 1, (
        f"expected one release card titled with INNOPARK on {page.url}; card titles found: "
        f"{page.locator('.pr-card__link').all_inner_texts()}")
    card_links.click()
    page.wait_for_load_state("load")

    assert page.url.endswith(RELEASE_PATH), f"the card led to {page.url}, not {RELEASE_PATH}"
    headings = page.locator("h1").all_inner_texts()
    assert len(headings) == 1 and RELEASE_TITLE_START in headings[0], (
        f"expected one h1 containing {RELEASE_TITLE_START!r} on {page.url}; found {headings}")

    figures = page.locator("figure.pr-photo")
    assert figures.count() == RELEASE_PHOTO_COUNT, (
        f"expected {RELEASE_PHOTO_COUNT} figure.pr-photo on {page.url}, found {figures.count()}")
    for index, figure in enumerate(figures.all(), start=1):
        captions = figure.locator("figcaption")
        images = figure.locator("img")
        assert captions.count() == 1 and captions.inner_text().strip(), (
            f"photo {index} on {page.url} has no caption text: {figure.inner_html()[:300]}")
        assert images.count() == 1 and (images.get_attribute("alt") or "").strip(), (
            f"photo {index} on {page.url} has no img with alt text: {figure.inner_html()[:300]}")

    # Gallery photos are loading=lazy: they load only once scrolled near the viewport.
    for index, image in enumerate(page.locator("figure.pr-photo img").all(), start=1):
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete", arg=image.element_handle(), timeout=15_000)
        loaded = image.evaluate(
            "img => ({ok: img.complete && img.naturalWidth > 0, src: img.currentSrc || img.src})")
        assert loaded["ok"], f"photo {index} did not load on {page.url}: {loaded['src']}"

    browser_errors.assert_none(f"the journey from / to {page.url}")


# --- accessibility -------------------------------------------------------------------------

# Every page type, in every script: axe checks lang attributes and contrast too.
AXE_PAGES = {
    **PAGES,
    "archive": "/releases/",
    "year": "/releases/2021/",
    "tag": "/releases/tag/innopark/",
    "tag-index": "/releases/tags/",
    "category": "/releases/category/press-releases/",
    "404": "/404.html",
    "use-of-photos": "/use-of-photos/",
    "zh-hant-use-of-photos": "/zh-hant/use-of-photos/",
    "zh-hant-release": f"/zh-hant{RELEASE_PATH}",
    "zh-hant-home": "/zh-hant/",
    "zh-hans-release": f"/zh-hans{RELEASE_PATH}",
    "zh-hans-archive": "/zh-hans/releases/",
    "verify": "/verify/",
    "zh-hant-verify": "/zh-hant/verify/",
}


@pytest.mark.parametrize("path", AXE_PAGES.values(), ids=AXE_PAGES.keys())
def test_axe_finds_no_violations(page, site_server, browser_errors, path):
    open_site_page(page, site_server, path)
    assert_no_axe_violations(page)
    browser_errors.assert_none(page.url)


# --- layout --------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
@pytest.mark.parametrize("page_name", PAGES.keys())
def test_screenshots_at_phone_and_desktop_widths(page, site_server, browser_errors, tmp_path,
                                                 page_name, width):
    page.set_viewport_size({"width": width, "height": 900})
    open_site_page(page, site_server, PAGES[page_name])

    screenshot = tmp_path / f"{page_name}-{width}.png"
    page.screenshot(path=screenshot, full_page=True)

    # Overflow first: it names the culprits, and it would also make the screenshot too wide.
    sizes = page.evaluate("({scrollWidth: document.documentElement.scrollWidth,"
                          " innerWidth: window.innerWidth})")
    assert sizes["scrollWidth"] <= sizes["innerWidth"], (
        f"{page.url} scrolls sideways at {width} px: scrollWidth {sizes['scrollWidth']} > "
        f"innerWidth {sizes['innerWidth']}; elements past the right edge: "
        f"{page.evaluate(WIDER_THAN_VIEWPORT_JS)}")

    assert screenshot.is_file(), f"no screenshot written to {screenshot}"
    # A full-page screenshot is as wide as the page: pixels = CSS px × devicePixelRatio.
    pixel_ratio = page.evaluate("window.devicePixelRatio")
    assert png_width(screenshot) == round(width * pixel_ratio), (
        f"{screenshot.name} is {png_width(screenshot)} px wide; expected {width} CSS px "
        f"× devicePixelRatio {pixel_ratio} for {page.url}")
    browser_errors.assert_none(f"{page.url} at {width} px")


# --- keyboard and no-JavaScript access -----------------------------------------------------

def test_skip_link_moves_focus_to_main(page, site_server, browser_errors):
    open_site_page(page, site_server, RELEASE_PATH)

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
    skip_link = page.locator(".pr-skip-link")
    expect(skip_link, f"the first Tab on {page.url} focused {focused}, not .pr-skip-link"
           ).to_be_focused()
    # The skip link is clipped to nothing until focused; focused, it must really show.
    expect(skip_link).to_be_visible()
    on_screen = skip_link.evaluate(SHOWN_ON_SCREEN_JS)
    assert on_screen["shown"], (
        f"the focused skip link is not shown on {page.url}: box [x, y, w, h] = "
        f"{on_screen['box']}, topmost element at its centre: {on_screen['topmost']}")

    page.keyboard.press("Enter")
    hash_after = page.evaluate("location.hash")
    assert hash_after == "#main", f"Enter on the skip link left the URL at {page.url}"
    focused_after = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    assert page.evaluate("document.activeElement.id") == "main", (
        f"after Enter on the skip link, focus is on {focused_after}, not <main id=main>")
    browser_errors.assert_none(page.url)


def test_page_works_without_javascript(new_context, site_server, browser_errors):
    no_js_page = new_context(java_script_enabled=False).new_page()
    browser_errors.watch(no_js_page)
    open_site_page(no_js_page, site_server, RELEASE_PATH)

    heading = no_js_page.locator("h1")
    expect(heading, f"no visible release h1 on {no_js_page.url} without JavaScript"
           ).to_be_visible()
    expect(heading).to_contain_text(RELEASE_TITLE_START)

    figures = no_js_page.locator("figure.pr-photo")
    assert figures.count() == RELEASE_PHOTO_COUNT, (
        f"without JavaScript, {no_js_page.url} has {figures.count()} figure.pr-photo, "
        f"not {RELEASE_PHOTO_COUNT}")
    for index, figure in enumerate(figures.all(), start=1):
        expect(figure, f"photo {index} is not visible without JavaScript").to_be_visible()
    browser_errors.assert_none(f"{no_js_page.url} without JavaScript")
