"""The incremental search index answers exactly like a clean one.

The index is built one language at a time and each language's shard reused
while its pages are unchanged (search_shards.py, search_cache.py). After
each change — a release added, one translation edited, a release deleted, one
made a draft, one moved under embargo — a rebuild into the same output with
the same cache must write the very bundle a clean build (fresh output, empty
cache) writes: same files, same bytes, so the same results for every query
and filter. And a shard whose pages did not change is not rebuilt.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from pelican.settings import read_settings
from press_room.search_index import (BUNDLE_DIR, _run_pagefind, pagefind_command,
                                     release_page_glob)

from tests.build.test_search_index import fragments, tree
from tests.conftest import REPO, build_site, copy_fixture

NOW = "2026-01-01 00:00 +08:00"
SITEURL = "https://example.org/room"


def publish(content: Path, output: Path, cache: Path):
    build = build_site(content, output, settings_file="publishconf.py",
                       extra_settings={"PRESS_ROOM_CACHE_PATH": str(cache)},
                       env={"SITEURL": SITEURL, "PRESS_ROOM_NOW": NOW}, verbose=True)
    assert build.returncode == 0, build.log
    return build


def search_log(build) -> str:
    lines = [line for line in (build.stdout + build.stderr).splitlines() if "Search:" in line]
    return " ".join(" ".join(lines).split())


def write_release(content: Path, year: int, slug: str, title: str, body: str,
                  date: str | None = None, lang: str = "", status: str = "") -> Path:
    bundle = content / "releases" / str(year) / slug
    bundle.mkdir(parents=True, exist_ok=True)
    path = bundle / (f"index.{lang}.md" if lang else "index.md")
    path.write_text(
        f"---\ntitle: {title}\ndate: {date or f'{year}-03-02 10:00 +08:00'}\n"
        f"category: Press Releases\n{f'status: {status}' + chr(10) if status else ''}---\n"
        f"{body}\n", encoding="utf-8")
    return path


ZERO_WIDTH_SPACE = "\u200b"  # Pagefind's mark between the words it segments (Chinese)


def indexed_words(output: Path) -> str:
    """Every indexed page's text, for the failure messages and the checks below."""
    return json.dumps(fragments(output), ensure_ascii=False).replace(ZERO_WIDTH_SPACE, "")


@pytest.fixture(scope="module")
def changes(tmp_path_factory):
    """Build, then apply each change and rebuild incrementally; a clean build
    of the same input after each. Returns (name, incremental, clean) per step."""
    root = tmp_path_factory.mktemp("search-incremental")
    content = copy_fixture("languages-site", root)
    write_release(content, 2020, "harbour-lights", "Harbour lights switched on",
                  "The harbour lights word lanternfish shines.")
    write_release(content, 2020, "harbour-lights", "海港燈光", "海港燈光今晚亮起。", lang="zh-hant")
    write_release(content, 2020, "harbour-lights", "海港灯光", "海港灯光今晚亮起。", lang="zh-hans")
    write_release(content, 2019, "old-pier", "The old pier reopens",
                  "The old pier word quayside reopens.")
    output, cache = root / "incremental", root / "cache"
    first = publish(content, output, cache)

    def add():
        write_release(content, 2022, "new-ferry", "A new ferry route",
                      "A new ferry word catamaranword sails.")

    def edit_one_translation():
        path = content / "releases/2020/harbour-lights/index.zh-hant.md"
        path.write_text(path.read_text(encoding="utf-8") + "\n燈塔守護者。\n", encoding="utf-8")

    def delete():
        shutil.rmtree(content / "releases/2019/old-pier")

    def withhold_as_draft():
        write_release(content, 2022, "new-ferry", "A new ferry route",
                      "A new ferry word catamaranword sails.", status="draft")

    def embargo():
        write_release(content, 2020, "harbour-lights", "Harbour lights switched on",
                      "The harbour lights word lanternfish shines.", date="2030-03-02 10:00 +08:00")
        for lang, title, body in (("zh-hant", "海港燈光", "海港燈光今晚亮起。\n燈塔守護者。"),
                                  ("zh-hans", "海港灯光", "海港灯光今晚亮起。")):
            write_release(content, 2020, "harbour-lights", title, body,
                          date="2030-03-02 10:00 +08:00", lang=lang)

    steps = [("first build", first, None, None)]
    for number, change in enumerate((add, edit_one_translation, delete, withhold_as_draft,
                                     embargo), start=1):
        change()
        incremental = publish(content, output, cache)
        # Snapshot: the next step rebuilds into the same folder.
        snapshot = root / f"step-{number}"
        shutil.copytree(output / BUNDLE_DIR, snapshot / BUNDLE_DIR)
        clean = publish(content, root / f"clean-{number}", root / f"clean-cache-{number}")
        steps.append((change.__name__, incremental, clean, snapshot))
    return steps


def step(changes, name):
    return next(each for each in changes if each[0] == name)


@pytest.mark.parametrize("name", ["add", "edit_one_translation", "delete", "withhold_as_draft",
                                  "embargo"])
def test_the_incremental_index_is_the_clean_index(changes, name):
    _, incremental, clean, snapshot = step(changes, name)
    ours, theirs = tree(snapshot / BUNDLE_DIR), tree(clean.output / BUNDLE_DIR)
    assert ours == theirs, (
        f"after {name}: files only incremental {sorted(set(ours) - set(theirs))}, only clean "
        f"{sorted(set(theirs) - set(ours))}, differing "
        f"{sorted(k for k in set(ours) & set(theirs) if ours[k] != theirs[k])}\n"
        f"{search_log(incremental)}")


def test_each_change_reaches_the_index(changes):
    words = {name: indexed_words(snapshot) for name, _, _, snapshot in changes[1:]}
    assert "catamaranword" in words["add"], words["add"][:600]
    assert "燈塔守護者" in words["edit_one_translation"], words["edit_one_translation"][:600]
    assert "quayside" in words["edit_one_translation"]
    assert "quayside" not in words["delete"], words["delete"][:600]
    assert "catamaranword" in words["delete"]
    assert "catamaranword" not in words["withhold_as_draft"], words["withhold_as_draft"][:600]
    for withheld in ("lanternfish", "海港燈光", "海港灯光"):
        assert withheld not in words["embargo"], words["embargo"][:600]


def test_only_the_changed_language_is_rebuilt(changes):
    log = search_log(step(changes, "edit_one_translation")[1])
    assert "Pagefind ran for zh-hant-hk; unchanged, reused: en, zh-hans" in log, log
    log = search_log(step(changes, "add")[1])
    assert "Pagefind ran for en; unchanged, reused: zh-hans, zh-hant-hk" in log, log


def test_an_unchanged_site_reuses_every_shard(tmp_path):
    content = copy_fixture("languages-site", tmp_path)
    cache = tmp_path / "cache"
    publish(content, tmp_path / "first", cache)
    again = publish(content, tmp_path / "again", cache)
    assert "reused it" in search_log(again), search_log(again)
    assert tree(tmp_path / "again" / BUNDLE_DIR) == tree(tmp_path / "first" / BUNDLE_DIR)


WITHHELD = ("lanternfish", "harbour-lights", "catamaranword", "海港燈光", "燈塔守護者")


def traces(bundle: Path, words) -> list[tuple[str, str]]:
    """(file, word) for each word in each file, gzip-compressed chunks opened up,
    as the publish leak audit reads them."""
    found = []
    for path in sorted(bundle.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        data = data.decode("utf-8", "replace").replace(ZERO_WIDTH_SPACE, "")
        found += [(path.name, word) for word in words if word in data]
    return found


def test_no_withheld_word_in_any_bundle_file_gzip_included(changes):
    # While published, the words are found: the search below can find them.
    published = {word for _, word in traces(step(changes, "add")[3] / BUNDLE_DIR, WITHHELD)}
    assert published == set(WITHHELD) - {"燈塔守護者"}, published
    assert traces(step(changes, "embargo")[3] / BUNDLE_DIR, WITHHELD) == []


# --- the Pagefind behaviour the shards rely on --------------------------------------------------

def test_the_joined_shards_are_one_pagefind_run_over_everything(real_site, tmp_path):
    """Pagefind's files per language do not depend on the other languages: one run
    over every page writes the very bundle the build joined from one run per
    language. If a Pagefind version broke that, this fails."""
    languages = json.loads((real_site.output / BUNDLE_DIR / "pagefind-entry.json")
                           .read_text(encoding="utf-8"))["languages"]
    assert len(languages) == 3, f"the real site should have three index languages: {languages}"
    copy = tmp_path / "output"
    shutil.copytree(real_site.output, copy, ignore=shutil.ignore_patterns(BUNDLE_DIR))
    settings = read_settings(str(REPO / "pelicanconf.py"))
    _run_pagefind(pagefind_command(str(copy), release_page_glob(settings)), str(copy),
                  str(copy / BUNDLE_DIR))
    single, joined = tree(copy / BUNDLE_DIR), tree(real_site.output / BUNDLE_DIR)
    assert single == joined, (
        f"only in one run {sorted(set(single) - set(joined))}, only joined "
        f"{sorted(set(joined) - set(single))}, differing "
        f"{sorted(k for k in set(single) & set(joined) if single[k] != joined[k])}")

