"""Withdrawn releases: the page stays, with the notice; listings, related and
previous/next links and feeds forget it, in every language.

This also guards the Pelican behaviour withdrawal.py relies on: articles in
ArticlesGenerator.hidden_articles / hidden_translations are written but
listed nowhere (if Pelican changed that, the listing assertions fail)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, build_site, empty_content, soup, text

NOW = "2022-01-10 10:00 +08:00"
SITEURL = "https://press.example.org"
WITHDRAWN = "releases/2021/withdrawn-release/"
STANDING = "releases/2021/standing-release/"
NOTE = "Superseded by the corrected figures in the release of 5 December."
ZH_NOTE = "已由十二月五日的更正新聞稿取代。"


def write(bundle: Path, name: str, front: str, body: str):
    bundle.mkdir(parents=True, exist_ok=True)
    (bundle / name).write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("withdrawn")
    content = empty_content(root)
    releases = content / "releases/2021"
    common = "category: Corporate News\ntags: [Shared Tag]\n"
    write(releases / "standing-release", "index.md",
          f"title: The standing release about harbour ferries\ndate: 2021-11-01 10:00\n{common}",
          "The standing release tells of harbour ferries and their timetables.")
    write(releases / "standing-release", "index.zh-hant.md",
          f"title: 關於渡輪的新聞稿\ndate: 2021-11-01 10:00\n{common}", "渡輪時間表的新聞稿。")
    withdrawn = (f"date: 2021-11-20 10:00\ncategory: Media Statements\n"
                 "tags: [Shared Tag, Withdrawn Only Tag]\n")
    write(releases / "withdrawn-release", "index.md",
          f"title: The withdrawn statement on tram fares\n{withdrawn}"
          f"withdrawn:\n  date: 2021-12-01 09:30\n  note: {NOTE}\n",
          "The withdrawn statement gave tram fares that turned out to be wrong.")
    write(releases / "withdrawn-release", "index.zh-hant.md",
          f"title: 已撤回的電車票價聲明\n{withdrawn}"
          f"withdrawn:\n  date: 2021-12-01 09:30\n  note: {ZH_NOTE}\n",
          "電車票價聲明。")
    build = build_site(content, root / "output", settings_file="publishconf.py",
                       env={"SITEURL": SITEURL, "PRESS_ROOM_NOW": NOW})
    assert build.returncode == 0, build.log
    return build


def test_page_keeps_its_address_with_the_notice(site):
    page = soup(site.output / WITHDRAWN / "index.html")
    notice = page.select_one(".pr-withdrawn")
    assert notice is not None, "no withdrawn notice on the page"
    assert text(notice.select_one(".pr-withdrawn__title")) == \
        "This press release was withdrawn on 1 December 2021", text(notice)
    assert notice.select_one("time")["datetime"].startswith("2021-12-01T09:30"), notice
    assert text(notice.select_one(".pr-withdrawn__note")) == NOTE, text(notice)
    assert page.title.string.startswith("[Withdrawn] The withdrawn statement"), page.title
    body = text(page.select_one(".pr-release__body"))
    assert "tram fares that turned out to be wrong" in body, "the text stays on the page"


def test_notice_in_chinese(site):
    page = soup(site.output / "zh-hant" / WITHDRAWN / "index.html")
    notice = page.select_one(".pr-withdrawn")
    assert notice is not None and "本新聞稿已於2021年12月1日撤回" in text(notice), notice
    assert ZH_NOTE in text(notice), text(notice)


def listing_pages(output: Path, prefix: str) -> list[Path]:
    root = output / prefix
    pages = [root / "index.html", root / "releases/index.html", root / "releases/2021/index.html",
             root / "releases/tags/index.html"]
    pages += sorted((root / "releases/category").glob("*/index.html"))
    pages += sorted((root / "releases/tag").glob("*/index.html"))
    return pages


@pytest.mark.parametrize("prefix", ["", "zh-hant/"])
def test_gone_from_every_listing(site, prefix):
    pages = listing_pages(site.output, prefix)
    assert len(pages) >= 6, pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "withdrawn-release" not in html, f"{page} still lists the withdrawn release"
        assert "standing-release" in html or "tags/index.html" in str(page), \
            f"{page} lost the standing release too"
    assert not (site.output / prefix / "releases/category/media-statements").exists(), \
        "a category only the withdrawn release had still has a page"
    assert not (site.output / prefix / "releases/tag/withdrawn-only-tag").exists()


@pytest.mark.parametrize("prefix", ["", "zh-hant/"])
def test_gone_from_feeds(site, prefix):
    feeds = sorted((site.output / prefix / "feeds").rglob("*.xml"))
    assert feeds, "no feeds written"
    for feed in feeds:
        assert "withdrawn-release" not in feed.read_text(encoding="utf-8"), f"{feed} lists it"


def test_gone_from_related_and_neighbours(site):
    page = soup(site.output / STANDING / "index.html")
    links = [a["href"] for a in page.select(".pr-related a, .pr-neighbours a")]
    assert not any("withdrawn-release" in href for href in links), links


def test_every_link_of_the_withdrawn_page_resolves(site):
    result = subprocess.run([sys.executable, "-m", "press_room.link_check", str(site.output),
                             "--site-url", SITEURL], cwd=REPO, capture_output=True, text=True,
                            env={"PYTHONPATH": str(REPO / "plugins")}, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    page = soup(site.output / WITHDRAWN / "index.html")
    switch = [a["href"] for a in page.select("a[hreflang]")]
    assert f"{SITEURL}/zh-hant/{WITHDRAWN}" in switch, switch


def test_withdrawn_is_exposed_on_the_article(tmp_path):
    """Other outputs (ninjs pubstatus) read `article.withdrawn`: a Withdrawal
    with a parsed date, or None."""
    from pelican.settings import read_settings
    from press_room import reader, settings, site_data

    content = empty_content(tmp_path)
    bundle = content / "releases/2021/x"
    write(bundle, "index.md", "title: T\ndate: 2021-11-26 10:00\ncategory: Press Releases\n"
          "withdrawn:\n  date: 2021-12-01 10:00 +08:00\n  note: Wrong.\n", "Text.")
    write(bundle, "index.zh-hant.md", "title: T\ndate: 2021-11-26 10:00\n"
          "category: Press Releases\n", "文字。")
    config = read_settings(str(REPO / "pelicanconf.py"), override={"PATH": str(content)})
    settings.apply_defaults(type("P", (), {"settings": config})())
    site_data.load_into_settings(type("P", (), {"settings": config})())
    release_reader = reader.ReleaseReader(config)
    _, metadata = release_reader.read(str(bundle / "index.md"))
    assert metadata["withdrawn"].note == "Wrong.", metadata
    assert metadata["withdrawn"].date.isoformat() == "2021-12-01T10:00:00+08:00", metadata
    _, standing = release_reader.read(str(bundle / "index.zh-hant.md"))
    assert "withdrawn" in standing and standing["withdrawn"] is None, standing
