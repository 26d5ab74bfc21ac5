"""Pronoun speakers: he/she/his to the nearest fitting person, "they" to the last group speaker.

Pronouns prefer persons the article shows as persons (a title, a role, a surname-only mention, a
speaker by name) and skip a person whose known gender (honorific, or an earlier he/she)
contradicts them; a resolved he/she teaches the person's gender for later pronouns.
"""
from __future__ import annotations

import bisect
import re

from ..actors import Actor
from ..text import Sentence
from .context import QuoteContext, Speaker
from .lexicon import alternation, word_set
from .lookup import lookup, person_like

#: Nouns after a possessive name that stand for other people ("Okafor's aides"; rule_words.owned_heads).
_OWNED_HEADS = word_set("owned_heads.heads")
#: The gender a personal pronoun asks of its antecedent.
PRONOUN_GENDER = {"he": "m", "his": "m", "him": "m", "she": "f", "her": "f"}
#: Indefinite pronouns: a subject ("Nobody asked about it") no later he/she can stand for.
INDEFINITE = frozenset("""nobody none everybody everyone anybody anyone somebody someone each
    either neither""".split()) | {"no one"}


def resolve_pronoun(ctx: QuoteContext, position: int, sentence: Sentence) -> Speaker | None:
    """He/she/his: the first person named earlier in the sentence, else the nearest earlier
    sentence's attributed speaker or first non-possessive person; a person whose known gender
    contradicts the pronoun is passed over."""
    word = re.match(r"[A-Za-z]+", ctx.masked[position:position + 4])
    pronoun = word.group().lower() if word else ""
    found = _resolve(ctx, position, sentence, pronoun)
    if found is not None:
        _learn_gender(ctx, found.name, pronoun)
    return found


def _recent_non_person(ctx: QuoteContext, sentence: Sentence, back: int, how: str,
                       accept=lambda speaker: True) -> Speaker | None:
    """The last named speaker that is not a person, attributed in this or the previous `back`
    sentences and passing `accept`, as the speaker of a pronoun (`how`: "they" or "it")."""
    for quote, speaker in zip(reversed(ctx.done), reversed(ctx.done_speakers)):
        if quote.sentence < sentence.index - back:
            break
        if speaker is not None and speaker.name and not speaker.person and accept(speaker):
            return Speaker(speaker.name, speaker.affiliation, how, False)
    return None


def resolve_they(ctx: QuoteContext, sentence: Sentence) -> Speaker | None:
    """"They cautioned": the last group speaker (a plural descriptor such as "the authors",
    "residents") of this or the previous two sentences."""
    return _recent_non_person(ctx, sentence, 2, "they", lambda speaker: (
        speaker.name.split()[-1].lower().endswith("s") and speaker.how != "previous-quote"))


def resolve_it(ctx: QuoteContext, sentence: Sentence) -> Speaker | None:
    """"It added": the last speaker that is not a person ("the company wrote in its statement",
    "the letter reads") of this or the previous three sentences; else a body whose name opens
    this or the previous sentence of the paragraph ("Acme Freight backtracked. It said ...")."""
    return _recent_non_person(ctx, sentence, 3, "it") or _opening_body(ctx, sentence)


#: A name opening a sentence, after an optional "The" ("The Harbour Post noted").
_OPENING_NAME = re.compile(r"(?:The )?([A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*)*)")


def _opening_body(ctx: QuoteContext, sentence: Sentence) -> Speaker | None:
    """The body (of the gazetteer or of the article's names) whose name opens `sentence` or the
    sentence before it in the same paragraph: the clause subject "it" stands for."""
    sentences = ctx.doc.sentences
    for index in (sentence.index, sentence.index - 1):
        if index < 0 or sentences[index].paragraph != sentence.paragraph:
            break
        opening = _OPENING_NAME.match(ctx.masked, sentences[index].nstart)
        if opening is None or opening.group(1).strip() in ("It", "The"):
            continue
        name = opening.group(1).strip()
        if name.endswith("'s"):
            continue  # "Acme's campaign": a possessive modifies the subject, it is not it
        actor = ctx.gaz.find_actor(name)
        if actor is not None and actor.kind != "person" and actor.name in name:
            return ctx.from_actor(actor, "it")
        entity = lookup(ctx.registry, name, opening.start(1))
        if entity is not None and entity.kind == "body":
            return ctx.from_entity(entity, "it")
    return None


def _gender_fits(ctx: QuoteContext, name: str | None, pronoun: str) -> bool:
    """False when the person's known gender (honorific, or a pronoun already resolved to them)
    contradicts he/his or she/her, or when the quote being attributed names them: '"Okafor will
    win," he said' is not Okafor speaking of himself (subject pronouns only: '"Okafor will win,"
    his aide said' is Okafor's aide). An indefinite pronoun ("Nobody asked ...") never fits."""
    if name and name.lower() in INDEFINITE:
        return False
    if pronoun in ("he", "she") and name and _named_in_quote(ctx, name):
        return False
    wanted = PRONOUN_GENDER.get(pronoun)
    entity = ctx.registry.entity_named(name) if name else None
    known = entity.gender if entity is not None else ctx.genders.get(name or "")
    return not (wanted and known and known != wanted)


def _named_in_quote(ctx: QuoteContext, name: str) -> bool:
    """Whether the quote being attributed names the person: their family name alone or after a
    title, an initial or their own given name ("Okafor", "Sen. Okafor", "Dana Okafor"; not
    "Lena Okafor", a relative, nor "Okafor Foundation"), or their given name alone or before
    their other names."""
    parts = [part.strip(".,") for part in name.split()]
    family, given = parts[-1], (parts[0] if len(parts) > 1 and len(parts[0]) > 1 else "")
    titles = ctx.lex.title_words
    for run in ctx.quote_names():
        for k, word in enumerate(run):
            if word == family:
                if k + 1 < len(run):
                    continue  # "the Okafor Foundation": a name's first word, not the person
                before = run[k - 1] if k else ""
                if not before or before in parts or len(before) == 1 or before.lower() in titles:
                    return True
            elif word == given:
                after = run[k + 1] if k + 1 < len(run) else ""
                if not after or after in parts:
                    return True
    return False


def _learn_gender(ctx: QuoteContext, name: str | None, pronoun: str) -> None:
    wanted = PRONOUN_GENDER.get(pronoun)
    entity = ctx.registry.entity_named(name) if name else None
    if wanted and entity is not None and entity.gender is None:
        entity.gender = wanted
    elif wanted and entity is None and name:
        ctx.genders.setdefault(name, wanted)


def _person_like(ctx: QuoteContext, actor: Actor) -> bool:
    """A gazetteer person, or a registry name the article shows as a person (title, role,
    surname-only mention, or already a speaker by name)."""
    entity = ctx.registry_actors.get(actor)
    return entity is None or person_like(ctx.registry, entity)


def _named(ctx: QuoteContext, start: int, end: int, pronoun: str) -> list[tuple[int, Actor]]:
    """Persons named in [start, end) who fit the pronoun: those shown as persons first; a bare
    capitalised name ("Innocent Rugamba") only when there is no such person."""
    fitting = [(a, actor) for a, actor in ctx.persons_between(start, end)
               if _gender_fits(ctx, actor.name, pronoun)]
    strong = [(a, actor) for a, actor in fitting if _person_like(ctx, actor)]
    return strong or fitting


def _resolve(ctx: QuoteContext, position: int, sentence: Sentence, pronoun: str, depth: int = 0) -> Speaker | None:
    here = _named(ctx, sentence.nstart, position, pronoun)
    # 'Okafor "caused great harm," he said': a person right before a quote that the pronoun's
    # frame follows is the subject of the reported clause, not its reporter.
    quoted = ctx.masked.rfind("\x00", sentence.nstart, position)
    if here and quoted >= 0 and not ctx.masked[quoted + 1:position].strip(" ,"):
        opening = quoted
        while opening > sentence.nstart and ctx.masked[opening - 1] == "\x00":
            opening -= 1
        here = [(a, actor) for a, actor in here if not _ends_before(ctx, a, actor, opening)]
    # "Moss, whom she called ...": the antecedent of an object relative is not its subject
    here = [(a, actor) for a, actor in here if not _antecedent_of(ctx, a, actor, position)]
    if len(here) > 1 and ctx.masked[sentence.nstart:position].rstrip().endswith(","):
        # 'and Okafor, she said, "..."': the person right before a parenthetical frame is the
        # subject of the clause it reports, not its reporter
        comma = ctx.masked.rindex(",", sentence.nstart, position)
        here = [(a, actor) for a, actor in here if not _ends_before(ctx, a, actor, comma)]
    if here:
        return ctx.from_actor(_reporter(ctx, here, position) or _main_of(ctx, here, sentence, pronoun)
                              or here[0][1], "pronoun")
    owner = _possessor_subject(ctx, sentence, position, pronoun)
    if owner is not None:
        return ctx.from_actor(owner, "pronoun")
    for quote, speaker in reversed(ctx.done_in_sentence.get(sentence.index, ())):
        if quote.nstart < position and speaker and speaker.person \
                and _gender_fits(ctx, speaker.name, pronoun):
            return Speaker(speaker.name, speaker.affiliation, "pronoun", True)
    nearest = range(sentence.index - 1, max(-1, sentence.index - 4), -1)
    for index in nearest:
        found = _in_earlier_sentence(ctx, index, pronoun, reporter=True, depth=depth)
        if found is not None:
            return found
    # Further back only a sentence with a person mention or a person's quote can answer
    # (ctx.person_sentences): the others are skipped, not visited one by one.
    candidates = ctx.person_sentences
    for slot in range(bisect.bisect_left(candidates, sentence.index - 3) - 1, -1, -1):
        found = _in_earlier_sentence(ctx, candidates[slot], pronoun, reporter=False)
        if found is not None:
            return found
    return None


def _main_of(ctx: QuoteContext, here: list[tuple[int, Actor]], sentence: Sentence, pronoun: str) -> Actor | None:
    """Of several persons named before a pronoun in its sentence, the main clause's subject
    ("When Okafor spoke, Marek replied that, she said, ..." is Marek), else None."""
    if len(here) < 2:
        return None
    subject = main_subject(ctx, sentence, pronoun)
    return subject if any(actor is subject for _, actor in here) else None


def _possessor_subject(ctx: QuoteContext, sentence: Sentence, position: int, pronoun: str) -> Actor | None:
    """"Okafor's bid is in doubt, but she said ...": the fitting person whose possessive opens
    the sentence, when no other person is named before the pronoun and the possessed noun is
    not a person of their own ("Okafor's spokesman said he" is the spokesman)."""
    low = bisect.bisect_left(ctx.mention_starts, sentence.nstart)
    if low >= len(ctx.mentions):
        return None
    start, end, actor, possessive = ctx.mentions[low]
    if not possessive or actor.kind != "person" or start >= position or ctx.masked[sentence.nstart:start].strip() \
            or not _gender_fits(ctx, actor.name, pronoun):
        return None
    head = _WORD.match(ctx.masked, _skip_space(ctx.masked, end + 2))
    word = head.group().lower() if head else ""
    if word in ctx.lex.speaker_nouns or word in ctx.lex.title_words or word in _OWNED_HEADS:
        return None
    return actor


#: A relative pronoun between a name and a pronoun subject: "Moss, whom she called", "Moss, who he".
_RELATIVE_BEFORE = re.compile(r",?\s+(?:who|whom)\s+$")


def _antecedent_of(ctx: QuoteContext, start: int, actor: Actor, position: int) -> bool:
    """Whether the mention of `actor` at `start` is followed by "who/whom" right before the
    pronoun at `position` (the pronoun is then the relative clause's subject, another person)."""
    end = next((e for a, e, act, _ in ctx.mentions[bisect.bisect_left(ctx.mention_starts, start):]
                if a == start and act is actor), start)
    return position - end <= 8 and _RELATIVE_BEFORE.match(ctx.masked, end, position) is not None


def _ends_before(ctx: QuoteContext, start: int, actor: Actor, opening: int) -> bool:
    """Whether the mention of `actor` at `start` ends right before the quote mark at `opening`."""
    end = next((e for a, e, act, _ in ctx.mentions[bisect.bisect_left(ctx.mention_starts, start):]
                if a == start and act is actor), start)
    return not ctx.masked[end:opening].strip()


#: A frame closing its sentence after a comma: ", Okafor said." / ", the mayor told reporters."
_TRAILING_FRAME = re.compile(r",\s+(?:[A-Z][\w.'-]*\s+){1,4}(?:" + alternation("reporting_cues.trailing_frame")
                             + r")\s*[.!]?\s*$")
#: A reporting verb right after a name ("Okafor said she ...", "Dunmore, 54, told reporters he ...").
_REPORTS_AFTER = re.compile(r"(?:,[^,\x00]{1,40},)?\s+(?:(?:" + alternation("reporting_cues.pronoun_reporter_adverbs")
                            + r")\s+)?(?:" + alternation("reporting_cues.pronoun_reporter") + r")\b")


def _reporter(ctx: QuoteContext, here: list[tuple[int, Actor]], position: int) -> Actor | None:
    """Of the persons named before a pronoun in its sentence, the last one who reports (the
    subject of a reporting verb right after the name: "Once Marek lost the vote, Dunmore said he
    would back Okafor, whom he called ..."), else None (the first person named is taken)."""
    for start, actor in reversed(here):
        end = next((e for a, e, act, _ in ctx.mentions[bisect.bisect_left(ctx.mention_starts, start):]
                    if a == start and act is actor), None)
        if end is not None and end < position and _REPORTS_AFTER.match(ctx.masked, end):
            return actor
    return None


def _in_earlier_sentence(ctx: QuoteContext, index: int, pronoun: str, reporter: bool,
                         depth: int = 0) -> Speaker | None:
    """The last fitting speaker attributed in sentence `index`, else (for the three nearest
    sentences) the fitting named subject of its first reporting verb ("..., Sanders insisted
    that ..."), else its first fitting person."""
    earlier = ctx.doc.sentences[index]
    attributed = [s for q, s in ctx.done_in_sentence.get(index, ())
                  if s is not None and s.person and _gender_fits(ctx, s.name, pronoun)]
    if attributed:
        return Speaker(attributed[-1].name, attributed[-1].affiliation, "pronoun", True)
    if reporter and _TRAILING_FRAME.search(ctx.masked, earlier.nstart, earlier.nend):
        # "The claim that X and Y closed the port put jobs at risk, Hollis said.": the frame
        # closing the sentence names its reporter
        found = ctx.reporting_subject(earlier) if ctx.reporting_subject else None
        if found is not None and found.person and _gender_fits(ctx, found.name, pronoun):
            return Speaker(found.name, found.affiliation, "pronoun", True)
    if reporter:
        subject = main_subject(ctx, earlier, pronoun)
        if subject is not None:
            return ctx.from_actor(subject, "pronoun")
        found = ctx.reporting_subject(earlier) if ctx.reporting_subject else None
        if found is not None and found.person and _gender_fits(ctx, found.name, pronoun):
            return Speaker(found.name, found.affiliation, "pronoun", True)
        if depth < 3:
            found = _same_pronoun_subject(ctx, earlier, pronoun, depth)
            if found is not None:
                return found
    persons = _named(ctx, earlier.nstart, earlier.nend, pronoun)
    if persons:
        return ctx.from_actor(persons[0][1], "pronoun")
    return None



_SUBJECT_PRONOUN = {"he": re.compile(r"(?<![\w'\-])(he)\s+(?!and\b|or\b)[a-z]", re.IGNORECASE),
                    "she": re.compile(r"(?<![\w'\-])(she)\s+(?!and\b|or\b)[a-z]", re.IGNORECASE)}


def _same_pronoun_subject(ctx: QuoteContext, earlier: Sentence, pronoun: str, depth: int) -> Speaker | None:
    """"Dunmore met the board. Asked who should chair it, he named Okafor. '...,' he said.": an earlier
    sentence whose subject is the same pronoun, with no fitting person named before it, refers to
    the same person: resolve that pronoun (a chain of at most three sentences)."""
    key = "she" if pronoun in ("she", "her") else "he" if pronoun in ("he", "his", "him") else ""
    pattern = _SUBJECT_PRONOUN.get(key)
    if pattern is None:
        return None
    found = pattern.search(ctx.masked, earlier.nstart, earlier.nend)
    if found is None or _named(ctx, earlier.nstart, found.start(1), pronoun):
        return None
    return _resolve(ctx, found.start(1), earlier, pronoun, depth + 1)


#: Words opening a subordinate clause or a participle phrase before a sentence's main clause.
_SUBORDINATORS = frozenset("""while whereas although though as when after before since if because
    unless despite unlike like asked speaking responding pressed once until""".split())
_WORD = re.compile(r"[A-Za-z][\w'-]*|[,;:(]")


def main_subject(ctx: QuoteContext, sentence: Sentence, pronoun: str) -> Actor | None:
    """The person standing as the main clause's subject of a sentence: the first fitting person
    mention (not possessive) that opens the sentence or a clause (after a comma, "and", "but" or
    a title) and is followed by a lower-case word or a comma; a leading subordinate clause
    ("While Clinton pledged ..., Sanders insisted ...") or participle phrase ("Asked about X,
    Christie blamed ...") is skipped."""
    floor = sentence.nstart
    head = _WORD.match(ctx.masked, floor, sentence.nend)
    if head and head.group().lower() in _SUBORDINATORS:
        comma = ctx.masked.find(",", floor, sentence.nend)
        if comma < 0:
            return None
        floor = comma + 1
    for start, end, actor, possessive in ctx.mentions[bisect.bisect_left(ctx.mention_starts, floor):]:
        if start >= sentence.nend:
            break
        if possessive or actor.kind != "person" or not _gender_fits(ctx, actor.name, pronoun):
            continue
        before = _WORD.findall(ctx.masked, max(floor, start - 60), start)
        if before and before[-1].lower() in ctx.lex.determiners:
            continue  # "The Okafor plan is ...": a name right after a determiner modifies a noun
        title = start - floor <= 60 and (
            all(w[:1].isupper() or w in ("of", "the", "for", "and") for w in before)
            or len(before) <= 3 and not any(w.lower() in ctx.lex.function_words or w.lower() in ctx.lex.verb_forms
                                            or w in (",", ";", ":", "(") for w in before))  # "Political analyst X"
        before = before[-2:]
        opens = title or not before or before[-1] in (",", "and", "but") or before[-1][:1].isupper() and (
            len(before) < 2 or before[-2] in (",", "and", "but") or before[-2][:1].isupper())
        following = _WORD.match(ctx.masked, _skip_space(ctx.masked, end), sentence.nend)
        if opens and following and (following.group() == "," or following.group()[:1].islower()) \
                and (title or following.group().lower() not in ("of", "and", "or", "to", "in", "at", "for")) \
                and following.group().lower() not in ctx.lex.speaker_nouns:  # "a Dunmore supporter": a modifier
            return actor
    return None


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] == " ":
        i += 1
    return i
