"""Split a release file into YAML front matter and Markdown body.

The YAML loader keeps every scalar a string: `no`, `2021-11-26` or `1.10`
reach validation exactly as written, so the schema decides what they mean
instead of YAML guessing (and a date without a time zone is never silently
read as UTC).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import yaml


class FrontMatterError(ValueError):
    """The file cannot be split or its YAML cannot be read."""

    def __init__(self, field: str, message: str, line: int | None = None):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.line = line  # in the file, 1-based, where known


# Shown in a message, a value written by the writer is cut to this many
# characters: a pasted 10 MB title must not come back as a 10 MB error line.
SHOWN_CHARACTERS = 60

# Characters a one-line message must not carry as they are: control and
# format characters (bidi overrides, zero-width), line and paragraph
# separators, and lone surrogates.
_UNPRINTABLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}


def _escaped(character: str) -> str:
    if character in "\n\r\t":
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}[character]
    return f"\\u{ord(character):04x}" if ord(character) <= 0xFFFF else f"\\U{ord(character):08x}"


def shown(value, limit: int = SHOWN_CHARACTERS) -> str:
    """A writer's text as a message may echo it: one line, and short.

    Invisible and line-breaking characters are written as escapes; text
    longer than `limit` is cut, with its length in characters after it.
    """
    text = value if isinstance(value, str) else str(value)
    cut = text[:limit]
    one_line = "".join(
        _escaped(c) if unicodedata.category(c) in _UNPRINTABLE_CATEGORIES else c for c in cut
    )
    if len(text) > limit:
        return f"{one_line}… ({len(text):,} characters)"
    return one_line


def quoted(value, limit: int = SHOWN_CHARACTERS) -> str:
    """`shown`, in double quotes: how messages quote what the writer typed."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        return f'"{shown(text[:limit], limit)}…" ({len(text):,} characters)'
    return f'"{shown(text, limit)}"'


class _StringsOnlyLoader(yaml.SafeLoader):
    """SafeLoader that never converts scalars to bool, int, float, null or dates.

    Only three kinds of value exist: text, lists and mappings. An explicit
    tag (`!!int`, `!!binary`, `!!timestamp`, `!custom`) is refused rather
    than constructed: SafeLoader's typed constructors raise plain Python
    errors (ValueError, KeyError) on bad input, and none of them has a use in
    a press release.
    """


_StringsOnlyLoader.yaml_implicit_resolvers = {}
_StringsOnlyLoader.yaml_constructors = {}

_TAG_PREFIX = "tag:yaml.org,2002:"
# Characters YAML would accept inside a value (through a "\0" or "\a"
# escape, or a lone surrogate "\ud800") that cannot be published as text.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _plain_text(loader, node):
    value = loader.construct_scalar(node)
    bad = _NOT_TEXT.search(value)
    if bad:
        code = ord(bad.group())
        what = "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "the control character"
        raise yaml.constructor.ConstructorError(
            None, None, f"the value holds {what} U+{code:04X}, which is not text",
            node.start_mark,
        )
    return value


def _refuse_tag(loader, node):
    tag = node.tag
    if tag.startswith(_TAG_PREFIX):
        tag = "!!" + tag[len(_TAG_PREFIX):]
    raise yaml.constructor.ConstructorError(
        None, None,
        f"the tag {shown(tag)} is not allowed: every value is read as plain text",
        node.start_mark,
    )


def _no_duplicate_keys(loader, node, deep=False):
    mapping = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            # A list or mapping as a key (`? [a, b]`) is valid YAML, but no key
            # of ours is one (and Python could not even look it up).
            raise yaml.constructor.ConstructorError(
                None, None, "a list or mapping is used as a key", key_node.start_mark
            )
        key = loader.construct_object(key_node, deep=deep)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {quoted(key).replace(chr(34), chr(39))}",
                key_node.start_mark,
            )
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


_StringsOnlyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG, _plain_text
)
_StringsOnlyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, yaml.SafeLoader.construct_yaml_seq
)
# A key written twice would otherwise keep its last value without a word.
_StringsOnlyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicate_keys
)
_StringsOnlyLoader.add_constructor(None, _refuse_tag)


# The same loader on libyaml's C parser, when PyYAML has it: about ten times
# faster, which matters at thousands of releases. Its error messages differ
# from the pure-Python parser's, so a file that fails is parsed again with the
# Python loader, whose message the writer sees (and the tests pin).
_FastLoader = _StringsOnlyLoader
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):  # noqa: N801 - a loader class, named like PyYAML's
        yaml_implicit_resolvers = {}
        yaml_constructors = dict(_StringsOnlyLoader.yaml_constructors)

FENCE = "---"
# Front matter is keys, lists of values and lists of small mappings: three
# levels. Far deeper nesting is a mistake (or an attack on the parser).
MAX_NESTING = 50


def _depth(data) -> int:
    """Nesting depth of lists and mappings, without recursion."""
    deepest, stack = 0, [(data, 0)]
    while stack:
        value, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(value, dict):
            stack.extend((item, level + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, level + 1) for item in value)
    return deepest


@dataclass(frozen=True)
class SplitFile:
    metadata: dict
    body: str
    body_line: int  # 1-based line number where the body starts


def decode(raw: bytes) -> str:
    """Strict UTF-8, with the byte that breaks it named in the error."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raise FrontMatterError(
            "file", "starts with a byte-order mark (BOM) — save the file as UTF-8 without BOM",
            line=1,
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = raw[error.start : error.start + 1].hex()
        raise FrontMatterError(
            "file",
            f"not valid UTF-8 (byte 0x{bad} at offset {error.start}) — save the file as UTF-8",
            line=raw.count(b"\n", 0, error.start) + 1,
        ) from None


# Lines are what an editor shows: only CR, LF and CRLF end one. (str.splitlines
# would also break at form feeds, U+0085 and U+2028, and so miscount.)
_LINE_END = re.compile(r"\r\n|\r|\n")
# YAML treats these as line breaks too; a writer never means one in front
# matter (they arrive pasted from word processors) and line numbers would be
# wrong after them.
_YAML_ONLY_BREAKS = {"\x85": "NEXT LINE", "\u2028": "LINE SEPARATOR",
                     "\u2029": "PARAGRAPH SEPARATOR"}


def split(text: str) -> SplitFile:
    lines = _LINE_END.split(text)
    if not text.strip():
        raise FrontMatterError("file", "empty — write the front matter and the release text")
    if not lines or lines[0].rstrip() != FENCE:
        raise FrontMatterError(
            "front matter",
            "missing — start the file with a line of three dashes (---), the YAML keys, "
            "and another --- line",
            line=1,
        )
    try:
        closing = next(i for i, line in enumerate(lines[1:], start=1) if line.rstrip() == FENCE)
    except StopIteration:
        raise FrontMatterError(
            "front matter", "not closed — add a line of three dashes (---) after the last key",
            line=1,
        ) from None
    yaml_text = "\n".join(lines[1:closing])
    metadata = load_yaml(yaml_text, first_line=2)
    body = "\n".join(lines[closing + 1 :])
    return SplitFile(metadata=metadata, body=body, body_line=closing + 2)


def _line_of(yaml_text: str, position: int, first_line: int) -> int:
    return first_line + yaml_text.count("\n", 0, position)


def load_yaml(yaml_text: str, first_line: int = 1) -> dict:
    """Parse YAML into a dict of strings, lists and dicts; errors carry file line numbers."""
    if "\t" in yaml_text:
        line = next(i for i, text in enumerate(yaml_text.split("\n")) if "\t" in text)
        raise FrontMatterError(
            "front matter",
            f"tab character on line {first_line + line} — indent YAML with spaces only",
            line=first_line + line,
        )
    for character, name in _YAML_ONLY_BREAKS.items():
        position = yaml_text.find(character)
        if position >= 0:
            line = _line_of(yaml_text, position, first_line)
            raise FrontMatterError(
                "front matter",
                f"invisible {name} character (U+{ord(character):04X}) on line "
                f"{line} — replace it with a space or a real line break",
                line=line,
            )
    try:
        try:
            data = yaml.load(yaml_text, Loader=_FastLoader)
            if _depth(data) > MAX_NESTING:
                raise RecursionError  # reported below, as the Python parser would
        except (yaml.YAMLError, RecursionError):
            data = yaml.load(yaml_text, Loader=_StringsOnlyLoader)
    except yaml.reader.ReaderError as error:
        character = error.character
        code = character if isinstance(character, int) else ord(character or "\0")
        line = _line_of(yaml_text, error.position, first_line)
        raise FrontMatterError(
            "front matter",
            f"invisible control character U+{code:04X} on line {line} — delete it",
            line=line,
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f" on line {first_line + mark.line}" if mark is not None else ""
        what = getattr(error, "problem", None) or str(error)
        what = shown(" ".join(what.split()), limit=200)
        raise FrontMatterError(
            "front matter", f"invalid YAML{where} ({what}) — fix the YAML syntax",
            line=first_line + mark.line if mark is not None else None,
        ) from None
    except RecursionError:
        # PyYAML composes nested lists and mappings recursively: a file of
        # `[[[[…` runs out of stack. No release nests more than three levels.
        raise FrontMatterError(
            "front matter",
            "lists or mappings nested too deeply — write one key per line, with plain lists",
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            "front matter", "is not a list of `key: value` lines — write one key per line",
            line=first_line,
        )
    return data


def yaml_field_lines(yaml_text: str, first_line: int = 1) -> dict[str, int]:
    """The file line of every key and list item, by the field name messages
    use: `title`, `photos[2]`, `photos[2].alt`, `contacts.press-office.email`.

    Composed (not constructed) so that the marks survive; called only for a
    file that has a problem to report, so a clean build never pays for it.
    Text YAML cannot compose gives no lines (its problem carries its own).
    """
    try:
        root = yaml.compose(yaml_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError):
        return {}
    lines: dict[str, int] = {}
    stack = [(root, "")]
    while stack:
        node, path = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    continue
                name = f"{path}.{key_node.value}" if path else key_node.value
                lines.setdefault(name, first_line + key_node.start_mark.line)
                stack.append((value_node, name))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value, start=1):
                name = f"{path}[{index}]"
                lines.setdefault(name, first_line + item.start_mark.line)
                stack.append((item, name))
    return lines


@dataclass(frozen=True)
class FileLines:
    """Where things are in one release file: its front-matter fields and
    the body's lines (for a problem found in the body)."""

    fields: dict
    body_line: int  # the body's first line; 1 when the file has no front matter
    body: tuple[str, ...]


def file_lines(text: str) -> FileLines:
    lines = _LINE_END.split(text)
    if not lines or lines[0].rstrip() != FENCE:
        return FileLines({}, 1, tuple(lines))
    closing = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip() == FENCE),
                   None)
    if closing is None:
        return FileLines({}, 1, ())
    fields = yaml_field_lines("\n".join(lines[1:closing]), first_line=2)
    return FileLines(fields, closing + 2, tuple(lines[closing + 1:]))
