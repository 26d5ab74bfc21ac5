"""Quote detection and attribution (placeholder: balanced straight double quotes, no speakers).

TO BE REPLACED by the full rule set (see issue 3). Public names other modules rely on:
`Quote`, `extract_quotes(doc) -> list[Quote]`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Doc


@dataclass(frozen=True)
class Quote:
    """One quoted span. nstart/nend: normalised offsets of the text inside the marks."""

    nstart: int
    nend: int
    start: int
    end: int
    text: str
    kind: str  # full, partial, scare
    speaker: str | None
    affiliation: str
    sentence: int
    rule: str


def extract_quotes(doc: Doc) -> list[Quote]:
    if "quotes" in doc.cache:
        return doc.cache["quotes"]
    quotes = []
    for match in re.finditer(r'"([^"\n]+)"', doc.text):
        nstart, nend = match.start(1), match.end(1)
        start, end = doc.raw_span(nstart, nend)
        sentence = doc.sentence_at(nstart)
        quotes.append(Quote(nstart, nend, start, end, match.group(1), "full", None, "unknown",
                            sentence.index if sentence else -1, "placeholder"))
    doc.cache["quotes"] = quotes
    return quotes
