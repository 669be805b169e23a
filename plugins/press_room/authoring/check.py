"""`make check`: every content check the build makes, without building.

    python -m press_room.authoring.check [CONTENT] [-s pelicanconf.py]
                                         [--format text|github] [--publish]

It runs the build's own checks on the build's own objects — the site data
(site_data), each release file's parse (parsing.parse_release: front matter,
schema, dates, categories, contacts, photo files, sizes, body HTML), photo
headers (photos.inspect), translations agreeing (translations.disagreements),
unique paths (uniqueness.check_unique_urls on Pelican Article objects made
as Pelican's reader makes them) and the embargo (embargo.hold_for) — and
renders no page and encodes no photo, so it can never disagree with a build
about what is wrong. What it cannot see: a photo whose header is sound but
whose pixels are damaged (only decoding finds that; the build does).

Pelican behaviour it relies on (tests/build/test_check_command.py fails if
it changes): Generator.get_files finds the files, as for the article
generator; MarkdownReader's constructor adds to the MARKDOWN setting before
any file is parsed; Article(content, metadata, settings, source_path) is the
object uniqueness compares.

Each problem is printed as `file:line: field: problem — what to do` (or, with
`--format github`, as a GitHub Actions annotation); the exit status is 1 when
there is any. Parses are remembered between runs (check_cache).
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import sys
import time
from dataclasses import dataclass
from types import SimpleNamespace

from pelican.contents import Article
from pelican.generators import Generator
from pelican.settings import read_settings

from .. import build_checks, embargo, placeholders, settings as defaults, site_data, translations
from .. import uniqueness, withdrawal
from ..parallel_render import worker_count
from ..parsing import ParsedRelease, parse_release
from ..photos import PhotoProblem, inspect
from ..problem_lines import with_lines
from ..problems import Problem, display_path, in_display_order
from ..reader import ReleaseReader
from .check_cache import CheckCache, code_digest, folder_key, settings_digest, stat_key

# Settings a release file's parse depends on (see check_cache).
PARSE_SETTINGS = ("MARKDOWN", "PRESS_ROOM_LANGUAGES", "PRESS_ROOM_MAX_RELEASE_BYTES",
                  "TIMEZONE", "PRESS_ROOM_SITE", "PRESS_ROOM_PHOTO_MAX_PIXELS",
                  "PRESS_ROOM_PHOTO_WIDTHS")
# Below this many files to parse, a pool of workers costs more than it saves.
MIN_PARALLEL = 64


@dataclass
class Report:
    problems: list[Problem]
    warnings: list[Problem]
    files: int
    releases: int
    embargoed: list  # (display path, until)
    drafts: int
    parsed: int  # files parsed this run (the others came from the cache)


def load_settings(content: str, settings_file: str) -> dict:
    settings = read_settings(settings_file, override={"PATH": os.path.abspath(content)})
    defaults.apply_defaults(SimpleNamespace(settings=settings))
    return settings


def release_files(settings) -> list[str]:
    """The release files Pelican's article generator reads, as absolute paths
    in a stable order: found by Pelican's own Generator.get_files (ARTICLE_PATHS,
    ARTICLE_EXCLUDES, IGNORE_FILES), for the `.md` files our reader takes."""
    walker = SimpleNamespace(path=settings["PATH"], settings=settings)
    # get_files asks the generator's _include_path about each file; with the
    # extensions given, that needs only `settings` (IGNORE_FILES).
    walker._include_path = lambda path, extensions=None: Generator._include_path(
        walker, path, extensions)
    found = Generator.get_files(walker, settings["ARTICLE_PATHS"],
                                exclude=settings["ARTICLE_EXCLUDES"], extensions=("md",))
    return sorted(os.path.join(settings["PATH"], path) for path in found)


_worker_settings = None


def _parse(path: str):
    return path, parse_release(path, _worker_settings)


def _parse_all(paths: list[str], settings) -> dict[str, ParsedRelease]:
    global _worker_settings
    workers = worker_count(settings)
    if workers < 2 or len(paths) < MIN_PARALLEL:
        return {path: parse_release(path, settings) for path in paths}
    _worker_settings = settings
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return dict(pool.imap_unordered(_parse, paths, chunksize=32))
    finally:
        _worker_settings = None


def _for_cache(parsed: ParsedRelease) -> ParsedRelease:
    """The parse without its rendered body, which nothing here reads again
    but the placeholder check (so a body with a mark keeps it)."""
    if placeholders.MARK in parsed.content:
        return parsed
    return ParsedRelease(parsed.fields, "", parsed.problems)


def _shared(process):
    """Pelican's metadata processing, one Category or Tag object per name
    rather than one per release (each computes its slug once, not 5,000 times)."""
    made = {}

    def processed(name, value):
        key = (name, tuple(value) if isinstance(value, list) else value)
        if key not in made:
            made[key] = process(name, value)
        return made[key]

    return processed


def _article(path: str, parsed: ParsedRelease, reader: ReleaseReader, settings) -> Article:
    """The release as Pelican's reader hands it to the article generator."""
    reader._source_path = path
    metadata = reader._metadata(parsed.fields, parsed.content, parsed.problems)
    return Article(parsed.content, metadata=metadata, settings=settings, source_path=path,
                   context={})


def _photo_problems(path, parsed, settings, cache, warnings) -> list[Problem]:
    """The header checks the build's photo planning makes (generator.py)."""
    widths = settings["PRESS_ROOM_PHOTO_WIDTHS"]
    problems = []
    for index, photo in enumerate(parsed.fields.photos, start=1):
        key = stat_key(photo.source)
        result = cache.get_photo(photo.source, key)
        if result is None:
            try:
                result = ("size", inspect(photo.source, settings["PRESS_ROOM_PHOTO_MAX_PIXELS"]))
            except PhotoProblem as problem:
                result = ("problem", str(problem))
            except OSError as error:
                result = ("problem", f"cannot be read ({error.strerror})")
            cache.put_photo(photo.source, key, result)
        field = f"photos[{photo.written_index or index}].file"
        if result[0] == "problem":
            problems.append(Problem(display_path(path), field, f"{photo.file} {result[1]}"))
        elif result[1][0] < widths[0]:
            warnings.append(Problem(display_path(path), field,
                                    f"{photo.file} is only {result[1][0]} px wide; "
                                    f"photos look best from {widths[0]} px"))
    return problems


def check(content: str, settings_file: str = "pelicanconf.py", *, publish: bool = False,
          settings: dict | None = None) -> Report:
    settings = settings or load_settings(content, settings_file)
    if publish:
        settings["PRESS_ROOM_PUBLISH"] = True
    build_checks.start_build()
    site_data.load_into_settings(SimpleNamespace(settings=settings))
    problems = build_checks.reported()
    warnings: list[Problem] = []
    # Made before anything is parsed, as Pelican makes its readers: the
    # Markdown reader adds to the MARKDOWN setting the parse then uses.
    reader = ReleaseReader(settings)
    reader.process_metadata = _shared(reader.process_metadata)

    context = "\0".join([code_digest(), settings_digest(settings, PARSE_SETTINGS), os.getcwd()])
    cache = CheckCache(settings["PRESS_ROOM_CACHE_PATH"], context)
    paths = release_files(settings)
    keys = {path: (stat_key(path), folder_key(os.path.dirname(path))) for path in paths}
    run_key = hashlib.sha256(repr([(path, keys[path]) for path in paths]).encode()).hexdigest()
    findings = cache.run_findings(run_key)
    parsed_now = 0
    if findings is None:
        findings, parsed_now = _release_findings(paths, keys, settings, reader, cache)
        cache.remember_run(run_key, findings)
    cache.save()
    release_problems, release_warnings, facts = findings
    problems += release_problems
    warnings += release_warnings

    now = embargo.build_now(settings)
    embargoed, drafts = [], 0
    for fact in facts:
        hold = embargo.hold_for(fact, now)
        if fact.has_problems:
            continue  # a file with problems is held as a draft until they are fixed
        if hold and hold.kind == "draft":
            drafts += 1
        elif hold:
            embargoed.append((fact.file, hold.until))
        for problem in fact.unwritten:
            (problems if publish and hold is None else warnings).append(problem)

    unique = list(dict.fromkeys(problems))
    bundles = {os.path.dirname(path) for path in paths}
    return Report(in_display_order(with_lines(unique)), in_display_order(with_lines(warnings)),
                  len(paths), len(bundles), embargoed, drafts, parsed_now)


@dataclass(frozen=True)
class _Fact:
    """What the embargo and the placeholder rule need of one file, decided
    against the clock at every run (never remembered as a decision)."""

    file: str
    status: str
    date: object
    has_problems: bool
    unwritten: tuple


def _release_findings(paths, keys, settings, reader, cache):
    """Every release file's problems and warnings (its own, its photos', and
    across files), and its embargo facts. Returns them and how many files
    were parsed (the rest came from the cache)."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    parsed = {path: cache.get_parsed(path, keys[path]) for path in paths}
    missing = [path for path, value in parsed.items() if value is None]
    for path, result in _parse_all(missing, settings).items():
        parsed[path] = result
        cache.put_parsed(path, keys[path], _for_cache(result))

    articles = []
    for path in paths:
        release = parsed[path]
        problems += release.problems
        problems += _photo_problems(path, release, settings, cache, warnings)
        articles.append(_article(path, release, reader, settings))

    problems += translations.disagreements(articles)
    problems += withdrawal.disagreements(articles)
    build_checks.start_build()
    uniqueness.check_unique_urls(SimpleNamespace(articles=articles, settings=settings))
    problems += build_checks.reported()

    marked = {}
    for article, problem in placeholders.unwritten(articles):
        marked.setdefault(id(article), []).append(problem)
    facts = [_Fact(display_path(a.source_path), a.status, a.date,
                   bool(a.metadata.get(build_checks.PROBLEMS_KEY)), tuple(marked.get(id(a), ())))
             for a in articles]
    return (problems, warnings, facts), len(missing)


# --- output ---------------------------------------------------------------------

def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem, level: str = "error") -> str:
    """`::error file=…,line=…,title=…::…`: GitHub Actions marks the line in a
    pull request's changed files."""
    where = f"file={_escape_property(problem.file)}"
    if problem.line:
        where += f",line={problem.line}"
    where += f",title={_escape_property(problem.field)}"
    return f"::{level} {where}::{_escape_data(problem.field + ': ' + problem.message)}"


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def summary(report: Report, seconds: float) -> str:
    held = []
    if report.embargoed:
        held.append(f"{_plural(len(report.embargoed), 'file')} under embargo")
    if report.drafts:
        held.append(f"{_plural(report.drafts, 'draft')}")
    verdict = (f"{_plural(len(report.problems), 'problem')} — fix them and check again"
               if report.problems else "no problems")
    extra = f"; {', '.join(held)}" if held else ""
    warned = f"; {_plural(len(report.warnings), 'warning')}" if report.warnings else ""
    return (f"Checked {_plural(report.files, 'file')} in {_plural(report.releases, 'release')} "
            f"in {seconds:.1f} s: {verdict}{warned}{extra}.")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="make check",
        description="Check every release and the site data as the build does, without "
                    "building: each problem as `file:line: field: problem — what to do`; "
                    "exit status 1 if there is any.")
    parser.add_argument("content", nargs="?", default="content",
                        help="the content folder (default: content)")
    parser.add_argument("-s", "--settings", default="pelicanconf.py",
                        help="the Pelican settings file (default: pelicanconf.py)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="github: GitHub Actions annotations (::error file=…,line=…::…)")
    parser.add_argument("--cache", help="where parses are remembered between runs "
                        "(default: PRESS_ROOM_CACHE_PATH/check)")
    parser.add_argument("--publish", action="store_true",
                        help="apply the public build's rules too: text still to write in a "
                             "release that is due is an error, not a warning")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.content):
        print(f"make check: {args.content}: no such folder — give the content folder",
              file=sys.stderr)
        return 2
    started = time.monotonic()
    settings = load_settings(args.content, args.settings)
    if args.cache:
        settings["PRESS_ROOM_CACHE_PATH"] = args.cache
    report = check(args.content, args.settings, publish=args.publish, settings=settings)
    seconds = time.monotonic() - started
    for problem in report.problems:
        print(github_annotation(problem) if args.format == "github" else problem)
    for warning in report.warnings:
        print(github_annotation(warning, "warning") if args.format == "github"
              else f"warning: {warning}")
    for path, until in report.embargoed:
        print(f"{path}: under embargo until {until.isoformat(sep=' ', timespec='minutes')}",
              file=sys.stderr)
    print(summary(report, seconds), file=sys.stderr)
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
