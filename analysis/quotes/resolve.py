"""A speaker noun phrase -> readable name, affiliation and how it was resolved.

Order: pronouns (he/she, "they", "his office": `pronouns`); joint subjects ("both leaders", "Lee
and Xi": affiliation `other` when they differ); definite descriptions ("the spokesman": the last
earlier mention with that head, a registry body, or the indefinite that introduced it); the
gazetteer; the article's own names (`speakers`, `lookup`); else the phrase itself, with the
affiliation of its descriptor words (group words, media mastheads, affiliations.yaml classes).
"""
from __future__ import annotations

import bisect

import re
from functools import lru_cache

from ..text import Sentence
from .context import QuoteContext, Speaker
from .grammar import np_forward
from .lexicon import word_set
from .lookup import body_with_head, lookup
from .names import TITLE_ABBREVIATIONS, TITLES
from .pronouns import resolve_it, resolve_pronoun, resolve_they
from .tokens import Token, word_list


def resolve_phrase(ctx: QuoteContext, phrase: list[Token], sentence: Sentence,
                   apposition: list[Token] | None = None) -> Speaker | None:
    """A speaker noun phrase (tokens) -> readable name and affiliation."""
    if not phrase:
        return None
    lex = ctx.lex
    words = word_list(phrase)
    position = phrase[0].start
    unresolved = Speaker(None, "unknown", "unresolved")
    if len(words) == 1 and words[0] in lex.personal:
        if words[0] == "they":
            return resolve_they(ctx, sentence) or _opening_subject(ctx, position, sentence, "they") or unresolved
        if words[0] == "it":
            return resolve_it(ctx, sentence) or _opening_subject(ctx, position, sentence, "it") or unresolved
        found = resolve_pronoun(ctx, position, sentence) if words[0] in ("he", "she", "i") else None
        return found or unresolved
    if words[0] in lex.possessive and words[-1] in lex.office_heads and len(words) <= 3:
        return _pronoun_office(ctx, words, position, sentence) or unresolved
    capitals = [t for t in phrase if t.capital and t.low not in lex.determiners]
    plain = [w for w in words if w not in lex.determiners and w not in lex.quantifiers]
    found = _joint(ctx, phrase, words, plain)
    if found is None and words[0] == "the" and len(plain) == 1 and len(capitals) <= 1 \
            and not (capitals and capitals[0] is not phrase[0]) and plain[0].isalpha():
        found = resolve_definite(ctx, plain[0], position)
    return found or _named(ctx, phrase, apposition) or _described(ctx, phrase, capitals, apposition)


def _opening_subject(ctx: QuoteContext, position: int, sentence: Sentence, pronoun: str) -> Speaker | None:
    """"Senate Democrats blocked the bill because they said ...", "The group sued. It calls ...": a
    they/it that no earlier speaker answers stands for the noun phrase opening its sentence (before
    the pronoun) or the sentence before it in its paragraph, a subject (a lower-case word, its verb,
    follows) that is no person: plural for "they" (a capitalised group or a noun in -s), singular
    for "it"; else None."""
    sentences = ctx.doc.sentences
    for index in (sentence.index, sentence.index - 1):
        if index < 0 or sentences[index].paragraph != sentence.paragraph:
            return None
        earlier = sentences[index]
        tokens = ctx.tokens(earlier.nstart, min(earlier.nend, position))
        phrase = np_forward(ctx.lex, tokens, 0)
        after = tokens[len(phrase)] if phrase and len(phrase) < len(tokens) else None
        if after is None or not after.is_word or after.capital or after.low in ctx.lex.function_words \
                or any(t.low in ctx.lex.personal or t.low in ctx.lex.possessive for t in phrase) \
                or all(t.low in ctx.lex.determiners for t in phrase):
            continue
        head = phrase[-1].low
        plural = head.endswith("s") and not head.endswith(("'s", "ss"))
        if plural != (pronoun == "they"):
            continue
        found = resolve_phrase(ctx, phrase, earlier)
        if found is not None and found.name and not found.person:
            return Speaker(found.name, found.affiliation, pronoun, False)
    return None


def _pronoun_office(ctx: QuoteContext, words: list[str], position: int, sentence: Sentence) -> Speaker | None:
    """"his office", "her spokesman": the pronoun's person (their office speaks as them)."""
    owner = resolve_pronoun(ctx, position, sentence)
    if owner is None:
        return None
    if words[-1] in ("office", "camp", "team", "aides", "administration", "government"):
        return Speaker(owner.name, owner.affiliation, "pronoun-office", False)
    return Speaker(f"{owner.name}'s {words[-1]}", owner.affiliation, "pronoun-office", False)


def _joint(ctx: QuoteContext, phrase: list[Token], words: list[str], plain: list[str]) -> Speaker | None:
    """"both leaders" (the two persons named last), "Lee and Xi" (two gazetteer actors)."""
    lex = ctx.lex
    bare = words[1:] if words[0] == "the" else words
    if len(bare) == 1 and bare[0] in lex.quantifiers and bare[0] != "both":
        # '"...," the two insist': the two persons named last
        pair = ctx.recent_persons(phrase[0].start, 2)
        codes = sorted({a.affiliation for a in pair})
        affiliation = codes[0] if len(codes) == 1 else ("other" if codes else "unknown")
        return Speaker(f"the {bare[0]}", affiliation, "joint", False)
    if words[0] in lex.quantifiers or (len(words) > 1 and words[0] == "the" and words[1] in lex.quantifiers):
        if plain and plain[-1] in lex.speaker_nouns and not any(t.capital for t in phrase[1:]):
            pair = ctx.recent_persons(phrase[0].start, 2)
            codes = sorted({a.affiliation for a in pair})
            affiliation = codes[0] if len(codes) == 1 else ("other" if codes else "unknown")
            return Speaker(" ".join(words), affiliation, "joint", False)
    if "and" in words:
        cut = words.index("and")
        left = ctx.gaz.find_actor(ctx.doc.text[phrase[0].start:phrase[cut - 1].end]) if cut else None
        right = ctx.gaz.find_actor(ctx.doc.text[phrase[cut + 1].start:phrase[-1].end]) \
            if cut + 1 < len(phrase) else None
        if left is not None and right is not None and left != right:
            codes = sorted({left.affiliation, right.affiliation})
            return Speaker(f"{left.name} and {right.name}", codes[0] if len(codes) == 1 else "other",
                           "joint", False)
    return None


def _definite_actor(ctx: QuoteContext, match: re.Match):
    """The actor named in the noun phrase ending at a mention of the head (at most six tokens:
    "Lee's spokesman", "the Xinhua report", "Okafor, the senator"), if resolvable; an actor
    elsewhere in the clause ("Okafor praised the senator") is not the head's."""
    window = _head_phrase(ctx.lex, ctx.tokens(max(0, match.start() - 60), match.end())[-6:])
    phrase = ctx.doc.text[window[0].start:window[-1].end] if window else ""
    actor = ctx.gaz.find_actor(phrase) if phrase else None
    if actor is not None and not re.fullmatch(r"(?i)the\s+\w+", phrase.strip()):
        return actor
    return None


def _head_phrase(lex, window: list[Token]) -> list[Token]:
    """The tokens of `window` that form the noun phrase ending at its last token: back over
    capitalised words, possessives ("Lee's") and title or speaker nouns ("campaign spokesman"),
    through the determiner that opens it; a name set off by a comma before "the ..." is its
    apposition ("Okafor, the senator") and belongs to it."""
    k = len(window) - 1
    while k > 0:
        token = window[k - 1]
        if not token.is_word:
            break
        if token.low in lex.determiners:
            k -= 1
            break
        if not (token.capital or token.low in lex.title_words or token.low in lex.speaker_nouns):
            break
        k -= 1
    if 2 <= k < len(window) - 1 and window[k].low == "the" and window[k - 1].text == ",":
        j = k - 1
        while j > 0 and window[j - 1].is_word and window[j - 1].capital:
            j -= 1
        if j < k - 1:
            return window[j:]
    return window[k:]


def _last_definite_actor(ctx: QuoteContext, heads: frozenset, position: int):
    """The actor of the last mention of a head ending by `position` that resolves to one.

    A mention's actor does not depend on `position`, so the mentions of a head are found once per
    article, each resolved once, and the last resolving one before each mention kept: a lookup
    per quote, not a scan of the article so far (which made many such quotes quadratic)."""
    pattern = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, heads))) + r")\b", re.IGNORECASE)
    if 0 < position < len(ctx.masked) and (ctx.masked[position - 1].isalnum() or ctx.masked[position - 1] == "_") \
            and (ctx.masked[position].isalnum() or ctx.masked[position] == "_"):
        # inside a word, `\b` at the cut would match where the whole text has none: scan as before
        for match in reversed(list(pattern.finditer(ctx.masked, 0, position))):
            actor = _definite_actor(ctx, match)
            if actor is not None:
                return actor
        return None
    cache = ctx.__dict__.setdefault("_definite_mentions", {})
    found = cache.get(heads)
    if found is None:
        starts, ends, best, last = [], [], [], None
        for match in pattern.finditer(ctx.masked):
            actor = _definite_actor(ctx, match)
            last = actor if actor is not None else last
            starts.append(match.start())
            ends.append(match.end())
            best.append(last)
        found = cache[heads] = (starts, ends, best)
    starts, ends, best = found
    slot = bisect.bisect_right(ends, position) - 1
    if slot + 1 < len(starts) and starts[slot + 1] < position:  # a mention across the cut: as before
        for match in reversed(list(pattern.finditer(ctx.masked, 0, position))):
            actor = _definite_actor(ctx, match)
            if actor is not None:
                return actor
        return None
    return best[slot] if slot >= 0 else None


def _paragraph_holder(ctx: QuoteContext, heads: frozenset, position: int):
    """The last person named in the paragraph before `position` whom the article named with one
    of `heads` before ("Sen. Dana Ryle ... Ryle defends her record: '...,' the senator said"): the
    paragraph is about them, though another senator may have been named since."""
    start = ctx.masked.rfind("\n", 0, position) + 1
    persons = ctx.persons_between(start, position)
    if not persons and start > 1:  # a quote opening its paragraph: the paragraph before
        end = start - 1
        while end > 0 and ctx.masked[end - 1] == "\n":
            end -= 1
        persons = ctx.persons_between(ctx.masked.rfind("\n", 0, end) + 1, start)
    if not persons:
        return None
    # "Gov. Dana Ryle" names the governor too
    short = sorted(re.escape(a) + r"\." for a, full in TITLE_ABBREVIATIONS.items() if full in heads)
    pattern = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, heads))) + r")\b"
                         + "".join(r"|\b" + a for a in short), re.IGNORECASE)
    cache = ctx.__dict__.setdefault("_definite_holders", {})
    holders = cache.get(heads)
    if holders is None:  # each mention of a head once per article: (end, actor) in text order
        holders = cache[heads] = [(m.end(), a) for m in pattern.finditer(ctx.masked)
                                  if (a := _definite_actor(ctx, m)) is not None]
    before = {actor for end, actor in holders if end <= position}

    def holds(actor) -> bool:  # named with the head, or an article's name described by it ("Sen.")
        entity = ctx.registry_actors.get(actor)
        return actor in before or entity is not None and entity.start < position \
            and any(pattern.search(d) for d in entity.descriptors)
    return next((actor for _, actor in reversed(persons) if holds(actor)), None)


@lru_cache(maxsize=256)
def _indefinite_pattern(heads: frozenset[str]) -> re.Pattern:
    """ "a team source", "one senior official", "a U.S. official": an indefinite that introduces
    one of `heads` (within its sentence: a period ends a word only in an initialism)."""
    return re.compile(r"\b(?:[Aa]n?|[Oo]ne)\s+(?:(?:[\w'-]+|(?:[A-Za-z]\.)+)\s+){0,3}?(?:"
                      + "|".join(sorted(map(re.escape, heads))) + r")\b")


def resolve_definite(ctx: QuoteContext, head: str, position: int) -> Speaker | None:
    """"the spokesman": the last earlier mention of that head with a resolvable modifier."""
    heads = ctx.lex.synonyms.get(head, frozenset([head]))
    actor = (_paragraph_holder(ctx, heads, position) if head in TITLES else None) \
        or _last_definite_actor(ctx, heads, position)
    if actor is not None:
        return ctx.from_actor(actor, "definite")
    for candidate in sorted(heads):
        body = body_with_head(ctx.registry, candidate, position)
        if body is not None:
            return ctx.from_entity(body, "definite")
    # "the source said" after "a team source told ...": the indefinite that introduced it.
    ends, texts = ctx.matches_of(_indefinite_pattern(frozenset(heads)))
    last = bisect.bisect_right(ends, position) - 1  # the last introduction ending before the quote
    if last >= 0:
        name = texts[last]
        name = name[:1].lower() + name[1:]
        code, rule = ctx.registry.aff.explain([name], ctx.registry.home)
        return Speaker(name, code, f"definite-indefinite|registry:{rule}", False)
    return None


def _named(ctx: QuoteContext, phrase: list[Token], apposition: list[Token] | None) -> Speaker | None:
    """A gazetteer actor, else a name of the article's registry (in the phrase or its apposition)."""
    text = ctx.doc.text[phrase[0].start:phrase[-1].end]
    located = len(phrase) > 1 and phrase[0].low in ctx.lex.speaker_nouns and phrase[1].low in _LOCATIVES
    if _DESCRIPTOR_OF.match(text[:1].lower() + text[1:] if located else text):
        return None  # "a longtime adviser to Trump", "Analysts at X" opening a sentence: the descriptor
    if _INDEFINITE_HEAD.fullmatch(text):
        # "one Trump campaign source", "another Twitter user, Johanna Bayer": a name inside an
        # indefinite descriptor only modifies it; the speaker is the apposition's name, else the
        # descriptor itself.
        if apposition and apposition[0].capital and apposition[-1].capital:
            return _named(ctx, apposition, None) or _described(
                ctx, apposition, [t for t in apposition if t.capital], None)
        return None
    owned = _owned(ctx, phrase)
    if owned is not None:
        return owned
    actor = ctx.gaz.find_actor(text)
    if actor is not None and actor.kind == "person" and actor.name in text:
        return ctx.from_actor(actor, "gazetteer")  # the full name: no registry lookup needed
    entity = lookup(ctx.registry, text, phrase[0].start)
    # An alias never overrides a person's name the article gives ("Lee" in "Lee Moon-haeng"), nor
    # one that follows a body's alias as its title ("Chinese Foreign Ministry spokesperson Lin Jian").
    if actor is not None and not (entity is not None and entity.kind == "person"):
        return ctx.from_actor(actor, "gazetteer")
    if entity is not None and _name_after(text, entity.name):
        entity = None  # "former Obama adviser David Axelrod": a name after the one found is the head
    apposition_text = ctx.doc.text[apposition[0].start:apposition[-1].end] if apposition else ""
    if entity is None and apposition_text and apposition[0].capital:
        # a relative clause or descriptor ("who endorsed Mr. Rubio", "a critic of X") names no one
        entity = lookup(ctx.registry, apposition_text, apposition[0].start)
    if entity is not None:
        return ctx.from_entity(entity, "name")
    return None


#: Lower-case heads after a person's name that name other people speaking for or about them
#: ("Okafor's spokesman", "the Okafor campaign", "Okafor supporters", "Okafor's office": a named
#: person's office issues statements of its own); "camp", "team" speak as the person, and so does
#: "his office" after a pronoun (see `_pronoun_office`).
_OWNED_HEADS = word_set("owned_heads.heads")


def _owned(ctx: QuoteContext, phrase: list[Token]) -> Speaker | None:
    """"Okafor's spokesman", "the Okafor campaign", "Okafor supporters": a person's name before a
    lower-case head of `_OWNED_HEADS` names the head, not the person, as the article words it
    (leading article dropped), with the person's affiliation."""
    if len(phrase) < 2 or phrase[-1].capital or phrase[-1].low not in _OWNED_HEADS:
        return None
    last_capital = max((k for k, t in enumerate(phrase[:-1]) if t.capital), default=-1)
    if last_capital < 0 or any(t.capital for t in phrase[last_capital + 1:]):
        return None
    owner_tokens = [t for t in phrase[:last_capital + 1] if t.low not in ctx.lex.determiners]
    if not owner_tokens:
        return None
    owner = _named(ctx, owner_tokens, None)
    if owner is None or not owner.person or not owner.name:
        return None
    return Speaker(ctx.doc.text[owner_tokens[0].start:phrase[-1].end], owner.affiliation, "owner", False)


_TAIL_NAME = re.compile(r"\s[a-z][\w-]*(?:\s[a-z][\w-]*)*\s[A-Z][\w.'-]*\s[A-Z][\w'-]+\s*$")


#: A lower-case descriptor with a complement ("a longtime adviser to Trump", "the former top aide
#: to President George W. Bush"): no name of its own.
_DESCRIPTOR_OF = re.compile(r"(?:(?:[Tt]he|[Aa]n?|[Oo]ne)\s)?(?:[a-z][\w-]*\s){1,4}(?:to|of|for|at)\s(?:the\s)?[A-Z]")


#: An indefinite descriptor with a capitalised modifier and a lower-case head ("a Trump campaign
#: source", "one White House official", "another Twitter user").
_INDEFINITE_HEAD = re.compile(r"(?:[Aa]n?|[Oo]ne|[Aa]nother)\s(?:[\w.'-]+\s){0,4}?[A-Z][\w.'-]*\s(?:[\w'-]+\s){0,2}?[a-z][a-z-]+")


def _name_after(text: str, name: str) -> bool:
    """True when `text` goes on after `name` with lower-case words and then a two-word capitalised
    name that ends it ("former Obama adviser David Axelrod")."""
    at = text.rfind(name)
    if at < 0 or re.match(r"\s(?:of|at|from|for|with|in)\s", text[at + len(name):]):
        return False  # "Marcus Thorne of Halvern Bank": the name is the head
    return bool(_TAIL_NAME.match(text, at + len(name)))


def _described(ctx: QuoteContext, phrase: list[Token], capitals: list[Token],
               apposition: list[Token] | None) -> Speaker:
    """The phrase itself: a capitalised name, or a descriptor ("residents", "a team source"), with
    the affiliation of its words."""
    lex, gaz = ctx.lex, ctx.gaz
    words = word_list(phrase)
    text = ctx.doc.text[phrase[0].start:phrase[-1].end]
    apposition_text = ctx.doc.text[apposition[0].start:apposition[-1].end] if apposition else ""
    described = " ".join([text] + ([apposition_text] if apposition_text else []))
    affiliation = gaz.descriptor_affiliation(described)
    name_tokens = _name_tokens(ctx, phrase)
    is_name = all(t.capital for t in name_tokens) and not gaz.group_affiliation(
        ctx.doc.text[name_tokens[0].start:name_tokens[-1].end])
    if is_name and name_tokens[-1].low in lex.media_words:
        affiliation = affiliation or "media"
        is_name = False
    affiliation = affiliation or gaz.group_affiliation(described)
    evidence = ""
    if affiliation is None:  # "residents", "a team source", "the then health minister"
        affiliation, found = ctx.registry.aff.explain([described], ctx.registry.home)
        evidence = "" if found == "none" else f"|registry:{found}"
    if is_name and any(t.low in lex.speaker_nouns for t in name_tokens):
        is_name = False
    if is_name:
        name = ctx.doc.text[name_tokens[0].start:name_tokens[-1].end]
        return Speaker(name, affiliation, "name", True)
    name = _descriptor_name(ctx, phrase, capitals, text, affiliation)
    how = "descriptor" if affiliation in ("expert", "media") else ("group" if affiliation != "unknown" else "phrase")
    how += evidence
    head = words[-1] if words else ""
    person = head in ctx.registry.aff.role_words and not head.endswith("s") and (
        words[0] in ("a", "an", "one") or "the" not in words)  # "an Eskom engineer"
    return Speaker(name, affiliation, how, person)


def _name_tokens(ctx: QuoteContext, phrase: list[Token]) -> list[Token]:
    """The phrase without leading titles, determiners and group words, unless it names an
    institution ("the U.S. State Department": kept whole)."""
    lex = ctx.lex
    name_tokens = list(phrase)
    institution = phrase[-1].low in lex.speaker_nouns
    while not institution and name_tokens and (name_tokens[0].low in lex.title_words
                                               or name_tokens[0].low in lex.determiners
                                               or ctx.gaz.group_affiliation(name_tokens[0].text)) \
            and len(name_tokens) > 1:
        name_tokens.pop(0)
    return name_tokens


#: Prepositions of place or origin after a speaker noun ("Officials in Seoul said": no name).
_LOCATIVES = word_set("postmodifiers.locatives")


def _descriptor_name(ctx: QuoteContext, phrase: list[Token], capitals: list[Token], text: str,
                     affiliation: str) -> str:
    """A descriptor as a speaker name: "the" and "some/several/many/other" dropped, lower case
    unless it starts with a name."""
    lex = ctx.lex
    name = text[4:] if text.startswith(("The ", "the ")) and affiliation != "media" else text
    name = re.sub(r"^(?:[Ss]ome|[Ss]everal|[Mm]any|[Oo]ther)\s+(?=\S+\s+\S)", "", name)
    first_word = name.split()[0].lower() if name.split() else ""
    opening = phrase[0].low in lex.speaker_nouns | lex.quantifiers and (
        capitals == [phrase[0]] or len(phrase) > 1 and phrase[1].low in _LOCATIVES)  # "Officials in Seoul"
    if not capitals or opening or first_word in lex.determiners and affiliation != "media":
        name = name[:1].lower() + name[1:]
    return name
