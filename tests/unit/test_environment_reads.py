"""Every environment variable the plugin or the settings read is in the build fingerprint.

A build that does nothing when its inputs did not change must count the
environment among its inputs: a variable read by the build but missing from
build_fingerprint.ENVIRONMENT would let a changed value keep a stale output.
The plugin's modules and the settings files are read with `ast`: every
`os.environ[…]`, `os.environ.get(…)`, `os.getenv(…)`, `… in os.environ` (and
the same through a parameter named `environ`) must name its variable with a
string or a module constant, and that variable must be fingerprinted or be
listed below with the reason it shapes no output.
"""

from __future__ import annotations

import ast
from pathlib import Path

from press_room.incremental import build_fingerprint
from press_room.incremental.unchanged_build import FULL_BUILD_VARIABLE

REPO = Path(__file__).resolve().parents[2]
# The fingerprint itself reads every variable it records: not a build's read.
SOURCES = sorted(path for path in (REPO / "plugins" / "press_room").rglob("*.py")
                 if path.name != "build_fingerprint.py") + \
    [REPO / "pelicanconf.py", REPO / "publishconf.py"]
# Read, but not an input of any page.
NOT_INPUTS = {
    FULL_BUILD_VARIABLE: "tells the build to run even when nothing changed",
    "PUBLIC_KEY": "the default of `make verify` (trust/verify.py), which checks a built site",
}
_READS = {"get", "pop", "setdefault", "__getitem__", "__contains__"}


def _is_environ(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "environ"
            and isinstance(node.value, ast.Name) and node.value.id == "os") or \
        (isinstance(node, ast.Name) and node.id == "environ")


def _constants() -> dict[str, str]:
    """Module-level NAME = "text" of every scanned file (variable names are
    constants shared between modules, e.g. embargo.NOW_VARIABLE)."""
    found = {}
    for path in SOURCES:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) \
                    and isinstance(node.value.value, str):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = node.value.value
    return found


def environment_reads() -> tuple[dict[str, list[str]], list[str]]:
    """{variable: [where it is read]}, and the reads whose variable has no name."""
    constants = _constants()
    reads: dict[str, list[str]] = {}
    unnamed = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        shown = str(path.relative_to(REPO))
        for node in ast.walk(tree):
            key = None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in _READS and _is_environ(node.func.value):
                key = node.args[0] if node.args else None
            elif isinstance(node, ast.Call) and (
                    (isinstance(node.func, ast.Attribute) and node.func.attr == "getenv")
                    or (isinstance(node.func, ast.Name) and node.func.id == "getenv")):
                key = node.args[0] if node.args else None
            elif isinstance(node, ast.Subscript) and _is_environ(node.value):
                key = node.slice
            elif isinstance(node, ast.Compare) and any(_is_environ(c) for c in node.comparators):
                key = node.left
            else:
                continue
            where = f"{shown}:{node.lineno}"
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                reads.setdefault(key.value, []).append(where)
            elif isinstance(key, ast.Name) and key.id in constants:
                reads.setdefault(constants[key.id], []).append(where)
            else:
                unnamed.append(where)
    return reads, unnamed


def test_the_scan_finds_the_known_reads():
    reads, _ = environment_reads()
    for name in ("PRESS_ROOM_NOW", "PRESS_ROOM_SIGNING_KEY", "PRESS_ROOM_SIGNING_PASSWORD",
                 "SITEURL", FULL_BUILD_VARIABLE):
        assert name in reads, f"the scan no longer finds {name}: {sorted(reads)}"


def test_every_environment_read_is_in_the_fingerprint():
    reads, unnamed = environment_reads()
    assert not unnamed, ("environment reads whose variable the scan cannot name (use a string "
                         f"or a module constant): {unnamed}")
    covered = set(build_fingerprint.ENVIRONMENT)
    missing = {name: where for name, where in reads.items()
               if name not in covered and name not in NOT_INPUTS
               and not name.startswith(build_fingerprint.ENVIRONMENT_PREFIXES)}
    assert not missing, ("read by the build but not in build_fingerprint.ENVIRONMENT (a change "
                         f"would keep a stale output): {missing}")
    assert set(build_fingerprint.FILE_VARIABLES) <= covered
