"""Word choice and source selection across outlets (Hamborg, Donnay and Gipp 2019: word choice and
labelling; source selection at the level of the statement).

Three questions, each answered with a table whose rows point back to sentences:

- Distinctive words: which words does each outlet use more than the others covering the same
  event? Weighted log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi and Quinn
  2008, "Fightin' Words", section 3.5.3 and eq. 22), each outlet against the pooled others, on the
  narrator's text and on quoted text apart (quotes are the speakers' words, not the outlet's).
- Labels for the same referent: the adjectives and nouns each outlet puts next to an actor group
  ("the Chinese regime", "China's assertive posture", "China, the largest trading partner,"),
  found by rules over a few words around the gazetteer's mentions (no parser), compared the same way.
- The same statement across outlets: quotes of one speaker in different outlets aligned by token
  overlap (a partial quote inside another outlet's full quote counts), which part each outlet
  carried, which outlet paraphrased instead, and passages shared verbatim (wire copy).

Every stage is linear in text length (token counts, n-gram hashing); the only pairwise comparison
is between quotes that share a token bigram and a speaker.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from ..actors import Gazetteer, group_mentions
from ..base import config, plain_yaml
from ..quotes.voice import NARRATOR, QUOTED, VOICES, segments, voice_at
from ..text import WORD_PATTERN, Doc, normalize

STOPWORDS_FILE = config.STOPWORDS_FILE
#: |z| above this is a difference at the 5% level (two-sided), as Monroe et al. read their z-scores.
Z_CRITICAL = 1.96
#: Words that open a noun phrase; a label before or after a name must follow one (no parser).
#: ("that" is left out: far more often it opens a clause, "reported that Xi suggested".)
DETERMINERS = frozenset("the a an this these those its their his her our your my".split())
#: Endings of English adjectives and participles. A word before a name counts as its label only
#: with one of these ("an assertive China", "a rising China"): a plain noun there usually ends a
#: phrase of its own ("a smartphone Xi had given him").
ADJECTIVE_ENDINGS = ("ive", "al", "ic", "ous", "ent", "ant", "ful", "less", "ed", "ing", "ary", "ile", "ist",
                     "ian", "ese", "ish", "able", "ible", "ern", "ly")
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)


# ---------------------------------------------------------------- words
@lru_cache(maxsize=4)
def _load_lists(path: str) -> tuple[frozenset[str], frozenset[str]]:
    data = plain_yaml.load_file(path) or {}
    return (frozenset(w.lower() for w in data.get("stopwords") or []),
            frozenset(w.lower() for w in data.get("not_labels") or []))


def stopwords(path: str | Path | None = None) -> frozenset[str]:
    """The stop words (counted, never shown), from `analysis/data/stopwords.yaml` or `path`."""
    return _load_lists(str(path or STOPWORDS_FILE))[0]


def _not_labels(path: str | Path | None = None) -> frozenset[str]:
    return _load_lists(str(path or STOPWORDS_FILE))[1]


@dataclass(frozen=True)
class Token:
    """A word of normalised text: `term` lower-cased without a possessive 's; offsets into the text."""

    text: str
    term: str
    start: int
    end: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words of normalised text (see `analysis.text.WORD_PATTERN`) with offsets shifted by `offset`.

    "China's" counts as "china": the possessive is grammar, not a choice of word.
    """
    tokens = []
    for match in WORD_PATTERN.finditer(text):
        word = match.group()
        term = _POSSESSIVE.sub("", word.lower()) or word.lower()
        tokens.append(Token(word, term, match.start() + offset, match.end() + offset))
    return tokens


def _shown(term: str, stop: frozenset[str]) -> bool:
    """A term is shown unless it is a stop word, has no letter, or a bigram starts or ends with a stop word."""
    parts = term.split(" ")
    if parts[0] in stop or parts[-1] in stop:
        return False
    return any(ch.isalpha() for ch in term)


@dataclass(frozen=True)
class _Use:
    outlet: str
    article_id: str
    sentence: int


def _term_uses(documents: Iterable[Doc], voice: str, ngram: int) -> dict[str, list[_Use]]:
    """Every use of every n-gram in one voice: term -> uses in text order. An n-gram never spans
    two voice runs or two sentences."""
    if voice not in VOICES:
        raise ValueError(f"voice must be one of {', '.join(VOICES)}, not {voice!r}")
    uses: dict[str, list[_Use]] = defaultdict(list)
    for doc in documents:
        outlet, article_id = doc.article.outlet, doc.article.id
        for segment in segments(doc):
            if segment.voice != voice:
                continue
            terms = [t.term for t in tokenize(segment.text)]
            for i in range(len(terms) - ngram + 1):
                uses[" ".join(terms[i:i + ngram])].append(_Use(outlet, article_id, segment.sentence))
    return uses


def log_odds_dirichlet(counts_i: Mapping[str, float], counts_j: Mapping[str, float],
                       prior: Mapping[str, float]) -> pd.DataFrame:
    """Weighted log-odds ratio of each word, group i against group j, with a Dirichlet prior.

    Monroe, Colaresi and Quinn (2008), eqs. 16 and 20-22: with y the counts, n the group totals,
    alpha_w the prior count of word w and alpha_0 the sum of all alpha_w,

        delta_w = log[(y_wi + a_w) / (n_i + a_0 - y_wi - a_w)] - log[(y_wj + a_w) / (n_j + a_0 - y_wj - a_w)]
        var(delta_w) ~= 1 / (y_wi + a_w) + 1 / (y_wj + a_w)
        z_w = delta_w / sqrt(var(delta_w))

    Words are those of `prior` (every word needs a prior count above zero). Returns columns term,
    count_i, count_j, alpha, delta, variance, z, sorted by term.
    """
    terms = sorted(w for w, a in prior.items() if a > 0)
    y_i = np.array([counts_i.get(w, 0) for w in terms], dtype=float)
    y_j = np.array([counts_j.get(w, 0) for w in terms], dtype=float)
    alpha = np.array([prior[w] for w in terms], dtype=float)
    n_i, n_j, alpha_0 = float(sum(counts_i.values())), float(sum(counts_j.values())), float(sum(prior.values()))
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log((y_i + alpha) / (n_i + alpha_0 - y_i - alpha))
                 - np.log((y_j + alpha) / (n_j + alpha_0 - y_j - alpha)))
        variance = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
    return pd.DataFrame({"term": terms, "count_i": y_i.astype(int), "count_j": y_j.astype(int), "alpha": alpha,
                         "delta": delta, "variance": variance, "z": delta / np.sqrt(variance)})


def informative_prior(counts: Mapping[str, float], prior_size: float | None = None) -> dict[str, float]:
    """alpha_w = alpha_0 * (share of w in `counts`) (Monroe et al. 2008, section 3.5.3).

    `prior_size` is alpha_0; None uses the counts themselves (alpha_0 = their total), the usual
    choice when the background is the pooled text being compared: a word used by one outlet only
    then needs about a dozen uses to reach |z| > 1.96.
    """
    total = float(sum(counts.values()))
    if total == 0:
        return {}
    scale = 1.0 if prior_size is None else prior_size / total
    return {w: c * scale for w, c in counts.items() if c > 0}


def _one_against_rest(uses: dict[str, list[_Use]], outlets: list[str], min_count: int,
                      prior_size: float | None) -> pd.DataFrame:
    per_outlet = {o: Counter() for o in outlets}
    for term, term_uses in uses.items():
        for use in term_uses:
            per_outlet[use.outlet][term] += 1
    pooled = Counter()
    for counts in per_outlet.values():
        pooled.update(counts)
    prior = informative_prior(pooled, prior_size)
    frames = []
    for outlet in outlets:
        others = pooled - per_outlet[outlet]
        frame = log_odds_dirichlet(per_outlet[outlet], others, prior)
        frame = frame[(frame["count_i"] + frame["count_j"]) >= min_count]
        frames.append(frame.assign(outlet=outlet, words=sum(per_outlet[outlet].values()),
                                   words_others=sum(others.values())))
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True).rename(columns={"count_i": "count", "count_j": "count_others"})


WORD_COLUMNS = ["voice", "ngram", "outlet", "term", "count", "count_others", "per_1000", "per_1000_others",
                "delta", "z", "significant", "articles"]


def distinctive_words(documents: list[Doc], voice: str = NARRATOR, ngrams: Iterable[int] = (1, 2),
                      min_count: int = 3, prior_size: float | None = None,
                      stopwords_file: str | Path | None = None) -> pd.DataFrame:
    """Each outlet's words against the other outlets' in the same voice, with z-scores.

    `documents` are the Docs of one event (the caller selects). Unigrams and bigrams are counted
    apart (each against its own totals); stop words are counted but their rows are left out, and a
    bigram starting or ending with one too. A term needs `min_count` uses across all outlets.
    Columns: voice, ngram (1 or 2), outlet, term, count (the outlet's uses), count_others,
    per_1000 and per_1000_others (uses per 1,000 n-grams of the voice), delta (log-odds ratio),
    z, significant (|z| > 1.96), articles (the outlet's articles that use it). Sorted by voice,
    ngram, outlet, z descending, term. One outlet alone gives an empty table.
    """
    documents = [d for d in documents if d.article is not None]
    outlets = sorted({d.article.outlet for d in documents})
    stop = stopwords(stopwords_file)
    frames = []
    if len(outlets) >= 2:
        for n in ngrams:
            uses = _term_uses(documents, voice, n)
            frame = _one_against_rest(uses, outlets, min_count, prior_size)
            if frame.empty:
                continue
            frame = frame[frame["term"].map(lambda t: _shown(t, stop))].copy()
            frame["ngram"] = n
            frame["articles"] = [
                ", ".join(sorted({u.article_id for u in uses[t] if u.outlet == o}))
                for t, o in zip(frame["term"], frame["outlet"])]
            frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=WORD_COLUMNS)
    table = pd.concat(frames, ignore_index=True)
    table["voice"] = voice
    table["per_1000"] = 1000.0 * table["count"] / table["words"].where(table["words"] > 0)
    table["per_1000_others"] = 1000.0 * table["count_others"] / table["words_others"].where(table["words_others"] > 0)
    table["significant"] = table["z"].abs() > Z_CRITICAL
    table = table.sort_values(["ngram", "outlet", "z", "term"], ascending=[True, True, False, True], kind="mergesort")
    return table[WORD_COLUMNS].reset_index(drop=True)


def word_evidence(documents: list[Doc], terms: Iterable[str], voice: str = NARRATOR,
                  outlet: str | None = None) -> pd.DataFrame:
    """The sentences that use each term in the voice: term, outlet, article_id, sentence (index),
    start, end (offsets into the article body), text (the whole sentence). One row per sentence
    and term, in corpus order."""
    wanted = set(terms)
    by_id = {d.article.id: d for d in documents if d.article is not None}
    rows = []
    for n in sorted({len(t.split(" ")) for t in wanted}):
        uses = _term_uses(by_id.values(), voice, n)
        for term in sorted(t for t in wanted if len(t.split(" ")) == n):
            seen = set()
            for use in uses.get(term, []):
                if (outlet is not None and use.outlet != outlet) or (use.article_id, use.sentence) in seen:
                    continue
                seen.add((use.article_id, use.sentence))
                sentence = by_id[use.article_id].sentences[use.sentence]
                rows.append({"term": term, "outlet": use.outlet, "article_id": use.article_id,
                             "sentence": use.sentence, "start": sentence.start, "end": sentence.end,
                             "text": sentence.text})
    columns = ["term", "outlet", "article_id", "sentence", "start", "end", "text"]
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------- labels
LABEL_COLUMNS = ["outlet", "article_id", "sentence", "group", "mention", "rule", "label", "word"]


def _label_word(token: Token, stop: frozenset[str], not_labels: frozenset[str]) -> bool:
    """A lower-case word that is neither a stop word nor a reporting verb: an adjective or noun
    candidate (a capitalised word is a name or a sentence start, not a label)."""
    word = token.text
    return (word[:1].islower() and token.term not in stop and token.term not in not_labels
            and any(ch.isalpha() for ch in word))


def _joined(text: str, left: Token, right: Token) -> bool:
    """Only spaces between two tokens (no comma, dash or quote mark: the phrase goes on)."""
    between = text[left.end:right.start]
    return between.strip() == ""


def _run(text: str, tokens: list[Token], start: int, step: int, limit: int, stop, not_labels) -> list[Token]:
    """Label words from `start` walking by `step` (-1 left, +1 right), at most `limit`, each joined
    to its neighbour by nothing but space."""
    run: list[Token] = []
    i = start
    while 0 <= i < len(tokens) and len(run) < limit and _label_word(tokens[i], stop, not_labels) \
            and _joined(text, *((tokens[i], tokens[i + 1]) if step < 0 else (tokens[i - 1], tokens[i]))):
        run.append(tokens[i])
        i += step
    return run[::-1] if step < 0 else run


def _label_phrases(text: str, tokens: list[Token], first: int, last: int, possessive: bool,
                   window: int, stop, not_labels) -> list[tuple[str, list[Token]]]:
    """(rule, words) of the labels around the mention spanning tokens[first..last]."""
    found: list[tuple[str, list[Token]]] = []
    # before: label words to the left, then a determiner
    before = _run(text, tokens, first - 1, -1, window, stop, not_labels)
    i = first - 1 - len(before)
    determined = i >= 0 and tokens[i].term in DETERMINERS and _joined(text, tokens[i], tokens[i + 1])
    if before:
        if determined and before[-1].term.endswith(ADJECTIVE_ENDINGS):
            found.append(("before", before))
        else:
            determined = False  # the determiner belongs to another phrase
    if possessive or determined:
        # after a determiner-led name only the head noun: a second lower-case word is most
        # often the verb ("the Chinese regime tightened controls")
        after = _run(text, tokens, last + 1, 1, window if possessive else 1, stop, not_labels)
        if after:
            found.append(("possessive" if possessive else "after", after))
    # apposition: ", the ... ," right after the name
    k = last + 1
    if not possessive and k + 1 < len(tokens) and tokens[k].term in {"the", "a", "an"} \
            and text[tokens[last].end:tokens[k].start].strip() == ",":
        apposition = _run(text, tokens, k + 1, 1, 2 * window, stop, not_labels)
        if apposition:
            found.append(("apposition", apposition))
    return found


def mention_labels(doc: Doc, gazetteer: Gazetteer | None = None, voice: str | None = NARRATOR,
                   window: int = 3, stopwords_file: str | Path | None = None) -> list[dict]:
    """Label phrases next to each actor-group mention of a Doc, by four rules (no parser):

    - `before`: lower-case words between a determiner and the name ("an assertive China");
    - `after`: the lower-case word right after a name that follows a determiner ("the Chinese regime");
    - `possessive`: lower-case words after the name's 's ("China's growing assertiveness");
    - `apposition`: ", the/a/an ..." after the name, up to the next stop word or punctuation
      ("China, the largest trading partner,").

    At most `window` words per rule (`after`: one; apposition: twice `window`). `voice` NARRATOR keeps mentions in
    the outlet's own text, QUOTED those in quotes, None both. One dict per label word.
    """
    stop = stopwords(stopwords_file)
    not_labels = _not_labels(stopwords_file)
    rows = []
    text = doc.text
    sentence_tokens: dict[int, list[Token]] = {}
    for sentence_index, mention in group_mentions(doc, gazetteer):
        if sentence_index < 0 or doc.sentences[sentence_index].is_heading:
            continue
        if voice is not None and voice_at(doc, mention.nstart) != voice:
            continue
        sentence = doc.sentences[sentence_index]
        if sentence_index not in sentence_tokens:
            sentence_tokens[sentence_index] = tokenize(text[sentence.nstart:sentence.nend], sentence.nstart)
        tokens = sentence_tokens[sentence_index]
        inside = [i for i, t in enumerate(tokens) if t.end > mention.nstart and t.start < mention.nend]
        if not inside:
            continue
        first, last = inside[0], inside[-1]
        possessive = bool(_POSSESSIVE.search(tokens[last].text)) and tokens[last].end > mention.nend
        for rule, words in _label_phrases(text, tokens, first, last, possessive, window, stop, not_labels):
            label = " ".join(t.text for t in words)
            for token in words:
                rows.append({"outlet": doc.article.outlet if doc.article else None, "article_id": doc.article_id,
                             "sentence": sentence_index, "group": mention.group, "mention": mention.term,
                             "rule": rule, "label": label, "word": token.term})
    return rows


def labels(documents: list[Doc], gazetteer: Gazetteer | None = None, voice: str | None = NARRATOR,
           window: int = 3) -> pd.DataFrame:
    """Every label word next to an actor-group mention (see `mention_labels`), in corpus order:
    outlet, article_id, sentence, group, mention (the matched name), rule, label (the phrase), word."""
    rows = [row for doc in documents for row in mention_labels(doc, gazetteer, voice, window)]
    return pd.DataFrame(rows, columns=LABEL_COLUMNS)


def compare_labels(label_table: pd.DataFrame, min_count: int = 1, prior_size: float | None = None) -> pd.DataFrame:
    """Per actor group, each outlet's label words against the other outlets' (same estimator as
    `distinctive_words`, the prior from the group's pooled label words). Columns: group, outlet,
    term, count, count_others, delta, z, significant, labels (the outlet's phrases holding the word).
    Groups labelled by one outlet only are left out (nothing to compare)."""
    columns = ["group", "outlet", "term", "count", "count_others", "delta", "z", "significant", "labels"]
    frames = []
    for group, part in label_table.groupby("group", sort=True):
        outlets = sorted(part["outlet"].unique())
        if len(outlets) < 2:
            continue
        uses: dict[str, list[_Use]] = defaultdict(list)
        for row in part.itertuples(index=False):
            uses[row.word].append(_Use(row.outlet, row.article_id, row.sentence))
        frame = _one_against_rest(uses, outlets, min_count, prior_size)
        phrases = part.groupby(["outlet", "word"])["label"].agg(lambda s: "; ".join(sorted(set(s))))
        frame["labels"] = [phrases.get((o, t), "") for o, t in zip(frame["outlet"], frame["term"])]
        frames.append(frame.assign(group=group))
    if not frames:
        return pd.DataFrame(columns=columns)
    table = pd.concat(frames, ignore_index=True)
    table["significant"] = table["z"].abs() > Z_CRITICAL
    table = table.sort_values(["group", "outlet", "z", "term"], ascending=[True, True, False, True], kind="mergesort")
    return table[columns].reset_index(drop=True)


# ---------------------------------------------------------------- the same statement
def _content(term: str, stop: frozenset[str]) -> str | None:
    """A crude stem of a content word ("restored" and "restoration" stay apart; "ties"/"tie" meet)."""
    if term in stop or not any(ch.isalpha() for ch in term):
        return None
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if len(term) > len(suffix) + 3 and term.endswith(suffix) and not term.endswith("ss"):
            return term[: -len(suffix)] + replacement
    return term


def _content_words(tokens: list[Token], stop: frozenset[str]) -> set[str]:
    """Stems of the lower-case content words (see `_content`)."""
    return {c for c in (_content(t.term, stop) for t in tokens if t.text[:1].islower()) if c}


def _speaker_key(speaker) -> str:
    return "" if speaker is None or speaker != speaker else str(speaker).strip().lower()


@dataclass
class Alignment:
    """The result of `align_quotes`.

    - `statements`: one row per statement (quotes of one speaker aligned across outlets): statement,
      speaker, text (the fullest version quoted), tokens, outlets (how many quoted it), quoted_by,
      paraphrased_by.
    - `carried`: one row per statement and quoting outlet: which part of the fullest version the
      outlet carried (`carried`, parts joined by " ... "), which it left out (`trimmed`),
      `coverage` (0..1 share of the fullest version's words), and its quotes.
    - `paraphrases`: one row per statement and outlet that did not quote it but has a narrator
      sentence sharing its content words: article_id, sentence, text, shared (the shared word
      stems), share (0..1 of the statement's content words).
    """

    statements: pd.DataFrame
    carried: pd.DataFrame
    paraphrases: pd.DataFrame

    def shared(self) -> pd.DataFrame:
        """Statements quoted by more than one outlet."""
        return self.statements[self.statements["outlets"] > 1].reset_index(drop=True)


def _parts(text: str, tokens: list[Token], covered: list[bool]) -> list[str]:
    """Runs of covered (or uncovered) tokens as text slices of the quote, in order."""
    parts, run = [], []
    for token, flag in zip(tokens, covered):
        if flag:
            run.append(token)
        elif run:
            parts.append(text[run[0].start:run[-1].end])
            run = []
    if run:
        parts.append(text[run[0].start:run[-1].end])
    return parts


def _matched(a: list[str], b: list[str], min_block: int) -> list[tuple[int, int, int]]:
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    shortest = min(len(a), len(b))
    return [(i, j, n) for i, j, n in blocks if n >= min_block or (n and n == shortest)]


@dataclass
class _Quotes:
    """The quotes being aligned (scare quotes left out), in outlet, article, offset order."""

    frame: pd.DataFrame
    texts: list[str]
    tokens: list[list]
    terms: list[list[str]]
    keep: list[bool]
    speakers: list[str]
    outlets: list[str]

    @classmethod
    def of(cls, quote_table: pd.DataFrame, min_tokens: int) -> "_Quotes":
        frame = quote_table[quote_table["kind"] != "scare"].copy() if len(quote_table) else quote_table.copy()
        frame = frame.sort_values(["outlet", "article_id", "start"], kind="mergesort").reset_index(drop=True)
        texts = [normalize(str(q))[0] for q in frame.get("quote", [])]
        tokens = [tokenize(t) for t in texts]
        terms = [[t.term for t in ts] for ts in tokens]
        return cls(frame, texts, tokens, terms, [len(ts) >= min_tokens for ts in terms],
                   [_speaker_key(s) for s in frame.get("speaker", [])], list(frame.get("outlet", [])))


def _statements(quotes: _Quotes, stop: frozenset[str], min_block: int, min_overlap: float) -> list[list[int]]:
    """Quotes grouped into statements: same speaker, other outlet, enough shared word runs
    (candidates share a word bigram; statements linked through a chain of pairs are one)."""
    terms, speakers, outlets = quotes.terms, quotes.speakers, quotes.outlets
    parent = list(range(len(terms)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    index: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for q, ts in enumerate(terms):
        if quotes.keep[q]:
            for bigram in set(zip(ts, ts[1:])):
                if bigram[0] in stop and bigram[1] in stop:
                    continue  # "of the" would make every pair of one speaker's quotes a candidate
                index[(speakers[q],) + bigram].append(q)
    candidates = set()
    for members in index.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = members[x], members[y]
                if outlets[a] != outlets[b]:
                    candidates.add((a, b))
    for a, b in sorted(candidates):
        matched = sum(n for _, _, n in _matched(terms[a], terms[b], min_block))
        if matched >= 2 and matched >= min_overlap * min(len(terms[a]), len(terms[b])):
            parent[find(b)] = find(a)
    components: dict[int, list[int]] = defaultdict(list)
    for q in range(len(terms)):
        if quotes.keep[q]:
            components[find(q)].append(q)
    return sorted(components.values(),
                  key=lambda qs: (speakers[qs[0]], -len({outlets[q] for q in qs}), qs[0]))


def _carried(quotes: _Quotes, statement: str, members: list[int], reference: int,
             min_block: int) -> list[dict]:
    """Per quoting outlet: which words of the fullest version it carried and which it trimmed."""
    frame, terms = quotes.frame, quotes.terms
    ref_terms, ref_tokens, ref_text = terms[reference], quotes.tokens[reference], quotes.texts[reference]
    rows = []
    for outlet in sorted({quotes.outlets[q] for q in members}):
        own = [q for q in members if quotes.outlets[q] == outlet]
        covered = [False] * len(ref_terms)
        for q in own:
            for i, _, n in _matched(ref_terms, terms[q], min_block):
                for k in range(i, i + n):
                    covered[k] = True
        rows.append({
            "statement": statement, "speaker": frame.at[reference, "speaker"], "outlet": outlet,
            "article_id": ", ".join(sorted({frame.at[q, "article_id"] for q in own})),
            "kind": ", ".join(sorted({frame.at[q, "kind"] for q in own})),
            "coverage": sum(covered) / len(ref_terms),
            "carried": " ... ".join(_parts(ref_text, ref_tokens, covered)),
            "trimmed": " ... ".join(_parts(ref_text, ref_tokens, [not c for c in covered])),
            "quotes": " | ".join(quotes.texts[q] for q in own),
        })
    return rows


def _best_paraphrase(docs: list[Doc], narrator_sentences: dict, ref_content: set[str],
                     speaker_words: set[str], quoted_events: set, paraphrase_min: int,
                     paraphrase_share: float, require_speaker: bool, stop: frozenset[str]):
    """(share, shared count, doc, sentence, shared words) of an outlet's narrator sentence that
    best restates the statement, or None."""
    best = None
    for doc in docs:
        if None not in quoted_events and doc.article.event not in quoted_events:
            continue  # a paraphrase reports the same event
        for sentence, text in narrator_sentences[id(doc)]:
            shared = ref_content & _content_words(tokenize(text), stop)
            share = len(shared) / len(ref_content)
            if len(shared) < paraphrase_min or share < paraphrase_share:
                continue
            context = tokenize(sentence.text)
            if sentence.index > 0:
                context += tokenize(doc.sentences[sentence.index - 1].text)
            if require_speaker and not speaker_words & {t.term for t in context}:
                continue
            candidate = (share, len(shared), doc, sentence, shared)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    return best


def align_quotes(quote_table: pd.DataFrame, documents: list[Doc] | None = None, min_tokens: int = 2,
                 min_block: int = 2, min_overlap: float = 0.5, paraphrase_share: float = 0.4,
                 paraphrase_min: int = 3, require_speaker: bool = True,
                 stopwords_file: str | Path | None = None) -> Alignment:
    """Align the quotes of one speaker across outlets (rows of `analysis.quotes(corpus)`).

    Two quotes of the same speaker in different outlets are one statement when the word runs they
    share (difflib matching blocks of at least `min_block` words) cover at least `min_overlap` of
    the shorter quote: a trimmed or partial quote inside a fuller one counts. Candidates are only
    pairs sharing a word bigram (hashing, not all pairs). Scare quotes and quotes shorter than
    `min_tokens` words are left out. Statements linked through a chain of pairs are one.

    With `documents` (the Docs of the same articles), an outlet that did not quote a statement
    paraphrased it when one of its narrator sentences, in an article of the same event, shares at
    least `paraphrase_min` content words and `paraphrase_share` of the statement's content words
    (lower-case words other than stop words, crudely stemmed: names and places say what the
    sentence is about, not that it restates the quote), and (`require_speaker`) that sentence or
    the one before names the speaker (a word of the speaker's name).
    """
    stop = stopwords(stopwords_file)
    quotes = _Quotes.of(quote_table, min_tokens)
    frame, terms = quotes.frame, quotes.terms
    by_outlet_docs: dict[str, list[Doc]] = defaultdict(list)
    for doc in documents or []:
        by_outlet_docs[doc.article.outlet].append(doc)
    narrator_sentences = {id(doc): _narrator_sentences(doc) for doc in documents or []}
    event_of = {doc.article.id: doc.article.event for doc in documents or []}

    statements, carried, paraphrases = [], [], []
    for number, members in enumerate(_statements(quotes, stop, min_block, min_overlap), start=1):
        statement = f"S{number:03d}"
        reference = max(members, key=lambda q: (len(terms[q]), -q))
        quoting = sorted({quotes.outlets[q] for q in members})
        carried.extend(_carried(quotes, statement, members, reference, min_block))
        ref_content = _content_words(quotes.tokens[reference], stop)
        speaker = frame.at[reference, "speaker"]
        speaker_words = {t.term for t in tokenize(normalize(str(speaker))[0])} - stop if speaker == speaker else set()
        quoted_events = {event_of.get(frame.at[q, "article_id"]) for q in members}
        paraphrased_by = []
        if len(ref_content) >= paraphrase_min:
            for outlet in sorted(by_outlet_docs):
                if outlet in quoting:
                    continue
                best = _best_paraphrase(by_outlet_docs[outlet], narrator_sentences, ref_content,
                                        speaker_words, quoted_events, paraphrase_min, paraphrase_share,
                                        require_speaker, stop)
                if best is not None:
                    share, _, doc, sentence, shared = best
                    paraphrases.append({
                        "statement": statement, "speaker": speaker, "outlet": outlet,
                        "article_id": doc.article.id, "sentence": sentence.index, "text": sentence.text,
                        "shared": ", ".join(sorted(shared)), "share": share,
                    })
                    paraphrased_by.append(outlet)
        statements.append({
            "statement": statement, "speaker": speaker, "text": quotes.texts[reference],
            "tokens": len(terms[reference]), "outlets": len(quoting), "quoted_by": ", ".join(quoting),
            "paraphrased_by": ", ".join(paraphrased_by),
        })
    return Alignment(
        pd.DataFrame(statements, columns=["statement", "speaker", "text", "tokens", "outlets", "quoted_by",
                                          "paraphrased_by"]),
        pd.DataFrame(carried, columns=["statement", "speaker", "outlet", "article_id", "kind", "coverage",
                                       "carried", "trimmed", "quotes"]),
        pd.DataFrame(paraphrases, columns=["statement", "speaker", "outlet", "article_id", "sentence", "text",
                                           "shared", "share"]),
    )


def _narrator_sentences(doc: Doc) -> list[tuple]:
    """(Sentence, its narrator text) for every text sentence with narrator words."""
    runs: dict[int, list[str]] = defaultdict(list)
    for segment in segments(doc):
        if segment.voice == NARRATOR:
            runs[segment.sentence].append(segment.text)
    return [(doc.sentences[i], " ".join(parts)) for i, parts in sorted(runs.items())]


# ---------------------------------------------------------------- verbatim passages
PASSAGE_COLUMNS = ["outlet_a", "article_a", "sentence_a", "start_a", "end_a", "outlet_b", "article_b",
                   "sentence_b", "start_b", "end_b", "tokens", "quoted", "text"]


def shared_passages(documents: list[Doc], shingle: int = 8) -> pd.DataFrame:
    """Passages of at least `shingle` words that appear word for word in articles of different
    outlets (wire copy, press releases, a quote carried whole): copied text is not an outlet's own
    framing. Words are compared lower-cased; punctuation between them is ignored.

    Columns: outlet_a, article_a, sentence_a (first sentence), start_a, end_a (body offsets), the
    same for b, tokens (passage length in words), quoted (True when the passage lies inside quoted
    text in article a), text (article a's normalised text). One row per maximal passage and pair.
    """
    documents = [d for d in documents if d.article is not None]
    streams = []
    for doc in documents:
        tokens = [t for s in doc.text_sentences for t in tokenize(doc.text[s.nstart:s.nend], s.nstart)]
        streams.append(tokens)
    table: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for d, tokens in enumerate(streams):
        words = [t.text.lower() for t in tokens]
        for p in range(len(words) - shingle + 1):
            table[tuple(words[p:p + shingle])].append((d, p))
    hits: dict[tuple[int, int], set[tuple[int, int]]] = defaultdict(set)
    for places in table.values():
        if len(places) < 2:
            continue
        for x in range(len(places)):
            for y in range(x + 1, len(places)):
                (da, pa), (db, pb) = places[x], places[y]
                if documents[da].article.outlet == documents[db].article.outlet:
                    continue
                if da > db:
                    (da, pa), (db, pb) = (db, pb), (da, pa)
                hits[(da, db)].add((pa, pb))
    rows = []
    for (da, db), pairs in sorted(hits.items()):
        doc_a, doc_b = documents[da], documents[db]
        ordered = sorted(pairs, key=lambda ab: (ab[0] - ab[1], ab[0]))
        runs: list[list[tuple[int, int]]] = []
        for pa, pb in ordered:
            if runs and runs[-1][-1][0] + 1 == pa and runs[-1][-1][1] + 1 == pb:
                runs[-1].append((pa, pb))
            else:
                runs.append([(pa, pb)])
        for run in sorted(runs):
            (pa, pb), (qa, qb) = run[0], run[-1]
            ta, tb = streams[da], streams[db]
            a0, a1 = ta[pa].start, ta[qa + shingle - 1].end
            b0, b1 = tb[pb].start, tb[qb + shingle - 1].end
            start_a, end_a = doc_a.raw_span(a0, a1)
            start_b, end_b = doc_b.raw_span(b0, b1)
            rows.append({
                "outlet_a": doc_a.article.outlet, "article_a": doc_a.article.id,
                "sentence_a": doc_a.sentence_at(a0).index, "start_a": start_a, "end_a": end_a,
                "outlet_b": doc_b.article.outlet, "article_b": doc_b.article.id,
                "sentence_b": doc_b.sentence_at(b0).index, "start_b": start_b, "end_b": end_b,
                "tokens": qa - pa + shingle,
                "quoted": all(voice_at(doc_a, t.start) == QUOTED for t in ta[pa:qa + shingle]),
                "text": doc_a.text[a0:a1],
            })
    frame = pd.DataFrame(rows, columns=PASSAGE_COLUMNS)
    return frame.sort_values(["article_a", "start_a", "article_b", "start_b"], kind="mergesort").reset_index(drop=True)
