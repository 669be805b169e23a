"""The release body's HTML: refuse what has no place in a press release, then
sanitise anyway.

A writer's Markdown may carry raw HTML. Anything that could run code or pull
in another site (scripts, frames, styles, event handlers, `javascript:` or
`data:` links) or that bypasses the photo pipeline (inline images) is
reported as a problem — nothing is silently dropped — and the HTML is also
passed through nh3's allow-list, so a miss in the checks is still harmless.
"""

from __future__ import annotations

from html.parser import HTMLParser

import nh3

from .frontmatter import shown

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "strong", "em", "b", "i",
    "blockquote", "code", "pre", "br", "hr", "abbr", "sup", "sub", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "span", "small", "q",
    "cite", "del", "ins", "s", "u", "mark", "time", "div",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "time": {"datetime"},
    "ol": {"start", "reversed"},
    "*": {"id", "lang", "dir"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "cite", "poster"}


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def _add(self, message):
        if message not in self.problems:
            self.problems.append(message)

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self._add("contains an image — list photos under `photos:` in the front matter, "
                      "where they get captions, sizes and downloads")
        elif tag == "h1":
            self._add("contains a level-1 heading — the headline is the page's only one; "
                      "use ## for section headings")
        elif tag not in ALLOWED_TAGS:
            self._add(f"contains <{shown(tag)}> — a press release cannot carry it; remove it")
        for name, value in attrs:
            if name.startswith("on"):
                self._add(f"contains an event handler ({shown(name)}=) — remove it")
            elif name in _URL_ATTRIBUTES and value:
                scheme = value.strip().split(":", 1)[0].lower() if ":" in value else ""
                if scheme and scheme not in URL_SCHEMES and "/" not in scheme:
                    self._add(f"links to a {shown(scheme)}: address — use an https:// link")


def problems_in(html: str) -> list[str]:
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )
