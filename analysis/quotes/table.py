"""Quote tables: one row per quoted span (the contract's `analysis.quotes`), per-article summaries,
and share of voice by speaker affiliation."""
from __future__ import annotations

import math
import re
from typing import Iterable

from ..base.lazy import pandas as pd
from ..actors import Gazetteer, gazetteer_for
from ..text import Doc
from .attribution import EXTRA_AFFILIATIONS, KINDS, OTHER_STATES, extract_quotes
from .voice import NARRATOR, QUOTED, words_by_voice

EVIDENCE_COLUMNS = ["article_id", "outlet", "quote", "start", "end", "speaker", "affiliation", "kind",
                    "sentence", "rule", "words"]


def _article_fields(doc: Doc) -> tuple[str | None, str | None]:
    article = doc.article
    return (article.id if article else None, article.outlet if article else None)


def quote_evidence(doc: Doc) -> pd.DataFrame:
    """One row per quoted span: article_id, outlet, quote (the body text inside the marks),
    start/end (offsets into the body), speaker, affiliation, kind, sentence, rule, words."""
    article_id, outlet = _article_fields(doc)
    rows = [{"article_id": article_id, "outlet": outlet, "quote": q.text, "start": q.start, "end": q.end,
             "speaker": q.speaker, "affiliation": q.affiliation, "kind": q.kind, "sentence": q.sentence,
             "rule": q.rule, "words": q.words} for q in extract_quotes(doc)]
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def _docs(corpus) -> Iterable[Doc]:
    for article in sorted(corpus.articles, key=lambda a: a.id):
        yield Doc.from_article(article)


def quotes_table(corpus) -> pd.DataFrame:
    """One row per quoted span of every article (see `quote_evidence`), sorted by article, start."""
    frames = [quote_evidence(doc) for doc in _docs(corpus)]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    table = pd.concat(frames, ignore_index=True)
    return table.sort_values(["article_id", "start"], kind="mergesort").reset_index(drop=True)


def affiliation_codes(gazetteer: Gazetteer) -> list[str]:
    """The fixed affiliation columns: the gazetteer's country codes (sorted), then EXTRA_AFFILIATIONS."""
    codes = {g.get("affiliation") for g in gazetteer.groups.values()} | {a.affiliation for a in gazetteer.actors}
    countries = sorted(c for c in codes if isinstance(c, str) and re.fullmatch(r"[A-Z]{2}", c))
    return countries + list(EXTRA_AFFILIATIONS)


def share_column(affiliation: str, codes: list[str]) -> str:
    """The voice_share column a speaker's affiliation counts in: its own code if listed in
    `codes` (`affiliation_codes`), else `other_states` (a state the gazetteer does not list)."""
    return affiliation if affiliation in codes else OTHER_STATES


def summarize(doc: Doc) -> dict:
    """Quote metrics of one article.

    quote_count: every quoted span (full + partial + scare), with quote_count_full/_partial/_scare;
    quoted_word_share: quoted-voice words (full and partial quotes) / all words, 0..1, headings
    excluded (analysis.quotes.voice.words_by_voice); voice_share_<code>: quoted words of speakers with that
    affiliation / all quoted words (full and partial), 0..1, NaN when nothing is quoted (codes:
    `affiliation_codes`; voice_share_other_states covers state codes the gazetteer does not list,
    such as CL for "Chile's mining minister"); speakers:
    distinct named speakers of full and partial quotes.
    """
    quotes = extract_quotes(doc)
    row: dict = {"quote_count": len(quotes)}
    for kind in KINDS:
        row[f"quote_count_{kind}"] = sum(1 for q in quotes if q.kind == kind)
    voice = words_by_voice(doc)
    total = voice[NARRATOR] + voice[QUOTED]
    row["quoted_word_share"] = voice[QUOTED] / total if total else 0.0
    voiced = [q for q in quotes if q.kind != "scare"]
    quoted_words = sum(q.words for q in voiced)
    codes = affiliation_codes(gazetteer_for(doc))
    for code in codes:
        words = sum(q.words for q in voiced if share_column(q.affiliation, codes) == code)
        row[f"voice_share_{code}"] = words / quoted_words if quoted_words else math.nan
    row["speakers"] = len({q.speaker for q in voiced if q.speaker})
    return row


def share_of_voice(data) -> pd.DataFrame:
    """Quoted words by speaker affiliation, per article and per outlet (scare quotes excluded).

    `data` is a Corpus or a `quotes_table` frame. Columns: level ('article' or 'outlet'), outlet,
    article_id (empty for outlet rows), affiliation, quoted_words, share (0..1 of the level's quoted
    words). Sorted by level, outlet, article_id, affiliation.
    """
    table = data if isinstance(data, pd.DataFrame) else quotes_table(data)
    voiced = table[table["kind"] != "scare"]
    columns = ["level", "outlet", "article_id", "affiliation", "quoted_words", "share"]
    if voiced.empty:
        return pd.DataFrame(columns=columns)
    parts = []
    for level, keys in (("article", ["outlet", "article_id"]), ("outlet", ["outlet"])):
        grouped = voiced.groupby(keys + ["affiliation"], sort=True)["words"].sum().reset_index()
        grouped = grouped.rename(columns={"words": "quoted_words"})
        totals = grouped.groupby(keys)["quoted_words"].transform("sum")
        grouped["share"] = grouped["quoted_words"] / totals
        grouped["level"] = level
        if "article_id" not in grouped:
            grouped["article_id"] = ""
        parts.append(grouped[columns])
    result = pd.concat(parts, ignore_index=True)
    return result.sort_values(["level", "outlet", "article_id", "affiliation"], kind="mergesort").reset_index(drop=True)
