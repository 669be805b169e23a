"""Splitting a release file and reading its YAML: every failure is a message."""

from __future__ import annotations

import pytest
from press_room.frontmatter import FrontMatterError, decode, quoted, shown, split

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


# --- YAML that parses into something other than text, lists and mappings -----

MORE_BAD_FILES = [
    ("type tag", b"---\nsummary: !!int twelve\n---\nb",
     "front matter: invalid YAML on line 2 (the tag !!int is not allowed: every value is read "
     "as plain text) — fix the YAML syntax"),
    ("timestamp tag", b"---\ndate: !!timestamp 2021-99-99\n---\nb",
     "front matter: invalid YAML on line 2 (the tag !!timestamp is not allowed: every value is "
     "read as plain text) — fix the YAML syntax"),
    ("binary tag", b"---\ntitle: !!binary aGk=\n---\nb",
     "front matter: invalid YAML on line 2 (the tag !!binary is not allowed: every value is "
     "read as plain text) — fix the YAML syntax"),
    ("local tag", b"---\ntitle: !custom x\n---\nb",
     "front matter: invalid YAML on line 2 (the tag !custom is not allowed: every value is "
     "read as plain text) — fix the YAML syntax"),
    ("python tag", b"---\ntitle: !!python/object/apply:os.system [x]\n---\nb",
     "front matter: invalid YAML on line 2 (the tag !!python/object/apply:os.system is not "
     "allowed: every value is read as plain text) — fix the YAML syntax"),
    ("list as a key", b"---\n? [a, b]\n: c\n---\nb",
     "front matter: invalid YAML on line 2 (a list or mapping is used as a key) — fix the YAML "
     "syntax"),
    ("mapping as a key", b"---\n{a: 1}: x\n---\nb",
     "front matter: invalid YAML on line 2 (a list or mapping is used as a key) — fix the YAML "
     "syntax"),
    ("control character", b"---\ntitle: a\x07b\n---\nb",
     "front matter: invisible control character U+0007 on line 2 — delete it"),
    ("control character by escape", b'---\ntitle: x\nsummary: "a\\0b"\n---\nb',
     "front matter: invalid YAML on line 3 (the value holds the control character U+0000, "
     "which is not text) — fix the YAML syntax"),
    ("lone surrogate by escape", b'---\ntitle: "\\ud800"\n---\nb',
     "front matter: invalid YAML on line 2 (the value holds a lone surrogate U+D800, which is "
     "not text) — fix the YAML syntax"),
    ("line separator", "---\ntitle: x\nsummary: a\u2028b\n---\nb".encode(),
     "front matter: invisible LINE SEPARATOR character (U+2028) on line 3 — replace it with a "
     "space or a real line break"),
    ("next line", "---\ntitle: a\u0085b\n---\nb".encode(),
     "front matter: invisible NEXT LINE character (U+0085) on line 2 — replace it with a space "
     "or a real line break"),
    ("nested too deeply", b"---\ntags: " + b"[" * 3000 + b"]" * 3000 + b"\n---\nb",
     "front matter: lists or mappings nested too deeply — write one key per line, with plain "
     "lists"),
    ("recursive alias", b"---\nphotos: &a {x: *a}\n---\nb",
     "front matter: invalid YAML on line 2 (found unconstructable recursive node) — fix the "
     "YAML syntax"),
    ("long duplicate key", b"---\n" + b"k" * 500 + b": 1\n" + b"k" * 500 + b": 2\n---\nb",
     f"front matter: invalid YAML on line 3 (duplicate key '{'k' * 60}…' (500 characters)) — "
     "fix the YAML syntax"),
]


@pytest.mark.parametrize("raw, expected", [(r, e) for _, r, e in MORE_BAD_FILES],
                         ids=[c for c, _, _ in MORE_BAD_FILES])
def test_yaml_beyond_text_lists_and_mappings_gives_its_message(raw, expected):
    with pytest.raises(FrontMatterError) as caught:
        split(decode(raw))
    assert str(caught.value) == expected
    assert len(str(caught.value).splitlines()) == 1


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_line_endings_of_every_editor_split_the_same(ending):
    text = ending.join(["---", "title: Headline", "tags:", "  - a", "---", "Body text.", ""])
    parts = split(text)
    assert parts.metadata == {"title": "Headline", "tags": ["a"]}
    assert parts.body.strip() == "Body text."
    assert parts.body_line == 6


def test_form_feed_is_not_a_line_break():
    # str.splitlines() would split here and misnumber every later line.
    with pytest.raises(FrontMatterError) as caught:
        split("---\ntitle: a\x0cb\nsummary: x\n---\nb")
    assert str(caught.value) == (
        "front matter: invisible control character U+000C on line 2 — delete it")


def test_aliases_and_merge_keys_stay_plain():
    parts = split("---\ntitle: &t Headline\nsubtitle: *t\n<<: {a: b}\n---\nb")
    assert parts.metadata == {"title": "Headline", "subtitle": "Headline", "<<": {"a": "b"}}


@pytest.mark.parametrize("value, expected", [
    ("plain", "plain"),
    ("tab\tand\nnewline", "tab\\tand\\nnewline"),
    ("bidi \u202e override, zero\u200bwidth", "bidi \\u202e override, zero\\u200bwidth"),
    ("中文 ✓ emoji 🎉", "中文 ✓ emoji 🎉"),
    ("x" * 61, "x" * 60 + "… (61 characters)"),
])
def test_shown_keeps_a_message_on_one_short_line(value, expected):
    assert shown(value) == expected
    assert quoted(value) == (f'"{expected}"' if len(value) <= 60
                             else f'"{"x" * 60}…" (61 characters)')
