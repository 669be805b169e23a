"""What the preview server serves is what `make html` builds.

The server rebuilds inside one long-running process; nothing of one build may
leak into the next (module state in the plugin, Pelican's signals, logging).
After edits under the running server, its output folder must be the same,
file for file and byte for byte, as a clean build of the same content — and
carry no trace of the reload script, which exists only in responses.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_site
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
        release.write_text(release.read_text().replace("tags: [Preview]", "tags: [Preview, New]"))
        state = server.wait_for_build(after=state["id"])
        assert state["ok"], f"the rebuild failed: {state}\n{server.log}"
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
