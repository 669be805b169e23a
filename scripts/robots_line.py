"""Say what the host's root robots.txt needs (the end of `make publish`).

    python scripts/robots_line.py OUTPUT_DIR --site-url https://example.org/pressroom

Crawlers read robots.txt only at a host's root (https://example.org/robots.txt);
the one the build writes is read there only when the site is the whole host.
Under a sub-path, its `Sitemap:` line must be added to the host's own
robots.txt: this prints that line, taken from the robots.txt that was written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit


def sitemap_lines(robots: Path) -> list[str]:
    if not robots.is_file():
        return []
    return [line.strip() for line in robots.read_text(encoding="utf-8").splitlines()
            if line.lower().startswith("sitemap:")]


def note(site_url: str, lines: list[str]) -> str:
    parts = urlsplit(site_url)
    if not lines:
        return ("robots.txt: no Sitemap line was written (SITEURL is not an absolute "
                "http(s) address): build with SITEURL=https://host/path make publish")
    root = f"{parts.scheme}://{parts.netloc}/robots.txt"
    if parts.path.strip("/"):
        return (f"robots.txt: crawlers read only {root}, not the copy under "
                f"{parts.path.rstrip('/')}/. Add this line to {root}:\n  " + "\n  ".join(lines))
    return f"robots.txt: {root} is the build's own and names the sitemap ({lines[0]})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the published site (output/)")
    parser.add_argument("--site-url", default="", help="the SITEURL it was built for")
    parser.add_argument("--robots", default="robots.txt", help="robots.txt's name in OUTPUT_DIR")
    args = parser.parse_args(argv)
    print(note(args.site_url, sitemap_lines(args.output / args.robots)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
