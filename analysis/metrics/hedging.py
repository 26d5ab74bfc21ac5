"""Hedges, boosters and distancing by attribution, with evidence, per voice.

The lexicon (`analysis/data/hedges.yaml`, swap it with `load_lexicon(path)` or a `lexicon=`
argument) follows Hyland's (2005) three kinds, with the categories the outside annotation schemes
(Szeged Uncertainty Corpus, CoNLL-2010) need kept apart:

- kind `hedge`: `uncertainty` (epistemic uncertainty: may/might/could/should, appear/seem/suggest,
  the speaker's own "I think", probably/perhaps/likely, possibility nouns), `approximation`
  (about, nearly, roughly, largely, mainly, generally, in part) and `conditional` (hypothetical
  "would"). `hedge_rate` (narrator, per 1,000 narrator words) sums these three.
- kind `booster`: `booster` (clearly, in fact, must have been).
- kind `attribution` (distancing): `hearsay` (reportedly, allegedly, is said / believed /
  expected to), `vague_source` ("analysts said", "some argue", "it has been argued that"),
  `vague_belief` ("some believe", "analysts expect", "considered by many") and `attribution`
  (according to, claimed, anonymity). A named speaker with "said" is ordinary attribution
  (analysis.quotes) and is not counted. `attribution_rate` sums these four.
- two kinds outside Hyland's, which enter none of his rates: `reported` (`reported_belief`: a third
  party's belief, expectation or judgement -- "he thinks", "economists expect", "is considered
  the best", "regarded as", "accused of"; `investigation`: "whether") and `vague`
  (`vague_quantifier`: "many critics", "some cultures", "many of the songs", "widely used",
  "well-known").

`uncertainty_count` counts, in every voice, the cues of the categories marked `uncertainty: true`
(uncertainty, hearsay, vague_belief, investigation, reported_belief): epistemic uncertainty in the
Szeged / CoNLL-2010 sense, so conditionals and approximators are left out. `weasel_count` counts
the cues of the categories marked `weasel: true` (uncertainty, hearsay, vague_source,
vague_belief, vague_quantifier) except the items marked `weasel: false`, the CoNLL-2010
Wikipedia weasel sense: a claim left unattributed or vague -- vague sources, believers and
quantifiers, agentless hearsay ("is said to", "is considered", "it is generally agreed that"),
classes of judges ("praised by critics", "historians argue"), legend and common opinion
("according to legend", "the common belief that"), unmeasured rankings and intensified fame
("one of the most", "one of Norway's finest", "hugely popular": Wikipedia's peacock terms, which
the CoNLL-2010 annotators marked as weasels), the writer's own epistemic adverbs, adjectives and
evidential verbs ("probably", "unclear", "seems", "may have been").
The bare modal verbs (may, might, could, should) and possible / potential (mostly root or
dynamic possibility: "severe cases may require surgery"), belief verbs with a holder ("I think",
"Smith believes"), a passive belief whose agent is named ("regarded as a ruin by the council"),
the comparative "more / less likely", appear / indicate and "whether" are uncertainty but not
weasels (`Lexicon.counts_weasel`). A term may move to another category when one named guard rejects it
(`reclassify`): "I think" is the speaker's hedge, "they think" a reported_belief (rule
`moved:first_person_belief`).

Matching: every term and form is compiled once per lexicon file into one case-insensitive literal
regex (a character trie, longest match first) plus one regex of the few pattern items; the
document's normalised text is scanned once (about 1.5 ms for a 900-word article). Overlaps keep
the earlier, then the longer match ("no doubt" is a booster, not the hedge "doubt"). Only non-heading sentences are scanned, like the word counts.

False readings: a term may carry named guards; a match counts only if every guard keeps it, and
the evidence column `rule` says which decided: `lexicon` (no guard), `ok:<guard>` (kept) or
`reject:<guard>` (rejected; such rows appear with `include_rejected=True`). The guards:

- may_month: a capital "May" is the month or a name ("in May", "May's figures", "Theresa May");
  at the start of a sentence the modal is a wish or a request ("May I ask"), never the epistemic
  hedge. A lower-case "may" with a day number or year after it is a date ("may 5").
- might_noun: "might" is a noun after a determiner, possessive or adjective ("military might",
  "China's might") or before "of".
- could_ability: negated "could" ("could not", "couldn't", "could never/hardly/barely") states
  (past) inability, "as ... as X could" states ability, and "could hear/smell/taste" (and
  "see/feel" after a personal pronoun: "he could see smoke") reports perception; none hedges.
  Positive "could" is counted, also after a reporting verb ("Lee said ties could improve") and
  in "exporters could see orders fall".
- would_volition: "would like/love/rather/prefer/hate" is volition.
- would_reported: "would" after a PAST reporting or cognition verb in the same clause ("Lee said
  Seoul would ...", "expressed hope that the visit would ...") is the reported speaker's
  backshifted "will" (future in the past), not the narrator's hedge. After a present verb
  ("minutes suggest that a pause would ...") it is the conditional and counts; a verb followed
  by a preposition ("argued for holding rates") takes no clause and is skipped. The clause runs
  back to ";", ":", " - " or "but" (not "but that", which continues the reported speech); inside
  a direct quote the search stops at the quote's start.
- would_habit: "would" of past habit ("the river would flood every few winters", "would often",
  "when I was a girl ... would") is not a hedge.
- must_epistemic: "must" is a booster only as "must have been / must have + participle"
  (participles recognised by their endings: -ed, -en, -wn, -ught, ...);
  otherwise it is deontic ("must be balanced against") and rejected.
- will_noun: "will" is a noun after a determiner or adjective ("political will", "the will of")
  or before "of"/"to". (Predictive "will" is off by default: category certainty_modal.)
- speech_act_subject: suggest/indicate with a person as subject (pronoun, capitalised name, a
  gazetteer actor, or a person word such as "spokesperson") is a speech act, i.e. a reporting verb
  ("Xi suggested the issue should be handled ..."); with a non-person subject ("the data suggest",
  ", suggesting that") it hedges.
- verb_not_noun: doubt/suspect/estimate after a determiner or possessive are nouns.
- assume_take_on: "assume office / power / the presidency" is to take on, not to suppose.
- possible_idiom: "as soon as possible", "every/best/earliest possible" are not hedges.
- about_topic, around_spatial, some_quantity: about/around/close to/some are approximators only
  before a quantity (a digit, a currency sign, or a number word such as "half", "twice"), and
  "about" not after a topic word ("talk about 1.5 million homes", "questions about 300 jobs").
- appear_epistemic: "appear" hedges ("appear to", "appears weak", "it appears that"), except
  when it means to show up ("appeared at a rally", "appear in court") or how a thing looks with
  no proposition ("stronger than it appears.").
- first_person_belief: believe/think/suspect/suppose/assume/presume/doubt/speculate/guess hedge
  only with "I" or "we" as subject ("I think", "we still believe"): "they think", "markets
  assume" report a third party's belief; a vague believer ("analysts think", "officials doubt")
  is the attribution category; "think tank" is a noun.
- likely_measured: "12 percent less likely", "twice as likely" report a measured risk.
- negated_certainty: "not clear / far from certain / not sure / isn't clear" hedge (like
  "unclear"), but not after an auxiliary ("did not clear the debris").
- claim_proposition: "claimed (that)" distances; "claimed responsibility / victory / the lives"
  and the noun ("assess claims") do not; "claim(s)" counts only before "that" or "to".
- may_permission: "may" of permission to a role ("Guests may bring food", "members may not
  vote": the role noun as subject, not after a preposition), of purpose ("so that we may") and of
  naming or buying ("may also be called", "tickets may be purchased") is not epistemic.
- should_epistemic: "should" counts only as an expectation: before an event verb ("should close",
  "should rise") or "be" + a state ("should be available"); never sentence-initial (the
  conditional "Should talks fail"), nor with I/we/you (advice, duty).
- would_refusal: negated "would" + a verb of telling or agreeing ("wouldn't identify", "would not
  comment") is a refusal, except with I/we ("I wouldn't say").
- would_future_in_past: "would" with later/eventually/go on to/never again/until 1998 in its
  clause is a narrative's future in the past, unless the sentence holds a condition (if,
  unless, without).
- think_tank, belief_subject: "think tank" is a noun; a belief verb with no subject ("Think about
  it.") is an imperative.
- thought_clause: "thought" is the verb before that/to/a pronoun or after a subject or "is"
  ("Some thought the game was", "It is thought the"), not the noun ("Buddhist thought").
- consider_belief: "is (often) considered X", "considered by many", "consider him a hero",
  "what they consider" hold a view; "the board considered the bill", "considered for the role",
  "considered it carefully" deliberate.
- regard_as: "regard(ed) ... as" within six words; "with regard to" is not a cue.
- expect_belief: "expected to", "expects" hold a belief about the future; "as expected", "than
  expected" report an outcome; "expecting" counts only before "to" or "that".
- accused_person, supposed_adjective: "the accused" is a person; "supposed to" is deontic.
- apparent_attributive: "the apparent victim" hedges; "became apparent" (evident) and "heir
  apparent" do not.
- potential_possibility: "a potential deal", "the potential to" hedge; "potential energy" and
  other technical compounds do not.
- whether_open: "asked whether" leaves a question open; "regardless of whether", "depending on
  whether", "no matter whether" do not.
- vague_quantifier: some/many quantify a vague group before a content word, before
  other(s) or a verb ("Some have argued", "many who knew him": the pronoun), and "many" before
  "of" ("many of the songs"); not before a number ("some 200": the approximator), another
  function word ("some of"), "time(s)" or a noun of kind, manner or degree ("some kind of", "for
  some reason", "in some detail"), nor in "how many" or the comparison "as many (X) as". "several" and "certain" count or pick out a set
  ("several buildings were damaged") and are not listed.
- agent_unnamed: an agentless passive of belief or report ("is regarded as", "was alleged to",
  "was alleged") is a weasel; with its agent named in the clause ("regarded as illegitimate by
  the orthodoxy", "was alleged by a publisher") the cue moves to reported_belief (still
  uncertainty, no weasel). "by many / critics" keeps the weasel; "by the end", "by 1990" name
  no agent.
- widely_extent: "widely used / popular" claims extent for an unnamed majority; "widely
  spaced", "varied widely between" is spread. well_known_fame: "a well-known author", not "as
  well known as".
- possible_idiom also rejects dynamic possibility ("it is possible to book", "made it possible
  for"); could_ability also rejects "could" in purpose and time clauses ("so travellers could
  clear customs", "before he could answer").

Guards read at most WINDOW (400) characters either side of a match, so a run-on sentence costs
time linear in its length (a 20,000-"would" sentence took minutes when each guard read the whole
sentence).

Rates are per 1,000 words of the voice (analysis.quotes.voice): narrator words for `hedge_rate`,
`booster_rate`, `attribution_rate` and `hedge_rate_<category>`, quoted words for the `_quoted`
columns, all words for `_all`. A rate with no words of its voice is NaN.
`uncertainty_count` and `weasel_count` are counts over every voice (the outside schemes annotate
sentences, not voices).

Limits: no parser, so subjects and clauses are found with word-level heuristics; "would" after an
unrelated earlier reporting verb in the same clause is rejected too; a named outlet's "reported"
is not counted as distancing; "signal(s)" and "risks" are not hedges here; the voice of a match
is the voice of its first character, and the voice split is only as good as analysis.quotes.

Validation, by hand-annotated gold (tests/test_hedging.py prints the figures):
- tests/gold/hedges.yaml, two bundled articles: precision and recall 1.00 for hedges (8 cues),
  boosters (1) and attribution (3); every annotated look-alike rejected. Rules written while
  reading these articles.
- tests/gold/heldout_hedges.yaml, ten articles in other house styles, annotated before the
  detector ran: first run hedge P 0.86 / R 0.94 (97 cues), booster P 0.90 / R 0.95 (20),
  attribution P 1.00 / R 0.67 (39), 12 of 65 look-alikes counted. The errors were read and the
  rules above generalised (capital May, perception could, habit and present-tense would,
  appear-as-showing-up, third-party belief, negated certainty, anonymity, claimed, vague groups);
  after that every kind scores 1.00 there, so it is now a development set, not a measurement.
- tests/gold/blind_hedges.yaml, eight articles written and annotated by someone who had not
  seen these rules, scored once after the revision: see README ("Validation") for the figures.
- Outside gold (validation/hedging/, figures in validation/results/hedging.md): the Szeged
  Uncertainty Corpus Wikipedia part and the CoNLL-2010 Wikipedia weasel sample, each split by
  document into a development part (rules read and tuned there) and a held-out third scored
  before and after the changes, never read.
"""
from __future__ import annotations

import math
import re
import sys
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Mapping


from ..base.lazy import pandas as pd
from ..actors import gazetteer_for
from ..base import config, plain_yaml
from ..quotes.voice import NARRATOR, QUOTED, quoted_spans, voice_at, words_by_voice
from ..text import WORD_PATTERN, Doc, Sentence, trie_pattern

#: Hyland's three kinds, then two for the outside schemes that enter no Hyland rate: `reported`
#: (a third party's belief, an open question: Szeged doxastic and investigation cues) and `vague`
#: (CoNLL-2010 weasel quantifiers).
KINDS = ("hedge", "booster", "attribution", "reported", "vague")
HYLAND_KINDS = KINDS[:3]
ALL = "all"
EVIDENCE_COLUMNS = [
    "article_id", "sentence", "start", "end", "nstart", "nend", "text", "term", "category", "kind",
    "voice", "rule", "counted",
]


# ---------------------------------------------------------------- lexicon
@dataclass(frozen=True)
class Entry:
    """One lexicon item: the label reported as `term`, its category and kind, and its guards."""

    term: str
    category: str
    kind: str
    guards: tuple[str, ...] = ()
    added: str | None = None
    #: (guard, category) pairs: when that guard rejects, the cue counts in that category instead.
    reclassify: tuple[tuple[str, str], ...] = ()
    #: True / False overrides its category's `weasel` flag for this item; None keeps it.
    weasel: bool | None = None


@dataclass(frozen=True)
class Category:
    id: str
    kind: str
    description: str
    sources: tuple[str, ...]
    enabled: bool
    #: True when its cues count in `uncertainty_count` (Szeged / CoNLL-2010 epistemic uncertainty).
    uncertainty: bool = False
    #: True when its cues count in `weasel_count` (CoNLL-2010 Wikipedia weasel words).
    weasel: bool = False


@dataclass
class Lexicon:
    """A compiled lexicon: one literal regex, one pattern regex, and the data the guards use."""

    path: str
    categories: tuple[Category, ...]
    sources: dict[str, str]
    literal_regex: re.Pattern
    literal_entries: dict[str, Entry]
    pattern_regex: re.Pattern | None
    pattern_entries: dict[str, Entry]
    rules: dict[str, frozenset[str] | tuple[str, ...]]
    #: Pattern items with `anchors`: (regex, entry), scanned only in sentences holding an anchor.
    anchored: tuple = ()
    anchor_regex: re.Pattern | None = None
    anchor_items: dict = None  # type: ignore[assignment]  # anchor word -> indices into anchored
    #: (category, term) -> an item's own `weasel` flag, for the items that set one.
    weasel_flags: dict = None  # type: ignore[assignment]

    @property
    def uncertainty_categories(self) -> list[str]:
        """Ids of the enabled categories whose cues make `uncertainty_count`, in file order."""
        return [c.id for c in self.categories if c.uncertainty and c.enabled]

    @property
    def weasel_categories(self) -> list[str]:
        """Ids of the enabled categories whose cues make `weasel_count` (unless the item says
        `weasel: false`), in file order."""
        return [c.id for c in self.categories if c.weasel and c.enabled]

    def counts_weasel(self, category: str, term: str) -> bool:
        """Whether a counted cue of `term` in `category` enters `weasel_count`: the item's own
        `weasel` flag when it has one (and was not moved to another category), else its
        category's flag."""
        flags = self.weasel_flags or {}
        if (category, term) in flags:
            return flags[(category, term)]
        return category in self.weasel_categories

    def kind_of(self, category: str) -> str:
        """The kind (hedge, booster, attribution) of a category id."""
        return next(c.kind for c in self.categories if c.id == category)

    @property
    def hedge_categories(self) -> list[str]:
        """Ids of the enabled hedge categories, in file order."""
        return [c.id for c in self.categories if c.kind == "hedge" and c.enabled]

    def entries(self) -> list[Entry]:
        """Every enabled entry (literal and pattern), deduplicated, in a stable order."""
        seen: dict[tuple[str, str], Entry] = {}
        for entry in list(self.literal_entries.values()) + list(self.pattern_entries.values()):
            seen.setdefault((entry.category, entry.term), entry)
        return sorted(seen.values(), key=lambda e: (e.category, e.term))


def inflect(lemma: str) -> list[str]:
    """Base, -s, -ed and -ing forms of a regular verb (first word of a phrase): "tend to" ->
    "tends to", "tended to", "tending to"."""
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    vowels = "aeiou"
    if head.endswith("y") and len(head) > 1 and head[-2] not in vowels:
        third, past, ing = head[:-1] + "ies", head[:-1] + "ied", head + "ing"
    elif head.endswith("e") and not head.endswith("ee"):
        third, past, ing = head + "s", head + "d", head[:-1] + "ing"
    elif head.endswith(("s", "sh", "ch", "x", "z", "o")):
        third, past, ing = head + "es", head + "ed", head + "ing"
    else:
        third, past, ing = head + "s", head + "ed", head + "ing"
    return [form + tail for form in (head, third, past, ing)]


def _key(surface: str) -> str:
    return " ".join(surface.lower().split())


def _words_set(values: Iterable[str]) -> frozenset[str]:
    values = list(values)
    odd = [v for v in values if not isinstance(v, str)]
    if odd:  # YAML reads a bare on / no / yes as a boolean: quote such words
        raise ValueError(f"rule lists hold words only; quote {odd!r} in the YAML file")
    return frozenset(v.lower() for v in values)


# Whole words: no letter/digit/hyphen-joined word on either side ("would-be" is not "would").
_LEFT, _RIGHT = r"(?<![\w-])", r"(?![\w]|-\w)"


def _has_top_level_bar(pattern: str) -> bool:
    """Whether a regex has an alternation `|` outside every group and character class."""
    depth, i, n = 0, 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            i += 1
        elif char == "[":
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1  # a "]" first in a class is a literal
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
        i += 1
    return False


def _left_bounded(pattern: str) -> str:
    """`pattern` with the whole-word check before it (_LEFT).

    When the pattern opens with plain lower-case letters ("possible\\s+that"), the check moves
    after them as `(?<![\\w-]possible)`, which holds at the same places (the letters just matched
    themselves), so `re` can search for the literal letters at C speed instead of trying the
    lookbehind at every position of the text (thirty times faster for such a pattern).
    """
    head = re.match(r"[a-z]*", pattern).group()
    if head and pattern[len(head):len(head) + 1] in ("?", "*", "+", "{"):
        head = head[:-1]  # a quantifier binds the last letter
    if not head or _has_top_level_bar(pattern):
        return f"{_LEFT}(?:{pattern})"
    return f"{head}(?<![\\w-]{head})(?:{pattern[len(head):]})"


@lru_cache(maxsize=16)
def _compile(path: str) -> Lexicon:
    """The lexicon file at `path`, compiled: its categories, its items checked and indexed (one
    literal regex of every form, one regex of the pattern items, the anchored pattern items), the
    guards' word lists (`rules`) and the items' own weasel flags. A malformed file raises
    ValueError naming it."""
    data = _read_lexicon(path)
    items = _LexiconItems(path, {k: str(v) for k, v in (data.get("macros") or {}).items()})
    categories: list[Category] = []
    for cat in data["categories"]:
        category = _category(path, cat)
        categories.append(category)
        if category.enabled:
            for item in cat.get("items") or []:
                items.add(item, cat, category)
    entries = items.entries()
    _check_reclassify_targets(path, entries, categories)
    literal_regex, pattern_regex = items.literal_regex(), items.pattern_regex()
    rules = _rules(data.get("rules") or {})
    anchor_items, anchor_regex = _anchor_index(items.anchored)
    return Lexicon(str(path), tuple(categories), dict(data.get("sources") or {}), literal_regex,
                   items.literal_entries, pattern_regex, items.pattern_entries, rules,
                   tuple(items.anchored), anchor_regex, anchor_items, _weasel_flags(entries))


def _read_lexicon(path: str) -> dict:
    """The parsed lexicon file: a mapping with `categories` (else ValueError)."""
    data = plain_yaml.load_file(path) or {}
    if not isinstance(data, dict) or "categories" not in data:
        raise ValueError(f"{path}: a hedge lexicon must be a mapping with 'categories'")
    return data


def _expand_macros(pattern: str, macros: Mapping[str, str]) -> str:
    """`pattern` with each `{name}` replaced by its macro's text (three rounds: macros may use
    macros)."""
    for _ in range(3):
        for name, value in macros.items():
            pattern = pattern.replace("{" + name + "}", value)
    return pattern


def _category(path: str, cat: Mapping) -> Category:
    """One category of the file (its items aside); an unknown kind is a ValueError."""
    kind = cat.get("kind")
    if kind not in KINDS:
        raise ValueError(
            f"{path}: category {cat.get('id')!r} has kind {kind!r}, not one of {KINDS}")
    return Category(cat["id"], kind, str(cat.get("description", "")),
                    tuple(cat.get("sources") or ()), bool(cat.get("enabled", True)),
                    bool(cat.get("uncertainty", False)), bool(cat.get("weasel", False)))


def _entry(path: str, spec: Mapping, category: Category) -> Entry:
    """The entry of one item of `category` (`spec`: the item as a mapping), checked: its
    `weasel` flag is a boolean, its guards exist, and it reclassifies only on its own guards."""
    reclassify = tuple(sorted((str(g), str(c)) for g, c in (spec.get("reclassify") or {}).items()))
    weasel = spec.get("weasel")
    if weasel is not None and not isinstance(weasel, bool):
        raise ValueError(f"{path}: term {spec['term']!r} has weasel {weasel!r}, not true/false")
    entry = Entry(str(spec["term"]), category.id, category.kind, tuple(spec.get("guards") or ()),
                  spec.get("added"), reclassify, weasel)
    unknown = [g for g in entry.guards if g not in GUARDS]
    if unknown:
        raise ValueError(f"{path}: term {entry.term!r} names unknown guard(s) {unknown}")
    stray = [g for g, _ in reclassify if g not in entry.guards]
    if stray:
        raise ValueError(f"{path}: term {entry.term!r} reclassifies on guard(s) {stray} "
                         "it does not name in `guards`")
    return entry


def _forms(spec: Mapping, cat: Mapping, entry: Entry) -> list[str]:
    """The surface forms of a literal item: its `forms`, else its inflections when the item (or
    its category) says `inflect`, else its term."""
    if "forms" in spec:
        return [str(f) for f in spec["forms"]]
    if spec.get("inflect", cat.get("inflect", False)):
        return inflect(entry.term)
    return [entry.term]


class _LexiconItems:
    """The enabled items of a lexicon file, indexed as they are read (in file order): literal
    forms by normalised key, pattern items by group name, anchored pattern items in a list."""

    def __init__(self, path: str, macros: Mapping[str, str]):
        self.path, self.macros = path, macros
        self.literal_entries: dict[str, Entry] = {}
        self.pattern_entries: dict[str, Entry] = {}
        self.pattern_parts: list[tuple[str, str]] = []  # (group name, pattern)
        self.anchored: list[tuple[re.Pattern, Entry, tuple[str, ...]]] = []

    def add(self, item, cat: Mapping, category: Category) -> None:
        """Add one item of `category` (`cat`: the category as read): a bare term or a mapping."""
        spec = item if isinstance(item, dict) else {"term": str(item)}
        entry = _entry(self.path, spec, category)
        if "pattern" in spec:
            self._add_pattern(spec, entry)
        else:
            self._add_forms(_forms(spec, cat, entry), entry)

    def _add_pattern(self, spec: Mapping, entry: Entry) -> None:
        """A pattern item with `anchors` gets its own regex (scanned only in sentences holding an
        anchor); any other becomes a named group of the pattern regex."""
        pattern = _expand_macros(spec["pattern"], self.macros)
        if spec.get("anchors"):
            regex = re.compile(rf"{_left_bounded(pattern)}{_RIGHT}", re.IGNORECASE)
            self.anchored.append((regex, entry, tuple(str(a).lower() for a in spec["anchors"])))
            return
        name = f"p{len(self.pattern_parts)}"
        self.pattern_parts.append((name, pattern))
        self.pattern_entries[name] = entry

    def _add_forms(self, forms: list[str], entry: Entry) -> None:
        """Index each form by its key; a key already taken by another entry is a ValueError."""
        literal_entries = self.literal_entries
        for form in forms:
            key = _key(form)
            if key in literal_entries and literal_entries[key] != entry:
                raise ValueError(f"{self.path}: form {form!r} is listed twice "
                                 f"({literal_entries[key].term!r} and {entry.term!r})")
            literal_entries[key] = entry

    def entries(self) -> list[Entry]:
        """Every entry: the literal forms', the pattern items', the anchored items', in that order."""
        return (list(self.literal_entries.values()) + list(self.pattern_entries.values())
                + [a[1] for a in self.anchored])

    def literal_regex(self) -> re.Pattern:
        """One case-insensitive whole-word regex of every literal form (a trie, longest first;
        one that never matches when there is none)."""
        alternatives = trie_pattern(self.literal_entries) or r"(?!x)x"
        return re.compile(rf"{_LEFT}(?:{alternatives}){_RIGHT}", re.IGNORECASE)

    def pattern_regex(self) -> re.Pattern | None:
        """One case-insensitive whole-word regex of the unanchored pattern items, each a named
        group (None when there is none)."""
        if not self.pattern_parts:
            return None
        if len(self.pattern_parts) == 1:  # one item: its leading letters can lead the regex
            name, pattern = self.pattern_parts[0]
            return re.compile(rf"(?P<{name}>{_left_bounded(pattern)}){_RIGHT}", re.IGNORECASE)
        parts = "|".join(f"(?P<{name}>{pattern})" for name, pattern in self.pattern_parts)
        return re.compile(rf"{_LEFT}(?:{parts}){_RIGHT}", re.IGNORECASE)


def _check_reclassify_targets(path: str, entries: Iterable[Entry], categories: list[Category]) -> None:
    """Raise ValueError when an entry reclassifies to a category that is not enabled."""
    enabled = {c.id for c in categories if c.enabled}
    for entry in entries:
        for guard, target in entry.reclassify:
            if target not in enabled:
                raise ValueError(f"{path}: term {entry.term!r} reclassifies to {target!r}, "
                                 "not an enabled category")


def _rules(raw_rules: Mapping) -> dict:
    """The guards' word lists (lower-cased sets), plus `_quantity`: the regex of a number (digits,
    a currency sign, or one of the `number_words`) that some guards look for."""
    rules = {name: _words_set(values) for name, values in raw_rules.items()}
    rules["_quantity"] = _quantity_regex(rules.get("number_words", frozenset()))  # type: ignore[assignment]
    return rules


def _quantity_regex(number_words: Iterable[str]) -> re.Pattern:
    """A regex of a quantity: optional space, then digits (after an optional currency sign) or,
    after space, one of `number_words` (longest first)."""
    words = sorted(number_words, key=lambda w: (-len(w), w))
    quantity = r"\s*(?:(?:US)?[$€£¥]\s*)?\d" + (
        "|\\s+(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")\b"
        if words else "")
    return re.compile(rf"(?:{quantity})", re.IGNORECASE)


def _anchor_index(anchored: list) -> tuple[dict[str, list[int]], re.Pattern | None]:
    """Which anchored items each anchor word opens (indices into `anchored`), and one regex of
    every anchor word (None without anchored items)."""
    anchor_items: dict[str, list[int]] = {}
    for index, (_, _, anchors) in enumerate(anchored):
        for anchor in anchors:
            anchor_items.setdefault(anchor, []).append(index)
    anchor_regex = (re.compile(rf"{_LEFT}(?:{trie_pattern(anchor_items)}){_RIGHT}", re.IGNORECASE)
                    if anchor_items else None)
    return anchor_items, anchor_regex


def _weasel_flags(entries: Iterable[Entry]) -> dict[tuple[str, str], bool]:
    """(category, term) -> the item's own `weasel` flag, for the entries that set one."""
    return {(e.category, e.term): e.weasel for e in entries if e.weasel is not None}


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The compiled lexicon from `path` (default: the package's hedges.yaml); cached per path."""
    if path is None:  # config paths are already absolute: skip the filesystem call
        return _compile(str(config.HEDGES_FILE))
    return _compile(str(Path(path).resolve()))


def _resolve(lexicon: Lexicon | str | Path | None) -> Lexicon:
    return lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)


# ---------------------------------------------------------------- guards (false readings)
@dataclass(frozen=True)
class Context:
    """What a guard sees: the doc, the sentence, the match (normalised offsets) and the rules."""

    doc: Doc
    sentence: Sentence
    nstart: int
    nend: int
    surface: str
    rules: dict

    @property
    def floor(self) -> int:
        """Where `before` starts: the sentence start, or WINDOW characters back in a longer one."""
        return max(self.sentence.nstart, self.nstart - WINDOW)

    @property
    def before(self) -> str:
        return self.doc.text[self.floor:self.nstart]

    @property
    def after(self) -> str:
        return self.doc.text[self.nend:min(self.sentence.nend, self.nend + WINDOW)]

    def previous_words(self, count: int = 3) -> list[str]:
        return [m.group() for m in WORD_PATTERN.finditer(self.before)][-count:]

    def next_words(self, count: int = 3) -> list[str]:
        """The next `count` words, lower-cased (fewer at the sentence end)."""
        words = []
        for match in WORD_PATTERN.finditer(self.after):
            words.append(match.group().lower())
            if len(words) == count:
                break
        return words

    def next_word(self) -> str:
        match = WORD_PATTERN.search(self.after)
        return match.group().lower() if match and not self.after[:match.start()].strip(" ") else ""

    def at_sentence_start(self) -> bool:
        """True when only quote marks, brackets and spaces precede the match in its sentence."""
        return not re.sub(r"[\"'(\[\s]", "", self.before)


_PERSONAL = frozenset({"i", "you", "he", "she", "we", "they"})
#: Guards look at most this many characters either side of a match (within its sentence): they
#: need local context only, and a bounded window keeps a pathological sentence (thousands of
#: "would" in one run-on sentence) linear in its length instead of quadratic.
WINDOW = 400


def _after_determiner(ctx: Context) -> bool:
    previous = ctx.previous_words(1)
    if not previous:
        return False
    word = previous[0].lower()
    return word in ctx.rules.get("determiners", ()) or word.endswith("'s") or word.endswith("s'")


def may_month(ctx: Context) -> bool:
    if re.match(r"\s*,?\s*\d", ctx.after):
        return False
    # A capital "May" is the month or a name ("in May", "May's figures", "May, a nurse"); at the
    # start of a sentence the modal is permission or a wish ("May I ask", "May he rest"), never
    # the epistemic hedge, so no capital "May" counts.
    return not ctx.surface[0].isupper()


def might_noun(ctx: Context) -> bool:
    return not (_after_determiner(ctx) or ctx.next_word() == "of")


def will_noun(ctx: Context) -> bool:
    return not (_after_determiner(ctx) or ctx.next_word() in ("of", "to"))


def could_ability(ctx: Context) -> bool:
    if ctx.surface.lower().endswith("n't"):
        return False
    if re.match(r"\s+(?:not|never|hardly|barely|scarcely)\b", ctx.after, re.IGNORECASE):
        return False
    if re.search(r"\bas\s+[\w-]+\s+as\s+(?:[\w'-]+\s+){1,2}$", ctx.before, re.IGNORECASE):
        return False
    # Purpose and time clauses state what was (to be) able to happen: "so (that) travellers
    # could clear customs", "before he could answer", "until it could be repaired".
    if re.search(r"\b(?:so(?:\s+that)?|in\s+order\s+that|before|until|till|once)\s+"
                 r"(?:[\w'-]+\s+){1,3}$", ctx.before, re.IGNORECASE):
        return False
    # Perception: "she could hear the water", "he could see smoke" report what was perceived.
    verb = ctx.next_word()
    if verb in ctx.rules.get("perception_verbs", ()):
        previous = [w.lower() for w in ctx.previous_words(1)]
        if verb not in ("see", "feel") or (previous and previous[0] in _PERSONAL):
            return False
    return True


def would_volition(ctx: Context) -> bool:
    return ctx.next_word() not in ctx.rules.get("volition_verbs", ())


def _clause_before(ctx: Context) -> str:
    """The text from the start of the match's clause to the match: back to ";", ":", " - " or
    "but" (not "but that", which goes on with the reported speech); inside a direct quote, back
    to the quote's start at most."""
    floor = ctx.floor
    spans = quoted_spans(ctx.doc)
    position = bisect_right(spans, (ctx.nstart, math.inf)) - 1
    if position >= 0 and spans[position][0] <= ctx.nstart < spans[position][1]:
        floor = max(floor, spans[position][0])  # inside a direct quote: the speaker's own "would"
    clause = ctx.doc.text[floor:ctx.nstart]
    breaks = [m.end() for m in re.finditer(r"[;:]|\s-\s|\bbut\b(?!\s+that\b)", clause,
                                           re.IGNORECASE)]
    return clause[breaks[-1]:] if breaks else clause


def would_reported(ctx: Context) -> bool:
    # Backshift ("will" -> "would") follows a past reporting verb, or a noun of expectation after
    # one ("expressed hope that"); after a present verb ("minutes suggest that a pause would")
    # "would" is the conditional and hedges. A verb followed by a preposition ("argued for
    # holding rates steady") takes no clause, so it governs no "would".
    clause = _clause_before(ctx)
    verbs = ctx.rules.get("reporting_verbs", ())
    prepositions = ctx.rules.get("non_clause_prepositions", ())
    words = list(WORD_PATTERN.finditer(clause))
    for position, match in enumerate(words):
        if match.group().lower() not in verbs:
            continue
        following = words[position + 1].group().lower() if position + 1 < len(words) else ""
        if following not in prepositions:
            return False
    return True


_TIME_NOUNS = (r"(?:day|night|morning|evening|afternoon|week|weekend|month|year|summer|winter|"
               r"spring|autumn|fall|season|time|hour|decade|sunday|monday|tuesday|wednesday|"
               r"thursday|friday|saturday)s?")
_HABIT = re.compile(rf"\b(?:every|each)\s+(?:few\s+\w+|other\s+{_TIME_NOUNS}|{_TIME_NOUNS})\b|"
                    rf"\bin\s+(?:some|most|many|other)\s+{_TIME_NOUNS}\b|"
                    r"\b(?:often|usually|regularly|routinely|invariably|habitually|sometimes|"
                    r"occasionally|frequently)\b", re.IGNORECASE)
_THEN = re.compile(r"\b(?:when|whenever)\s+(?:i|we|he|she|they|you)\s+(?:was|were)\b|"
                   r"\bin\s+those\s+days\b|\bback\s+then\b|\bas\s+a\s+(?:child|boy|girl)\b",
                   re.IGNORECASE)


def would_habit(ctx: Context) -> bool:
    # Past habit, not a hedge: "the river would flood every few winters", "she would often
    # walk", "when I was a girl we would swim there". The frequency phrase is looked for in the
    # rest of the clause, the "back then" frame anywhere before "would" in the sentence.
    rest = re.split(r"[;:,]|\s-\s", ctx.after, maxsplit=1)[0]
    before = ctx.before
    return not (_HABIT.search(rest) or _THEN.search(before))


def must_epistemic(ctx: Context) -> bool:
    # A past participle after "must have": been, or a regular/irregular participle ending.
    return bool(re.match(r"\s+(?:surely\s+|certainly\s+)?have\s+(?:been|[a-z]+(?:ed|en|wn|ne|"
                         r"ught|ood|elt|ent|ade|id|ot|un|ung))\b", ctx.after, re.IGNORECASE))


def speech_act_subject(ctx: Context) -> bool:
    skip = ctx.rules.get("subject_skip", ())
    words = list(WORD_PATTERN.finditer(ctx.before))
    lowered = [w.group().lower() for w in words]
    # Evidence as subject, even behind a capitalised name ("a study published in Nature
    # Geoscience suggests"): the nearest evidence noun with no person word after it.
    evidence, persons = ctx.rules.get("evidence_nouns", ()), ctx.rules.get("person_words", ())
    for word in reversed(lowered[-8:]):
        if word in persons:
            break
        if word in evidence:
            return True
    # A verb coordinated with an earlier reporting verb shares its (person) subject: "... said
    # the plan was off track, and suggested that ministers publish ...".
    if lowered and lowered[-1] in ("and", "but") and any(
            w in ctx.rules.get("reporting_verbs", ()) for w in lowered[:-1]):
        return False
    candidates = [(i, m.group()) for i, m in enumerate(words)][-4:]
    candidates = [(i, w) for i, w in candidates
                  if w.lower() not in skip and not w.lower().endswith("ly")]
    if not candidates:
        return True  # ", suggesting that ..." or sentence-initial: no person subject in view
    position, subject = candidates[-1]
    if subject.lower() in ctx.rules.get("person_words", ()):
        return False
    if subject[0].isupper():
        if position > 0:
            return False  # a capitalised word inside the sentence: a name, a capital, an outlet
        # Sentence-initial capitals are ambiguous ("Lee suggested" / "Reports suggest").
        gazetteer = gazetteer_for(ctx.doc)
        return not (gazetteer.find_actor(subject) or gazetteer.mentions(subject))
    return True


def verb_not_noun(ctx: Context) -> bool:
    # "the estimate", "China's doubts", "an average estimate of $4.75 billion": nouns.
    return not (_after_determiner(ctx) or ctx.next_word() == "of")


def assume_take_on(ctx: Context) -> bool:
    following = [m.group().lower() for m in WORD_PATTERN.finditer(ctx.after)][:3]
    if following and following[0] in {"the", "a", "an", "his", "her", "their", "its"}:
        following = following[1:]
    return not (following and following[0] in ctx.rules.get("take_on_objects", ()))


def possible_idiom(ctx: Context) -> bool:
    if re.search(r"\bas\s+[\w-]+\s+as\s+$", ctx.before, re.IGNORECASE):
        return False
    # Dynamic possibility (what can be done), not the epistemic sense: "it is possible to
    # travel", "made it possible for students to", "was made possible by a gift".
    if ctx.next_word() in ("to", "for") or re.search(
            r"\b(?:make|makes|made|making)\s+(?:it\s+|this\s+|that\s+)?$", ctx.before, re.IGNORECASE):
        return False
    previous = [w.lower() for w in ctx.previous_words(1)]
    return not (previous and previous[0] in {"every", "all", "whenever", "wherever", "best", "worst",
                                             "earliest", "soonest", "only", "greatest", "lowest",
                                             "latest", "fastest", "shortest", "longest",
                                             "highest", "largest", "smallest"})


def _needs_quantity(ctx: Context) -> bool:
    return bool(ctx.rules["_quantity"].match(ctx.after))


def about_topic(ctx: Context) -> bool:
    # "about 11%" approximates; "talk about 1.5 million homes", "questions about 300 jobs" name a
    # topic that happens to be a number.
    previous = [w.lower() for w in ctx.previous_words(1)]
    if previous and previous[0] in ctx.rules.get("topic_heads", ()):
        return False
    return _needs_quantity(ctx)


def appear_epistemic(ctx: Context) -> bool:
    # "appears to", "appeared unaware", "it appears that" hedge; "appeared at a rally", "appear
    # in court", "than it appears." (how a thing looks, no proposition) do not.
    following = ctx.after.lstrip(" \"'")  # a quoted predicate goes on: appear "aware of"
    if not following or following[0] in ".,;:!?)-":
        return False
    word = WORD_PATTERN.match(following)
    return not (word and word.group().lower() in ctx.rules.get("appear_places", ()))


def belief_subject(ctx: Context) -> bool:
    # A belief verb with no subject before it is an imperative ("Think about it.") or a
    # heading-like fragment: neither the speaker's hedge nor a reported belief.
    return not ctx.at_sentence_start()


def first_person_belief(ctx: Context) -> bool:
    # "I think", "we believe" hedge the speaker's own claim; "they think", "markets assume",
    # "United chiefs believe" report a third party's belief as a fact about them (a vague
    # party's belief is the attribution category). The lexicon moves a rejected belief verb to
    # the category reported_belief (`reclassify`).
    skip = ctx.rules.get("belief_skip", ())
    for word in reversed(ctx.previous_words(4)):
        lower = word.lower()
        if lower in skip or lower.endswith("n't") or (lower.endswith("ly") and lower != "only"):
            continue
        return lower in ("i", "we")
    return False


def likely_measured(ctx: Context) -> bool:
    # "12 percent less likely to develop", "twice as likely": a measured risk, not a hedge. (The
    # item "more likely" holds the comparative word itself.)
    head = ctx.surface.split()[0] + " " if len(ctx.surface.split()) > 1 else ""
    return not re.search(r"(?:\d\s*%|\d|percent|per\s+cent|times|twice|thrice|half)\s+"
                         r"(?:more|less|as)\s+$", ctx.before + head, re.IGNORECASE)


def negated_certainty(ctx: Context) -> bool:
    # "it is not clear", "far from certain", "isn't sure" hedge; "did not clear the debris",
    # "couldn't clear" are the verb "clear".
    first = ctx.surface.split()[0].lower()
    previous = [w.lower() for w in ctx.previous_words(1)]
    verbal = frozenset(ctx.rules.get("verbal_auxiliaries", ()))
    if first.endswith("n't") and first[:-3] in verbal | {"ca", "wo", "do", "does", "did"}:
        return False
    return not (first == "not" and previous and previous[0] in verbal)


def claim_proposition(ctx: Context) -> bool:
    # The verb "claim(ed)" distances from a proposition; "claimed responsibility / victory /
    # the lives of" and the noun ("the claims", "assess claims") do not.
    if _after_determiner(ctx):
        return False
    following = [m.group().lower() for m in WORD_PATTERN.finditer(ctx.after)][:2]
    if ctx.surface.lower() in ("claim", "claims"):  # also nouns ("assess claims"): need a clause
        return bool(following) and following[0] in ("that", "to")
    if following and following[0] in {"the", "a", "an", "his", "her", "their", "its"}:
        following = following[1:]
    return not (following and following[0] in ctx.rules.get("claim_objects", ()))


_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "'re", "am"})


def _subject(ctx: Context, skip: Iterable[str]) -> str:
    """The nearest previous word that is not in `skip` and not an -ly adverb, lower-cased."""
    for word in reversed(ctx.previous_words(4)):
        lower = word.lower()
        if lower in skip or (lower.endswith("ly") and lower not in ("only", "family")):
            continue
        return lower
    return ""


_MAY_NAMING = re.compile(
    r"\s+(?:(?:also|sometimes|variously|often|alternatively|simply|still|now|only)\s+)?be\s+"
    r"(?:called|termed|named|known|referred|described|spelled|spelt|written|abbreviated|"
    r"translated|styled|designated|purchased|bought|ordered|obtained|downloaded|booked|"
    r"reserved|borrowed|rented|redeemed)\b|\s+be\s+(?:also|sometimes|variously|often|"
    r"alternatively|simply)\s+(?:called|termed|named|referred|described|spelled|spelt|written|"
    r"abbreviated|translated|styled|designated)\b", re.IGNORECASE)
_MAY_PURPOSE = re.compile(r"(?:\b(?:so|in\s+order)\s+that|^\W*that)\s+(?:[\w'-]+\s+){0,3}$",
                          re.IGNORECASE)


def may_permission(ctx: Context) -> bool:
    # Not the epistemic "may": permission to a role ("Guests may bring food", "members may not
    # vote"), a purpose clause ("so that we may serve"), or naming / buying alternatives ("it may
    # be called X", "tickets may be purchased at the door").
    if _MAY_NAMING.match(ctx.after) or _MAY_PURPOSE.search(ctx.before):
        return False
    words = [w.lower() for w in ctx.previous_words(5)
             if w.lower() not in ctx.rules.get("subject_skip", ()) and not w.lower().endswith("ly")]
    if not words or words[-1] not in ctx.rules.get("permission_subjects", ()):
        return True
    if ctx.next_words(2)[-1:] in (["have"], ["be"]) and ctx.next_word() in ("have", "be", "not"):
        return True  # "voters may have the ability", "users may be unaware": possibility
    # The role noun must be the subject, not the object of a preposition before it ("sales to
    # Chinese customers may amount to" hedges).
    prepositions = {"to", "for", "of", "from", "with", "by", "among", "between", "than", "at",
                    "in", "on", "about", "into", "like"}
    return any(w in prepositions for w in words[-4:-1])


def should_epistemic(ctx: Context) -> bool:
    # Epistemic "should" expects an event or a state ("the deal should close by March", "results
    # should be available next week"); the deontic sense ("should reflect", "should be punished")
    # and the conditional inversion at the start of a sentence ("Should talks fail, ...") are not
    # counted.
    if ctx.at_sentence_start() or _subject(ctx, ("not", "really", "also")) in ("i", "we", "you"):
        return False  # "I should get", "we should not have to": advice, duty, desert
    words = [w for w in ctx.next_words(4) if w not in ("also", "still", "now", "soon", "then",
                                                       "easily", "eventually", "quickly")]
    if not words:
        return False
    if words[0] == "be":
        return len(words) > 1 and words[1] in ctx.rules.get("should_states", ())
    return words[0] in ctx.rules.get("should_events", ())


def think_tank(ctx: Context) -> bool:
    return ctx.next_word() not in ("tank", "tanks")


def thought_clause(ctx: Context) -> bool:
    # The verb before a clause or an infinitive ("he thought that", "is thought to be", "I
    # thought it was"); the noun ("Buddhist thought", "gave some thought to") is rejected.
    if _after_determiner(ctx) or (ctx.previous_words(1) and ctx.previous_words(1)[0].lower()
                                  in ("much", "little", "more", "careful", "serious", "second",
                                      "further", "without", "of")):
        return False
    following = ctx.next_words(2)
    if not following or following[0] in ("of", "about") and following[:2] != ["of", "as"]:
        return False  # "thought of / about" (considered a topic), or the sentence ends
    previous = [w.lower() for w in ctx.previous_words(1)]
    # "It is thought the Min were pushed north", "Some thought the game was tasteless": a subject
    # or a passive before "thought" makes it the verb, with or without "that".
    if previous and (previous[0] in _BE or previous[0] in ctx.rules.get("belief_subjects", ())):
        return True
    return following[0] in ctx.rules.get("clause_openers", ()) or following[:2] == ["of", "as"]


def potential_possibility(ctx: Context) -> bool:
    # "a potential deal", "the potential to" hedge; "potential energy", "electric potential
    # difference" are technical terms.
    return ctx.next_word() not in ctx.rules.get("potential_technical", ())


def whether_open(ctx: Context) -> bool:
    # "asked whether", "unclear whether" leave a question open; "regardless of whether" and
    # "no matter whether" do not.
    previous = [w.lower() for w in ctx.previous_words(2)]
    if previous[-1:] == ["matter"]:
        return False
    return not (len(previous) == 2 and (
        (previous[1] == "of" and previous[0] in ("regardless", "irrespective"))
        or (previous[1] == "on" and previous[0] in ("depending", "depends", "depend", "depended"))))


def would_refusal(ctx: Context) -> bool:
    # Negated "would" + a verb of telling or agreeing is a refusal, not a hedge: "the bank
    # wouldn't identify the buyers", "she would not comment", "he would not budge". ("I wouldn't
    # say" stays: the speaker's own hedge.)
    words = ctx.next_words(3)
    negated = ctx.surface.lower().endswith("n't")
    if words and words[0] in ("not", "never"):
        negated, words = True, words[1:]
    if not negated or not words:
        return True
    if words[0] in ctx.rules.get("refusal_verbs", ()):
        return _subject(ctx, ()) in ("i", "we")
    return True


_FUTURE_IN_PAST = re.compile(
    r"\b(?:later|eventually|subsequently|ultimately|afterwards|afterward|soon\s+after|shortly\s+"
    r"(?:after|afterwards|thereafter)|thereafter|go\s+on\s+to|went\s+on\s+to|never\s+again|"
    r"the\s+(?:following|next)\s+(?:day|week|month|year|season|decade)|the\s+rest\s+of|"
    r"until\s+(?:the|his|her|its|their)?\s*(?:death|end|\d{4})|for\s+the\s+(?:next|rest)|"
    r"in\s+\d{4}|by\s+\d{4})\b", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:if|unless|otherwise|without|whether|suppose|supposing|imagine|"
                        r"in\s+case|even\s+so)\b", re.IGNORECASE)


def would_future_in_past(ctx: Context) -> bool:
    # The future in the past of a narrative, not a hedge: "Smith would later become mayor",
    # "the firm would go on to win", "he would never play again", "would remain on sale until
    # 1998". A condition in the sentence ("if", "unless", "without") keeps the hedge.
    rest = re.split(r"[;:,]|\s-\s", ctx.after, maxsplit=1)[0]
    if not _FUTURE_IN_PAST.search(rest):
        return True
    return bool(_CONDITION.search(ctx.before) or _CONDITION.search(rest))


def accused_person(ctx: Context) -> bool:
    # "the accused" is a person, not an accusation.
    return not (_after_determiner(ctx) and ctx.surface.lower() == "accused"
                and ctx.next_word() not in ("of",))


def apparent_attributive(ctx: Context) -> bool:
    # "the apparent victim", "an apparent suicide" doubt the noun; predicative "became apparent"
    # means evident, and "heir apparent" is a title.
    previous = [w.lower() for w in ctx.previous_words(1)]
    if previous and previous[0] in ctx.rules.get("apparent_predicative", ()):
        return False
    word = ctx.next_word()
    return bool(word) and word not in ctx.rules.get("function_words", ())


def supposed_adjective(ctx: Context) -> bool:
    # "the supposed previous owner" doubts; "is supposed to attend" is deontic.
    return ctx.next_word() != "to"


def _as_ahead(ctx: Context, words: int = 6) -> bool:
    following = re.split(r"[.;:!?,]", ctx.after, maxsplit=1)[0]
    ahead = [m.group().lower() for m in WORD_PATTERN.finditer(following)][:words]
    return "as" in ahead or any(a == "to" and b == "be" for a, b in zip(ahead, ahead[1:]))


def consider_belief(ctx: Context) -> bool:
    # A judgement held: "is considered (to be) the best", "considered by many a classic", "many
    # consider him a hero", "considered that the plan was", ", considered one of". Deliberation
    # ("the board considered the bill", "was considered for the role") is rejected.
    following = ctx.next_words(2)
    if not following:
        return False
    previous = [w.lower() for w in ctx.previous_words(2)]
    passive = ctx.surface.lower() == "considered" and (
        ctx.at_sentence_start() or ctx.before.rstrip().endswith(",")
        or (previous and (previous[-1] in _BE or previous[-1].endswith("ly")
                          or previous[-1] in ("long", "still", "once", "now", "also", "not",
                                              "often", "sometimes", "always", "never", "usually",
                                              "generally", "today", "therefore", "thus"))))
    if passive:
        if following[0] == "by":  # "by many / critics" holds a view; "by the committee" deliberates
            return len(following) > 1 and following[1] not in ctx.rules.get("function_words", ())
        return following[0] not in ctx.rules.get("deliberation_prepositions", ())
    if following[0] == "that" or "what" in previous:  # "what they consider a scandal"
        return True
    # A second noun phrase after the object: "consider LSD a sacrament", "considered the
    # experiment an academic exercise" (not "considered the bill in a session").
    ahead = [m.group().lower() for m in
             WORD_PATTERN.finditer(re.split(r"[.;:!?,]", ctx.after, maxsplit=1)[0])][:7]
    prepositions = ctx.rules.get("deliberation_prepositions", ())
    if any(w in ("a", "an") and ahead[i - 1] not in prepositions and ahead[i - 1] not in ("of", "to", "with", "by")
           for i, w in enumerate(ahead) if i >= 2):
        return True
    # "consider him a hero" (a judgement) but "considered it carefully / for weeks" (deliberation)
    return _as_ahead(ctx) or (following[0] in ctx.rules.get("object_pronouns", ())
                              and len(following) > 1 and not following[1].endswith("ly")
                              and following[1] not in ctx.rules.get("deliberation_prepositions", ()))


def regard_as(ctx: Context) -> bool:
    # "regarded as", "regard him as": a judgement; "with regard to", "regarding the plan" are not.
    return _as_ahead(ctx)


def expect_belief(ctx: Context) -> bool:
    # "are expected to join", "economists expect a cut", "expects that": a belief about the
    # future; "as expected", "than expected" report an outcome; "expecting a baby" is not a
    # belief.
    previous = [w.lower() for w in ctx.previous_words(1)]
    if previous and previous[0] in ("as", "than", "had", "what", "was"):
        return previous[0] == "was" and ctx.next_word() in ("to", "that")
    if ctx.surface.lower() == "expecting":
        return ctx.next_word() in ("to", "that")
    return True


def vague_quantifier(ctx: Context) -> bool:
    # "many critics", "some cultures": an unquantified group (CoNLL-2010 Wikipedia weasel). Not
    # before a number ("some 200": an approximator), a function word ("some of", "many more"),
    # "time(s)" ("some time ago") or a noun of kind, manner or degree ("some kind of", "for some
    # reason", "in some detail"): those blur a type or a degree, not a group.
    word = ctx.next_word()
    if not word or word[0].isdigit():
        return False
    # "how many", "as many (X) as": a question or a comparison of numbers, not an unnamed group
    # ("as many critics argued" and "as some have argued" stay weasels).
    previous = [w.lower() for w in ctx.previous_words(1)]
    if ctx.surface.lower() == "many" and previous:
        if previous[0] in ctx.rules.get("vague_quantifier_degree", ()):
            return False
        if previous[0] == "as" and re.match(r"\s+(?:[\w-]+\s+){0,3}?as\b", ctx.after, re.IGNORECASE):
            return False
    if word == "of" and ctx.surface.lower() in ctx.rules.get("vague_partitive", ()):
        return True  # "many of the critics": a vague share of a group
    if word in ctx.rules.get("vague_pronoun_followers", ()):
        return True  # "Some have argued", "many others": an unnamed group of people
    stop = ctx.rules.get("function_words", ())
    return not (word in stop or word in ctx.rules.get("number_words", ())
                or word in ctx.rules.get("vague_quantifier_skip", ()))


def widely_extent(ctx: Context) -> bool:
    # "widely used / known / popular": extent claimed for an unnamed majority; "widely
    # between", "widely spaced", "varied widely across" spread in space or range.
    word = ctx.next_word()
    return bool(word) and not (word in ctx.rules.get("function_words", ())
                               or word in ctx.rules.get("widely_spatial", ()))


def well_known_fame(ctx: Context) -> bool:
    # "a well-known author": fame with no source; "as well known as" compares.
    previous = [w.lower() for w in ctx.previous_words(1)]
    return not (previous and previous[0] in ("as", "so", "less", "more"))


_AGENT = re.compile(r"\bby\s+([\w'’-]+)(?:\s+([\w'’-]+))?", re.IGNORECASE)


def agent_unnamed(ctx: Context) -> bool:
    # An agentless passive of belief or report ("is regarded as", "was alleged to") puts the
    # claim on no one: a weasel. With its agent named in the clause ("regarded as illegitimate
    # by the orthodoxy", "was alleged by a publisher", "considered a saint by Rome") the belief
    # is attributed: still a reported belief (uncertainty), no weasel. A vague agent ("by many",
    # "by critics") keeps the weasel; "by the end", "by 1990", "by means of" name no agent.
    # After "is said to" the agent would come before "to" ("is said by monks to"): a later "by"
    # belongs to the infinitive ("is said to have founded the school taught by his son").
    if ctx.surface.lower().split()[-1] == "to":
        return True
    clause = re.split(r"[.;:!?,]", ctx.after, maxsplit=1)[0]
    words = [m.group().lower() for m in WORD_PATTERN.finditer(clause)][:8]
    if "by" not in words:
        return True
    match = _AGENT.search(clause)
    if not match:
        return True
    before_by = [w.lower() for w in WORD_PATTERN.findall(clause[:match.start()])]
    if before_by and re.search(r"(?:ed|en|wn|ght)$", before_by[-1]):
        return True  # "as can be seen by", "a style taught by": another passive owns the agent
    first = match.group(1)
    second = (match.group(2) or "").lower()
    lower = first.lower()
    if first[0].isdigit() or lower in ctx.rules.get("agent_not_named", ()):
        return True
    if lower in ctx.rules.get("determiners", ()) and lower not in ("some", "any", "no"):
        return second in ctx.rules.get("agent_time_nouns", ())  # "by the end": no agent
    if lower in ctx.rules.get("vague_agents", ()):
        return True  # "by many", "by critics"
    return not (first[0].isupper() or lower in ctx.rules.get("person_words", ()))


GUARDS: dict[str, Callable[[Context], bool]] = {
    "may_month": may_month,
    "might_noun": might_noun,
    "will_noun": will_noun,
    "could_ability": could_ability,
    "would_volition": would_volition,
    "would_reported": would_reported,
    "would_habit": would_habit,
    "must_epistemic": must_epistemic,
    "speech_act_subject": speech_act_subject,
    "verb_not_noun": verb_not_noun,
    "possible_idiom": possible_idiom,
    "assume_take_on": assume_take_on,
    "about_topic": about_topic,
    "appear_epistemic": appear_epistemic,
    "first_person_belief": first_person_belief,
    "belief_subject": belief_subject,
    "likely_measured": likely_measured,
    "negated_certainty": negated_certainty,
    "claim_proposition": claim_proposition,
    "around_spatial": _needs_quantity,
    "some_quantity": _needs_quantity,
    "may_permission": may_permission,
    "should_epistemic": should_epistemic,
    "think_tank": think_tank,
    "thought_clause": thought_clause,
    "potential_possibility": potential_possibility,
    "whether_open": whether_open,
    "would_refusal": would_refusal,
    "would_future_in_past": would_future_in_past,
    "accused_person": accused_person,
    "supposed_adjective": supposed_adjective,
    "apparent_attributive": apparent_attributive,
    "consider_belief": consider_belief,
    "regard_as": regard_as,
    "expect_belief": expect_belief,
    "vague_quantifier": vague_quantifier,
    "widely_extent": widely_extent,
    "well_known_fame": well_known_fame,
    "agent_unnamed": agent_unnamed,
}


# ---------------------------------------------------------------- matching
@dataclass(frozen=True)
class Cue:
    """One matched cue. start/end index Article.body; nstart/nend index Doc.text."""

    sentence: int
    start: int
    end: int
    nstart: int
    nend: int
    text: str
    term: str
    category: str
    kind: str
    voice: str
    rule: str
    counted: bool


#: Characters that case-insensitive matching may equate with a different letter than their
#: `str.lower()` (dotless i, long s, the Kelvin and Angstrom signs, micro, Greek, ligatures), or
#: whose `str.lower()` is longer than one character (dotted capital I).
_CASE_SPECIAL = re.compile("[\u0130\u0131\u017f\u212a\u212b\u00b5\u0345\u0370-\u03ff\u1e00-\u1fff\ufb00-\ufb06]")


@lru_cache(maxsize=64)
def _lowercase_twin(regex: re.Pattern) -> re.Pattern | None:
    """`regex` without IGNORECASE, to scan lower-cased text, when every character of its pattern
    is lower-case ASCII (so no literal or escape needs case folding; the P of a named group's
    `(?P<` matches no text); else None."""
    pattern = regex.pattern
    bare = pattern.replace("(?P<", "(?<")
    if regex.flags & re.IGNORECASE and bare.isascii() and bare == bare.lower():
        return re.compile(pattern, regex.flags & ~re.IGNORECASE)
    return None


def _case_free_scan(text: str) -> Callable[..., Iterable[re.Match]]:
    """finditer for the lexicon's case-insensitive regexes, same matches (spans; groups up to case).

    Why: a case-insensitive scan of a long alternation costs twice a case-sensitive one. On text
    whose lower-cased copy has the same length (each character lower-cases to one) and holds no
    character of _CASE_SPECIAL, case-insensitive matching of an all-lower-case ASCII pattern is
    exactly matching of the lower-cased text; otherwise the original regex scans the original text.
    """
    lowered = text.lower()
    simple = len(lowered) == len(text) and not _CASE_SPECIAL.search(text)

    def scan(regex: re.Pattern, start: int = 0, end: int = sys.maxsize) -> Iterable[re.Match]:
        twin = _lowercase_twin(regex) if simple else None
        return twin.finditer(lowered, start, end) if twin is not None else regex.finditer(text, start, end)

    return scan


def _raw_matches(text: str, lexicon: Lexicon,
                 windows: list[tuple[int, int]] | None = None) -> list[tuple[int, int, Entry]]:
    """Literal and pattern matches in `text`, overlaps resolved (earlier, then longer, wins).

    A pattern item with `anchors` is tried only inside the windows (sentences; default: the
    whole text) that hold one of its anchor words: a match contains an anchor by construction,
    and scanning a dozen slow patterns at every position of every article cost more than the
    rest of the lexicon together.
    """
    scan = _case_free_scan(text)
    found = [(m.start(), m.end(), lexicon.literal_entries[_key(m.group())])
             for m in scan(lexicon.literal_regex)]
    if lexicon.pattern_regex is not None:
        found += [(m.start(), m.end(), lexicon.pattern_entries[m.lastgroup])
                  for m in scan(lexicon.pattern_regex)]
    if lexicon.anchor_regex is not None:
        windows = windows if windows is not None else [(0, len(text))]
        starts = [w[0] for w in windows]
        todo: set[tuple[int, int]] = set()
        for match in scan(lexicon.anchor_regex):
            position = bisect_right(starts, match.start()) - 1
            if position >= 0 and match.end() <= windows[position][1]:
                for item in lexicon.anchor_items[_key(match.group())]:
                    todo.add((item, position))
        for item, position in sorted(todo):
            regex, entry, _ = lexicon.anchored[item]
            start, end = windows[position]
            found += [(m.start(), m.end(), entry) for m in scan(regex, start, end)]
    found.sort(key=lambda f: (f[0], -(f[1] - f[0]), f[2].category, f[2].term))
    kept: list[tuple[int, int, Entry]] = []
    reach = -1
    for start, end, entry in found:
        if start >= reach:
            kept.append((start, end, entry))
            reach = end
    return kept


def find_cues(doc: Doc, lexicon: Lexicon | str | Path | None = None,
              include_rejected: bool = False) -> list[Cue]:
    """Every cue in the doc's non-heading sentences, in text order (memoised per lexicon)."""
    lex = _resolve(lexicon)
    key = ("hedging_cues", lex.path)
    if key not in doc.cache:
        sentences = doc.text_sentences
        starts = [s.nstart for s in sentences]
        cues: list[Cue] = []
        windows = [(s.nstart, s.nend) for s in sentences]
        for nstart, nend, entry in _raw_matches(doc.text, lex, windows):
            position = bisect_right(starts, nstart) - 1
            if position < 0 or nend > sentences[position].nend:
                continue  # in a heading, or across sentences
            sentence = sentences[position]
            surface = doc.text[nstart:nend]
            rule, counted = "lexicon", True
            category, kind = entry.category, entry.kind
            if entry.guards:
                ctx = Context(doc, sentence, nstart, nend, surface, lex.rules)
                moves = dict(entry.reclassify)
                for guard in entry.guards:
                    if not GUARDS[guard](ctx):
                        if guard in moves:  # another sense that counts elsewhere
                            category = moves[guard]
                            kind = lex.kind_of(category)
                            rule = f"moved:{guard}"
                            continue
                        rule, counted = f"reject:{guard}", False
                        break
                else:
                    if not rule.startswith("moved:"):
                        rule = "ok:" + "+".join(entry.guards)
            start, end = doc.raw_span(nstart, nend)
            cues.append(Cue(sentence.index, start, end, nstart, nend, doc.body[start:end], entry.term,
                            category, kind, voice_at(doc, nstart), rule, counted))
        doc.cache[key] = cues
    cues = doc.cache[key]
    return list(cues) if include_rejected else [c for c in cues if c.counted]


def hedge_evidence(doc: Doc, lexicon: Lexicon | str | Path | None = None,
                   include_rejected: bool = False) -> pd.DataFrame:
    """Evidence rows, one per cue: article_id, sentence, start, end (offsets into article.body),
    nstart, nend, text (as in the body), term (lexicon label), category, kind (hedge, booster,
    attribution), voice (narrator, quoted), rule (lexicon, ok:<guard>, reject:<guard>), counted.
    Sorted by start, end, term. Rejected matches only with `include_rejected=True`."""
    rows = [{"article_id": doc.article_id, **cue.__dict__}
            for cue in find_cues(doc, lexicon, include_rejected)]
    frame = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return frame.sort_values(["start", "end", "term"], kind="mergesort").reset_index(drop=True)


def count_evidence(doc: Doc, column: str,
                   lexicon: Lexicon | str | Path | None = None) -> pd.DataFrame:
    """The evidence rows behind `uncertainty_count` or `weasel_count` (every voice)."""
    lex = _resolve(lexicon)
    rows = hedge_evidence(doc, lex)
    if column == "weasel_count":
        keep = [lex.counts_weasel(c, t) for c, t in zip(rows["category"], rows["term"])]
        return rows[pd.Series(keep, index=rows.index, dtype=bool)].reset_index(drop=True)
    if column != "uncertainty_count":
        raise KeyError(column)
    return rows[rows["category"].isin(lex.uncertainty_categories)].reset_index(drop=True)


def corpus_evidence(articles: Iterable, lexicon: Lexicon | str | Path | None = None,
                    include_rejected: bool = False) -> pd.DataFrame:
    """`hedge_evidence` for many articles (a Corpus's `.articles`), sorted by article_id, start."""
    frames = [hedge_evidence(Doc.from_article(a), lexicon, include_rejected) for a in articles]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    frame = pd.concat(frames, ignore_index=True)
    return frame.sort_values(["article_id", "start", "end", "term"],
                             kind="mergesort").reset_index(drop=True)


# ---------------------------------------------------------------- rates
def rate_per_thousand(count: int, words: int) -> float:
    """count per 1,000 words; NaN when there are no words."""
    return 1000.0 * count / words if words else math.nan


def voice_words(doc: Doc) -> dict[str, int]:
    """Words of each voice plus `all` (headings excluded)."""
    words = dict(words_by_voice(doc))
    words[ALL] = words[NARRATOR] + words[QUOTED]
    return words


def word_counts(doc: Doc) -> pd.DataFrame:
    """Rows (article_id, voice, words) for narrator, quoted and all: the denominators of the rates."""
    words = voice_words(doc)
    return pd.DataFrame([{"article_id": doc.article_id, "voice": v, "words": words[v]}
                         for v in (NARRATOR, QUOTED, ALL)])


def _counts(cues: Iterable[tuple[str, str, str]]) -> Counter:
    """Counter over (voice, kind, category) plus (`all`, kind, category) for each counted cue."""
    counter: Counter = Counter()
    for voice, kind, category in cues:
        counter[(voice, kind, category)] += 1
        counter[(ALL, kind, category)] += 1
    return counter


def rates_by_category(evidence: pd.DataFrame, words: pd.DataFrame | Mapping[str, int],
                      lexicon: Lexicon | str | Path | None = None) -> pd.DataFrame:
    """Count and rate (per 1,000 words of the voice) per article, voice, kind and category.

    `evidence` is `hedge_evidence` output (one or many articles; rows with counted False are
    ignored); `words` is `word_counts` output (concatenated for many articles) or, for one article,
    a mapping voice -> words. Every enabled category of the lexicon gets a row, zero or not.
    Columns: article_id, voice, kind, category, count, words, rate.
    """
    lex = _resolve(lexicon)
    if isinstance(words, Mapping):
        article_ids = evidence["article_id"].dropna().unique().tolist() or [None]
        words = pd.DataFrame([{"article_id": article_ids[0], "voice": v, "words": n}
                              for v, n in words.items()])
    counted = evidence[evidence["counted"].astype(bool)] if "counted" in evidence else evidence
    per_article: dict = {}
    for article_id, group in counted.groupby("article_id", dropna=False, sort=False):
        per_article[article_id] = _counts(zip(group["voice"], group["kind"], group["category"]))
    categories = [(c.kind, c.id) for c in lex.categories if c.enabled]
    rows = []
    for article_id, voice, n_words in words[["article_id", "voice", "words"]].itertuples(index=False):
        counter = per_article.get(article_id, Counter())
        for kind, category in categories:
            count = counter[(voice, kind, category)]
            rows.append({"article_id": article_id, "voice": voice, "kind": kind,
                         "category": category, "count": count, "words": int(n_words),
                         "rate": rate_per_thousand(count, int(n_words))})
    frame = pd.DataFrame(rows, columns=["article_id", "voice", "kind", "category", "count",
                                        "words", "rate"])
    return frame.sort_values(["article_id", "voice", "kind", "category"],
                             kind="mergesort").reset_index(drop=True)


def summarize(doc: Doc, lexicon: Lexicon | str | Path | None = None) -> dict:
    """Flat per-article row. Rates per 1,000 words of the voice named.

    hedge_rate, booster_rate, attribution_rate: narrator voice only (the contract);
    hedge_rate_quoted, booster_rate_quoted: quoted voice; hedge_rate_all, booster_rate_all: both;
    hedge_count, booster_count, attribution_count: narrator counts;
    hedge_rate_<category>: narrator rate of each hedge category (uncertainty, approximation,
    conditional with the default lexicon; hedge_rate is their sum);
    uncertainty_count: cues of the categories marked `uncertainty` (default: uncertainty and
    reported_belief) in every voice: epistemic uncertainty in the Szeged / CoNLL-2010 sense, with
    conditionals and approximators left out;
    weasel_count: cues that count as weasels (`Lexicon.counts_weasel`: the categories marked
    `weasel`, minus the items marked `weasel: false`) in every voice: the CoNLL-2010 Wikipedia
    weasel sense (an unattributed or vague claim; no bare modal verbs, no attributed beliefs).
    """
    lex = _resolve(lexicon)
    cues = find_cues(doc, lex)
    counter = _counts((c.voice, c.kind, c.category) for c in cues)
    words = voice_words(doc)

    def count(voice: str, kind: str, category: str | None = None) -> int:
        return sum(n for (v, k, c), n in counter.items()
                   if v == voice and k == kind and (category is None or c == category))

    row = {
        "hedge_rate": rate_per_thousand(count(NARRATOR, "hedge"), words[NARRATOR]),
        "booster_rate": rate_per_thousand(count(NARRATOR, "booster"), words[NARRATOR]),
        "attribution_rate": rate_per_thousand(count(NARRATOR, "attribution"), words[NARRATOR]),
        "hedge_rate_quoted": rate_per_thousand(count(QUOTED, "hedge"), words[QUOTED]),
        "booster_rate_quoted": rate_per_thousand(count(QUOTED, "booster"), words[QUOTED]),
        "hedge_rate_all": rate_per_thousand(count(ALL, "hedge"), words[ALL]),
        "booster_rate_all": rate_per_thousand(count(ALL, "booster"), words[ALL]),
        "hedge_count": count(NARRATOR, "hedge"),
        "booster_count": count(NARRATOR, "booster"),
        "attribution_count": count(NARRATOR, "attribution"),
    }
    uncertain = set(lex.uncertainty_categories)
    row["uncertainty_count"] = sum(n for (v, _, c), n in counter.items() if v == ALL and c in uncertain)
    row["weasel_count"] = sum(lex.counts_weasel(c.category, c.term) for c in cues)
    for category in lex.hedge_categories:
        row[f"hedge_rate_{category}"] = rate_per_thousand(count(NARRATOR, "hedge", category),
                                                          words[NARRATOR])
    return row
