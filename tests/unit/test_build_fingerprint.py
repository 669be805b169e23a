"""Every kind of input change is seen by the build fingerprint.

A small content folder, theme and output folder are recorded as a finished
build would record them; then one thing changes at a time and the record
must no longer describe the inputs (`difference` names what differs), while
an untouched folder must match.
"""

from __future__ import annotations

import dataclasses
import os
from datetime import datetime, timedelta, timezone

import pytest

from press_room.incremental import build_fingerprint as fingerprint
from press_room.trust.signing import KEY_FILE_VARIABLE

NOW = "2030-01-01 00:00 +08:00"
HK = timezone(timedelta(hours=8))


@pytest.fixture
def site(tmp_path, monkeypatch):
    for name in fingerprint.ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    content, theme, output = tmp_path / "content", tmp_path / "theme", tmp_path / "output"
    (content / "releases/2021/a").mkdir(parents=True)
    (content / "releases/2021/a/index.md").write_text("---\ntitle: A\n---\nBody one.\n")
    (content / "releases/2021/a/photo.jpg").write_bytes(b"\xff\xd8 pixels")
    (theme / "templates").mkdir(parents=True)
    (theme / "templates/base.html").write_text("<html>{{ SITENAME }}</html>")
    (output / "releases").mkdir(parents=True)
    (output / "index.html").write_text("<html>home</html>")
    (output / "releases/index.html").write_text("<html>releases</html>")
    settings = {"PATH": str(content), "THEME": str(theme), "TIMEZONE": "Asia/Hong_Kong",
                "PRESS_ROOM_NOW": NOW, "PRESS_ROOM_CACHE_PATH": str(tmp_path / "cache"),
                "SITENAME": "Press room"}
    return Site(settings, content, theme, output)


@dataclasses.dataclass
class Site:
    settings: dict
    content: object
    theme: object
    output: object

    @property
    def record_path(self) -> str:
        return fingerprint.record_file(self.settings, str(self.output))

    def record(self, until=None) -> fingerprint.Inputs:
        inputs = fingerprint.read_inputs(self.settings, str(self.output))
        fingerprint.save(self.record_path, inputs, until, str(self.output))
        return inputs

    def difference(self, inputs=None) -> str | None:
        inputs = inputs or fingerprint.read_inputs(self.settings, str(self.output))
        return fingerprint.difference(fingerprint.load(self.record_path), inputs, str(self.output))


def test_nothing_changed_matches(site):
    site.record()
    assert site.difference() is None
    assert fingerprint.difference(None, fingerprint.read_inputs(site.settings, str(site.output)),
                                  str(site.output)) == "no record of a finished build"


def test_content_edited_with_size_and_modification_time_restored(site):
    site.record()
    release = site.content / "releases/2021/a/index.md"
    status = release.stat()
    release.write_text("---\ntitle: A\n---\nBody two.\n")  # same size
    os.utime(release, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert release.stat().st_size == status.st_size
    assert "releases/2021/a/index.md" in (site.difference() or ""), site.difference()


def test_a_racy_file_is_checked_by_its_bytes(site):
    """A file written within RACY_SECONDS of the snapshot carries its digest:
    a same-size write in the same clock tick (same times) is still seen."""
    release = site.content / "releases/2021/a/index.md"
    fresh = fingerprint.content_snapshot(str(site.content))
    assert len(fresh["releases/2021/a/index.md"]) == 5, "a just-written file is not hashed"
    later = fingerprint.content_snapshot(str(site.content), now_ns=release.stat().st_mtime_ns
                                         + 10 * 1_000_000_000)
    assert len(later["releases/2021/a/index.md"]) == 4, "a settled file is hashed for nothing"
    # The bytes changed while the times stayed: the recorded digest is another file's.
    recorded = {**fresh, "releases/2021/a/index.md": [*fresh["releases/2021/a/index.md"][:4],
                                                      "0" * 64]}
    changed = fingerprint.content_unchanged(recorded, later, str(site.content))
    assert changed and "same size and times" in changed, changed
    assert fingerprint.content_unchanged(fresh, later, str(site.content)) is None


@pytest.mark.parametrize("change", ["new file", "removed file", "new folder"])
def test_content_files_added_or_removed(site, change):
    site.record()
    if change == "new file":
        (site.content / "releases/2021/a/extra.jpg").write_bytes(b"more")
    elif change == "removed file":
        (site.content / "releases/2021/a/photo.jpg").unlink()
    else:
        (site.content / "releases/2022").mkdir()
    assert (site.difference() or "").startswith("content: "), site.difference()


def test_theme_template_edited(site):
    site.record()
    (site.theme / "templates/base.html").write_text("<html>{{ SITENAME }}!</html>")
    assert site.difference() == "settings, plugin, theme or libraries changed"


def test_setting_changed(site):
    site.record()
    site.settings["SITENAME"] = "Another press room"
    assert site.difference() == "settings, plugin, theme or libraries changed"


def test_output_folder_changed(site, tmp_path):
    site.record()
    site.settings = {**site.settings}
    inputs = fingerprint.read_inputs(site.settings, str(tmp_path / "elsewhere"))
    assert site.difference(inputs) == "another output folder"


@pytest.mark.parametrize("name, value", [("PRESS_ROOM_NOW", "2031-01-01 00:00 +08:00"),
                                         ("SITEURL", "https://example.org"),
                                         ("PRESS_ROOM_SIGNING_PASSWORD", "secret"),
                                         ("PAGEFIND_FORCE_LANGUAGE", "zh-hant-hk")])
def test_environment_variable_set(site, monkeypatch, name, value):
    site.record()
    monkeypatch.setenv(name, value)
    assert site.difference() == "environment changed"
    # A password or key is never written down as it is.
    site.record()
    assert value not in open(site.record_path, encoding="utf-8").read()


def test_signing_key_file_edited(site, monkeypatch, tmp_path):
    key = tmp_path / "minisign.key"
    key.write_text("untrusted comment: one key\nRWQ...\n")
    monkeypatch.setenv(KEY_FILE_VARIABLE, str(key))
    site.record()
    assert site.difference() is None
    key.write_text("untrusted comment: another key\nRWQ...\n")
    assert site.difference() == "environment changed"


def test_clock_crossing_an_embargo_or_a_news_sitemap_edge():
    now = datetime(2030, 1, 1, 0, 0, tzinfo=HK)
    embargoed = datetime(2030, 1, 5, 10, 0, tzinfo=HK)
    in_window = datetime(2029, 12, 31, 9, 0, tzinfo=HK)  # leaves 2 days later
    old = datetime(2020, 1, 1, tzinfo=HK)
    leaves = in_window + timedelta(days=2, microseconds=1)
    assert fingerprint.next_change(now, [embargoed, in_window, old], 2) == leaves
    assert fingerprint.next_change(now, [embargoed, old], 2) == embargoed
    assert fingerprint.next_change(now, [embargoed, in_window, old], None) == embargoed
    assert fingerprint.next_change(now, [old], 2) is None


def test_clock_outside_the_recorded_window(site):
    inputs = site.record(until=datetime(2030, 1, 5, 10, 0, tzinfo=HK))
    assert inputs.now == datetime(2030, 1, 1, 0, 0, tzinfo=HK)
    for now, expected in [(inputs.now, None),
                          (datetime(2030, 1, 5, 9, 59, tzinfo=HK), None),
                          (datetime(2030, 1, 5, 10, 0, tzinfo=HK), "the clock changes the output"),
                          (datetime(2029, 12, 31, tzinfo=HK), "the clock changes the output")]:
        assert site.difference(dataclasses.replace(inputs, now=now)) == expected, now


@pytest.mark.parametrize("change", ["edited", "deleted", "added", "folder added"])
def test_output_changed_by_anyone(site, change):
    site.record()
    page = site.output / "releases/index.html"
    if change == "edited":
        page.write_text("<html>RELEASES</html>")  # same size, in place
    elif change == "deleted":
        page.unlink()
    elif change == "added":
        (site.output / "stray.html").write_text("left over")
    else:
        (site.output / "stray").mkdir()
    assert site.difference() == "output changed"


def test_an_unreadable_record_means_a_real_build(site):
    site.record()
    with open(site.record_path, "w", encoding="utf-8") as handle:
        handle.write('{"format": 1, "settings": ')
    assert site.difference() == "no record of a finished build"
