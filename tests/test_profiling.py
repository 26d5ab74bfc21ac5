"""`analysis.profile` on the bundled corpus: the contract's columns, each with a real value."""
from __future__ import annotations

import math

import pytest

import analysis
from analysis.profiling import CONTRACT_COLUMNS

from conftest import BUNDLED_CORPUS

FOCUS = "focus-2026-01-summit"
CDB = "cdb-2026-01-21-press-conference"
U002 = "unnamed002-2026-01-cctv-interview"
U003 = "unnamed003-2026-01-summit"
WAL = "wal-2025-06-phone-call"


@pytest.fixture(scope="module")
def table():
    return analysis.profile(analysis.load_corpus(BUNDLED_CORPUS)).set_index("article_id")


def test_contract_columns_come_first_in_order(table):
    assert list(table.reset_index().columns[:len(CONTRACT_COLUMNS)]) == CONTRACT_COLUMNS
    assert sorted(table.index) == [CDB, FOCUS, U002, U003, WAL]


def test_identity_columns(table):
    assert table.loc[FOCUS, "outlet"] == "Focus"
    assert table.loc[WAL, "event"] == "phone-call-2025-06"
    assert table.loc[CDB, "event"] == "press-conference-2026-01-21"
    assert table.loc[U002, "outlet"] == "Unnamed outlet 002"


def test_size_columns(table):
    assert table["words"].to_dict() == {CDB: 657, FOCUS: 744, U002: 801, U003: 853, WAL: 688}
    assert table["sentences"].to_dict() == {CDB: 23, FOCUS: 35, U002: 40, U003: 32, WAL: 26}


def test_sentiment_columns(table):
    assert table.loc[FOCUS, "sentiment_mean"] == pytest.approx(0.1453, abs=5e-4)
    assert table.loc[U003, "sentiment_mean"] == pytest.approx(0.4429, abs=5e-4)
    assert table.loc[WAL, "sentiment_narrator"] == pytest.approx(0.2075, abs=5e-4)
    assert table.loc[WAL, "sentiment_quoted"] == pytest.approx(0.4338, abs=5e-4)
    assert math.isnan(table.loc[U002, "sentiment_quoted"])  # no quotes: no quoted voice, not a zero


def test_hedging_columns(table):
    # 5 narrator hedges in 653 narrator words (CDB); 1 booster in 577 narrator words (WaL)
    assert table.loc[CDB, "hedge_rate"] == pytest.approx(7.657, abs=1e-3)
    assert table.loc[FOCUS, "booster_rate"] == 0.0
    assert table.loc[WAL, "booster_rate"] == pytest.approx(1.733, abs=1e-3)


def test_quote_columns(table):
    assert table["quote_count"].to_dict() == {CDB: 3, FOCUS: 22, U002: 0, U003: 6, WAL: 10}
    assert table.loc[FOCUS, "quoted_word_share"] == pytest.approx(0.2984, abs=5e-4)
    assert table.loc[U002, "quoted_word_share"] == 0.0


def test_emphasis_columns(table):
    assert (table.loc[FOCUS, "china_mentions"], table.loc[FOCUS, "us_mentions"]) == (31, 2)
    assert (table.loc[CDB, "china_mentions"], table.loc[CDB, "us_mentions"]) == (12, 15)
    assert table.loc[U002, "china_share"] == pytest.approx(19 / 20)
    assert (table.loc[U003, "china_prominence"], table.loc[U003, "us_prominence"]) == (40.0, 7.0)


def test_readability_column(table):
    assert table["flesch_reading_ease"].to_dict() == {CDB: 14.43, FOCUS: 32.01, U002: 17.73, U003: 14.11,
                                                      WAL: 34.02}


def test_who_said_three_feet_of_ice():
    quotes = analysis.quotes(analysis.load_corpus(BUNDLED_CORPUS))
    row = quotes[quotes["quote"].str.startswith("Three feet of ice does not melt all at once")].iloc[0]
    assert (row["article_id"], row["speaker"], row["affiliation"], row["kind"]) == (FOCUS, "Xi Jinping", "CN", "full")
