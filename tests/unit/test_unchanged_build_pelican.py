"""What the build that does nothing relies on in Pelican (press_room/incremental/unchanged_build.py).

Each test names the behaviour of its docstring's list; if a Pelican upgrade
changes one, the short-circuit would be skipped or, worse, two copies of the
plugin would run: this fails first.
"""

from __future__ import annotations

import sys

import pelican
from pelican import signals
from pelican.plugins._utils import load_legacy_plugin

import press_room
from press_room.incremental.unchanged_build import _RELEASE_LISTS, PressRoomPelican
from press_room.preview.pelican_build import pelican_class
from tests.conftest import REPO
from tests.devserver import tiny_site, write_release


def test_1_the_pelican_command_builds_with_the_class_the_settings_name(tmp_path):
    content, _ = tiny_site(tmp_path)
    args = pelican.parse_arguments([str(content), "-s", str(REPO / "pelicanconf.py"),
                                    "-o", str(tmp_path / "out"),
                                    "-e", f'PRESS_ROOM_CACHE_PATH="{tmp_path / "cache"}"'])
    instance, settings = pelican.get_instance(args)
    assert settings["PELICAN_CLASS"] == "press_room.PressRoomPelican", settings["PELICAN_CLASS"]
    assert type(instance) is PressRoomPelican, type(instance)
    assert press_room.PressRoomPelican is PressRoomPelican
    assert pelican_class(settings) is PressRoomPelican, "the preview builds with another class"


def test_2_a_plugin_already_imported_is_reused():
    loaded = load_legacy_plugin("press_room", [str(REPO / "plugins")])
    assert loaded is sys.modules["press_room"] is press_room, \
        "Pelican loaded a second copy of the plugin beside the one PELICAN_CLASS imported"


def test_3_plugins_are_registered_and_initialized_sent_before_run(tmp_path):
    content, _ = tiny_site(tmp_path)
    seen = []

    def initialized(instance):
        seen.append(("initialized", dict(instance.settings).get("PRESS_ROOM_LANGUAGE_TABLE")
                     is not None))

    signals.initialized.connect(initialized)
    try:
        args = pelican.parse_arguments([str(content), "-s", str(REPO / "pelicanconf.py"),
                                        "-o", str(tmp_path / "out")])
        pelican.get_instance(args)
    finally:
        signals.initialized.disconnect(initialized)
    assert seen == [("initialized", True)], \
        f"initialized not sent by the constructor, or plugin defaults missing: {seen}"


def test_4_and_5_run_is_the_whole_build_and_the_generator_lists_every_release(tmp_path):
    """Nothing of the build happens before run(); inside it, the articles
    generator announces its lists (drafts too) and `finalized` (the last
    step: search index, signing, leak audit) is sent before it returns."""
    content, _ = tiny_site(tmp_path)
    write_release(content, "2023", "a-draft", "A draft", date="2031-01-01 10:00 +08:00")
    draft = content / "releases/2023/a-draft/index.md"
    draft.write_text(draft.read_text().replace("tags:", "status: draft\ntags:"))
    events, dates = [], set()

    def finalized(instance):
        events.append("finalized")

    def articles(generator):
        events.append("articles")
        missing = [name for name in _RELEASE_LISTS if not hasattr(generator, name)]
        assert not missing, f"ArticlesGenerator keeps no {missing} any more"
        dates.update(item.date.year for name in _RELEASE_LISTS for item in getattr(generator, name))

    signals.finalized.connect(finalized)
    signals.article_generator_finalized.connect(articles)
    try:
        args = pelican.parse_arguments([str(content), "-s", str(REPO / "pelicanconf.py"),
                                        "-o", str(tmp_path / "out"), "-e",
                                        f'PRESS_ROOM_CACHE_PATH="{tmp_path / "cache"}"',
                                        "PRESS_ROOM_SEARCH=false", "PRESS_ROOM_RENDER_WORKERS=1"])
        instance, _ = pelican.get_instance(args)
        assert events == [] and not (tmp_path / "out").exists(), "building began before run()"
        instance.run()
    finally:
        signals.finalized.disconnect(finalized)
        signals.article_generator_finalized.disconnect(articles)
    assert events == ["articles", "finalized"], events
    assert dates == {2021, 2022, 2031}, f"releases the generator's lists hold, by year: {dates}"
    assert (tmp_path / "out/index.html").is_file()
