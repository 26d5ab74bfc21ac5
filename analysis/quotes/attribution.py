"""Speaker attribution: the frame around each quote, the speaker phrase, its resolution.

See the package docstring (`analysis.quotes`) for the rules, in the order they fire.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..actors import Actor, Gazetteer, gazetteer_for
from ..text import Doc, Sentence, count_words
from .lexicon import Lexicon, load_lexicon
from .marks import find_spans
from .affiliations import load_affiliator
from .lookup import affiliation_evidence, body_starting, body_with_head, lookup, person_like
from .speakers import NameRegistry

KINDS = ("full", "partial", "scare")
#: Affiliation codes always reported after the gazetteer's country codes. `other_states` gathers the
#: states the gazetteer does not list (their own codes are in the quote table and share_of_voice).
OTHER_STATES = "other_states"
EXTRA_AFFILIATIONS = (OTHER_STATES, "media", "expert", "other", "unknown")
#: Quotes with no speaker and fewer words than this are scare quotes; longer ones "unattributed".
UNATTRIBUTED_MIN_WORDS = 5



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
        # People and bodies the gazetteer does not know (analysis.quotes.speakers): their mentions join
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
        return entity is None or person_like(self.registry, entity)

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
            code, rule = affiliation_evidence(self.registry, entity)
            return _Speaker(entity.name, code, f"{how}|registry:{rule}", True)
        return _Speaker(actor.name, actor.affiliation, how, actor.kind == "person")

    def _from_entity(self, entity, how: str) -> _Speaker:
        if how == "name" and entity.kind == "person":
            entity.evidence = True  # a speaker by name is a person for the pronouns after it
        code, rule = affiliation_evidence(self.registry, entity)
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
            body = body_with_head(self.registry, candidate, position)
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
        entity = lookup(self.registry, text, position)
        if entity is None and apposition_text:
            entity = lookup(self.registry, apposition_text, apposition[0].start)
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
            entity = body_starting(self.registry, first.start, sentence.nstart)
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
