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
