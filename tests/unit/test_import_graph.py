"""The plugin's modules import one another without circles.

A circle (two modules each importing the other, even lazily inside a function)
makes the import order matter and hides which concern depends on which. The
graph is read from the source with `ast`, so a deferred import counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

PLUGIN = Path(__file__).resolve().parents[2] / "plugins" / "press_room"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PLUGIN.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _package_of(path: Path) -> str:
    name = _module_name(path)
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def _resolve(path: Path, node: ast.ImportFrom) -> list[str]:
    """Absolute names of the plugin modules an ImportFrom brings in."""
    if node.level:
        base = _package_of(path).split(".")
        base = base[: len(base) - (node.level - 1)]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module or ""
    if not prefix.startswith("press_room"):
        return []
    # `from . import a, b` imports modules; `from .a import f` imports module a.
    return [f"{prefix}.{alias.name}" for alias in node.names] + [prefix]


def import_graph() -> dict[str, set[str]]:
    files = sorted(PLUGIN.rglob("*.py"))
    known = {_module_name(path) for path in files}
    graph: dict[str, set[str]] = {}
    for path in files:
        name = _module_name(path)
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                targets.update(t for t in _resolve(path, node) if t in known)
            elif isinstance(node, ast.Import):
                targets.update(a.name for a in node.names if a.name in known)
        # A module importing its own package's __init__ is not a dependency
        # between concerns (Python runs the package first anyway).
        targets.discard(name)
        targets -= {p for p in known if name.startswith(p + ".")}
        graph[name] = targets
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_graph_is_read_from_the_source():
    graph = import_graph()
    assert "press_room.reader" in graph, sorted(graph)
    assert "press_room.parsing" in graph["press_room.reader"], graph["press_room.reader"]
    assert "press_room.parsing" in graph["press_room.prefetch"], graph["press_room.prefetch"]


def test_a_circle_is_found_when_there_is_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_of_the_plugin_imports_itself_back():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])
