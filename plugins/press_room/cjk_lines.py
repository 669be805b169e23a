"""Wrapped lines of Chinese (and Japanese) text joined without a space.

A writer wraps a long paragraph over several lines; Markdown keeps each line
break in the HTML, and browsers draw a line break inside a paragraph as a
space. Between English words that space is right; between two Chinese
characters it is a visible gap ("創新中心， 以及"): Chinese puts no spaces
between words. (CSS Text 3 asks browsers to drop such a break; Chromium does
not.) So, in rendered HTML, a line break between two wide East Asian characters
is removed — also when inline tags stand beside it (`開發、\\n<a>生產</a>`).

The rule is CSS Text 3's segment-break rule: both sides East Asian Wide or
Fullwidth, and neither Hangul (Korean puts spaces between words). Curly quotes
(“ ” ‘ ’, which are ambiguous-width) count when the other side is wide. Text in
<pre>, <code>, <script>, <style> and <textarea> keeps its line breaks.
"""

from __future__ import annotations

import re
import unicodedata

_PROTECTED = re.compile(r"(<(pre|code|script|style|textarea)\b.*?</\2\s*>)",
                        re.DOTALL | re.IGNORECASE)
_INLINE = r"(?:a|abbr|b|bdi|bdo|cite|data|del|dfn|em|i|ins|kbd|mark|q|s|small|span|strong|sub|sup|time|u)"
_TAGS = rf"(?:</?{_INLINE}\b[^>]*>)*"
# A line break (with the spaces around it) between two characters, inline tags allowed
# on either side; the character after stays unconsumed for the next break.
_BREAK = re.compile(rf"(?P<left>[^\s>])(?P<before>{_TAGS})[ \t]*\n[ \t]*(?P<after>{_TAGS})"
                    r"(?=(?P<right>[^\s<]))")
_QUOTES = "‘’“”"


def _wide(character: str) -> bool:
    if unicodedata.east_asian_width(character) not in ("W", "F"):
        return False
    name = unicodedata.name(character, "")
    return not name.startswith(("HANGUL", "HALFWIDTH HANGUL"))


def _joins(left: str, right: str) -> bool:
    if _wide(left) and _wide(right):
        return True
    return (_wide(left) and right in _QUOTES) or (left in _QUOTES and _wide(right))


def _join_match(match: re.Match) -> str:
    if _joins(match["left"], match["right"]):
        return match["left"] + match["before"] + match["after"]
    return match.group(0)


def join_wrapped_lines(html: str) -> str:
    """`html` with every line break between two CJK characters removed."""
    if "\n" not in html:
        return html
    parts = _PROTECTED.split(html)
    # split() with two groups: text, protected element, its tag name, text, …
    out = []
    for index in range(0, len(parts), 3):
        out.append(_BREAK.sub(_join_match, parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)
