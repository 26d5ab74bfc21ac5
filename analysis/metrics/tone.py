"""News tone: a 3-class (negative / neutral / positive) linear model trained on rated news sentences.

Two models, both multinomial logistic regressions (softmax over three linear scores) shipped as
JSON weight files with their provenance (`analysis/data/tone_model.json`,
`analysis/data/tone_toward_model.json`; `tools/train_tone.py` re-trains them):

- `classify_tone(texts)`: the tone of each sentence as a whole (the narrator's or a quote's tone).
- `classify_tone_toward(text, start, end)`: the tone of the sentence toward the mention at
  characters `start:end` (a person, a country, a group). It reads the words around the mention,
  negation and quote marks between, and the mention's role (subject, agent after "by", speaker,
  possessor, quoted). It is an approximation: a linear model, not a parser.

Units: `negative`, `neutral`, `positive` are probabilities (0..1, summing to 1);
`tone` = P(positive) - P(negative), in -1..1; `label` is the most probable class.

Features (all lower-cased; `tokenize` is a fixed regular expression, so the same text always gives
the same features): word counts (`w:`), adjacent-word-pair counts (`b:`), words after a negator
within its clause (`n:`), and VADER's own scores of the sentence (`vader:`; Hutto and Gilbert 2014,
whose lexicon is also read for the lexicon sums of the target-aware model). Every prediction
explains itself exactly: the three class scores are the intercept plus, for each feature,
weight x value (`explain_tone`, `explain_tone_toward`), and the probabilities are their softmax.

Cost: one VADER call per sentence (reused from `sentiment`) plus one dictionary lookup per
feature (a sparse dot product). `score_sentences` and `score_mentions`, the per-article path,
give exactly what `score_sentence` and `score_toward` give (the same floats, to the last bit), but
tokenise each sentence once for all its mentions, map words to weight rows without building
feature names, and add an article's products in one numpy pass (see "fast path" below).
"""
from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from collections import _count_elements  # the C counting loop behind Counter
from dataclasses import dataclass
from itertools import accumulate, compress, count
from pathlib import Path
from typing import Iterable, Mapping

from ..base.lazy import LazyModule
from ..base.lazy import pandas as pd

from ..base import config
from .vader import lexicon as vader_lexicon
from .vader import polarity_scores

#: Class names in model order; the columns of every result.
CLASSES = ("negative", "neutral", "positive")
COLUMNS = ["negative", "neutral", "positive", "tone", "label"]
#: Version of the feature definitions below; a weights file records the version it was trained with.
FEATURES_VERSION = 1

SENTENCE_MODEL = "tone_model.json"
TOWARD_MODEL = "tone_toward_model.json"

#: Tokens: words (with inner apostrophes: "don't", "china's"), numbers (one token `<num>`), and
#: the punctuation that ends a negation's scope or marks a quote.
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)*|\d+(?:[.,:]\d+)*|[.,;:!?\"()]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_DIGIT = re.compile(r"\d")
_SCOPE_END = frozenset(".,;:!?\"()")
#: Words that negate what follows within their clause (VADER's negation list, shortened).
NEGATORS = frozenset({
    "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "without",
    "cannot", "hardly", "barely", "scarcely", "rarely", "seldom", "despite",
})
#: How many tokens after a negator carry its mark (`n:` features).
NEGATION_SCOPE = 3
#: Verbs of saying: a mention next to one is (most often) the speaker.
SPEECH_VERBS = frozenset({
    "said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "argued", "argues",
    "claimed", "claims", "wrote", "writes", "insisted", "insists", "noted", "notes", "warned",
    "warns", "asked", "asks", "announced", "announces", "declared", "declares", "tweeted",
    "explained", "explains", "acknowledged", "acknowledges", "admitted", "admits", "according",
})
#: A mention after one of these is the object of a preposition (`role:prep_object`).
_PREPOSITIONS = frozenset({"of", "to", "for", "with", "against", "on", "at", "from", "about"})
#: Tokens around a mention that the target-aware model reads as its context window.
WINDOW = 5
#: Placeholder for the mention's own words: the model learns nothing about a named person.
TARGET_TOKEN = "<target>"

_CACHE: dict = {}
np = LazyModule("numpy")  # imported on first use, as pandas is (see `analysis.base.lazy`)


def data_dir() -> Path:
    """Folder of the packaged weights files."""
    return config.DATA_DIR


# --------------------------------------------------------------------------- features

def _fold(text: str) -> str:
    """`text` lower-cased, with curly apostrophes and quote marks made straight (ASCII text, the
    usual case, has only the backtick to fold)."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered.replace("`", "'") if "`" in lowered else lowered
    return lowered.translate(_APOSTROPHES).translate(_QUOTES)


def tokenize(text: str) -> list[str]:
    """Lower-cased tokens of `text`: words, `<num>`, and the punctuation . , ; : ! ? " ( )."""
    text = _fold(text)
    tokens = _TOKEN.findall(text)
    if _DIGIT.search(text) is None:  # a digit is always inside a number token, and starts it
        return tokens
    return ["<num>" if token[0].isdigit() else token for token in tokens]


class SentenceTokens:
    """A sentence tokenised once, for the features of each of its mentions (`toward_features`).

    `around(start, end)` gives `(tokenize(text[:start]), tokenize(text[end:]))` from the one
    tokenisation: the same lists whenever no token crosses `start` or `end` and lower-casing
    maps each character to one (no dotted capital I) without context (no capital sigma), since
    the token pattern looks neither behind nor past its match; else None (tokenise the parts).
    """

    def __init__(self, text: str):
        self.text = text
        lowered = text.lower()
        self.simple = len(lowered) == len(text) and "\u03a3" not in text
        folded = _fold(text)
        # Split on the tokens: gaps and tokens alternate, so their running lengths are the token
        # offsets (no match objects: a 100,000-token run of dots stays linear and light).
        self.folded = folded
        parts = _TOKEN_SPLIT.split(folded)
        offsets = [0, *accumulate(map(len, parts))]
        self.starts = offsets[1::2][:len(parts) // 2]
        self.ends = offsets[2::2]
        tokens = parts[1::2]
        if _DIGIT.search(folded) is not None:
            tokens = ["<num>" if token[0].isdigit() else token for token in tokens]
        self.tokens = tokens

    def cut(self, start: int, end: int) -> tuple[int, int] | None:
        """`(i, j)` with `around(start, end) == (tokens[:i], tokens[j:])`, or None."""
        if not self.simple:
            return None
        before = bisect_left(self.starts, start)  # tokens starting before the mention
        if before and self.ends[before - 1] > start:
            return None
        after = bisect_left(self.starts, end)  # tokens starting at or after its end
        if after and self.ends[after - 1] > end:
            return None
        return before, after

    def inner(self, part: str) -> list[str] | None:
        """`tokenize(part)` for a piece of this sentence (a voice run) from the one tokenisation,
        when `part` occurs in the text with no token crossing its edges; else None."""
        start = self.text.find(part)
        cut = self.cut(start, start + len(part)) if start >= 0 and part else None
        return None if cut is None else self.tokens[cut[0]:cut[1]]

    def around(self, start: int, end: int) -> tuple[list[str], list[str]] | None:
        cut = self.cut(start, end)
        return None if cut is None else (self.tokens[:cut[0]], self.tokens[cut[1]:])

    def sides(self, start: int, end: int) -> tuple[list[str], list[str]] | None:
        """`around(start, end)` also when a token crosses `start` or `end` ("China's" cut after
        "China"): only the crossed token's piece is tokenised again (see `pieces`)."""
        pieces = self.pieces(start, end)
        if pieces is None:
            return None
        before, left, right, after = pieces
        return self.tokens[:before] + left, right + self.tokens[after:]

    def pieces(self, start: int, end: int) -> tuple[int, list[str], list[str], int] | None:
        """`(before, left, right, after)` with `sides(start, end) == (tokens[:before] + left,
        right + tokens[after:])`: `left` and `right` are the tokens of the pieces of a token
        crossing `start` or `end` (empty where none crosses). The pattern looks neither behind nor
        past its match, so a scan that starts inside a token meets this tokenisation again once it
        passes that token's end, and a scan cut short inside a token matches what the whole text
        matches before it. None where lower-casing is not character by character, or where a
        match of a piece would run past the crossed token's end."""
        if not self.simple:
            return None
        starts, ends = self.starts, self.ends
        before = bisect_left(starts, start)  # tokens starting before the mention
        left: list[str] = []
        if before and ends[before - 1] > start:  # the last of them crosses its start
            before -= 1
            left = _numbers(_TOKEN.findall(self.folded, starts[before], start))
        after = bisect_left(starts, end)  # tokens starting before its end
        right: list[str] = []
        if after and ends[after - 1] > end:  # the last of them crosses its end
            crossed_end = ends[after - 1]
            for match in _TOKEN.finditer(self.folded, end):
                if match.start() >= crossed_end:
                    break
                if match.end() > crossed_end:
                    return None
                right.append(match.group())
            right = _numbers(right)
        return before, left, right, after


def _numbers(tokens: list[str]) -> list[str]:
    """`tokens` with each number token (it starts with a digit) read as `<num>`, as `tokenize` does."""
    return ["<num>" if token[0].isdigit() else token for token in tokens]


def _add(features: dict[str, float], name: str, value: float = 1.0) -> None:
    features[name] = features.get(name, 0.0) + value


def _ngram_features(tokens: list[str]) -> dict[str, float]:
    """Word, word-pair and negated-word counts of one token list (punctuation kept out of words),
    keys in the order first met (words and negated words, then pairs)."""
    features: dict[str, float] = {}
    get = features.get
    words: list[str] = []
    negated = 0
    for token in tokens:
        if token in _SCOPE_END:
            negated = 0
            words.append("|")  # a pair never spans punctuation
            continue
        name = "w:" + token
        features[name] = get(name, 0.0) + 1.0
        if negated:
            name = "n:" + token
            features[name] = get(name, 0.0) + 1.0
            negated -= 1
        if token in NEGATORS or token.endswith("n't"):
            negated = NEGATION_SCOPE
        words.append(token)
    previous = "|"
    for word in words:
        if previous != "|" and word != "|":
            name = f"b:{previous}_{word}"
            features[name] = get(name, 0.0) + 1.0
        previous = word
    return features


def _vader_features(text: str, features: dict[str, float],
                    vader: Mapping[str, float] | None = None) -> None:
    scores = vader if vader is not None else polarity_scores(text)
    compound = scores["compound"]
    features["vader:compound_pos"] = max(compound, 0.0)
    features["vader:compound_neg"] = min(compound, 0.0)
    features["vader:pos"] = scores["pos"]
    features["vader:neg"] = scores["neg"]


def sentence_features(text: str, vader: Mapping[str, float] | None = None) -> dict[str, float]:
    """Features of one sentence for the sentence model: `w:`, `b:`, `n:` counts and `vader:` scores.

    `vader`: the text's VADER scores if the caller already has them (exactly
    `SentimentIntensityAnalyzer().polarity_scores(text)`, keys `pos`, `neg`, `compound`), so
    VADER does not run twice on one sentence.
    """
    features = _ngram_features(tokenize(text))
    _vader_features(text, features, vader)
    return features


def _lexicon_valence(tokens: Iterable[str]) -> tuple[float, float]:
    """Sums of VADER's positive and of its negative word valences over `tokens` (no rules applied)."""
    lexicon = vader_lexicon()
    positive = negative = 0.0
    for token in tokens:
        valence = lexicon.get(token)
        if valence is None:
            continue
        if valence > 0:
            positive += valence
        else:
            negative += valence
    return positive, negative


def toward_features(text: str, start: int, end: int, vader: Mapping[str, float] | None = None,
                    tokens: SentenceTokens | None = None) -> dict[str, float]:
    """Features of the sentence `text` toward the mention at characters `start:end`.

    The mention's words are replaced by one `<target>` token. Besides the sentence features, it
    has: the words within `WINDOW` tokens left (`l:`) and right (`r:`) of the mention and the one
    just before and after (`prev:`, `next:`); VADER lexicon sums on each side and near it
    (`lex:`); negators and quote marks between the mention and its window (`neg:`, `quote:`); its
    role (`role:`: sentence subject, agent after "by", speaker next to a verb of saying,
    possessor, inside a quotation, object of a preposition) and where in the sentence it sits.
    `tokens`: the sentence tokenised once (`SentenceTokens(text)`) when it has several mentions.
    """
    left, right = _mention_sides(text, start, end, tokens)
    # The insertion order is the order `ToneModel.logits` adds the products in: keep it.
    features = _ngram_features(left + [TARGET_TOKEN] + right)
    _vader_features(text, features, vader)
    _add_window_features(features, left, right)
    _add_valence_features(features, left, right)
    _add_negator_quote_features(features, left, right)
    _add_role_features(features, text, end, left, right)
    return features


def _mention_sides(text: str, start: int, end: int,
                   tokens: SentenceTokens | None) -> tuple[list[str], list[str]]:
    """The tokens of `text` left and right of the mention at characters `start:end` (from
    `tokens` when it is this sentence's tokenisation); a span outside the text is a ValueError."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"mention span {start}:{end} is outside a text of {len(text)} characters")
    parts = tokens.around(start, end) if tokens is not None and tokens.text == text else None
    return parts if parts is not None else (tokenize(text[:start]), tokenize(text[end:]))


def _add_window_features(features: dict[str, float], left: list[str], right: list[str]) -> None:
    """Add the word counts within `WINDOW` tokens left (`l:`) and right (`r:`) of the mention
    (punctuation left out) and the tokens just before and after it (`prev:`, `next:`)."""
    for token in left[-WINDOW:]:
        if token not in _SCOPE_END:
            _add(features, "l:" + token)
    for token in right[:WINDOW]:
        if token not in _SCOPE_END:
            _add(features, "r:" + token)
    features["prev:" + (left[-1] if left else "<start>")] = 1.0
    features["next:" + (right[0] if right else "<end>")] = 1.0


def _add_valence_features(features: dict[str, float], left: list[str], right: list[str]) -> None:
    """Add VADER's lexicon sums (`lex:<side>_pos`, `lex:<side>_neg`) of the tokens left of the
    mention, right of it, and near it (the last 3 of its left window, the first 3 of its right)."""
    near = left[-WINDOW:][-3:] + right[:WINDOW][:3]
    for name, side in (("left", left), ("right", right), ("near", near)):
        positive, negative = _lexicon_valence(side)
        features[f"lex:{name}_pos"] = positive
        features[f"lex:{name}_neg"] = negative


def _add_negator_quote_features(features: dict[str, float], left: list[str], right: list[str]) -> None:
    """Add the flags of negators in the mention's window (`neg:left`, `neg:right`) and of quote
    marks: an odd number left of it (`role:in_quote`), any in the sentence (`quote:sentence`),
    any in its window (`quote:near_left`, `quote:near_right`)."""
    near_left, near_right = left[-WINDOW:], right[:WINDOW]
    if any(token in NEGATORS or token.endswith("n't") for token in near_left):
        features["neg:left"] = 1.0
    if any(token in NEGATORS or token.endswith("n't") for token in near_right):
        features["neg:right"] = 1.0
    quotes_left = left.count('"')
    quotes_right = right.count('"')
    if quotes_left % 2 == 1:
        features["role:in_quote"] = 1.0
    if quotes_left + quotes_right:
        features["quote:sentence"] = 1.0
    if '"' in near_left:
        features["quote:near_left"] = 1.0
    if '"' in near_right:
        features["quote:near_right"] = 1.0


def _add_role_features(features: dict[str, float], text: str, end: int,
                       left: list[str], right: list[str]) -> None:
    """Add the mention's roles (`role:subject`: at most one word before it; `role:agent` after
    "by"; `role:prep_object`; `role:possessor`: "'s" after character `end`; `role:speaker`: a verb
    of saying just before or within 3 tokens after) and its `position`: the words before it over
    the sentence's words, the mention counted as one word (0..1)."""
    words_left = [token for token in left if token not in _SCOPE_END]
    if len(words_left) <= 1:
        features["role:subject"] = 1.0
    if left and left[-1] == "by":
        features["role:agent"] = 1.0
    if left and left[-1] in _PREPOSITIONS:
        features["role:prep_object"] = 1.0
    if text[end:end + 2] in ("'s", "\u2019s"):
        features["role:possessor"] = 1.0
    if any(token in SPEECH_VERBS for token in right[:WINDOW][:3]) or (
            left and left[-1] in SPEECH_VERBS):
        features["role:speaker"] = 1.0
    n_words = len(words_left) + 1 + sum(token not in _SCOPE_END for token in right)
    features["position"] = len(words_left) / n_words


# --------------------------------------------------------------------------- model

@dataclass(frozen=True)
class ToneModel:
    """Weights of one softmax model: `weights[feature]` holds one weight per class in `CLASSES`."""

    kind: str
    intercept: tuple[float, float, float]
    weights: Mapping[str, tuple[float, float, float]]
    provenance: Mapping

    @classmethod
    def from_dict(cls, data: Mapping) -> "ToneModel":
        if tuple(data["classes"]) != CLASSES:
            raise ValueError(f"model classes {data['classes']} are not {list(CLASSES)}")
        if data["features_version"] != FEATURES_VERSION:
            raise ValueError(f"model was trained with features version {data['features_version']}, "
                             f"this code computes version {FEATURES_VERSION}: re-train it")
        weights = {name: tuple(float(w) for w in row) for name, row in data["weights"].items()}
        return cls(data["kind"], tuple(float(b) for b in data["intercept"]), weights,
                   data.get("provenance", {}))

    def to_dict(self) -> dict:
        return {"kind": self.kind, "classes": list(CLASSES), "features_version": FEATURES_VERSION,
                "provenance": dict(self.provenance), "intercept": list(self.intercept),
                "weights": {name: list(row) for name, row in sorted(self.weights.items())}}

    def logits(self, features: Mapping[str, float]) -> list[float]:
        """Intercept plus the sum of weight x value over known features (a sparse dot product),
        added in the features' order."""
        negative, neutral, positive = self.intercept
        get = self.weights.get
        for name, value in features.items():
            row = get(name)
            if row is not None:
                negative += row[0] * value
                neutral += row[1] * value
                positive += row[2] * value
        return [negative, neutral, positive]


def load_model(path: str | Path) -> ToneModel:
    """Read a weights file written by `tools/train_tone.py`."""
    with open(path, encoding="utf-8") as handle:
        return ToneModel.from_dict(json.load(handle))


def _model(name: str) -> ToneModel:
    if name not in _CACHE:
        _CACHE[name] = load_model(data_dir() / name)
    return _CACHE[name]


def softmax(scores: Iterable[float]) -> list[float]:
    """Probabilities from class scores (shifted by their maximum, so exp never overflows)."""
    scores = list(scores)
    top = max(scores)
    exps = [math.exp(score - top) for score in scores]
    total = sum(exps)
    return [value / total for value in exps]


def _row(probabilities: list[float]) -> dict:
    best = max(range(len(CLASSES)), key=lambda i: (probabilities[i], -i))
    return {"negative": probabilities[0], "neutral": probabilities[1], "positive": probabilities[2],
            "tone": probabilities[2] - probabilities[0], "label": CLASSES[best]}


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def classify_tone(texts: str | Iterable[str], model: ToneModel | None = None,
                  vader: Iterable[Mapping[str, float]] | None = None) -> pd.DataFrame:
    """Tone of each sentence: one row per text, columns `negative, neutral, positive, tone, label`.

    Pass sentences (or short runs such as one quote), not whole articles: the model was trained on
    single sentences. A bare string counts as one text. `vader`: optional VADER scores of each
    text, in order, when the caller has computed them already (see `sentence_features`).
    """
    model = model or _model(SENTENCE_MODEL)
    if isinstance(texts, str):
        texts = [texts]
    texts = list(texts)
    scores = [None] * len(texts) if vader is None else list(vader)
    if len(scores) != len(texts):
        raise ValueError(f"{len(scores)} VADER scores for {len(texts)} texts")
    return _frame([_row(softmax(model.logits(sentence_features(text, score))))
                   for text, score in zip(texts, scores)])


def score_sentence(text: str, vader: Mapping[str, float] | None = None) -> dict:
    """`classify_tone` of one text as a dict (no DataFrame); the reference for `score_sentences`."""
    return _row(softmax(_model(SENTENCE_MODEL).logits(sentence_features(text, vader))))


def score_toward(text: str, start: int, end: int, vader: Mapping[str, float] | None = None,
                 tokens: SentenceTokens | None = None) -> dict:
    """`classify_tone_toward` of one mention as a dict (no DataFrame); the reference for
    `score_mentions`. `tokens`: see `toward_features`."""
    return _row(softmax(_model(TOWARD_MODEL).logits(toward_features(text, start, end, vader, tokens))))


def classify_tone_toward(text: str, start: int, end: int, model: ToneModel | None = None,
                         vader: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Tone of sentence `text` toward the mention at characters `start:end`: one row, same columns
    as `classify_tone`. An approximation (see the module docstring). `text` should be the one
    sentence holding the mention, with `start`/`end` offsets into it. `vader`: the sentence's
    VADER scores if already computed."""
    model = model or _model(TOWARD_MODEL)
    return _frame([_row(softmax(model.logits(toward_features(text, start, end, vader))))])


# --------------------------------------------------------------------------- fast path
#
# The per-article path (`score_sentences`, `score_mentions`) gives exactly, to the last bit, what
# `score_sentence` / `score_toward` give: the same features, met in the same order, with the same
# values, so each class score is the same sum of the same weight x value products added one by one
# in the same order. What changes is how the features are found: a sentence is tokenised once and
# its words mapped to model rows once (by dictionaries of known words and word pairs, never by
# building feature names), each mention reuses the sentence's lists sliced around it, and the
# products of a whole article are added in one numpy pass (a cumulative sum along each row, which
# adds left to right like the reference loop; numpy's pairwise `sum` would not).

_FIXED = ("vader:compound_pos", "vader:compound_neg", "vader:pos", "vader:neg",
          "lex:left_pos", "lex:left_neg", "lex:right_pos", "lex:right_neg", "lex:near_pos",
          "lex:near_neg", "neg:left", "neg:right", "role:in_quote", "quote:sentence",
          "quote:near_left", "quote:near_right", "role:subject", "role:agent",
          "role:prep_object", "role:possessor", "role:speaker", "position")


class _Compiled:
    """A model's weights as a matrix, with its features indexed by word (never by feature name)."""

    def __init__(self, model: ToneModel):
        self.model = model
        names = list(model.weights)
        self.index = {name: i for i, name in enumerate(names)}
        # The weights, then the intercept and a row of zeros (for `_Batch`).
        self.matrix = np.array([model.weights[name] for name in names] + [model.intercept, (0.0,) * 3],
                               dtype=float).reshape(-1, 3)
        self.intercept_row, self.zero_row = len(names), len(names) + 1
        by_prefix: dict[str, dict] = {p: {} for p in ("w", "n", "l", "r", "prev", "next")}
        pairs: dict[tuple[str, str], int] = {}
        for name, i in self.index.items():
            prefix, _, rest = name.partition(":")
            if prefix == "b":
                parts = rest.split("_")
                if len(parts) == 2 and not _SCOPE_END.intersection(parts):
                    pairs[(parts[0], parts[1])] = i
            elif prefix in ("prev", "next"):
                by_prefix[prefix][rest] = i
            elif prefix in by_prefix and rest not in _SCOPE_END:  # punctuation is never a word
                by_prefix[prefix][rest] = i
        self.words, self.negated = by_prefix["w"], by_prefix["n"]
        self.left, self.right = by_prefix["l"], by_prefix["r"]
        self.prev, self.next = by_prefix["prev"], by_prefix["next"]
        self.pairs = pairs
        self.fixed = {name: self.index.get(name) for name in _FIXED}
        self.vader_rows = [self.fixed[name] for name in _FIXED[:4]]
        self.lex_rows = [self.fixed[name] for name in _FIXED[4:10]]
        self.flag_rows = [self.fixed[name] for name in _FIXED[10:21]]
        self.position = self.fixed["position"]
        self.complete = None not in self.fixed.values()
        self.target_word = self.words.get(TARGET_TOKEN)
        self.target_negated = self.negated.get(TARGET_TOKEN)
        self.start = self.prev.get("<start>")
        self.end = self.next.get("<end>")

    def events(self, tokens: list[str]) -> tuple[list, list[int], list[int] | None, list[int]]:
        """The word and negated-word rows of `tokens` in the order `_ngram_features` meets them:
        one row per token (None for punctuation and for a feature the model lacks), and after each
        negated token its negated row. Also: the negated tokens (where the extra rows go: token
        k's rows start at `k + bisect_left(negated, k)`), the negation count before each token and
        after the last (`states`, None without a negator), and where the negators are."""
        rows = list(map(self.words.get, tokens))
        if NEGATORS.isdisjoint(tokens) and "n't" not in " ".join(tokens):
            return rows, [], None, []
        negators = [k for k, token in enumerate(tokens) if token in NEGATORS or token.endswith("n't")]
        n = len(tokens)
        states = [0] * (n + 1)
        negated_tokens: list[int] = []
        k = 0
        for position in negators:  # the count is 0 except within reach of a negator: walk there
            if position < k:
                continue  # inside the reach of an earlier negator, whose walk went on past it
            negated, k = NEGATION_SCOPE, position + 1
            while negated and k < n:
                states[k] = negated
                token = tokens[k]
                if token in _SCOPE_END:
                    negated = 0
                else:
                    negated_tokens.append(k)
                    negated -= 1
                    if token in NEGATORS or token.endswith("n't"):
                        negated = NEGATION_SCOPE
                k += 1
            states[k] = negated
        if negated_tokens:
            get, spliced, start = self.negated.get, [], 0
            for k in negated_tokens:
                spliced += rows[start:k + 1]
                spliced.append(get(tokens[k]))
                start = k + 1
            spliced += rows[start:]
            rows = spliced
        return rows, negated_tokens, states, negators

    def pair_rows(self, tokens: list[str]) -> list:
        """The row of each adjacent token pair (None when unknown or not two words)."""
        return list(map(self.pairs.get, zip(tokens, tokens[1:])))


_COMPILED: dict[int, _Compiled] = {}


def _compiled(model: ToneModel) -> _Compiled:
    compiled = _COMPILED.get(id(model))
    if compiled is None or compiled.model is not model:
        if len(_COMPILED) >= 8:  # the two shipped models, and a few a caller passes in
            _COMPILED.clear()
        compiled = _COMPILED[id(model)] = _Compiled(model)
    return compiled


def _lexicon() -> dict[str, float]:
    if "lexicon" not in _CACHE:
        _CACHE["lexicon"] = vader_lexicon()
    return _CACHE["lexicon"]


def _vader_values(text: str, vader: Mapping[str, float] | None) -> list[float]:
    scores = vader if vader is not None else polarity_scores(text)
    compound = scores["compound"]
    return [max(compound, 0.0), min(compound, 0.0), scores["pos"], scores["neg"]]


class _Batch:
    """Rows and values of many feature lists, added up together (`logits`).

    The lists are kept end to end in two flat lists (`rows`, `values`), each list opened by the
    intercept row with value 1.0, and `lengths` holds how many entries each list has."""

    def __init__(self, compiled: _Compiled):
        self.compiled = compiled
        self.rows: list[int] = []
        self.values: list = []
        self.lengths: list[int] = []

    def logits(self) -> list[list[float]]:
        """Class scores of each list: the intercept plus each weight x value, added in order
        (exactly `ToneModel.logits` of the features the rows came from).

        The lists become the columns of a grid, one entry per grid row, padded with zeros up to
        the longest; a cumulative sum down the grid adds each column top to bottom (left to right
        along its list), and the score is read where the list's own entries end."""
        lengths = self.lengths
        if not lengths:
            return []
        compiled = self.compiled
        size, total = len(lengths), len(self.rows)
        ends = np.fromiter(lengths, dtype=np.intp, count=size)
        width = int(ends.max())
        # filled[k, item]: does the list `item` have a k-th entry? Filled through the transposed
        # views, so the flat lists (list after list) go in item by item, entry by entry.
        filled = np.arange(width)[:, None] < ends
        grid = np.full((width, size), compiled.zero_row, dtype=np.intp)
        grid.T[filled.T] = np.fromiter(self.rows, dtype=np.intp, count=total)
        values = np.zeros((width, size))
        values.T[filled.T] = np.fromiter(self.values, dtype=float, count=total)
        products = compiled.matrix.take(grid, axis=0)
        products *= values[:, :, None]
        np.add.accumulate(products, axis=0, out=products)  # down each column, in list order
        ends -= 1
        return products[ends, np.arange(size)].tolist()

    def scores(self) -> list[dict]:
        return [_scores_row(logits) for logits in self.logits()]


def _scores_row(logits: list[float]) -> dict:
    """`_row(softmax(logits))` for three class scores, without the general code's loops."""
    negative, neutral, positive = logits
    top = max(logits)
    exps = [math.exp(negative - top), math.exp(neutral - top), math.exp(positive - top)]
    total = sum(exps)
    p_negative, p_neutral, p_positive = exps[0] / total, exps[1] / total, exps[2] / total
    if p_negative >= p_neutral and p_negative >= p_positive:  # ties go to the first class
        label = "negative"
    elif p_neutral >= p_positive:
        label = "neutral"
    else:
        label = "positive"
    return {"negative": p_negative, "neutral": p_neutral, "positive": p_positive,
            "tone": p_positive - p_negative, "label": label}


def score_sentences(texts: Iterable[str], vader: Iterable[Mapping[str, float] | None] | None = None,
                    model: ToneModel | None = None,
                    tokens: Iterable[list[str] | None] | None = None) -> list[dict]:
    """`score_sentence` of each text (identical results), scored together: the per-article path.
    `tokens`: each text's `tokenize(text)` when already known (else None), in order."""
    compiled = _compiled(model or _model(SENTENCE_MODEL))
    texts = list(texts)
    scores = [None] * len(texts) if vader is None else list(vader)
    known = [None] * len(texts) if tokens is None else list(tokens)
    if not len(scores) == len(known) == len(texts):
        raise ValueError(f"{len(scores)} VADER scores and {len(known)} token lists for {len(texts)} texts")
    batch = _Batch(compiled)
    rows, values, lengths = batch.rows, batch.values, batch.lengths
    intercept = compiled.intercept_row
    vader_rows = compiled.vader_rows
    complete = None not in vader_rows
    pairs = compiled.pairs.get
    for text, score, tokens in zip(texts, scores, known):
        if tokens is None:
            tokens = tokenize(text)
        first = len(rows)
        rows.append(intercept)
        values.append(1.0)
        counts: dict = {}
        _count_elements(counts, compiled.events(tokens)[0])
        _count_elements(counts, map(pairs, zip(tokens, tokens[1:])))
        counts.pop(None, None)
        rows += counts
        values += counts.values()
        if complete:
            rows += vader_rows
            values += _vader_values(text, score)
        else:
            for row, value in zip(vader_rows, _vader_values(text, score)):
                if row is not None:
                    rows.append(row)
                    values.append(value)
        lengths.append(len(rows) - first)
    return batch.scores()


class _MentionSentence:
    """One sentence's tokens prepared once for the target-aware features of each of its mentions."""

    def __init__(self, compiled: _Compiled, text: str, tokens: list[str], vader: list[float],
                 rows: tuple[list, list] | None = None):
        self.compiled = compiled
        self.text = text
        self.tokens = tokens
        self.vader = vader
        if rows is None:
            self.events, self.negated, self.states, self.negators = compiled.events(tokens)
            self.pairs = compiled.pair_rows(tokens)
        else:  # (one row per token: no negator in the sentence) and the pair rows, known
            self.events, self.pairs = rows
            self.negated, self.states, self.negators = [], None, []
        self.punct = [0, *accumulate(map(_SCOPE_END.__contains__, tokens))]
        lexicon = _lexicon()
        found = lexicon.keys() & tokens  # (few words of a sentence are in VADER's lexicon)
        self.valences = [(k, lexicon[tokens[k]]) for k in compress(count(), map(found.__contains__, tokens))
                         ] if found else []
        self.quotes = [k for k, t in enumerate(tokens) if t == '"'] if '"' in tokens else []

    def spliced(self, before: int, left: list[str], right: list[str], after: int) -> "_MentionSentence":
        """This sentence with `tokens[before:after]` read as `left + [TARGET_TOKEN] + right`: the
        tokens a mention crossing a token's edge sees (`SentenceTokens.pieces`), prepared from this
        sentence's rows where no negator is in play (the word rows and pair rows away from the
        splice are this sentence's own)."""
        compiled, tokens = self.compiled, self.tokens
        middle = left + [TARGET_TOKEN] + right
        spliced = tokens[:before] + middle + tokens[after:]
        if self.states is not None or not NEGATORS.isdisjoint(middle) or any(
                token.endswith("n't") for token in middle):
            return _MentionSentence(compiled, self.text, spliced, self.vader)
        events = self.events[:before]
        events += map(compiled.words.get, middle)
        events += self.events[after:]
        joined = tokens[max(before - 1, 0):before] + middle + tokens[after:after + 1]
        pairs = self.pairs[:max(before - 1, 0)]
        pairs += map(compiled.pairs.get, zip(joined, joined[1:]))
        pairs += self.pairs[after:]
        return _MentionSentence(compiled, self.text, spliced, self.vader, (events, pairs))

    def _ngram(self, i: int, j: int) -> list:
        """Rows of `_ngram_features(tokens[:i] + [TARGET_TOKEN] + tokens[j:])` in order, repeated."""
        compiled, tokens, events = self.compiled, self.tokens, self.events
        if self.states is None:  # no negator: one row per token, the target negated by nothing
            sequence = events[:i]
            sequence.append(compiled.target_word)
            sequence += events[j:]
        else:
            states, negated_tokens = self.states, self.negated
            sequence = events[:i + bisect_left(negated_tokens, i)]
            negated = states[i]
            sequence.append(compiled.target_word)
            if negated:
                sequence.append(compiled.target_negated)
                negated -= 1
            k, n = j, len(tokens)
            while k < n and negated != states[k]:  # until the walk meets the sentence's own
                token = tokens[k]
                if token in _SCOPE_END:
                    negated = 0
                else:
                    sequence.append(compiled.words.get(token))
                    if negated:
                        sequence.append(compiled.negated.get(token))
                        negated -= 1
                    if token in NEGATORS or token.endswith("n't"):
                        negated = NEGATION_SCOPE
                k += 1
            sequence += events[k + bisect_left(negated_tokens, k):]
        pairs, get = self.pairs, compiled.pairs.get
        if i:
            sequence += pairs[:i - 1]
            sequence.append(get((tokens[i - 1], TARGET_TOKEN)))
        if j < len(tokens):
            sequence.append(get((TARGET_TOKEN, tokens[j])))
            sequence += pairs[j:]
        return sequence

    def add_to(self, batch: _Batch, i: int, j: int, end: int) -> None:
        """Add to `batch` the rows and values of `toward_features` of the mention that
        `tokens[i:j]` stand for (left `tokens[:i]`, right `tokens[j:]`, ending at character `end`
        of the text), in its order: the n-gram counts, the VADER scores, the window-word counts,
        the neighbours, the lexicon sums, the flags, the position (the order `_Batch` adds the
        products in). One method, written straight into the batch: this runs once per mention."""
        compiled, tokens = self.compiled, self.tokens
        n = len(tokens)
        rows, values = batch.rows, batch.values
        first = len(rows)
        rows.append(compiled.intercept_row)
        values.append(1.0)
        # The word, negated-word and pair counts (`w:`, `n:`, `b:`) in first-met order.
        counts: dict = {}
        _count_elements(counts, self._ngram(i, j))
        counts.pop(None, None)
        rows += counts
        values += counts.values()
        rows += compiled.vader_rows
        values += self.vader
        # The words within `WINDOW` tokens left (`l:`) and right (`r:`), in first-met order.
        window_from, window_to = (i - WINDOW if i > WINDOW else 0), j + WINDOW
        counts = {}
        _count_elements(counts, map(compiled.left.get, tokens[window_from:i]))
        _count_elements(counts, map(compiled.right.get, tokens[j:window_to]))
        counts.pop(None, None)
        rows += counts
        values += counts.values()
        # The tokens just before and after (`prev:`, `next:`; `<start>` and `<end>` at the edges).
        previous = tokens[i - 1] if i else None
        row = compiled.prev.get(previous) if i else compiled.start
        if row is not None:
            rows.append(row)
            values.append(1.0)
        row = compiled.next.get(tokens[j]) if j < n else compiled.end
        if row is not None:
            rows.append(row)
            values.append(1.0)
        # VADER lexicon sums (`lex:`): left, right, and near (the last 3 tokens left, then the
        # first 3 right), each added in token order as `_lexicon_valence` adds them.
        rows += compiled.lex_rows
        left_pos = left_neg = right_pos = right_neg = near_pos = near_neg = 0.0
        if self.valences:
            for k, valence in self.valences:
                if k < i:
                    if valence > 0:
                        left_pos += valence
                    else:
                        left_neg += valence
                elif k >= j:
                    if valence > 0:
                        right_pos += valence
                    else:
                        right_neg += valence
            near_from, near_to = i - 3, j + 3
            for k, valence in self.valences:
                if near_from <= k < i or j <= k < near_to:
                    if valence > 0:
                        near_pos += valence
                    else:
                        near_neg += valence
        values += (left_pos, left_neg, right_pos, right_neg, near_pos, near_neg)
        flag_rows = compiled.flag_rows
        flags = len(rows)
        # Negators in the window (`neg:left`, `neg:right`).
        negators = self.negators
        if negators:
            if any(window_from <= k < i for k in negators):
                rows.append(flag_rows[0])  # neg:left
            if any(j <= k < window_to for k in negators):
                rows.append(flag_rows[1])  # neg:right
        # Quote marks: an odd number left (`role:in_quote`), any in the sentence, any in the window.
        quotes = self.quotes
        if quotes:
            quotes_left = bisect_left(quotes, i)
            if quotes_left % 2 == 1:
                rows.append(flag_rows[2])  # role:in_quote
            after = bisect_left(quotes, j)  # the first quote mark right of the mention
            if quotes_left or after < len(quotes):  # (a mark inside the mention counts on no side)
                rows.append(flag_rows[3])  # quote:sentence
            if quotes_left and quotes[quotes_left - 1] >= window_from:
                rows.append(flag_rows[4])  # quote:near_left
            if after < len(quotes) and quotes[after] < window_to:
                rows.append(flag_rows[5])  # quote:near_right
        # Roles: subject (at most one word before it), agent (after "by"), object of a
        # preposition, possessor ("'s" after character `end`), speaker (next to a verb of saying).
        punct = self.punct
        words_left = i - punct[i]
        if words_left <= 1:
            rows.append(flag_rows[6])  # role:subject
        if previous == "by":
            rows.append(flag_rows[7])  # role:agent
        if previous in _PREPOSITIONS:
            rows.append(flag_rows[8])  # role:prep_object
        if self.text[end:end + 2] in ("'s", "\u2019s"):
            rows.append(flag_rows[9])  # role:possessor
        if previous in SPEECH_VERBS or not SPEECH_VERBS.isdisjoint(tokens[j:j + 3]):
            rows.append(flag_rows[10])  # role:speaker
        values += [1.0] * (len(rows) - flags)
        # Where the mention sits (`position`): the words before it over the sentence's words,
        # the mention counted as one word (0..1).
        rows.append(compiled.position)
        values.append(words_left / (words_left + 1 + (n - j) - (punct[n] - punct[j])))
        if not compiled.complete:  # a model without some fixed feature: drop it, as `logits` does
            rows[first:], values[first:] = _known_rows(rows[first:], values[first:])
        batch.lengths.append(len(rows) - first)


def _known_rows(rows: list, values: list) -> tuple[list, list]:
    """`rows` and `values` without the entries whose row is None (a feature the model lacks)."""
    known = [k for k, row in enumerate(rows) if row is not None]
    return [rows[k] for k in known], [values[k] for k in known]


def score_mentions(mentions: Iterable[tuple[str, int, int, Mapping[str, float] | None]],
                   model: ToneModel | None = None,
                   tokenised: Mapping[str, SentenceTokens] | None = None) -> list[dict]:
    """`score_toward(text, start, end, vader)` of each `(text, start, end, vader)` (identical
    results), scored together: each distinct sentence is prepared once for all its mentions.
    `tokenised`: sentences already tokenised (`SentenceTokens`), reused."""
    compiled = _compiled(model or _model(TOWARD_MODEL))
    tokenised = tokenised or {}
    prepared: dict[tuple, tuple[SentenceTokens, _MentionSentence]] = {}
    batch = _Batch(compiled)
    order: list[int] = []  # which scored item answers each mention
    items: dict[tuple, int] = {}  # a span met twice (two groups' terms on the same words) is scored once
    for text, start, end, vader in mentions:
        if not 0 <= start < end <= len(text):
            raise ValueError(f"mention span {start}:{end} is outside a text of {len(text)} characters")
        key = (text, None if vader is None else (vader["compound"], vader["pos"], vader["neg"]))
        item = items.get((key, start, end))
        if item is not None:
            order.append(item)
            continue
        order.append(items.setdefault((key, start, end), len(items)))
        entry = prepared.get(key)
        if entry is None:
            shared = tokenised.get(text) or SentenceTokens(text)
            values = _vader_values(text, vader)
            entry = prepared[key] = (shared, _MentionSentence(compiled, text, shared.tokens, values))
        shared, sentence = entry
        cut = shared.cut(start, end)
        if cut is not None:
            sentence.add_to(batch, cut[0], cut[1], end)
        else:  # a token crosses the mention's edge ("China's"): the tokens of the parts
            pieces = shared.pieces(start, end)
            if pieces is not None:
                parts = sentence.spliced(*pieces)
                at = pieces[0] + len(pieces[1])
            else:
                left, right = tokenize(text[:start]), tokenize(text[end:])
                parts = _MentionSentence(compiled, text, left + [TARGET_TOKEN] + right, sentence.vader)
                at = len(left)
            parts.add_to(batch, at, at + 1, end)
    scores = batch.scores()
    if len(order) == len(scores):
        return scores
    answered = [False] * len(scores)  # a span met again gets its own copy of the scores
    result = []
    for item in order:
        result.append(dict(scores[item]) if answered[item] else scores[item])
        answered[item] = True
    return result


# --------------------------------------------------------------------------- evidence

@dataclass(frozen=True)
class ToneExplanation:
    """Why a text got its tone.

    `contributions` has one row per feature the model knows: `feature`, `term` (readable),
    `value` (count or score), and the contribution weight x value to each class score
    (`negative`, `neutral`, `positive`), plus `effect` = positive - negative contribution (how far
    the term pushed the tone up or down), sorted by |effect|, largest first. For each class,
    `intercept[c]` + the column sum of `contributions[c]` equals `logits[c]`, and `probabilities`
    is the softmax of `logits`.
    """

    intercept: dict
    contributions: pd.DataFrame
    logits: dict
    probabilities: dict
    tone: float
    label: str


_PREFIX_NAMES = {"w": "word", "b": "pair", "n": "negated", "l": "left of target",
                 "r": "right of target", "prev": "just before target", "next": "just after target"}


def _term(feature: str) -> str:
    prefix, _, rest = feature.partition(":")
    if not rest:
        return feature
    if prefix == "b":
        return rest.replace("_", " ")
    if prefix in _PREFIX_NAMES:
        return f"{rest} ({_PREFIX_NAMES[prefix]})"
    return feature


def _explain(model: ToneModel, features: Mapping[str, float]) -> ToneExplanation:
    rows = []
    for name, value in features.items():
        row = model.weights.get(name)
        if row is None:
            continue
        contribution = [row[0] * value, row[1] * value, row[2] * value]
        rows.append({"feature": name, "term": _term(name), "value": value,
                     "negative": contribution[0], "neutral": contribution[1],
                     "positive": contribution[2], "effect": contribution[2] - contribution[0]})
    frame = pd.DataFrame(rows, columns=["feature", "term", "value", *CLASSES, "effect"])
    logits = model.logits(features)
    probabilities = softmax(logits)
    result = _row(probabilities)
    if len(frame):
        frame = frame.assign(_size=frame["effect"].abs()).sort_values(
            ["_size", "feature"], ascending=[False, True], kind="mergesort").drop(columns="_size")
        frame = frame.reset_index(drop=True)
    return ToneExplanation(
        intercept=dict(zip(CLASSES, model.intercept)), contributions=frame,
        logits=dict(zip(CLASSES, logits)), probabilities=dict(zip(CLASSES, probabilities)),
        tone=result["tone"], label=result["label"])


def explain_tone(text: str, model: ToneModel | None = None,
                 vader: Mapping[str, float] | None = None) -> ToneExplanation:
    """The terms behind `classify_tone(text)`: intercept and weight x value per class per term."""
    return _explain(model or _model(SENTENCE_MODEL), sentence_features(text, vader))


def explain_tone_toward(text: str, start: int, end: int, model: ToneModel | None = None,
                        vader: Mapping[str, float] | None = None) -> ToneExplanation:
    """The terms behind `classify_tone_toward(text, start, end)`."""
    return _explain(model or _model(TOWARD_MODEL), toward_features(text, start, end, vader))
