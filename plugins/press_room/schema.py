"""The release front-matter contract: which keys exist and what each may hold.

`validate()` checks one release's front matter against the brief's table and
returns clean values plus every problem it found (it never stops at the first).
Each message says what is wrong and what to do, in the writer's terms.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime

from . import embedded_metadata
from .suggestions import did_you_mean
from .dates import DateError, as_written, parse_release_date
from .frontmatter import quoted, shown
from . import attachments as documents
from .models import Attachment, Photo, Update, Withdrawal
from .problems import Problem
from .site_data import Contact, SiteData, contact_from_mapping

RELEASE_KEYS = (
    "title",
    "subtitle",
    "date",
    "category",
    "dateline",
    "summary",
    "tags",
    "lang",
    "slug",
    "status",
    "photos",
    "contacts",
    "about",
    "updates",
    "withdrawn",
    "attachments",
)
REQUIRED = {
    "title": "add the headline",
    "date": "add the publication time, e.g. 2021-11-26 10:00 +08:00",
    "category": "add one of the site's categories",
}
PHOTO_KEYS = ("file", "caption", "alt", "credit", "copyright", "lead")
UPDATE_KEYS = ("date", "note")
WITHDRAWN_KEYS = ("date", "note")
ATTACHMENT_KEYS = ("file", "title")
MAX_ATTACHMENTS = 20
STATUSES = ("published", "draft")
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".gif", ".heic", ".heif")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BOOLEANS = {"true": True, "yes": True, "false": False, "no": False}

# Longest text each field may hold, in characters, with what to do beyond it.
MAX_LENGTH = {
    "title": (300, "shorten the headline"),
    "subtitle": (600, "shorten the deck"),
    "summary": (600, "keep it to one or two sentences"),
    "tag": (60, "use a shorter word or phrase"),
    "caption": (2000, "shorten the caption"),
    "alt": (300, "describe the photo in fewer words (details belong in the caption)"),
    "credit": (300, "shorten the credit"),
    "copyright": (300, "shorten the copyright notice"),
    "contact": (300, "shorten it"),
    "withdrawn note": (1000, "say in a few sentences why the release was withdrawn"),
    "attachment title": (300, "shorten the title"),
}
MAX_TAGS = 20
MAX_PHOTOS = 60


@dataclass
class ReleaseFields:
    title: str = ""
    subtitle: str = ""
    date: datetime | None = None
    category: str = ""
    dateline: str = ""
    summary: str = ""
    tags: list[str] = field(default_factory=list)
    lang: str = ""
    slug: str = ""
    status: str = "published"
    photos: list[Photo] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    about: str = ""
    updates: list[Update] = field(default_factory=list)
    withdrawn: Withdrawal | None = None
    attachments: list[Attachment] = field(default_factory=list)


@dataclass
class Validation:
    """Collects problems for one file; `report(field, message)` adds one."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def report(self, field_name: str, message: str):
        self.problems.append(Problem(self.file, field_name, message))


def _text(raw: dict, key: str, check: Validation, required: bool = False) -> str:
    value = raw.get(key)
    if value is None or value == "":
        if required:
            check.report(key, f"missing — {REQUIRED[key]}")
        return ""
    if not isinstance(value, str):
        check.report(key, "must be plain text, not a list or mapping")
        return ""
    value = value.strip()
    if key in MAX_LENGTH:
        value = _within_limit(value, key, MAX_LENGTH[key], check)
    return value


def _within_limit(value: str, where: str, limit: tuple[int, str], check: Validation) -> str:
    """`value`, reported if longer than the limit (never echoed: it is long);
    cut to the limit so that nothing later works on a 10 MB string."""
    most, what_to_do = limit
    if len(value) > most:
        check.report(where,
                     f"too long ({len(value):,} characters; at most {most:,}) — {what_to_do}")
        return value[:most]
    return value


def _list(raw: dict, key: str, check: Validation) -> list:
    value = raw.get(key)
    if value is None or value == "":
        return []
    if not isinstance(value, list):
        check.report(key, "must be a list — write each item on its own line starting with '- '")
        return []
    return value


def validate(
    raw: dict,
    *,
    file: str,
    bundle_dir: str,
    file_lang: str,
    site: SiteData | None,
    languages: tuple[str, ...],
    timezone: str,
) -> tuple[ReleaseFields, list[Problem]]:
    check = Validation(file)
    fields = ReleaseFields()

    for key in raw:
        if key not in RELEASE_KEYS:
            meant = did_you_mean(key, RELEASE_KEYS)
            check.report(
                shown(key),
                (f"unknown key —{meant} Allowed keys are: " if meant else
                 "unknown key — check the spelling; allowed keys are: ")
                + ", ".join(RELEASE_KEYS),
            )

    fields.title = _text(raw, "title", check, required=True)
    fields.subtitle = _text(raw, "subtitle", check)
    fields.summary = _text(raw, "summary", check)

    date_text = _text(raw, "date", check, required=True)
    if date_text:
        try:
            fields.date = parse_release_date(date_text, timezone)
        except DateError as error:
            check.report("date", str(error))

    fields.category = _text(raw, "category", check, required=True)
    if fields.category and site is not None and fields.category not in site.categories:
        meant = did_you_mean(fields.category, site.categories)
        check.report(
            "category",
            f"{quoted(fields.category)} is not a configured category —"
            + (f"{meant} Use one of: " if meant else " use one of: ")
            + ", ".join(site.categories),
        )

    local = site.translations.get(file_lang) if site else None
    fields.dateline = (_text(raw, "dateline", check) or (local.default_dateline if local else "")
                       or (site.default_dateline if site else ""))

    tags = _list(raw, "tags", check)
    if len(tags) > MAX_TAGS:
        check.report("tags", f"{len(tags):,} tags, more than {MAX_TAGS} — keep the "
                     f"{MAX_TAGS} that say most about the release")
    for index, tag in enumerate(tags, start=1):
        if not isinstance(tag, str) or not tag.strip():
            check.report(f"tags[{index}]", "must be a word or phrase")
        else:
            fields.tags.append(_within_limit(tag.strip(), f"tags[{index}]", MAX_LENGTH["tag"],
                                             check))

    fields.lang = _text(raw, "lang", check) or file_lang
    if fields.lang not in languages:
        check.report("lang", f"{quoted(fields.lang)} is not a configured language — use one of: "
                     + ", ".join(languages))
    elif fields.lang != file_lang:
        check.report(
            "lang",
            f'{quoted(fields.lang)} contradicts the file name (which says "{file_lang}") — '
            "remove the lang key or rename the file",
        )
    if fields.lang != file_lang or fields.lang not in languages:
        # Reported above; the release keeps a language the site has (code
        # after this point looks languages up), the file name's if it can.
        fields.lang = file_lang if file_lang in languages else languages[0]

    fields.slug = _text(raw, "slug", check) or os.path.basename(bundle_dir)
    if not SLUG_PATTERN.match(fields.slug):
        where = "slug" if raw.get("slug") else "folder name"
        check.report(
            where,
            f"{quoted(fields.slug)} is not a valid slug — use lower-case letters, digits and "
            "hyphens",
        )
        # Reported; the slug becomes part of output paths, so a "../x" or a
        # 10 MB slug must not travel on (uniqueness ignores this file's slug).
        fields.slug = "invalid"

    fields.status = _text(raw, "status", check) or "published"
    if fields.status not in STATUSES:
        check.report("status",
                     f"{quoted(fields.status)} is not a status — use published or draft")
        fields.status = "draft"

    fields.photos = _photos(raw, check, bundle_dir)
    fields.contacts = _contacts(raw, check, site)

    fields.about = _text(raw, "about", check) or (site.default_about if site else "")
    if site is not None and fields.about and fields.about not in site.boilerplates:
        check.report(
            "about",
            f"{quoted(fields.about)} is not a boilerplate in the site data — use one of: "
            + ", ".join(sorted(site.boilerplates)),
        )

    fields.updates = _updates(raw, check, timezone, fields.date)
    fields.withdrawn = _withdrawn(raw, check, timezone, fields.date)
    fields.attachments = _attachments(raw, check, bundle_dir)
    return fields, check.problems


def _text_entry(entry: dict, where: str, keys, what: str, check: Validation) -> dict:
    """One mapping of a list (a photo, an attachment): its unknown keys reported
    (with the nearest known one), and the known keys' values where they are
    text (None where absent or not text, which is reported)."""
    for key in entry:
        if key not in keys:
            meant = did_you_mean(key, keys)
            check.report(f"{where}.{shown(key)}",
                         (f"unknown key —{meant} {what[0].upper()}{what[1:]} has " if meant
                          else f"unknown key — {what} has ") + ", ".join(keys))
    values = {}
    for key in keys:
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            check.report(f"{where}.{key}", "must be plain text")
            value = None
        values[key] = value
    return values


def _photos(raw: dict, check: Validation, bundle_dir: str) -> list[Photo]:
    photos = []
    bundle_real = os.path.realpath(bundle_dir)
    entries = _list(raw, "photos", check)
    if len(entries) > MAX_PHOTOS:
        check.report("photos", f"{len(entries):,} photos, more than {MAX_PHOTOS} — choose the "
                     f"{MAX_PHOTOS} best, or split the release")
    for index, entry in enumerate(entries, start=1):
        where = f"photos[{index}]"
        if not isinstance(entry, dict):
            check.report(where, "must be a photo with file, caption and alt")
            continue
        values = _text_entry(entry, where, PHOTO_KEYS, "a photo", check)
        file_name = (values["file"] or "").strip()
        caption = _within_limit((values["caption"] or "").strip(), f"{where}.caption",
                                MAX_LENGTH["caption"], check)
        alt = _within_limit((values["alt"] or "").strip(), f"{where}.alt", MAX_LENGTH["alt"],
                            check)
        credit = _within_limit((values["credit"] or "").strip(), f"{where}.credit",
                               MAX_LENGTH["credit"], check)
        rights = _within_limit((values["copyright"] or "").strip(), f"{where}.copyright",
                               MAX_LENGTH["copyright"], check)
        ok = True
        if not file_name:
            check.report(f"{where}.file", "missing — name the photo file in the release folder")
            ok = False
        else:
            ok = _check_photo_file(file_name, where, check, bundle_dir, bundle_real)
        if not caption and ok:
            # No caption written: the one the photographer embedded in the
            # photo, with its credit and copyright where none is written.
            embedded = embedded_metadata.read(os.path.join(bundle_real, file_name))
            caption = embedded.caption[:MAX_LENGTH["caption"][0]]
            if caption:
                credit = credit or embedded.credit[:MAX_LENGTH["credit"][0]]
                rights = rights or embedded.copyright[:MAX_LENGTH["copyright"][0]]
        if not caption:
            check.report(f"{where}.caption", "missing — write the caption printed with the photo")
            ok = False
        if not alt:
            check.report(f"{where}.alt", "missing — describe the photo for screen readers")
            ok = False
        lead_text = (values["lead"] or "false").strip().lower()
        if lead_text not in BOOLEANS:
            check.report(f"{where}.lead", f"{quoted(values['lead'])} is not true or false")
            ok = False
        if ok and len(photos) < MAX_PHOTOS:  # beyond, reported above: not worth encoding
            photos.append(
                Photo(
                    file=file_name,
                    source=os.path.join(bundle_real, file_name),
                    caption=caption,
                    alt=alt,
                    credit=credit,
                    copyright=rights,
                    lead=BOOLEANS[lead_text],
                    written_index=index,
                )
            )
    leads = [p for p in photos if p.lead]
    if len(leads) > 1:
        check.report("photos", "more than one photo has lead: true — keep one")
    elif leads:
        # The lead photo opens the page; the rest follow in their written order.
        photos.remove(leads[0])
        photos.insert(0, leads[0])
    return photos


def _check_photo_file(file_name, where, check, bundle_dir, bundle_real) -> bool:
    name = shown(file_name, limit=120)  # as messages show it
    path = os.path.join(bundle_dir, file_name)
    real = os.path.realpath(path)
    if os.path.isabs(file_name) or os.path.dirname(real) != bundle_real:
        check.report(
            f"{where}.file",
            f"{name} is outside the release folder — put the photo beside index.md",
        )
        return False
    if os.path.islink(path):
        check.report(
            f"{where}.file",
            f"{name} is a symbolic link — copy the photo itself into the release folder",
        )
        return False
    if not os.path.isfile(path):
        meant = did_you_mean(file_name, _photo_files_in(bundle_dir), quote="")
        check.report(
            f"{where}.file",
            f"{name} does not exist in the release folder —"
            + (f"{meant} Add the photo or fix the name" if meant else
               " add the photo or fix the name"),
        )
        return False
    if not file_name.lower().endswith(PHOTO_EXTENSIONS):
        check.report(
            f"{where}.file",
            f"{name} is not a photo type the site publishes — use " + ", ".join(PHOTO_EXTENSIONS),
        )
        return False
    return True


def _photo_files_in(bundle_dir: str) -> list[str]:
    try:
        names = os.listdir(bundle_dir)
    except OSError:
        return []
    return sorted(n for n in names if n.lower().endswith(PHOTO_EXTENSIONS))


def _contacts(raw: dict, check: Validation, site: SiteData | None) -> list[Contact]:
    contacts = []
    for index, entry in enumerate(_list(raw, "contacts", check), start=1):
        where = f"contacts[{index}]"
        if isinstance(entry, str):
            if site is None:
                continue
            if entry.strip() in site.contacts:
                contacts.append(site.contacts[entry.strip()])
            else:
                meant = did_you_mean(entry.strip(), sorted(site.contacts))
                check.report(
                    where,
                    f"{quoted(entry)} is not a contact id in the site data —"
                    + (f"{meant} Use one of: " if meant else " use one of: ")
                    + ", ".join(sorted(site.contacts))
                    + ", or write {name, role, phone, email}",
                )
            continue
        if isinstance(entry, dict):
            # site_data's messages echo what they find (an e-mail address):
            # keep every inline value short enough to echo.
            too_long = False
            for key, value in entry.items():
                if isinstance(value, str) and len(value.strip()) > MAX_LENGTH["contact"][0]:
                    _within_limit(value.strip(), f"{where}.{shown(key)}", MAX_LENGTH["contact"],
                                  check)
                    too_long = True
            if too_long:
                continue
        contact = contact_from_mapping(
            entry, where, lambda field_name, message: check.report(shown(field_name), message))
        if contact:
            contacts.append(contact)
    return contacts


def _updates(raw: dict, check: Validation, timezone: str,
             published: datetime | None) -> list[Update]:
    updates = []
    for index, entry in enumerate(_list(raw, "updates", check), start=1):
        where = f"updates[{index}]"
        if not isinstance(entry, dict):
            check.report(where, "must be {date, note}")
            continue
        for key in entry:
            if key not in UPDATE_KEYS:
                meant = did_you_mean(key, UPDATE_KEYS)
                check.report(f"{where}.{shown(key)}",
                             f"unknown key —{meant} An update has date and note" if meant else
                             "unknown key — an update has date and note")
        note = entry.get("note")
        if not isinstance(note, str) or not note.strip():
            check.report(f"{where}.note", "missing — say what changed")
            continue
        if not entry.get("date"):
            check.report(f"{where}.date", "missing — add when the release was changed")
            continue
        if not isinstance(entry["date"], str):
            check.report(f"{where}.date", "must be plain text, not a list or mapping")
            continue
        try:
            moment = parse_release_date(entry["date"], timezone)
        except DateError as error:
            check.report(f"{where}.date", str(error))
            continue
        if published is not None and moment < published:
            check.report(
                f"{where}.date",
                f"{quoted(entry['date'].strip())} is before the release's own date "
                f"({as_written(published)}) — an update comes after "
                "publication: fix the date",
            )
            continue
        updates.append(Update(date=moment, note=note.strip()))
    return sorted(updates, key=lambda u: u.date)


def _withdrawn(raw: dict, check: Validation, timezone: str,
               published: datetime | None) -> Withdrawal | None:
    entry = raw.get("withdrawn")
    if entry is None or entry == "":
        return None
    if not isinstance(entry, dict):
        check.report("withdrawn", "must be {date, note}: when the release was withdrawn, and why")
        return None
    for key in entry:
        if key not in WITHDRAWN_KEYS:
            check.report(f"withdrawn.{shown(key)}", "unknown key — withdrawn has date and note")
    note = entry.get("note")
    moment = None
    if note is not None and not isinstance(note, str):
        check.report("withdrawn.note", "must be plain text")
        note = None
    elif not (note or "").strip():
        check.report("withdrawn.note",
                     "missing — say why the release was withdrawn (the page shows it)")
        note = None
    else:
        note = _within_limit(note.strip(), "withdrawn.note", MAX_LENGTH["withdrawn note"], check)
    date = entry.get("date")
    if not date:
        check.report("withdrawn.date", "missing — add when the release was withdrawn, e.g. "
                     "2021-12-01 10:00 +08:00")
    elif not isinstance(date, str):
        check.report("withdrawn.date", "must be plain text, not a list or mapping")
    else:
        try:
            moment = parse_release_date(date, timezone)
        except DateError as error:
            check.report("withdrawn.date", str(error))
        else:
            if published is not None and moment < published:
                check.report("withdrawn.date",
                             f"{quoted(date.strip())} is before the release's own date "
                             f"({as_written(published)}) — a release is withdrawn after "
                             "publication: fix the date")
                moment = None
    if moment is None or note is None:
        return None
    return Withdrawal(date=moment, note=note)


def _attachments(raw: dict, check: Validation, bundle_dir: str) -> list[Attachment]:
    found: list[Attachment] = []
    bundle_real = os.path.realpath(bundle_dir)
    entries = _list(raw, "attachments", check)
    if len(entries) > MAX_ATTACHMENTS:
        check.report("attachments", f"{len(entries):,} attachments, more than "
                     f"{MAX_ATTACHMENTS} — keep the documents journalists need, or put them "
                     "in one PDF")
    names: dict[str, str] = {}
    for index, entry in enumerate(entries[:MAX_ATTACHMENTS], start=1):
        where = f"attachments[{index}]"
        if not isinstance(entry, dict):
            check.report(where, "must be an attachment with file and title")
            continue
        values = _text_entry(entry, where, ATTACHMENT_KEYS, "an attachment", check)
        file_name = (values["file"] or "").strip()
        title = _within_limit((values["title"] or "").strip(), f"{where}.title",
                              MAX_LENGTH["attachment title"], check)
        if not title:
            check.report(f"{where}.title",
                         "missing — name the document as the page should list it")
        if not file_name:
            check.report(f"{where}.file",
                         "missing — name the document's file in the release folder")
            continue
        document = _attachment_type(file_name, where, check, bundle_dir, bundle_real)
        if document is None or not title:
            continue
        name = documents.published_name(file_name)
        if name in names:
            check.report(f"{where}.file",
                         f"{shown(file_name, limit=120)} would be published as {name}, like "
                         f"{shown(names[name], limit=120)} — rename one of the files")
            continue
        names[name] = file_name
        source = os.path.join(bundle_real, file_name)
        found.append(Attachment(file=file_name, source=source, title=title, name=name,
                                kind=document.kind, mime=document.mime,
                                bytes=os.path.getsize(source)))
    return found


def _attachment_type(file_name, where, check, bundle_dir, bundle_real):
    """The document's type, checked by name and by content; None if reported."""
    name = shown(file_name, limit=120)
    path = os.path.join(bundle_dir, file_name)
    real = os.path.realpath(path)
    if os.path.isabs(file_name) or os.path.dirname(real) != bundle_real:
        check.report(f"{where}.file",
                     f"{name} is outside the release folder — put the document beside index.md")
        return None
    if os.path.islink(path):
        check.report(f"{where}.file", f"{name} is a symbolic link — copy the document itself "
                     "into the release folder")
        return None
    if not os.path.isfile(path):
        check.report(f"{where}.file", f"{name} does not exist in the release folder — add the "
                     "document or fix the name")
        return None
    extension = os.path.splitext(file_name)[1].lower()
    document = documents.TYPES.get(extension)
    if document is None:
        check.report(f"{where}.file", f"{name} is not a document type the site publishes — use "
                     "PDF, DOCX, XLSX or PPTX (export other documents as PDF)")
        return None
    inside = documents.content_kind(path)
    if inside != document.kind:
        check.report(f"{where}.file", f"{name} is not a {document.kind} file (its content is "
                     f"{inside}) — export it again as {extension[1:].upper()}, or fix the "
                     "file's name")
        return None
    return document
