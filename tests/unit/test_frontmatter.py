"""Splitting a release file and reading its YAML: every failure is a message."""

from __future__ import annotations

import pytest
from press_room.frontmatter import FrontMatterError, decode, split

GOOD = "---\ntitle: Headline\ndate: 2021-11-26 10:00 +08:00\n---\nBody text.\n"


def test_splits_front_matter_from_body():
    parts = split(GOOD)
    assert parts.metadata == {"title": "Headline", "date": "2021-11-26 10:00 +08:00"}
    assert parts.body.strip() == "Body text."
    assert parts.body_line == 5


@pytest.mark.parametrize("yaml_value", ["no", "yes", "true", "1.10", "2021-11-26", "~", "null"])
def test_scalars_stay_exactly_as_written(yaml_value):
    assert split(f"---\nvalue: {yaml_value}\n---\nb\n").metadata == {"value": yaml_value}


BAD_FILES = [
    ("empty file", b"", "file: empty — write the front matter and the release text"),
    ("no front matter", b"Just text\n",
     "front matter: missing — start the file with a line of three dashes (---), the YAML keys, "
     "and another --- line"),
    ("unclosed", b"---\ntitle: x\n",
     "front matter: not closed — add a line of three dashes (---) after the last key"),
    ("byte-order mark", b"\xef\xbb\xbf---\ntitle: x\n---\nb",
     "file: starts with a byte-order mark (BOM) — save the file as UTF-8 without BOM"),
    ("latin-1 bytes", b"---\ntitle: caf\xe9\n---\nb",
     "file: not valid UTF-8 (byte 0xe9 at offset 14) — save the file as UTF-8"),
    ("tab indentation", b"---\ntags:\n\t- a\n---\nb",
     "front matter: tab character on line 3 — indent YAML with spaces only"),
    ("malformed YAML", b"---\ntitle: [unclosed\n---\nb",
     "front matter: invalid YAML on line 2 (expected ',' or ']', but got '<stream end>') "
     "— fix the YAML syntax"),
    ("duplicate key", b"---\ntitle: a\ntitle: b\n---\nb",
     "front matter: invalid YAML on line 3 (duplicate key 'title') — fix the YAML syntax"),
    ("a list, not keys", b"---\n- a\n- b\n---\nb",
     "front matter: is not a list of `key: value` lines — write one key per line"),
]


@pytest.mark.parametrize("raw, expected", [(r, e) for _, r, e in BAD_FILES],
                         ids=[c for c, _, _ in BAD_FILES])
def test_bad_file_gives_its_message(raw, expected):
    with pytest.raises(FrontMatterError) as caught:
        split(decode(raw))
    assert str(caught.value) == expected
