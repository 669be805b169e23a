"""Every kind of bad input stops the build with its own one-line message.

Each row of tests/fixtures/bad_inputs.py is written into a content folder of
its own (beside a copy of the fixture site's data/ and images/) and built with
the real pelicanconf.py in a subprocess, as `make html` does.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO, build_site
from tests.fixtures.bad_inputs import CASES, BadInput

# `path:line: field: message`, the path being a file of the content folder.
PROBLEM_LINE = r"^{content}/\S+?:[1-9][0-9]*: \S.*?: \S.*$"


def write_content(row: BadInput, content: Path) -> None:
    for folder in ("data", "images"):
        shutil.copytree(FIXTURES / "site" / folder, content / folder)
    base = content / "releases" / "2021"
    for name, data in row.files.items():
        path = Path(os.path.normpath(base / name))
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", newline="")
    for link, target in row.symlinks.items():
        (base / link).symlink_to(target)


@pytest.fixture(scope="session")
def photo_cache(tmp_path_factory) -> Path:
    """One photo cache for the table: rows share their (valid) photos."""
    return tmp_path_factory.mktemp("bad-inputs-cache")


@pytest.mark.parametrize("row", CASES, ids=[row.id for row in CASES])
def test_bad_input_stops_the_build_with_its_message(row, tmp_path, photo_cache):
    content = tmp_path / "content"
    write_content(row, content)
    settings = {"PRESS_ROOM_CACHE_PATH": str(photo_cache), **row.settings}
    build = build_site(content, tmp_path / "output", extra_settings=settings)
    lines = build.stderr.splitlines()
    expected = row.expected.replace("CONTENT/", f"{content}/")

    assert build.returncode != 0, build.log
    assert expected in _as_expected(lines, expected), f"expected:\n{expected}\n{build.log}"
    assert "Traceback" not in build.stdout + build.stderr, build.log
    form = re.compile(PROBLEM_LINE.format(content=re.escape(str(content))))
    malformed = [line for line in lines if line.startswith(str(content)) and not form.match(line)]
    assert not malformed, f"not `path: field: message`: {malformed}\n{build.log}"
    assert not (tmp_path / "output" / "index.html").exists(), build.log

    # `make check` on the same content finds exactly the build's problems.
    problems = {line for line in lines if line.startswith(str(content))}
    checked = _check(content, tmp_path, settings)
    if not row.found_by_check:
        assert expected not in checked, checked
        problems.discard(expected)
    assert checked == problems, (f"make check: {sorted(checked)}\n"
                                 f"the build: {sorted(problems)}")


def _as_expected(lines, expected):
    """The lines as the row writes them: rows that name no line number are
    compared without the build's."""
    if re.match(r"^\S+?\.md:[0-9]+: ", expected):
        return lines
    return [re.sub(r"^(\S+?\.md):[0-9]+: ", r"\1: ", line) for line in lines]


def _check(content: Path, tmp_path: Path, settings: dict) -> set[str]:
    """`make check`'s problem lines, run in this process on `content`."""
    from press_room.authoring import check

    loaded = check.load_settings(str(content), str(REPO / "pelicanconf.py"))
    loaded.update({**settings, "PRESS_ROOM_CACHE_PATH": str(tmp_path / "check-cache")})
    report = check.check(str(content), settings=loaded,
                         publish=bool(settings.get("PRESS_ROOM_PUBLISH")))
    return {str(problem) for problem in report.problems}
