"""Every PRESS_ROOM_* setting and its default, in one place.

pelicanconf.py overrides any of these; nothing else in the plugin hard-codes
a value that a site might want to change.
"""

DEFAULTS = {
    # True in publishconf.py: embargoed and draft releases leave no trace.
    # False (preview): they are shown with a banner and noindex.
    "PRESS_ROOM_PUBLISH": False,
    # The build's "now" for embargoes (e.g. "2021-11-26 10:00 +08:00"); the
    # PRESS_ROOM_NOW environment variable wins; empty: the real clock.
    "PRESS_ROOM_NOW": "",
    # Atom feeds: every release, and one per category.
    "PRESS_ROOM_FEED_ALL": "feeds/all.atom.xml",
    "PRESS_ROOM_FEED_CATEGORY": "feeds/category/{slug}.atom.xml",
    # The same feeds as JSON Feed 1.1 (trust/json_feed.py): same entries.
    "PRESS_ROOM_JSON_FEED_ALL": "feeds/all.json",
    "PRESS_ROOM_JSON_FEED_CATEGORY": "feeds/category/{slug}.json",
    # Entries per feed, newest first.
    "PRESS_ROOM_FEED_MAX_ENTRIES": 50,
    # Written at the output's root; "" writes none. (Crawlers read robots.txt
    # only at a host's root: under a sub-path, the host's own must name the sitemap.)
    "PRESS_ROOM_SITEMAP": "sitemap.xml",
    "PRESS_ROOM_ROBOTS": "robots.txt",
    # The Google News sitemap (trust/news_sitemap.py): releases of the last
    # PRESS_ROOM_NEWS_SITEMAP_DAYS days (Google asks for two); "" writes none.
    "PRESS_ROOM_NEWS_SITEMAP": "news-sitemap.xml",
    "PRESS_ROOM_NEWS_SITEMAP_DAYS": 2,
    # Site-wide data (organisation, contacts, boilerplates, categories),
    # relative to Pelican's PATH.
    "PRESS_ROOM_DATA_FILE": "data/site.yml",
    # A release file larger than this is refused unread (a pasted image, a
    # runaway export): no press release is a megabyte of text.
    "PRESS_ROOM_MAX_RELEASE_BYTES": 1_000_000,
    # Languages a release may be written in; the first is the default and
    # owns the root URL space, the others live under /<code>/.
    "PRESS_ROOM_LANGUAGES": ("en", "zh-hant", "zh-hans"),
    # How each language is written: <html lang>/hreflang (BCP 47; zh-Hant-HK
    # because the Traditional text is Hong Kong usage), its own name for the
    # language switch, the Babel locale (dates, catalogs), Open Graph locale.
    "PRESS_ROOM_LANGUAGE_INFO": {
        "en": {"html": "en", "label": "English", "babel": "en_GB", "og_locale": "en_GB"},
        "zh-hant": {"html": "zh-Hant-HK", "label": "繁體中文", "babel": "zh_Hant_HK",
                    "og_locale": "zh_HK"},
        "zh-hans": {"html": "zh-Hans", "label": "简体中文", "babel": "zh_Hans_CN",
                    "og_locale": "zh_CN"},
    },
    # A release with a Traditional Chinese text but no Simplified one gets a
    # Simplified version converted by OpenCC (marked as converted on the page).
    # Off by default: the communications team signs off every published word,
    # and a machine conversion should be their explicit choice.
    "PRESS_ROOM_CONVERT_SIMPLIFIED": False,
    # Photo renditions: widths in pixels (never upscaled), formats in order of
    # preference for <picture> (AVIF is skipped where Pillow cannot write it;
    # JPEG is always made: it is the fallback every browser reads).
    "PRESS_ROOM_PHOTO_WIDTHS": (480, 960, 1600, 2400),
    "PRESS_ROOM_PHOTO_FORMATS": ("avif", "webp", "jpeg"),
    "PRESS_ROOM_PHOTO_QUALITY": {"avif": 60, "webp": 80, "jpeg": 82},
    # The lead photo's crops for search engines' article images (JSON-LD).
    "PRESS_ROOM_CROP_RATIOS": ((16, 9), (4, 3), (1, 1)),
    "PRESS_ROOM_CROP_WIDTH": 1200,
    # The organisation's sharing card (the logo, rasterised): the og:image of
    # pages without a photo of their own. 1.91:1, as social networks ask.
    "PRESS_ROOM_CARD_SIZE": (1200, 630),
    # Larger photos are refused before decoding (decompression bombs).
    "PRESS_ROOM_PHOTO_MAX_PIXELS": 100_000_000,
    # Encoding processes; None: one per core.
    "PRESS_ROOM_PHOTO_WORKERS": None,
    # Page-rendering processes (parallel_render.py); None: one per core.
    "PRESS_ROOM_RENDER_WORKERS": None,
    # The high-resolution download: original pixels, upright, sRGB, JPEG,
    # longest side capped, caption/credit/copyright embedded as XMP.
    "PRESS_ROOM_DOWNLOAD_MAX_SIDE": 4000,
    "PRESS_ROOM_DOWNLOAD_JPEG_QUALITY": 90,
    # The download's JPEG density: at 300 dpi a layout program places a
    # 4000 px photo at 34 cm wide (print); web renditions say 72 dpi.
    "PRESS_ROOM_DOWNLOAD_DPI": 300,
    # Encoded photos survive `make clean`: re-encoding is the slowest step.
    "PRESS_ROOM_CACHE_PATH": ".cache/press-room",
    # Theme files published under a content-hashed name (cacheable forever).
    # CSS @import lines are inlined so the page makes one stylesheet request.
    "PRESS_ROOM_ASSETS": ("css/main.css", "images/favicon.svg", "js/search.js"),
    # The site's minisign public key (base64, "RW…"), shown on the Verify a
    # release page. A publish signing with PRESS_ROOM_SIGNING_KEY (an
    # environment variable naming the secret key file) refuses a key whose
    # public key differs; left empty, the signing key's own is shown.
    "PRESS_ROOM_PUBLIC_KEY": "",
    # Index the written site with Pagefind for the search page (search_index.py).
    "PRESS_ROOM_SEARCH": True,
}


def apply_defaults(pelican):
    """Fill in every PRESS_ROOM_* setting that pelicanconf.py left out."""
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)
