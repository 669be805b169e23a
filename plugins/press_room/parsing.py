"""One release file parsed: YAML front matter + Markdown body -> plain values.

`parse_release` is a pure function of the file and the settings, so it can run
in a worker process (prefetch.py) as well as in Pelican's reader (reader.py);
both import it from here, and this module imports neither of them.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass

from markdown import Markdown

from . import body_html, schema
from .cjk_lines import join_wrapped_lines
from .frontmatter import FrontMatterError, decode, split
from .problems import Problem, display_path

# index.md is the default language; index.zh-hant.md names its own.
_FILE_NAME = re.compile(r"^index(?:\.(?P<lang>[a-z]{2}(?:-[a-z]+)?))?\.md$")
_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def lead_paragraph_text(body_html: str) -> str:
    """Plain text of the first paragraph: the summary when none is written."""
    match = _FIRST_PARAGRAPH.search(body_html)
    if not match:
        return ""
    return html.unescape(_TAG.sub("", match.group(1))).strip()


@dataclass(frozen=True)
class ParsedRelease:
    """What one release file says, before Pelican's metadata processing:
    plain values only, so a worker process can hand it back (see prefetch)."""

    fields: schema.ReleaseFields
    content: str
    problems: tuple


_markdown_by_settings: dict[int, Markdown] = {}


# Pelican's Markdown reader adds this extension to the MARKDOWN setting when it
# is made. Front matter here is YAML, read before Markdown sees the body; the
# extension would take a body's first line such as "Update: …" for a
# metadata key and drop it from the page without a word.
_METADATA_EXTENSION = "markdown.extensions.meta"


def _render(body: str, settings) -> str:
    # One Markdown object per process, reset between files: building it
    # (extensions, patterns) costs as much as converting a short release.
    key = id(settings["MARKDOWN"])
    markdown = _markdown_by_settings.get(key)
    if markdown is None:
        _markdown_by_settings.clear()
        config = dict(settings["MARKDOWN"])
        config["extensions"] = [e for e in config.get("extensions", ())
                                if e != _METADATA_EXTENSION]
        markdown = _markdown_by_settings[key] = Markdown(**config)
    # Markdown keeps a wrapped line's break, which browsers draw as a space:
    # wrong between two Chinese characters.
    return join_wrapped_lines(markdown.reset().convert(body))


def parse_release(source_path: str, settings) -> ParsedRelease:
    """Read, validate, render and sanitise one release file. Never raises on
    bad content: the problems come back with it."""
    shown = display_path(source_path)
    languages = tuple(settings["PRESS_ROOM_LANGUAGES"])
    problems: list[Problem] = []

    match = _FILE_NAME.match(os.path.basename(source_path))
    if match is None:
        problems.append(Problem(shown, "file name", "must be index.md or index.<lang>.md "
                                "(e.g. index.zh-hant.md) inside the release's own folder"))
        file_lang = languages[0]
    else:
        file_lang = match["lang"] or languages[0]

    raw, body = {}, ""
    limit = settings["PRESS_ROOM_MAX_RELEASE_BYTES"]
    try:
        with open(source_path, "rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise FrontMatterError(
                "file", f"is larger than {limit // 1_000_000} MB — a release is text: "
                "keep photos and attachments out of it")
        parts = split(decode(data))
        raw, body = parts.metadata, parts.body
    except FrontMatterError as error:
        problems.append(Problem(shown, error.field, error.message, line=error.line))

    fields, field_problems = schema.validate(
        raw,
        file=shown,
        bundle_dir=os.path.dirname(os.path.abspath(source_path)),
        file_lang=file_lang,
        site=settings.get("PRESS_ROOM_SITE"),
        languages=languages,
        timezone=settings["TIMEZONE"],
    )
    # A file that could not be split has only its split problem to report.
    if raw or not problems:
        problems.extend(field_problems)
    if not body.strip() and not problems:
        problems.append(Problem(shown, "body", "empty — write the release text below the front matter"))

    rendered = _render(body, settings)
    problems += [Problem(shown, "body", message) for message in body_html.problems_in(rendered)]
    return ParsedRelease(fields, body_html.sanitise(rendered), tuple(problems))
