"""Proper names in one article's text: runs of capitalised words, cut into title and name.

- A name is a run of capitalised words outside quotes. Titles inside the run are cut off at the
  last title word ("Mining Minister Aurora Pizarro" -> "Aurora Pizarro"); honorifics give a
  gender ("Ms Hale"). A body's name goes on over "of/for/and" ("Ministry of Agriculture").
- A run with a body word ("Union", "Ministry", "Bank", "Research", a country name) is a body; a
  run with a place word ("Street", "River") or a country or place name is not a speaker; any
  other run of two or more words is a person (`name_kind`).

These are functions of the text and the word lists only; `analysis.quotes.speakers` keeps what
they find.
"""
from __future__ import annotations

import re

from .affiliations import Affiliator
from .lexicon import word_set

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
#: Last words that make a run a law, an event, a document or a place of another kind, never a
#: person ("Freedom of Information Act", "the Republican National Convention", "West Point").
THING_WORDS = frozenset("""act acts amendment amendments law laws treaty accord accords convention
    conventions debate debates caucus caucuses primary primaries election elections summit games
    olympics festival parade nations universe command beach point heights hills text""".split())
#: Capitalised words that open sentences and never start a name.
OPENERS = frozenset("""the a an in on at after before as when while if but and or so yet for from
    with without during despite under over since until this that these those it its his her their
    our my your we they he she i there here what who why how asked speaking announcing opening
    meanwhile however still also then now today yesterday last next every each some many most
    critics officials residents analysts experts later earlier separately instead afterwards
    nevertheless finally ultimately eventually similarly likewise moreover furthermore indeed
    overall initially previously recently currently elsewhere again both only even perhaps
    already together first one neither either nobody everybody somebody anybody everyone someone anyone no
    late early presumptive monday tuesday wednesday thursday friday saturday sunday january
    february september october november december""".split()) | word_set("name_openers.words")
#: Words that end a run as a time phrase, not as part of the name ("Acme News Tuesday").
TIME_TAILS = word_set("name_time_tails.words")


PARTICLES = r"(?:de|da|di|du|del|della|van|von|der|den|bin|binti|al|el|la|le|ter|ten|dos|das)"
#: Upper-case letters, Latin-1 and Latin Extended-A included ("Élodie", "Álvaro", "Łukasz").
UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
CAP = (r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|St|Jr|Sr|Co|Corp|Inc|Ltd|Bros|Rev|Fr|Atty|Supt|Det|Insp|Cmdr|Adm|Amb|Sens|Reps)\.(?!\w)"
       rf"|[{UPPER}][\w'\-]*[\w](?:(?<=s)')?|[A-Z]\.(?:[A-Z]\.)*)")
#: A run of capitalised words; a nickname in quotes may stand inside ('Dante "D-Train" Miller'), a
#: short quote (marks included, at most `NICKNAME_CHARS`), not a label and the next sentence's
#: subject ('named Holt "the best planner of the decade." Ito thanked ...').
NICKNAME_CHARS = 24
# (The lookahead for a capital first lets `re` drop a position in one test, before the lookbehind.)
RUN = re.compile(rf"(?=[{UPPER}])(?<![\w'\-.]){CAP}(?:(?:[ ]\x00{{1,{NICKNAME_CHARS}}}(?!\x00))?[ ](?:{PARTICLES}[ ])*{CAP})*")
_JOIN = re.compile(r" (?:of|for|and|&|on)(?: the)? ")

#: A candidate mention: (start, end, name words, title words before them, possessive).
Candidate = tuple[int, int, list[str], list[str], bool]


def possessive_len(token: str) -> int:
    """Characters of the possessive ending: 2 for "Hale's", 1 for "Hollis'" (the bare
    apostrophe after s), 0 for none."""
    if len(token) <= 3:
        return 0
    return 2 if token.endswith("'s") else 1 if token.endswith("s'") else 0


def clean(token: str) -> str:
    """The word without its possessive ending ("Hale's" -> "Hale", "Hollis'" -> "Hollis")."""
    if len(token) <= 3:  # possessive_len inlined: called for every word of every name run
        return token
    return token[:-2] if token.endswith("'s") else token[:-1] if token.endswith("s'") else token


def name_runs(masked: str, aff: Affiliator, titles: frozenset) -> list[tuple[int, int, str]]:
    """Capitalised runs; a body's name goes on over "of/for/and" ("Ministry of Agriculture",
    "University of Copenhagen"); a portfolio after "<title> of" is not part of the next name
    ("Minister of Agriculture Aidos Nurlanov" -> "Aidos Nurlanov")."""
    runs = [(m.start(), m.end(), m.group()) for m in RUN.finditer(masked)]
    merged: list[tuple[int, int, str]] = []
    for start, end, text in runs:
        if merged and start - merged[-1][1] <= 9 and _JOIN.fullmatch(masked, merged[-1][1], start):
            p_start, p_end, p_text = merged[-1]
            gap = masked[p_end:start]
            last = clean(p_text.split(" ")[-1]).lower()
            right_last = clean(text.split(" ")[-1]).lower()
            if (
                    last in aff.body_words
                    or (last in titles and gap.strip().startswith(("of", "for")))
                    or (gap.strip() in ("and", "&") and right_last in aff.body_words
                        and last not in titles
                        and not any(w.lower() in HONORIFICS for w in p_text.split(" ")))):
                merged[-1] = (p_start, end, masked[p_start:end])
                continue
        merged.append((start, end, text))
    return merged


def run_candidates(run_start: int, run_end: int, run_text: str, aff: Affiliator,
                   titles: frozenset, not_names: frozenset) -> list[Candidate]:
    """The names a run of two or more words holds, with the titles before each: a person's
    titles are cut at the last one; a body before a person's name is a name of its own."""
    found: list[Candidate] = []
    tokens = [t for t in run_text.split(" ") if not t.startswith("\x00")]
    # "Meridian's Nadia Osei", "Sweden's Lars Ekdahl": the owner describes the name after it.
    owner = max((i for i, t in enumerate(tokens[:-1]) if t.endswith("'s")), default=-1)
    if len(tokens) > 1 and tokens[-1].lower() in TIME_TAILS:  # "told Acme News Tuesday"
        run_end -= len(tokens.pop()) + 1
        while len(tokens) > 1 and tokens[-1].islower():  # "the Acme Times on Sunday"
            run_end -= len(tokens.pop()) + 1
    possessive = possessive_len(tokens[-1])
    tokens[-1] = clean(tokens[-1])
    low = [t.lower().rstrip(".") if t.endswith(".") and len(t) <= 6 else t.lower() for t in tokens]
    cut = 0
    while cut < len(tokens) - 1 and low[cut] in OPENERS:
        cut += 1
    bodies = [i for i, w in enumerate(low) if i >= cut and (clean(w) in aff.body_words
                                                            or w in aff.media_words)]
    if len(tokens) - cut >= 2 and tokens[-1] in aff.country_terms:
        bodies.append(len(tokens) - 1)  # "Patient Voice UK", "Environment Canada"
    title_at = [i for i, w in enumerate(low[:-1]) if w in titles]
    # A body word after the last title names a body ("Prime Minister's Office"); a title
    # after it names a person of that body ("Board Chairman Phil Granger").
    tail = tokens[bodies[-1] + 1:] if bodies else []
    person_tail = len(tail) >= 2 and not any(
        t.lower() in aff.body_words or t.lower() in aff.portfolio_words
        or t in aff.country_terms for t in tail)  # "Opposition Thomas Kuruvilla"
    if person_tail:
        cut = max(cut, bodies[-1] + 1)
        head = [t for t in tokens[:bodies[-1] + 1] if t.lower() not in OPENERS]
        if head and len(head) >= 2:  # "Hayabusa Motor Co." is a body of its own too
            offset = run_text.find(head[0])
            found.append((run_start + offset, run_start + offset + len(" ".join(head)), head, [], False))
    person = not bodies or person_tail or (title_at and title_at[-1] > bodies[-1])
    if person and owner >= cut:
        cut = owner + 1
    if person:
        cut = _person_cut(low, cut, aff, titles)
    name, title_part = tokens[cut:], tokens[:cut]
    if not name or all(w.lower().rstrip(".") in not_names for w in name):
        return found  # "National Secretary", "Petroleum Resources": a title, no name
    found.append((run_start + len(" ".join(tokens[:cut])) + (1 if cut else 0),
                  run_end - possessive, name, title_part, bool(possessive)))
    return found


def _person_cut(low: list[str], cut: int, aff: Affiliator, titles: frozenset) -> int:
    """Where a person's name starts: after the last title, with a portfolio after it
    ("Minister of State for Foreign Affairs Wang Yi" -> "Wang Yi")."""
    for i, word in enumerate(low[:-1]):  # a name does not end with its title
        if word in titles:
            cut = max(cut, i + 1)
    while cut < len(low) and (low[cut] in OPENERS or low[cut] in ("of", "for", "and", "the")
                              or (cut and low[cut] in aff.portfolio_words
                                  and any(w in titles for w in low[:cut]))):
        cut += 1
    return cut


def name_kind(name: list[str], aff: Affiliator, gazetteer) -> str | None:
    """"body", "person", or None for a run that names no speaker (a place, a country, a group)."""
    low = [clean(t.lower()).rstrip(".") for t in name]
    text = " ".join(name)
    if any(w in aff.body_words or w in aff.media_words for w in low):
        return "body"
    if low[-1] in PLACE_WORDS or low[-1] in THING_WORDS or low[0] in FIRST_PLACE_WORDS or text in aff.country_terms:
        return None
    if aff.country_in(text):
        return "body" if len(name) > 1 else None
    if gazetteer.group_affiliation(text) and not _other_person(text, gazetteer):
        return None
    return "person" if len(name) >= 2 else None


def _other_person(text: str, gazetteer) -> bool:
    """True when every gazetteer term in a run is a person's alias that is not the whole run:
    "Lee Moon-haeng" holds the alias "Lee" of another person, and is a person of its own."""
    hits = gazetteer.mentions(text)
    for hit in hits:
        actor = gazetteer.actor_named(hit.actor, normalised=True) if hit.actor else None
        if actor is None or actor.kind != "person" or hit.term == text:
            return False
    return bool(hits)
