"""Load a corpus from a directory or a table file: `validate_corpus`, `load_corpus`."""
from __future__ import annotations

from pathlib import Path

from .directory import resolve_corpus_dir, validate_directory
from .model import Article, Corpus, CorpusError, Problem
from .tables import TABLE_SUFFIXES, validate_table


def validate_corpus(path: str | Path | None = None) -> tuple[list[Article], list[Problem], dict, dict]:
    """Read every article under `path`; returns (valid articles, problems, events, outlets).

    `path` is a corpus directory (or its articles/), or a table file with one article per row.
    """
    root = resolve_corpus_dir(path)
    if not root.exists():
        return [], [Problem(str(root), 0, "no such file or directory")], {}, {}
    if root.is_file() and root.suffix.lower() in TABLE_SUFFIXES:
        return validate_table(root)  # one article per row, read in chunks
    return validate_directory(root)


def load_corpus(path: str | Path | None = None, skip_invalid: bool = False) -> Corpus:
    """Load a corpus directory (None: the bundled corpus).

    Raises `CorpusError` listing every problem unless `skip_invalid`, in which case invalid files
    are left out and listed in `Corpus.skipped`. Of two files sharing an id, the first in path
    order is kept.
    """
    articles, problems, events, outlets = validate_corpus(path)
    root = resolve_corpus_dir(path)
    if problems and (not skip_invalid or not articles):
        raise CorpusError(problems)
    actors = root / "actors.yaml"
    actors_file = actors if actors.is_file() else None
    for article in articles:
        article.actors_file = str(actors_file) if actors_file else None
    return Corpus(articles, root, events, outlets, actors_file, problems)
