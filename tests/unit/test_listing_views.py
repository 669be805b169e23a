"""Listing views (incremental/listing_views.py) answer a template as
Pelican's paginator and pages do, and carry nothing more."""

from __future__ import annotations

from datetime import datetime

import pytest
from jinja2 import Environment
from pelican.paginator import Paginator
from pelican.settings import read_settings

from press_room.incremental.listing_views import ListingFieldMissing, ListingViews, PageView


class Release:
    """A release as Pelican's content objects look to a listing template."""

    def __init__(self, number: int):
        self.title, self.url, self.save_as = f"Release {number}", f"r/{number}/", f"r/{number}/index.html"
        self.date = datetime(2020 + number % 3, 1 + number % 12, 1)
        self.category, self.summary, self.photos = "Press Releases", f"<p>S{number}</p>", []
        self.lang, self.slug = "en", f"r{number}"
        self.related = ["another release"]  # what a card must not reach


NAVIGATION = ("number", "has_next", "has_previous", "has_other_pages", "start_index",
              "end_index", "url", "save_as", "full_name")


@pytest.mark.parametrize("count,per_page,orphans", [(1, 10, 0), (25, 10, 0), (23, 10, 3),
                                                    (30, 10, 0), (0, 10, 0)])
def test_page_views_navigate_as_pelicans_pages(count, per_page, orphans):
    settings = read_settings(None, override={"DEFAULT_ORPHANS": orphans})
    paginator = Paginator("releases/index.html", "releases/", [Release(n) for n in range(count)],
                          settings, per_page)
    views = ListingViews()
    for number in paginator.page_range:
        page = paginator.page(number)
        view = views.page_context({"articles_page": page})["articles_page"]
        assert isinstance(view, PageView)
        for name in NAVIGATION:
            ours, pelicans = getattr(view, name), getattr(page, name)
            if callable(pelicans):
                ours, pelicans = ours(), pelicans()
            assert ours == pelicans, f"page {number} of {count}: {name} {ours!r} ≠ {pelicans!r}"
        assert [card.title for card in view.object_list] == \
            [release.title for release in page.object_list]
        assert view.paginator.num_pages == paginator.num_pages
        assert view.paginator.page_range == paginator.page_range
        with pytest.raises(ListingFieldMissing, match="read `object_list` of a PaginatorView"):
            Environment().from_string("{{ p.object_list }}").render(p=view.paginator)


def test_a_card_refuses_what_it_does_not_carry():
    views = ListingViews()
    paginator = Paginator("index.html", "", [Release(1)], read_settings(None), 10)
    card = views.page_context({"articles_page": paginator.page(1)})["articles_page"].object_list[0]
    assert Environment(autoescape=True).from_string(
        "{{ card.title }} {{ card.summary|safe }}").render(card=card) == "Release 1 <p>S1</p>"
    with pytest.raises(ListingFieldMissing, match=r"read `related` of a ReleaseCard, which carries title, url.*add it in"):
        Environment().from_string("{{ card.related }}").render(card=card)


def test_counts_of_a_listing():
    releases = [Release(n) for n in range(7)]
    views = ListingViews()
    context = views.page_context({"dates": releases, "categories": [("Press", releases[:2])],
                                  "tags": [("Harbour", releases[:5])]})
    counts = context["listing_counts"]
    assert counts.total == 7
    assert dict(counts.years) == {2020: 3, 2021: 2, 2022: 2}, counts.years
    assert sum(count for _, _, count in counts.months) == 7, counts.months
    assert counts.categories == (("Press", 2),) and counts.tags == (("Harbour", 5),)
    again = views.page_context({"dates": releases, "categories": context.get("categories"),
                                "tags": None})
    assert again["listing_counts"].tags == ()
    assert "listing_counts" not in views.page_context({"article": releases[0]})
