"""Plain objects that templates receive for a release's structured fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Rendition:
    """One encoded file of a photo, as published."""

    url: str  # relative to SITEURL
    width: int
    height: int
    bytes: int = 0
    mime: str = "image/jpeg"


@dataclass
class Photo:
    file: str  # as written in front matter, relative to the bundle
    source: str  # absolute path of the original
    caption: str
    alt: str
    credit: str = ""
    # Embedded in the download as its rights; the site's copyright when empty.
    copyright: str = ""
    lead: bool = False
    # Its place in the front matter's photos list (1-based), for messages.
    written_index: int = 0
    # Filled in by the photo pipeline before any page is rendered.
    renditions: list[Rendition] = field(default_factory=list)  # JPEG, the fallback
    sources: dict[str, list[Rendition]] = field(default_factory=dict)  # by format
    download: Rendition | None = None
    crops: dict[str, Rendition] = field(default_factory=dict)  # "16x9" -> lead photo crop

    @property
    def default(self) -> Rendition:
        """The `src` fallback: the rendition closest to a typical column width."""
        return min(self.renditions, key=lambda r: abs(r.width - 960))

    @property
    def thumbnail(self) -> Rendition:
        return self.renditions[0]

    @property
    def modern_sources(self) -> list[list[Rendition]]:
        """AVIF/WebP renditions for <source> elements, best format first."""
        return [renditions for fmt, renditions in self.sources.items() if fmt != "jpeg"]


@dataclass(frozen=True)
class Update:
    date: datetime
    note: str


@dataclass(frozen=True)
class Withdrawal:
    """`withdrawn: {date, note}`: the page stays, with this notice; listings
    and feeds drop the release."""

    date: datetime
    note: str


@dataclass
class Attachment:
    """A fact sheet or other document published with a release."""

    file: str  # as written in front matter, relative to the bundle
    source: str  # absolute path in the bundle
    title: str
    name: str  # the published file name (stable: the same for every build)
    kind: str  # "PDF", "Word", "Excel", "PowerPoint"
    mime: str
    bytes: int
    url: str = ""  # relative to SITEURL; set by the generator
