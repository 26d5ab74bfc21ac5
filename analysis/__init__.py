"""Framing-comparison suite: transparent, reproducible framing metrics for news articles.

Main entry points: `load_corpus`, `profile`, `quotes`, `classify_tone`, `classify_tone_toward`
and `analysis.explain.why` (the evidence
behind a number). The package is cut into layers, each a folder that imports only the ones below it
(checked by import-linter, see pyproject.toml):

    cli -> run -> present -> compare -> explain -> profiling -> metrics -> quotes -> actors
        -> text -> corpus -> base
"""
from __future__ import annotations

from . import quotes
from .corpus import Article, Corpus, CorpusError, Problem, load_corpus
from .metrics.tone import classify_tone, classify_tone_toward
from .profiling import profile
from .text import Doc

__all__ = ["Article", "Corpus", "CorpusError", "Doc", "Problem", "classify_tone", "classify_tone_toward",
           "load_corpus", "profile", "quotes"]
