"""`why`: every number of the profile can be recomputed from the evidence rows it returns."""
from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.explain import UnknownMetricError, why
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


def test_unknown_metric_lists_the_valid_names(corpus):
    with pytest.raises(UnknownMetricError, match="no evidence for metric 'moon_phase'") as caught:
        why(corpus, "wal-2025-06-phone-call", "moon_phase")
    assert isinstance(caught.value, ValueError) and not isinstance(caught.value, KeyError)
    message = str(caught.value)
    assert "Valid metrics: article_id, outlet" in message
    for name in ("hedge_rate", "voice_share_KR", "sentiment_china", "thaad_culture"):
        assert name in caught.value.valid and name in message


def test_why_gives_whole_sentences_with_the_span_marked_and_the_rule(corpus):
    article = corpus.get("focus-2026-01-summit")
    hedges = why(corpus, article.id, "hedge_rate")
    first = hedges.iloc[0]
    assert first["sentence_text"] == ("Facing regional frictions and unresolved THAAD-era disputes, Seoul and Beijing "
                                      "appear to be attempting a diplomatic reset even amid limited prospects for a "
                                      "rapid thaw.")
    assert first["match"] == "appear" and first["rule"] == "ok:appear_epistemic"
    assert "Seoul and Beijing [[appear]] to be" in first["marked"]
    for _, row in hedges.iterrows():  # whole sentences, exactly as in the body, never cut
        assert row["sentence_text"] in article.body and row["sentence_text"].rstrip("\"").endswith(".")
    title = why(corpus, article.id, "china_mentions").iloc[0]
    assert title["location"] == "title" and title["marked"].startswith("[[China]], S. Korea")
    quote = why(corpus, article.id, "quote_count").iloc[0]
    assert quote["sentence_text"].startswith("South Korean President Lee Jae Myung returned")
    assert f'"[[{quote["quote"]}]]"' in quote["marked"]
    sentences = why(corpus, article.id, "sentiment_mean")
    assert (sentences["sentence_text"] == sentences["marked"]).all()  # a whole sentence needs no mark
    assert sentences["rule"].str.contains("VADER").all()  # the codebook's rule where a row has none
