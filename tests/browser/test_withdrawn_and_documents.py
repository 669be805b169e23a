"""A withdrawn release with documents, in Chromium: axe finds nothing wrong
with the notice or the documents list, and the notice comes before the text."""

from __future__ import annotations

import threading
from functools import partial
from http.server import ThreadingHTTPServer

import pytest

from tests.browser.conftest import _QuietHandler
from tests.browser.test_release_journey import assert_no_axe_violations, open_site_page
from tests.conftest import build_site, empty_content
from tests.fixtures.documents import office, pdf

PATHS = {"en": "/releases/2021/withdrawn-with-documents/",
         "zh-hant": "/zh-hant/releases/2021/withdrawn-with-documents/"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("withdrawn-browser")
    content = empty_content(root)
    bundle = content / "releases/2021/withdrawn-with-documents"
    bundle.mkdir(parents=True)
    (bundle / "facts.pdf").write_bytes(pdf())
    (bundle / "figures.xlsx").write_bytes(office("xlsx"))
    front = ("date: 2021-11-26 10:00\ncategory: Press Releases\nattachments:\n"
             "  - file: facts.pdf\n    title: {pdf}\n  - file: figures.xlsx\n    title: {xlsx}\n"
             "withdrawn:\n  date: 2021-12-01 10:00\n  note: {note}\n")
    (bundle / "index.md").write_text(
        "---\ntitle: A withdrawn release with documents\n"
        + front.format(pdf="Fact sheet", xlsx="Figures", note="Superseded by a later release.")
        + "---\nThe text of the withdrawn release.\n", encoding="utf-8")
    (bundle / "index.zh-hant.md").write_text(
        "---\ntitle: 已撤回並附文件的新聞稿\n"
        + front.format(pdf="資料概覽", xlsx="數字", note="已由較後的新聞稿取代。")
        + "---\n已撤回新聞稿的內文。\n", encoding="utf-8")
    build = build_site(content, root / "output", env={"PRESS_ROOM_NOW": "2022-01-01 10:00"})
    assert build.returncode == 0, build.log
    handler = partial(_QuietHandler, directory=str(build.output))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("lang", PATHS)
def test_withdrawn_page_with_documents_is_accessible(page, server, browser_errors, lang):
    open_site_page(page, server, PATHS[lang])
    notice = page.locator(".pr-withdrawn")
    assert notice.is_visible(), f"no visible withdrawn notice on {page.url}"
    notice_top = notice.bounding_box()["y"]
    body_top = page.locator(".pr-release__body").bounding_box()["y"]
    assert notice_top < body_top, f"notice at y={notice_top}, text at y={body_top}"
    links = page.locator(".pr-attachments__link")
    assert links.count() == 2, page.locator(".pr-attachments").inner_html()
    href = links.first.get_attribute("href")  # root-relative in a preview
    response = page.request.get(server + href)
    assert response.ok and response.body() == pdf(), f"{href}: HTTP {response.status}"
    assert_no_axe_violations(page)
    browser_errors.assert_none(page.url)
