"""Caption, credit and copyright a photographer wrote into the photo itself.

Picture desks and cameras write them as IPTC IIM (the Photoshop APP13 block
of a JPEG: Caption-Abstract 2:120, By-line 2:80, Credit 2:110,
CopyrightNotice 2:116) and as XMP (dc:description, photoshop:Credit,
dc:creator, dc:rights), often both. This reader is pure Python and reads only
those few fields: XMP first (it is Unicode by definition and what current
software writes), IIM for what XMP lacks. It never fails on a damaged or
hostile file: what it cannot read is simply absent.
"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

# A photo's metadata sits in its first megabytes in every format we take
# (HEIC may keep XMP after the pixels: the whole file is read, up to this).
MAX_READ = 64 * 1024 * 1024

_IIM_FIELDS = {120: "caption", 80: "byline", 110: "credit", 116: "copyright"}
_UTF8_MARK = b"\x1b%G"  # IIM 1:90 CodedCharacterSet: UTF-8

_NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
_XMP_START = re.compile(rb"<x:xmpmeta\b|<x:xapmeta\b")
_XMP_END = re.compile(rb"</x:xmpmeta>|</x:xapmeta>")


@dataclass(frozen=True)
class EmbeddedText:
    caption: str = ""
    credit: str = ""
    copyright: str = ""


# --- IPTC IIM in a JPEG's APP13 ---------------------------------------------

def _jpeg_segments(data: bytes):
    """(marker, payload) of each segment before the image data."""
    if not data.startswith(b"\xff\xd8"):
        return
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no more metadata
            return
        (length,) = struct.unpack(">H", data[position + 2:position + 4])
        yield marker, data[position + 4:position + 2 + length]
        position += 2 + length


def _photoshop_iptc(payload: bytes) -> bytes:
    """The IPTC-NAA resource (0x0404) of a Photoshop 3.0 APP13 block."""
    prefix = b"Photoshop 3.0\x00"
    if not payload.startswith(prefix):
        return b""
    position = len(prefix)
    while position + 12 <= len(payload) and payload[position:position + 4] == b"8BIM":
        (resource,) = struct.unpack(">H", payload[position + 4:position + 6])
        name_length = payload[position + 6]
        position += 6 + 1 + name_length + ((1 + name_length) % 2)  # Pascal name, padded even
        if position + 4 > len(payload):
            return b""
        (size,) = struct.unpack(">I", payload[position:position + 4])
        position += 4
        if resource == 0x0404:
            return payload[position:position + size]
        position += size + (size % 2)
    return b""


def _iim_datasets(block: bytes):
    position = 0
    while position + 5 <= len(block) and block[position] == 0x1C:
        record, dataset = block[position + 1], block[position + 2]
        (size,) = struct.unpack(">H", block[position + 3:position + 5])
        position += 5
        if size & 0x8000:  # extended length: the next (size & 0x7FFF) bytes hold it
            count = size & 0x7FFF
            size = int.from_bytes(block[position:position + count], "big")
            position += count
        yield record, dataset, block[position:position + size]
        position += size


def _iim_text(value: bytes, utf8: bool) -> str:
    if utf8:
        return value.decode("utf-8", "replace")
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("cp1252", "replace")


def read_iim(data: bytes) -> dict[str, str]:
    found, raw, utf8 = {}, {}, False
    for marker, payload in _jpeg_segments(data):
        if marker != 0xED:
            continue
        for record, dataset, value in _iim_datasets(_photoshop_iptc(payload)):
            if record == 1 and dataset == 90:
                utf8 = value == _UTF8_MARK
            elif record == 2 and dataset in _IIM_FIELDS:
                raw.setdefault(_IIM_FIELDS[dataset], value)
    for name, value in raw.items():
        text = _clean(_iim_text(value, utf8))
        if text:
            found[name] = text
    return found


# --- XMP packets ---------------------------------------------------------------

def _xmp_packet(data: bytes) -> bytes:
    start = _XMP_START.search(data)
    if not start:
        return b""
    end = _XMP_END.search(data, start.end())
    return data[start.start():end.end()] if end else b""


def _language_alternative(element) -> str:
    """An rdf:Alt's x-default text (or its first), an rdf:Seq/Bag's items
    joined, or the element's own text."""
    items = element.findall("./rdf:Alt/rdf:li", _NS)
    if items:
        for item in items:
            if item.get(f"{{{_NS['xml']}}}lang") == "x-default":
                return item.text or ""
        return items[0].text or ""
    items = element.findall("./rdf:Seq/rdf:li", _NS) + element.findall("./rdf:Bag/rdf:li", _NS)
    if items:
        return ", ".join(item.text or "" for item in items if item.text)
    return element.text or ""


def read_xmp(data: bytes) -> dict[str, str]:
    packet = _xmp_packet(data)
    # No DTDs or entities in XMP: refusing them keeps entity expansion out.
    if not packet or b"<!DOCTYPE" in packet or b"<!ENTITY" in packet:
        return {}
    try:
        root = ElementTree.fromstring(packet)
    except ElementTree.ParseError:
        return {}
    wanted = {"caption": "dc:description", "credit": "photoshop:Credit",
              "byline": "dc:creator", "copyright": "dc:rights"}
    found = {}
    for description in root.iter(f"{{{_NS['rdf']}}}Description"):
        for name, qualified in wanted.items():
            if name in found:
                continue
            prefix, local = qualified.split(":")
            key = f"{{{_NS[prefix]}}}{local}"
            element = description.find(key)
            text = _language_alternative(element) if element is not None else description.get(key)
            text = _clean(text or "")
            if text:
                found[name] = text
    return found


def _clean(text: str) -> str:
    return " ".join(text.replace("\x00", " ").split())


def from_bytes(data: bytes) -> EmbeddedText:
    xmp, iim = read_xmp(data), read_iim(data)

    def first(*names):
        for name in names:
            for source in (xmp, iim):
                if source.get(name):
                    return source[name]
        return ""

    return EmbeddedText(caption=first("caption"), credit=first("credit", "byline"),
                        copyright=first("copyright"))


def read(path: str) -> EmbeddedText:
    """What `path` says about itself; empty fields where it says nothing."""
    try:
        with open(path, "rb") as handle:
            return from_bytes(handle.read(MAX_READ))
    except OSError:
        return EmbeddedText()
