"""No injection: a headline full of markup is text in every file that shows it."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import FIXTURES, build_site, empty_content, soup, text

TITLE = '<script>alert(1)</script> & "AT&T"'
SLUG = "releases/2021/markup-everywhere"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("injection")
    content = empty_content(root)
    bundle = content / SLUG
    bundle.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "site/releases/2021/release-with-every-field/landscape.jpg",
                    bundle / "photo.jpg")
    quoted = TITLE.replace("'", "''")
    (bundle / "index.md").write_text(
        f"---\ntitle: '{quoted}'\nsubtitle: '{quoted}'\nsummary: '{quoted}'\n"
        "date: 2021-05-05 10:00 +08:00\ncategory: Press Releases\n"
        f"tags:\n  - '{quoted}'\nphotos:\n  - file: photo.jpg\n    caption: '{quoted}'\n"
        f"    alt: '{quoted}'\n    credit: '{quoted}'\n---\nA plain body.\n", encoding="utf-8")
    build = build_site(content, root / "output", settings_file="publishconf.py",
                       env={"SITEURL": "https://press.example.org"})
    assert build.returncode == 0, build.log
    return build.output


IIM_SEGMENT = re.compile(rb"\xff\xed(..)Photoshop 3\.0\x00", re.DOTALL)


def without_iim(data: bytes) -> bytes:
    """`data` less every JPEG APP13 (IPTC IIM) segment, wherever it sits (a
    download, or one stored in a ZIP): IIM fields are plain text by definition,
    the caption in them is the caption as written, markup characters included."""
    while (found := IIM_SEGMENT.search(data)) is not None:
        end = found.start() + 2 + int.from_bytes(found.group(1), "big")
        data = data[:found.start()] + data[end:]
    return data


def test_no_file_carries_the_script_as_markup(site):
    carriers = [str(p.relative_to(site)) for p in site.rglob("*")
                if p.is_file() and b"<script>alert(1)" in without_iim(p.read_bytes())]
    assert carriers == [], f"raw <script> in {carriers}"


def test_the_download_carries_the_caption_as_plain_text_in_iim(site):
    [download] = [p for p in (site / SLUG).glob("photo.*.jpg")]
    assert b"<script>alert(1)" in download.read_bytes(), "the IIM caption is not the text"
    assert b"<script>alert(1)" not in without_iim(download.read_bytes())


def test_page_title_heading_and_meta_show_the_text(site):
    page = soup(site / SLUG / "index.html")
    assert text(page.h1) == TITLE
    assert page.title.get_text().startswith(TITLE)
    assert page.select_one('meta[property="og:title"]')["content"] == TITLE
    assert page.select_one('meta[property="og:image:alt"]')["content"] == TITLE
    assert text(page.select_one(".pr-photo__caption")).startswith(f"Photo 1: {TITLE}")


def test_json_ld_parses_and_keeps_the_text(site):
    page = soup(site / SLUG / "index.html")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["headline"] == TITLE


def test_listing_and_feed_show_the_text(site):
    home = soup(site / "index.html")
    assert TITLE in [text(a) for a in home.select(".pr-card__link")]
    feed = ET.parse(site / "feeds/all.atom.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    assert TITLE in [entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")]
