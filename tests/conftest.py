"""Shared test helpers: build real sites with the real settings into temp folders.

Builds run `pelican` in a subprocess, exactly as `make html` does, so exit
codes and messages are the ones a writer sees.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PELICAN = Path(sys.executable).parent / "pelican"


@dataclass
class Build:
    returncode: int
    stdout: str
    stderr: str
    output: Path

    @property
    def log(self) -> str:
        return f"exit {self.returncode}\n--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"


def build_site(content: Path, output: Path, settings_file: str = "pelicanconf.py",
               extra_settings: dict | None = None, env: dict | None = None,
               fatal: str = "errors", verbose: bool = False) -> Build:
    """Build `content` into `output` with the repository's settings file."""
    command = [str(PELICAN), str(content), "-s", str(REPO / settings_file), "-o", str(output),
               "--fatal", fatal] + (["--verbose"] if verbose else [])
    if extra_settings:
        # One -e for all: Pelican keeps only the last -e option it is given.
        command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in extra_settings.items())]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "COLUMNS": "200", **(env or {})}, timeout=600)
    return Build(result.returncode, result.stdout, result.stderr, output)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def text(element) -> str:
    """An element's text as a reader sees it: whitespace runs collapsed."""
    return " ".join(element.get_text().split())


def empty_content(root: Path) -> Path:
    """`root/content` with the fixture site's data and logo, and no release yet."""
    content = root / "content"
    shutil.copytree(FIXTURES / "site/data", content / "data")
    shutil.copytree(FIXTURES / "site/images", content / "images")
    return content


def copy_fixture(name: str, destination: Path) -> Path:
    target = destination / name
    shutil.copytree(FIXTURES / name, target)
    return target


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Build:
    """The real content/ built with pelicanconf.py, once per session."""
    output = tmp_path_factory.mktemp("real-site") / "output"
    build = build_site(REPO / "content", output)
    assert build.returncode == 0, f"building content/ failed:\n{build.log}"
    return build
