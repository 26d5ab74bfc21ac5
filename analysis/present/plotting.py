"""One place for figure style and saving: sizes, dpi, fonts, one fixed colour per outlet.

`save_figure` writes the PNG with fixed metadata (byte-identical run to run) and the plotted data
as CSV beside it, both atomically.
"""
from __future__ import annotations

import zlib
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from ..base import config
from ..base.io import atomic_path, write_table

#: Okabe-Ito colour-blind-safe palette (Okabe and Ito 2008), black left out for lines/text.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#999999"]
#: The bundled outlets keep these colours in every figure; any other outlet gets a stable one.
OUTLET_COLORS = {
    "China Daily Brief": "#D55E00",
    "Focus": "#0072B2",
    "Unnamed outlet 002": "#009E73",
    "Unnamed outlet 003": "#CC79A7",
    "WaL": "#E69F00",
}
#: Actor-group colours (China red, US blue, the Koreas and others muted).
GROUP_COLORS = {
    "china": "#C0392B", "us": "#1F4E9A", "south_korea": "#5DA5DA", "north_korea": "#555555",
    "japan": "#B07AA1", "taiwan": "#59A14F",
}
FIGSIZE = (8.0, 4.5)
DPI = 110


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
    """Save `fig` as `<figures_dir>/<name>.png` and `data` as `<name>.csv`; returns the PNG path.

    PNG metadata is fixed (no software version or date), so the bytes depend only on the figure.
    """
    directory = Path(figures_dir) if figures_dir else config.FIGURES_DIR
    png = directory / f"{name}.png"
    with atomic_path(png) as tmp:
        fig.savefig(tmp, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    write_table(data, directory / f"{name}.csv")
    try:
        shown = png.relative_to(config.PROJECT_ROOT)
    except ValueError:
        shown = png.name
    print(f"saved {shown} (+ .csv, {len(data)} rows)")
    return png
