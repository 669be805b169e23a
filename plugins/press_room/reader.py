"""The release reader: YAML front matter + Markdown body -> Pelican content.

It replaces Pelican's Markdown reader for `.md` files. It never raises on bad
content: problems go into the metadata (see build_checks) and the content gets
harmless placeholder values, so Pelican reads every other file and the build
can report all problems at once before it stops.
"""

from __future__ import annotations

import html
import os

from pelican.readers import MarkdownReader

from . import build_checks, prefetch, schema
from .incremental import release_cache
from .parsing import lead_paragraph_text


def install(readers):
    readers.reader_classes["md"] = ReleaseReader


class ReleaseReader(MarkdownReader):
    file_extensions = ["md"]

    def read(self, source_path):
        self._source_path = source_path
        parsed = prefetch.take(source_path) or release_cache.parse(source_path, self.settings)
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
            # None when the release stands (other modules read it as is).
            "withdrawn": fields.withdrawn,
            "attachments": fields.attachments,
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
