"""Reading and rendering over several processes (prefetch.py,
parallel_render.py) must change nothing but the time a build takes: the same
site, byte for byte, and the same problems reported."""

from __future__ import annotations

import filecmp
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, build_site

# Enough release files that the build prefetches them (prefetch.MIN_FILES)
# and renders in every worker (parallel_render.MIN_PAGES_PER_WORKER).
CORPUS_RELEASES = 60


def _corpus(root: Path) -> Path:
    content = root / "corpus"
    subprocess.run([sys.executable, str(REPO / "bench/corpus.py"), "--count",
                    str(CORPUS_RELEASES), "--out", str(content), "--no-photos"],
                   check=True, capture_output=True)
    files = list((content / "releases").rglob("index*.md"))
    assert len(files) >= 64, f"the corpus has only {len(files)} release files"
    return content


def _tree(output: Path) -> set[str]:
    return {str(path.relative_to(output)) for path in output.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return _corpus(tmp_path_factory.mktemp("parallel"))


def test_parallel_build_equals_one_process_build(corpus, tmp_path):
    one = build_site(corpus, tmp_path / "one", extra_settings={"PRESS_ROOM_RENDER_WORKERS": 1})
    assert one.returncode == 0, one.log
    many = build_site(corpus, tmp_path / "many", extra_settings={"PRESS_ROOM_RENDER_WORKERS": 3})
    assert many.returncode == 0, many.log

    only_one, only_many = _tree(one.output) - _tree(many.output), _tree(many.output) - _tree(one.output)
    assert not only_one and not only_many, (
        f"files only in the one-process build: {sorted(only_one)[:10]}; "
        f"only in the parallel build: {sorted(only_many)[:10]}")
    names = sorted(_tree(one.output))
    _, mismatch, errors = filecmp.cmpfiles(one.output, many.output, names, shallow=False)
    assert not mismatch and not errors, f"files that differ: {mismatch[:10]} {errors[:10]}"
    pages = [name for name in names if name.endswith(".html")]
    assert len(pages) > 100, f"only {len(pages)} pages: the parallel paths were not exercised"
    empty = [name for name in pages if (many.output / name).stat().st_size == 0]
    assert not empty, f"pages left empty by the parallel writer: {empty[:10]}"


def _problem_lines(log: str) -> list[str]:
    return sorted(set(re.findall(r"\S+\.md(?::[0-9]+)?: [^\n]+", log)))


def test_problems_found_in_worker_processes_are_all_reported(corpus, tmp_path):
    broken = tmp_path / "broken"
    subprocess.run(["cp", "-r", str(corpus), str(broken)], check=True)
    files = sorted((broken / "releases").rglob("index.md"))
    first, last = files[0], files[-1]
    first.write_text(first.read_text(encoding="utf-8").replace("title:", "titel:", 1),
                     encoding="utf-8")
    last.write_text(re.sub(r"(?m)^date: .*$", "date: 31 February 2021",
                           last.read_text(encoding="utf-8"), count=1), encoding="utf-8")

    many = build_site(broken, tmp_path / "many", extra_settings={"PRESS_ROOM_RENDER_WORKERS": 2})
    one = build_site(broken, tmp_path / "one", extra_settings={"PRESS_ROOM_RENDER_WORKERS": 1})
    assert many.returncode == 1 and one.returncode == 1, many.log
    reported = many.log
    for path, field in ((first, "title"), (last, "date")):
        shown = str(path.relative_to(broken))
        assert re.search(rf"{re.escape(shown)}:[0-9]+: {field}: ", reported), (
            f"no {field} problem for {shown} in:\n{reported}")
    assert _problem_lines(many.log) == _problem_lines(one.log), (
        f"parallel:\n{many.log}\none process:\n{one.log}")
    assert not (tmp_path / "many" / "index.html").exists(), "pages were written despite the problems"
