"""The IIM block and XMP packet of a download, built from one PhotoMetadata."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

import pytest
from press_room.photo_metadata import (IIM_LIMITS, NAMESPACES, PhotoMetadata, fit, iim_block,
                                       iim_date_time, xmp_packet)

HONG_KONG = timezone(timedelta(hours=8))


def metadata(**changes) -> PhotoMetadata:
    values = dict(caption="A caption", credit="Credit", rights="© Org", title="slug-photo-1",
                  created=datetime(2021, 11, 26, 10, 0, 5, tzinfo=HONG_KONG), language="en",
                  usage_terms="Terms", web_statement="https://x.test/use-of-photos/",
                  alt="Alt text")
    values.update(changes)
    return PhotoMetadata(**values)


def datasets(block: bytes) -> dict[tuple[int, int], bytes]:
    """Parse IIM datasets (0x1C, record, number, 2-byte length, value)."""
    found, at = {}, 0
    while at < len(block):
        assert block[at] == 0x1C, f"no tag marker at byte {at}: {block[at:at + 8]!r}"
        record, number = block[at + 1], block[at + 2]
        length = int.from_bytes(block[at + 3:at + 5], "big")
        found[(record, number)] = block[at + 5:at + 5 + length]
        at += 5 + length
    return found


def test_iim_declares_utf8_and_carries_each_field():
    found = datasets(iim_block(metadata(caption="圖片說明 — caption")))
    assert found[(1, 90)] == b"\x1b%G", found
    assert found[(2, 120)].decode("utf-8") == "圖片說明 — caption"
    assert found[(2, 110)] == b"Credit" and found[(2, 116)].decode() == "© Org"
    assert found[(2, 5)] == b"slug-photo-1"
    assert (found[(2, 55)], found[(2, 60)]) == (b"20211126", b"100005+0800")
    assert found[(2, 135)] == b"en"


def test_iim_leaves_out_an_empty_credit_or_copyright():
    found = datasets(iim_block(metadata(credit="", rights="")))
    assert (2, 110) not in found and (2, 116) not in found, found


@pytest.mark.parametrize("text, limit", [
    ("說" * 1000, 2000),  # 3000 bytes of Chinese: cut, never mid-character
    ("a" * 40, 32),
    ("ab說", 4),
])
def test_fit_cuts_at_a_character_boundary(text, limit):
    data = fit(text, limit)
    assert len(data) <= limit and text.startswith(data.decode("utf-8")), (len(data), data[-6:])
    assert len(data) > limit - 4, f"cut more than one character: {len(data)} of {limit}"


def test_a_long_caption_is_cut_in_iim_and_whole_in_xmp():
    caption = "長" * 2000
    found = datasets(iim_block(metadata(caption=caption)))
    assert len(found[(2, 120)]) <= IIM_LIMITS["Caption-Abstract"]
    assert caption in xmp_packet(metadata(caption=caption)).decode("utf-8")


def test_time_created_keeps_the_offset():
    assert iim_date_time(datetime(2021, 1, 2, 3, 4, 5, tzinfo=timezone.utc)) == (
        b"20210102", b"030405+0000")


def test_xmp_packet_escapes_text_and_carries_iptc_core():
    packet = xmp_packet(metadata(caption='Caption with <markup> & "quotes"',
                                 language="zh-Hant-HK")).decode("utf-8")
    root = ET.fromstring(packet[packet.index("<x:xmpmeta"): packet.index("</x:xmpmeta>") + 12])
    ns = {**NAMESPACES, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
    items = root.findall(".//dc:description//rdf:li", ns)
    assert [(li.get("{http://www.w3.org/XML/1998/namespace}lang"), li.text) for li in items] == [
        ("x-default", 'Caption with <markup> & "quotes"'),
        ("zh-Hant-HK", 'Caption with <markup> & "quotes"')], packet
    assert root.find(".//photoshop:Credit", ns).text == "Credit"
    assert root.find(".//dc:rights//rdf:li", ns).text == "© Org"
    assert root.find(".//xmpRights:WebStatement", ns).text == "https://x.test/use-of-photos/"
    assert root.find(".//xmpRights:UsageTerms//rdf:li", ns).text == "Terms"
    assert root.find(".//photoshop:DateCreated", ns).text == "2021-11-26T10:00:05+08:00"
    assert root.find(".//Iptc4xmpCore:AltTextAccessibility//rdf:li", ns).text == "Alt text"


def test_fields_iim_must_cut_are_named_with_their_sizes():
    from press_room.photo_metadata import cut_in_iim

    assert cut_in_iim(metadata()) == []
    long_credit = "替代圖片（生成）；真實照片由香港科技園公司提供"  # 23 characters, 69 bytes
    assert cut_in_iim(metadata(credit=long_credit, caption="說" * 700)) == [
        ("caption", 2100, 2000), ("credit", 69, 32)]
