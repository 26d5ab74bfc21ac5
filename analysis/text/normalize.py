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


def normalize(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters plus one past the end, the original offset."""
    out: list[str] = []
    index: list[int] = []
    position = 0
    for match in _REPLACE_PATTERN.finditer(text):
        chunk = text[position:match.start()]
        out.append(chunk)
        index.extend(range(position, match.start()))
        replacement = REPLACEMENTS[match.group()]
        out.append(replacement)
        index.extend([match.start()] * len(replacement))
        position = match.end()
    out.append(text[position:])
    index.extend(range(position, len(text)))
    index.append(len(text))
    return "".join(out), index


def count_words(text: str) -> int:
    """Number of words (see WORD_PATTERN) in normalised text."""
    return len(WORD_PATTERN.findall(text))
