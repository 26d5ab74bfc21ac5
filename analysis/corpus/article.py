"""One article file: bytes to text, front matter to fields, body checks, the raw-file check.

`read_article(path, events, raw_dir)` returns `(Article or None, problems)`; every problem found is
reported (never just the first), each with the file and line.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from ..base import plain_yaml
from .html import source_text
from .model import Article, Problem
from .rules import (
    CONTROL_CHARS,
    DATE_PRECISIONS,
    ENGLISH_MIN_SHARE,
    ENGLISH_SAMPLE_CHARS,
    ID_PATTERN,
    MAX_ARTICLE_BYTES,
    OPTIONAL_FIELDS,
    REQUIRED_FIELDS,
    body_paragraphs,
    english_share,
    is_english_tag,
    is_plain_file_name,
    long_sentence,
    long_sentence_message,
    normalise_space,
    parse_date,
    relative_path,
    short_repr,
    text_field_problem,
    words_problem,
)


#: The front matter loader: plain data only (PyYAML's SafeLoader), dates kept as text, no anchors
#: or aliases, bounded nesting, no repeated key (see analysis.base.plain_yaml).
FrontMatterLoader = plain_yaml.PlainTextDatesLoader

#: The same loader on libyaml's parser when PyYAML was built with it (about ten times faster):
#: the same safe constructor (plain data only) and the same resolvers (dates kept as text). It
#: reads only front matter of the plain shape of `_plain_shape` (whatever a stricter pure-Python
#: loader checks while composing stays with it); any error is reported by the pure-Python loader
#: above, so messages and lines stay the same.
if getattr(yaml, "__with_libyaml__", False):
    class FastFrontMatterLoader(yaml.CSafeLoader):
        """`FrontMatterLoader` on libyaml's parser."""

    FastFrontMatterLoader.yaml_implicit_resolvers = FrontMatterLoader.yaml_implicit_resolvers
else:
    FastFrontMatterLoader = FrontMatterLoader  # type: ignore[misc]


class _Report:
    """The problems of one file, each with its line."""

    def __init__(self, where: str):
        self.where = where
        self.problems: list[Problem] = []

    def __call__(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.where, line, message))


def _read_text(path: Path, problem: _Report) -> str | None:
    """The file as text (BOM dropped, line endings as LF), or None after reporting why not."""
    try:
        # Non-blocking open and a check of the opened file: a FIFO or a device is never read.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                problem(1, "not a regular file (a FIFO, device or socket): not read")
                return None
            size = info.st_size
            if size > MAX_ARTICLE_BYTES:  # checked before reading: never load a huge file whole
                problem(1, f"file is {size:,} bytes, over the {MAX_ARTICLE_BYTES:,}-byte limit for one "
                           "article (is it one news article?)")
                return None
            data = handle.read(MAX_ARTICLE_BYTES + 1)
    except OSError as exc:
        problem(1, f"cannot read file: {exc.strerror or exc}")
        return None
    if b"\x00" in data:
        problem(1, f"binary file (NUL byte at byte offset {data.index(0)}), not a Markdown article")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problem(line, f"bytes that are not UTF-8 at byte offset {exc.start} (0x{data[exc.start]:02x})")
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


#: A key at the start of a front matter line, after its indentation and any "- " of list items.
_KEY_LINE = re.compile(r"^((?: *- +)* *)([A-Za-z0-9_][^:#\n]*?) *:(?: |$)", re.MULTILINE)
#: A line that may hold a quoted key (it starts with a quote and has a ": " after), an explicit
#: key ("? "), or a list nested on one line ("- - x").
_ODD_LINE = re.compile(r"^(?: *- +)* *(?:[\"'][^\n]*:(?: |$)|\?(?: |$))|^ *- +-(?: |$)", re.MULTILINE)


def _plain_shape(front_text: str) -> bool:
    """True for block-style front matter that libyaml may read: no anchor or alias (& *), flow
    collection ([ {), tab, quoted or explicit key, list nested on one line, indentation of 40
    spaces or more (so nesting stays shallow), nor a key written twice at one indentation.
    Anything else goes to the pure-Python loader."""
    if any(mark in front_text for mark in "&*[{\t") or "\n" + " " * 40 in front_text \
            or _ODD_LINE.search(front_text):
        return False
    keys = [(len(m.group(1)), m.group(2)) for m in _KEY_LINE.finditer(front_text)]
    return len(keys) == len(set(keys))


def _front_matter(lines: list[str], problem: _Report) -> tuple[dict, int] | None:
    """(front matter mapping, index of its closing '---' line), or None after reporting why not."""
    if not lines or lines[0].strip() != "---":
        problem(1, "no YAML front matter: the file must start with a '---' line")
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problem(1, "front matter is not closed by a second '---' line")
        return None
    front_text = "\n".join(lines[1:end])
    if FastFrontMatterLoader is not FrontMatterLoader and _plain_shape(front_text):
        try:
            meta = yaml.load(front_text, Loader=FastFrontMatterLoader)  # noqa: S506 - a CSafeLoader subclass
        except Exception:  # noqa: BLE001 - the pure-Python loader below says what is wrong
            meta = None
        if isinstance(meta, dict):
            return meta, end
    try:
        meta = plain_yaml.load(front_text, problem.where, dates_as_text=True, line_offset=1)
    except plain_yaml.PlainYamlError as exc:
        if exc.message.startswith("YAML tag not allowed"):
            problem(exc.line or 1, exc.message.replace("not allowed", "not allowed in front matter", 1))
        else:
            problem(exc.line or 1, f"malformed YAML front matter: {exc.message}")
        return None
    if not isinstance(meta, dict):
        problem(2, "front matter must be a mapping of field: value")
        return None
    return meta, end


def _field_line(lines: list[str], end: int, name: str) -> int:
    """1-based line of a front matter field (1 if not found)."""
    for i in range(1, end):
        if lines[i].startswith(f"{name}:"):
            return i + 1
    return 1


def _check_fields(meta: dict, line_of, events: dict[str, dict] | None,
                  problem: _Report) -> tuple[str, str] | None:
    """Report every field problem; returns the parsed (date, precision) or None."""
    for name in REQUIRED_FIELDS:
        if name not in meta:
            problem(1, f"missing required field '{name}'")
    for name in meta:
        if name not in REQUIRED_FIELDS and name not in OPTIONAL_FIELDS:
            problem(line_of(str(name)), f"unknown field '{name}'")
    for name, value in meta.items():
        found = text_field_problem(str(name), value)
        if found:
            problem(line_of(str(name)), found)
    article_id = meta.get("id")
    if "id" in meta and not (isinstance(article_id, str) and ID_PATTERN.match(article_id)):
        problem(line_of("id"), f"field 'id' must be text of letters, digits, '.', '_' or '-', got {short_repr(article_id)}")
    for name in ("outlet", "event"):
        value = meta.get(name)
        if name in meta and not (isinstance(value, str) and value.strip()):
            problem(line_of(name), f"field '{name}' must be non-empty text, got {value!r}")
    title = meta.get("title")
    if title is not None and not isinstance(title, str):
        problem(line_of("title"), f"field 'title' must be text or null, got {title!r}")
    elif isinstance(title, str) and not title.strip():
        problem(line_of("title"), "field 'title' is empty: use null where the source has no title")
    parsed = _check_date(meta, line_of, problem)
    event = meta.get("event")
    if isinstance(event, str) and events and event not in events:
        problem(line_of("event"), f"unknown event {event!r}; known events: {', '.join(sorted(events))}")
    language = meta.get("language")
    if "language" in meta and not is_english_tag(language):
        problem(line_of("language"), f"language {language!r} is not supported: the metrics are English-only (language: en)")
    for name in ("byline", "source", "url"):
        value = meta.get(name)
        if value is not None and not isinstance(value, str):
            problem(line_of(name), f"field '{name}' must be text or null, got {value!r}")
    for name in ("outlet_evidence", "captions", "notes"):
        value = meta.get(name)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            problem(line_of(name), f"field '{name}' must be a list of text")
    return parsed


def _check_date(meta: dict, line_of, problem: _Report) -> tuple[str, str] | None:
    date_value = meta.get("date")
    parsed = parse_date(date_value) if "date" in meta else None
    if "date" in meta and parsed is None:
        problem(line_of("date"), f"field 'date' is not an ISO 8601 date (YYYY-MM-DD, YYYY-MM or YYYY): {date_value!r}")
    precision = meta.get("date_precision")
    if precision is not None:
        if precision not in DATE_PRECISIONS:
            problem(line_of("date_precision"), f"field 'date_precision' must be one of {', '.join(DATE_PRECISIONS)}, got {precision!r}")
        elif parsed and parsed[1] != precision:
            problem(line_of("date_precision"), f"date {parsed[0]!r} has {parsed[1]} precision but date_precision says {precision!r}")
    return parsed


def _body(lines: list[str], end: int) -> tuple[str, int]:
    """(body without leading and trailing blank lines, 1-based line of its first character)."""
    body_start = end + 1
    body = "\n".join(lines[body_start:])
    # Leading blank lines are layout, not body; offsets count from the first body character.
    stripped = body.lstrip("\n")
    body_line = body_start + 1 + body[: len(body) - len(stripped)].count("\n")
    return stripped.rstrip(), body_line


def _check_body(body: str, body_line: int, empty_line: int, language: Any, check_english: bool,
                problem: _Report) -> None:
    match = CONTROL_CHARS.search(body)
    if match:
        line = body_line + body[: match.start()].count("\n")
        column = match.start() - (body.rfind("\n", 0, match.start()) + 1) + 1
        problem(line, f"control character U+{ord(match.group()):04X} in body (column {column})")
    if not body.strip():
        problem(empty_line, "empty body: an article needs text after its front matter")
        return
    too_long = long_sentence(body)
    if too_long:
        problem(body_line + too_long[0], long_sentence_message(too_long[1]))
    no_words = words_problem(body)
    if no_words:
        problem(body_line, no_words)
    elif check_english and is_english_tag(language):
        share = english_share(body[:ENGLISH_SAMPLE_CHARS])
        if share is not None and share < ENGLISH_MIN_SHARE:
            problem(body_line, f"body does not look like English ({share:.0%} of its words are common "
                               "English words): the metrics are English-only")


def _check_source(source: Any, body: str, body_line: int, raw_dir: Path | None, source_line: int,
                  problem: _Report) -> None:
    """A `source` is a file name under raw/, and every body paragraph is found in it."""
    if not isinstance(source, str):
        return
    if not is_plain_file_name(source):
        problem(source_line, f"field 'source' must be a file name under raw/, not a path: {source!r}")
        return
    if raw_dir is None or not body.strip():
        return
    raw_path = raw_dir / source
    if not raw_path.is_file():
        problem(source_line, f"source file {source!r} not found in {relative_path(raw_dir)}")
        return
    raw_text = normalise_space(source_text(raw_path))  # an HTML page: its visible text
    for offset, paragraph in body_paragraphs(body):
        if normalise_space(paragraph) not in raw_text:
            snippet = normalise_space(paragraph)[:60]
            problem(body_line + offset, f"paragraph not found in raw file {source!r}: {snippet!r}")


def read_article(path: Path, events: dict[str, dict] | None, raw_dir: Path | None,
                 where: str | None = None) -> tuple[Article | None, list[Problem]]:
    """Parse and validate one article file; returns (article or None, problems).

    `where`: the file's name in messages, `relative_path(path)` (computed when not given)."""
    problem = _Report(relative_path(path) if where is None else where)
    text = _read_text(path, problem)
    if text is None:
        return None, problem.problems
    lines = text.split("\n")
    front = _front_matter(lines, problem)
    if front is None:
        return None, problem.problems
    meta, end = front

    def line_of(name: str) -> int:
        return _field_line(lines, end, name)

    parsed = _check_fields(meta, line_of, events, problem)
    body, body_line = _body(lines, end)
    _check_body(body, body_line, end + 1, meta.get("language"), "language" in meta, problem)
    _check_source(meta.get("source"), body, body_line, raw_dir, line_of("source"), problem)
    if problem.problems:
        return None, problem.problems
    return Article(
        id=meta["id"], outlet=meta["outlet"].strip(), title=meta.get("title"), date=parsed[0],
        event=meta["event"], language=meta["language"], body=body, source=meta.get("source"),
        byline=meta.get("byline"), date_precision=meta.get("date_precision") or parsed[1],
        outlet_evidence=list(meta.get("outlet_evidence") or []),
        captions=list(meta.get("captions") or []), url=meta.get("url"),
        notes=list(meta.get("notes") or []), path=problem.where, body_line=body_line,
    ), problem.problems
