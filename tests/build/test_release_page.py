"""The release release: every part of the brief's anatomy, in order."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import soup, text

RELEASE = "releases/2021/release-with-every-field/index.html"


@pytest.fixture(scope="module")
def release(fixture_site):
    return soup(fixture_site.output / RELEASE)


def local_file(output: Path, url: str) -> Path:
    assert url.startswith("/"), f"expected a root-relative URL, got {url!r}"
    return output / url.lstrip("/")


def test_parts_appear_in_the_brief_order(release):
    selectors = [".pr-release__label", "h1.pr-release__title", ".pr-release__deck",
                 ".pr-dateline", ".pr-updates", "figure.pr-photo--lead", ".pr-release__body",
                 ".pr-gallery", ".pr-contacts", ".pr-about", ".pr-tags", ".pr-neighbours"]
    everything = release.find_all(True)
    positions = []
    for selector in selectors:
        element = release.select_one(selector)
        assert element is not None, f"{selector} missing from the release release"
        positions.append(everything.index(element))
    assert positions == sorted(positions), dict(zip(selectors, positions))


def test_headline_deck_and_category_label(release):
    assert release.select_one("h1").get_text(strip=True) == "Release with every field"
    assert release.select_one(".pr-release__deck").get_text(strip=True) == (
        "The deck of the release with every field")
    label = release.select_one(".pr-release__label a")
    assert label.get_text(strip=True) == "Corporate News"
    assert label["href"] == "/releases/category/corporate-news/"


def test_dateline_uses_local_time_when_no_offset_is_written(release):
    dateline = release.select_one(".pr-dateline")
    assert text(dateline) == "(Kowloon, 1 March 2021)"
    assert dateline.time["datetime"] == "2021-03-01T09:30:00+08:00"


def test_updates_show_latest_and_history(release):
    updates = release.select_one(".pr-updates")
    assert text(updates.select_one(".pr-updates__latest")) == "Updated 3 March 2021"
    notes = [text(li) for li in updates.select("li")]
    assert notes == ["3 March 2021: Added the second photo.",
                     "2 March 2021: Corrected a name in the second paragraph."], notes


def test_lead_photo_is_the_one_marked_lead_and_is_upright(release, fixture_site):
    lead = release.select_one("figure.pr-photo--lead img")
    assert lead["alt"] == "Upright portrait test card"
    assert int(lead["height"]) > int(lead["width"]), lead.attrs
    assert lead["fetchpriority"] == "high" and not lead.get("loading"), lead.attrs
    with Image.open(local_file(fixture_site.output, lead["src"])) as image:
        assert image.height > image.width, image.size
        # The red band drawn at the top of the upright picture is at the top.
        red, green, blue = image.convert("RGB").getpixel((image.width // 2, 5))
        assert red > 180 and green < 60 and blue < 60, (red, green, blue)


def test_gallery_photos_are_lazy_with_caption_credit_and_download(release, fixture_site):
    figures = release.select(".pr-gallery figure.pr-photo")
    assert len(figures) == 1
    image = figures[0].img
    assert (image["loading"], image["decoding"]) == ("lazy", "async"), image.attrs
    caption = text(figures[0].figcaption)
    assert caption.startswith("Photo 2: A landscape photo, written first."), caption
    assert "Credit: Fixture Photographer" in caption, caption
    download = figures[0].select_one("a.pr-photo__download")
    assert "(JPEG, 1200 × 800 px," in text(download), download
    assert local_file(fixture_site.output, download["href"]).is_file()


def test_every_srcset_url_is_a_file_and_never_upscaled(release, fixture_site):
    for image in release.select("figure.pr-photo img"):
        for candidate in image["srcset"].split(", "):
            url, width = candidate.split(" ")
            path = local_file(fixture_site.output, url)
            assert path.is_file(), f"{url} in srcset has no file"
            with Image.open(path) as picture:
                assert f"{picture.width}w" == width, (url, picture.size)
        assert "1600w" not in image["srcset"], "a 1200 px original was upscaled"


def test_published_photos_carry_no_exif(release, fixture_site):
    urls = {a["href"] for a in release.select("a.pr-photo__download")}
    for image in release.select("figure.pr-photo img"):
        urls |= {c.split(" ")[0] for c in image["srcset"].split(", ")}
    for url in sorted(urls):
        with Image.open(local_file(fixture_site.output, url)) as picture:
            assert dict(picture.getexif()) == {}, f"{url} carries EXIF {dict(picture.getexif())}"


def test_contacts_from_site_data_and_inline(release):
    contacts = release.select(".pr-contacts__item")
    assert [c.select_one(".pr-contacts__name").get_text(strip=True) for c in contacts] == [
        "Press Office", "Inline Person"]
    assert contacts[0].select_one('a[href^="tel:"]')["href"] == "tel:+85212345678"
    assert contacts[1].select_one('a[href^="mailto:"]')["href"] == "mailto:inline@fixture.example"


def test_about_uses_the_named_boilerplate(release):
    about = release.select_one(".pr-about")
    assert about.h2.get_text(strip=True) == "About Other Org"
    assert "partner named in one release" in about.get_text()


def test_tags_link_to_tag_pages(release, fixture_site):
    links = release.select(".pr-tags a")
    assert [a.get_text(strip=True) for a in links] == ["Alpha Tag", "Shared Tag"]
    for link in links:
        assert (local_file(fixture_site.output, link["href"]) / "index.html").is_file(), link


def test_previous_and_next_releases(release):
    older = release.select_one(".pr-neighbours__link--older")
    newer = release.select_one(".pr-neighbours__link--newer")
    assert older["href"] == "/releases/2021/release-with-markup-in-title/", older
    assert newer["href"] == "/releases/2022/release-with-required-fields-only/", newer


def test_body_keeps_its_section_heading(release):
    body = release.select_one(".pr-release__body")
    assert body.h2.get_text(strip=True) == "A section heading"
    assert "sapphire lanterns drift over Kowloon Bay" in body.get_text()


def test_document_basics(release):
    assert release.html["lang"] == "en"
    assert release.title.get_text().startswith("Release with every field |")
    assert release.select_one('meta[name="description"]')["content"] == (
        "A release that uses every front-matter key.")
    assert release.select_one("a.pr-skip-link")["href"] == "#main"
    assert release.select_one("main#main") is not None


def test_defaults_fill_what_a_release_leaves_out(fixture_site):
    release = soup(fixture_site.output / "releases/2022/release-with-required-fields-only/index.html")
    assert text(release.select_one(".pr-dateline")) == "(Hong Kong, 15 June 2022)"
    assert release.select_one(".pr-about h2").get_text(strip=True) == "About FIXORG"
    assert release.select_one('meta[name="description"]')["content"] == (
        "This lead paragraph becomes the summary because none is written.")
    for absent in (".pr-release__deck", ".pr-gallery", ".pr-contacts", ".pr-tags", "figure"):
        assert release.select_one(absent) is None, f"{absent} shown for a release without it"


def test_markup_in_front_matter_is_shown_as_text(fixture_site):
    path = fixture_site.output / "releases/2021/release-with-markup-in-title/index.html"
    html = path.read_text(encoding="utf-8")
    release = soup(path)
    assert release.h1.get_text() == 'AT&T <b>bold</b> "quoted" title'
    assert "<b>bold</b>" not in html, "the title's markup reached the release unescaped"
    home = (fixture_site.output / "index.html").read_text(encoding="utf-8")
    assert "<b>bold</b>" not in home
