"""A whole build's fingerprint: everything its output was made from.

After a build that finished (raised nothing), one record per
output folder (PRESS_ROOM_CACHE_PATH/builds/<output folder digest>.json)
holds:

- the content folder (settings PATH) as it was *before* the build read it:
  every file's relative path with (size, mtime_ns, ctime_ns, inode), every
  folder's path; a file whose modification or change time is within
  RACY_SECONDS of that moment also has the SHA-256 of its bytes, checked
  next time (a same-size write in the same clock tick leaves the times as
  they were: git calls such a file "racy");
- the global digest the page records compute (plugin code, theme tree,
  libraries, the fully read settings) and the names of every installed
  distribution (a Pillow or Pagefind upgrade changes photos or the index);
- the environment the build reads (ENVIRONMENT and every PAGEFIND_*
  variable, which the search step's subprocess inherits), as digests so a
  password is never written down, and the bytes' digest of every file such a
  variable names (the signing key);
- the clock: the build's now and the first instant after it at which any
  output would change (an embargo lifts, a release enters or leaves the news
  sitemap's window); the record holds for now in [now, that instant);
- the output folder as the build left it: every file and folder with (size,
  mtime_ns, inode) — without the change time, which another hard link to a
  published photo moves.

Beside them the record keeps the warnings the build logged, for a build that
does nothing to show again (unchanged_build); they are not compared.

`unchanged` says whether a record still describes the inputs, the clock and
the output; any difference, or a record that cannot be read, means a real
build.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..embargo import NOW_VARIABLE, build_now
from ..trust.signing import KEY_FILE_VARIABLE, PASSWORD_VARIABLE
from .digest import NotDigestible
from .page_records import global_digest

RECORD_FOLDER = "builds"
FORMAT = 1
RACY_SECONDS = 2
# Every environment variable the plugin or the settings read, and those of the
# process that shape text (the time zone and locale Pelican formats with).
ENVIRONMENT = (NOW_VARIABLE, KEY_FILE_VARIABLE, PASSWORD_VARIABLE, "SITEURL",
               "TZ", "LANG", "LANGUAGE", "LC_ALL", "LC_TIME", "LC_CTYPE", "LC_COLLATE")
# Variables naming a file the build reads: the file's bytes count too.
FILE_VARIABLES = (KEY_FILE_VARIABLE,)
# The search step runs Pagefind, which reads its own PAGEFIND_* configuration.
ENVIRONMENT_PREFIXES = ("PAGEFIND_",)
_CHUNK = 1 << 20


def record_file(settings, output_path: str) -> str:
    where = hashlib.sha256(os.path.realpath(output_path).encode()).hexdigest()[:16]
    return os.path.join(settings["PRESS_ROOM_CACHE_PATH"], RECORD_FOLDER, f"{where}.json")


def _bytes_digest(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def content_snapshot(root: str, now_ns: int | None = None) -> dict[str, list | None]:
    """{relative path: [size, mtime_ns, ctime_ns, inode(, sha256 if racy)]},
    folders as {"path/": None}. Links are followed, as Pelican reads them."""
    now_ns = time.time_ns() if now_ns is None else now_ns
    racy = RACY_SECONDS * 1_000_000_000
    snapshot: dict[str, list | None] = {}
    start = len(os.path.join(root, ""))
    for folder, subfolders, files in os.walk(root, followlinks=True):
        for name in subfolders:
            snapshot[os.path.join(folder, name)[start:] + "/"] = None
        for name in files:
            path = os.path.join(folder, name)
            try:
                status = os.stat(path)
            except OSError:  # a broken link: Pelican cannot read it either
                snapshot[path[start:]] = ["missing"]
                continue
            state = [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]
            if now_ns - max(status.st_mtime_ns, status.st_ctime_ns) < racy:
                state.append(_bytes_digest(path))
            snapshot[path[start:]] = state
    return snapshot


def content_unchanged(recorded: dict, current: dict, root: str) -> str | None:
    """None when the content is as recorded; else the first difference."""
    if recorded.keys() != current.keys():
        added = sorted(current.keys() - recorded.keys())
        removed = sorted(recorded.keys() - current.keys())
        return f"content: added {added[:3]}, removed {removed[:3]}"
    for name, before in recorded.items():
        now = current[name]
        if before is None and now is None:
            continue
        if before is None or now is None or before[:4] != now[:4]:
            return f"content: {name} changed"
        if len(before) > 4 and _bytes_digest(os.path.join(root, name)) != before[4]:
            return f"content: {name} changed (same size and times)"
    return None


def output_snapshot(root: str) -> dict[str, list]:
    """{relative path: [size, mtime_ns, inode]} of every file and folder
    (a folder's path ends in "/"); links are not followed."""
    snapshot: dict[str, list] = {}
    if not os.path.isdir(root):
        return snapshot
    pending = [("", root)]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                status = entry.stat(follow_symlinks=False)
                if entry.is_dir(follow_symlinks=False):
                    snapshot[f"{prefix}{entry.name}/"] = [0, status.st_mtime_ns, status.st_ino]
                    pending.append((f"{prefix}{entry.name}/", entry.path))
                else:
                    snapshot[prefix + entry.name] = [status.st_size, status.st_mtime_ns,
                                                     status.st_ino]
    return snapshot


def _installed_distributions() -> list[str]:
    """The names of every installed distribution with its version
    (`Pillow-11.0.0.dist-info`): an install or upgrade changes the list."""
    names = set()  # by name only: how a script is started changes sys.path, not the libraries
    for entry in sys.path:
        if not entry:
            continue  # the working folder
        try:
            names.update(name for name in os.listdir(entry)
                         if name.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    return sorted(names)


def environment(environ=os.environ) -> dict[str, str]:
    """Digests of the environment the build reads, and of the files it names."""
    names = set(ENVIRONMENT) | {name for name in environ
                                if name.startswith(ENVIRONMENT_PREFIXES)}
    found = {}
    for name in sorted(names):
        value = environ.get(name)
        if value is None:
            continue
        found[name] = hashlib.sha256(f"{name}\0{value}".encode()).hexdigest()
        if name in FILE_VARIABLES and value.strip():
            found[f"{name} file"] = _bytes_digest(value.strip()) or "unreadable"
    return found


def settings_digest(settings) -> str | None:
    """Code, theme, libraries and settings; None when a setting cannot be
    digested (then no record is trusted)."""
    try:
        digest = global_digest(settings, settings["THEME"])
    except NotDigestible:
        return None
    extra = hashlib.sha256(digest.encode())
    for name in _installed_distributions():
        extra.update(name.encode() + b"\0")
    return extra.hexdigest()


def next_change(now: datetime, dates, news_days: int | None) -> datetime | None:
    """The first instant after `now` at which the clock changes the output:
    a release's date (its embargo lifts, it enters the news sitemap) or the
    moment it leaves the news sitemap's window (`news_days` after its date)."""
    instants = [date for date in dates if date > now]
    if news_days is not None:
        window = timedelta(days=news_days)
        # In the window while now <= date + window: it leaves just after.
        instants += [date + window + timedelta(microseconds=1) for date in dates
                     if date + window >= now]
    return min(instants, default=None)


@dataclass
class Inputs:
    """What the next build would be made from, read before it runs."""
    content_root: str
    content: dict
    settings: str | None
    environment: dict
    now: datetime
    output_path: str


def read_inputs(settings, output_path: str) -> Inputs:
    return Inputs(content_root=settings["PATH"], content=content_snapshot(settings["PATH"]), settings=settings_digest(settings),
                  environment=environment(), now=build_now(settings),
                  output_path=os.path.realpath(output_path))


def load(path: str) -> dict | None:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def difference(record: dict | None, inputs: Inputs, root: str) -> str | None:
    """None when `record` describes these inputs, this clock and the output
    as it is; else what differs (the first thing found)."""
    if record is None:
        return "no record of a finished build"
    try:
        if inputs.settings is None or record["settings"] != inputs.settings:
            return "settings, plugin, theme or libraries changed"
        if record["output_path"] != inputs.output_path:
            return "another output folder"
        if record["environment"] != inputs.environment:
            return "environment changed"
        recorded_now = datetime.fromisoformat(record["now"])
        until = record["until"] and datetime.fromisoformat(record["until"])
        if inputs.now < recorded_now or (until and inputs.now >= until):
            return "the clock changes the output"
        changed = content_unchanged(record["content"], inputs.content, inputs.content_root)
        if changed:
            return changed
        if record["output"] != output_snapshot(root):
            return "output changed"
    except (KeyError, TypeError, ValueError, AttributeError):
        return "unreadable record"
    return None


def save(path: str, inputs: Inputs, until: datetime | None, root: str,
         logged: list | None = None) -> None:
    """Record a finished build (written whole or not at all), with the
    warnings it logged ([logger, level, message]) to show again."""
    record = {"format": FORMAT,
              "built_at": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S"),
              "settings": inputs.settings, "output_path": inputs.output_path,
              "environment": inputs.environment, "now": inputs.now.isoformat(),
              "until": until.isoformat() if until else None, "content": inputs.content,
              "output": output_snapshot(root), "logged": logged or []}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.partial"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(record, handle, separators=(",", ":"))
    os.replace(temporary, path)


def forget(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
