"""`why(corpus, article_id, metric)`: the evidence rows behind any number of the profile.

Every row names the sentence index and the character span in the article body (`start`, `end`),
plus the matched term, rule, voice or score that made the number.
"""
from __future__ import annotations

import re

import pandas as pd

from . import quotes
from .actors import gazetteer_for
from .corpus import Corpus
from .metrics import article_tone, emphasis, hedging, sentiment, topics
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
    raise KeyError(f"no evidence for metric {metric!r}")


def why(corpus: Corpus, article_id: str, metric: str) -> pd.DataFrame:
    """The evidence behind `metric` for one article of `corpus` (see `evidence_for`)."""
    return evidence_for(Doc.from_article(corpus.get(article_id)), metric)
