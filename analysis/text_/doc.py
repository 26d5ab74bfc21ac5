"""The text layer: normalisation with an offset map, paragraphs, sections, sentences and words.

`Doc` is built once per article and shared by every metric. Spans are reported two ways:
`nstart/nend` index the normalised text (`Doc.text`), `start/end` index the article body exactly as
stored (`Article.body`), so `article.body[start:end]` is the evidence a reader sees.

Normalisation (why: lexicons, regexes and VADER expect ASCII punctuation): curly quotes become
straight, the Unicode hyphens (U+2010, U+2011 as in "Lee Jae‑myung", U+2012, U+2013, U+2212) become
"-", an em dash becomes " - ", no-break and thin spaces become " ", "…" becomes "...", zero-width
characters go. Anything else is kept.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from .corpus import Article

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


# ---------------------------------------------------------------- sentence segmentation
#: Tokens that end with a period without ending a sentence (lower-cased, without the final period).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm gov sen rep rev hon pres amb
    no nos vs v etc inc corp ltd co bros dept univ est approx fig jan feb mar apr jun jul aug
    sep sept oct nov dec mt ft e.g i.e cf al""".split()
)
#: After a dotted acronym ("U.S.", "a.m."), a sentence only ends if one of these words follows.
SENTENCE_STARTERS = frozenset(
    """the a an this that these those it its he she they we i you his her their our but and
    so yet however in on at for as if when while after before there here what who why how
    meanwhile still also""".split()
)
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*(?=\s+[\"'(\[]*[A-Z0-9])")
_TOKEN_BEFORE = re.compile(r"([^\s\"'(\[]*)$")


def _token_before(text: str, end: int) -> str:
    """`_TOKEN_BEFORE.search(text, 0, end).group(1)`: the run of characters other than whitespace,
    quotes and opening brackets that ends at `end`, found by stepping back from `end` (the regex
    scans the paragraph from its start at every candidate boundary)."""
    if end and text[end - 1] == "\n":  # `$` also matches before a final newline: keep the regex
        return _TOKEN_BEFORE.search(text, 0, end).group(1)
    start = end
    while start and text[start - 1] not in "\"'([" and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _is_boundary(text: str, match: re.Match) -> bool:
    punct = match.group()
    if punct[0] != "." or punct.startswith("..."):
        return True  # "?", "!" and an ellipsis before a capital end a sentence
    token = _token_before(text, match.start())
    lowered = token.lower()
    if lowered in ABBREVIATIONS:
        return False
    if len(token) == 1 and token.isupper():  # an initial: "S. Korea", "J. Smith"
        return False
    if "." in token and re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):  # U.S., a.m., e.g.
        following = re.match(r"\s+[\"'(\[]*([A-Za-z]+)", text[match.end():])
        return bool(following and following.group(1).lower() in SENTENCE_STARTERS)
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of one paragraph of normalised text, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _is_boundary(text, match):
            spans.append((start, match.end()))
            start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if end > begin:
            trimmed.append((begin, end))
    return trimmed


# ---------------------------------------------------------------- document structure
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
    article: "Article | None" = field(default=None, repr=False)
    #: Per-document memo for derived layers (quotes, voice, actor mentions), keyed by name.
    cache: dict = field(default_factory=dict, repr=False)

    @property
    def article_id(self) -> str | None:
        return self.article.id if self.article is not None else None

    @classmethod
    def from_article(cls, article: "Article") -> "Doc":
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

    def sentence_at(self, nposition: int) -> Sentence | None:
        """The sentence containing a normalised offset, or None."""
        for sentence in self.sentences:
            if sentence.nstart <= nposition < sentence.nend:
                return sentence
        return None


def _paragraphs(body: str, text: str, offsets: list[int]) -> list[Paragraph]:
    """Blank-line separated blocks with `## ` headings, `- ` list items and `---` section ends."""
    # Map body offsets back to normalised offsets: the first normalised char at or after each
    # (offsets never decrease, so a binary search; only paragraph bounds are ever looked up).
    last = len(offsets) - 1

    def to_norm(i: int) -> int:
        return min(bisect_left(offsets, i), last)

    paragraphs: list[Paragraph] = []
    section: str | None = None
    for match in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", body):
        start, end = match.start(), match.end()
        block = body[start:end].rstrip()
        end = start + len(block)
        stripped = block.strip()
        if re.fullmatch(r"-{3,}|\*{3,}|_{3,}", stripped):
            section = None
            continue
        kind = "text"
        marker = re.match(r"#{1,6} |[-*] ", block)
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
