"""Who a reporting verb's subject is, by adjacency (no parser).

The subject is the noun phrase right before the verb (titles and appositions kept: "Chinese
Foreign Ministry spokesperson Mao Ning", "Wang Yi, the Chinese foreign minister, said"); an
acronym in brackets is skipped ("... of Nigeria (IPMAN) accused"); "prompting campaigners to
accuse" takes the object before "to"; a participle ("saying that") or a coordinated verb
("... and described") takes the subject of the earlier reporting verb of the sentence, else the
sentence's first pronoun subject or first non-possessive actor (a capitalised name opening the
clause before a finite verb counts, also when the article never gave it in full: "Moss has
clashed with Lee, saying ..." is Moss's); a relative pronoun ("..., who added that") takes its
antecedent.
"""
from __future__ import annotations

import bisect
import re

from ..text import Sentence
from .context import QuoteContext, Speaker
from .grammar import PRONOMINAL, naming_participle, np_backward, np_forward, verb_lemma
from .lexicon import Lexicon, word_set
from .lookup import body_starting
from .names import OPENERS
from .pronouns import resolve_pronoun
from .resolve import resolve_phrase
from .tokens import Token


def subject_of(ctx: QuoteContext, tokens: list[Token], index: int, sentence: Sentence,
               depth: int = 0) -> Speaker | None:
    """Speaker of the reporting verb tokens[index]."""
    lex = ctx.lex
    if depth > 4:
        return None
    if tokens[index].low.endswith("ing"):
        return clause_subject(ctx, tokens, index, sentence, depth)
    i = index
    while i > 0 and (tokens[i - 1].low in lex.skip_words or _time_word(tokens, i - 1)
                     or (tokens[i - 1].text == "," and i > 1 and tokens[i - 2].low in lex.skip_words)):
        i -= 1
    if i > 1 and tokens[i - 1].text == "," and i + 1 < index and tokens[i].low in lex.skip_words \
            and tokens[i + 1].text == ",":
        i -= 1  # "The mayors, however, insist": a parenthetical adverb between commas
    if i == 0:
        return None
    phrase = _before_brackets(ctx, tokens, i)
    if not phrase and i > 2 and tokens[i - 1].text == "," and tokens[i - 2].text == ")":
        phrase = _before_brackets(ctx, tokens, i - 1)  # "Sen. Lee Moss (D-Ore.), said"
        if phrase and not (phrase[0] is tokens[0] or tokens[tokens.index(phrase[0]) - 1].text in (",", ":")):
            phrase = []
    if phrase:
        return resolve_phrase(ctx, phrase, sentence)
    previous = tokens[i - 1]
    if previous.text == ",":  # "Wang Yi, the Chinese foreign minister, said"
        found = _with_apposition(ctx, tokens, i, sentence)
        if found is not None:
            return found
    if previous.low == "to" and i > 1 and tokens[i - 2].is_word and not tokens[i - 2].capital \
            and tokens[i - 2].low not in lex.function_words:
        phrase = np_backward(lex, tokens, i - 1)  # "prompting campaigners to accuse"
        opener = tokens.index(phrase[0]) - 1 if phrase else -1
        if phrase and opener >= 0 and tokens[opener].low in lex.function_words:
            # the object of a preposition: "took to the airwaves Monday to accuse" is the clause
            # subject's purpose (the phrase only when the clause has no subject)
            found = clause_subject(ctx, tokens, i - 1, sentence, depth)
            return found if found is not None else resolve_phrase(ctx, phrase, sentence)
        if phrase and not (phrase[-1].capital or phrase[-1].low in lex.speaker_nouns):
            # "had not had a chance to read it but called it ...": a thing before "to" is no
            # speaker; the clause's subject is
            found = clause_subject(ctx, tokens, i - 1, sentence, depth)
            return found if found is not None else resolve_phrase(ctx, phrase, sentence)
        if phrase:
            return resolve_phrase(ctx, phrase, sentence)
    if previous.low in ("and", "but", "or") or previous.text == ",":
        return clause_subject(ctx, tokens, i - 1, sentence, depth)
    if previous.low in ("who", "which"):
        return _antecedent(ctx, tokens, i, sentence)
    phrase = _postmodified(ctx, tokens, i) or locative_phrase(lex, tokens, i)
    if phrase:
        return resolve_phrase(ctx, phrase, sentence)
    found = _relative_antecedent(ctx, tokens, i, sentence)
    if found is not None:
        return found
    phrase = np_backward(lex, tokens, i)
    if not phrase and previous.low in PRONOMINAL and (i == 1 or tokens[i - 2].text in (",", ";", ":")):
        phrase = [previous]  # 'Another tweeted, "..."': one of a kind just named
    if not phrase or _no_head(ctx, phrase):
        return clause_subject(ctx, tokens, i, sentence, depth)
    return resolve_phrase(ctx, _place_tail(ctx, tokens, phrase) or _participle_subject(ctx, tokens, phrase) or phrase,
                          sentence)


def _no_head(ctx: QuoteContext, phrase: list[Token]) -> bool:
    """A lower-case phrase whose last word can head no noun phrase ("do better", "in the past",
    "overnight"): a function word, a time word or an adverb."""
    head = phrase[-1]
    if head.capital or not head.is_word:
        return False
    low = head.low
    return low in ctx.lex.function_words or low in _TIME_WORDS or low in _NOT_HEADS or low.endswith("ly")


#: Adjectives and participles that open a post-modifier of a speaker noun ("a source familiar
#: with the talks", "one aide close to the senator", "people briefed on the plan").
POSTMODIFIERS = word_set("postmodifiers.adjectives")
#: The preposition after one of them ("close to", "briefed on").
POSTMODIFIER_PREPOSITIONS = word_set("postmodifiers.prepositions")
#: Nouns after "with" that open the same kind of post-modifier ("people with knowledge of").
_WITH_NOUNS = word_set("postmodifiers.with_nouns")


def _postmodified(ctx: QuoteContext, tokens: list[Token], i: int) -> list[Token]:
    """"A source familiar with her thinking said", "people with knowledge of the talks said": the
    noun phrase before a post-modifier that ends right before the verb tokens[i], else []."""
    for j in range(i - 2, max(0, i - 10), -1):
        token = tokens[j]
        opens = (token.low in POSTMODIFIERS and tokens[j + 1].low in POSTMODIFIER_PREPOSITIONS) \
            or (token.low == "with" and tokens[j + 1].low in _WITH_NOUNS)
        if not opens and (not token.is_word or token.low in ctx.lex.verb_forms or token.low in ctx.lex.relative):
            return []
        if opens:
            core = np_backward(ctx.lex, tokens, j)
            if core and core[-1].is_word and not core[-1].capital and core[-1].low not in ctx.lex.personal:
                return core
            return []
    return []


#: Prepositions of place or origin after a speaker noun ("officials in Seoul", "diplomats from").
LOCATIVES = word_set("postmodifiers.locatives")
#: Heads after one of them that are no place ("in a statement", "at the time").
NOT_PLACES = word_set("postmodifiers.not_places")


def locative_phrase(lex: Lexicon, tokens: list[Token], i: int) -> list[Token]:
    """"Officials in Seoul said", "experts at the institute called", "diplomats from both countries
    said": a lower-case speaker noun, a preposition of `LOCATIVES` and a short place phrase (one
    to four words, no verb, pronoun, punctuation, number or time word) ending right before the
    verb tokens[i]: the noun phrase with its place (without it when the phrase names an occasion or
    a time, "the ministry in a statement said"), else []."""
    for j in range(i - 1, max(-1, i - 6), -1):
        token = tokens[j]
        low = token.low
        if not token.is_word or low in lex.verb_forms or low in lex.relative or low in lex.personal \
                or low in _TIME_WORDS or any(c.isdigit() for c in low):
            return []
        if low in LOCATIVES and j < i - 1:
            if j == 0 or all(t.low in lex.determiners or t.low in lex.function_words for t in tokens[j + 1:i]):
                return []  # "in the said": no place
            noun = tokens[j - 1]
            if noun.low not in lex.speaker_nouns or noun.capital and j > 1:  # "Officials" opening it
                return []
            core = np_backward(lex, tokens, j)
            if not core or core[-1] is not noun:
                return []
            return core if tokens[i - 1].low in NOT_PLACES and not tokens[i - 1].capital else core + tokens[j:i]
        if low in lex.function_words and low not in ("and", "of"):
            return []  # "voters from the lists because they": a clause, no place
    return []


#: Words of a time phrase between a speaker and the verb ("Okafor on Wednesday called", "Dunmore
#: Thursday told", "the mayor late Tuesday said").
_TIME_WORDS = word_set("time_words.words")
#: Words that open a time phrase before one of them ("on Wednesday", "late Tuesday").
_TIME_OPENERS = word_set("time_words.openers")


#: Words that end no speaker's noun phrase.
_NOT_HEADS = word_set("not_noun_heads.words")


def _time_word(tokens: list[Token], k: int) -> bool:
    """tokens[k] belongs to a time phrase right before a verb: a day, month or part of a day,
    or "on", "last", "this", "late", "early" before one."""
    low = tokens[k].low
    if low in _TIME_WORDS:
        return True
    return low in _TIME_OPENERS and k + 1 < len(tokens) and tokens[k + 1].low in _TIME_WORDS


def _place_tail(ctx: QuoteContext, tokens: list[Token], phrase: list[Token]) -> list[Token] | None:
    """"Stacy Baker of Columbia, South Carolina says": a short capitalised phrase after a comma
    that follows "<Name> of/from/in <Place>" is the place's state, not the subject; the phrase
    that opens the clause is."""
    k = tokens.index(phrase[0])
    if not (1 <= len(phrase) <= 3 and all(t.capital for t in phrase) and k > 0 and tokens[k - 1].text == ","):
        return None
    core = np_backward(ctx.lex, tokens, k - 1)
    if not core or len(core) < 3 or not all(t.capital or t.low in ("of", "from", "in") for t in core):
        return None
    link = next((j for j, t in enumerate(core) if t.low in ("of", "from", "in")), None)
    if link is None or link < 1 or link == len(core) - 1:
        return None
    start = tokens.index(core[0])
    if start > 0 and tokens[start - 1].text not in (",", ":"):
        return None
    return core[:link]


def _participle_subject(ctx: QuoteContext, tokens: list[Token], phrase: list[Token]) -> list[Token] | None:
    """"Protesters marching through the streets chanted", "A man wearing a red cap shouted": the
    phrase before the verb is the object of a participle (and a preposition) that post-modifies
    the subject opening the clause; that subject, else None."""
    k = tokens.index(phrase[0]) - 1
    if k >= 0 and tokens[k].low in ctx.lex.function_words and tokens[k].low not in ctx.lex.determiners:
        k -= 1  # the preposition after the participle
    elif phrase[0].low not in ctx.lex.determiners:
        return None  # "One sweeping question asked": an adjective in -ing, no participle phrase
    if k < 1 or phrase[-1].capital or not tokens[k].low.endswith("ing") or tokens[k].capital \
            or tokens[k].low in ctx.lex.verb_forms or len(tokens[k].low) < 6:
        return None
    core = np_backward(ctx.lex, tokens, k)
    if not core or core[-1].low in ctx.lex.function_words or not (core[-1].capital or core[-1].low.endswith("s")
                                                                   or core[0].low in ctx.lex.determiners):
        return None
    start = tokens.index(core[0])
    if start > 0 and tokens[start - 1].text not in (",", ":", ";"):
        return None
    return core


def _before_brackets(ctx: QuoteContext, tokens: list[Token], i: int) -> list[Token]:
    """"The ... Association of Nigeria (IPMAN) accused": the phrase before a short bracket that
    ends right before the verb, else []."""
    if tokens[i - 1].text != ")":
        return []
    k = i - 1
    while k > 0 and tokens[k].text != "(":
        k -= 1
    if k > 0 and i - k <= 4:
        return np_backward(ctx.lex, tokens, k)
    return []


def _with_apposition(ctx: QuoteContext, tokens: list[Token], i: int, sentence: Sentence) -> Speaker | None:
    """"Wang Yi, the Chinese foreign minister, said": the phrase before the last comma pair,
    when it opens the clause, with the apposition."""
    commas = [k for k in range(max(0, i - 30), i - 1) if tokens[k].text == ","]
    if not commas:
        return None
    for comma in commas[:-1]:  # "Michael Mulgrew, president of X, which represents Y, said"
        core = np_backward(ctx.lex, tokens, comma)
        if core and all(t.capital for t in core) and (
                core[0] is tokens[0] or tokens[tokens.index(core[0]) - 1].text in (",", ":")):
            found = resolve_phrase(ctx, core, sentence, tokens[comma + 1:i - 1])
            if found is not None and found.person:
                return found
    core = np_backward(ctx.lex, tokens, commas[-1])
    apposition = tokens[commas[-1] + 1:i - 1]
    if core and not core[-1].capital and 2 <= len(apposition) <= 4 and all(t.capital for t in apposition):
        # "Clinton's campaign chairman, John Podesta, said": the name in the apposition
        found = resolve_phrase(ctx, apposition, sentence, core)
        if found is not None and found.name:
            return found
    if core and (core[0] is tokens[0] or tokens[tokens.index(core[0]) - 1].text in (",", ":")):
        return resolve_phrase(ctx, core, sentence, apposition)
    return None


#: Relative pronouns opening a clause inside a subject ("an aide who asked not to be named said").
_RELATIVE_CLAUSE = word_set("grammar.relative_clause")
#: Subordinating conjunctions: a clause of its own inside a relative clause ("who won when he said").
_SUBORDINATORS = word_set("grammar.subordinators")
#: Words a relative clause between a subject and its verb may run to (no punctuation in it).
_RELATIVE_REACH = 12


def _relative_antecedent(ctx: QuoteContext, tokens: list[Token], i: int, sentence: Sentence) -> Speaker | None:
    """"An official who spoke on condition of anonymity to discuss plans said": a relative clause
    with no commas between the subject and the verb tokens[i] (who/which and words only, the
    clause's own verb in it): the relative pronoun's antecedent, else None."""
    for j in range(i - 2, max(0, i - _RELATIVE_REACH) - 1, -1):
        token = tokens[j]
        if not token.is_word or token.low in ctx.lex.personal or token.low in _SUBORDINATORS:
            return None  # "who won in 2019 when he said": the verb is the inner clause's
        if token.low in _RELATIVE_CLAUSE:
            if j == 0 or not tokens[j - 1].is_word:
                return None
            if not any(t.low.endswith("ed") or t.low in ctx.lex.verb_forms for t in tokens[j + 1:i]):
                return None  # no verb of its own: "who" may open a question ("asked who Lee said")
            antecedent = np_backward(ctx.lex, tokens, j)
            start = j - len(antecedent)
            if not antecedent or start > 1 and tokens[start - 1].text == "," and tokens[start - 2].capital:
                return None  # "Lee Moss, the pollster who ...": the apposition's rules
            if start > 0 and tokens[start - 1].is_word and tokens[start - 1].low not in ctx.lex.function_words:
                return None  # the phrase does not open there ("the polling guru who"): not the whole subject
            return _antecedent(ctx, tokens, j + 1, sentence)
    return None


def _antecedent(ctx: QuoteContext, tokens: list[Token], i: int, sentence: Sentence) -> Speaker | None:
    """"..., who added that": the antecedent of the relative pronoun tokens[i - 1]."""
    k = i - 1
    if k > 0 and tokens[k - 1].text == ",":
        k -= 1
    antecedent = np_backward(ctx.lex, tokens, k)
    if antecedent and antecedent[0].low == "to" or not antecedent:
        return None
    found = resolve_phrase(ctx, antecedent, sentence)
    return Speaker(found.name, found.affiliation, "relative", found.person) if found else None


#: Sentence-opening adverbs and conjunctions before a subject pronoun ("Then he cut in, calling").
_OPENING_ADVERBS = word_set("opening_adverbs.words")
#: A preposition ending right before a mention ("by Okafor"): the mention is its object.
_OBJECT_BEFORE = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(word_set("grammar.object_prepositions")))
                            + r") (?:[A-Z][a-z]{1,5}\. )?$")  # and a title ("of Capt. Okafor")
#: After a mention, what makes it the subject of a clause of its own ("with X tweeting", "for X to").
_CLAUSE_AFTER = re.compile(r"(?:'s)?\s+(?:[a-z]+ly\s+)?(?:[a-z]+ing|to)\b")
#: A lower-case word right after a name (its head noun when it is a speaker noun).
_HEAD_AFTER = re.compile(r"\s+([a-z][\w-]*)")


def clause_subject(ctx: QuoteContext, tokens: list[Token], end: int, sentence: Sentence,
                   depth: int) -> Speaker | None:
    """Subject for a participle or coordinated verb: the earlier reporting verb's subject, else
    the sentence's first pronoun subject or first non-possessive actor."""
    index = _sentence_index(ctx, tokens, end, sentence)
    # Only a token whose word is a verb form can be a verb (verb_lemma): with the sentence's index
    # those are visited, not every token back to the sentence start, once per quote.
    verbs = range(end - 1, -1, -1) if index is None else \
        reversed(index[0][:bisect.bisect_left(index[0], end)])
    for k in verbs:
        lemma = verb_lemma(ctx.lex, tokens, k)
        if lemma and not tokens[k].low.endswith("ing") and not naming_participle(ctx.lex, tokens, k, end):
            found = subject_of(ctx, tokens, k, sentence, depth + 1)
            if found is not None:
                return found
    limit = tokens[end].start if end < len(tokens) else sentence.nend
    if index is None:
        for k, token in enumerate(tokens[:end]):
            if token.low in ("he", "she") and (k == 0 or tokens[k - 1].text == ","
                                               or k == 1 and tokens[0].low in _OPENING_ADVERBS):
                return resolve_pronoun(ctx, token.start, sentence)
            if token.start >= limit:
                break
    elif index[1] and index[1][0] < end and (index[1][0] == 0 or tokens[index[1][0] - 1].start < limit):
        return resolve_pronoun(ctx, tokens[index[1][0]].start, sentence)  # the loop above, at once
    opener = _opening_phrase_end(ctx, sentence, limit)
    # the main clause starts after an opening adverbial phrase ("Asked about it, the senator ...")
    start = next((k + 1 for k, t in enumerate(tokens[:end]) if t.start == opener), 0) if opener >= 0 else 0
    opening = np_forward(ctx.lex, tokens, start) \
        if start < len(tokens) and tokens[start].low in ("the", "a", "an", "one") else []
    after = start + len(opening)
    if not (len(opening) >= 2 and opening[-1].low in ctx.lex.speaker_nouns and not opening[-1].capital
            and after < end and tokens[after].is_word and not tokens[after].capital):
        opening = _opening_descriptor(ctx.lex, tokens, start, end)
    if opening and 0 < end < len(tokens) and tokens[end].low.endswith("ing") and tokens[end - 1].capital \
            and tokens[end - 1].is_word:
        opening = []  # "The mailer shows a photo of Lee Moss shouting": the name is the participle's subject
    if opening:
        # "The president left no doubt ..., saying that ...": the descriptor opening the clause
        found = resolve_phrase(ctx, opening, sentence)
        if found is not None and found.name:
            return found
    bare = _bare_subject(ctx, tokens, start, end, sentence)
    if bare is not None:
        return bare
    governed = None
    for a, e, actor, possessive in ctx.mentions[bisect.bisect_left(ctx.mention_starts, sentence.nstart):]:
        if a >= limit:
            break
        if a < opener:
            # "Asked about Okafor, Dunmore called the plan ...": an actor of the adverbial phrase
            # opening the sentence is no subject of the clause after it
            continue
        if a > 0 and ctx.masked[a - 1] == "-":
            continue  # "pro-Okafor marchers": a modifier
        if a > 0 and ctx.masked[a - 1] == "(" and ctx.masked[e:e + 1] == ")":
            continue  # "LONDON (Wire) - Okafor said ...": a bracketed dateline credit, not the subject
        if _OBJECT_BEFORE.search(ctx.masked, max(sentence.nstart, a - 20), a) \
                and not _CLAUSE_AFTER.match(ctx.masked, e):
            # "Preceded by Okafor, Dunmore launched into ...": a preposition's object (not "with
            # Okafor saying", "for Okafor to call": the subject of a clause of its own), taken
            # only when no other actor of the sentence comes before the quote
            governed = governed or (None if possessive else actor)
            continue
        if not possessive:
            head = _HEAD_AFTER.match(ctx.masked, e)
            if head and head.group(1) in ctx.lex.speaker_nouns:
                # "Okafor supporters marched, chanting": the noun phrase is the subject
                phrase = [t for t in ctx.tokens(a, head.end(1)) if t.is_word]
                found = resolve_phrase(ctx, phrase, sentence) if phrase else None
                if found is not None and found.name:
                    return Speaker(found.name, found.affiliation, "subject", found.person)
            return ctx.from_actor(actor, "subject")
    if governed is not None:
        return ctx.from_actor(governed, "subject")
    first = next((t for t in tokens if t.is_word), None)
    if first is not None and first.capital:  # "The National Union of ... blamed ... and said"
        entity = body_starting(ctx.registry, first.start, sentence.nstart)
        if entity is not None:
            return ctx.from_entity(entity, "subject")
    return None


#: Finite auxiliaries: after a capitalised word opening a clause they make it the subject.
_FINITE_AUXILIARIES = word_set("grammar.auxiliaries") - {"not"}
#: Finite auxiliaries of a plural subject.
_PLURAL_FINITE = frozenset(("are", "were", "have", "do"))


def _bare_subject(ctx: QuoteContext, tokens: list[Token], start: int, end: int,
                  sentence: Sentence) -> Speaker | None:
    """"Moss has clashed with Okafor once, saying ...": a capitalised name of one to three words
    opening the clause at tokens[start] and followed by a finite verb (an auxiliary, a past
    tense, a reporting verb) is the clause's subject, also when the article never gave it in full
    (a surname the reader knows, a full name only in a headline or a quote), so that no later
    name (the verb's object) takes the quote; None when it is a registered mention (the mention
    loop takes it) or no such name opens the clause."""
    lex = ctx.lex
    if start >= end or not tokens[start].capital or not tokens[start].is_word or tokens[start].low in OPENERS \
            or tokens[start].low in lex.function_words or tokens[start].low in lex.quantifiers \
            or tokens[start].low in PRONOMINAL:
        return None
    j = start
    while j < end and j - start < 3 and tokens[j].capital and tokens[j].is_word and not tokens[j].text.endswith("'s"):
        j += 1
    if j >= end or j == start or not tokens[j].is_word or tokens[j].capital:
        return None
    k = bisect.bisect_left(ctx.mention_starts, tokens[start].start)
    if k < len(ctx.mentions) and ctx.mentions[k][0] < tokens[j].start:
        return None  # "Mrs. Okafor endorsed ...": a registered mention, the mention loop's
    if j - start == 1 and not _name_word(ctx, tokens[start]):
        return None  # "Guns are ...", "Friends offered ...": a common word capitalised at the start
    if end < len(tokens) and tokens[end].low.endswith("ing") and tokens[end - 1].capital and tokens[end - 1].is_word:
        return None  # "..., with Lee Moss tweeting": the name is the participle's subject
    verb = tokens[j].low
    if not (verb in _FINITE_AUXILIARIES or (verb.endswith("ed") and len(verb) > 4) or verb_lemma(lex, tokens, j)):
        return None
    if j - start == 1 and (verb in _PLURAL_FINITE or verb in lex.base_forms):
        return None  # "Guns are ...", "Friends say ...": one word with a plural verb is no person
    if k < len(ctx.mentions) and ctx.mentions[k][0] < tokens[end - 1].end \
            and _CLAUSE_AFTER.match(ctx.masked, ctx.mentions[k][1]):
        return None  # "Republicans chimed in, with Lee Moss tweeting ... and asking": the participles' subject
    found = resolve_phrase(ctx, tokens[start:j], sentence)
    if found is None or not found.name:
        return None
    return Speaker(found.name, found.affiliation, "subject", found.person)


def _name_word(ctx: QuoteContext, token: Token) -> bool:
    """Whether the article writes `token`'s word as a name: capitalised inside a sentence too
    (after a lower-case word or a comma) and never in lower case, outside quotes (the two sets
    found once per article)."""
    found = ctx.__dict__.get("_name_words")
    if found is None:
        lower = frozenset(re.findall(r"(?<![\w'-])[a-z][a-z'-]*", ctx.masked))
        inner = frozenset(re.findall(r"(?<=[a-z,] )[A-Z][\w'-]*", ctx.masked))
        found = ctx.__dict__["_name_words"] = (lower, inner)
    word = token.text[:-2] if token.text.endswith("'s") else token.text
    return token.low not in found[0] and word in found[1]


def _opening_descriptor(lex: Lexicon, tokens: list[Token], start: int, end: int) -> list[Token]:
    """"The party candidate sent ...", "The Holt ad faults ...", "A volunteer gave ...": a
    determiner opening the clause at tokens[start], at most four modifiers (capitalised or
    lower-case words), a lower-case speaker noun, and a lower-case word that is no function word
    (the verb) before `end`: the noun phrase, else []."""
    if start >= len(tokens) or tokens[start].low not in ("the", "a", "an", "one"):
        return []
    for k in range(start + 1, min(start + 6, end - 1)):
        token = tokens[k]
        if not token.is_word or token.low in lex.function_words or token.low in lex.determiners:
            return []
        following = tokens[k + 1]
        if not token.capital and token.low in lex.speaker_nouns and following.low not in lex.speaker_nouns:
            verb = following.is_word and not following.capital and following.low not in lex.function_words
            return tokens[start:k + 1] if verb else []
    return []


#: Words opening an adverbial clause or phrase before the subject ("When ...,", "Despite ...,").
_OPENING_PHRASES = word_set("opening_phrases.words")
#: Adverbs standing before such a word ("Ever since ...,", "Shortly after ...,", "Long before ...,").
OPENING_PHRASE_ADVERBS = word_set("opening_phrases.adverbs")


def place_abbreviation_end(tokens: list[Token], k: int) -> int:
    """"Aspen, Colo., the ...", "Dover, Del., ...": when tokens[k] (after a comma) is a state's
    abbreviation closed by a comma, the index after that comma (the place goes on), else k."""
    if k + 1 < len(tokens) and tokens[k].capital and tokens[k].is_word:
        if tokens[k].text.endswith(".") and tokens[k + 1].text == ",":
            return k + 2  # "D.C.,"
        if k + 2 < len(tokens) and tokens[k + 1].text == "." and tokens[k + 2].text == "," \
                and len(tokens[k].text) <= 5:
            return k + 3
    return k


def _opening_phrase_end(ctx: QuoteContext, sentence: Sentence, limit: int) -> int:
    """The offset of the comma closing an adverbial clause or phrase that opens `sentence`
    ("When Lee lost, ...", "Standing in for Lee at the fair, ...", "Tired of waiting, ..."),
    when that comma comes before `limit`; else -1 (found once per sentence). A participle opens
    one only before a lower-case word that is no verb, and when no actor's name starts with it
    ("Redding, ...")."""
    cache = ctx.__dict__.setdefault("_opening_phrase", {})
    comma = cache.get(sentence.index)
    if comma is None:
        comma = cache[sentence.index] = _opening_comma(ctx, ctx._sentence_tokens(sentence)[0])
    return comma if comma < limit else -1


def _opening_comma(ctx: QuoteContext, tokens: list[Token]) -> int:
    if len(tokens) < 3 or not tokens[0].capital:
        return -1
    first, second = tokens[0], tokens[1]
    participle = first.low.endswith(("ing", "ed")) and len(first.low) > 4 and second.is_word \
        and not second.capital and second.low not in ctx.lex.verb_forms
    opens = first.low in _OPENING_PHRASES or first.low in OPENING_PHRASE_ADVERBS and second.low in _OPENING_PHRASES
    if not (opens or participle):
        return -1
    k = bisect.bisect_left(ctx.mention_starts, first.start)
    if participle and k < len(ctx.mentions) and ctx.mentions[k][0] == first.start:
        return -1
    for n in range(2, len(tokens) - 1):
        if tokens[n].is_quote:
            return -1
        if tokens[n].text == "," and place_abbreviation_end(tokens, n + 1) > n + 1:
            continue  # "At a fair in Aspen, Colo., the mayor ...": the place goes on
        if tokens[n].text == ",":
            # the comma closes the opening phrase when the clause's subject follows it (a name, a
            # pronoun, "the ..." after no name), not an apposition or a participle ("While Lee,
            # running ...", "When Lee, the mayor, ...")
            following = tokens[n + 1]
            descriptor = following.low in ("the", "a", "an") and not tokens[n - 1].capital
            return tokens[n].start if following.capital and following.is_word or descriptor else -1
    return -1


def _sentence_index(ctx: QuoteContext, tokens: list[Token], end: int,
                    sentence: Sentence) -> tuple[list[int], list[int]] | None:
    """(positions of verb forms, positions of a clause-opening he/she) in the sentence's tokens,
    found once per sentence; None unless tokens[:end] is cut from them (then the caller scans)."""
    whole = ctx._sentence_tokens(sentence)[0]
    if not (0 < end <= len(tokens) and end <= len(whole) and tokens[end - 1] is whole[end - 1]
            and tokens[0] is whole[0]):
        return None
    cache = ctx.__dict__.setdefault("_clause_index", {})
    found = cache.get(sentence.index)
    if found is None:
        verbs = [k for k, t in enumerate(whole) if t.low in ctx.lex.verb_forms]
        pronouns = [k for k, t in enumerate(whole)
                    if t.low in ("he", "she") and (k == 0 or whole[k - 1].text == ","
                                                   or k == 1 and whole[0].low in _OPENING_ADVERBS)]
        found = cache[sentence.index] = (verbs, pronouns)
    return found


def reporting_subject(ctx: QuoteContext, sentence: Sentence) -> Speaker | None:
    """The named subject of the first reporting verb of a sentence (a pronoun subject gives
    None: no chains), memoised per sentence."""
    if sentence.index not in ctx.reporting_subjects:
        ctx.reporting_subjects[sentence.index] = None
        tokens = ctx.tokens(sentence.nstart, sentence.nend)
        for k in range(len(tokens)):
            if verb_lemma(ctx.lex, tokens, k) and not tokens[k].low.endswith("ing"):
                i = k
                while i > 0 and tokens[i - 1].low in ctx.lex.skip_words:
                    i -= 1
                if i > 0 and tokens[i - 1].low in ctx.lex.personal:
                    break
                if k > 1 and tokens[k - 1].text == "," and tokens[k - 2].is_word and tokens[k - 2].text.islower() \
                        and k + 1 < len(tokens) and tokens[k + 1].capital:
                    # "..., said Jake Horowitz, editor of X.": the inverted subject after the verb
                    phrase = np_forward(ctx.lex, tokens, k + 1)
                    found = resolve_phrase(ctx, phrase, sentence) if phrase else None
                    if found is not None and found.name:
                        ctx.reporting_subjects[sentence.index] = found
                    break
                if i > 1 and tokens[i - 2].low in ("of", "for", "at", "from", "with", "by", "on", "in") \
                        and tokens[i - 1].capital:
                    break  # "X of the Centre for Development Studies said": no name of its own here
                found = subject_of(ctx, tokens, k, sentence)
                if found is not None and found.name:
                    ctx.reporting_subjects[sentence.index] = found
                break
    return ctx.reporting_subjects[sentence.index]
