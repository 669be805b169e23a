"""Run `python -m press_room.preview` (what `make devserver` runs) on a temp site.

The server runs as its own process, as a writer starts it, on a free port
(`--port 0`: it prints the address it got). Its terminal output is collected
line by line so that tests can assert on it and show it when they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from tests.conftest import REPO, empty_content

SERVING = re.compile(r"Serving (http://127\.0\.0\.1:\d+)/")
START_SECONDS = 60
BUILD_SECONDS = 60


def write_release(content: Path, year: str, slug: str, title: str, *, category="Press Releases",
                  date: str | None = None, body: str = "") -> Path:
    """A text-only release bundle; returns its index.md."""
    path = content / "releases" / year / slug / "index.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"---\ntitle: {title}\ndate: {date or f'{year}-06-15 14:00 +08:00'}\n"
        f"category: {category}\ntags: [Preview]\n---\n"
        f"{body or 'The lead paragraph of ' + title + '.'}\n\nA second paragraph.\n",
        encoding="utf-8")
    return path


def tiny_site(root: Path, *, own_theme: bool = False) -> tuple[Path, Path | None]:
    """Two releases in `root/content`; with `own_theme`, a copy of the theme to edit."""
    content = empty_content(root)
    write_release(content, "2021", "first-release", "First release of the preview site")
    write_release(content, "2022", "second-release", "Second release of the preview site")
    theme = None
    if own_theme:
        theme = root / "theme"
        shutil.copytree(REPO / "theme", theme)
    return content, theme


class Devserver:
    def __init__(self, content: Path, output: Path, *, theme: Path | None = None,
                 settings: dict | None = None, settings_file: Path = REPO / "pelicanconf.py"):
        extra = dict(settings or {})
        if theme is not None:
            extra["THEME"] = str(theme)
        command = [sys.executable, "-m", "press_room.preview", str(content),
                   "-s", str(settings_file), "-o", str(output), "--port", "0"]
        if extra:
            command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in extra.items())]
        env = {**os.environ, "PYTHONPATH": str(REPO / "plugins"), "COLUMNS": "200",
               "PYTHONUNBUFFERED": "1"}
        self.output = output
        self.lines: list[str] = []
        self.process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True,
                                        start_new_session=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.url = self._wait_for_address()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def log(self) -> str:
        return "\n".join(self.lines)

    def _wait_for_address(self) -> str:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if match := SERVING.search(line):
                    return match.group(1)
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise AssertionError(f"the devserver did not start (exit {self.process.returncode}):\n"
                             f"{self.log}")

    def status(self) -> dict:
        with urllib.request.urlopen(self.url + "/__preview__/status", timeout=10) as response:
            return json.load(response)

    def wait_for_build(self, after: str | None = None, seconds: float = BUILD_SECONDS) -> dict:
        """The status once a build other than `after` has finished."""
        deadline = time.monotonic() + seconds
        state = {}
        while time.monotonic() < deadline:
            state = self.status()
            if state["id"] is not None and state["id"] != after and not state["building"]:
                return state
            time.sleep(0.05)
        raise AssertionError(f"no build finished after {after} within {seconds} s "
                             f"(status {state}):\n{self.log}")

    def wait_for_line(self, text: str, seconds: float = BUILD_SECONDS) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if text in line:
                    return line
            time.sleep(0.05)
        raise AssertionError(f"the terminal never showed {text!r} within {seconds} s:\n{self.log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._reader.join(timeout=5)
