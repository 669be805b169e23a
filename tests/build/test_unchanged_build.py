"""A build whose inputs did not change does nothing, and its output is a clean build's.

The small changing site (tests/incremental_site.py) is built with the class
pelicanconf.py names (PELICAN_CLASS): a second build with nothing changed
must say so and leave every output file as it was, byte for byte the output
of a clean build; the `pelican` command itself must short-circuit the same
way, and PRESS_ROOM_FULL_BUILD=1 must build. A failed build is never
recorded, and a publish build into a fresh folder is always a real one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from press_room.incremental import build_fingerprint
from press_room.problems import ContentError
from tests.incremental_site import REPO, Site, tree_difference

NOTHING_CHANGED = "Nothing changed since the last build"


def _states(root: Path) -> dict[str, tuple]:
    return {str(path.relative_to(root)): (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in root.rglob("*")}


@pytest.fixture
def site(tmp_path):
    site = Site(tmp_path / "site", tmp_path / "photo-cache")
    site.settings = {"PRESS_ROOM_SEARCH": False, "PRESS_ROOM_RENDER_WORKERS": 1}
    return site


def test_second_build_does_nothing_and_equals_a_clean_build(site, tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    first = site.build(output, cache)
    assert NOTHING_CHANGED not in first, first
    before = _states(output)
    second = site.build(output, cache)
    assert NOTHING_CHANGED in second and "kept as it is" in second, second
    assert _states(output) == before, "a build with nothing changed touched the output"
    difference = tree_difference(output, site.clean_build())
    assert not difference, f"the kept output differs from a clean build:\n{difference}"


def test_a_failed_build_is_never_recorded(site, tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    site.build(output, cache)
    site.release("new-board").category = "No Such Category"
    site.write()
    for attempt in (1, 2):  # the second, with nothing changed, fails again
        with pytest.raises(ContentError):
            site.build(output, cache)
    site.release("new-board").category = "Press Releases"
    site.write()
    assert NOTHING_CHANGED not in site.build(output, cache)
    difference = tree_difference(output, site.clean_build())
    assert not difference, f"after a failed build and a fix:\n{difference}"


def test_the_clock_passing_an_embargo_makes_a_real_build(site, tmp_path):
    """With the real clock (no PRESS_ROOM_NOW), the record holds until the
    embargo lifts, and the first build after that is a real one."""
    output, cache = tmp_path / "output", tmp_path / "cache"
    site.now = ""  # the real clock
    lifts = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(seconds=4)
    release = site.release("new-board")
    release.year = lifts.year
    release.date = lifts.astimezone(timezone(timedelta(hours=8))).strftime("%Y-%m-%d %H:%M:%S %z")
    site.write()
    site.build(output, cache)
    page = output / "releases" / str(lifts.year) / "new-board" / "index.html"
    assert b"noindex" in page.read_bytes(), "the embargoed release is not marked noindex"
    (record_path,) = (cache / build_fingerprint.RECORD_FOLDER).glob("*.json")
    until = json.loads(record_path.read_text())["until"]
    assert datetime.fromisoformat(until) == lifts, (until, lifts)
    if datetime.now(timezone.utc) < lifts - timedelta(seconds=1):
        assert NOTHING_CHANGED in site.build(output, cache)
    time.sleep(max(0.0, (lifts - datetime.now(timezone.utc)).total_seconds()) + 0.1)
    assert NOTHING_CHANGED not in site.build(output, cache)
    difference = tree_difference(output, site.clean_build())
    assert not difference, f"after the embargo lifted:\n{difference}"
    assert b"noindex" not in page.read_bytes(), "the release is still under embargo"


def test_publish_into_a_fresh_folder_is_always_a_real_build(site, tmp_path):
    public, cache = tmp_path / "public", tmp_path / "cache"
    site.build(public, cache, publish=True)
    shutil.rmtree(public)  # make publish builds into an emptied output.new
    again = site.build(public, cache, publish=True)
    assert NOTHING_CHANGED not in again, again
    difference = tree_difference(public, site.clean_build(publish=True))
    assert not difference, f"publish differs from a clean one:\n{difference}"


def _pelican(site: Site, output: Path, cache: Path, **environment) -> str:
    command = [str(REPO / ".venv/bin/pelican"), str(site.content), "-s", str(REPO / "pelicanconf.py"),
               "-o", str(output), "--fatal", "errors", "-t", str(site.theme),
               "-e", f'PRESS_ROOM_CACHE_PATH="{cache}"', f'PRESS_ROOM_NOW="{site.now}"',
               "PRESS_ROOM_SEARCH=false", "PRESS_ROOM_PHOTO_WORKERS=1"]
    env = {**os.environ, **environment}
    env.pop("PRESS_ROOM_NOW", None)
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO,
                            timeout=300)
    assert result.returncode == 0, f"pelican failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def test_the_pelican_command_short_circuits_unless_told_to_build(site, tmp_path):
    """`pelican` as `make html` runs it; a build that does nothing still shows
    the warnings of the build it kept (an over-long photo credit here)."""
    output, cache = tmp_path / "output", tmp_path / "cache"
    release = site.content / "releases/2021/harbour-opening/index.md"
    release.write_text(release.read_text(encoding="utf-8").replace(
        "caption: The blue photo\n",
        "caption: The blue photo\n    credit: A credit far longer than IPTC IIM allows\n"),
        encoding="utf-8")
    first = _pelican(site, output, cache)
    assert "Done: Processed" in first and "photos[1].credit" in first, first
    second = _pelican(site, output, cache)
    assert NOTHING_CHANGED in second and "Done: Processed" not in second, second
    assert "photos[1].credit" in second, f"the kept build's warning is not shown:\n{second}"
    forced = _pelican(site, output, cache, PRESS_ROOM_FULL_BUILD="1")
    assert "Done: Processed" in forced and NOTHING_CHANGED not in forced, forced
    # A forced build records too: the next one does nothing again.
    assert NOTHING_CHANGED in _pelican(site, output, cache)
