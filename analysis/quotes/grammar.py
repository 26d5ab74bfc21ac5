"""Noun phrases and reporting verbs in a token list: functions of the tokens and the lexicon.

No parser: a speaker phrase is found by adjacency (titles, possessives, "X and Y", "of the"
inside a name) and a reporting verb by its form and the word before it.
"""
from __future__ import annotations

from .lexicon import Lexicon, word_set
from .tokens import Token, word_list

#: Words that may stand right before a verb without being its subject's head.
_NOT_HEADS = frozenset("twice thrice ever soon here there today yesterday tonight now then also "
                       "still again once long already never always often".split())
#: Words that stand for a speaker of a kind just named ("...," read one. / Another tweeted, "...").
PRONOMINAL = frozenset(("one", "another"))
#: Auxiliaries among the skip words: a base form after one is a verb anyway ("did not say").
_AUXILIARIES = word_set("grammar.auxiliaries")
#: Prepositions after a speaker noun that keep its noun phrase going ("a spokesman for X").
_PREPOSITIONS = word_set("grammar.noun_prepositions")
#: Lower-case words inside a capitalised organisation name ("Institute for Policy Research").
_NAME_CONNECTORS = word_set("grammar.name_connectors")
#: Reporting-verb lemmas that are aspect verbs before "to" ("continue to", "began to").
_ASPECT_VERBS = word_set("aspect_verbs.lemmas")
#: Before an adjective in a predicate ("because the count is not yet final told ..."): the word
#: before the verb is then no noun head.
_PREDICATE_BEFORE = frozenset("is are was were be been being not yet very so too more less most "
                              "quite rather".split())


def np_backward(lex: Lexicon, tokens: list[Token], end: int) -> list[Token]:
    """The noun phrase ending right before tokens[end] (titles, possessives, 'X and Y')."""
    j, more = end, True
    while j > 0 and more:
        j, more = _step_back(lex, tokens, j, end)
    phrase = tokens[j:end]
    # Sentence-initial function words are capitalised too ("During", "Using"): never a subject.
    while phrase and phrase[0].low in lex.function_words:
        phrase = phrase[1:]
    return phrase


def _step_back(lex: Lexicon, tokens: list[Token], j: int, end: int) -> tuple[int, bool]:
    """One step of `np_backward` over tokens[j - 1]: (the new start, whether it may go on)."""
    token = tokens[j - 1]
    low = token.low
    if token.is_quote or not token.is_word:
        return j, False
    if low in lex.personal or low in lex.relative:
        return (j - 1 if j == end else j), False
    if low in lex.possessive:
        return (j - 1 if j < end else j), False
    if low == "the" and j < end and j >= 3 and tokens[j - 2].low == "of" \
            and (tokens[j - 3].capital or tokens[j - 3].low in lex.speaker_nouns) and tokens[j].capital:
        return j - 2, True  # "Jakob Lind of the University of ...": on over "of the"
    if low in ("the", "a", "an") and j < end and j >= 3 and tokens[j - 2].low in _PREPOSITIONS \
            and tokens[j - 3].low in lex.speaker_nouns and not tokens[j - 3].capital:
        return j - 2, True  # "a lawyer for the family said": on over "for the"
    if low in lex.determiners or low == "the":
        return (j - 1 if j < end else j), False
    if low in _PREPOSITIONS and j < end and j >= 2 and tokens[j - 2].low in lex.speaker_nouns \
            and not tokens[j - 2].capital and (tokens[j].capital or tokens[j].low in lex.speaker_nouns):
        return j - 1, True  # "a spokesman for Okafor said", "an adviser to the mayor": the noun is the head
    if token.capital or low in lex.speaker_nouns or low in lex.quantifiers:
        return j - 1, True
    if (low == "and" or low in _NAME_CONNECTORS) and j < end and j >= 2 \
            and tokens[j - 2].capital and tokens[j - 2].is_word and tokens[j].capital:
        return j - 1, True  # "Smith and Jones", "the Center for Policy Studies": one name
    if low == "and" and j < end and j >= 2 and tokens[j - 2].low in lex.speaker_nouns \
            and tokens[end - 1].low in lex.speaker_nouns:
        return j - 1, True  # "the state senator and party nominee said": one person
    if _modifier(lex, tokens, j, end) or _head(lex, tokens, j, end):
        return j - 1, True
    # "Jakob Lind of the University of Copenhagen", "Marcus Thorne of Halvern Bank": the
    # phrase goes on back over "of (the)" to a capitalised name or a speaker noun.
    if low in ("of", "the") and j < end:
        k = j - 1
        if tokens[k].low == "the" and k > 0 and tokens[k - 1].low == "of":
            k -= 1
        if tokens[k].low == "of" and k > 0 and (tokens[k - 1].capital or tokens[k - 1].low in lex.speaker_nouns) \
                and tokens[j].capital:
            return k, True
    return j, False


def _modifier(lex: Lexicon, tokens: list[Token], j: int, end: int) -> bool:
    """tokens[j - 1] modifies the head: "senior officials", "team source", "media outlets"."""
    low = tokens[j - 1].low
    return j < end and _wordlike(low) and low not in lex.function_words \
        and (low not in lex.verb_forms or tokens[j].low in lex.speaker_nouns) \
        and (tokens[end - 1].low in lex.speaker_nouns or j < end - 1 or not tokens[end - 1].capital) \
        and not low.endswith(("ly", "ed", "ing"))


def _wordlike(low: str) -> bool:
    """A word, or a hyphenated compound of words and numbers ("look-alike", "43-year-old")."""
    return low.isalpha() or "-" in low and low[0].isalnum() and low[-1].isalpha() \
        and all(part.isalnum() for part in low.split("-"))


def _head(lex: Lexicon, tokens: list[Token], j: int, end: int) -> bool:
    """A common noun right before the verb is its head: "One reporter asked"."""
    low = tokens[j - 1].low
    return j == end and _wordlike(low) and low not in lex.function_words and low not in lex.verb_forms \
        and low not in lex.skip_words and low not in _NOT_HEADS \
        and not low.endswith(("ly", "ed", "ing")) and len(low) > 2 \
        and not (j >= 2 and tokens[j - 2].low in _PREDICATE_BEFORE)


def np_forward(lex: Lexicon, tokens: list[Token], start: int) -> list[Token]:
    """The noun phrase starting at tokens[start] ("said the spokesman on Monday")."""
    k = start
    while k < len(tokens) and k - start < 10:
        token = tokens[k]
        if token.low == "of" and k > start and k + 1 < len(tokens) and tokens[k + 1].capital:
            k += 1  # "Minister of Agriculture Aidos Nurlanov"
            continue
        if token.text in ("&", "/") and k > start and k + 1 < len(tokens) and tokens[k - 1].is_word \
                and tokens[k + 1].is_word and tokens[k].start == tokens[k - 1].end and tokens[k + 1].start == tokens[k].end:
            k += 1  # "one A&B Freight driver", "a 24/7 caretaker": a word joined by "&" or "/"
            continue
        name_word = token.capital and (k + 1 < len(tokens) and tokens[k + 1].capital  # "Will Doyle"
                                       # mid-sentence, a capitalised function word after a name
                                       # word is the name's ("said Al From, who")
                                       or k > start and tokens[k - 1].capital and tokens[k - 1].is_word)
        if not token.is_word or (token.low in lex.function_words or token.low in lex.verb_forms) and not name_word:
            if not (k == start and token.low in lex.determiners):
                break
        k += 1
    phrase = tokens[start:k]
    while phrase and not (phrase[-1].capital or phrase[-1].low in lex.speaker_nouns
                          or (len(phrase) == 1 and phrase[0].low in lex.personal)):
        phrase = phrase[:-1]
    return phrase


def verb_lemma(lex: Lexicon, tokens: list[Token], index: int) -> str | None:
    """The reporting-verb lemma of tokens[index], if it is used as a verb there."""
    token = tokens[index]
    if token.capital and index > 0 or not token.is_word:
        return None
    lemma = lex.verb_forms.get(token.low)
    if lemma is None:
        return None
    if lemma in _ASPECT_VERBS and index + 1 < len(tokens) and tokens[index + 1].low == "to":
        return None  # "will continue to be", "began to fade": an aspect verb, not a report
    previous = tokens[index - 1].low if index > 0 else ""
    if token.low.endswith("ing") and previous in ("in", "of"):
        return None  # "agreed in writing", "the art of saying": a noun
    requires = lex.verb_options.get(lemma, {}).get("requires")
    if token.low == lemma and requires and index + 1 < len(tokens) and tokens[index + 1].low == requires:
        return lemma  # "as one banker put it"
    if token.low == lemma:  # a bare base form is often a noun ("state media", "the report")
        before = tokens[index - 1] if index > 0 else None
        k = index - 1
        while k > 0 and (tokens[k].low in lex.skip_words and tokens[k].low not in _AUXILIARIES
                         or tokens[k].text == "," and (tokens[k - 1].low in lex.skip_words
                                                       or tokens[k + 1].low in lex.skip_words)):
            k -= 1  # "The two mayors, however, insist that"
        if 0 <= k < index - 1 and (tokens[k].capital or tokens[k].low in lex.speaker_nouns):
            before = tokens[k]
        plural_subject = before is not None and not before.text.endswith("'s") and (
            before.capital or before.low in lex.speaker_nouns or before.low in lex.quantifiers
            and index > 1 and tokens[index - 2].low == "the") and before.low not in lex.determiners
        following = tokens[index + 1].low if index + 1 < len(tokens) else ""
        if following in lex.speaker_nouns and previous != "to":  # "state media": a noun
            return None
        if not plural_subject and previous not in {
                "to", "will", "would", "could", "may", "might", "must", "should", "can", "did", "does",
                "do", "not", "i", "we", "they", "you"}:
            return None
    elif token.low.endswith("s") and not token.low.endswith("ss") and token.low not in ("says",):
        k = index - 1
        while k >= 0 and tokens[k].low in lex.skip_words:
            k -= 1
        closes_apposition = tokens[k].text == "," and index + 1 < len(tokens) and tokens[index + 1].low == "that" \
            and any(t.text == "," for t in tokens[max(0, k - 8):k])  # "Lee, her lawyer, argues that"
        if k < 0 or not (tokens[k].capital or tokens[k].low in lex.personal or closes_apposition
                         or tokens[k].low in lex.speaker_nouns or _definite_subject(lex, tokens, k)):
            return None
        if k == index - 1 and tokens[k].text.endswith("'s"):
            return None  # "the ministry's claims": a noun after a possessive
    elif previous in lex.determiners and not (previous in PRONOMINAL and (
            index == 1 or tokens[index - 2].text in (",", ";", ":"))):
        return None  # "the said", not 'Another said, "..."'

    return lemma


def _definite_subject(lex: Lexicon, tokens: list[Token], k: int) -> bool:
    """tokens[k] ends a noun phrase opened by "the" at the start of the clause ("The former harbour
    master calls it ..."): a subject, so the -s form after it is a verb."""
    j = k
    while j > 0 and k - j < 4 and tokens[j].is_word and tokens[j].low not in lex.function_words \
            and not tokens[j].low.endswith("ly"):
        j -= 1
    return tokens[j].low == "the" and j < k and (j == 0 or tokens[j - 1].text in (",", ";", ":")) \
        and tokens[k].low not in lex.verb_forms


#: Past participles of verbs of naming, and the forms of "be" of a passive before them.
_NAMING_PARTICIPLES = word_set("naming_participles.words")
BE_FORMS = word_set("naming_participles.be_forms")


def naming_participle(lex: Lexicon, tokens: list[Token], k: int, end: int) -> bool:
    """tokens[k] names a thing right before the quote ("a class called 'Rain'", "what is called a
    'debate'", "items labeled 'Made here'"): a participle after a lower-case noun that is no
    speaker, or after a form of "be", with at most a determiner before the quote; no frame."""
    if tokens[k].low not in _NAMING_PARTICIPLES or k == 0:
        return False
    j = k + 1
    while j < end and j - k <= 2 and tokens[j].low in lex.determiners:
        j += 1
    if not (j == end or tokens[j].is_quote):  # the quote (or an earlier one) is what is named
        return False
    before = tokens[k - 1]
    if before.low in BE_FORMS:
        return True
    return before.is_word and not before.capital and before.low not in lex.speaker_nouns \
        and before.low not in lex.personal and before.low not in lex.function_words \
        and before.low not in lex.skip_words and not before.low.endswith("ly") \
        and before.low.replace("-", "").isalpha()


def verb_applies(lex: Lexicon, tokens: list[Token], index: int, lemma: str, end: int) -> bool:
    options = lex.verb_options[lemma]
    if end - index - 1 > options["max_gap"]:
        return False
    if options["requires"] and options["requires"] not in word_list(tokens[index + 1:end]):
        return False
    return True
