"""The archive: every release reachable by page, year, category and tag,
with counts, breadcrumbs and permanent URLs under a sub-path."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.build.conftest import ARCHIVE_SITEURL, ARCHIVE_YEARS
from tests.conftest import soup, text


def page(archive_site, path):
    return soup(archive_site.output / path / "index.html")


def titles(document):
    return [text(a) for a in document.select(".pr-card__link")]


def newest_first(releases):
    return [r.title for r in sorted(releases, key=lambda r: r.date, reverse=True)]


def test_all_releases_page_through_newest_first(archive_site):
    expected = newest_first(archive_site.releases)
    seen = []
    for number, path in enumerate(["releases", "releases/page/2", "releases/page/3"], start=1):
        document = page(archive_site, path)
        seen += titles(document)
        status = text(document.select_one(".pr-pagination__status"))
        assert status == f"Page {number} of 3", (path, status)
    assert seen == expected
    assert not (archive_site.output / "releases/page/4").exists()


def test_pagination_links_are_rel_prev_next_and_absolute_under_the_sub_path(archive_site):
    second = page(archive_site, "releases/page/2")
    assert second.select_one('.pr-pagination a[rel="prev"]')["href"] == f"{ARCHIVE_SITEURL}/releases/"
    assert second.select_one('.pr-pagination a[rel="next"]')["href"] == (
        f"{ARCHIVE_SITEURL}/releases/page/3/")


@pytest.mark.parametrize("year", ARCHIVE_YEARS)
def test_year_page_has_month_headings_with_counts(archive_site, year):
    releases = [r for r in archive_site.releases if r.year == year]
    document = page(archive_site, f"releases/{year}")
    assert text(document.h1) == f"Releases of {year}"
    months = Counter(r.month for r in releases)
    headings = [text(h) for h in document.select(".pr-listing__month-title")]
    expected = [f"{['January', 'April', 'July', 'October'][(m - 1) // 3]} {year} "
                f"({n} release{'s' if n != 1 else ''})" for m, n in sorted(months.items(), reverse=True)]
    assert headings == expected
    assert titles(document) == newest_first(releases)


def test_archive_index_counts_years_and_categories(archive_site):
    document = page(archive_site, "releases")
    entries = [text(li) for li in document.select(".pr-archive-index__list li")]
    for year in ARCHIVE_YEARS:
        assert f"{year} (9)" in entries, entries
    for category, count in Counter(r.category for r in archive_site.releases).items():
        assert f"{category} ({count})" in entries, entries


def test_category_page_lists_exactly_its_releases(archive_site):
    for category in {r.category for r in archive_site.releases}:
        slug = category.lower().replace(" ", "-")
        document = page(archive_site, f"releases/category/{slug}")
        expected = newest_first([r for r in archive_site.releases if r.category == category])
        assert titles(document) == expected[:10], category


def test_tag_index_lists_every_tag_with_its_count(archive_site):
    document = page(archive_site, "releases/tags")
    entries = [text(li) for li in document.select(".pr-tag-index__item")]
    counts = Counter(tag for r in archive_site.releases for tag in r.tags)
    assert entries == [f"{tag} ({counts[tag]})" for tag in sorted(counts)]


def test_tag_pages_paginate_every_release_with_the_tag(archive_site):
    seen = titles(page(archive_site, "releases/tag/archive"))
    seen += titles(page(archive_site, "releases/tag/archive/page/2"))
    seen += titles(page(archive_site, "releases/tag/archive/page/3"))
    assert seen == newest_first(archive_site.releases)
    quarterly = [r for r in archive_site.releases if "Quarterly" in r.tags]
    assert titles(page(archive_site, "releases/tag/quarterly")) == newest_first(quarterly)


def test_cards_say_how_many_photos(archive_site):
    document = page(archive_site, "releases/2021")
    card = next(c for c in document.select(".pr-card")
                if text(c.select_one(".pr-card__link")) == "Archive release 01 of 2021")
    assert text(card.select_one(".pr-card__photos")) == "(with 1 photo)"
    assert card.select_one("img.pr-card__image") is not None
    others = [c for c in document.select(".pr-card") if c is not card]
    assert all(c.select_one(".pr-card__photos") is None for c in others)


def test_release_breadcrumbs_lead_back_through_year_and_archive(archive_site):
    document = page(archive_site, "releases/2020/archive-2020-03")
    crumbs = document.select(".pr-breadcrumbs__item")
    assert [text(c) for c in crumbs] == ["Home", "Releases", "2020", "Archive release 03 of 2020"]
    assert [a["href"] for a in document.select(".pr-breadcrumbs a")] == [
        f"{ARCHIVE_SITEURL}/", f"{ARCHIVE_SITEURL}/releases/", f"{ARCHIVE_SITEURL}/releases/2020/"]
    assert crumbs[-1].select_one('[aria-current="page"]') is not None


def test_related_releases_share_tags_newest_first_and_never_self(archive_site):
    by_title = {r.title: r for r in archive_site.releases}
    for release in archive_site.releases:
        document = page(archive_site, f"releases/{release.year}/{release.slug}")
        related = [text(a) for a in document.select(".pr-related__link")]
        assert len(related) == 3, (release.title, related)
        assert release.title not in related
        shared = [len(set(by_title[t].tags) & set(release.tags)) for t in related]
        assert shared == sorted(shared, reverse=True), (release.title, related, shared)
    # A 2021 "Quarterly" release shares both Archive and Recent (and Quarterly)
    # with the newest 2021 releases: they come first, newest first.
    document = page(archive_site, "releases/2021/archive-2021-01")
    related = [text(a) for a in document.select(".pr-related__link")]
    assert related[0].endswith("of 2021"), related
