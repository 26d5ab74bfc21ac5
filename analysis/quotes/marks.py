"""Quote marks: find them, tell apostrophes from quotes, pair them into spans (no speakers).

See the package docstring (`analysis.quotes`) for the detection rules.
"""
from __future__ import annotations

import re

from ..text import Doc

_ELISION = re.compile(r"'(?:tis|twas|til|em|n'|cause|bout|\d0s|\d\ds|\d\d\b)", re.IGNORECASE)
_OPEN_BEFORE = set(" \t\n([{-/:\"'\u2014")
_CLOSE_AFTER = set(" \t\n.,;:!?)]}-\"'")


def _mark_direction(doc: Doc, i: int, pstart: int, pend: int) -> str:
    """'open', 'close' or 'ambiguous' for the quote mark at normalised offset i."""
    text = doc.text
    before = text[i - 1] if i > pstart else " "
    after = text[i + 1] if i + 1 < pend else " "
    opening = before in _OPEN_BEFORE and not after.isspace()
    closing = not before.isspace() and (after in _CLOSE_AFTER or i + 1 >= pend)
    if opening and not closing:
        return "open"
    if closing and not opening:
        return "close"
    raw = doc.body[doc.offsets[i]]
    if raw in "\u201c\u201e\u00ab\u2018\u201b":
        return "open"
    if raw in "\u201d\u00bb\u2019":
        return "close"
    return "ambiguous"


def _floating(text: str, i: int, pstart: int, pend: int) -> bool:
    """A mark with white space (or the paragraph edge) on both sides belongs to no word: ignored."""
    before = text[i - 1] if i > pstart else " "
    after = text[i + 1] if i + 1 < pend else " "
    return before.isspace() and after.isspace()


def _positions(text: str, char: str, start: int, end: int) -> list[int]:
    """Offsets of `char` in text[start:end], in order (str.find: no Python loop over every character)."""
    found = []
    i = text.find(char, start, end)
    while i >= 0:
        found.append(i)
        i = text.find(char, i + 1, end)
    return found


def _single_marks(doc: Doc, pstart: int, pend: int) -> list[tuple[int, str]]:
    """Single quote marks that may open or close a quote (apostrophes and elisions dropped)."""
    text = doc.text
    marks = []
    for i in _positions(text, "'", pstart, pend):
        before = text[i - 1] if i > pstart else " "
        after = text[i + 1] if i + 1 < pend else " "
        if before.isalnum() and after.isalnum():
            continue  # Lee's, don't
        raw = doc.body[doc.offsets[i]]
        if (before in _OPEN_BEFORE or i == pstart) and (after.isalnum() or after in "[(\"") \
                and raw != "\u2019":
            if _ELISION.match(text, i):
                continue
            marks.append((i, "open"))
        elif not before.isspace() and (after in _CLOSE_AFTER or i + 1 >= pend) and raw != "\u2018":
            marks.append((i, "close"))
    return marks


def _pair(marks: list[tuple[int, str]]) -> tuple[list[tuple[int, int]], list[int]]:
    """Pair opening and closing marks in order; returns pairs and unmatched opening marks."""
    pairs: list[tuple[int, int]] = []
    unmatched: list[int] = []
    current: int | None = None
    for position, direction in marks:
        if direction == "open" or (direction == "ambiguous" and current is None):
            if current is not None:
                unmatched.append(current)  # an opening mark that never closed: skip its span
            current = position
        elif current is not None:
            if position > current + 1:
                pairs.append((current, position))
            current = None
    if current is not None:
        unmatched.append(current)
    return pairs, unmatched


def find_spans(doc: Doc) -> list[tuple[int, int, str, int]]:
    """Quoted spans as (open mark, close mark, mark, paragraph), normalised offsets, not overlapping.

    The quoted text is `doc.text[open + 1:close]`.
    """
    candidates: list[tuple[int, int, str, int]] = []
    paragraphs = doc.paragraphs
    for index, paragraph in enumerate(paragraphs):
        pstart, pend = paragraph.nstart, paragraph.nend
        doubles = [(i, _mark_direction(doc, i, pstart, pend)) for i in _positions(doc.text, '"', pstart, pend)
                   if not _floating(doc.text, i, pstart, pend)]
        pairs, unmatched = _pair(doubles)
        # Multi-paragraph quote convention: the last mark opens and the next paragraph opens too.
        if unmatched and doubles and unmatched[-1] == doubles[-1][0] and index + 1 < len(paragraphs):
            following = paragraphs[index + 1]
            if doc.text[following.nstart:following.nstart + 1] == '"':
                end = pend
                while end > unmatched[-1] + 1 and doc.text[end - 1].isspace():
                    end -= 1
                pairs.append((unmatched[-1], end))
        candidates += [(a, b, '"', index) for a, b in pairs]
        singles, _ = _pair(_single_marks(doc, pstart, pend))
        candidates += [(a, b, "'", index) for a, b in singles]
    # A double-quoted span wins over a single-quoted one that crosses it (an apostrophe misread);
    # then outer quotes win over the quotes nested inside them.
    def crosses(a: tuple, b: tuple) -> bool:
        return a[0] < b[0] <= a[1] < b[1] or b[0] < a[0] <= b[1] < a[1]

    doubles = [c for c in candidates if c[2] == '"']
    candidates = doubles + [c for c in candidates if c[2] == "'" and not any(crosses(c, d) for d in doubles)]
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    kept: list[tuple[int, int, str, int]] = []
    for span in candidates:
        if all(span[1] < k[0] or span[0] > k[1] for k in kept):
            kept.append(span)
    return sorted(kept)
