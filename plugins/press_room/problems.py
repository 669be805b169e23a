"""Content problems: one line each, naming the file, the field and the fix.

Validation never raises on the first problem: it records every problem it
finds so that one build reports all of them, and the build stops afterwards
(see build_checks).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    field: str
    message: str
    # The file's line the problem is on (1-based), where one is known.
    # Not compared: the same problem found with and without its line is one.
    line: int | None = field(default=None, compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}"


def in_display_order(problems) -> list[Problem]:
    """Grouped by file, each file's problems from its top down (problems
    without a line first, in the order they were found)."""
    return sorted(problems, key=lambda p: (p.file, p.line or 0))


class ContentError(Exception):
    """Raised once, after all problems are collected; Pelican exits 1 on it."""


def display_path(path: str | os.PathLike) -> str:
    """A path as the writer knows it: relative to the working directory.

    The team runs `make` from the repository root, so
    `content/releases/2021/x/index.md` is what they can open in an editor.
    """
    path = os.path.abspath(path)
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative
