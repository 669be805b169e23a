"""Photos as a phone and a journalist meet them, in Debian's Chromium."""

from __future__ import annotations

import re
import zipfile

from tests.browser.test_release_journey import RELEASE_PATH, open_site_page


def test_phone_loads_a_lead_rendition_no_wider_than_960(page, site_server, browser_errors):
    page.set_viewport_size({"width": 390, "height": 844})
    open_site_page(page, site_server, RELEASE_PATH)
    lead = page.locator("figure.pr-photo--lead img")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=lead.element_handle())
    chosen = lead.evaluate("img => img.currentSrc")
    width = int(re.search(r"-(\d+)\.[0-9a-f]{10}\.(avif|webp|jpg)$", chosen).group(1))
    assert width <= 960, f"a 390 px phone loaded {chosen} ({width} px wide)"
    assert chosen.endswith(".avif"), f"Chromium reads AVIF, yet got {chosen}"
    browser_errors.assert_none(RELEASE_PATH)


def test_download_all_photos_gives_the_zip(page, site_server, tmp_path, browser_errors):
    open_site_page(page, site_server, RELEASE_PATH)
    link = page.locator("a.pr-press-kit__link")
    label = link.inner_text()
    assert re.fullmatch(r"Download all photos \(ZIP, [\d.]+ MB\)", label), label
    with page.expect_download() as caught:
        link.click()
    download = caught.value
    assert download.suggested_filename == "innopark-mars-centre-photos.zip"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with zipfile.ZipFile(saved) as kit:
        names = kit.namelist()
    photos = [n for n in names if n.endswith(".jpg")]
    assert len(photos) == 6 and "captions.txt" in names, names
    browser_errors.assert_none(RELEASE_PATH)
