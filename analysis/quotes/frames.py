"""Frames around a quote, each giving a speaker (and the reporting verb's lemma, when there is one).

After the quote ("...," Lee told journalists / said the spokesman / Kim, a professor at X, said),
or as the next short sentence; the last reporting verb before it; "according to X"; a possessive
frame of opinion ("in his view"); a label noun ("his policy of '...'"); the subject of a clause
ending in ":" with no reporting verb ("Dawson shrugged:"); and for a quote with no frame of its
own, the continuation of an earlier quote, an introducing "X said:", or a paragraph reporting X.
"""
from __future__ import annotations

import re

from ..text import Sentence
from .context import QuoteContext, Speaker
from .grammar import naming_participle, np_backward, np_forward, verb_applies, verb_lemma
from .lexicon import Lexicon, word_set
from .pronouns import main_subject, resolve_pronoun
from .resolve import resolve_phrase
from .subjects import (LOCATIVES, NOT_PLACES, OPENING_PHRASE_ADVERBS, POSTMODIFIER_PREPOSITIONS, POSTMODIFIERS,
                       PRONOMINAL, locative_phrase, place_abbreviation_end, subject_of)
from .tokens import Token, word_list

_STOPS = (".", "!", "?", ";", ":")


def frame_after(ctx: QuoteContext, right: list[Token], sentence: Sentence,
                whole: bool = False, clause_end: bool = False, opens: bool = False,
                comparative: bool = True) -> tuple[Speaker, str] | None:
    """A frame right after a quote: 'NP VERB' or 'VERB NP' (with an optional apposition), also
    opened by "as" when `comparative` ('"...," as one critic put it').
    `clause_end`: the quote closes a clause ("...?"), so an unlisted past-tense verb right after a
    name or pronoun frames it too ("...?" Mr. Burton fumed); `opens` (the quote opens its sentence)
    also lets an unlisted past-tense verb open an inverted frame ('"...," remembered X')."""
    k = 0
    while k < len(right) and right[k].text in (",", "-"):
        k += 1
    rest = right[k:]
    if comparative and len(rest) > 2 and rest[0].low == "as" and rest[1].is_word \
            and rest[1].low not in ctx.lex.verb_forms:
        # '"...," as one critic put it' / 'as Lee said on Monday': a comparative clause whose
        # verb reports the quote frames it as a plain 'NP VERB' does
        rest = rest[1:]
    if not rest:
        return None
    lemma = (verb_lemma(ctx.lex, rest, 0) or _inverted_lemma(ctx.lex, rest)) if not rest[0].capital else None
    if not lemma and clause_end and opens:
        lemma = _inverted_manner(ctx.lex, rest)
    if lemma and rest[0].low.endswith("ing"):
        return None  # '"...," adding that Lee agreed': a participle's subject is its clause's, not after it
    if lemma:
        requires = ctx.lex.verb_options.get(lemma, {}).get("requires")
        first = 2 if len(rest) > 1 and requires and rest[1].low == requires else 1
        phrase = _with_complement(np_forward(ctx.lex, rest, first), rest, first) or _bare_phrase(ctx, rest, first)
        phrase = _with_place(ctx.lex, rest, first, phrase)
        named = _descriptor_name(ctx.lex, rest, first) if not whole else None
        if named:
            phrase, apposition = named
            found = resolve_phrase(ctx, phrase, sentence, apposition)
            if found:
                return found, lemma
        if phrase and (not whole or all(not t.is_word for t in rest[first + len(phrase):])):
            apposition = _apposition(rest, first + len(phrase))
            found = resolve_phrase(ctx, phrase, sentence, apposition)
            if found:
                return found, lemma
        return None
    depth = 0
    for v in range(1, min(len(rest), 30)):  # 30: "X, who works at ... in Sacramento, said"
        depth += (rest[v].text == "(") - (rest[v].text == ")")
        abbreviation = rest[v].text == "." and v + 1 < len(rest) and (
            rest[v + 1].text == "," or rest[v + 1].is_word and not rest[v + 1].capital)  # "Allentown, Pa., said"
        if rest[v].text in _STOPS and depth <= 0 and not abbreviation or rest[v].is_quote:
            return None
        lemma = verb_lemma(ctx.lex, rest, v) or (_manner_verb(ctx.lex, rest, v) if clause_end else None)
        if not lemma:
            continue
        requires = ctx.lex.verb_options.get(lemma, {}).get("requires")
        if requires and (v + 1 >= len(rest) or rest[v + 1].low != requires):
            continue  # "she went on", not "she went home"
        subject = _frame_subject(ctx.lex, rest, v) or _before_unclosed_relative(ctx.lex, rest, v)
        if subject is None:
            if _in_relative_clause(rest, v):
                continue  # "X, who has proposed repealing it, said": the verb of the clause
            return None
        if whole and any(t.is_word for t in rest[v + 1:]):
            return None
        found = resolve_phrase(ctx, subject[0], sentence, subject[1])
        return (found, lemma) if found else None
    return None


#: Heads of time phrases, never a speaker ("said the next day").
_TIME_HEADS = frozenset("""day days week weeks month months year years morning afternoon evening night
    time times weekend hour hours minute minutes moment decade""".split())


def _bare_phrase(ctx: QuoteContext, rest: list[Token], first: int) -> list[Token]:
    """'"...," said the designer, who ...' / 'said master of ceremonies Asab Al-Tabchi, a ...': an
    inverted verb's subject whose head is no listed speaker noun, when it runs to a comma or the
    sentence's end within six words and opens with a determiner or ends in a capitalised name."""
    k = first
    while k < len(rest) and rest[k].is_word and k - first < 7:
        k += 1
    for j in range(first + 1, k - 1):  # "said a person close to the family": the noun ends it
        if rest[j].low in POSTMODIFIERS and rest[j + 1].low in POSTMODIFIER_PREPOSITIONS:
            k = j if j + 1 < len(rest) else k
            break
    phrase = rest[first:k]
    lex = ctx.lex
    if len(phrase) >= 3 and phrase[0].low == "one" and phrase[1].low == "of":
        # "said one of those advisers, who ...", "said one of two witnesses who ...": the partitive
        end = next((j for j, t in enumerate(phrase) if t.low in lex.relative), len(phrase))
        head = phrase[2:end]
        if 0 < len(head) <= 4 and all(t.is_word and not t.capital for t in head) \
                and head[-1].low not in lex.function_words and head[-1].low not in lex.verb_forms \
                and head[-1].low not in _TIME_HEADS and head[-1].low.endswith("s") \
                and (end < len(phrase) or k == len(rest) or rest[k].text in (",", ".", ";")):
            return phrase[:end]
    if not phrase or k - first > 6 or (k < len(rest) and rest[k].text not in (",", ".", ";")
                                       and rest[k].low not in POSTMODIFIERS):
        return []
    if len(phrase) == 1 and phrase[0].low in PRONOMINAL and not phrase[0].capital:
        return phrase  # '"...," read one.', '"...," tweeted another.'
    if (phrase[0].low in lex.determiners or phrase[0].low == "one") and phrase[0].low not in lex.possessive \
            and len(phrase) >= 2 and phrase[-1].low not in _TIME_HEADS and all(t.is_word and not t.capital and t.low not in lex.function_words and t.low not in lex.verb_forms
                    for t in phrase[1:]):
        return phrase  # "the designer", "one commenter"
    if phrase[-1].capital and len(phrase) >= 2 and phrase[-2].capital and not phrase[0].capital:
        return phrase  # "master of ceremonies Asab Al-Tabchi"
    return []


#: What may follow an appositive name ("said a spokeswoman, Ana Ruiz, who ..."; "..., Ana Ruiz of X").
_AFTER_NAME = frozenset((",", ".", ";", "of", "who", "from", "at"))


#: Prepositions that take a descriptor's complement ("his best friend at Dartmoor, X").
_COMPLEMENT_PREPOSITIONS = frozenset(("at", "of", "for", "to", "from", "with"))


def _capitalised_name(tokens: list[Token]) -> bool:
    return bool(tokens) and all(t.capital and t.is_word for t in tokens)


def _descriptor_name(lex: Lexicon, rest: list[Token], first: int) -> tuple[list[Token], list[Token]] | None:
    """'"...," said another city council member, Dana Holt.': an inverted verb's subject that is a
    lower-case descriptor (at most seven words, opened by a determiner or a possessive) and then,
    after a comma, a name of two to four capitalised words: (the name, the descriptor), else
    None. The name is the speaker, as in the frame before the verb ("the campaign's chairman,
    John Podesta, said")."""
    k = first
    while k < len(rest) and k - first < 8 and rest[k].is_word:
        k += 1
    descriptor = rest[first:k]
    # "his best friend at Dartmoor", "a former aide to Governor Hale": the head noun may take a
    # complement of one preposition and a capitalised name, which ends the descriptor.
    head_end = next((j for j, t in enumerate(descriptor) if j and t.low in lex.function_words), len(descriptor))
    complement = descriptor[head_end:]
    if complement and not (head_end >= 2 and complement[0].low in _COMPLEMENT_PREPOSITIONS
                           and _capitalised_name(complement[2:] if len(complement) > 1
                                                 and complement[1].low == "the" else complement[1:])):
        return None
    if not 2 <= len(descriptor) <= 7 or k + 3 > len(rest) or rest[k].text != "," \
            or descriptor[head_end - 1].capital \
            or not (descriptor[0].low in lex.determiners or descriptor[0].text.endswith("'s")):
        return None
    end = k + 1
    while end < len(rest) and end - k <= 5 and rest[end].capital and rest[end].is_word \
            and not rest[end].text.endswith("'s") and rest[end].low not in lex.function_words:
        end += 1
    name = rest[k + 1:end]
    if not 2 <= len(name) <= 4 or end < len(rest) and rest[end].low not in _AFTER_NAME:
        return None
    return name, descriptor


def _with_complement(phrase: list[Token], rest: list[Token], first: int) -> list[Token]:
    """A descriptor goes on over "to/of/for/at" and the capitalised name after it ("said a
    longtime adviser to Trump"); a name does not ("said Jakob Lind of ..." keeps its apposition)."""
    k = first + len(phrase)
    if not phrase or phrase[-1].capital or k + 1 >= len(rest) or rest[k].low not in ("to", "of", "for", "at"):
        return phrase
    j = k + 1
    if rest[j].low == "the":
        j += 1
    end = j
    while end < len(rest) and end - j < 5 and rest[end].capital and rest[end].is_word:
        end += 1
    return rest[first:end] if end > j else phrase


def _with_place(lex: Lexicon, rest: list[Token], first: int, phrase: list[Token]) -> list[Token]:
    """'"...," said officials in Seoul.': a lower-case speaker noun goes on over a preposition of
    place or origin and a short place phrase (as `locative_phrase` before a verb), up to
    punctuation or a function word ("said officials in Seoul on Monday")."""
    k = first + len(phrase)
    if not phrase or phrase[-1].capital or phrase[-1].low not in lex.speaker_nouns \
            or k + 1 >= len(rest) or rest[k].low not in LOCATIVES:
        return phrase
    end = k + 1
    while end < len(rest) and end - k <= 5 and rest[end].is_word and rest[end].low not in lex.function_words \
            and rest[end].low not in lex.verb_forms and rest[end].low not in lex.personal \
            and not any(c.isdigit() for c in rest[end].low):
        end += 1
    place = rest[k + 1:end]
    if len(place) > 4 or not place or all(t.low in lex.determiners for t in place) \
            or place[-1].low in NOT_PLACES and not place[-1].capital or place[-1].low in _TIME_HEADS:
        return phrase
    return rest[first:end]


def _inverted_lemma(lex: Lexicon, rest: list[Token]) -> str | None:
    """A reporting verb opening an inverted frame ("...," points out the resident; "...," says
    the report): any inflected form (a bare base form is too often a noun), with the particle
    it requires right after it."""
    form = rest[0].low
    lemma = lex.verb_forms.get(form)
    if lemma is None:
        return None
    lone = len(rest) > 1 and rest[1].low in PRONOMINAL and (len(rest) == 2 or rest[2].text in (".", ",", ";"))
    if form == lemma and not lone and not (
            len(rest) > 2 and rest[1].low in lex.determiners and rest[2].low in lex.speaker_nouns):
        return None  # a bare base form only before "the <speaker noun>" ("read the statement") or "one."
    requires = lex.verb_options[lemma]["requires"]
    if requires and (len(rest) < 2 or rest[1].low != requires):
        return None
    return lemma


def _inverted_manner(lex: Lexicon, rest: list[Token]) -> str | None:
    """An unlisted past-tense verb opening an inverted frame right after a quote that closes a
    clause, before a name or a determiner and a speaker noun ('"...," remembered Dana Whitfield,
    a former aide'; '"...!" exclaimed the host')."""
    token = rest[0]
    if token.capital or not token.low.endswith("ed") or len(token.low) < 5 or token.low in lex.function_words \
            or len(rest) < 2:
        return None
    after = rest[1]
    if after.capital and after.is_word and after.low not in lex.function_words:
        return token.low
    if after.low in lex.determiners and len(rest) > 2 and rest[2].low in lex.speaker_nouns:
        return token.low
    return None


#: Irregular past forms of verbs that frame a retort with "back" ("X shot back", "she hit back").
_IRREGULAR_PAST = word_set("retort_verbs.words")


def _manner_verb(lex: Lexicon, rest: list[Token], v: int) -> str | None:
    """A past-tense verb not in the lexicon that frames a quote closing a clause ("...?" Mr.
    Burton fumed. / "...!" she gushed): right after a capitalised word or a personal pronoun,
    and ending the frame (nothing but punctuation or a function word after it)."""
    token = rest[v]
    after = rest[v + 1] if v + 1 < len(rest) else None
    back = after is not None and after.low == "back"  # "X shot back", "she fired back"
    if token.capital or not (token.low.endswith("ed") or back and token.low in _IRREGULAR_PAST) \
            or len(token.low) < 3 or token.low in lex.function_words:
        return None
    if back:
        after = rest[v + 2] if v + 2 < len(rest) else None
    if after is not None and after.is_word and after.low not in lex.function_words:
        return None
    before = rest[v - 1]
    if not (before.capital or before.low in ("he", "she", "they", "i", "we")
            or before.low in lex.speaker_nouns and rest[0].low in lex.determiners):
        return None  # "...," the host quipped
    return token.low


#: Relative pronouns that open a clause inside a frame's subject.
_RELATIVE_CLAUSE = word_set("grammar.relative_clause")


#: Finite forms that give a relative clause a verb of its own ("who is chairman of X").
_FINITE_BE_HAVE = word_set("grammar.finite_be_have")
#: Auxiliaries of a perfect ("who has proposed": the participle is the clause's verb).
_PERFECT = word_set("grammar.perfect_auxiliaries")


def _before_unclosed_relative(lex: Lexicon, rest: list[Token], v: int) -> tuple[list[Token], list[Token] | None] | None:
    """'"...," Lee Moss, who is treasurer of the club said': a relative clause left without its
    closing comma, with a verb of its own before the frame verb rest[v]: the frame verb is the
    main clause's, its subject the phrase before the relative pronoun (a name and its apposition:
    'Lee Moss, the birdwatcher who started X tweeted'), which must open the frame; else None."""
    r = next((k for k in range(v - 1, 0, -1) if rest[k].low == "who" or not rest[k].is_word), None)
    if r is None or rest[r].low != "who":
        return None
    own = next((k for k in range(r + 1, v) if rest[k].low in _FINITE_BE_HAVE or rest[k].low.endswith("ed")
                or rest[k].low in lex.verb_forms), None)
    if own is not None and rest[own].low in _PERFECT:
        # "who has (long) proposed": the participle is the clause's verb
        own = next((k for k in range(own + 1, min(v + 1, own + 3)) if rest[k].low.endswith("ed")
                    or rest[k].low in lex.verb_forms), own)
    if own is None or own >= v or all(t.low in lex.skip_words or t.low.endswith("ly") for t in rest[own + 1:v]):
        return None  # the frame verb is the clause's own
    k = r - 1 if rest[r - 1].text == "," else r
    core = np_backward(lex, rest, k)
    if core and len(core) == k:
        return core, None
    commas = [j for j in range(k) if rest[j].text == ","]
    if len(commas) != 1:
        return None
    name = np_backward(lex, rest, commas[0])
    if not name or len(name) != commas[0] or not all(t.capital for t in name):
        return None
    return name, rest[commas[0] + 1:k]


def _in_relative_clause(rest: list[Token], v: int) -> bool:
    """Whether rest[v] stands in a relative clause opened after the last comma before it."""
    for token in reversed(rest[:v]):
        if token.text == ",":
            return False
        if token.low in _RELATIVE_CLAUSE:
            return True
    return False


def later_frame(ctx: QuoteContext, right: list[Token], sentence: Sentence) -> tuple[Speaker, str] | None:
    """'"..." if she didn't win by more, said X' / '"..." as his father dreamed, X said': the
    frame after a later comma of the quote's sentence."""
    tried = 0
    for c in range(1, len(right) - 1):
        if right[c].is_quote or tried == 3:
            return None  # bounded: a list of quotes ("a," "b," ...) costs no more than one frame each
        if right[c].text == "," and not right[c + 1].is_quote:
            tried += 1
            found = frame_after(ctx, right[c:c + 40], sentence, comparative=False)
            if found:
                return found
    return None


#: Tokens from a sentence's end within which its closing frame (", Lee said.") is looked for.
_FINAL_FRAME_REACH = 16


#: Tokens before that reach within which a last quote closing with a comma may still give the
#: closing frame right after it ('"a" and "b," X said to a crowd at ... on Monday.'), and the
#: tokens of that frame read.
_FAR_FRAME_REACH = 40


#: Conjunctions opening a subordinate clause (', though it urged ...'): its verb frames no earlier quote.
_SUBORDINATORS = word_set("grammar.subordinators")


def final_frame(ctx: QuoteContext, right: list[Token], sentence: Sentence,
                closes_clause: bool = False) -> tuple[Speaker, str, str] | None:
    """'Turnout was "low" as voters waited for a "messy count," he said.': the frame closing the
    quote's sentence, past later quotes (`later_frame` stops at the next quote): right after the
    sentence's last quote when that closes with a comma ('"a" and "b," Lee said'; the quote itself
    too when `closes_clause`), else after a comma between the last quote mark and the sentence's
    end (the first that gives a frame: ', Lee Moss, the mayor, said'). A closing frame reports
    the whole sentence, every quote in it; a participle (', noting that ...', ', adding ...')
    opens no such frame. (speaker, verb lemma, "after" for a frame right after this quote else
    "final"), or None."""
    reach = max(0, len(right) - _FINAL_FRAME_REACH)
    last_quote = next((c for c in range(len(right) - 1, reach - 1, -1) if right[c].is_quote), None)
    if last_quote is None and reach > 0:
        # the sentence goes on too long after the quote for a closing frame, unless the frame
        # follows the sentence's last quote closing with a comma ('"a" and "b," X said to ... on Monday.')
        far = next((c for c in range(reach - 1, max(-1, reach - 1 - _FAR_FRAME_REACH), -1)
                    if right[c].is_quote), None)
        if far is None or not _closes_with_comma(ctx, right[far]) \
                or any(t.text == "(" for t in right[max(0, far - _FAR_FRAME_REACH):far]):
            return None  # (not a frame inside brackets: '(''...,'' declared X)')
        found = frame_after(ctx, right[far + 1:far + 1 + _FAR_FRAME_REACH], sentence, comparative=False)
        return (found[0], found[1], "final") if found else None
    first = 0 if last_quote is None else last_quote + 1
    starts = [c for c in range(first, len(right) - 1) if right[c].text == ","][:3]
    if last_quote is None and closes_clause:
        starts.insert(0, 0)
    elif last_quote is not None and last_quote < len(right) - 1 and _closes_with_comma(ctx, right[last_quote]):
        starts.insert(0, last_quote + 1)
    for c in starts:
        k = c
        while k < len(right) and right[k].text == ",":
            k += 1
        if k == len(right) or right[k].low.endswith("ing") or right[k].low in _SUBORDINATORS:
            continue  # ', noting that ...', ', though it urged ...': a clause of its own, no frame
        found = frame_after(ctx, right[c:], sentence, comparative=False)
        if found:
            return found[0], found[1], "after" if c == 0 else "final"
    return None


def _closes_with_comma(ctx: QuoteContext, quote: Token) -> bool:
    """Whether a (masked) quote token's text ends with a comma inside its closing mark."""
    return ctx.doc.text[quote.start:quote.end].rstrip("\"'\u201d\u2019 ")[-1:] == ","


#: Prepositions of a phrase after a frame subject's head noun ("a guide at the museum asks").
_PHRASE_PREPOSITIONS = word_set("grammar.phrase_prepositions")


def _frame_subject(lex: Lexicon, rest: list[Token], v: int) -> tuple[list[Token], list[Token] | None] | None:
    """The subject phrase of the frame verb rest[v], and its apposition: the phrase must start
    the frame, or be "X, apposition,"; None otherwise."""
    i = v
    while i > 0 and rest[i - 1].low in lex.skip_words:
        i -= 1
    if i > 1 and rest[i - 1].text == ")":  # "Sen. Claire McCaskill (D-Mo.) said": over the bracket
        k = i - 1
        while k > 0 and rest[k].text != "(" and i - k <= 5:
            k -= 1
        if rest[k].text == "(" and k > 0:
            i = k
    located = locative_phrase(lex, rest, i)
    if located and located[0] is rest[0]:
        return located, None  # "officials in Seoul said", "the ministry in a statement said"
    phrase = np_backward(lex, rest, i)
    apposition = None
    prefix = rest[:i - len(phrase)]
    if phrase and prefix and all(t.is_word and t.low not in lex.function_words
                                 and not verb_lemma(lex, rest, n) for n, t in enumerate(prefix)):
        phrase = rest[:i]  # "union president Rodrigo Fuentes told": a descriptor in front
    if phrase and 2 <= len(prefix) <= 5 and i <= 8 and prefix[-1].low in _PHRASE_PREPOSITIONS \
            and prefix[0].low in lex.determiners and prefix[0].low not in lex.possessive:
        head = np_backward(lex, rest, len(prefix) - 1)
        if len(head) == len(prefix) - 1 and not head[-1].capital:
            phrase = rest[:i]  # "a guide at the museum asks": a descriptor and its prepositional phrase
    if len(phrase) != i:
        texts = [t.text for t in rest[:i]]
        if not (i > 1 and texts[-1] == "," and "," in texts[:-1]):
            return None
        first_comma = texts.index(",")
        end = first_comma
        if end > 1 and texts[end - 1] == ")" and "(" in texts[max(0, end - 6):end]:
            end = max(k for k in range(max(0, end - 6), end) if texts[k] == "(")  # "Jim Jordan (R-Ohio), a member,"
        core = np_backward(lex, rest, end)
        named = rest[first_comma + 1:i - 1]
        if 0 < end <= 8 and not rest[end - 1].capital and 2 <= len(named) <= 4 and named[-1].text != "," \
                and all(t.capital for t in named) and not any(verb_lemma(lex, rest, n) for n in range(end)):
            return named, rest[:end]  # "the campaign's chairman, John Podesta, said": the name
        if not core or len(core) != end:
            return None
        phrase, apposition = core, named
    return phrase, apposition


def _apposition(tokens: list[Token], k: int) -> list[Token] | None:
    if k < len(tokens) and tokens[k].text == ",":
        tail = []
        for token in tokens[k + 1:]:
            if token.text in (",", "."):
                break
            tail.append(token)
        return tail or None
    return None


def _cue_starts(words: list[str], cue: tuple[str, ...], positions) -> list[int]:
    return [k for k in positions if tuple(words[k:k + len(cue)]) == cue]


def according_to(ctx: QuoteContext, tokens: list[Token], sentence: Sentence,
                 split: int | None = None) -> Speaker | None:
    """"..., according to X": X. `tokens` is the quote's left tokens then its right ones, `split`
    the number of left tokens: when both are cut from the sentence's own tokens, the cue matches
    are found once per sentence instead of once per quote (the same matches, in the same order)."""
    cues = ctx.lex.according_to
    for cue, ks in zip(cues, _according_starts(ctx, tokens, sentence, split)):
        for k in ks:
            phrase = np_forward(ctx.lex, tokens, k + len(cue))
            found = resolve_phrase(ctx, phrase, sentence) if phrase else None
            if found:
                return found
    return None


def _according_starts(ctx: QuoteContext, tokens: list[Token], sentence: Sentence,
                      split: int | None) -> list[list[int]]:
    cues = ctx.lex.according_to
    whole = ctx._sentence_tokens(sentence)[0] if split is not None else []
    m, right = split, len(tokens) - (split or 0)
    j = len(whole) - right
    if split is None or not whole or m > len(whole) or j < m or (m and tokens[m - 1] is not whole[m - 1]) \
            or (right and (tokens[m] is not whole[j] or tokens[-1] is not whole[-1])):
        words = word_list(tokens)
        return [_cue_starts(words, cue, range(len(words) - len(cue) + 1)) for cue in cues]
    cache = ctx.__dict__.setdefault("_according_starts", {})
    found = cache.get(sentence.index)
    if found is None:
        words = word_list(whole)
        found = cache[sentence.index] = [_cue_starts(words, cue, range(len(words) - len(cue) + 1))
                                         for cue in cues]
    starts = []
    for cue, ks in zip(cues, found):
        across = range(max(0, m - len(cue) + 1), min(m, len(tokens) - len(cue) + 1))
        joined = [t.low for t in tokens[across.start:across.stop + len(cue)]] if len(across) else []
        starts.append([k for k in ks if k + len(cue) <= m]
                      + [across.start + k for k in _cue_starts(joined, cue, range(len(across)))]
                      + [k - j + m for k in ks if k >= j])
    return starts


def _frame_starts(ctx: QuoteContext, sentence: Sentence) -> list[list[int]]:
    """For each possessive frame, the token positions where it matches in the whole sentence
    (found once per sentence, not once per quote)."""
    cache = ctx.__dict__.setdefault("_possessive_frame_starts", {})
    found = cache.get(sentence.index)
    if found is None:
        words = word_list(ctx._sentence_tokens(sentence)[0])
        at: dict[str, list[int]] = {}
        for k, word in enumerate(words):
            at.setdefault(word, []).append(k)
        found = cache[sentence.index] = [_frame_positions(frame, words, at) for frame in ctx.lex.possessive_frames]
    return found


def _frame_positions(frame: tuple[str, ...], words: list[str], at: dict[str, list[int]]) -> list[int]:
    """Ascending positions k where `frame` ("*" matches any word) matches words[k:]; only the
    places of the frame's first literal word are tried."""
    j = next((i for i, f in enumerate(frame) if f != "*"), None)
    last = len(words) - len(frame)
    if j is None:
        return list(range(last + 1))
    return [k for k in (p - j for p in at.get(frame[j], ()))
            if 0 <= k <= last and all(f == "*" or f == w for f, w in zip(frame, words[k:k + len(frame)]))]


def possessive_frame(ctx: QuoteContext, left: list[Token], sentence: Sentence) -> Speaker | None:
    """"In his view, the key question is '...'": the possessor of a frame of opinion."""
    tokens = ctx._sentence_tokens(sentence)[0] if left else []
    if left and len(left) <= len(tokens) and left[-1] is tokens[len(left) - 1]:
        # `left` is a prefix of the sentence's tokens: its matches are the sentence's that end in it
        starts = _frame_starts(ctx, sentence)
        candidates = [[k for k in ks if k + len(frame) <= len(left)]
                      for frame, ks in zip(ctx.lex.possessive_frames, starts)]
    else:
        words = word_list(left)
        candidates = [[k for k in range(len(words) - len(frame) + 1)
                       if all(f == "*" or f == w for f, w in zip(frame, words[k:k + len(frame)]))]
                      for frame in ctx.lex.possessive_frames]
    for frame, ks in zip(ctx.lex.possessive_frames, candidates):
        for k in ks:
            owner = left[k + frame.index("*")]
            if owner.low in ctx.lex.possessive:
                return resolve_pronoun(ctx, owner.start, sentence)
            if owner.text.endswith("'s") or owner.text.endswith("s'") and owner.capital:  # "in Daniels' words"
                # the noun phrase of the possessor without its "'s" ("the mayor's reply was")
                cut = 2 if owner.text.endswith("'s") else 1
                bare = Token(owner.text[:-cut], owner.start, owner.end - cut)
                at = k + frame.index("*")
                return resolve_phrase(ctx, np_backward(ctx.lex, left[:at] + [bare], at + 1), sentence)
    return None


#: Nouns of a speech act whose possessor speaks the words quoted in their complement.
_SPEECH_NOUNS = word_set("possessed_speech.nouns")
#: At most this many tokens from such a noun to the quote ("his remark at a forum that ...").
_SPEECH_GAP = 25


def possessed_speech(ctx: QuoteContext, left: list[Token], sentence: Sentence) -> Speaker | None:
    """"his warning that the ferries would move to 'the bottom of the list'", "X's sudden promise
    to stay 'above the fray'": the possessor (a pronoun, or a name with "'s") of the last speech noun
    before the quote (at most two adjectives between), when the noun's complement ("that ...",
    "to ...") runs on to the quote within `_SPEECH_GAP` tokens; else None."""
    lex = ctx.lex
    for k in range(len(left) - 1, max(-1, len(left) - 1 - _SPEECH_GAP), -1):
        token = left[k]
        if token.is_quote or token.text in (".", ";", ":", "!", "?"):
            return None
        if token.low not in _SPEECH_NOUNS or token.capital:
            continue
        after = left[k + 1:]
        clause = after[:next((j for j, t in enumerate(after) if t.text == ","), len(after))]
        if not after or not (after[0].low == "to" or any(t.low == "that" for t in clause)):
            return None  # the complement opens before a comma ("X's claims, but Y said that": Y's)
        p = k - 1
        while p > 0 and k - p <= 2 and left[p].is_word and not left[p].capital \
                and left[p].low not in lex.function_words and left[p].low not in lex.possessive \
                and left[p].low not in lex.determiners and not left[p].text.endswith(("'s", "s'")):
            p -= 1  # "his sudden promise": an adjective between
        if p < 0:
            return None
        owner = left[p]
        if owner.low in ("his", "her"):
            return resolve_pronoun(ctx, owner.start, sentence)
        if owner.capital and owner.text.endswith(("'s", "s'")):
            cut = 2 if owner.text.endswith("'s") else 1
            bare = Token(owner.text[:-cut], owner.start, owner.end - cut)
            found = resolve_phrase(ctx, np_backward(lex, left[:p] + [bare], p + 1), sentence)
            return found if found is not None and found.name else None
        return None
    return None


def label_frame(ctx: QuoteContext, left: list[Token], sentence: Sentence) -> tuple[Speaker | None, str]:
    """"his policy of '...'", "Lee's slogan '...'": the owner of a label noun right before the quote."""
    lex = ctx.lex
    if len(left) >= 2 and left[-1].low in ("of", "for", "to") and left[-2].low in lex.label_nouns:
        owner = left[-3] if len(left) >= 3 else None
    elif left and left[-1].low in lex.label_nouns:
        owner = left[-2] if len(left) >= 2 else None
    else:
        owner = None
    if owner is None or not (owner.low in lex.possessive or owner.text.endswith("'s")):
        return None, ""
    if owner.low in lex.possessive:
        speaker = resolve_pronoun(ctx, owner.start, sentence)
    else:
        phrase = np_backward(lex, left, left.index(owner) + 1)
        cut = ctx.doc.text[phrase[0].start:owner.end - 2] if phrase else owner.text[:-2]
        actor = ctx.gaz.find_actor(cut)
        speaker = ctx.from_actor(actor, "gazetteer") if actor else None
    if speaker is None:
        return None, ""
    return speaker, "label:" + (left[-2].low if left[-1].low in ("of", "for", "to") else left[-1].low)


def colon_subject(ctx: QuoteContext, tokens: list[Token], sentence: Sentence) -> Speaker | None:
    """A quote after a clause ending in ":" with no reporting verb ("Dawson shrugged:",
    "Chief Laura McKinnon opened the briefing with a warning:") is the clause subject's: the
    noun phrase opening the clause, after a leading participle or subordinate clause
    ("Asked if he was worried, Dawson ...")."""
    lex = ctx.lex
    named = np_backward(lex, tokens, len(tokens))
    if named and all(t.capital for t in named) and len(named) < len(tokens) \
            and tokens[len(tokens) - len(named) - 1].text in ("-", "|"):
        return resolve_phrase(ctx, named, sentence)  # "Media share blame - HuffPollster: '...'"
    start = 0
    adverb = len(tokens) > 1 and tokens[0].low in OPENING_PHRASE_ADVERBS and tokens[1].low in lex.function_words
    if tokens and (tokens[0].low in lex.function_words or tokens[0].low.endswith(("ed", "ing")) or adverb) \
            and any(t.text == "," for t in tokens):
        # "Ever since ..., Lee ...:", "At a fair in Aspen, Colo., the mayor ...:": after the opening phrase
        start = place_abbreviation_end(tokens, next(i for i, t in enumerate(tokens) if t.text == ",") + 1)
    if start >= len(tokens):
        return None
    first = tokens[start]
    if first.low in ("he", "she", "i"):
        return resolve_pronoun(ctx, first.start, sentence)
    if first.low in lex.function_words or not first.is_word:
        return None
    phrase = np_forward(lex, tokens, start)
    if not phrase or all(t.low in lex.determiners or t.low in lex.possessive for t in phrase) \
            or all(t.text.isupper() and len(t.text) > 2 for t in phrase):
        return None  # "The", "His" alone, or a dateline ("WASHINGTON"): no subject
    return resolve_phrase(ctx, phrase, sentence)


def last_verb(ctx: QuoteContext, left: list[Token], sentence: Sentence,
              naming: bool = False, stop: int = -1) -> tuple[Speaker, str] | None:
    """The last reporting verb before the quote that reaches it (`max_gap`, `requires`), and its subject;
    a participle naming a thing ("a class called '...'") only with `naming`; only a verb after
    left[stop]."""
    end = len(left)
    # A verb further back than the longest max_gap never applies (verb_applies): not looked at.
    reach = ctx.lex.longest_gap if ctx.lex.longest_gap is not None else end
    for k in range(end - 1, max(stop, end - 2 - reach), -1):
        if left[k].low not in ctx.lex.verb_forms:
            continue  # no reporting-verb form: verb_lemma is None (skipped, the loop's most common case)
        lemma = verb_lemma(ctx.lex, left, k)
        if lemma and verb_applies(ctx.lex, left, k, lemma, end) \
                and (naming or not naming_participle(ctx.lex, left, k, end)):
            found = subject_of(ctx, left, k, sentence)
            if found is not None and found.name is None and found.how == "unresolved":
                # "X said it would tell a story of '...'": an unresolved it/they under an earlier
                # reporting verb of the sentence is that verb's subject's report
                earlier = last_verb(ctx, left[:k], sentence) if k > 1 else None
                if earlier is not None and earlier[0].name:
                    return earlier
            if found is not None:
                return found, lemma
            return None
    return None


def next_sentence_frame(ctx: QuoteContext, closing: Sentence, paragraph_index: int,
                        loose: bool = False) -> tuple[Speaker | None, str]:
    """'"...?" Lee asked.': a frame standing as the next short sentence of the paragraph.
    `loose` (the quote ends with "?" or "!", where sentences are split although the frame goes
    on): the frame may open a longer sentence ("...!" Clinton said to People.)."""
    following = closing.index + 1
    if following < len(ctx.doc.sentences):
        nxt = ctx.doc.sentences[following]
        if nxt.paragraph == paragraph_index and nxt.words <= (25 if loose else 8):
            found = frame_after(ctx, ctx.tokens(nxt.nstart, nxt.nend), nxt, whole=not loose, clause_end=loose)
            if found:
                return found[0], "after-next:" + found[1]
    return None, ""


#: Words a quote sentence standing alone as a paragraph needs to take the previous sentence's
#: subject (a shorter one may be a heading in quote marks).
_SUBJECT_MIN_WORDS = 5


def continuation(ctx: QuoteContext, sentence: Sentence, paragraph_index: int,
                 open_mark: int) -> tuple[Speaker | None, str]:
    """A quote with no frame: the previous attributed quote's speaker (same paragraph, or the
    previous one when the quote opens its paragraph); else an introducing "X said:"; else the
    person a paragraph just before reports."""
    speaker = previous_quote(ctx, paragraph_index, open_mark)
    if speaker is not None:
        return speaker, "continuation"
    if sentence.index > 0:
        previous = ctx.doc.sentences[sentence.index - 1]
        if previous.text.rstrip().endswith(":") and previous.paragraph >= paragraph_index - 1:
            found = _intro_colon(ctx, previous)
            if found[0] is not None:
                return found
        # A quote that opens its paragraph and follows a paragraph reporting someone's words
        # ("Farmer Glen Pickering told SCB News he had stayed behind." / "We've got the
        # pumps going ..."): the reported speaker's, the news convention for a quote
        # paragraph after its paraphrase.
        # The same for a quote standing as its own sentence after a sentence of its paragraph
        # that reports someone ("Valdez Anderson ... said on a media call. "...").
        paragraph = ctx.doc.paragraphs[paragraph_index]
        if previous.paragraph == paragraph_index or (
                open_mark == paragraph.nstart and previous.paragraph == paragraph_index - 1):
            found = _after_paraphrase(ctx, previous)
            alone = sentence.nstart <= paragraph.nstart + 1 and sentence.nend >= paragraph.nend - 1
            if found[0] is None and (sentence.words >= _SUBJECT_MIN_WORDS or not alone):
                # "Okafor is upbeat about the vote, in part because she sees it as a test." /
                # "Not only can we win, we are the ones to beat.": with no report, the person the
                # sentence before is about (its main clause's subject); not a short line alone
                # (a heading in quote marks).
                subject = main_subject(ctx, previous, "")
                if subject is not None:
                    return ctx.from_actor(subject, "subject"), "after-subject"
            return found
    return None, ""


#: An attribution line after a quote paragraph: a dash and a name ("- Dana Whitfield.", "-- Lee
#: Moss, mayor"), the dash also read as a list marker.
_DASH_LINE = re.compile(r"\s*(?:[-\u2013\u2014]{1,2}\s*)?([A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,4})"
                        r"\s*(?:,[^\n]{0,80})?\.?\s*")


def attribution_line(ctx: QuoteContext, paragraph_index: int, open_mark: int) -> Speaker | None:
    """'"..." / - Dana Whitfield.': a quote opening its paragraph, and the next paragraph a dash
    (or a list item) with a name alone: that name (the epigraph and fact-check convention)."""
    paragraphs = ctx.doc.paragraphs
    if open_mark != paragraphs[paragraph_index].nstart or paragraph_index + 1 >= len(paragraphs):
        return None
    following = paragraphs[paragraph_index + 1]
    text = ctx.doc.text[following.nstart:following.nend]
    dashed = following.kind == "list" or text.lstrip()[:1] in ("-", "\u2013", "\u2014")
    found = _DASH_LINE.fullmatch(text) if dashed else None
    if found is None:
        return None
    tokens = [t for t in ctx.tokens(following.nstart + found.start(1), following.nstart + found.end(1)) if t.is_word]
    sentence = ctx.sentence_of(following.nstart + found.start(1))
    speaker = resolve_phrase(ctx, tokens, sentence) if tokens else None
    return speaker if speaker is not None and speaker.name else None


def previous_quote(ctx: QuoteContext, paragraph_index: int, open_mark: int) -> Speaker | None:
    for quote, speaker in zip(reversed(ctx.done), reversed(ctx.done_speakers)):
        if speaker is None:
            continue
        if quote.paragraph == paragraph_index:
            return Speaker(speaker.name, speaker.affiliation, "previous-quote", speaker.person)
        paragraph = ctx.doc.paragraphs[paragraph_index]
        if quote.paragraph == paragraph_index - 1 and open_mark == paragraph.nstart:
            return Speaker(speaker.name, speaker.affiliation, "previous-quote", speaker.person)
        break
    return None


def _intro_colon(ctx: QuoteContext, previous: Sentence) -> tuple[Speaker | None, str]:
    """'Lee said:' as the sentence before: its verb's subject, else its clause subject."""
    tokens = ctx.tokens(previous.nstart, previous.nend)
    found = last_verb(ctx, tokens[:-1], previous)
    if found:
        return found[0], "intro-colon:" + found[1]
    subject = colon_subject(ctx, tokens[:-1], previous)
    if subject:
        return subject, "intro-colon:subject"
    return None, ""


def paraphrase_before(ctx: QuoteContext, sentence: Sentence, paragraph_index: int) -> tuple[Speaker | None, str]:
    """'Moss argues his client never urged violence. "The state says his calls ..." were a
    threat.': a quote with no frame of its own, after a sentence of its paragraph that reports
    someone's words: that reported speaker (the subject of its first reporting verb)."""
    if sentence.index == 0:
        return None, ""
    previous = ctx.doc.sentences[sentence.index - 1]
    if previous.paragraph != paragraph_index:
        return None, ""
    return _after_paraphrase(ctx, previous)


def _after_paraphrase(ctx: QuoteContext, previous: Sentence) -> tuple[Speaker | None, str]:
    """The subject of the first reporting verb of a sentence."""
    tokens = ctx.tokens(previous.nstart, previous.nend)
    for k in range(len(tokens)):
        lemma = verb_lemma(ctx.lex, tokens, k)
        if lemma:
            found = subject_of(ctx, tokens, k, previous)
            if found is not None and found.name:
                return found, "after-paraphrase:" + lemma
            break
    return None, ""
