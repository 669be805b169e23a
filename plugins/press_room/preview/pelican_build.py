"""Run one ordinary Pelican build inside this process, as `pelican` would.

Everything the preview server needs from Pelican is here, and it relies on
these behaviours (tests/unit/test_preview_pelican.py fails if one changes):

- `pelican.settings.read_settings(path, override)` reads the settings file
  afresh on every call, so an edited settings file takes effect at the next
  build, and values in `override` win over the file's;
- a build is run by the class the PELICAN_CLASS setting names, as the
  `pelican` command does (`get_instance`: a "package.Class" string is the
  attribute Class of that package, which the settings file made importable);
- `pelican.Pelican(settings)` (and so that subclass) registers the plugins and sends the
  `initialized` signal; the press-room plugin resets its per-build state on
  that signal (the collected content problems among it), so every build gets
  a new instance — reusing one, as `pelican --autoreload` does, would carry
  one build's problems into the next;
- `Pelican.run()` raises what stops a build (the plugin's ContentError after
  it has printed every problem; anything else) instead of exiting;
- `pelican.log.init(fatal="errors")` makes an error logged during a build
  raise, like `pelican --fatal errors` (the Makefile's strict builds);
- Pelican's log filter drops a warning it has already shown once in the
  process (`LimitFilter`'s class-level `_raised_messages`, `_group_count`):
  a long-running server clears them before each build so every build shows
  its own warnings;
- `Content.get_content` is `pelican.utils.memoized`: a cache on the class,
  keyed by the content object, that keeps every release of every build alive
  (and its HTML) for the life of the process; it is emptied after each build.
"""

from __future__ import annotations

import importlib
import logging
import os

from pelican import Pelican
from pelican.contents import Content
from pelican.log import LimitFilter
from pelican.log import init as init_logging
from pelican.settings import read_settings
from pelican.utils import memoized


def init_logs(verbose: bool = False) -> None:
    """Pelican's console logging, errors fatal (a failed build, not a warning)."""
    init_logging(level=logging.INFO if verbose else logging.WARNING, fatal="errors",
                 name="pelican")


def load_settings(settings_file: str, content: str, output: str,
                  overrides: dict | None = None) -> dict:
    """The settings a `pelican CONTENT -s SETTINGS -o OUTPUT -e …` build uses."""
    override = {"PATH": os.path.abspath(content), "OUTPUT_PATH": os.path.abspath(output)}
    override.update(overrides or {})
    if "THEME" in override and os.path.exists(override["THEME"]):
        override["THEME"] = os.path.abspath(override["THEME"])
    return read_settings(os.path.abspath(settings_file), override=override)


def forget_shown_warnings() -> None:
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


def memoized_content_caches() -> list[dict]:
    """The caches of Content's memoized methods (get_content)."""
    return [value.cache for klass in Content.__mro__ for value in vars(klass).values()
            if isinstance(value, memoized)]


def forget_built_content() -> None:
    for cache in memoized_content_caches():
        cache.clear()


def pelican_class(settings: dict) -> type:
    """The class the settings name for a build (PELICAN_CLASS), as the
    `pelican` command picks it."""
    named = settings.get("PELICAN_CLASS", Pelican)
    if isinstance(named, str):
        module, _, name = named.rpartition(".")
        return getattr(importlib.import_module(module), name)
    return named


def build(settings: dict) -> None:
    """One ordinary build (which does nothing when no input changed); raises
    whatever stopped it."""
    forget_shown_warnings()
    try:
        pelican_class(settings)(settings).run()
    finally:
        forget_built_content()
