"""analysis.vader against the oracle, vaderSentiment 3.3.2's `polarity_scores`: the same four
floats (exact equality) on every sentence of the bundled corpus and the gold sets, on whole
articles, on cases generated from VADER's own word lists (negations, idioms, boosters, 'least',
'but', 'kind of', capitals, emoji, punctuation) and on random token strings (hypothesis,
derandomized)."""
from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vaderSentiment import vaderSentiment as stock

from analysis import load_corpus
from analysis.metrics import vader
from analysis.text import Doc

GOLD_DIR = Path(__file__).resolve().parent / "gold"
ORACLE = stock.SentimentIntensityAnalyzer()
SETTINGS = settings(max_examples=400, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def assert_same(texts) -> int:
    """Every text scores exactly as the oracle (all four keys, key order, compound()); returns n."""
    n = 0
    for text in texts:
        expected = ORACLE.polarity_scores(text)
        got = vader.polarity_scores(text)
        # repr: same keys in the same order and the same floats, signed zeros included
        assert repr(got) == repr(expected), (text, got, expected)
        assert repr(vader.compound(text)) == repr(expected["compound"]), text
        n += 1
    return n


def corpus_docs() -> list[Doc]:
    dirs = [None] + sorted(p for p in GOLD_DIR.iterdir() if (p / "articles").is_dir())
    return [Doc.from_article(article) for d in dirs for article in load_corpus(d).articles]


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    return corpus_docs()


def test_constants_and_tables_are_vaders():
    assert vader.NEGATE == stock.NEGATE
    assert vader.BOOSTER_DICT == stock.BOOSTER_DICT
    assert vader.SPECIAL_CASES == stock.SPECIAL_CASES
    assert (vader.B_INCR, vader.B_DECR, vader.C_INCR, vader.N_SCALAR) == \
        (stock.B_INCR, stock.B_DECR, stock.C_INCR, stock.N_SCALAR)
    assert vader.lexicon() == ORACLE.lexicon
    assert vader._EMOJI == ORACLE.emojis


def test_every_corpus_and_gold_sentence(docs):
    sentences = [s.text for doc in docs for s in doc.sentences]
    assert len(docs) > 20 and assert_same(sentences) == len(sentences) > 1000


def test_whole_articles_long_texts(docs):
    # Whole articles: hundreds of tokens, 'but' with many non-zero valences (the heap 'but' path).
    assert assert_same(doc.text for doc in docs) == len(docs)


def test_but_rule_heap_path_equals_literal_loop(docs, monkeypatch):
    monkeypatch.setattr(vader, "_BUT_LITERAL_MAX", 0)
    texts = [s.text for doc in docs for s in doc.sentences if "but" in s.text.lower()]
    assert len(texts) > 20
    assert_same(texts)
    # Equal values before and after 'but' and values equal to a scaled one: list.index quirks.
    assert_same(["good good but good good", "great good but good great bad bad",
                 "good but good good", "love hate but love hate love", "good bad but bad good",
                 "nice nice nice but nice nice nice nice", "good but but good BAD bad",
                 "BUT good good", "good good but"])


def test_token_memo_clearing(monkeypatch):
    monkeypatch.setattr(vader, "_MEMO_MAX", 3)
    assert_same(["The good, the bad and the ugly were not so great.", "Not bad at all!"] * 3)


SAMPLE_WORDS = ["good", "bad", "great", "terrible", "love", "hate", "happy", "sad", "kind",
                "doubt", "no", "shit", "bomb", "die", "heart", "kiss", "death", "ass", "nice",
                "fun", "crisis", "win", "lol", ":)", ":(", "<3", ":D", "ugh"]
FILLERS = ["the", "a", "it", "is", "was", "of", "so", "this", "at", "very", "or", "nor", "and",
           "least", "but", "never", "without", "kind", "sort", "just", "enough", "yeah", "right"]


def _templates() -> list[str]:
    cases = []
    for neg in stock.NEGATE + ["no", "least", "at least", "very least", "the least", "LEAST"]:
        for word in ("good", "bad", "doubt", "kind"):
            for gap in ("", "very ", "so ", "this ", "the very ", "never so ", "or ", "nor "):
                cases.append(f"It is {neg} {gap}{word}.")
                cases.append(f"{neg} {gap}{word}")
    for booster in stock.BOOSTER_DICT:
        for word in ("good", "bad", "GOOD", "BAD"):
            cases += [f"{booster} {word}", f"this is {booster} {word}!",
                      f"it was {booster.upper()} {word} but {booster} fine",
                      f"it is not {booster} {word}", f"{booster} the {word}"]
    for idiom in list(stock.SPECIAL_CASES) + list(stock.SENTIMENT_LADEN_IDIOMS):
        for before, after in itertools.product(("", "it is ", "not ", "we are so ", "never this "),
                                               ("", " good", " day", "!", " but sad")):
            cases.append(f"{before}{idiom}{after}")
        cases.append(idiom.upper() + " was BAD and good")
    for a, b, c in itertools.product(("no", "not", "never", "without", "kind", "least", "at"),
                                     ("so", "this", "doubt", "of", "or", "very", "no"),
                                     ("good", "bad", "doubt", "kind", "no")):
        cases += [f"{a} {b} {c}", f"x {a} {b} {c}", f"x x {a} {b} {c} y", f"{a} x {b} {c}"]
    cases += ["kind of good", "kind of bad", "KIND OF GOOD stuff", "only kind of good", "kind of",
              "kind", "of kind good", "sort of bad", "just enough good", "no no good", "no no",
              "no", "NO", "NO good", "no GOOD thing", "no or good", "no x nor bad", "good no",
              "at least good", "at least it isn't a horrible book.", "the very least bad", "least"]
    for punct in ("!", "!!", "!!!", "!!!!", "!!!!!!", "?", "??", "???", "????", "?!?!", "!?"):
        cases += [f"good{punct}", f"bad {punct}", f"the meeting {punct}", f"good but bad{punct}"]
    cases += ["", " ", "\n\t ", ".", "...", "!!!", "???", "?!", ":)", ":-)", ";)", "--", "'\"'",
              "!", "?", "a", "A", "GOOD", "GOOD BAD", "Good", "I AM HAPPY", "I AM HAPPY today",
              "VERY good", "very GOOD", "NOT good", "Not good", "\u00a0good\u00a0", "\u2003bad",
              "good\x1cbad", "caf\u00e9 good", "\u0130stanbul good", "\u212a bad"]
    # The README examples of vaderSentiment.
    cases += ["VADER is smart, handsome, and funny.", "VADER is VERY SMART, uber handsome, and "
              "FRIGGIN FUNNY!!!", "VADER is not smart, handsome, nor funny.",
              "The plot was good, but the characters are uncompelling and the dialog is not great.",
              "Today only kinda sux! But I'll get by, lol", "Make sure you :) or :D today!",
              "Sentiment analysis has never been this good!", "With VADER, sentiment analysis is "
              "the shit!", "On the other hand, VADER is quite bad ass", "Without a doubt, "
              "excellent idea.", "Roger Dodger is one of the least compelling variations."]
    return cases


def test_generated_rule_cases():
    cases = _templates()
    assert assert_same(cases) == len(cases) > 2000


def _emoji_cases() -> list[str]:
    singles = sorted(key for key in ORACLE.emojis if len(key) == 1)
    multis = sorted(key for key in ORACLE.emojis if len(key) > 1)
    cases = []
    for k, emoji in enumerate(singles[::7]):
        cases += [f"good {emoji}", f"bad{emoji}", f"{emoji}{emoji} not {emoji}", emoji,
                  f"x {emoji}y", f"NO {emoji} but {emoji}!"]
    cases += [f"it {emoji} was" for emoji in multis[::11]]
    cases += ["\U0001f51b now", "up\U0001f199", "\U0001f51b\U0001f51b\U0001f51b", "\U0001f498 \U0001f48b",
              "Catch utf-8 emoji such as \U0001f498 and \U0001f48b and \U0001f601", "\u4e2d\u56fd good",
              "\u00e9l\u00e8ve bad", "\u2764\ufe0f love", "\u2764 \u2764"]
    return cases


def test_emoji_cases():
    cases = _emoji_cases()
    assert assert_same(cases) == len(cases) > 1000


def test_corpus_sentences_with_injected_rule_words(docs):
    """Corpus sentences with negations, boosters, idioms, 'least', 'but', emphasis, emoji and
    capitals inserted at random places (seeded)."""
    rng = random.Random(3)
    sentences = [s.text for doc in docs for s in doc.sentences]
    inserts = stock.NEGATE + list(stock.BOOSTER_DICT) + list(stock.SPECIAL_CASES) + [
        "no", "least", "at least", "but", "BUT", "so", "this", "never so", "without doubt",
        "kind of", "!!!", "??", "\U0001f601", "\U0001f51b", "GOOD", "TERRIBLE", ":)"]
    texts = []
    for _ in range(3000):
        tokens = rng.choice(sentences).split()
        for _ in range(rng.randint(1, 4)):
            tokens.insert(rng.randint(0, len(tokens)), rng.choice(inserts))
        if rng.random() < 0.2:
            tokens = [t.upper() if rng.random() < 0.3 else t for t in tokens]
        texts.append(" ".join(tokens))
    assert assert_same(texts) == 3000


def test_very_long_text():
    # 3,000 tokens: stock VADER is quadratic in tokens (20,000 take it a minute).
    words = ["good", "bad", "not", "but", "very", "the", "kind", "of", "least", "!", "GREAT",
             "no", "\U0001f601", "so", "this", "never", "doubt", "without", "yeah", "right"]
    text = " ".join(words[(k * 7 + k // 3) % len(words)] for k in range(3000))
    assert assert_same([text, text.upper(), text.replace("but", "and")]) == 3


def test_non_text_raises_like_vader():
    for value in (None, 3):
        with pytest.raises(TypeError):
            ORACLE.polarity_scores(value)
        with pytest.raises(TypeError):
            vader.polarity_scores(value)


_LEXICON_WORDS = sorted(ORACLE.lexicon)
_POOL = sorted(set(SAMPLE_WORDS + FILLERS + stock.NEGATE + list(stock.BOOSTER_DICT)
                   + [w for key in stock.SPECIAL_CASES for w in key.split()]))
_EMOJI = sorted(key for key in ORACLE.emojis if len(key) == 1)[::5]
_PUNCT = ["!", "?", "!!", "??", ".", ",", "...", "'", '"', ":", "-", "(", ")", "n't"]


def _cased(word_and_case):
    word, case = word_and_case
    return word.upper() if case == 1 else word.title() if case == 2 else word


token = st.one_of(
    st.tuples(st.sampled_from(_LEXICON_WORDS), st.sampled_from([0, 0, 1, 2])).map(_cased),
    st.tuples(st.sampled_from(_POOL), st.sampled_from([0, 0, 0, 1, 2])).map(_cased),
    st.sampled_from(_EMOJI), st.sampled_from(_PUNCT),
)
token_text = st.tuples(
    st.lists(st.tuples(token, st.sampled_from([" ", " ", " ", "", "  ", "\n", ", "])),
             max_size=40),
    st.sampled_from(["", ".", "!", "?", "!!!", "??"]),
).map(lambda parts: "".join(t + sep for t, sep in parts[0]) + parts[1])


@SETTINGS
@given(token_text)
def test_random_token_strings(text):
    assert_same([text])


@settings(SETTINGS, max_examples=150)
@given(st.text(max_size=200))
def test_random_unicode(text):
    assert_same([text])
