"""Tests for analysis.run.bench: the synthetic corpus and one tiny benchmark run."""
from __future__ import annotations

import io
import json
import re

from analysis.run.bench import run_bench, synthetic_articles, write_synthetic_corpus, write_synthetic_directory
from analysis.corpus import iter_articles, load_corpus, record_article

from conftest import BUNDLED_CORPUS

#: The frozen copy of the bundled corpus (never the user's corpus/).
SOURCE = load_corpus(BUNDLED_CORPUS).articles


def test_synthetic_articles_are_valid_varied_and_seeded():
    rows = list(synthetic_articles(40, source=SOURCE))
    assert rows == list(synthetic_articles(40, source=SOURCE))  # same seed, same rows
    assert rows != list(synthetic_articles(40, seed=1, source=SOURCE))
    assert len({r["id"] for r in rows}) == 40
    assert len({r["text"] for r in rows}) == 40  # no two articles share a body
    assert len({r["outlet"] for r in rows}) > 5
    for number, row in enumerate(rows, start=1):
        article, problems = record_article(row, number, "synthetic")
        assert article is not None, problems


def test_synthetic_corpus_file_streams_back(tmp_path):
    path = write_synthetic_corpus(tmp_path / "c.jsonl", 12, source=SOURCE)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 12 and json.loads(lines[3])["id"] == "bench-0000003"
    assert [a.id for a in iter_articles(path, chunk_size=5)] == [f"bench-{i:07d}" for i in range(12)]


def test_synthetic_directory_loads_as_the_same_articles(tmp_path):
    rows = list(synthetic_articles(9, source=SOURCE))
    corpus = load_corpus(write_synthetic_directory(tmp_path / "c", rows, BUNDLED_CORPUS))  # raises on any problem
    assert [a.id for a in corpus.articles] == [r["id"] for r in rows]
    assert [(a.body, a.title, a.date, a.outlet) for a in corpus.articles] == \
        [(r["text"], r["title"], r["date"], r["outlet"]) for r in rows]


def _ratio_fits(printed: float, numerator: float, denominator: float, half_step: float = 0.005) -> bool:
    """The printed ratio lies within what the printed (two-decimal) figures allow.

    Each figure is rounded to two decimals, so its true value is within half a step of the print;
    a 0.21 ms/article denominator alone moves the ratio by 2.4%. The bounds follow from that,
    plus half a step for the ratio's own rounding.
    """
    low = (numerator - half_step) / (denominator + half_step)
    high = (numerator + half_step) / max(denominator - half_step, 1e-9)
    return low - half_step <= printed <= high + half_step


def test_ratio_fits_allows_rounding_only():
    assert _ratio_fits(29.92, 6.30, 0.21)        # 6.30 / 0.21 = 30.0; true 0.2105 gives 29.93
    assert not _ratio_fits(25.0, 6.30, 0.21)     # a wrong ratio is caught
    assert not _ratio_fits(4.84, 6.77, 1.00)


def test_a_tiny_benchmark_prints_every_figure(tmp_path):
    report = io.StringIO()
    assert run_bench(articles=16, memory_sizes=(8, 16), jobs=2, chunk_size=4, out=report, workdir=tmp_path,
                     corpus_dir=BUNDLED_CORPUS) == 0
    text = report.getvalue()
    figure = lambda label: float(re.search(label + r" .*?: ([\d.]+) ms/article CPU", text).group(1))  # noqa: E731
    vader, exact, full, load = (figure(label) for label in ("stock VADER", "exact VADER", "full profile",
                                                              r"directory load \+ profile"))
    ratio = float(re.search(r"ratio full / stock VADER: ([\d.]+)", text).group(1))
    exact_ratio = float(re.search(r"ratio full / exact VADER: ([\d.]+)", text).group(1))
    load_ratio = float(re.search(r"ratio \(load \+ profile\) / stock VADER: ([\d.]+)", text).group(1))
    # The profile scores every sentence with the exact scorer and does far more. The load is timed
    # separately from the profile, so with 16 articles load + profile can come out a hair under
    # the profile alone on a busy machine: only an order of magnitude is asserted there.
    assert 0 < exact < full and load > 0.5 * full
    assert _ratio_fits(ratio, full, vader) and _ratio_fits(exact_ratio, full, exact)
    assert _ratio_fits(load_ratio, load, vader)
    startup = re.search(r"start-up of `python -m analysis check` .*?: ([\d.]+) s CPU \(([\d.]+) s wall\)", text)
    assert startup and 0 < float(startup.group(1)) < 30 and float(startup.group(2)) > 0
    rates = re.search(r"1 job: (\d+) articles/s; 2 jobs: (\d+) articles/s; speedup ([\d.]+)", text)
    assert rates and int(rates.group(1)) > 0 and int(rates.group(2)) > 0
    peaks = re.findall(r"streaming run of (\d+) articles.*main (\d+) MiB, largest worker (\d+) MiB", text)
    assert [p[0] for p in peaks] == ["8", "16"] and all(int(p[1]) > 50 and int(p[2]) > 50 for p in peaks)
    assert "memory growth 8 -> 16 articles" in text and text.startswith("machine: ")
    assert not list(tmp_path.iterdir())  # the temporary corpus and outputs are gone


def _stage_times_tool():
    import importlib.util
    from pathlib import Path
    path = Path(__file__).resolve().parents[1] / "tools" / "stage_times.py"
    spec = importlib.util.spec_from_file_location("stage_times", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_stage_times_charges_every_stage_of_the_profile_once():
    tool = _stage_times_tool()
    articles = [record_article(row, i, "t")[0] for i, row in enumerate(synthetic_articles(6, source=SOURCE))]
    spent = tool.one_round(articles)
    assert list(spent) == ["text", "quotes", "sentiment", "tone", "hedging", "quote rows", "emphasis",
                           "readability"]
    assert all(seconds >= 0 for seconds in spent.values()) and spent["tone"] > 0 and spent["quotes"] > 0
    # the same stages as profile_article: a row built stage by stage equals the profile's row
    from analysis.profiling.table import profile_article
    from analysis.text import Doc
    doc = Doc.from_article(articles[0])
    row = {}
    for _, stage in tool.STAGES[1:]:
        row.update(stage(doc))
    assert row == {k: v for k, v in profile_article(articles[0]).items() if k in row}
    assert len(row) == len(profile_article(articles[0])) - 6  # all but id, outlet, event, date, words, sentences
