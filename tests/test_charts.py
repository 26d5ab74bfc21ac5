"""Figures built from small frames (analysis/charts.py): the plotted data returned beside each
figure is what the figure shows, and every requested row is drawn."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.present import charts


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def bar_texts(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


def test_stacked_bars_keep_a_row_for_an_outlet_with_nothing_to_stack():
    frame = pd.DataFrame({"outlet": ["A", "A", "C"], "kind": ["full", "scare", "full"], "n": [3, 1, 2]})
    fig, data = charts.stacked_bars(frame, "outlet", "kind", "n", "t", "x", rows=["A", "B", "C"],
                                    empty_label="no quotes")
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["A", "B", "C"]
    assert "no quotes" in bar_texts(fig)
    table = data.set_index(["outlet", "kind"])["n"]
    assert table[("B", "full")] == 0 and table[("A", "full")] == 3 and table[("C", "scare")] == 0


def test_stacked_bars_shares_sum_to_one_and_labels_are_rounded():
    frame = pd.DataFrame({"outlet": ["A", "A", "B"], "aff": ["CN", "KR", "KR"], "w": [1, 3, 5]})
    fig, data = charts.stacked_bars(frame, "outlet", "aff", "w", "t", "x", normalize=True)
    shares = data.groupby("outlet")["share"].sum()
    assert shares.round(9).tolist() == [1.0, 1.0]
    assert sorted(bar_texts(fig)) == ["100%", "25%", "75%"]


def test_stacked_bar_labels_show_one_decimal_and_legend_has_spaces():
    frame = pd.DataFrame({"outlet": ["A", "A"], "category": ["epistemic_verb", "modal"], "rate": [5.74713, 2.0]})
    fig, _ = charts.stacked_bars(frame, "outlet", "category", "rate", "t", "x")
    assert sorted(bar_texts(fig)) == ["2", "5.7"]
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["epistemic verb", "modal"]


def test_fingerprint_cells_show_raw_values_coloured_by_z_score():
    table = pd.DataFrame({"a": [1.0, 3.0], "b": [20.0, 20.0]}, index=pd.Index(["X", "Y"], name="outlet"))
    fig, data = charts.fingerprint_heatmap(table, {"a": "metric a"})
    assert bar_texts(fig) == ["1.00", "20", "3.00", "20"]
    z = data.set_index(["outlet", "metric"])["z_score"]
    assert z[("X", "a")] == -1.0 and z[("Y", "a")] == 1.0
    assert z[("X", "b")] == 0.0  # no spread: no colour, not a division by zero


def test_coverage_matrix_marks_left_out_topics():
    frame = pd.DataFrame({"outlet": ["X", "Y"], "article_id": ["x", "y"], "taiwan": [0, 3], "trade": [2, 1]})
    fig, data = charts.coverage_matrix(frame, {"taiwan": "Taiwan"})
    assert bar_texts(fig) == ["–", "2", "3", "1"]
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["Taiwan", "trade"]
    assert data.equals(frame)
