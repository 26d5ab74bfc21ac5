"""Quote detection, classification and speaker attribution, with evidence.

Detection (on `Doc.text`, where curly quotes are already straight; spans map back to
`Article.body` with `Doc.raw_span`):
- Double quotes ("...", “...”) and single quotes used as quotes ('new phase', ‘xie xie’) are
  paired inside one paragraph; a quote may span sentences ("... program. All our channels are
  completely blocked," Lee told journalists). The direction of a mark comes from its context
  (space before: opening; space or punctuation after: closing) and, when that is ambiguous, from
  the curly glyph in the raw body.
- Apostrophes are not quote marks: a mark between two letters (Lee's), an elision ('til, '90s),
  or a plural possessive (leaders') that has no opening partner.
- An unbalanced mark skips that one span, never the paragraph or the article. Exception: the
  news convention for multi-paragraph quotes (an opening mark left open at the end of a
  paragraph whose next paragraph opens with a quote mark) closes the span at the paragraph end.
- A quote nested inside another (the 'xie xie' inside "...") is part of the outer one; when a
  single-quoted and a double-quoted span cross, the double-quoted one is kept. Quotes never
  overlap.
- The article title is not part of the body, so a quote in the title has no row (start/end index
  the body); a quote in a body heading (`## ...`) is `scare` unless the heading names a speaker
  before a colon.

Kind (`full`, `partial`, `scare`):
- scare: no speaker. Also, whatever verb is near: a word mentioned as a word (after "the word
  for", "known as", "so-called", "meaning"...), and a short label inside the narrator's noun phrase
  (determiner + at most 3 quoted words + a word that continues the noun phrase: the "unofficial"
  Chinese restrictions, an "irreversible" nuclear power). The narrator keeps its distance from
  the label; nobody's voice is carried, so voice.py leaves these words to the narrator.
- full: a quoted clause set off from the narrator's text: it opens the sentence, or follows a
  frame ending in "," or ":" (Xi said, "..."), or follows a reporting verb and starts with a
  capital; and it ends a clause (punctuation inside the marks, or the sentence or frame follows).
- partial: every other attributed quote (a fragment woven into the narrator's sentence).
- A quote of five or more words with no speaker found is not scare but `full`/`partial` with
  speaker None and affiliation `unknown` (rule "unattributed"): it is somebody's voice.

Attribution, first rule that fires (the `rule` column names it, then how the speaker phrase was
resolved, e.g. "before:urge|pronoun"):
1. heading / mention / modifier (scare rules above).
2. after: a quote that opens its sentence takes the frame after it: "...," Lee told journalists /
   "...," said the spokesman / "...," Kim, a professor at X, said; a frame standing as the next
   short sentence ("...?" Lee asked.) also counts.
3. continuation: a quote that opens its sentence with no frame continues the previous attributed
   quote of its paragraph (or of the previous paragraph when it opens its own paragraph); or, if
   the previous sentence ends with "X said:", takes X (intro-colon).
4. label: a possessive label noun right before the quote (his policy of "...").
5. before: the last reporting verb before the quote in its sentence (within `max_gap` tokens);
   its subject is the noun phrase right before it (titles and appositions kept: "Chinese Foreign
   Ministry spokesperson Mao Ning"); a participle ("saying that", "arguing that") or a coordinated
   verb ("... and described") takes the subject of the earlier reporting verb of the sentence or
   the sentence's first actor; a relative pronoun ("..., who added that") takes its antecedent.
6. after (immediate frame) for quotes inside the sentence: China "will continue ...," Mao Ning told.
7. according-to: "according to X" in the same sentence.
Speaker phrases resolve in this order: pronouns (he/she, "his office") to the nearest person
(an actor of kind person named earlier in the sentence, else the speaker or first non-possessive
person of the nearest earlier sentence); definite descriptions ("the spokesman", "the report") to
the last earlier mention with that head ("Lee's spokesman", "the Xinhua report"); joint subjects
("both leaders", "Lee and Xi") to the two actors (affiliation `other` when they differ); the
gazetteer (`analysis.actors.gazetteer_for(doc)`) for canonical names and affiliations; then the
article's own names (`analysis.speakers.NameRegistry`: "Pizarro" -> "Aurora Pizarro" as first
introduced, "Ms Hale" -> "Margaret Hale", "the ministry" -> "Russian Ministry of Agriculture",
"the source" -> "a team source", "they" -> the last group speaker), with the affiliation of the
words that describe them ("union president" -> other, "a metals analyst" -> expert, "Sweden's
industry minister" -> SE, a state role in an article about Chile -> CL); descriptors ("analysts" ->
expert); media mastheads ("... Times", "... Daily" -> media); group words ("Chinese officials" ->
CN); else the phrase, affiliation by its descriptor class or `unknown`. Pronouns prefer persons
the article shows as persons (a title, a role, a surname-only mention, a speaker by name) and skip
a person whose known gender (honorific, or an earlier he/she) contradicts them.
More frames: a quote after "X:" with no reporting verb is the clause subject's ("Dawson
shrugged:"); "in his view, ... '...'" is the possessor's; a quote paragraph right after a paragraph
that reports someone ("Farmer Glen Pickering told SCB News he had stayed.") is theirs.

Nested reporting: the speaker is the one whose verb governs the quote (Xi suggested ... "at the
working level," according to Lee's spokesperson -> Xi); an outer relay ("..., Korea JoongAng Daily
reported") counts only when nothing inside the sentence attributes the quote.

Known limits: no parser, so subjects are found by adjacency (a long parenthetical between a
speaker and the verb falls back to the sentence's first actor); gender is known only from
honorifics and earlier pronouns; "it" is not resolved, "they" only to a group speaker; nested quotes of the same mark type with straight quotes cannot be
paired; a plural possessive right after a single-quoted opening word ('the leaders' meeting')
closes the quote too early; quotes in the title and captions are not extracted.

Word lists (reporting verbs, speaker nouns, cues) live in `analysis/data/speech_verbs.yaml`, each
with its source; swap them with `load_lexicon(path)` and the `lexicon=` argument.
"""
from __future__ import annotations

import math
import sys
import types
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd
import yaml

from . import config
from .actors import Actor, Gazetteer, gazetteer_for
from .speakers import NameRegistry, load_affiliator
from .text import Doc, Sentence, count_words

KINDS = ("full", "partial", "scare")
#: Affiliation codes always reported after the gazetteer's country codes. `other_states` gathers the
#: states the gazetteer does not list (their own codes are in the quote table and share_of_voice).
OTHER_STATES = "other_states"
EXTRA_AFFILIATIONS = (OTHER_STATES, "media", "expert", "other", "unknown")
#: Quotes with no speaker and fewer words than this are scare quotes; longer ones "unattributed".
UNATTRIBUTED_MIN_WORDS = 5

EVIDENCE_COLUMNS = ["article_id", "outlet", "quote", "start", "end", "speaker", "affiliation", "kind",
                    "sentence", "rule", "words"]


@dataclass(frozen=True)
class Quote:
    """One quoted span.

    nstart/nend: offsets into `Doc.text` of the text inside the marks; start/end: offsets into
    `Article.body` (so `body[start:end] == text`); sentence: index of the sentence holding the
    opening mark; rule: the attribution rule that fired and how the speaker was resolved;
    words: words inside the marks.
    """

    nstart: int
    nend: int
    start: int
    end: int
    text: str
    kind: str  # full, partial, scare
    speaker: str | None
    affiliation: str
    sentence: int
    rule: str
    words: int = 0
    paragraph: int = -1
    mark: str = '"'


# ---------------------------------------------------------------- lexicon
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
    data = yaml.safe_load(Path(path or config.SPEECH_VERBS_FILE).read_text(encoding="utf-8"))
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
    )


# ---------------------------------------------------------------- detection
_ELISION = re.compile(r"'(?:tis|twas|til|em|n'|cause|bout|\d0s|\d\ds|\d\d\b)", re.IGNORECASE)
_OPEN_BEFORE = set(" \t\n([{-/:\"'\u2014")
_CLOSE_AFTER = set(" \t\n.,;:!?)]}-\"'")


def _mark_direction(doc: Doc, i: int, pstart: int, pend: int) -> str:
    """'open', 'close' or 'ambiguous' for the quote mark at normalised offset i."""
    text = doc.text
    before = text[i - 1] if i > pstart else " "
    after = text[i + 1] if i + 1 < pend else " "
    opening = before in _OPEN_BEFORE and not after.isspace()
    closing = not before.isspace() and (after in _CLOSE_AFTER or i + 1 >= pend)
    if opening and not closing:
        return "open"
    if closing and not opening:
        return "close"
    raw = doc.body[doc.offsets[i]]
    if raw in "\u201c\u201e\u00ab\u2018\u201b":
        return "open"
    if raw in "\u201d\u00bb\u2019":
        return "close"
    return "ambiguous"


def _floating(text: str, i: int, pstart: int, pend: int) -> bool:
    """A mark with white space (or the paragraph edge) on both sides belongs to no word: ignored."""
    before = text[i - 1] if i > pstart else " "
    after = text[i + 1] if i + 1 < pend else " "
    return before.isspace() and after.isspace()


def _positions(text: str, char: str, start: int, end: int) -> list[int]:
    """Offsets of `char` in text[start:end], in order (str.find: no Python loop over every character)."""
    found = []
    i = text.find(char, start, end)
    while i >= 0:
        found.append(i)
        i = text.find(char, i + 1, end)
    return found


def _single_marks(doc: Doc, pstart: int, pend: int) -> list[tuple[int, str]]:
    """Single quote marks that may open or close a quote (apostrophes and elisions dropped)."""
    text = doc.text
    marks = []
    for i in _positions(text, "'", pstart, pend):
        before = text[i - 1] if i > pstart else " "
        after = text[i + 1] if i + 1 < pend else " "
        if before.isalnum() and after.isalnum():
            continue  # Lee's, don't
        raw = doc.body[doc.offsets[i]]
        if (before in _OPEN_BEFORE or i == pstart) and (after.isalnum() or after in "[(\"") \
                and raw != "\u2019":
            if _ELISION.match(text, i):
                continue
            marks.append((i, "open"))
        elif not before.isspace() and (after in _CLOSE_AFTER or i + 1 >= pend) and raw != "\u2018":
            marks.append((i, "close"))
    return marks


def _pair(marks: list[tuple[int, str]]) -> tuple[list[tuple[int, int]], list[int]]:
    """Pair opening and closing marks in order; returns pairs and unmatched opening marks."""
    pairs: list[tuple[int, int]] = []
    unmatched: list[int] = []
    current: int | None = None
    for position, direction in marks:
        if direction == "open" or (direction == "ambiguous" and current is None):
            if current is not None:
                unmatched.append(current)  # an opening mark that never closed: skip its span
            current = position
        elif current is not None:
            if position > current + 1:
                pairs.append((current, position))
            current = None
    if current is not None:
        unmatched.append(current)
    return pairs, unmatched


def find_spans(doc: Doc) -> list[tuple[int, int, str, int]]:
    """Quoted spans as (open mark, close mark, mark, paragraph), normalised offsets, not overlapping.

    The quoted text is `doc.text[open + 1:close]`.
    """
    candidates: list[tuple[int, int, str, int]] = []
    paragraphs = doc.paragraphs
    for index, paragraph in enumerate(paragraphs):
        pstart, pend = paragraph.nstart, paragraph.nend
        doubles = [(i, _mark_direction(doc, i, pstart, pend)) for i in _positions(doc.text, '"', pstart, pend)
                   if not _floating(doc.text, i, pstart, pend)]
        pairs, unmatched = _pair(doubles)
        # Multi-paragraph quote convention: the last mark opens and the next paragraph opens too.
        if unmatched and doubles and unmatched[-1] == doubles[-1][0] and index + 1 < len(paragraphs):
            following = paragraphs[index + 1]
            if doc.text[following.nstart:following.nstart + 1] == '"':
                end = pend
                while end > unmatched[-1] + 1 and doc.text[end - 1].isspace():
                    end -= 1
                pairs.append((unmatched[-1], end))
        candidates += [(a, b, '"', index) for a, b in pairs]
        singles, _ = _pair(_single_marks(doc, pstart, pend))
        candidates += [(a, b, "'", index) for a, b in singles]
    # A double-quoted span wins over a single-quoted one that crosses it (an apostrophe misread);
    # then outer quotes win over the quotes nested inside them.
    def crosses(a: tuple, b: tuple) -> bool:
        return a[0] < b[0] <= a[1] < b[1] or b[0] < a[0] <= b[1] < a[1]

    doubles = [c for c in candidates if c[2] == '"']
    candidates = doubles + [c for c in candidates if c[2] == "'" and not any(crosses(c, d) for d in doubles)]
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    kept: list[tuple[int, int, str, int]] = []
    for span in candidates:
        if all(span[1] < k[0] or span[0] > k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


# ---------------------------------------------------------------- tokens
#: Honorifics and company abbreviations keep their period ("Mr. Raveendran", "Ironbark Ltd."), so a
#: frame is not cut at it.
_ABBREVIATION = r"(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|St|Jr|Sr|Co|Corp|Inc|Ltd|Bros)\.(?!\w)"
_TOKEN = re.compile(rf"\x00+|{_ABBREVIATION}|(?:[A-Za-z]\.){{2,}}(?!\w)|[^\W_]+(?:['\-.][^\W_]+)*(?:'s?)?|[^\w\s\x00]")


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def is_quote(self) -> bool:
        return self.text.startswith("\x00")

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class _Speaker:
    name: str | None
    affiliation: str
    how: str
    person: bool = False


def _word_list(tokens: list[_Token]) -> list[str]:
    return [t.low for t in tokens]


def _alias_pattern(gazetteer: Gazetteer) -> tuple[dict[str, Actor], re.Pattern]:
    """Every actor alias -> actor, and one regex matching any alias (longest first), built once per
    gazetteer (kept on it: building it cost about a third of attributing an article's quotes)."""
    cached = getattr(gazetteer, "_quotes_alias_pattern", None)
    if cached is not None:
        return cached
    aliases: dict[str, Actor] = {}
    for actor in gazetteer.actors:
        for alias in (actor.name,) + actor.aliases:
            aliases.setdefault(alias.replace("\u2011", "-"), actor)
    ordered = sorted(aliases, key=lambda a: (-len(a), a))
    # The lookahead on the aliases' first letters lets `re` drop most positions in one test.
    first = "".join(sorted({re.escape(alias[0]) for alias in ordered})) or "x"
    pattern = re.compile(rf"(?=[{first}])(?<![\w.])(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
    gazetteer._quotes_alias_pattern = (aliases, pattern)
    return aliases, pattern


#: The gender a personal pronoun asks of its antecedent.
_PRONOUN_GENDER = {"he": "m", "his": "m", "him": "m", "she": "f", "her": "f"}
#: Words that may stand right before a verb without being its subject's head.
_NOT_HEADS = frozenset("twice thrice ever soon here there today yesterday tonight now then also "
                       "still again once long already never always often".split())
#: Before an adjective in a predicate ("because the count is not yet final told ..."): the word
#: before the verb is then no noun head.
_PREDICATE_BEFORE = frozenset("is are was were be been being not yet very so too more less most "
                              "quite rather".split())


class _Attributor:
    """Attributes the quotes of one Doc, in document order (pronouns look back at earlier ones)."""

    def __init__(self, doc: Doc, spans: list[tuple[int, int, str, int]], gazetteer: Gazetteer,
                 lexicon: Lexicon):
        self.doc, self.spans, self.gaz, self.lex = doc, spans, gazetteer, lexicon
        pieces, position = [], 0
        for open_mark, close_mark, _, _ in spans:  # sorted, not overlapping
            pieces += [doc.text[position:open_mark], "\x00" * (close_mark + 1 - open_mark)]
            position = close_mark + 1
        self.masked = "".join(pieces) + doc.text[position:]
        aliases, pattern = _alias_pattern(gazetteer)
        self.alias_actor = aliases
        #: (nstart, nend, actor, possessive) of every actor mention outside quotes.
        self.mentions: list[tuple[int, int, Actor, bool]] = []
        for match in pattern.finditer(self.masked):
            possessive = self.masked.startswith("'", match.end())
            self.mentions.append((match.start(), match.end(), aliases[match.group()], possessive))
        # People and bodies the gazetteer does not know (analysis.speakers): their mentions join
        # the gazetteer's, so pronouns and surnames resolve to them too.
        self.registry = NameRegistry(self.masked, doc, gazetteer, load_affiliator(), lexicon.title_words)
        self.registry_actors: dict[Actor, object] = {}
        for start, end, actor, possessive, entity in self.registry.person_actors():
            self.registry_actors[actor] = entity
            self.mentions.append((start, end, actor, possessive))
        self.mentions.sort(key=lambda m: (m[0], -m[1]))
        self.done: list[Quote] = []
        self.done_speakers: list[_Speaker | None] = []

    # ------------------------------------------------------------ context
    def tokens(self, start: int, end: int) -> list[_Token]:
        return [_Token(m.group(), start + m.start(), start + m.end())
                for m in _TOKEN.finditer(self.masked[start:end])]

    def sentence_of(self, position: int) -> Sentence:
        sentence = self.doc.sentence_at(position)
        if sentence is None:  # a mark between sentences: the next sentence
            sentence = next(s for s in self.doc.sentences if s.nstart >= position)
        return sentence

    # ------------------------------------------------------------ speaker resolution
    def persons_between(self, start: int, end: int, possessive: bool = False) -> list[tuple[int, Actor]]:
        return [(a, actor) for a, _, actor, poss in self.mentions
                if start <= a < end and actor.kind == "person" and (possessive or not poss)]

    def _gender_fits(self, name: str | None, pronoun: str) -> bool:
        """False when the person's known gender (honorific, or a pronoun already resolved to them)
        contradicts he/his or she/her."""
        wanted = _PRONOUN_GENDER.get(pronoun)
        entity = self.registry.entity_named(name) if name else None
        return not (wanted and entity is not None and entity.gender and entity.gender != wanted)

    def _learn_gender(self, name: str | None, pronoun: str) -> None:
        wanted = _PRONOUN_GENDER.get(pronoun)
        entity = self.registry.entity_named(name) if name else None
        if wanted and entity is not None and entity.gender is None:
            entity.gender = wanted

    def resolve_pronoun(self, position: int, sentence: Sentence) -> _Speaker | None:
        """He/she/his: the first person named earlier in the sentence, else the nearest earlier
        sentence's attributed speaker or first non-possessive person; a person whose known gender
        contradicts the pronoun is passed over."""
        word = re.match(r"[A-Za-z]+", self.masked[position:position + 4])
        pronoun = word.group().lower() if word else ""
        found = self._resolve_pronoun(position, sentence, pronoun)
        if found is not None:
            self._learn_gender(found.name, pronoun)
        return found

    def _person_like(self, actor: Actor) -> bool:
        """A gazetteer person, or a registry name the article shows as a person (title, role,
        surname-only mention, or already a speaker by name)."""
        entity = self.registry_actors.get(actor)
        return entity is None or self.registry.person_like(entity)

    def _named(self, start: int, end: int, pronoun: str) -> list[tuple[int, Actor]]:
        """Persons named in [start, end) who fit the pronoun: those shown as persons first; a bare
        capitalised name ("Innocent Rugamba") only when there is no such person."""
        fitting = [(a, actor) for a, actor in self.persons_between(start, end)
                   if self._gender_fits(actor.name, pronoun)]
        strong = [(a, actor) for a, actor in fitting if self._person_like(actor)]
        return strong or fitting

    def _resolve_pronoun(self, position: int, sentence: Sentence, pronoun: str) -> _Speaker | None:
        here = self._named(sentence.nstart, position, pronoun)
        if here:
            return self._from_actor(here[0][1], "pronoun")
        for quote, speaker in zip(reversed(self.done), reversed(self.done_speakers)):
            if quote.sentence == sentence.index and quote.nstart < position and speaker and speaker.person \
                    and self._gender_fits(speaker.name, pronoun):
                return _Speaker(speaker.name, speaker.affiliation, "pronoun", True)
        for index in range(sentence.index - 1, -1, -1):
            earlier = self.doc.sentences[index]
            attributed = [s for q, s in zip(self.done, self.done_speakers)
                          if q.sentence == index and s is not None and s.person
                          and self._gender_fits(s.name, pronoun)]
            if attributed:
                return _Speaker(attributed[-1].name, attributed[-1].affiliation, "pronoun", True)
            named = self._named(earlier.nstart, earlier.nend, pronoun)
            if named:
                return self._from_actor(named[0][1], "pronoun")
        return None

    def resolve_they(self, sentence: Sentence) -> _Speaker | None:
        """"They cautioned": the last group speaker (a plural descriptor such as "the authors",
        "residents") of this or the previous two sentences."""
        for quote, speaker in zip(reversed(self.done), reversed(self.done_speakers)):
            if quote.sentence < sentence.index - 2:
                break
            if speaker is not None and speaker.name and not speaker.person \
                    and speaker.name.split()[-1].lower().endswith("s") and speaker.how != "previous-quote":
                return _Speaker(speaker.name, speaker.affiliation, "they", False)
        return None

    def _from_actor(self, actor: Actor, how: str) -> _Speaker:
        entity = self.registry_actors.get(actor)
        if entity is not None:
            code, rule = self.registry.affiliation_evidence(entity)
            return _Speaker(entity.name, code, f"{how}|registry:{rule}", True)
        return _Speaker(actor.name, actor.affiliation, how, actor.kind == "person")

    def _from_entity(self, entity, how: str) -> _Speaker:
        if how == "name" and entity.kind == "person":
            entity.evidence = True  # a speaker by name is a person for the pronouns after it
        code, rule = self.registry.affiliation_evidence(entity)
        return _Speaker(entity.name, code, f"{how}|registry:{rule}", entity.kind == "person")

    def resolve_definite(self, head: str, position: int) -> _Speaker | None:
        """"the spokesman": the last earlier mention of that head with a resolvable modifier."""
        heads = self.lex.synonyms.get(head, frozenset([head]))
        pattern = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, heads))) + r")\b", re.IGNORECASE)
        for match in reversed(list(pattern.finditer(self.masked, 0, position))):
            window = self.tokens(max(0, match.start() - 60), match.end())[-6:]
            phrase = self.doc.text[window[0].start:window[-1].end] if window else ""
            actor = self.gaz.find_actor(phrase) if phrase else None
            if actor is not None and not re.fullmatch(r"(?i)the\s+\w+", phrase.strip()):
                return self._from_actor(actor, "definite")
        for candidate in sorted(heads):
            body = self.registry.body_with_head(candidate, position)
            if body is not None:
                return self._from_entity(body, "definite")
        # "the source said" after "a team source told ...": the indefinite that introduced it.
        indefinite = re.compile(r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w.'-]+\s+){0,3}?(?:"
                                + "|".join(sorted(map(re.escape, heads))) + r")\b")
        introductions = list(indefinite.finditer(self.masked, 0, position))
        if introductions:
            name = introductions[-1].group()
            name = name[:1].lower() + name[1:]
            code, rule = self.registry.aff.explain([name], self.registry.home)
            return _Speaker(name, code, f"definite-indefinite|registry:{rule}", False)
        return None

    def recent_persons(self, position: int, count: int) -> list[Actor]:
        found: list[Actor] = []
        for _, actor in reversed(self.persons_between(0, position, possessive=True)):
            if actor not in found:
                found.append(actor)
            if len(found) == count:
                break
        return found

    def resolve_phrase(self, phrase: list[_Token], sentence: Sentence,
                       apposition: list[_Token] | None = None) -> _Speaker | None:
        """A speaker noun phrase (tokens) -> readable name and affiliation."""
        if not phrase:
            return None
        lex = self.lex
        words = _word_list(phrase)
        text = self.doc.text[phrase[0].start:phrase[-1].end]
        position = phrase[0].start
        unresolved = _Speaker(None, "unknown", "unresolved")
        if len(words) == 1 and words[0] in lex.personal:
            if words[0] == "they":
                return self.resolve_they(sentence) or unresolved
            found = self.resolve_pronoun(position, sentence) if words[0] in ("he", "she", "i") else None
            return found or unresolved
        if words[0] in lex.possessive and words[-1] in lex.office_heads and len(words) <= 3:
            owner = self.resolve_pronoun(position, sentence)
            if owner is None:
                return unresolved
            if words[-1] in ("office", "camp", "team", "aides", "administration", "government"):
                return _Speaker(owner.name, owner.affiliation, "pronoun-office", False)
            return _Speaker(f"{owner.name}'s {words[-1]}", owner.affiliation, "pronoun-office", False)
        capitals = [t for t in phrase if t.capital and t.low not in lex.determiners]
        plain = [w for w in words if w not in lex.determiners and w not in lex.quantifiers]
        if words[0] in lex.quantifiers or (len(words) > 1 and words[0] == "the" and words[1] in lex.quantifiers):
            if plain and plain[-1] in lex.speaker_nouns and not any(t.capital for t in phrase[1:]):
                pair = self.recent_persons(position, 2)
                codes = sorted({a.affiliation for a in pair})
                affiliation = codes[0] if len(codes) == 1 else ("other" if codes else "unknown")
                return _Speaker(" ".join(words), affiliation, "joint", False)
        if "and" in words:
            cut = words.index("and")
            left = self.gaz.find_actor(self.doc.text[phrase[0].start:phrase[cut - 1].end]) if cut else None
            right = self.gaz.find_actor(self.doc.text[phrase[cut + 1].start:phrase[-1].end]) \
                if cut + 1 < len(phrase) else None
            if left is not None and right is not None and left != right:
                codes = sorted({left.affiliation, right.affiliation})
                return _Speaker(f"{left.name} and {right.name}", codes[0] if len(codes) == 1 else "other",
                                "joint", False)
        if words[0] == "the" and len(plain) == 1 and len(capitals) <= 1 \
                and not (capitals and capitals[0] is not phrase[0]) and plain[0].isalpha():
            found = self.resolve_definite(plain[0], position)
            if found is not None:
                return found
        actor = self.gaz.find_actor(text)
        if actor is not None:
            return self._from_actor(actor, "gazetteer")
        apposition_text = self.doc.text[apposition[0].start:apposition[-1].end] if apposition else ""
        entity = self.registry.lookup(text, position)
        if entity is None and apposition_text:
            entity = self.registry.lookup(apposition_text, apposition[0].start)
        if entity is not None:
            return self._from_entity(entity, "name")
        described = " ".join([text] + ([apposition_text] if apposition_text else []))
        affiliation = self.gaz.descriptor_affiliation(described)
        name_tokens = list(phrase)
        institution = phrase[-1].low in lex.speaker_nouns  # "the U.S. State Department": keep whole
        while not institution and name_tokens and (name_tokens[0].low in lex.title_words or name_tokens[0].low in lex.determiners
                               or self.gaz.group_affiliation(name_tokens[0].text)) and len(name_tokens) > 1:
            name_tokens.pop(0)
        is_name = all(t.capital for t in name_tokens) and not self.gaz.group_affiliation(
            self.doc.text[name_tokens[0].start:name_tokens[-1].end])
        if is_name and name_tokens[-1].low in lex.media_words:
            affiliation = affiliation or "media"
            is_name = False
        affiliation = affiliation or self.gaz.group_affiliation(described)
        evidence = ""
        if affiliation is None:  # "residents", "a team source", "the then health minister"
            affiliation, found = self.registry.aff.explain([described], self.registry.home)
            evidence = "" if found == "none" else f"|registry:{found}"
        if is_name and any(t.low in lex.speaker_nouns for t in name_tokens):
            is_name = False
        if is_name:
            name = self.doc.text[name_tokens[0].start:name_tokens[-1].end]
            return _Speaker(name, affiliation, "name", True)
        name = text[4:] if text.startswith(("The ", "the ")) and affiliation != "media" else text
        name = re.sub(r"^(?:[Ss]ome|[Ss]everal|[Mm]any|[Oo]ther)\s+(?=\S+\s+\S)", "", name)
        first_word = name.split()[0].lower() if name.split() else ""
        if (not capitals or capitals == [phrase[0]] and phrase[0].low in lex.speaker_nouns | lex.quantifiers
                or first_word in lex.determiners and affiliation != "media"):
            name = name[:1].lower() + name[1:]
        how = "descriptor" if affiliation in ("expert", "media") else ("group" if affiliation != "unknown" else "phrase")
        how += evidence
        head = words[-1] if words else ""
        person = head in self.registry.aff.role_words and not head.endswith("s") and (
            words[0] in ("a", "an", "one") or "the" not in words)  # "an Eskom engineer"
        return _Speaker(name, affiliation, how, person)

    # ------------------------------------------------------------ noun phrases
    def np_backward(self, tokens: list[_Token], end: int) -> list[_Token]:
        """The noun phrase ending right before tokens[end] (titles, possessives, 'X and Y')."""
        lex = self.lex
        j = end
        while j > 0:
            token = tokens[j - 1]
            low = token.low
            if token.is_quote or not token.is_word:
                break
            if low in lex.personal or low in lex.relative:
                if j == end:
                    j -= 1
                break
            if low in lex.possessive:
                if j < end:
                    j -= 1
                break
            if low == "the" and j < end and j >= 3 and tokens[j - 2].low == "of" \
                    and (tokens[j - 3].capital or tokens[j - 3].low in lex.speaker_nouns) and tokens[j].capital:
                j -= 2  # "Jakob Lind of the University of ...": on over "of the"
                continue
            if low in lex.determiners or low == "the":
                if j < end:
                    j -= 1
                break
            if token.capital or low in lex.speaker_nouns or low in lex.quantifiers:
                j -= 1
                continue
            if low == "and" and j < end and j >= 2 and tokens[j - 2].capital and tokens[j].capital:
                j -= 1
                continue
            if j < end and low.isalpha() and low not in lex.function_words \
                    and (low not in lex.verb_forms or tokens[j].low in lex.speaker_nouns) \
                    and (tokens[end - 1].low in lex.speaker_nouns or j < end - 1 or not tokens[end - 1].capital) \
                    and not low.endswith(("ly", "ed", "ing")):
                j -= 1  # a modifier of the head: "senior officials", "team source", "media outlets"
                continue
            if j == end and low.isalpha() and low not in lex.function_words and low not in lex.verb_forms \
                    and low not in lex.skip_words and low not in _NOT_HEADS \
                    and not low.endswith(("ly", "ed", "ing")) and len(low) > 2 \
                    and not (j >= 2 and tokens[j - 2].low in _PREDICATE_BEFORE):
                j -= 1  # a common noun right before the verb is its head: "One reporter asked"
                continue
            # "Jakob Lind of the University of Copenhagen", "Marcus Thorne of Halvern Bank": the
            # phrase goes on back over "of (the)" to a capitalised name or a speaker noun.
            if low in ("of", "the") and j < end:
                k = j - 1
                if tokens[k].low == "the" and k > 0 and tokens[k - 1].low == "of":
                    k -= 1
                if tokens[k].low == "of" and k > 0 and (tokens[k - 1].capital or tokens[k - 1].low in lex.speaker_nouns) \
                        and tokens[j].capital:
                    j = k
                    continue
            break
        phrase = tokens[j:end]
        # Sentence-initial function words are capitalised too ("During", "Using"): never a subject.
        while phrase and phrase[0].low in lex.function_words:
            phrase = phrase[1:]
        return phrase

    def np_forward(self, tokens: list[_Token], start: int) -> list[_Token]:
        """The noun phrase starting at tokens[start] ("said the spokesman on Monday")."""
        lex = self.lex
        k = start
        while k < len(tokens) and k - start < 10:
            token = tokens[k]
            if token.low == "of" and k > start and k + 1 < len(tokens) and tokens[k + 1].capital:
                k += 1  # "Minister of Agriculture Aidos Nurlanov"
                continue
            if not token.is_word or token.low in lex.function_words or token.low in lex.verb_forms:
                if not (k == start and token.low in lex.determiners):
                    break
            k += 1
        phrase = tokens[start:k]
        while phrase and not (phrase[-1].capital or phrase[-1].low in lex.speaker_nouns
                              or (len(phrase) == 1 and phrase[0].low in lex.personal)):
            phrase = phrase[:-1]
        return phrase

    # ------------------------------------------------------------ verbs
    def verb_lemma(self, tokens: list[_Token], index: int) -> str | None:
        """The reporting-verb lemma of tokens[index], if it is used as a verb there."""
        token = tokens[index]
        if token.capital and index > 0 or not token.is_word:
            return None
        lemma = self.lex.verb_forms.get(token.low)
        if lemma is None:
            return None
        previous = tokens[index - 1].low if index > 0 else ""
        if token.low.endswith("ing") and previous in ("in", "of"):
            return None  # "agreed in writing", "the art of saying": a noun
        requires = self.lex.verb_options.get(lemma, {}).get("requires")
        if token.low == lemma and requires and index + 1 < len(tokens) and tokens[index + 1].low == requires:
            return lemma  # "as one banker put it"
        if token.low == lemma:  # a bare base form is often a noun ("state media", "the report")
            before = tokens[index - 1] if index > 0 else None
            plural_subject = before is not None and not before.text.endswith("'s") and (
                before.capital or before.low in self.lex.speaker_nouns) and before.low not in self.lex.determiners
            following = tokens[index + 1].low if index + 1 < len(tokens) else ""
            if following in self.lex.speaker_nouns and previous != "to":  # "state media": a noun
                return None
            if not plural_subject and previous not in {
                    "to", "will", "would", "could", "may", "might", "must", "should", "can", "did", "does",
                    "do", "not", "i", "we", "they", "you"}:
                return None
        elif token.low.endswith("s") and not token.low.endswith("ss") and token.low not in ("says",):
            k = index - 1
            while k >= 0 and tokens[k].low in self.lex.skip_words:
                k -= 1
            if k < 0 or not (tokens[k].capital or tokens[k].low in self.lex.personal
                             or tokens[k].low in self.lex.speaker_nouns):
                return None
        elif previous in self.lex.determiners:
            return None
        return lemma

    def verb_applies(self, tokens: list[_Token], index: int, lemma: str, end: int) -> bool:
        options = self.lex.verb_options[lemma]
        if end - index - 1 > options["max_gap"]:
            return False
        if options["requires"] and options["requires"] not in _word_list(tokens[index + 1:end]):
            return False
        return True

    def subject_of(self, tokens: list[_Token], index: int, sentence: Sentence,
                   depth: int = 0) -> _Speaker | None:
        """Speaker of the reporting verb tokens[index]."""
        if depth > 4:
            return None
        if tokens[index].low.endswith("ing"):
            return self.clause_subject(tokens, index, sentence, depth)
        i = index
        while i > 0 and (tokens[i - 1].low in self.lex.skip_words
                         or (tokens[i - 1].text == "," and i > 1 and tokens[i - 2].low in self.lex.skip_words)):
            i -= 1
        if i == 0:
            return None
        if tokens[i - 1].text == ")":  # "The ... Association of Nigeria (IPMAN) accused"
            k = i - 1
            while k > 0 and tokens[k].text != "(":
                k -= 1
            if k > 0 and i - k <= 4:
                phrase = self.np_backward(tokens, k)
                if phrase:
                    return self.resolve_phrase(phrase, sentence)
        previous = tokens[i - 1]
        if previous.text == ",":  # "Wang Yi, the Chinese foreign minister, said"
            commas = [k for k in range(max(0, i - 30), i - 1) if tokens[k].text == ","]
            if commas:
                core = self.np_backward(tokens, commas[-1])
                if core and (core[0] is tokens[0] or tokens[tokens.index(core[0]) - 1].text in (",", ":")):
                    found = self.resolve_phrase(core, sentence, tokens[commas[-1] + 1:i - 1])
                    if found is not None:
                        return found
        if previous.low == "to" and i > 1 and tokens[i - 2].is_word and not tokens[i - 2].capital \
                and tokens[i - 2].low not in self.lex.function_words:
            phrase = self.np_backward(tokens, i - 1)  # "prompting campaigners to accuse"
            if phrase:
                return self.resolve_phrase(phrase, sentence)
        if previous.low in ("and", "but", "or") or previous.text == ",":
            return self.clause_subject(tokens, i - 1, sentence, depth)
        if previous.low in ("who", "which"):
            k = i - 1
            if k > 0 and tokens[k - 1].text == ",":
                k -= 1
            antecedent = self.np_backward(tokens, k)
            if antecedent and antecedent[0].low == "to" or not antecedent:
                return None
            found = self.resolve_phrase(antecedent, sentence)
            return _Speaker(found.name, found.affiliation, "relative", found.person) if found else None
        phrase = self.np_backward(tokens, i)
        if not phrase:
            return self.clause_subject(tokens, i, sentence, depth)
        return self.resolve_phrase(phrase, sentence)

    def clause_subject(self, tokens: list[_Token], end: int, sentence: Sentence,
                       depth: int) -> _Speaker | None:
        """Subject for a participle or coordinated verb: the earlier reporting verb's subject, else
        the sentence's first pronoun subject or first non-possessive actor."""
        for k in range(end - 1, -1, -1):
            lemma = self.verb_lemma(tokens, k)
            if lemma and not tokens[k].low.endswith("ing"):
                found = self.subject_of(tokens, k, sentence, depth + 1)
                if found is not None:
                    return found
        limit = tokens[end].start if end < len(tokens) else sentence.nend
        for k, token in enumerate(tokens[:end]):
            if token.low in ("he", "she") and (k == 0 or tokens[k - 1].text == ","):
                return self.resolve_pronoun(token.start, sentence)
            if token.start >= limit:
                break
        for a, _, actor, possessive in self.mentions:
            if sentence.nstart <= a < limit and not possessive:
                return self._from_actor(actor, "subject")
        first = next((t for t in tokens if t.is_word), None)
        if first is not None and first.capital:  # "The National Union of ... blamed ... and said"
            entity = self.registry.body_starting(first.start, sentence.nstart)
            if entity is not None:
                return self._from_entity(entity, "subject")
        return None

    # ------------------------------------------------------------ frames
    def frame_after(self, right: list[_Token], sentence: Sentence, whole: bool = False) -> tuple[_Speaker, str] | None:
        """A frame right after a quote: 'NP VERB' or 'VERB NP' (with an optional apposition)."""
        k = 0
        while k < len(right) and right[k].text in (",", "-"):
            k += 1
        rest = right[k:]
        if not rest:
            return None
        lemma = self.verb_lemma(rest, 0) if not rest[0].capital else None
        if lemma:
            phrase = self.np_forward(rest, 1)
            if phrase and (not whole or all(not t.is_word for t in rest[1 + len(phrase):])):
                apposition = self._apposition(rest, 1 + len(phrase))
                found = self.resolve_phrase(phrase, sentence, apposition)
                if found:
                    return found, lemma
            return None
        for v in range(1, min(len(rest), 14)):
            if rest[v].text in (".", "!", "?", ";", ":") or rest[v].is_quote:
                return None
            lemma = self.verb_lemma(rest, v)
            if not lemma:
                continue
            i = v
            while i > 0 and rest[i - 1].low in self.lex.skip_words:
                i -= 1
            phrase = self.np_backward(rest, i)
            apposition = None
            prefix = rest[:i - len(phrase)]
            if phrase and prefix and all(t.is_word and t.low not in self.lex.function_words
                                         and not self.verb_lemma(rest, n) for n, t in enumerate(prefix)):
                phrase = rest[:i]  # "union president Rodrigo Fuentes told": a descriptor in front
            if len(phrase) != i:  # the phrase must start the frame, or be "X, apposition,"
                texts = [t.text for t in rest[:i]]
                if not (i > 1 and texts[-1] == "," and "," in texts[:-1]):
                    return None
                first_comma = texts.index(",")
                core = self.np_backward(rest, first_comma)
                if not core or len(core) != first_comma:
                    return None
                phrase, apposition = core, rest[first_comma + 1:i - 1]
            if whole and any(t.is_word for t in rest[v + 1:]):
                return None
            found = self.resolve_phrase(phrase, sentence, apposition)
            return (found, lemma) if found else None
        return None

    @staticmethod
    def _apposition(tokens: list[_Token], k: int) -> list[_Token] | None:
        if k < len(tokens) and tokens[k].text == ",":
            tail = []
            for token in tokens[k + 1:]:
                if token.text in (",", "."):
                    break
                tail.append(token)
            return tail or None
        return None

    def according_to(self, tokens: list[_Token], sentence: Sentence) -> _Speaker | None:
        words = _word_list(tokens)
        for cue in self.lex.according_to:
            for k in range(len(words) - len(cue) + 1):
                if tuple(words[k:k + len(cue)]) == cue:
                    phrase = self.np_forward(tokens, k + len(cue))
                    found = self.resolve_phrase(phrase, sentence) if phrase else None
                    if found:
                        return found
        return None

    def possessive_frame(self, left: list[_Token], sentence: Sentence) -> _Speaker | None:
        """"In his view, the key question is '...'": the possessor of a frame of opinion."""
        words = _word_list(left)
        for frame in self.lex.possessive_frames:
            for k in range(len(words) - len(frame) + 1):
                if all(f == "*" or f == w for f, w in zip(frame, words[k:k + len(frame)])):
                    owner = left[k + frame.index("*")]
                    if owner.low in self.lex.possessive:
                        return self.resolve_pronoun(owner.start, sentence)
                    if owner.text.endswith("'s"):
                        return self.resolve_phrase(self.np_backward(left, k + frame.index("*") + 1), sentence)
        return None

    def colon_subject(self, tokens: list[_Token], sentence: Sentence) -> _Speaker | None:
        """A quote after a clause ending in ":" with no reporting verb ("Dawson shrugged:",
        "Chief Laura McKinnon opened the briefing with a warning:") is the clause subject's: the
        noun phrase opening the clause, after a leading participle or subordinate clause
        ("Asked if he was worried, Dawson ...")."""
        start = 0
        if tokens and (tokens[0].low in self.lex.function_words or tokens[0].low.endswith(("ed", "ing"))) \
                and any(t.text == "," for t in tokens):
            start = next(i for i, t in enumerate(tokens) if t.text == ",") + 1
        if start >= len(tokens):
            return None
        first = tokens[start]
        if first.low in ("he", "she", "i"):
            return self.resolve_pronoun(first.start, sentence)
        if first.low in self.lex.function_words or not first.is_word:
            return None
        phrase = self.np_forward(tokens, start)
        return self.resolve_phrase(phrase, sentence) if phrase else None

    def last_verb(self, left: list[_Token], sentence: Sentence) -> tuple[_Speaker, str] | None:
        end = len(left)
        for k in range(end - 1, -1, -1):
            lemma = self.verb_lemma(left, k)
            if lemma and self.verb_applies(left, k, lemma, end):
                found = self.subject_of(left, k, sentence)
                if found is not None:
                    return found, lemma
                return None
        return None

    # ------------------------------------------------------------ one quote
    def attribute(self, span: tuple[int, int, str, int]) -> Quote:
        doc, lex = self.doc, self.lex
        open_mark, close_mark, mark, paragraph_index = span
        nstart, nend = open_mark + 1, close_mark
        start, end = doc.raw_span(nstart, nend)
        words = count_words(doc.text[nstart:nend])
        quoted = doc.text[nstart:nend].strip()
        sentence = self.sentence_of(open_mark)
        closing_sentence = self.sentence_of(close_mark) if close_mark < len(doc.text) else sentence
        left = self.tokens(sentence.nstart, open_mark)
        right_end = closing_sentence.nend if closing_sentence.nend > close_mark else sentence.nend
        right = self.tokens(close_mark + 1, right_end)
        left_words = _word_list(left)
        paragraph = doc.paragraphs[paragraph_index]

        speaker: _Speaker | None = None
        rule = ""
        scare_rule = None
        if paragraph.kind == "heading":
            if len(left) >= 2 and left[-1].text == ":":
                speaker = self.resolve_phrase(self.np_backward(left, len(left) - 1), sentence)
                rule = "heading-colon"
            if speaker is None:
                scare_rule = "heading"
        if scare_rule is None and speaker is None:
            for cue in lex.mention_cues:
                if tuple(left_words[-len(cue):]) == cue:
                    scare_rule = "mention:" + " ".join(cue)
                    break
        if scare_rule is None and speaker is None and words <= lex.modifier_max_words \
                and quoted[-1:] not in ".,!?;:" and left and left[-1].low in lex.determiners \
                and right and right[0].is_word and right[0].low not in lex.function_words \
                and not self.verb_lemma(right, 0):
            scare_rule = "modifier"

        opens_sentence = all(not t.is_word or t.low in ("and", "but", "so") for t in left)
        if scare_rule is None and speaker is None and opens_sentence:
            found = self.frame_after(right, sentence)
            if found:
                speaker, rule = found[0], "after:" + found[1]
            elif not any(t.is_word for t in right):
                speaker, rule = self._next_sentence_frame(sentence, closing_sentence, paragraph_index)
                if speaker is None:
                    speaker, rule = self._continuation(sentence, paragraph_index, open_mark)
        if scare_rule is None and speaker is None and not opens_sentence:
            if len(left) >= 2 and left[-1].low in ("of", "for", "to") and left[-2].low in lex.label_nouns:
                owner = left[-3] if len(left) >= 3 else None
            elif left and left[-1].low in lex.label_nouns:
                owner = left[-2] if len(left) >= 2 else None
            else:
                owner = None
            if owner is not None and (owner.low in lex.possessive or owner.text.endswith("'s")):
                if owner.low in lex.possessive:
                    speaker = self.resolve_pronoun(owner.start, sentence)
                else:
                    phrase = self.np_backward(left, left.index(owner) + 1)
                    cut = self.doc.text[phrase[0].start:owner.end - 2] if phrase else owner.text[:-2]
                    actor = self.gaz.find_actor(cut)
                    speaker = self._from_actor(actor, "gazetteer") if actor else None
                if speaker is not None:
                    rule = "label:" + (left[-2].low if left[-1].low in ("of", "for", "to") else left[-1].low)
            if speaker is None:
                found = self.last_verb(left, sentence)
                if found:
                    speaker, rule = found[0], "before:" + found[1]
            if speaker is None:
                found = self.frame_after(right, sentence)
                if found:
                    speaker, rule = found[0], "after:" + found[1]
        if scare_rule is None and speaker is None:
            found = self.according_to(left + right, sentence)
            if found:
                speaker, rule = found, "according-to"
        if scare_rule is None and speaker is None:
            found = self.possessive_frame(left, sentence)
            if found:
                speaker, rule = found, "possessive-frame"
        if scare_rule is None and speaker is None and left and left[-1].text == ":":
            found = self.colon_subject(left[:-1], sentence)
            if found:
                speaker, rule = found, "colon-subject"

        if scare_rule is None and speaker is None and words < UNATTRIBUTED_MIN_WORDS:
            scare_rule = "no-speaker"
        if scare_rule is not None:
            kind, name, affiliation, rule = "scare", None, "unknown", scare_rule
        else:
            kind = self._kind(left, right, quoted, opens_sentence)
            if speaker is None:
                name, affiliation, rule = None, "unknown", "unattributed"
            else:
                name, affiliation = speaker.name, speaker.affiliation
                rule = f"{rule}|{speaker.how}"
        quote = Quote(nstart, nend, start, end, doc.body[start:end], kind, name, affiliation,
                      sentence.index, rule, words, paragraph_index, mark)
        self.done.append(quote)
        self.done_speakers.append(speaker if scare_rule is None else None)
        return quote

    def _kind(self, left: list[_Token], right: list[_Token], quoted: str, opens_sentence: bool) -> str:
        quoted = quoted.rstrip("'\" ")  # a nested quote closing with the outer one: ...,'"
        ends_clause = quoted[-1:] in ".,!?;:" or not right or right[0].text in (".", "!", "?", ";", ",")
        if not ends_clause:
            return "partial"
        if opens_sentence:
            return "full"
        if left[-1].text in (",", ":") and len(left) >= 2 and (
                any(self.verb_lemma(left, k) for k in range(max(0, len(left) - 6), len(left) - 1))):
            return "full"
        if self.verb_lemma(left, len(left) - 1) and quoted[:1].isupper():
            return "full"
        if left[-1].text == ":" and quoted[:1].isupper():
            return "full"  # "As one banker put it to me: 'They can ...'"
        return "partial"

    def _next_sentence_frame(self, sentence: Sentence, closing: Sentence,
                             paragraph_index: int) -> tuple[_Speaker | None, str]:
        following = closing.index + 1
        if following < len(self.doc.sentences):
            nxt = self.doc.sentences[following]
            if nxt.paragraph == paragraph_index and nxt.words <= 8:
                found = self.frame_after(self.tokens(nxt.nstart, nxt.nend), nxt, whole=True)
                if found:
                    return found[0], "after-next:" + found[1]
        return None, ""

    def _continuation(self, sentence: Sentence, paragraph_index: int,
                      open_mark: int) -> tuple[_Speaker | None, str]:
        for quote, speaker in zip(reversed(self.done), reversed(self.done_speakers)):
            if speaker is None:
                continue
            if quote.paragraph == paragraph_index:
                return _Speaker(speaker.name, speaker.affiliation, "previous-quote", speaker.person), "continuation"
            paragraph = self.doc.paragraphs[paragraph_index]
            if quote.paragraph == paragraph_index - 1 and open_mark == paragraph.nstart:
                return _Speaker(speaker.name, speaker.affiliation, "previous-quote", speaker.person), "continuation"
            break
        if sentence.index > 0:
            previous = self.doc.sentences[sentence.index - 1]
            if previous.text.rstrip().endswith(":") and previous.paragraph >= paragraph_index - 1:
                tokens = self.tokens(previous.nstart, previous.nend)
                found = self.last_verb(tokens[:-1], previous)
                if found:
                    return found[0], "intro-colon:" + found[1]
                found = self.colon_subject(tokens[:-1], previous)
                if found:
                    return found, "intro-colon:subject"
            # A quote that opens its paragraph and follows a paragraph reporting someone's words
            # ("Farmer Glen Pickering told SCB News he had stayed behind." / "We've got the
            # pumps going ..."): the reported speaker's, the news convention for a quote
            # paragraph after its paraphrase.
            paragraph = self.doc.paragraphs[paragraph_index]
            if open_mark == paragraph.nstart and previous.paragraph == paragraph_index - 1:
                tokens = self.tokens(previous.nstart, previous.nend)
                if not any(t.is_quote for t in tokens):
                    for k in range(len(tokens)):
                        lemma = self.verb_lemma(tokens, k)
                        if lemma:
                            found = self.subject_of(tokens, k, previous)
                            if found is not None and found.name:
                                return found, "after-paraphrase:" + lemma
                            break
        return None, ""


# ---------------------------------------------------------------- public API
def extract_quotes(doc: Doc, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None) -> list[Quote]:
    """Every quoted span of the body, in order, classified and attributed (memoised on the doc).

    The memo holds the default gazetteer/lexicon result; passing either computes afresh.
    """
    default = gazetteer is None and lexicon is None
    if default and "quotes" in doc.cache:
        return doc.cache["quotes"]
    spans = find_spans(doc)
    quotes: list[Quote] = []
    if spans:  # no quote marks: nothing to attribute, no name registry to build
        attributor = _Attributor(doc, spans, gazetteer or gazetteer_for(doc), lexicon or load_lexicon())
        quotes = [attributor.attribute(span) for span in spans]
    if default:
        doc.cache["quotes"] = quotes
    return quotes


def _article_fields(doc: Doc) -> tuple[str | None, str | None]:
    article = doc.article
    return (article.id if article else None, article.outlet if article else None)


def quote_evidence(doc: Doc) -> pd.DataFrame:
    """One row per quoted span: article_id, outlet, quote (the body text inside the marks),
    start/end (offsets into the body), speaker, affiliation, kind, sentence, rule, words."""
    article_id, outlet = _article_fields(doc)
    rows = [{"article_id": article_id, "outlet": outlet, "quote": q.text, "start": q.start, "end": q.end,
             "speaker": q.speaker, "affiliation": q.affiliation, "kind": q.kind, "sentence": q.sentence,
             "rule": q.rule, "words": q.words} for q in extract_quotes(doc)]
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def _docs(corpus) -> Iterable[Doc]:
    for article in sorted(corpus.articles, key=lambda a: a.id):
        yield Doc.from_article(article)


def quotes_table(corpus) -> pd.DataFrame:
    """One row per quoted span of every article (see `quote_evidence`), sorted by article, start."""
    frames = [quote_evidence(doc) for doc in _docs(corpus)]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    table = pd.concat(frames, ignore_index=True)
    return table.sort_values(["article_id", "start"], kind="mergesort").reset_index(drop=True)


def affiliation_codes(gazetteer: Gazetteer) -> list[str]:
    """The fixed affiliation columns: the gazetteer's country codes (sorted), then EXTRA_AFFILIATIONS."""
    codes = {g.get("affiliation") for g in gazetteer.groups.values()} | {a.affiliation for a in gazetteer.actors}
    countries = sorted(c for c in codes if isinstance(c, str) and re.fullmatch(r"[A-Z]{2}", c))
    return countries + list(EXTRA_AFFILIATIONS)


def share_column(affiliation: str, codes: list[str]) -> str:
    """The voice_share column a speaker's affiliation counts in: its own code if listed in
    `codes` (`affiliation_codes`), else `other_states` (a state the gazetteer does not list)."""
    return affiliation if affiliation in codes else OTHER_STATES


def summarize(doc: Doc) -> dict:
    """Quote metrics of one article.

    quote_count: every quoted span (full + partial + scare), with quote_count_full/_partial/_scare;
    quoted_word_share: quoted-voice words (full and partial quotes) / all words, 0..1, headings
    excluded (analysis.voice.words_by_voice); voice_share_<code>: quoted words of speakers with that
    affiliation / all quoted words (full and partial), 0..1, NaN when nothing is quoted (codes:
    `affiliation_codes`; voice_share_other_states covers state codes the gazetteer does not list,
    such as CL for "Chile's mining minister"); speakers:
    distinct named speakers of full and partial quotes.
    """
    from .voice import NARRATOR, QUOTED, words_by_voice

    quotes = extract_quotes(doc)
    row: dict = {"quote_count": len(quotes)}
    for kind in KINDS:
        row[f"quote_count_{kind}"] = sum(1 for q in quotes if q.kind == kind)
    voice = words_by_voice(doc)
    total = voice[NARRATOR] + voice[QUOTED]
    row["quoted_word_share"] = voice[QUOTED] / total if total else 0.0
    voiced = [q for q in quotes if q.kind != "scare"]
    quoted_words = sum(q.words for q in voiced)
    codes = affiliation_codes(gazetteer_for(doc))
    for code in codes:
        words = sum(q.words for q in voiced if share_column(q.affiliation, codes) == code)
        row[f"voice_share_{code}"] = words / quoted_words if quoted_words else math.nan
    row["speakers"] = len({q.speaker for q in voiced if q.speaker})
    return row


def share_of_voice(data) -> pd.DataFrame:
    """Quoted words by speaker affiliation, per article and per outlet (scare quotes excluded).

    `data` is a Corpus or a `quotes_table` frame. Columns: level ('article' or 'outlet'), outlet,
    article_id (empty for outlet rows), affiliation, quoted_words, share (0..1 of the level's quoted
    words). Sorted by level, outlet, article_id, affiliation.
    """
    table = data if isinstance(data, pd.DataFrame) else quotes_table(data)
    voiced = table[table["kind"] != "scare"]
    columns = ["level", "outlet", "article_id", "affiliation", "quoted_words", "share"]
    if voiced.empty:
        return pd.DataFrame(columns=columns)
    parts = []
    for level, keys in (("article", ["outlet", "article_id"]), ("outlet", ["outlet"])):
        grouped = voiced.groupby(keys + ["affiliation"], sort=True)["words"].sum().reset_index()
        grouped = grouped.rename(columns={"words": "quoted_words"})
        totals = grouped.groupby(keys)["quoted_words"].transform("sum")
        grouped["share"] = grouped["quoted_words"] / totals
        grouped["level"] = level
        if "article_id" not in grouped:
            grouped["article_id"] = ""
        parts.append(grouped[columns])
    result = pd.concat(parts, ignore_index=True)
    return result.sort_values(["level", "outlet", "article_id", "affiliation"], kind="mergesort").reset_index(drop=True)


class _CallableModule(types.ModuleType):
    """Importing this submodule rebinds the package attribute `analysis.quotes` (the contract's
    function) to the module; making the module callable keeps `analysis.quotes(corpus)` working."""

    def __call__(self, corpus) -> pd.DataFrame:
        return quotes_table(corpus)


sys.modules[__name__].__class__ = _CallableModule
