""""Did you mean …?": the nearest known name to a misspelled one.

A writer who types `titel:` or `category: Press Release` should be told the
name they meant, not only handed the whole list. difflib's ratio is enough
for short names; a difference in case alone always matches.
"""

from __future__ import annotations

import difflib

# How alike two names must be (difflib's ratio) to be offered as the meant one.
CUTOFF = 0.6


def nearest(word: str, choices) -> str | None:
    """The choice `word` most probably meant, or None if none is close."""
    choices = [c for c in choices if isinstance(c, str)]
    if not isinstance(word, str) or not word or not choices:
        return None
    folded = word.strip().casefold()
    for choice in choices:
        if choice.casefold() == folded:
            return choice
    by_folded = {c.casefold(): c for c in choices}
    close = difflib.get_close_matches(folded, list(by_folded), n=1, cutoff=CUTOFF)
    return by_folded[close[0]] if close else None


def did_you_mean(word: str, choices, quote: str = '"') -> str:
    """` did you mean "x"?` (with its leading space), or "" when nothing is close."""
    match = nearest(word, choices)
    return f" did you mean {quote}{match}{quote}?" if match else ""
