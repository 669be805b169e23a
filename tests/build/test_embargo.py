"""Embargoes and drafts: nothing of a withheld release in a publish build;
everything of it, marked, in a preview; the embargo lifts on time."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, build_site, copy_fixture, soup, text

SITE = FIXTURES / "embargo-site"
BEFORE = "2021-06-01 10:00 +08:00"
AFTER = "2030-06-01 10:01 +08:00"
EMBARGOED = SITE / "releases/2030/embargoed-release"
DRAFT = SITE / "releases/2021/draft-release"
# Words of the withheld releases that must appear in no file of a publish build.
WITHHELD_TEXT = [
    "Embargoed announcement of the tangerine observatory",
    "A deck no reader may see before the embargo lifts",
    "copper dome to astronomers from forty countries",
    "橘子天文台禁發新聞稿的標題",
    "銅製圓頂",
    "Draft about the marmalade telescope project",
    "must never reach readers of the site",
    "embargoed-release",
    "draft-release",
    "Secret Embargo Tag", "secret-embargo-tag",
    "Secret Draft Tag", "secret-draft-tag",
    "Media Statements", "media-statements",  # a category only the embargoed release uses
]


def publish(content: Path, output: Path, now: str, **kwargs):
    return build_site(content, output, settings_file="publishconf.py",
                      env={"SITEURL": "https://press.example.org", "PRESS_ROOM_NOW": now}, **kwargs)


def every_file_text(output: Path) -> dict[str, str]:
    return {str(p.relative_to(output)): p.read_bytes().decode("utf-8", errors="ignore")
            for p in output.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def published_before(tmp_path_factory):
    build = publish(SITE, tmp_path_factory.mktemp("embargo") / "output", BEFORE)
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="module")
def preview_before(tmp_path_factory):
    build = build_site(SITE, tmp_path_factory.mktemp("preview") / "output",
                       env={"PRESS_ROOM_NOW": BEFORE})
    assert build.returncode == 0, build.log
    return build


@pytest.mark.parametrize("needle", WITHHELD_TEXT)
def test_publish_build_holds_no_word_of_withheld_releases(published_before, needle):
    files = every_file_text(published_before.output)
    leaking = [name for name, content in files.items() if needle in content or needle in name]
    assert leaking == [], f"{needle!r} found in {leaking}"


def test_publish_build_has_no_withheld_page_photo_or_drafts_folder(published_before):
    output = published_before.output
    assert not (output / "drafts").exists()
    assert not list(output.rglob("*embargoed*")) and not list(output.rglob("*draft*"))
    originals = {hashlib.sha256(p.read_bytes()).hexdigest()
                 for p in [EMBARGOED / "embargoed-photo.jpg", DRAFT / "draft-photo.jpg"]}
    images = [p for p in output.rglob("*") if p.suffix in (".jpg", ".webp", ".avif", ".zip")]
    assert images == [], f"photos published though every release with photos is withheld: {images}"
    assert not [p for p in output.rglob("*") if p.is_file()
                and hashlib.sha256(p.read_bytes()).hexdigest() in originals]


def test_publish_build_lists_only_the_published_release(published_before):
    home = soup(published_before.output / "index.html")
    assert [text(a) for a in home.select(".pr-card__link")] == [
        "A published release beside withheld ones"]
    tag = soup(published_before.output / "releases/tag/shared-tag/index.html")
    assert len(tag.select(".pr-card")) == 1


def test_preview_shows_embargoed_release_with_banner_and_noindex(preview_before):
    page = soup(preview_before.output / "releases/2030/embargoed-release/index.html")
    assert text(page.select_one(".pr-banner")) == "EMBARGOED until 1 Jun 2030, 10:00 HKT"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert text(page.h1) == "Embargoed announcement of the tangerine observatory"
    assert page.select("figure.pr-photo"), "the preview must show the embargoed photos"
    translation = soup(preview_before.output / "zh-hant/releases/2030/embargoed-release/index.html")
    assert text(translation.select_one(".pr-banner")) == "禁發至 2030年6月1日 10:00 HKT"


def test_preview_shows_draft_with_banner_and_noindex(preview_before):
    page = soup(preview_before.output / "drafts/releases/2021/draft-release/index.html")
    assert text(page.select_one(".pr-banner")) == "DRAFT — not for publication"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"


def test_published_pages_have_no_banner_and_are_indexable(preview_before):
    page = soup(preview_before.output / "releases/2021/published-release/index.html")
    assert page.select_one(".pr-banner") is None
    assert page.select_one('meta[name="robots"]') is None


def test_embargo_lifts_at_the_next_publish_even_with_the_content_cache(tmp_path):
    cache = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
             "CACHE_PATH": str(tmp_path / "pelican-cache")}
    before = publish(SITE, tmp_path / "before", BEFORE, extra_settings=cache)
    assert before.returncode == 0, before.log
    assert not (tmp_path / "before/releases/2030/embargoed-release").exists()
    assert any((tmp_path / "pelican-cache").iterdir()), "the content cache was not written"
    after = publish(SITE, tmp_path / "after", AFTER, extra_settings=cache)
    assert after.returncode == 0, after.log
    page = soup(tmp_path / "after/releases/2030/embargoed-release/index.html")
    assert text(page.h1) == "Embargoed announcement of the tangerine observatory"
    assert page.select_one(".pr-banner") is None and page.select_one('meta[name="robots"]') is None
    assert (tmp_path / "after/zh-hant/releases/2030/embargoed-release/index.html").is_file()
    home = soup(tmp_path / "after/index.html")
    assert text(home.select_one(".pr-card__link")) == "Embargoed announcement of the tangerine observatory"
    assert not (tmp_path / "after/drafts").exists(), "a draft stays unpublished after any time"


def test_the_audit_fails_a_publish_that_leaks(tmp_path):
    content = copy_fixture("embargo-site", tmp_path)
    published = content / "releases/2021/published-release/index.md"
    published.write_text(published.read_text(encoding="utf-8")
                         + "\nSoon: the Embargoed announcement of the tangerine observatory.\n",
                         encoding="utf-8")
    build = publish(content, tmp_path / "output", BEFORE)
    assert build.returncode != 0, build.log
    assert ("LEAK releases/2021/published-release/index.html: the title of "
            f"{content}/releases/2030/embargoed-release/index.md") in build.stderr, build.log
    assert "Traceback" not in build.stderr, build.log
