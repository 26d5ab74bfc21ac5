"""Sentence-level sentiment with VADER (Hutto and Gilbert 2014), per voice and toward actor groups.

Why sentences: VADER's compound score grows with text length (vaderSentiment issue #151) and
saturates above +0.99 on every whole seed article, so an article's score here always aggregates
sentence scores; nothing is ever scored as one long text.

Units: `compound` is VADER's normalised score in -1..1; `pos`/`neu`/`neg` are VADER's proportions
(0..1). A sentence is positive at compound >= +0.05 and negative at <= -0.05 (VADER's own
thresholds). Headings are not scored (they are labels, not the outlet's sentences).

Voices (see `analysis.quotes.voice`): each non-heading sentence is scored whole (voice `all`) and, when it
holds quoted text, each narrator and quoted run on its own. A sentence without quotes is one
narrator run identical to the sentence, so its score is reused, never recomputed.

Caveat: VADER was built for social media; on NYT editorial snippets it correlates r = 0.49 with
mean human ratings. Show sentence distributions (`sentence_scores`), not only the means.
"""
from __future__ import annotations

import math
from typing import Iterable

from ..base.lazy import pandas as pd
from ..actors import Gazetteer, group_mentions
from ..quotes.voice import NARRATOR, QUOTED, segments
from ..text import Doc
from .vader import polarity_scores

#: Voice label of a whole-sentence score.
ALL = "all"
#: VADER's own thresholds for a positive / negative text (compound score).
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05
#: Actor groups that get a `sentiment_<group>` column by default.
ACTOR_GROUPS = ("china", "us", "north_korea", "south_korea")

SCORE_COLUMNS = ["article_id", "sentence", "start", "end", "voice", "text", "words",
                 "compound", "pos", "neu", "neg"]
EVIDENCE_COLUMNS = ["article_id", "sentence", "group", "term", "actor", "compound", "start", "end"]

def score_text(text: str) -> dict[str, float]:
    """VADER's scores of one short text: {'neg','neu','pos','compound'}. Use on sentences only.

    Exactly `vaderSentiment`'s `SentimentIntensityAnalyzer.polarity_scores(text)` (the package's
    own re-implementation, `analysis.metrics.vader`, about five times faster; tests compare the two
    on every sentence of the corpus and on generated text).
    """
    return polarity_scores(text)


def _rows(doc: Doc) -> list[dict]:
    """Scored rows (whole sentences and voice runs), memoised on the doc: each text scored once.

    Every stage that needs sentence scores (summarize, article_tone, the evidence tables) reads
    these rows, so VADER runs once per distinct text of the article, never twice for one text.
    """
    if "sentiment_rows" in doc.cache:
        return doc.cache["sentiment_rows"]
    vader = score_text
    # Repeated runs (a lone closing quote mark, a stock attribution) are scored once.
    memo: dict[str, dict] = {}
    runs_by_sentence: dict[int, list] = {}
    for segment in segments(doc):
        runs_by_sentence.setdefault(segment.sentence, []).append(segment)
    article_id = doc.article_id
    raw_span = doc.raw_span
    rows: list[dict] = []
    append = rows.append
    for sentence in doc.text_sentences:
        text, index, nstart, nend = sentence.text, sentence.index, sentence.nstart, sentence.nend
        scores = memo.get(text)
        if scores is None:
            scores = memo[text] = vader(text)
        append(_row(article_id, raw_span(nstart, nend), index, ALL, text, sentence.words, scores))
        for run in runs_by_sentence.get(index, ()):
            if run.nstart == nstart and run.nend == nend:
                scores_run = scores  # the run is the whole sentence: reuse its score
            else:
                scores_run = memo.get(run.text)
                if scores_run is None:
                    scores_run = memo[run.text] = vader(run.text)
            append(_row(article_id, raw_span(run.nstart, run.nend), index, run.voice, run.text,
                        run.words, scores_run))
    doc.cache["sentiment_rows"] = rows
    return rows


def scored_runs(doc: Doc) -> list[dict]:
    """Every non-heading sentence (voice 'all') and its voice runs, each with its VADER scores
    (the rows of `sentence_scores`, memoised on the doc; do not modify them)."""
    return _rows(doc)


def _row(article_id: str | None, span: tuple[int, int], index: int, voice: str, text: str,
         words: int, scores: dict) -> dict:
    return {"article_id": article_id, "sentence": index, "start": span[0], "end": span[1],
            "voice": voice, "text": text, "words": words, "compound": scores["compound"],
            "pos": scores["pos"], "neu": scores["neu"], "neg": scores["neg"]}


def sentence_scores(doc: Doc) -> pd.DataFrame:
    """One row per scored text: every non-heading sentence (voice 'all') and its voice runs.

    Columns: article_id, sentence (index), start, end (offsets into article.body), voice
    ('all', 'narrator', 'quoted'), text (normalised), words, compound (-1..1), pos, neu, neg (0..1).
    Sorted by sentence; within a sentence the 'all' row first, then its runs in text order.
    """
    frame = pd.DataFrame(_rows(doc), columns=SCORE_COLUMNS)
    frame = frame.assign(_v=(frame["voice"] != ALL).astype(int))
    return (frame.sort_values(["sentence", "_v", "start"], kind="mergesort")
            .drop(columns="_v").reset_index(drop=True))


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return math.fsum(values) / len(values) if values else math.nan


def _weighted_mean(rows: list[dict]) -> float:
    """Mean compound weighted by the run's words (runs without words are skipped); NaN if none."""
    total = sum(r["words"] for r in rows)
    if total == 0:
        return math.nan
    return math.fsum(r["compound"] * r["words"] for r in rows) / total


def summarize(doc: Doc, groups: Iterable[str] = ACTOR_GROUPS,
              gazetteer: Gazetteer | None = None) -> dict:
    """Article-level sentiment aggregated from sentences.

    - sentiment_mean: mean compound (-1..1) of the non-heading sentences, each sentence weighing 1.
    - sentiment_narrator / sentiment_quoted: mean compound of the narrator / quoted runs, each run
      weighted by its words, so a short attribution tail (`," he said.`, compound 0) weighs little
      next to a 30-word narrator sentence. NaN when the voice has no words (no quotes: quoted NaN).
    - share_positive / share_negative: share (0..1) of non-heading sentences at compound >= +0.05 /
      <= -0.05.
    - sentiment_<group> and n_sentences_<group> for each group: mean compound of the whole
      sentences that mention the group (gazetteer terms, title excluded) and how many there are.
      This is a lexicon approximation of target sentiment: it scores the sentence, not the
      sentiment directed at the group (trained target-dependent models do far better on news).
    """
    rows = _rows(doc)
    whole = [r for r in rows if r["voice"] == ALL]
    result = {
        "sentiment_mean": _mean(r["compound"] for r in whole),
        "sentiment_narrator": _weighted_mean([r for r in rows if r["voice"] == NARRATOR]),
        "sentiment_quoted": _weighted_mean([r for r in rows if r["voice"] == QUOTED]),
        "share_positive": (sum(r["compound"] >= POSITIVE_THRESHOLD for r in whole) / len(whole)
                           if whole else math.nan),
        "share_negative": (sum(r["compound"] <= NEGATIVE_THRESHOLD for r in whole) / len(whole)
                           if whole else math.nan),
    }
    compound_of = {r["sentence"]: r["compound"] for r in whole}
    by_group: dict[str, set[int]] = {}
    for index, mention in group_mentions(doc, gazetteer):
        if index in compound_of:
            by_group.setdefault(mention.group, set()).add(index)
    for group in groups:
        indices = sorted(by_group.get(group, ()))
        result[f"sentiment_{group}"] = _mean(compound_of[i] for i in indices)
        result[f"n_sentences_{group}"] = len(indices)
    return result


def actor_sentiment_evidence(doc: Doc, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """The sentences behind `sentiment_<group>`: one row per group mention in a scored sentence.

    Columns: article_id, sentence, group, term (as matched in normalised text), actor (canonical
    name or None), compound (the whole sentence's score, -1..1), start, end (offsets into
    article.body of the matched term). Sorted by sentence, start, group. A lexicon approximation
    of target sentiment: the compound belongs to the sentence, not to the group.
    """
    compound_of = {r["sentence"]: r["compound"] for r in _rows(doc) if r["voice"] == ALL}
    records = []
    for index, mention in group_mentions(doc, gazetteer):
        if index not in compound_of:
            continue
        start, end = doc.raw_span(mention.nstart, mention.nend)
        records.append({"article_id": doc.article_id, "sentence": index, "group": mention.group,
                        "term": mention.term, "actor": mention.actor,
                        "compound": compound_of[index], "start": start, "end": end})
    frame = pd.DataFrame(records, columns=EVIDENCE_COLUMNS)
    return frame.sort_values(["sentence", "start", "group"], kind="mergesort").reset_index(drop=True)
