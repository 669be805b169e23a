"""`make new`: start a release bundle that builds, so a writer never copies
a folder by hand.

    python -m press_room.authoring.new_release --title "…" [--date "2026-12-03 10:00"]
        [--category "…"] [--langs en,zh-hant,zh-hans] [--photos FOLDER] [--slug …]

Writes content/releases/<year>/<slug>/ with one file per language (valid
front matter: title, date, category, photos, contacts) and the photos,
copied in the order they were taken, with the caption, credit and copyright
the photographer embedded in them. What only a person can write (each
photo's alt text, a caption the photo lacks, the release text) is marked
"TO WRITE" (placeholders.py): the preview builds, every build and `make check`
list what is left, and a public build refuses to publish it. The date
defaults to the next full hour in the site's time zone, so a new release
starts under embargo. It refuses, changing nothing, a folder that exists, an
unknown category or language (naming the nearest), a date it cannot read,
and a file in the photo folder that is not a photo.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from datetime import datetime, timedelta


from .. import embargo, site_data
from ..dates import DateError, as_written, in_site_time, parse_release_date
from ..frontmatter import load_yaml
from ..languages import languages
from ..parsing import parse_release
from ..placeholders import MARK
from ..schema import SLUG_PATTERN
from . import photo_facts
from .check import load_settings
from .slugs import slug_from_title
from ..suggestions import did_you_mean

PREVIEW_ROOT = "http://127.0.0.1:8000/"
ALT_TO_WRITE = f"{MARK} — describe the photo for screen readers"
CAPTION_TO_WRITE = f"{MARK} — the caption printed with the photo"
BODY_TO_WRITE = (f"{MARK} — the release text. Start with the news in one paragraph; use ## for "
                 "section headings.\n")


class Refusal(Exception):
    """`make new` will not write the bundle; the message says why and what to do."""


def next_full_hour(now: datetime, timezone: str) -> datetime:
    local = in_site_time(now, timezone)
    return (local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1))


def yaml_scalar(value: str) -> str:
    """`value` as front matter reads it back exactly: plain where YAML keeps
    it as typed, double-quoted (JSON escapes are YAML's too) otherwise."""
    try:
        if load_yaml(f"v: {value}") == {"v": value} and value == value.strip():
            return value
    except ValueError:
        pass
    return json.dumps(value, ensure_ascii=False)


def _choose(value: str, choices, what: str, setting: str) -> str:
    if value in choices:
        return value
    meant = did_you_mean(value, choices)
    raise Refusal(f'{setting} "{value}" is not {what} —'
                  + (f"{meant} Use one of: " if meant else " use one of: ") + ", ".join(choices))


def _photos(folder: str | None, max_pixels: int) -> list[photo_facts.PhotoFacts]:
    if not folder:
        return []
    if not os.path.isdir(folder):
        raise Refusal(f"PHOTOS {folder}: no such folder — give the folder the photos are in")
    facts, refused = [], []
    # Hidden files (.DS_Store, ._IMG_0001.JPG) are the operating system's, not photos.
    for name in sorted(n for n in os.listdir(folder) if not n.startswith(".")):
        path = os.path.join(folder, name)
        if os.path.isdir(path):
            refused.append(f"{name} is a folder — put the photos themselves in {folder}")
            continue
        try:
            facts.append(photo_facts.read(path, max_pixels))
        except photo_facts.NotAPhoto as problem:
            refused.append(str(problem))
    if refused:
        raise Refusal("PHOTOS: " + "; ".join(refused))
    if not facts:
        raise Refusal(f"PHOTOS {folder} has no photos in it — add them, or leave PHOTOS out")
    return photo_facts.in_capture_order(facts)


def front_matter(*, title, date, category, photos, contacts) -> str:
    lines = ["---", f"title: {yaml_scalar(title)}", f"date: {as_written(date)}",
             f"category: {yaml_scalar(category)}"]
    if photos:
        lines.append("photos:")
        for photo in photos:
            embedded = photo.embedded
            lines.append(f"  - file: {yaml_scalar(photo.name)}")
            lines.append(f"    caption: {yaml_scalar(embedded.caption or CAPTION_TO_WRITE)}")
            lines.append(f"    alt: {yaml_scalar(ALT_TO_WRITE)}")
            if embedded.credit:
                lines.append(f"    credit: {yaml_scalar(embedded.credit)}")
            if embedded.copyright:
                lines.append(f"    copyright: {yaml_scalar(embedded.copyright)}")
    if contacts:
        lines.append("contacts: [" + ", ".join(contacts) + "]")
    lines.append("---")
    return "\n".join(lines) + "\n"


def create(*, title: str, content: str = "content", settings_file: str = "pelicanconf.py",
           date: str | None = None, category: str | None = None, langs: str | None = None,
           photos: str | None = None, slug: str | None = None) -> dict:
    """Write the bundle; returns what was done (for the report). Raises Refusal."""
    if not os.path.isdir(content):
        raise Refusal(f"{content}: no such folder — run make new from the repository")
    settings = load_settings(content, settings_file)
    site, problems = site_data.load(os.path.join(settings["PATH"],
                                                 settings["PRESS_ROOM_DATA_FILE"]), content)
    if site is None or problems:
        raise Refusal("the site data has problems — run make check and fix them first")
    settings["PRESS_ROOM_SITE"] = site
    timezone = settings["TIMEZONE"]

    title = " ".join((title or "").split())
    if not title:
        raise Refusal('TITLE is empty — give the headline: make new TITLE="…"')
    if date:
        try:
            moment = parse_release_date(date, timezone)
        except DateError as error:
            raise Refusal(f"DATE {error}") from None
    else:
        moment = next_full_hour(embargo.build_now(settings), timezone)
    category = _choose(category or site.categories[0], list(site.categories),
                       "a configured category", "CATEGORY")
    codes = list(settings["PRESS_ROOM_LANGUAGES"])
    wanted = [code.strip() for code in (langs or codes[0]).split(",") if code.strip()]
    wanted = [_choose(code, codes, "a configured language", "LANGS") for code in wanted]
    wanted = sorted(set(wanted), key=codes.index)
    slug = slug or slug_from_title(title)
    if not SLUG_PATTERN.match(slug or ""):
        raise Refusal(f'cannot make a URL name from "{title}" — give one: SLUG=lower-case-words'
                      if not slug else
                      f'SLUG "{slug}" is not a valid slug — use lower-case letters, digits '
                      "and hyphens")
    year = f"{in_site_time(moment, timezone):%Y}"
    bundle = os.path.join(content, "releases", year, slug)
    if os.path.lexists(bundle):
        raise Refusal(f"{bundle} already exists — choose another title, or give the release "
                      "another URL name: SLUG=…")
    pictures = _photos(photos, settings["PRESS_ROOM_PHOTO_MAX_PIXELS"])

    contacts = list(site.contacts)[:1]
    matter = front_matter(title=title, date=moment, category=category, photos=pictures,
                          contacts=contacts)
    os.makedirs(bundle)
    try:
        for photo in pictures:
            shutil.copy2(photo.path, os.path.join(bundle, photo.name))
        files = []
        for code in wanted:
            name = "index.md" if code == codes[0] else f"index.{code}.md"
            with open(os.path.join(bundle, name), "w", encoding="utf-8", newline="\n") as out:
                out.write(matter + BODY_TO_WRITE)
            files.append(name)
        # The bundle must pass the build's own checks; if not, nothing stays.
        for name in files:
            parsed = parse_release(os.path.join(bundle, name), settings)
            if parsed.problems:
                raise Refusal("the new release would not build: "
                              + "; ".join(str(p) for p in parsed.problems))
    except BaseException:
        shutil.rmtree(bundle, ignore_errors=True)
        raise
    now = embargo.build_now(settings)
    table = languages(settings)
    urls = []
    for code in wanted:
        key = "ARTICLE_URL" if code == codes[0] else "ARTICLE_LANG_URL"
        urls.append(PREVIEW_ROOT + settings[key].format(date=in_site_time(moment, timezone),
                                                        slug=slug, lang=code))
    return {"bundle": bundle, "files": files, "photos": pictures, "date": moment,
            "embargoed": moment > now, "urls": urls, "timezone": timezone,
            "languages": [table[code].label for code in wanted]}


def describe(result: dict) -> str:
    photos = result["photos"]
    lines = [f"Created {result['bundle']}/",
             f"  text: {', '.join(result['files'])} ({', '.join(result['languages'])})"]
    if photos:
        lines.append(f"  photos, in the order they were taken: "
                     + ", ".join(p.name for p in photos))
        captions = sum(1 for p in photos if p.embedded.caption)
        lines.append(f"  captions taken from the photos: {captions} of {len(photos)}; "
                     f"credits: {sum(1 for p in photos if p.embedded.credit)}; "
                     f"copyright notices: {sum(1 for p in photos if p.embedded.copyright)}")
    when = f"{in_site_time(result['date'], result['timezone']):%-d %b %Y, %H:%M %Z}"
    if result["embargoed"]:
        lines.append(f"Embargo: under embargo until {when} — the preview shows it with a "
                     "banner; make publish leaves no trace of it until then.")
    else:
        lines.append(f"Embargo: none — dated {when}, in the past: the next make publish "
                     "publishes it.")
    lines.append("Preview: make serve, then open")
    lines += [f"  {url}" for url in result["urls"]]
    per_file = sum(1 if p.embedded.caption else 2 for p in photos) + 1
    lines.append(f'Still to write: the text marked "{MARK}" ({per_file} in each file); '
                 "make check lists them, and a public build refuses a release that still has "
                 "one.")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="make new",
        description="Start a release: content/releases/<year>/<slug>/ with a file per "
                    "language and the photos, ready to preview. Refuses (changing nothing) a "
                    "folder that exists, an unknown category or language, a date it cannot "
                    "read, or a file that is not a photo.")
    parser.add_argument("--title", required=True, help="the headline (TITLE=…)")
    parser.add_argument("--date", help='publication time, e.g. "2026-12-03 10:00" (the site\'s '
                        "time zone unless an offset is given); default: the next full hour, "
                        "so the release starts under embargo")
    parser.add_argument("--category", help="one of the site's categories; default: the first")
    parser.add_argument("--langs", help="languages to write, e.g. en,zh-hant,zh-hans; "
                        "default: the site's default language")
    parser.add_argument("--photos", help="a folder of photos (JPEG, PNG, WebP, TIFF, GIF, "
                        "HEIC): copied in the order they were taken, captions and credits "
                        "taken from their embedded IPTC/XMP; hidden files are ignored")
    parser.add_argument("--slug", help="the URL name; default: made from the title "
                        "(Chinese in pinyin)")
    parser.add_argument("--content", default="content", help="the content folder")
    parser.add_argument("-s", "--settings", default="pelicanconf.py",
                        help="the Pelican settings file (default: pelicanconf.py)")
    args = parser.parse_args(argv)
    try:
        result = create(title=args.title, content=args.content, settings_file=args.settings,
                        date=args.date, category=args.category, langs=args.langs,
                        photos=args.photos, slug=args.slug)
    except Refusal as refusal:
        print(f"make new: {refusal}", file=sys.stderr)
        return 2
    print(describe(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
