"""Shared by the machine-readable outputs: where they are written and the
words (site data) of one language."""

from __future__ import annotations

import json
import os

from ..site_data import SiteText


def words_for(settings, lang: str) -> SiteText | None:
    """The site data in `lang` (None if the site data failed to load: reported)."""
    site = settings.get("PRESS_ROOM_SITE")
    if site is None:
        return None
    return SiteText(site, settings["SITENAME"], site.translations.get(lang))


def write_output(output_path: str, name: str, data: bytes) -> None:
    """An ordinary file write inside the build's output folder."""
    target = os.path.join(output_path, name)
    os.makedirs(os.path.dirname(target) or output_path, exist_ok=True)
    with open(target, "wb") as handle:
        handle.write(data)


# Escaped in JSON strings (still the same text once parsed): no JSON file
# carries markup a careless consumer could paste into a page as HTML.
_MARKUP_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def json_bytes(data) -> bytes:
    """Readable UTF-8 JSON, keys in insertion order, markup characters escaped."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    for character, escape in _MARKUP_SAFE.items():
        text = text.replace(character, escape)
    return (text + "\n").encode("utf-8")
