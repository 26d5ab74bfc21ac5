"""Framing-comparison suite: transparent, reproducible framing metrics for news articles.

Main entry points: `load_corpus`, `profile`, `quotes`, and the evidence functions of each metric
module (`analysis.sentiment`, `analysis.hedging`, `analysis.quotes`, `analysis.emphasis`).
"""
from __future__ import annotations

from .corpus import Article, Corpus, CorpusError, Problem, load_corpus
from .text import Doc

__all__ = ["Article", "Corpus", "CorpusError", "Doc", "Problem", "load_corpus", "profile", "quotes"]


def profile(corpus: Corpus):
    """One row per article of every framing metric (see `analysis.profile.profile`)."""
    from .profile import profile as _profile

    return _profile(corpus)


def quotes(corpus: Corpus):
    """One row per quoted span (see `analysis.quotes.quotes_table`)."""
    from .quotes import quotes_table

    return quotes_table(corpus)
