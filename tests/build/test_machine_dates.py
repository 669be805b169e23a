"""Every machine-readable date is strict ISO 8601 / XSD dateTime, with seconds.

Strict parsers (XSD dateTime, many JSON-LD validators) refuse
`2021-11-26T10:00+08:00`: the seconds are not optional there. The pages, the
JSON-LD and the feeds write the same moment the same way, through one formatter.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import soup

# XSD dateTime with a mandatory offset: seconds required, fractions allowed.
XSD_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
RELEASE = "releases/2021/innopark-mars-centre/index.html"
PAGES = [RELEASE, "index.html", "releases/index.html",
         "zh-hant/releases/2021/innopark-mars-centre/index.html", "zh-hans/index.html"]
ATOM = "{http://www.w3.org/2005/Atom}"


def machine_dates(document) -> dict[str, str]:
    """Every machine-readable date of a page: where it is -> what it says."""
    found = {}
    for index, element in enumerate(document.select("time[datetime]")):
        found[f"<time> #{index + 1} ({element.get_text(strip=True)})"] = element["datetime"]
    for name in ("article:published_time", "article:modified_time"):
        for element in document.select(f'meta[property="{name}"]'):
            found[name] = element["content"]
    for script in document.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        for key in ("datePublished", "dateModified"):
            if key in data:
                found[f"JSON-LD {key}"] = data[key]
    for element in document.select("[data-pagefind-sort]"):
        found["data-pagefind-sort"] = element["data-pagefind-sort"].split(":", 1)[1]
    return found


@pytest.mark.parametrize("path", PAGES)
def test_every_machine_date_has_seconds_and_an_offset(real_site, path):
    found = machine_dates(soup(real_site.output / path))
    assert found, f"{path} carries no machine-readable date at all"
    bad = {where: value for where, value in found.items() if not XSD_DATE_TIME.match(value)}
    assert bad == {}, f"{path}: not XSD dateTime (seconds and offset required): {bad}"


def test_the_release_page_and_its_feed_entry_write_the_date_alike(real_site):
    found = machine_dates(soup(real_site.output / RELEASE))
    assert found["JSON-LD datePublished"] == "2021-11-26T10:00:00+08:00", found
    assert found["article:published_time"] == found["JSON-LD datePublished"], found
    dateline = soup(real_site.output / RELEASE).select_one(".pr-dateline time")["datetime"]
    assert dateline == found["JSON-LD datePublished"], found

    feed = ET.parse(real_site.output / "feeds" / "all.atom.xml").getroot()
    published = [entry.findtext(f"{ATOM}published") for entry in feed.iter(f"{ATOM}entry")
                 if "innopark-mars-centre" in (entry.find(f"{ATOM}link").get("href") or "")]
    assert published == [found["JSON-LD datePublished"]], (
        f"the feed writes the release's date as {published}, the page as "
        f"{found['JSON-LD datePublished']}")
