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
