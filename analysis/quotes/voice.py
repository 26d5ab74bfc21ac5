"""Voice: which characters of each sentence are the outlet's own (narrator) and which are quoted.

Quoted text is every span inside a `full` or `partial` quote (the speaker's words); a `scare`
quote has no speaker, so its words stay in the narrator's voice.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..text import Doc, Sentence, count_words
from .attribution import extract_quotes

NARRATOR = "narrator"
QUOTED = "quoted"
VOICES = (NARRATOR, QUOTED)


@dataclass(frozen=True)
class Segment:
    """A run of one voice inside one sentence (normalised offsets)."""

    sentence: int
    nstart: int
    nend: int
    voice: str
    text: str
    words: int


def quoted_spans(doc: Doc) -> list[tuple[int, int]]:
    """Normalised (start, end) spans of speaker-attributed quoted text, sorted, not overlapping."""
    if "quoted_spans" not in doc.cache:
        spans = sorted((q.nstart, q.nend) for q in extract_quotes(doc) if q.kind != "scare")
        doc.cache["quoted_spans"] = spans
    return doc.cache["quoted_spans"]


def sentence_segments(doc: Doc, sentence: Sentence) -> list[Segment]:
    """The sentence cut into narrator and quoted runs, in order; empty runs are dropped."""
    return _sentence_segments(doc, sentence, quoted_spans(doc), _span_ends(doc))


def _sentence_segments(doc: Doc, sentence: Sentence, spans: list[tuple[int, int]],
                       span_ends: list[int]) -> list[Segment]:
    cuts: list[tuple[int, int, str]] = []
    position = sentence.nstart
    # Spans are sorted and do not overlap, so their ends rise too: start at the first span ending
    # after the sentence starts and stop at the first starting after it ends (not every span of
    # the article for every sentence).
    first = bisect_right(span_ends, sentence.nstart)
    if first == len(spans) or spans[first][0] >= sentence.nend:
        # No quoted text in the sentence (most sentences): one narrator run, the sentence itself.
        return [Segment(sentence.index, sentence.nstart, sentence.nend, NARRATOR, sentence.text,
                        sentence.words)]
    for start, end in spans[first:]:
        if start >= sentence.nend:
            break
        if end <= sentence.nstart:
            continue
        start, end = max(start, sentence.nstart), min(end, sentence.nend)
        if start > position:
            cuts.append((position, start, NARRATOR))
        cuts.append((start, end, QUOTED))
        position = end
    if position < sentence.nend:
        cuts.append((position, sentence.nend, NARRATOR))
    segments = []
    for start, end, voice in cuts:
        if start == sentence.nstart and end == sentence.nend:  # the whole sentence: its own count
            segments.append(Segment(sentence.index, start, end, voice, sentence.text, sentence.words))
            continue
        text = doc.text[start:end]
        if text.strip():
            segments.append(Segment(sentence.index, start, end, voice, text, count_words(text)))
    return segments


def segments(doc: Doc) -> list[Segment]:
    """Voice runs of every non-heading sentence, in document order (memoised on the doc: sentiment,
    tone, hedging's word counts and the quote summary all read this one list)."""
    if "voice_segments" not in doc.cache:
        spans, ends = quoted_spans(doc), _span_ends(doc)
        doc.cache["voice_segments"] = [
            segment for sentence in doc.text_sentences
            for segment in _sentence_segments(doc, sentence, spans, ends)
        ]
    return doc.cache["voice_segments"]


def words_by_voice(doc: Doc) -> dict[str, int]:
    """Word counts of the narrator and quoted voices (headings excluded)."""
    totals = {NARRATOR: 0, QUOTED: 0}
    for segment in segments(doc):
        totals[segment.voice] += segment.words
    return totals


def _span_ends(doc: Doc) -> list[int]:
    if "quoted_span_ends" not in doc.cache:
        doc.cache["quoted_span_ends"] = [end for _, end in quoted_spans(doc)]
    return doc.cache["quoted_span_ends"]


def voice_at(doc: Doc, nposition: int) -> str:
    """The voice of the character at a normalised offset (a binary search over the quoted spans)."""
    spans = quoted_spans(doc)
    slot = bisect_right(_span_ends(doc), nposition)  # the first span ending after the offset
    if slot < len(spans) and spans[slot][0] <= nposition:
        return QUOTED
    return NARRATOR
