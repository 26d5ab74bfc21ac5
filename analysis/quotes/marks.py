"""Quote marks: find them, tell apostrophes from quotes, pair them into spans (no speakers).

See the package docstring (`analysis.quotes`) for the detection rules.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..text import Doc

_ELISION = re.compile(r"'(?:tis|twas|til|em|n'|cause|bout|\d0s|\d\ds|\d\d\b)", re.IGNORECASE)
_OPEN_BEFORE = set(" \t\n([{-/:\"'\u2014")
_CLOSE_AFTER = set(" \t\n.,;:!?)]}-\"'")
_CLAUSE_END = set(".,;!?")


def _mark_direction(doc: Doc, i: int, pstart: int, pend: int, width: int = 1) -> str:
    """'open', 'close' or 'ambiguous' for the quote mark of `width` characters at normalised offset i."""
    text = doc.text
    before = text[i - 1] if i > pstart else " "
    after = text[i + width] if i + width < pend else " "
    opening = before in _OPEN_BEFORE and not after.isspace()
    closing = not before.isspace() and (after in _CLOSE_AFTER or i + width >= pend)
    if opening and not closing:
        return "open"
    if closing and not opening:
        return "close"
    if before in _CLAUSE_END:
        return "close"  # `...stand."[Source]`: a mark after a clause's last stop never opens
    raw = doc.body[doc.offsets[i]]
    if raw in "\u201c\u201e\u00ab\u2018\u201b":
        return "open"
    if raw in "\u201d\u00bb\u2019":
        return "close"
    return "ambiguous"


def _floating(text: str, i: int, pstart: int, pend: int, width: int = 1) -> bool:
    """A mark with white space (or the paragraph edge) on both sides belongs to no word: ignored,
    unless a single quote mark stands one space away (`...,' "` closes, `" 'We ...` opens: the
    typesetter's space between nested marks)."""
    before = text[i - 1] if i > pstart else " "
    after = text[i + width] if i + width < pend else " "
    if not (before.isspace() and after.isspace()):
        return False
    return not (_nested_neighbour(text, i, pstart, pend, width) is not None)


def _nested_neighbour(text: str, i: int, pstart: int, pend: int, width: int) -> str | None:
    """'close' for a spaced mark right after a closing single mark (`,' "`) or a clause's last
    stop (`coalitions, '' said`: a stray space before the closing mark), 'open' for one right
    before an opening single mark (`" 'We`), else None."""
    if i - 3 >= pstart and text[i - 2] in "',.?!" and text[i - 1].isspace() and not text[i - 3].isspace():
        return "close"
    j = i + width
    if j + 2 < pend and text[j].isspace() and text[j + 1] == "'" and text[j + 2].isalnum():
        return "open"
    return None


def _positions(text: str, char: str, start: int, end: int) -> list[int]:
    """Offsets of `char` in text[start:end], in order (str.find: no Python loop over every character)."""
    found = []
    i = text.find(char, start, end)
    while i >= 0:
        found.append(i)
        i = text.find(char, i + 1, end)
    return found


_APOSTROPHE_RUN = re.compile("'{2,3}")


def _double_apostrophes(doc: Doc, pstart: int, pend: int) -> tuple[list[int], set[int]]:
    """Offsets of `''` used as a double quote mark (wire copy types "" as two apostrophes), and
    every offset they cover. A run of three is a single and a double mark nested: `'''We` opens
    the double first, `them,'''` closes the single first."""
    found: list[int] = []
    covered: set[int] = set()
    for match in _APOSTROPHE_RUN.finditer(doc.text, pstart, pend):
        i = match.start()
        if match.end() - i == 3:
            before = doc.text[i - 1] if i > pstart else " "
            if before in _OPEN_BEFORE or before.isspace():
                pass  # opening: the double mark first
            else:
                i += 1  # closing: the single mark first
        found.append(i)
        covered.update((i, i + 1))
    return found, covered


def _single_marks(doc: Doc, pstart: int, pend: int, skip: set[int] = frozenset()) -> list[tuple[int, str]]:
    """Single quote marks that may open or close a quote (apostrophes and elisions dropped)."""
    text = doc.text
    marks = []
    for i in _positions(text, "'", pstart, pend):
        if i in skip:
            continue
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


def _double_marks(doc: Doc, pstart: int, pend: int) -> tuple[list[tuple[int, str]], dict[int, int], set[int]]:
    """Double quote marks of a paragraph in order: `"` and `''`, as (offset, direction); the width
    of each mark; the offsets the `''` marks cover (not single marks)."""
    text = doc.text
    width = {i: 1 for i in _positions(text, '"', pstart, pend)}
    pairs, covered = _double_apostrophes(doc, pstart, pend)
    width.update((i, 2) for i in pairs)
    marks = []
    for i in sorted(width):
        w = width[i]
        if _floating(text, i, pstart, pend, w):
            continue
        nested = _nested_neighbour(text, i, pstart, pend, w) if text[i - 1:i].isspace() \
            and text[i + w:i + w + 1].isspace() else None
        marks.append((i, nested or _mark_direction(doc, i, pstart, pend, w)))
    return marks, width, covered


def find_spans(doc: Doc) -> list[tuple[int, int, str, int]]:
    """Quoted spans as (open mark, close mark, mark, paragraph), normalised offsets, not overlapping.

    `open` is the first character of the opening mark, `close` the last character of the closing
    mark (for a quote running to its paragraph's end, the offset right after its last character);
    the quoted text is `doc.text[open + len(mark):close + 1 - len(mark)]` when the closing mark is
    there, else `doc.text[open + len(mark):close]`. `mark` is `"`, `''` or `'`.
    """
    candidates: list[tuple[int, int, str, int]] = []
    paragraphs = doc.paragraphs
    for index, paragraph in enumerate(paragraphs):
        pstart, pend = paragraph.nstart, paragraph.nend
        if doc.text.find('"', pstart, pend) < 0 and doc.text.find("'", pstart, pend) < 0:
            continue  # no mark at all (nearly half the paragraphs): no span, nothing carried over
        doubles, width, covered = _double_marks(doc, pstart, pend)
        pairs, unmatched = _pair(doubles)
        # Multi-paragraph quote convention: the last mark opens and the next paragraph opens too.
        if unmatched and doubles and unmatched[-1] == doubles[-1][0] and index + 1 < len(paragraphs):
            following = paragraphs[index + 1]
            opener = doc.text[following.nstart:following.nstart + width[unmatched[-1]]]
            if opener in ('"', "''"):
                end = pend
                while end > unmatched[-1] + 1 and doc.text[end - 1].isspace():
                    end -= 1
                pairs.append((unmatched[-1], end))
        for a, b in pairs:
            mark = "''" if width[a] == 2 else '"'
            candidates.append((a, b + width.get(b, 1) - 1, mark, index))
        singles, _ = _pair(_single_marks(doc, pstart, pend, covered))
        candidates += [(a, b, "'", index) for a, b in singles]
    # A double-quoted span wins over a single-quoted one that crosses it (an apostrophe misread);
    # then outer quotes win over the quotes nested inside them.
    def crosses(a: tuple, b: tuple) -> bool:
        return a[0] < b[0] <= a[1] < b[1] or b[0] < a[0] <= b[1] < a[1]

    doubles = [c for c in candidates if c[2] != "'"]
    in_paragraph: dict[int, list[tuple]] = {}  # spans of different paragraphs never cross
    for d in doubles:
        in_paragraph.setdefault(d[3], []).append(d)
    candidates = doubles + [c for c in candidates if c[2] == "'"
                            and not any(crosses(c, d) for d in in_paragraph.get(c[3], ()))]
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    kept: list[tuple[int, int, str, int]] = []
    # The kept spans never overlap, so sorted by start their ends rise too: a span overlaps one of
    # them exactly when it overlaps the last kept span starting at or before its end (a binary
    # search, not a scan of every kept span).
    starts: list[int] = []
    ends: list[int] = []
    for span in candidates:
        slot = bisect_right(starts, span[1]) - 1
        if slot < 0 or ends[slot] < span[0]:
            kept.append(span)
            starts.insert(slot + 1, span[0])
            ends.insert(slot + 1, span[1])
    return sorted(kept)
