"""VADER's `polarity_scores`, re-implemented exactly and faster (vaderSentiment 3.3.2).

`polarity_scores(text)` returns the very dict that
`vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer().polarity_scores(text)` returns (same
keys in the same order, same floats, signed zeros included: tests/test_vader.py compares their
repr on every corpus sentence and on generated negations, idioms, emoji, capitals and random
token strings). `compound(text)` is its 'compound'
alone, a little cheaper. Only the lexicon files come from the installed vaderSentiment package;
the rules and word lists below are copied from its source (the test checks they still match).

Why not call vaderSentiment: it lower-cases the whole token list again for every negation and
idiom check (up to four copies per lexicon word), walks the text character by character for
emoji, and builds idiom strings for every word. Here, per call:
- each distinct token is cleaned and lower-cased once (a bounded per-process memo of token facts);
- the emoji pass runs only when the text holds a character of VADER's emoji table;
- a text none of whose tokens is a scoring lexicon word returns at once (every valence is 0);
- the idiom rules run only at a word with an adjacent pair that begins some idiom;
- the 'but' rule reproduces vaderSentiment's `list.index` loop (which finds the first EQUAL value,
  not the current position) on the non-zero valences only, with a heap per value on long texts,
  so the whole call is linear (n log n at worst) in the text.

Kept quirks of 3.3.2 (they decide exact equality): tokens are split on whitespace, then stripped
of ASCII punctuation unless 2 characters or fewer remain; the lexicon is matched on `str.lower()`
so its mixed-case emoticons (':D') never match; 'so'/'this' right before a word multiply it by
1.25 when three words precede it; a capitalised word of valence 0 loses 0.733; booster n-grams
('kind of') add -0.293 whatever the sign; 'badass' (one token) never matches its idiom; the
exclamation and question marks of emoji descriptions ('ON! arrow') count as emphasis.
"""
from __future__ import annotations

import importlib.util
import math
import string
from heapq import heappop, heappush
from itertools import compress
from operator import itemgetter
from pathlib import Path

# --- vaderSentiment 3.3.2's constants, verbatim ---------------------------------------------------
B_INCR = 0.293
B_DECR = -0.293
C_INCR = 0.733
N_SCALAR = -0.74

NEGATE = \
    ["aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
     "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
     "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
     "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
     "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
     "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
     "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
     "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite"]

BOOSTER_DICT = \
    {"absolutely": B_INCR, "amazingly": B_INCR, "awfully": B_INCR,
     "completely": B_INCR, "considerable": B_INCR, "considerably": B_INCR,
     "decidedly": B_INCR, "deeply": B_INCR, "effing": B_INCR, "enormous": B_INCR, "enormously": B_INCR,
     "entirely": B_INCR, "especially": B_INCR, "exceptional": B_INCR, "exceptionally": B_INCR,
     "extreme": B_INCR, "extremely": B_INCR,
     "fabulously": B_INCR, "flipping": B_INCR, "flippin": B_INCR, "frackin": B_INCR, "fracking": B_INCR,
     "fricking": B_INCR, "frickin": B_INCR, "frigging": B_INCR, "friggin": B_INCR, "fully": B_INCR,
     "fuckin": B_INCR, "fucking": B_INCR, "fuggin": B_INCR, "fugging": B_INCR,
     "greatly": B_INCR, "hella": B_INCR, "highly": B_INCR, "hugely": B_INCR,
     "incredible": B_INCR, "incredibly": B_INCR, "intensely": B_INCR,
     "major": B_INCR, "majorly": B_INCR, "more": B_INCR, "most": B_INCR, "particularly": B_INCR,
     "purely": B_INCR, "quite": B_INCR, "really": B_INCR, "remarkably": B_INCR,
     "so": B_INCR, "substantially": B_INCR,
     "thoroughly": B_INCR, "total": B_INCR, "totally": B_INCR, "tremendous": B_INCR, "tremendously": B_INCR,
     "uber": B_INCR, "unbelievably": B_INCR, "unusually": B_INCR, "utter": B_INCR, "utterly": B_INCR,
     "very": B_INCR,
     "almost": B_DECR, "barely": B_DECR, "hardly": B_DECR, "just enough": B_DECR,
     "kind of": B_DECR, "kinda": B_DECR, "kindof": B_DECR, "kind-of": B_DECR,
     "less": B_DECR, "little": B_DECR, "marginal": B_DECR, "marginally": B_DECR,
     "occasional": B_DECR, "occasionally": B_DECR, "partly": B_DECR,
     "scarce": B_DECR, "scarcely": B_DECR, "slight": B_DECR, "slightly": B_DECR, "somewhat": B_DECR,
     "sort of": B_DECR, "sorta": B_DECR, "sortof": B_DECR, "sort-of": B_DECR}

SPECIAL_CASES = {"the shit": 3, "the bomb": 3, "bad ass": 1.5, "badass": 1.5, "bus stop": 0.0,
                 "yeah right": -2, "kiss of death": -1.5, "to die for": 3, "beating heart": 3.5}
# --------------------------------------------------------------------------------------------------

_NEGATE = frozenset(NEGATE)
_PUNCTUATION = string.punctuation
# Idioms as word tuples: tokens hold no whitespace, so "a b" == key exactly when (a, b) == key's words.
_SPECIAL = {tuple(key.split(" ")): value for key, value in SPECIAL_CASES.items()}
_BOOSTER_NGRAMS = {tuple(key.split(" ")): value for key, value in BOOSTER_DICT.items() if " " in key}
#: Every adjacent word pair of a multi-word idiom or booster: no such pair near a word, no idiom.
_IDIOM_PAIRS = frozenset(words[k:k + 2] for words in (*_SPECIAL, *_BOOSTER_NGRAMS)
                         for k in range(len(words) - 1))
_IDIOM_FIRST = frozenset(pair[0] for pair in _IDIOM_PAIRS)

_EMPTY = {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
_NEUTRAL = {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}

#: Heap-based 'but' rule above this many non-zero valences (the literal loop is quadratic).
_BUT_LITERAL_MAX = 32
#: Token memo bound: about 240 bytes an entry, so at most ~16 MB (a vocabulary is Zipfian; cleared when full).
_MEMO_MAX = 1 << 16


def _package_dir() -> Path:
    spec = importlib.util.find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("vaderSentiment is not installed (its lexicon files are needed)")
    return Path(next(iter(spec.submodule_search_locations)))


def _read(name: str) -> str:
    # codecs.open(..., encoding='utf-8') as in vaderSentiment: no newline translation.
    return (_package_dir() / name).read_bytes().decode("utf-8")


def _load_lexicon() -> dict[str, float]:
    lexicon: dict[str, float] = {}
    for line in _read("vader_lexicon.txt").rstrip("\n").split("\n"):
        if not line:
            continue
        (word, measure) = line.strip().split("\t")[0:2]
        lexicon[word] = float(measure)
    return lexicon


def _load_emoji() -> dict[str, str]:
    emojis: dict[str, str] = {}
    for line in _read("emoji_utf8_lexicon.txt").rstrip("\n").split("\n"):
        (emoji, description) = line.strip().split("\t")[0:2]
        emojis[emoji] = description
    return emojis


_LEXICON: dict[str, float] | None = None
_EMOJI: dict[str, str] | None = None
_EMOJI_CHARS: frozenset[str] = frozenset()
_MEMO: dict[str, tuple] = {}
_LOWERED = itemgetter(0)
_SCORES = itemgetter(5)


def _tables() -> dict[str, float]:
    global _LEXICON, _EMOJI, _EMOJI_CHARS
    if _LEXICON is None:
        emoji = _load_emoji()
        _EMOJI = emoji
        # vaderSentiment tests one character at a time, so only one-character keys ever match.
        _EMOJI_CHARS = frozenset(key for key in emoji if len(key) == 1)
        _LEXICON = _load_lexicon()
    return _LEXICON


def lexicon() -> dict[str, float]:
    """VADER's word -> valence table (read once from the installed vaderSentiment)."""
    return _tables()


def _replace_emoji(text: str) -> str:
    """vaderSentiment's emoji pass: each emoji character becomes its description."""
    emojis = _EMOJI
    parts: list[str] = []
    prev_space = True
    for char in text:
        if char in emojis:
            if not prev_space:
                parts.append(" ")
            parts.append(emojis[char])
            prev_space = False
        else:
            parts.append(char)
            prev_space = char == " "
    return "".join(parts).strip()


def _token_facts(token: str) -> tuple:
    """(lower-cased cleaned token, lexicon valence or None, is upper, booster or None,
    is a negation, scores (in lexicon and no booster), may begin an idiom pair)."""
    stripped = token.strip(_PUNCTUATION)
    if len(stripped) <= 2:
        stripped = token
    lowered = stripped.lower()
    valence = _LEXICON.get(lowered)
    booster = BOOSTER_DICT.get(lowered)
    twice = lowered.lower()  # vaderSentiment's `negated` lower-cases the lower-cased word again
    negation = twice in _NEGATE or "n't" in twice
    facts = (lowered, valence, stripped.isupper(), booster, negation,
             valence is not None and booster is None, lowered in _IDIOM_FIRST)
    if len(_MEMO) >= _MEMO_MAX:
        _MEMO.clear()
    _MEMO[token] = facts
    return facts


def _prepare(text: str):
    """(facts per token, text for punctuation emphasis, indices of scoring tokens)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if _LEXICON is None:
        _tables()
    if not text.isascii() and not _EMOJI_CHARS.isdisjoint(text):
        text = _replace_emoji(text)
    tokens = text.split()
    facts = list(map(_MEMO.get, tokens))
    if None in facts:
        facts = [fact or _token_facts(token) for fact, token in zip(facts, tokens)]
    hits = list(compress(range(len(facts)), map(_SCORES, facts)))
    return facts, text, hits


def _valences(facts: list[tuple], hits: list[int]) -> tuple[list[int], list[float]]:
    """Positions and non-zero valences (in token order) after all rules, 'but' included."""
    n = len(facts)
    last = n - 1
    lexicon_table = _LEXICON
    is_cap_diff = None
    positions: list[int] = []
    values: list[float] = []
    for i in hits:
        item = facts[i]
        lowered = item[0]
        if lowered == "kind" and i < last and facts[i + 1][0] == "of":
            continue  # vaderSentiment appends 0 for 'kind' of 'kind of'
        base = item[1]
        valence = base
        prev1 = facts[i - 1][0] if i > 0 else None
        if lowered == "no" and i != last and facts[i + 1][0] in lexicon_table:
            valence = 0.0
        if (i > 0 and prev1 == "no") or (i > 1 and facts[i - 2][0] == "no") \
                or (i > 2 and facts[i - 3][0] == "no" and prev1 in ("or", "nor")):
            valence = base * N_SCALAR
        if item[2]:
            if is_cap_diff is None:
                is_cap_diff = _cap_differential(facts)
            if is_cap_diff:
                if valence > 0:
                    valence += C_INCR
                else:
                    valence -= C_INCR
        for start_i in (0, 1, 2):
            if i <= start_i:
                break
            before = facts[i - (start_i + 1)]
            if before[1] is not None:
                continue
            # scalar_inc_dec
            s = 0.0
            booster = before[3]
            if booster is not None:
                s = booster
                if valence < 0:
                    s *= -1
                if before[2]:
                    if is_cap_diff is None:
                        is_cap_diff = _cap_differential(facts)
                    if is_cap_diff:
                        if valence > 0:
                            s += C_INCR
                        else:
                            s -= C_INCR
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            # _negation_check
            if start_i == 0:
                if before[4]:
                    valence = valence * N_SCALAR
            elif start_i == 1:
                if facts[i - 2][0] == "never" and (prev1 == "so" or prev1 == "this"):
                    valence = valence * 1.25
                elif facts[i - 2][0] == "without" and prev1 == "doubt":
                    pass
                elif before[4]:
                    valence = valence * N_SCALAR
            else:
                prev2 = facts[i - 2][0]
                prev3 = before[0]
                if prev3 == "never" and (prev2 == "so" or prev2 == "this") or \
                        (prev1 == "so" or prev1 == "this"):
                    valence = valence * 1.25
                elif prev3 == "without" and (prev2 == "doubt" or prev1 == "doubt"):
                    pass
                elif before[4]:
                    valence = valence * N_SCALAR
                if _near_idiom(facts, i, last):
                    valence = _special_idioms(valence, facts, i, last)
        # _least_check
        if i > 1 and prev1 == "least" and facts[i - 1][1] is None:
            prev2 = facts[i - 2][0]
            if prev2 != "at" and prev2 != "very":
                valence = valence * N_SCALAR
        elif i > 0 and prev1 == "least" and facts[i - 1][1] is None:
            valence = valence * N_SCALAR
        if valence != 0:  # zeros change neither sums nor counts (they are counted as neutral)
            positions.append(i)
            values.append(valence)
    if values:
        lowered_tokens = list(map(_LOWERED, facts))
        if "but" in lowered_tokens:
            _but_check(positions, values, lowered_tokens.index("but"))
    return positions, values


def _cap_differential(facts: list[tuple]) -> bool:
    """Some but not all tokens are ALL CAPS (vaderSentiment's allcap_differential)."""
    capitals = sum(1 for fact in facts if fact[2])
    return 0 < len(facts) - capitals < len(facts)


def _near_idiom(facts: list[tuple], i: int, last: int) -> bool:
    """Whether any idiom or booster n-gram window of word i can match (i > 2)."""
    for j in range(i - 3, min(i, last - 1) + 1):
        if facts[j][6] and (facts[j][0], facts[j + 1][0]) in _IDIOM_PAIRS:
            return True
    return False


def _special_idioms(valence: float, facts: list[tuple], i: int, last: int) -> float:
    """vaderSentiment's _special_idioms_check at word i (i > 2)."""
    w0, w1, w2, w3 = facts[i][0], facts[i - 1][0], facts[i - 2][0], facts[i - 3][0]
    for seq in ((w1, w0), (w2, w1, w0), (w2, w1), (w3, w2, w1), (w3, w2)):
        if seq in _SPECIAL:
            valence = _SPECIAL[seq]
            break
    if last > i:
        zeroone = (w0, facts[i + 1][0])
        if zeroone in _SPECIAL:
            valence = _SPECIAL[zeroone]
    if last > i + 1:
        zeroonetwo = (w0, facts[i + 1][0], facts[i + 2][0])
        if zeroonetwo in _SPECIAL:
            valence = _SPECIAL[zeroonetwo]
    for n_gram in ((w3, w2, w1), (w3, w2), (w2, w1)):
        if n_gram in _BOOSTER_NGRAMS:
            valence = valence + _BOOSTER_NGRAMS[n_gram]
    return valence


def _but_check(positions: list[int], values: list[float], bi: int) -> None:
    """vaderSentiment's _but_check on the non-zero valences, in place.

    Its loop takes each list element in turn, finds the FIRST element equal to it
    (`sentiments.index`) and scales THAT one (x0.5 before the first 'but', x1.5 after). Zeros only
    ever find zeros, so the non-zero values alone reproduce it.
    """
    m = len(values)
    if m <= _BUT_LITERAL_MAX:
        for k in range(m):
            value = values[k]
            si = values.index(value)
            if positions[si] < bi:
                values[si] = value * 0.5
            elif positions[si] > bi:
                values[si] = value * 1.5
        return
    heaps: dict[float, list[int]] = {}
    for k, value in enumerate(values):
        heaps.setdefault(value, []).append(k)  # ascending: already a heap
    for k in range(m):
        value = values[k]
        heap = heaps[value]
        while values[heap[0]] != value:  # stale entries: that element has been scaled since
            heappop(heap)
        si = heap[0]
        if positions[si] < bi:
            new = value * 0.5
        elif positions[si] > bi:
            new = value * 1.5
        else:
            continue
        values[si] = new
        heappop(heap)
        heappush(heaps.setdefault(new, []), si)


def _punctuation_emphasis(text: str) -> float:
    ep_count = text.count("!")
    if ep_count > 4:
        ep_count = 4
    ep_amplifier = ep_count * 0.292
    qm_count = text.count("?")
    qm_amplifier = 0
    if qm_count > 1:
        if qm_count <= 3:
            qm_amplifier = qm_count * 0.18
        else:
            qm_amplifier = 0.96
    return ep_amplifier + qm_amplifier


def _normalize(score: float, alpha: float = 15) -> float:
    norm_score = score / math.sqrt((score * score) + alpha)
    if norm_score < -1.0:
        return -1.0
    elif norm_score > 1.0:
        return 1.0
    return norm_score


def polarity_scores(text: str) -> dict[str, float]:
    """VADER's {'neg', 'neu', 'pos', 'compound'} of `text`, identical to vaderSentiment 3.3.2's
    `SentimentIntensityAnalyzer().polarity_scores(text)`. neg/neu/pos are proportions (0..1,
    3 decimals), compound the normalised sum in -1..1 (4 decimals)."""
    facts, text, hits = _prepare(text)
    if not hits:
        return dict(_NEUTRAL) if facts else dict(_EMPTY)
    positions, values = _valences(facts, hits)
    if not values:
        return dict(_NEUTRAL)
    # score_valence. vaderSentiment sums the full list with zeros; zeros change no float sum.
    sum_s = float(sum(values))
    punct_emph_amplifier = _punctuation_emphasis(text)
    if sum_s > 0:
        sum_s += punct_emph_amplifier
    elif sum_s < 0:
        sum_s -= punct_emph_amplifier
    compound_score = _normalize(sum_s)
    pos_sum = 0.0
    neg_sum = 0.0
    nonzero = 0
    for sentiment_score in values:
        if sentiment_score > 0:
            pos_sum += (float(sentiment_score) + 1)
            nonzero += 1
        if sentiment_score < 0:
            neg_sum += (float(sentiment_score) - 1)
            nonzero += 1
    neu_count = len(facts) - nonzero
    if pos_sum > math.fabs(neg_sum):
        pos_sum += punct_emph_amplifier
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= punct_emph_amplifier
    total = pos_sum + math.fabs(neg_sum) + neu_count
    pos = math.fabs(pos_sum / total)
    neg = math.fabs(neg_sum / total)
    neu = math.fabs(neu_count / total)
    return {"neg": round(neg, 3), "neu": round(neu, 3), "pos": round(pos, 3),
            "compound": round(compound_score, 4)}


def compound(text: str) -> float:
    """VADER's compound score of `text` alone (-1..1, 4 decimals), = polarity_scores(text)['compound']."""
    facts, text, hits = _prepare(text)
    if not hits:
        return 0.0
    values = _valences(facts, hits)[1]
    if not values:
        return 0.0
    sum_s = float(sum(values))
    if sum_s > 0:
        sum_s += _punctuation_emphasis(text)
    elif sum_s < 0:
        sum_s -= _punctuation_emphasis(text)
    return round(_normalize(sum_s), 4)
