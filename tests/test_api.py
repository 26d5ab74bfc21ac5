"""The package's public contract (../shared/design.md): `analysis.profile` and `analysis.quotes`
stay callable functions whatever submodules have been imported before them."""
from __future__ import annotations

import importlib
import pkgutil

import analysis

from conftest import BUNDLED_CORPUS


def test_contract_functions_survive_importing_every_submodule():
    for module in pkgutil.iter_modules(analysis.__path__):
        if module.name != "__main__":
            importlib.import_module(f"analysis.{module.name}")
    corpus = analysis.load_corpus(BUNDLED_CORPUS)
    table = analysis.profile(corpus)
    assert len(table) == 5
    assert {"article_id", "outlet", "sentiment_mean", "china_share", "hedge_rate"} <= set(table.columns)
    focus = table.set_index("article_id").loc["focus-2026-01-summit"]
    assert round(float(focus["china_share"]), 3) == 0.939
    quotes = analysis.quotes(corpus)
    assert len(quotes) == 41
    assert {"article_id", "speaker", "affiliation", "kind", "quote"} <= set(quotes.columns)
