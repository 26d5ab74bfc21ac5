"""Tests for analysis/metrics/article_tone.py: the news tone model applied to an article."""
from __future__ import annotations

import math

import pytest

from analysis import classify_tone, classify_tone_toward
from analysis.corpus import Article
from analysis.explain import evidence_for
from analysis.metrics import article_tone, sentiment, tone
from analysis.text import Doc

BODY = (
    "Seoul and Beijing agreed to expand trade, a welcome step after years of friction.\n\n"
    "\"This is a disastrous betrayal,\" an opposition lawmaker said.\n\n"
    "## Security\n\n"
    "North Korea fired two missiles on Sunday, drawing sharp condemnation."
)


def _doc(body: str = BODY) -> Doc:
    article = Article(id="t-1", outlet="Test Outlet", title="A title", date="2026-01-06",
                      event="e", language="en", body=body)
    return Doc.from_article(article)


def test_sentence_tone_is_the_model_tone_of_each_sentence():
    doc = _doc()
    runs = [r for r in article_tone._runs(doc) if r["voice"] == "all"]
    assert [r["text"] for r in runs] == [s.text for s in doc.text_sentences]
    expected = classify_tone([r["text"] for r in runs])
    assert [round(r["tone"], 12) for r in runs] == [round(t, 12) for t in expected["tone"]]
    summary = article_tone.summarize(doc)
    assert summary["tone_mean"] == pytest.approx(expected["tone"].mean())


def test_voices_are_word_weighted_like_vader_columns():
    doc = _doc()
    runs = article_tone._runs(doc)
    quoted = [r for r in runs if r["voice"] == "quoted"]
    assert [r["text"] for r in quoted] == ["This is a disastrous betrayal,"]
    summary = article_tone.summarize(doc)
    assert summary["tone_quoted"] == pytest.approx(quoted[0]["tone"])
    assert summary["tone_quoted"] < -0.3  # "a disastrous betrayal"
    narrator = [r for r in runs if r["voice"] == "narrator" and r["words"]]
    weighted = sum(r["tone"] * r["words"] for r in narrator) / sum(r["words"] for r in narrator)
    assert summary["tone_narrator"] == pytest.approx(weighted)


def test_no_quotes_gives_nan_quoted_tone():
    summary = article_tone.summarize(_doc("Seoul and Beijing agreed to expand trade on Monday."))
    assert math.isnan(summary["tone_quoted"])
    assert not math.isnan(summary["tone_narrator"])


def test_tone_toward_each_group_uses_the_target_model_on_the_mention():
    doc = _doc()
    summary = article_tone.summarize(doc)
    rows = article_tone.toward_rows(doc)
    north = [r for r in rows if r["group"] == "north_korea"]
    assert len(north) == summary["n_tone_toward_north_korea"] == 1
    sentence = doc.sentences[north[0]["sentence"]]
    start = sentence.text.index("North Korea")
    vader = sentiment.score_text(sentence.text)
    expected = classify_tone_toward(sentence.text, start, start + len("North Korea"), vader=vader)
    assert summary["tone_toward_north_korea"] == pytest.approx(expected["tone"][0])
    assert doc.body[north[0]["start"]:north[0]["end"]] == "North Korea"
    assert summary["n_tone_toward_japan"] == 0 and math.isnan(summary["tone_toward_japan"])


def test_why_lists_full_sentences_and_the_words_that_moved_the_tone():
    doc = _doc()
    rows = evidence_for(doc, "tone_quoted")
    assert list(rows["text"]) == ["This is a disastrous betrayal,"]
    assert rows["top_terms"][0].startswith("vader:compound_neg (-")  # VADER reads "disastrous"
    explanation = tone.explain_tone(rows["text"][0], vader=sentiment.score_text(rows["text"][0]))
    assert rows["tone"][0] == pytest.approx(explanation.tone)
    toward = evidence_for(doc, "tone_toward_north_korea")
    assert list(toward["term"]) == ["North Korea"]
    assert toward["text"][0].startswith("North Korea fired two missiles")


def test_article_rows_are_the_reference_scorers_floats():
    """The per-article path (all sentences, then all mentions, scored together) gives exactly what
    scoring each text and each mention alone gives, possessives ("China's") and quotes included."""
    doc = _doc(BODY + "\n\nChina\u2019s envoy said Seoul would not \u201cbetray\u201d China, and "
               "Pyongyang's rulers didn't reply to Washington or to the U.S. envoy.")
    runs = article_tone._runs(doc)
    for run in runs:
        expected = tone.score_sentence(run["text"], sentiment.score_text(run["text"]))
        assert {k: run[k] for k in expected} == expected
    rows = article_tone.toward_rows(doc)
    assert {r["group"] for r in rows} >= {"china", "south_korea", "north_korea", "us"}
    for row in rows:
        sentence = doc.sentences[row["sentence"]]
        mention = next(m for i, m in article_tone.group_mentions(doc)
                       if i == row["sentence"] and doc.raw_span(m.nstart, m.nend) == (row["start"], row["end"]))
        expected = tone.score_toward(sentence.text, mention.nstart - sentence.nstart,
                                     mention.nend - sentence.nstart, sentiment.score_text(sentence.text))
        assert {k: row[k] for k in expected} == expected
