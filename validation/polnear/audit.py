"""Audit of PolNeAR's pronoun gold: on a speaker "error", who is right, the extractor or CoreNLP?

Why. PolNeAR's annotators marked each attribution's source as a span of the text. When that span
is a pronoun ("he said"), the scorer (score.py) can only compare names through the CoreNLP
coreference chain that PolNeAR ships, an automatic parse nobody checked. On the dev split a
quarter of the matched quotes have a pronoun source, and their speaker figure (0.57) sits far
below that of quotes whose source the annotators wrote as a name (0.94). This script measures how
much of that gap is CoreNLP's, by hand, on a sample anybody can redraw.

Sample. Dev split only (the held-out split is never read). Speaker errors whose gold source is a
pronoun, in two strata: `named chain` (the chain holds a capitalised mention, so the scorer counts
the quote as resolvable) and `no named chain` (the scorer can never credit any answer). Within a
stratum, errors are ordered by sha1("<article id>:<quote start>") and the first N are taken: the
order is reproducible and blind to the text.

Verdicts. `audit-pronoun-gold.tsv` (next to this file) holds, per sampled quote, the article id,
the quote's body offsets, the extractor's speaker when judged and two raters' verdicts; no
article text. Both raters are AI model
sessions, not people: rater 1 is the session that wrote the extractor and read each excerpt with
the extractor's and the chain's answers labelled; rater 2 is a separate helper session (one per
batch: ranks 0-59 / 0-19, then 60-99 / 20-39) that saw
only the excerpt (about 900 characters before the quote, 250 after) and the candidate names in
random order, was not told which was the extractor's, and named the speaker itself. `extractor` is right when the extractor's
speaker is the person or body whose words the quote carries; `chain` likewise for the chain's
capitalised mentions (`no name` in the second stratum).

Usage:
  python validation/polnear/audit.py --draw named --n 60    print the sample's excerpts for a rater
  python validation/polnear/audit.py                        check the verdicts against the current
      errors and write validation/results/audit-pronoun-gold.md
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import score as S  # noqa: E402  (the harness's own scorer, next to this file)

VERDICTS = HERE / "audit-pronoun-gold.tsv"
REPORT = S.RESULTS / "audit-pronoun-gold.md"
STRATA = {"named": "named chain", "unnamed": "no named chain"}
Z95 = 1.959964


def stratum_of(row: dict) -> str | None:
    """The audit stratum of a scored gold row, or None when it is not a pronoun-source speaker error."""
    if not row["found"] or row["speaker_ok"] or row["speaker_kind"] != "pronoun":
        return None
    return STRATA["named"] if row["resolvable"] else STRATA["unnamed"]


def sample_order(rows: list[dict]) -> list[dict]:
    """Rows in the audit's order: by sha1 of "<article>:<start>" (reproducible, blind to the text)."""
    return sorted(rows, key=lambda r: hashlib.sha1(f"{r['article']}:{r['start']}".encode()).hexdigest())


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion k/n."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def read_verdicts(path: Path = VERDICTS) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for i, r in enumerate(rows, start=2):
        for col in ("extractor_rater1", "extractor_rater2"):
            if r.get(col) not in ("right", "wrong", "unclear"):
                raise SystemExit(f"{path.name}, line {i}: {col} must be right, wrong or unclear, not {r.get(col)!r}")
        if r["stratum"] not in STRATA.values():
            raise SystemExit(f"{path.name}, line {i}: unknown stratum {r['stratum']!r}")
    return rows


def draw(stratum: str, n: int) -> int:
    gold, bodies, gold_rows, _ = S.run_split("dev")
    rows = sample_order([r for r in gold_rows if stratum_of(r) == STRATA[stratum]])
    for rank, r in enumerate(rows[:n]):
        q = next(q for q in gold[r["article"]]["quotes"] if q["start"] == r["start"])
        body = bodies[r["article"]]
        print(f"#{rank} {r['article']}\t{r['start']}\t{r['end']}\nchain: {q['speaker_mentions']}\n"
              f"extractor: {r['pred_speaker']!r} [{r['rule']}]")
        print(body[max(0, r["start"] - 900):r["start"]] + "[[" + body[r["start"]:r["end"]] + "]]"
              + body[r["end"]:r["end"] + 250])
        print("\n-----")
    print(f"{len(rows)} errors in stratum {STRATA[stratum]!r}; first {min(n, len(rows))} shown")
    return 0


def summary(verdicts: list[dict], gold_rows: list[dict]) -> list[str]:
    errors = {(r["article"], r["start"]): (stratum_of(r), r.get("pred_speaker") or "")
              for r in gold_rows if stratum_of(r)}
    found = [r for r in gold_rows if r["found"]]
    ok = sum(r["speaker_ok"] for r in found)
    lines = ["# Audit of PolNeAR's pronoun gold (dev split)", "",
             "Written by `validation/polnear/audit.py` from `validation/polnear/audit-pronoun-gold.tsv`",
             "(definitions in the script's docstring). The question: when the scorer counts a quote whose",
             "PolNeAR source is a pronoun as a speaker error, is the extractor wrong, or CoreNLP's",
             "coreference chain, through which the scorer reads the pronoun?", "",
             f"Dev split now: {len(found):,} matched quotes, {ok:,} with the speaker counted right "
             f"({ok / len(found):.3f}).", "",
             "| stratum | errors now | audited (unchanged errors) | extractor right, rater 1 | rater 2 | both raters | "
             "chain right, rater 1 / 2 | raters agree on the extractor |",
             "|---|---|---|---|---|---|---|---|"]
    low = high = point = 0.0
    for name in STRATA.values():
        population = sum(1 for s, _ in errors.values() if s == name)
        rows = [v for v in verdicts if v["stratum"] == name]
        live = [v for v in rows if errors.get((v["article"], int(v["start"]))) == (name, v["extractor_speaker"])]
        n = len(live)
        r1 = sum(v["extractor_rater1"] == "right" for v in live)
        r2 = sum(v["extractor_rater2"] == "right" for v in live)
        both = sum(v["extractor_rater1"] == v["extractor_rater2"] == "right" for v in live)
        agree = sum(v["extractor_rater1"] == v["extractor_rater2"] for v in live)
        chain = sum(v["chain_rater1"] == "right" for v in live)
        chain2 = sum(v["chain_rater2"] == "right" for v in live)
        lo, hi = wilson(both, n)
        point += population * (both / n if n else 0)
        low += population * lo
        high += population * hi
        lines.append(f"| {name} | {population:,} | {n} of {len(rows)} | {r1} ({r1 / n:.2f}) | {r2} ({r2 / n:.2f}) | "
                     f"{both} ({both / n:.2f}; 95% {lo:.2f}-{hi:.2f}) | {chain} / {chain2} | {agree} of {n} |" if n else
                     f"| {name} | {population:,} | 0 of {len(rows)} | | | | | |")
    lines += ["", "If the share both raters found right holds for every error of its stratum, the dev speaker",
              f"accuracy the extractor reaches is about {(ok + point) / len(found):.3f} "
              f"({(ok + low) / len(found):.3f} to {(ok + high) / len(found):.3f} at the ends of the strata's 95% "
              f"intervals), against the scorer's {ok / len(found):.3f}.",
              "This is an estimate from a sample, by two AI raters (rater 1 wrote the extractor; rater 2 saw",
              "the candidate names in random order, not knowing which was the extractor's); it does not",
              "replace the committed scorer's figure, and people outside the project should check it.",
              "An audited quote drops out of the table when the current code no longer gets it wrong or",
              "gives it another speaker than the one judged (`unchanged errors`): judge it again.", ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Audit PolNeAR's pronoun gold on the dev split")
    ap.add_argument("--draw", choices=sorted(STRATA), help="print the excerpts of this stratum's sample")
    ap.add_argument("--n", type=int, default=60)
    args = ap.parse_args(argv)
    if args.draw:
        return draw(args.draw, args.n)
    verdicts = read_verdicts()
    _, _, gold_rows, _ = S.run_split("dev")
    lines = summary(verdicts, gold_rows)
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
