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
    ("unknown key", {**VALID, "zzz": "x"},
     "zzz: unknown key — check the spelling; allowed keys are: title, subtitle, date, "
     "category, dateline, summary, tags, lang, slug, status, photos, contacts, about, updates, "
     "withdrawn, attachments"),
    ("misspelled key", {**VALID, "titel": "x"},
     'titel: unknown key — did you mean "title"? Allowed keys are: title, subtitle, date, '
     "category, dateline, summary, tags, lang, slug, status, photos, contacts, about, updates, "
     "withdrawn, attachments"),
    ("misspelled category", {**VALID, "category": "press release"},
     'category: "press release" is not a configured category — did you mean "Press Releases"? '
     "Use one of: Press Releases, Corporate News, Media Statements"),
    ("misspelled contact id", {**VALID, "contacts": ["pres"]},
     'contacts[1]: "pres" is not a contact id in the site data — did you mean "press"? Use one '
     "of: press, or write {name, role, phone, email}"),
    ("misspelled update key", {**VALID, "updates": [{"date": "2021-11-27 10:00", "note": "n",
                                                    "nots": "x"}]},
     'updates[1].nots: unknown key — did you mean "note"? An update has date and note'),
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
    ("unknown photo key", {**VALID, "photos": [{**PHOTO, "zzz": "x"}]},
     "photos[1].zzz: unknown key — a photo has file, caption, alt, credit, copyright, lead"),
    ("misspelled photo key", {**VALID, "photos": [{**PHOTO, "captoin": "x"}]},
     'photos[1].captoin: unknown key — did you mean "caption"? A photo has file, caption, alt, '
     "credit, copyright, lead"),
    ("misspelled photo file", {**VALID, "photos": [{**PHOTO, "file": "phot.jpg"}]},
     "photos[1].file: phot.jpg does not exist in the release folder — did you mean photo.jpg? "
     "Add the photo or fix the name"),
    ("credit too long", {**VALID, "photos": [{**PHOTO, "credit": "c" * 301}]},
     "photos[1].credit: too long (301 characters; at most 300) — shorten the credit"),
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


# --- limits, counts, updates, echoes ------------------------------------------

LIMIT_CASES = [
    ("title over 300", {**VALID, "title": "T" * 301},
     "title: too long (301 characters; at most 300) — shorten the headline"),
    ("subtitle over 600", {**VALID, "subtitle": "s" * 601},
     "subtitle: too long (601 characters; at most 600) — shorten the deck"),
    ("summary over 600", {**VALID, "summary": "s" * 601},
     "summary: too long (601 characters; at most 600) — keep it to one or two sentences"),
    ("tag over 60", {**VALID, "tags": ["ok", "t" * 61]},
     "tags[2]: too long (61 characters; at most 60) — use a shorter word or phrase"),
    ("more than 20 tags", {**VALID, "tags": [f"tag {n}" for n in range(21)]},
     "tags: 21 tags, more than 20 — keep the 20 that say most about the release"),
    ("caption over 2000", {**VALID, "photos": [{**PHOTO, "caption": "c" * 2001}]},
     "photos[1].caption: too long (2,001 characters; at most 2,000) — shorten the caption"),
    ("alt over 300", {**VALID, "photos": [{**PHOTO, "alt": "a" * 301}]},
     "photos[1].alt: too long (301 characters; at most 300) — describe the photo in fewer "
     "words (details belong in the caption)"),
    ("more than 60 photos", {**VALID, "photos": [PHOTO] * 61},
     "photos: 61 photos, more than 60 — choose the 60 best, or split the release"),
    ("update before the release", {**VALID, "updates": [{"date": "2021-11-26 09:59 +08:00",
                                                          "note": "Fixed a typo."}]},
     'updates[1].date: "2021-11-26 09:59 +08:00" is before the release\'s own date '
     "(2021-11-26 10:00 +08:00) — an update comes after publication: fix the date"),
    ("update date as a list", {**VALID, "updates": [{"date": ["2021"], "note": "n"}]},
     "updates[1].date: must be plain text, not a list or mapping"),
    ("ambiguous update date", {**VALID, "updates": [{"date": "1979-10-21 03:15", "note": "n"}]},
     'updates[1].date: "1979-10-21 03:15" happens twice in Asia/Hong_Kong (the clocks go back '
     "then) — add the offset: 1979-10-21 03:15 +09:00 for the first, 1979-10-21 03:15 +08:00 "
     "for the second"),
]


@pytest.mark.parametrize("raw, expected", [(raw, msg) for _, raw, msg in LIMIT_CASES],
                         ids=[case for case, _, _ in LIMIT_CASES])
def test_limits_and_updates_give_their_message(raw, expected, bundle):
    assert messages(raw, bundle) == [f"{FILE}: {expected}"]


@pytest.mark.parametrize("raw", [
    {**VALID, "title": "T" * 300, "subtitle": "s" * 600, "summary": "s" * 600,
     "tags": ["t" * 60] * 20},
    {**VALID, "photos": [{**PHOTO, "caption": "c" * 2000, "alt": "a" * 300}] * 60},
    {**VALID, "updates": [{"date": "2021-11-26 10:00 +08:00", "note": "Same minute."}]},
], ids=["texts at their limits", "60 photos at their limits", "update at the release's minute"])
def test_values_at_the_limits_pass(raw, bundle):
    assert messages(raw, bundle) == []


def test_ten_megabyte_title_is_quick_and_never_echoed(bundle):
    import time

    start = time.perf_counter()
    fields, problems = validate({**VALID, "title": "A" * 10_000_000}, file=FILE,
                                bundle_dir=str(bundle), file_lang="en", site=SITE,
                                languages=("en",), timezone="Asia/Hong_Kong")
    assert time.perf_counter() - start < 0.5
    assert [str(p) for p in problems] == [
        f"{FILE}: title: too long (10,000,000 characters; at most 300) — shorten the headline"]
    assert len(fields.title) == 300  # cut: nothing later handles 10 MB


@pytest.mark.parametrize("raw, expected", [
    ({**VALID, "category": "G" * 10_000},
     f'category: "{"G" * 60}…" (10,000 characters) is not a configured category — use one of: '
     "Press Releases, Corporate News, Media Statements"),
    ({**VALID, "category": "Gos\nsip\u2028\u202e"},
     'category: "Gos\\nsip\\u2028\\u202e" is not a configured category — use one of: '
     "Press Releases, Corporate News, Media Statements"),
    ({**VALID, "k\ney" + "x" * 100: "v"},
     f"k\\ney{'x' * 56}… (104 characters): unknown key — check the spelling; allowed keys are: "
     "title, subtitle, date, category, dateline, summary, tags, lang, slug, status, photos, "
     "contacts, about, updates, withdrawn, attachments"),
    ({**VALID, "photos": [{**PHOTO, "file": "x" * 200 + ".jpg"}]},
     f"photos[1].file: {'x' * 120}… (204 characters) does not exist in the release folder — "
     "add the photo or fix the name"),
    ({**VALID, "contacts": [{"name": "N", "email": "e" * 301}]},
     "contacts[1].email: too long (301 characters; at most 300) — shorten it"),
], ids=["long value", "line breaks and bidi controls", "unknown key", "long file name",
        "long inline contact"])
def test_echoed_values_are_one_short_line(raw, expected, bundle):
    found = messages(raw, bundle)
    assert found == [f"{FILE}: {expected}"]
    assert all(len(line) < 400 and len(line.splitlines()) == 1 for line in found)


def test_invalid_lang_and_slug_leave_safe_placeholders(bundle):
    raw = {**VALID, "lang": "fr", "slug": "../../etc"}
    fields, problems = validate(raw, file=FILE, bundle_dir=str(bundle), file_lang="zh-hant",
                                site=SITE, languages=("en", "zh-hant"), timezone="Asia/Hong_Kong")
    assert [p.field for p in problems] == ["lang", "slug"]
    # Reported; what travels on is the file name's language and no path.
    assert (fields.lang, fields.slug) == ("zh-hant", "invalid")
