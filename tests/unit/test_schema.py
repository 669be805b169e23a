"""Release front matter: each bad input gives exactly its one-line message."""

from __future__ import annotations

import pytest
from press_room.schema import validate
from press_room.site_data import Boilerplate, Contact, Organisation, SiteData

FILE = "content/releases/2021/x/index.md"
SITE = SiteData(
    organisation=Organisation("Org", "ORG", "https://org.example/", "images/logo.svg"),
    copyright="",
    default_dateline="Hong Kong",
    default_about="org",
    categories=("Press Releases", "Corporate News", "Media Statements"),
    contacts={"press": Contact(name="Press Office")},
    boilerplates={"org": Boilerplate("About ORG", "<p>ORG.</p>")},
)
VALID = {
    "title": "Headline",
    "date": "2021-11-26 10:00 +08:00",
    "category": "Press Releases",
}
PHOTO = {"file": "photo.jpg", "caption": "A caption.", "alt": "An alt text."}


@pytest.fixture
def bundle(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(b"not decoded by validation")
    (tmp_path / "outside.jpg").write_bytes(b"x")
    return folder


def messages(raw: dict, bundle, file_lang="en") -> list[str]:
    _, problems = validate(raw, file=FILE, bundle_dir=str(bundle), file_lang=file_lang, site=SITE,
                           languages=("en", "zh-hant", "zh-hans"), timezone="Asia/Hong_Kong")
    return [str(p) for p in problems]


def without(key):
    return {k: v for k, v in VALID.items() if k != key}


BAD_INPUTS = [
    ("unknown key", {**VALID, "titel": "x"},
     "titel: unknown key — check the spelling; allowed keys are: title, subtitle, date, "
     "category, dateline, summary, tags, lang, slug, status, photos, contacts, about, updates"),
    ("missing title", without("title"), "title: missing — add the headline"),
    ("empty title", {**VALID, "title": ""}, "title: missing — add the headline"),
    ("missing date", without("date"),
     "date: missing — add the publication time, e.g. 2021-11-26 10:00 +08:00"),
    ("missing category", without("category"), "category: missing — add one of the site's categories"),
    ("day-first date", {**VALID, "date": "26/11/2021"},
     'date: "26/11/2021" is not a date — write it as 2021-11-26 10:00 +08:00'),
    ("date without time", {**VALID, "date": "2021-11-26"},
     'date: "2021-11-26" has no time — write it as 2021-11-26 10:00 +08:00'),
    ("impossible date", {**VALID, "date": "2021-02-30 10:00"},
     'date: "2021-02-30 10:00" is not a real date or time — write it as 2021-11-26 10:00 +08:00'),
    ("unknown category", {**VALID, "category": "Gossip"},
     'category: "Gossip" is not a configured category — use one of: Press Releases, '
     "Corporate News, Media Statements"),
    ("title as a list", {**VALID, "title": ["a", "b"]},
     "title: must be plain text, not a list or mapping"),
    ("tags not a list", {**VALID, "tags": "one, two"},
     "tags: must be a list — write each item on its own line starting with '- '"),
    ("unknown language", {**VALID, "lang": "fr"},
     'lang: "fr" is not a configured language — use one of: en, zh-hant, zh-hans'),
    ("bad slug", {**VALID, "slug": "Not A Slug"},
     'slug: "Not A Slug" is not a valid slug — use lower-case letters, digits and hyphens'),
    ("unknown status", {**VALID, "status": "live"},
     'status: "live" is not a status — use published or draft'),
    ("photo file missing", {**VALID, "photos": [{**PHOTO, "file": "gone.jpg"}]},
     "photos[1].file: gone.jpg does not exist in the release folder — add the photo or fix the name"),
    ("photo outside the bundle", {**VALID, "photos": [{**PHOTO, "file": "../outside.jpg"}]},
     "photos[1].file: ../outside.jpg is outside the release folder — put the photo beside index.md"),
    ("photo without alt", {**VALID, "photos": [PHOTO, {**PHOTO, "alt": None}]},
     "photos[2].alt: missing — describe the photo for screen readers"),
    ("photo without caption", {**VALID, "photos": [{**PHOTO, "caption": ""}]},
     "photos[1].caption: missing — write the caption printed with the photo"),
    ("photo without file", {**VALID, "photos": [{"caption": "c", "alt": "a"}]},
     "photos[1].file: missing — name the photo file in the release folder"),
    ("unknown photo key", {**VALID, "photos": [{**PHOTO, "captoin": "x"}]},
     "photos[1].captoin: unknown key — a photo has file, caption, alt, credit, lead"),
    ("two lead photos", {**VALID, "photos": [{**PHOTO, "lead": "true"}, {**PHOTO, "lead": "yes"}]},
     "photos: more than one photo has lead: true — keep one"),
    ("lead not a boolean", {**VALID, "photos": [{**PHOTO, "lead": "first"}]},
     'photos[1].lead: "first" is not true or false'),
    ("unknown contact id", {**VALID, "contacts": ["nobody"]},
     'contacts[1]: "nobody" is not a contact id in the site data — use one of: press, '
     "or write {name, role, phone, email}"),
    ("inline contact without name", {**VALID, "contacts": [{"email": "a@b.example"}]},
     "contacts[1].name: missing — give the contact's name or team"),
    ("unknown boilerplate", {**VALID, "about": "nope"},
     'about: "nope" is not a boilerplate in the site data — use one of: org'),
    ("update without note", {**VALID, "updates": [{"date": "2021-11-27 10:00"}]},
     "updates[1].note: missing — say what changed"),
    ("update with bad date", {**VALID, "updates": [{"date": "yesterday", "note": "n"}]},
     'updates[1].date: "yesterday" is not a date — write it as 2021-11-26 10:00 +08:00'),
]


@pytest.mark.parametrize("raw, expected", [(raw, msg) for _, raw, msg in BAD_INPUTS],
                         ids=[case for case, _, _ in BAD_INPUTS])
def test_bad_input_gives_its_message(raw, expected, bundle):
    assert messages(raw, bundle) == [f"{FILE}: {expected}"]


def test_valid_front_matter_has_no_problems(bundle):
    assert messages({**VALID, "photos": [PHOTO], "contacts": ["press"], "tags": ["A"]}, bundle) == []


def test_every_problem_of_a_file_is_reported(bundle):
    found = messages({"titel": "x", "date": "soon", "category": "Gossip"}, bundle)
    assert [line.split(": ")[1] for line in found] == ["titel", "title", "date", "category"], found


def test_defaults_come_from_site_data_and_folder(bundle):
    fields, problems = validate(VALID, file=FILE, bundle_dir=str(bundle), file_lang="en",
                                site=SITE, languages=("en",), timezone="Asia/Hong_Kong")
    assert problems == []
    assert (fields.dateline, fields.about, fields.slug, fields.lang, fields.status) == (
        "Hong Kong", "org", "x", "en", "published")


def test_lead_photo_moves_first(bundle):
    (bundle / "second.jpg").write_bytes(b"x")
    raw = {**VALID, "photos": [PHOTO, {**PHOTO, "file": "second.jpg", "lead": "true"}]}
    fields, problems = validate(raw, file=FILE, bundle_dir=str(bundle), file_lang="en", site=SITE,
                                languages=("en",), timezone="Asia/Hong_Kong")
    assert problems == []
    assert [p.file for p in fields.photos] == ["second.jpg", "photo.jpg"]


def test_symlinked_photo_is_refused(bundle, tmp_path):
    (bundle / "link.jpg").symlink_to(bundle / "photo.jpg")
    found = messages({**VALID, "photos": [{**PHOTO, "file": "link.jpg"}]}, bundle)
    assert found == [f"{FILE}: photos[1].file: link.jpg is a symbolic link — copy the photo "
                     "itself into the release folder"]
