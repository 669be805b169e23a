"""ninjs' publication status from a release's state."""

from __future__ import annotations

from datetime import datetime, timezone
from types import SimpleNamespace

import pytest
from press_room.trust.ninjs import pub_status

WHEN = datetime(2024, 3, 9, 10, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("release, expected", [
    (SimpleNamespace(date=WHEN, hold=None), ("usable", {})),
    (SimpleNamespace(date=WHEN, hold=None, withdrawn={"date": WHEN, "note": "Issued in error."}),
     ("canceled", {"edNote": "Issued in error."})),
    (SimpleNamespace(date=WHEN, hold=None,
                     withdrawn=SimpleNamespace(date=WHEN, note="Superseded.")),
     ("canceled", {"edNote": "Superseded."})),
    (SimpleNamespace(date=WHEN, hold=SimpleNamespace(kind="embargo")),
     ("withheld", {"embargoedUntil": "2024-03-09T10:00:00+00:00"})),
    (SimpleNamespace(date=WHEN, hold=SimpleNamespace(kind="draft")), ("withheld", {})),
])
def test_pub_status(release, expected):
    assert pub_status(release) == expected
