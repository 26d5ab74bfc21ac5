"""Corpus-level tables for the notebooks: per-article evidence stacked with the outlet, and
outlet-level estimates with seeded bootstrap intervals. Notebooks call these and only display.
"""
from __future__ import annotations

import pandas as pd

from . import sentiment, uncertainty
from .corpus import Corpus
from .text import Doc

#: Actor groups shown in the sentiment-toward-actors figure.
SENTIMENT_GROUPS = ("china", "us", "north_korea")


def docs(corpus: Corpus) -> list[Doc]:
    """A Doc per article, in corpus order (build once, share between tables)."""
    return [Doc.from_article(article) for article in corpus.articles]


def _stack(frames: list[pd.DataFrame], documents: list[Doc]) -> pd.DataFrame:
    tagged = [f.assign(outlet=d.article.outlet) for f, d in zip(frames, documents) if not f.empty]
    if not tagged:
        return pd.DataFrame()
    frame = pd.concat(tagged, ignore_index=True)
    first = ["outlet", "article_id"]
    return frame[first + [c for c in frame.columns if c not in first]]


def sentence_sentiment(documents: list[Doc]) -> pd.DataFrame:
    """Every scored sentence and voice run (VADER compound, -1..1), with outlet and article."""
    return _stack([sentiment.sentence_scores(d) for d in documents], documents)


def voice_sentiment(documents: list[Doc]) -> pd.DataFrame:
    """Per outlet and voice: word-weighted mean compound of the voice's runs, with a 95% interval.

    The word-weighted mean is computed as a rate (sum of compound x words over words) so the
    bootstrap resamples runs with their lengths; it equals `sentiment_narrator`/`_quoted` of a
    one-article outlet.
    """
    runs = sentence_sentiment(documents)
    runs = runs[runs["voice"] != sentiment.ALL].copy()
    runs["weighted"] = runs["compound"] * runs["words"]
    parts = []
    for voice, part in runs.groupby("voice", sort=True):
        table = uncertainty.outlet_intervals(part, "weighted", statistic="rate", words_col="words")
        table[["estimate", "low", "high"]] = table[["estimate", "low", "high"]] / 1000.0
        parts.append(table.assign(voice=voice, value="compound (word-weighted)"))
    frame = pd.concat(parts, ignore_index=True).rename(columns={"sentences": "runs"})
    return frame[["outlet", "voice", "runs", "estimate", "low", "high"]]


def actor_sentiment(documents: list[Doc], groups=SENTIMENT_GROUPS) -> pd.DataFrame:
    """Per outlet and actor group: mean compound of the sentences that mention the group, 95% interval.

    A lexicon approximation of target sentiment: the score belongs to the sentence, not the actor.
    """
    rows = []
    for document in documents:
        evidence = sentiment.actor_sentiment_evidence(document)
        evidence = evidence[evidence["group"].isin(groups)]
        per_sentence = evidence.drop_duplicates(["group", "sentence"])
        rows.append(per_sentence.assign(outlet=document.article.outlet))
    frame = pd.concat(rows, ignore_index=True)
    parts = []
    for group in groups:
        part = frame[frame["group"] == group]
        if part.empty:
            continue
        table = uncertainty.outlet_intervals(part, "compound")
        parts.append(table.assign(group=group))
    return pd.concat(parts, ignore_index=True)[["outlet", "group", "sentences", "estimate", "low", "high"]]


def emphasis_summary(documents: list[Doc], weights=None) -> pd.DataFrame:
    """Per article: China and US mentions, per 1,000 words, share, prominence and first position."""
    from . import emphasis

    rows = []
    for document in documents:
        summary = emphasis.summarize(document, weights=weights)
        rows.append({"outlet": document.article.outlet, "article_id": document.article_id, **summary})
    return pd.DataFrame(rows)


def mentions(documents: list[Doc], weights=None) -> pd.DataFrame:
    """Every actor-group mention (title and body) with its position 0..1 and prominence weight."""
    from . import emphasis

    return _stack([emphasis.mention_evidence(d, weights=weights) for d in documents], documents)
