"""Random sequences of changes: after each, incremental output = clean build.

Hypothesis drives a small site (tests/incremental_site.py) through random
sequences of what writers and schedulers do — edit a body or a title, move a
date (into the future: an embargo), retag, recategorise, set a draft, add,
replace or remove photos, add or drop a translation, add or delete a
release, let the clock run, touch a file without changing it, rebuild with
nothing changed (the build must say it did nothing) — and after every step builds the preview
incrementally (same output folder, same caches) and clean (empty folder and
caches), and requires the two trees to be the same, byte for byte, file for
file, folder for folder. A `publish` step builds the public site from the
same caches: its leak audit must pass, no withheld release's title may be in
any file, and it too must equal a clean publish build.

The search index is off here (its own tests cover it; the per-change tests
build it): Pagefind would double the time of each step.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from tests.incremental_site import CATEGORIES, PHOTOS, Release, Site, tree, tree_difference

TAGS = ["Harbour", "Board", "Results", "Opening"]
WORDS = ["dividend", "harbour", "committee", "pier", "lantern", "ferry"]
NOTHING_CHANGED = "Nothing changed since the last build"
_photo_cache = Path(tempfile.mkdtemp(prefix="incremental-photos-"))


class IncrementalBuilds(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="incremental-machine-"))
        self.site = Site(self.root / "site", _photo_cache)
        self.site.settings = {"PRESS_ROOM_SEARCH": False, "PRESS_ROOM_RENDER_WORKERS": 1}
        self.output = self.root / "output"
        self.cache = self.root / "cache"
        self.added = 0
        self.titles = 0

    def teardown(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def _pick(self, index: int) -> Release:
        return self.site.releases[index % len(self.site.releases)]

    @initialize()
    def first_build(self):
        self.site.build(self.output, self.cache)

    @rule(index=st.integers(0, 9), word=st.sampled_from(WORDS))
    def edit_body(self, index, word):
        self._pick(index).body += f"\n\nA sentence about the {word}."

    @rule(index=st.integers(0, 9), word=st.sampled_from(WORDS))
    def retitle(self, index, word):
        self.titles += 1  # unique, so that a withheld title is only its own
        self._pick(index).title = f"News of the {word}, no. {self.titles}."

    @rule(index=st.integers(0, 9), year=st.sampled_from([2017, 2020, 2023, 2031]))
    def move_date(self, index, year):
        release = self._pick(index)
        release.year, release.date = year, f"{year}-05-0{index % 9 + 1} 10:00 +08:00"

    @rule(index=st.integers(0, 9), tags=st.lists(st.sampled_from(TAGS), unique=True, max_size=3))
    def retag(self, index, tags):
        self._pick(index).tags = tags

    @rule(index=st.integers(0, 9), category=st.sampled_from(CATEGORIES))
    def recategorise(self, index, category):
        self._pick(index).category = category

    @rule(index=st.integers(0, 9))
    def toggle_draft(self, index):
        release = self._pick(index)
        release.status = "published" if release.status == "draft" else "draft"

    @rule(index=st.integers(0, 9),
          photos=st.lists(st.sampled_from(sorted(PHOTOS)), unique=True, max_size=2),
          replace=st.booleans())
    def change_photos(self, index, photos, replace):
        release = self._pick(index)
        release.photos = photos
        release.replaced = {photos[0]: "green"} if photos and replace else {}

    @rule(index=st.integers(0, 9))
    def toggle_translation(self, index):
        release = self._pick(index)
        release.chinese = "" if release.chinese else f"中文標題 {index}"

    @rule(tags=st.lists(st.sampled_from(TAGS), unique=True, max_size=2))
    def add_release(self, tags):
        self.added += 1
        self.site.releases.append(Release(f"added-{self.added}", 2022, f"Added {self.added}",
                                          f"2022-08-{self.added:02d} 10:00 +08:00", tags=tags))

    @precondition(lambda self: len(self.site.releases) > 1)
    @rule(index=st.integers(0, 9))
    def delete_release(self, index):
        self.site.releases.remove(self._pick(index))

    @rule(year=st.sampled_from([2019, 2030, 2032]))
    def set_clock(self, year):
        self.site.now = f"{year}-01-01 00:00 +08:00"

    @rule()
    def rebuild_with_nothing_changed(self):
        """The last build (the invariant's) saw these very files: this one does nothing."""
        self.site.write()
        said = self.site.build(self.output, self.cache)
        assert NOTHING_CHANGED in said, f"a build with nothing changed built again:\n{said}"

    @rule(index=st.integers(0, 30))
    def touch_a_content_file(self, index):
        """New times, same bytes: a real build, which must still equal a clean one."""
        self.site.write()
        files = sorted(path for path in self.site.content.rglob("*") if path.is_file())
        os.utime(files[index % len(files)])

    @rule()
    def publish(self):
        self.site.write()
        public = self.root / "public"
        self.site.build(public, self.cache, publish=True)  # the leak audit runs in it
        clean = self.site.clean_build(publish=True)
        difference = tree_difference(public, clean)
        assert not difference, f"publish from the caches differs from a clean one:\n{difference}"
        withheld = [r.title for r in self.site.releases
                    if r.status == "draft" or r.date > self.site.now]
        files = tree(public)
        leaks = [(title, name) for title in withheld for name, data in files.items()
                 if data and title.encode() in data]
        assert not leaks, f"withheld releases found in the public build: {leaks}"

    @invariant()
    def incremental_equals_clean(self):
        self.site.write()
        self.site.build(self.output, self.cache)
        clean = self.site.clean_build()
        difference = tree_difference(self.output, clean)
        assert not difference, f"incremental output differs from a clean build:\n{difference}"
        shutil.rmtree(clean.parent)


IncrementalBuilds.TestCase.settings = settings(
    max_examples=8, stateful_step_count=4, deadline=None, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
test_incremental_builds_equal_clean_builds = IncrementalBuilds.TestCase
