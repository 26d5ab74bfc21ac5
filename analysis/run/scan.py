"""The validation pass of a run: every row checked once, in the worker processes, before any work.

Keeps no article text: per chunk, the count of valid articles and the rows to skip.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..corpus import Article, Problem, RowProblem
from ..corpus.tables import DEFAULT_CHUNK_SIZE, IdLedger, by_row, open_input, validate_records

#: Chunks submitted but not finished, per process: enough to keep workers busy, few enough to
#: bound memory.
IN_FLIGHT_PER_JOB = 2


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
    where, chunks, first_problems = open_input(path, chunk_size)
    ledger = IdLedger(where)
    result = Scan([], list(first_problems), {})

    def merge(index: int, articles: list[Article], problems: list[Problem]) -> None:
        duplicate_rows, duplicate_problems = ledger.duplicates(articles)
        result.counts.append(len(articles) - len(duplicate_rows))
        result.problems.extend(by_row(problems + duplicate_problems))
        # the run pass skips these rows and trusts the others (no second content check)
        skip = duplicate_rows | {p.line for p in problems if isinstance(p, RowProblem) and p.line > 0}
        if skip:
            result.skip_rows[index] = skip
        if bar is not None:
            bar.update(len(articles))

    rows = 0
    if executor is None:
        for index, records in chunks:
            rows += len(records)
            merge(*_scan_chunk((index, records, where)))
    else:
        window = Window(executor, IN_FLIGHT_PER_JOB * executor._max_workers)
        for index, records in chunks:
            rows += len(records)
            for done in window.submit(_scan_chunk, (index, records, where)):
                merge(*done)
        for done in window.drain():
            merge(*done)
    if not rows and not result.problems:  # an empty JSONL, a header-only CSV, a 0-row Parquet
        result.problems.append(RowProblem(where, 0, "no rows: the file holds no article"))
    return result


class Window:
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
