"""'Did you mean …?': the nearest name, or none when nothing is close."""

import pytest

from press_room.suggestions import did_you_mean, nearest

KEYS = ("title", "subtitle", "date", "category", "summary", "photos", "contacts")
CATEGORIES = ("Press Releases", "Corporate News", "Media Statements")


@pytest.mark.parametrize("word, choices, expected", [
    ("titel", KEYS, "title"),
    ("catgory", KEYS, "category"),
    ("photo", KEYS, "photos"),
    ("press releases", CATEGORIES, "Press Releases"),
    ("Press Release", CATEGORIES, "Press Releases"),
    ("media statement", CATEGORIES, "Media Statements"),
    ("zzz", KEYS, None),
    ("Gossip", CATEGORIES, None),
    ("", KEYS, None),
    ("title", (), None),
])
def test_nearest(word, choices, expected):
    assert nearest(word, choices) == expected


def test_did_you_mean_is_a_phrase_or_nothing():
    assert did_you_mean("titel", KEYS) == ' did you mean "title"?'
    assert did_you_mean("photo-1.jgp", ["photo-1.jpg"], quote="") == " did you mean photo-1.jpg?"
    assert did_you_mean("zzz", KEYS) == ""
