"""Which context names a page's template can read.

A template reads the variables it names and those named by every template it
extends, includes or imports (Jinja's `meta` finds both from the source).
The plugin's template helpers (filters and globals marked `pass_context`)
read the context too, from Python: every `context["NAME"]` and
`context.get("NAME")` in the plugin's source is found by reading it (`ast`),
so a new helper reading a new name is covered without a list to keep.

A template that includes a name computed at render time cannot be followed:
then every name in the context counts (None).
"""

from __future__ import annotations

import ast
import os
from functools import lru_cache

from jinja2 import meta

PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Read by Pelican itself while writing, or by every helper through `resolve`.
ALWAYS = frozenset({"output_file", "localsiteurl", "page_lang", "article", "SITEURL"})


def _context_reads(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        target = None
        if isinstance(node, ast.Subscript):
            target, key = node.value, node.slice
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "get" and node.args):
            target, key = node.func.value, node.args[0]
        if (isinstance(target, ast.Name) and target.id == "context"
                and isinstance(key, ast.Constant) and isinstance(key.value, str)):
            names.add(key.value)
    return names


def _is_helper(node: ast.AST) -> bool:
    return isinstance(node, ast.FunctionDef) and any(
        (isinstance(d, ast.Name) and d.id == "pass_context")
        or (isinstance(d, ast.Attribute) and d.attr == "pass_context")
        for d in node.decorator_list)


def _plugin_imports(tree: ast.AST) -> set[str]:
    """Plugin modules (file names) imported with `from . import x` / `from .x import y`."""
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                modules.add(node.module.split(".")[0])
            else:
                modules.update(alias.name for alias in node.names)
    return modules


def _plugin_modules() -> dict[str, ast.AST]:
    trees = {}
    for file_name in sorted(os.listdir(PLUGIN_DIR)):
        if file_name.endswith(".py"):
            with open(os.path.join(PLUGIN_DIR, file_name), encoding="utf-8") as handle:
                trees[file_name[:-3]] = ast.parse(handle.read())
    return trees


@lru_cache(maxsize=1)
def helper_reads() -> frozenset[str]:
    """Every literal key read from a variable named `context` in the modules
    that define template helpers and in the plugin modules they import."""
    trees = _plugin_modules()
    pending = [name for name, tree in trees.items() if any(map(_is_helper, ast.walk(tree)))]
    seen: set[str] = set()
    while pending:
        name = pending.pop()
        if name in seen or name not in trees:
            continue
        seen.add(name)
        pending.extend(_plugin_imports(trees[name]))
    names = set()
    for name in seen:
        names |= _context_reads(trees[name])
    return frozenset(names)


def helper_modules() -> set[str]:
    """The modules helper_reads() reads (for tests and the README)."""
    trees = _plugin_modules()
    return {name for name, tree in trees.items() if any(map(_is_helper, ast.walk(tree)))}


class TemplateNames:
    """Names per template, for one Jinja environment (cached for the build)."""

    def __init__(self, environment):
        self.environment = environment
        self._names: dict[str, frozenset[str] | None] = {}
        self._parsed: dict[str, tuple[set[str], list[str | None]]] = {}

    def names(self, template_name: str) -> frozenset[str] | None:
        if template_name not in self._names:
            self._names[template_name] = self._collect(template_name)
        return self._names[template_name]

    def _collect(self, template_name: str) -> frozenset[str] | None:
        names: set[str] = set(ALWAYS) | helper_reads()
        seen: set[str] = set()
        pending = [template_name]
        while pending:
            name = pending.pop()
            if name in seen:
                continue
            seen.add(name)
            undeclared, referenced = self._read(name)
            names |= undeclared
            for other in referenced:
                if other is None:  # computed at render time: anything may be read
                    return None
                pending.append(other)
        return frozenset(names)

    def _read(self, template_name: str) -> tuple[set[str], list[str | None]]:
        """A template's own names and the templates it names: parsed once."""
        known = self._parsed.get(template_name)
        if known is None:
            source, _, _ = self.environment.loader.get_source(self.environment, template_name)
            known = self._parsed[template_name] = _read_source(self.environment, source)
        return known


_by_source: dict[str, tuple[set[str], list[str | None]]] = {}


def _read_source(environment, source: str) -> tuple[set[str], list[str | None]]:
    # By source text, for the process: a preview server builds again and again.
    known = _by_source.get(source)
    if known is None:
        tree = environment.parse(source)
        known = _by_source[source] = (meta.find_undeclared_variables(tree),
                                   list(meta.find_referenced_templates(tree)))
    return known
