"""Release dates: strict parsing of what writers type, and display formats.

Accepted: `2021-11-26 10:00 +08:00`, `2021-11-26T10:00:00+08:00`, `...Z`,
or `2021-11-26 10:00` (the site's TIMEZONE applies, as the brief promises).
A bare date or `26/11/2021` is refused: the embargo needs an exact minute.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

_DATE_PATTERN = re.compile(
    r"""^(?P<date>\d{4}-\d{2}-\d{2})[ T]
        (?P<time>\d{2}:\d{2}(?::\d{2})?)
        \s*(?P<offset>Z|[+-]\d{2}:?\d{2})?$""",
    re.VERBOSE,
)

EXAMPLE = "2021-11-26 10:00 +08:00"


class DateError(ValueError):
    pass


def parse_release_date(value: str, site_timezone: str) -> datetime:
    """Return an aware datetime, or raise DateError with the fix in its message."""
    text = str(value).strip()
    match = _DATE_PATTERN.match(text)
    if not match:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise DateError(f'"{text}" has no time — write it as {EXAMPLE}')
        raise DateError(f'"{text}" is not a date — write it as {EXAMPLE}')
    stamp = f"{match['date']}T{match['time']}"
    try:
        naive = datetime.fromisoformat(stamp)
    except ValueError:
        raise DateError(f'"{text}" is not a real date or time — write it as {EXAMPLE}') from None
    offset = match["offset"]
    if offset is None:
        return naive.replace(tzinfo=ZoneInfo(site_timezone))
    if offset == "Z":
        return naive.replace(tzinfo=timezone.utc)
    sign = 1 if offset[0] == "+" else -1
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 14 or minutes > 59:
        raise DateError(f'"{text}" has an impossible time-zone offset — write it as {EXAMPLE}')
    return naive.replace(tzinfo=timezone(sign * timedelta(hours=hours, minutes=minutes)))


def in_site_time(moment: datetime, site_timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(site_timezone))


def long_date(moment: datetime, site_timezone: str) -> str:
    """`26 November 2021`, in the site's time zone (where the newsroom is)."""
    local = in_site_time(moment, site_timezone)
    return f"{local.day} {local:%B %Y}"


def short_date(moment: datetime, site_timezone: str) -> str:
    local = in_site_time(moment, site_timezone)
    return f"{local.day} {local:%b %Y}"


def iso(moment: datetime) -> str:
    """ISO 8601 with the offset, for <time datetime> and machine readers."""
    return moment.isoformat(timespec="minutes")


def embargo_time(moment: datetime, site_timezone: str) -> str:
    """`26 Nov 2021, 10:00 HKT`: the banner's exact minute, in newsroom time."""
    local = in_site_time(moment, site_timezone)
    return f"{local.day} {local:%b %Y, %H:%M} {local.tzname()}"
