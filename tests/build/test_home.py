"""Home: newest first, ten cards a page, each card complete."""

from __future__ import annotations

from tests.build.conftest import FILLER_COUNT, NAMED_RELEASES
from tests.conftest import soup


def card_titles(page):
    return [a.get_text(strip=True) for a in page.select(".pr-card__link")]


def test_first_page_lists_the_ten_newest(fixture_site):
    page = soup(fixture_site.output / "index.html")
    titles = card_titles(page)
    assert titles[:3] == ["Release with required fields only", "Release with every field",
                          'AT&T <b>bold</b> "quoted" title'], titles
    assert len(titles) == 10, titles
    dates = [t["datetime"] for t in page.select(".pr-card__date")]
    assert dates == sorted(dates, reverse=True), dates


def test_second_page_holds_the_rest_and_pagination_links(fixture_site):
    first = soup(fixture_site.output / "index.html")
    status = first.select_one(".pr-pagination__status").get_text(strip=True)
    assert status == "Page 1 of 2"
    next_link = first.select_one('.pr-pagination a[rel="next"]')
    assert next_link["href"] == "/page/2/"
    second = soup(fixture_site.output / "page/2/index.html")
    assert len(card_titles(second)) == NAMED_RELEASES + FILLER_COUNT - 10
    assert second.select_one('.pr-pagination a[rel="prev"]')["href"] == "/"
    assert second.select_one(".pr-pagination__status").get_text(strip=True) == "Page 2 of 2"


def test_card_has_date_category_title_summary_and_thumbnail(fixture_site):
    page = soup(fixture_site.output / "index.html")
    card = next(c for c in page.select(".pr-card")
                if c.select_one(".pr-card__link").get_text(strip=True) == "Release with every field")
    assert card.select_one(".pr-card__date").get_text(strip=True) == "1 March 2021"
    assert card.select_one(".pr-card__category").get_text(strip=True) == "Corporate News"
    assert card.select_one(".pr-card__link")["href"] == "/releases/2021/release-with-every-field/"
    assert card.select_one(".pr-card__summary").get_text(strip=True) == (
        "A release that uses every front-matter key.")
    thumbnail = card.select_one("img.pr-card__image")
    assert thumbnail["src"].endswith(".jpg") and int(thumbnail["width"]) <= 480, thumbnail.attrs
    assert (fixture_site.output / thumbnail["src"].lstrip("/")).is_file()


def test_release_without_photos_has_no_thumbnail(fixture_site):
    page = soup(fixture_site.output / "index.html")
    card = page.select(".pr-card")[0]
    assert card.select_one("img") is None


def test_tag_page_lists_every_release_with_the_tag(fixture_site):
    page = soup(fixture_site.output / "releases/tag/shared-tag/index.html")
    assert page.h1.get_text(strip=True) == "Releases tagged “Shared Tag”"
    total = len(card_titles(page))
    if (fixture_site.output / "releases/tag/shared-tag/page/2/index.html").exists():
        total += len(card_titles(soup(fixture_site.output / "releases/tag/shared-tag/page/2/index.html")))
    assert total == 1 + FILLER_COUNT
