"""The article model: `Article`, `Corpus`, and `Problem`/`CorpusError` for invalid input."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..base.lazy import pandas as pd


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a corpus file, printed as `path:line: message`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class CorpusError(ValueError):
    """Invalid corpus input; `.problems` lists every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the corpus:\n{lines}")


@dataclass
class Article:
    """One article: front matter fields plus the cleaned Markdown body (raw characters kept)."""

    id: str
    outlet: str
    title: str | None
    date: str
    event: str
    language: str
    body: str
    source: str | None = None
    byline: str | None = None
    date_precision: str | None = None
    outlet_evidence: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    url: str | None = None
    notes: list[str] = field(default_factory=list)
    path: str | None = None
    #: 1-based line of the file on which the body starts (for messages).
    body_line: int = 1
    #: The corpus's own actors.yaml, if any (set by load_corpus; adds to the package gazetteer).
    actors_file: str | None = None

    def __repr__(self) -> str:
        """One line: id, outlet, date, title and the body's length (never the body itself)."""
        return (f"Article(id={self.id!r}, outlet={self.outlet!r}, date={self.date!r}, "
                f"title={self.title!r}, body={len(self.body):,} chars)")


@dataclass
class Corpus:
    """A validated set of articles plus the corpus's events, outlets and extra actors."""

    articles: list[Article]
    root: Path | None = None
    events: dict[str, dict] = field(default_factory=dict)
    outlets: dict[str, dict] = field(default_factory=dict)
    actors_file: Path | None = None
    skipped: list[Problem] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.articles)

    def __repr__(self) -> str:
        """One line: how many articles, outlets and events, and where from (never the bodies)."""
        outlets = sorted({a.outlet for a in self.articles})
        events = sorted({a.event for a in self.articles})
        shown = ", ".join(outlets[:5]) + (f", ... ({len(outlets)} outlets)" if len(outlets) > 5 else "")
        where = f", root={str(self.root)!r}" if self.root else ""
        return f"Corpus({len(self.articles)} articles; outlets: {shown}; {len(events)} event(s){where})"

    def __iter__(self):
        return iter(self.articles)

    def get(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(f"no article with id {article_id!r}; ids: {', '.join(a.id for a in self.articles)}")

    def select(self, event: str | None = None, outlets: Iterable[str] | None = None) -> "Corpus":
        """The articles of one event and/or some outlets; unknown names raise ValueError listing valid ones."""
        articles = list(self.articles)
        if event is not None:
            known = sorted({a.event for a in self.articles} | set(self.events))
            if event not in known:
                raise ValueError(f"unknown event {event!r}; valid events: {', '.join(known)}")
            articles = [a for a in articles if a.event == event]
        if outlets is not None:
            outlets = list(outlets)
            known_outlets = sorted({a.outlet for a in self.articles})
            unknown = [o for o in outlets if o not in known_outlets]
            if unknown:
                raise ValueError(
                    f"unknown outlet(s) {', '.join(map(repr, unknown))}; valid outlets: {', '.join(known_outlets)}"
                )
            articles = [a for a in articles if a.outlet in outlets]
        return Corpus(articles, self.root, self.events, self.outlets, self.actors_file, self.skipped)

    def to_frame(self) -> pd.DataFrame:
        """One row per article: the front matter fields plus body length in characters."""
        rows = [
            {
                "id": a.id, "outlet": a.outlet, "title": a.title, "date": a.date,
                "date_precision": a.date_precision, "event": a.event, "language": a.language,
                "byline": a.byline, "source": a.source, "url": a.url, "body_chars": len(a.body),
            }
            for a in self.articles
        ]
        columns = ["id", "outlet", "title", "date", "date_precision", "event", "language",
                   "byline", "source", "url", "body_chars"]
        return pd.DataFrame(rows, columns=columns)
