"""Score the news tone models against VADER on NewsMTSC; write `validation/results/tone.md`.

    .venv/bin/python validation/score_tone.py            # dev splits (tuning data)
    .venv/bin/python validation/score_tone.py --final    # test splits, ONCE, after tuning is frozen

Data: NewsMTSC (Hamborg and Donnay 2021; github.com/fhamborg/NewsMTSC, MIT), copied by
`tools/train_tone.py` into the git-ignored `validation/.data/newsmtsc/`. Splits: `rw` ("real
world": sentences sampled to resemble news as it is) and `mt` (sentences with two or more rated
targets), each with a dev and a test part. The models were fitted on NewsMTSC train only and tuned
on dev; `--final` scores test and records the weights it scored (sha256), and refuses to score the
same weights again (`--again` overrides, and the page then says so).

Measures (macro-F1: mean of the three classes' F1):
- toward a target: `analysis.metrics.tone.classify_tone_toward` per rated target, against VADER's compound
  of the whole sentence (positive >= 0.05, negative <= -0.05: VADER's own thresholds);
- sentence: `analysis.metrics.tone.classify_tone` on sentences whose rated targets all share one polarity
  (that polarity is the sentence's label; sentences with disagreeing targets are left out and
  counted), against the same VADER labels.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.metrics import tone, vader  # noqa: E402

RESULTS_JSON = ROOT / "validation" / "results" / "tone.json"
RESULTS_MD = ROOT / "validation" / "results" / "tone.md"


def _trainer():
    spec = importlib.util.spec_from_file_location("train_tone", ROOT / "tools" / "train_tone.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def vader_label(text: str) -> str:
    compound = vader.polarity_scores(text)["compound"]
    if compound >= 0.05:
        return "positive"
    if compound <= -0.05:
        return "negative"
    return "neutral"


def _accuracy(gold, predicted) -> float:
    return sum(g == p for g, p in zip(gold, predicted)) / len(gold)


def _cost(texts: list[str], repeats: int = 3) -> tuple[float, float, float]:
    """Best-of-`repeats` seconds for: VADER alone, classify_tone, classify_tone given VADER's scores."""
    best = [float("inf")] * 3
    analyzer = tone.analyzer()
    for _ in range(repeats):
        started = time.perf_counter()
        scores = [analyzer.polarity_scores(text) for text in texts]
        vader = time.perf_counter() - started
        started = time.perf_counter()
        tone.classify_tone(texts)
        whole = time.perf_counter() - started
        started = time.perf_counter()
        tone.classify_tone(texts, vader=scores)
        marginal = time.perf_counter() - started
        best = [min(old, new) for old, new in zip(best, (vader, whole, marginal))]
    return best[0], best[1], best[2]


def score_split(name: str, trainer) -> dict:
    rows = trainer.read_split(name)
    f1 = trainer.macro_f1
    examples, gold = trainer.toward_examples(rows)
    model = [tone.classify_tone_toward(*example).loc[0, "label"] for example in examples]
    vader = [vader_label(example[0]) for example in examples]
    texts, sentence_gold, mixed = trainer.sentence_examples(rows)
    sentence_model = list(tone.classify_tone(texts)["label"])
    sentence_vader = [vader_label(text) for text in texts]
    vader_seconds, tone_seconds, marginal_seconds = _cost(texts)
    labels = {label: gold.count(label) for label in tone.CLASSES}
    return {
        "toward": {"n_targets": len(gold), "n_sentences": len(rows), "gold": labels,
                   "model_macro_f1": round(f1(gold, model), 4),
                   "vader_macro_f1": round(f1(gold, vader), 4),
                   "model_accuracy": round(_accuracy(gold, model), 4),
                   "vader_accuracy": round(_accuracy(gold, vader), 4)},
        "sentence": {"n_sentences": len(texts), "left_out_mixed": mixed,
                     "model_macro_f1": round(f1(sentence_gold, sentence_model), 4),
                     "vader_macro_f1": round(f1(sentence_gold, sentence_vader), 4),
                     "model_accuracy": round(_accuracy(sentence_gold, sentence_model), 4),
                     "vader_accuracy": round(_accuracy(sentence_gold, sentence_vader), 4),
                     "model_ms_per_sentence": round(1000 * tone_seconds / len(texts), 3),
                     "model_ms_given_vader": round(1000 * marginal_seconds / len(texts), 3),
                     "vader_ms_per_sentence": round(1000 * vader_seconds / len(texts), 3)},
    }


def weights_digest() -> dict:
    return {name: hashlib.sha256((tone.data_dir() / name).read_bytes()).hexdigest()
            for name in (tone.SENTENCE_MODEL, tone.TOWARD_MODEL)}


def render(results: dict) -> str:
    lines = [
        "# News tone (`analysis.metrics.tone`) against VADER on NewsMTSC",
        "",
        "Written by `validation/score_tone.py`. Data: NewsMTSC (Hamborg and Donnay 2021, EACL;",
        "github.com/fhamborg/NewsMTSC, MIT licence; commit "
        f"`{results.get('data_commit', '?')[:12]}`), sentences from US news rated by crowd workers",
        "for the sentiment toward a named person. The models were fitted on its train split only",
        f"({results['train']['toward']:,} rated targets; {results['train']['sentence']:,} sentences "
        "whose targets agree) and tuned on dev (`rw` + `mt`).",
        "Macro-F1 is the mean F1 of negative, neutral and positive. VADER: compound of the whole",
        "sentence, positive >= 0.05, negative <= -0.05.",
        "",
        "- **toward**: `classify_tone_toward(sentence, start, end)` per rated target.",
        "- **sentence**: `classify_tone([sentence])` on sentences whose targets all share one",
        "  polarity (that is the sentence's label, derived: NewsMTSC rates targets, not sentences);",
        "  sentences with disagreeing targets are left out (counted).",
        "",
    ]
    for stage, title in (("dev", "Dev splits (used for tuning)"),
                         ("test", "Test splits (held out; scored once, after tuning was frozen)")):
        if stage not in results:
            continue
        block = results[stage]
        lines += [f"## {title}", ""]
        if stage == "test":
            lines += [f"Scored on {block['date']} with weights sha256 "
                      + ", ".join(f"`{n}` {h[:12]}" for n, h in block["weights"].items())
                      + f". Runs on these weights: {block['runs']}.", ""]
        lines += ["| split | measure | n | tone model macro-F1 | VADER macro-F1 | tone model acc. | VADER acc. |",
                  "|---|---|---|---|---|---|---|"]
        for split, scores in block["splits"].items():
            toward, sentence = scores["toward"], scores["sentence"]
            lines.append(f"| {split} | toward target | {toward['n_targets']} targets | "
                         f"**{toward['model_macro_f1']:.3f}** | {toward['vader_macro_f1']:.3f} | "
                         f"{toward['model_accuracy']:.3f} | {toward['vader_accuracy']:.3f} |")
            lines.append(f"| {split} | sentence | {sentence['n_sentences']} sentences "
                         f"({sentence['left_out_mixed']} mixed left out) | "
                         f"**{sentence['model_macro_f1']:.3f}** | {sentence['vader_macro_f1']:.3f} | "
                         f"{sentence['model_accuracy']:.3f} | {sentence['vader_accuracy']:.3f} |")
        lines.append("")
        lines += ["Gold labels (targets, negative / neutral / positive): " + "; ".join(
            f"{split} {s['toward']['gold']['negative']} / {s['toward']['gold']['neutral']} / "
            f"{s['toward']['gold']['positive']}" for split, s in block["splits"].items()) + ".", ""]
    lines += ["Cost per sentence (best of 3, this machine, shared with other jobs: indicative "
              "only): " + "; ".join(
                  f"{split}: VADER {s['sentence']['vader_ms_per_sentence']:.3f} ms, classify_tone "
                  f"{s['sentence']['model_ms_per_sentence']:.3f} ms (it runs VADER), classify_tone "
                  f"given VADER's scores {s['sentence']['model_ms_given_vader']:.3f} ms"
                          for split, s in results['dev']['splits'].items()) + ".", ""]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--final", action="store_true", help="score the test splits (once)")
    parser.add_argument("--again", action="store_true", help="allow a second test scoring")
    args = parser.parse_args(argv)
    trainer = _trainer()
    results = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else {}
    source = trainer.DATA_DIR / "SOURCE.json"
    if not source.exists():
        trainer.copy_newsmtsc()
    results["data_commit"] = json.loads(source.read_text())["commit"]
    results["train"] = {kind: tone.load_model(tone.data_dir() / name).provenance["n_train"]
                        for kind, name in (("toward", tone.TOWARD_MODEL),
                                           ("sentence", tone.SENTENCE_MODEL))}
    results["dev"] = {"splits": {name: score_split(name, trainer) for name in ("dev_rw", "dev_mt")}}
    if args.final:
        digest = weights_digest()
        previous = results.get("test", {})
        if previous.get("weights") == digest and not args.again:
            raise SystemExit("these weights were already scored on test: see validation/results/tone.md")
        runs = previous.get("runs", 0) + 1 if previous.get("weights") == digest else 1
        results["test"] = {"date": dt.date.today().isoformat(), "weights": digest, "runs": runs,
                           "splits": {name: score_split(name, trainer)
                                      for name in ("test_rw", "test_mt")}}
    RESULTS_JSON.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_JSON.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    RESULTS_MD.write_text(render(results), encoding="utf-8")
    print(render(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
