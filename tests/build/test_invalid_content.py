"""Bad content stops the build: every problem of every file, one line each."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO, build_site

INVALID = "tests/fixtures/invalid-site/releases/2021"
EXPECTED_LINES = [
    f'{INVALID}/unknown-key/index.md:3: titel: unknown key — did you mean "title"? Allowed keys '
    "are: title, subtitle, date, category, dateline, summary, tags, lang, slug, status, photos, "
    "contacts, about, updates, withdrawn, attachments",
    f"{INVALID}/missing-title/index.md:1: title: missing — add the headline",
    f'{INVALID}/unparseable-date/index.md:3: date: "26/11/2021" is not a date — write it as '
    "2021-11-26 10:00 +08:00",
    f'{INVALID}/unknown-category/index.md:4: category: "Gossip" is not a configured category — '
    "use one of: Press Releases, Corporate News, Media Statements",
    f"{INVALID}/missing-photo-file/index.md:6: photos[1].file: not-here.jpg does not exist in the "
    "release folder — add the photo or fix the name",
    f"{INVALID}/photo-without-alt/index.md:9: photos[2].alt: missing — describe the photo for "
    "screen readers",
    f"{INVALID}/photo-without-caption/index.md:6: photos[1].caption: missing — write the caption "
    "printed with the photo",
    f"{INVALID}/photo-corrupt/index.md:6: photos[1].file: truncated.jpg cannot be decoded "
    "(OSError: image file is truncated (3 bytes not processed)) — the file is damaged: "
    "export it again",
    f"{INVALID}/photo-zero-bytes/index.md:6: photos[1].file: empty.jpg is empty (0 bytes) — copy "
    "the photo again",
    f"{INVALID}/photo-not-an-image/index.md:6: photos[1].file: notes.jpg is not an image Pillow "
    "can read — export it again as JPEG",
    f"{INVALID}/photo-huge-dimensions/index.md:6: photos[1].file: huge.png has more than 100 "
    "megapixels — export it smaller",
]


@pytest.fixture(scope="module")
def failed_build(tmp_path_factory):
    output = tmp_path_factory.mktemp("invalid") / "output"
    return build_site(FIXTURES / "invalid-site", output)


def test_build_exits_non_zero(failed_build):
    assert failed_build.returncode != 0, failed_build.log


@pytest.mark.parametrize("line", EXPECTED_LINES, ids=lambda line: line.split("/")[4].split(":")[0])
def test_each_problem_is_one_line_naming_file_and_field(failed_build, line):
    assert line in failed_build.stderr.splitlines(), failed_build.log


def test_only_the_problems_are_listed(failed_build):
    listed = [line for line in failed_build.stderr.splitlines() if line.startswith(INVALID)]
    assert sorted(listed) == sorted(EXPECTED_LINES), failed_build.log
    assert "valid-release-beside-broken-ones" not in failed_build.stderr


def test_no_traceback_and_nothing_written(failed_build):
    assert "Traceback" not in failed_build.stderr + failed_build.stdout, failed_build.log
    assert not (failed_build.output / "index.html").exists()


def test_make_html_stops_on_the_same_problems(tmp_path):
    """The README's command, not only pelican: `make html` must fail too."""
    result = subprocess.run(
        ["make", "--no-print-directory", "html", "CONTENT=tests/fixtures/invalid-site",
         f"OUTPUT={tmp_path / 'output'}", f"VENV={Path(sys.executable).parent.parent}"],
        cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0, result.stdout + result.stderr
    assert EXPECTED_LINES[1] in result.stderr.splitlines(), result.stderr
