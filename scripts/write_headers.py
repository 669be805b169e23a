"""Write OUTPUT/_headers: response headers for Netlify and Cloudflare Pages.

    python scripts/write_headers.py OUTPUT_DIR [--base /pressroom]

Both hosts read `_headers` from the published folder (and never serve it) with
the same syntax: a URL pattern, then indented `Name: value` lines. A request
gets the headers of *every* rule it matches, and a header set by two rules is
sent with both values joined by a comma. So Cache-Control is set only by rules
that cannot overlap:

- every file under /theme/ and every photo, download and ZIP under /releases/
  carries a content hash in its name (`main.0123456789ab.css`,
  `photo-1-960.0123456789.avif`): cached for a year, `immutable`;
- feeds, sitemap, robots.txt and the search index: five minutes;
- HTML pages (directory URLs such as /releases/2021/slug/) get no rule of
  their own: no pattern of these hosts tells `/slug/` from `/slug/photo.jpg`
  on both hosts alike, and both already send pages with
  `max-age=0, must-revalidate` (always fresh, revalidated by ETag).

The security headers go to every response (`/*`). The values below are the
single source of truth: hosting/nginx/pressroom.conf sends the same ones and
tests/hosting/test_nginx.py checks that it does.

Before writing, the script checks the promise the immutable rules make: a file
they cover whose name carries no hash would be cached for a year under a name
that a rebuild reuses, so it stops with an error naming the file.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

# The pages' <meta> CSP (theme/templates/base.html), plus frame-ancestors,
# which only a header can carry.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
}
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"

# A content hash: 10 to 12 hex digits between the name and the extension.
HASHED_NAME = re.compile(r"\.[0-9a-f]{10,12}\.[A-Za-z0-9]+$")
# Published media under /releases/ (see plugins/press_room/generator.py).
RELEASE_MEDIA = ("avif", "webp", "jpg", "png", "zip")

IMMUTABLE_PATTERNS = ["/theme/*", *(f"/releases/*.{ext}" for ext in RELEASE_MEDIA)]
SHORT_PATTERNS = ["/feeds/*", "/sitemap.xml", "/news-sitemap.xml", "/robots.txt", "/pagefind/*"]


def unhashed_immutable_files(output: Path) -> list[str]:
    """Files the immutable rules cover whose names carry no content hash."""
    covered = [p for p in (output / "theme").rglob("*") if p.is_file()]
    covered += [p for ext in RELEASE_MEDIA for p in (output / "releases").rglob(f"*.{ext}")]
    # .gz/.br siblings (scripts/precompress.py) end in the compression suffix:
    # they are served in place of their hashed base file, never by their own name.
    return sorted(str(p.relative_to(output)) for p in covered
                  if p.suffix not in (".gz", ".br") and not HASHED_NAME.search(p.name))


def headers_file(base: str = "") -> str:
    """The text of `_headers` for a site served at `base` ("" or "/path")."""
    def block(pattern: str, headers: dict[str, str]) -> list[str]:
        return [base + pattern, *(f"  {name}: {value}" for name, value in headers.items()), ""]

    lines = ["# Written by scripts/write_headers.py: edit that script, not this file.",
             "# Netlify / Cloudflare Pages response headers; see the script for the rules.", ""]
    lines += block("/*", SECURITY_HEADERS)
    for pattern in IMMUTABLE_PATTERNS:
        lines += block(pattern, {"Cache-Control": IMMUTABLE})
    for pattern in SHORT_PATTERNS:
        lines += block(pattern, {"Cache-Control": SHORT})
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the built site (output/)")
    parser.add_argument("--base", default="",
                        help="URL path the host serves the site under, e.g. /pressroom")
    args = parser.parse_args(argv)
    if not (args.output / "index.html").is_file():
        print(f"write_headers: {args.output} has no index.html: build the site first",
              file=sys.stderr)
        return 1
    unhashed = unhashed_immutable_files(args.output)
    if unhashed:
        print("write_headers: these files would be cached for a year but carry no content "
              "hash in their names:\n  " + "\n  ".join(unhashed), file=sys.stderr)
        return 1
    base = "/" + args.base.strip("/") if args.base.strip("/") else ""
    (args.output / "_headers").write_text(headers_file(base), encoding="utf-8")
    print(f"write_headers: wrote {args.output / '_headers'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
