"""Evidence pages: one HTML page per article, `reports/articles/<article_id>.html`.

The full body, paragraph by paragraph, with every quote of `analysis.quotes()` in an element that
carries `data-speaker`, `data-affiliation` and `data-kind`; hedges, boosters and distancing cues;
actor mentions; and each sentence's tone (underline colour, and a table of every sentence with
its scores). Article text is untrusted: every piece of text and every attribute is HTML-escaped
here, at the source, before it is put into markup.

Per-sentence scores come from `SENTENCE_SCORERS`: a name -> (label, function(doc) -> {sentence
index: score in -1..+1}) registry, one column each in the page's sentence table. The news tone model
(`analysis.metrics.article_tone`, the profile's `tone_*`) and VADER's compound (`sentiment_*`) are
registered; another scorer is one `register_sentence_scorer(name, label, function)` call, and
`TONE_SCORER` names the one whose score colours each sentence's underline. Each actor mention also
carries the target-aware tone toward it (`data-tone-toward`, the profile's `tone_toward_<group>`).
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from .. import quotes as quote_layer
from ..base.io import write_text
from ..corpus import Article, Corpus
from ..metrics import article_tone, emphasis, hedging, sentiment
from ..text import Doc
from .plotting import GROUP_COLORS

SentenceScorer = Callable[[Doc], dict[int, float]]


def vader_sentence_scores(doc: Doc) -> dict[int, float]:
    """VADER compound (-1..+1) of every non-heading sentence, by sentence index."""
    scores = sentiment.sentence_scores(doc)
    whole = scores[scores["voice"] == "all"]
    return {int(s): float(c) for s, c in zip(whole["sentence"], whole["compound"])}


def news_tone_sentence_scores(doc: Doc) -> dict[int, float]:
    """News tone (P(positive) - P(negative), -1..+1) of every non-heading sentence, by sentence index."""
    rows = article_tone.tone_evidence(doc, "all")
    return {int(s): float(t) for s, t in zip(rows["sentence"], rows["tone"])}


#: Per-sentence score columns of the evidence page: name -> (column label, scorer).
SENTENCE_SCORERS: dict[str, tuple[str, SentenceScorer]] = {
    "tone": ("news tone", news_tone_sentence_scores),
    "vader": ("VADER compound", vader_sentence_scores),
}
#: The scorer whose score colours each sentence's underline.
TONE_SCORER = "tone"


def register_sentence_scorer(name: str, label: str, scorer: SentenceScorer, colour_by: bool = False) -> None:
    """Add a per-sentence score column (e.g. a news tone model) to every evidence page."""
    global TONE_SCORER
    SENTENCE_SCORERS[name] = (label, scorer)
    if colour_by:
        TONE_SCORER = name


POSITIVE, NEGATIVE = sentiment.POSITIVE_THRESHOLD, sentiment.NEGATIVE_THRESHOLD

CSS = """
.article-body p, .article-body li { line-height: 1.9; }
.quote { background: #fff3c4; border-radius: 2px; }
.who { font: 0.7rem 'DejaVu Sans', sans-serif; color: #6a4f00; background: #fff3c4; padding: 0 0.2rem;
       margin-left: 0.15rem; border-radius: 2px; }
.cue-hedge { background: #cfe3f6; }
.cue-booster { background: #f9d2bd; }
.cue-attribution { background: #e3e3e3; font-style: italic; }
.cue[data-voice="quoted"] { outline: 1px dashed #888; }
.mention { font-weight: bold; }
.tone-pos { border-bottom: 3px solid #009E73; }
.tone-neg { border-bottom: 3px solid #D55E00; }
.tone-neu { border-bottom: 3px solid #cccccc; }
.legend { font: 0.85rem 'DejaVu Sans', sans-serif; border: 1px solid #ddd; padding: 0.5rem 0.8rem; margin: 1rem 0; }
.legend span { margin-right: 0.8rem; white-space: nowrap; display: inline-block; }
table.sentences { border-collapse: collapse; font: 0.8rem 'DejaVu Sans', sans-serif; margin: 1rem 0; }
table.sentences td, table.sentences th { border: 1px solid #ddd; padding: 0.2rem 0.4rem; vertical-align: top; }
table.sentences td.score { text-align: right; white-space: nowrap; }
dl.meta { font: 0.85rem 'DejaVu Sans', sans-serif; display: grid; grid-template-columns: max-content auto; gap: 0.1rem 1rem; }
dl.meta dt { color: #666; }
"""


def esc(value) -> str:
    """HTML-escape any value as text or attribute (quotes included); None and NaN become ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


@dataclass(frozen=True)
class Mark:
    """A span of text to wrap in an element. Lower `layer` = outer element (never split by inner ones)."""

    start: int
    end: int
    layer: int
    tag: str
    attrs: tuple[tuple[str, str], ...]
    after: str = ""  # markup (already escaped) emitted right after the element closes for the last time

    def open(self) -> str:
        attrs = "".join(f' {name}="{esc(value)}"' for name, value in self.attrs)
        return f"<{self.tag}{attrs}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def render_marked(text: str, marks: list[Mark], offset: int = 0) -> str:
    """`text` (which starts at body offset `offset`) with `marks` as properly nested, escaped markup.

    Where two marks cross, the inner one (higher layer) is closed and reopened around the outer one's
    boundary, so an outer element (a quote) stays one element.
    """
    end_of_text = offset + len(text)
    marks = [m for m in marks if m.end > offset and m.start < end_of_text and m.end > m.start]
    bounds = sorted({offset, end_of_text, *(max(m.start, offset) for m in marks),
                     *(min(m.end, end_of_text) for m in marks)})
    out: list[str] = []
    stack: list[Mark] = []
    for left, right in zip(bounds, bounds[1:]):
        active = sorted((m for m in marks if m.start <= left and m.end >= right),
                        key=lambda m: (m.layer, m.start, -m.end, m.tag, m.attrs))
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
            keep += 1
        while len(stack) > keep:
            closing = stack.pop()
            out.append(closing.close())
            if closing.after and closing.end <= left:
                out.append(closing.after)
        for mark in active[keep:]:
            out.append(mark.open())
            stack.append(mark)
        out.append(esc(text[left - offset:right - offset]))
    while stack:
        closing = stack.pop()
        out.append(closing.close())
        if closing.after:
            out.append(closing.after)
    return "".join(out)


def _tone_class(score: float | None) -> str:
    if score is None or score != score:
        return "tone-neu"
    return "tone-pos" if score >= POSITIVE else "tone-neg" if score <= NEGATIVE else "tone-neu"


def _group_label(group: str) -> str:
    return {"us": "United States", "china": "China", "north_korea": "North Korea",
            "south_korea": "South Korea"}.get(group, group.replace("_", " ").title())


def body_marks(doc: Doc, quote_rows: pd.DataFrame, cue_rows: pd.DataFrame, mention_rows: pd.DataFrame,
               tone: dict[int, float], toward: dict[tuple[int, int, str], float] | None = None) -> list[Mark]:
    """Every mark of the body: quotes (outer), sentences (tone), cues and actor mentions (inner)."""
    marks: list[Mark] = []
    for q in quote_rows.to_dict("records"):
        speaker = q["speaker"] if isinstance(q["speaker"], str) else ""
        affiliation = q["affiliation"] if isinstance(q["affiliation"], str) else ""
        label = f"{speaker or 'no speaker'} · {affiliation or 'unknown'}" if q["kind"] != "scare" else "scare quote"
        marks.append(Mark(int(q["start"]), int(q["end"]), 0, "span", (
            ("class", "quote"), ("data-speaker", speaker), ("data-affiliation", affiliation),
            ("data-kind", q["kind"]), ("data-rule", q["rule"]),
            ("title", f"{q['kind']} quote; speaker: {speaker or 'none'}; affiliation: {affiliation or 'none'}; "
                      f"rule: {q['rule']}")),
            after=f'<span class="who">{esc(label)}</span>'))
    for s in doc.text_sentences:
        score = tone.get(s.index)
        marks.append(Mark(s.start, s.end, 1, "span", (
            ("class", f"sentence {_tone_class(score)}"), ("data-sentence", str(s.index)),
            ("data-tone", "" if score is None else f"{score:.4f}"),
            ("title", f"sentence {s.index}; {SENTENCE_SCORERS[TONE_SCORER][0]} "
                      f"{'n/a' if score is None else f'{score:+.3f}'}"))))
    for c in cue_rows.to_dict("records"):
        marks.append(Mark(int(c["start"]), int(c["end"]), 2, "span", (
            ("class", f"cue cue-{c['kind']}"), ("data-kind", c["kind"]), ("data-category", c["category"]),
            ("data-voice", c["voice"]), ("data-rule", c["rule"]),
            ("title", f"{c['kind']} ({c['category']}), {c['voice']} voice; rule: {c['rule']}"))))
    for m in mention_rows.to_dict("records"):
        towards = (toward or {}).get((int(m["start"]), int(m["end"]), m["group"]))
        extra = (("data-tone-toward", f"{towards:.4f}"),) if towards is not None else ()
        said = f"; tone toward it {towards:+.2f}" if towards is not None else ""
        marks.append(Mark(int(m["start"]), int(m["end"]), 3, "span", (
            ("class", "mention"), ("data-group", m["group"]), *extra,
            ("style", f"color: {GROUP_COLORS.get(m['group'], '#444444')}"),
            ("title", f"mention of {_group_label(m['group'])} ({m['term']}){said}"))))
    return marks


def legend() -> str:
    swatches = [
        '<span><span class="quote">quoted words</span><span class="who">speaker · affiliation</span></span>',
        '<span><span class="cue-hedge">hedge</span></span>', '<span><span class="cue-booster">booster</span></span>',
        '<span><span class="cue-attribution">distancing (attribution)</span></span>',
        '<span><span class="cue cue-hedge" data-voice="quoted">cue inside a quote</span> (the speaker\'s)</span>',
        *(f'<span><span class="mention" style="color: {c}">{esc(_group_label(g))}</span></span>'
          for g, c in GROUP_COLORS.items()),
        f'<span><span class="tone-pos">positive</span> / <span class="tone-neu">neutral</span> / '
        f'<span class="tone-neg">negative</span> sentence ({esc(SENTENCE_SCORERS[TONE_SCORER][0])}, '
        f'neutral band {NEGATIVE:+.2f}..{POSITIVE:+.2f})</span>',
    ]
    return ('<div class="legend"><strong>Legend.</strong> Hover over any mark for its rule. '
            + " ".join(swatches) + "</div>")


def sentence_table(doc: Doc, scores: dict[str, dict[int, float]]) -> str:
    """Every sentence in full with each registered per-sentence score."""
    head = "<th>#</th>" + "".join(f"<th>{esc(SENTENCE_SCORERS[n][0])}</th>" for n in scores) + "<th>sentence</th>"
    rows = []
    for s in doc.text_sentences:
        cells = "".join(
            f'<td class="score">{"" if scores[n].get(s.index) is None else f"{scores[n][s.index]:+.3f}"}</td>'
            for n in scores)
        rows.append(f'<tr id="s{s.index}"><td>{s.index}</td>{cells}<td>{esc(doc.body[s.start:s.end])}</td></tr>')
    return f'<table class="sentences"><thead><tr>{head}</tr></thead><tbody>\n' + "\n".join(rows) + "\n</tbody></table>"


def article_html(article: Article) -> tuple[str, str]:
    """(page title, body HTML) of one article's evidence page; all text escaped."""
    doc = Doc.from_article(article)
    quote_rows = quote_layer.quote_evidence(doc)
    cue_rows = hedging.hedge_evidence(doc)
    mentions = emphasis.mention_evidence(doc)
    title_mentions = mentions[mentions["location"] == "title"]
    body_mentions = mentions[mentions["location"] != "title"]
    scores = {name: scorer(doc) for name, (_, scorer) in SENTENCE_SCORERS.items()}
    toward = {(int(r["start"]), int(r["end"]), r["group"]): float(r["tone"]) for r in article_tone.toward_rows(doc)}
    marks = body_marks(doc, quote_rows, cue_rows, body_mentions, scores[TONE_SCORER], toward)
    title_text = article.title or ""
    title_html = render_marked(title_text, [
        Mark(int(m["start"]), int(m["end"]), 3, "span", (("class", "mention"), ("data-group", m["group"]),
             ("style", f"color: {GROUP_COLORS.get(m['group'], '#444444')}")))
        for m in title_mentions.to_dict("records")]) if title_text else "<em>(no title)</em>"
    parts, in_list = [], False
    for paragraph in doc.paragraphs:
        inner = render_marked(doc.body[paragraph.start:paragraph.end], marks, paragraph.start)
        if paragraph.kind == "list" and not in_list:
            parts.append("<ul>")
            in_list = True
        elif paragraph.kind != "list" and in_list:
            parts.append("</ul>")
            in_list = False
        tag = {"heading": "h3", "list": "li"}.get(paragraph.kind, "p")
        parts.append(f'<{tag} data-paragraph="{paragraph.index}">{inner}</{tag}>')
    if in_list:
        parts.append("</ul>")
    counts = {kind: int((cue_rows["kind"] == kind).sum()) for kind in hedging.KINDS}
    meta = [("outlet", article.outlet), ("date", article.date), ("event", article.event),
            ("byline", getattr(article, "byline", None)), ("source", article.source),
            ("words (headings excluded)", doc.words), ("sentences", len(doc.text_sentences)),
            ("quotes", len(quote_rows)), ("hedges / boosters / distancing cues",
                                          f"{counts['hedge']} / {counts['booster']} / {counts['attribution']}"),
            ("actor mentions", len(mentions))]
    meta_html = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v) if v not in (None, '') else '—'}</dd>" for k, v in meta)
    body = (f'<p><a href="../index.html">Report index</a> · <a href="index.html">All articles</a> · '
            f'<a href="../codebook.html">Codebook</a></p>\n'
            f'<h1 class="article-title">{title_html}</h1>\n<dl class="meta">{meta_html}</dl>\n{legend()}\n'
            f'<div class="article-body">\n' + "\n".join(parts) + "\n</div>\n"
            "<h2>Every sentence and its tone</h2>\n"
            "<p>Scores per sentence (headings excluded), -1 negative to +1 positive: the news tone model "
            "(the mean of its column is the article's <code>tone_mean</code>) and VADER's compound "
            "(<code>sentiment_mean</code>). The underline in the text follows the first column.</p>\n" + sentence_table(doc, scores))
    return f"{article.outlet}: {article.title or article.id}", body


def article_file(article_id: str) -> str:
    """The page's file name under `articles/` (ids are already safe file stems)."""
    return f"{article_id}.html"


def build_article_pages(corpus: Corpus, out_dir: Path, page: Callable[[str, str, str], str]) -> list[tuple[Article, str]]:
    """Write `out_dir/articles/<id>.html` for every article and `articles/index.html`; returns (article, file)."""
    directory = out_dir / "articles"
    written = []
    for article in sorted(corpus.articles, key=lambda a: a.id):
        title, body = article_html(article)
        name = article_file(article.id)
        write_text(directory / name, page(title, CSS, body))
        written.append((article, name))
    items = "\n".join(
        f'<li><a href="{esc(name)}">{esc(a.outlet)} · {esc(a.date)} · {esc(a.title or a.id)}</a></li>'
        for a, name in written)
    write_text(directory / "index.html", page("Articles", CSS, (
        '<p><a href="../index.html">Report index</a></p>\n<h1>Articles: the evidence behind every number</h1>\n'
        f"<ul>\n{items}\n</ul>")))
    return written
