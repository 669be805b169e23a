"""Every high-resolution download carries IPTC IIM and XMP, in agreement, in
each language, as Debian's exiftool (a picture desk's own tool) reads them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.build.conftest import TRUST_CAPTIONS, TRUST_SITEURL
from tests.conftest import soup, text

LANGUAGES = {"en": ("", "en"), "zh-hant": ("zh-hant/", "zh-Hant-HK"),
             "zh-hans": ("zh-hans/", "zh-Hans")}
FRESH = "releases/2024/fresh-release/index.html"


def exiftool(*arguments) -> str:
    result = subprocess.run(["exiftool", *map(str, arguments)], capture_output=True,
                            text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0, f"exiftool {arguments} failed:\n{result.stdout}{result.stderr}"
    return result.stdout


def download_of(output: Path, lang: str) -> Path:
    prefix = LANGUAGES[lang][0]
    page = soup(output / prefix / FRESH)
    link = page.select_one("#photo-1 a.pr-photo__download")
    assert link is not None, f"no download link on {prefix}{FRESH}"
    href = link["href"]
    assert href.startswith(TRUST_SITEURL + "/"), href
    return output / href[len(TRUST_SITEURL) + 1:]


def tags_of(path: Path) -> dict:
    return json.loads(exiftool("-j", "-a", "-G1", "-IPTC:all", "-XMP:all", path))[0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_download_carries_iim_and_xmp_in_agreement(trust_site, lang):
    prefix, bcp47 = LANGUAGES[lang]
    tags = tags_of(download_of(trust_site.output, lang))
    caption = TRUST_CAPTIONS[lang]
    expected = {
        "IPTC:CodedCharacterSet": "UTF8",  # ESC % G: the text below is UTF-8
        "IPTC:Caption-Abstract": caption,
        "XMP-dc:Description": caption,
        "IPTC:Credit": "Trust Desk",
        "XMP-photoshop:Credit": "Trust Desk",
        "IPTC:CopyrightNotice": "© Fixture Organisation Limited",
        "XMP-dc:Rights": "© Fixture Organisation Limited",
        "IPTC:ObjectName": "fresh-release-lab",
        "XMP-dc:Title": "fresh-release-lab",
        "IPTC:DateCreated": "2024:03:09",
        "IPTC:TimeCreated": "10:00:00+08:00",
        "XMP-photoshop:DateCreated": "2024:03:09 10:00:00+08:00",
        "XMP-dc:Language": bcp47,
        "XMP-xmpRights:WebStatement": f"{TRUST_SITEURL}/{prefix}use-of-photos/",
        "XMP-iptcCore:AltTextAccessibility": f"Green test card ({lang})",
    }
    found = {key: tags.get(key) for key in expected}
    assert found == expected, f"{lang}: exiftool read {json.dumps(tags, ensure_ascii=False, indent=1)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_usage_terms_are_the_use_of_photos_pages_terms(trust_site, lang):
    prefix = LANGUAGES[lang][0]
    tags = tags_of(download_of(trust_site.output, lang))
    page = soup(trust_site.output / prefix / "use-of-photos/index.html")
    terms = [text(p) for p in page.select(".pr-photo-use__terms p")]
    assert terms, f"no usage terms on {prefix}use-of-photos/"
    assert tags.get("XMP-xmpRights:UsageTerms") == "\n\n".join(terms), (lang, tags, terms)
    if lang != "en":  # translated in site.yml, like the other site data
        english = soup(trust_site.output / "use-of-photos/index.html")
        assert terms != [text(p) for p in english.select(".pr-photo-use__terms p")], terms


def test_every_page_links_to_the_use_of_photos_page(trust_site):
    for lang, (prefix, _) in LANGUAGES.items():
        page = soup(trust_site.output / prefix / FRESH)
        link = page.select_one(".pr-footer__photo-use a")
        assert link is not None and link["href"] == f"{TRUST_SITEURL}/{prefix}use-of-photos/", (
            lang, link)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_exiftool_validates_the_download_without_errors_or_warnings(trust_site, lang):
    path = download_of(trust_site.output, lang)
    report = exiftool("-validate", "-warning", "-a", path)
    assert "Validate                        : OK" in report, report
    assert "Warning" not in report and "Error" not in report, report
    digest = exiftool("-s3", "-IPTCDigest", "-CurrentIPTCDigest", path).split()
    assert len(digest) == 2 and digest[0] == digest[1], (
        f"IPTCDigest must match the IIM block (readers take it as 'XMP and IIM in sync'): {digest}")


def test_translations_share_the_pixels_of_one_encode(trust_site):
    from PIL import Image

    pixels = set()
    for lang in LANGUAGES:
        with Image.open(download_of(trust_site.output, lang)) as image:
            pixels.add(image.tobytes())
    assert len(pixels) == 1, "the three languages' downloads differ in their pixels"


def test_a_credit_too_long_for_iim_is_a_warning_naming_file_and_field(tmp_path):
    import shutil

    from tests.conftest import FIXTURES, build_site, empty_content

    content = empty_content(tmp_path)
    bundle = content / "releases/2021/long-credit"
    bundle.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "site/releases/2021/release-with-every-field/landscape.jpg",
                    bundle / "photo.jpg")
    (bundle / "index.md").write_text(
        "---\ntitle: Long credit\ndate: 2021-05-05 10:00 +08:00\ncategory: Press Releases\n"
        "photos:\n  - file: photo.jpg\n    caption: A caption.\n    alt: An alt text.\n"
        "    credit: A photographer with a very long agency name\n---\nText.\n",
        encoding="utf-8")
    # Wide enough that the log handler neither wraps nor shortens the line.
    build = build_site(content, tmp_path / "output", env={"COLUMNS": "1000"})
    assert build.returncode == 0, build.log
    log = " ".join((build.stdout + build.stderr).split())
    assert ("releases/2021/long-credit/index.md: photos[1].credit: 43 bytes in UTF-8, more than "
            "IPTC IIM's 32 — tools that read IIM show it cut: shorten it") in log, build.log


def test_a_photo_without_credit_is_credited_to_the_organisation(fixture_site):
    page = soup(fixture_site.output / "releases/2020/release-with-difficult-photos/index.html")
    href = page.select_one("#photo-1 a.pr-photo__download")["href"]
    tags = tags_of(fixture_site.output / href.lstrip("/"))
    assert (tags.get("IPTC:Credit"), tags.get("XMP-photoshop:Credit")) == (
        "Fixture Organisation Limited", "Fixture Organisation Limited"), tags
