"""Plain-data YAML for every file the suite reads: no aliases or anchors, bounded nesting, no repeated key.

PyYAML's SafeLoader builds only plain data, but it still expands aliases (a "billion laughs" chain
of a few hundred bytes grows to gigabytes), recurses once per nesting level (5,000 levels end in a
RecursionError) and keeps the last of two equal keys silently. `load(text, where)` refuses all
three with a `PlainYamlError` (a ValueError) that names the file and the line, and never prints
the document. Used for article front matter, a corpus's events.yaml, outlets.yaml and actors.yaml,
lexicon and topic files, and the command line's `-p NAME VALUE` notebook parameters.
"""
from __future__ import annotations

from typing import Any

import yaml

#: Deepest nesting of lists and mappings accepted (the suite's own files use at most 5).
MAX_DEPTH = 50


class PlainYamlError(ValueError):
    """A YAML document that is not plain data; `.line` is 1-based (0: unknown)."""

    def __init__(self, where: str, line: int, message: str):
        self.where, self.line, self.message = where, line, message
        super().__init__(f"{where}:{line}: {message}" if line else f"{where}: {message}")


def _line(node_or_event: Any) -> int:
    mark = getattr(node_or_event, "start_mark", None)
    return mark.line + 1 if mark is not None else 0


class PlainLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases, nesting past MAX_DEPTH and repeated keys."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (&name, *name) are not allowed: write the value out",
                event.start_mark)
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key = (key_node.tag, key_node.value)
                    if key in seen:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"key {key_node.value!r} appears twice in one mapping",
                            key_node.start_mark)
                    seen.add(key)
        return super().construct_mapping(node, deep=deep)


class PlainTextDatesLoader(PlainLoader):
    """PlainLoader that keeps dates as text (front matter: a bad date is reported on its own line)."""


PlainTextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _message(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc)
    text = " ".join(str(problem).split())
    if isinstance(exc, yaml.constructor.ConstructorError) and "could not determine a constructor" in text:
        return f"YAML tag not allowed (only plain data is read): {text}"
    return text


def load(text: str, where: str, dates_as_text: bool = False, line_offset: int = 0) -> Any:
    """Parse one YAML document as plain data; `PlainYamlError` naming `where` and the line if not.

    `line_offset` is added to reported lines (front matter starts on a file's second line).
    """
    loader = PlainTextDatesLoader if dates_as_text else PlainLoader
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 + line_offset if mark is not None else 0
        raise PlainYamlError(where, line, _message(exc)) from None
    except (ValueError, TypeError, AttributeError, OverflowError, RecursionError) as exc:
        # PyYAML raises these for well-formed but impossible values (a 5,000-digit integer...).
        raise PlainYamlError(where, 0, f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}") from None


def load_file(path, where: str | None = None) -> Any:
    """`load` of a UTF-8 file; `PlainYamlError` (a ValueError) for bytes that are not UTF-8."""
    where = where or str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PlainYamlError(where, 0, f"bytes that are not UTF-8 at byte offset {exc.start}") from None
    return load(text, where)
