"""The publish build's self-audit: no trace of a withheld release in output/.

After every file is written, each file of the output (ZIP members and
gzip-compressed files opened up) is searched for the withheld releases'
slugs in URLs, titles, subtitles, distinctive body sentences (as written and
as HTML/JSON escape them) and for the exact bytes of their photos and
attachments. One hit fails the build, listing every leaking file; `make
publish` then leaves the previous output in place.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import io
import json
import os
import re
import sys
import zipfile
from dataclasses import dataclass

from .problems import ContentError, display_path
from .release_text import html_to_paragraphs

# Chinese ends a sentence with a full-width mark and no space after it.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])\s*")
SENTENCES_PER_RELEASE = 3
MIN_SENTENCE_WORDS = 6
# Chinese has no spaces between words: a sentence counts by its characters.
MIN_CJK_SENTENCE_CHARACTERS = 15
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Pagefind stores Chinese text with a zero-width space between the words it
# segmented: a withheld Chinese sentence in the index reads with them removed.
_WORD_JOINERS = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060"))
# Shorter texts (a one-word title) would match innocent pages.
MIN_NEEDLE_CHARACTERS = 12


class LeakError(ContentError):
    """A withheld release left a trace in the publish output."""


@dataclass(frozen=True)
class Trace:
    release: str  # display path of the withheld file
    what: str  # "title", "slug", "body sentence", "photo"…
    needle: str = ""  # text to find…
    digest: str = ""  # …or the sha256 of bytes to find


def distinctive_sentences(content_html: str) -> list[str]:
    """The longest sentences of a body: unlikely to occur in any other release."""
    sentences = []
    for paragraph in html_to_paragraphs(content_html):
        sentences += [s.strip() for s in _SENTENCE_END.split(paragraph)]
    long_enough = [s for s in sentences if len(s.split()) >= MIN_SENTENCE_WORDS
                   or len(_CJK.findall(s)) >= MIN_CJK_SENTENCE_CHARACTERS]
    return sorted(long_enough, key=len, reverse=True)[:SENTENCES_PER_RELEASE]


def escaped_forms(text: str) -> set[str]:
    """How a text may appear in HTML, XML and JSON output."""
    return {text, html.escape(text), html.escape(text, quote=False),
            json.dumps(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1]}


def traces_of(article) -> list[Trace]:
    release = display_path(article.source_path)
    traces = [Trace(release, "URL slug", f"/{article.slug}/")]
    for what, text in (("title", article.title), ("subtitle", getattr(article, "subtitle", ""))):
        if len(text or "") >= MIN_NEEDLE_CHARACTERS:
            traces += [Trace(release, what, form) for form in escaped_forms(text)]
    for sentence in distinctive_sentences(article.content):
        traces += [Trace(release, "body sentence", form) for form in escaped_forms(sentence)]
    for photo in getattr(article, "photos", []) or []:
        with open(photo.source, "rb") as handle:
            digest = hashlib.sha256(handle.read()).hexdigest()
        traces.append(Trace(release, f"photo {photo.file}", digest=digest))
    for attachment in getattr(article, "attachments", []) or []:
        with open(attachment.source, "rb") as handle:
            digest = hashlib.sha256(handle.read()).hexdigest()
        traces.append(Trace(release, f"attachment {attachment.file}", digest=digest))
    return traces


def _readable_parts(name: str, data: bytes):
    """(label, bytes) of a file and of what it contains once unpacked."""
    yield name, data
    if data[:2] == b"\x1f\x8b":
        try:
            yield from _readable_parts(f"{name} (gunzipped)", gzip.decompress(data))
        except (OSError, EOFError):
            pass
    elif data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.namelist():
                    yield from _readable_parts(f"{name}:{member}", archive.read(member))
        except zipfile.BadZipFile:
            pass


def find_leaks(output_path: str, traces: list[Trace]) -> list[str]:
    texts = [t for t in traces if t.needle]
    digests = {t.digest: t for t in traces if t.digest}
    leaks = []
    for folder, _, files in os.walk(output_path):
        for file_name in sorted(files):
            path = os.path.join(folder, file_name)
            relative = os.path.relpath(path, output_path)
            with open(path, "rb") as handle:
                data = handle.read()
            for label, part in _readable_parts(relative, data):
                trace = digests.get(hashlib.sha256(part).hexdigest())
                if trace:
                    leaks.append(f"{label}: the {trace.what} of {trace.release}")
                text = part.decode("utf-8", errors="ignore")
                joined = text.translate(_WORD_JOINERS)
                for trace in texts:
                    if trace.needle in text or trace.needle in joined or trace.needle in label:
                        leaks.append(f"{label}: the {trace.what} of {trace.release}")
                        break
    return sorted(set(leaks))


def audit(pelican):
    """Pelican's `finalized` signal: in a publish build, fail on any leak."""
    settings = pelican.settings
    if not settings.get("PRESS_ROOM_PUBLISH"):
        return
    withheld = settings.get("PRESS_ROOM_WITHHELD", [])
    traces = [trace for article in withheld for trace in traces_of(article)]
    leaks = find_leaks(pelican.output_path, traces)
    if leaks:
        print("\n".join(f"LEAK {line}" for line in leaks), file=sys.stderr)
        raise LeakError(f"{len(leaks)} trace(s) of withheld releases in {pelican.output_path} "
                        "(listed above): this output must not be published")
