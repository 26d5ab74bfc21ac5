"""China-versus-US emphasis: how much, how early and how prominently an article names each actor group.

Placement and size allocation are forms of media bias text can show (Hamborg, Donnay and Gipp
2019). A mention is a match of a group's gazetteer term or a named actor's alias
(`analysis/data/actors.yaml`): "Beijing" and "Washington" stand for the governments, "Xi" and
"Trump" for their states. Matching is case-sensitive, so "US" the country is counted and "us" the
pronoun is not; the name variants of one person (Lee Jae-myung, Lee Jae Myung, Lee Jae-myong and
the U+2011 spelling) resolve to one actor because matching runs on normalised text.

Mentions are counted in the title and the body (headings included; quoted text included: the
outlet chose to carry the quote). Each mention has a weight for prominence, following the inverted
pyramid (the headline and the lead carry the frame): `DEFAULT_WEIGHTS` gives title 3, lead (the
first text paragraph) 2, heading 1, any other body sentence 1. These are a stated convention, not
an estimate; pass `weights=` to use others.
"""
from __future__ import annotations

import math
from bisect import bisect_right
from typing import Mapping

from ..base.lazy import pandas as pd
from ..actors import Gazetteer, gazetteer_for, group_mentions
from ..quotes.voice import NARRATOR, QUOTED, quoted_spans
from ..text import Doc, normalize

#: Prominence weight of a mention by where it stands (see the module docstring).
DEFAULT_WEIGHTS: dict[str, float] = {"title": 3.0, "lead": 2.0, "heading": 1.0, "body": 1.0}
#: The two groups compared by `china_share` and the detailed columns.
CHINA, US = "china", "us"
#: Groups that always get a `<group>_mentions` column (plus any other group of the gazetteer).
REPORTED_GROUPS = ("china", "us", "north_korea", "south_korea", "japan", "taiwan")

EVIDENCE_COLUMNS = ["article_id", "group", "actor", "term", "location", "sentence", "paragraph",
                    "start", "end", "in_lead", "heading", "voice", "position", "weight"]


def _weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    merged = dict(DEFAULT_WEIGHTS)
    if weights:
        unknown = set(weights) - set(DEFAULT_WEIGHTS)
        if unknown:
            raise ValueError(f"unknown weight keys {sorted(unknown)}; use {sorted(DEFAULT_WEIGHTS)}")
        merged.update(weights)
    return merged


def _raw_title(doc: Doc) -> str | None:
    article = doc.article
    if article is not None:
        return article.title or None
    return doc.title or None


def _records(doc: Doc, gazetteer: Gazetteer | None) -> list[dict]:
    """Mention records without weights (memoised on the doc for the default gazetteer)."""
    key = "emphasis_records"
    if gazetteer is None and key in doc.cache:
        return doc.cache[key]
    gaz = gazetteer if gazetteer is not None else gazetteer_for(doc)
    records: list[dict] = []
    title = _raw_title(doc)
    if title:
        ntitle, offsets = normalize(title)
        for mention in gaz.mentions(ntitle):
            records.append({
                "article_id": doc.article_id, "group": mention.group, "actor": mention.actor,
                "term": mention.term, "location": "title", "sentence": -1, "paragraph": -1,
                "start": offsets[mention.nstart], "end": offsets[mention.nend - 1] + 1,
                "in_lead": False, "heading": False, "voice": NARRATOR, "position": 0.0,
            })
    sentences = doc.sentences
    last = max(len(sentences) - 1, 1)
    spans = quoted_spans(doc)
    span_starts = [s for s, _ in spans]
    for index, mention in group_mentions(doc, gazetteer):
        sentence = sentences[index] if index >= 0 else None
        start, end = doc.raw_span(mention.nstart, mention.nend)
        k = bisect_right(span_starts, mention.nstart) - 1
        voice = QUOTED if k >= 0 and mention.nstart < spans[k][1] else NARRATOR
        records.append({
            "article_id": doc.article_id, "group": mention.group, "actor": mention.actor,
            "term": mention.term, "location": "body", "sentence": index,
            "paragraph": sentence.paragraph if sentence else -1, "start": start, "end": end,
            "in_lead": bool(sentence and sentence.paragraph == doc.lead_paragraph),
            "heading": bool(sentence and sentence.is_heading), "voice": voice,
            "position": index / last if index >= 0 else math.nan,
        })
    if gazetteer is None:
        doc.cache[key] = records
    return records


def _weight(record: dict, weights: dict[str, float]) -> float:
    if record["location"] == "title":
        return weights["title"]
    if record["in_lead"]:
        return weights["lead"]
    if record["heading"]:
        return weights["heading"]
    return weights["body"]


def mention_evidence(doc: Doc, weights: Mapping[str, float] | None = None,
                     gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """Every group mention in the title and body, one row each.

    Columns: article_id, group, actor (canonical name, or None for a plain group term), term (as
    matched in normalised text), location ('title' or 'body'), sentence (index; -1 for the title),
    paragraph (-1 for the title), start, end (offsets into article.body; for the title, into
    article.title), in_lead (in the first text paragraph), heading (in a `## ` heading), voice
    ('narrator' or 'quoted'), position (0..1: the sentence's index over the last index; title 0),
    weight (prominence weight, see DEFAULT_WEIGHTS). Title rows first, then body rows in text
    order; rows at one span sorted by group.
    """
    w = _weights(weights)
    rows = [dict(r, weight=_weight(r, w)) for r in _records(doc, gazetteer)]
    frame = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    frame = frame.assign(_t=(frame["location"] != "title").astype(int))
    return (frame.sort_values(["_t", "start", "group"], kind="mergesort")
            .drop(columns="_t").reset_index(drop=True))


def summarize(doc: Doc, weights: Mapping[str, float] | None = None,
              gazetteer: Gazetteer | None = None) -> dict:
    """Emphasis columns for one article.

    - <group>_mentions: mentions in title and body, for every gazetteer group (counts).
    - china_per_1000, us_per_1000: those mentions per 1,000 body words (`doc.words`, headings
      excluded); NaN for an empty body.
    - china_sentence_share, us_sentence_share: share (0..1) of the non-heading sentences that
      mention the group at least once (the title is not a sentence here).
    - china_share: china / (china + us) mentions (0..1); NaN when the article names neither.
    - china_prominence, us_prominence: sum of the mentions' weights (title 3, lead 2, other 1 by
      default; see DEFAULT_WEIGHTS and `weights=`).
    - china_first_position, us_first_position: position (0..1) of the first mention (title 0);
      NaN if none.
    - both_sentences: number of non-heading sentences that mention both China and the US.
    """
    w = _weights(weights)
    records = _records(doc, gazetteer)
    gaz = gazetteer if gazetteer is not None else gazetteer_for(doc)
    groups = list(REPORTED_GROUPS) + [g for g in gaz.groups if g not in REPORTED_GROUPS]
    counts = {g: 0 for g in groups}
    for record in records:
        counts[record["group"]] = counts.get(record["group"], 0) + 1
    result: dict = {f"{g}_mentions": counts[g] for g in groups}
    words = doc.words
    text_indices = {s.index for s in doc.text_sentences}
    n_sentences = len(text_indices)
    sentence_sets: dict[str, set[int]] = {}
    for group in (CHINA, US):
        mine = [r for r in records if r["group"] == group]
        sentence_sets[group] = {r["sentence"] for r in mine if r["sentence"] in text_indices}
        result[f"{group}_per_1000"] = 1000.0 * counts[group] / words if words else math.nan
        result[f"{group}_sentence_share"] = (len(sentence_sets[group]) / n_sentences
                                             if n_sentences else math.nan)
        result[f"{group}_prominence"] = math.fsum(_weight(r, w) for r in mine)
        result[f"{group}_first_position"] = min(
            (r["position"] for r in mine if not math.isnan(r["position"])), default=math.nan)
    total = counts[CHINA] + counts[US]
    result["china_share"] = counts[CHINA] / total if total else math.nan
    result["both_sentences"] = len(sentence_sets[CHINA] & sentence_sets[US])
    return result
