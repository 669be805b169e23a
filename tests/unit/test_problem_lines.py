"""Every problem gets the line of its field: `file:line: field: message`."""

from __future__ import annotations

import pytest

from press_room.frontmatter import yaml_field_lines
from press_room.problem_lines import with_lines
from press_room.problems import Problem

RELEASE = """---
title: A release
date: 2021-11-26 10:00 +08:00
category: Press Releases
tags: [one, two]
photos:
  - file: a.jpg
    caption: A caption.
  - file: b.jpg
    alt: Something.
contacts:
  - press-office
  - name: Jane
    emial: jane@example.org
---
The text.

Some <script>alert(1)</script> here.
![an image](x.jpg)

Heading
=======
"""


def test_field_lines_name_fields_as_messages_do():
    lines = yaml_field_lines("a: 1\nlist:\n  - x: 1\n    y: 2\n  - z\nmap:\n  k:\n    v: 1\n")
    assert lines == {"a": 1, "list": 2, "list[1]": 3, "list[1].x": 3, "list[1].y": 4,
                     "list[2]": 5, "map": 6, "map.k": 7, "map.k.v": 8}, lines


def test_yaml_that_does_not_compose_has_no_lines():
    assert yaml_field_lines("a: [unclosed\n") == {}


@pytest.mark.parametrize("field, message, line", [
    ("title", "too long", 2),
    ("tags[2]", "too long", 5),
    ("photos[1].caption", "too long", 8),
    ("photos[1].alt", "missing — describe the photo", 7),  # missing key: its photo's line
    ("photos[2].alt", "too long", 10),
    ("contacts[2].emial", "unknown key", 14),
    ("contacts[1]", "not a contact id", 12),
    ("summary", "missing", 1),  # nowhere in the file: its first line
    ("file name", "must be index.md", 1),
    ("body", "contains <script> — a press release cannot carry it; remove it", 18),
    ("body", "contains an image — list photos under `photos:`", 19),
    ("body", "contains a level-1 heading — use ##", 21),
    ("body", "empty", 16),  # no better place: where the body starts
])
def test_problem_gets_the_line_of_its_field(tmp_path, field, message, line):
    release = tmp_path / "index.md"
    release.write_text(RELEASE, encoding="utf-8")
    (located,) = with_lines([Problem(str(release), field, message)])
    assert located.line == line, located
    assert str(located) == f"{release}:{line}: {field}: {message}"


def test_a_line_already_known_is_kept_and_lines_do_not_make_problems_differ(tmp_path):
    release = tmp_path / "index.md"
    release.write_text(RELEASE, encoding="utf-8")
    known = Problem(str(release), "front matter", "invalid YAML on line 3", line=3)
    assert with_lines([known]) == [known] and with_lines([known])[0].line == 3
    assert Problem("f", "x", "m", line=3) == Problem("f", "x", "m")
    assert str(Problem("f", "x", "m")) == "f: x: m"


def test_site_data_problems_get_lines_too(tmp_path):
    data = tmp_path / "site.yml"
    data.write_text("organisation:\n  name: X\ncontacts:\n  press:\n    email: nope\n",
                    encoding="utf-8")
    (located,) = with_lines([Problem(str(data), "contacts.press.email", "not an address")])
    assert located.line == 5, located


def test_a_file_that_is_gone_gets_no_line(tmp_path):
    (located,) = with_lines([Problem(str(tmp_path / "gone.md"), "title", "missing")])
    assert located.line is None and str(located).endswith("gone.md: title: missing")
