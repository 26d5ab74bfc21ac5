"""Where the profile's time goes: CPU ms per article of each stage of `profile_article`.

Runs on `make bench`'s synthetic articles (the bundled articles' paragraphs swapped and sentences
rotated, `analysis.run.bench.synthetic_articles`). Each article is profiled stage by stage in the
order `profile_article` uses, with quote extraction forced right after the text layer, so each
stage is charged only for its own work (later stages read the memos earlier ones left on the Doc):

    text         Doc.from_article (normalising, paragraphs, sentences, word counts)
    quotes       analysis.quotes.extract_quotes (spans, frames, speakers, the name registry)
    sentiment    metrics.sentiment.summarize (voice runs, VADER per sentence and run)
    tone         metrics.article_tone.summarize (the news tone models, toward each actor mention)
    hedging      metrics.hedging.summarize
    quote rows   analysis.quotes.summarize (counts and shares from the memoised quotes)
    emphasis     metrics.emphasis.summarize (actor mentions and their prominence)
    readability  metrics.readability.readability

Each figure is the best of `--rounds` rounds over the same articles (CPU time,
`time.process_time`); the sum is the profile without the row dict and the corpus loader.

Usage: .venv/bin/python tools/stage_times.py [--articles 300] [--rounds 3]
"""
from __future__ import annotations

import argparse
import time

from analysis import quotes
from analysis.corpus.tables import record_article
from analysis.metrics import article_tone, emphasis, hedging, readability, sentiment
from analysis.quotes import extract_quotes
from analysis.run.bench import synthetic_articles
from analysis.text import Doc

STAGES = (
    ("quotes", extract_quotes),
    ("sentiment", sentiment.summarize),
    ("tone", article_tone.summarize),
    ("hedging", hedging.summarize),
    ("quote rows", quotes.summarize),
    ("emphasis", emphasis.summarize),
    ("readability", readability.readability),
)


def one_round(articles: list) -> dict[str, float]:
    """CPU seconds per stage over `articles`, each article profiled stage by stage."""
    spent = dict.fromkeys(["text"] + [name for name, _ in STAGES], 0.0)
    clock = time.process_time
    for article in articles:
        start = clock()
        doc = Doc.from_article(article)
        spent["text"] += clock() - start
        for name, stage in STAGES:
            start = clock()
            stage(doc)
            spent[name] += clock() - start
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    articles = [record_article(row, i, "synthetic")[0] for i, row in enumerate(synthetic_articles(args.articles))]
    one_round(articles[:20])  # warm-up: word lists, models and lexicons load once per process
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        for name, seconds in one_round(articles).items():
            best[name] = min(best.get(name, seconds), seconds)
    per_article = {name: 1000 * seconds / len(articles) for name, seconds in best.items()}
    for name, ms in per_article.items():
        print(f"{name:12s} {ms:6.3f} ms/article")
    print(f"{'sum':12s} {sum(per_article.values()):6.3f} ms/article "
          f"({len(articles)} synthetic articles, CPU, best of {args.rounds})")


if __name__ == "__main__":
    main()
