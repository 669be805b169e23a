"""The photo's own caption, credit and copyright, as our reader finds them
in files written by exiftool (and read back by exiftool, to confirm them)."""

from __future__ import annotations

import pytest

from press_room import embedded_metadata
from press_room.authoring import photo_facts
from tests.fixtures.camera_photos import heic, jpeg, read_tags, write_iim, write_xmp


def test_iptc_iim_caption_credit_and_copyright(tmp_path):
    photo = write_iim(jpeg(tmp_path / "iim.jpg"), caption="Dr Chai at the 香港 INNOPARK",
                      byline="Jane Lee", credit="HKSTP", copyright="© HKSTP 2026")
    tags = read_tags(photo)
    assert tags.get("IPTC:Caption-Abstract") == "Dr Chai at the 香港 INNOPARK", tags
    assert "XMP:Description" not in tags and "XMP-dc:Description" not in tags, tags

    found = embedded_metadata.read(str(photo))
    assert found == embedded_metadata.EmbeddedText(
        caption="Dr Chai at the 香港 INNOPARK", credit="HKSTP", copyright="© HKSTP 2026"), found


def test_iim_by_line_is_the_credit_when_no_credit_is_written(tmp_path):
    photo = write_iim(jpeg(tmp_path / "byline.jpg"), caption="A caption", byline="Jane Lee")
    assert read_tags(photo).get("IPTC:By-line") == "Jane Lee"
    assert embedded_metadata.read(str(photo)).credit == "Jane Lee"


def test_xmp_description_credit_and_rights(tmp_path):
    photo = write_xmp(jpeg(tmp_path / "xmp.jpg"), description="Robots on the MARS line",
                      credit="HKSTP / Jane Lee", rights="© HKSTP 2026")
    tags = read_tags(photo)
    assert tags.get("XMP-dc:Description") == "Robots on the MARS line", tags
    assert not any(key.startswith("IPTC:") for key in tags), tags

    found = embedded_metadata.read(str(photo))
    assert (found.caption, found.credit, found.copyright) == (
        "Robots on the MARS line", "HKSTP / Jane Lee", "© HKSTP 2026"), found


def test_xmp_wins_over_iim_field_by_field(tmp_path):
    photo = write_iim(jpeg(tmp_path / "both.jpg"), caption="IIM caption", credit="IIM credit",
                      copyright="IIM copyright")
    write_xmp(photo, description="XMP caption")
    found = embedded_metadata.read(str(photo))
    assert (found.caption, found.credit, found.copyright) == (
        "XMP caption", "IIM credit", "IIM copyright"), found


def test_a_photo_without_metadata_has_none(tmp_path):
    assert embedded_metadata.read(str(jpeg(tmp_path / "plain.jpg"))) == \
        embedded_metadata.EmbeddedText()


@pytest.mark.parametrize("data", [
    b"", b"\xff\xd8", b"\xff\xd8\xff\xed\x00\x10Photoshop 3.0\x008BIM\x04\x04",
    b"\xff\xd8\xff\xed\xff\xffPhotoshop 3.0\x00" + b"8BIM\x04\x04\x00\x00\xff\xff\xff\xff",
    b"<x:xmpmeta><!DOCTYPE x [<!ENTITY a 'b'>]></x:xmpmeta>",
    b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><unclosed></x:xmpmeta>",
], ids=["empty", "jpeg start only", "truncated APP13", "huge lengths", "xml entities",
        "broken xml"])
def test_damaged_or_hostile_metadata_is_simply_absent(data):
    assert embedded_metadata.from_bytes(data) == embedded_metadata.EmbeddedText()


def test_capture_time_from_jpeg_and_heic(tmp_path):
    shot = photo_facts.capture_time(str(jpeg(tmp_path / "a.jpg", taken="2026:11:30 09:12:05")))
    assert shot is not None and shot.isoformat() == "2026-11-30T09:12:05", shot
    phone = photo_facts.capture_time(str(heic(tmp_path / "b.heic", taken="2026:11:30 08:00:00")))
    assert phone is not None and phone.isoformat() == "2026-11-30T08:00:00", phone
    assert photo_facts.capture_time(str(jpeg(tmp_path / "c.jpg"))) is None
