"""The live preview (`make devserver`) in Debian's Chromium.

Each test starts the preview server on a two-release site in a temp folder,
opens a page, changes a file on disk and waits — a bounded wait — for the
open tab to reload by itself and show the change: a new title (first from
the quick render, before the full build), a content error (in the page and in
the terminal) and its fix, a broken template and its fix, a template and a CSS
edit.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.devserver import Devserver, tiny_site

RELEASE = "/releases/2021/first-release/"
TITLE = "First release of the preview site"
RELOAD_MS = 30_000  # a rebuild of two releases takes about a second; the machine is shared


@pytest.fixture
def preview(tmp_path):
    content, theme = tiny_site(tmp_path, own_theme=True)
    server = Devserver(content, tmp_path / "output", theme=theme)
    server.wait_for_build()
    server.content, server.theme = content, theme
    yield server
    server.stop()


def _evidence(page, server) -> str:
    try:
        shown = page.locator("body").inner_text(timeout=2_000)[:1500]
    except Exception as error:  # the page may be mid-reload
        shown = f"(could not read the page: {error})"
    return (f"\n--- page {page.url} shows ---\n{shown}\n"
            f"--- devserver terminal ---\n{server.log}")


def _eventually(page, server, what: str, check) -> None:
    """Run a Playwright expectation; on failure say what was awaited and show the evidence."""
    try:
        check()
    except AssertionError as error:
        raise AssertionError(f"{what}: {error}{_evidence(page, server)}") from None


def _open(page, server, path: str, status: int = 200) -> None:
    response = page.goto(server.url + path, wait_until="load")
    assert response is not None and response.status == status, (
        f"{path}: HTTP {response.status if response else 'no response'}{_evidence(page, server)}")
    # Gone after a reload: shows the page was reloaded, not merely changed.
    page.evaluate("window.__notReloaded = true")


def _was_reloaded(page) -> bool:
    return page.evaluate("window.__notReloaded === undefined")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} does not contain {old!r}:\n{text}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_saving_a_new_title_reloads_the_open_release_page(page, preview):
    _open(page, preview, RELEASE)
    title = page.locator("h1#release-title")
    expect(title).to_have_text(TITLE)
    assert page.locator("script[data-preview-build]").count() == 1, (
        "the served page has no reload script" + _evidence(page, preview))

    _edit(preview.content / "releases/2021/first-release/index.md",
          f"title: {TITLE}", "title: A title saved under the preview")

    _eventually(page, preview, "the open page never showed the new title",
                lambda: expect(title).to_have_text("A title saved under the preview",
                                                   timeout=RELOAD_MS))
    assert _was_reloaded(page), "the title changed without a reload?" + _evidence(page, preview)
    carrying = [str(path) for path in preview.output.rglob("*")
                if path.is_file() and b"__preview__" in path.read_bytes()]
    assert not carrying, f"built files carry the reload script: {carrying}"


def test_a_content_error_shows_in_the_page_and_terminal_until_fixed(page, preview):
    release = preview.content / "releases/2021/first-release/index.md"
    _open(page, preview, RELEASE)

    _edit(release, "category: Press Releases", "category: No Such Category")

    problem = page.locator("#preview-problems tr.problem")
    _eventually(page, preview, "the open page never showed the content problem",
                lambda: expect(problem).to_have_count(1, timeout=RELOAD_MS))
    assert page.locator(".problem-file").inner_text().endswith(
        "releases/2021/first-release/index.md"), _evidence(page, preview)
    assert page.locator(".problem-field").inner_text() == "category", _evidence(page, preview)
    assert "No Such Category" in page.locator(".problem-message").inner_text(), (
        _evidence(page, preview))
    line = preview.wait_for_line("first-release/index.md:4: category:")
    assert "No Such Category" in line, f"terminal line: {line!r}\n{preview.log}"

    _open(page, preview, "/", status=500)  # every page of the site shows it
    expect(problem).to_have_count(1)
    _open(page, preview, RELEASE, status=500)

    _edit(release, "category: No Such Category", "category: Press Releases")
    _eventually(page, preview, "the page did not recover after the fix",
                lambda: expect(page.locator("h1#release-title")).to_have_text(
                    TITLE, timeout=RELOAD_MS))
    assert _was_reloaded(page), _evidence(page, preview)
    assert preview.process.poll() is None, f"the devserver stopped:\n{preview.log}"


def test_a_broken_template_shows_its_error_and_the_server_keeps_running(page, preview):
    footer = preview.theme / "templates/partials/footer.html"
    _open(page, preview, RELEASE)

    _edit(footer, "{% if COPYRIGHT %}", "{% if COPYRIGHT %}{% endfor %}")

    error = page.locator("#preview-error")
    _eventually(page, preview, "the open page never showed the template error",
                lambda: expect(error).to_contain_text("TemplateSyntaxError", timeout=RELOAD_MS))
    preview.wait_for_line("Build failed")

    _edit(footer, "{% if COPYRIGHT %}{% endfor %}", "{% if COPYRIGHT %}")
    _eventually(page, preview, "the page did not recover after the template was fixed",
                lambda: expect(page.locator("h1#release-title")).to_have_text(
                    TITLE, timeout=RELOAD_MS))
    assert preview.process.poll() is None, f"the devserver stopped:\n{preview.log}"


def test_template_and_css_edits_reload_the_page(page, preview):
    _open(page, preview, "/")

    _edit(preview.theme / "templates/partials/footer.html", '<div class="pr-footer__inner">',
          '<div class="pr-footer__inner"><p id="edited-footer">Saved in the template</p>')
    _eventually(page, preview, "the home page never showed the template edit",
                lambda: expect(page.locator("#edited-footer")).to_have_text(
                    "Saved in the template", timeout=RELOAD_MS))

    page.evaluate("window.__notReloaded = true")
    css = preview.theme / "static/css/components/footer.css"
    css.write_text(css.read_text(encoding="utf-8")
                   + "\n#edited-footer { color: rgb(12, 34, 56); }\n", encoding="utf-8")
    _eventually(page, preview, "the home page never got the CSS edit",
                lambda: expect(page.locator("#edited-footer")).to_have_css(
                    "color", "rgb(12, 34, 56)", timeout=RELOAD_MS))
    assert _was_reloaded(page), _evidence(page, preview)


def test_an_edited_title_shows_from_the_quick_render_before_the_full_build(page, preview):
    before = preview.status()
    served: list[tuple[float, str]] = []  # (when, body) of every release page the tab loads
    page.on("response", lambda response: served.append((time.monotonic(), response.text()))
            if response.url.endswith(RELEASE) else None)
    _open(page, preview, RELEASE)
    title = page.locator("h1#release-title")
    expect(title).to_have_text(TITLE)

    saved = time.monotonic()
    _edit(preview.content / "releases/2021/first-release/index.md",
          f"title: {TITLE}", "title: A quick headline")
    _eventually(page, preview, "the open page never showed the new title",
                lambda: expect(title).to_have_text("A quick headline", timeout=RELOAD_MS))
    after = preview.wait_for_build(after=before["id"])
    assert after["ok"] and not after["quick"], f"{after}\n{preview.log}"

    first = next(((when, body) for when, body in served if "A quick headline" in body), None)
    assert first is not None, "no response carried the new title" + _evidence(page, preview)
    shown_by = re.search(r'data-preview-build="([^"]+)"', first[1]).group(1)
    # Builds are numbered in order: the one before the edit, the quick render, the full build.
    session, number = before["id"].rsplit("-", 1)
    assert shown_by == f"{session}-{int(number) + 1}" and after["id"] == (
        f"{session}-{int(number) + 2}"), (
        f"the new title was first served by {shown_by}, not by the quick render before the "
        f"full build {after['id']} ({first[0] - saved:.2f} s after the save)"
        + _evidence(page, preview))
    preview.wait_for_line("quick render of 1 page")
    expect(title).to_have_text("A quick headline")  # the full build's page says the same
    carrying = [str(path) for path in preview.output.rglob("*")
                if path.is_file() and b"__preview__" in path.read_bytes()]
    assert not carrying, f"built files carry the reload script: {carrying}"
