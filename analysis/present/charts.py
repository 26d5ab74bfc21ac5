"""Figure builders. Each returns (figure, the DataFrame it plots) so the data is saved beside it."""
from __future__ import annotations

import calendar
import datetime as dt

import matplotlib
import matplotlib.ticker
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .plotting import GROUP_COLORS, outlet_color


def date_interval(date: str) -> tuple[dt.date, dt.date]:
    """First and last day an ISO date of day, month or year precision can mean."""
    parts = [int(p) for p in str(date).split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def timeline(inventory: pd.DataFrame, events: dict[str, dict]) -> tuple[plt.Figure, pd.DataFrame]:
    """Articles by event over time; a bar spans the dates an article's date precision allows."""
    event_ids = sorted(set(inventory["event"]), key=lambda e: (str(events.get(e, {}).get("date", "9999")), e))
    rows = []
    for event_index, event_id in enumerate(event_ids):
        subset = inventory[inventory["event"] == event_id].sort_values("article_id")
        for slot, (_, article) in enumerate(subset.iterrows()):
            first, last = date_interval(article["date"])
            rows.append({
                "event": event_id, "event_title": events.get(event_id, {}).get("title", event_id),
                "article_id": article["article_id"], "outlet": article["outlet"], "date": article["date"],
                "date_precision": article["date_precision"], "first_day": first.isoformat(),
                "last_day": last.isoformat(), "y": event_index + 0.18 * (slot - (len(subset) - 1) / 2),
            })
    data = pd.DataFrame(rows)
    fig, ax = plt.subplots(figsize=(9, 1.2 + 0.9 * len(event_ids)))
    for _, row in data.iterrows():
        first, last = dt.date.fromisoformat(row["first_day"]), dt.date.fromisoformat(row["last_day"])
        color = outlet_color(row["outlet"])
        if first == last:
            ax.plot([first], [row["y"]], "o", color=color, markersize=8, zorder=3)
        else:
            ax.plot([first, last + dt.timedelta(days=1)], [row["y"], row["y"]], "-", color=color,
                    linewidth=6, solid_capstyle="butt", alpha=0.85, zorder=3)
        ax.annotate(row["outlet"], (last + dt.timedelta(days=3), row["y"]), va="center", fontsize=8, color=color)
    for event_index, event_id in enumerate(event_ids):
        event_date = str(events.get(event_id, {}).get("date", ""))
        if len(event_date) == 10:
            day = dt.date.fromisoformat(event_date)
            ax.plot([day], [event_index], marker="D", color="black", markersize=5, zorder=4)
    ax.set_yticks(range(len(event_ids)))
    ax.set_yticklabels([events.get(e, {}).get("title", e) for e in event_ids])
    ax.set_ylim(-0.6, len(event_ids) - 0.4)
    ax.invert_yaxis()
    ax.set_title("Articles by event (bar: the month a date of month precision allows; ◆ event day)")
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig, data


def _finish_outlet_rows(fig: plt.Figure, ax, outlets: list[str], xlabel: str, title: str) -> None:
    """One row per outlet, first at the top; axis label, title, tight layout."""
    ax.set_yticks(range(len(outlets)))
    ax.set_yticklabels(outlets)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    fig.tight_layout()


def _jitter(n: int, width: float = 0.28) -> np.ndarray:
    """Deterministic horizontal spread for a strip plot (no randomness: same figure every run)."""
    if n <= 1:
        return np.zeros(n)
    return (np.arange(n) % 7 - 3) / 3 * width


def strip_by_outlet(frame: pd.DataFrame, value: str, title: str, xlabel: str,
                    reference: tuple[float, ...] = ()) -> tuple[plt.Figure, pd.DataFrame]:
    """One row of dots per outlet (a dot per sentence) with the outlet mean as a bar."""
    outlets = sorted(frame["outlet"].unique())
    fig, ax = plt.subplots(figsize=(8, 0.8 + 0.7 * len(outlets)))
    for y, outlet in enumerate(outlets):
        values = frame.loc[frame["outlet"] == outlet, value].to_numpy()
        ax.scatter(values, y + _jitter(len(values)), s=14, alpha=0.6, color=outlet_color(outlet), linewidths=0)
        ax.plot([values.mean()] * 2, [y - 0.35, y + 0.35], color="black", linewidth=2)
    for x in reference:
        ax.axvline(x, color="#999999", linewidth=0.8, linestyle="--")
    _finish_outlet_rows(fig, ax, outlets, xlabel, title)
    return fig, frame


def dot_intervals(frame: pd.DataFrame, series: str, title: str, xlabel: str,
                  series_colors: dict[str, str] | None = None, reference: float | None = 0.0,
                  labels: dict[str, str] | None = None) -> tuple[plt.Figure, pd.DataFrame]:
    """Estimate and interval (columns estimate, low, high) per outlet, one marker per series."""
    outlets = sorted(frame["outlet"].unique())
    names = list(dict.fromkeys(frame[series]))
    offsets = np.linspace(-0.25, 0.25, len(names)) if len(names) > 1 else [0.0]
    markers = ["o", "s", "^", "D", "v", "P"]
    fig, ax = plt.subplots(figsize=(8, 0.9 + 0.75 * len(outlets)))
    for index, name in enumerate(names):
        part = frame[frame[series] == name].set_index("outlet")
        color = (series_colors or {}).get(name, None)
        for y, outlet in enumerate(outlets):
            if outlet not in part.index:
                continue
            row = part.loc[outlet]
            c = color or outlet_color(outlet)
            ax.plot([row["low"], row["high"]], [y + offsets[index]] * 2, color=c, linewidth=2)
            ax.plot([row["estimate"]], [y + offsets[index]], marker=markers[index % len(markers)], color=c,
                    markersize=7, label=(labels or {}).get(name, name) if y == 0 or outlet == outlets[0] else None)
    if reference is not None:
        ax.axvline(reference, color="#999999", linewidth=0.8, linestyle="--")
    handles, legend_labels = ax.get_legend_handles_labels()
    unique = dict(zip(legend_labels, handles))
    ax.legend(unique.values(), unique.keys(), loc="upper center", bbox_to_anchor=(0.5, -0.15 - 0.02 * len(outlets)),
              ncol=len(unique))
    _finish_outlet_rows(fig, ax, outlets, xlabel, title)
    return fig, frame


def china_us_bars(summary: pd.DataFrame) -> tuple[plt.Figure, pd.DataFrame]:
    """Per article: China and US mentions per 1,000 words (left) and prominence-weighted mentions (right)."""
    data = summary[["outlet", "article_id", "china_mentions", "us_mentions", "china_per_1000", "us_per_1000",
                    "china_prominence", "us_prominence", "china_share"]].sort_values("outlet").reset_index(drop=True)
    labels = data["outlet"].tolist()
    y = np.arange(len(data))
    fig, axes = plt.subplots(1, 2, figsize=(10, 1.0 + 0.6 * len(data)), sharey=True)
    for ax, (china, us, title) in zip(axes, [("china_per_1000", "us_per_1000", "Mentions per 1,000 words"),
                                             ("china_prominence", "us_prominence", "Prominence-weighted mentions")]):
        ax.barh(y - 0.2, data[china], height=0.38, color=GROUP_COLORS["china"], label="China")
        ax.barh(y + 0.2, data[us], height=0.38, color=GROUP_COLORS["us"], label="United States")
        for yy, value in zip(y - 0.2, data[china]):
            ax.annotate(f"{value:.0f}", (value, yy), xytext=(2, 0), textcoords="offset points", va="center", fontsize=7)
        for yy, value in zip(y + 0.2, data[us]):
            ax.annotate(f"{value:.0f}", (value, yy), xytext=(2, 0), textcoords="offset points", va="center", fontsize=7)
        ax.set_title(title, fontsize=10)
    axes[0].set_yticks(y)
    axes[0].set_yticklabels([f"{o}\nChina share {s:.0%}" if s == s else f"{o}\nChina share n/a"
                             for o, s in zip(labels, data["china_share"])])
    axes[0].invert_yaxis()
    axes[1].legend(loc="lower right")
    fig.suptitle("China against the US: how often and how prominently", fontweight="bold")
    fig.tight_layout()
    return fig, data


def position_strip(mentions: pd.DataFrame, groups=("china", "us", "north_korea")) -> tuple[plt.Figure, pd.DataFrame]:
    """Where in each article each group is named: 0 = headline, 1 = last sentence."""
    data = mentions[mentions["group"].isin(groups)][
        ["outlet", "article_id", "group", "term", "location", "sentence", "start", "end", "position", "weight"]
    ].sort_values(["outlet", "article_id", "position", "group"], kind="mergesort").reset_index(drop=True)
    articles = data[["outlet", "article_id"]].drop_duplicates().sort_values(["outlet", "article_id"])
    fig, ax = plt.subplots(figsize=(9, 0.9 + 0.75 * len(articles)))
    offsets = {g: (i - (len(groups) - 1) / 2) * 0.2 for i, g in enumerate(groups)}
    for row_index, (_, article) in enumerate(articles.iterrows()):
        part = data[data["article_id"] == article["article_id"]]
        ax.plot([0, 1], [row_index, row_index], color="#dddddd", linewidth=1, zorder=1)
        for group in groups:
            g = part[part["group"] == group]
            ax.scatter(g["position"], [row_index + offsets[group]] * len(g), marker="|", s=140,
                       color=GROUP_COLORS.get(group, "#777777"), linewidths=1.6, zorder=2,
                       label={"china": "China", "us": "United States", "north_korea": "North Korea"}.get(group, group)
                       if row_index == 0 else None)
    ax.set_yticks(range(len(articles)))
    ax.set_yticklabels(articles["outlet"])
    ax.invert_yaxis()
    ax.set_xlim(-0.02, 1.02)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
    ax.set_xticklabels(["headline", "25%", "50%", "75%", "last sentence"])
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(groups))
    ax.set_title("Where each actor appears, headline to last sentence")
    fig.tight_layout()
    return fig, data


def fingerprint_heatmap(table: pd.DataFrame, labels: dict[str, str]) -> tuple[plt.Figure, pd.DataFrame]:
    """Metrics (columns) per outlet (rows), coloured by z-score across outlets, raw values in the cells."""
    values = table.astype(float)
    spread = values.std(axis=0, ddof=0).replace(0, np.nan)
    z = ((values - values.mean(axis=0)) / spread).fillna(0.0)
    fig, ax = plt.subplots(figsize=(1.2 + 0.95 * values.shape[1], 1.4 + 0.6 * values.shape[0]))
    ax.imshow(z.to_numpy(), cmap="RdBu_r", vmin=-2, vmax=2, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            raw = values.iat[i, j]
            text = "n/a" if raw != raw else (f"{raw:.2f}" if abs(raw) < 10 else f"{raw:.0f}")
            ax.text(j, i, text, ha="center", va="center", fontsize=8,
                    color="white" if abs(z.iat[i, j]) > 1.2 else "black")
    ax.set_xticks(range(values.shape[1]))
    ax.set_xticklabels([labels.get(c, c) for c in values.columns], rotation=40, ha="right", fontsize=8)
    ax.set_yticks(range(values.shape[0]))
    ax.set_yticklabels(values.index)
    ax.set_title("Framing fingerprint (colour: z-score across outlets; cells: raw values)")
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    data = values.reset_index().melt(id_vars="outlet", var_name="metric", value_name="value")
    data["z_score"] = z.reset_index().melt(id_vars="outlet", var_name="metric", value_name="z")["z"]
    return fig, data


def coverage_matrix(frame: pd.DataFrame, labels: dict[str, str]) -> tuple[plt.Figure, pd.DataFrame]:
    """Articles (rows) x sub-topics (columns): how many sentences mention each; empty = left out."""
    topics = [c for c in frame.columns if c not in ("outlet", "article_id")]
    counts = frame[topics].to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(1.5 + 1.3 * len(topics), 1.4 + 0.55 * len(frame)))
    ax.imshow(np.where(counts > 0, np.minimum(counts, 6), np.nan), cmap="Greens", vmin=0, vmax=7, aspect="auto")
    for i in range(counts.shape[0]):
        for j in range(counts.shape[1]):
            ax.text(j, i, f"{int(counts[i, j])}" if counts[i, j] else "–", ha="center", va="center", fontsize=9,
                    color="black" if counts[i, j] else "#999999")
    ax.set_xticks(range(len(topics)))
    ax.set_xticklabels([labels.get(t, t) for t in topics], rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(frame)))
    ax.set_yticklabels(frame["outlet"])
    ax.set_title("Sub-topics each outlet included (sentences) or left out (–)")
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig, frame


#: Colours for affiliation codes and quote kinds in stacked bars.
AFFILIATION_COLORS = {"KR": "#5DA5DA", "CN": "#C0392B", "US": "#1F4E9A", "KP": "#555555", "JP": "#B07AA1",
                      "TW": "#59A14F", "media": "#E69F00", "expert": "#009E73", "other": "#BBBBBB",
                      "unknown": "#DDDDDD"}
KIND_COLORS = {"full": "#0072B2", "partial": "#56B4E9", "scare": "#E69F00",
               "hedge": "#0072B2", "booster": "#D55E00", "attribution": "#999999"}


def _segment_label(width: float, normalize: bool) -> str:
    if normalize:
        return f"{width:.0%}"
    return f"{width:.0f}" if float(width).is_integer() else f"{width:.1f}"


def stacked_bars(frame: pd.DataFrame, index: str, column: str, value: str, title: str, xlabel: str,
                 colors: dict[str, str] | None = None, normalize: bool = False,
                 order: list[str] | None = None, rows: list[str] | None = None,
                 empty_label: str = "none") -> tuple[plt.Figure, pd.DataFrame]:
    """Horizontal stacked bars: one bar per `index` value, segments by `column`, lengths `value`.

    `rows` lists every bar to draw (in that order), so an outlet with nothing to stack still gets a
    row, marked `empty_label`, instead of silently disappearing. Segment labels are rounded (one
    decimal, whole numbers as integers, shares as percentages); underscores in legend names are
    shown as spaces.
    """
    pivot = frame.pivot_table(index=index, columns=column, values=value, aggfunc="sum", fill_value=0, sort=True)
    if rows is not None:
        pivot = pivot.reindex(list(rows), fill_value=0)
    if order:
        pivot = pivot[[c for c in order if c in pivot.columns] + [c for c in pivot.columns if c not in order]]
    if normalize:
        totals = pivot.sum(axis=1).replace(0, np.nan)
        pivot = pivot.div(totals, axis=0).fillna(0.0)
    fig, ax = plt.subplots(figsize=(8, 1.4 + 0.6 * len(pivot)))
    left = np.zeros(len(pivot))
    palette = colors or {}
    longest = max(float(pivot.sum(axis=1).max()) if len(pivot.columns) else 0.0, 1e-9)
    for position, name in enumerate(pivot.columns):
        widths = pivot[name].to_numpy(dtype=float)
        ax.barh(range(len(pivot)), widths, left=left, color=palette.get(name, PALETTE_FALLBACK[position % 8]),
                label=str(name).replace("_", " "), height=0.6)
        for y, (x0, w) in enumerate(zip(left, widths)):
            if w > 0.04 * longest:
                ax.text(x0 + w / 2, y, _segment_label(w, normalize), ha="center", va="center", fontsize=7)
        left += widths
    for y, total in enumerate(left):
        if total == 0:
            ax.text(0.01 * longest, y, empty_label, ha="left", va="center", fontsize=8, color="#666666")
    ax.set_yticks(range(len(pivot)))
    ax.set_yticklabels(pivot.index)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    if len(pivot.columns):
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18 - 0.02 * len(pivot)),
                  ncol=min(len(pivot.columns), 4), frameon=False)
    fig.tight_layout()
    data = pivot.reset_index().melt(id_vars=index, var_name=column, value_name="share" if normalize else value)
    return fig, data


PALETTE_FALLBACK = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#999999"]


def word_scatter(table: pd.DataFrame, title: str, label_top: int = 6) -> tuple[plt.Figure, pd.DataFrame]:
    """Distinctive words (a `words.distinctive_words` table): each outlet's terms by how often it
    used them (x, log scale) against the log-odds z-score (y); dashed lines at |z| = 1.96. The
    `label_top` terms of highest z per outlet are labelled. Terms an outlet never used are not drawn."""
    data = table[table["count"] > 0].sort_values(["outlet", "z", "term"], ascending=[True, False, True],
                                                   kind="mergesort").reset_index(drop=True)
    data["labelled"] = data.groupby("outlet").cumcount() < label_top
    fig, ax = plt.subplots(figsize=(9, 5.5))
    for outlet, part in data.groupby("outlet", sort=True):
        color = outlet_color(outlet)
        ngram = part["ngram"] if "ngram" in part else pd.Series(1, index=part.index)
        for n, marker in ((1, "o"), (2, "s")):
            chosen = part[ngram == n]
            ax.scatter(chosen["count"], chosen["z"], s=16, alpha=0.55, color=color, linewidths=0, marker=marker,
                       label=f"{outlet} ({'words' if n == 1 else 'bigrams'})" if len(chosen) else None)
        # terms at the same point (same count, same z) share one label instead of overprinting;
        # bigram labels go below their point, word labels above
        labelled = part[part["labelled"]].assign(z_key=lambda f: f["z"].round(9), n=ngram)
        for (n, count, z), same in labelled.groupby(["n", "count", "z_key"], sort=True):
            ax.annotate(", ".join(same["term"]), (count, z), xytext=(3, 2 if n == 1 else -9),
                        textcoords="offset points", fontsize=7, color=color)
    for z in (1.96, -1.96):
        ax.axhline(z, color="#999999", linewidth=0.8, linestyle="--")
    ax.axhline(0, color="#cccccc", linewidth=0.6)
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda x, _: f"{x:g}"))
    ax.xaxis.set_minor_formatter(matplotlib.ticker.FuncFormatter(
        lambda x, _: f"{x:g}" if f"{x:g}"[0] in "25" else ""))
    ax.set_xlabel("uses by the outlet (log scale)")
    ax.set_ylabel("z-score of the log-odds ratio (outlet against the others)")
    ax.set_title(title)
    if len(data):
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=4, fontsize=8)
    fig.tight_layout()
    return fig, data
