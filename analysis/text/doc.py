"""`Doc`, the text layer of one article: paragraphs, sections, sentences and words.

`Doc` is built once per article and shared by every metric. Spans are reported two ways:
`nstart/nend` index the normalised text (`Doc.text`), `start/end` index the article body exactly as
stored (`Article.body`), so `article.body[start:end]` is the evidence a reader sees.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from ..corpus import Article
from .normalize import count_words, normalize
from .segment import split_sentences


@dataclass(frozen=True)
class Paragraph:
    """A block of the body. `kind` is 'text', 'heading' or 'list'; offsets exclude Markdown markers."""

    index: int
    kind: str
    section: str | None
    start: int
    end: int
    nstart: int
    nend: int


@dataclass(frozen=True)
class Sentence:
    """A sentence (or a heading) with its spans, paragraph and section."""

    index: int
    text: str  # normalised
    start: int  # offsets into Article.body
    end: int
    nstart: int  # offsets into Doc.text
    nend: int
    paragraph: int
    section: str | None
    is_heading: bool
    words: int


@dataclass
class Doc:
    """An article's text layer. Build with `Doc.from_article(article)` or `Doc.from_text(body)`."""

    body: str
    text: str
    offsets: list[int]
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    title: str | None = None
    article: Article | None = field(default=None, repr=False)
    #: Per-document memo for derived layers (quotes, voice, actor mentions), keyed by name.
    cache: dict = field(default_factory=dict, repr=False)

    @property
    def article_id(self) -> str | None:
        return self.article.id if self.article is not None else None

    @classmethod
    def from_article(cls, article: Article) -> "Doc":
        doc = cls.from_text(article.body, title=article.title)
        doc.article = article
        return doc

    @classmethod
    def from_text(cls, body: str, title: str | None = None) -> "Doc":
        text, offsets = normalize(body)
        paragraphs = _paragraphs(body, text, offsets)
        sentences: list[Sentence] = []
        for paragraph in paragraphs:
            ptext = text[paragraph.nstart:paragraph.nend]
            if paragraph.kind == "heading":
                # A heading is one sentence, trimmed like any other ("## \u2014 x" normalises to
                # " - x"); a heading that normalises to nothing is no sentence.
                begin, end = len(ptext) - len(ptext.lstrip()), len(ptext.rstrip())
                spans = [(begin, end)] if end > begin else []
            else:
                spans = split_sentences(ptext)
            for begin, end in spans:
                nstart, nend = paragraph.nstart + begin, paragraph.nstart + end
                sentence_text = text[nstart:nend]
                sentences.append(Sentence(
                    index=len(sentences), text=sentence_text, start=offsets[nstart],
                    end=offsets[nend - 1] + 1, nstart=nstart, nend=nend, paragraph=paragraph.index,
                    section=paragraph.section, is_heading=paragraph.kind == "heading",
                    words=count_words(sentence_text),
                ))
        normalized_title = normalize(title)[0].strip() if title else None
        return cls(body, text, offsets, paragraphs, sentences, normalized_title)

    def raw_span(self, nstart: int, nend: int) -> tuple[int, int]:
        """Offsets into the body for a span of the normalised text."""
        if nend <= nstart:
            return self.offsets[nstart], self.offsets[nstart]
        return self.offsets[nstart], self.offsets[nend - 1] + 1

    @cached_property
    def text_sentences(self) -> list[Sentence]:
        """Sentences that are not headings."""
        return [s for s in self.sentences if not s.is_heading]

    @cached_property
    def words(self) -> int:
        """Words in the body's sentences, headings excluded."""
        return sum(s.words for s in self.text_sentences)

    @cached_property
    def lead_paragraph(self) -> int | None:
        """Index of the first text paragraph (the lead), or None."""
        for paragraph in self.paragraphs:
            if paragraph.kind == "text":
                return paragraph.index
        return None

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.nstart for s in self.sentences]

    def sentence_at(self, nposition: int) -> Sentence | None:
        """The sentence containing a normalised offset, or None (a binary search: sentences are in
        text order and do not overlap)."""
        slot = bisect_right(self._sentence_starts, nposition) - 1
        if slot >= 0 and nposition < self.sentences[slot].nend:
            return self.sentences[slot]
        return None


#: Runs of lines holding a non-space character, tried only at line starts (`^`, MULTILINE): tried
#: from every position of a long blank line, `[^\n]*\S` scanned the rest of that line (quadratic).
_BLOCK = re.compile(r"^(?:[^\S\n]*\S[^\n]*(?:\n|$))+", re.MULTILINE)
_RULE = re.compile(r"-{3,}|\*{3,}|_{3,}")
_MARKER = re.compile(r"#{1,6} |[-*] ")


def _paragraphs(body: str, text: str, offsets: list[int]) -> list[Paragraph]:
    """Blank-line separated blocks with `## ` headings, `- ` list items and `---` section ends."""
    # Map body offsets back to normalised offsets: the first normalised char at or after each
    # (offsets never decrease, so a binary search; only paragraph bounds are ever looked up).
    last = len(offsets) - 1

    def to_norm(i: int) -> int:
        return min(bisect_left(offsets, i), last)

    paragraphs: list[Paragraph] = []
    section: str | None = None
    for match in _BLOCK.finditer(body):
        start, end = match.start(), match.end()
        block = body[start:end].rstrip()
        end = start + len(block)
        stripped = block.strip()
        if _RULE.fullmatch(stripped):
            section = None
            continue
        kind = "text"
        marker = _MARKER.match(block)
        if marker:
            kind = "heading" if block.startswith("#") else "list"
            start += marker.end()
        while start < end and body[start].isspace():
            start += 1
        if start >= end:
            continue
        if kind == "heading":
            section = normalize(body[start:end])[0].strip()
        paragraphs.append(Paragraph(
            index=len(paragraphs), kind=kind, section=section, start=start, end=end,
            nstart=to_norm(start), nend=to_norm(end),
        ))
    return paragraphs
