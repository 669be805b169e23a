"""Release dates: strict parsing of what writers type, and display formats.

Accepted: `2021-11-26 10:00 +08:00`, `2021-11-26T10:00:00+08:00`, `...Z`,
or `2021-11-26 10:00` (the site's TIMEZONE applies, as the brief promises).
A bare date or `26/11/2021` is refused: the embargo needs an exact minute.
So is a local time that the site's TIMEZONE makes ambiguous (it happens twice
when the clocks go back) or impossible (skipped when they go forward): only
an explicit offset says which moment is meant.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from .frontmatter import quoted

# ASCII digits only: `\d` alone would take "٢٠٢١" for a year.
_DATE_PATTERN = re.compile(
    r"""^(?P<date>\d{4}-\d{2}-\d{2})[ T]
        (?P<time>\d{2}:\d{2}(?::\d{2})?)
        [ ]*(?P<offset>Z|[+-]\d{2}:?\d{2})?$""",
    re.VERBOSE | re.ASCII,
)

EXAMPLE = "2021-11-26 10:00 +08:00"
# Releases are dated within these years. The bounds also keep every date far
# from datetime's own limits (years 1 and 9999), where converting between
# time zones overflows.
FIRST_YEAR, LAST_YEAR = 1900, 2999


class DateError(ValueError):
    pass


def parse_release_date(value: str, site_timezone: str) -> datetime:
    """Return an aware datetime, or raise DateError with the fix in its message."""
    text = str(value).strip()
    shown = quoted(text)
    match = _DATE_PATTERN.match(text)
    if not match:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text, re.ASCII):
            raise DateError(f"{shown} has no time — write it as {EXAMPLE}")
        raise DateError(f"{shown} is not a date — write it as {EXAMPLE}")
    stamp = f"{match['date']}T{match['time']}"
    try:
        naive = datetime.fromisoformat(stamp)
    except ValueError:
        raise DateError(f"{shown} is not a real date or time — write it as {EXAMPLE}") from None
    if not FIRST_YEAR <= naive.year <= LAST_YEAR:
        raise DateError(
            f"{shown} is not a plausible release date — use a year from {FIRST_YEAR} "
            f"to {LAST_YEAR}, e.g. {EXAMPLE}"
        )
    offset = match["offset"]
    if offset is None:
        return _in_site_zone(naive, text, site_timezone)
    if offset == "Z":
        return naive.replace(tzinfo=timezone.utc)
    sign = 1 if offset[0] == "+" else -1
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 14 or minutes > 59:
        raise DateError(f"{shown} has an impossible time-zone offset — write it as {EXAMPLE}")
    return naive.replace(tzinfo=timezone(sign * timedelta(hours=hours, minutes=minutes)))


def as_written(moment: datetime) -> str:
    """A moment as a writer types it: `2021-11-26 10:00 +08:00`."""
    return f"{moment:%Y-%m-%d %H:%M} {_offset_text(moment.utcoffset())}"


def _offset_text(offset: timedelta) -> str:
    minutes = round(offset.total_seconds() / 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _in_site_zone(naive: datetime, text: str, site_timezone: str) -> datetime:
    """The local time in the site's zone, unless that time is ambiguous
    (a DST fold) or does not exist (a DST gap): then DateError."""
    zone = ZoneInfo(site_timezone)
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    exists = first.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) == naive
    if exists:
        raise DateError(
            f"{quoted(text)} happens twice in {site_timezone} (the clocks go back then) "
            f"— add the offset: {text} {_offset_text(first.utcoffset())} for the first, "
            f"{text} {_offset_text(second.utcoffset())} for the second"
        )
    raise DateError(
        f"{quoted(text)} does not exist in {site_timezone} (the clocks go forward then) "
        f"— write a time that exists, or add the offset you mean, "
        f"e.g. {text} {_offset_text(first.utcoffset())}"
    )


def in_site_time(moment: datetime, site_timezone: str) -> datetime:
    """The moment as the newsroom's clock shows it: pages write dates in it."""
    return moment.astimezone(ZoneInfo(site_timezone))


def iso(moment: datetime) -> str:
    """The site's one machine-readable date format: ISO 8601 / RFC 3339 with
    seconds and the offset (`2021-11-26T10:00:00+08:00`), as XSD dateTime
    demands. JSON-LD, Open Graph, <time datetime>, feeds and the sitemap all
    write dates through this function, so no two of them can disagree."""
    return moment.isoformat(timespec="seconds")

