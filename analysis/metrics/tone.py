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

Cost: one VADER call per sentence plus one dictionary lookup per feature (a sparse dot product).
"""
from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

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
#: Tokens around a mention that the target-aware model reads as its context window.
WINDOW = 5
#: Placeholder for the mention's own words: the model learns nothing about a named person.
TARGET_TOKEN = "<target>"

_CACHE: dict = {}


def data_dir() -> Path:
    """Folder of the packaged weights files."""
    return config.DATA_DIR


# --------------------------------------------------------------------------- features

def tokenize(text: str) -> list[str]:
    """Lower-cased tokens of `text`: words, `<num>`, and the punctuation . , ; : ! ? " ( )."""
    text = text.lower().translate(_APOSTROPHES).translate(_QUOTES)
    return ["<num>" if token[0].isdigit() else token for token in _TOKEN.findall(text)]


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
        matches = list(_TOKEN.finditer(lowered.translate(_APOSTROPHES).translate(_QUOTES)))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.tokens = ["<num>" if m.group()[0].isdigit() else m.group() for m in matches]

    def around(self, start: int, end: int) -> tuple[list[str], list[str]] | None:
        if not self.simple:
            return None
        before = bisect_left(self.starts, start)  # tokens starting before the mention
        if before and self.ends[before - 1] > start:
            return None
        after = bisect_left(self.starts, end)  # tokens starting at or after its end
        if after and self.ends[after - 1] > end:
            return None
        return self.tokens[:before], self.tokens[after:]


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
    if not 0 <= start < end <= len(text):
        raise ValueError(f"mention span {start}:{end} is outside a text of {len(text)} characters")
    parts = tokens.around(start, end) if tokens is not None and tokens.text == text else None
    left, right = parts if parts is not None else (tokenize(text[:start]), tokenize(text[end:]))
    features = _ngram_features(left + [TARGET_TOKEN] + right)
    _vader_features(text, features, vader)

    near_left = left[-WINDOW:]
    near_right = right[:WINDOW]
    for token in near_left:
        if token not in _SCOPE_END:
            _add(features, "l:" + token)
    for token in near_right:
        if token not in _SCOPE_END:
            _add(features, "r:" + token)
    features["prev:" + (left[-1] if left else "<start>")] = 1.0
    features["next:" + (right[0] if right else "<end>")] = 1.0

    for name, side in (("left", left), ("right", right), ("near", near_left[-3:] + near_right[:3])):
        positive, negative = _lexicon_valence(side)
        features[f"lex:{name}_pos"] = positive
        features[f"lex:{name}_neg"] = negative

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

    words_left = [token for token in left if token not in _SCOPE_END]
    if len(words_left) <= 1:
        features["role:subject"] = 1.0
    if left and left[-1] == "by":
        features["role:agent"] = 1.0
    if left and left[-1] in {"of", "to", "for", "with", "against", "on", "at", "from", "about"}:
        features["role:prep_object"] = 1.0
    if text[end:end + 2] in ("'s", "\u2019s"):
        features["role:possessor"] = 1.0
    if any(token in SPEECH_VERBS for token in near_right[:3]) or (
            left and left[-1] in SPEECH_VERBS):
        features["role:speaker"] = 1.0
    n_words = len(words_left) + 1 + sum(token not in _SCOPE_END for token in right)
    features["position"] = len(words_left) / n_words
    return features


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
    """`classify_tone` of one text as a dict (no DataFrame: the per-article path)."""
    return _row(softmax(_model(SENTENCE_MODEL).logits(sentence_features(text, vader))))


def score_toward(text: str, start: int, end: int, vader: Mapping[str, float] | None = None,
                 tokens: SentenceTokens | None = None) -> dict:
    """`classify_tone_toward` of one mention as a dict (no DataFrame: the per-article path);
    `tokens`: see `toward_features`."""
    return _row(softmax(_model(TOWARD_MODEL).logits(toward_features(text, start, end, vader, tokens))))


def classify_tone_toward(text: str, start: int, end: int, model: ToneModel | None = None,
                         vader: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Tone of sentence `text` toward the mention at characters `start:end`: one row, same columns
    as `classify_tone`. An approximation (see the module docstring). `text` should be the one
    sentence holding the mention, with `start`/`end` offsets into it. `vader`: the sentence's
    VADER scores if already computed."""
    model = model or _model(TOWARD_MODEL)
    return _frame([_row(softmax(model.logits(toward_features(text, start, end, vader))))])


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
