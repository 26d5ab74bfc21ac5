"""Seeded bootstrap intervals over sentences, and outlet comparisons that say if a gap survives.

Five articles are few, so outlet-level numbers carry a percentile bootstrap interval: the outlet's
sentences are resampled with replacement (`resamples` times, numpy `default_rng(seed)`), the
statistic is recomputed on each resample, and the interval is the (1-level)/2 and (1+level)/2
quantiles of those values. The seed defaults to `analysis.base.config.BOOTSTRAP_SEED`, so the same input
gives byte-identical output.

Two statistics are built in:
- `mean`: the mean of a per-sentence value (e.g. VADER compound, -1..1);
- `rate`: 1000 * sum(count) / sum(words), a per-1,000-words rate (e.g. hedges per 1,000 narrator
  words), resampling sentences so that the numerator and the denominator move together.

Caveat: sentences of one article are not independent (one writer, one topic), so an interval over
sentences is narrower than one over articles would be; with one article per outlet it is the only
resampling unit there is. Read the intervals as "stable within this text", not "true of the outlet".
"""
from __future__ import annotations

import math
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from ..base import config
from ..metrics.sentiment import ALL, sentence_scores
from ..quotes.voice import NARRATOR, QUOTED, segments
from ..text import Doc

#: Statistic names accepted by `outlet_intervals` and `compare_outlets`.
STATISTICS = ("mean", "rate")
#: Upper bound on resampled cells held in memory at once (resamples x sentences per chunk).
_CHUNK_CELLS = 4_000_000


def _chunks(resamples: int, n: int) -> list[int]:
    per_chunk = max(1, _CHUNK_CELLS // max(n, 1))
    sizes = [per_chunk] * (resamples // per_chunk)
    if resamples % per_chunk:
        sizes.append(resamples % per_chunk)
    return sizes


def _resample_indices(rng: np.random.Generator, n: int, resamples: int):
    """Yield index matrices (chunk x n) of rows drawn with replacement, in a fixed order."""
    for size in _chunks(resamples, n):
        yield rng.integers(0, n, size=(size, n))


def _interval(replicates: np.ndarray, level: float) -> tuple[float, float]:
    replicates = replicates[~np.isnan(replicates)]
    if replicates.size == 0:
        return math.nan, math.nan
    alpha = (1.0 - level) / 2.0
    low, high = np.quantile(replicates, [alpha, 1.0 - alpha])
    return float(low), float(high)


def _check(resamples: int, level: float) -> None:
    if resamples < 1:
        raise ValueError("resamples must be at least 1")
    if not 0.0 < level < 1.0:
        raise ValueError("level must be between 0 and 1 (e.g. 0.95)")


def _mean_replicates(values: np.ndarray, rng: np.random.Generator, resamples: int) -> np.ndarray:
    return np.concatenate([values[idx].mean(axis=1)
                           for idx in _resample_indices(rng, values.size, resamples)])


def _rate_replicates(counts: np.ndarray, words: np.ndarray, rng: np.random.Generator,
                     resamples: int) -> np.ndarray:
    out = []
    for idx in _resample_indices(rng, counts.size, resamples):
        total_words = words[idx].sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            out.append(np.where(total_words > 0, 1000.0 * counts[idx].sum(axis=1) / total_words,
                                np.nan))
    return np.concatenate(out)


def rate(counts: Sequence[float], words: Sequence[float]) -> float:
    """1000 * sum(counts) / sum(words): a rate per 1,000 words; NaN when there are no words."""
    total = float(np.sum(np.asarray(words, dtype=float)))
    return 1000.0 * float(np.sum(np.asarray(counts, dtype=float))) / total if total > 0 else math.nan


def bootstrap_ci(values: Sequence[float], statistic: Callable = np.mean,
                 resamples: int = config.BOOTSTRAP_RESAMPLES, level: float = 0.95,
                 seed: int = config.BOOTSTRAP_SEED) -> tuple[float, float, float]:
    """(estimate, low, high): the statistic of `values` and its percentile bootstrap interval.

    NaN values are dropped first. No values: all three NaN. One value: the interval is that value.
    `statistic` is called as statistic(matrix, axis=1) on a chunk of resamples when it accepts an
    `axis` (np.mean, np.median do), else once per resample.
    """
    _check(resamples, level)
    data = np.asarray(values, dtype=float)
    data = data[~np.isnan(data)]
    if data.size == 0:
        return math.nan, math.nan, math.nan
    estimate = float(statistic(data))
    rng = np.random.default_rng(seed)
    replicates = []
    for idx in _resample_indices(rng, data.size, resamples):
        sample = data[idx]
        try:
            replicates.append(np.asarray(statistic(sample, axis=1), dtype=float))
        except TypeError:
            replicates.append(np.array([float(statistic(row)) for row in sample]))
    low, high = _interval(np.concatenate(replicates), level)
    return estimate, low, high


def bootstrap_rate_ci(counts: Sequence[float], words: Sequence[float],
                      resamples: int = config.BOOTSTRAP_RESAMPLES, level: float = 0.95,
                      seed: int = config.BOOTSTRAP_SEED) -> tuple[float, float, float]:
    """(rate, low, high) per 1,000 words, resampling sentences (count and words together)."""
    _check(resamples, level)
    c = np.asarray(counts, dtype=float)
    w = np.asarray(words, dtype=float)
    if c.shape != w.shape:
        raise ValueError("counts and words must have the same length")
    if c.size == 0:
        return math.nan, math.nan, math.nan
    rng = np.random.default_rng(seed)
    low, high = _interval(_rate_replicates(c, w, rng, resamples), level)
    return rate(c, w), low, high


def _replicates(frame: pd.DataFrame, value_col: str, kind: str, words_col: str,
                rng: np.random.Generator, resamples: int) -> tuple[float, np.ndarray]:
    if kind == "mean":
        values = frame[value_col].to_numpy(dtype=float)
        values = values[~np.isnan(values)]
        if values.size == 0:
            return math.nan, np.full(resamples, np.nan)
        return math.fsum(values) / values.size, _mean_replicates(values, rng, resamples)
    if kind == "rate":
        counts = frame[value_col].to_numpy(dtype=float)
        words = frame[words_col].to_numpy(dtype=float)
        if counts.size == 0:
            return math.nan, np.full(resamples, np.nan)
        return rate(counts, words), _rate_replicates(counts, words, rng, resamples)
    raise ValueError(f"statistic must be one of {STATISTICS}, not {kind!r}")


def _sorted_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in a canonical order (article, sentence) so the input's row order cannot move results."""
    keys = [c for c in ("article_id", "sentence", "start") if c in frame.columns]
    return frame.sort_values(keys, kind="mergesort") if keys else frame


def outlet_intervals(sentence_frame: pd.DataFrame, value_col: str, group_col: str = "outlet",
                     statistic: str = "mean", words_col: str = "words",
                     resamples: int = config.BOOTSTRAP_RESAMPLES, level: float = 0.95,
                     seed: int = config.BOOTSTRAP_SEED) -> pd.DataFrame:
    """Per group (outlet): estimate and bootstrap interval of a sentence-level quantity.

    `sentence_frame` has one row per sentence with `group_col`, `value_col` (and `words_col` for a
    rate). statistic 'mean': mean of value_col; 'rate': 1000*sum(value_col)/sum(words_col).
    Columns: <group_col>, sentences, articles (if article_id is present), estimate, low, high,
    statistic, value. Sorted by group; each group resampled with the same seed.
    """
    _check(resamples, level)
    rows = []
    for group, part in sentence_frame.groupby(group_col, sort=True):
        part = _sorted_rows(part)
        rng = np.random.default_rng(seed)
        estimate, replicates = _replicates(part, value_col, statistic, words_col, rng, resamples)
        low, high = _interval(replicates, level)
        row = {group_col: group, "sentences": len(part)}
        if "article_id" in part.columns:
            row["articles"] = int(part["article_id"].nunique())
        row.update({"estimate": estimate, "low": low, "high": high, "statistic": statistic,
                    "value": value_col})
        rows.append(row)
    return pd.DataFrame(rows)


def compare_outlets(sentence_frame: pd.DataFrame, value_col: str, group_col: str = "outlet",
                    a: str | None = None, b: str | None = None, statistic: str = "mean",
                    words_col: str = "words", resamples: int = config.BOOTSTRAP_RESAMPLES,
                    level: float = 0.95, seed: int = config.BOOTSTRAP_SEED) -> dict:
    """Does the difference a - b in a sentence-level quantity survive resampling?

    Each outlet's sentences are resampled independently (one generator, a's draws then b's); the
    difference of the statistics is computed per resample. `survives` is True when the interval
    of the difference excludes 0. `a`/`b` default to the first two groups in sorted order.
    Returns {a, b, estimate_a, estimate_b, diff, low, high, level, survives, sentences_a,
    sentences_b, statistic, value}.
    """
    _check(resamples, level)
    groups = sorted(sentence_frame[group_col].dropna().unique().tolist())
    if a is None or b is None:
        if len(groups) < 2:
            raise ValueError(f"need two groups in {group_col!r} to compare, found {groups}")
        a = groups[0] if a is None else a
        b = next(g for g in groups if g != a) if b is None else b
    for name in (a, b):
        if name not in groups:
            raise ValueError(f"{name!r} is not a value of {group_col!r}: {groups}")
    part_a = _sorted_rows(sentence_frame[sentence_frame[group_col] == a])
    part_b = _sorted_rows(sentence_frame[sentence_frame[group_col] == b])
    rng = np.random.default_rng(seed)
    estimate_a, rep_a = _replicates(part_a, value_col, statistic, words_col, rng, resamples)
    estimate_b, rep_b = _replicates(part_b, value_col, statistic, words_col, rng, resamples)
    low, high = _interval(rep_a - rep_b, level)
    diff = estimate_a - estimate_b
    survives = bool(not math.isnan(low) and (low > 0 or high < 0))
    return {"a": a, "b": b, "estimate_a": estimate_a, "estimate_b": estimate_b, "diff": diff,
            "low": low, "high": high, "level": level, "survives": survives,
            "sentences_a": len(part_a), "sentences_b": len(part_b), "statistic": statistic,
            "value": value_col}


# ------------------------------------------------------------------ sentence frames
SENTENCE_COLUMNS = ["outlet", "article_id", "sentence", "start", "end", "words", "narrator_words",
                    "quoted_words", "compound"]


def doc_sentence_frame(doc: Doc) -> pd.DataFrame:
    """One row per non-heading sentence of a Doc: outlet, article_id, sentence, start, end (offsets
    into article.body), words, narrator_words, quoted_words, compound (VADER, whole sentence)."""
    voice_words: dict[tuple[int, str], int] = {}
    for segment in segments(doc):
        key = (segment.sentence, segment.voice)
        voice_words[key] = voice_words.get(key, 0) + segment.words
    scores = sentence_scores(doc)
    compound = dict(zip(scores.loc[scores["voice"] == ALL, "sentence"],
                        scores.loc[scores["voice"] == ALL, "compound"]))
    outlet = doc.article.outlet if doc.article is not None else None
    rows = []
    for s in doc.text_sentences:
        rows.append({"outlet": outlet, "article_id": doc.article_id, "sentence": s.index,
                     "start": s.start, "end": s.end, "words": s.words,
                     "narrator_words": voice_words.get((s.index, NARRATOR), 0),
                     "quoted_words": voice_words.get((s.index, QUOTED), 0),
                     "compound": compound[s.index]})
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def sentence_frame(articles) -> pd.DataFrame:
    """`doc_sentence_frame` for every article of a Corpus (or an iterable of Articles), stacked
    and sorted by outlet, article_id, sentence."""
    items = getattr(articles, "articles", articles)
    frames = [doc_sentence_frame(Doc.from_article(a)) for a in items]
    if not frames:
        return pd.DataFrame(columns=SENTENCE_COLUMNS)
    frame = pd.concat(frames, ignore_index=True)
    return frame.sort_values(["outlet", "article_id", "sentence"], kind="mergesort").reset_index(drop=True)


def add_counts(frame: pd.DataFrame, evidence: pd.DataFrame, name: str,
               where: Callable[[pd.DataFrame], pd.Series] | None = None) -> pd.DataFrame:
    """Add a per-sentence count column `name`: rows of an evidence table (article_id, sentence)
    per sentence, optionally filtered by `where(evidence) -> bool Series` (e.g. narrator voice
    only). Sentences without evidence get 0. The frame is returned as a new DataFrame."""
    if where is not None and len(evidence):
        evidence = evidence[where(evidence)]
    counts = (evidence.groupby(["article_id", "sentence"]).size().rename(name).reset_index()
              if len(evidence) else pd.DataFrame(columns=["article_id", "sentence", name]))
    merged = frame.drop(columns=[name], errors="ignore").merge(
        counts, on=["article_id", "sentence"], how="left", validate="1:1")
    merged[name] = merged[name].fillna(0).astype(int)
    return merged
