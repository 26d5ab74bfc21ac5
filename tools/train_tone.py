"""Train the news tone models (`analysis/data/tone_model.json`, `analysis/data/tone_toward_model.json`).

Data: NewsMTSC (Hamborg and Donnay 2021, EACL; github.com/fhamborg/NewsMTSC, MIT licence):
sentences from US news articles, each with one or more mentions of a person rated negative,
neutral or positive by crowd workers for the sentence's sentiment toward that person. The splits
are read from a local git copy of the repository (`--source`, the bare repository's HEAD) and
copied into the git-ignored `validation/.data/newsmtsc/` (never committed):

    train.jsonl    experiments/default/datasets/newsmtsc-rw/train.jsonl (same file as -mt/train)
    dev_rw.jsonl   newsmtsc-rw/dev.jsonl   ("real-world" sentences)
    dev_mt.jsonl   newsmtsc-mt/dev.jsonl   (sentences with two or more targets)
    test_rw.jsonl, test_mt.jsonl           held out: only `validation/score_tone.py` reads them, once.

Models are fitted on train only; the two dev splits choose the regularisation (C, class weights,
minimum feature count); test is never read here.

- Target-aware model: one example per rated target (`analysis.metrics.tone.toward_features`).
- Sentence model: NewsMTSC rates sentiment toward targets, not sentences, so a sentence's label is
  derived: the polarity all its targets share. A sentence whose targets disagree (say one
  negative, one positive) has no single tone and is left out (counted in the provenance).

Fit: scikit-learn's multinomial LogisticRegression (L2, lbfgs, fixed seed), weights rounded to 4
decimals and written as JSON with their provenance. Re-train with

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python tools/train_tone.py
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Iterable, Mapping, Sequence

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from any folder
    sys.path.insert(0, str(ROOT))

from analysis.metrics import tone  # noqa: E402

DEFAULT_SOURCE = Path("/work/.mirror/fhamborg+NewsMTSC/repo")
DATA_DIR = ROOT / "validation" / ".data" / "newsmtsc"
OUT_DIR = ROOT / "analysis" / "data"
SEED = 20260105
_BASE = "NewsSentiment/experiments/default/datasets"
SPLITS = {
    "train": f"{_BASE}/newsmtsc-rw/train.jsonl",
    "dev_rw": f"{_BASE}/newsmtsc-rw/dev.jsonl",
    "dev_mt": f"{_BASE}/newsmtsc-mt/dev.jsonl",
    "test_rw": f"{_BASE}/newsmtsc-rw/test.jsonl",
    "test_mt": f"{_BASE}/newsmtsc-mt/test.jsonl",
}
POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
#: Tuning grid (chosen on the dev splits).
GRID_C = (0.03, 0.1, 0.3)
GRID_CLASS_WEIGHT = (None, "balanced")
GRID_MIN_COUNT = (2, 3)


# --------------------------------------------------------------------------- data

def copy_newsmtsc(source: Path = DEFAULT_SOURCE, dest: Path = DATA_DIR) -> dict:
    """Copy the NewsMTSC splits from the git repository `source` into `dest`; return their origin."""
    dest.mkdir(parents=True, exist_ok=True)
    commit = subprocess.run(["git", "-C", str(source), "rev-parse", "HEAD"], check=True,
                            capture_output=True, text=True).stdout.strip()
    files = {}
    for name, path in SPLITS.items():
        blob = subprocess.run(["git", "-C", str(source), "show", f"{commit}:{path}"], check=True,
                              capture_output=True).stdout
        (dest / f"{name}.jsonl").write_bytes(blob)
        files[name] = {"path": path, "sha256": hashlib.sha256(blob).hexdigest()}
    origin = {"repository": "github.com/fhamborg/NewsMTSC", "commit": commit, "files": files}
    (dest / "SOURCE.json").write_text(json.dumps(origin, indent=1) + "\n", encoding="utf-8")
    return origin


def read_split(name: str, data_dir: Path = DATA_DIR) -> list[dict]:
    """Rows of one split (`train`, `dev_rw`, ...), copying the data first if it is not there yet."""
    path = data_dir / f"{name}.jsonl"
    if not path.exists() and data_dir == DATA_DIR:
        copy_newsmtsc()
    return read_jsonl(path)


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def toward_examples(rows: Iterable[Mapping]) -> tuple[list[tuple[str, int, int]], list[str]]:
    """One (sentence, start, end) example and its label per rated target."""
    examples, labels = [], []
    for row in rows:
        for target in row["targets"]:
            examples.append((row["sentence_normalized"], int(target["from"]), int(target["to"])))
            labels.append(POLARITY[float(target["polarity"])])
    return examples, labels


def sentence_examples(rows: Iterable[Mapping]) -> tuple[list[str], list[str], int]:
    """Sentences whose targets all share one polarity, that polarity, and how many were left out."""
    texts, labels, mixed = [], [], 0
    for row in rows:
        polarities = {POLARITY[float(target["polarity"])] for target in row["targets"]}
        if len(polarities) != 1:
            mixed += 1
            continue
        texts.append(row["sentence_normalized"])
        labels.append(polarities.pop())
    return texts, labels, mixed


# --------------------------------------------------------------------------- fit and score

def fit(features: Sequence[Mapping[str, float]], labels: Sequence[str], *, kind: str,
        C: float = 0.3, class_weight: str | None = None, min_count: int = 2, seed: int = SEED,
        provenance: Mapping | None = None) -> tone.ToneModel:
    """Fit a multinomial logistic regression on feature dicts; keep features seen in >= min_count
    examples. Returns the model in the form `analysis.metrics.tone` scores with (weights rounded to 4 dp)."""
    import numpy as np
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for row in features:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    vocabulary = sorted(name for name, count in counts.items() if count >= min_count)
    index = {name: i for i, name in enumerate(vocabulary)}
    indptr, indices, values = [0], [], []
    for row in features:
        for name, value in sorted(row.items()):
            column = index.get(name)
            if column is not None and value != 0:
                indices.append(column)
                values.append(value)
        indptr.append(len(indices))
    matrix = sparse.csr_matrix((np.asarray(values, dtype=float), indices, indptr),
                               shape=(len(features), len(vocabulary)))
    classifier = LogisticRegression(C=C, class_weight=class_weight, max_iter=3000,
                                    random_state=seed)
    classifier.fit(matrix, list(labels))
    order = [list(classifier.classes_).index(name) for name in tone.CLASSES]
    coef = classifier.coef_[order]
    intercept = tuple(round(float(b), 4) for b in classifier.intercept_[order])
    weights = {}
    for column, name in enumerate(vocabulary):
        row = tuple(round(float(w), 4) for w in coef[:, column])
        if any(row):
            weights[name] = row
    import sklearn

    info = {"features_kept": len(weights), "C": C, "class_weight": class_weight,
            "min_count": min_count, "seed": seed, "n_train": len(labels),
            "train_labels": {name: list(labels).count(name) for name in tone.CLASSES},
            "sklearn_version": sklearn.__version__, **(provenance or {})}
    return tone.ToneModel(kind, intercept, weights, info)


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Mean over the three classes of F1 (a class absent from both gold and predicted scores 0)."""
    scores = []
    for name in tone.CLASSES:
        tp = sum(g == name and p == name for g, p in zip(gold, predicted))
        fp = sum(g != name and p == name for g, p in zip(gold, predicted))
        fn = sum(g == name and p != name for g, p in zip(gold, predicted))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def predict(model: tone.ToneModel, features: Iterable[Mapping[str, float]]) -> list[str]:
    """Labels as `analysis.metrics.tone` computes them (the same sparse dot product and softmax)."""
    labels = []
    for row in features:
        labels.append(tone._row(tone.softmax(model.logits(row)))["label"])
    return labels


def tune(train_x, train_y, dev_sets: Mapping[str, tuple[list, list]], *, kind: str,
         log=print) -> tuple[dict, list[dict]]:
    """Grid search on the dev sets (mean macro-F1 over them); returns the best settings and all runs."""
    runs = []
    for min_count in GRID_MIN_COUNT:
        for class_weight in GRID_CLASS_WEIGHT:
            for C in GRID_C:
                model = fit(train_x, train_y, kind=kind, C=C, class_weight=class_weight,
                            min_count=min_count)
                scores = {name: round(macro_f1(gold, predict(model, x)), 4)
                          for name, (x, gold) in dev_sets.items()}
                run = {"C": C, "class_weight": class_weight, "min_count": min_count, **scores,
                       "mean": round(sum(scores.values()) / len(scores), 4)}
                log(f"  {kind}: {run}")
                runs.append(run)
    best = max(runs, key=lambda run: (run["mean"], -run["C"]))
    return best, runs


def write_model(model: tone.ToneModel, path: Path) -> None:
    path.write_text(json.dumps(model.to_dict(), ensure_ascii=False, sort_keys=False,
                               separators=(",", ":")) + "\n", encoding="utf-8")


def train_all(data_dir: Path = DATA_DIR, out_dir: Path = OUT_DIR, *, tune_on_dev: bool = True,
              settings: Mapping | None = None, log=print) -> dict[str, tone.ToneModel]:
    """Train both models from the splits in `data_dir` and write them to `out_dir`.

    With `tune_on_dev`, C / class weights come from the dev splits (`dev_rw`, `dev_mt`); otherwise
    from `settings` (or `fit`'s defaults), which is how the test re-trains on a small sample
    holding only `train.jsonl`.
    """
    origin_path = data_dir / "SOURCE.json"
    origin = json.loads(origin_path.read_text()) if origin_path.exists() else {}
    base = {"data": origin.get("repository", str(data_dir)),
            "data_commit": origin.get("commit"),
            "licence": "MIT (NewsMTSC)" if origin else None,
            "split": "train", "tuned_on": "dev_rw + dev_mt" if tune_on_dev else None,
            "trained": dt.date.today().isoformat(),
            "script": "tools/train_tone.py"}
    train_rows = read_split("train", data_dir)
    dev_rows = {name: read_split(name, data_dir) for name in ("dev_rw", "dev_mt")} if tune_on_dev else {}
    models = {}

    # Target-aware model.
    examples, labels = toward_examples(train_rows)
    x = [tone.toward_features(*example) for example in examples]
    chosen = dict(settings or {})
    info = dict(base, label="polarity toward the target (one example per rated target)")
    if tune_on_dev:
        dev = {}
        for name, rows in dev_rows.items():
            dev_examples, dev_labels = toward_examples(rows)
            dev[name] = ([tone.toward_features(*e) for e in dev_examples], dev_labels)
        best, runs = tune(x, labels, dev, kind="toward", log=log)
        chosen = {key: best[key] for key in ("C", "class_weight", "min_count")}
        info["dev_macro_f1"] = {name: best[name] for name in dev}
        info["grid"] = runs
    models["toward"] = fit(x, labels, kind="toward", provenance=info, **chosen)
    write_model(models["toward"], out_dir / tone.TOWARD_MODEL)
    log(f"wrote {out_dir / tone.TOWARD_MODEL} ({len(models['toward'].weights)} features)")

    # Sentence model.
    texts, labels, mixed = sentence_examples(train_rows)
    x = [tone.sentence_features(text) for text in texts]
    chosen = dict(settings or {})
    info = dict(base, label="the polarity shared by all rated targets of the sentence",
                sentences_left_out_mixed=mixed)
    if tune_on_dev:
        dev = {}
        for name, rows in dev_rows.items():
            dev_texts, dev_labels, _ = sentence_examples(rows)
            dev[name] = ([tone.sentence_features(t) for t in dev_texts], dev_labels)
        best, runs = tune(x, labels, dev, kind="sentence", log=log)
        chosen = {key: best[key] for key in ("C", "class_weight", "min_count")}
        info["dev_macro_f1"] = {name: best[name] for name in dev}
        info["grid"] = runs
    models["sentence"] = fit(x, labels, kind="sentence", provenance=info, **chosen)
    write_model(models["sentence"], out_dir / tone.SENTENCE_MODEL)
    log(f"wrote {out_dir / tone.SENTENCE_MODEL} ({len(models['sentence'].weights)} features)")
    return models


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                        help="git repository of NewsMTSC (bare or work tree)")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="folder for the weights files")
    args = parser.parse_args(argv)
    copy_newsmtsc(args.source, DATA_DIR)
    train_all(DATA_DIR, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
