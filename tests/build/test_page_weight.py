"""Small, fast pages: a weight budget, no third-party requests, cacheable assets."""

from __future__ import annotations

import gzip
import re
from urllib.parse import urlparse

import pytest

from tests.conftest import soup

BUDGET = 30_000  # bytes, gzip-compressed: HTML + CSS + JS of one release page
HASHED = re.compile(r"\.[0-9a-f]{10,12}\.(css|js|svg)$")
PAGES = ["releases/2021/innopark-mars-centre/index.html", "index.html",
         "zh-hant/releases/2021/innopark-mars-centre/index.html", "search/index.html"]


def loaded_assets(document):
    """URLs the browser fetches as the page loads (not links it may follow)."""
    urls = [tag["href"] for tag in document.select('link[rel~="stylesheet"], link[rel~="icon"]')]
    urls += [tag["src"] for tag in document.select("script[src], img[src], iframe[src], source[src]")]
    return urls


@pytest.mark.parametrize("path", PAGES)
def test_page_html_css_js_fit_the_budget(real_site, path):
    output = real_site.output
    html = (output / path).read_bytes()
    document = soup(output / path)
    sizes = {path: len(gzip.compress(html, 9))}
    for url in loaded_assets(document):
        if url.endswith((".css", ".js")):
            asset = output / url.lstrip("/")
            sizes[url] = len(gzip.compress(asset.read_bytes(), 9))
    total = sum(sizes.values())
    assert total <= BUDGET, f"{total} bytes compressed > {BUDGET}: {sizes}"


@pytest.mark.parametrize("path", PAGES)
def test_no_third_party_requests(real_site, path):
    document = soup(real_site.output / path)
    external = [url for url in loaded_assets(document) if urlparse(url).netloc]
    external += [tag.get("href") for tag in document.select('link[rel~="preconnect"], '
                                                            'link[rel~="dns-prefetch"]')]
    assert external == [], f"{path} loads from other hosts: {external}"


@pytest.mark.parametrize("path", PAGES)
def test_css_and_js_names_carry_a_content_hash(real_site, path):
    document = soup(real_site.output / path)
    assets = [u for u in loaded_assets(document) if u.endswith((".css", ".js"))]
    assets += [tag["src"] for tag in document.select('script[type="module"][src]')]
    assert assets, f"{path} loads no stylesheet?"
    unhashed = [u for u in assets if not HASHED.search(u)]
    assert unhashed == [], f"{path}: not content-hashed, cannot be cached for a year: {unhashed}"
