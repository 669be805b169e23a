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
    lead: bool = False
    # Filled in by the photo pipeline before any page is rendered.
    renditions: list[Rendition] = field(default_factory=list)
    download: Rendition | None = None

    @property
    def default(self) -> Rendition:
        """The `src` fallback: the rendition closest to a typical column width."""
        return min(self.renditions, key=lambda r: abs(r.width - 960))

    @property
    def thumbnail(self) -> Rendition:
        return self.renditions[0]

    @property
    def srcset_renditions(self) -> list[Rendition]:
        return self.renditions


@dataclass(frozen=True)
class Update:
    date: datetime
    note: str
