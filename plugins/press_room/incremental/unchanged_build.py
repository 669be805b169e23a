"""A build whose inputs did not change does nothing: the Pelican subclass.

`PressRoomPelican.run()` reads the inputs first (build_fingerprint) and
compares them with the record of the last build into the same output folder.
When content, settings, code, theme, libraries, environment and output are
as recorded, and the clock is still inside the recorded window, it prints one
line and returns: the output is what that build left, which is what a clean
build of the same inputs gives. The warnings that build logged are logged
again first (same logger, same level: `--fatal warnings` still stops on
them; past SHOWN_AGAIN, one line counts the rest), so a build that does
nothing hides no problem. Otherwise it deletes
the record, builds, and records again only when the build finished without
raising.
PRESS_ROOM_FULL_BUILD=1 in the environment always builds.

pelicanconf.py names the class in Pelican's PELICAN_CLASS setting. Relied on
in Pelican (tests/unit/test_unchanged_build.py fails if one changes):
1. The `pelican` command (`get_instance`) reads the settings, then builds
   with `settings["PELICAN_CLASS"]`: for a string "package.Class" it does
   `__import__("package")` and takes the attribute `Class` of that top
   package — so the class is exported by press_room/__init__.py, and the
   plugins folder is importable once the settings file has run;
2. loading a plugin by name from PLUGIN_PATHS reuses the module already in
   `sys.modules`: importing press_room for PELICAN_CLASS and Pelican loading
   it as a plugin give one module (one copy of every per-build state);
3. `Pelican.__init__` registers the plugins and sends `initialized` before
   `run()` is called: the settings are fully read (plugin defaults, site
   data) when run() starts;
4. `Pelican.run()` is the whole build — generators, writing, `finalized` —
   and raises what stops it; the command does nothing else to the output;
5. `article_generator_finalized` is sent with the articles generator, whose
   lists (articles, translations, drafts, hidden, with their translations)
   hold every release read: their dates are where the clock can change the
   output (the embargo's own list of withheld releases too, in a publish
   build that drops them).
"""

from __future__ import annotations

import logging
import os
import time
from datetime import datetime

from pelican import Pelican, signals

from . import build_fingerprint

logger = logging.getLogger(__name__)

FULL_BUILD_VARIABLE = "PRESS_ROOM_FULL_BUILD"
SHOWN_AGAIN = 20  # warnings of the last build logged again in full by one that does nothing
# Every list of releases Pelican's ArticlesGenerator keeps.
_RELEASE_LISTS = ("articles", "translations", "drafts", "drafts_translations",
                  "hidden_articles", "hidden_translations")


class _BuildWatch(logging.Handler):
    """During one build: the releases' dates, and what it warned about."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.dates: set[datetime] = set()
        self.logged: list[list] = []

    def emit(self, record):
        try:
            message = record.getMessage()
        except Exception:  # a message that cannot be formatted is still shown
            message = str(record.msg)
        self.logged.append([record.name, record.levelno, message])

    def releases_read(self, generator):
        lists = [getattr(generator, name, ()) for name in _RELEASE_LISTS]
        lists.append(generator.settings.get("PRESS_ROOM_WITHHELD") or ())
        for items in lists:
            for release in items:
                for item in (release, *getattr(release, "translations", ())):
                    date = getattr(item, "date", None)
                    if isinstance(date, datetime):
                        self.dates.add(date)

    def __enter__(self):
        logging.getLogger().addHandler(self)
        signals.article_generator_finalized.connect(self.releases_read, weak=False)
        return self

    def __exit__(self, *exc):
        signals.article_generator_finalized.disconnect(self.releases_read)
        logging.getLogger().removeHandler(self)
        return False


def _log_again(logged: list) -> None:
    """The last build's warnings, the first SHOWN_AGAIN of them in full (each
    costs a terminal line: a site with a thousand over-long captions would
    spend more time printing them than checking its inputs)."""
    for name, level, message in logged[:SHOWN_AGAIN]:
        logging.getLogger(name).log(level, "%s", message)
    if len(logged) > SHOWN_AGAIN:
        level = max(level for _, level, _ in logged[SHOWN_AGAIN:])
        logger.log(level, "… and %d more warning(s) of the last build: %s=1 shows them all",
                   len(logged) - SHOWN_AGAIN, FULL_BUILD_VARIABLE)


def _shown(path: str) -> str:
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else path


class PressRoomPelican(Pelican):
    def run(self):
        started = time.perf_counter()
        if not self.settings.get("PRESS_ROOM_CACHE_PATH"):
            return super().run()
        record_path = build_fingerprint.record_file(self.settings, self.output_path)
        inputs = build_fingerprint.read_inputs(self.settings, self.output_path)
        if os.environ.get(FULL_BUILD_VARIABLE, "") not in ("", "0"):
            reason = f"{FULL_BUILD_VARIABLE} is set"
        else:
            record = build_fingerprint.load(record_path)
            reason = build_fingerprint.difference(record, inputs, self.output_path)
            if reason is None:
                _log_again(record.get("logged") or [])
                print(f"Nothing changed since the last build at {record['built_at']}: "
                      f"{_shown(self.output_path)}/ kept as it is "
                      f"({time.perf_counter() - started:.1f} s)", flush=True)
                return None
        logger.info("Building: %s", reason)
        build_fingerprint.forget(record_path)
        with _BuildWatch() as watch:
            result = super().run()
        days = self.settings.get("PRESS_ROOM_NEWS_SITEMAP_DAYS")
        until = build_fingerprint.next_change(inputs.now, watch.dates,
                                              days if isinstance(days, (int, float)) else None)
        build_fingerprint.save(record_path, inputs, until, self.output_path, watch.logged)
        return result
