"""What the notebooks call (analysis/tables.py), on the two-article mini corpus: the knobs the
notebooks expose (lexicon, actor groups) change the numbers as they should, and bad knobs fail
with the valid names."""
from __future__ import annotations

import pytest

from analysis import load_corpus
from analysis.compare import tables
from analysis.profiling import profile_article

from conftest import MINI_CORPUS

ONE_WORD_LEXICON = """\
sources:
  own: Test lexicon.
categories:
  - id: closeness
    kind: hedge
    description: One test word.
    sources: [own]
    items: [closely]
"""


@pytest.fixture(scope="module")
def documents():
    return tables.docs(load_corpus(MINI_CORPUS))


def test_default_lexicon_finds_the_analysts_hedge(documents):
    evidence = tables.hedging_evidence(documents)
    hedges = evidence[evidence["kind"] == "hedge"]
    assert "could" in set(hedges["term"].str.lower())
    assert "closely" not in set(evidence["term"].str.lower())


def test_a_custom_lexicon_replaces_the_default(documents, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(ONE_WORD_LEXICON, encoding="utf-8")
    evidence = tables.hedging_evidence(documents, str(path))
    assert evidence["term"].str.lower().tolist() == ["closely"]
    assert evidence["category"].tolist() == ["closeness"]
    by_category = tables.hedging_by_category(documents, str(path))
    row = by_category.iloc[0]
    assert (row["outlet"], row["category"], row["matches"]) == ("Other Daily", "closeness", 1)
    assert row["rate"] == pytest.approx(1000.0 / row["narrator_words"])
    rates = tables.hedging_rates(documents, str(path)).set_index(["outlet", "kind"])
    assert rates.loc[("Test Wire", "hedge"), "estimate"] == 0.0
    assert rates.loc[("Other Daily", "hedge"), "estimate"] == pytest.approx(row["rate"])


def test_actor_sentiment_only_for_the_groups_asked(documents):
    table = tables.actor_sentiment(documents, ["china"])
    assert set(table["group"]) == {"china"}
    assert set(table["outlet"]) == {"Test Wire", "Other Daily"}
    assert (table["low"] <= table["estimate"]).all() and (table["estimate"] <= table["high"]).all()


def test_unknown_actor_group_lists_the_valid_ones(documents):
    with pytest.raises(ValueError, match=r"unknown actor group\(s\) 'mars'; valid groups: .*china.*north_korea"):
        tables.actor_sentiment(documents, ["china", "mars"])


def test_quote_kinds_are_scaled_to_length_with_a_row_per_kind(documents):
    rates = tables.quote_kind_rates(documents)
    assert sorted(rates["outlet"].unique()) == sorted({d.article.outlet for d in documents})
    assert len(rates) == 3 * rates["outlet"].nunique()  # zeros kept
    quotes = tables.quote_rows(documents)
    for row in rates.itertuples():
        count = int(((quotes["outlet"] == row.outlet) & (quotes["kind"] == row.kind)).sum())
        assert row.quotes == count and row.per_1000 == pytest.approx(1000 * count / row.words)
    assert rates["quotes"].sum() == len(quotes) > 0


def test_an_outlet_with_only_scare_quotes_is_not_said_to_have_no_quotes():
    import pandas as pd

    quotes = pd.DataFrame({"outlet": ["A", "B", "B"], "kind": ["full", "scare", "scare"]})
    labels = tables.empty_quote_labels(quotes, ["A", "B", "C"], ["full", "partial"])
    assert labels == {"A": "no quotes", "B": "only scare quotes", "C": "no quotes"}


def test_evidence_in_whole_sentences(documents):
    evidence = tables.in_sentences(tables.hedging_evidence(documents), documents)
    could = evidence[evidence["term"].str.lower() == "could"].iloc[0]
    assert "[[could]]" in could["marked"] and could["marked"].startswith("Analysts said")


def test_voice_tone_equals_the_profile_columns_of_a_one_article_outlet(documents):
    table = tables.voice_tone(documents)
    checked = 0
    for document in documents:
        outlet = document.article.outlet
        if sum(d.article.outlet == outlet for d in documents) != 1:
            continue
        row = profile_article(document.article)
        narrator = table[(table["outlet"] == outlet) & (table["voice"] == "narrator")]
        assert narrator["estimate"].iloc[0] == pytest.approx(row["tone_narrator"])
        checked += 1
    assert checked == 2  # the mini corpus's two outlets have one article each


def test_actor_tone_counts_mentions_and_refuses_unknown_groups(documents):
    table = tables.actor_tone(documents, ["china"])
    expected = sum(profile_article(d.article)["n_tone_toward_china"] for d in documents)
    assert table["mentions"].sum() == expected > 0
    with pytest.raises(ValueError, match="valid groups"):
        tables.actor_tone(documents, ["atlantis"])
