"""Release dates: what writers may type, and how pages show it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from press_room.dates import iso, long_date, parse_release_date

HK = "Asia/Hong_Kong"


@pytest.mark.parametrize("text, expected_iso", [
    ("2021-11-26 10:00 +08:00", "2021-11-26T10:00+08:00"),
    ("2021-11-26T10:00:00+08:00", "2021-11-26T10:00+08:00"),
    ("2021-11-26 10:00+0800", "2021-11-26T10:00+08:00"),
    ("2021-11-26 02:00Z", "2021-11-26T02:00+00:00"),
    ("2021-11-26 10:00", "2021-11-26T10:00+08:00"),  # the site's TIMEZONE applies
])
def test_accepted_forms(text, expected_iso):
    assert iso(parse_release_date(text, HK)) == expected_iso


def test_long_date_is_in_the_site_time_zone():
    # 20:00 UTC on the 25th is already the 26th in Hong Kong.
    moment = datetime(2021, 11, 25, 20, 0, tzinfo=timezone.utc)
    assert long_date(moment, HK) == "26 November 2021"


def test_offset_is_kept():
    moment = parse_release_date("2021-11-26 10:00 -05:00", HK)
    assert moment.utcoffset() == timedelta(hours=-5)
