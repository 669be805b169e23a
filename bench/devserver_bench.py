"""Preview benchmark: `make bench-devserver` — save → page updated under the devserver.

Starts the live preview (`python -m press_room.preview`, what `make
devserver` runs, with its settings: pelicanconf.py) on a synthetic corpus
(bench/corpus.py, text only), waits for its first build, opens (fetches) the
newest release's page and the home page, then, `--rounds` times: rewrites
that release's title on disk and polls both pages every 50 ms until each
shows the new title. It reports, from the moment the file was written:

  release page   the edited release's page shows the new title: the quick
                 render (preview/quick_render.py), before the full build
  home page      the home listing (newest first: the release is on page 1)
                 shows it: the full build
  build done     the server reports the build finished (search index included)
  quick          whether the server published a quick render for the edit

Only the photo and search caches are moved (into the benchmark's work folder)
so that the benchmark leaves the repository's .cache/press-room alone.
The server's peak memory is its VmHWM (peak resident set, the process alone:
forked render workers not counted), over its whole life, cold build included.

Standalone it writes bench/results-devserver.md; build_bench.py calls
`save_to_update()` for its "preview" row. A benchmark, not a test: it asserts
only that the server starts, builds and shows every edit (within --timeout).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402

CACHE = REPO / ".cache/bench"
POLL_SECONDS = 0.05
SERVING = re.compile(r"Serving (http://127\.0\.0\.1:\d+)/")
DATE = re.compile(r"^date: *(.+)$", re.MULTILINE)
TITLE = re.compile(r"^title: .*$", re.MULTILINE)


@dataclass
class Round:
    release_s: float
    home_s: float
    build_s: float
    cpu_s: float  # the server's CPU time (and its workers', Pagefind's) for the rebuild
    quick: bool = False  # a quick render was published before the full build


@dataclass
class Result:
    releases: int
    cold_s: float               # the server's first build, from its start
    rounds: list[Round] = field(default_factory=list)
    peak_mib: float = 0.0       # the server process's VmHWM
    release_path: str = ""
    log: Path | None = None

    def median(self, name: str) -> float:
        return statistics.median(getattr(r, name) for r in self.rounds)


class _Server:
    """The devserver as a child process, its terminal output kept in a file."""

    def __init__(self, corpus_folder: Path, output: Path, cache: Path, code: Path, log: Path,
                 timeout: float):
        settings = {"PRESS_ROOM_CACHE_PATH": str(cache)}
        command = [sys.executable, "-m", "press_room.preview", str(corpus_folder),
                   "-s", str(code / "pelicanconf.py"), "-o", str(output), "--port", "0",
                   "-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())]
        log.parent.mkdir(parents=True, exist_ok=True)
        self.log = log
        self._log_file = open(log, "w", encoding="utf-8")
        self.lines: list[str] = []
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, cwd=code, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONPATH": str(code / "plugins"), "PYTHONUNBUFFERED": "1",
                 "COLUMNS": "200"},
            start_new_session=True)  # its own group: stopping it stops its workers
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self._address(timeout)

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)
            self._log_file.write(line)
            self._log_file.flush()

    def _address(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            for line in list(self.lines):
                if match := SERVING.search(line):
                    return match.group(1)
            time.sleep(POLL_SECONDS)
        self.stop()
        raise SystemExit(f"the devserver did not start:\n{''.join(self.lines)}")

    def get(self, path: str) -> bytes:
        try:
            with urllib.request.urlopen(self.url + path, timeout=600) as response:
                return response.read()
        except urllib.error.HTTPError as error:  # the error page after a failed build
            return error.read()

    def status(self) -> dict:
        return json.loads(self.get("/__preview__/status"))

    def wait_for_build(self, after: str | None, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.status()
            if state["id"] not in (None, after) and not state["building"]:
                if not state["ok"]:
                    self.stop()
                    raise SystemExit(f"the build failed: {state}\n{''.join(self.lines)}")
                return state
            time.sleep(POLL_SECONDS)
        self.stop()
        raise SystemExit(f"no build finished within {timeout} s:\n{''.join(self.lines)}")

    def cpu_seconds(self) -> float:
        """User + system time of the server and of its children it has waited for
        (render and read workers, Pagefind)."""
        try:
            stat = Path(f"/proc/{self.process.pid}/stat").read_text()
        except OSError:
            return 0.0
        fields = stat[stat.rindex(")") + 2:].split()
        return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")

    def peak_mib(self) -> float:
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return 0.0
        match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        return int(match.group(1)) / 1024 if match else 0.0

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log_file.close()


def newest_release(corpus_folder: Path) -> Path:
    """The English file of the newest release: first in the home listing."""
    def published(path: Path):
        match = DATE.search(path.read_text(encoding="utf-8"))
        return dt.datetime.strptime(match.group(1).strip().strip("'\""), "%Y-%m-%d %H:%M %z")
    return max(sorted((corpus_folder / "releases").glob("*/*/index.md")), key=published)


def save_to_update(corpus_folder: Path, work: Path, code: Path = REPO, rounds: int = 3,
                   timeout: float = 900) -> Result:
    """Run the preview on `corpus_folder` (it is edited), measure `rounds` edits."""
    shutil.rmtree(work, ignore_errors=True)
    release_file = newest_release(corpus_folder)
    year, slug = release_file.parent.parent.name, release_file.parent.name
    release_path = f"/releases/{year}/{slug}/"
    releases = sum(1 for _ in (corpus_folder / "releases").glob("*/*/index.md"))
    server = _Server(corpus_folder, work / "output", work / "press-room-cache", code,
                     work / "devserver.log", timeout)
    try:
        state = server.wait_for_build(None, timeout)
        result = Result(releases, time.perf_counter() - server.started,
                        release_path=release_path, log=server.log)
        for number in range(1, rounds + 1):
            # Open pages, as the writer has them: the server keeps what it served.
            server.get(release_path)
            server.get("/")
            marker = f"Preview benchmark edit {number} {secrets.token_hex(4)}"
            text = release_file.read_text(encoding="utf-8")
            release_file.write_text(TITLE.sub(f"title: {marker}", text, count=1),
                                    encoding="utf-8")
            saved, cpu_before = time.perf_counter(), server.cpu_seconds()
            seen: dict[str, float] = {}
            quick = False
            deadline = time.monotonic() + timeout
            while len(seen) < 3:
                if time.monotonic() > deadline:
                    server.stop()
                    raise SystemExit(f"edit {number} not shown within {timeout} s "
                                     f"(seen: {seen}):\n{''.join(server.lines)}")
                for name, path in (("release", release_path), ("home", "/")):
                    if name not in seen and marker.encode() in server.get(path):
                        seen[name] = time.perf_counter() - saved
                if "build" not in seen:
                    now = server.status()
                    quick = quick or bool(now.get("quick"))
                    if now["id"] != state["id"] and not now["building"]:
                        seen["build"] = time.perf_counter() - saved
                        cpu = server.cpu_seconds() - cpu_before
                        state = now
                        if not now["ok"]:
                            server.stop()
                            raise SystemExit(f"the rebuild failed: {now}")
                time.sleep(POLL_SECONDS)
            result.rounds.append(Round(seen["release"], seen["home"], seen["build"], cpu,
                                       quick))
            print(f"  N={releases} preview edit {number}: release page {seen['release']:.2f} s"
                  f"{' (quick render)' if quick else ''}, home {seen['home']:.2f} s (full "
                  f"build), build done {seen['build']:.2f} s, {cpu:.1f} CPU s", flush=True)
        result.peak_mib = server.peak_mib()
        return result
    finally:
        server.stop()


def _corpus(count: int, seed: int) -> Path:
    """A text-only corpus under .cache/bench/, made again when corpus.py changes."""
    folder = CACHE / f"devserver-corpus-{count}-seed{seed}"
    stamp_file = folder.with_name(folder.name + ".stamp")
    stamp = hashlib.sha256((BENCH / "corpus.py").read_bytes() + corpus.SITE_DATA.read_bytes()
                           + f"{count} {seed}".encode()).hexdigest()[:20]
    if not (folder.exists() and stamp_file.exists() and stamp_file.read_text() == stamp):
        shutil.rmtree(folder, ignore_errors=True)
        corpus.generate(count, folder, seed, photos=False)
        stamp_file.write_text(stamp)
    return folder


def report(result: Result, command: str) -> str:
    lines = [
        "# Preview benchmark: save → page updated", "",
        f"Date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC. Machine: "
        f"{os.cpu_count()} cores, {platform.machine()}; Python {platform.python_version()}. "
        f"Load average (1/5/15 min) at the end: "
        f"{' / '.join(f'{x:.1f}' for x in os.getloadavg())}.",
        f"Command: `{command}`.", "",
        f"The devserver (`python -m press_room.preview`, pelicanconf.py) on "
        f"{result.releases:,} text-only releases (bench/corpus.py); each round rewrites the "
        f"title of the newest release ({result.release_path}) and polls that page and the "
        "home page every 50 ms. Seconds from the file's write. The release page is the quick "
        "render's (the edited release's page rendered from the last build's context, before "
        "the full build); the home page and everything else change when the full build ends; "
        "\"quick\": the server published a quick render for that edit.", "",
        "| round | release page, quick (s) | home page, full build (s) | build done (s) "
        "| server CPU s | quick |",
        "|---:|---:|---:|---:|---:|:---:|",
        *(f"| {n} | {r.release_s:.2f} | {r.home_s:.2f} | {r.build_s:.2f} | {r.cpu_s:.1f} "
          f"| {'yes' if r.quick else 'no'} |"
          for n, r in enumerate(result.rounds, 1)),
        f"| median | {result.median('release_s'):.2f} | {result.median('home_s'):.2f} | "
        f"{result.median('build_s'):.2f} | {result.median('cpu_s'):.1f} | |", "",
        f"First (cold) build, from the server's start: {result.cold_s:.1f} s. "
        f"Server process peak RSS (VmHWM): {result.peak_mib:.0f} MiB.", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="releases (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--output", type=Path, default=BENCH / "results-devserver.md")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = CACHE / "work-devserver"
    try:
        corpus_copy = work / "corpus"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(_corpus(args.size, args.seed), corpus_copy)
        result = save_to_update(corpus_copy, work / "run", rounds=args.rounds,
                                timeout=args.timeout)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report(result, "python bench/devserver_bench.py " + " ".join(sys.argv[1:]))
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
