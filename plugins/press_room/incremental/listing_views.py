"""What a listing page sees of its listing: its own releases, and counts.

A page's record covers every value its templates can read. Pelican hands a
paginated page its whole listing — `articles_paginator` holds every release
of it, and so does each `articles_page` through its `paginator` — and the
archive pages counted years and categories from `dates` and `categories`,
every release of the site. So every listing page read every release: one
edited release changed the records of every page of every listing it is in
(about 3,000 pages at 5,000 releases), although only the page that shows
its card had anything new in it.

Here each page gets, instead, exactly what its templates use:
- `PaginatorView`: how many releases and pages the listing has, not which;
- `PageView`: this page's number, URL and releases, and which listing it is
  (its first file);
- `PageLink`: the previous and next page, by number and URL only;
- `ReleaseCard`: each of those releases as a card shows it — its own title,
  date, category, summary, photos — and not the releases it links to
  (neighbours, related, translations), which a card does not show: a
  release page's record follows those links, a listing's need not;
- `listing_counts`: releases per year, per month, per category and per tag
  (and in all) of the page's `dates`, `categories` and `tags`, as numbers.

The templates read only these (the views have nothing else to read), so a
page's record changes exactly when what it can show changes. Clean and
incremental builds hand the same views to the same templates: the output
does not depend on which build made it. What Pelican puts in a paginated
page's context is in pelican_internals (point 8).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from . import pelican_internals


class ListingFieldMissing(RuntimeError):
    """A listing template read something its views do not carry."""


class _Strict:
    """A view that says so when a template asks it for what it does not
    carry, instead of printing nothing: whatever a page shows must be in the
    view, or the page's record could not see it change."""

    def __getattr__(self, name):
        # Only for names that are not fields. Python and markupsafe probe
        # dunder names (`__html__`): those are simply absent.
        if name.startswith("__"):
            raise AttributeError(name)
        carried = ", ".join(field.name for field in fields(self))
        raise ListingFieldMissing(
            f"a listing template read `{name}` of a {type(self).__name__}, which carries "
            f"{carried} (add it in {__name__}, so that the page's record covers it)")


@dataclass(frozen=True)
class PaginatorView(_Strict):
    """A whole listing, as a page of it may know it."""

    count: int
    num_pages: int
    per_page: int

    @property
    def page_range(self) -> list[int]:
        return list(range(1, self.num_pages + 1))


@dataclass(frozen=True)
class PageView(_Strict):
    """One page of a listing: Pelican's Page without the rest of the listing."""

    number: int
    object_list: tuple
    paginator: PaginatorView
    url: str
    save_as: str
    full_name: str  # the listing's first file: which listing this is

    def has_next(self) -> bool:
        return self.number < self.paginator.num_pages

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        if self.paginator.count == 0:
            return 0
        return self.paginator.per_page * (self.number - 1) + 1

    def end_index(self) -> int:
        if self.number == self.paginator.num_pages:
            return self.paginator.count
        return self.number * self.paginator.per_page


@dataclass(frozen=True)
class PageLink(_Strict):
    """The previous or next page of a listing: where it is, not what it shows."""

    number: int
    url: str
    save_as: str


@dataclass(frozen=True)
class ReleaseCard(_Strict):
    """What a listing shows of a release; a template asking a card for
    anything else stops the build (ListingFieldMissing)."""

    title: str
    url: str
    save_as: str
    date: object
    category: object
    summary: str
    photos: tuple
    lang: str
    slug: str


CARD_FIELDS = tuple(field.name for field in fields(ReleaseCard))


@dataclass(frozen=True)
class ListingCounts:
    """Counts of a listing's releases: `years` and `months` in the listing's
    order (newest first for `dates`), `categories` and `tags` in the
    context's order."""

    total: int
    years: tuple       # ((year, releases), ...)
    months: tuple      # ((year, month, releases), ...)
    categories: tuple  # ((category, releases), ...)
    tags: tuple        # ((tag, releases), ...)


def _counts(dates, categories, tags) -> ListingCounts:
    years: dict[int, int] = {}
    months: dict[tuple[int, int], int] = {}
    for release in dates:
        year, month = release.date.year, release.date.month
        years[year] = years.get(year, 0) + 1
        months[(year, month)] = months.get((year, month), 0) + 1
    return ListingCounts(
        total=len(dates), years=tuple(years.items()),
        months=tuple((year, month, count) for (year, month), count in months.items()),
        categories=tuple((category, len(releases)) for category, releases in categories or ()),
        tags=tuple((tag, len(releases)) for tag, releases in tags or ()))


class ListingViews:
    """The views of one build's pages; a listing shared by many pages (the
    same list object, the same paginator) is counted and viewed once."""

    def __init__(self):
        # id -> (the object, kept alive so the id stays its own; its view)
        self._paginators: dict[int, tuple[object, PaginatorView]] = {}
        self._counts: dict[tuple[int, int, int], tuple] = {}
        self._cards: dict[int, tuple[object, ReleaseCard]] = {}

    def page_context(self, localcontext: dict) -> dict:
        """The context the page's templates get: views for Pelican's
        paginators and pages, and `listing_counts` where there is a listing."""
        views = {}
        for key, value in localcontext.items():
            if pelican_internals.is_paginator(value):
                views[key] = self._paginator(value)
            elif pelican_internals.is_listing_page(value):
                views[key] = (self._link(value) if pelican_internals.is_neighbour_page_key(key)
                              else self._page(value))
        dates = localcontext.get("dates")
        if isinstance(dates, (list, tuple)):
            views["listing_counts"] = self._listing_counts(
                dates, localcontext.get("categories"), localcontext.get("tags"))
        return {**localcontext, **views} if views else localcontext

    def _paginator(self, paginator) -> PaginatorView:
        known = self._paginators.get(id(paginator))
        if known is None:
            known = self._paginators[id(paginator)] = (paginator, PaginatorView(
                *pelican_internals.paginator_numbers(paginator)))
        return known[1]

    def _page(self, page) -> PageView:
        number, object_list, paginator, url, save_as, full_name = \
            pelican_internals.listing_page_parts(page)
        return PageView(number, tuple(self._card(release) for release in object_list),
                        self._paginator(paginator), url, save_as, full_name)

    @staticmethod
    def _link(page) -> PageLink:
        number, _, _, url, save_as, _ = pelican_internals.listing_page_parts(page)
        return PageLink(number, url, save_as)

    def _card(self, release) -> ReleaseCard:
        known = self._cards.get(id(release))
        if known is None:
            values = {name: getattr(release, name) for name in CARD_FIELDS}
            values["photos"] = tuple(values["photos"] or ())
            known = self._cards[id(release)] = (release, ReleaseCard(**values))
        return known[1]

    def _listing_counts(self, dates, categories, tags) -> ListingCounts:
        key = (id(dates), id(categories), id(tags))
        known = self._counts.get(key)
        if known is None:
            known = self._counts[key] = (dates, categories, tags,
                                         _counts(dates, categories, tags))
        return known[-1]
