"""Every page has a sharing image: a release its lead photo, every other page
the organisation's card (the SVG logo rasterised at build time, 1200 × 630),
with its alt text, and Twitter's own title and description.

structured-data-testing-tool and the social networks' validators refuse a page
whose Open Graph data has no image URL ("must have image url"), and they refuse
SVG; the card is read back here with Pillow.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.build.conftest import ARCHIVE_SITEURL
from tests.conftest import soup

CARD_PAGES = {
    "index.html": "Hong Kong Science and Technology Parks Corporation",
    "releases/index.html": "Hong Kong Science and Technology Parks Corporation",
    "releases/2021/index.html": "Hong Kong Science and Technology Parks Corporation",
    "releases/category/press-releases/index.html": "Hong Kong Science and Technology Parks Corporation",
    "releases/tag/innopark/index.html": "Hong Kong Science and Technology Parks Corporation",
    "releases/tags/index.html": "Hong Kong Science and Technology Parks Corporation",
    "search/index.html": "Hong Kong Science and Technology Parks Corporation",
    "404.html": "Hong Kong Science and Technology Parks Corporation",
    "zh-hant/index.html": "香港科技園公司",
    "zh-hans/search/index.html": "香港科技园公司",
    "zh-hant/404.html": "香港科技園公司",
}


def meta(document, key: str) -> str | None:
    tag = document.select_one(f'meta[property="{key}"], meta[name="{key}"]')
    return tag["content"] if tag is not None else None


def card_file(output: Path, url: str, siteurl: str = "") -> Path:
    assert url.startswith(f"{siteurl}/"), f"og:image {url} is not under {siteurl}/"
    return output / url[len(siteurl) + 1:]


@pytest.mark.parametrize("path", list(CARD_PAGES))
def test_page_without_a_photo_shows_the_organisation_card(real_site, path):
    document = soup(real_site.output / path)
    found = {key: meta(document, key) for key in (
        "og:image", "og:image:type", "og:image:width", "og:image:height", "og:image:alt",
        "twitter:card")}
    assert found["og:image"], f"{path} has no og:image: {found}"
    assert (found["og:image:type"], found["og:image:width"], found["og:image:height"],
            found["twitter:card"]) == ("image/png", "1200", "630", "summary_large_image"), found
    assert CARD_PAGES[path] in (found["og:image:alt"] or ""), (
        f"{path}: og:image:alt {found['og:image:alt']!r} does not name the organisation")
    with Image.open(card_file(real_site.output, found["og:image"])) as card:
        assert (card.format, card.size, card.mode) == ("PNG", (1200, 630), "RGB"), (
            found["og:image"], card.format, card.size, card.mode)
        # The logo is drawn on it: a good share of the pixels is not the white ground.
        inked = card.convert("L").point(lambda value: 255 if value < 128 else 0).histogram()[255]
    assert inked > 1200 * 630 // 50, f"the card {found['og:image']} is nearly blank ({inked} dark px)"


@pytest.mark.parametrize("path", [*CARD_PAGES, "releases/2021/innopark-mars-centre/index.html"])
def test_twitter_title_and_description_repeat_open_graph(real_site, path):
    document = soup(real_site.output / path)
    pairs = {name: (meta(document, f"twitter:{name}"), meta(document, f"og:{name}"))
             for name in ("title", "description")}
    assert all(twitter and twitter == og for twitter, og in pairs.values()), (
        f"{path}: (twitter, og) = {pairs}")


def test_release_keeps_its_lead_photo_as_its_image(real_site):
    document = soup(real_site.output / "releases/2021/innopark-mars-centre/index.html")
    assert "-16x9." in meta(document, "og:image"), meta(document, "og:image")
    assert meta(document, "og:image:type") == "image/jpeg"


@pytest.mark.parametrize("path", ["index.html", "releases/tag/archive/index.html", "404.html",
                                  "releases/2019/archive-2019-02/index.html"])
def test_published_card_url_is_absolute(archive_site, path):
    """A release without photos (archive-2019-02) shares the card too."""
    document = soup(archive_site.output / path)
    url = meta(document, "og:image")
    assert url and url.startswith(f"{ARCHIVE_SITEURL}/theme/images/organisation-card."), (
        f"{path}: og:image {url!r}")
    assert card_file(archive_site.output, url, ARCHIVE_SITEURL).is_file(), url
