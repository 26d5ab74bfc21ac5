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


def test_fingerprint_colour_is_the_share_of_the_largest_value_not_a_z_score():
    table = pd.DataFrame({"a": [1.0, 3.0], "b": [20.0, 20.0], "c": [-0.5, 0.25], "d": [0.0, 0.0]},
                         index=pd.Index(["X", "Y"], name="outlet"))
    fig, data = charts.fingerprint_heatmap(table, {"a": "metric a"})
    assert bar_texts(fig) == ["1.00", "20", "-0.50", "0.00", "3.00", "20", "0.25", "0.00"]
    r = data.set_index(["outlet", "metric"])["relative_to_largest"]
    # a z-score would paint 1 against 3 as -1 against +1; the share keeps the ratio
    assert r[("X", "a")] == pytest.approx(1 / 3) and r[("Y", "a")] == 1.0
    assert r[("X", "b")] == 1.0 and r[("Y", "b")] == 1.0  # equal values, equal colour
    assert r[("X", "c")] == -1.0 and r[("Y", "c")] == 0.5
    assert r[("X", "d")] == 0.0  # all zero: no colour, not a division by zero


def test_thin_evidence_is_hollow_with_its_n_and_no_zero_width_interval():
    frame = pd.DataFrame({"outlet": ["A", "B", "C"], "voice": ["quoted"] * 3, "runs": [1, 3, 9],
                          "estimate": [0.8, 0.0, 0.2], "low": [0.8, 0.0, 0.1], "high": [0.8, 0.0, 0.3]})
    fig, _ = charts.dot_intervals(frame, "voice", "t", "x", n="runs", n_label="runs")
    ax = fig.axes[0]
    assert sorted(t.get_text() for t in ax.texts) == ["n=1", "n=3"]  # A: one run; B: no spread
    interval_lines = [ln for ln in ax.lines if len(ln.get_xdata()) == 2 and ln.get_linestyle() == "-"]
    assert [tuple(ln.get_xdata()) for ln in interval_lines] == [(0.1, 0.3)]  # only C has an interval
    hollow = [ln for ln in ax.lines if ln.get_markerfacecolor() == "white"]
    assert len(hollow) == 2
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-1].startswith("hollow: 2 or fewer runs")


def test_kind_panels_never_stack_hedges_boosters_and_distancing():
    frame = pd.DataFrame({"outlet": ["A", "A", "A", "B"], "kind": ["hedge", "hedge", "booster", "attribution"],
                          "category": ["modal", "approximator", "booster", "attribution"],
                          "rate": [2.0, 1.0, 4.0, 3.0]})
    fig, data = charts.kind_panels(frame, "rate", "t", "per 1,000", rows=["A", "B"])
    assert len(fig.axes) == 3
    widths = [sum(p.get_width() for p in ax.patches if p.get_y() < 0.5) for ax in fig.axes]  # row A
    assert widths == [3.0, 4.0, 0.0]  # hedges 2 + 1 stacked; boosters apart; no distancing
    assert set(data["kind"]) == {"hedge", "booster", "attribution"}


def test_legends_stand_right_of_the_axes():
    frame = pd.DataFrame({"outlet": ["A", "A"], "kind": ["full", "scare"], "n": [3, 1]})
    fig, _ = charts.stacked_bars(frame, "outlet", "kind", "n", "t", "x")
    fig.canvas.draw()
    legend = fig.axes[0].get_legend().get_window_extent()
    assert legend.x0 > fig.axes[0].get_window_extent().x1


def test_automatic_outlet_colours_are_colour_blind_safe_and_readable_on_white():
    from analysis.present.plotting import PALETTE, outlet_color

    def contrast(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        return 1.05 / (luminance + 0.05)

    assert all(contrast(c) >= 3.0 for c in PALETTE), [(c, round(contrast(c), 2)) for c in PALETTE]
    assert "#F0E442" not in PALETTE
    assert outlet_color("A New Outlet") in PALETTE and outlet_color("A New Outlet") == outlet_color("A New Outlet")


def test_coverage_matrix_marks_left_out_topics_and_scales_by_length():
    frame = pd.DataFrame({"outlet": ["X", "Y"], "article_id": ["x", "y"], "sentences": [10, 40],
                          "taiwan": [0, 3], "trade": [2, 2]})
    fig, data = charts.coverage_matrix(frame, {"taiwan": "Taiwan"})
    assert bar_texts(fig) == ["–", "20%\n(2)", "8%\n(3)", "5%\n(2)"]  # the same 2 sentences, not the same weight
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["Taiwan", "trade"]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["X (10 sentences)", "Y (40 sentences)"]
    assert data.equals(frame)
