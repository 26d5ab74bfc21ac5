"""Seeded bootstrap: determinism, coverage, rates, outlet comparisons on the corpus."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import load_corpus
from analysis.base import config
from analysis.compare import bootstrap as uncertainty
from analysis.metrics import sentiment
from analysis.text import Doc

from conftest import BUNDLED_CORPUS


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(BUNDLED_CORPUS)


@pytest.fixture(scope="module")
def frame(corpus):
    return uncertainty.sentence_frame(corpus)


# ---------------------------------------------------------------- bootstrap_ci
def test_bootstrap_is_deterministic_and_seeded():
    values = np.random.default_rng(1).normal(size=40)
    first = uncertainty.bootstrap_ci(values)
    assert first == uncertainty.bootstrap_ci(values)
    assert first == uncertainty.bootstrap_ci(values, seed=config.BOOTSTRAP_SEED)
    assert first != uncertainty.bootstrap_ci(values, seed=config.BOOTSTRAP_SEED + 1)
    estimate, low, high = first
    assert estimate == pytest.approx(values.mean())
    assert low < estimate < high


def test_small_known_values():
    assert uncertainty.bootstrap_ci([1, 2, 3, 4, 5]) == (3.0, 1.8, 4.2)
    assert uncertainty.bootstrap_ci([1, 2, 3, 4, 5], statistic=np.median) == (3.0, 1.0, 5.0)
    # A statistic without `axis` is called once per resample and gives the same answer.
    assert uncertainty.bootstrap_ci([1, 2, 3, 4, 5], statistic=lambda x: float(np.median(x))) == (
        3.0, 1.0, 5.0)


def test_edge_cases():
    assert all(math.isnan(v) for v in uncertainty.bootstrap_ci([]))
    assert uncertainty.bootstrap_ci([0.3]) == (0.3, 0.3, 0.3)
    assert uncertainty.bootstrap_ci([0.5, 0.5, 0.5]) == (0.5, 0.5, 0.5)
    assert uncertainty.bootstrap_ci([1.0, float("nan"), 3.0])[0] == 2.0  # NaN dropped
    with pytest.raises(ValueError):
        uncertainty.bootstrap_ci([1.0, 2.0], level=95)
    with pytest.raises(ValueError):
        uncertainty.bootstrap_ci([1.0, 2.0], resamples=0)


def test_wider_level_gives_wider_interval():
    values = np.random.default_rng(2).normal(size=30)
    _, low90, high90 = uncertainty.bootstrap_ci(values, level=0.90)
    _, low99, high99 = uncertainty.bootstrap_ci(values, level=0.99)
    assert low99 < low90 and high99 > high90


def test_coverage_sanity():
    """Percentile intervals for a mean of 50 normal draws cover the true mean about 95% of the time."""
    rng = np.random.default_rng(7)
    covered = 0
    trials = 300
    for trial in range(trials):
        sample = rng.normal(loc=0.2, scale=1.0, size=50)
        _, low, high = uncertainty.bootstrap_ci(sample, resamples=500, seed=trial)
        covered += low <= 0.2 <= high
    assert 0.89 <= covered / trials <= 0.99


def test_chunked_resampling_matches_size():
    """Large inputs are resampled in chunks; the number of replicates stays `resamples`."""
    assert sum(uncertainty._chunks(2000, 10)) == 2000
    assert sum(uncertainty._chunks(2000, 100_000)) == 2000
    assert max(uncertainty._chunks(2000, 100_000)) * 100_000 <= uncertainty._CHUNK_CELLS


# ---------------------------------------------------------------- rates
def test_rate_ci():
    counts = [1, 0, 2, 0, 1, 0]
    words = [10, 20, 10, 20, 20, 20]
    estimate, low, high = uncertainty.bootstrap_rate_ci(counts, words)
    assert estimate == pytest.approx(1000 * 4 / 100)
    assert 0 <= low < estimate < high
    assert uncertainty.rate([0], [0]) != uncertainty.rate([0], [0])  # NaN without words
    with pytest.raises(ValueError):
        uncertainty.bootstrap_rate_ci([1, 2], [10])


# ---------------------------------------------------------------- sentence frames and outlets
def test_sentence_frame_on_corpus(corpus, frame):
    assert list(frame.columns) == uncertainty.SENTENCE_COLUMNS
    assert frame.groupby("outlet").size().to_dict() == {
        "China Daily Brief": 23, "Focus": 35, "Unnamed outlet 002": 40,
        "Unnamed outlet 003": 32, "WaL": 26}
    assert (frame["narrator_words"] + frame["quoted_words"] <= frame["words"] + 2).all()
    row = frame[(frame["article_id"] == "focus-2026-01-summit") & (frame["sentence"] == 1)].iloc[0]
    assert row["compound"] == -0.6486


def test_outlet_intervals_on_corpus(corpus, frame):
    table = uncertainty.outlet_intervals(frame, "compound")
    cdb = table[table["outlet"] == "China Daily Brief"].iloc[0]
    doc = Doc.from_article(corpus.get("cdb-2026-01-21-press-conference"))
    assert cdb["estimate"] == sentiment.summarize(doc)["sentiment_mean"]
    assert (round(cdb["low"], 3), round(cdb["high"], 3)) == (0.241, 0.541)
    assert (table["low"] <= table["estimate"]).all() and (table["estimate"] <= table["high"]).all()
    assert table["outlet"].tolist() == sorted(table["outlet"])


def test_same_input_same_bytes_regardless_of_row_order(frame):
    first = uncertainty.outlet_intervals(frame, "compound").to_csv(index=False)
    shuffled = frame.sample(frac=1.0, random_state=3)
    assert uncertainty.outlet_intervals(shuffled, "compound").to_csv(index=False) == first
    a = uncertainty.compare_outlets(frame, "compound", a="Focus", b="WaL")
    assert a == uncertainty.compare_outlets(shuffled, "compound", a="Focus", b="WaL")


def test_compare_outlets_on_corpus(frame):
    result = uncertainty.compare_outlets(frame, "compound", a="Unnamed outlet 003", b="Focus")
    assert result["diff"] == pytest.approx(result["estimate_a"] - result["estimate_b"])
    assert round(result["diff"], 3) == 0.298
    assert result["survives"] and result["low"] > 0
    close = uncertainty.compare_outlets(frame, "compound", a="Unnamed outlet 002", b="WaL")
    assert not close["survives"] and close["low"] < 0 < close["high"]


def test_compare_outlets_synthetic():
    rng = np.random.default_rng(11)
    rows = pd.DataFrame({
        "outlet": ["A"] * 60 + ["B"] * 60 + ["C"] * 60,
        "value": np.concatenate([rng.normal(0.5, 0.2, 60), rng.normal(0.0, 0.2, 60),
                                 rng.normal(0.5, 0.2, 60)]),
    })
    assert uncertainty.compare_outlets(rows, "value", a="A", b="B")["survives"]
    assert not uncertainty.compare_outlets(rows, "value", a="A", b="C")["survives"]
    default = uncertainty.compare_outlets(rows, "value")
    assert (default["a"], default["b"]) == ("A", "B")
    with pytest.raises(ValueError):
        uncertainty.compare_outlets(rows, "value", a="A", b="Z")


def test_rate_comparison_with_counts():
    """Hedges per 1,000 narrator words: counts added from an evidence table, then compared."""
    frame = pd.DataFrame({
        "outlet": ["A"] * 40 + ["B"] * 40,
        "article_id": ["a"] * 40 + ["b"] * 40,
        "sentence": list(range(40)) * 2,
        "narrator_words": [20] * 80,
    })
    evidence = pd.DataFrame({
        "article_id": ["a"] * 30 + ["b"] * 2,
        "sentence": list(range(30)) + [0, 1],
        "voice": ["narrator"] * 29 + ["quoted"] + ["narrator"] * 2,
    })
    counted = uncertainty.add_counts(frame, evidence, "hedges", where=lambda e: e["voice"] == "narrator")
    assert counted["hedges"].sum() == 31
    table = uncertainty.outlet_intervals(counted, "hedges", statistic="rate", words_col="narrator_words")
    assert table["estimate"].tolist() == pytest.approx([1000 * 29 / 800, 1000 * 2 / 800])
    result = uncertainty.compare_outlets(counted, "hedges", statistic="rate",
                                         words_col="narrator_words", a="A", b="B")
    assert result["survives"] and result["diff"] == pytest.approx(1000 * 27 / 800)


def test_unknown_statistic():
    rows = pd.DataFrame({"outlet": ["A", "B"], "value": [1.0, 2.0]})
    with pytest.raises(ValueError, match="statistic"):
        uncertainty.outlet_intervals(rows, "value", statistic="median")
