"""Internal link check over a built output folder: every link to the site names a file in it.

A press room's links are its promise to journalists (a photo download, the
press kit, a permalink), so `make publish` refuses an output in which one of
them points at nothing. Only the site's own links are checked, from the files
alone: no server, no network, no third party.

Run it over a build (the plugin folder must be importable):

    PYTHONPATH=plugins python -m press_room.link_check output
    PYTHONPATH=plugins python -m press_room.link_check output \
        --site-url https://example.org/pressroom

It prints one line per broken link and exits 1, or prints a one-line summary and exits 0.
"""

from __future__ import annotations

import argparse
import posixpath
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes whose whole value is one URL. `srcset` holds several and is split
# below; `<meta content>` is a URL only for og:image.
URL_ATTRIBUTES = ("href", "src", "poster")


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset ("a.jpg 480w, b.jpg 960w"): each candidate's first word.

    A URL may itself contain commas, so candidates are not split on every
    comma: as in the HTML spec, the URL runs to the next whitespace, and only
    then does the descriptor run to the next comma.
    """
    urls, position = [], 0
    while position < len(value):
        while position < len(value) and (value[position].isspace() or value[position] == ","):
            position += 1
        start = position
        while position < len(value) and not value[position].isspace():
            position += 1
        url = value[start:position]
        if url.endswith(","):  # "a.jpg, b.jpg": no descriptor, the comma ends the candidate
            url = url.rstrip(",")
        else:
            position = value.find(",", position)
            position = len(value) if position < 0 else position + 1
        if url:
            urls.append(url)
    return urls


class _LinkCollector(HTMLParser):
    """(attribute, url) for every link on one page, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)  # attribute values arrive unescaped (&amp; -> &)
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in URL_ATTRIBUTES:
            if attributes.get(name) is not None:
                self.links.append((name, attributes[name]))
        if attributes.get("srcset") is not None:
            self.links += [("srcset", url) for url in srcset_urls(attributes["srcset"])]
        if tag == "meta" and attributes.get("property") == "og:image" and attributes.get("content"):
            self.links.append(("content", attributes["content"]))

    handle_startendtag = handle_starttag


# What a URL aiming outside the site resolves to: never a file in the output.
OUTSIDE = "../"


def target_file(url: str, page: str, site_url: str = "") -> str | None:
    """The output file a link on `page` names ("releases/2021/x/index.html"); None if not ours.

    `page` is the linking page's path in the output; `site_url` the SITEURL the
    site was built with. A URL aiming at this host but outside the site gives
    OUTSIDE: under a sub-path SITEURL, a root-relative "/releases/" escapes to
    the host's root, which is exactly the mistake this check is for.
    """
    parts = urlsplit(url.strip())
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None  # mailto:, tel:, data:, javascript:: not a file on this site
    site = urlsplit(site_url)
    prefix = site.path.rstrip("/")  # "/pressroom", or "" for a site at the host's root
    path = parts.path
    if parts.netloc:  # absolute or scheme-relative ("//host/x"): ours only under site_url
        if not site_url or parts.netloc.lower() != site.netloc.lower():
            return None
        path = path or "/"  # "https://example.org" is the host's root
        if path != prefix and not path.startswith(prefix + "/"):
            return None  # the organisation's other pages on the same host
    if not path:
        return None  # "#photo-2", "?page=2", "": this very page
    if not path.startswith("/"):  # page-relative: from the page's folder, as served
        path = posixpath.join(prefix + "/" + posixpath.dirname(page), path)
    path = unquote(path)  # percent-decoded, as the host reads it
    # A URL ending in a slash (or in "/." or "/..", which resolve to folders)
    # names the folder's index.html, as every static host serves it. A folder
    # URL without its slash ("releases/2021/x") names no file: some hosts
    # redirect it, others (an object store's REST endpoint) answer 404.
    folder = path.endswith(("/", "/.", "/.."))
    # normpath stops ".." at the host's root, as browsers do; under a sub-path
    # that root is outside the site.
    path = posixpath.normpath(path) + ("/" if folder else "")
    if not path.startswith(prefix + "/"):
        return OUTSIDE
    path = path[len(prefix):].strip("/")
    return posixpath.join(path, "index.html") if folder else path


def _check(output_dir: Path, site_url: str) -> tuple[int, int, list[str]]:
    """(pages, internal links checked, broken-link lines) for a built output folder."""
    pages = sorted(output_dir.rglob("*.html"))
    checked, broken = 0, set()
    for page_file in pages:
        page = page_file.relative_to(output_dir).as_posix()
        collector = _LinkCollector()
        collector.feed(page_file.read_text(encoding="utf-8"))
        collector.close()
        for attribute, url in collector.links:
            target = target_file(url, page, site_url)
            if target is None:
                continue
            checked += 1
            if target == OUTSIDE or not (output_dir / target).is_file():
                broken.add(f"{page}: {attribute} {url} → no such file")
    return len(pages), checked, sorted(broken)


def broken_links(output_dir: str, site_url: str = "") -> list[str]:
    """One line per internal link of `output_dir`'s HTML pages that names no file, sorted.

    `site_url` is the SITEURL the site was built with ("" for a preview): absolute
    links under it are the site's own, and its path (https://example.org/pressroom)
    is where the output folder is served, so root-relative links must start with it.
    """
    return _check(Path(output_dir), site_url)[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m press_room.link_check",
        description="Check that every internal link of a built site names a file in it.")
    parser.add_argument("output", help="the built output folder")
    parser.add_argument("--site-url", default="",
                        help="the SITEURL it was built with (default: '', a preview build)")
    arguments = parser.parse_args(argv)
    output_dir = Path(arguments.output)
    if not output_dir.is_dir():
        parser.error(f"{output_dir}: no such folder (build the site first)")
    pages, checked, broken = _check(output_dir, arguments.site_url)
    for line in broken:
        print(line)
    if broken:
        print(f"{pages} pages, {checked} links checked, {len(broken)} broken", file=sys.stderr)
        return 1
    if not checked:
        # Every link looked external: a pass would be hollow.
        print(f"{pages} pages, no internal link found: is --site-url the SITEURL "
              "the site was built with?", file=sys.stderr)
        return 1
    print(f"{pages} pages, {checked} links checked, none broken")
    return 0


if __name__ == "__main__":
    sys.exit(main())
