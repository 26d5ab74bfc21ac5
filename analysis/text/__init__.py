"""The text layer: normalisation with an offset map, segmentation, paragraphs, sentences, words."""
from __future__ import annotations

from .doc import Doc, Paragraph, Sentence
from .normalize import REPLACEMENTS, WORD_PATTERN, count_words, normalize, trie_pattern
from .segment import ABBREVIATIONS, SENTENCE_STARTERS, split_sentences

__all__ = ["ABBREVIATIONS", "Doc", "Paragraph", "REPLACEMENTS", "SENTENCE_STARTERS", "Sentence",
           "WORD_PATTERN", "count_words", "normalize", "split_sentences", "trie_pattern"]
