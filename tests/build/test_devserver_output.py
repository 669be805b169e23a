"""What the preview server serves is what `make html` builds.

The server rebuilds inside one long-running process; nothing of one build may
leak into the next (module state in the plugin, Pelican's signals, logging).
After edits under the running server, its output folder must be the same,
file for file and byte for byte, as a clean build of the same content — and
carry no trace of the reload script, which exists only in responses. The
first edit (title and body) is quick-rendered before its full build: the
quick render is never the last word on a file.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import REPO, build_site
from tests.devserver import Devserver, tiny_site


def _tree(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


def test_output_after_rebuilds_is_a_clean_builds_output(tmp_path):
    content, _ = tiny_site(tmp_path)
    served = tmp_path / "served"
    server = Devserver(content, served)
    try:
        state = server.wait_for_build()
        release = content / "releases/2021/first-release/index.md"
        release.write_text(release.read_text().replace(
            "title: First release of the preview site", "title: A new headline")
            .replace("A second paragraph.", "A second paragraph, rewritten."))
        state = server.wait_for_build(after=state["id"])
        assert state["ok"], f"the rebuild failed: {state}\n{server.log}"
        server.wait_for_line("quick render of 1 page")
        release.write_text(release.read_text().replace("tags: [Preview]", "tags: [Preview, New]"))
        state = server.wait_for_build(after=state["id"])
        assert state["ok"], f"the rebuild failed: {state}\n{server.log}"
        server.wait_for_line("index.md: tags changed")  # the tags edit: the full build alone
    finally:
        server.stop()

    clean = build_site(content, tmp_path / "clean")
    assert clean.returncode == 0, clean.log
    rebuilt, expected = _tree(served), _tree(clean.output)
    assert sorted(rebuilt) == sorted(expected), (
        f"only under the server: {sorted(set(rebuilt) - set(expected))}; "
        f"only in the clean build: {sorted(set(expected) - set(rebuilt))}")
    differing = [name for name in expected if rebuilt[name] != expected[name]]
    assert not differing, f"files that differ from a clean build: {differing}\n{server.log}"
    carrying = [name for name, data in rebuilt.items() if b"__preview__" in data]
    assert not carrying, f"built files carry the reload script: {carrying}"
    assert b"A new headline" in rebuilt["releases/2021/first-release/index.html"]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_saved_settings_file_is_read_again(tmp_path):
    """Saved the way many editors save: a new file renamed over the old one."""
    content, _ = tiny_site(tmp_path)
    settings = tmp_path / "settings.py"
    base = (f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom pelicanconf import *\n"
            f"THEME = {str(REPO / 'theme')!r}\nPLUGIN_PATHS = [{str(REPO / 'plugins')!r}]\n")
    settings.write_text(base)
    server = Devserver(content, tmp_path / "served", settings_file=settings)
    try:
        state = server.wait_for_build()
        assert state["ok"], f"{state}\n{server.log}"
        assert _status(server.url + "/page/2/") == 404, "two releases, ten a page: no page 2"
        replacement = tmp_path / "settings.py.new"
        replacement.write_text(base + "DEFAULT_PAGINATION = 1\n")
        os.replace(replacement, settings)
        state = server.wait_for_build(after=state["id"])
        assert state["ok"], f"{state}\n{server.log}"
        assert _status(server.url + "/page/2/") == 200, f"no page 2 after the change:\n{server.log}"
    finally:
        server.stop()
