"""The attribution word lists (`analysis/data/speech_verbs.yaml`): reporting verbs, speaker nouns, cues.

Swap them with `load_lexicon(path)` and the `lexicon=` argument of `extract_quotes`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from ..base import config, plain_yaml


@dataclass(frozen=True)
class Lexicon:
    """The attribution word lists (see speech_verbs.yaml); all lower case."""

    verb_forms: dict  # form -> lemma
    verb_options: dict  # lemma -> {"requires": str|None, "max_gap": int}
    base_forms: frozenset
    according_to: tuple
    possessive_frames: tuple  # ("in", "*", "view"): * is a possessive
    speaker_nouns: frozenset
    synonyms: dict  # head -> frozenset of equivalent heads
    quantifiers: frozenset
    label_nouns: frozenset
    mention_cues: tuple  # tuples of tokens
    modifier_max_words: int
    determiners: frozenset
    function_words: frozenset
    skip_words: frozenset
    personal: frozenset
    possessive: frozenset
    relative: frozenset
    office_heads: frozenset
    title_words: frozenset
    media_words: frozenset
    title_cues: frozenset = frozenset()
    title_nouns: frozenset = frozenset()
    given_names: dict = None  # lower-case given name -> 'm' | 'f'

    # Worked out once per lexicon, not once per quote (a frozen dataclass's cached_property
    # writes the instance's __dict__ directly).
    @cached_property
    def longest_gap(self) -> int | None:
        """The largest `max_gap` of any reporting verb (None: no verbs)."""
        return max((o["max_gap"] for o in self.verb_options.values()), default=None)

    @cached_property
    def longest_mention_cue(self) -> int:
        """Words in the longest mention cue (0: none)."""
        return max((len(cue) for cue in self.mention_cues), default=0)


def _inflections(lemma: str) -> set[str]:
    """Regular -s, -ed and -ing forms of an English verb lemma."""
    forms = {lemma}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma.endswith("e"):
        forms.update({lemma + "d", lemma[:-1] + "ing"})
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms.update({lemma[:-1] + "ied", lemma + "ing"})
    else:
        forms.update({lemma + "ed", lemma + "ing"})
    return forms


@lru_cache(maxsize=8)
def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The attribution lexicon from `path` (default: analysis/data/speech_verbs.yaml)."""
    data = plain_yaml.load_file(path or config.SPEECH_VERBS_FILE)
    forms: dict[str, str] = {}
    options: dict[str, dict] = {}
    for lemma, opts in sorted((data["reporting_verbs"]["verbs"] or {}).items()):
        opts = opts or {}
        for form in sorted(_inflections(lemma) | set(opts.get("forms") or [])):
            forms.setdefault(form, lemma)
        options[lemma] = {"requires": opts.get("requires"), "max_gap": int(opts.get("max_gap", 40))}
    synonyms: dict[str, frozenset] = {}
    for group in data["speaker_nouns"].get("synonyms") or []:
        for head in group:
            synonyms[head] = frozenset(group)
    def low(items) -> frozenset:
        bad = [i for i in items if not isinstance(i, str)]
        if bad:  # YAML 1.1 reads a bare on/no/yes as a boolean: quote such words in the file
            raise ValueError(f"non-string entries in the attribution lexicon: {bad!r}")
        return frozenset(i.lower() for i in items)
    return Lexicon(
        verb_forms=forms, verb_options=options, base_forms=frozenset(options),
        according_to=tuple(tuple(c.split()) for c in data["according_to"]["cues"]),
        possessive_frames=tuple(tuple(c.lower().split()) for c in data["according_to"].get("possessive_frames") or []),
        speaker_nouns=low(data["speaker_nouns"]["nouns"]), synonyms=synonyms,
        quantifiers=low(data["joint_subjects"]["quantifiers"]),
        label_nouns=low(data["label_nouns"]["nouns"]),
        mention_cues=tuple(tuple(c.lower().split()) for c in data["mention_cues"]["before"]),
        modifier_max_words=int(data["modifier"]["max_words"]),
        determiners=low(data["modifier"]["determiners"]),
        function_words=low(data["modifier"]["function_words"]),
        skip_words=low(data["skip_before_verb"]["words"]),
        personal=low(data["pronouns"]["personal"]), possessive=low(data["pronouns"]["possessive"]),
        relative=low(data["pronouns"]["relative"]), office_heads=low(data["pronouns"]["office_heads"]),
        title_words=low(data["title_words"]["words"]), media_words=low(data["media_name_words"]["words"]),
        given_names={**census_given_names(),
                     **{n: "m" for n in low((data.get("given_names") or {}).get("male") or [])},
                     **{n: "f" for n in low((data.get("given_names") or {}).get("female") or [])}},
        title_nouns=low((data.get("title_cues") or {}).get("after") or []),
        title_cues=low((data.get("title_cues") or {}).get("before") or []),
    )


@lru_cache(maxsize=1)
def census_given_names() -> dict[str, str]:
    """Lower-case given name -> "m" | "f" from `given_names.yaml` (1990 US census name files, see
    tools/build_given_names.py); the lexicon's own `given_names` lists come on top of these."""
    data = plain_yaml.load_file(config.GIVEN_NAMES_FILE)
    return {**{n.lower(): "m" for n in data["male"]}, **{n.lower(): "f" for n in data["female"]}}


@lru_cache(maxsize=1)
def rule_words() -> dict[str, tuple[str, ...]]:
    """The closed word lists of the attribution rules (`rule_words` in speech_verbs.yaml):
    "section.list" -> its lower-case words in file order. Read once; the rule modules keep what
    they use in module constants at import."""
    data = plain_yaml.load_file(config.SPEECH_VERBS_FILE)["rule_words"]
    found: dict[str, tuple[str, ...]] = {}
    for section, lists in data.items():
        for key, items in lists.items():
            if key == "source":
                continue
            bad = [i for i in items if not isinstance(i, str)]
            if bad:  # YAML 1.1 reads a bare on/no/yes as a boolean: quote such words in the file
                raise ValueError(f"non-string entries in rule_words.{section}.{key}: {bad!r}")
            found[f"{section}.{key}"] = tuple(i.lower() for i in items)
    return found


def word_set(key: str) -> frozenset:
    """One list of `rule_words()` as a set ("time_words.words")."""
    return frozenset(rule_words()[key])


def alternation(key: str) -> str:
    """One list of `rule_words()` as a regex alternation, in file order; an entry "told *" is
    "told" and one more word ("told reporters")."""
    return "|".join(re.escape(w[:-2]) + r"\s+\w+" if w.endswith(" *") else re.escape(w)
                    for w in rule_words()[key])
