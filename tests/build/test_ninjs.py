"""Each release as IPTC ninjs 3.2 (`release.json`), validated against the
IPTC's own JSON Schema (a copy in plugins/press_room/trust/schemas/)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.build.conftest import TRUST_CAPTIONS, TRUST_SITEURL, TRUST_TITLES
from tests.conftest import REPO, soup

SCHEMA = json.loads((REPO / "plugins/press_room/trust/schemas/ninjs-schema_3.2.json")
                    .read_text(encoding="utf-8"))
LANGUAGES = {"en": ("", "en"), "zh-hant": ("zh-hant/", "zh-Hant-HK"),
             "zh-hans": ("zh-hans/", "zh-Hans")}
FRESH = "releases/2024/fresh-release/"
# RFC 3339 with seconds and an offset (ninjs' date-time), e.g. 2024-03-09T10:00:00+08:00.
DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)$")


def validator() -> Draft202012Validator:
    checker = Draft202012Validator.FORMAT_CHECKER
    # Without rfc3339-validator / rfc3987 installed, jsonschema skips these
    # formats silently: make sure they are really checked.
    assert {"date-time", "uri"} <= set(checker.checkers), sorted(checker.checkers)
    return Draft202012Validator(SCHEMA, format_checker=checker)


def schema_errors(document) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator().iter_errors(document)]


def ninjs_of(output: Path, path: str) -> dict:
    file = output / path / "release.json"
    assert file.is_file(), f"no {path}release.json"
    return json.loads(file.read_text(encoding="utf-8"))


def test_the_schema_refuses_what_ninjs_forbids():
    assert schema_errors({"uri": "tag:x.test,2024:a", "pubStatus": "withdrawn"}), \
        "the schema accepted a pubStatus it does not define"
    assert schema_errors({"uri": "tag:x.test,2024:a", "firstCreated": "9 March 2024"}), \
        "the schema accepted a date that is not RFC 3339"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_release_json_is_valid_ninjs_in_each_language(trust_site, lang):
    prefix, bcp47 = LANGUAGES[lang]
    data = ninjs_of(trust_site.output, prefix + FRESH)
    errors = schema_errors(data)
    assert not errors, "\n".join(errors)
    assert data["uri"] == f"tag:fixture.example,2024:{prefix}{FRESH}", data["uri"]
    assert data["standard"] == {"name": "ninjs", "version": "3.2",
                                "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.2.json#"}
    assert (data["type"], data["version"], data["pubStatus"], data["language"]) == (
        "text", "1", "usable", bcp47), data
    for key in ("firstCreated", "versionCreated"):
        assert DATE_TIME.match(data[key]), (key, data[key])
    assert data["firstCreated"] == "2024-03-09T10:00:00+08:00", data["firstCreated"]
    assert data["headlines"][0] == {"role": "main", "contentType": "text/plain",
                                    "value": TRUST_TITLES[lang]}, data["headlines"]
    body = data["bodies"][0]
    assert body["contentType"] == "text/html" and f"fresh release in {lang}" in body["value"], body
    assert data["descriptions"][0]["value"] == f"{TRUST_TITLES[lang]}.", data["descriptions"]
    subjects = {(s["rel"], s.get("literal", s["name"])) for s in data["subjects"]}
    tags = {"en": {"Robotics", "Innovation"}, "zh-hant": {"機械人"}, "zh-hans": {"機械人"}}[lang]
    assert subjects == {("category", "Press Releases"), *(("tag", t) for t in tags)}, subjects
    assert all(s["uri"].startswith(f"{TRUST_SITEURL}/{prefix}releases/") for s in data["subjects"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_photo_is_an_association_with_renditions_and_rights(trust_site, lang):
    prefix, _ = LANGUAGES[lang]
    data = ninjs_of(trust_site.output, prefix + FRESH)
    page = soup(trust_site.output / prefix / FRESH / "index.html")
    [photo] = data["associations"]
    assert (photo["type"], photo["name"], photo["rel"]) == ("picture", "photo-1", "lead"), photo
    assert photo["descriptions"][0] == {"role": "caption", "contentType": "text/plain",
                                        "value": TRUST_CAPTIONS[lang]}, photo["descriptions"]
    assert photo["by"] == "Trust Desk" and photo["copyrightNotice"] == "© Fixture Organisation Limited"
    assert photo["rightsInfo"] == {"linkedRights": f"{TRUST_SITEURL}/{prefix}use-of-photos/"}
    assert photo["usageTerms"], photo
    renditions = {r["name"]: r for r in photo["renditions"]}
    high = renditions["highRes"]
    download = page.select_one("#photo-1 a.pr-photo__download")["href"]
    assert high["href"] == download, (high, download)
    file = trust_site.output / download[len(TRUST_SITEURL) + 1:]
    assert high["sizeInBytes"] == file.stat().st_size, (high, file.stat().st_size)
    img = page.select_one("#photo-1 img")
    assert img["src"] in {r["href"] for r in photo["renditions"]}, (img["src"], renditions)
    for rendition in photo["renditions"]:
        assert (trust_site.output / rendition["href"][len(TRUST_SITEURL) + 1:]).is_file(), rendition


@pytest.mark.parametrize("lang", LANGUAGES)
def test_release_page_links_its_ninjs_from_the_head(trust_site, lang):
    prefix, _ = LANGUAGES[lang]
    page = soup(trust_site.output / prefix / FRESH / "index.html")
    links = page.select('head link[rel="alternate"][type="application/json"]')
    assert [link["href"] for link in links] == [f"{TRUST_SITEURL}/{prefix}{FRESH}release.json"], links


def test_withheld_releases_have_no_release_json_in_publish(trust_site):
    found = sorted(str(p.relative_to(trust_site.output))
                   for p in trust_site.output.rglob("release.json"))
    assert found == sorted([f"{p}{FRESH}release.json" for p in ("", "zh-hans/", "zh-hant/")] + [
        "releases/2024/older-release/release.json"]), found
    for path in trust_site.output.rglob("*.json"):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "embargoed-release" not in text and "draft-release" not in text, path


def test_preview_marks_withheld_releases_as_withheld(trust_preview):
    embargoed = ninjs_of(trust_preview.output, "releases/2024/embargoed-release/")
    assert not schema_errors(embargoed), schema_errors(embargoed)
    assert (embargoed["pubStatus"], embargoed["embargoedUntil"]) == (
        "withheld", "2024-03-11T10:00:00+08:00"), embargoed
    draft = ninjs_of(trust_preview.output, "drafts/releases/2024/draft-release/")
    assert draft["pubStatus"] == "withheld" and "embargoedUntil" not in draft, draft
