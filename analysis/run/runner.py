"""Large corpora: streaming readers, a chunked parallel runner with resume, and a Dask engine.

Input. Besides a corpus directory, a table file with one article per row is a corpus: JSON Lines
(`.jsonl`/`.ndjson`), CSV (`.csv`) or Parquet (`.parquet`), columns `id`, `outlet`, `date`, `text`
and optionally `title`, `event`, `language` (default `en`), `url`, `byline`, `source`. Rows are
validated like the directory format (`analysis.corpus`) and every problem names its row, printed as
`file.jsonl:row 17: message` (rows count from 1: the line for JSONL, the data row after the header
for CSV, the record for Parquet). Files are read in chunks (JSONL line by line, CSV with pandas
`chunksize`, Parquet with pyarrow `iter_batches`), never whole.

Runner. `run_table(path, out, func, jobs=N)` cuts the input into chunks of `chunk_size` input rows,
applies a per-article function (by default `analysis.profiling.profile_article`) in N processes,
writes one part file per chunk into `<out>.parts/` (atomically, so a part that exists is complete),
then streams the parts, in input order, into `out` (one Parquet row group or CSV block per part;
atomic). Memory is bounded by the chunks in flight (2 per process), whatever the input size. A
manifest records the input's path, size and mtime, the chunk size, the function and a fingerprint
of the package code, so a run interrupted (Ctrl-C, SIGTERM, a killed process) resumes from its
finished parts when run again with the same output, and stale parts are never reused. The output
is identical, row for row, whatever the number of processes or engine: rows follow input order.

Dask. `engine="dask"` stages the validated input as Parquet partitions (one file per chunk, beside
the output) and maps the same per-article function over them with `dask.dataframe.from_map(...)
.map_partitions(...)` on a `distributed` cluster: `scheduler="tcp://host:8786"` for an existing
one (the output directory must then be on storage every worker can read, e.g. a shared
filesystem), or a local cluster of `jobs` worker processes otherwise.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pandas as pd

from . import config
from .corpus import (
    CONTROL_CHARS,
    ID_PATTERN,
    MAX_ARTICLE_BYTES,
    Article,
    Corpus,
    CorpusError,
    Problem,
    parse_date,
    resolve_corpus_dir,
    validate_corpus,
)
from .io import atomic_path, write_table

#: File suffixes read as one-article-per-row tables.
TABLE_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")
REQUIRED_COLUMNS = ("id", "outlet", "date", "text")
OPTIONAL_COLUMNS = ("title", "event", "language", "url", "byline", "source")
#: Input rows per chunk (a chunk is the unit of work, of resume and of a part file).
DEFAULT_CHUNK_SIZE = 500
#: Chunks submitted but not finished, per process: enough to keep workers busy, few enough to
#: bound memory.
IN_FLIGHT_PER_JOB = 2
MANIFEST_VERSION = 1

ArticleFunc = Callable[[Article], Any]


@dataclass(frozen=True)
class RowProblem(Problem):
    """A problem in one row of a table file, printed as `path:row N: message` (row 0: the header)."""

    def __str__(self) -> str:
        where = "header" if self.line == 0 else f"row {self.line}"
        return f"{self.path}:{where}: {self.message}"


def is_table_file(path: str | Path | None) -> bool:
    """True if `path` names a JSONL, CSV or Parquet file (by suffix) rather than a corpus directory."""
    return path is not None and Path(path).suffix.lower() in TABLE_SUFFIXES and not Path(path).is_dir()


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


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


def _iter_csv(path: Path, chunk_size: int, where: str) -> Iterator[list[tuple[int, Any]]]:
    # Every cell as text ('' for an empty cell): no type guessing, no NaN for "NA" or "null".
    reader = pd.read_csv(path, chunksize=chunk_size, dtype=str, keep_default_na=False,
                         na_filter=False, encoding="utf-8")
    number = 0
    with reader:
        for frame in reader:
            records = frame.to_dict("records")
            chunk = []
            for record in records:
                number += 1
                chunk.append((number, record))
            yield chunk


def _iter_parquet(path: Path, chunk_size: int, where: str) -> Iterator[list[tuple[int, Any]]]:
    import pyarrow.parquet as pq

    number = 0
    with pq.ParquetFile(path) as parquet:
        for batch in parquet.iter_batches(batch_size=chunk_size):
            chunk = []
            for record in batch.to_pylist():
                number += 1
                chunk.append((number, record))
            yield chunk


def _table_columns(path: Path) -> list[str] | None:
    """Column names of a CSV or Parquet file (None for JSONL, whose rows carry their own keys)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return list(pd.read_csv(path, nrows=0, dtype=str, encoding="utf-8").columns)
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
#: The language check reads this many characters of a body (enough for its 40-word minimum;
#: reading whole bodies would make validating a large file cost as much as segmenting it).
ENGLISH_SAMPLE_CHARS = 1500
_corpus_module = sys.modules[Article.__module__]
#: Shared with the directory format when analysis.corpus has them (the validation work in progress
#: there), else the plain `en` rule.
_is_english_tag: Callable[[Any], bool] = getattr(_corpus_module, "is_english_tag", lambda value: value == "en")
_english_share: Callable[[str], float | None] = getattr(_corpus_module, "english_share", lambda body: None)
_ENGLISH_MIN_SHARE: float = getattr(_corpus_module, "ENGLISH_MIN_SHARE", 0.0)
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


def record_article(record: Any, row: int, where: str, trusted: bool = False) -> tuple[Article | None, list[Problem]]:
    """Validate one row (a mapping of column -> value) and build its Article; (None, problems) if invalid.

    The checks mirror `analysis.corpus.read_article`: id pattern, non-empty outlet and event,
    ISO 8601 date, an English language tag (default `en`), text fields are text, a body with words
    outside headings, English-looking text (on its first ENGLISH_SAMPLE_CHARS characters), no
    control characters, at most MAX_ARTICLE_BYTES of body. `event` and `title` may be missing (None).
    `trusted`: the row passed these checks before (a run's validation pass), so the checks of the
    text's content (words, English, control characters: the costly ones) are not repeated.
    """
    problems: list[Problem] = []

    def problem(message: str) -> None:
        problems.append(RowProblem(where, row, message))

    if isinstance(record, (bytes, str)):
        try:
            record = json.loads(record)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            problem(f"not a JSON object: {' '.join(str(exc).split())}")
            return None, problems
    if not isinstance(record, dict):
        problem(f"expected an object with fields {', '.join(REQUIRED_COLUMNS)}, got {type(record).__name__}")
        return None, problems
    values = {key: _text_or_none(value) for key, value in record.items()}
    for name in REQUIRED_COLUMNS:
        if values.get(name) is None:
            problem(f"missing or empty field '{name}'")
    for name in record:
        if name not in REQUIRED_COLUMNS and name not in OPTIONAL_COLUMNS:
            problem(f"unknown field '{name}' (known: {', '.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)})")

    article_id = values.get("id")
    if article_id is not None and not (isinstance(article_id, str) and ID_PATTERN.match(article_id)):
        problem(f"field 'id' must be text of letters, digits, '.', '_' or '-', got {article_id!r}")
    for name in ("outlet", "event", "title", "url", "byline", "source"):
        value = values.get(name)
        if value is not None and not isinstance(value, str):
            problem(f"field '{name}' must be text, got {value!r}")
    date_value = values.get("date")
    parsed = parse_date(date_value) if date_value is not None else None
    if date_value is not None and parsed is None:
        problem(f"field 'date' is not an ISO 8601 date (YYYY-MM-DD, YYYY-MM or YYYY): {date_value!r}")
    language = values.get("language") or "en"
    if not _is_english_tag(language):
        problem(f"language {language!r} is not supported: the metrics are English-only (language: en)")

    text = values.get("text")
    body = ""
    if text is not None and not isinstance(text, str):
        problem(f"field 'text' must be text, got {type(text).__name__}")
    elif isinstance(text, str) and trusted:
        body = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").lstrip("\n").rstrip()
    elif isinstance(text, str):
        if len(text) > MAX_ARTICLE_BYTES // 4 and len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
            problem(f"text is over the {MAX_ARTICLE_BYTES:,}-byte limit for one article")
        else:
            body = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
            body = body.lstrip("\n").rstrip()
            match = CONTROL_CHARS.search(body)
            if match:
                problem(f"control character U+{ord(match.group()):04X} in text at offset {match.start()}")
            if not _has_text_words(body):
                problem("body has no words in a text paragraph (only headings, marks, symbols or "
                        "markup): nothing to measure (rates are per 1,000 words)")
            elif _is_english_tag(language):
                share = _english_share(body[:ENGLISH_SAMPLE_CHARS])
                if share is not None and share < _ENGLISH_MIN_SHARE:
                    problem(f"text does not look like English ({share:.0%} of its words are common "
                            "English words): the metrics are English-only")
    if problems:
        return None, problems
    return Article(
        id=article_id, outlet=values["outlet"].strip(), title=values.get("title"), date=parsed[0],
        event=(values.get("event") or "").strip() or None, language=language, body=body,
        source=values.get("source"), byline=values.get("byline"), date_precision=parsed[1],
        url=values.get("url"), path=where, body_line=row,
    ), problems


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


class _IdLedger:
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
        articles, problems, _, _ = validate_corpus(path)
        if problems:
            raise CorpusError(problems) if not articles else _DirectoryProblems(problems, articles, chunk_size)
        return str(path), _directory_rows(path, articles, chunk_size)
    where = _relative(path)
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


def _open_input(path: Path, chunk_size: int) -> tuple[str, Iterator, list[Problem]]:
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
    where, chunks, first_problems = _open_input(path, chunk_size)
    ledger = _IdLedger(where)
    for index, records in chunks:
        articles, problems = validate_records(records, where)
        duplicate_rows, duplicate_problems = ledger.duplicates(articles)
        if duplicate_rows:
            articles = [a for a in articles if a.body_line not in duplicate_rows]
        extra = first_problems if index == 0 else []
        yield Chunk(index, articles, extra + _by_row(problems + duplicate_problems))


def _by_row(problems: list[Problem]) -> list[Problem]:
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


@dataclass
class Scan:
    """What one validation pass found: valid articles per chunk, every problem, and per chunk the
    rows to skip (invalid or duplicate)."""

    counts: list[int]
    problems: list[Problem]
    skip_rows: dict[int, set[int]]

    @property
    def total(self) -> int:
        return sum(self.counts)


def _scan_chunk(task: tuple[int, list[tuple[int, Any]], str]) -> tuple[int, list[Article], list[Problem]]:
    """Worker: validate one chunk; the articles come back without their bodies (only id and row matter)."""
    index, records, where = task
    articles, problems = validate_records(records, where)
    light = [Article(a.id, a.outlet, None, a.date, a.event, a.language, "", body_line=a.body_line)
             for a in articles]
    return index, light, problems


def scan(path: str | Path, chunk_size: int = DEFAULT_CHUNK_SIZE, executor=None, bar=None) -> Scan:
    """One streaming validation pass (in `executor`'s processes if given); keeps no article text."""
    path = Path(path)
    where, chunks, first_problems = _open_input(path, chunk_size)
    ledger = _IdLedger(where)
    result = Scan([], list(first_problems), {})

    def merge(index: int, articles: list[Article], problems: list[Problem]) -> None:
        duplicate_rows, duplicate_problems = ledger.duplicates(articles)
        result.counts.append(len(articles) - len(duplicate_rows))
        result.problems.extend(_by_row(problems + duplicate_problems))
        # the run pass skips these rows and trusts the others (no second content check)
        skip = duplicate_rows | {p.line for p in problems if isinstance(p, RowProblem) and p.line > 0}
        if skip:
            result.skip_rows[index] = skip
        if bar is not None:
            bar.update(len(articles))

    if executor is None:
        for index, records in chunks:
            merge(*_scan_chunk((index, records, where)))
        return result
    window = _Window(executor, IN_FLIGHT_PER_JOB * executor._max_workers)
    for index, records in chunks:
        for done in window.submit(_scan_chunk, (index, records, where)):
            merge(*done)
    for done in window.drain():
        merge(*done)
    return result


class _Window:
    """Tasks submitted in order with at most `size` unfinished; results come back in order."""

    def __init__(self, executor, size: int):
        self.executor, self.size = executor, max(1, size)
        self.pending: list = []

    def submit(self, fn, task) -> list:
        self.pending.append(self.executor.submit(fn, task))
        finished = []
        while len(self.pending) > self.size:
            finished.append(self.pending.pop(0).result())
        return finished

    def drain(self) -> list:
        finished = [future.result() for future in self.pending]
        self.pending = []
        return finished


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
        problems.append(RowProblem(_relative(Path(path)), 0, "no rows"))
    return articles, problems, {}, {}


# ---------------------------------------------------------------- per-chunk work
def _rows_of(result: Any) -> list[dict]:
    """A per-article result as rows: a dict is one row; a list of dicts or a DataFrame, many."""
    if isinstance(result, dict):
        return [result]
    if isinstance(result, pd.DataFrame):
        return result.to_dict("records")
    return list(result)


def rows_frame(rows: list[dict], columns: list[str] | None = None) -> pd.DataFrame:
    """Rows as a DataFrame; the profile contract's columns first (as `analysis.profile` orders them)."""
    frame = pd.DataFrame(rows, columns=columns) if columns else pd.DataFrame(rows)
    if frame.empty and not len(frame.columns):
        return frame
    from .profiling import CONTRACT_COLUMNS

    if all(c in frame.columns for c in CONTRACT_COLUMNS):
        frame = frame[CONTRACT_COLUMNS + [c for c in frame.columns if c not in CONTRACT_COLUMNS]]
    return frame


def apply_chunk(func: ArticleFunc, articles: Iterable[Article]) -> pd.DataFrame:
    """`func` applied to each article, rows in input order."""
    rows: list[dict] = []
    for article in articles:
        rows.extend(_rows_of(func(article)))
    return rows_frame(rows)


def _part_name(index: int) -> str:
    return f"part-{index:06d}.parquet"


def _write_part(frame: pd.DataFrame, path: Path) -> None:
    """A part file, atomically (a part that exists is complete)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp)


def _work_chunk(task: tuple[ArticleFunc, int, list[tuple[int, Any]], set[int], str, str]) -> tuple[int, int, float]:
    """Worker: validate a chunk's raw rows, apply `func`, write the part; returns (index, articles, seconds)."""
    func, index, records, skip_rows, where, parts_dir = task
    started = time.perf_counter()
    articles, _ = validate_records(records, where, skip_rows, trusted=True)  # the scan checked them
    frame = apply_chunk(func, articles)
    _write_part(frame, Path(parts_dir) / _part_name(index))
    return index, len(articles), time.perf_counter() - started


def _init_worker(parent: int) -> None:
    """Workers leave Ctrl-C to the parent, die on SIGTERM (the parent's handler, inherited through
    fork, would turn it into an exception the pool reports and survives), and exit if the parent
    dies (e.g. killed with SIGKILL)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


# ---------------------------------------------------------------- manifest and combine
def code_fingerprint() -> str:
    """SHA-256 (first 16 hex digits) of the package's code and data: parts from other code are stale."""
    digest = hashlib.sha256()
    for file in sorted(config.PACKAGE_DIR.rglob("*")):
        if file.suffix in (".py", ".yaml", ".yml") and "__pycache__" not in file.parts:
            digest.update(str(file.relative_to(config.PACKAGE_DIR)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _function_name(func: ArticleFunc) -> str:
    return f"{getattr(func, '__module__', '?')}:{getattr(func, '__qualname__', repr(func))}"


def make_manifest(path: Path, chunk_size: int, func: ArticleFunc, skip_invalid: bool) -> dict:
    """What must match for finished parts to be reused."""
    resolved = path.resolve()
    stat = resolved.stat()
    if resolved.is_dir():  # a corpus directory: its newest article stands for its state
        files = [p for p in (resolved / "articles").glob("*") if p.is_file()] if (resolved / "articles").is_dir() else []
        size = sum(p.stat().st_size for p in files)
        mtime = max([p.stat().st_mtime_ns for p in files] + [stat.st_mtime_ns])
    else:
        size, mtime = stat.st_size, stat.st_mtime_ns
    return {"version": MANIFEST_VERSION, "input": str(resolved), "size": size, "mtime_ns": mtime,
            "chunk_size": chunk_size, "skip_invalid": skip_invalid, "function": _function_name(func),
            "code": code_fingerprint()}


def parts_dir_for(out: str | Path) -> Path:
    """Where the part files of `out` go: `<out>.parts/` beside it."""
    out = Path(out)
    return out.with_name(out.name + ".parts")


def _prepare_parts(parts_dir: Path, manifest: dict, resume: bool) -> set[int]:
    """Indices of reusable finished parts; clears the directory if its manifest does not match."""
    manifest_file = parts_dir / "manifest.json"
    if parts_dir.exists() and resume and manifest_file.is_file():
        try:
            old = json.loads(manifest_file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            old = None
        if old == manifest:
            _remove_temporaries(parts_dir)
            done = set()
            for part in parts_dir.glob("part-*.parquet"):
                match = re.fullmatch(r"part-(\d+)\.parquet", part.name)
                if match:
                    done.add(int(match.group(1)))
            return done
    if parts_dir.exists():
        _remove_parts(parts_dir)
    parts_dir.mkdir(parents=True, exist_ok=True)
    from .io import write_text

    write_text(manifest_file, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return set()


def _remove_temporaries(parts_dir: Path) -> None:
    """Temporary files of parts whose writer was killed mid-write (never complete: not reused)."""
    for item in parts_dir.glob(".part-*"):  # analysis.io.atomic_path names them .<name>.<...>
        item.unlink(missing_ok=True)


def _remove_parts(parts_dir: Path) -> None:
    """Delete a parts directory this module made (only its own files: parts, manifest, staging)."""
    for item in parts_dir.iterdir():
        if item.is_dir() and item.name == "input":
            shutil.rmtree(item)
        elif item.name == "manifest.json" or item.name.startswith(("part-", ".part-")):
            item.unlink()
    try:
        parts_dir.rmdir()
    except OSError:
        pass  # something else lives there: leave it


def combine_parts(parts: list[Path], out: str | Path) -> int:
    """Stream part files, in the order given, into one CSV or Parquet file (atomically); returns rows.

    Parquet: one row group per part, schema unified across parts (a column that is all-null in
    one part takes the type it has in others). CSV: as `analysis.io.write_table` writes it.
    Only one part is in memory at a time.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise ValueError(f"{out}: unsupported table format {suffix or '(none)'}; use .csv or .parquet")
    schemas = [pq.read_schema(p) for p in parts]
    nonempty = [s for s, p in zip(schemas, parts) if pq.ParquetFile(p).metadata.num_rows and s.names]
    rows = 0
    if not nonempty:
        write_table(pd.DataFrame(), out)
        return 0
    schema = pa.unify_schemas([s.remove_metadata() for s in nonempty], promote_options="permissive")
    schema = schema.with_metadata(nonempty[0].metadata)
    with atomic_path(out) as tmp:
        if suffix == ".parquet":
            with pq.ParquetWriter(tmp, schema) as writer:
                for part in parts:
                    table = pq.read_table(part)
                    if table.num_rows:
                        writer.write_table(_conform(table, schema))
                        rows += table.num_rows
        else:
            with tmp.open("w", encoding="utf-8", newline="") as handle:
                header = True
                for part in parts:
                    table = pq.read_table(part)
                    if not table.num_rows:
                        continue
                    frame = _conform(table, schema).to_pandas()
                    frame.to_csv(handle, index=False, header=header, lineterminator="\n", float_format="%.6g")
                    header = False
                    rows += table.num_rows
    return rows


def _conform(table, schema):
    """`table` with `schema`'s columns, in its order and types (missing columns are null)."""
    import pyarrow as pa

    columns = []
    for field_ in schema:
        if field_.name in table.column_names:
            columns.append(table.column(field_.name).cast(field_.type))
        else:
            columns.append(pa.nulls(table.num_rows, type=field_.type))
    return pa.Table.from_arrays(columns, schema=schema)


# ---------------------------------------------------------------- the runner
@dataclass
class RunResult:
    """What a run did: rows written, articles processed now / reused from earlier parts, seconds."""

    out: Path
    rows: int
    articles: int
    computed_chunks: int
    reused_chunks: int
    seconds: float
    problems: list[Problem] = field(default_factory=list)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: finished parts are kept."""


def _progress(total: int | None, initial: int, enabled: bool, desc: str, unit: str = "article"):
    """A tqdm bar on stderr: count, rate (articles/s) and time left."""
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, unit=unit, desc=desc, file=sys.stderr,
                disable=not enabled, dynamic_ncols=True, smoothing=0.1, mininterval=0.5)


def quote_rows(article: Article) -> pd.DataFrame:
    """The quotes table (`analysis.quotes.quotes_table`) of one article: the per-article function of `quotes`."""
    from .quotes import quotes_table

    actors = Path(article.actors_file) if article.actors_file else None
    return quotes_table(Corpus([article], actors_file=actors))


def default_function() -> ArticleFunc:
    from .profiling import profile_article

    return profile_article


def run_table(path: str | Path, out: str | Path, func: ArticleFunc | None = None, jobs: int = 1,
              chunk_size: int = DEFAULT_CHUNK_SIZE, resume: bool = True, skip_invalid: bool = False,
              progress: bool = True, engine: str = "local", scheduler: str | None = None,
              keep_parts: bool = False) -> RunResult:
    """Apply `func` (default: `profile_article`) to every article of `path` and write `out`.

    `path` is a corpus directory or a JSONL/CSV/Parquet table; `out` ends in .csv or .parquet.
    Rows follow input order and are identical for every `jobs` and `engine`. A first streaming
    pass validates the input (in the worker processes when jobs > 1): invalid input raises
    `CorpusError` listing every problem before any work, unless `skip_invalid` (then the problems
    are returned in `RunResult.problems` and the rows left out). With `resume`, finished parts of
    an earlier run with the same input, chunk size and code are reused. `engine` is 'local'
    (processes) or 'dask' (see the module docstring). Interrupted (Ctrl-C, SIGTERM), it keeps the
    finished parts and re-raises KeyboardInterrupt.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    if engine not in ("local", "dask"):
        raise ValueError(f"unknown engine {engine!r}; use 'local' or 'dask'")
    if Path(out).suffix.lower() not in (".csv", ".parquet"):
        raise ValueError(f"{out}: unsupported table format {Path(out).suffix or '(none)'}; use .csv or .parquet")
    func = func or default_function()
    path, out = Path(path), Path(out)
    started = time.perf_counter()
    if engine == "local" and jobs > 1:
        _warm_up(path, func, chunk_size)
    executor = _executor(jobs) if engine == "local" and jobs > 1 else None
    parts_dir = parts_dir_for(out)
    try:
        with _sigterm_as_interrupt():
            with _progress(None, 0, progress, "validating", unit="row") as bar:
                found = scan(path, chunk_size, executor, bar)
            if found.problems and (not skip_invalid or not found.total):
                raise CorpusError(found.problems)
            manifest = make_manifest(path, chunk_size, func, skip_invalid)
            done = _prepare_parts(parts_dir, manifest, resume) & set(range(len(found.counts)))
            initial = sum(found.counts[i] for i in done)
            with _progress(found.total, initial, progress, f"{engine} x{jobs}") as bar:
                try:
                    if engine == "dask":
                        computed = _run_dask(path, func, chunk_size, parts_dir, done, found, jobs, scheduler, bar)
                    else:
                        computed = _run_local(path, func, chunk_size, parts_dir, done, found, executor, bar)
                except KeyboardInterrupt:
                    bar.close()
                    if executor is not None:
                        _kill(executor)  # first, so the count below is final
                    _remove_temporaries(parts_dir)
                    finished = len(list(parts_dir.glob("part-*.parquet")))
                    print(f"interrupted: {finished} of {len(found.counts)} chunk(s) finished and kept in "
                          f"{parts_dir}; run the same command again to resume", file=sys.stderr)
                    raise
    except BaseException:
        if executor is not None:
            _kill(executor)
        raise
    if executor is not None:
        executor.shutdown(wait=True)
    parts = [parts_dir / _part_name(i) for i in range(len(found.counts))]
    rows = combine_parts(parts, out)
    if not keep_parts:
        _remove_parts(parts_dir)
    return RunResult(out, rows, found.total, computed, len(done), time.perf_counter() - started,
                     found.problems)


def _warm_up(path: Path, func: ArticleFunc, chunk_size: int) -> None:
    """Run `func` once on the first valid article before the workers fork, so lexicons, the
    gazetteer and the CMU dictionary load once and are shared (copy-on-write), not once per worker."""
    try:
        for chunk in iter_chunks(path, min(chunk_size, 50)):
            if chunk.articles:
                func(chunk.articles[0])
                return
    except Exception:  # noqa: BLE001 - only an optimisation: the run itself reports any problem
        return


def _executor(jobs: int) -> ProcessPoolExecutor:
    import multiprocessing

    # fork: workers start fast and inherit loaded modules and lexicons; the platform default elsewhere.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method),
                               initializer=_init_worker, initargs=(os.getpid(),))


def _kill(executor: ProcessPoolExecutor) -> None:
    """Stop workers now (interrupted or failed): finished parts stay on disk for the next run.

    Terminating a worker half-way through sending its result (a validated chunk is a few MB) left
    the executor's manager thread waiting forever for the rest of the message, because the parent
    itself holds the write end of the result pipe; the shutdown, or the interpreter's exit, then
    hung (seen about one Ctrl-C in fifteen during validation; py-spy: the manager thread in
    `Connection._recv`). So after the workers are gone the parent's write end of the result pipe
    is closed (the blocked read ends), and so is its read end of the task pipe (a feeder thread
    half-way through writing a chunk to a dead worker gets a broken pipe). Pending work is
    cancelled first, a second Ctrl-C is ignored while this runs (`timeout` signals the process
    and then its group), and calling it twice is harmless.
    """
    if getattr(executor, "_framing_killed", False):
        return
    executor._framing_killed = True
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        processes = list((getattr(executor, "_processes", None) or {}).values())
        call_queue = getattr(executor, "_call_queue", None)  # shutdown() drops these references
        result_queue = getattr(executor, "_result_queue", None)
        manager = getattr(executor, "_executor_manager_thread", None)
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
            process.join()
        for end in (getattr(result_queue, "_writer", None), getattr(call_queue, "_reader", None)):
            if end is not None:
                try:
                    end.close()
                except OSError:
                    pass
        if manager is not None:
            manager.join(timeout=60)
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)


class _sigterm_as_interrupt:
    """Within the block, SIGTERM raises `_Terminated` (a KeyboardInterrupt) in the main thread."""

    def __enter__(self):
        self._previous = None
        if threading.current_thread() is threading.main_thread():
            def handler(signum, frame):
                raise _Terminated()

            self._previous = signal.signal(signal.SIGTERM, handler)
        return self

    def __exit__(self, *exc):
        if self._previous is not None:
            signal.signal(signal.SIGTERM, self._previous)
        return False


def _tasks(path: Path, func: ArticleFunc, chunk_size: int, parts_dir: Path, done: set[int], found: Scan):
    """Work items for the chunks not done: raw rows are validated in the worker, not here."""
    where, chunks, _ = _open_input(path, chunk_size)
    for index, records in chunks:
        if index not in done:
            yield (func, index, records, found.skip_rows.get(index, set()), where, str(parts_dir))


def _run_local(path: Path, func: ArticleFunc, chunk_size: int, parts_dir: Path, done: set[int],
               found: Scan, executor, bar) -> int:
    """Chunks in this process (executor None) or in the executor's, at most 2 per process in flight."""
    computed = 0
    tasks = _tasks(path, func, chunk_size, parts_dir, done, found)
    if executor is None:
        for task in tasks:
            _, articles, _ = _work_chunk(task)
            computed += 1
            bar.update(articles)
        return computed
    pending: set = set()
    limit = IN_FLIGHT_PER_JOB * executor._max_workers

    def collect(at_most: int) -> None:
        nonlocal pending, computed
        while len(pending) > at_most:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                _, articles, _ = future.result()
                computed += 1
                bar.update(articles)

    for task in tasks:
        collect(limit - 1)
        pending.add(executor.submit(_work_chunk, task))
    collect(0)
    return computed


# ---------------------------------------------------------------- Dask engine
def _articles_frame(articles: list[Article]) -> pd.DataFrame:
    """Articles as a staging partition (the table format's columns plus the row number)."""
    return pd.DataFrame(
        [{"id": a.id, "outlet": a.outlet, "date": a.date, "text": a.body, "title": a.title,
          "event": a.event, "language": a.language, "url": a.url, "byline": a.byline,
          "source": a.source, "date_precision": a.date_precision, "path": a.path,
          "row": a.body_line, "actors_file": a.actors_file} for a in articles],
        columns=["id", "outlet", "date", "text", "title", "event", "language", "url", "byline",
                 "source", "date_precision", "path", "row", "actors_file"],
    ).astype({"row": "int64"})


def _frame_articles(frame: pd.DataFrame) -> list[Article]:
    """Inverse of `_articles_frame`."""
    articles = []
    for record in frame.to_dict("records"):
        clean = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in record.items()}
        articles.append(Article(
            id=clean["id"], outlet=clean["outlet"], title=clean["title"], date=clean["date"],
            event=clean["event"], language=clean["language"], body=clean["text"], source=clean["source"],
            byline=clean["byline"], date_precision=clean["date_precision"], url=clean["url"],
            path=clean["path"], body_line=int(clean["row"]), actors_file=clean["actors_file"],
        ))
    return articles


def _read_staged(file: str) -> pd.DataFrame:
    return pd.read_parquet(file)


def profile_partition(frame: pd.DataFrame, func: ArticleFunc) -> pd.DataFrame:
    """Dask partition function: the staged articles of one partition -> `func`'s rows, in order."""
    return apply_chunk(func, _frame_articles(frame))


def _run_dask(path: Path, func: ArticleFunc, chunk_size: int, parts_dir: Path, done: set[int],
              found: Scan, jobs: int, scheduler: str | None, bar) -> int:
    """The chunks not done, staged as Parquet partitions and mapped over on a Dask cluster."""
    import dask.dataframe as dd
    from distributed import Client, LocalCluster, as_completed

    staging = parts_dir / "input"
    staging.mkdir(exist_ok=True)
    files: list[tuple[int, int, str]] = []
    for _, index, records, skip_rows, where, _ in _tasks(path, func, chunk_size, parts_dir, done, found):
        file = staging / f"input-{index:06d}.parquet"
        articles, _ = validate_records(records, where, skip_rows, trusted=True)
        if not file.exists():
            _write_part(_articles_frame(articles), file)
        files.append((index, len(articles), str(file.resolve())))
    if not files:
        return 0
    sample = _frame_articles(pd.read_parquet(files[0][2]).head(1))
    meta = apply_chunk(func, sample).iloc[:0]
    cluster = None
    client = None
    try:
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=40)
            client = Client(cluster)
        staged = dd.from_map(_read_staged, [f for _, _, f in files], meta=_articles_frame([]),
                             enforce_metadata=False)
        results = staged.map_partitions(profile_partition, func, meta=meta, enforce_metadata=False)
        delayed = results.to_delayed()
        futures = client.compute(delayed)
        where = {future.key: (index, count) for future, (index, count, _) in zip(futures, files)}
        for future in as_completed(futures):
            index, count = where[future.key]
            _write_part(future.result(), parts_dir / _part_name(index))
            future.release()
            bar.update(count)
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    shutil.rmtree(staging, ignore_errors=True)
    return len(files)
