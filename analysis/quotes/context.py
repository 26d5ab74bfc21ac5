"""One article's state while its quotes are attributed, in document order.

The text with every quote masked by NULs (a frame never reads inside a quote), the mentions of
actors outside quotes (the gazetteer's aliases and the article's own names from
`speakers.NameRegistry`), and the quotes attributed so far (pronouns and continuations look
back at them). `Speaker` is what a resolved speaker phrase gives.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Callable

from ..actors import Actor, Gazetteer
from ..text import Doc, Sentence
from .affiliations import load_affiliator
from .lexicon import Lexicon, alternation, word_set
from .lookup import affiliation_evidence
from .speakers import Entity, NameRegistry
from .tokens import Token, tokenize


_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.? $")
#: After a person's name, a reporting verb and the subject pronoun of the clause it reports
#: ("said she", "told reporters that he", ", who is 54, said he"): group 1 set for "he".
_REPORTED_PRONOUN = re.compile(
    r"(?:,[^,.;\x00]{1,60},)?\s+(?:has\s+|had\s+)?(?:" + alternation("reporting_cues.pronoun_gender")
    + r")(?:\s+that)?\s+(?:(he)|she)\b")
#: A name followed by "and his/her" and a kin word ("Okafor and her husband").
_KIN_AFTER = re.compile(r"(?:'s)?\s+and\s+(his|her)\s+(?:" + alternation("kin_nouns.after_name") + r")\b",
                        re.IGNORECASE)
#: Descriptor words that tell she from he.
_FEMALE_NOUNS = word_set("gendered_nouns.female")
_MALE_NOUNS = word_set("gendered_nouns.male")
#: A reflexive pronoun: group 1 set for "himself".
_REFLEXIVE = re.compile(r"\b(?:(himself)|herself)\b", re.IGNORECASE)


#: A capitalised word of a quote ("O'Malley", "McCarthy", "Ki-moon"; "Okafor's" is "Okafor").
_CAPITALISED = re.compile(r"[A-Z][A-Za-z]*(?:['\u2019][A-Z][A-Za-z]+|-[A-Za-z]+)*")


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: readable name, affiliation code, how it was resolved, a person or not."""

    name: str | None
    affiliation: str
    how: str
    person: bool = False


def alias_pattern(gazetteer: Gazetteer) -> tuple[dict[str, Actor], re.Pattern]:
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


def mask_quotes(text: str, spans: list[tuple[int, int, str, int]]) -> str:
    """`text` with every quote span (marks included) replaced by as many NULs."""
    pieces, position = [], 0
    for open_mark, close_mark, _, _ in spans:  # sorted, not overlapping
        pieces += [text[position:open_mark], "\x00" * (close_mark + 1 - open_mark)]
        position = close_mark + 1
    return "".join(pieces) + text[position:]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted spans."""
    k = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return any(0 <= j < len(spans) and spans[j][0] < end and start < spans[j][1] for j in (k, k + 1))


class QuoteContext:
    """The quotes of one Doc being attributed: masked text, mentions, name registry, quotes done."""

    def __init__(self, doc: Doc, spans: list[tuple[int, int, str, int]], gazetteer: Gazetteer,
                 lexicon: Lexicon):
        self.doc, self.spans, self.gaz, self.lex = doc, spans, gazetteer, lexicon
        self.masked = mask_quotes(doc.text, spans)
        aliases, pattern = alias_pattern(gazetteer)
        self.alias_actor = aliases
        #: (nstart, nend, actor, possessive) of every actor mention outside quotes.
        self.mentions: list[tuple[int, int, Actor, bool]] = []
        for match in pattern.finditer(self.masked):
            possessive = self.masked.startswith("'", match.end())
            self.mentions.append((match.start(), match.end(), aliases[match.group()], possessive))
        # People and bodies the gazetteer does not know (analysis.quotes.speakers): their mentions
        # join the gazetteer's, so pronouns and surnames resolve to them too.
        self.registry = NameRegistry(self.masked, doc, gazetteer, load_affiliator(), lexicon.title_words,
                                     lexicon.given_names)
        self.registry_actors: dict[Actor, Entity] = {}
        registry_mentions = []
        for start, end, actor, possessive, entity in self.registry.person_actors():
            self.registry_actors[actor] = entity
            registry_mentions.append((start, end, actor, possessive))
        # A gazetteer alias inside a person's name the article introduces is that person, not the
        # gazetteer's ("Lee" in "said Lee Moon-haeng, a professor" is not Lee Jae-myung).
        if registry_mentions:
            taken = sorted((start, end) for start, end, _, _ in registry_mentions)
            self.mentions = [m for m in self.mentions if not _inside(taken, m[0], m[1])]
        self.mentions += registry_mentions
        self.mentions.sort(key=lambda m: (m[0], -m[1]))
        self.mention_starts = [m[0] for m in self.mentions]
        #: Gender of gazetteer persons, from an honorific before a mention ("Mrs. Clinton") or a
        #: pronoun already resolved to them (registry names keep theirs on the entity).
        self.genders: dict[str, str] = {}
        given = lexicon.given_names or {}
        for start, _, actor, _ in self.mentions:
            if actor.kind == "person" and actor not in self.registry_actors:
                honorific = _HONORIFIC_BEFORE.search(self.masked, max(0, start - 6), start)
                if honorific:
                    self.genders.setdefault(actor.name, "m" if honorific.group(1) == "Mr" else "f")
                first = given.get(actor.name.split()[0].lower()) if " " in actor.name else None
                if first:
                    self.genders.setdefault(actor.name, first)
        for entity in self.registry_actors.values():  # a common given name tells he from she
            if entity.gender is None and " " in entity.name:
                entity.gender = given.get(entity.name.split()[0].lower())
        self._pronoun_genders()
        #: Sentence index -> the named subject of its first reporting verb (pronouns.py).
        self.reporting_subjects: dict[int, Speaker | None] = {}
        #: sentence -> that subject; set by attribution.py (subjects.reporting_subject), as
        #: subjects.py sits above pronouns.py.
        self.reporting_subject: Callable[[Sentence], Speaker | None] | None = None
        #: The quotes attributed so far (`attribution.Quote`), and their speakers (None: scare).
        self.done: list = []
        self.done_speakers: list[Speaker | None] = []
        #: The same, by sentence index: (quote, speaker) in the order attributed.
        self.done_in_sentence: dict[int, list] = {}
        #: Sentence indices, sorted, that hold a non-possessive person mention or a quote attributed
        #: to a person: beyond the nearest sentences, the only ones a pronoun looking back can stop
        #: at (so it skips the rest instead of visiting every earlier sentence).
        self._sentence_starts = [s.nstart for s in doc.sentences]
        self.person_sentences: list[int] = sorted({
            index for a, _, actor, possessive in self.mentions
            if actor.kind == "person" and not possessive
            for index in [self._sentence_index(a)] if index is not None})
        self._person_sentence_set = set(self.person_sentences)
        #: (nstart, nend) of the quote being attributed, and the capitalised words inside it (a
        #: pronoun does not stand for a person the quote itself names: pronouns.py).
        self.current_quote: tuple[int, int] = (0, 0)
        self._quote_names: tuple[tuple[int, int], tuple[tuple[str, ...], ...]] | None = None
        #: Memo of per-article scans keyed by what was scanned for (see `matches_of`).
        self._scans: dict = {}

    def _pronoun_genders(self) -> None:
        """Gender of persons still unknown, from the article's own pronouns about them: the
        subject pronoun of the clause a person reports ("Okafor said she would run", "Dunmore
        told reporters that he ...") or a reflexive in a sentence naming that person only
        ("Okafor distanced herself"), a kin phrase ("Okafor and her husband"), a gendered
        descriptor ("spokeswoman", "the congressman": two votes). The gender with at least twice
        the other's votes wins."""
        votes: dict[Actor, list[int]] = {}
        for start, end, actor, possessive in self.mentions:
            if actor.kind != "person" or possessive:
                continue
            found = _REPORTED_PRONOUN.match(self.masked, end)
            if found:
                votes.setdefault(actor, [0, 0])[found.group(1) is None] += 1
        for sentence in self.doc.sentences:
            low = bisect.bisect_left(self.mention_starts, sentence.nstart)
            high = bisect.bisect_left(self.mention_starts, sentence.nend, low)
            here = {m[2] for m in self.mentions[low:high] if m[2].kind == "person"}
            if len(here) == 1:
                reflexive = _REFLEXIVE.search(self.masked, self.mentions[low][1], sentence.nend)
                if reflexive:
                    votes.setdefault(next(iter(here)), [0, 0])[reflexive.group(1) is None] += 1
        for start, end, actor, possessive in self.mentions:
            if actor.kind != "person":
                continue
            kin = _KIN_AFTER.match(self.masked, end)  # "Okafor and her husband"
            if kin:
                votes.setdefault(actor, [0, 0])[kin.group(1).lower() != "his"] += 1
        for actor, entity in self.registry_actors.items():  # "spokeswoman Ada Okafor", "the congressman"
            words = {w.lower() for d in entity.descriptors for w in re.findall(r"[A-Za-z]+", d)}
            if words & _FEMALE_NOUNS:
                votes.setdefault(actor, [0, 0])[1] += 2
            if words & _MALE_NOUNS:
                votes.setdefault(actor, [0, 0])[0] += 2
        for actor, (male, female) in votes.items():
            gender = "m" if male >= 1 and male >= 2 * female else "f" if female >= 1 and female >= 2 * male else None
            if gender is None:
                continue
            entity = self.registry_actors.get(actor)
            if entity is not None:
                if entity.gender is None:
                    entity.gender = gender
            else:
                self.genders.setdefault(actor.name, gender)

    def quote_names(self) -> tuple[tuple[str, ...], ...]:
        """The runs of capitalised words in the quote being attributed ("Dana Okafor", "Sen.
        Okafor", "Okafor"), read once per quote: words joined by one space, or by ". " after
        an initial or a title word ("Mr. Okafor")."""
        if self._quote_names is None or self._quote_names[0] != self.current_quote:
            start, end = self.current_quote
            runs: list[list[str]] = []
            previous_end = -1
            for match in _CAPITALISED.finditer(self.doc.text, start, end):
                gap = self.doc.text[previous_end:match.start()]
                joined = runs and (gap == " " or gap == ". " and (
                    len(runs[-1][-1]) == 1 or runs[-1][-1].lower() in self.lex.title_words))
                if joined:
                    runs[-1].append(match.group())
                else:
                    runs.append([match.group()])
                previous_end = match.end()
            self._quote_names = (self.current_quote, tuple(tuple(run) for run in runs))
        return self._quote_names[1]

    def matches_of(self, pattern: re.Pattern) -> tuple[list[int], list[str]]:
        """(end offsets, matched texts) of `pattern` over the masked text, scanned once per article
        and pattern, so a look-back per quote is a binary search, not a rescan from the start."""
        if pattern.pattern not in self._scans:
            found = list(pattern.finditer(self.masked))
            self._scans[pattern.pattern] = ([m.end() for m in found], [m.group() for m in found])
        return self._scans[pattern.pattern]

    def _sentence_index(self, position: int) -> int | None:
        """Index of the sentence holding `position` (nstart <= position < nend), or None."""
        slot = bisect.bisect_right(self._sentence_starts, position) - 1
        if slot >= 0 and position < self.doc.sentences[slot].nend:
            return self.doc.sentences[slot].index
        return None

    def remember(self, quote, speaker: Speaker | None) -> None:
        self.done.append(quote)
        self.done_speakers.append(speaker)
        self.done_in_sentence.setdefault(quote.sentence, []).append((quote, speaker))
        if speaker is not None and speaker.person and quote.sentence not in self._person_sentence_set:
            self._person_sentence_set.add(quote.sentence)
            bisect.insort(self.person_sentences, quote.sentence)

    def tokens(self, start: int, end: int) -> list[Token]:
        return tokenize(self.masked, start, end)

    def _sentence_tokens(self, sentence: Sentence) -> tuple[list[Token], list[int], list[int]]:
        """The tokens of a whole sentence (tokenised once, not once per quote), their starts and ends."""
        cache = self.__dict__.setdefault("_token_cache", {})
        found = cache.get(sentence.index)
        if found is None:
            tokens = tokenize(self.masked, sentence.nstart, sentence.nend)
            found = cache[sentence.index] = (tokens, [t.start for t in tokens], [t.end for t in tokens])
        return found

    def tokens_before(self, sentence: Sentence, position: int) -> list[Token]:
        """`tokens(sentence.nstart, position)`, cut from the sentence's tokens. Equal to tokenising
        the span: the token regex has no lookbehind, and a token can only run past `position` (a
        quote's first NUL) as a run of NULs, re-cut here."""
        if not sentence.nstart <= position <= sentence.nend:
            return self.tokens(sentence.nstart, position)
        tokens, _, ends = self._sentence_tokens(sentence)
        k = bisect.bisect_right(ends, position)
        if k < len(tokens) and tokens[k].start < position:
            if not tokens[k].is_quote:
                return self.tokens(sentence.nstart, position)
            return tokens[:k] + [Token(self.masked[tokens[k].start:position], tokens[k].start, position)]
        return tokens[:k]

    def tokens_after(self, sentence: Sentence, position: int, end: int) -> list[Token]:
        """`tokens(position, end)` for `end` the sentence's end, cut from the sentence's tokens."""
        if end != sentence.nend or not sentence.nstart <= position <= sentence.nend:
            return self.tokens(position, end)
        tokens, starts, _ = self._sentence_tokens(sentence)
        k = bisect.bisect_left(starts, position)
        if k > 0 and tokens[k - 1].end > position:
            if not tokens[k - 1].is_quote:
                return self.tokens(position, end)
            return [Token(self.masked[position:tokens[k - 1].end], position, tokens[k - 1].end)] + tokens[k:]
        return tokens[k:]

    def sentence_of(self, position: int) -> Sentence:
        sentence = self.doc.sentence_at(position)
        if sentence is None:  # a mark between sentences: the next sentence
            slot = bisect.bisect_left(self._sentence_starts, position)
            if slot >= len(self.doc.sentences):
                raise StopIteration  # as the scan it replaces: no sentence after the mark
            sentence = self.doc.sentences[slot]
        return sentence

    def persons_between(self, start: int, end: int, possessive: bool = False) -> list[tuple[int, Actor]]:
        low = bisect.bisect_left(self.mention_starts, start)
        high = bisect.bisect_left(self.mention_starts, end, low)
        return [(a, actor) for a, _, actor, poss in self.mentions[low:high]
                if actor.kind == "person" and (possessive or not poss)]

    def recent_persons(self, position: int, count: int) -> list[Actor]:
        found: list[Actor] = []
        for index in range(bisect.bisect_left(self.mention_starts, position) - 1, -1, -1):
            _, _, actor, _ = self.mentions[index]
            if actor.kind != "person":
                continue
            if actor not in found:
                found.append(actor)
            if len(found) == count:
                break
        return found

    def from_actor(self, actor: Actor, how: str) -> Speaker:
        entity = self.registry_actors.get(actor)
        if entity is not None:
            code, rule = affiliation_evidence(self.registry, entity)
            return Speaker(entity.name, code, f"{how}|registry:{rule}", True)
        return Speaker(actor.name, actor.affiliation, how, actor.kind == "person")

    def from_entity(self, entity: Entity, how: str) -> Speaker:
        if how == "name" and entity.kind == "person":
            entity.evidence = True  # a speaker by name is a person for the pronouns after it
        code, rule = affiliation_evidence(self.registry, entity)
        return Speaker(entity.name, code, f"{how}|registry:{rule}", entity.kind == "person")
