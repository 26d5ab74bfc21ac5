"""One row per article of every framing metric, and outlet-level aggregation.

Each metric module exposes `summarize(doc) -> dict` (a pure function of one article's Doc), so a
profile can run on one article, a corpus, in parallel or on a cluster with the same result.
"""
from __future__ import annotations

from typing import Iterable

from ..base.lazy import pandas as pd
from .. import quotes
from ..corpus import Article, Corpus
from ..metrics import article_tone, emphasis, hedging, readability, sentiment
from ..text import Doc

#: The contract's columns, first and in this order; modules may add more after them.
CONTRACT_COLUMNS = [
    "article_id", "outlet", "event", "words", "sentences", "sentiment_mean", "sentiment_narrator",
    "sentiment_quoted", "hedge_rate", "booster_rate", "quote_count", "quoted_word_share",
    "china_mentions", "us_mentions", "china_share", "china_prominence", "us_prominence",
    "flesch_reading_ease",
]


def profile_article(article: Article) -> dict:
    """Every metric for one article, as one flat row."""
    doc = Doc.from_article(article)
    row: dict = {
        "article_id": article.id, "outlet": article.outlet, "event": article.event,
        "date": article.date, "words": doc.words, "sentences": len(doc.text_sentences),
    }
    row.update(sentiment.summarize(doc))
    row.update(article_tone.summarize(doc))
    row.update(hedging.summarize(doc))
    row.update(quotes.summarize(doc))
    row.update(emphasis.summarize(doc))
    row.update(readability.readability(doc))
    return row


def profile_rows(articles: Iterable[Article]) -> pd.DataFrame:
    rows = [profile_article(article) for article in articles]
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=CONTRACT_COLUMNS)
    ordered = CONTRACT_COLUMNS + [c for c in frame.columns if c not in CONTRACT_COLUMNS]
    return frame[ordered].sort_values("article_id", kind="mergesort").reset_index(drop=True)


def inventory(corpus: Corpus) -> pd.DataFrame:
    """One row per article: outlet, date, event, words, sentences and readability (no other metric)."""
    rows = []
    for article in corpus.articles:
        doc = Doc.from_article(article)
        rows.append({
            "article_id": article.id, "outlet": article.outlet, "date": article.date,
            "date_precision": article.date_precision, "event": article.event,
            "title": article.title, "words": doc.words, "sentences": len(doc.text_sentences),
            "paragraphs": sum(1 for p in doc.paragraphs if p.kind != "heading"),
            **readability.readability(doc),
        })
    return pd.DataFrame(rows).sort_values(["date", "article_id"], kind="mergesort").reset_index(drop=True)


def profile(corpus: Corpus) -> pd.DataFrame:
    """One row per article (sorted by article_id) with at least the contract's columns.

    Rates are per 1,000 words of the voice named; shares are 0..1; mentions count title and body.
    """
    return profile_rows(corpus.articles)
