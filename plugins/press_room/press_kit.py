"""The press kit: one ZIP of a release's hi-res photos, captions and text.

The archive is deterministic — every member dated with the release's own
publication time (not the build's clock), regular-file permissions, a fixed
member order — so two builds give the same bytes and hosts/CDNs keep their
caches, while an unzipped photo still shows when the release came out. JPEGs
are stored (they do not compress); text is deflated. The labels of the text
files come in the release's language (the theme's gettext catalogs).
"""

from __future__ import annotations

import gettext
import hashlib
import os
import stat
import zipfile
from dataclasses import dataclass
from datetime import datetime

EARLIEST_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time ZIP can record
# Unix mode of every member: a regular file (S_IFREG), rw-r--r--. Without the
# file-type bits some unzip tools create members as unknown file types.
MEMBER_MODE = stat.S_IFREG | 0o644


@dataclass(frozen=True)
class Member:
    name: str
    source_file: str | None = None  # bytes from this file…
    text: str | None = None  # …or this text


def zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    """A ZIP member's time (local, no zone, even seconds) for `moment`, as the
    newsroom's clock showed it; never before what ZIP can record."""
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute,
             moment.second - moment.second % 2)
    return max(stamp, EARLIEST_TIME)


def captions_text(entries, translations: gettext.NullTranslations | None = None) -> str:
    """`entries`: (file name, caption, credit) per photo; labels in the
    language of `translations` (English without)."""
    words = translations or gettext.NullTranslations()
    blocks = []
    for name, caption, credit in entries:
        lines = [name, words.gettext("Caption: %(caption)s") % {"caption": caption}]
        if credit:
            lines.append(words.gettext("Credit: %(credit)s") % {"credit": credit})
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _member_bytes(member: Member) -> bytes:
    if member.text is not None:
        return member.text.encode("utf-8")
    with open(member.source_file, "rb") as handle:
        return handle.read()


def kit_key(members, date_time=EARLIEST_TIME) -> str:
    """Names, contents and date, without reading the photos: a cached photo's
    file name already is the hash of what shaped it."""
    digest = hashlib.sha256()
    digest.update(repr(tuple(date_time)).encode() + b"\0")
    for member in members:
        digest.update(member.name.encode() + b"\0")
        if member.text is not None:
            digest.update(hashlib.sha256(member.text.encode("utf-8")).digest())
        else:
            digest.update(os.path.basename(member.source_file).encode() + b"\0")
    return digest.hexdigest()


def write_zip(path: str, members, date_time=EARLIEST_TIME) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    with zipfile.ZipFile(temporary, "w") as archive:
        for member in members:
            info = zipfile.ZipInfo(member.name, date_time=tuple(date_time))
            info.create_system = 3  # Unix, whatever machine builds it
            info.external_attr = MEMBER_MODE << 16
            is_text = member.text is not None
            info.compress_type = zipfile.ZIP_DEFLATED if is_text else zipfile.ZIP_STORED
            archive.writestr(info, _member_bytes(member))
    os.replace(temporary, path)


def build(members, cache_dir: str, date_time=EARLIEST_TIME) -> str:
    """The cached ZIP for these members (written if missing); returns its path.
    `date_time`: every member's time (zip_time of the release's date)."""
    key = kit_key(members, date_time)
    path = os.path.join(cache_dir, key[:2], f"{key}.zip")
    if not os.path.exists(path):
        write_zip(path, members, date_time)
    return path
