"""The fixture site (tests/fixtures/site plus generated filler releases),
built once per session with the real pelicanconf.py."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, build_site, copy_fixture, empty_content

NAMED_RELEASES = len(list((FIXTURES / "site" / "releases").glob("*/*/index.md")))
FILLER_COUNT = 10  # with the named releases: more than 10, so home has two pages


def write_filler_releases(content: Path, count: int) -> None:
    """Plain releases, one a day in 2019, so that listings paginate."""
    for number in range(1, count + 1):
        bundle = content / "releases" / "2019" / f"pagination-filler-{number:02d}"
        bundle.mkdir(parents=True)
        (bundle / "index.md").write_text(
            "---\n"
            f"title: Pagination filler {number:02d}\n"
            f"date: 2019-01-{number:02d} 10:00 +08:00\n"
            "category: Press Releases\n"
            "tags:\n  - Shared Tag\n"
            "---\n"
            f"Filler release number {number}.\n",
            encoding="utf-8",
        )


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("fixture-site")
    content = copy_fixture("site", root)
    write_filler_releases(content, FILLER_COUNT)
    build = build_site(content, root / "output")
    assert build.returncode == 0, f"the fixture site did not build:\n{build.log}"
    return build


# --- the archive site: enough releases to page through, for archive, feed,
# search and metadata tests ---------------------------------------------------

ARCHIVE_SITEURL = "https://example.org/pressroom"
ARCHIVE_CATEGORIES = ("Press Releases", "Corporate News", "Media Statements")
ARCHIVE_YEARS = (2019, 2020, 2021)
ARCHIVE_PER_YEAR = 9  # 27 releases: three pages of the full archive


@dataclass(frozen=True)
class ArchiveRelease:
    slug: str
    title: str
    date: str  # as written in front matter
    year: int
    month: int
    category: str
    tags: tuple[str, ...]
    has_photo: bool


def archive_releases() -> list[ArchiveRelease]:
    """27 releases over 3 years and 3 categories; every release is tagged
    "Archive", every third also "Quarterly", the 2021 ones also "Recent"."""
    releases = []
    for year in ARCHIVE_YEARS:
        for number in range(1, ARCHIVE_PER_YEAR + 1):
            index = len(releases)
            month = 1 + (number - 1) % 4 * 3  # Jan, Apr, Jul, Oct
            tags = ["Archive"] + (["Quarterly"] if index % 3 == 0 else []) + (
                ["Recent"] if year == 2021 else [])
            releases.append(ArchiveRelease(
                slug=f"archive-{year}-{number:02d}",
                title=f"Archive release {number:02d} of {year}",
                date=f"{year}-{month:02d}-{number + 1:02d} 10:00 +08:00",
                year=year, month=month,
                category=ARCHIVE_CATEGORIES[index % 3],
                tags=tuple(tags),
                has_photo=number == 1,
            ))
    return releases


def write_archive_site(content: Path) -> list[ArchiveRelease]:
    releases = archive_releases()
    photo = FIXTURES / "site/releases/2021/release-with-every-field/landscape.jpg"
    for release in releases:
        bundle = content / "releases" / str(release.year) / release.slug
        bundle.mkdir(parents=True)
        tags = "".join(f"  - {tag}\n" for tag in release.tags)
        photos = ""
        if release.has_photo:
            shutil.copyfile(photo, bundle / "lead.jpg")
            photos = ("photos:\n  - file: lead.jpg\n    caption: The lead photo of "
                      f"{release.title}.\n    alt: Green test card\n    credit: Archive Desk\n")
        (bundle / "index.md").write_text(
            f"---\ntitle: {release.title}\ndate: {release.date}\ncategory: {release.category}\n"
            f"summary: Summary of {release.title.lower()}.\ntags:\n{tags}{photos}---\n"
            f"The body of {release.title.lower()}, word {release.slug.replace('-', '')}.\n",
            encoding="utf-8")
    return releases


@pytest.fixture(scope="session")
def archive_site(tmp_path_factory):
    """The archive site published under a sub-path, at a fixed "now"."""
    root = tmp_path_factory.mktemp("archive-site")
    content = empty_content(root)
    releases = write_archive_site(content)
    build = build_site(content, root / "output", settings_file="publishconf.py",
                       env={"SITEURL": ARCHIVE_SITEURL, "PRESS_ROOM_NOW": "2026-01-01 00:00 +08:00"})
    assert build.returncode == 0, f"the archive site did not build:\n{build.log}"
    build.releases = releases
    return build


# --- the trust site: what newsroom systems ingest (IPTC photo metadata,
# ninjs, JSON Feed, the Google News sitemap), published in three languages ---

TRUST_SITEURL = "https://example.org/pressroom"
TRUST_NOW = "2024-03-10 12:00 +08:00"
TRUST_CAPTIONS = {
    "en": "Dr Chan opens the robotics lab — “a new chapter” for the park.",
    "zh-hant": "陳博士為機械人實驗室揭幕——園區的「新篇章」。",
    "zh-hans": "陈博士为机器人实验室揭幕——园区的“新篇章”。",
}
TRUST_TITLES = {
    "en": "Robotics lab opens at the park",
    "zh-hant": "園區機械人實驗室開幕",
    "zh-hans": "园区机器人实验室开幕",
}
# Relative to TRUST_NOW: fresh (a day old), older (nine days), withheld ones.
TRUST_RELEASES = {
    "fresh-release": "2024-03-09 10:00 +08:00",
    "older-release": "2024-03-01 10:00 +08:00",
    "embargoed-release": "2024-03-11 10:00 +08:00",
    "draft-release": "2024-03-08 10:00 +08:00",
}


def write_trust_site(content: Path) -> None:
    photo = FIXTURES / "site/releases/2021/release-with-every-field/landscape.jpg"
    fresh = content / "releases/2024/fresh-release"
    fresh.mkdir(parents=True)
    shutil.copyfile(photo, fresh / "lab.jpg")
    for lang, suffix in (("en", ""), ("zh-hant", ".zh-hant"), ("zh-hans", ".zh-hans")):
        tags = "  - Robotics\n  - Innovation\n" if lang == "en" else "  - 機械人\n"
        (fresh / f"index{suffix}.md").write_text(
            f"---\ntitle: {TRUST_TITLES[lang]}\ndate: {TRUST_RELEASES['fresh-release']}\n"
            f"category: Press Releases\nsummary: {TRUST_TITLES[lang]}.\ntags:\n{tags}"
            f"photos:\n  - file: lab.jpg\n    caption: {TRUST_CAPTIONS[lang]}\n"
            f"    alt: Green test card ({lang})\n    credit: Trust Desk\n---\n"
            f"The body of the fresh release in {lang}.\n\n## A heading\n\nMore text.\n",
            encoding="utf-8")
    for slug in ("older-release", "embargoed-release", "draft-release"):
        bundle = content / "releases" / TRUST_RELEASES[slug][:4] / slug
        bundle.mkdir(parents=True)
        extra = "status: draft\n" if slug == "draft-release" else ""
        photos = ""
        if slug == "embargoed-release":
            shutil.copyfile(photo, bundle / "secret.jpg")
            photos = ("photos:\n  - file: secret.jpg\n    caption: A withheld photo.\n"
                      "    alt: Withheld test card\n")
        title = slug.replace("-", " ").capitalize()
        (bundle / "index.md").write_text(
            f"---\ntitle: {title} headline\ndate: {TRUST_RELEASES[slug]}\n"
            f"category: Corporate News\n{extra}{photos}---\n"
            f"The body of the {slug.replace('-', ' ')}.\n", encoding="utf-8")


@pytest.fixture(scope="session")
def trust_site(tmp_path_factory):
    """The trust site published under a sub-path, at TRUST_NOW."""
    root = tmp_path_factory.mktemp("trust-site")
    content = empty_content(root)
    # The languages fixture's site data: its names and usage terms are translated.
    shutil.copyfile(FIXTURES / "languages-site/data/site.yml", content / "data/site.yml")
    write_trust_site(content)
    build = build_site(content, root / "output", settings_file="publishconf.py",
                       env={"SITEURL": TRUST_SITEURL, "PRESS_ROOM_NOW": TRUST_NOW})
    assert build.returncode == 0, f"the trust site did not build:\n{build.log}"
    return build


@pytest.fixture(scope="session")
def trust_preview(tmp_path_factory):
    """The trust site as a preview (withheld releases shown) on a staging
    address, at TRUST_NOW."""
    root = tmp_path_factory.mktemp("trust-preview")
    content = empty_content(root)
    shutil.copyfile(FIXTURES / "languages-site/data/site.yml", content / "data/site.yml")
    write_trust_site(content)
    build = build_site(content, root / "output", extra_settings={"SITEURL": TRUST_SITEURL},
                       env={"PRESS_ROOM_NOW": TRUST_NOW})
    assert build.returncode == 0, f"the trust preview did not build:\n{build.log}"
    return build
