"""Manifests, signatures and attachment types, function by function."""

from __future__ import annotations

import minisign
import pytest
from pelican import signals

import press_room
from press_room import attachments, leak_audit, parallel_render
from press_room.trust import manifest, signing, verify
from tests.fixtures.bad_inputs import PHOTO
from tests.fixtures.documents import office, pdf

DIGEST = "ab" * 32


@pytest.mark.parametrize("line, problem", [
    (f"{DIGEST}  ../../etc/passwd", "is not a path inside the site"),
    (f"{DIGEST}  /etc/passwd", "is not a path inside the site"),
    (f"{DIGEST}  releases//x", "is not a path inside the site"),
    (f"{DIGEST} releases/x", "is not '<sha256>  <path>'"),
    (f"{DIGEST[:-2]}  releases/x", "is not '<sha256>  <path>'"),
    (f"{DIGEST.upper()}  releases/x", "is not '<sha256>  <path>'"),
])
def test_manifest_parse_refuses_what_it_never_writes(line, problem):
    with pytest.raises(manifest.ManifestError) as raised:
        manifest.parse(line.encode() + b"\n")
    assert problem in str(raised.value), str(raised.value)


def test_manifest_round_trip_sorted(tmp_path):
    for name in ("b.html", "a/z.pdf", "a/manifest.sha256", "a/y.html.gz"):
        (tmp_path / "r" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "r" / name).write_text(name)
    entries = manifest.build(str(tmp_path), ["r/"])
    assert [e.path for e in entries] == ["r/a/z.pdf", "r/b.html"], entries
    assert manifest.parse(manifest.render(entries)) == entries


@pytest.mark.parametrize("location, root", [
    ("/srv/site/releases/2021/x/", "/srv/site/"),
    ("/room/zh-hant/releases/2021/x/", "/room/"),  # a manifest in a translation's folder
    ("/releases/2021/x/", "/"),
])
def test_site_root_found_from_the_manifests_folder(location, root):
    entries = [manifest.Entry(DIGEST, "releases/2021/x/index.html"),
               manifest.Entry(DIGEST, "zh-hant/releases/2021/x/index.html")]
    assert verify._site_root(location, entries) == root


def test_manifest_of_another_release_is_refused():
    entries = [manifest.Entry(DIGEST, "releases/2021/y/index.html")]
    with pytest.raises(verify.VerifyFailure, match="is for the release in releases/2021/y/"):
        verify._site_root("/srv/site/releases/2021/x/", entries)


def test_signature_is_deterministic_and_minisign_readable():
    key = minisign.KeyPair.generate()
    first = signing.signature_for(b"data\n", key.secret_key, "press release r/ of s: 1 file")
    second = signing.signature_for(b"data\n", key.secret_key, "press release r/ of s: 1 file")
    assert first == second, "two signatures of the same bytes with one key differ"
    signature = minisign.Signature.from_bytes(first)
    key.public_key.verify(b"data\n", signature)  # raises if wrong
    with pytest.raises(minisign.VerifyError):
        key.public_key.verify(b"data!\n", signature)


def test_public_key_text_refused_clearly():
    with pytest.raises(verify.VerifyFailure, match="is not a minisign public key"):
        verify.read_public_key("not a key")


def test_manifests_are_written_after_the_pages_and_before_the_audit():
    """The order of Pelican's `finalized` receivers (Pelican calls them in the
    order they were connected): pages, then manifests, then the leak audit."""
    press_room.register()
    functions = list(signals.finalized.receivers_for(object()))
    order = [functions.index(f) for f in (parallel_render.flush_all, signing.sign_releases,
                                          leak_audit.audit)]
    assert order == sorted(order), f"finalized receivers in order: {functions}"


@pytest.mark.parametrize("data, kind", [
    (pdf(), "PDF"), (office("docx"), "Word"), (office("xlsx"), "Excel"),
    (office("pptx"), "PowerPoint"), (PHOTO, "a JPEG image"), (b"", "empty"),
    (b"PK\x03\x04broken", "a damaged ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-format Office file (.doc/.xls/.ppt)"),
    (b"<html>", "HTML or XML text"), (b"plain", "not a document this site publishes"),
])
def test_content_kind(tmp_path, data, kind):
    path = tmp_path / "file"
    path.write_bytes(data)
    assert attachments.content_kind(str(path)) == kind


@pytest.mark.parametrize("written, published", [
    ("Fact Sheet 2021.PDF", "fact-sheet-2021.pdf"), ("fact_sheet.docx", "fact-sheet.docx"),
    ("Café figures.xlsx", "cafe-figures.xlsx"), ("資料.pdf", "attachment.pdf"),
    ("slides.pptx", "slides.pptx"),
])
def test_published_name(written, published):
    assert attachments.published_name(written) == published
