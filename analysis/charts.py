"""Figure builders. Each returns (figure, the DataFrame it plots) so the data is saved beside it."""
from __future__ import annotations

import calendar
import datetime as dt

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
