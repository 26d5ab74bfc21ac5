"""Sentence-level VADER sentiment: real corpus values, voice runs, actor-group sentences."""
from __future__ import annotations

import math

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import load_corpus
from analysis.metrics import sentiment
from analysis.text import Doc, normalize

from conftest import BUNDLED_CORPUS


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(BUNDLED_CORPUS)


@pytest.fixture(scope="module")
def docs(corpus):
    return {a.id: Doc.from_article(a) for a in corpus.articles}


def fixture_doc(body: str, quoted: list[tuple[str, int]] | None = None, title: str | None = None) -> Doc:
    """A Doc whose quoted spans are set by hand (text, occurrence) so the test does not depend on
    the quote rules: the voice layer reads its spans from doc.cache['quoted_spans']."""
    doc = Doc.from_text(body, title=title)
    spans = []
    for fragment, _ in quoted or []:
        start = doc.text.index(fragment)
        spans.append((start, start + len(fragment)))
    doc.cache["quoted_spans"] = sorted(spans)
    return doc


# ---------------------------------------------------------------- real corpus values
@pytest.mark.parametrize("article_id, mean, share_pos, share_neg", [
    ("cdb-2026-01-21-press-conference", 0.3989, 20 / 23, 1 / 23),
    ("focus-2026-01-summit", 0.1453, 19 / 35, 8 / 35),
    ("unnamed002-2026-01-cctv-interview", 0.2671, 23 / 40, 4 / 40),
    ("unnamed003-2026-01-summit", 0.4429, 27 / 32, 2 / 32),
    ("wal-2025-06-phone-call", 0.2433, 14 / 26, 5 / 26),
])
def test_article_means_and_shares(docs, article_id, mean, share_pos, share_neg):
    summary = sentiment.summarize(docs[article_id])
    assert round(summary["sentiment_mean"], 4) == mean
    assert summary["share_positive"] == pytest.approx(share_pos)
    assert summary["share_negative"] == pytest.approx(share_neg)


def test_focus_mean_to_three_decimals(docs):
    assert round(sentiment.summarize(docs["focus-2026-01-summit"])["sentiment_mean"], 3) == 0.145


def test_one_sentence_compound_and_span(corpus, docs):
    frame = sentiment.sentence_scores(docs["focus-2026-01-summit"])
    row = frame[(frame["sentence"] == 1) & (frame["voice"] == "all")].iloc[0]
    assert row["compound"] == -0.6486  # "... the abnormality of chaos and hostility ..."
    body = corpus.get("focus-2026-01-summit").body
    assert body[row["start"]:row["end"]].startswith("South Korean President Lee Jae Myung returned")
    assert body[row["start"]:row["end"]].endswith("Korean Peninsula.\"")
    assert (row["pos"], row["neu"], row["neg"]) == (0.076, 0.735, 0.189)


def test_whole_article_would_saturate(corpus, docs):
    """Why sentences: the whole article's compound is near +1, the sentence mean is not."""
    article = corpus.get("focus-2026-01-summit")
    whole = sentiment.score_text(docs[article.id].text)["compound"]
    assert whole > 0.99
    assert sentiment.summarize(docs[article.id])["sentiment_mean"] < 0.2


def test_headings_are_not_scored(docs):
    doc = docs["unnamed002-2026-01-cctv-interview"]
    frame = sentiment.sentence_scores(doc)
    headings = {s.index for s in doc.sentences if s.is_heading}
    assert headings and not headings & set(frame["sentence"])
    assert (frame["voice"] == "all").sum() == len(doc.text_sentences) == 40


def test_actor_group_sentences_on_corpus(docs):
    summary = sentiment.summarize(docs["cdb-2026-01-21-press-conference"])
    assert summary["n_sentences_china"] == 10
    assert summary["n_sentences_us"] == 12
    assert round(summary["sentiment_china"], 4) == 0.5452
    assert round(summary["sentiment_us"], 4) == 0.4658
    other = sentiment.summarize(docs["unnamed002-2026-01-cctv-interview"])
    assert other["n_sentences_north_korea"] == 0 and math.isnan(other["sentiment_north_korea"])


def test_actor_evidence_matches_summary(docs):
    doc = docs["wal-2025-06-phone-call"]
    evidence = sentiment.actor_sentiment_evidence(doc)
    summary = sentiment.summarize(doc)
    china = evidence[evidence["group"] == "china"].drop_duplicates("sentence")
    assert len(china) == summary["n_sentences_china"] == 16
    assert china["compound"].mean() == pytest.approx(summary["sentiment_china"])
    # Every evidence span is the matched term in the raw body.
    body = doc.body
    for row in evidence.itertuples():
        assert normalize(body[row.start:row.end])[0] == row.term
    assert list(evidence.columns)[:3] == ["article_id", "sentence", "group"]


# ---------------------------------------------------------------- voices (fixtures)
def test_voice_runs_are_scored_apart():
    body = 'The talks were a disaster. Lee said, "This is a wonderful and happy day."'
    doc = fixture_doc(body, quoted=[("This is a wonderful and happy day.", 0)])
    frame = sentiment.sentence_scores(doc)
    assert list(frame["voice"]) == ["all", "narrator", "all", "narrator", "quoted", "narrator"]
    quoted = frame[frame["voice"] == "quoted"].iloc[0]
    assert quoted["compound"] > 0.5
    assert body[quoted["start"]:quoted["end"]] == "This is a wonderful and happy day."
    summary = sentiment.summarize(doc)
    assert summary["sentiment_quoted"] == pytest.approx(quoted["compound"])
    assert summary["sentiment_narrator"] < 0  # "disaster" is the narrator's, the praise is Lee's


def test_narrator_is_word_weighted():
    body = ('The summit ended in a terrible, humiliating and costly failure for everyone there. '
            '"Great," he said.')
    doc = fixture_doc(body, quoted=[("Great,", 0)])
    frame = sentiment.sentence_scores(doc)
    narrator = frame[frame["voice"] == "narrator"]
    expected = (narrator["compound"] * narrator["words"]).sum() / narrator["words"].sum()
    assert sentiment.summarize(doc)["sentiment_narrator"] == pytest.approx(expected)
    assert expected != pytest.approx(narrator["compound"].mean())


def test_no_quotes_gives_nan_quoted_and_reuses_scores():
    doc = fixture_doc("China welcomed the plan. The US was worried.")
    summary = sentiment.summarize(doc)
    assert math.isnan(summary["sentiment_quoted"])
    frame = sentiment.sentence_scores(doc)
    assert set(frame["voice"]) == {"all", "narrator"}
    # A sentence without quotes: its narrator run has the sentence's own score.
    pairs = frame.groupby("sentence")["compound"].nunique()
    assert (pairs == 1).all()
    assert summary["n_sentences_china"] == 1 and summary["n_sentences_us"] == 1
    assert summary["sentiment_china"] > 0 > summary["sentiment_us"]


def test_pronoun_us_is_not_the_us():
    doc = fixture_doc("Let us hope for peace. They told us nothing.")
    summary = sentiment.summarize(doc)
    assert summary["n_sentences_us"] == 0 and math.isnan(summary["sentiment_us"])


def test_thresholds_are_vaders():
    doc = fixture_doc("It was good. It was bad. It was a table.")
    summary = sentiment.summarize(doc)
    assert summary["share_positive"] == pytest.approx(1 / 3)
    assert summary["share_negative"] == pytest.approx(1 / 3)


def test_empty_body_summary_is_nan():
    doc = fixture_doc("## Only a heading")
    summary = sentiment.summarize(doc)
    assert math.isnan(summary["sentiment_mean"]) and math.isnan(summary["share_positive"])


def test_scores_are_cached_once_per_doc(monkeypatch):
    doc = fixture_doc('He said, "We are glad." They agreed.', quoted=[("We are glad.", 0)])
    calls = []
    real = sentiment.score_text
    monkeypatch.setattr(sentiment, "score_text", lambda t: calls.append(t) or real(t))
    sentiment.summarize(doc)
    sentiment.sentence_scores(doc)
    sentiment.actor_sentiment_evidence(doc)
    assert len(calls) == len(set(calls))  # no text scored twice
    assert "They agreed." in calls and calls.count("They agreed.") == 1


# ---------------------------------------------------------------- fast path equals VADER
TRICKY = [
    "", '"', '," he said.', "It is not good at all!!!", "It was kind of great, but the food was BAD.",
    "No problem, no worries.", "The plan is GREAT and the mood is calm", "I don't love it, nor hate it",
    "Extremely happy :) and somewhat sad :(", "  He was  the bomb  ", "He has the upper hand.",
    "Never so bad?!", "café au lait was wonderful", "Great 😀 news", "least bad", "kind of",
]


def test_score_text_equals_vader_everywhere(docs):
    vader = SentimentIntensityAnalyzer()  # stock vaderSentiment: the oracle
    texts = set(TRICKY)
    for doc in docs.values():
        texts.update(sentiment.sentence_scores(doc)["text"])
        texts.update(doc.text[p.nstart:p.nend] for p in doc.paragraphs)
    assert len(texts) > 300
    for text in sorted(texts):
        assert sentiment.score_text(text) == vader.polarity_scores(text), text
