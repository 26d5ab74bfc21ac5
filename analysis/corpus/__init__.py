"""The corpus layer: the article model, the directory and table readers, and every validation rule.

A corpus is a directory holding `articles/` (and optionally `events.yaml`, `outlets.yaml`,
`actors.yaml`, `raw/`), or a table file with one article per row. Every problem found is collected
(never just the first) as a `Problem(path, line, message)`; `load_corpus` raises `CorpusError`
listing all of them. This layer imports nothing above it.

Untrusted input, decided case by case (tests/test_cli.py has one test per case):
- accepted: a UTF-8 BOM; CRLF or CR line endings (stored as LF); an article on one line; stray or
  unbalanced quote marks; a body of numbers only (numbers are words); `language` en-GB, en_US...;
  dates as YAML dates, quoted ISO strings, YYYY-MM, YYYY or a full date-time (kept to the day).
- refused: front matter that is not YAML or builds anything but plain data (`!!python/object` and
  every other non-standard tag: the loader is PyYAML's SafeLoader); a missing, unknown or mistyped
  field; an impossible date (2026-02-30); an event not in events.yaml (when there is one); a
  duplicate id (the first file in path order is kept); an empty body; a body with no words
  (only emoji or marks) or only headings, since every rate is per 1,000 words; bytes that are not
  UTF-8 (the byte offset is named); NUL bytes or any other binary file in articles/; control
  characters (C0 except tab and newline, DEL, C1); a language other than English, or a body whose
  words are not English (judged on its first ENGLISH_SAMPLE_CHARS = 1,500 characters); a file
  over 2 MB (checked before reading); a `source` that is a path rather than a file name under raw/; a paragraph not found in the raw file named by `source`.
"""
from __future__ import annotations

from .article import read_article
from .directory import resolve_corpus_dir, validate_directory
from .loading import load_corpus, validate_corpus
from .model import Article, Corpus, CorpusError, Problem
from .rules import (
    CONTROL_CHARS,
    ID_PATTERN,
    MAX_ARTICLE_BYTES,
    MAX_SENTENCE_WORDS,
    body_paragraphs,
    english_share,
    is_english_tag,
    parse_date,
)
from .tables import RowProblem, is_table_file, iter_articles, iter_chunks, record_article, validate_table

__all__ = [
    "Article", "CONTROL_CHARS", "Corpus", "CorpusError", "ID_PATTERN", "MAX_ARTICLE_BYTES", "MAX_SENTENCE_WORDS", "Problem",
    "RowProblem", "body_paragraphs", "english_share", "is_english_tag", "is_table_file",
    "iter_articles", "iter_chunks", "load_corpus", "parse_date", "read_article",
    "record_article", "resolve_corpus_dir", "validate_corpus", "validate_directory", "validate_table",
]
