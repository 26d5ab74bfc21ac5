"""Build `analysis/data/given_names.yaml`: given names that tell "he" from "she".

Source: the US Census Bureau's 1990 name files `dist.male.first` and `dist.female.first` (a US
government work, public domain; each line: NAME, percent of the sampled men or women, cumulative
percent, rank; the copy used came in the MIT-licensed PyPI package `names` 0.3.0,
`names/dist.male.first` and `names/dist.female.first`). A name is kept for one gender when it is at least `RATIO` times as frequent among
that gender's sample as among the other's and at least `MIN_PERCENT` percent frequent in it (rarer
names, many of them family names in other naming orders, such as "Lu" or "Min", are left out). Names
that the project list in `speech_verbs.yaml` (`given_names`) leaves out as unisex stay out too.

Usage: python tools/build_given_names.py DIST_MALE_FIRST DIST_FEMALE_FIRST
"""
from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "analysis" / "data" / "given_names.yaml"
RATIO = 9.0
MIN_PERCENT = 0.01
#: Unisex names the project list leaves out, and names that stand first as a family name.
LEFT_OUT = frozenset("jordan taylor leslie lee kim jean terry chris".split())


def read(path: Path) -> dict[str, float]:
    found = {}
    for line in path.read_text(encoding="ascii").splitlines():
        if line.strip():
            name, percent, _, _ = line.split()
            found[name.lower()] = float(percent)
    return found


def genders(male: dict[str, float], female: dict[str, float]) -> dict[str, list[str]]:
    kept: dict[str, list[str]] = {"male": [], "female": []}
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if name in LEFT_OUT or max(m, f) < MIN_PERCENT:
            continue
        if m >= RATIO * f:
            kept["male"].append(name)
        elif f >= RATIO * m:
            kept["female"].append(name)
    return kept


def wrap(names: list[str], indent: int) -> str:
    lines, line = [], ""
    for name in names:
        piece = name + ", "
        if len(line) + len(piece) > 96 - indent:
            lines.append(line.rstrip())
            line = ""
        line += piece
    lines.append(line.rstrip().rstrip(","))
    return ("\n" + " " * indent).join(lines)


def main(argv: list[str]) -> int:
    kept = genders(read(Path(argv[0])), read(Path(argv[1])))
    text = (
        "# Built by tools/build_given_names.py; do not edit by hand.\n"
        "source: >-\n"
        "  US Census Bureau, 1990 census name files dist.male.first and dist.female.first (public\n"
        "  domain; read from the copy in the PyPI package names 0.3.0). A name is listed\n"
        f"  for one gender when it is at least {RATIO:g} times as frequent\n"
        f"  among that gender and at least {MIN_PERCENT:g} percent frequent in it. Used only to tell whether\n"
        "  \"he\" or \"she\" can refer to a named person; the project list in speech_verbs.yaml\n"
        "  (given_names) comes first.\n"
        f"male: [{wrap(kept['male'], 7)}]\n"
        f"female: [{wrap(kept['female'], 9)}]\n")
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT}: {len(kept['male'])} male, {len(kept['female'])} female")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
