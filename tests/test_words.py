"""Word choice and source selection: the log-odds estimator against a worked example, distinctive
words and labels on a corpus where one outlet says "regime" and the other "government", and one
statement quoted whole, trimmed and paraphrased by three outlets."""
import math

import pandas as pd
import pytest

from analysis import quotes as quotes_module
from analysis.compare import words
from analysis.corpus import Article, Corpus
from analysis.text import Doc


def _doc(article_id: str, outlet: str, body: str, event: str = "test-event") -> Doc:
    return Doc.from_article(Article(id=article_id, outlet=outlet, title=None, date="2026-01-05", event=event,
                                    language="en", body=body))


# ---------------------------------------------------------------- the estimator
def test_log_odds_matches_a_worked_example_from_the_definitions():
    # Group i: "regime" 4, "the" 6 (n_i = 10); group j: "government" 5, "the" 5 (n_j = 10).
    # Informative prior with alpha_0 = 10 from the pooled counts (regime 4, the 11, government 5 of 20):
    # alpha = regime 2, the 5.5, government 2.5.
    prior = words.informative_prior({"regime": 4, "the": 11, "government": 5}, prior_size=10)
    assert prior == {"regime": 2.0, "the": 5.5, "government": 2.5}
    table = words.log_odds_dirichlet({"regime": 4, "the": 6}, {"government": 5, "the": 5}, prior).set_index("term")
    # delta_w = log((y_i + a_w) / (n_i + a_0 - y_i - a_w)) - log((y_j + a_w) / (n_j + a_0 - y_j - a_w))
    expected_delta = {
        "regime": math.log(6 / 14) - math.log(2 / 18),          # = log(27/7)
        "the": math.log(11.5 / 8.5) - math.log(10.5 / 9.5),
        "government": math.log(2.5 / 17.5) - math.log(7.5 / 12.5),  # = log(5/21)
    }
    expected_variance = {"regime": 1 / 6 + 1 / 2, "the": 1 / 11.5 + 1 / 10.5, "government": 1 / 2.5 + 1 / 7.5}
    for term in expected_delta:
        assert table.at[term, "delta"] == pytest.approx(expected_delta[term], abs=1e-9)
        assert table.at[term, "variance"] == pytest.approx(expected_variance[term], abs=1e-9)
        assert table.at[term, "z"] == pytest.approx(
            expected_delta[term] / math.sqrt(expected_variance[term]), abs=1e-9)
    assert table.at["regime", "delta"] == pytest.approx(math.log(27 / 7), abs=1e-9)
    assert table.at["regime", "z"] == pytest.approx(1.6533158233377925, abs=1e-9)
    assert table.at["government", "z"] == pytest.approx(math.log(5 / 21) / math.sqrt(8 / 15), abs=1e-9)
    assert table.loc["regime", ["count_i", "count_j"]].tolist() == [4, 0]


def test_default_prior_is_the_pooled_counts():
    assert words.informative_prior({"a": 3, "b": 1}) == {"a": 3.0, "b": 1.0}
    assert words.informative_prior({"a": 3, "b": 1}, prior_size=2) == {"a": 1.5, "b": 0.5}
    assert words.informative_prior({}) == {}


# ---------------------------------------------------------------- regime against government
PLACES = ["Seoul", "Tokyo", "Busan", "Osaka", "Incheon"]


def _regime_corpus() -> list[Doc]:
    regime, government = [], []
    for i in range(15):
        place = PLACES[i % len(PLACES)]
        regime.append(f"The regime announced new trade rules in {place} on day {i + 1}.")
        government.append(f"The government announced new trade rules in {place} on day {i + 1}.")
    # Outlet B quotes a speaker who says "regime": the speaker's words, not the outlet's.
    quoted = ['"The regime cannot last," Kim said.', '"The regime is weak," Kim said.',
              '"This regime will fall," Kim said.']
    # Outlet A says as many narrator words outside the 15 sentences, so the totals are equal.
    regime += ["Markets rose.", "Markets fell.", "Markets rose."]
    return [_doc("a-1", "Outlet A", "\n\n".join(regime)),
            _doc("b-1", "Outlet B", "\n\n".join(government + quoted))]


def test_regime_and_government_are_each_outlets_top_term_and_shared_words_are_not():
    documents = _regime_corpus()
    table = words.distinctive_words(documents, voice="narrator")
    unigrams = table[table["ngram"] == 1]
    top = unigrams.groupby("outlet").head(1).set_index("outlet")
    assert top.at["Outlet A", "term"] == "regime"
    assert top.at["Outlet B", "term"] == "government"
    assert top.at["Outlet A", "z"] > words.Z_CRITICAL and top.at["Outlet B", "z"] > words.Z_CRITICAL
    assert (top.at["Outlet A", "count"], top.at["Outlet A", "count_others"]) == (15, 0)
    # Kim's three quoted "regime"s are not Outlet B's narrator words.
    rows = unigrams.set_index(["outlet", "term"])
    assert rows.at[("Outlet B", "regime"), "count"] == 0
    assert rows.at[("Outlet B", "regime"), "z"] < -words.Z_CRITICAL
    # A word both outlets use equally is no outlet's: z = 0.
    assert rows.at[("Outlet A", "announced"), "z"] == pytest.approx(0.0, abs=1e-12)
    assert not rows.at[("Outlet A", "announced"), "significant"]
    # Stop words are counted (the totals) but never shown; bigrams are there too.
    assert "the" not in set(table["term"]) and "on" not in set(table["term"])
    assert rows.at[("Outlet A", "regime"), "per_1000"] == pytest.approx(1000 * 15 / 171)  # 15 sentences of 11 words + 6
    assert ("Outlet A", "trade rules") in set(zip(table["outlet"], table["term"]))
    assert "the regime" not in set(table["term"])  # a bigram with a stop word at an end is not shown


def test_quoted_voice_is_counted_apart():
    table = words.distinctive_words(_regime_corpus(), voice="quoted", min_count=1)
    rows = table[table["ngram"] == 1].set_index(["outlet", "term"])
    assert rows.at[("Outlet B", "regime"), "count"] == 3
    assert ("Outlet B", "government") not in rows.index
    with pytest.raises(ValueError, match="voice must be one of"):
        words.distinctive_words(_regime_corpus(), voice="editor")


def test_min_count_and_one_outlet():
    documents = _regime_corpus()
    assert words.distinctive_words(documents, min_count=31).empty
    assert words.distinctive_words(documents[:1]).empty


def test_every_term_links_to_its_sentences():
    documents = _regime_corpus()
    evidence = words.word_evidence(documents, ["regime", "trade rules"], outlet="Outlet A")
    regime = evidence[evidence["term"] == "regime"]
    assert len(regime) == 15 and set(regime["article_id"]) == {"a-1"}
    assert regime["sentence"].tolist() == list(range(15))
    first = regime.iloc[0]
    assert first["text"] == "The regime announced new trade rules in Seoul on day 1."
    assert documents[0].body[first["start"]:first["end"]] == first["text"]
    assert len(evidence[evidence["term"] == "trade rules"]) == 15
    # narrator voice only: Kim's quoted "regime" sentences of Outlet B are not evidence
    assert words.word_evidence(documents, ["regime"], outlet="Outlet B").empty
    assert len(words.word_evidence(documents, ["regime"], voice="quoted", outlet="Outlet B")) == 3


# ---------------------------------------------------------------- labels
def test_labels_next_to_an_actor_group_by_rule():
    doc = _doc("a-1", "Outlet A", "The Chinese regime tightened controls. Analysts watched China's assertive "
                                  "posture. An increasingly assertive China said nothing. Trade with China, the "
                                  "largest trading partner, grew. The Chosun Daily reported that Xi suggested "
                                  "a delay. He used a smartphone Xi had given him.")
    found = pd.DataFrame(words.mention_labels(doc))
    phrases = set(zip(found["rule"], found["mention"], found["label"]))
    assert phrases == {("after", "Chinese", "regime"), ("possessive", "China", "assertive posture"),
                       ("before", "China", "increasingly assertive"),
                       ("apposition", "China", "largest trading partner")}
    assert set(found["group"]) == {"china"}
    assert found[found["label"] == "largest trading partner"]["word"].tolist() == ["largest", "trading", "partner"]


def test_labels_compared_across_outlets():
    regime = " ".join(f"On day {i} the Chinese regime spoke." for i in range(1, 16))
    government = " ".join(f"On day {i} the Chinese government spoke." for i in range(1, 16))
    documents = [_doc("a-1", "Outlet A", regime), _doc("b-1", "Outlet B", government)]
    table = words.labels(documents)
    assert len(table) == 30 and set(table["rule"]) == {"after"}
    compared = words.compare_labels(table)
    top = compared.groupby("outlet").head(1).set_index("outlet")
    assert top.at["Outlet A", "term"] == "regime" and top.at["Outlet B", "term"] == "government"
    assert top.at["Outlet A", "group"] == "china"
    assert top.at["Outlet A", "z"] > words.Z_CRITICAL
    assert top.at["Outlet A", "labels"] == "regime"


# ---------------------------------------------------------------- the same statement
STATEMENT = "We will restore trust with Beijing step by step, and we will keep our alliance with Washington strong"
SHARED = "The summit in Beijing was the first meeting of the two leaders this year."


def _statement_corpus() -> Corpus:
    articles = [
        Article(id="a-whole", outlet="Outlet A", title=None, date="2026-01-05", event="summit", language="en",
                body=f'"{STATEMENT}," President Lee Jae-myung said on Monday. {SHARED}\n\n'
                     '"Our economy comes first for every family," Lee Jae-myung said.'),
        Article(id="b-trimmed", outlet="Outlet B", title=None, date="2026-01-05", event="summit", language="en",
                body=f'"We will restore trust with Beijing step by step," President Lee Jae-myung said. {SHARED}'),
        Article(id="c-paraphrase", outlet="Outlet C", title=None, date="2026-01-05", event="summit",
                language="en", body="President Lee Jae-myung said Seoul would restore trust with China gradually "
                                    "while keeping its alliance strong. Markets rose."),
    ]
    return Corpus(articles)


def test_one_statement_whole_trimmed_and_paraphrased():
    corpus = _statement_corpus()
    table = quotes_module.quotes_table(corpus)
    assert set(table["speaker"]) == {"Lee Jae-myung"}
    documents = [Doc.from_article(a) for a in corpus.articles]
    alignment = words.align_quotes(table, documents)
    shared = alignment.shared()
    assert len(shared) == 1
    statement = shared.iloc[0]
    assert statement["quoted_by"] == "Outlet A, Outlet B"
    assert statement["paraphrased_by"] == "Outlet C"
    assert statement["text"] == STATEMENT + ","
    carried = alignment.carried[alignment.carried["statement"] == statement["statement"]].set_index("outlet")
    assert carried.at["Outlet A", "coverage"] == 1.0 and carried.at["Outlet A", "trimmed"] == ""
    assert carried.at["Outlet B", "carried"] == "We will restore trust with Beijing step by step"
    assert carried.at["Outlet B", "trimmed"] == "and we will keep our alliance with Washington strong"
    assert carried.at["Outlet B", "coverage"] == pytest.approx(9 / 18)
    paraphrase = alignment.paraphrases.set_index("outlet").loc["Outlet C"]
    assert paraphrase["article_id"] == "c-paraphrase" and paraphrase["sentence"] == 0
    assert paraphrase["shared"] == "alliance, keep, restore, strong, trust"
    assert paraphrase["share"] == pytest.approx(5 / 6)
    # carried by one outlet only: Outlet A's second quote
    alone = alignment.statements[alignment.statements["outlets"] == 1]
    assert alone["text"].tolist() == ["Our economy comes first for every family,"]
    assert alone["quoted_by"].tolist() == ["Outlet A"]


def test_paraphrase_needs_the_same_event_and_the_speaker_named():
    corpus = _statement_corpus()
    corpus.articles[2].event = "another-event"
    documents = [Doc.from_article(a) for a in corpus.articles]
    alignment = words.align_quotes(quotes_module.quotes_table(corpus), documents)
    assert alignment.paraphrases.empty
    corpus = _statement_corpus()
    corpus.articles[2].body = "Officials said Seoul would restore trust with China gradually while keeping its alliance strong."
    documents = [Doc.from_article(a) for a in corpus.articles]
    assert words.align_quotes(quotes_module.quotes_table(corpus), documents).paraphrases.empty


def test_passages_shared_verbatim():
    corpus = _statement_corpus()
    documents = [Doc.from_article(a) for a in corpus.articles]
    passages = words.shared_passages(documents)
    narrator = passages[~passages["quoted"]]
    assert len(narrator) == 1
    row = narrator.iloc[0]
    assert (row["article_a"], row["article_b"]) == ("a-whole", "b-trimmed")
    assert row["text"] == SHARED.rstrip(".") and row["tokens"] == 14
    assert documents[1].body[row["start_b"]:row["end_b"]] == SHARED.rstrip(".")
    # the trimmed quote is carried word for word too: 9 words, quoted text
    quoted = passages[passages["quoted"]]
    assert quoted["tokens"].tolist() == [9]
    assert words.shared_passages(documents, shingle=15).empty


def test_word_scatter_plots_the_terms_each_outlet_used_and_labels_the_strongest():
    import matplotlib

    matplotlib.use("Agg")
    from analysis.present import charts

    table = words.distinctive_words(_regime_corpus(), ngrams=(1,))
    fig, data = charts.word_scatter(table, "test", label_top=1)
    assert (data["count"] > 0).all()
    labelled = data[data["labelled"]]
    assert sorted(zip(labelled["outlet"], labelled["term"])) == [("Outlet A", "regime"), ("Outlet B", "government")]
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert texts == {"regime", "government"}


def test_a_partial_quote_inside_another_outlets_full_quote_is_the_same_statement():
    corpus = _statement_corpus()
    corpus.articles.append(Article(
        id="d-partial", outlet="Outlet D", title=None, date="2026-01-05", event="summit", language="en",
        body='President Lee Jae-myung promised to keep the alliance "with Washington strong" on Monday.'))
    table = quotes_module.quotes_table(corpus)
    assert table.loc[table["article_id"] == "d-partial", "kind"].tolist() == ["partial"]
    alignment = words.align_quotes(table, [Doc.from_article(a) for a in corpus.articles])
    statement = alignment.shared().iloc[0]
    assert statement["quoted_by"] == "Outlet A, Outlet B, Outlet D"
    carried = alignment.carried.set_index("outlet")
    assert carried.at["Outlet D", "carried"] == "with Washington strong"
    assert carried.at["Outlet D", "coverage"] == pytest.approx(3 / 18)
    assert carried.at["Outlet D", "kind"] == "partial"
