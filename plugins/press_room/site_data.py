"""Site-wide data: organisation, categories, contacts and boilerplates.

Written once in `content/data/site.yml` and never repeated in a release. It is
loaded when Pelican starts; a mistake in it stops the build like any other
content problem, naming the data file and the key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from markdown import Markdown

from . import build_checks
from .frontmatter import FrontMatterError, decode, load_yaml
from .problems import Problem, display_path


@dataclass(frozen=True)
class Contact:
    name: str
    role: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Boilerplate:
    title: str
    html: str


@dataclass(frozen=True)
class Organisation:
    name: str
    short_name: str
    url: str
    logo: str


@dataclass
class SiteData:
    organisation: Organisation
    copyright: str
    default_dateline: str
    default_about: str
    categories: tuple[str, ...]
    contacts: dict[str, Contact] = field(default_factory=dict)
    boilerplates: dict[str, Boilerplate] = field(default_factory=dict)


CONTACT_KEYS = {"name", "role", "phone", "email"}
TOP_LEVEL_KEYS = {
    "organisation",
    "copyright",
    "default_dateline",
    "default_about",
    "categories",
    "contacts",
    "boilerplates",
}


def contact_from_mapping(value, where: str, report) -> Contact | None:
    """Shared by site data and inline release contacts: {name, role?, phone?, email?}."""
    if not isinstance(value, dict):
        report(where, "must be a contact with name and optional role, phone, email")
        return None
    for key in sorted(set(value) - CONTACT_KEYS):
        report(f"{where}.{key}", "unknown key — a contact has name, role, phone, email")
    if not _text(value.get("name")):
        report(f"{where}.name", "missing — give the contact's name or team")
        return None
    email = _text(value.get("email"))
    if email and "@" not in email:
        report(f"{where}.email", f'"{email}" is not an email address — write name@example.org')
    return Contact(
        name=_text(value["name"]),
        role=_text(value.get("role")),
        phone=_text(value.get("phone")),
        email=email,
    )


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def parse_site_data(data: dict, path: str, content_path: str) -> tuple[SiteData | None, list[Problem]]:
    problems: list[Problem] = []
    shown = display_path(path)

    def report(field_name, message):
        problems.append(Problem(shown, field_name, message))

    for key in sorted(set(data) - TOP_LEVEL_KEYS):
        report(key, "unknown key — check the spelling; allowed: " + ", ".join(sorted(TOP_LEVEL_KEYS)))

    org = data.get("organisation")
    if not isinstance(org, dict):
        report("organisation", "missing — give name, short_name, url and logo")
        org = {}
    for key in ("name", "short_name", "url", "logo"):
        if not _text(org.get(key)):
            report(f"organisation.{key}", "missing — every page shows it")
    logo = _text(org.get("logo"))
    if logo and not os.path.isfile(os.path.join(content_path, logo)):
        report("organisation.logo", f"{logo} does not exist under content/ — add the file or fix the path")

    categories = data.get("categories")
    if not isinstance(categories, list) or not all(_text(c) for c in categories) or not categories:
        report("categories", "missing — list the categories a release may use")
        categories = []

    contacts = {}
    raw_contacts = data.get("contacts") or {}
    if not isinstance(raw_contacts, dict):
        report("contacts", "must map contact ids to {name, role, phone, email}")
        raw_contacts = {}
    for contact_id, value in raw_contacts.items():
        contact = contact_from_mapping(value, f"contacts.{contact_id}", report)
        if contact:
            contacts[contact_id] = contact

    boilerplates = {}
    raw_boilerplates = data.get("boilerplates") or {}
    if not isinstance(raw_boilerplates, dict):
        report("boilerplates", "must map ids to {title, text}")
        raw_boilerplates = {}
    for boilerplate_id, value in raw_boilerplates.items():
        where = f"boilerplates.{boilerplate_id}"
        if not isinstance(value, dict) or not _text(value.get("title")) or not _text(value.get("text")):
            report(where, "needs a title and a text")
            continue
        html = Markdown().convert(value["text"])
        boilerplates[boilerplate_id] = Boilerplate(title=value["title"].strip(), html=html)

    default_about = _text(data.get("default_about"))
    if default_about and default_about not in boilerplates:
        report("default_about", f'"{default_about}" is not one of the boilerplates — use one of: '
               + ", ".join(sorted(boilerplates)))

    if problems:
        return None, problems
    site = SiteData(
        organisation=Organisation(**{k: _text(org[k]) for k in ("name", "short_name", "url", "logo")}),
        copyright=_text(data.get("copyright")),
        default_dateline=_text(data.get("default_dateline")),
        default_about=default_about,
        categories=tuple(c.strip() for c in categories),
        contacts=contacts,
        boilerplates=boilerplates,
    )
    return site, []


def load(path: str, content_path: str) -> tuple[SiteData | None, list[Problem]]:
    shown = display_path(path)
    try:
        with open(path, "rb") as handle:
            data = load_yaml(decode(handle.read()))
    except FileNotFoundError:
        return None, [Problem(shown, "file", "missing — the site needs its organisation data")]
    except FrontMatterError as error:
        return None, [Problem(shown, error.field, error.message)]
    return parse_site_data(data, path, content_path)


def load_into_settings(pelican):
    """Expose the data to the reader (validation) and to every template."""
    settings = pelican.settings
    path = os.path.join(settings["PATH"], settings["PRESS_ROOM_DATA_FILE"])
    site, problems = load(path, settings["PATH"])
    for problem in problems:
        build_checks.report(problem)
    settings["PRESS_ROOM_SITE"] = site
    if site is not None:
        settings["ORGANISATION"] = site.organisation
        settings["COPYRIGHT"] = site.copyright
