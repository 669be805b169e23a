"""Split a release file into YAML front matter and Markdown body.

The YAML loader keeps every scalar a string: `no`, `2021-11-26` or `1.10`
reach validation exactly as written, so the schema decides what they mean
instead of YAML guessing (and a date without a time zone is never silently
read as UTC).
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml


class FrontMatterError(ValueError):
    """The file cannot be split or its YAML cannot be read."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class _StringsOnlyLoader(yaml.SafeLoader):
    """SafeLoader that never converts scalars to bool, int, float, null or dates."""


_StringsOnlyLoader.yaml_implicit_resolvers = {}


def _no_duplicate_keys(loader, node, deep=False):
    mapping = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


# A key written twice would otherwise keep its last value without a word.
_StringsOnlyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicate_keys
)

FENCE = "---"


@dataclass(frozen=True)
class SplitFile:
    metadata: dict
    body: str
    body_line: int  # 1-based line number where the body starts


def decode(raw: bytes) -> str:
    """Strict UTF-8, with the byte that breaks it named in the error."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raise FrontMatterError(
            "file", "starts with a byte-order mark (BOM) — save the file as UTF-8 without BOM"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = raw[error.start : error.start + 1].hex()
        raise FrontMatterError(
            "file",
            f"not valid UTF-8 (byte 0x{bad} at offset {error.start}) — save the file as UTF-8",
        ) from None


def split(text: str) -> SplitFile:
    lines = text.splitlines()
    if not text.strip():
        raise FrontMatterError("file", "empty — write the front matter and the release text")
    if not lines or lines[0].rstrip() != FENCE:
        raise FrontMatterError(
            "front matter",
            "missing — start the file with a line of three dashes (---), the YAML keys, "
            "and another --- line",
        )
    try:
        closing = next(i for i, line in enumerate(lines[1:], start=1) if line.rstrip() == FENCE)
    except StopIteration:
        raise FrontMatterError(
            "front matter", "not closed — add a line of three dashes (---) after the last key"
        ) from None
    yaml_text = "\n".join(lines[1:closing])
    metadata = load_yaml(yaml_text, first_line=2)
    body = "\n".join(lines[closing + 1 :])
    return SplitFile(metadata=metadata, body=body, body_line=closing + 2)


def load_yaml(yaml_text: str, first_line: int = 1) -> dict:
    """Parse YAML into a dict of strings, lists and dicts; errors carry file line numbers."""
    if "\t" in yaml_text:
        line = next(i for i, text in enumerate(yaml_text.splitlines()) if "\t" in text)
        raise FrontMatterError(
            "front matter",
            f"tab character on line {first_line + line} — indent YAML with spaces only",
        )
    try:
        data = yaml.load(yaml_text, Loader=_StringsOnlyLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f" on line {first_line + mark.line}" if mark is not None else ""
        what = getattr(error, "problem", None) or str(error)
        raise FrontMatterError(
            "front matter", f"invalid YAML{where} ({what}) — fix the YAML syntax"
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            "front matter", "is not a list of `key: value` lines — write one key per line"
        )
    return data
