"""Rules shared by every corpus format: fields, dates, limits, the English check, paragraphs.

The directory reader (`article.py`) and the table reader (`tables.py`) apply the same rules, so a
row and a file with the same content pass or fail alike.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any, Callable

REQUIRED_FIELDS = ("id", "outlet", "title", "date", "event", "language")
OPTIONAL_FIELDS = (
    "byline", "source", "outlet_evidence", "captions", "url", "notes", "date_precision",
)
DATE_PRECISIONS = ("day", "month", "year")
#: An id, whole: `\Z`, not `$` (which also matches before a final newline: "bad\n" is no id).
ID_PATTERN = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._-]*\Z")
DATE_PATTERNS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$"), "time"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}$"), "year"),
)
#: Control characters other than tab and newline have no place in an article body (C0, DEL, and
#: the C1 range, which in scraped text is almost always cp1252 mis-decoded as Latin-1).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: A one-line field (id, outlet, event, title, byline, url, source, language, date) has no control
#: character at all: no NUL, ESC, tab or newline either.
LINE_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: Fields written on one line.
LINE_FIELDS = ("id", "outlet", "event", "title", "byline", "url", "source", "language", "date",
               "date_precision")
#: An article larger than this is refused: it is almost certainly not one news article (a long
#: feature is ~60 KB; 2 MB is ~300,000 words, a book), and the metrics are not built for it.
MAX_ARTICLE_BYTES = 2_000_000
#: A sentence longer than this many words (runs of non-space characters between a full stop, "?"
#: or "!" followed by a space, or a blank line) is refused: the longest sentence of the bundled and
#: gold corpora has 62 words, and a text of 1,000 words without a full stop is a list or a table,
#: not prose. It also bounds the work of any rule that reads a whole sentence per match.
MAX_SENTENCE_WORDS = 1000
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]\u201d\u2019]*(?=\s)|\n[ \t]*\n")
_NON_SPACE_RUN = re.compile(r"\S+")
#: English function words that are not also common words of other Latin-script languages ("in",
#: "a", "is", "was", "on" are left out: German, Italian, Spanish, Dutch, French use them). An
#: English news body has 15-30% of its words among them (the bundled five: 0.18-0.27; German,
#: French, Spanish and Dutch news paragraphs: 0). A body of at least ENGLISH_MIN_WORDS words with
#: letters and under ENGLISH_MIN_SHARE of them is not English, whatever its `language` says.
ENGLISH_FUNCTION_WORDS = frozenset(
    """the of and to that for with by from it are this have has not his its which their but said
    were been would they had""".split()
)
ENGLISH_MIN_WORDS = 40
ENGLISH_MIN_SHARE = 0.08
#: The language check reads this many characters of a body (enough for its 40-word minimum;
#: reading whole bodies would make validating a corpus cost as much as segmenting it). The
#: directory and the table readers both judge this first part of a body.
ENGLISH_SAMPLE_CHARS = 1500


#: Words for the English check: letters or digits joined by inner apostrophes, hyphens or dots, or
#: by a comma between digits. The same words the text layer counts after its normalisation: the
#: curly apostrophes and Unicode hyphens it maps to ' and - are joiners here too, and the
#: characters it deletes (soft hyphen, zero-width) are deleted first. The corpus layer sits below
#: the text layer, so it carries this one pattern of its own.
_JOINERS = "'\\-.\u2018\u2019\u201a\u201b\u2032\u2010\u2011\u2012\u2013\u2212"
_WORD = re.compile(rf"[^\W_]+(?:(?:[{_JOINERS}]|(?<=\d),(?=\d))[^\W_]+)*")
_DROPPED = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_HAS_WORD = re.compile(r"[^\W_]")
#: Runs of lines holding a non-space character. Tried only at line starts (`^` with MULTILINE): from
#: every position of a long blank line, `[^\n]*\S` scanned the rest of the line (quadratic).
_BLOCK = re.compile(r"^(?:[^\S\n]*\S[^\n]*(?:\n|$))+", re.MULTILINE)
_RULE = re.compile(r"-{3,}|\*{3,}|_{3,}")
_HEADING = re.compile(r"#{1,6} ")


def has_surrogate(text: str) -> bool:
    """True if `text` holds a lone surrogate (U+D800-U+DFFF, from a JSON or YAML escape or from
    bytes that were not UTF-8): it is not Unicode text and cannot be written to any output."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def text_field_problem(name: str, value: Any) -> str | None:
    """Why a text value of field `name` is refused (a lone surrogate; in a one-line field, a control
    character), or None; a list's items are checked too."""
    if isinstance(value, list):
        for item in value:
            found = text_field_problem(name, item)
            if found:
                return found
        return None
    if not isinstance(value, str):
        return None
    if has_surrogate(value):
        return (f"field '{name}' holds a lone surrogate or bytes that are not UTF-8 "
                "(not Unicode text): fix the escape or the encoding")
    if name in LINE_FIELDS:
        match = LINE_CONTROL_CHARS.search(value)
        if match:
            return f"field '{name}' holds control character U+{ord(match.group()):04X} (one line of text expected)"
    return None


def short_repr(value: Any, limit: int = 80) -> str:
    """repr of a value for a message, cut to `limit` characters (a huge integer's repr can raise)."""
    try:
        text = repr(value)
    except ValueError:
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def relative_path(path: Path) -> str:
    """`path` relative to the current directory if under it; a symbolic link is named, not followed."""
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, RuntimeError, OSError):
        return str(path)


def relative_paths_under(directory: Path) -> Callable[[Path], str]:
    """`relative_path` for the entries of one directory, resolving the directory and the current
    directory once for all of them (resolving both for every article file was a sixth of loading
    a corpus directory): `relative_paths_under(d)(d / name) == relative_path(d / name)`."""
    try:
        parent, cwd = directory.resolve(), Path.cwd().resolve()
    except (RuntimeError, OSError):
        return relative_path

    def where(path: Path) -> str:
        if path.parent != directory:
            return relative_path(path)
        try:
            return str((parent / path.name).relative_to(cwd))
        except ValueError:
            return str(path)

    return where


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def body_paragraphs(body: str) -> list[tuple[int, str]]:
    """Blank-line separated blocks of a body as (0-based line offset, text without Markdown markers).

    Markers are `## ` (a heading), `- ` (a list item) and a `---` rule (ends a section); a rule
    yields no paragraph.
    """
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(body.split("\n") + [""]):
        if line.strip():
            if not current:
                start = number
            current.append(line)
            continue
        if current:
            text = "\n".join(current)
            if text.strip() != "---":
                if text.startswith("## "):
                    text = text[3:]
                elif text.startswith("- "):
                    text = text[2:]
                blocks.append((start, text))
            current = []
    return blocks

def parse_date(value: Any) -> tuple[str, str] | None:
    """ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD or a date-time, or a YAML date) as (YYYY[-MM[-DD]], precision).

    A date-time keeps its day (precision 'day'). None if the value is not a real date.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), "day"
    if isinstance(value, dt.date):
        return value.isoformat(), "day"
    if not isinstance(value, str):
        return None
    text = value.strip()
    for pattern, precision in DATE_PATTERNS:
        if pattern.match(text):
            if precision == "time":
                try:
                    dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
                except ValueError:
                    return None
                return text[:10], "day"
            padded = text + {"day": "", "month": "-01", "year": "-01-01"}[precision]
            try:
                dt.date.fromisoformat(padded)
            except ValueError:
                return None
            return text, precision
    return None

def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())

def is_english_tag(language: Any) -> bool:
    """True for `en` and its regional tags (`en-GB`, `en_US`), case-insensitive."""
    return isinstance(language, str) and re.fullmatch(r"en(?:[-_][A-Za-z0-9]+)*", language.strip(), re.I) is not None


def english_share(body: str) -> float | None:
    """Share (0..1) of the body's words with letters that are common English function words.

    None when the body has fewer than ENGLISH_MIN_WORDS such words (too short to judge).
    """
    if _DROPPED.search(body):
        body = _DROPPED.sub("", body)
    # Each distinct word is judged once (a body repeats most of its words): counted if it is not
    # all digits and has a letter once lower-cased, a hit if lower-cased it is a function word.
    counted = hits = 0
    for word, times in Counter(_WORD.findall(body)).items():
        if word.isdigit():
            continue
        lowered = word.lower()
        if lowered.isalpha() or any(c.isalpha() for c in lowered):
            counted += times
            if lowered in ENGLISH_FUNCTION_WORDS:
                hits += times
    if counted < ENGLISH_MIN_WORDS:
        return None
    return hits / counted


def words_problem(body: str) -> str | None:
    """Why a non-empty body has nothing to measure, or None: every rate is per 1,000 words of text.

    Paragraphs as the text layer cuts them: a `#` heading line or a `---` rule is no text paragraph.
    """
    heading_words = False
    for block in _BLOCK.findall(body):
        if _RULE.fullmatch(block.strip()):
            continue
        has_word = _HAS_WORD.search(block) is not None
        if _HEADING.match(block):
            heading_words = heading_words or has_word
        elif has_word:
            return None
    if heading_words:
        return "body has only headings, no text paragraph: nothing to measure (rates are per 1,000 words)"
    return "body has no words (only marks, symbols or emoji): nothing to measure (rates are per 1,000 words)"


def long_sentence(body: str) -> tuple[int, int] | None:
    """(0-based line, words) of the first sentence of `body` over MAX_SENTENCE_WORDS words, or None.

    Sentences are cut at every full stop, "?" or "!" before a space and at blank lines: at least as
    often as the text layer cuts them (it also needs a capital after), so no longer than its
    sentences, in one linear pass."""
    start = 0
    ends = [m.end() for m in _SENTENCE_END.finditer(body)] + [len(body)]
    for end in ends:
        if end - start > MAX_SENTENCE_WORDS:  # fewer characters than the limit: too few words
            words = sum(1 for _ in _NON_SPACE_RUN.finditer(body, start, end))
            if words > MAX_SENTENCE_WORDS:
                return body.count("\n", 0, start), words
        start = end
    return None


def long_sentence_message(words: int) -> str:
    return (f"a sentence of {words:,} words, over the {MAX_SENTENCE_WORDS:,}-word limit for one sentence "
            "(a list or a table without full stops? the quote and hedge rules read whole sentences)")


def is_plain_file_name(name: str) -> bool:
    """A bare file name: no directory part, not '.' or '..' (a `source` never leaves raw/)."""
    return bool(name) and name not in (".", "..") and "/" not in name and "\\" not in name and "\x00" not in name
