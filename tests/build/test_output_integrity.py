"""The built output as a whole: every internal link resolves, every page is valid
HTML, and the same input gives the same bytes.

These check whole output folders rather than selected elements: a broken link or
an invalid page can come from any template, and no per-page test would see it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from press_room.link_check import broken_links

from tests.conftest import REPO, build_site

VALIDATE_HTML = REPO / "scripts" / "validate_html.sh"
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SUB_PATH_SITEURL = "https://example.org/pressroom"


def listing(broken: list[str]) -> str:
    return f"{len(broken)} broken link(s):\n" + "\n".join(broken)


# --- links -----------------------------------------------------------------

def test_every_internal_link_of_the_fixture_site_resolves(fixture_site):
    broken = broken_links(str(fixture_site.output))
    assert broken == [], listing(broken)


def test_every_internal_link_of_the_real_site_resolves(real_site):
    broken = broken_links(str(real_site.output))
    assert broken == [], listing(broken)


def test_every_internal_link_resolves_under_a_sub_path_siteurl(tmp_path):
    # The public site may live at https://host/path: every link must carry the
    # path, and a root-relative link that forgot it counts as broken.
    build = build_site(REPO / "content", tmp_path / "output", settings_file="publishconf.py",
                       env={"SITEURL": SUB_PATH_SITEURL})
    assert build.returncode == 0, build.log
    broken = broken_links(str(build.output), site_url=SUB_PATH_SITEURL)
    assert broken == [], listing(broken)


# --- HTML validity -----------------------------------------------------------

def validate_html(output: Path) -> subprocess.CompletedProcess:
    if not VNU_JAR.is_file():
        # A failure, not a skip: a skipped validator looks like a passing one.
        # `make test` runs `npm ci` before pytest.
        pytest.fail(f"{VNU_JAR.relative_to(REPO)} is missing: run npm ci (make test does)")
    return subprocess.run([str(VALIDATE_HTML), str(output)], cwd=REPO, capture_output=True,
                          text=True, timeout=600)


@pytest.mark.parametrize("site", ["real_site", "fixture_site"])
def test_the_nu_html_checker_finds_no_error(site, request):
    result = validate_html(request.getfixturevalue(site).output)
    assert result.returncode == 0, result.stdout + result.stderr


# --- reproducibility -------------------------------------------------------

def tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


def test_same_input_gives_byte_identical_output(tmp_path):
    # Two builds of the real content into two folders, sharing the photo cache
    # (builds run in the repository, so both use its .cache/): hosts and CDNs
    # cache by bytes, and a diff between two publishes must mean a real change.
    first, second = (build_site(REPO / "content", tmp_path / name) for name in ("one", "two"))
    assert first.returncode == 0, first.log
    assert second.returncode == 0, second.log
    one, two = tree(first.output), tree(second.output)
    assert sorted(one) == sorted(two), (
        f"only in the first build: {sorted(set(one) - set(two))}\n"
        f"only in the second build: {sorted(set(two) - set(one))}")
    differing = [name for name in one if one[name] != two[name]]
    assert differing == [], f"{len(differing)} file(s) differ between two builds:\n" + "\n".join(
        differing)
