"""`why`: every number of the profile can be recomputed from the evidence rows it returns."""
from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.explain import why
from analysis.quotes.voice import words_by_voice
from analysis.text import Doc

from conftest import BUNDLED_CORPUS


@pytest.fixture(scope="module")
def corpus():
    return analysis.load_corpus(BUNDLED_CORPUS)


@pytest.fixture(scope="module")
def table(corpus):
    return analysis.profile(corpus).set_index("article_id")


def test_every_profile_column_has_evidence_for_every_article(corpus, table):
    for article_id in table.index:
        for column in table.columns.tolist() + ["article_id"]:
            evidence = why(corpus, article_id, column)
            assert isinstance(evidence, pd.DataFrame), column
            if len(evidence) and "article_id" in evidence:
                assert set(evidence["article_id"]) == {article_id}, column


def test_counts_and_rates_recompute_from_the_evidence(corpus, table):
    for article in corpus.articles:
        row = table.loc[article.id]
        narrator = words_by_voice(Doc.from_article(article))["narrator"]
        assert len(why(corpus, article.id, "quote_count")) == row["quote_count"]
        assert len(why(corpus, article.id, "china_mentions")) == row["china_mentions"]
        assert why(corpus, article.id, "us_prominence")["weight"].sum() == row["us_prominence"]
        assert len(why(corpus, article.id, "sentences")) == row["sentences"]
        for kind in ("hedge", "booster", "attribution"):
            hits = len(why(corpus, article.id, f"{kind}_rate"))
            assert 1000 * hits / narrator == pytest.approx(row[f"{kind}_rate"]), (article.id, kind)
        scores = why(corpus, article.id, "sentiment_mean")["compound"]
        assert scores.mean() == pytest.approx(row["sentiment_mean"])


def test_evidence_spans_slice_back_to_the_body(corpus):
    article = corpus.get("focus-2026-01-summit")
    hedges = why(corpus, article.id, "hedge_rate")
    assert len(hedges) == 3
    for _, hit in hedges.iterrows():
        surface = article.body[hit["start"]:hit["end"]]
        assert surface == hit["text"] and surface.lower().startswith(hit["term"].lower())  # "appeared" for "appear"
    quote = why(corpus, article.id, "quote_count").iloc[10]
    assert article.body[quote["start"]:quote["end"]] == quote["quote"]


def test_metadata_columns_point_at_the_front_matter(corpus):
    evidence = why(corpus, "wal-2025-06-phone-call", "outlet")
    assert evidence.iloc[0]["value"] == "WaL"
    assert evidence.iloc[0]["path"].endswith("corpus/articles/wal-2025-06-phone-call.md")


def test_unknown_metric_is_a_key_error(corpus):
    with pytest.raises(KeyError, match="no evidence for metric 'moon_phase'"):
        why(corpus, "wal-2025-06-phone-call", "moon_phase")
