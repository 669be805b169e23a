"""`make check`: the build's content checks without a build — every problem
with its line, GitHub annotations, a cache that never hides a change.

That it finds exactly the build's problems is tested row by row on the
bad-input table (tests/build/test_bad_inputs.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from press_room.authoring import check
from tests.conftest import REPO, copy_fixture, empty_content

GOOD = ("---\ntitle: A release\ndate: 2021-11-26 10:00 +08:00\ncategory: Press Releases\n---\n"
        "Text.\n")
LINE = re.compile(r"^(?P<file>\S+?):(?P<line>[1-9][0-9]*): (?P<field>\S.*?): (?P<message>\S.*)$")


def run(content: Path, *arguments: str, cache: Path | None = None, env=None):
    command = [sys.executable, "-m", "press_room.authoring.check", str(content), *arguments]
    if cache:
        command += ["--cache", str(cache)]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO / "plugins"), **(env or {})})


def write(content: Path, relative: str, text: str) -> Path:
    path = content / "releases" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def broken(tmp_path) -> Path:
    content = empty_content(tmp_path)
    write(content, "2021/good/index.md", GOOD)
    write(content, "2021/typo/index.md", GOOD.replace("title:", "titel:"))
    write(content, "2021/typo/index.zh-hant.md",
          GOOD.replace("Press Releases", "Corporate News").replace("Text.", "Text <script>x"
                                                                    "</script>"))
    return content


def test_the_fixture_site_has_no_problems(tmp_path):
    result = run(copy_fixture("site", tmp_path), cache=tmp_path / "cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "", result.stdout
    summary = r"Checked \d+ files in \d+ releases in [0-9.]+ s: no problems"
    assert re.search(summary, result.stderr), result.stderr


def test_every_problem_with_its_line_and_a_non_zero_exit(broken, tmp_path):
    result = run(broken, cache=tmp_path / "cache")
    assert result.returncode == 1, result.stdout + result.stderr
    typo = broken / "releases/2021/typo"
    assert result.stdout.splitlines() == [
        f"{typo}/index.md:1: title: missing — add the headline",
        f'{typo}/index.md:2: titel: unknown key — did you mean "title"? Allowed keys are: title, '
        "subtitle, date, category, dateline, summary, tags, lang, slug, status, photos, contacts, "
        "about, updates, withdrawn, attachments",
        f"{typo}/index.zh-hant.md:6: body: contains <script> — a press release cannot carry it; "
        "remove it",
    ], result.stdout
    assert "3 problems — fix them and check again." in result.stderr, result.stderr
    assert all(LINE.match(line) for line in result.stdout.splitlines())


def test_github_format_annotates_each_line(broken, tmp_path):
    result = run(broken, "--format", "github", cache=tmp_path / "cache")
    assert result.returncode == 1, result.stderr
    typo = broken / "releases/2021/typo"
    lines = result.stdout.splitlines()
    assert lines[0] == (f"::error file={typo}/index.md,line=1,title=title::title: missing — add "
                        "the headline"), lines
    assert lines[2] == (f"::error file={typo}/index.zh-hant.md,line=6,title=body::body: contains "
                        "<script> — a press release cannot carry it; remove it"), lines
    assert all(line.startswith("::error file=") for line in lines), lines


def test_annotation_escapes_what_github_would_misread():
    from press_room.problems import Problem
    annotation = check.github_annotation(Problem("a,b:c.md", "x", "50% done\nnext", line=3))
    assert annotation == "::error file=a%2Cb%3Ac.md,line=3,title=x::x: 50%25 done%0Anext"


def test_translations_that_disagree_and_two_releases_on_one_page(tmp_path):
    content = empty_content(tmp_path)
    write(content, "2021/a/index.md", GOOD)
    write(content, "2021/a/index.zh-hant.md", GOOD.replace("Press Releases", "Corporate News"))
    write(content, "2021/b/index.md", GOOD.replace("---\nText", "slug: a\n---\nText"))
    result = run(content, cache=tmp_path / "cache")
    assert result.returncode == 1
    folder = content / "releases/2021"
    assert result.stdout.splitlines() == [
        f'{folder}/a/index.md:1: slug: "a" is also used by {folder}/b/index.md (same language, '
        "en; both would be releases/2021/a/index.html) — give one release another folder name "
        "or slug",
        f"{folder}/a/index.zh-hant.md:4: category: Corporate News differs from index.md (Press "
        "Releases) — translations share one category",
        f'{folder}/b/index.md:5: slug: "a" is also used by {folder}/a/index.md (same language, '
        "en; both would be releases/2021/a/index.html) — give one release another folder name "
        "or slug",
    ], result.stdout


def test_the_cache_never_hides_a_change(broken, tmp_path):
    cache = tmp_path / "cache"
    first = run(broken, cache=cache)
    again = run(broken, cache=cache)
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)
    write(broken, "2021/typo/index.md", GOOD)
    fixed = run(broken, cache=cache)
    assert fixed.stdout.splitlines() == [first.stdout.splitlines()[-1]], fixed.stdout
    (broken / "releases/2021/good/index.md").write_text(
        GOOD.replace("---\nText", "photos:\n  - file: gone.jpg\n    caption: c\n    alt: a\n"
                                  "---\nText"), encoding="utf-8")
    photo = run(broken, cache=cache)
    assert (f"{broken}/releases/2021/good/index.md:6: photos[1].file: gone.jpg does not exist in "
            "the release folder — add the photo or fix the name") in photo.stdout, photo.stdout
    # The photo arrives: only the folder changed, and the problem is gone.
    from tests.fixtures.bad_inputs import PHOTO
    (broken / "releases/2021/good/gone.jpg").write_bytes(PHOTO)
    arrived = run(broken, cache=cache)
    assert "gone.jpg" not in arrived.stdout, arrived.stdout


def test_text_still_to_write_warns_and_fails_only_what_a_publish_would_publish(tmp_path):
    content = empty_content(tmp_path)
    write(content, "2021/due/index.md", GOOD.replace("Text.", "TO WRITE — the release text"))
    write(content, "2030/later/index.md", GOOD.replace("2021-11-26", "2030-01-01")
          .replace("Text.", "TO WRITE — the release text"))
    preview = run(content, cache=tmp_path / "cache")
    assert preview.returncode == 0, preview.stdout + preview.stderr
    assert preview.stdout.splitlines() == [
        f"warning: {content}/releases/2021/due/index.md:6: body: still to write (TO WRITE …) — "
        "write the release text",
        f"warning: {content}/releases/2030/later/index.md:6: body: still to write (TO WRITE …) "
        "— write the release text"], preview.stdout
    assert "under embargo until 2030-01-01 10:00+08:00" in preview.stderr, preview.stderr
    public = run(content, "--publish", cache=tmp_path / "cache")
    assert public.returncode == 1
    assert public.stdout.splitlines()[0] == (
        f"{content}/releases/2021/due/index.md:6: body: still to write (TO WRITE …) — write the "
        "release text"), public.stdout
    assert public.stdout.splitlines()[1].startswith("warning: "), public.stdout


def test_make_check_runs_it_with_the_github_format(broken):
    result = subprocess.run(["make", "--no-print-directory", "check", f"CONTENT={broken}",
                             "FORMAT=github"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode != 0
    assert result.stdout.startswith("::error file="), result.stdout


def test_the_python_command_explains_itself():
    result = subprocess.run([sys.executable, "-m", "press_room.authoring.check", "--help"],
                            cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO / "plugins")})
    assert result.returncode == 0 and "--format" in result.stdout, result.stdout


def test_it_reads_the_files_the_build_reads(tmp_path):
    """Pelican's own file finding: what is not `.md` is no release, for the
    build or for the check; an editor's lock file `.#index.md` is read by both
    (Pelican's IGNORE_FILES, `**/.*`, does not match a bare file name), and
    both say the same about it."""
    content = empty_content(tmp_path)
    write(content, "2021/a/index.md", GOOD)
    write(content, "2021/a/.#index.md", GOOD)
    write(content, "2021/a/notes.txt", "not a release")
    settings = check.load_settings(str(content), str(REPO / "pelicanconf.py"))
    folder = content / "releases/2021/a"
    assert check.release_files(settings) == [str(folder / ".#index.md"), str(folder / "index.md")]
    checked = run(content, cache=tmp_path / "cache")
    from tests.conftest import build_site
    build = build_site(content, tmp_path / "output",
                       extra_settings={"PRESS_ROOM_CACHE_PATH": str(tmp_path / "cache")})
    assert build.returncode != 0 and checked.returncode == 1, build.log
    problems = [line for line in build.stderr.splitlines() if line.startswith(str(content))]
    assert checked.stdout.splitlines() == problems == [
        f"{folder}/.#index.md:1: file name: must be index.md or index.<lang>.md (e.g. "
        "index.zh-hant.md) inside the release's own folder"], (checked.stdout, build.log)
