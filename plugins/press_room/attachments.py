"""Attachments: the document types a release may carry, and what is inside.

A fact sheet is published as it is, so its type is checked by its content as
well as its name: a `.pdf` that is really a Word file (or an HTML page saved
with the wrong name) would open as garbage, or not at all, for a journalist.
Office files are ZIP packages whose `[Content_Types].xml` and main part say
which application wrote them.
"""

from __future__ import annotations

import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentType:
    kind: str  # as the page shows it
    mime: str
    main_part: str  # for Office packages: the part only this application writes


TYPES = {
    ".pdf": DocumentType("PDF", "application/pdf", ""),
    ".docx": DocumentType("Word", "application/vnd.openxmlformats-officedocument."
                          "wordprocessingml.document", "word/document.xml"),
    ".xlsx": DocumentType("Excel", "application/vnd.openxmlformats-officedocument."
                          "spreadsheetml.sheet", "xl/workbook.xml"),
    ".pptx": DocumentType("PowerPoint", "application/vnd.openxmlformats-officedocument."
                          "presentationml.presentation", "ppt/presentation.xml"),
}
EXTENSIONS = tuple(TYPES)
# What a mislabelled file often is, to say so in the error.
_OTHER_MAGIC = (
    (b"\xd0\xcf\x11\xe0", "an old-format Office file (.doc/.xls/.ppt)"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG", "a PNG image"),
    (b"<", "HTML or XML text"),
    (b"{\\rtf", "RTF text"),
)
_UNSAFE = re.compile(r"[^a-z0-9]+")


def content_kind(path: str) -> str:
    """What the file's bytes are, in a writer's words ("PDF", "Word", "a ZIP
    archive", "not a document this site publishes")."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"%PDF-"):
        return "PDF"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as package:
                names = set(package.namelist())
        except (zipfile.BadZipFile, OSError):
            return "a damaged ZIP archive"
        if "[Content_Types].xml" in names:
            for document in TYPES.values():
                if document.main_part and document.main_part in names:
                    return document.kind
        return "a ZIP archive"
    for magic, kind in _OTHER_MAGIC:
        if head.startswith(magic):
            return kind
    if not head:
        return "empty"
    return "not a document this site publishes"


def published_name(file_name: str) -> str:
    """The file's name in the release's URL: lower-case letters, digits and
    hyphens, and its extension (`Fact Sheet 2021.PDF` -> `fact-sheet-2021.pdf`)."""
    stem, extension = os.path.splitext(os.path.basename(file_name))
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = _UNSAFE.sub("-", ascii_stem.lower()).strip("-") or "attachment"
    return f"{slug}{extension.lower()}"
