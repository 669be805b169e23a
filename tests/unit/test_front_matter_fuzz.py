"""Any front matter and body: the build succeeds, or stops with problem lines.

Hypothesis writes releases mixing allowed keys (with valid-looking and random
values), unknown keys, nested lists and mappings, odd Unicode, YAML syntax
characters and raw HTML in the body, and builds each in-process with the real
pelicanconf.py (fast: no subprocess). Whatever it writes, the build must end
in one of two ways: success, or the plugin's ContentError after printing
`path: field: message` lines for the file. Any other exception, or an error
Pelican logs and skips past, is a bug.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pelican import Pelican
from pelican.settings import read_settings
from PIL import Image
from press_room.problems import ContentError, display_path
from press_room.schema import RELEASE_KEYS

from tests.fixtures.documents import pdf

REPO = Path(__file__).resolve().parents[2]
FIXTURE_SITE = REPO / "tests" / "fixtures" / "site"
CATEGORIES = ["Press Releases", "Corporate News", "Media Statements"]

# --- values -------------------------------------------------------------------

# Any character a UTF-8 file can hold (no lone surrogates): controls, bidi
# overrides, zero-width joiners, line separators, CJK, emoji.
odd_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
plain_text = st.text(st.characters(categories=("L", "N", "P", "S", "Zs")), min_size=1,
                     max_size=40)
YAML_SPECIALS = [
    "", "~", "null", "no", "yes", "on", "1.10", "0x1F", ".inf", "1e3", "- a", "[a, b", "[a, b]",
    "{a: b}", "{a", "'single'", '"double"', '"esc \\x41 \\u263A \\0"', "&anchor x", "*alias",
    "!!int 5", "!!binary aGk=", "!tag x", "! x", "|", ">-", "# comment", "a: b", ": colon", "%",
    "@at", "`tick", "? key", "---", "...", "\\", "<<: {a: b}", "2021-11-26", "26/11/2021",
    "<script>alert(1)</script>", "javascript:alert(1)", "../../etc/passwd", "a\u2028b", "\u202e",
]
yaml_special = st.sampled_from(YAML_SPECIALS)
scalar = st.one_of(plain_text, odd_text, yaml_special)
random_value = st.recursive(
    scalar,
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.one_of(plain_text, yaml_special), children, max_size=3),
    max_leaves=8,
)


def written_date(moment: datetime, offset: str) -> str:
    return f"{moment:%Y-%m-%d %H:%M}{offset}"


date_text = st.one_of(
    st.builds(written_date,
              st.datetimes(min_value=datetime(1890, 1, 1), max_value=datetime(3100, 1, 1)),
              st.sampled_from(["", " +08:00", "+0800", "Z", " -05:00", " +14:59", " +15:00"])),
    st.sampled_from(["2021-11-26 10:00 +08:00", "2021-11-26", "26/11/2021", "2021-02-30 10:00",
                     "0001-01-01 00:00", "9999-12-31 23:59 -05:00", "1979-05-13 03:30",
                     "2021-11-26T10:00:00Z", "２０２１-１１-２６ 10:00"]),
    scalar,
)
photo_entry = st.fixed_dictionaries(
    {"file": st.one_of(st.sampled_from(["photo.jpg", "missing.jpg", "../x.jpg", "link.jpg",
                                        "notes.txt", "/etc/hostname", "", "."]), plain_text),
     "caption": scalar, "alt": scalar},
    optional={"credit": scalar, "lead": st.sampled_from(["true", "false", "maybe"]),
              "captoin": scalar},
)
update_entry = st.fixed_dictionaries({}, optional={"date": date_text, "note": scalar,
                                                  "when": scalar})
attachment_entry = st.fixed_dictionaries(
    {"file": st.one_of(st.sampled_from(["fact.pdf", "fake.pdf", "missing.pdf", "notes.txt",
                                        "photo.jpg", "../x.pdf", ""]), plain_text)},
    optional={"title": scalar, "caption": scalar})
VALUES = {
    "title": st.one_of(plain_text, scalar, random_value),
    "subtitle": scalar,
    "date": date_text,
    "category": st.one_of(st.sampled_from(CATEGORIES), scalar),
    "dateline": scalar,
    "summary": scalar,
    "tags": st.one_of(st.lists(st.one_of(plain_text, scalar), max_size=4), random_value),
    "lang": st.one_of(st.sampled_from(["en", "zh-hant", "zh-hans", "fr"]), scalar),
    "slug": st.one_of(st.sampled_from(["a", "release", "Not A Slug", "../up", "a/b"]), scalar),
    "status": st.one_of(st.sampled_from(["published", "draft", "hidden"]), scalar),
    "photos": st.one_of(st.lists(photo_entry, max_size=3), random_value),
    "contacts": st.one_of(
        st.lists(st.one_of(st.just("press-office"), scalar,
                           st.fixed_dictionaries({"name": scalar},
                                                 optional={"email": scalar, "role": scalar})),
                 max_size=2),
        random_value),
    "about": st.one_of(st.sampled_from(["fixorg", "other-org", "nope"]), scalar),
    "updates": st.one_of(st.lists(update_entry, max_size=2), random_value),
    "withdrawn": st.one_of(update_entry, random_value),
    "attachments": st.one_of(st.lists(attachment_entry, max_size=2), random_value),
}


SLUG = r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}\Z"
valid_date = st.builds(
    written_date, st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2035, 12, 31)),
    st.sampled_from(["", " +08:00", "Z", " -05:00", "+0530"]))
# What a careful writer types (the text itself in any script, with YAML's
# own characters): a release made only of these builds.
VALID_VALUES = {
    "title": plain_text,
    "subtitle": plain_text,
    "date": valid_date,
    "category": st.sampled_from(CATEGORIES),
    "dateline": plain_text,
    "summary": plain_text,
    "tags": st.lists(plain_text, max_size=5),
    "lang": st.just("en"),
    "slug": st.from_regex(SLUG),
    "status": st.sampled_from(["published", "draft"]),
    "photos": st.lists(st.fixed_dictionaries(
        {"file": st.just("photo.jpg"), "caption": plain_text, "alt": plain_text},
        optional={"credit": plain_text, "lead": st.sampled_from(["true", "false"])}),
        max_size=2),
    "contacts": st.lists(st.one_of(
        st.just("press-office"),
        st.fixed_dictionaries({"name": plain_text},
                              optional={"role": plain_text, "email": st.just("a@b.example"),
                                        "phone": plain_text})), max_size=2),
    "about": st.sampled_from(["fixorg", "other-org"]),
    "updates": st.lists(st.fixed_dictionaries(
        {"date": st.just("2036-01-01 10:00 +08:00"), "note": plain_text}), max_size=2),
    "withdrawn": st.fixed_dictionaries({"date": st.just("2036-02-01 10:00 +08:00"),
                                        "note": plain_text}),
    "attachments": st.lists(st.fixed_dictionaries({"file": st.just("fact.pdf"),
                                                   "title": plain_text}), max_size=1),
}
REQUIRED_KEYS = ["title", "date", "category"]


@st.composite
def front_matter(draw) -> str:
    """YAML text, in one of three moods: a careful writer's (valid values,
    dumped as YAML: builds unless two photos both lead), one with a few
    values or keys gone wrong, or a hostile one mixing a dumped mapping of
    any values with raw `key: value` lines (often invalid YAML)."""
    mood = draw(st.sampled_from(["valid", "mixed", "hostile"]))
    optional = draw(st.lists(st.sampled_from(RELEASE_KEYS), unique=True, max_size=6))
    keys = list(dict.fromkeys(REQUIRED_KEYS + optional))
    if mood == "valid":
        mapping = {key: draw(VALID_VALUES[key]) for key in keys}
        return yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False, width=1000)
    if mood == "mixed":
        mapping = {key: draw(VALID_VALUES[key]) for key in keys}
        for key in draw(st.lists(st.sampled_from(RELEASE_KEYS), min_size=1, max_size=2)):
            mapping[key] = draw(VALUES[key])
        mapping.update(draw(st.dictionaries(plain_text, random_value, max_size=1)))
        if draw(st.booleans()):
            mapping.pop(draw(st.sampled_from(REQUIRED_KEYS)), None)
        return yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False, width=1000)
    keys = draw(st.lists(st.sampled_from(RELEASE_KEYS), unique=True, max_size=len(RELEASE_KEYS)))
    mapping = {key: draw(VALUES[key]) for key in keys}
    mapping.update(draw(st.dictionaries(st.one_of(plain_text, yaml_special), random_value,
                                        max_size=2)))
    text = ""
    style = draw(st.sampled_from(["dumped", "raw", "both"]))
    if style in ("dumped", "both"):
        text += yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False, width=1000)
    if style in ("raw", "both"):
        lines = draw(st.lists(st.tuples(st.one_of(st.sampled_from(RELEASE_KEYS), plain_text),
                                        st.one_of(yaml_special, odd_text, plain_text)),
                              max_size=4))
        text += "".join(f"{key}: {value}\n" for key, value in lines)
    return text


HTML_SNIPPETS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<iframe src=//x></iframe>",
    "<a href='javascript:alert(1)'>x</a>", "<a href=\"data:text/html,x\">d</a>",
    "<div onclick=x>div</div>", "<style>p{}</style>", "<h1>Second headline</h1>",
    "<!-- comment -->", "<![CDATA[x]]>", "<svg onload=x>", "<table><tr><td>x</td></tr></table>",
    "<p lang=zh>中文</p>", "&amp; &lt; &#0; &#x110000;", "<unknown-tag>", "</p></div>",
]
MARKDOWN_SNIPPETS = [
    "## Section", "# Headline again", "![inline](photo.jpg)", "[link](https://example.org/)",
    "[js](javascript:alert(1))", "> quote", ">" * 40 + " deep", "- item\n  - nested",
    "```\ncode <b>\n```", "| a | b |\n|---|---|\n| 1 | 2 |", "*emphasis* __strong__", "---",
    "Term\n: definition", "[^1]\n\n[^1]: note", "    indented code",
]
SAFE_MARKDOWN = [m for m in MARKDOWN_SNIPPETS if "javascript" not in m and "inline" not in m
                 and not m.startswith("# ")]
body = st.one_of(
    st.lists(st.one_of(plain_text, st.sampled_from(SAFE_MARKDOWN)), min_size=1, max_size=6),
    st.lists(st.one_of(odd_text, plain_text, st.sampled_from(HTML_SNIPPETS),
                       st.sampled_from(MARKDOWN_SNIPPETS)), max_size=6),
).map("\n\n".join)

# --- building -----------------------------------------------------------------


def small_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (40, 120, 200)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


PHOTO = small_jpeg()
PROBLEM_FORM = re.compile(
    r"^(?P<path>.+?\.md)(?::(?P<line>[1-9][0-9]*))?: (?P<field>.+?): (?P<message>\S.*)$")


class _ErrorRecords(logging.Handler):
    """Errors Pelican logs and carries on after (e.g. "Could not process"
    when a reader raises): with --fatal errors they fail `make html`."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture(scope="module")
def photo_cache(tmp_path_factory) -> Path:
    """Shared by every example: the one valid photo is encoded once."""
    return tmp_path_factory.mktemp("fuzz-photo-cache")


def build_in_process(content: Path, output: Path, cache: Path) -> None:
    pelican_settings = read_settings(
        path=str(REPO / "pelicanconf.py"),
        override={"PATH": str(content), "OUTPUT_PATH": str(output),
                  "PRESS_ROOM_CACHE_PATH": str(cache), "PRESS_ROOM_NOW": "2030-01-01 00:00 +08:00",
                  "PRESS_ROOM_PHOTO_WORKERS": 1},
    )
    # A fresh Pelican object per build: register() connects the plugin's
    # receivers again, which blinker ignores (same functions), and the
    # `initialized` signal empties the plugin's problem list.
    Pelican(pelican_settings).run()


@settings(max_examples=40, deadline=None, database=None, print_blob=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(front=front_matter(), text=body)
def test_any_release_builds_or_stops_with_problem_lines(front, text, photo_cache):
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        tmp = Path(tmp)
        content = tmp / "content"
        for folder in ("data", "images"):
            shutil.copytree(FIXTURE_SITE / folder, content / folder)
        bundle = content / "releases" / "2021" / "fuzzed"
        bundle.mkdir(parents=True)
        (bundle / "photo.jpg").write_bytes(PHOTO)
        (bundle / "notes.txt").write_text("not a photo\n")
        (bundle / "fact.pdf").write_bytes(pdf())
        (bundle / "fake.pdf").write_bytes(PHOTO)
        (bundle / "link.jpg").symlink_to("photo.jpg")
        release = bundle / "index.md"
        release.write_text(f"---\n{front}---\n{text}\n", encoding="utf-8")

        errors = _ErrorRecords()
        logging.getLogger().addHandler(errors)
        stderr = io.StringIO()
        try:
            with contextlib.redirect_stderr(stderr):
                build_in_process(content, tmp / "output", photo_cache)
        except ContentError:
            event("stopped on content problems")
            lines = [line for line in stderr.getvalue().splitlines() if line.strip()]
            assert lines, "ContentError without any problem printed"
            shown = display_path(release)
            for line in lines:
                assert line.startswith(f"{shown}:"), f"not about {shown}:\n{line}"
                form = PROBLEM_FORM.match(line)
                assert form, f"not `path:line: field: message`:\n{line}"
                assert form["line"], f"no line number:\n{line}"
        else:
            event("built")
            assert (tmp / "output" / "index.html").exists(), "built, but no home page"
        finally:
            logging.getLogger().removeHandler(errors)
        assert not errors.records, "Pelican logged errors:\n" + "\n".join(
            record.getMessage() for record in errors.records)
