"""What the preview server relies on in Pelican (see press_room/preview/pelican_build.py).

If one of these behaviours changes with a Pelican upgrade, the server's
rebuilds would go wrong in a way no other test shows; each test names it.
"""

from __future__ import annotations

import gc
import logging
import weakref

import pytest
from pelican import signals
from pelican.log import FatalLogger

from press_room.preview import pelican_build
from press_room.problems import ContentError
from tests.conftest import REPO
from tests.devserver import tiny_site, write_release


def test_settings_are_read_afresh_and_overrides_win(tmp_path):
    settings_file = tmp_path / "settings.py"
    (tmp_path / "content").mkdir()
    settings_file.write_text('SITENAME = "First"\nDEFAULT_PAGINATION = 5\n')
    first = pelican_build.load_settings(str(settings_file), str(tmp_path / "content"),
                                        str(tmp_path / "out"))
    settings_file.write_text('SITENAME = "Second"\nDEFAULT_PAGINATION = 5\n')
    second = pelican_build.load_settings(str(settings_file), str(tmp_path / "content"),
                                         str(tmp_path / "out"), {"DEFAULT_PAGINATION": 7})
    assert (first["SITENAME"], second["SITENAME"]) == ("First", "Second"), (first, second)
    assert second["DEFAULT_PAGINATION"] == 7, second["DEFAULT_PAGINATION"]
    assert second["PATH"] == str(tmp_path / "content"), second["PATH"]
    assert second["OUTPUT_PATH"] == str(tmp_path / "out"), second["OUTPUT_PATH"]


def test_builds_in_one_process_raise_content_errors_then_recover(tmp_path, monkeypatch):
    """A new Pelican instance per build resets the plugin's problem list (its
    `initialized` signal), and run() raises the ContentError itself."""
    content, _ = tiny_site(tmp_path)
    release = content / "releases/2021/first-release/index.md"
    settings = {"PRESS_ROOM_CACHE_PATH": str(tmp_path / "cache"), "PRESS_ROOM_SEARCH": False,
                "PRESS_ROOM_RENDER_WORKERS": 1}

    def build():
        pelican_build.build(pelican_build.load_settings(
            str(REPO / "pelicanconf.py"), str(content), str(tmp_path / "out"), settings))

    write_release(content, "2021", "first-release", "First", category="No Such Category")
    with pytest.raises(ContentError):
        build()
    release.write_text(release.read_text().replace("No Such Category", "Press Releases"))
    build()  # raises if the first build's problem were still listed
    assert "First" in (tmp_path / "out/releases/2021/first-release/index.html").read_text()

    # Nothing of a build outlives it: Pelican's memoized get_content would
    # keep every release (and its HTML) of every build in a long-running server.
    caches = pelican_build.memoized_content_caches()
    assert caches, "Content has no memoized method any more: forget_built_content is moot"
    releases = []

    def remember(generator):
        releases.extend(weakref.ref(article) for article in generator.articles)

    signals.article_generator_finalized.connect(remember)
    monkeypatch.setenv("PRESS_ROOM_FULL_BUILD", "1")  # nothing changed: build all the same
    try:
        build()
    finally:
        signals.article_generator_finalized.disconnect(remember)
    assert releases, "the build read no release"
    assert all(not cache for cache in caches), [len(cache) for cache in caches]
    gc.collect()
    alive = [ref() for ref in releases if ref() is not None]
    assert not alive, f"{len(alive)} releases of a finished build are still referenced: {alive}"


@pytest.fixture
def pelican_logging():
    """init_logs changes process-wide logging: put it back afterwards."""
    fatal_level = FatalLogger.fatal_lvl
    pelican_logger = logging.getLogger("pelican")
    level = pelican_logger.level
    yield
    FatalLogger.fatal_lvl = fatal_level
    pelican_logger.setLevel(level)


def test_logged_errors_are_fatal_like_pelican_fatal_errors(pelican_logging):
    pelican_build.init_logs()
    with pytest.raises(RuntimeError):
        logging.getLogger("pelican.generators").error("a template is missing")
    logging.getLogger("pelican.generators").warning("a warning is not fatal")


def test_a_repeated_warning_shows_again_after_forgetting(pelican_logging, caplog):
    logger = logging.getLogger("pelican.preview-test")
    message = "the same warning, two builds running"
    with caplog.at_level(logging.WARNING, logger="pelican.preview-test"):
        logger.warning(message)
        logger.warning(message)
        assert [r.getMessage() for r in caplog.records].count(message) == 1, (
            "Pelican no longer drops a repeated warning: forget_shown_warnings may be moot")
        pelican_build.forget_shown_warnings()
        logger.warning(message)
    assert [r.getMessage() for r in caplog.records].count(message) == 2, caplog.records
