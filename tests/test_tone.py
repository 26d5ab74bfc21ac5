"""News tone model: result shape, exact explanations, shipped weights, and the training code path."""
from __future__ import annotations

import importlib.util
import json
import math
import shutil
from pathlib import Path

import pytest

from analysis.metrics import tone, vader

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = Path(__file__).parent / "fixtures" / "tone_sample.jsonl"

SENTENCES = [
    "The minister was praised for an excellent and successful reform of the schools.",
    "The regime was condemned for brutal killings of peaceful protesters.",
    "The committee met on Tuesday in the capital.",
    "He said the plan would not fail.",
]


def _trainer():
    spec = importlib.util.spec_from_file_location("train_tone", ROOT / "tools" / "train_tone.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tokenize_is_lower_cased_and_folds_quotes_apostrophes_and_numbers():
    assert tone.tokenize("China\u2019s \u201cbold\u201d move didn't fail in 2,024.") == [
        "china's", '"', "bold", '"', "move", "didn't", "fail", "in", "<num>", "."]


def test_negation_marks_the_words_after_a_negator_until_punctuation():
    features = tone.sentence_features("It did not work well, sadly.")
    assert features["n:work"] == 1 and features["n:well"] == 1
    assert "n:sadly" not in features  # the comma ends the scope
    assert features["b:not_work"] == 1 and "b:well_sadly" not in features


def test_classify_tone_has_one_row_per_text_and_the_contract_columns():
    frame = tone.classify_tone(SENTENCES)
    assert list(frame.columns) == ["negative", "neutral", "positive", "tone", "label"]
    assert len(frame) == len(SENTENCES)
    for row in frame.itertuples():
        assert math.isclose(row.negative + row.neutral + row.positive, 1.0, abs_tol=1e-12)
        assert row.tone == pytest.approx(row.positive - row.negative, abs=1e-15)
        probabilities = {"negative": row.negative, "neutral": row.neutral, "positive": row.positive}
        assert row.label == max(probabilities, key=probabilities.get)
    assert len(tone.classify_tone("One sentence.")) == 1
    empty = tone.classify_tone([])
    assert list(empty.columns) == list(frame.columns) and len(empty) == 0


def test_shipped_sentence_model_reads_clear_news_tone():
    frame = tone.classify_tone(SENTENCES[:3])
    assert list(frame["label"]) == ["positive", "negative", "neutral"]
    assert frame.loc[0, "tone"] > 0.3 and frame.loc[1, "tone"] < -0.3
    assert abs(frame.loc[2, "tone"]) < 0.3


@pytest.mark.parametrize("text", SENTENCES)
def test_explanation_reproduces_the_tone_exactly(text):
    explanation = tone.explain_tone(text)
    contributions = explanation.contributions
    assert len(contributions) > 5
    logits = [explanation.intercept[name] + contributions[name].sum() for name in tone.CLASSES]
    for name, logit in zip(tone.CLASSES, logits):
        assert logit == pytest.approx(explanation.logits[name], abs=1e-12)
    probabilities = tone.softmax(logits)
    row = tone.classify_tone([text]).iloc[0]
    for name, probability in zip(tone.CLASSES, probabilities):
        assert probability == pytest.approx(row[name], abs=1e-12)
    assert probabilities[2] - probabilities[0] == pytest.approx(row["tone"], abs=1e-12)
    assert explanation.label == row["label"]
    # Each contribution is weight x value, and rows are sorted by how far they moved the tone.
    top = contributions.iloc[0]
    weights = tone._model(tone.SENTENCE_MODEL).weights[top["feature"]]
    assert top["positive"] == weights[2] * top["value"]
    assert top["effect"] == top["positive"] - top["negative"]
    sizes = contributions["effect"].abs().tolist()
    assert sizes == sorted(sizes, reverse=True)


def test_the_strongest_terms_of_a_negative_sentence_push_it_down():
    explanation = tone.explain_tone(SENTENCES[1])
    top_terms = explanation.contributions.head(5)
    assert (top_terms["effect"] < 0).sum() >= 3


def test_classify_tone_toward_returns_one_row_and_is_explained_exactly():
    text = "Critics condemned the senator for lying, while voters praised the mayor's honesty."
    senator = text.index("the senator"), text.index("the senator") + len("the senator")
    mayor = text.index("the mayor"), text.index("the mayor") + len("the mayor")
    toward_senator = tone.classify_tone_toward(text, *senator)
    toward_mayor = tone.classify_tone_toward(text, *mayor)
    assert list(toward_senator.columns) == ["negative", "neutral", "positive", "tone", "label"]
    assert len(toward_senator) == 1
    assert toward_senator.loc[0, "tone"] < toward_mayor.loc[0, "tone"]
    explanation = tone.explain_tone_toward(text, *mayor)
    logits = [explanation.intercept[name] + explanation.contributions[name].sum()
              for name in tone.CLASSES]
    assert tone.softmax(logits)[2] - tone.softmax(logits)[0] == pytest.approx(
        toward_mayor.loc[0, "tone"], abs=1e-12)
    assert "role:possessor" in set(explanation.contributions["feature"])


def test_toward_features_mark_the_mentions_role_and_mask_its_words():
    text = '"We will win," said Ms Park, who was attacked by the Senate.'
    start = text.index("Ms Park")
    features = tone.toward_features(text, start, start + len("Ms Park"))
    assert features["role:speaker"] == 1 and features["quote:near_left"] == 1
    assert features["w:<target>"] == 1 and "w:park" not in features
    assert features["prev:said"] == 1 and features["next:,"] == 1
    by_senate = text.index("the Senate")
    features = tone.toward_features(text, by_senate, by_senate + len("the Senate"))
    assert features["role:agent"] == 1 and "role:subject" not in features
    with pytest.raises(ValueError):
        tone.toward_features(text, 5, len(text) + 1)


def test_shipped_weights_carry_their_provenance():
    for name in (tone.SENTENCE_MODEL, tone.TOWARD_MODEL):
        data = json.loads((tone.data_dir() / name).read_text(encoding="utf-8"))
        provenance = data["provenance"]
        assert data["classes"] == list(tone.CLASSES)
        assert data["features_version"] == tone.FEATURES_VERSION
        assert provenance["data"] == "github.com/fhamborg/NewsMTSC"
        assert provenance["licence"].startswith("MIT")
        assert provenance["split"] == "train" and provenance["seed"] == 20260105
        assert provenance["n_train"] > 7000 and provenance["sklearn_version"]
        assert len(data["weights"]) == provenance["features_kept"] > 1000


def test_the_trainer_retrains_both_models_from_a_small_sample(tmp_path):
    pytest.importorskip("sklearn")
    trainer = _trainer()
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(SAMPLE, data / "train.jsonl")
    rows = trainer.read_jsonl(data / "train.jsonl")
    assert len(rows) == 30
    models = trainer.train_all(data, tmp_path, tune_on_dev=False,
                               settings={"C": 10.0, "min_count": 1}, log=lambda *args: None)
    sentence = tone.load_model(tmp_path / tone.SENTENCE_MODEL)
    toward = tone.load_model(tmp_path / tone.TOWARD_MODEL)
    assert sentence.weights == models["sentence"].weights
    assert sentence.provenance["n_train"] == 30 and toward.provenance["n_train"] == 30
    assert sentence.provenance["train_labels"] == {"negative": 10, "neutral": 10, "positive": 10}

    texts, labels, mixed = trainer.sentence_examples(rows)
    assert mixed == 0
    predicted = list(tone.classify_tone(texts, model=sentence)["label"])
    assert trainer.macro_f1(labels, predicted) == 1.0
    examples, labels = trainer.toward_examples(rows)
    predicted = [tone.classify_tone_toward(*example, model=toward).loc[0, "label"]
                 for example in examples]
    assert trainer.macro_f1(labels, predicted) == 1.0
    # A sentence the sample never saw, in the sample's own words.
    unseen = tone.classify_tone(["Prosecutors accused the firm of fraud and bribery."],
                                model=sentence)
    assert unseen.loc[0, "label"] == "negative"

    # The same data and seed give the same weights.
    again = trainer.fit([tone.sentence_features(t) for t in texts], labels=list(
        trainer.sentence_examples(rows)[1]), kind="sentence", C=10.0, min_count=1)
    assert again.weights == sentence.weights and again.intercept == sentence.intercept


def test_macro_f1_counts_every_class():
    trainer = _trainer()
    gold = ["negative", "neutral", "positive", "positive"]
    assert trainer.macro_f1(gold, gold) == 1.0
    # positive: P=1, R=0.5 -> 2/3; neutral: P=0.5, R=1 -> 2/3; negative: 1.
    assert trainer.macro_f1(gold, ["negative", "neutral", "positive", "neutral"]) == pytest.approx(
        (1 + 2 / 3 + 2 / 3) / 3)


def test_vader_scores_passed_in_give_the_same_result():
    scores = [vader.polarity_scores(text) for text in SENTENCES]
    assert tone.classify_tone(SENTENCES, vader=scores).equals(tone.classify_tone(SENTENCES))
    with pytest.raises(ValueError):
        tone.classify_tone(SENTENCES, vader=scores[:2])


def test_toward_features_from_one_tokenisation_equal_the_features_from_the_parts():
    """`SentenceTokens` (a sentence tokenised once for all its mentions) gives the very features,
    in the same order, as tokenising the text before and after each mention; a cut inside a token
    ("x'China"), a dotted capital I or a capital sigma takes the parts."""
    import random

    rng = random.Random(9)
    texts = ["Lee met Xi in Beijing, and China's envoy said \u201cno\u201d to the U.S. plan (again).",
             "He said x'China and 3,5:7 Korea \u0130stanbul talks", "\u03a3 talks with Seoul were not good",
             "Officials in Seoul didn't say; Pyongyang won't either.", "It's 10.5% of Japan's GDP, \u2018they\u2019 said."]
    for text in texts * 40:
        start = rng.randrange(0, len(text) - 1)
        end = rng.randrange(start + 1, len(text) + 1)
        shared = tone.SentenceTokens(text)
        fast = tone.toward_features(text, start, end, {"compound": 0.1, "pos": 0.2, "neg": 0.0}, shared)
        slow = tone.toward_features(text, start, end, {"compound": 0.1, "pos": 0.2, "neg": 0.0})
        assert list(fast.items()) == list(slow.items()), (text, start, end)
    assert tone.SentenceTokens("x'china said").around(2, 7) is None  # a token crosses the cut
    assert tone.SentenceTokens("\u0130 said").around(2, 6) is None


def _generated_texts(rng, count: int) -> list[str]:
    """Sentences with what the features turn on: negators (also inside a clause's reach and
    'n't'), punctuation that ends their scope, straight and curly quote marks, numbers,
    possessives, speech verbs, 'by' and prepositions before a name, VADER lexicon words,
    capitals (a dotted capital I and a capital sigma change the lower-cased length or need context)."""
    words = ["China", "China's", "Seoul", "the", "minister", "praised", "condemned", "good", "bad",
             "not", "never", "didn't", "won't", "no", "without", "said", "told", "by", "of", "for",
             "against", "great", "terrible", "peace", "war", "U.S.", "North", "Korea", "Park's",
             "3,5:7", "2024", "10.5%", "x'China", "rock'n'roll", "support", "hardly", "despite"]
    marks = [",", ".", ";", ":", "!", "?", "(", ")", '"', "\u201c", "\u201d", "\u2019s", "`"]
    rare = ["\u0130stanbul", "\u03a3eoul", "caf\u00e9", "\u2014"]
    texts = []
    for _ in range(count):
        pieces = []
        for _ in range(rng.randrange(1, 30)):
            roll = rng.random()
            pieces.append(rng.choice(marks) if roll < 0.2 else rng.choice(rare) if roll < 0.23
                          else rng.choice(words))
        texts.append("".join(piece + ("" if rng.random() < 0.15 else " ") for piece in pieces).strip() or "x")
    return texts


def test_fast_sentence_scores_equal_the_reference_exactly():
    """`score_sentences` (the per-article path) gives `score_sentence`'s very floats."""
    import random

    texts = _generated_texts(random.Random(11), 400) + SENTENCES
    scores = [vader.polarity_scores(text) for text in texts]
    assert tone.score_sentences(texts, scores) == [tone.score_sentence(t, s) for t, s in zip(texts, scores)]
    assert tone.score_sentences(texts[:20]) == [tone.score_sentence(t) for t in texts[:20]]
    tokens = [tone.SentenceTokens(text).tokens for text in texts[:50]]
    assert tone.score_sentences(texts[:50], scores[:50], tokens=tokens) == \
        [tone.score_sentence(t, s) for t, s in zip(texts[:50], scores[:50])]
    assert tone.score_sentences([]) == []


def test_fast_mention_scores_equal_the_reference_exactly():
    """`score_mentions` gives `score_toward`'s very floats for every kind of cut: on token edges,
    inside a token (a possessive, a number), across quote marks and negators, in text whose
    lower-casing changes its length."""
    import random

    rng = random.Random(12)
    mentions = []
    for text in _generated_texts(rng, 300):
        scores = vader.polarity_scores(text)
        edges = [0, len(text)] + [k for k, char in enumerate(text) if not char.isalnum()]
        for _ in range(4):
            if rng.random() < 0.5:  # mostly on word edges, as a gazetteer finds them
                start, end = sorted(rng.sample(edges, 2)) if len(set(edges)) > 1 else (0, len(text))
                start += start < end - 1 and not text[start].isalnum()
            else:
                start = rng.randrange(0, len(text))
                end = rng.randrange(start + 1, len(text) + 1)
            if start < end:
                mentions.append((text, start, end, scores if rng.random() < 0.9 else None))
    mentions += mentions[:7]  # a span met twice is scored once, and answered twice
    fast = tone.score_mentions(mentions)
    assert len(fast) == len(mentions) > 1000
    assert fast[-1] == fast[6] and fast[-1] is not fast[6]
    for mention, row in zip(mentions, fast):
        assert row == tone.score_toward(*mention), mention
    with pytest.raises(ValueError):
        tone.score_mentions([("Seoul said no.", 3, 30, None)])


def test_fast_path_adds_the_products_left_to_right():
    """The class scores are added in feature order, as `ToneModel.logits` adds them: with weights
    1e16, 1 and -1e16 the order decides whether the 1 survives (an exact sum would keep it)."""
    weights = {"w:big": (1e16, 0.0, 0.0), "w:one": (1.0, 0.0, 0.0), "w:minus": (-1e16, 0.0, 0.0)}
    model = tone.ToneModel("sentence", (0.0, 0.0, 0.0), weights, {})
    texts = ["big one minus", "one big minus", "big minus one", "big one one minus"]
    logits = [model.logits(tone.sentence_features(t, {"compound": 0.0, "pos": 0.0, "neg": 0.0}))[0]
              for t in texts]
    assert logits == [0.0, 0.0, 1.0, 2.0]  # 1e16 + 1 rounds to 1e16; 1e16 + 2 is exact
    zero = {"compound": 0.0, "pos": 0.0, "neg": 0.0}
    fast = tone.score_sentences(texts, [zero] * len(texts), model=model)
    reference = tone.classify_tone(texts, model=model, vader=[zero] * len(texts))
    assert [row["negative"] for row in fast] == list(reference["negative"])
    assert [row["label"] for row in fast] == list(reference["label"])
    assert fast[2]["negative"] != fast[0]["negative"]


def test_three_class_row_matches_the_general_softmax_and_its_ties():
    import random

    rng = random.Random(13)
    cases = [[0.0, 0.0, 0.0], [1.0, 1.0, 0.0], [0.0, 2.0, 2.0], [-0.0, 0.0, -0.0], [700.0, -700.0, 3.0]]
    cases += [[rng.uniform(-8, 8) for _ in range(3)] for _ in range(2000)]
    for logits in cases:
        assert tone._scores_row(logits) == tone._row(tone.softmax(logits)), logits


def test_sentence_tokens_offsets_are_the_token_pattern_matches():
    import random

    rng = random.Random(14)
    used = 0
    for text in _generated_texts(rng, 200) + ["", "...", " a "]:
        shared = tone.SentenceTokens(text)
        matches = list(tone._TOKEN.finditer(tone._fold(text)))
        assert shared.starts == [m.start() for m in matches]
        assert shared.ends == [m.end() for m in matches]
        assert shared.tokens == tone.tokenize(text)
        for _ in range(5):  # a piece of the sentence (a voice run) from the one tokenisation
            start = rng.randrange(0, len(text) + 1)
            piece = text[start:rng.randrange(start, len(text) + 1)]
            inner = shared.inner(piece)
            assert inner is None or inner == tone.tokenize(piece), (text, piece)
            used += inner is not None
    assert used > 80  # (111 of 1,015 random pieces have clean edges)


def test_fast_paths_equal_the_reference_for_a_model_lacking_fixed_features():
    """A model trained without some fixed features (a VADER score, a lexicon sum, a role flag,
    `position`) scores the same on the per-article path as `ToneModel.logits` of the features."""
    import random

    dropped = {"vader:neg", "lex:near_pos", "role:subject", "quote:sentence", "neg:left", "position",
               "prev:<start>", "next:<end>"}
    reduced = {}
    for name in (tone.SENTENCE_MODEL, tone.TOWARD_MODEL):
        model = tone._model(name)
        weights = {k: w for k, w in model.weights.items() if k not in dropped}
        assert len(weights) < len(model.weights)
        reduced[name] = tone.ToneModel(model.kind, model.intercept, weights, {})
    rng = random.Random(15)
    texts = _generated_texts(rng, 150)
    mentions = []
    for text in texts:
        start = rng.randrange(0, len(text))
        mentions.append((text, start, rng.randrange(start + 1, len(text) + 1), vader.polarity_scores(text)))
    fast = tone.score_mentions(mentions, model=reduced[tone.TOWARD_MODEL])
    for (text, start, end, scores), row in zip(mentions, fast):
        expected = tone.classify_tone_toward(text, start, end, model=reduced[tone.TOWARD_MODEL], vader=scores)
        assert row == expected.iloc[0].to_dict(), (text, start, end)
    fast = tone.score_sentences(texts, [m[3] for m in mentions], model=reduced[tone.SENTENCE_MODEL])
    expected = tone.classify_tone(texts, model=reduced[tone.SENTENCE_MODEL], vader=[m[3] for m in mentions])
    assert fast == expected.to_dict("records")


def test_sentence_tokens_sides_equal_the_tokens_of_the_parts_also_across_a_token():
    """`SentenceTokens.sides` (the tokens left and right of a cut, a crossed token tokenised
    again in its pieces) equals tokenising the text before and after the cut, for any cut."""
    import random

    rng = random.Random(16)
    crossed = 0
    texts = _generated_texts(rng, 300) + ["China's envoy", "x'China's", "the 3,5:7 talks", "rock'n'roll"]
    for text in texts:
        shared = tone.SentenceTokens(text)
        for _ in range(6):
            start = rng.randrange(0, len(text))
            end = rng.randrange(start + 1, len(text) + 1)
            sides = shared.sides(start, end)
            expected = (tone.tokenize(text[:start]), tone.tokenize(text[end:]))
            assert sides is None or sides == expected, (text, start, end)
            if sides is not None and shared.cut(start, end) is None:
                crossed += 1
            assert sides is not None or not shared.simple, (text, start, end)
    assert crossed > 500
    assert tone.SentenceTokens("China's envoy").sides(0, 5) == ([], ["s", "envoy"])
    assert tone.SentenceTokens("Xi's 10.5% rise").sides(7, 8) == (["xi's", "<num>"], ["<num>", "rise"])
