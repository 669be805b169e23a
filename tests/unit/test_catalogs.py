"""The theme's strings: every one marked in a template is translated in every
catalog, and no catalog entry is stale or left fuzzy."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[2]
CATALOGS = sorted((REPO / "theme/translations").glob("*/LC_MESSAGES/messages.po"))


def template_messages() -> set:
    """What `make translations` extracts (babel.cfg): the templates' strings, and
    the plugin's own (the press kit's labels, the feeds' words)."""
    found = [*extract_from_dir(
        str(REPO / "theme/templates"),
        method_map=[("**.html", "jinja2")],
        options_map={"**.html": {"extensions": "jinja2.ext.i18n"}}),
        *extract_from_dir(str(REPO / "plugins/press_room"), method_map=[("**.py", "python")])]
    return {message if isinstance(message, str) else tuple(message)
            for _, _, message, _, _ in found}


def test_there_are_catalogs_for_both_chinese_scripts():
    assert [p.parts[-3] for p in CATALOGS] == ["zh_Hans", "zh_Hant"]


@pytest.mark.parametrize("catalog_path", CATALOGS, ids=lambda p: p.parts[-3])
def test_every_template_string_is_translated(catalog_path):
    with open(catalog_path, "rb") as handle:
        catalog = read_po(handle)
    entries = {(m.id if isinstance(m.id, str) else tuple(m.id)): m for m in catalog if m.id}
    wanted = template_messages()
    missing = sorted(str(m) for m in wanted if m not in entries)
    untranslated = sorted(str(k) for k, m in entries.items() if k in wanted and (
        m.fuzzy or not (m.string if isinstance(m.string, str) else all(m.string))))
    stale = sorted(str(k) for k in entries if k not in wanted)
    assert (missing, untranslated, stale) == ([], [], []), (
        f"run `make translations` and translate:\nmissing: {missing}\n"
        f"untranslated or fuzzy: {untranslated}\nno longer used: {stale}")
