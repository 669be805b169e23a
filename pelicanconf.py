"""Press room settings for a local preview (`make html`, `make devserver`).

publishconf.py imports everything from here and overrides what differs for
the public site. Press-room settings (PRESS_ROOM_*) have their defaults in
plugins/press_room/settings.py; override them here.
"""

import os
import sys

# Pelican builds with the class PELICAN_CLASS names, importing its package
# before it loads any plugin: the plugins folder must be importable from here
# (Pelican then reuses that module as the plugin, one copy of it).
_plugins_folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins")
if _plugins_folder not in sys.path:
    sys.path.insert(0, _plugins_folder)
# A build whose inputs did not change does nothing (see the README, "Caches and speed").
PELICAN_CLASS = "press_room.PressRoomPelican"

SITENAME = "HKSTP Press Room"
SITEURL = ""
TIMEZONE = "Asia/Hong_Kong"
DEFAULT_LANG = "en"

PATH = "content"
ARTICLE_PATHS = ["releases"]
PAGE_PATHS = []  # releases only, for now
# Photos are published by the press_room plugin (renditions, no EXIF), never
# copied as they are: only the organisation's logo is static.
STATIC_PATHS = ["images"]
READERS = {"html": None, "rst": None}

THEME = "theme"
THEME_STATIC_PATHS = []  # theme assets are published content-hashed by the plugin

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["press_room"]

# Templates escape every value unless it is marked safe (release bodies are
# rendered HTML; everything from front matter is text).
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True,
                     "extensions": ["jinja2.ext.i18n"]}

MARKDOWN = {
    "extensions": ["markdown.extensions.extra", "markdown.extensions.sane_lists"],
    "output_format": "html5",
}

# Clean, permanent URLs: a folder with index.html per page.
ARTICLE_URL = "releases/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "releases/{date:%Y}/{slug}/index.html"
DRAFT_URL = "drafts/releases/{date:%Y}/{slug}/"
DRAFT_SAVE_AS = "drafts/releases/{date:%Y}/{slug}/index.html"
# Translations are the files of one release folder (the reader sets `bundle`),
# and live under their language.
ARTICLE_TRANSLATION_ID = "bundle"
ARTICLE_LANG_URL = "{lang}/releases/{date:%Y}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/releases/{date:%Y}/{slug}/index.html"
DRAFT_LANG_URL = "drafts/{lang}/releases/{date:%Y}/{slug}/"
DRAFT_LANG_SAVE_AS = "drafts/{lang}/releases/{date:%Y}/{slug}/index.html"
CATEGORY_URL = "releases/category/{slug}/"
CATEGORY_SAVE_AS = "releases/category/{slug}/index.html"
TAG_URL = "releases/tag/{slug}/"
TAG_SAVE_AS = "releases/tag/{slug}/index.html"

# Archive pages: all releases, one page per year, the tag index, search, 404,
# "Use of photos" (the usage terms every download links to) and "Verify a
# release" (the public key and how to check a signed release).
DIRECT_TEMPLATES = ["index", "archives", "tags", "search", "404", "photo_use", "verify"]
ARCHIVES_URL = "releases/"
ARCHIVES_SAVE_AS = "releases/index.html"
YEAR_ARCHIVE_URL = "releases/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "releases/{date:%Y}/index.html"
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
TAGS_URL = "releases/tags/"
TAGS_SAVE_AS = "releases/tags/index.html"
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
PHOTO_USE_URL = "use-of-photos/"
PHOTO_USE_SAVE_AS = "use-of-photos/index.html"
# "Verify a release": the public key and how to check a signed release.
VERIFY_URL = "verify/"
VERIFY_SAVE_AS = "verify/index.html"
# 404.html (Pelican's default name for the "404" template) is what hosts
# serve for a missing path: nginx `error_page`, GitHub Pages, S3.

# No author pages or category index: a press room has one author, and the
# categories are in every page's navigation.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""

DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"index": None, "archives": None, "period_archives": None,
                       "tag": None, "category": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Feeds arrive with the archive work; none are written yet.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Same input, same output: no build timestamps in pages.
DEFAULT_DATE = None
OUTPUT_SOURCES = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
