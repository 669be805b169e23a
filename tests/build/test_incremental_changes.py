"""One kind of change at a time: the incremental output equals a clean build.

A small site (tests/incremental_site.py) is built once; then each test makes
one kind of change a writer, a designer or a scheduler makes, rebuilds
incrementally into the same output folder with the same caches, builds the
same input clean into an empty folder, and compares the two trees byte for
byte (every file and folder). The tests run in order on the one site: each
starts from what the previous left, as a real archive does.
"""

from __future__ import annotations

import pytest

from tests.incremental_site import CATEGORIES, Release, Site, tree, tree_difference

pytestmark = pytest.mark.usefixtures("changing_site")


@pytest.fixture(scope="module")
def changing_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("incremental-changes")
    site = Site(root / "site", root / "photo-cache")
    site.incremental_output = root / "output"
    site.incremental_cache = root / "cache"
    site.build(site.incremental_output, site.incremental_cache)
    return site


def rebuild_and_compare(site: Site, what: str) -> dict:
    """Incremental build, clean build, the same bytes: the incremental tree."""
    site.write()
    site.build(site.incremental_output, site.incremental_cache)
    clean = site.clean_build()
    difference = tree_difference(site.incremental_output, clean)
    assert not difference, f"after {what}, the incremental output differs from a clean build:\n" \
                           f"{difference}"
    return tree(site.incremental_output)


def page(files: dict, name: str) -> str:
    assert name in files, f"{name} not in the output: {sorted(files)[:40]}"
    return files[name].decode("utf-8")


def test_nothing_changed_renders_nothing_and_writes_nothing(changing_site):
    site = changing_site
    before = {path: path.stat().st_mtime_ns for path in site.incremental_output.rglob("*.html")}
    files = rebuild_and_compare(site, "no change")
    after = {path: path.stat().st_mtime_ns for path in site.incremental_output.rglob("*.html")}
    rewritten = sorted(str(path) for path in before if before[path] != after.get(path))
    assert not rewritten, f"pages written again although nothing changed: {rewritten}"
    assert "index.html" in files


def test_body_edit_renders_the_page_again_but_not_unrelated_ones(changing_site):
    site = changing_site
    unrelated = site.incremental_output / "releases/2018/old-notice/index.html"
    unrelated_json = unrelated.with_name("release.json")
    untouched = unrelated.stat().st_mtime_ns, unrelated_json.stat().st_mtime_ns
    site.release("new-board").body += "\n\nA closing paragraph about the dividend."
    files = rebuild_and_compare(site, "a body edit")
    assert "the dividend" in page(files, "releases/2022/new-board/index.html")
    assert "the dividend" in page(files, "releases/2022/new-board/release.json")
    assert (unrelated.stat().st_mtime_ns, unrelated_json.stat().st_mtime_ns) == untouched, \
        "a release that shows nothing of the edited one was written again (page or release.json)"


def test_title_change(changing_site):
    changing_site.release("new-board").title = "The board, renewed"
    files = rebuild_and_compare(changing_site, "a title change")
    assert "The board, renewed" in page(files, "index.html")


def test_date_change_moves_the_release_to_another_year(changing_site):
    changing_site.release("annual-results").date = "2020-11-30 10:00 +08:00"
    changing_site.release("annual-results").year = 2020
    files = rebuild_and_compare(changing_site, "a date change")
    assert "releases/2020/annual-results/index.html" in files
    assert "releases/2021/annual-results/index.html" not in files


def test_tags_change(changing_site):
    changing_site.release("new-board").tags = ["Governance"]
    files = rebuild_and_compare(changing_site, "a tags change")
    assert "releases/tag/governance/index.html" in files
    assert "releases/tag/board/index.html" not in files


def test_category_change(changing_site):
    changing_site.release("new-board").category = CATEGORIES[2]
    rebuild_and_compare(changing_site, "a category change")


def test_summary_change(changing_site):
    changing_site.release("new-board").summary = "Seven members, two new."
    files = rebuild_and_compare(changing_site, "a summary change")
    assert "Seven members, two new." in page(files, "index.html")


def test_photo_added(changing_site):
    changing_site.release("new-board").photos = ["red"]
    files = rebuild_and_compare(changing_site, "a photo added")
    assert any(name.startswith("releases/2022/new-board/red-") for name in files)


def test_photo_replaced_by_other_bytes(changing_site):
    changing_site.release("new-board").replaced = {"red": "green"}
    rebuild_and_compare(changing_site, "a photo replaced")


def test_photo_removed(changing_site):
    changing_site.release("new-board").photos = []
    files = rebuild_and_compare(changing_site, "a photo removed")
    assert not any(name.startswith("releases/2022/new-board/red-") for name in files)


def test_translation_added(changing_site):
    changing_site.release("new-board").chinese = "新董事會"
    files = rebuild_and_compare(changing_site, "a translation added")
    assert "zh-hant/releases/2022/new-board/index.html" in files


def test_translation_removed(changing_site):
    changing_site.release("harbour-opening").chinese = ""
    files = rebuild_and_compare(changing_site, "a translation removed")
    assert "zh-hant/releases/2021/harbour-opening/index.html" not in files


def test_release_added(changing_site):
    changing_site.releases.append(Release("late-addition", 2022, "A late addition",
                                          "2022-03-03 12:00 +08:00", tags=["Harbour"],
                                          photos=["blue"]))
    files = rebuild_and_compare(changing_site, "a release added")
    assert "releases/2022/late-addition/index.html" in files


def test_release_deleted(changing_site):
    changing_site.releases = [r for r in changing_site.releases if r.slug != "late-addition"]
    files = rebuild_and_compare(changing_site, "a release deleted")
    leftovers = [name for name in files if "late-addition" in name
                 or b"A late addition" in (files[name] or b"")]
    assert not leftovers, f"the deleted release is still in the output: {leftovers}"


def test_status_to_draft(changing_site):
    changing_site.release("annual-results").status = "draft"
    files = rebuild_and_compare(changing_site, "status: draft")
    assert "drafts/releases/2020/annual-results/index.html" in files


def test_status_back_to_published(changing_site):
    changing_site.release("annual-results").status = "published"
    rebuild_and_compare(changing_site, "status back to published")


def test_date_moved_into_the_future_is_an_embargo(changing_site):
    changing_site.release("new-board").date = "2031-01-01 09:00 +08:00"
    changing_site.release("new-board").year = 2031
    files = rebuild_and_compare(changing_site, "a date moved into the future")
    assert "EMBARGOED" in page(files, "releases/2031/new-board/index.html")


def test_the_clock_passing_the_embargo_lifts_it(changing_site):
    changing_site.now = "2031-01-01 09:01 +08:00"
    files = rebuild_and_compare(changing_site, "the clock passing the embargo")
    assert "EMBARGOED" not in page(files, "releases/2031/new-board/index.html")


def test_date_moved_back_into_the_past(changing_site):
    changing_site.now = "2030-01-01 00:00 +08:00"
    changing_site.release("new-board").date = "2022-01-10 09:00 +08:00"
    changing_site.release("new-board").year = 2022
    rebuild_and_compare(changing_site, "a date moved back into the past")


def test_template_edit(changing_site):
    footer = changing_site.theme / "templates" / "partials" / "footer.html"
    footer.write_text(footer.read_text(encoding="utf-8") + "<!-- footer note -->\n",
                      encoding="utf-8")
    files = rebuild_and_compare(changing_site, "a template edit")
    assert "footer note" in page(files, "releases/2022/new-board/index.html")


def test_css_edit(changing_site):
    tokens = changing_site.theme / "static" / "css" / "tokens.css"
    tokens.write_text(tokens.read_text(encoding="utf-8") + "\n:root { --pr-test: 1px; }\n",
                      encoding="utf-8")
    rebuild_and_compare(changing_site, "a CSS edit")


def test_site_data_edit(changing_site):
    data = changing_site.content / "data" / "site.yml"
    data.write_text(data.read_text(encoding="utf-8").replace(
        "FIXORG is the organisation of the test fixture site.",
        "FIXORG is the renamed organisation of the fixture site."), encoding="utf-8")
    files = rebuild_and_compare(changing_site, "a site.yml edit")
    assert "renamed organisation" in page(files, "releases/2022/new-board/index.html")


def test_settings_change(changing_site):
    changing_site.settings["DEFAULT_PAGINATION"] = 2
    files = rebuild_and_compare(changing_site, "a settings change (pagination)")
    assert "page/2/index.html" in files


def test_one_pelican_object_run_again_removes_what_it_no_longer_produces(tmp_path):
    """A devserver runs one Pelican object again and again (`initialized` is
    sent once): each run still removes a deleted release's files."""
    from pelican import Pelican

    site = Site(tmp_path / "site", tmp_path / "photo-cache")
    pelican = Pelican(site._settings(tmp_path / "output", tmp_path / "cache", publish=False))
    pelican.run()
    assert (tmp_path / "output/releases/2018/old-notice/index.html").exists()
    site.releases = [r for r in site.releases if r.slug != "old-notice"]
    site.write()
    pelican.run()
    left = sorted(str(p.relative_to(tmp_path / "output"))
                  for p in (tmp_path / "output").rglob("*old-notice*"))
    assert not left, f"the deleted release is still in the output after a second run: {left}"
