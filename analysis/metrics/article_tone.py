"""News tone of one article: every sentence and voice run, and toward each actor group.

The model is `analysis.metrics.tone` (trained on rated news, NewsMTSC); this module applies it to a
`Doc` the way `sentiment` applies VADER, and reuses the VADER scores `sentiment` already computed
for the same texts (they are features of the model), so no text is scored by VADER twice. An
article's texts are scored together (`tone.score_sentences`, then `tone.score_mentions` for every
mention), each sentence tokenised once: the same floats as scoring each text and mention alone.

Profile columns (`summarize`):
- tone_mean: mean tone (P(positive) - P(negative), -1..1) of the non-heading sentences, each
  sentence weighing 1.
- tone_narrator / tone_quoted: mean tone of the narrator / quoted runs, each run weighted by its
  words (as `sentiment_narrator` / `sentiment_quoted`); NaN when the voice has no words.
- tone_toward_<group> and n_tone_toward_<group> for every group of the article's gazetteer (the
  package's plus the corpus's actors.yaml): mean tone of the target-aware model toward each mention
  of the group in a non-heading sentence, and how many mentions. An approximation: a linear model
  over the words around the mention, not a parser (validated on NewsMTSC's people, not countries).
"""
from __future__ import annotations

import math

from ..base.lazy import pandas as pd

from ..actors import Gazetteer, gazetteer_for, group_mentions
from ..text import Doc
from . import tone
from .sentiment import ALL, NARRATOR, QUOTED, scored_runs

EVIDENCE_COLUMNS = ["article_id", "sentence", "start", "end", "voice", "text", "words", "tone",
                    "negative", "neutral", "positive", "label", "top_terms"]
TOWARD_COLUMNS = ["article_id", "sentence", "group", "term", "start", "end", "text", "tone",
                  "negative", "neutral", "positive", "label"]
#: How many of the words that moved a sentence's tone most the evidence lists.
TOP_TERMS = 5


def _vader(row: dict) -> dict:
    return {"compound": row["compound"], "pos": row["pos"], "neg": row["neg"]}


def _runs(doc: Doc) -> list[dict]:
    """Every scored sentence and voice run with its tone probabilities (memoised on the doc)."""
    if "tone_runs" in doc.cache:
        return doc.cache["tone_runs"]
    rows = scored_runs(doc)
    first: dict[str, dict] = {}  # each distinct text scored once (a repeated run, a lone quote mark)
    for row in rows:
        first.setdefault(row["text"], row)
    # Whole sentences are tokenised once, for their own tone, their voice runs' and their mentions'.
    tokenised = {row["text"]: tone.SentenceTokens(row["text"]) for row in rows if row["voice"] == ALL}
    sentence_of = {row["sentence"]: tokenised[row["text"]] for row in rows if row["voice"] == ALL}
    tokens = [tokenised[text].tokens if text in tokenised else sentence_of[row["sentence"]].inner(text)
              for text, row in first.items()]
    memo = dict(zip(first, tone.score_sentences(first, [_vader(row) for row in first.values()],
                                                tokens=tokens)))
    runs = [{**row, **memo[row["text"]]} for row in rows]
    doc.cache["tone_tokens"] = tokenised
    doc.cache["tone_runs"] = runs
    return runs


def _mean(values: list[float]) -> float:
    return math.fsum(values) / len(values) if values else math.nan


def _weighted(runs: list[dict]) -> float:
    total = sum(r["words"] for r in runs)
    return math.fsum(r["tone"] * r["words"] for r in runs) / total if total else math.nan


def _toward_scores(doc: Doc, gazetteer: Gazetteer | None = None) -> list[tuple[int, object, dict]]:
    """`(sentence index, mention, tone scores)` of every actor-group mention in a non-heading
    sentence, in text order (memoised for the default gazetteer)."""
    key = "tone_toward_scores" if gazetteer is None else None
    if key and key in doc.cache:
        return doc.cache[key]
    whole = {r["sentence"]: r for r in _runs(doc) if r["voice"] == ALL}
    found = [(index, mention) for index, mention in group_mentions(doc, gazetteer) if index in whole]
    sentences = doc.sentences
    vader = {index: _vader(whole[index]) for index in {index for index, _ in found}}
    # All mentions scored together: each sentence prepared once for every mention in it.
    scores = tone.score_mentions(
        [(sentences[index].text, mention.nstart - sentences[index].nstart,
          mention.nend - sentences[index].nstart, vader[index]) for index, mention in found],
        tokenised=doc.cache.get("tone_tokens"))
    scored = [(index, mention, score) for (index, mention), score in zip(found, scores)]
    if key:
        doc.cache[key] = scored
    return scored


def toward_rows(doc: Doc, gazetteer: Gazetteer | None = None) -> list[dict]:
    """One row per actor-group mention in a non-heading sentence: the tone toward it (memoised)."""
    key = "tone_toward" if gazetteer is None else None
    if key and key in doc.cache:
        return doc.cache[key]
    sentences = doc.sentences
    rows = []
    for index, mention, score in _toward_scores(doc, gazetteer):
        start, end = doc.raw_span(mention.nstart, mention.nend)
        rows.append({"article_id": doc.article_id, "sentence": index, "group": mention.group,
                     "term": mention.term, "start": start, "end": end,
                     "text": sentences[index].text, **score})
    if key:
        doc.cache[key] = rows
    return rows


def summarize(doc: Doc, gazetteer: Gazetteer | None = None) -> dict:
    """Article-level news tone (see the module docstring for each column)."""
    runs = _runs(doc)
    result = {
        "tone_mean": _mean([r["tone"] for r in runs if r["voice"] == ALL]),
        "tone_narrator": _weighted([r for r in runs if r["voice"] == NARRATOR]),
        "tone_quoted": _weighted([r for r in runs if r["voice"] == QUOTED]),
    }
    by_group: dict[str, list[float]] = {}  # each group's tones in text order (the rows' order)
    for _, mention, score in _toward_scores(doc, gazetteer):
        by_group.setdefault(mention.group, []).append(score["tone"])
    for group in sorted((gazetteer or gazetteer_for(doc)).groups):
        values = by_group.get(group, [])
        result[f"tone_toward_{group}"] = _mean(values)
        result[f"n_tone_toward_{group}"] = len(values)
    return result


def tone_evidence(doc: Doc, voice: str | None = None) -> pd.DataFrame:
    """The sentences and voice runs behind `tone_*`: full text, tone, the three probabilities, the
    label and the words that moved the tone most (`term (effect)`, effect = contribution to the
    positive minus the negative class score). `voice`: 'all', 'narrator', 'quoted' or None (every row)."""
    rows = []
    for run in _runs(doc):
        if (voice is not None and run["voice"] != voice) or not run["words"]:
            continue  # a run without words (a lone quote mark) weighs nothing in the means
        explanation = tone.explain_tone(run["text"], vader=_vader(run))
        top = explanation.contributions.head(TOP_TERMS)
        rows.append({**{k: run[k] for k in ("article_id", "sentence", "start", "end", "voice", "text",
                                            "words", "tone", "negative", "neutral", "positive", "label")},
                     "top_terms": "; ".join(f"{t} ({e:+.2f})" for t, e in zip(top["term"], top["effect"]))})
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def toward_evidence(doc: Doc, group: str | None = None) -> pd.DataFrame:
    """The mentions behind `tone_toward_<group>` (all groups when None), sorted by sentence, start."""
    rows = [r for r in toward_rows(doc) if group is None or r["group"] == group]
    frame = pd.DataFrame(rows, columns=TOWARD_COLUMNS)
    return frame.sort_values(["sentence", "start", "group"], kind="mergesort").reset_index(drop=True)
