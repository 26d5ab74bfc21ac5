"""Large corpora: a chunked parallel runner with resume (and a Dask engine, `dask_engine.py`).

Input: a corpus directory or a table file with one article per row (`analysis.corpus.tables`).

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

import os
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import quotes
from ..base.io import output_lock
from ..corpus import Article, Corpus, CorpusError, Problem, iter_chunks
from ..corpus.tables import DEFAULT_CHUNK_SIZE
from ..profiling import profile_article
from .dask_engine import run_dask
from .parts import (
    ArticleFunc,
    chunk_tasks,
    combine_parts,
    make_manifest,
    part_name,
    parts_dir_for,
    prepare_parts,
    remove_parts,
    remove_temporaries,
    work_chunk,
)
from .scan import IN_FLIGHT_PER_JOB, Scan, scan

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
    actors = Path(article.actors_file) if article.actors_file else None
    return quotes.quotes_table(Corpus([article], actors_file=actors))


def default_function() -> ArticleFunc:
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
    with output_lock(out):  # a second run on the same --out stops here, with a message
        return _run_locked(path, out, func, jobs, chunk_size, resume, skip_invalid, progress, engine,
                           scheduler, keep_parts, started)


def _run_locked(path: Path, out: Path, func: ArticleFunc, jobs: int, chunk_size: int, resume: bool,
                skip_invalid: bool, progress: bool, engine: str, scheduler: str | None, keep_parts: bool,
                started: float) -> RunResult:
    executor = _executor(jobs) if engine == "local" and jobs > 1 else None
    parts_dir = parts_dir_for(out)
    try:
        with _sigterm_as_interrupt():
            with _progress(None, 0, progress, "validating", unit="row") as bar:
                found = scan(path, chunk_size, executor, bar)
            if found.problems and (not skip_invalid or not found.total):
                raise CorpusError(found.problems)
            manifest = make_manifest(path, chunk_size, func, skip_invalid)
            done = prepare_parts(parts_dir, manifest, resume) & set(range(len(found.counts)))
            initial = sum(found.counts[i] for i in done)
            with _progress(found.total, initial, progress, f"{engine} x{jobs}") as bar:
                try:
                    if engine == "dask":
                        computed = run_dask(path, func, chunk_size, parts_dir, done, found, jobs, scheduler, bar)
                    else:
                        computed = _run_local(path, func, chunk_size, parts_dir, done, found, executor, bar)
                except KeyboardInterrupt:
                    bar.close()
                    if executor is not None:
                        _kill(executor)  # first, so the count below is final
                    remove_temporaries(parts_dir)
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
    parts = [parts_dir / part_name(i) for i in range(len(found.counts))]
    rows = combine_parts(parts, out)
    if not keep_parts:
        remove_parts(parts_dir)
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


def _run_local(path: Path, func: ArticleFunc, chunk_size: int, parts_dir: Path, done: set[int],
               found: Scan, executor, bar) -> int:
    """Chunks in this process (executor None) or in the executor's, at most 2 per process in flight."""
    computed = 0
    tasks = chunk_tasks(path, func, chunk_size, parts_dir, done, found)
    if executor is None:
        for task in tasks:
            _, articles, _ = work_chunk(task)
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
        pending.add(executor.submit(work_chunk, task))
    collect(0)
    return computed



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

