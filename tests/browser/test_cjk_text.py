"""Chinese text wrapped over several source lines reads without gaps in Chromium.

Writers wrap long lines in site.yml and in release files; a line break inside
a paragraph is drawn by the browser as a space, a visible gap between two
Chinese characters ("創新中心， 以及"). These tests read the text as Chromium
renders it (innerText) on the real site's boilerplates and on a release whose
Chinese body is wrapped mid-sentence, around a link and emphasis, next to an
English release whose wrapped words must keep their spaces; and the press
kit's plain text of the same release.
"""

from __future__ import annotations

import re
import shutil
import threading
import zipfile
from functools import partial
from http.server import ThreadingHTTPServer

import pytest

from tests.browser.conftest import _QuietHandler
from tests.browser.test_release_journey import RELEASE_PATH, open_site_page
from tests.conftest import FIXTURES, build_site, empty_content, soup

# Two wide East Asian characters (Han, kana, CJK punctuation) with white space between.
CJK = r"[\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uff60]"
GAP = re.compile(rf"{CJK}[^\S\n]+{CJK}")  # a space within a line, not a paragraph break

WRAPPED_BOILERPLATE = """
translations:
  zh-hant:
    boilerplates:
      fixorg:
        title: 關於測試機構
        text: |
          測試機構是測試網站的機構，負責營運科學園、創新中心，
          以及三個創新園。
"""
ENGLISH = """---
title: Wrapped lines
date: 2021-05-04 10:00 +08:00
category: Press Releases
photos:
  - file: landscape.jpg
    caption: A landscape photo.
    alt: A landscape
---
The first line of the paragraph
goes on here, with [a link
over two lines](https://example.org/) and more words.
"""
CHINESE = """---
title: 換行測試
date: 2021-05-04 10:00 +08:00
category: Press Releases
photos:
  - file: landscape.jpg
    caption: 風景照片。
    alt: 風景
---
科技園公司為科技企業及初創公司提供基礎設施、服務和培育計劃，支援他們在香港研究、開發、
[生產和發展](https://example.org/)，並**推動
再工業化**。

第二段：將大埔、將軍澳及元朗
三個工業園區重新定位為「創新園」。
"""
BODY_PATH = "/releases/2021/wrapped-lines/"


def gaps(text: str) -> list[str]:
    return GAP.findall(text)


@pytest.fixture(scope="module")
def wrapped_site(tmp_path_factory):
    """A site whose Chinese boilerplate and release body are wrapped mid-sentence."""
    root = tmp_path_factory.mktemp("cjk-site")
    content = empty_content(root)
    with open(content / "data" / "site.yml", "a", encoding="utf-8") as handle:
        handle.write(WRAPPED_BOILERPLATE)
    bundle = content / "releases" / "2021" / "wrapped-lines"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text(ENGLISH, encoding="utf-8")
    (bundle / "index.zh-hant.md").write_text(CHINESE, encoding="utf-8")
    shutil.copy(FIXTURES / "site/releases/2021/release-with-every-field/landscape.jpg", bundle)
    build = build_site(content, root / "output")
    assert build.returncode == 0, build.log
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler,
                                                            directory=str(build.output)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield build, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans"])
def test_real_boilerplate_shows_no_gap_between_chinese_characters(page, site_server, language,
                                                                   browser_errors):
    open_site_page(page, site_server, f"/{language}{RELEASE_PATH}")
    shown = page.locator(".pr-about__text").inner_text()
    assert gaps(shown) == [], f"Chromium shows gaps in the {language} boilerplate: {shown!r}"
    browser_errors.assert_none(page.url)


def test_wrapped_chinese_body_and_boilerplate_show_no_gap(page, wrapped_site, browser_errors):
    _, base = wrapped_site
    page.goto(f"{base}/zh-hant{BODY_PATH}")
    body = page.locator(".pr-release__body").inner_text()
    about = page.locator(".pr-about__text").inner_text()
    assert gaps(body) == [], f"gaps in the rendered Chinese body: {gaps(body)} in {body!r}"
    assert "研究、開發、生產和發展" in body and "推動再工業化" in body, body
    assert "將軍澳及元朗三個工業園區" in body, body
    assert gaps(about) == [], f"gaps in the rendered boilerplate: {about!r}"
    assert "創新中心，以及三個創新園" in about, about
    browser_errors.assert_none(page.url)


def test_wrapped_english_body_keeps_its_spaces(page, wrapped_site):
    _, base = wrapped_site
    page.goto(f"{base}{BODY_PATH}")
    body = page.locator(".pr-release__body").inner_text()
    assert "paragraph goes on here, with a link over two lines and more words" in body, body


def test_press_kit_text_has_no_gap_between_chinese_characters(wrapped_site, real_site):
    build, _ = wrapped_site
    kits = [build.output / soup(build.output / f"zh-hant{BODY_PATH}index.html").select_one(
        "a.pr-press-kit__link")["href"].lstrip("/")]
    for language in ("zh-hant", "zh-hans"):
        page = real_site.output / f"{language}{RELEASE_PATH}index.html"
        kits.append(real_site.output / soup(page).select_one("a.pr-press-kit__link")["href"].lstrip("/"))
    for kit_path in kits:
        with zipfile.ZipFile(kit_path) as kit:
            name = next(n for n in kit.namelist() if n.endswith(".txt") and n != "captions.txt")
            release_text = kit.read(name).decode("utf-8")
        # textwrap may break an over-long line at a space; none is between Chinese characters.
        assert gaps(release_text) == [], (
            f"{kit_path.name}/{name} has gaps between Chinese characters: {gaps(release_text)}")
