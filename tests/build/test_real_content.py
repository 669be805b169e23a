"""The real content/ builds cleanly for publishing, and holds the INNOPARK release."""

from __future__ import annotations

import minisign
import pytest

from tests.conftest import REPO, build_site, soup, text

INNOPARK = "releases/2021/innopark-mars-centre/index.html"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("publish")
    # Signed, as a real publish is (unsigned, the build warns that it is).
    key = root / "minisign.key"
    key.write_bytes(bytes(minisign.KeyPair.generate().secret_key))
    # --fatal warnings: a warning fails the build, so a pass means none was logged.
    return build_site(REPO / "content", root / "output", settings_file="publishconf.py",
                      fatal="warnings", env={"SITEURL": "https://press.example.org",
                                             "PRESS_ROOM_SIGNING_KEY": str(key)})


def test_publish_build_succeeds_without_warnings(published):
    assert published.returncode == 0, published.log
    assert "WARNING" not in published.stdout + published.stderr, published.log


def test_innopark_release_page(published):
    page = soup(published.output / INNOPARK)
    assert text(page.h1).startswith("HKSTP INNOPARK Sparks “Innofacturing Tomorrow”")
    assert text(page.select_one(".pr-release__deck")).startswith(
        "MARS Centre at Tai Po INNOPARK will be in operation early next year")
    assert text(page.select_one(".pr-dateline")) == "(Hong Kong, 26 November 2021)"
    assert page.select_one(".pr-dateline time")["datetime"] == "2021-11-26T10:00:00+08:00"
    assert text(page.select_one(".pr-release__body h2")) == (
        "Eight Guiding Principles to Foster Re-Industrialisation")
    figures = page.select("figure.pr-photo")
    assert len(figures) == 6
    for number, figure in enumerate(figures, start=1):
        assert text(figure.figcaption).startswith(f"Photo {number}:"), text(figure.figcaption)
        assert figure.img["alt"], f"photo {number} has no alt text"
        src = figure.img["src"]
        assert src.startswith("https://press.example.org/releases/2021/innopark-mars-centre/"), src
    assert text(page.select_one(".pr-contacts h2")) == "Media enquiries"
    assert text(page.select_one(".pr-about h2")) == "About HKSTP"


def test_standin_photos_are_marked_and_large(published):
    from PIL import Image

    bundle = REPO / "content/releases/2021/innopark-mars-centre"
    for number in range(1, 7):
        with Image.open(bundle / f"photo-{number}.jpg") as photo:
            assert photo.width >= 3000, photo.size
            assert photo.getexif().get(0x010F), "stand-in photo has no camera make in EXIF"
    page = soup(published.output / INNOPARK)
    for credit in page.select(".pr-photo__credit"):
        assert "Stand-in" in text(credit), text(credit)
