"""The press kit: one ZIP of a release's hi-res photos, captions and text.

The archive is deterministic — fixed timestamps, permissions and member order
— so two builds give the same bytes and hosts/CDNs keep their caches. JPEGs
are stored (they do not compress); text is deflated.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import dataclass

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time ZIP can record


@dataclass(frozen=True)
class Member:
    name: str
    source_file: str | None = None  # bytes from this file…
    text: str | None = None  # …or this text


def captions_text(entries) -> str:
    """`entries`: (file name, caption, credit) per photo."""
    blocks = []
    for name, caption, credit in entries:
        lines = [name, f"Caption: {caption}"]
        if credit:
            lines.append(f"Credit: {credit}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _member_bytes(member: Member) -> bytes:
    if member.text is not None:
        return member.text.encode("utf-8")
    with open(member.source_file, "rb") as handle:
        return handle.read()


def kit_key(members) -> str:
    """Names and contents, without reading the photos: a cached photo's file
    name already is the hash of what shaped it."""
    digest = hashlib.sha256()
    for member in members:
        digest.update(member.name.encode() + b"\0")
        if member.text is not None:
            digest.update(hashlib.sha256(member.text.encode("utf-8")).digest())
        else:
            digest.update(os.path.basename(member.source_file).encode() + b"\0")
    return digest.hexdigest()


def write_zip(path: str, members) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    with zipfile.ZipFile(temporary, "w") as archive:
        for member in members:
            info = zipfile.ZipInfo(member.name, date_time=FIXED_TIME)
            info.create_system = 3  # Unix, whatever machine builds it
            info.external_attr = 0o644 << 16
            is_text = member.text is not None
            info.compress_type = zipfile.ZIP_DEFLATED if is_text else zipfile.ZIP_STORED
            archive.writestr(info, _member_bytes(member))
    os.replace(temporary, path)


def build(members, cache_dir: str) -> str:
    """The cached ZIP for these members (written if missing); returns its path."""
    key = kit_key(members)
    path = os.path.join(cache_dir, key[:2], f"{key}.zip")
    if not os.path.exists(path):
        write_zip(path, members)
    return path
