"""The fixture site (tests/fixtures/site plus generated filler releases),
built once per session with the real pelicanconf.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, build_site, copy_fixture

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
