"""The photo metadata a picture desk reads: IPTC IIM and XMP, in agreement.

Every high-resolution download carries the same facts twice, as the IPTC's
guidance asks: as XMP (an APP1 segment; what current software reads) and as
an IPTC IIM block inside Photoshop's image resources (an APP13 segment; what
many picture-desk tools and older DAM workflows read). Both are built here
from one `PhotoMetadata`, so they cannot drift apart:

| fact | IIM dataset | XMP property |
|---|---|---|
| caption | 2:120 Caption-Abstract | dc:description |
| credit | 2:110 Credit | photoshop:Credit |
| copyright | 2:116 CopyrightNotice | dc:rights |
| title (the download's name) | 2:05 ObjectName | dc:title |
| date | 2:55 DateCreated, 2:60 TimeCreated | photoshop:DateCreated |
| language | 2:135 LanguageIdentifier | dc:language, xml:lang |
| usage terms, their page | — | xmpRights:UsageTerms, xmpRights:WebStatement |
| alt text | — | Iptc4xmpCore:AltTextAccessibility |

The IIM block declares UTF-8 (1:90 CodedCharacterSet = ESC % G), so Chinese
text travels as it is. IIM limits each field's length in bytes; a longer
value is cut at a character boundary (XMP, unlimited, keeps it whole: the
IPTC's guidance for when the two cannot agree). The image resources also
hold the IIM block's MD5 (resource 0x0425, IPTCDigest), which tells readers
that the IIM and the XMP were written together and are in sync.

Both segments go where Pillow puts its own: right after the JFIF header,
the IIM resources first, then the XMP (Pillow writes its `extra=` bytes and
then its `xmp=` packet). So `with_metadata()` can splice them into JPEG
bytes encoded without metadata and give the very bytes Pillow writes when
encoding with them: a translated release's downloads are encoded once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape, quoteattr


@dataclass(frozen=True)
class PhotoMetadata:
    caption: str
    credit: str
    rights: str  # the copyright notice
    title: str  # a short reference: the download's file name, without .jpg
    created: datetime  # aware: the release's date (EXIF, removed, had the camera's)
    language: str  # BCP 47, as the page's <html lang>
    usage_terms: str = ""
    web_statement: str = ""  # the "Use of photos" page's URL
    alt: str = ""


# IIM's limits, in bytes (IPTC-NAA IIM 4.2, record 2).
IIM_LIMITS = {"ObjectName": 64, "Credit": 32, "CopyrightNotice": 128,
              "Caption-Abstract": 2000}
_UTF8 = b"\x1b%G"  # ISO 2022 escape sequence: "UTF-8 follows"
_RECORD_VERSION = (4).to_bytes(2, "big")


def fit(text: str, limit: int) -> bytes:
    """`text` as UTF-8, cut to `limit` bytes without splitting a character."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return data
    return data[:limit].decode("utf-8", errors="ignore").encode("utf-8")


def cut_in_iim(meta: PhotoMetadata) -> list[tuple[str, int, int]]:
    """The front-matter fields IIM must cut: (field, its bytes, IIM's limit)."""
    cut = []
    for field, text, limit in (("caption", meta.caption, IIM_LIMITS["Caption-Abstract"]),
                               ("credit", meta.credit, IIM_LIMITS["Credit"])):
        size = len(text.encode("utf-8"))
        if size > limit:
            cut.append((field, size, limit))
    return cut


def _dataset(record: int, number: int, value: bytes) -> bytes:
    if len(value) > 0x7FFF:
        raise ValueError(f"IIM dataset {record}:{number} too long ({len(value)} bytes)")
    return b"\x1c" + bytes((record, number)) + len(value).to_bytes(2, "big") + value


def iim_date_time(moment: datetime) -> tuple[bytes, bytes]:
    """DateCreated CCYYMMDD and TimeCreated HHMMSS±HHMM, in the moment's own offset."""
    offset = moment.strftime("%z") or "+0000"
    return moment.strftime("%Y%m%d").encode(), (moment.strftime("%H%M%S") + offset).encode()


def iim_language(language: str) -> bytes:
    """IIM's LanguageIdentifier is ISO 639 (two or three letters): the primary subtag."""
    return language.split("-")[0].lower().encode("ascii")


def iim_block(meta: PhotoMetadata) -> bytes:
    """The IIM datasets: envelope (version, UTF-8) and application record."""
    date, time = iim_date_time(meta.created)
    datasets = [
        _dataset(1, 0, _RECORD_VERSION),  # EnvelopeRecordVersion
        _dataset(1, 90, _UTF8),  # CodedCharacterSet
        _dataset(2, 0, _RECORD_VERSION),  # ApplicationRecordVersion
        _dataset(2, 5, fit(meta.title, IIM_LIMITS["ObjectName"])),
        _dataset(2, 55, date),  # DateCreated
        _dataset(2, 60, time),  # TimeCreated
    ]
    if meta.credit:
        datasets.append(_dataset(2, 110, fit(meta.credit, IIM_LIMITS["Credit"])))
    if meta.rights:
        datasets.append(_dataset(2, 116, fit(meta.rights, IIM_LIMITS["CopyrightNotice"])))
    datasets.append(_dataset(2, 120, fit(meta.caption, IIM_LIMITS["Caption-Abstract"])))
    datasets.append(_dataset(2, 135, iim_language(meta.language)))
    return b"".join(datasets)


def _resource(resource_id: int, data: bytes) -> bytes:
    """One Photoshop image resource: '8BIM', id, empty Pascal name, size, data (even)."""
    padding = b"\x00" * (len(data) % 2)
    return (b"8BIM" + resource_id.to_bytes(2, "big") + b"\x00\x00"
            + len(data).to_bytes(4, "big") + data + padding)


PHOTOSHOP_SIGNATURE = b"Photoshop 3.0\x00"  # what names an APP13 segment as image resources
XMP_SIGNATURE = b"http://ns.adobe.com/xap/1.0/\x00"  # what names an APP1 segment as XMP
MAX_SEGMENT = 65533  # a JPEG segment's payload, its 2-byte length field included


def _segment(marker: bytes, payload: bytes) -> bytes:
    if len(payload) + 2 > MAX_SEGMENT:
        raise ValueError(f"JPEG segment too long ({len(payload)} bytes)")
    return marker + (len(payload) + 2).to_bytes(2, "big") + payload


def iim_segment(meta: PhotoMetadata) -> bytes:
    """The APP13 segment: the IIM block (resource 0x0404) and its MD5 (0x0425)."""
    block = iim_block(meta)
    resources = _resource(0x0404, block) + _resource(0x0425, hashlib.md5(block).digest())
    return _segment(b"\xff\xed", PHOTOSHOP_SIGNATURE + resources)


def _alt(text: str, language: str) -> str:
    """An XMP language alternative: x-default first, then the same text tagged."""
    value = escape(text)
    return ("<rdf:Alt>"
            f'<rdf:li xml:lang="x-default">{value}</rdf:li>'
            f"<rdf:li xml:lang={quoteattr(language)}>{value}</rdf:li>"
            "</rdf:Alt>")


def xmp_date(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "Iptc4xmpCore": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
}


def xmp_packet(meta: PhotoMetadata) -> bytes:
    """The IPTC Core properties as one XMP packet (UTF-8)."""
    lang = meta.language
    properties = [
        f"<dc:title>{_alt(meta.title, lang)}</dc:title>",
        f"<dc:description>{_alt(meta.caption, lang)}</dc:description>",
        f"<dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>",
    ]
    if meta.rights:
        properties.append(f"<dc:rights>{_alt(meta.rights, lang)}</dc:rights>")
    if meta.credit:
        properties.append(f"<photoshop:Credit>{escape(meta.credit)}</photoshop:Credit>")
    properties.append(f"<photoshop:DateCreated>{xmp_date(meta.created)}</photoshop:DateCreated>")
    if meta.rights:
        properties.append("<xmpRights:Marked>True</xmpRights:Marked>")  # copyrighted
    if meta.usage_terms:
        properties.append(f"<xmpRights:UsageTerms>{_alt(meta.usage_terms, lang)}"
                          "</xmpRights:UsageTerms>")
    if meta.web_statement:
        properties.append(f"<xmpRights:WebStatement>{escape(meta.web_statement)}"
                          "</xmpRights:WebStatement>")
    if meta.alt:
        properties.append(f"<Iptc4xmpCore:AltTextAccessibility>{_alt(meta.alt, lang)}"
                          "</Iptc4xmpCore:AltTextAccessibility>")
    declarations = "".join(f" xmlns:{prefix}={quoteattr(uri)}"
                           for prefix, uri in NAMESPACES.items())
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about=""{declarations}>'
        + "".join(properties)
        + "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode("utf-8")


def xmp_segment(xmp: bytes) -> bytes:
    return _segment(b"\xff\xe1", XMP_SIGNATURE + xmp)


def with_metadata(jpeg: bytes, xmp: bytes, iim: bytes) -> bytes | None:
    """`jpeg` with the IIM segment `iim` and the XMP packet `xmp` where
    Pillow puts them (after SOI and the JFIF APP0): the same bytes as
    encoding with `extra=iim, xmp=xmp`, without encoding again. None when
    the packet does not fit one segment or the bytes are not a JPEG."""
    if jpeg[:2] != b"\xff\xd8" or len(XMP_SIGNATURE + xmp) + 2 > MAX_SEGMENT:
        return None
    at = 2
    if jpeg[2:4] == b"\xff\xe0":
        at = 4 + int.from_bytes(jpeg[4:6], "big")
    inserted = iim + (xmp_segment(xmp) if xmp else b"")
    return jpeg[:at] + inserted + jpeg[at:]
