"""Source photo digests remembered between builds: reused only while the file
is provably the same, read again whenever it may not be."""

from __future__ import annotations

import hashlib
import os

from press_room.source_digests import FILE_NAME, SourceDigests


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _remembered(cache, path):
    """A new build's view: a fresh instance reading the saved record."""
    digests = SourceDigests(str(cache))
    return digests.digest(str(path)), digests.read


def test_an_unchanged_file_is_not_read_again(tmp_path):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"original pixels")
    first = SourceDigests(str(tmp_path / "cache"))
    assert first.digest(str(photo)) == _sha(b"original pixels") and first.read == 1
    assert first.digest(str(photo)) == _sha(b"original pixels") and first.read == 1
    first.save()
    assert _remembered(tmp_path / "cache", photo) == (_sha(b"original pixels"), 0)


def test_same_size_and_mtime_but_new_bytes_is_read_again(tmp_path):
    # An editor that keeps the size and puts the old modification time back
    # still changes the ctime: the digest must follow the bytes.
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"AAAA")
    before = os.stat(photo)
    first = SourceDigests(str(tmp_path / "cache"))
    first.digest(str(photo))
    first.save()
    photo.write_bytes(b"BBBB")
    os.utime(photo, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert _remembered(tmp_path / "cache", photo) == (_sha(b"BBBB"), 1)


def test_a_replaced_file_is_read_again(tmp_path):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"first")
    first = SourceDigests(str(tmp_path / "cache"))
    first.digest(str(photo))
    first.save()
    replacement = tmp_path / "new.jpg"
    replacement.write_bytes(b"other")
    os.replace(replacement, photo)
    assert _remembered(tmp_path / "cache", photo) == (_sha(b"other"), 1)


def test_an_unreadable_record_means_reading_everything(tmp_path):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"pixels")
    cache = tmp_path / "cache"
    cache.mkdir()
    for garbage in ("{not json", '{"format": 1, "files": []}', '["a list"]', ""):
        (cache / FILE_NAME).write_text(garbage)
        assert _remembered(cache, photo) == (_sha(b"pixels"), 1), garbage


def test_only_this_builds_sources_are_remembered(tmp_path):
    kept, dropped = tmp_path / "kept.jpg", tmp_path / "dropped.jpg"
    kept.write_bytes(b"kept")
    dropped.write_bytes(b"dropped")
    first = SourceDigests(str(tmp_path / "cache"))
    first.digest(str(kept))
    first.digest(str(dropped))
    first.save()
    second = SourceDigests(str(tmp_path / "cache"))
    second.digest(str(kept))
    second.save()
    record = (tmp_path / "cache" / FILE_NAME).read_text()
    assert str(kept) in record and str(dropped) not in record, record
