"""What every notebook does first: validate its parameters, load and select the corpus, set the style."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..base import config
from ..corpus import Corpus, load_corpus
from .plotting import apply_style


@dataclass
class Session:
    corpus: Corpus
    figures_dir: Path
    event: str | None
    outlets: list[str] | None

    @property
    def outlet_names(self) -> list[str]:
        """The outlets of the selected articles, sorted: one row each in per-outlet figures."""
        return sorted({a.outlet for a in self.corpus.articles})

    def describe(self) -> str:
        outlets = ", ".join(self.outlet_names)
        return (f"{len(self.corpus.articles)} article(s); event: {self.event or 'all'}; "
                f"outlets: {outlets}")


def start(corpus_dir: str | None = None, event: str | None = None, outlets=None,
          figures_dir: str | None = None) -> Session:
    """Load the corpus (None: bundled), keep the chosen event/outlets, apply the figure style.

    An unknown event or outlet raises ValueError listing the valid names.
    """
    if isinstance(outlets, str):
        outlets = [outlets]
    corpus = load_corpus(corpus_dir).select(event=event, outlets=outlets)
    if not corpus.articles:
        raise ValueError(f"no article matches event={event!r} and outlets={outlets!r}")
    apply_style()
    pd.set_option("display.max_colwidth", None)  # sentences and quotes are shown whole, never cut
    directory = Path(figures_dir) if figures_dir else config.FIGURES_DIR
    directory.mkdir(parents=True, exist_ok=True)
    return Session(corpus, directory, event, list(outlets) if outlets else None)
