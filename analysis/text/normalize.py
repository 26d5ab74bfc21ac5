"""Normalisation with an offset map, and words.

Normalisation (why: lexicons, regexes and VADER expect ASCII punctuation): curly quotes become
straight, the Unicode hyphens (U+2010, U+2011 as in "Lee Jae‑myung", U+2012, U+2013, U+2212) become
"-", an em dash becomes " - ", no-break and thin spaces become " ", "…" becomes "...", zero-width
characters go. Anything else is kept.
"""
from __future__ import annotations

import re
from typing import Iterable

REPLACEMENTS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-", "\u00ad": "",
    "\u2014": " - ", "\u2015": " - ",
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u2002": " ",
    "\u2003": " ", "\u3000": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "",
    "\u2026": "...",
}
_REPLACE_PATTERN = re.compile("|".join(map(re.escape, REPLACEMENTS)))
#: The characters whose replacement is not one character long (dashes, the ellipsis, the
#: zero-width ones): only these move later characters, so only they shape the offset map.
_RESIZE_PATTERN = re.compile("|".join(re.escape(k) for k, v in REPLACEMENTS.items() if len(v) != 1))

#: A word: letters or digits, joined by inner apostrophes, hyphens or dots ("U.S", "Jae-myung"),
#: or by a comma between digits ("100,000" is one word, as textstat counts it).
WORD_PATTERN = re.compile(r"[^\W_]+(?:(?:['\-.]|(?<=\d),(?=\d))[^\W_]+)*")


def trie_pattern(words: Iterable[str]) -> str:
    """One regex for many literals, as a character trie: "may(?:be)?" rather than "maybe|may".

    Same matches as a longest-first alternation (optional tails are greedy), about six times
    faster to scan because the regex engine never retries a shared prefix. A space matches any
    run of whitespace.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [(r"\s+" if char == " " else re.escape(char)) + build(node[char])
                    for char in sorted(c for c in node if c)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


#: Offsets 0, 1, 2, ... shared by every offset map: a slice of it copies references, where
#: `range` made a fresh int object per character (most of the cost of normalising an article).
#: Grown on demand up to _COUNTING_MAX entries (~2.3 MB); a longer text builds its own ranges.
_COUNTING: list[int] = []
_COUNTING_MAX = 1 << 16


def _counting(start: int, stop: int) -> list[int] | range:
    """The offsets start..stop-1: a slice of the shared list when it can hold them, else a range."""
    if stop > len(_COUNTING):
        if stop > _COUNTING_MAX:
            return range(start, stop)
        _COUNTING.extend(range(len(_COUNTING), max(stop, min(2 * len(_COUNTING), _COUNTING_MAX))))
    return _COUNTING[start:stop]


def normalize(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters plus one past the end, the original offset."""
    # Every key is one character and no replacement holds a key, so replacing the keys one after
    # another equals one simultaneous substitution, and `str.replace` runs in C.
    out = text
    for key, replacement in REPLACEMENTS.items():
        if key in out:
            out = out.replace(key, replacement)
    # A one-for-one replacement keeps every offset: only the other replacements cut the map.
    index: list[int] = []
    position = 0
    for match in _RESIZE_PATTERN.finditer(text):
        start = match.start()
        index += _counting(position, start)
        index += [start] * len(REPLACEMENTS[match.group()])
        position = match.end()
    index += _counting(position, len(text) + 1)
    return out, index


def count_words(text: str) -> int:
    """Number of words (see WORD_PATTERN) in normalised text."""
    return len(WORD_PATTERN.findall(text))
