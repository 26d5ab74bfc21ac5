"""Who a speaker is when the gazetteer does not know them: names, descriptors, affiliation.

Quotes in news come mostly from people no gazetteer lists ("union president Rodrigo Fuentes",
"Helen Park, a metals analyst at Crestline Capital"), and later sentences call them by surname
("Fuentes said") or pronoun. `NameRegistry` reads one article once and keeps, for every proper
name it introduces, the readable name as first introduced, whether it is a person or a body,
and the words that describe it wherever it is mentioned; `Affiliator` turns those words into an
affiliation code with the rules and word lists of `analysis/data/affiliations.yaml` and the
country names of `analysis/data/countries.yaml`.

Rules (each decision is visible in the quote evidence: `rule` ends with `|registry:<class>`):
- A name is a run of capitalised words outside quotes. Titles inside the run are cut off at the
  last title word ("Mining Minister Aurora Pizarro" -> "Aurora Pizarro"); honorifics give a
  gender ("Ms Hale"). A run with a body word ("Union", "Ministry", "Bank", "Research", a country
  name) is a body; a run with a place word ("Street", "River") or a country or place name is not
  a speaker; any other run of two or more words is a person.
- A later single capitalised word that is the surname of a person introduced earlier is that
  person ("Pizarro" -> "Aurora Pizarro"); so is "Ms Hale" after "Margaret Hale".
- Descriptors of a mention: the words right before the name in its sentence ("union president",
  "Chief financial officer"), an apposition on either side ("The Health Secretary, Margaret Hale,",
  "Helen Park, a metals analyst at ...,"), and "of/at X" after the name ("Marcus Thorne of
  Halvern Bank"). "Its"/"their" in a descriptor brings in the last body named before it
  ("Its senior fellow" after "the Fairleigh Institute, a health think-tank").
- Affiliation: the first class of affiliations.yaml with a word in the descriptors (media roles,
  expert words, private bodies, state bodies, private roles, state roles). A state class takes
  the country named in the descriptors, else the article's home country (`home_country`), else
  `unknown`. A body with no class word but a country in its name ("Environment Canada") is that
  country's. Nothing found: `unknown`.

Limits: no parser and no name list, so a capitalised descriptor at the start of a sentence
stays in the name ("Wideout Marcus Bell"); two people with one surname resolve to the later;
gender is known only from honorifics and from pronouns already resolved to that person.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..actors import Actor
from ..base import config
from ..text import trie_pattern

CLASS_ORDER = ("media_roles", "expert_words", "private_bodies", "state_bodies", "private_roles",
               "state_roles")
CLASS_CODE = {"media_roles": "media", "expert_words": "expert", "private_bodies": "other",
              "private_roles": "other"}
HONORIFICS = {"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "mrs": "f", "mrs.": "f", "ms": "f",
              "ms.": "f", "miss": "f", "dame": "f", "lady": "f", "alhaji": "m", "alhaja": "f",
              "hajia": "f", "monsieur": "m", "madame": "f", "mme": "f", "herr": "m", "frau": "f",
              "señor": "m", "señora": "f", "don": "m", "doña": "f", "signor": "m", "signora": "f",
              "shri": "m", "smt": "f"}
TITLES = frozenset("""dr dr. prof prof. professor judge justice rev rev. sen sen. rep rep. gov
    gov. gen gen. col col. capt capt. lt lt. sgt sgt. cmdr adm president vice prime minister
    secretary chancellor premier governor mayor senator representative ambassador envoy chairman
    chairwoman chair chief director deputy officer executive spokesman spokeswoman spokesperson
    commissioner inspector detective constable superintendent sheriff coach manager captain
    co-author author editor reporter correspondent analyst economist king queen prince princess
    pope bishop archbishop cardinal imam rabbi sheikh father mother sister brother lawmaker
    mp councillor councilor supervisor chairperson founder ceo cfo general admiral marshal
    colonel major lieutenant sergeant corporal private haji dato datuk tun sri pandit ustad""".split()) | frozenset(HONORIFICS)
#: Title abbreviations and the word a later definite description uses ("Gov." -> "the governor").
TITLE_ABBREVIATIONS = {"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
                       "col": "colonel", "capt": "captain", "lt": "lieutenant", "sgt": "sergeant",
                       "prof": "professor", "dr": "doctor", "supt": "superintendent",
                       "insp": "inspector", "det": "detective", "cmdr": "commander", "adm": "admiral",
                       "pres": "president", "amb": "ambassador"}
#: First words that make a run a place ("Place de la Bastille", "Plaza San Martín", "Mount Kenya").
FIRST_PLACE_WORDS = frozenset("""place plaza piazza rue calle avenida via mount lake port fort cape
    isle lac""".split())
#: Last words that make a run a place (common surnames such as Park, Hall, Hill, Lane are left out).
PLACE_WORDS = frozenset("""street st road rd avenue ave boulevard square river sea ocean lake
    mountains valley gulf strait island islands peninsula coast highway motorway creek canyon
    desert forest airport station stadium arena plaza harbour harbor county province region
    district city town village centre center mall asia europe africa america americas pacific
    atlantic arctic antarctica east west""".split())
#: Capitalised words that open sentences and never start a name.
OPENERS = frozenset("""the a an in on at after before as when while if but and or so yet for from
    with without during despite under over since until this that these those it its his her their
    our my your we they he she i there here what who why how asked speaking announcing opening
    meanwhile however still also then now today yesterday last next every each some many most
    critics officials residents analysts experts later earlier separately instead afterwards
    nevertheless finally ultimately eventually similarly likewise moreover furthermore indeed
    overall initially previously recently currently elsewhere again both only even perhaps
    already together first one""".split())


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


# ---------------------------------------------------------------- data files
@dataclass(frozen=True)
class Affiliator:
    """Compiled affiliation classes and country names."""

    classes: tuple[tuple[str, re.Pattern], ...]
    country_terms: dict[str, str]
    country_pattern: re.Pattern
    body_words: frozenset
    portfolio_words: frozenset = frozenset()
    media_words: frozenset = frozenset()
    folded_terms: dict = field(default_factory=dict)
    role_words: frozenset = frozenset()

    def country_in(self, text: str) -> str | None:
        """ISO code of the first country, demonym or place named in `text`, else None."""
        for match in self.country_pattern.finditer(text):
            return self.country_terms[match.group()]
        return None

    def country_in_caps(self, text: str) -> str | None:
        """Like `country_in` for text in capitals (a dateline: "RIO DE JANEIRO", "KELOWNA, B.C.")."""
        folded = self.folded_terms
        for match in re.finditer(r"[^\W\d_][\w.'-]*(?:\s+[^\W\d_][\w.'-]*)*", text):
            words = match.group().split()
            for size in range(len(words), 0, -1):  # longest first
                for i in range(len(words) - size + 1):
                    code = folded.get(" ".join(words[i:i + size]).casefold())
                    if code:
                        return code
        return None

    def countries(self, text: str) -> list[tuple[int, str]]:
        return [(m.start(), self.country_terms[m.group()]) for m in self.country_pattern.finditer(text)]

    def explain(self, descriptors: list[str], home) -> tuple[str, str]:
        """(affiliation code, evidence) for the descriptor texts of one speaker. `home` is the
        article's home country, or a callable giving it (asked only for a state class). The
        evidence names the class and the words that decided: "private_bodies:union",
        "state_roles:minister@Chile's" (the country named in the descriptors), "state_roles:
        judge@home" (the article's home country), "none"."""
        text = " ".join(descriptors).lower()
        last = descriptors[-1].split() if descriptors else []
        if last and last[-1].lower() in self.media_words:
            return "media", f"media_name:{last[-1]}"  # a masthead: "The Financial Ledger"
        for class_id, pattern in self.classes:
            match = pattern.search(text)
            if match:
                evidence = f"{class_id}:{match.group()}"
                if class_id in CLASS_CODE:
                    return CLASS_CODE[class_id], evidence
                named = self.country_pattern.search(" ".join(descriptors))
                if named:
                    return self.country_terms[named.group()], f"{evidence}@{named.group()}"
                country = home() if callable(home) else home
                return (country or "unknown"), f"{evidence}@{'home' if country else 'no country'}"
        return "unknown", "none"

    def classify(self, descriptors: list[str], home) -> tuple[str, str]:
        """(affiliation code, class id): `explain` without the words."""
        code, evidence = self.explain(descriptors, home)
        return code, evidence.split(":")[0]


def _phrase_pattern(items) -> re.Pattern:
    words = sorted({str(i).lower() for i in items}, key=lambda w: (-len(w), w))
    body = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) or r"(?!x)x"
    return re.compile(rf"(?<![\w'-])(?:{body})(?![\w-])")


@lru_cache(maxsize=4)
def load_affiliator(affiliations: str | None = None, countries: str | None = None) -> Affiliator:
    """The affiliation classes and country names (defaults: the package's data files)."""
    data = yaml.safe_load(Path(affiliations or config.AFFILIATIONS_FILE).read_text(encoding="utf-8"))
    classes = tuple((class_id, _phrase_pattern(data.get(class_id) or [])) for class_id in CLASS_ORDER)
    body_words = frozenset(w.lower() for key in ("private_bodies", "state_bodies") for w in data[key]
                           if " " not in w) | frozenset(
        "institute university college school hospital society research capital news times post "
        "journal service authority board committee office exchange network forces force "
        "alliance organisation organization council labs lab laboratory laboratories".split())
    raw = yaml.safe_load(Path(countries or config.COUNTRIES_FILE).read_text(encoding="utf-8"))
    terms: dict[str, str] = {}
    for country in raw["countries"]:
        for key in ("names", "demonyms", "places"):
            for term in country.get(key) or []:
                terms.setdefault(str(term), country["code"])
                terms.setdefault(str(term) + "'s", country["code"])
    # One trie-shaped regex (analysis.text.trie_pattern): a plain alternation of ~5,000 names
    # cost 4 ms per article to scan, the trie a small fraction of that.
    pattern = re.compile(r"(?<![\w.])(?:" + trie_pattern(terms) + r")(?![\w])(?!\.\w)")
    portfolio = frozenset(w.lower() for w in data.get("portfolio_words") or [])
    media = frozenset(w.lower() for w in data.get("media_name_words") or [])
    folded = {t.casefold(): c for t, c in terms.items()}
    roles = frozenset(w.lower() for key in ("media_roles", "expert_words", "private_roles", "state_roles")
                      for w in data[key] if " " not in w and "-" not in w)
    return Affiliator(classes, terms, pattern, body_words, portfolio, media, folded, roles)


def home_country(doc, affiliator: Affiliator | None = None) -> str | None:
    """The country an article is about: its dateline's ("SANTIAGO, Sept 16 (Wire) -"), else the
    one it names most (names, demonyms, places; ties go to the first named). Memoised on the doc."""
    key = "home_country"
    if key in doc.cache:
        return doc.cache[key]
    aff = affiliator or load_affiliator()
    home = None
    first = doc.paragraphs[0] if doc.paragraphs else None
    if first is not None:
        head = doc.text[first.nstart:first.nend]
        dateline = re.match(r"\s*([A-Z][A-Z .'-]+[A-Z.](?:,\s*[A-Z][\w. ]*?)?)\s*(?:,|\(|-|$)", head)
        if dateline:
            home = aff.country_in_caps(dateline.group(1))
    if home is None:
        found = aff.countries(doc.text)
        if found:
            counts = Counter(code for _, code in found)
            first_at = {}
            for position, code in found:
                first_at.setdefault(code, position)
            home = min(counts, key=lambda c: (-counts[c], first_at[c]))
    doc.cache[key] = home
    return home


# ---------------------------------------------------------------- names in one article
_PARTICLES = r"(?:de|da|di|du|del|della|van|von|der|den|bin|binti|al|el|la|le|ter|ten|dos|das)"
#: Upper-case letters, Latin-1 and Latin Extended-A included ("Élodie", "Álvaro", "Łukasz").
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_CAP = (r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|St|Jr|Sr|Co|Corp|Inc|Ltd|Bros)\.(?!\w)"
        rf"|[{_UPPER}][\w'\-]*[\w](?:(?<=s)')?|[A-Z]\.(?:[A-Z]\.)*)")
#: A run of capitalised words; a nickname in quotes may stand inside ('Dante "D-Train" Miller').
# (The lookahead for a capital first lets `re` drop a position in one test, before the lookbehind.)
_RUN = re.compile(rf"(?=[{_UPPER}])(?<![\w'\-.]){_CAP}(?:(?:[ ]\x00+)?[ ](?:{_PARTICLES}[ ])*{_CAP})*")
_JOIN = re.compile(r" (?:of|for|and|&|on)(?: the)? ")
_ONE_WORD_APPOSITION = re.compile(r",\s+(?:the|a|an)\s+([^,;:.\x00]{1,80})")
_CLAUSE_BREAK = re.compile(r"[,;:\x00]")
_APPOSITION = re.compile(r"\s*,\s*([^,;:.\x00]{1,120})(,?)")
_OF_PHRASE = re.compile(r"\s+((?:of|at|from)\s+(?:the\s+)?(?:[A-Z][\w'\-]*\s*){1,6})")
_ITS = re.compile(r"(?i)(?:its|their)\b")
_WORD = re.compile(r"[^\W_]+(?:['\-.][^\W_]+)*'?s?|[,;:.!?\x00()\[\]]|(?<=\s)-(?=\s)")
_STOP_BEFORE = frozenset("""said says say told tells added that which who whom and or but by with
    to from for of in on at as is was are were has have had be been will would could may might
    must should than then when while after before if because says""".split())


def _clean(token: str) -> str:
    return token[:-2] if token.endswith(("'s", "s'")) and len(token) > 3 else token


class NameRegistry:
    """The proper names of one article (normalised text with quotes masked by NULs)."""

    def __init__(self, masked: str, doc, gazetteer, affiliator: Affiliator,
                 title_words: frozenset = frozenset()):
        self.masked, self.doc, self.gaz, self.aff = masked, doc, gazetteer, affiliator
        # Titles: honorifics and offices, plus every one-word role of affiliations.yaml, since a
        # capitalised role before a name describes it ("Quarterback Dante Miller").
        self.titles = TITLES | title_words | affiliator.role_words
        self._not_names = self.titles | affiliator.portfolio_words | OPENERS
        self.entities: list[Entity] = []
        self._by_name: dict[str, Entity] = {}
        self._surnames: set[str] = set()
        #: (start, end, entity, possessive) of every mention, in text order.
        self.mentions: list[tuple[int, int, Entity, bool]] = []
        self._home: str | None | bool = False
        self._scan()

    # ------------------------------------------------------------ scanning
    def _runs(self) -> list[tuple[int, int, str]]:
        """Capitalised runs; a body's name goes on over "of/for/and" ("Ministry of Agriculture",
        "University of Copenhagen"); a portfolio after "<title> of" is not part of the next name
        ("Minister of Agriculture Aidos Nurlanov" -> "Aidos Nurlanov")."""
        runs = [(m.start(), m.end(), m.group()) for m in _RUN.finditer(self.masked)]
        merged: list[tuple[int, int, str]] = []
        for start, end, text in runs:
            if merged and start - merged[-1][1] <= 9 and _JOIN.fullmatch(self.masked, merged[-1][1], start):
                p_start, p_end, p_text = merged[-1]
                gap = self.masked[p_end:start]
                last = _clean(p_text.split(" ")[-1]).lower()
                right_last = _clean(text.split(" ")[-1]).lower()
                if (
                        last in self.aff.body_words
                        or (last in self.titles and gap.strip().startswith(("of", "for")))
                        or (gap.strip() in ("and", "&") and right_last in self.aff.body_words
                            and last not in self.titles
                            and not any(w.lower() in HONORIFICS for w in p_text.split(" ")))):
                    merged[-1] = (p_start, end, self.masked[p_start:end])
                    continue
            merged.append((start, end, text))
        return merged

    def _scan(self) -> None:
        pending: list[tuple[int, int, list[str], list[str], bool]] = []
        for run_start, run_end, run_text in self._runs():
            if " " not in run_text:  # one capitalised word: only ever a known person's surname
                pending.append((run_start, run_end, [run_text], [], False))
                continue
            tokens = [t for t in run_text.split(" ") if not t.startswith("\x00")]
            # "Meridian's Nadia Osei", "Sweden's Lars Ekdahl": the owner describes the name after it.
            owner = max((i for i, t in enumerate(tokens[:-1]) if t.endswith("'s")), default=-1)
            possessive = tokens[-1].endswith(("'s", "s'"))
            tokens[-1] = _clean(tokens[-1])
            low = [t.lower().rstrip(".") if t.endswith(".") and len(t) <= 6 else t.lower() for t in tokens]
            cut = 0
            while cut < len(tokens) - 1 and low[cut] in OPENERS:
                cut += 1
            bodies = [i for i, w in enumerate(low) if i >= cut and (_clean(w) in self.aff.body_words
                                                                    or w in self.aff.media_words)]
            if len(tokens) - cut >= 2 and tokens[-1] in self.aff.country_terms:
                bodies.append(len(tokens) - 1)  # "Patient Voice UK", "Environment Canada"
            titles = [i for i, w in enumerate(low[:-1]) if w in self.titles]
            # A body word after the last title names a body ("Prime Minister's Office"); a title
            # after it names a person of that body ("Board Chairman Phil Granger").
            tail = tokens[bodies[-1] + 1:] if bodies else []
            person_tail = len(tail) >= 2 and not any(
                t.lower() in self.aff.body_words or t.lower() in self.aff.portfolio_words
                or t in self.aff.country_terms for t in tail)  # "Opposition Thomas Kuruvilla"
            if person_tail:
                cut = max(cut, bodies[-1] + 1)
                head = [t for t in tokens[:bodies[-1] + 1] if t.lower() not in OPENERS]
                if head and len(head) >= 2:  # "Hayabusa Motor Co." is a body of its own too
                    offset = run_text.find(head[0])
                    pending.append((run_start + offset, run_start + offset + len(" ".join(head)),
                                    head, [], False))
            person = not bodies or person_tail or (titles and titles[-1] > bodies[-1])
            if person and owner >= cut:
                cut = owner + 1
            if person:
                # A person: titles are cut at the last one, with a portfolio after it
                # ("Minister of State for Foreign Affairs Wang Yi" -> "Wang Yi").
                for i, word in enumerate(low[:-1]):  # a name does not end with its title
                    if word in self.titles:
                        cut = max(cut, i + 1)
                while cut < len(tokens) and (low[cut] in OPENERS or low[cut] in ("of", "for", "and", "the")
                                             or (cut and low[cut] in self.aff.portfolio_words
                                                 and any(w in self.titles for w in low[:cut]))):
                    cut += 1
            name, title_part = tokens[cut:], tokens[:cut]
            if not name or all(w.lower().rstrip(".") in self._not_names for w in name):
                continue  # "National Secretary", "Petroleum Resources": a title, no name
            pending.append((run_start + len(" ".join(tokens[:cut])) + (1 if cut else 0),
                            run_end - (2 if possessive else 0), name, title_part, possessive))
        for start, end, name, title_part, possessive in pending:
            if len(name) == 1 and not title_part:
                word = name[0]
                possessive = word.endswith(("'s", "s'"))
                word = _clean(word)
                entity = self._surname(word, start) if word in self._surnames else None
                if entity is None and word not in self.aff.country_terms and word.lower() not in OPENERS:
                    # "Parcelwise, the parcel-tracking app used by ...": a one-word body named
                    # with an apposition that says what it is.
                    apposition = _ONE_WORD_APPOSITION.match(self.masked, end)
                    if apposition and self.aff.classify([apposition.group(1)], None)[1] in (
                            "private_bodies", "state_bodies", "media_roles"):
                        entity = Entity(word, "body", start, word, [apposition.group(1).strip()])
                        self._register(entity, word)
                        self.mentions.append((start, end, entity, False))
                        continue
                if entity is not None:
                    entity.evidence = True
                    self.mentions.append((start, end - (2 if possessive else 0), entity, possessive))
                    descriptors = self._descriptors(start, end, [])
                    entity.descriptors.extend(descriptors)
                continue
            self._add(start, end, name, title_part, possessive)

    def _kind(self, name: list[str]) -> str | None:
        low = [_clean(t.lower()).rstrip(".") for t in name]
        text = " ".join(name)
        if any(w in self.aff.body_words or w in self.aff.media_words for w in low):
            return "body"
        if low[-1] in PLACE_WORDS or low[0] in FIRST_PLACE_WORDS or text in self.aff.country_terms:
            return None
        if self.aff.country_in(text):
            return "body" if len(name) > 1 else None
        if self.gaz.group_affiliation(text):
            return None
        return "person" if len(name) >= 2 else None

    def _add(self, start: int, end: int, name: list[str], title_part: list[str],
             possessive: bool) -> None:
        text = " ".join(name)
        if self.gaz.actor_named(text, normalised=True) is not None:
            return  # the gazetteer knows this name: quotes.py resolves it there
        gender = next((HONORIFICS[t.lower()] for t in title_part if t.lower() in HONORIFICS), None)
        titled = any(t.lower() in self.titles for t in title_part)
        entity = self._by_name.get(text)
        if entity is None and len(name) == 1:
            entity = self._surname(name[0], start)
            if entity is None:
                if gender is None and not titled:
                    return
                # "Ms Hale" before any full name: a person known by surname only.
                entity = Entity(text, "person", start, name[0], evidence=True)
                self._register(entity, text)
            else:
                entity.evidence = entity.evidence or entity.kind == "person"
        if entity is None:
            kind = self._kind(name)
            if kind is None:
                return
            entity = Entity(text, kind, start, name[-1])
            self._register(entity, text)
        if gender and entity.gender is None:
            entity.gender = gender
        if titled:
            entity.evidence = True
        descriptors = self._descriptors(start, end, title_part)
        for title in title_part:  # "Cagayan Gov. Teresa Ancheta-Lim" is "the governor" later
            word = TITLE_ABBREVIATIONS.get(title.lower().rstrip("."))
            if word:
                descriptors.append(word)
        outlet = getattr(getattr(self.doc, "article", None), "outlet", None) or ""
        owners = [t[:-2] for t in title_part if t.endswith("'s")]
        if outlet and any(o and outlet.split()[0] == o.split()[-1] for o in owners):
            descriptors.append("correspondent")  # "Meridian's Nadia Osei" in Meridian's own report
        if descriptors:
            entity.descriptors.extend(descriptors)
        self.mentions.append((start, end, entity, possessive))

    def _register(self, entity: Entity, text: str) -> None:
        self.entities.append(entity)
        self._by_name[text] = entity
        if entity.kind == "person":
            self._surnames.add(entity.surname)

    def _surname(self, word: str, position: int) -> Entity | None:
        found = [e for e in self.entities if e.kind == "person" and e.surname == word
                 and e.start < position and e.name != word]
        return found[-1] if found else None

    def _descriptors(self, start: int, end: int, title_part: list[str]) -> list[str]:
        sentence = self.doc.sentence_at(start)
        floor = sentence.nstart if sentence is not None else max(0, start - 120)
        ceiling = sentence.nend if sentence is not None else min(len(self.masked), end + 120)
        found: list[str] = []
        before = self.masked[floor:start - (len(" ".join(title_part)) + 1 if title_part else 0)]
        words = _WORD.findall(before)
        prefix: list[str] = []
        for word in reversed(words):
            if word in ",;:.!?\x00()[]-" or word.lower() in _STOP_BEFORE or len(prefix) >= 6:
                break
            prefix.insert(0, word)
        if title_part or prefix:
            found.append(" ".join(prefix + title_part))
        after = self.masked[end:ceiling]
        if before.rstrip().endswith(",") and after.lstrip().startswith(","):
            segment = before.rstrip()[:-1]
            segment = _CLAUSE_BREAK.split(segment)[-1]
            found.append(segment.strip())
        apposition = _APPOSITION.match(after)
        if apposition:
            words = apposition.group(1).split()
            # An apposition opens with a determiner, a capital or a number ("a metals analyst
            # at ...", "Miller's favorite target", "54"), or is a short phrase closed by a comma
            # ("prosecuting,"); a predicate ("accused ministers of ...") is not one.
            first = words[0].lower() if words else ""
            predicate = first.endswith(("ed", "ing")) or first in _STOP_BEFORE or first in (
                "says", "tells", "adds", "has", "had", "is", "was", "will", "would")
            if words and (first in ("a", "an", "the", "its", "his", "her", "their", "our")
                          or words[0][0].isupper() or words[0][0].isdigit() or apposition.group(2)
                          or not predicate) and first not in ("who", "which", "that"):
                found.append(apposition.group(1).strip())
        of_phrase = _OF_PHRASE.match(after)
        if of_phrase:
            found.append(of_phrase.group(1).strip())
        if any(_ITS.match(d) for d in found):
            body = next((e for e in reversed(self.entities) if e.kind == "body" and e.start < start), None)
            if body is not None:
                found.append(body.name)
                found.extend(body.descriptors)
        return [d for d in found if d]

    # ------------------------------------------------------------ lookups
    def lookup(self, text: str, position: int) -> Entity | None:
        """The entity a speaker phrase names: its name run (titles cut), a surname, or None."""
        named = []
        for entity in self.entities:
            match = re.search(rf"(?<![\w-]){re.escape(entity.name)}(?![\w-])", text)
            if match:
                named.append((match.start(), match.end(), entity))
        persons = sorted((i, e.start, e.name, e) for i, _, e in named if e.kind == "person")
        if persons:  # "Jakob Lind of the University of Copenhagen": the person, not the body
            return persons[0][3]
        if named:
            start, end, body = max(named, key=lambda found: (len(found[2].name), -found[0]))
            if re.match(r"\s+[a-z]", text[end:]):
                return None  # "One Environment Agency inspector": a person of the body, unnamed
            return body
        runs = list(_RUN.finditer(text))
        for match in reversed(runs):
            tokens = [_clean(t) for t in match.group().split(" ")]
            low = [t.lower().rstrip(".") for t in tokens]
            cut = 0
            for i, word in enumerate(low[:-1]):
                if word in self.titles:
                    cut = i + 1
            name = tokens[cut:]
            while name and name[0].lower() in OPENERS:
                name = name[1:]
            if not name:
                continue
            if len(name) == 1:
                found = self._surname(name[0], position + 1) or next(
                    (e for e in self.entities if e.surname == name[0] and e.kind == "person"), None)
                if found is None and name[0].lower() in self.aff.body_words:
                    found = self.body_with_head(name[0], position)  # "The Commission said"
                if found is not None:
                    return found
        return None

    def body_with_head(self, head: str, position: int) -> Entity | None:
        """"the ministry", "the union": the last body before `position` with that word in its
        name, else in its descriptors."""
        pattern = re.compile(rf"(?i)\b{re.escape(head)}\b")
        bodies = [e for e in self.entities if e.kind == "body" and e.start < position]
        for entity in reversed(bodies):
            if pattern.search(entity.name):
                return entity
        # A name the article described with that word ("Grupo Minero Austral, the company that
        # runs the mine"), body or not: the last one before `position`.
        described = [e for e in self.entities if e.start < position]
        for entity in reversed(described):
            if any(pattern.search(d) for d in entity.descriptors):
                return entity
        if self.aff.classify([head], None)[1] == "private_bodies":
            # "The company said" after "Grupo Minero Austral halted output": the last body of a
            # private class, or a name never described as a person.
            for entity in reversed(described):
                if entity.kind == "body" and self.affiliation(entity)[1] == "private_bodies":
                    return entity
                if entity.kind == "person" and not entity.evidence and not entity.descriptors:
                    return entity
        return None

    def body_starting(self, position: int, floor: int) -> Entity | None:
        """The body whose mention starts the clause at `position` (the text between `floor` and
        it is only an article), else None."""
        for start, _, entity, _ in self.mentions:
            if entity.kind == "body" and floor <= start <= position + 4 \
                    and not re.sub(r"(?i)\bthe\b|\s", "", self.masked[floor:start]):
                return entity
        return None

    def home(self) -> str | None:
        if self._home is False:
            self._home = home_country(self.doc, self.aff)
        return self._home  # type: ignore[return-value]

    def affiliation_evidence(self, entity: Entity) -> tuple[str, str]:
        """(code, evidence) of an entity from all its descriptors (and its own name for bodies);
        evidence as in `Affiliator.explain`, or "body-country:<name>" for a body known only by
        the country in its name ("Environment Canada")."""
        texts = list(entity.descriptors) + ([entity.name] if entity.kind == "body" else [])
        last = entity.name.split()[-1]
        if entity.kind == "body" and last.lower() in self.aff.media_words:
            return "media", f"media_name:{last}"
        code, evidence = self.aff.explain(texts, self.home)
        if evidence == "none" and entity.kind == "body":
            country = self.aff.country_in(entity.name)
            if country:
                return country, f"body-country:{entity.name}"
        return code, evidence

    def affiliation(self, entity: Entity) -> tuple[str, str]:
        """(code, class) of an entity: `affiliation_evidence` without the words."""
        code, evidence = self.affiliation_evidence(entity)
        return code, evidence.split(":")[0]

    def person_like(self, entity: Entity) -> bool:
        """A person the article shows as one: a title or honorific, a later surname-only mention,
        or a descriptor holding a role ("a metals analyst", "union president"). A capitalised
        run with none of these ("Plaza San Martín", "Sacramento Condors") may be anything."""
        if entity.kind != "person":
            return False
        if entity.evidence:
            return True
        text = " ".join(entity.descriptors).lower()
        return any(word in self.aff.role_words for word in re.findall(r"[a-z]+", text))

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

    def entity_named(self, name: str) -> Entity | None:
        return self._by_name.get(name)
