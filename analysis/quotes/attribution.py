"""Speaker attribution: each quote's kind, and its speaker from the first frame that fires.

See the package docstring (`analysis.quotes`) for the rules, in the order they fire. The parts:
`context` (the article with quotes masked, mentions, quotes done), `tokens`, `grammar` (noun
phrases, reporting verbs), `frames` (where the speaker phrase is), `subjects` (a verb's
subject), `resolve` and `pronouns` (a speaker phrase -> name and affiliation).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from itertools import islice

from ..actors import Gazetteer, gazetteer_for
from ..text import Doc, Sentence, count_words
from .context import QuoteContext, Speaker
from .frames import (according_to, attribution_line, colon_subject, continuation, final_frame, frame_after, label_frame,
                     last_verb, later_frame, next_sentence_frame, paraphrase_before, possessed_speech, possessive_frame,
                     previous_quote)
from .grammar import BE_FORMS, np_backward, verb_lemma
from .lexicon import Lexicon, load_lexicon, word_set
from .marks import find_spans
from .resolve import resolve_phrase
from .subjects import clause_subject, reporting_subject
from .tokens import Token, word_list

KINDS = ("full", "partial", "scare")
#: Affiliation codes always reported after the gazetteer's country codes. `other_states` gathers the
#: states the gazetteer does not list (their own codes are in the quote table and share_of_voice).
OTHER_STATES = "other_states"
EXTRA_AFFILIATIONS = (OTHER_STATES, "media", "expert", "other", "unknown")
#: Reporting verbs of a relay: a frame closing the sentence with one of these reports a report
#: ("X said it was '...,' the Ledger reported"), and the quote stays X's.
_RELAY_VERBS = word_set("relay_verbs.lemmas")
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


def attribute(ctx: QuoteContext, span: tuple[int, int, str, int]) -> Quote:
    """The quote of one span, classified and attributed (quotes go in document order: pronouns
    and continuations look back at the earlier ones)."""
    doc = ctx.doc
    open_mark, close_mark, mark, paragraph_index = span
    width = len(mark)  # `''` (wire copy) is two characters wide
    nstart = open_mark + width
    nend = close_mark + 1 - width if doc.text[close_mark + 1 - width:close_mark + 1] == mark else close_mark
    start, end = doc.raw_span(nstart, nend)
    words = count_words(doc.text[nstart:nend])
    quoted = doc.text[nstart:nend].strip()
    sentence = ctx.sentence_of(open_mark)
    closing_sentence = ctx.sentence_of(close_mark) if close_mark < len(doc.text) else sentence
    left = ctx.tokens_before(sentence, open_mark)
    right_end = closing_sentence.nend if closing_sentence.nend > close_mark else sentence.nend
    right = ctx.tokens_after(closing_sentence if right_end == closing_sentence.nend else sentence,
                             close_mark + 1, right_end)
    opens_sentence = all(not t.is_word or t.low in ("and", "but", "so") for t in left)
    ctx.current_quote = (nstart, nend)
    last = quoted.rstrip("'\" ")[-1:]

    speaker: Speaker | None = None
    rule = ""
    scare_rule = None
    if doc.paragraphs[paragraph_index].kind == "heading":
        speaker, rule, scare_rule = _heading(ctx, left, sentence)
    if scare_rule is None and speaker is None:
        scare_rule = _scare_rule(ctx, left, right, quoted, words)
    if scare_rule is None and speaker is None and title_of_work(ctx.lex, left, right, quoted):
        scare_rule = "title"
    if scare_rule is None and speaker is None:
        speaker, rule = _speaker(ctx, left, right, sentence, closing_sentence, span, opens_sentence, last)
    if scare_rule == "modifier":
        speaker, rule = _reported_label(ctx, left, right, sentence, last)
        scare_rule = None if speaker is not None else scare_rule
    if scare_rule is None and speaker is None and not opens_sentence:
        speaker, rule = _fragment(ctx, left, quoted, sentence)
        if speaker is None:
            # "a class called '...'" names a thing; with no subject for the clause, the noun
            # before the participle is the best reading left
            found = last_verb(ctx, left, sentence, naming=True)
            speaker, rule = (found[0], "before:" + found[1]) if found else (None, "")
        if speaker is None and words >= UNATTRIBUTED_MIN_WORDS:
            # "Now, ''within the business community ...''": the paragraph's speaker
            speaker = previous_quote(ctx, paragraph_index, open_mark)
            rule = "continuation" if speaker is not None else ""
    elif scare_rule is None and speaker is None and words >= UNATTRIBUTED_MIN_WORDS:
        # A sentence opened by a quote and going on in the narrator's words with no frame
        # ('... Palmieri told reporters. "I think ..." and other pocketbook issues.'): the
        # speaker of the quote before it in the paragraph.
        speaker = previous_quote(ctx, paragraph_index, open_mark)
        rule = "continuation" if speaker is not None else ""
        if speaker is None:
            speaker, rule = paraphrase_before(ctx, sentence, paragraph_index)
    if scare_rule is None and speaker is None and words < UNATTRIBUTED_MIN_WORDS:
        scare_rule = "no-speaker"
    if scare_rule is not None:
        kind, name, affiliation, rule = "scare", None, "unknown", scare_rule
    else:
        kind = quote_kind(ctx, left, right, quoted, opens_sentence)
        if speaker is None:
            name, affiliation, rule = None, "unknown", "unattributed"
        else:
            name, affiliation = speaker.name, speaker.affiliation
            rule = f"{rule}|{speaker.how}"
    quote = Quote(nstart, nend, start, end, doc.body[start:end], kind, name, affiliation,
                  sentence.index, rule, words, paragraph_index, mark)
    ctx.remember(quote, speaker if scare_rule is None else None)
    return quote


def _heading(ctx: QuoteContext, left: list[Token], sentence: Sentence) -> tuple[Speaker | None, str, str | None]:
    """A quote in a heading is scare, unless the heading names a speaker before a colon."""
    speaker, rule = None, ""
    if len(left) >= 2 and left[-1].text == ":":
        speaker = resolve_phrase(ctx, np_backward(ctx.lex, left, len(left) - 1), sentence)
        rule = "heading-colon"
    return speaker, rule, ("heading" if speaker is None else None)


def _scare_rule(ctx: QuoteContext, left: list[Token], right: list[Token], quoted: str, words: int) -> str | None:
    """A word mentioned as a word ("mention:<cue>"), or a short label inside the narrator's noun
    phrase ("modifier"), whatever verb is near; else None."""
    lex = ctx.lex
    left_words = word_list(left[-lex.longest_mention_cue:])  # a cue is matched at the end: only its last words
    for cue in lex.mention_cues:
        if tuple(left_words[-len(cue):]) == cue:
            return "mention:" + " ".join(cue)
    if words <= lex.modifier_max_words \
            and quoted[-1:] not in ".,!?;:" and left and left[-1].low in lex.determiners \
            and right and right[0].is_word and right[0].low not in lex.function_words \
            and not verb_lemma(lex, right, 0):
        return "modifier"
    return None


def _speaker(ctx: QuoteContext, left: list[Token], right: list[Token], sentence: Sentence,
             closing_sentence: Sentence, span: tuple[int, int, str, int],
             opens_sentence: bool, last: str) -> tuple[Speaker | None, str]:
    """The first frame that gives a speaker, in the order of the package docstring. `last`: the
    quote's last character inside its marks."""
    clause_end = last in (",", "?", "!")
    open_mark, _, _, paragraph_index = span
    if opens_sentence:
        speaker, rule = _opening_frames(ctx, right, sentence, closing_sentence, paragraph_index, open_mark,
                                        clause_end, last in ("?", "!"))
    else:
        speaker, rule = _inner_frames(ctx, left, right, sentence, clause_end)
    if speaker is None:
        found = according_to(ctx, left + right, sentence, split=len(left) if closing_sentence is sentence else None)
        if found:
            speaker, rule = found, "according-to"
    if speaker is None:
        found = possessive_frame(ctx, left, sentence)
        if found:
            speaker, rule = found, "possessive-frame"
    if speaker is None and left and left[-1].text == ":":
        found = colon_subject(ctx, left[:-1], sentence)
        if found:
            speaker, rule = found, "colon-subject"
    return speaker, rule


def _opening_frames(ctx: QuoteContext, right: list[Token], sentence: Sentence, closing_sentence: Sentence,
                    paragraph_index: int, open_mark: int, clause_end: bool,
                    loose: bool) -> tuple[Speaker | None, str]:
    """A quote that opens its sentence: the frame after it (or after a later comma), the next
    short sentence, or a continuation."""
    found = frame_after(ctx, right, sentence, clause_end=clause_end, opens=True) or later_frame(ctx, right, sentence)
    if found:
        return found[0], "after:" + found[1]
    found = final_frame(ctx, right, sentence) if closing_sentence is sentence else None
    if found:
        return found[0], found[2] + ":" + found[1]
    if any(t.is_word for t in right):
        return None, ""
    speaker, rule = next_sentence_frame(ctx, closing_sentence, paragraph_index, loose=loose)
    if speaker is None:
        speaker, rule = attribution_line(ctx, paragraph_index, open_mark), "attribution-line"
    if speaker is None:
        speaker, rule = continuation(ctx, sentence, paragraph_index, open_mark)
    return speaker, rule


def _inner_frames(ctx: QuoteContext, left: list[Token], right: list[Token],
                  sentence: Sentence, clause_end: bool) -> tuple[Speaker | None, str]:
    """A quote inside its sentence: a label's owner; the frame closing the sentence ('X is
    "...," Lee said'), unless a relay (", the Ledger reported": the quoted words stay the
    reported speaker's); the last reporting verb before it; the frame right after it; the
    sentence's closing frame, a relay too."""
    speaker, rule = label_frame(ctx, left, sentence)
    closing = None
    if speaker is None:
        closing = final_frame(ctx, right, sentence, closes_clause=clause_end)
        if closing and closing[1] not in _RELAY_VERBS:
            speaker, rule = closing[0], closing[2] + ":" + closing[1]
    if speaker is None:
        found = last_verb(ctx, left, sentence)
        if found:
            speaker, rule = found[0], "before:" + found[1]
    if speaker is None:
        found = frame_after(ctx, right, sentence, clause_end=clause_end) or later_frame(ctx, right, sentence)
        if found:
            speaker, rule = found[0], "after:" + found[1]
    if speaker is None and closing:
        speaker, rule = closing[0], closing[2] + ":" + closing[1]
    return speaker, rule


def _reported_label(ctx: QuoteContext, left: list[Token], right: list[Token], sentence: Sentence,
                    last: str) -> tuple[Speaker | None, str]:
    """A label inside a clause of reported speech is the reporter's words, not the narrator's:
    'Barkley said that CNN has done an "awful" job', 'his "negatives," he called them', 'voters
    waited for a "messy count," he said' (a frame closing the sentence reports all of it); so is
    a label in the object of a reporting verb of its own clause ('Lee blasted the plan as a
    "disgrace"', 'Lee denounced what she called the "cruel" cuts'). A label the narrator's own
    verb governs stays scare ('Lee asked to ease the "unofficial" curbs')."""
    clause_end = last in (",", "?", "!")
    found = frame_after(ctx, right, sentence, clause_end=clause_end)
    if found:
        return found[0], "after:" + found[1]
    closing = final_frame(ctx, right, sentence, closes_clause=clause_end)
    if closing:
        return closing[0], closing[2] + ":" + closing[1]
    words = word_list(left)
    if "that" in words:
        verb = last_verb(ctx, left[:len(words) - words[::-1].index("that")], sentence)
        if verb:
            return verb[0], "before:" + verb[1]
    verb = last_verb(ctx, left, sentence, stop=_label_clause_start(ctx.lex, left))
    if verb and verb[0].how.split("|")[0] in _NAMED_IN_CLAUSE:
        return verb[0], "governs:" + verb[1]
    return None, ""


#: How a governing verb's subject was resolved when the clause itself names it (a name, a
#: gazetteer alias): a pronoun or a bare phrase gives a short label no speaker sure enough.
_NAMED_IN_CLAUSE = frozenset(("name", "gazetteer"))
#: Words opening a clause of its own between a reporting verb and a label (speech_verbs.yaml).
_LABEL_CLAUSE_BREAKS = word_set("grammar.label_clause_breaks")
_CLAUSE_PUNCTUATION = frozenset((",", ";", ":", "(", ")", "-", "\u2013", "\u2014"))


def _label_clause_start(lex: Lexicon, left: list[Token]) -> int:
    """The index in `left` of the last token that opens a clause of its own before a label: a
    comma, bracket or dash, a relative pronoun or subordinator (`label_clause_breaks`), an earlier
    quote, or an infinitive's "to" ("asked to ease the '...' curbs": the verb governs an action,
    not the label), or a passive reporting verb itself ("was asked about the '...' remark"); -1
    when none (looked at no further back than the longest `max_gap`)."""
    end = len(left)
    reach = lex.longest_gap if lex.longest_gap is not None else end
    for k in range(end - 1, max(-1, end - 2 - reach), -1):
        token = left[k]
        if token.text in _CLAUSE_PUNCTUATION or token.low in _LABEL_CLAUSE_BREAKS or token.is_quote:
            return k
        if token.low in BE_FORMS and k + 1 < end and left[k + 1].low in lex.verb_forms:
            return k + 1  # a passive ("Lee was asked about the '...' remark"): its subject is no speaker
        if token.low == "to" and k + 1 < end and left[k + 1].is_word and not left[k + 1].capital \
                and left[k + 1].low not in lex.determiners and left[k + 1].low not in lex.personal:
            return k
    return max(-1, end - 2 - reach)


def _fragment(ctx: QuoteContext, left: list[Token], quoted: str, sentence: Sentence) -> tuple[Speaker | None, str]:
    """A quote woven into a sentence with no reporting frame ("Graham called both Trump and
    Clinton 'crazy'", "Clinton has decried 'systemic racism'"): the sentence's subject, the
    news convention being that words quoted in a clause are its subject's. Not for a markup
    value (`author="..."`) or a title."""
    if sum(1 for _ in islice((t for t in left if t.is_word), 2)) < 2 or left[-1].text == "=" \
            or _title_shaped(ctx.lex, left, quoted):
        return None, ""  # 'Take "collaboration."': no clause before the quote
    found = possessed_speech(ctx, left, sentence)
    if found is not None and found.name:
        return found, "possessed-speech"
    found = clause_subject(ctx, left, len(left), sentence, 0)
    if found is None or not found.name or not _near_clause_start(left, found.name):
        return None, ""
    return found, "fragment"


def _near_clause_start(left: list[Token], name: str) -> bool:
    """Whether the subject found is named (or is a pronoun) among the first words of the sentence
    or of the clause after its first comma: the quote's clause is its subject's, not an object's
    ("engineers at the test center in Shizuoka Prefecture submitted 'borrowed' data")."""
    last = name.split()[-1]
    starts = [0] + list(islice((k + 1 for k, t in enumerate(left) if t.text == ","), 3))
    return any(t.text in (last, last + "'s") or t.low in ("he", "she", "they", "it", "we", "i")
               for start in starts for t in left[start:start + 14])


_SMALL_WORDS = frozenset("of the a an and on in to for at with by from &".split())


def _capitalised_words(quoted: str) -> list[str] | None:
    """The words of a quote when every one is capitalised (short function words aside), else None."""
    words = re.findall(r"[^\W\d_][\w'-]*", quoted)
    if not words or not words[0][0].isupper() or not all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words):
        return None
    return words


def title_of_work(lex: Lexicon, left: list[Token], right: list[Token], quoted: str) -> bool:
    """The title of a show, book, film or speech, or a nickname, not a quote: capitalised words
    after a possessive or a title cue ("CBS's 'Face the Nation'", "on 'This Week'"; after a title
    noun and a comma too: "her memoir, 'Tough Roads'"), before a title noun ("the 'Avatar'
    star"), or one capitalised word inside a name (Robert C. "Bobby" Scott)."""
    words = _capitalised_words(quoted)
    if words is None or len(words) > 10:
        return False
    before = left[-1] if left else None
    after = right[0] if right else None
    if len(words) == 1 and before is not None and before.capital and after is not None and after.capital \
            and not quoted.rstrip().endswith((",", ".")):
        return True
    if before is not None and (before.text.endswith(("'s", "s'")) and before.capital or before.low in lex.title_cues):
        return True
    if before is not None and before.text == "," and len(left) >= 2 and left[-2].low in lex.title_cues \
            and left[-2].low not in lex.function_words and not left[-2].low.endswith("ed"):
        return True  # "her memoir, 'Tough Roads,'": a title in apposition to its noun (not "titled, '...'")
    return after is not None and after.low in lex.title_nouns


def _title_shaped(lex: Lexicon, left: list[Token], quoted: str) -> bool:
    """Two or more capitalised words, or a quote after a title cue that does not open in lower
    case (a title does not: 'blamed the loss on "sickos"' is a fragment): too like a title to
    take the sentence's subject as its speaker."""
    if left and left[-1].low in lex.title_cues and not quoted[:1].islower():
        return True
    words = _capitalised_words(quoted)
    return words is not None and len(words) >= 2


def quote_kind(ctx: QuoteContext, left: list[Token], right: list[Token], quoted: str,
               opens_sentence: bool) -> str:
    """"full" or "partial" for an attributed (or unattributed) quote; see the package docstring."""
    lex = ctx.lex
    quoted = quoted.rstrip("'\" ")  # a nested quote closing with the outer one: ...,'"
    ends_clause = quoted[-1:] in ".,!?;:" or not right or right[0].text in (".", "!", "?", ";", ",")
    if not ends_clause:
        return "partial"
    if opens_sentence:
        return "full"
    if left[-1].text in (",", ":") and len(left) >= 2 and (
            any(verb_lemma(lex, left, k) for k in range(max(0, len(left) - 6), len(left) - 1))):
        return "full"
    if verb_lemma(lex, left, len(left) - 1) and quoted[:1].isupper():
        return "full"
    if left[-1].text == ":" and quoted[:1].isupper():
        return "full"  # "As one banker put it to me: 'They can ...'"
    return "partial"


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
        ctx = QuoteContext(doc, spans, gazetteer or gazetteer_for(doc), lexicon or load_lexicon())
        ctx.reporting_subject = partial(reporting_subject, ctx)
        quotes = [attribute(ctx, span) for span in spans]
        ctx.reporting_subject = None  # the partial refers to ctx: break the cycle so refcounting frees the doc
    if default:
        doc.cache["quotes"] = quotes
    return quotes
