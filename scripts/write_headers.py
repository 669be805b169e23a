"""Write OUTPUT/_headers: response headers for Netlify and Cloudflare Pages.

    python scripts/write_headers.py OUTPUT_DIR [--site-url https://example.org/pressroom]
                                               [--base /pressroom]

Both hosts read `_headers` from the published folder (and never serve it) with
the same syntax: a URL pattern, then indented `Name: value` lines; `*` matches
any characters, slashes included. A request gets the headers of *every* rule
it matches, and a header set by two rules is sent with both values joined by
a comma. So Cache-Control is set only by rules that cannot overlap.

The Cache-Control rules are made from the files that were written, in every
language's folder and under the site's sub-path (the path of `--site-url`, or
`--base`), with the same rule as hosting/nginx/pressroom.conf:

- a name with a content hash (`main.0123456789ab.css`,
  `photo-1-960.0123456789.avif`: 10 to 12 hex digits before the extension)
  is cached for a year, `immutable`;
- any other file but a page (feeds, sitemap, robots.txt, the search index,
  the logo): five minutes;
- HTML pages get no rule: no pattern of these hosts tells `/slug/` from
  `/slug/photo.jpg` on both hosts alike, and both already send pages with
  `max-age=0, must-revalidate` (always fresh, revalidated by ETag).

Rules are as broad as the written files allow: a folder whose files are all of
one kind gets one rule (`/theme/*`, `/feeds/*`); otherwise one rule per file
type whose files under it are all hashed (`/releases/*.avif`,
`/zh-hant/*.jpg`), and single files for the rest. Cloudflare Pages reads at
most 100 rules: the script warns beyond that.

The security headers go to every response (`/*`). The values below are the
single source of truth: hosting/nginx/pressroom.conf sends the same ones and
tests/hosting/test_nginx.py checks that both hosts' caching agrees file by file.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

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

# A content hash: 10 to 12 hex digits between the name and the extension
# (nginx's `map $uri $pressroom_cache_control` uses the same expression).
HASHED_NAME = re.compile(r"\.[0-9a-f]{10,12}\.[A-Za-z0-9]+$")
# Served in place of their base file, never asked for by their own name.
COMPRESSED_SIBLINGS = (".gz", ".br")
MAX_CLOUDFLARE_RULES = 100

IMMUTABLE_KIND, SHORT_KIND, PAGE_KIND = "immutable", "short", "page"
CACHE_CONTROL = {IMMUTABLE_KIND: IMMUTABLE, SHORT_KIND: SHORT}


def kind(name: str) -> str:
    """How long a file may be cached: decided by its name, as nginx does."""
    if HASHED_NAME.search(name):
        return IMMUTABLE_KIND
    return PAGE_KIND if name.endswith(".html") else SHORT_KIND


def published_files(output: Path) -> list[str]:
    """Every file a host serves by its own name, as a path relative to OUTPUT."""
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*")
                  if p.is_file() and p.name != "_headers"
                  and not p.name.endswith(COMPRESSED_SIBLINGS))


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1] if "." in name.rsplit("/", 1)[-1] else ""


def cache_rules(files: list[str]) -> list[tuple[str, str]]:
    """(URL pattern without the base, kind) for every non-page file, no two
    rules matching one file."""
    rules: list[tuple[str, str]] = []

    def visit(folder: str, inherited: frozenset):
        prefix = f"{folder}/" if folder else ""
        under = [f for f in files if f.startswith(prefix)]
        # Files a rule of an enclosing folder already covers (`/zh-hant/*.jpg`).
        covered = {f for f in under if kind(f) == IMMUTABLE_KIND and extension(f) in inherited}
        if folder:
            kinds = {kind(f) for f in under}
            if kinds == {SHORT_KIND} or (kinds == {IMMUTABLE_KIND} and not covered):
                rules.append((f"/{prefix}*", kinds.pop()))
                return
        handled = set(inherited)
        if folder:  # the root's `/*` is the security headers' rule
            for ext in sorted({extension(f) for f in under if f not in covered
                               and kind(f) == IMMUTABLE_KIND}):
                if ext and all(kind(f) == IMMUTABLE_KIND for f in under if extension(f) == ext):
                    rules.append((f"/{prefix}*.{ext}", IMMUTABLE_KIND))
                    handled.add(ext)
        direct = [f for f in under if "/" not in f[len(prefix):]]
        for name in direct:
            file_kind = kind(name)
            if file_kind == PAGE_KIND or (file_kind == IMMUTABLE_KIND
                                          and extension(name) in handled):
                continue
            rules.append((f"/{name}", file_kind))
        subfolders = sorted({f[len(prefix):].split("/", 1)[0] for f in under
                             if "/" in f[len(prefix):]})
        for sub in subfolders:
            visit(f"{prefix}{sub}", frozenset(handled))

    visit("", frozenset())
    return rules


def headers_file(rules: list[tuple[str, str]], base: str = "") -> str:
    """The text of `_headers` for a site served at `base` ("" or "/path")."""
    def block(pattern: str, headers: dict[str, str]) -> list[str]:
        return [base + pattern, *(f"  {name}: {value}" for name, value in headers.items()), ""]

    lines = ["# Written by scripts/write_headers.py from the files of this build: edit that",
             "# script, not this file. Netlify / Cloudflare Pages response headers.", ""]
    lines += block("/*", SECURITY_HEADERS)
    for pattern, file_kind in rules:
        lines += block(pattern, {"Cache-Control": CACHE_CONTROL[file_kind]})
    return "\n".join(lines)


def base_path(site_url: str, base: str) -> str:
    path = base or urlsplit(site_url).path
    return "/" + path.strip("/") if path.strip("/") else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the built site (output/)")
    parser.add_argument("--site-url", default="",
                        help="the SITEURL it was built for; its path is where the host serves it")
    parser.add_argument("--base", default="",
                        help="URL path the host serves the site under, e.g. /pressroom "
                             "(instead of --site-url's path)")
    args = parser.parse_args(argv)
    if not (args.output / "index.html").is_file():
        print(f"write_headers: {args.output} has no index.html: build the site first",
              file=sys.stderr)
        return 1
    rules = cache_rules(published_files(args.output))
    base = base_path(args.site_url, args.base)
    (args.output / "_headers").write_text(headers_file(rules, base), encoding="utf-8")
    count = len(rules) + 1
    print(f"write_headers: wrote {args.output / '_headers'} ({count} rules"
          + (f" under {base}/" if base else "") + ")")
    if count > MAX_CLOUDFLARE_RULES:
        print(f"write_headers: warning: {count} rules; Cloudflare Pages reads the first "
              f"{MAX_CLOUDFLARE_RULES} only", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
