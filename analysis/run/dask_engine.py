"""The Dask engine: the validated input staged as Parquet partitions, the same per-article function
mapped over them on a `distributed` cluster (an existing one by address, or a local one)."""
from __future__ import annotations

import math
import shutil
from pathlib import Path

import pandas as pd

from ..corpus import Article
from ..corpus.tables import validate_records
from .parts import ArticleFunc, apply_chunk, chunk_tasks, part_name, write_part
from .scan import Scan


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


def run_dask(path: Path, func: ArticleFunc, chunk_size: int, parts_dir: Path, done: set[int],
              found: Scan, jobs: int, scheduler: str | None, bar) -> int:
    """The chunks not done, staged as Parquet partitions and mapped over on a Dask cluster."""
    import dask.dataframe as dd
    from distributed import Client, LocalCluster, as_completed

    staging = parts_dir / "input"
    staging.mkdir(exist_ok=True)
    files: list[tuple[int, int, str]] = []
    for _, index, records, skip_rows, where, _ in chunk_tasks(path, func, chunk_size, parts_dir, done, found):
        file = staging / f"input-{index:06d}.parquet"
        articles, _ = validate_records(records, where, skip_rows, trusted=True)
        if not file.exists():
            write_part(_articles_frame(articles), file)
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
            write_part(future.result(), parts_dir / part_name(index))
            future.release()
            bar.update(count)
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    shutil.rmtree(staging, ignore_errors=True)
    return len(files)
