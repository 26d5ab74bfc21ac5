"""The quotes layer: quote detection, kind, speaker attribution and affiliation, with evidence.

Modules, in the order the work flows: `marks` (quote marks paired into spans, no speakers),
`lexicon` (the word lists); the article's own names: `affiliations` (descriptor words ->
affiliation code, home country), `names` (runs of capitalised names), `descriptors` (the words
describing a mention), `speakers` (the registry of names, surnames, mentions), `lookup` (phrase ->
name, an entity's affiliation); attribution: `tokens`, `grammar` (noun phrases, reporting verbs),
`context` (one article's masked text, mentions, quotes so far), `pronouns`, `resolve` (speaker
phrase -> name and affiliation), `subjects` (a verb's subject), `frames` (where the speaker
phrase is), `attribution` (kind and the order frames fire in); then `voice` (narrator against
quoted words) and `table` (one row per quote, summaries, share of voice).

Detection (on `Doc.text`, where curly quotes are already straight; spans map back to
`Article.body` with `Doc.raw_span`):
- Double quotes ("...", “...”) and single quotes used as quotes ('new phase', ‘xie xie’) are
  paired inside one paragraph; a quote may span sentences ("... program. All our channels are
  completely blocked," Lee told journalists). The direction of a mark comes from its context
  (space before: opening; space or punctuation after: closing) and, when that is ambiguous, from
  the curly glyph in the raw body.
- Two apostrophes ('' ... '', wire copy) are a double quote mark; a run of three is a single and
  a double mark nested. A double mark with a space on both sides closes when a closing single
  mark or a clause's last stop stands one space before it (`,' "`, `coalitions, ''`) and opens
  when an opening single mark follows it; a mark right after . , ; ! ? closes whatever its glyph.
- Apostrophes are not quote marks: a mark between two letters (Lee's), an elision ('til, '90s),
  or a plural possessive (leaders') that has no opening partner.
- An unbalanced mark skips that one span, never the paragraph or the article. Exception: the
  news convention for multi-paragraph quotes (an opening mark left open at the end of a
  paragraph whose next paragraph opens with a quote mark) closes the span at the paragraph end.
- A quote nested inside another (the 'xie xie' inside "...") is part of the outer one; when a
  single-quoted and a double-quoted span cross, the double-quoted one is kept. Quotes never
  overlap.
- The article title is not part of the body, so a quote in the title has no row (start/end index
  the body); a quote in a body heading (`## ...`) is `scare` unless the heading names a speaker
  before a colon.

Kind (`full`, `partial`, `scare`):
- scare: no speaker. Also, whatever verb is near: a word mentioned as a word (after "the word
  for", "known as", "so-called", "meaning"...), and a short label inside the narrator's noun phrase
  (determiner + at most 3 quoted words + a word that continues the noun phrase: the "unofficial"
  Chinese restrictions, an "irreversible" nuclear power). The narrator keeps its distance from
  the label; nobody's voice is carried, so voice.py leaves these words to the narrator. A label
  inside reported speech is the reporter's (partial): after "X said that", before a frame
  closing the sentence ('... a "messy count" set in, Lee said'), or in the object of a reporting
  verb of its own clause whose subject the clause names ('Lee blasted the plan as a "cruel"
  scheme'; no comma, relative pronoun, subordinator, infinitive "to" or passive in between). A title
  of a work is scare too (rule "title"): capitalised words after a possessive or a title cue
  ("CBS's 'Face the Nation'", "on 'This Week'", "told 'Fox and Friends'"), after a title noun and a comma ("her memoir,
  'Tough Roads'"), before a title noun ("the 'Avatar' star"), or one capitalised word inside a
  name (Robert C. "Bobby" Scott). A quote opening in lower case is no title ("blamed the loss on
  'lazy inspectors'" is the subject's fragment).
- full: a quoted clause set off from the narrator's text: it opens the sentence, or follows a
  frame ending in "," or ":" (Xi said, "..."), or follows a reporting verb and starts with a
  capital; and it ends a clause (punctuation inside the marks, or the sentence or frame follows).
- partial: every other attributed quote (a fragment woven into the narrator's sentence).
- A quote of five or more words with no speaker found is not scare but `full`/`partial` with
  speaker None and affiliation `unknown` (rule "unattributed"): it is somebody's voice.

Attribution, first rule that fires (the `rule` column names it, then how the speaker phrase was
resolved, e.g. "before:urge|pronoun"):
1. heading / mention / modifier (scare rules above).
2. after: a quote that opens its sentence takes the frame after it: "...," Lee told journalists /
   "...," said the spokesman / "...," Kim, a professor at X, said; a frame standing as the next
   short sentence ("...?" Lee asked.) also counts.
3. continuation: a quote that opens its sentence with no frame continues the previous attributed
   quote of its paragraph (or of the previous paragraph when it opens its own paragraph); or, if
   the previous sentence ends with "X said:", takes X (intro-colon).
4. label: a possessive label noun right before the quote (his policy of "...").
5. before: the last reporting verb before the quote in its sentence (within `max_gap` tokens);
   its subject is the noun phrase right before it (titles and appositions kept: "Chinese Foreign
   Ministry spokesperson Mao Ning"; over a bracket and comma, "Gov. X (R-Ohio), said"; before an
   anonymous-source post-modifier, "an official speaking on condition of anonymity said"); a
   participle ("saying that", "arguing that") or a coordinated
   verb ("... and described") takes the subject of the earlier reporting verb of the sentence or
   the sentence's first actor (a name opening the clause before a finite verb, even one the
   article never gives in full: "Moss has clashed with Lee, saying ..."); the noun before "to" is
   the subject ("prompting voters to accuse") unless a preposition or auxiliary stands before it
   ("took to the radio to accuse": the clause's) or it is no speaker noun nor name ("used the
   debate to demand": the clause's); a relative pronoun ("..., who added that") takes its antecedent.
6. after (immediate frame) for quotes inside the sentence: China "will continue ...," Mao Ning told.
7. according-to: "according to X" in the same sentence.
8. fragment: a quote woven into a sentence with no frame ("Graham called both 'crazy'",
   "Clinton has fought 'systemic racism'") is the subject's of its sentence, when that subject
   stands among the first words of the sentence or of a clause after one of its first commas
   (a name right after a preposition, "Preceded by X, Y launched into ...", is no subject while
   another actor comes before the quote; "with X saying" still is); a participle naming a thing
   ("a class called '...'", "what is called a '...'") is no frame of its noun, which is taken
   only when the sentence gives no subject;
   so short attributed fragments are partial, not scare. A quote of 5+ words with no subject
   continues its paragraph's last speaker.
Frames after a quote also take any inflected reporting verb in inverted order ("...," points
out the resident), an unlisted past-tense verb after a name or pronoun when the quote closes a
clause ("...?" Mr. Burton fumed), the frame after a later comma ("..." if she didn't win, said
X), a bracket or a long apposition in the subject ("Sen. X (D-Mo.), a panel member, said"), the
name after an inverted descriptor ("...," said a ferry user, Dana Holt -> Dana Holt), a partitive
("...," said one of those advisers) or "one"/"another" standing for a speaker of a kind just named
("...," read one. / Another tweeted, "..."), a hyphenated head ("the 43-year-old asked"), and
after a quote ending in ? or ! the frame opening the next sentence ("...!" X said to People.).
Speaker phrases resolve in this order: pronouns (he/she, "his office") to the nearest person
(an actor of kind person named earlier in the sentence, else the speaker or first non-possessive
person of the nearest earlier sentence); definite descriptions ("the spokesman", "the report") to
the last earlier mention with that head ("Lee's spokesman", "the Xinhua report"); joint subjects
("both leaders", "Lee and Xi") to the two actors (affiliation `other` when they differ); the
gazetteer (`analysis.actors.gazetteer_for(doc)`) for canonical names and affiliations; then the
article's own names (`analysis.quotes.speakers.NameRegistry`: "Pizarro" -> "Aurora Pizarro" as first
introduced, "Ms Hale" -> "Margaret Hale", "the ministry" -> "Russian Ministry of Agriculture",
"the source" -> "a team source", "they" -> the last group speaker), with the affiliation of the
words that describe them ("union president" -> other, "a metals analyst" -> expert, "Sweden's
industry minister" -> SE, a state role in an article about Chile -> CL); descriptors ("analysts" ->
expert); media mastheads ("... Times", "... Daily" -> media); group words ("Chinese officials" ->
CN); else the phrase, affiliation by its descriptor class or `unknown`. Pronouns prefer persons
the article shows as persons (a title, a role, a surname-only mention, a speaker by name) and skip
a person whose known gender (honorific, a common given name, or an earlier he/she) contradicts
them (an indefinite pronoun, "Nobody asked ...", fits none, nor does a town named with its state
or country, "Santa Rosa, Calif."); in the three nearest earlier sentences the main clause's
subject ("While X pledged ..., Y insisted"; not a name after a determiner: "The X plan") and the
named subject of a reporting verb come before other persons named; a possessive opening the pronoun's own sentence is its antecedent
("X's bid is in doubt, but she said"), and a person right before a quote is not the pronoun of
the frame after it ('X "caused harm," he said'); "it"
goes to the last speaker that is not a person. A gazetteer alias never overrides a person's name
the article gives ("Lee" in "said Lee Moon-haeng, a professor"). Titles carry the state they serve
("presidential spokesperson", "national security adviser", "Chinese first lady"), with the home
country from a dateline, also one inside a byline line ("By X SEOUL, Jan. 2 (Yonhap) --").
More frames: a quote after "X:" with no reporting verb is the clause subject's ("Dawson
shrugged:"); "in his view, ... '...'" is the possessor's; a quote paragraph right after a paragraph
that reports someone ("Farmer Glen Pickering told SCB News he had stayed.") is theirs, and with no
report, the main clause's subject of the sentence before ("Okafor is upbeat about the vote.").

Nested reporting: the speaker is the one whose verb governs the quote (Xi suggested ... "at the
working level," according to Lee's spokesperson -> Xi); an outer relay ("..., Korea JoongAng Daily
reported") counts only when nothing inside the sentence attributes the quote.

Known limits: no parser, so subjects are found by adjacency (a long parenthetical between a
speaker and the verb falls back to the sentence's first actor); gender is known only from
honorifics, common given names and earlier pronouns; "they" only to a group speaker; nested
quotes of the same mark type with straight quotes cannot be paired; a plural possessive right after a single-quoted opening word ('the leaders' meeting')
closes the quote too early; quotes in the title and captions are not extracted.

Word lists (reporting verbs, speaker nouns, cues) live in `analysis/data/speech_verbs.yaml`, each
with its source; swap them with `load_lexicon(path)` and the `lexicon=` argument.
"""
from __future__ import annotations

import sys
import types

from ..base.lazy import pandas as pd
from .attribution import KINDS, Quote, extract_quotes
from .lexicon import Lexicon, load_lexicon
from .marks import find_spans
from .table import (
    EVIDENCE_COLUMNS,
    affiliation_codes,
    quote_evidence,
    quotes_table,
    share_column,
    share_of_voice,
    summarize,
)
from .voice import NARRATOR, QUOTED, quoted_spans, words_by_voice

__all__ = ["EVIDENCE_COLUMNS", "KINDS", "Lexicon", "NARRATOR", "QUOTED", "Quote", "affiliation_codes",
           "extract_quotes", "find_spans", "load_lexicon", "quote_evidence", "quoted_spans",
           "quotes_table", "share_column", "share_of_voice", "summarize", "words_by_voice"]


class _CallableModule(types.ModuleType):
    """`analysis.quotes` is both the contract's function (`analysis.quotes(corpus)`) and this
    package: importing the package binds the name to the module, so the module is callable."""

    def __call__(self, corpus) -> pd.DataFrame:
        return quotes_table(corpus)


sys.modules[__name__].__class__ = _CallableModule
