"""Per-chunk work and its part files: apply a function to a chunk's articles, write the part
atomically, record what a run's parts were made from (the manifest), and combine them in order."""
from __future__ import annotations

import functools
import hashlib
import json
import re
import shutil
import time
from pathlib import Path
from typing import Any, Callable, Iterable

import pandas as pd

from ..base import config
from ..base.io import atomic_path, csv_safe, write_table, write_text
from ..corpus import Article
from ..corpus.tables import open_input, validate_records
from ..profiling import CONTRACT_COLUMNS
from .scan import Scan

#: Version of the manifest's format: a part made under another version is never reused.
MANIFEST_VERSION = 2

ArticleFunc = Callable[[Article], Any]


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
    if all(c in frame.columns for c in CONTRACT_COLUMNS):
        frame = frame[CONTRACT_COLUMNS + [c for c in frame.columns if c not in CONTRACT_COLUMNS]]
    return frame


def apply_chunk(func: ArticleFunc, articles: Iterable[Article]) -> pd.DataFrame:
    """`func` applied to each article, rows in input order."""
    rows: list[dict] = []
    for article in articles:
        rows.extend(_rows_of(func(article)))
    return rows_frame(rows)


def part_name(index: int) -> str:
    return f"part-{index:06d}.parquet"


def write_part(frame: pd.DataFrame, path: Path) -> None:
    """A part file, atomically (a part that exists is complete)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp)


def work_chunk(task: tuple[ArticleFunc, int, list[tuple[int, Any]], set[int], str, str]) -> tuple[int, int, float]:
    """Worker: validate a chunk's raw rows, apply `func`, write the part; returns (index, articles, seconds)."""
    func, index, records, skip_rows, where, parts_dir = task
    started = time.perf_counter()
    articles, _ = validate_records(records, where, skip_rows, trusted=True)  # the scan checked them
    frame = apply_chunk(func, articles)
    write_part(frame, Path(parts_dir) / part_name(index))
    return index, len(articles), time.perf_counter() - started


def chunk_tasks(path: Path, func: ArticleFunc, chunk_size: int, parts_dir: Path, done: set[int], found: Scan):
    """Work items for the chunks not done: raw rows are validated in the worker, not here."""
    where, chunks, _ = open_input(path, chunk_size)
    for index, records in chunks:
        if index not in done:
            yield (func, index, records, found.skip_rows.get(index, set()), where, str(parts_dir))


def code_fingerprint() -> str:
    """SHA-256 (first 16 hex digits) of the package's code and data: parts from other code are stale."""
    digest = hashlib.sha256()
    for file in sorted(config.PACKAGE_DIR.rglob("*")):
        if file.suffix in (".py", ".yaml", ".yml") and "__pycache__" not in file.parts:
            digest.update(str(file.relative_to(config.PACKAGE_DIR)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _function_name(func: ArticleFunc) -> str:
    if isinstance(func, functools.partial):  # its repr holds a memory address: name what it binds
        bound = [repr(a) for a in func.args] + [f"{k}={v!r}" for k, v in sorted(func.keywords.items())]
        return f"{_function_name(func.func)}({', '.join(bound)})"
    return f"{getattr(func, '__module__', '?')}:{getattr(func, '__qualname__', repr(func))}"


#: A corpus directory's files besides its articles that can change a row.
CORPUS_SIDE_FILES = ("actors.yaml", "events.yaml", "outlets.yaml")


def _file_digest(path: Path) -> str | None:
    """SHA-256 (first 16 hex digits) of a file's bytes, None if there is no such file."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def input_fingerprints(path: Path, func: ArticleFunc) -> dict[str, str | None]:
    """Digest of every input besides the articles that can change a row: a corpus directory's
    actors.yaml, events.yaml and outlets.yaml (None where absent), and every file the function is
    bound to (a lexicon or topics file given as an option through functools.partial)."""
    found: dict[str, str | None] = {}
    if path.is_dir():
        for name in CORPUS_SIDE_FILES:
            found[name] = _file_digest(path / name)
    while isinstance(func, functools.partial):
        for value in list(func.args) + list(func.keywords.values()):
            if isinstance(value, (str, Path)) and str(value) and Path(value).is_file():
                found[str(Path(value).resolve())] = _file_digest(Path(value))
        func = func.func
    return found


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
            "code": code_fingerprint(), "inputs": input_fingerprints(resolved, func)}


def parts_dir_for(out: str | Path) -> Path:
    """Where the part files of `out` go: `<out>.parts/` beside it."""
    out = Path(out)
    return out.with_name(out.name + ".parts")


def prepare_parts(parts_dir: Path, manifest: dict, resume: bool) -> set[int]:
    """Indices of reusable finished parts; clears the directory if its manifest does not match."""
    manifest_file = parts_dir / "manifest.json"
    if parts_dir.exists() and resume and manifest_file.is_file():
        try:
            old = json.loads(manifest_file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            old = None
        if old == manifest:
            remove_temporaries(parts_dir)
            done = set()
            for part in parts_dir.glob("part-*.parquet"):
                match = re.fullmatch(r"part-(\d+)\.parquet", part.name)
                if match:
                    done.add(int(match.group(1)))
            return done
    if parts_dir.exists():
        remove_parts(parts_dir)
    parts_dir.mkdir(parents=True, exist_ok=True)
    write_text(manifest_file, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return set()


def remove_temporaries(parts_dir: Path) -> None:
    """Temporary files of parts whose writer was killed mid-write (never complete: not reused)."""
    for item in parts_dir.glob(".part-*"):  # analysis.base.io.atomic_path names them .<name>.<...>
        item.unlink(missing_ok=True)


def remove_parts(parts_dir: Path) -> None:
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
    one part takes the type it has in others). CSV: as `analysis.base.io.write_table` writes it.
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
                    csv_safe(frame).to_csv(handle, index=False, header=header, lineterminator="\n", float_format="%.6g")
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
