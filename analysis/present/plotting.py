"""One place for figure style and saving: sizes, dpi, fonts, one fixed colour per outlet.

`save_figure` writes the PNG (200 dpi) and an SVG for print with fixed metadata (byte-identical run
to run) and the plotted data as CSV beside them, all atomically. The SVGs are files in figures/,
never notebook outputs (nbval compares SVG outputs; the notebooks show the PNG).
"""
from __future__ import annotations

import zlib
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from ..base import config
from ..base.io import atomic_path, write_table

#: Colours for outlets without a fixed one: colour-blind-safe sets (Paul Tol's "muted" and Okabe-Ito
#: blue and vermilion), keeping only colours with at least 3:1 contrast on white (WCAG 2.1 for
#: graphics), so no pale yellow, sky blue or grey (tests/test_charts.py checks the ratio).
PALETTE = ["#332288", "#117733", "#882255", "#0072B2", "#AA4499", "#D55E00", "#999933", "#CC6677"]
#: The bundled outlets keep these colours in every figure (Okabe-Ito; WaL's orange, 2.3:1 on white,
#: became Tol's wine); any other outlet gets a stable one from PALETTE.
OUTLET_COLORS = {
    "China Daily Brief": "#D55E00",
    "Focus": "#0072B2",
    "Unnamed outlet 002": "#009E73",
    "Unnamed outlet 003": "#CC79A7",
    "WaL": "#882255",
}
#: Actor-group colours (China red, US blue, the Koreas and others muted).
GROUP_COLORS = {
    "china": "#C0392B", "us": "#1F4E9A", "south_korea": "#5DA5DA", "north_korea": "#555555",
    "japan": "#B07AA1", "taiwan": "#59A14F",
}
FIGSIZE = (8.0, 4.5)
#: Inline (notebook) resolution, and the resolution of the saved PNG files (print quality).
DPI = 110
SAVE_DPI = 200
#: A value from this many items (sentences, quotes, cues) or fewer is drawn as thin evidence.
THIN_N = 2


def apply_style() -> None:
    """Set the suite's matplotlib style (call once per notebook)."""
    plt.rcParams.update({
        "figure.figsize": FIGSIZE,
        "figure.dpi": DPI,
        "savefig.dpi": DPI,
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": False,
        "legend.frameon": False,
        "svg.hashsalt": "framing-suite",
        "path.simplify": True,
    })


def outlet_color(outlet: str) -> str:
    """The outlet's fixed colour; an outlet not in OUTLET_COLORS gets one from a stable hash."""
    if outlet in OUTLET_COLORS:
        return OUTLET_COLORS[outlet]
    return PALETTE[zlib.crc32(outlet.encode("utf-8")) % len(PALETTE)]


def outlet_colors(outlets) -> list[str]:
    return [outlet_color(o) for o in outlets]


def save_figure(fig, name: str, data: pd.DataFrame, figures_dir: str | Path | None = None) -> Path:
    """Save `fig` as `<figures_dir>/<name>.png` (200 dpi) and `.svg`, and `data` as `<name>.csv`;
    returns the PNG path.

    Metadata is fixed (no software version or date; SVG ids salted with a constant), so the bytes
    depend only on the figure.
    """
    directory = Path(figures_dir) if figures_dir else config.FIGURES_DIR
    png = directory / f"{name}.png"
    with atomic_path(png) as tmp:
        fig.savefig(tmp, format="png", dpi=SAVE_DPI, bbox_inches="tight", metadata={"Software": None})
    with plt.rc_context({"svg.hashsalt": "framing-suite", "svg.fonttype": "path"}):
        with atomic_path(directory / f"{name}.svg") as tmp:
            fig.savefig(tmp, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    write_table(data, directory / f"{name}.csv")
    try:
        shown = png.relative_to(config.PROJECT_ROOT)
    except ValueError:
        shown = png
    print(f"saved {shown} (+ .svg, .csv with {len(data)} rows)")
    return png
