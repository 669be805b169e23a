"""Site-wide data: organisation, categories, contacts and boilerplates.

Written once in `content/data/site.yml` and never repeated in a release. It is
loaded when Pelican starts; a mistake in it stops the build like any other
content problem, naming the data file and the key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from jinja2 import pass_context
from markdown import Markdown

from . import build_checks
from .cjk_lines import join_wrapped_lines
from .languages import resolve
from .frontmatter import FrontMatterError, decode, load_yaml
from .problems import Problem, display_path


@dataclass(frozen=True)
class Contact:
    name: str
    role: str = ""
    phone: str = ""
    email: str = ""
    id: str = ""  # the site data's id; "" for a contact written in a release


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
class LocalText:
    """The site data's words in one more language (all optional)."""

    site_name: str = ""
    organisation_name: str = ""
    default_dateline: str = ""
    copyright: str = ""  # the rights line embedded in this language's downloads
    usage_terms: str = ""
    categories: dict[str, str] = field(default_factory=dict)
    boilerplates: dict[str, Boilerplate] = field(default_factory=dict)
    contacts: dict[str, dict] = field(default_factory=dict)  # id -> {name, role}


@dataclass
class SiteData:
    organisation: Organisation
    copyright: str
    default_dateline: str
    default_about: str
    categories: tuple[str, ...]
    contacts: dict[str, Contact] = field(default_factory=dict)
    boilerplates: dict[str, Boilerplate] = field(default_factory=dict)
    translations: dict[str, LocalText] = field(default_factory=dict)
    # How photos may be used: the "Use of photos" page and every download's
    # XMP (photo_metadata). Plain text; a blank line separates paragraphs.
    usage_terms: str = ""


class SiteText:
    """The site data as one page shows it: in that page's language where the
    site data translates it, in the default language otherwise."""

    def __init__(self, site: SiteData, site_name: str, local: LocalText | None):
        self._site, self._local = site, local or LocalText()
        self.site_name = self._local.site_name or site_name
        self.organisation_name = self._local.organisation_name or site.organisation.name

    def category(self, name: str) -> str:
        return self._local.categories.get(name, name)

    def usage_terms(self) -> str:
        return self._local.usage_terms or self._site.usage_terms

    def usage_paragraphs(self) -> list[str]:
        return paragraphs(self.usage_terms())

    def default_dateline(self) -> str:
        return self._local.default_dateline or self._site.default_dateline

    def boilerplate(self, boilerplate_id: str):
        return (self._local.boilerplates.get(boilerplate_id)
                or self._site.boilerplates.get(boilerplate_id))

    def contact(self, contact: Contact) -> Contact:
        words = self._local.contacts.get(contact.id, {}) if contact.id else {}
        return replace(contact, **{k: v for k, v in words.items() if v})


CONTACT_KEYS = {"name", "role", "phone", "email"}
TOP_LEVEL_KEYS = {
    "organisation",
    "copyright",
    "default_dateline",
    "default_about",
    "categories",
    "contacts",
    "boilerplates",
    "translations",
    "usage_terms",
}
LOCAL_KEYS = {"site_name", "organisation_name", "default_dateline", "copyright", "categories",
              "boilerplates", "contacts", "usage_terms"}


# Every download's XMP carries the terms (one JPEG segment holds at most 64 KB).
MAX_USAGE_TERMS = 4000


def paragraphs(text: str) -> list[str]:
    """Plain text's paragraphs (blank-line separated), each on one line."""
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


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


def _markdown(text: str) -> str:
    """A boilerplate's HTML; wrapped lines of Chinese text joined without a space."""
    return join_wrapped_lines(Markdown().convert(text))


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
            contacts[contact_id] = replace(contact, id=contact_id)

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
        html = _markdown(value["text"])
        boilerplates[boilerplate_id] = Boilerplate(title=value["title"].strip(), html=html)

    default_about = _text(data.get("default_about"))
    if default_about and default_about not in boilerplates:
        report("default_about", f'"{default_about}" is not one of the boilerplates — use one of: '
               + ", ".join(sorted(boilerplates)))

    usage_terms = data.get("usage_terms")
    if usage_terms is not None and not isinstance(usage_terms, str):
        report("usage_terms", "must be plain text (one or more paragraphs), not a list or a "
               "mapping — write it as a YAML block (usage_terms: |)")
    elif not _text(usage_terms):
        report("usage_terms", "missing — say how newsrooms may use the photos (plain text): "
               "the \"Use of photos\" page and every download carry it")
    elif len(_text(usage_terms)) > MAX_USAGE_TERMS:
        report("usage_terms", f"too long ({len(_text(usage_terms)):,} characters; at most "
               f"{MAX_USAGE_TERMS:,}) — every download carries them: keep the terms short and "
               "put the details on the organisation's website")

    translations = _translations(data.get("translations") or {}, categories, contacts,
                                 boilerplates, report)
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
        translations=translations,
        usage_terms=_text(usage_terms),
    )
    return site, []


def _translations(raw, categories, contacts, boilerplates, report) -> dict[str, LocalText]:
    """`translations: {zh-hant: {site_name, organisation_name, categories,
    boilerplates, contacts}}`: every key must name something that exists."""
    if not isinstance(raw, dict):
        report("translations", "must map language codes to translated site data")
        return {}
    result = {}
    for code, words in raw.items():
        where = f"translations.{code}"
        if not isinstance(words, dict):
            report(where, "must hold site_name, organisation_name, categories, boilerplates, contacts")
            continue
        for key in sorted(set(words) - LOCAL_KEYS):
            report(f"{where}.{key}", "unknown key — allowed: " + ", ".join(sorted(LOCAL_KEYS)))
        local = LocalText(site_name=_text(words.get("site_name")),
                          organisation_name=_text(words.get("organisation_name")),
                          default_dateline=_text(words.get("default_dateline")),
                          copyright=_text(words.get("copyright")),
                          usage_terms=_text(words.get("usage_terms")))
        if len(local.usage_terms) > MAX_USAGE_TERMS:
            report(f"{where}.usage_terms", f"too long ({len(local.usage_terms):,} characters; "
                   f"at most {MAX_USAGE_TERMS:,}) — every download carries them: keep them short")
        if "usage_terms" in words and not _text(words.get("usage_terms")):
            report(f"{where}.usage_terms", "must be the usage terms as plain text in this "
                   "language — or leave the key out to show the default language's")
        for name, label in (words.get("categories") or {}).items():
            if name not in categories:
                report(f"{where}.categories.{name}", "is not one of the categories")
            local.categories[name] = _text(label)
        for boilerplate_id, value in (words.get("boilerplates") or {}).items():
            if boilerplate_id not in boilerplates:
                report(f"{where}.boilerplates.{boilerplate_id}", "is not one of the boilerplates")
            elif isinstance(value, dict) and _text(value.get("title")) and _text(value.get("text")):
                local.boilerplates[boilerplate_id] = Boilerplate(
                    title=value["title"].strip(), html=_markdown(value["text"]))
            else:
                report(f"{where}.boilerplates.{boilerplate_id}", "needs a title and a text")
        for contact_id, value in (words.get("contacts") or {}).items():
            if contact_id not in contacts:
                report(f"{where}.contacts.{contact_id}", "is not one of the contacts")
            elif isinstance(value, dict):
                local.contacts[contact_id] = {k: _text(value.get(k)) for k in ("name", "role")}
        result[code] = local
    return result


def copyright_in(site: SiteData | None, code: str) -> str:
    """The rights line in language `code`: its translation, else the site's own."""
    if site is None:
        return ""
    local = site.translations.get(code)
    return (local.copyright if local else "") or site.copyright


@pass_context
def site_text(context) -> SiteText:
    """Templates: the site data in the current page's language."""
    site = context["PRESS_ROOM_SITE"]
    language = resolve(context, context["PRESS_ROOM_LANGUAGE_TABLE"])
    return SiteText(site, context["SITENAME"], site.translations.get(language.code))


def load(path: str, content_path: str) -> tuple[SiteData | None, list[Problem]]:
    shown = display_path(path)
    try:
        with open(path, "rb") as handle:
            data = load_yaml(decode(handle.read()))
    except FileNotFoundError:
        return None, [Problem(shown, "file", "missing — the site needs its organisation data")]
    except FrontMatterError as error:
        return None, [Problem(shown, error.field, error.message, line=error.line)]
    return parse_site_data(data, path, content_path)


def load_into_settings(pelican):
    """Expose the data to the reader (validation) and to every template."""
    settings = pelican.settings
    path = os.path.join(settings["PATH"], settings["PRESS_ROOM_DATA_FILE"])
    site, problems = load(path, settings["PATH"])
    for problem in problems:
        build_checks.report(problem)
    settings["PRESS_ROOM_SITE"] = site
    template_globals = dict(settings.get("JINJA_GLOBALS") or {})
    template_globals["site_text"] = site_text
    settings["JINJA_GLOBALS"] = template_globals
    if site is not None:
        settings["ORGANISATION"] = site.organisation
        settings["COPYRIGHT"] = site.copyright
