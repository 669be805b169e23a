"""A listing page is made again when what it shows changes, and only then.

The site has enough releases for every listing (home, all releases, years,
categories, tags) to run over several pages, three to a page. After a body
edit only the edited release's own pages and the pages that link to it are
made again — no listing page, since cards show no body; after a title edit
exactly the listing pages that show its card are. Every step's output equals
a clean build's.
"""

from __future__ import annotations

import re

import pytest

from tests.incremental_site import CATEGORIES, Release, Site, tree_difference

pytestmark = pytest.mark.usefixtures("paged_site")

# Home, all releases, a year, a category, a tag (any page of each), the tag index.
LISTING = re.compile(r"^(?:zh-han[st]/)?(?:releases/(?:\d{4}/|category/[^/]+/|tag/[^/]+/|tags/)?)?"
                     r"(?:page/\d+/)?index\.html$")


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("listing-records")
    site = Site(root / "site", root / "photo-cache")
    site.settings = {"DEFAULT_PAGINATION": 3, "PRESS_ROOM_SEARCH": False,
                     "PRESS_ROOM_RENDER_WORKERS": 1}
    for number in range(1, 15):
        site.releases.append(Release(
            f"notice-{number}", 2020 + number % 3, f"Notice number {number}",
            f"{2020 + number % 3}-{number % 12 + 1:02d}-0{number % 9 + 1} 10:00 +08:00",
            category=CATEGORIES[number % 3], tags=["Harbour"] if number % 2 else ["Board"]))
    site.output, site.cache = root / "output", root / "cache"
    site.write()
    site.build(site.output, site.cache)
    return site


def _states(site) -> dict[str, tuple[int, int]]:
    return {str(path.relative_to(site.output)): (path.stat().st_mtime_ns, path.stat().st_ino)
            for path in site.output.rglob("*.html")}


def _rebuild(site, what: str) -> set[str]:
    """Rebuild, compare with a clean build; the pages written again."""
    before = _states(site)
    site.write()
    site.build(site.output, site.cache)
    clean = site.clean_build()
    difference = tree_difference(site.output, clean)
    assert not difference, f"after {what}, the output differs from a clean build:\n{difference}"
    after = _states(site)
    return {name for name, state in after.items() if before.get(name) != state}


def _listings_showing(site, text: str) -> set[str]:
    return {str(path.relative_to(site.output)) for path in site.output.rglob("index.html")
            if LISTING.match(str(path.relative_to(site.output)))
            and text in path.read_text(encoding="utf-8")}


def test_the_site_has_listings_of_several_pages(paged_site):
    listings = {str(p.relative_to(paged_site.output)) for p in paged_site.output.rglob("*.html")
                if LISTING.match(str(p.relative_to(paged_site.output)))}
    for expected in ("page/2/index.html", "releases/page/2/index.html",
                     "releases/tag/harbour/page/2/index.html"):
        assert expected in listings, f"{expected} missing from {sorted(listings)}"


def test_a_body_edit_makes_no_listing_page_again(paged_site):
    site = paged_site
    site.release("notice-7").body += "\n\nA sentence only the release page shows."
    written = _rebuild(site, "a body edit")
    listings = {name for name in written if LISTING.match(name)}
    assert not listings, f"listing pages made again for a body edit: {sorted(listings)}"
    assert "releases/2021/notice-7/index.html" in written, sorted(written)
    assert len(written) <= 8, f"a body edit made {len(written)} pages again: {sorted(written)}"


def test_a_title_edit_makes_again_exactly_the_listings_that_show_it(paged_site):
    site = paged_site
    site.release("notice-7").title = "Notice seven, retitled"
    written = _rebuild(site, "a title edit")
    showing = _listings_showing(site, "Notice seven, retitled")
    listings = {name for name in written if LISTING.match(name)}
    assert showing, "no listing shows the new title"
    assert listings == showing, (
        f"made again but not showing it: {sorted(listings - showing)}; "
        f"showing it but kept: {sorted(showing - listings)}")


def test_archive_counts_follow_releases_added_and_removed(paged_site):
    site = paged_site
    site.releases.append(Release("late-addition", 2022, "A late addition",
                                 "2022-12-20 10:00 +08:00", category=CATEGORIES[1]))
    _rebuild(site, "a release added")
    archive = (site.output / "releases/index.html").read_text(encoding="utf-8")
    years = dict(re.findall(r'href="/releases/(\d{4})/">\d{4}</a> '
                            r'<span class="pr-archive-index__count">\((\d+)\)', archive))
    expected = {}
    for release in site.releases:
        if release.status == "published":
            expected[str(release.year)] = expected.get(str(release.year), 0) + 1
    assert {year: int(count) for year, count in years.items()} == expected, archive[:2000]
    site.releases.remove(site.release("late-addition"))
    _rebuild(site, "a release removed")


def test_a_listing_template_reading_what_cards_lack_stops_the_build(paged_site, tmp_path):
    site = paged_site
    card = site.theme / "templates/macros/card.html"
    original = card.read_text(encoding="utf-8")
    card.write_text(original.replace("{{ article.title }}", "{{ article.related }}"),
                    encoding="utf-8")
    try:
        with pytest.raises(Exception) as stopped:
            site.build(tmp_path / "output", tmp_path / "cache")
        assert "read `related` of a ReleaseCard" in str(stopped.value), stopped.value
    finally:
        card.write_text(original, encoding="utf-8")
