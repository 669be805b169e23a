"""Related releases: the ranking, and the bound that keeps the step linear."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from types import SimpleNamespace

from press_room import related


def _release(index, tags, category, lang="en"):
    return SimpleNamespace(slug=f"r{index:05d}", tags=tags, category=category, lang=lang,
                           date=datetime(2020, 1, 1) + timedelta(days=index))


def _link(releases):
    generator = SimpleNamespace(articles=releases, translations=[])
    related.link_related(generator)
    return {r.slug: [o.slug for o in r.related_releases] for r in releases}


def _brute_force(releases, release):
    """Every other release scored: what the windowed search must equal while
    every timeline is shorter than the window."""
    newest_first = sorted(releases, key=lambda r: (r.date, r.slug), reverse=True)
    at = newest_first.index(release)
    others = [(p, o) for p, o in enumerate(newest_first) if o is not release
              and (set(o.tags) & set(release.tags) or o.category == release.category)]
    others.sort(key=lambda po: (-len(set(po[1].tags) & set(release.tags)),
                                po[1].category != release.category, abs(po[0] - at), po[0]))
    return [o.slug for _, o in others[:related.RELATED_COUNT]]


def test_small_archive_matches_scoring_every_release():
    rng = random.Random(7)
    tags = [f"t{i}" for i in range(6)]
    releases = [_release(i, rng.sample(tags, rng.randint(0, 3)), rng.choice("AB"))
                for i in range(related.WINDOW)]
    linked = _link(releases)
    for release in releases:
        assert linked[release.slug] == _brute_force(releases, release), release


def test_more_shared_tags_beat_a_shared_category_and_nearness():
    releases = [
        _release(0, ["x", "y"], "A"),
        _release(1, ["x"], "B"),
        _release(2, ["x"], "B"),  # the subject
        _release(3, [], "B"),
        _release(4, ["x", "y"], "A"),
    ]
    releases[2].tags = ["x", "y"]
    # Two shared tags (the nearer first), then one tag and the category, and
    # r00003 (category only) is left out.
    assert _link(releases)["r00002"] == ["r00004", "r00000", "r00001"]


def test_never_itself_never_another_language():
    releases = [_release(i, ["x"], "A") for i in range(5)]
    releases += [_release(10 + i, ["x"], "A", lang="zh-hant") for i in range(5)]
    linked = _link(releases)
    for release in releases:
        chosen = linked[release.slug]
        assert release.slug not in chosen
        assert {r.lang for r in releases if r.slug in chosen} == {release.lang}, (release, chosen)


def test_a_tag_on_every_release_yields_a_bounded_candidate_set():
    # Linear growth: the candidates per release do not grow with the archive.
    releases = [_release(i, ["everywhere"], "A") for i in range(2_000)]
    newest_first = sorted(releases, key=lambda r: (r.date, r.slug), reverse=True)
    timeline = list(range(len(newest_first)))
    for position in (0, 1_000, 1_999):
        found = related._neighbours(timeline, position)
        assert len(found) <= 2 * related.WINDOW, (position, len(found))
        assert position not in found
    linked = _link(releases)
    # The nearest in time, the newer of two equally near first.
    assert linked["r01000"] == ["r01001", "r00999", "r01002"], linked["r01000"]
