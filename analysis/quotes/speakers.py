"""Who a speaker is when the gazetteer does not know them: the article's own names.

Quotes in news come mostly from people no gazetteer lists ("union president Rodrigo Fuentes",
"Helen Park, a metals analyst at Crestline Capital"), and later sentences call them by surname
("Fuentes said") or pronoun. `NameRegistry` reads one article once and keeps, for every proper
name it introduces, the readable name as first introduced, whether it is a person or a body,
and the words that describe it wherever it is mentioned. The work is split by job:
`names` (runs of capitalised names, titles cut, person or body), `descriptors` (the words that
describe a mention), this module (the registry: new names, surnames, mentions), `lookup` (which
entity a phrase names, an entity's affiliation), `affiliations` (descriptor words -> code).

Rules (each decision is visible in the quote evidence: `rule` ends with `|registry:<class>`):
- Names and their kind: see `analysis.quotes.names`; descriptors: `analysis.quotes.descriptors`.
- A later single capitalised word that is the surname of a person introduced earlier is that
  person ("Pizarro" -> "Aurora Pizarro"); so is "Ms Hale" after "Margaret Hale". A single word
  with an apposition of a body class ("Parcelwise, the parcel-tracking app") is a body. A name
  followed by a comma and a state or country ("Santa Rosa, Calif.,", "Lyon, France.") is a town:
  no entity, so no pronoun goes to it.
- Affiliation: the first class of affiliations.yaml with a word in the descriptors (media roles,
  expert words, private bodies, state bodies, private roles, state roles). A state class takes
  the country named in the descriptors, else the article's home country (`home_country`), else
  `unknown`. A body with no class word but a country in its name ("Environment Canada") is that
  country's. Nothing found: `unknown`.

Limits: no parser and no name list, so a capitalised descriptor at the start of a sentence
stays in the name ("Wideout Marcus Bell"); two people with one surname resolve to the later (or to
the one an honorific's gender fits: "Mrs. Okafor");
gender is known only from honorifics and from pronouns already resolved to that person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..actors import Actor
from .affiliations import Affiliator, home_country
from .descriptors import descriptors
from .lexicon import alternation
from .names import HONORIFICS, OPENERS, TITLE_ABBREVIATIONS, TITLES, Candidate, clean, name_kind, name_runs, \
    possessive_len, run_candidates

#: A reporting verb right after a word ("Marta said", "Marta, 34, told").
_REPORTS = re.compile(r"(?:,\s[^,\x00]{1,30},)?\s+(?:" + alternation("reporting_cues.given_name_adverbs")
                      + r"\s+)?(?:" + alternation("reporting_cues.given_name") + r")\b")
#: A kin noun right before a given name ("his wife, Marta,", "her son Gary").
_KIN_BEFORE = re.compile(r"\b(?:" + alternation("kin_nouns.before_given_name") + r"),?\s+$")
_ONE_WORD_APPOSITION = re.compile(r",\s+(?:the|a|an)\s+([^,;:.\x00]{1,80})")


@dataclass
class Entity:
    """A proper name introduced in one article: as first introduced, person or body."""

    name: str
    kind: str  # person | body
    start: int
    surname: str
    descriptors: list[str] = field(default_factory=list)
    gender: str | None = None
    evidence: bool = False  # a title, a surname-only mention, a speaker by name: a person



class NameRegistry:
    """The proper names of one article (normalised text with quotes masked by NULs)."""

    def __init__(self, masked: str, doc, gazetteer, affiliator: Affiliator,
                 title_words: frozenset = frozenset(), given_names: dict | None = None):
        self.masked, self.doc, self.gaz, self.aff = masked, doc, gazetteer, affiliator
        #: lower-case common given name -> "m" | "f" (a lone given name that reports is a person)
        self.given_names = given_names or {}
        # Titles: honorifics and offices, plus every one-word role of affiliations.yaml, since a
        # capitalised role before a name describes it ("Quarterback Dante Miller").
        self.titles = TITLES | title_words | affiliator.role_words
        self._not_names = self.titles | affiliator.portfolio_words | OPENERS
        self.entities: list[Entity] = []
        self._by_name: dict[str, Entity] = {}
        self._surnames: set[str] = set()
        #: id(entity) -> how often the article has named it by its surname alone so far.
        self._surname_uses: dict[int, int] = {}
        #: (start, end, entity, possessive) of every mention, in text order.
        self.mentions: list[tuple[int, int, Entity, bool]] = []
        self._home: str | None | bool = False
        self._scan()

    def _scan(self) -> None:
        pending: list[Candidate] = []
        runs = name_runs(self.masked, self.aff, self.titles)
        #: capitalised word -> where the article first uses it alone (or to end a longer run)
        self._first_bare: dict[str, int] = {}
        for run_start, run_end, run_text in runs:
            last = clean(run_text.split(" ")[-1])
            self._first_bare.setdefault(last, run_start)
        for run_start, run_end, run_text in runs:
            if " " not in run_text:  # one capitalised word: only ever a known person's surname
                pending.append((run_start, run_end, [run_text], [], False))
                continue
            pending += run_candidates(run_start, run_end, run_text, self.aff, self.titles, self._not_names)
        for start, end, name, title_part, possessive in pending:
            if len(name) == 1 and not title_part:
                self._add_word(start, end, name[0])
            else:
                self._add(start, end, name, title_part, possessive)

    def _add_word(self, start: int, end: int, word: str) -> None:
        """One capitalised word: the surname of a person named before, or a one-word body with
        an apposition that says what it is; else nothing."""
        possessive = possessive_len(word)
        word = clean(word)
        entity = self.surname(word, start) if word in self._surnames else None
        if entity is not None and self._gazetteer_first(word, entity):
            return  # the gazetteer's person was called so before this one came in: theirs
        if entity is not None:
            self._surname_uses[id(entity)] = self._surname_uses.get(id(entity), 0) + 1
        if entity is None and word in self._by_name and self._by_name[word].kind == "person" \
                and self._by_name[word].start < start:
            entity = self._by_name[word]  # "President Okafor ... Okafor said": known by surname only
        if entity is None and word.lower() in self.given_names and word.lower() not in OPENERS:
            entity = self._given_name(word, start, end)
        if entity is None and word not in self.aff.country_terms and word.lower() not in OPENERS:
            # "Parcelwise, the parcel-tracking app used by ...": a one-word body named
            # with an apposition that says what it is.
            apposition = _ONE_WORD_APPOSITION.match(self.masked, end)
            if apposition and self.aff.classify([apposition.group(1)], None)[1] in (
                    "private_bodies", "state_bodies", "media_roles"):
                entity = Entity(word, "body", start, word, [apposition.group(1).strip()])
                self._register(entity, word)
                self.mentions.append((start, end, entity, False))
                return
        if entity is not None:
            entity.evidence = True
            self.mentions.append((start, end - possessive, entity, bool(possessive)))
            entity.descriptors.extend(descriptors(self.masked, self.doc, start, end, [], self.entities))

    def _add(self, start: int, end: int, name: list[str], title_part: list[str],
             possessive: bool) -> None:
        text = " ".join(name)
        if self.gaz.actor_named(text, normalised=True) is not None:
            return  # the gazetteer knows this name: the attribution resolves it there
        gender = next((HONORIFICS[t.lower()] for t in title_part if t.lower() in HONORIFICS), None)
        titled = any(t.lower() in self.titles for t in title_part)
        entity = self._by_name.get(text)
        if entity is None and len(name) == 1:
            entity = self.surname(name[0], start, gender)
            if entity is None and gender is None and not titled and name[0].lower() in self.given_names:
                entity = self._given_name(name[0], start, end)  # "Later Marta said"
                if entity is None:
                    return
            if entity is None:
                if gender is None and not titled:
                    return
                # "Ms Hale" before any full name: a person known by surname only.
                entity = Entity(text, "person", start, name[0], evidence=True)
                self._register(entity, text)
            else:
                entity.evidence = entity.evidence or entity.kind == "person"
        if entity is None:
            if not title_part and self._place_follows(end):
                return  # "in Santa Rosa, Calif., and ...": a town and its state, no one's name
            kind = name_kind(name, self.aff, self.gaz)
            if kind is None:
                return
            entity = Entity(text, kind, start, _surname_of(name))
            self._register(entity, text)
        if gender and entity.gender is None:
            entity.gender = gender
        if titled:
            entity.evidence = True
        found = descriptors(self.masked, self.doc, start, end, title_part, self.entities)
        found += self._title_descriptors(title_part)
        if found:
            entity.descriptors.extend(found)
        self.mentions.append((start, end, entity, possessive))

    def _place_follows(self, end: int) -> bool:
        """Whether a comma and a state or country name follow `end`, closed by punctuation or the
        text's end: the news style for a town ("Santa Rosa, Calif., and", "in Lyon, France.")."""
        follows = _PLACE_COMMA.match(self.masked, end)
        if follows is None:
            return False
        term = self.aff.country_pattern.match(self.masked, follows.end())
        return term is not None and _PLACE_CLOSE.match(self.masked, term.end()) is not None

    def _gazetteer_first(self, word: str, entity: Entity) -> bool:
        """Whether `word` alone is a gazetteer person's alias that the article used before
        `entity` was introduced ("Yoon Suk-yeol spoke ... Yoon said ... his niece Dara Yoon ... Yoon"):
        the bare word stays the gazetteer person's."""
        actor = self.gaz.actor_named(word, normalised=True)
        if actor is None or actor.kind != "person" or actor.name == entity.name:
            return False
        first = self._first_bare.get(word)
        return first is not None and first < entity.start

    def _given_name(self, word: str, start: int, end: int) -> Entity | None:
        """A common given name alone: the one person introduced before with that given name
        ("Bernadette Okafor ... Bernadette said"), else, when a reporting verb follows or a kin
        noun stands before it, a person known by that name only ("Marta said she would stay",
        "his wife, Marta, spoke")."""
        found = {e.name: e for e in self.entities
                 if e.kind == "person" and e.start < start and e.name.split()[0] == word and e.name != word}
        if len(found) == 1:
            return next(iter(found.values()))
        if not found and (_REPORTS.match(self.masked, end)
                          or _KIN_BEFORE.search(self.masked, max(0, start - 30), start)):
            entity = self._by_name.get(word)
            if entity is None:
                entity = Entity(word, "person", start, word, gender=self.given_names[word.lower()], evidence=True)
                self._register(entity, word)
            return entity
        return None

    def _title_descriptors(self, title_part: list[str]) -> list[str]:
        """Words the titles stand for: "Cagayan Gov. Teresa Ancheta-Lim" is "the governor" later;
        "Meridian's Nadia Osei" in Meridian's own report is its correspondent."""
        found = []
        for title in title_part:
            word = TITLE_ABBREVIATIONS.get(title.lower().rstrip("."))
            if word:
                found.append(word)
        outlet = getattr(getattr(self.doc, "article", None), "outlet", None) or ""
        owners = [t[:-2] for t in title_part if t.endswith("'s")]
        if outlet and any(o and outlet.split()[0] == o.split()[-1] for o in owners):
            found.append("correspondent")
        return found

    def _register(self, entity: Entity, text: str) -> None:
        self.entities.append(entity)
        self._by_name[text] = entity
        if entity.kind == "person":
            self._surnames.add(entity.surname)

    def surname(self, word: str, position: int, gender: str | None = None) -> Entity | None:
        """The person introduced before `position` whose surname is `word`: of several, those
        whose gender (known, or from a common given name) fits an honorific's `gender` ("Mrs.
        Okafor" after "Tomas Okafor" and "Dana Okafor" is Dana), then the one the article has
        called by that surname alone most often so far (a relative introduced later by full
        name, "his daughter Ana Okafor", does not take over "Okafor"), else the last introduced."""
        found = [e for e in self.entities if e.kind == "person" and e.surname == word
                 and e.start < position and e.name != word]
        if len(found) > 1 and gender is not None:
            fitting = [e for e in found if self._gender_of(e) == gender]
            found = fitting or found
        if len(found) > 1:
            return max(found, key=lambda e: (self._surname_uses.get(id(e), 0), e.start))
        return found[-1] if found else None

    def _gender_of(self, entity: Entity) -> str | None:
        """"m", "f" or None: the entity's known gender, else its common given name's."""
        if entity.gender is not None or " " not in entity.name:
            return entity.gender
        return self.given_names.get(entity.name.split()[0].lower())

    def entity_named(self, name: str) -> Entity | None:
        return self._by_name.get(name)

    def home(self) -> str | None:
        if self._home is False:
            self._home = home_country(self.doc, self.aff)
        return self._home  # type: ignore[return-value]

    def person_actors(self) -> list[tuple[int, int, Actor, bool, Entity]]:
        """Mentions of persons, as gazetteer-like Actors (for pronoun resolution), with the entity."""
        actors: dict[int, Actor] = {}
        out = []
        for start, end, entity, possessive in self.mentions:
            if entity.kind != "person":
                continue
            actor = actors.setdefault(id(entity), Actor(entity.name, "person", "unknown", None,
                                                        (entity.name,), "registry"))
            out.append((start, end, actor, possessive, entity))
        return out


#: A comma opening an apposition, and what closes a place's name after it.
_PLACE_COMMA = re.compile(r",[ \t]+")
_PLACE_CLOSE = re.compile(r"[,;:.)]|\s*$")


def _surname_of(name: list[str]) -> str:
    """The word a later mention by surname uses: the last, or the first of a family-first name
    with a hyphenated given name ("Ban Ki-moon" -> "Ban", "Wi Sung-lac" -> "Wi")."""
    if len(name) == 2 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", name[-1]):
        return name[0]
    return name[-1]
