"""China-versus-US emphasis: counts, shares, prominence and positions on the corpus and fixtures."""
from __future__ import annotations

import math

import pytest

from analysis import load_corpus
from analysis.metrics import emphasis
from analysis.text import Doc, normalize

from conftest import BUNDLED_CORPUS


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(BUNDLED_CORPUS)


@pytest.fixture(scope="module")
def docs(corpus):
    return {a.id: Doc.from_article(a) for a in corpus.articles}


def fixture_doc(body: str, title: str | None = None) -> Doc:
    doc = Doc.from_text(body, title=title)
    doc.cache["quoted_spans"] = []  # no quotes: keep the voice layer out of these tests
    return doc


# ---------------------------------------------------------------- real corpus values
@pytest.mark.parametrize("article_id, china, us, share", [
    ("cdb-2026-01-21-press-conference", 12, 15, 12 / 27),
    ("focus-2026-01-summit", 31, 2, 31 / 33),
    ("unnamed002-2026-01-cctv-interview", 19, 1, 19 / 20),
    ("unnamed003-2026-01-summit", 33, 7, 33 / 40),
    ("wal-2025-06-phone-call", 24, 9, 24 / 33),
])
def test_corpus_counts_and_china_share(docs, article_id, china, us, share):
    summary = emphasis.summarize(docs[article_id])
    assert (summary["china_mentions"], summary["us_mentions"]) == (china, us)
    assert summary["china_share"] == pytest.approx(share)


def test_cdb_details(docs):
    """The one article that names the US more than China: 'U.S.' 8 times, 'Washington' 5."""
    summary = emphasis.summarize(docs["cdb-2026-01-21-press-conference"])
    assert round(summary["china_share"], 3) == 0.444
    assert summary["china_per_1000"] == pytest.approx(1000 * 12 / 657)
    assert summary["us_per_1000"] == pytest.approx(1000 * 15 / 657)
    assert summary["china_sentence_share"] == pytest.approx(10 / 23)
    assert summary["us_sentence_share"] == pytest.approx(12 / 23)
    assert summary["both_sentences"] == 7
    # Title "... Seeks Reset with Beijing ..." (3) + lead China (2) + 10 body mentions (1 each).
    assert summary["china_prominence"] == 3 + 2 + 10
    assert summary["us_prominence"] == 2 + 14  # lead "U.S.-North Korea" (2), 14 later mentions
    assert summary["china_first_position"] == 0.0
    assert summary["north_korea_mentions"] == 10


def test_focus_us_first_mention_is_late(docs):
    summary = emphasis.summarize(docs["focus-2026-01-summit"])
    doc = docs["focus-2026-01-summit"]
    # First US mention: "Seoul and Washington agreed in 2016" in sentence 12 of 38 (0-based).
    assert summary["us_first_position"] == pytest.approx(12 / (len(doc.sentences) - 1))
    assert summary["us_mentions"] == 2 and summary["both_sentences"] == 0
    assert summary["japan_mentions"] == 1  # "Sea of Japan"


def test_wal_has_no_title_and_pronoun_us_not_counted(corpus, docs):
    evidence = emphasis.mention_evidence(docs["wal-2025-06-phone-call"])
    assert not (evidence["location"] == "title").any()
    body = corpus.get("wal-2025-06-phone-call").body
    assert "cooperate with us" in body
    us_terms = evidence.loc[evidence["group"] == "us", "term"].tolist()
    assert "us" not in us_terms and us_terms.count("US") == 4
    actors = evidence.loc[evidence["group"] == "us", "actor"].dropna().unique().tolist()
    assert actors == ["Donald Trump"]


def test_lee_name_variants_resolve_to_one_actor(corpus, docs):
    """Lee Jae-myung, Lee Jae Myung, Lee Jae‑myung (U+2011, raw) and Lee Jae-myong: one actor."""
    surface = {}
    for article_id, doc in docs.items():
        evidence = emphasis.mention_evidence(doc)
        article = corpus.get(article_id)
        for row in evidence[evidence["term"].str.contains("Lee Jae")].itertuples():
            source = article.title if row.location == "title" else article.body
            raw = source[row.start:row.end]
            surface.setdefault(raw.split("Lee ", 1)[1], set()).add(row.actor)
    assert {"Jae-myung", "Jae Myung", "Jae\u2011myung", "Jae-myong", "Jae-Myung"} <= set(surface)
    assert set().union(*surface.values()) == {"Lee Jae-myung"}


def test_evidence_spans_point_at_terms(corpus, docs):
    for article_id, doc in docs.items():
        article = corpus.get(article_id)
        evidence = emphasis.mention_evidence(doc)
        for row in evidence.itertuples():
            source = article.title if row.location == "title" else article.body
            assert normalize(source[row.start:row.end])[0] == row.term
        body = evidence[evidence["location"] == "body"]
        assert body["position"].between(0, 1).all()
        assert (body["start"].diff().dropna() >= 0).all()  # text order


def test_beijing_washington_xi_trump_are_groups():
    doc = fixture_doc("Beijing and Washington spoke. Xi called Trump.")
    evidence = emphasis.mention_evidence(doc)
    assert list(zip(evidence["group"], evidence["term"])) == [
        ("china", "Beijing"), ("us", "Washington"), ("china", "Xi"), ("us", "Trump")]


# ---------------------------------------------------------------- fixtures: edge cases
def test_no_mentions_gives_nan_share():
    summary = emphasis.summarize(fixture_doc("Seoul held talks with Tokyo. Nothing else happened."))
    assert math.isnan(summary["china_share"])
    assert summary["china_mentions"] == summary["us_mentions"] == 0
    assert math.isnan(summary["china_first_position"]) and math.isnan(summary["us_first_position"])
    assert summary["china_prominence"] == 0 and summary["both_sentences"] == 0
    assert summary["japan_mentions"] == 1 and summary["south_korea_mentions"] == 1


def test_pronoun_us_not_counted():
    doc = fixture_doc("Let us be clear. The US and the U.S. Navy told us so. US-led drills began.")
    summary = emphasis.summarize(doc)
    assert summary["us_mentions"] == 3
    assert summary["china_share"] == 0.0


def test_title_and_lead_weighting():
    doc = fixture_doc("China spoke first.\n\nLater, China and the US met.\n\nChina left.",
                      title="China warns")
    summary = emphasis.summarize(doc)
    assert summary["china_mentions"] == 4
    assert summary["china_prominence"] == 3 + 2 + 1 + 1
    assert summary["us_prominence"] == 1
    heavier = emphasis.summarize(doc, weights={"title": 10})
    assert heavier["china_prominence"] == 10 + 2 + 1 + 1
    evidence = emphasis.mention_evidence(doc)
    assert evidence.iloc[0][["location", "sentence", "start", "end", "weight"]].tolist() == [
        "title", -1, 0, 5, 3.0]
    assert evidence["in_lead"].tolist() == [False, True, False, False, False]


def test_positions_and_both_sentences():
    doc = fixture_doc("Seoul waited. China spoke. The US and China met. Seoul left. America watched.")
    summary = emphasis.summarize(doc)
    assert summary["china_first_position"] == pytest.approx(1 / 4)
    assert summary["us_first_position"] == pytest.approx(2 / 4)
    assert summary["both_sentences"] == 1
    assert summary["china_sentence_share"] == pytest.approx(2 / 5)
    assert summary["us_per_1000"] == pytest.approx(1000 * 2 / 13)


def test_headings_count_but_are_not_sentences():
    doc = fixture_doc("## China policy\n\nSeoul spoke about trade.")
    summary = emphasis.summarize(doc)
    assert summary["china_mentions"] == 1
    assert summary["china_sentence_share"] == 0.0  # one text sentence, no China in it
    assert summary["china_prominence"] == emphasis.DEFAULT_WEIGHTS["heading"]


def test_title_offsets_are_raw():
    doc = fixture_doc("Body text.", title="Lee Jae\u2011myung \u201cmeets\u201d China\u2019s Xi")
    evidence = emphasis.mention_evidence(doc)
    title = "Lee Jae\u2011myung \u201cmeets\u201d China\u2019s Xi"
    rows = evidence[evidence["location"] == "title"]
    assert [title[s:e] for s, e in zip(rows["start"], rows["end"])] == [
        "Lee Jae\u2011myung", "China", "Xi"]


def test_unknown_weight_rejected():
    with pytest.raises(ValueError, match="unknown weight"):
        emphasis.summarize(fixture_doc("China."), weights={"headline": 5})
