"""The preview's quick render: an edited release's page before the full build.

Built in-process on the small changing site of the incremental tests (a
release with a photo and a Traditional Chinese translation among them): the
quick render of an edited title, summary or body must give the release page
the full build then writes for it; a change that moves the release (date,
slug, status, tags, photos, a new file, bad YAML…) must leave the quick path
alone; and once the full build has run, the output must be a clean build's,
byte for byte.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from press_room import parallel_render
from press_room.preview.quick_render import QuickRender
from tests.conftest import soup, text
from tests.incremental_site import PHOTOS, Site, tree_difference

HARBOUR = "releases/2021/harbour-opening"


class QuickSite:
    """A Site built incrementally with the writer's pages handed to a quick render."""

    def __init__(self, root: Path, settings: dict | None = None):
        self.site = Site(root / "site", root / "photo-cache")
        self.site.settings.update(settings or {})
        self.output, self.cache = root / "output", root / "cache"
        self.terminal = io.StringIO()
        self.quick = QuickRender(str(self.output), out=self.terminal)
        self.pages: list = []

    def build(self, ok: bool = True) -> None:
        self.quick.build_started()
        self.pages = []
        self.site.build(self.output, self.cache)
        self.quick.build_ended(ok)

    def observe(self, pages) -> None:
        self.pages.extend(pages)
        self.quick.observe(pages)

    def fresh_quick(self) -> QuickRender:
        """Another quick render holding the last build's pages (each render takes them)."""
        self.terminal = io.StringIO()
        self.quick = QuickRender(str(self.output), out=self.terminal)
        self.quick.observe(self.pages)
        self.quick.build_ended(True)
        return self.quick

    def file(self, relative: str) -> Path:
        return self.site.content / relative


def _built(root: Path, settings: dict | None = None):
    quick_site = QuickSite(root, settings)
    previous = parallel_render.page_observer
    parallel_render.page_observer = quick_site.observe
    try:
        quick_site.build()
        yield quick_site
    finally:
        parallel_render.page_observer = previous


@pytest.fixture
def built(tmp_path, request):
    yield from _built(tmp_path, getattr(request, "param", None))


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    """One built site for the cases that must not render: each puts its files back."""
    yield from _built(tmp_path_factory.mktemp("quick"))


@pytest.fixture
def unchanged_after(built_once):
    """The site's content as it was, put back after the test."""
    content = built_once.site.content
    before = {path: path.read_bytes() for path in content.rglob("*") if path.is_file()}
    yield built_once
    for path in content.rglob("*"):
        if path.is_file() and path not in before:
            path.unlink()
    for path, data in before.items():
        if path.read_bytes() != data:
            path.write_bytes(data)


def _edit(path: Path, old: str, new: str) -> None:
    data = path.read_text(encoding="utf-8")
    assert old in data, f"{path} does not contain {old!r}:\n{data}"
    path.write_text(data.replace(old, new, 1), encoding="utf-8")


def _shown(page: bytes) -> dict[str, str]:
    """What a reader sees of a release page: its title and its main content,
    but the press kit's link: the ZIP holds the release's texts and is named
    by its content, so the quick page links the last build's ZIP (still there)
    until the full build writes the new one."""
    parsed = BeautifulSoup(page.decode("utf-8"), "html.parser")
    main = parsed.find("main")
    for kit in main.select(".pr-press-kit"):
        kit.decompose()
    return {"title": text(parsed.title), "main": str(main)}


def _missing_links(output: Path, page: bytes) -> list[str]:
    """The page's links to the site's own files that are not in the output."""
    parsed = BeautifulSoup(page.decode("utf-8"), "html.parser")
    links = [element.get("href") or element.get("src")
             for element in parsed.select("[href], [src]")]
    own = [link.split("#")[0] for link in links if link and link.startswith("/")]
    return [link for link in own if link and not (output / link.lstrip("/")).exists()]


EDITS = {
    "title, deck, dateline and body": (
        f"{HARBOUR}/index.md",
        [("title: Harbour centre opens", "title: The harbour centre opens its doors"),
         ("category:", "subtitle: A deck, written at last\ndateline: Kowloon\ncategory:"),
         ("A lead paragraph.",
          "A *rewritten* lead paragraph, with [a link](https://example.org/)."),
         ("A second paragraph.", "A second paragraph.\n\nAnd a third one.")],
        f"{HARBOUR}/index.html", "The harbour centre opens its doors"),
    "a summary written in": (
        "releases/2021/annual-results/index.md",
        [("summary: Results for the year.", "summary: Better results than ever.")],
        "releases/2021/annual-results/index.html", "Better results than ever."),
    "the translation's title": (
        f"{HARBOUR}/index.zh-hant.md",
        [("title: 海港中心開幕", "title: 海港中心今日開幕")],
        f"zh-hant/{HARBOUR}/index.html", "海港中心今日開幕"),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_quick_render_is_the_page_the_full_build_writes(built, edit):
    source, replacements, page_file, shown_text = EDITS[edit]
    page = built.output / page_file
    before = page.read_bytes()
    kept_titles = sorted(p.own["article"].title for p in built.pages if "article" in p.own)
    for old, new in replacements:
        _edit(built.file(source), old, new)

    responses = built.quick.render([str(built.file(source))])

    assert responses, f"no quick render for {edit}:\n{built.terminal.getvalue()}"
    quick = page.read_bytes()
    assert quick != before and shown_text.encode() in quick, (
        f"the quick render did not write the edit into {page_file}")
    url = "/" + page_file.removesuffix("index.html")
    assert responses[url].body == quick, (
        f"served for {url} is not the written page: {sorted(responses)}")
    assert not _missing_links(built.output, quick), (
        f"the quick page links to files not yet written: {_missing_links(built.output, quick)}")
    leftovers = [name for name in os.listdir(page.parent) if name.endswith(".quick")]
    assert not leftovers, f"temporary files left: {leftovers}"
    assert sorted(p.own["article"].title for p in built.pages if "article" in p.own) == (
        kept_titles), "the quick render changed the kept site's releases"

    built.build()
    full = page.read_bytes()
    assert _shown(quick) == _shown(full), (
        f"the quick render of {page_file} differs from the full build's:\n"
        f"quick: {_shown(quick)}\nfull:  {_shown(full)}")
    difference = tree_difference(built.output, built.site.clean_build())
    assert not difference, f"after the quick render and the full build:\n{difference}"


@pytest.mark.parametrize("built", [{"PRESS_ROOM_CONVERT_SIMPLIFIED": True}], indirect=True)
def test_the_converted_simplified_page_waits_for_the_full_build(built):
    converted = built.output / f"zh-hans/{HARBOUR}/index.html"
    before = converted.read_bytes()
    _edit(built.file(f"{HARBOUR}/index.zh-hant.md"), "title: 海港中心開幕",
          "title: 海港中心今日開幕")

    responses = built.quick.render([str(built.file(f"{HARBOUR}/index.zh-hant.md"))])

    assert sorted(responses or {}) == [f"/zh-hant/{HARBOUR}/", f"/zh-hant/{HARBOUR}/index.html"], (
        f"{sorted(responses or {})}\n{built.terminal.getvalue()}")
    assert converted.read_bytes() == before, "the converted page was rendered from the Traditional"
    built.build()
    assert "海港中心今日开幕" in text(soup(converted).find("main"))
    difference = tree_difference(built.output, built.site.clean_build())
    assert not difference, f"after the quick render and the full build:\n{difference}"


# (what to do to the harbour release's files, words the terminal must show)
UNSAFE = {
    "date": ([("index.md", "date: 2021-03-01 10:00", "date: 2021-03-02 10:00")], "date"),
    "slug": ([("index.md", "category:", "slug: harbour-centre\ncategory:")], "slug"),
    "status": ([("index.md", "category:", "status: draft\ncategory:")], "status"),
    "tags": ([("index.md", "tags: [Harbour, Opening]", "tags: [Harbour]")], "tags"),
    "category": ([("index.md", "category: Press Releases", "category: Corporate News")],
                 "category"),
    "photo caption": ([("index.md", "caption: The blue photo", "caption: A blue photo")],
                      "photos"),
    "new photo": ([("index.md", "photos:\n", "photos:\n  - file: red.jpg\n    caption: Red\n"
                    "    alt: A red square\n"), ("red.jpg", None, "red")], "red.jpg"),
    "bad YAML": ([("index.md", "category: Press Releases", "category: [Press")], "problems"),
    "empty body": ([("index.md", "A lead paragraph.\n\nA second paragraph.", "")], "problems"),
    "new translation": ([("index.zh-hans.md", None, "zh-hans")], "new to the build"),
    "photo file": ([("blue.jpg", None, "green")], "blue.jpg"),
    "site data": ([("../../../data/site.yml", "", "")], "site.yml"),
}


def _apply(built, changes) -> list[Path]:
    folder = built.file(HARBOUR)
    paths = []
    for name, old, new in changes:
        path = (folder / name).resolve()
        if name.endswith(".jpg"):
            path.write_bytes(PHOTOS[new])
        elif new == "zh-hans":
            path.write_text("---\ntitle: 海港中心开幕\ndate: 2021-03-01 10:00 +08:00\n"
                            "category: Press Releases\n---\n中文内文。\n", encoding="utf-8")
        elif old == "":
            path.write_bytes(path.read_bytes())  # saved unchanged: still a change to see
        else:
            _edit(path, old, new)
        paths.append(path)
    return paths


@pytest.mark.parametrize("case", sorted(UNSAFE))
def test_changes_that_move_a_release_leave_the_quick_path_to_the_full_build(unchanged_after, case):
    built = unchanged_after
    changes, why = UNSAFE[case]
    page = built.output / HARBOUR / "index.html"
    before, state = page.read_bytes(), os.stat(page)
    _edit(built.file(f"{HARBOUR}/index.md"), "title: Harbour centre opens", "title: Edited too")

    paths = _apply(built, changes)
    quick = built.fresh_quick()
    responses = quick.render([str(built.file(f"{HARBOUR}/index.md"))] + [str(p) for p in paths])

    terminal = built.terminal.getvalue()
    assert responses is None, f"{case}: quick-rendered {sorted(responses)}\n{terminal}"
    assert "no quick render" in terminal and why in terminal, (
        f"{case}: the terminal does not say why ({why!r}):\n{terminal}")
    after = os.stat(page)
    assert page.read_bytes() == before and (after.st_ino, after.st_mtime_ns) == (
        state.st_ino, state.st_mtime_ns), f"{case}: the page was written"


def test_a_failed_full_build_puts_the_quick_pages_back(built):
    page = built.output / HARBOUR / "index.html"
    before = page.read_bytes()
    _edit(built.file(f"{HARBOUR}/index.md"), "title: Harbour centre opens", "title: Shown first")

    assert built.quick.render([str(built.file(f"{HARBOUR}/index.md"))]), (
        built.terminal.getvalue())
    assert b"Shown first" in page.read_bytes()
    built.quick.build_started()
    built.quick.build_ended(False)  # the full build failed before writing the page

    assert page.read_bytes() == before, "the quick page outlived a failed build"
    # Nothing is kept of a failed build: until one works, the full build alone.
    assert built.quick.render([str(built.file(f"{HARBOUR}/index.md"))]) is None


def test_an_edit_undone_before_the_full_build_is_not_left_quick_rendered(built):
    """The page's record still matches the file as it was: only the file's own
    state (renamed over by the quick render) tells the full build to render it."""
    source = built.file(f"{HARBOUR}/index.md")
    original = source.read_bytes()
    _edit(source, "title: Harbour centre opens", "title: Saved, then undone")
    assert built.quick.render([str(source)]), built.terminal.getvalue()
    source.write_bytes(original)

    built.build()
    page = (built.output / HARBOUR / "index.html").read_bytes()
    assert b"Saved, then undone" not in page, "the full build kept the quick-rendered page"
    difference = tree_difference(built.output, built.site.clean_build())
    assert not difference, f"after the undone edit and the full build:\n{difference}"
