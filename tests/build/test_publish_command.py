"""`make publish`: the whole public build — audit, link check, validator — and
a failed publish never touches the previous output."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def make_publish(output: Path, content: str = "content") -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "publish", f"CONTENT={content}", f"OUTPUT={output}",
         "SITEURL=https://press.example.org/room", f"VENV={Path(sys.executable).parent.parent}"],
        cwd=REPO, capture_output=True, text=True, timeout=900)


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    output = tmp_path_factory.mktemp("make-publish") / "output"
    result = make_publish(output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output, result


def test_publish_runs_link_check_and_validator(published):
    output, result = published
    assert "none broken" in result.stdout, result.stdout
    assert "scripts/validate_html.sh" in result.stdout, result.stdout
    assert (output / "releases/2021/innopark-mars-centre/index.html").is_file()
    assert not Path(f"{output}.new").exists()


def test_failed_publish_leaves_previous_output_untouched(published):
    output, _ = published
    before = tree_digest(output)
    failed = make_publish(output, content="tests/fixtures/invalid-site")
    assert failed.returncode != 0, failed.stdout + failed.stderr
    assert "title: missing — add the headline" in failed.stderr, failed.stderr
    assert tree_digest(output) == before, "a failed publish changed the previous output"


def test_publish_says_what_the_host_root_robots_txt_needs(published):
    _, result = published
    expected = ("robots.txt: crawlers read only https://press.example.org/robots.txt, not the "
                "copy under /room/. Add this line to https://press.example.org/robots.txt:\n"
                "  Sitemap: https://press.example.org/room/sitemap.xml")
    assert expected in result.stdout, result.stdout[-1500:]
