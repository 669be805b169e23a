"""The parsed-release cache: plain JSON, exact, keyed by all a parse reads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pelican.settings import read_settings

from press_room import parsing
from press_room.incremental import release_cache
from press_room.settings import DEFAULTS
from press_room.site_data import load

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
RELEASE_FILES = sorted(path for site in ("site", "languages-site", "embargo-site")
                       for path in (FIXTURES / site / "releases").rglob("index*.md"))


def _settings(content: Path, cache: Path) -> dict:
    settings = read_settings(str(REPO / "pelicanconf.py"),
                             override={"PATH": str(content), "PRESS_ROOM_CACHE_PATH": str(cache)})
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    settings["PRESS_ROOM_CACHE_PATH"] = str(cache)
    site, problems = load(str(content / "data" / "site.yml"), str(content))
    assert not problems, problems
    settings["PRESS_ROOM_SITE"] = site
    return settings


@pytest.fixture()
def settings(tmp_path):
    return _settings(FIXTURES / "site", tmp_path / "cache")


def _same_moments(left, right, where=""):
    """Dates equal and in the same zone (the banner prints the zone's name)."""
    if hasattr(left, "tzinfo") and hasattr(left, "utcoffset"):
        assert (left, left.utcoffset(), left.tzname(), left.fold) == \
            (right, right.utcoffset(), right.tzname(), right.fold), where


@pytest.mark.parametrize("path", RELEASE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_a_cached_parse_is_exactly_the_fresh_one(path, settings):
    fresh = parsing.parse_release(str(path), settings)
    back = release_cache.decode(release_cache.encode(fresh))
    assert back == fresh, f"{path}: the JSON round trip changed the parse"
    _same_moments(back.fields.date, fresh.fields.date, f"{path}: date")
    for kept, original in zip(back.fields.updates, fresh.fields.updates):
        _same_moments(kept.date, original.date, f"{path}: updates")
    assert isinstance(back.problems, tuple) and type(back.fields.photos) is list


def test_entries_are_plain_json_without_code(settings):
    parsed = parsing.parse_release(str(RELEASE_FILES[0]), settings)
    data = json.loads(release_cache.encode(parsed))
    text = json.dumps(data)
    assert "function" not in text and "pickle" not in text
    assert data["fields"]["$class"] == "ReleaseFields", data["fields"]


def test_parse_reads_only_the_settings_in_the_key(settings):
    read = set()

    class Recording(dict):
        def __getitem__(self, key):
            read.add(key)
            return super().__getitem__(key)

        def get(self, key, default=None):
            read.add(key)
            return super().get(key, default)

    for path in RELEASE_FILES:
        parsing.parse_release(str(path), Recording(settings))
    assert read, "no setting read at all: the recording does not see the reads"
    assert read <= set(release_cache.PARSE_SETTINGS), \
        f"parse_release reads settings the cache key leaves out: {sorted(read - set(release_cache.PARSE_SETTINGS))}"


def _bundle(tmp_path) -> Path:
    source = FIXTURES / "site" / "releases" / "2021" / "release-with-every-field"
    bundle = tmp_path / "content" / "releases" / "2021" / source.name
    shutil.copytree(source, bundle)
    return bundle / "index.md"


def test_a_second_parse_comes_from_the_cache_until_an_input_changes(tmp_path, settings,
                                                                    monkeypatch):
    release = _bundle(tmp_path)
    first = release_cache.parse(str(release), settings)
    assert not first.problems, first.problems
    calls = []
    real = release_cache.parse_release
    monkeypatch.setattr(release_cache, "parse_release",
                        lambda *args: calls.append(args) or real(*args))

    assert release_cache.parse(str(release), settings) == first
    assert calls == [], "parsed again although nothing changed"

    release.touch()  # a new modification time alone is no change
    release_cache.parse(str(release), settings)
    assert calls == [], "a touched file was parsed again: the key must be its bytes"

    release.write_text(release.read_text(encoding="utf-8") + "\nOne more line.\n",
                       encoding="utf-8")
    assert "One more line." in release_cache.parse(str(release), settings).content
    assert len(calls) == 1, "the edited file was not parsed again"

    (release.parent / "landscape.jpg").unlink()  # a photo the front matter names
    reparsed = release_cache.parse(str(release), settings)
    assert len(calls) == 2 and any("landscape.jpg" in p.message for p in reparsed.problems), \
        reparsed.problems

    changed = dict(settings, TIMEZONE="Europe/London")
    release_cache.parse(str(release), changed)
    assert len(calls) == 3, "a setting the parse reads changed, and the cache answered"


def test_a_damaged_entry_is_parsed_again_not_an_error(tmp_path, settings):
    release = _bundle(tmp_path)
    key = release_cache.key(str(release), settings)
    release_cache.parse(str(release), settings)
    entry = release_cache._entry(settings, key)
    Path(entry).write_text("{not json", encoding="utf-8")
    assert release_cache.load(settings, key) is None
    assert release_cache.parse(str(release), settings).fields.title
