"""The release reader: YAML front matter + Markdown body -> Pelican content.

It replaces Pelican's Markdown reader for `.md` files. It never raises on bad
content: problems go into the metadata (see build_checks) and the content gets
harmless placeholder values, so Pelican reads every other file and the build
can report all problems at once before it stops.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass

from markdown import Markdown
from pelican.readers import MarkdownReader

from . import body_html, build_checks, prefetch, schema
from .frontmatter import FrontMatterError, decode, split
from .problems import Problem, display_path

# index.md is the default language; index.zh-hant.md names its own.
_FILE_NAME = re.compile(r"^index(?:\.(?P<lang>[a-z]{2}(?:-[a-z]+)?))?\.md$")
_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def install(readers):
    readers.reader_classes["md"] = ReleaseReader


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


def _render(body: str, settings) -> str:
    # One Markdown object per process, reset between files: building it
    # (extensions, patterns) costs as much as converting a short release.
    key = id(settings["MARKDOWN"])
    markdown = _markdown_by_settings.get(key)
    if markdown is None:
        _markdown_by_settings.clear()
        markdown = _markdown_by_settings[key] = Markdown(**settings["MARKDOWN"])
    return markdown.reset().convert(body)


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
        problems.append(Problem(shown, error.field, error.message))

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


class ReleaseReader(MarkdownReader):
    file_extensions = ["md"]

    def read(self, source_path):
        self._source_path = source_path
        parsed = prefetch.take(source_path) or parse_release(source_path, self.settings)
        return parsed.content, self._metadata(parsed.fields, parsed.content, parsed.problems)

    def _metadata(self, fields: schema.ReleaseFields, content: str, problems) -> dict:
        process = self.process_metadata
        # Placeholders keep Pelican from logging-and-skipping an invalid file:
        # the build stops on the collected problems instead.
        metadata = {
            "title": fields.title or "(untitled)",
            "slug": fields.slug or "invalid",
            "lang": fields.lang,
            "status": "draft" if problems else fields.status,
            "category": process("category", fields.category or "Invalid"),
            "subtitle": fields.subtitle,
            "dateline": fields.dateline,
            "summary": html.escape(fields.summary or lead_paragraph_text(content)),
            "photos": fields.photos,
            "contacts": fields.contacts,
            "about": fields.about,
            "updates": fields.updates,
            # Translations are the files of one folder (not of one slug:
            # 2021/annual-report and 2022/annual-report are two releases).
            "bundle": os.path.dirname(os.path.abspath(self._source_path)),
            build_checks.PROBLEMS_KEY: tuple(problems),
        }
        if fields.date is not None:
            metadata["date"] = fields.date
        else:
            metadata["date"] = process("date", "1970-01-01")
        if fields.tags:
            metadata["tags"] = process("tags", fields.tags)
        if fields.updates:
            metadata["modified"] = fields.updates[-1].date
        return metadata
