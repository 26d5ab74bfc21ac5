"""Figure builders. Each returns (figure, the DataFrame it plots) so the data is saved beside it."""
from __future__ import annotations

import calendar
import datetime as dt

import matplotlib
import matplotlib.ticker
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .plotting import GROUP_COLORS, THIN_N, outlet_color


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


def _legend_right(ax, handles=None, labels=None, title: str | None = None) -> None:
    """Legend outside the axes on the right: it never covers data or collides with an axis title."""
    if handles is None:
        handles, labels = ax.get_legend_handles_labels()
    if handles:
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0,
                  title=title, fontsize=9, title_fontsize=9, alignment="left")


def is_thin(n, low, high, thin_n: int = THIN_N) -> bool:
    """A value from `thin_n` or fewer items, or with no interval at all (low == high or missing)."""
    if n is not None and n == n and n <= thin_n:
        return True
    return not (low == low and high == high) or low == high


def dot_intervals(frame: pd.DataFrame, series: str, title: str, xlabel: str,
                  series_colors: dict[str, str] | None = None, reference: float | None = 0.0,
                  labels: dict[str, str] | None = None, n: str | None = None,
                  n_label: str = "items") -> tuple[plt.Figure, pd.DataFrame]:
    """Estimate and interval (columns estimate, low, high) per outlet, one marker per series.

    `n` names the column counting the items behind each value (sentences, quoted runs, cues). A
    value from THIN_N or fewer items, or whose interval has no width, is thin evidence: a hollow
    marker with its n written beside it, and no interval line (a zero-width interval would look
    like certainty).
    """
    outlets = sorted(frame["outlet"].unique())
    names = list(dict.fromkeys(frame[series]))
    offsets = np.linspace(-0.25, 0.25, len(names)) if len(names) > 1 else [0.0]
    markers = ["o", "s", "^", "D", "v", "P"]
    fig, ax = plt.subplots(figsize=(8, 0.9 + 0.75 * len(outlets)))
    handles, legend_labels = [], []
    any_thin = False
    for index, name in enumerate(names):
        part = frame[frame[series] == name].set_index("outlet")
        color = (series_colors or {}).get(name, None)
        handle = None
        for y, outlet in enumerate(outlets):
            if outlet not in part.index:
                continue
            row = part.loc[outlet]
            c = color or outlet_color(outlet)
            yy = y + offsets[index]
            count = row[n] if n else None
            marker = markers[index % len(markers)]
            if is_thin(count, row["low"], row["high"]):
                any_thin = True
                ax.plot([row["estimate"]], [yy], marker=marker, markerfacecolor="white", markeredgecolor=c,
                        markeredgewidth=1.6, markersize=7, linestyle="none")
                note = f"n={int(count)}" if count is not None and count == count else "no interval"
                ax.annotate(note, (row["estimate"], yy), xytext=(6, 0), textcoords="offset points",
                            va="center", fontsize=7, color="#444444")
            else:
                ax.plot([row["low"], row["high"]], [yy] * 2, color=c, linewidth=2)
                line, = ax.plot([row["estimate"]], [yy], marker=marker, color=c, markersize=7, linestyle="none")
                handle = handle or line
        if handle is None:  # every value of this series is thin: a hollow handle for the legend
            handle = plt.Line2D([], [], marker=markers[index % len(markers)], linestyle="none", markersize=7,
                                markerfacecolor="white", markeredgecolor=color or "#444444")
        handles.append(handle)
        legend_labels.append((labels or {}).get(name, name))
    if any_thin:
        handles.append(plt.Line2D([], [], marker="o", linestyle="none", markersize=7, markerfacecolor="white",
                                  markeredgecolor="#444444"))
        legend_labels.append(f"hollow: {THIN_N} or fewer {n_label}\nor no spread (n shown)")
    if reference is not None:
        ax.axvline(reference, color="#999999", linewidth=0.8, linestyle="--", zorder=0)
    _legend_right(ax, handles, legend_labels)
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
    _legend_right(axes[1])
    axes[0].set_xlabel("mentions per 1,000 words")
    axes[1].set_xlabel("weighted mentions (title 3, lead 2, other 1)")
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
    _legend_right(ax)
    ax.set_title("Where each actor appears, headline to last sentence")
    fig.tight_layout()
    return fig, data


def fingerprint_heatmap(table: pd.DataFrame, labels: dict[str, str]) -> tuple[plt.Figure, pd.DataFrame]:
    """Metrics (columns) per outlet (rows), raw values in the cells.

    Colour: each value as a share of the largest absolute value in its column (0 white, 1 red,
    negative blue), so "half as many hedges" looks half as strong. Not a z-score: across two or
    three outlets a z-score only says which is higher, and paints a tiny gap as a large one.
    """
    values = table.astype(float)
    largest = values.abs().max(axis=0).replace(0, np.nan)
    relative = (values / largest).fillna(0.0)
    fig, ax = plt.subplots(figsize=(1.2 + 0.95 * values.shape[1], 1.4 + 0.6 * values.shape[0]))
    # the scale reaches past ±1 so the largest value is a mid tone and black text stays readable
    image = ax.imshow(relative.to_numpy(), cmap="RdBu_r", vmin=-1.6, vmax=1.6, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            raw = values.iat[i, j]
            text = "n/a" if raw != raw else (f"{raw:.2f}" if abs(raw) < 10 else f"{raw:.0f}")
            ax.text(j, i, text, ha="center", va="center", fontsize=8, color="black")
    ax.set_xticks(range(values.shape[1]))
    ax.set_xticklabels([labels.get(c, c) for c in values.columns], rotation=40, ha="right", fontsize=8)
    ax.set_yticks(range(values.shape[0]))
    ax.set_yticklabels(values.index)
    ax.set_title("Framing fingerprint (cells: raw values)")
    bar = fig.colorbar(image, ax=ax, fraction=0.025, pad=0.01, ticks=[-1, 0, 1])
    bar.set_label("share of the column's\nlargest |value|", fontsize=8)
    bar.ax.tick_params(labelsize=7)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    data = values.reset_index().melt(id_vars="outlet", var_name="metric", value_name="value")
    data["relative_to_largest"] = relative.reset_index().melt(id_vars="outlet", var_name="metric",
                                                              value_name="r")["r"]
    return fig, data


def coverage_matrix(frame: pd.DataFrame, labels: dict[str, str]) -> tuple[plt.Figure, pd.DataFrame]:
    """Articles (rows) x sub-topics (columns): the share of the article's sentences that mention each
    (colour and percentage; the count below it); a dash = left out. Scaled to length, so a long
    article does not look more thorough just for being long. `frame` has outlet, article_id,
    sentences (the article's) and one count column per topic."""
    topics = [c for c in frame.columns if c not in ("outlet", "article_id", "sentences")]
    counts = frame[topics].to_numpy(dtype=float)
    sentences = frame["sentences"].to_numpy(dtype=float)[:, None] if "sentences" in frame else None
    shares = counts / np.where(sentences > 0, sentences, np.nan) if sentences is not None else None
    fig, ax = plt.subplots(figsize=(1.5 + 1.3 * len(topics), 1.4 + 0.65 * len(frame)))
    shown = shares if shares is not None else np.minimum(counts, 6) / 7
    ax.imshow(np.where(counts > 0, shown, np.nan), cmap="Greens", vmin=0, vmax=0.3 if shares is not None else 1,
              aspect="auto")
    for i in range(counts.shape[0]):
        for j in range(counts.shape[1]):
            if not counts[i, j]:
                ax.text(j, i, "–", ha="center", va="center", fontsize=9, color="#999999")
                continue
            text = f"{shares[i, j]:.0%}\n({int(counts[i, j])})" if shares is not None else f"{int(counts[i, j])}"
            dark = shares is not None and shares[i, j] > 0.2
            ax.text(j, i, text, ha="center", va="center", fontsize=8, color="white" if dark else "black")
    ax.set_xticks(range(len(topics)))
    ax.set_xticklabels([labels.get(t, t) for t in topics], rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(frame)))
    rows = frame["outlet"] if sentences is None else [f"{o} ({int(n)} sentences)" for o, n in
                                                      zip(frame["outlet"], frame["sentences"])]
    ax.set_yticklabels(rows)
    ax.set_title("Sub-topics each article included: share of its sentences (count); – left out"
                 if shares is not None else "Sub-topics each outlet included (sentences) or left out (–)")
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


def _pivot(frame: pd.DataFrame, index: str, column: str, value: str, rows: list[str] | None,
           order: list[str] | None) -> pd.DataFrame:
    pivot = frame.pivot_table(index=index, columns=column, values=value, aggfunc="sum", fill_value=0, sort=True)
    if rows is not None:
        pivot = pivot.reindex(list(rows), fill_value=0)
    if order:
        pivot = pivot[[c for c in order if c in pivot.columns] + [c for c in pivot.columns if c not in order]]
    return pivot


def _draw_stack(ax, pivot: pd.DataFrame, colors: dict[str, str], normalize: bool,
                empty_label: str | dict[str, str], row_notes: dict[str, str] | None) -> None:
    """Stacked horizontal bars of `pivot` (rows = bars) on `ax`, with segment labels and notes."""
    left = np.zeros(len(pivot))
    longest = max(float(pivot.sum(axis=1).max()) if len(pivot.columns) and len(pivot) else 0.0, 1e-9)
    for position, name in enumerate(pivot.columns):
        widths = pivot[name].to_numpy(dtype=float)
        ax.barh(range(len(pivot)), widths, left=left, color=colors.get(name, PALETTE_FALLBACK[position % 8]),
                label=str(name).replace("_", " "), height=0.6)
        for y, (x0, w) in enumerate(zip(left, widths)):
            if w > 0.06 * longest:
                ax.text(x0 + w / 2, y, _segment_label(w, normalize), ha="center", va="center", fontsize=7,
                        color="white" if _is_dark(colors.get(name, "#ffffff")) else "black")
        left += widths
    for y, (row, total) in enumerate(zip(pivot.index, left)):
        note = (row_notes or {}).get(row)
        if total == 0:
            label = empty_label.get(row, "none") if isinstance(empty_label, dict) else empty_label
            ax.text(0.01 * longest, y, label, ha="left", va="center", fontsize=8, color="#555555")
        elif note:
            ax.text(total + 0.01 * longest, y, note, ha="left", va="center", fontsize=7, color="#444444")
    ax.set_yticks(range(len(pivot)))
    ax.set_yticklabels(pivot.index)
    ax.invert_yaxis()


def _is_dark(color: str) -> bool:
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)) if color.startswith("#") and len(color) == 7 \
        else (1, 1, 1)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45


def stacked_bars(frame: pd.DataFrame, index: str, column: str, value: str, title: str, xlabel: str,
                 colors: dict[str, str] | None = None, normalize: bool = False,
                 order: list[str] | None = None, rows: list[str] | None = None,
                 empty_label: str | dict[str, str] = "none",
                 row_notes: dict[str, str] | None = None) -> tuple[plt.Figure, pd.DataFrame]:
    """Horizontal stacked bars: one bar per `index` value, segments by `column`, lengths `value`.

    `rows` lists every bar to draw (in that order), so an outlet with nothing to stack still gets a
    row, marked `empty_label` (one text, or one per row), instead of silently disappearing.
    `row_notes` writes a note at the end of a bar (e.g. the count behind a rate). Segment labels
    are rounded (one decimal, whole numbers as integers, shares as percentages); underscores in
    legend names are shown as spaces. The legend stands right of the axes.
    """
    pivot = _pivot(frame, index, column, value, rows, order)
    if normalize:
        totals = pivot.sum(axis=1).replace(0, np.nan)
        pivot = pivot.div(totals, axis=0).fillna(0.0)
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.6 * len(pivot)))
    _draw_stack(ax, pivot, colors or {}, normalize, empty_label, row_notes)
    if row_notes:
        ax.set_xlim(0, float(pivot.sum(axis=1).max() or 1) * 1.15)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    if len(pivot.columns):
        _legend_right(ax)
    fig.tight_layout()
    data = pivot.reset_index().melt(id_vars=index, var_name=column, value_name="share" if normalize else value)
    return fig, data


def kind_panels(frame: pd.DataFrame, value: str, title: str, xlabel: str, rows: list[str],
                kinds: tuple[str, ...] = ("hedge", "booster", "attribution"),
                kind_titles: dict[str, str] | None = None, colors: dict[str, str] | None = None,
                empty_label: str = "none") -> tuple[plt.Figure, pd.DataFrame]:
    """One panel per kind (hedges by category, boosters, distancing), side by side, outlets as rows.

    Kinds that measure different things are never stacked into one total: each panel has its own
    bars (stacked only by the categories of that kind) and its own axis, on a shared row order.
    `frame` has outlet, kind, category and `value` columns.
    """
    fig, axes = plt.subplots(1, len(kinds), figsize=(3.6 * len(kinds) + 1.6, 1.3 + 0.55 * len(rows)),
                             sharey=True)
    axes = np.atleast_1d(axes)
    colors = {**KIND_COLORS, **(colors or {})}
    # one colour per category across all panels (a panel's first category must not repeat another's)
    unnamed = [c for c in dict.fromkeys(frame.sort_values(["kind", "category"])["category"]) if c not in colors]
    colors.update({c: CATEGORY_PALETTE[i % len(CATEGORY_PALETTE)] for i, c in enumerate(unnamed)})
    parts, handles, labels = [], [], []
    for ax, kind in zip(axes, kinds):
        part = frame[frame["kind"] == kind]
        pivot = _pivot(part, "outlet", "category", value, rows, None) if not part.empty else \
            pd.DataFrame(index=list(rows))
        _draw_stack(ax, pivot, colors, False, empty_label, None)
        ax.set_title((kind_titles or {}).get(kind, kind), fontsize=10)
        ax.set_xlabel(xlabel, fontsize=9)
        if len(pivot.columns) > 1:  # categories within a kind: one legend for the figure, on the right
            for handle, label in zip(*ax.get_legend_handles_labels()):
                if label not in labels:
                    handles.append(handle)
                    labels.append(label)
        if not part.empty:
            parts.append(pivot.reset_index(names="outlet").melt(id_vars="outlet", var_name="category",
                                                                   value_name=value).assign(kind=kind))
    fig.suptitle(title, fontweight="bold")
    fig.tight_layout()
    if handles:
        fig.legend(handles, labels, loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=9,
                   title="category", title_fontsize=9)
    data = pd.concat(parts, ignore_index=True)[["outlet", "kind", "category", value]] if parts else \
        pd.DataFrame(columns=["outlet", "kind", "category", value])
    return fig, data


#: Category colours of `kind_panels` (Paul Tol's colour-blind-safe "muted" set of nine).
CATEGORY_PALETTE = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
                    "#AA4499"]
#: Segment colours when a name has none (Okabe-Ito; black text on each).
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
