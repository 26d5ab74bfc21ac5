"""`why(corpus, article_id, metric)`: the evidence rows behind any number of the profile.

Every row names the sentence index and the character span in the article body (`start`, `end`),
plus the matched term, rule, voice or score that made the number, and (from `why`) the whole
sentence as the reader sees it (`sentence_text`, never cut), the matched span (`match`), the
sentence with the span marked `[[...]]` (`marked`) and the `rule` that counted it.
"""
from __future__ import annotations

import re

from .base.lazy import pandas as pd
from . import quotes
from .actors import gazetteer_for
from .corpus import Corpus
from .metrics import article_tone, emphasis, hedging, sentiment, topics
from .profiling import codebook, profile_article
from .text import Doc

_GROUP_METRIC = re.compile(r"^(?P<group>[a-z_]+?)_(?P<what>mentions|per_1000|sentence_share|prominence|first_position)$")


#: Profile columns copied from the article's front matter: their evidence is the field itself.
METADATA = ("article_id", "outlet", "event", "date", "title")


def _sentences(doc: Doc) -> pd.DataFrame:
    return pd.DataFrame([{"article_id": doc.article_id, "sentence": s.index, "start": s.start, "end": s.end,
                          "words": s.words, "text": s.text} for s in doc.text_sentences])


def evidence_for(doc: Doc, metric: str) -> pd.DataFrame:
    """Evidence rows behind `metric` (a column of `analysis.profile`) for one article."""
    if metric in METADATA:
        article = doc.article
        return pd.DataFrame([{"article_id": article.id, "field": metric,
                              "value": article.id if metric == "article_id" else getattr(article, metric),
                              "path": str(getattr(article, "path", "") or "")}])
    if metric in ("words", "sentences", "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog"):
        return _sentences(doc)
    if metric in ("sentiment_mean", "share_positive", "share_negative"):
        scores = sentiment.sentence_scores(doc)
        scores = scores[scores["voice"] == "all"]
        if metric == "share_positive":
            scores = scores[scores["compound"] >= sentiment.POSITIVE_THRESHOLD]
        elif metric == "share_negative":
            scores = scores[scores["compound"] <= sentiment.NEGATIVE_THRESHOLD]
        return scores.reset_index(drop=True)
    if metric in ("sentiment_narrator", "sentiment_quoted"):
        scores = sentiment.sentence_scores(doc)
        return scores[scores["voice"] == metric.split("_", 1)[1]].reset_index(drop=True)
    if metric in ("tone_mean", "tone_narrator", "tone_quoted"):
        voice = {"tone_mean": "all", "tone_narrator": "narrator", "tone_quoted": "quoted"}[metric]
        return article_tone.tone_evidence(doc, voice)
    if metric.startswith(("tone_toward_", "n_tone_toward_")):
        return article_tone.toward_evidence(doc, metric.split("tone_toward_", 1)[1])
    if metric.startswith("sentiment_") or metric.startswith("n_sentences_"):
        group = metric.split("_", 2)[-1] if metric.startswith("n_sentences_") else metric[len("sentiment_"):]
        rows = sentiment.actor_sentiment_evidence(doc)
        return rows[rows["group"] == group].reset_index(drop=True)
    if metric in ("uncertainty_count", "weasel_count"):
        return hedging.count_evidence(doc, metric)
    if metric.startswith(("hedge_", "booster_", "attribution_")):
        rows = hedging.hedge_evidence(doc)
        kind = metric.split("_", 1)[0]
        rows = rows[rows["kind"] == kind]
        if metric.endswith("_quoted"):
            rows = rows[rows["voice"] == "quoted"]
        elif not metric.endswith("_all"):
            rows = rows[rows["voice"] == "narrator"]
        category = re.match(rf"^{kind}_rate_(.+)$", metric)
        if category and category.group(1) not in ("quoted", "all"):
            rows = rows[rows["category"] == category.group(1)]
        return rows.reset_index(drop=True)
    if metric.startswith(("quote", "voice_share", "speakers")):
        rows = quotes.quote_evidence(doc)
        share = re.match(r"^voice_share_(.+)$", metric)
        if share:
            listed = quotes.affiliation_codes(gazetteer_for(doc))
            column = rows["affiliation"].map(lambda code: quotes.share_column(code, listed))
            rows = rows[(column == share.group(1)) & (rows["kind"] != "scare")]
        kind = re.match(r"^quote_count_(full|partial|scare)$", metric)
        if kind:
            rows = rows[rows["kind"] == kind.group(1)]
        return rows.reset_index(drop=True)
    if metric in ("china_share", "both_sentences"):
        rows = emphasis.mention_evidence(doc)
        return rows[rows["group"].isin(["china", "us"])].reset_index(drop=True)
    grouped = _GROUP_METRIC.match(metric)
    if grouped:
        rows = emphasis.mention_evidence(doc)
        return rows[rows["group"] == grouped.group("group")].reset_index(drop=True)
    topic_ids = [t.id for t in topics.load_topics()]
    if metric in topic_ids:
        rows = topics.topic_evidence(doc)
        return rows[rows["topic"] == metric].reset_index(drop=True)
    raise UnknownMetricError(metric, valid_metrics(doc))


class UnknownMetricError(ValueError):
    """A metric `why` has no evidence for; the message lists the valid names."""

    def __init__(self, metric: str, valid: list[str]):
        self.metric, self.valid = metric, valid
        super().__init__(f"no evidence for metric {metric!r}: not a column of the profile nor a sub-topic. "
                         f"Valid metrics: {', '.join(valid)}")


def valid_metrics(doc: Doc) -> list[str]:
    """Every metric `evidence_for` explains for this article: the profile's columns and the sub-topic ids."""
    names = list(METADATA) + [c for c in profile_article(doc.article) if c not in METADATA] if doc.article \
        else list(METADATA)
    return list(dict.fromkeys(names + [t.id for t in topics.load_topics()]))


def _marked(context: str, offset: int, start: int, end: int) -> str:
    return context[:start - offset] + "[[" + context[start - offset:end - offset] + "]]" + context[end - offset:]


def with_sentences(doc: Doc, rows: pd.DataFrame, metric: str) -> pd.DataFrame:
    """`rows` plus `sentence_text` (the whole sentence or sentences holding the span, exactly as in the
    body, never cut), `match` (the span's text), `marked` (the sentence with `[[match]]`) and `rule`
    (the row's own rule, else the codebook's rule for `metric`)."""
    rows = rows.copy()
    if "rule" not in rows.columns:
        entry = codebook.entry_for(metric)
        rows["rule"] = entry.rule if entry else ""
    if rows.empty or not {"start", "end"} <= set(rows.columns) and "sentence" not in rows.columns:
        return rows
    body, title = doc.body, (doc.article.title if doc.article else doc.title) or ""
    contexts, matches, marked = [], [], []
    for row in rows.to_dict("records"):
        start, end = row.get("start"), row.get("end")
        has_span = start is not None and end is not None and start == start and end == end
        if row.get("location") == "title" or row.get("sentence") == -1:
            context = title
            span = title[int(start):int(end)] if has_span else ""
            contexts.append(context), matches.append(span)
            marked.append(_marked(context, 0, int(start), int(end)) if has_span else context)
            continue
        if has_span:
            start, end = int(start), int(end)
            covering = [x for x in doc.sentences if x.start < max(end, start + 1) and x.end > start]
        else:
            covering = [x for x in doc.sentences if x.index == row.get("sentence")]
        if not covering:
            contexts.append(""), matches.append(""), marked.append("")
            continue
        lo, hi = min(x.start for x in covering), max(x.end for x in covering)
        if has_span:
            lo, hi = min(lo, start), max(hi, end)
        context = body[lo:hi]
        contexts.append(context)
        whole = has_span and (start, end) == (lo, hi)
        matches.append(body[start:end] if has_span else "")
        marked.append(_marked(context, lo, start, end) if has_span and not whole else context)
    rows["sentence_text"], rows["match"], rows["marked"] = contexts, matches, marked
    return rows


def why(corpus: Corpus, article_id: str, metric: str) -> pd.DataFrame:
    """The evidence behind `metric` for one article of `corpus` (see `evidence_for`), each row with
    its whole sentence (`sentence_text`), the matched span (`match`, `marked`) and the `rule`.

    An unknown metric raises `UnknownMetricError` (a ValueError) listing the valid names.
    """
    doc = Doc.from_article(corpus.get(article_id))
    return with_sentences(doc, evidence_for(doc, metric), metric)
