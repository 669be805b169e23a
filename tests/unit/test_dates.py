"""Release dates: what writers may type, and how pages show it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from press_room.dates import DateError, as_written, in_site_time, iso, parse_release_date

HK = "Asia/Hong_Kong"


@pytest.mark.parametrize("text, expected_iso", [
    ("2021-11-26 10:00 +08:00", "2021-11-26T10:00:00+08:00"),
    ("2021-11-26T10:00:00+08:00", "2021-11-26T10:00:00+08:00"),
    ("2021-11-26 10:00+0800", "2021-11-26T10:00:00+08:00"),
    ("2021-11-26 02:00Z", "2021-11-26T02:00:00+00:00"),
    ("2021-11-26 10:00", "2021-11-26T10:00:00+08:00"),  # the site's TIMEZONE applies
])
def test_accepted_forms(text, expected_iso):
    assert iso(parse_release_date(text, HK)) == expected_iso


def test_long_date_is_in_the_site_time_zone():
    # 20:00 UTC on the 25th is already the 26th in Hong Kong.
    moment = datetime(2021, 11, 25, 20, 0, tzinfo=timezone.utc)
    assert in_site_time(moment, HK).date().isoformat() == "2021-11-26"


def test_offset_is_kept():
    moment = parse_release_date("2021-11-26 10:00 -05:00", HK)
    assert moment.utcoffset() == timedelta(hours=-5)


# --- time-zone folds and gaps, ranges ------------------------------------------

LONDON = "Europe/London"


@pytest.mark.parametrize("text, expected", [
    ("2021-10-31 01:30",
     '"2021-10-31 01:30" happens twice in Europe/London (the clocks go back then) — add the '
     "offset: 2021-10-31 01:30 +01:00 for the first, 2021-10-31 01:30 +00:00 for the second"),
    ("2021-10-31 01:00",  # the first minute of the repeated hour
     '"2021-10-31 01:00" happens twice in Europe/London (the clocks go back then) — add the '
     "offset: 2021-10-31 01:00 +01:00 for the first, 2021-10-31 01:00 +00:00 for the second"),
    ("2021-03-28 01:30",
     '"2021-03-28 01:30" does not exist in Europe/London (the clocks go forward then) — write a '
     "time that exists, or add the offset you mean, e.g. 2021-03-28 01:30 +00:00"),
    ("2021-03-28T01:00:00",
     '"2021-03-28T01:00:00" does not exist in Europe/London (the clocks go forward then) — '
     "write a time that exists, or add the offset you mean, e.g. 2021-03-28T01:00:00 +00:00"),
])
def test_ambiguous_or_missing_local_time_is_refused(text, expected):
    with pytest.raises(DateError) as caught:
        parse_release_date(text, LONDON)
    assert str(caught.value) == expected


@pytest.mark.parametrize("text, expected_iso", [
    ("2021-10-31 00:59", "2021-10-31T00:59:00+01:00"),  # just before the fold
    ("2021-10-31 02:00", "2021-10-31T02:00:00+00:00"),  # just after it
    ("2021-03-28 00:59", "2021-03-28T00:59:00+00:00"),  # just before the gap
    ("2021-03-28 02:00", "2021-03-28T02:00:00+01:00"),  # just after it
    ("2021-10-31 01:30 +01:00", "2021-10-31T01:30:00+01:00"),  # the fold, with an offset
    ("2021-10-31 01:30 +00:00", "2021-10-31T01:30:00+00:00"),
    ("2021-03-28 01:30 +00:00", "2021-03-28T01:30:00+00:00"),  # the gap, with an offset
    ("2021-07-01 10:00", "2021-07-01T10:00:00+01:00"),  # summer time applies
])
def test_unambiguous_local_times_take_the_site_zone(text, expected_iso):
    assert iso(parse_release_date(text, LONDON)) == expected_iso


def test_hong_kong_has_no_fold_today():
    # The London fold's minute is an ordinary one in Hong Kong (no DST since 1979).
    assert iso(parse_release_date("2021-10-31 01:30", HK)) == "2021-10-31T01:30:00+08:00"
    assert iso(parse_release_date("2021-03-28 01:30", HK)) == "2021-03-28T01:30:00+08:00"


@pytest.mark.parametrize("text, expected", [
    ("0001-01-01 00:00", '"0001-01-01 00:00" is not a plausible release date — use a year from '
     "1900 to 2999, e.g. 2021-11-26 10:00 +08:00"),
    ("9999-12-31 23:59 -05:00", '"9999-12-31 23:59 -05:00" is not a plausible release date — '
     "use a year from 1900 to 2999, e.g. 2021-11-26 10:00 +08:00"),
    ("٢٠٢١-١١-٢٦ ١٠:٠٠", '"٢٠٢١-١١-٢٦ ١٠:٠٠" is not a date — write it as 2021-11-26 10:00 +08:00'),
    ("2021-11-26 10:00\n+08:00", '"2021-11-26 10:00\\n+08:00" is not a date — write it as '
     "2021-11-26 10:00 +08:00"),
    ("9" * 5000, f'"{"9" * 60}…" (5,000 characters) is not a date — write it as '
     "2021-11-26 10:00 +08:00"),
], ids=["year 1", "year 9999", "arabic-indic digits", "line break", "very long"])
def test_dates_out_of_range_or_odd_are_refused_in_one_short_line(text, expected):
    with pytest.raises(DateError) as caught:
        parse_release_date(text, HK)
    assert str(caught.value) == expected


def test_as_written_is_what_writers_type():
    assert as_written(parse_release_date("2021-11-26 10:00", HK)) == "2021-11-26 10:00 +08:00"
    assert as_written(parse_release_date("2021-11-26 10:00 -05:30", HK)) == (
        "2021-11-26 10:00 -05:30")
