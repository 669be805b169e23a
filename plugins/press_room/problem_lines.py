"""The line of a file each problem is on, so a message reads `file:line: …`.

Problems are found far from the text (schema checks on parsed values,
translations compared, photos decoded, URLs compared), so they name a field,
not a line. Before the list is printed, each problem without a line gets the
line of its field in its file: `photos[2].alt` the line of that key, or of the
second photo when the key is missing; a missing key the file's first line; a
body problem the body line that holds what is refused. Files are read again
only when they have a problem, so a clean build never pays for this.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace

from .frontmatter import FileLines, decode, file_lines, yaml_field_lines
from .problems import Problem

# `photos[2].alt` -> `photos[2]` -> `photos`: the nearest field that is written.
_LAST_PART = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")


def _parents(field: str):
    while field:
        yield field
        shorter = _LAST_PART.sub("", field)
        if shorter == field:
            return
        field = shorter


# What each kind of body message refuses, as it is written in Markdown or HTML.
def _body_patterns(message: str) -> list[re.Pattern]:
    mark = re.match(r"still to write \((.+?) …\)", message)
    if mark:  # placeholders.py: the mark itself, where it is in the body
        return [re.compile(re.escape(mark.group(1)))]
    if message.startswith("contains an image"):
        return [re.compile(r"!\[|<img\b", re.I)]
    if message.startswith("contains a level-1 heading"):
        return [re.compile(r"^\s{0,3}#(?!#)|<h1\b", re.I), re.compile(r"^\s{0,3}=+\s*$")]
    tag = re.match(r"contains <([^>]+)>", message)
    if tag:
        return [re.compile(r"<" + re.escape(tag.group(1)) + r"\b", re.I)]
    handler = re.match(r"contains an event handler \(([^=]+)=\)", message)
    if handler:
        return [re.compile(r"\b" + re.escape(handler.group(1)) + r"\s*=", re.I)]
    scheme = re.match(r"links to a (\S+?): address", message)
    if scheme:
        return [re.compile(re.escape(scheme.group(1)) + r"\s*:", re.I)]
    return []


def _body_line(located: FileLines, message: str) -> int:
    for pattern in _body_patterns(message):
        for offset, text in enumerate(located.body):
            if pattern.search(text):
                # A setext heading's underline: the heading is the line above.
                above = 1 if pattern.pattern.startswith(r"^\s{0,3}=") and offset else 0
                return located.body_line + offset - above
    return located.body_line


def _read(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return decode(handle.read())
    except (OSError, ValueError):
        return None


class _Locator:
    def __init__(self):
        self._files: dict[str, FileLines | None] = {}

    def lines_of(self, path: str) -> FileLines | None:
        if path not in self._files:
            text = _read(path)
            if text is None:
                self._files[path] = None
            elif path.endswith((".yml", ".yaml")):
                self._files[path] = FileLines(yaml_field_lines(text), 1, ())
            else:
                self._files[path] = file_lines(text)
        return self._files[path]

    def line(self, problem: Problem) -> int | None:
        if not os.path.isfile(problem.file):
            return None
        located = self.lines_of(problem.file)
        if located is None:
            return 1
        if problem.field == "body":
            return _body_line(located, problem.message)
        for field in _parents(problem.field):
            if field in located.fields:
                return located.fields[field]
        return 1  # a missing key, the file name, the whole file: its first line


def with_lines(problems) -> list[Problem]:
    """`problems`, each with a line where its file can tell one."""
    locator = _Locator()
    located = []
    for problem in problems:
        if problem.line is None:
            line = locator.line(problem)
            if line is not None:
                problem = replace(problem, line=line)
        located.append(problem)
    return located



