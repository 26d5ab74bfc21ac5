"""Framing-comparison suite: transparent, reproducible framing metrics for news articles.

Main entry points: `load_corpus`, `profile`, `quotes`, and the evidence functions of each metric
module (`analysis.sentiment`, `analysis.hedging`, `analysis.quotes`, `analysis.emphasis`).
"""
from __future__ import annotations

from .corpus import Article, Corpus, CorpusError, Problem, load_corpus
from .text import Doc

__all__ = ["Article", "Corpus", "CorpusError", "Doc", "Problem", "load_corpus", "profile", "quotes"]


def profile(corpus: Corpus):
    """One row per article of every framing metric (see `analysis.profiling.profile`)."""
    from .profiling import profile as _profile

    return _profile(corpus)


def quotes(corpus: Corpus):
    """One row per quoted span (see `analysis.quotes.quotes_table`)."""
    from .quotes import quotes_table

    return quotes_table(corpus)


# `analysis.quotes` is both the contract's function above and a submodule: importing the
# submodule rebinds the name, and `from . import quotes` (profile.py) would otherwise get the
# function. The submodule is callable (it runs `quotes_table`), so bind it here, once.
import importlib as _importlib  # noqa: E402

_importlib.import_module(f"{__name__}.quotes")
