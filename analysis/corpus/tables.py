"""Tables with one article per row: JSON Lines, CSV or Parquet, read and validated in chunks.

Columns `id`, `outlet`, `date`, `text` and optionally `title`, `event`, `language` (default `en`),
`url`, `byline`, `source`. Rows are validated like the directory format (`rules.py`) and every
problem names its row, printed as `file.jsonl:row 17: message` (rows count from 1: the line for
JSONL, the data row after the header for CSV, the record for Parquet). Files are read in chunks
(JSONL line by line, CSV with pandas `chunksize`, Parquet with pyarrow `iter_batches`), never whole.
A corpus directory can be read through the same chunk interface (it is validated whole).
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from .directory import resolve_corpus_dir, validate_directory
from .model import Article, CorpusError, Problem
from .rules import (
    CONTROL_CHARS,
    ENGLISH_MIN_SHARE,
    ENGLISH_SAMPLE_CHARS,
    ID_PATTERN,
    MAX_ARTICLE_BYTES,
    english_share,
    is_english_tag,
    long_sentence,
    long_sentence_message,
    parse_date,
    relative_path,
    short_repr,
    text_field_problem,
)

#: File suffixes read as one-article-per-row tables.
TABLE_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")
REQUIRED_COLUMNS = ("id", "outlet", "date", "text")
OPTIONAL_COLUMNS = ("title", "event", "language", "url", "byline", "source")
#: Input rows per chunk (a chunk is the unit of work, of resume and of a part file).
DEFAULT_CHUNK_SIZE = 500


@dataclass(frozen=True)
class RowProblem(Problem):
    """A problem in one row of a table file, printed as `path:row N: message` (row 0: the header)."""

    def __str__(self) -> str:
        where = "header" if self.line == 0 else f"row {self.line}"
        return f"{self.path}:{where}: {self.message}"


def is_table_file(path: str | Path | None) -> bool:
    """True if `path` names a JSONL, CSV or Parquet file (by suffix) rather than a corpus directory."""
    return path is not None and Path(path).suffix.lower() in TABLE_SUFFIXES and not Path(path).is_dir()


# ---------------------------------------------------------------- reading rows in chunks
def _iter_jsonl(path: Path, chunk_size: int, where: str) -> Iterator[list[tuple[int, Any]]]:
    """Raw lines (bytes) with their line numbers: parsing happens where the row is validated."""
    chunk: list[tuple[int, Any]] = []
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            chunk.append((number, raw))
            if len(chunk) == chunk_size:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


#: A CSV cell may hold a whole article (csv's default limit is 128 KB): a little over the article limit.
CSV_FIELD_LIMIT = MAX_ARTICLE_BYTES + 1024


class CsvRowError(str):
    """A CSV record that could not be read as a row (its message); validated into a RowProblem."""


class _CsvLines:
    """Physical lines of a CSV file (decoded; bytes that are not UTF-8 kept as surrogates), with the
    byte offset after each line of the record being read, so reading can resume after its first line."""

    def __init__(self, handle):
        self.handle = handle
        self.number = 0
        self.ends: list[tuple[int, int]] = []  # (line number, offset after it) of the current record

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.handle.readline()
        if not line:
            raise StopIteration
        if self.number == 0 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]  # a UTF-8 byte order mark
        self.number += 1
        self.ends.append((self.number, self.handle.tell()))
        return line.decode("utf-8", errors="surrogateescape")

    def resume_after_first_line(self) -> int:
        """Go back to the line after the current record's first line; returns that record's first line."""
        first, offset = self.ends[0]
        self.handle.seek(offset)
        self.number = first
        self.ends = []
        return first


def _iter_csv_records(path: Path) -> Iterator[tuple[int, Any]]:
    """(row, mapping of column -> text, or a CsvRowError) for every data row, read with the csv module.

    One broken record does not end the file: a row with more fields than the header, a cell with
    bytes that are not UTF-8 (kept as surrogates, refused by the row check) and a quoted cell never
    closed (reading resumes on the line after the one it opened on) each become a problem of
    their own row, and the rows around them are read as usual. Blank lines are no rows.
    """
    import csv

    previous_limit = csv.field_size_limit()
    csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        with path.open("rb") as handle:
            lines = _CsvLines(handle)
            header: list[str] | None = None
            row = 0
            while True:
                reader = csv.reader(lines, strict=True)
                try:
                    for fields in reader:
                        first_line = lines.ends[0][0] if lines.ends else lines.number
                        lines.ends = []
                        if header is None:
                            header = fields
                            continue
                        if not fields or (fields == [""] and len(header) > 1):
                            continue  # a blank line
                        row += 1
                        if len(fields) > len(header):
                            yield row, CsvRowError(f"{len(fields)} fields but the header has {len(header)} "
                                                   f"(line {first_line}): a stray comma or quote?")
                            continue
                        yield row, dict(zip(header, fields + [""] * (len(header) - len(fields))))
                    return
                except csv.Error as exc:
                    if not lines.ends:
                        raise ValueError(f"{path}: cannot read as CSV: {exc}") from None
                    first_line = lines.resume_after_first_line()
                    if header is None:
                        raise ValueError(f"{path}: cannot read the CSV header: {exc}") from None
                    row += 1
                    yield row, CsvRowError(f"cannot read this CSV row (line {first_line}): {exc}; "
                                           "reading goes on at the next line")
    finally:
        csv.field_size_limit(previous_limit)


def _iter_csv(path: Path, chunk_size: int, where: str) -> Iterator[list[tuple[int, Any]]]:
    # Every cell as text ('' for an empty cell): no type guessing, no NaN for "NA" or "null".
    chunk: list[tuple[int, Any]] = []
    for row, record in _iter_csv_records(path):
        chunk.append((row, record))
        if len(chunk) == chunk_size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _decoded_batch(batch) -> list[dict]:
    """A Parquet record batch as rows; a string column with bytes that are not UTF-8 is decoded
    value by value (the bad bytes kept as surrogates, refused by the row check), not the batch."""
    try:
        return batch.to_pylist()
    except (UnicodeDecodeError, ValueError):
        import pyarrow as pa

        columns = {}
        for name, column in zip(batch.schema.names, batch.columns):
            if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
                raw = column.cast(pa.large_binary() if pa.types.is_large_string(column.type) else pa.binary())
                columns[name] = [None if v is None else v.decode("utf-8", errors="surrogateescape")
                                 for v in raw.to_pylist()]
            else:
                columns[name] = column.to_pylist()
        return [dict(zip(columns, values)) for values in zip(*columns.values())]


def _iter_parquet(path: Path, chunk_size: int, where: str) -> Iterator[list[tuple[int, Any]]]:
    import pyarrow.parquet as pq

    number = 0
    with pq.ParquetFile(path) as parquet:
        for batch in parquet.iter_batches(batch_size=chunk_size):
            chunk = []
            for record in _decoded_batch(batch):
                number += 1
                chunk.append((number, record))
            yield chunk


def _table_columns(path: Path) -> list[str] | None:
    """Column names of a CSV or Parquet file (None for JSONL, whose rows carry their own keys)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        import csv

        with path.open("r", encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
            return next(csv.reader(handle), [])
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    return None


def _iter_records(path: Path, chunk_size: int, where: str) -> Iterator[list[tuple[int, Any]]]:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return _iter_jsonl(path, chunk_size, where)
    if suffix == ".csv":
        return _iter_csv(path, chunk_size, where)
    return _iter_parquet(path, chunk_size, where)


# ---------------------------------------------------------------- validating one row
_WORD = re.compile(r"[^\W_]")
_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")


def _has_text_words(body: str) -> bool:
    """True if a block that is not a `#` heading or a `---` rule has a letter or digit (no segmentation)."""
    for block in _BLOCK_SPLIT.split(body):
        block = block.strip()
        if block and not block.startswith("#") and _WORD.search(block):
            return True
    return False


def _text_or_none(value: Any) -> Any:
    """'' and NaN (empty CSV / Parquet cells) count as missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _decoded(record: Any) -> tuple[dict | None, list[str]]:
    """The row as a mapping (a JSON line is parsed here), or None and why it is none."""
    if isinstance(record, CsvRowError):
        return None, [str(record)]
    if isinstance(record, (bytes, str)):
        try:
            record = json.loads(record)
        except RecursionError:
            return None, ["not a JSON object: nested too deeply"]
        except (ValueError, UnicodeDecodeError) as exc:  # JSONDecodeError, an integer of 5,000 digits
            return None, [f"not a JSON object: {' '.join(str(exc).split())[:200]}"]
    if not isinstance(record, dict):
        return None, [f"expected an object with fields {', '.join(REQUIRED_COLUMNS)}, got {type(record).__name__}"]
    return record, []


def _field_problems(record: dict, values: dict[str, Any]) -> list[str]:
    """What is wrong with a row's fields other than its text: missing, unknown, mistyped, bad id, date, language."""
    messages: list[str] = []
    for name in REQUIRED_COLUMNS:
        if values.get(name) is None:
            messages.append(f"missing or empty field '{name}'")
    for name in record:
        if name not in REQUIRED_COLUMNS and name not in OPTIONAL_COLUMNS:
            messages.append(f"unknown field {short_repr(name)} (known: {', '.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)})")
        else:
            found = text_field_problem(name, values[name])
            if found:
                messages.append(found)
    article_id = values.get("id")
    if article_id is not None and not (isinstance(article_id, str) and ID_PATTERN.match(article_id)):
        messages.append(f"field 'id' must be text of letters, digits, '.', '_' or '-', got {short_repr(article_id)}")
    for name in ("outlet", "event", "title", "url", "byline", "source"):
        value = values.get(name)
        if value is not None and not isinstance(value, str):
            messages.append(f"field '{name}' must be text, got {short_repr(value)}")
    date_value = values.get("date")
    if date_value is not None and parse_date(date_value) is None:
        messages.append(f"field 'date' is not an ISO 8601 date (YYYY-MM-DD, YYYY-MM or YYYY): {short_repr(date_value)}")
    language = values.get("language") or "en"
    if not is_english_tag(language):
        messages.append(f"language {short_repr(language)} is not supported: the metrics are English-only (language: en)")
    return messages


def _checked_body(text: Any, language: str, trusted: bool) -> tuple[str, list[str]]:
    """The row's body with line ends normalised, and what is wrong with it; a trusted row's content is not re-checked."""
    if text is None:
        return "", []
    if not isinstance(text, str):
        return "", [f"field 'text' must be text, got {type(text).__name__}"]
    if trusted:
        return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").lstrip("\n").rstrip(), []
    if len(text) > MAX_ARTICLE_BYTES // 4 and len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        return "", [f"text is over the {MAX_ARTICLE_BYTES:,}-byte limit for one article"]
    body = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    body = body.lstrip("\n").rstrip()
    messages: list[str] = []
    match = CONTROL_CHARS.search(body)
    if match:
        messages.append(f"control character U+{ord(match.group()):04X} in text at offset {match.start()}")
    too_long = long_sentence(body)
    if too_long:
        messages.append(f"{long_sentence_message(too_long[1])}, on line {too_long[0] + 1} of the text")
    if not _has_text_words(body):
        messages.append("body has no words in a text paragraph (only headings, marks, symbols or "
                        "markup): nothing to measure (rates are per 1,000 words)")
    elif is_english_tag(language):
        share = english_share(body[:ENGLISH_SAMPLE_CHARS])
        if share is not None and share < ENGLISH_MIN_SHARE:
            messages.append(f"text does not look like English ({share:.0%} of its words are common "
                            "English words): the metrics are English-only")
    return body, messages


def record_article(record: Any, row: int, where: str, trusted: bool = False) -> tuple[Article | None, list[Problem]]:
    """Validate one row (a mapping of column -> value) and build its Article; (None, problems) if invalid.

    The checks mirror `analysis.corpus.read_article`: id pattern, non-empty outlet and event,
    ISO 8601 date, an English language tag (default `en`), text fields are text, a body with words
    outside headings, English-looking text (on its first ENGLISH_SAMPLE_CHARS characters), no
    control characters, at most MAX_ARTICLE_BYTES of body. `event` and `title` may be missing (None).
    `trusted`: the row passed these checks before (a run's validation pass), so the checks of the
    text's content (words, English, control characters: the costly ones) are not repeated.
    """
    record, messages = _decoded(record)
    if record is None:
        return None, [RowProblem(where, row, message) for message in messages]
    values = {key: _text_or_none(value) for key, value in record.items()}
    messages = _field_problems(record, values)
    language = values.get("language") or "en"
    body, body_messages = _checked_body(values.get("text"), language, trusted)
    messages += body_messages
    if messages:
        return None, [RowProblem(where, row, message) for message in messages]
    parsed = parse_date(values["date"])
    return Article(
        id=values["id"], outlet=values["outlet"].strip(), title=values.get("title"), date=parsed[0],
        event=(values.get("event") or "").strip() or None, language=language, body=body,
        source=values.get("source"), byline=values.get("byline"), date_precision=parsed[1],
        url=values.get("url"), path=where, body_line=row,
    ), []


@dataclass
class Chunk:
    """One chunk of input rows: its index, the valid articles in input order, the row problems."""

    index: int
    articles: list[Article]
    problems: list[Problem] = field(default_factory=list)


def validate_records(records: list[tuple[int, Any]], where: str, skip_rows: Iterable[int] = (),
                     trusted: bool = False) -> tuple[list[Article], list[Problem]]:
    """Validate raw rows (row number, JSON line or mapping; an Article passes as it is).

    Rows in `skip_rows` are left out silently (rows a validation pass found invalid or duplicate);
    `trusted` skips the content checks that pass already made (see `record_article`). A pure
    function of its input, so it runs in a worker process.
    """
    skip = set(skip_rows)
    articles: list[Article] = []
    problems: list[Problem] = []
    for row, record in records:
        if row in skip:
            continue
        if isinstance(record, Article):
            articles.append(record)
            continue
        article, found = record_article(record, row, where, trusted)
        problems.extend(found)
        if article is not None:
            articles.append(article)
    return articles, problems


class IdLedger:
    """Ids seen so far, in input order: the only state kept across chunks (of two rows sharing an
    id the first is kept)."""

    def __init__(self, where: str):
        self.where = where
        self.seen: set[str] = set()

    def duplicates(self, articles: list[Article]) -> tuple[set[int], list[Problem]]:
        """Rows (body_line) of `articles` whose id came earlier, and a problem for each."""
        rows: set[int] = set()
        problems: list[Problem] = []
        for article in articles:
            if article.id in self.seen:
                rows.add(article.body_line)
                problems.append(RowProblem(self.where, article.body_line, f"duplicate id {article.id!r}: "
                                           "an earlier row has it (the first is kept)"))
            else:
                self.seen.add(article.id)
        return rows, problems


def _raw_chunks(path: Path, chunk_size: int) -> tuple[str, Iterator[tuple[int, list[tuple[int, Any]]]]]:
    """(where, iterator of (chunk index, raw rows)); raises CorpusError for a header problem.

    A corpus directory is validated whole (it is small by nature) and its articles come as rows.
    """
    if chunk_size < 1:
        raise ValueError(f"chunk size must be at least 1, got {chunk_size}")
    if not is_table_file(path):
        articles, problems, _, _ = validate_directory(resolve_corpus_dir(path))
        if problems:
            raise CorpusError(problems) if not articles else _DirectoryProblems(problems, articles, chunk_size)
        return str(path), _directory_rows(path, articles, chunk_size)
    where = relative_path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    columns = _table_columns(path)
    if columns is not None:
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise CorpusError([RowProblem(where, 0, f"missing column(s) {', '.join(missing)}; "
                                                    f"a table needs {', '.join(REQUIRED_COLUMNS)}")])
    return where, enumerate(_iter_records(path, chunk_size, where))


class _DirectoryProblems(Exception):
    """Internal: a directory corpus with some invalid files (raised so callers decide to skip)."""

    def __init__(self, problems: list[Problem], articles: list[Article], chunk_size: int):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems, self.articles, self.chunk_size = problems, articles, chunk_size


def _directory_rows(path: Path, articles: list[Article], chunk_size: int):
    actors = resolve_corpus_dir(path) / "actors.yaml"
    for article in articles:  # as load_corpus does: the corpus's actors add to the gazetteer
        article.actors_file = str(actors) if actors.is_file() else None
    for index, start in enumerate(range(0, len(articles), chunk_size)):
        yield index, [(start + k + 1, a) for k, a in enumerate(articles[start:start + chunk_size])]


def open_input(path: Path, chunk_size: int) -> tuple[str, Iterator, list[Problem]]:
    """Like `_raw_chunks`, but a directory's invalid files come back as problems instead of raising."""
    try:
        where, chunks = _raw_chunks(path, chunk_size)
        return where, chunks, []
    except _DirectoryProblems as exc:
        return str(path), _directory_rows(path, exc.articles, chunk_size), exc.problems


def iter_chunks(path: str | Path, chunk_size: int = DEFAULT_CHUNK_SIZE) -> Iterator[Chunk]:
    """Validated chunks of a table file (`chunk_size` input rows each) or of a corpus directory.

    Invalid rows are left out of `Chunk.articles` and described in `Chunk.problems`; of two rows
    sharing an id the first is kept. A header problem (a CSV or Parquet file without a required
    column) raises `CorpusError`. A directory's invalid files are the problems of chunk 0.
    """
    path = Path(path)
    where, chunks, first_problems = open_input(path, chunk_size)
    ledger = IdLedger(where)
    for index, records in chunks:
        articles, problems = validate_records(records, where)
        duplicate_rows, duplicate_problems = ledger.duplicates(articles)
        if duplicate_rows:
            articles = [a for a in articles if a.body_line not in duplicate_rows]
        extra = first_problems if index == 0 else []
        yield Chunk(index, articles, extra + by_row(problems + duplicate_problems))


def by_row(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: p.line)


def iter_articles(path: str | Path, chunk_size: int = DEFAULT_CHUNK_SIZE,
                  skip_invalid: bool = False) -> Iterator[Article]:
    """Every valid article of a table file or corpus directory, in input order, read in chunks.

    An invalid row raises `CorpusError` when its chunk is reached (with every problem of that
    chunk) unless `skip_invalid`, in which case it is left out. `scan` lists every problem of a
    file before any work.
    """
    for chunk in iter_chunks(path, chunk_size):
        if chunk.problems and not skip_invalid:
            raise CorpusError(chunk.problems)
        yield from chunk.articles



def validate_table(path: str | Path) -> tuple[list[Article], list[Problem], dict, dict]:
    """`analysis.corpus.validate_corpus` for a table file: (valid articles, problems, {}, {}).

    This holds every article in memory (it backs `load_corpus(file)`); streaming code uses
    `iter_chunks` / `iter_articles` instead.
    """
    articles: list[Article] = []
    problems: list[Problem] = []
    try:
        for chunk in iter_chunks(path):
            articles.extend(chunk.articles)
            problems.extend(chunk.problems)
    except CorpusError as exc:
        return [], exc.problems, {}, {}
    if not articles and not problems:
        problems.append(RowProblem(relative_path(Path(path)), 0, "no rows"))
    return articles, problems, {}, {}
