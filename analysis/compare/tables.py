"""Corpus-level tables for the notebooks: per-article evidence stacked with the outlet, and
outlet-level estimates with seeded bootstrap intervals. Notebooks call these and only display.
"""
from __future__ import annotations

import pandas as pd

from .. import explain, quotes
from ..actors import gazetteer_for
from ..corpus import Corpus
from ..metrics import article_tone, emphasis, hedging, sentiment, topics
from ..quotes.voice import words_by_voice
from ..text import Doc
from . import bootstrap

#: Actor groups shown in the sentiment-toward-actors figure.
SENTIMENT_GROUPS = ("china", "us", "north_korea")


def docs(corpus: Corpus) -> list[Doc]:
    """A Doc per article, in corpus order (build once, share between tables)."""
    return [Doc.from_article(article) for article in corpus.articles]


def _stack(frames: list[pd.DataFrame], documents: list[Doc]) -> pd.DataFrame:
    tagged = [f.assign(outlet=d.article.outlet) for f, d in zip(frames, documents) if not f.empty]
    if not tagged:
        return pd.DataFrame()
    frame = pd.concat(tagged, ignore_index=True)
    first = ["outlet", "article_id"]
    return frame[first + [c for c in frame.columns if c not in first]]


def sentence_sentiment(documents: list[Doc]) -> pd.DataFrame:
    """Every scored sentence and voice run (VADER compound, -1..1), with outlet and article."""
    return _stack([sentiment.sentence_scores(d) for d in documents], documents)


def _voice_intervals(runs: pd.DataFrame, column: str, value: str) -> pd.DataFrame:
    """Per outlet and voice: word-weighted mean of `column` over the voice's runs, 95% interval.

    The word-weighted mean is computed as a rate (sum of value x words over words) so the
    bootstrap resamples runs with their lengths."""
    runs = runs[runs["voice"] != sentiment.ALL].copy()
    runs["weighted"] = runs[column] * runs["words"]
    parts = []
    for voice, part in runs.groupby("voice", sort=True):
        table = bootstrap.outlet_intervals(part, "weighted", statistic="rate", words_col="words")
        table[["estimate", "low", "high"]] = table[["estimate", "low", "high"]] / 1000.0
        parts.append(table.assign(voice=voice, value=value))
    frame = pd.concat(parts, ignore_index=True).rename(columns={"sentences": "runs"})
    return frame[["outlet", "voice", "runs", "estimate", "low", "high"]]


def voice_sentiment(documents: list[Doc]) -> pd.DataFrame:
    """Per outlet and voice: word-weighted mean VADER compound of the voice's runs, with a 95%
    interval; equals `sentiment_narrator`/`_quoted` of a one-article outlet."""
    return _voice_intervals(sentence_sentiment(documents), "compound", "compound (word-weighted)")


def sentence_tone(documents: list[Doc]) -> pd.DataFrame:
    """Every sentence and voice run with words: news tone (-1..1), the three probabilities, the
    label and the terms that moved it most, with outlet and article (`article_tone.tone_evidence`)."""
    return _stack([article_tone.tone_evidence(d) for d in documents], documents)


def voice_tone(documents: list[Doc]) -> pd.DataFrame:
    """Per outlet and voice: word-weighted mean news tone of the voice's runs, with a 95% interval;
    equals `tone_narrator`/`tone_quoted` of a one-article outlet."""
    return _voice_intervals(sentence_tone(documents), "tone", "news tone (word-weighted)")


def _known_groups(documents: list[Doc], groups) -> list[str]:
    groups = [groups] if isinstance(groups, str) else list(groups)
    known = sorted({g for document in documents for g in gazetteer_for(document).groups})
    unknown = [g for g in groups if g not in known]
    if unknown:
        raise ValueError(f"unknown actor group(s) {', '.join(map(repr, unknown))}; valid groups: {', '.join(known)}")
    return groups


def _group_intervals(frame: pd.DataFrame, column: str, groups: list[str], count: str) -> pd.DataFrame:
    parts = []
    for group in groups:
        part = frame[frame["group"] == group] if len(frame) else frame
        if part.empty:
            continue
        table = bootstrap.outlet_intervals(part, column)
        parts.append(table.assign(group=group).rename(columns={"sentences": count}))
    columns = ["outlet", "group", count, "estimate", "low", "high"]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)


def actor_tone(documents: list[Doc], groups=SENTIMENT_GROUPS) -> pd.DataFrame:
    """Per outlet and actor group: mean news tone toward the group's mentions (the target-aware
    model, one value per mention), with a 95% bootstrap interval over mentions. An approximation."""
    groups = _known_groups(documents, groups)
    frame = _stack([article_tone.toward_evidence(d) for d in documents], documents)
    return _group_intervals(frame, "tone", groups, "mentions")


def actor_sentiment(documents: list[Doc], groups=SENTIMENT_GROUPS) -> pd.DataFrame:
    """Per outlet and actor group: mean compound of the sentences that mention the group, 95% interval.

    A lexicon approximation of target sentiment: the score belongs to the sentence, not the actor.
    """
    groups = _known_groups(documents, groups)
    rows = []
    for document in documents:
        evidence = sentiment.actor_sentiment_evidence(document)
        evidence = evidence[evidence["group"].isin(groups)]
        per_sentence = evidence.drop_duplicates(["group", "sentence"])
        rows.append(per_sentence.assign(outlet=document.article.outlet))
    frame = pd.concat(rows, ignore_index=True)
    return _group_intervals(frame, "compound", groups, "sentences")


def emphasis_summary(documents: list[Doc], weights=None) -> pd.DataFrame:
    """Per article: China and US mentions, per 1,000 words, share, prominence and first position."""
    rows = []
    for document in documents:
        summary = emphasis.summarize(document, weights=weights)
        rows.append({"outlet": document.article.outlet, "article_id": document.article_id, **summary})
    return pd.DataFrame(rows)


def mentions(documents: list[Doc], weights=None) -> pd.DataFrame:
    """Every actor-group mention (title and body) with its position 0..1 and prominence weight."""
    return _stack([emphasis.mention_evidence(d, weights=weights) for d in documents], documents)


def hedging_evidence(documents: list[Doc], lexicon=None) -> pd.DataFrame:
    """Every hedge, booster and attribution cue with its voice, category, sentence and span.

    `lexicon`: None (the package's analysis/data/hedges.yaml) or a path to a lexicon in that format.
    """
    return _stack([hedging.hedge_evidence(d, lexicon) for d in documents], documents)


def sentence_counts(documents: list[Doc], lexicon=None) -> pd.DataFrame:
    """One row per sentence: words per voice, VADER compound, and narrator hedge/booster/attribution counts."""
    frames = []
    for document in documents:
        frame = bootstrap.doc_sentence_frame(document)
        evidence = hedging.hedge_evidence(document, lexicon)
        for kind in ("hedge", "booster", "attribution"):
            frame = bootstrap.add_counts(
                frame, evidence, f"{kind}_count",
                where=lambda e, kind=kind: (e["kind"] == kind) & (e["voice"] == "narrator"))
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def hedging_rates(documents: list[Doc], lexicon=None) -> pd.DataFrame:
    """Per outlet and kind: narrator rate per 1,000 narrator words with a 95% bootstrap interval."""
    counts = sentence_counts(documents, lexicon)
    parts = []
    for kind in ("hedge", "booster", "attribution"):
        table = bootstrap.outlet_intervals(counts, f"{kind}_count", statistic="rate", words_col="narrator_words")
        cues = counts.groupby("outlet")[f"{kind}_count"].sum()
        parts.append(table.assign(kind=kind, cues=table["outlet"].map(cues).fillna(0).astype(int)))
    return pd.concat(parts, ignore_index=True)[["outlet", "kind", "sentences", "cues", "estimate", "low", "high"]]


#: Sentence-level quantities `differences` tests between every pair of outlets.
COMPARED = (
    ("compound", "mean", "words", "sentence sentiment (mean compound)"),
    ("hedge_count", "rate", "narrator_words", "narrator hedges per 1,000 words"),
    ("booster_count", "rate", "narrator_words", "narrator boosters per 1,000 words"),
    ("attribution_count", "rate", "narrator_words", "narrator attribution cues per 1,000 words"),
)


def differences(documents: list[Doc]) -> pd.DataFrame:
    """Every pair of outlets on each sentence-level quantity: difference, 95% interval, survives?

    A difference 'survives' when the bootstrap interval of the difference excludes 0.
    """
    counts = sentence_counts(documents)
    outlets = sorted(counts["outlet"].unique())
    rows = []
    for value, statistic, words, label in COMPARED:
        for i, a in enumerate(outlets):
            for b in outlets[i + 1:]:
                result = bootstrap.compare_outlets(counts, value, a=a, b=b, statistic=statistic, words_col=words)
                rows.append({"quantity": label, "a": a, "b": b, "value_a": result["estimate_a"],
                             "value_b": result["estimate_b"], "difference": result["diff"],
                             "low": result["low"], "high": result["high"], "survives": result["survives"]})
    return pd.DataFrame(rows, columns=["quantity", "a", "b", "value_a", "value_b", "difference", "low", "high",
                                       "survives"])


#: Profile columns in the framing fingerprint, with readable labels.
FINGERPRINT = {
    "sentiment_narrator": "narrator sentiment",
    "sentiment_quoted": "quoted sentiment",
    "hedge_rate": "hedges /1k narrator words",
    "booster_rate": "boosters /1k narrator words",
    "attribution_rate": "attribution cues /1k",
    "quote_count": "quotes",
    "quoted_word_share": "quoted word share",
    "china_share": "China share (vs US)",
    "china_prominence": "China prominence",
    "us_prominence": "US prominence",
    "flesch_reading_ease": "Flesch reading ease",
}


def fingerprint(profile_frame: pd.DataFrame, metrics: dict[str, str] | None = None) -> pd.DataFrame:
    """Outlet x metric table of raw values (mean over an outlet's articles), in FINGERPRINT order."""
    metrics = metrics or FINGERPRINT
    present = [m for m in metrics if m in profile_frame.columns]
    return profile_frame.groupby("outlet", sort=True)[present].mean()


def coverage(documents: list[Doc], topics_file: str | None = None) -> pd.DataFrame:
    """Outlet/article x sub-topic: sentences that mention the topic (0 = left out), after the
    article's own number of sentences (`sentences`, headings excluded) to scale them by."""
    frame = topics.coverage(documents, topics_file)
    outlets = {d.article_id: d.article.outlet for d in documents}
    sentences = {d.article_id: len(d.text_sentences) for d in documents}
    frame.insert(0, "outlet", frame["article_id"].map(outlets))
    frame.insert(2, "sentences", frame["article_id"].map(sentences))
    return frame.sort_values(["outlet", "article_id"], kind="mergesort").reset_index(drop=True)


def topic_evidence(documents: list[Doc], topics_file: str | None = None) -> pd.DataFrame:
    """Every sub-topic match, with outlet, sentence and span (the evidence behind `coverage`)."""
    return _stack([topics.topic_evidence(d, topics_file) for d in documents], documents)


def hedging_by_category(documents: list[Doc], lexicon=None) -> pd.DataFrame:
    """Per outlet and category: narrator matches and the rate per 1,000 narrator words."""
    evidence = hedging_evidence(documents, lexicon)
    narrator_words = {}
    for document in documents:
        narrator_words[document.article.outlet] = (narrator_words.get(document.article.outlet, 0)
                                                   + words_by_voice(document)["narrator"])
    narrator = evidence[evidence["voice"] == "narrator"] if not evidence.empty else evidence
    counts = (narrator.groupby(["outlet", "kind", "category"]).size().rename("matches").reset_index()
              if not narrator.empty else pd.DataFrame(columns=["outlet", "kind", "category", "matches"]))
    counts["narrator_words"] = counts["outlet"].map(narrator_words)
    counts["rate"] = 1000.0 * counts["matches"] / counts["narrator_words"]
    return counts.sort_values(["outlet", "kind", "category"], kind="mergesort").reset_index(drop=True)


def quote_rows(documents: list[Doc]) -> pd.DataFrame:
    """Every quoted span with speaker, affiliation, kind, words, sentence and span."""
    return _stack([quotes.quote_evidence(d) for d in documents], documents)


def outlet_words(documents: list[Doc]) -> dict[str, int]:
    """Words (headings excluded) of each outlet's articles."""
    words: dict[str, int] = {}
    for document in documents:
        words[document.article.outlet] = words.get(document.article.outlet, 0) + document.words
    return words


def quote_kind_rates(documents: list[Doc], kinds=("full", "partial", "scare")) -> pd.DataFrame:
    """Per outlet and quote kind: quoted spans, the outlet's words, and spans per 1,000 words
    (outlets are compared at equal length). Every outlet gets a row per kind, zeros included."""
    rows_ = quote_rows(documents)
    words = outlet_words(documents)
    records = []
    for outlet in sorted(words):
        for kind in kinds:
            count = int(((rows_["outlet"] == outlet) & (rows_["kind"] == kind)).sum()) if not rows_.empty else 0
            records.append({"outlet": outlet, "kind": kind, "quotes": count, "words": words[outlet],
                            "per_1000": 1000.0 * count / words[outlet] if words[outlet] else float("nan")})
    return pd.DataFrame(records, columns=["outlet", "kind", "quotes", "words", "per_1000"])


def empty_quote_labels(quote_table: pd.DataFrame, outlets: list[str], voiced_kinds) -> dict[str, str]:
    """What to write on an outlet's empty bar of quoted words: "no quotes" only when it quotes
    nothing at all, else which kinds it does have ("only scare quotes")."""
    labels = {}
    for outlet in outlets:
        kinds = sorted(set(quote_table.loc[quote_table["outlet"] == outlet, "kind"])) if not quote_table.empty else []
        other = [k for k in kinds if k not in set(voiced_kinds)]
        labels[outlet] = f"only {' and '.join(other)} quotes" if other else "no quotes"
    return labels


def in_sentences(frame: pd.DataFrame, documents: list[Doc]) -> pd.DataFrame:
    """`frame` (evidence rows with article_id, start, end) plus `marked`: the whole sentence as in
    the body with the span in [[...]], never cut (see `analysis.explain.with_sentences`)."""
    if frame.empty:
        return frame.assign(marked=pd.Series(dtype=str))
    by_id = {d.article_id: d for d in documents}
    parts = [explain.with_sentences(by_id[article_id], rows, "")[["marked"]]
             for article_id, rows in frame.groupby("article_id", sort=False)]
    return frame.assign(marked=pd.concat(parts).reindex(frame.index)["marked"])
