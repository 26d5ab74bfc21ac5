"""Tests for analysis/quotes.py: gold accuracy on the five articles, each attribution pattern on
small fixtures, the detection edge cases, and real values from the corpus.

Gold: tests/gold/quotes.yaml, annotated by hand. A predicted quote matches a gold quote when the
spans are identical (exact match of start and end in the body, inside the marks); the >= 0.5
overlap figure is printed too. Run `pytest -s tests/test_quotes.py` to see the figures.
"""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
import yaml

import analysis
from analysis import load_corpus
from analysis import quotes as quotes_module
from analysis.quotes import (EVIDENCE_COLUMNS, Quote, extract_quotes, find_spans, load_lexicon, quote_evidence,
                             quotes_table, share_of_voice, summarize)
from analysis.text import Doc

from conftest import BUNDLED_CORPUS

GOLD_FILE = Path(__file__).parent / "gold" / "quotes.yaml"


# ---------------------------------------------------------------- helpers
def quotes_of(body: str) -> list[Quote]:
    return extract_quotes(Doc.from_text(body))


def one(body: str) -> Quote:
    found = quotes_of(body)
    assert len(found) == 1, found
    return found[0]


def same_speaker(a: str | None, b: str | None) -> bool:
    """Speakers compare case-insensitively, ignoring a leading 'the '."""
    def norm(s: str | None) -> str | None:
        if s is None:
            return None
        s = " ".join(s.replace("\u2019", "'").replace("\u2018", "'").split()).casefold()
        return s[4:] if s.startswith("the ") else s
    return norm(a) == norm(b)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(BUNDLED_CORPUS)


@pytest.fixture(scope="module")
def docs(corpus):
    return {a.id: Doc.from_article(a) for a in corpus.articles}


@pytest.fixture(scope="module")
def gold(corpus):
    """Gold entries with their body spans, found in order (the same text may occur twice)."""
    entries = yaml.safe_load(GOLD_FILE.read_text(encoding="utf-8"))["quotes"]
    bodies = {a.id: a.body for a in corpus.articles}
    cursor: dict[str, int] = {}
    located = []
    for entry in entries:
        body = bodies[entry["article"]]
        start = body.find(entry["text"], cursor.get(entry["article"], 0))
        assert start >= 0, f"gold text not in the body: {entry}"
        end = start + len(entry["text"])
        cursor[entry["article"]] = end
        located.append({**entry, "start": start, "end": end})
    return located


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter / max(a[1] - a[0], b[1] - b[0])


def locate(entries: list[dict], bodies: dict[str, str]) -> list[dict]:
    """Gold entries with their body spans, found in order (the same text may occur twice)."""
    cursor: dict[str, int] = {}
    located = []
    for entry in entries:
        body = bodies[entry["article"]]
        start = body.find(entry["text"], cursor.get(entry["article"], 0))
        assert start >= 0, f"gold text not in the body: {entry}"
        cursor[entry["article"]] = start + len(entry["text"])
        # A bare NO (Norway) in YAML 1.1 is the boolean false: every code must be a string.
        assert isinstance(entry["affiliation"], str), entry
        located.append({**entry, "start": start, "end": start + len(entry["text"])})
    return located


def evaluate(gold, docs) -> dict:
    predicted = {aid: extract_quotes(doc) for aid, doc in docs.items()}
    n_pred = sum(len(v) for v in predicted.values())
    exact, loose = [], 0
    for entry in gold:
        candidates = predicted[entry["article"]]
        hit = [q for q in candidates if (q.start, q.end) == (entry["start"], entry["end"])]
        if hit:
            exact.append((entry, hit[0]))
        if any(_overlap((q.start, q.end), (entry["start"], entry["end"])) >= 0.5 for q in candidates):
            loose += 1
    matched = len(exact)
    return {
        "gold": len(gold), "predicted": n_pred, "matched": matched,
        "precision": matched / n_pred, "recall": matched / len(gold),
        "recall_overlap50": loose / len(gold),
        "speaker_accuracy": sum(same_speaker(g["speaker"], q.speaker) for g, q in exact) / matched,
        "affiliation_accuracy": sum(g["affiliation"] == q.affiliation for g, q in exact) / matched,
        "kind_accuracy": sum(g["kind"] == q.kind for g, q in exact) / matched,
        "errors": [(g["article"], g["text"][:40], g["speaker"], q.speaker, g["kind"], q.kind)
                   for g, q in exact if not (same_speaker(g["speaker"], q.speaker) and g["kind"] == q.kind
                                             and g["affiliation"] == q.affiliation)],
    }


# ---------------------------------------------------------------- gold accuracy
def test_gold_covers_every_quote_mark_pair(gold, corpus):
    """Sanity of the gold itself: 41 quotes, none in unnamed002 (it has no quote marks)."""
    counts = pd.Series([g["article"] for g in gold]).value_counts().to_dict()
    assert counts == {"focus-2026-01-summit": 22, "wal-2025-06-phone-call": 10,
                      "unnamed003-2026-01-summit": 6, "cdb-2026-01-21-press-conference": 3}
    assert all(g["kind"] in ("full", "partial", "scare") for g in gold)
    assert all((g["speaker"] is None) == (g["kind"] == "scare") for g in gold)


def test_gold_accuracy(gold, docs):
    figures = evaluate(gold, docs)
    print("\nquote gold (exact span match): "
          + ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                      for k, v in figures.items() if k != "errors"))
    for error in figures["errors"]:
        print("  mismatch:", error)
    # Measured on this (development) gold: every figure 1.000. Thresholds allow one or two misses.
    assert figures["precision"] >= 0.95
    assert figures["recall"] >= 0.95
    assert figures["recall_overlap50"] >= 0.95
    assert figures["speaker_accuracy"] >= 0.95
    assert figures["affiliation_accuracy"] >= 0.95
    assert figures["kind_accuracy"] >= 0.9


# ---------------------------------------------------------------- attribution patterns
@pytest.mark.parametrize("body, text, speaker, affiliation, kind, rule", [
    ('"We will respond," Lee said.', "We will respond,", "Lee Jae-myung", "KR", "full", "after:say"),
    ('"We will respond firmly," said Chinese Foreign Minister Wang Yi on Monday.',
     "We will respond firmly,", "Wang Yi", "CN", "full", "after:say"),
    ('"All channels are blocked," Lee told journalists in Shanghai.', "All channels are blocked,",
     "Lee Jae-myung", "KR", "full", "after:tell"),
    ('Xi spoke first. Using a metaphor, Xi said, "Fruit falls naturally when ripe."',
     "Fruit falls naturally when ripe.", "Xi Jinping", "CN", "full", "before:say"),
    ('Lee told reporters: "We need China."', "We need China.", "Lee Jae-myung", "KR", "full", "before:tell"),
    ('Lee added that Xi urged South Korea to show "patience" given the hostilities.', "patience",
     "Xi Jinping", "CN", "partial", "before:urge"),
    ('Lee described the summit as a "crucial moment."', "crucial moment.", "Lee Jae-myung", "KR",
     "partial", "before:describe"),
    ('Lee noted that the "situation is complex."', "situation is complex.", "Lee Jae-myung", "KR",
     "partial", "before:note"),
    ('"The closer we get, the warmer it is," Lee posted.', "The closer we get, the warmer it is,",
     "Lee Jae-myung", "KR", "full", "after:post"),
    ('"Talks would set the tone," the Korea Times editorialized.', "Talks would set the tone,",
     "The Korea Times", "media", "full", "after:editorialize"),
    ('Xi said the issue should be handled "at the working level," according to Yonhap.',
     "at the working level,", "Xi Jinping", "CN", "partial", "before:say"),
    ('The talks were "productive," according to Lee\'s spokesperson.', "productive,",
     "Lee's spokesperson", "KR", "partial", "according-to"),
    ('China "will continue to play a constructive role," Chinese Foreign Ministry spokesperson '
     'Mao Ning told a press briefing.', "will continue to play a constructive role,", "Mao Ning", "CN",
     "partial", "after:tell"),
    ('Analysts said the move was "largely symbolic."', "largely symbolic.", "analysts", "expert",
     "partial", "before:say"),
    ('Chinese officials called the plan "a provocation."', "a provocation.", "Chinese officials", "CN",
     "partial", "before:call"),
    ('"It is a mistake," Kim Sung-han, a professor at Korea University, said.', "It is a mistake,",
     "Kim Sung-han", "expert", "full", "after:say"),
    ('Wang Yi, the Chinese foreign minister, said: "The door is open."', "The door is open.", "Wang Yi",
     "CN", "full", "before:say"),
    ('Kim Jong Un warned that Pyongyang would "never give up" its weapons, KCNA reported.',
     "never give up", "Kim Jong-un", "KP", "partial", "before:warn"),
    ('"Is this the end?" Lee asked.', "Is this the end?", "Lee Jae-myung", "KR", "full", "after-next:ask"),
    ('A senior U.S. official said Washington "will not abandon" its allies.', "will not abandon",
     "a senior U.S. official", "US", "partial", "before:say"),
    ('Chinese state media hailed the summit as a "milestone".', "milestone", "Chinese state media", "CN",
     "partial", "before:hail"),
    ('The U.S. State Department said it was "closely following" the visit.', "closely following",
     "U.S. State Department", "US", "partial", "before:say"),
    ('Xi, speaking in Beijing, urged Seoul to respect what he called China\'s "core interests".',
     "core interests", "Xi Jinping", "CN", "partial", "before:call"),
    ('"This is a balancing act," said Victor Cha, a Korea expert at CSIS.', "This is a balancing act,",
     "Victor Cha", "expert", "full", "after:say"),
])
def test_attribution_patterns(body, text, speaker, affiliation, kind, rule):
    quote = one(body)
    assert quote.text == text
    assert same_speaker(quote.speaker, speaker), quote
    assert quote.affiliation == affiliation
    assert quote.kind == kind
    assert quote.rule.startswith(rule), quote.rule


def test_pronoun_resolves_to_last_subject_person():
    body = ("Lee met Xi in Beijing on Monday.\n\n"
            '"We hope China can serve as a mediator," he said.\n\n'
            'He urged Seoul to "make the right choice."')
    first, second = quotes_of(body)
    assert (first.speaker, first.rule) == ("Lee Jae-myung", "after:say|pronoun")
    assert (second.speaker, second.rule) == ("Lee Jae-myung", "before:urge|pronoun")


def test_pronoun_prefers_the_subject_of_its_own_sentence():
    body = 'Xi noted that the ties had grown, something which he urged Lee to continue and which he referred to as a "trend of the times".'
    quote = one(body)
    assert (quote.speaker, quote.affiliation) == ("Xi Jinping", "CN")
    assert quote.rule == "before:refer|pronoun"


def test_his_office_resolves_to_the_person():
    body = ("President Lee Jae-myung returned from China.\n\n"
            'His office framed the trip as "pragmatic diplomacy," Korea JoongAng Daily reported.')
    quote = one(body)
    assert (quote.speaker, quote.affiliation, quote.rule) == ("Lee Jae-myung", "KR", "before:frame|pronoun-office")


def test_relative_pronoun_takes_its_antecedent():
    body = ('Xi suggested the issue be handled "at the working level," according to Lee\'s spokesperson, '
            'who added that Xi did not appear "aware of the structures."')
    first, second = quotes_of(body)
    assert first.speaker == "Xi Jinping"
    assert (second.speaker, second.rule) == ("Lee's spokesperson", "before:add|relative")


def test_participle_and_coordinated_verbs_take_the_clause_subject():
    body = ('Lee proposed a freeze in exchange for "compensation," arguing that "just stopping" would be '
            '"a gain." Lee stressed that jobs come first and described the year as ripe for a "national leap."')
    found = quotes_of(body)
    assert [q.speaker for q in found] == ["Lee Jae-myung"] * 4
    assert [q.rule.split("|")[0] for q in found] == ["before:propose", "before:argue", "before:argue",
                                                     "before:describe"]


def test_definite_description_resolves_to_earlier_mention():
    body = ("Lee's spokesman briefed reporters.\n\n"
            '"Lee expressed hope for cooperation," the spokesman said.')
    quote = one(body)
    assert (quote.speaker, quote.affiliation, quote.rule) == ("Lee's spokesperson", "KR", "after:say|definite")


def test_joint_subject_of_two_states_is_other():
    body = ('Lee proposed annual summits with Xi. Both leaders emphasized that cooperation must deliver '
            '"real benefits for people."')
    quote = one(body)
    assert (quote.speaker, quote.affiliation, quote.rule) == ("both leaders", "other", "before:emphasize|joint")


def test_continuation_of_previous_quote_in_paragraph():
    body = ('"There is no reason to choose one side," he said, Lee added. "It is competent diplomacy".\n\n'
            '"This is a historic day," Trump said. "Nobody thought it possible."')
    found = quotes_of(body)
    assert found[1].rule == "continuation|previous-quote"
    assert (found[3].speaker, found[3].rule) == ("Donald Trump", "continuation|previous-quote")


def test_possessive_label_noun():
    quote = one('Lee Jae-myong called Beijing today to seek help with his policy of "pragmatic diplomacy," he said.')
    assert (quote.speaker, quote.rule) == ("Lee Jae-myung", "label:policy|pronoun")


def test_unresolved_pronoun_keeps_the_quote_but_no_speaker():
    quote = one('"No," she said.')
    assert (quote.kind, quote.speaker, quote.affiliation) == ("full", None, "unknown")
    assert quote.rule == "after:say|unresolved"


def test_long_quote_without_frame_is_unattributed_not_scare():
    quote = one('Then came "a line nobody expected to read today."')
    assert (quote.kind, quote.speaker, quote.rule) == ("partial", None, "unattributed")
    # (a descriptor opening the clause before its verb is the fragment's source)
    quote = one('The report ended with "a line nobody expected to read today."')
    assert (quote.kind, quote.speaker, quote.rule) == ("partial", "report", "fragment|phrase")


# ---------------------------------------------------------------- kinds
@pytest.mark.parametrize("body, text, rule", [
    ('Lee asked to ease the "unofficial" Chinese restrictions.', "unofficial", "modifier"),
    ('North Korea has declared itself an "irreversible" nuclear power.', "irreversible", "modifier"),
    ("He referred to the Chinese word for 'thank you'.", "thank you", "mention:word for"),
    ('The so-called "peace dividend" never came.', "peace dividend", "mention:so-called"),
    ('A stance seen as a more pragmatic or "impartial" posture.', "impartial", "no-speaker"),
    ("## Talks and 'Year of Restoration'\n\nLee spoke.", "Year of Restoration", "heading"),
])
def test_scare_quotes(body, text, rule):
    quote = one(body)
    assert (quote.text, quote.kind, quote.speaker, quote.affiliation, quote.rule) == (text, "scare", None, "unknown", rule)


def test_a_label_a_reporting_frame_governs_is_the_speakers():
    # a label in the object of a reporting verb of its own clause, the verb's subject named there
    quote = one('Dana Whitfield blasted the harbour plan as a "disgraceful" scheme on Tuesday.')
    assert (quote.kind, quote.speaker, quote.rule) == ("partial", "Dana Whitfield", "governs:blast|name|registry:none")
    quote = one('Orla Penhale denounced the "cruel" ferry cuts in Tarrow.')
    assert (quote.kind, quote.speaker, quote.rule.split("|")[0]) == ("partial", "Orla Penhale", "governs:denounce")
    # a frame closing the sentence reports every label in it
    quote = one('Ferry traffic slowed as a "messy winter" set in at the pier, Lee Moss said.')
    assert (quote.kind, quote.speaker, quote.rule.split("|")[0]) == ("partial", "Lee Moss", "final:say")
    # no governing frame: a passive's subject, a verb before a clause of its own or an infinitive,
    # a pronoun subject (no name in the clause)
    for body in ('Dana Whitfield was asked about the "quiet harbour" comment.',
                 'Dana Whitfield praised the council, which had a "bold" plan for the pier.',
                 'Dana Whitfield vowed to fight the "unfair" ferry cuts.',
                 'Orla Penhale spoke on Monday. She denounced the "cruel" ferry cuts in Tarrow.'):
        quote = one(body)
        assert (quote.kind, quote.speaker, quote.rule) == ("scare", None, "modifier"), body


def test_a_title_cue_before_a_lower_case_quote_or_a_title_noun_and_comma():
    # "on" before a lower-case quote is no title cue: the fragment is the clause subject's
    quote = one('Tom Varga spoke at the fair. Varga blamed the flooding on "lazy inspectors" and left early.')
    assert (quote.kind, quote.speaker, quote.rule.split("|")[0]) == ("partial", "Tom Varga", "fragment")
    quote = one('Tom Varga spoke at the fair. Varga appeared on "Harbour Nights" and left early.')
    assert (quote.kind, quote.speaker, quote.rule) == ("scare", None, "title")
    # a title noun and a comma before capitalised words: the title in apposition, not a quote
    for body in ('In her new memoir, "Salt and Rope," Nell Varga said the pier was unsafe.',
                 'Nell Varga said the pier was unsafe in her memoir, "Salt and Rope."'):
        quote = one(body)
        assert (quote.kind, quote.speaker, quote.rule) == ("scare", None, "title"), body


def test_a_show_told_something_is_a_title_not_a_quote():
    quotes = quotes_of('"The ferry must run on time," Dana Whitfield told "Morning Harbour" on Monday.')
    assert [(q.kind, q.speaker, q.rule.split("|")[0]) for q in quotes] == [
        ("full", "Dana Whitfield", "after:tell"), ("scare", None, "title")]
    quotes = quotes_of('Dana Whitfield told "Harbour Weekly" that the fares were "far too high."')
    assert [(q.kind, q.speaker) for q in quotes] == [("scare", None), ("partial", "Dana Whitfield")]


def test_heading_with_a_named_speaker_is_attributed():
    # A capitalised clause after "Speaker:" is set off from the narrator's text: full.
    quote = one('## Xi: "Fruit falls when ripe"\n\nXi spoke in Beijing.')
    assert (quote.kind, quote.speaker, quote.rule) == ("full", "Xi Jinping", "heading-colon|gazetteer")


def test_determiner_quote_followed_by_preposition_is_not_scare():
    quote = one('Lee expressed a wish, singling out a "denuclearized peninsula" for mention.')
    assert (quote.kind, quote.speaker) == ("partial", "Lee Jae-myung")


def test_quoted_sentence_in_mid_sentence_is_partial():
    quote = one('South Korea and China "bear a great responsibility," Xi said.')
    assert quote.kind == "partial"
    quote = one('Xi said "bear a great responsibility" was his message.')
    assert (quote.kind, quote.speaker) == ("partial", "Xi Jinping")
    quote = one('Xi said, "We bear a great responsibility."')
    assert quote.kind == "full"


# ---------------------------------------------------------------- detection edge cases
def test_spans_map_to_the_raw_body_with_curly_quotes():
    body = "Lee said he wants “mutual respect” and ‘new ties’ with Korea’s neighbour."
    doc = Doc.from_text(body)
    found = extract_quotes(doc)
    assert [body[q.start:q.end] for q in found] == ["mutual respect", "new ties"]
    assert [q.text for q in found] == ["mutual respect", "new ties"]
    assert [doc.text[q.nstart:q.nend] for q in found] == ["mutual respect", "new ties"]
    assert [q.mark for q in found] == ['"', "'"]


def test_apostrophes_are_not_quotes():
    assert quotes_of("Lee's trip and Korea's exports grew 'til dawn in the '90s, the leaders' aides said.") == []
    found = quotes_of("The 'new phase' of Korea's ties and the leaders' meeting.")
    assert [q.text for q in found] == ["new phase"]


def test_unbalanced_mark_skips_only_that_span():
    body = 'He said "this never ends.\n\nThen Lee said the deal was "a success."'
    found = quotes_of(body)
    assert [q.text for q in found] == ["a success."]
    assert found[0].speaker == "Lee Jae-myung"
    # An odd number of marks inside one paragraph: the stray opening mark is skipped.
    found = quotes_of('Lee said "one and then "two," Xi said.')
    assert [q.text for q in found] == ["two,"]


def test_nested_quotes_are_part_of_the_outer_one():
    body = "He advocated saying “‘xie xie’ to China and ‘xie xie’ to Taiwan as well,” Lee said."
    quote = one(body)
    assert quote.text == "‘xie xie’ to China and ‘xie xie’ to Taiwan as well,"
    british = one("'He called it \"a farce\",' the diplomat said.")
    assert british.text == 'He called it "a farce",'
    assert british.mark == "'"


def test_quote_spanning_sentences_in_a_paragraph():
    body = ('"I would like China to mediate. All our channels are completely blocked," Lee told journalists.')
    quote = one(body)
    assert quote.text.endswith("completely blocked,")
    assert quote.sentence == 0
    assert quote.kind == "full"


def test_multi_paragraph_quote_convention():
    body = 'Lee said: "The first part of the quote.\n\n"The second part," he added.'
    first, second = quotes_of(body)
    assert first.text == "The first part of the quote."
    assert second.text == "The second part,"
    assert first.speaker == second.speaker == "Lee Jae-myung"


def test_quotes_never_overlap_and_are_sorted(docs):
    for doc in docs.values():
        spans = find_spans(doc)
        assert spans == sorted(spans)
        assert all(a[1] < b[0] for a, b in zip(spans, spans[1:]))


# ---------------------------------------------------------------- real values
def test_focus_summit_quotes(docs):
    doc = docs["focus-2026-01-summit"]
    found = extract_quotes(doc)
    assert len(found) == 22
    assert [sum(q.kind == k for q in found) for k in ("full", "partial", "scare")] == [5, 15, 2]
    ice = [q for q in found if q.text.startswith("Three feet of ice")]
    assert len(ice) == 1
    assert ice[0].text == "Three feet of ice does not melt all at once, and fruit falls naturally when ripe."
    assert (ice[0].speaker, ice[0].affiliation, ice[0].kind) == ("Xi Jinping", "CN", "full")
    assert doc.body[ice[0].start:ice[0].end] == ice[0].text
    assert doc.sentences[ice[0].sentence].text.startswith("Using a metaphor, Xi said")


def test_summarize_focus(docs):
    row = summarize(docs["focus-2026-01-summit"])
    assert row["quote_count"] == 22
    assert (row["quote_count_full"], row["quote_count_partial"], row["quote_count_scare"]) == (5, 15, 2)
    assert row["speakers"] == 5
    assert row["quoted_word_share"] == pytest.approx(0.2984, abs=5e-4)
    # Quoted words: KR 136, CN 57, media 29 of 222.
    assert row["voice_share_KR"] == pytest.approx(136 / 222)
    assert row["voice_share_CN"] == pytest.approx(57 / 222)
    assert row["voice_share_media"] == pytest.approx(29 / 222)
    assert row["voice_share_US"] == 0.0
    shares = [v for k, v in row.items() if k.startswith("voice_share_")]
    assert sum(shares) == pytest.approx(1.0)


def test_summarize_columns_are_fixed_and_nan_without_quotes(docs):
    empty = summarize(docs["unnamed002-2026-01-cctv-interview"])
    full = summarize(docs["wal-2025-06-phone-call"])
    assert list(empty) == list(full)
    assert [k for k in full if k.startswith("voice_share_")] == [
        "voice_share_CN", "voice_share_JP", "voice_share_KP", "voice_share_KR", "voice_share_TW",
        "voice_share_US", "voice_share_other_states", "voice_share_media", "voice_share_expert",
        "voice_share_other",
        "voice_share_unknown"]
    assert empty["quote_count"] == 0 and empty["quoted_word_share"] == 0.0
    assert math.isnan(empty["voice_share_KR"])
    assert full["quote_count"] == 10 and full["voice_share_KR"] == pytest.approx(89 / 111)


def test_quotes_table_contract(corpus):
    table = analysis.quotes(corpus)
    assert list(table.columns) == EVIDENCE_COLUMNS
    assert len(table) == 41
    assert table["kind"].isin(["full", "partial", "scare"]).all()
    bodies = {a.id: a.body for a in corpus.articles}
    assert all(bodies[r.article_id][r.start:r.end] == r.quote for r in table.itertuples())
    assert table.equals(quotes_table(corpus))  # deterministic
    assert list(table["article_id"]) == sorted(table["article_id"])
    wal = table[table["article_id"] == "wal-2025-06-phone-call"]
    assert list(wal["speaker"].fillna("-")) == [
        "Lee Jae-myung", "Lee Jae-myung", "Lee Jae-myung", "Lee Jae-myung", "Lee Jae-myung", "-",
        "Lee Jae-myung", "Xi Jinping", "Lee's spokesperson", "Xi Jinping"]


def test_quote_evidence_rows(docs):
    rows = quote_evidence(docs["cdb-2026-01-21-press-conference"])
    assert list(rows["quote"]) == ["redefine", "redefine", "national leap."]
    assert list(rows["sentence"]) == [3, 14, 17]
    assert rows["rule"].str.startswith("before:").all()


def test_share_of_voice(corpus):
    shares = share_of_voice(corpus)
    assert list(shares.columns) == ["level", "outlet", "article_id", "affiliation", "quoted_words", "share"]
    focus = shares[(shares["level"] == "outlet") & (shares["outlet"] == "Focus")].set_index("affiliation")
    assert focus.loc["KR", "quoted_words"] == 136 and focus.loc["CN", "quoted_words"] == 57
    assert focus["share"].sum() == pytest.approx(1.0)
    same = share_of_voice(quotes_table(corpus))
    assert same.equals(shares)


def test_callable_module_keeps_the_contract(corpus):
    # `analysis.quotes` is rebound to the submodule on import; both spellings work.
    assert len(quotes_module(corpus)) == len(analysis.quotes(corpus)) == 41


# ---------------------------------------------------------------- held-out and blind gold
GOLD_DIR = Path(__file__).parent / "gold"


def _figures_for(name: str) -> dict:
    corpus = load_corpus(GOLD_DIR / name)
    docs = {a.id: Doc.from_article(a) for a in corpus.articles}
    entries = yaml.safe_load((GOLD_DIR / f"{name}.yaml").read_text(encoding="utf-8"))["quotes"]
    figures = evaluate(locate(entries, {a.id: a.body for a in corpus.articles}), docs)
    print(f"\n{name}: " + ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                                    for k, v in figures.items() if k != "errors"))
    for error in figures["errors"]:
        print("  mismatch:", error)
    return figures


def test_heldout_gold_accuracy():
    """Development set: ten articles in ten house styles, annotated before the extractor ran.
    First run: spans P/R 1.00, speaker 0.274, affiliation 0.132, kind 0.934 (the gazetteer knew
    none of the speakers). The speaker registry, descriptor classes and frames of
    analysis/speakers.py were then written against its errors: speaker 0.925, affiliation 0.802,
    kind 0.991. What is left: a capitalised descriptor taken for a first name ("Wideout Marcus
    Bell"), ordinary people with no descriptor (unknown, gold other), state officials of an
    article that names no country (unknown), "One reporter" for "a reporter"."""
    figures = _figures_for("heldout_quotes")
    assert figures["precision"] == 1.0 and figures["recall"] == 1.0
    assert figures["speaker_accuracy"] >= 0.9
    assert figures["affiliation_accuracy"] >= 0.78
    assert figures["kind_accuracy"] >= 0.97


# ---------------------------------------------------------------- speakers the gazetteer does not know
@pytest.mark.parametrize("body, text, speaker, affiliation, kind", [
    # A descriptor in front of the name in a frame after the quote; the surname later.
    ('SANTIAGO (Wire) - "We gave them every chance," union president Rodrigo Fuentes told '
     'reporters. Later Fuentes accused management of "hiding behind prices".',
     "hiding behind prices", "Rodrigo Fuentes", "other", "partial"),
    ('Mining Minister Aurora Pizarro spoke in Chile. "A long stoppage helps no one," Pizarro said.',
     "A long stoppage helps no one,", "Aurora Pizarro", "CL", "full"),
    # An apposition on either side of the name.
    ('"Prices will rise," said Helen Park, a metals analyst at Crestline Capital.', "Prices will rise,",
     "Helen Park", "expert", "full"),
    ("Sweden's industry minister, Lars Ekdahl, said the state was \"following developments\".",
     "following developments", "Lars Ekdahl", "SE", "partial"),
    # "X of the University of Y", "X of Bank", relative "who".
    ('Co-author Dr Jakob Lind of the University of Copenhagen wrote that the eggs were "a message".',
     "a message", "Jakob Lind", "expert", "partial"),
    # A colon after a clause with no reporting verb; a leading participle clause is skipped.
    ('Coach Rick Dawson spoke. Asked if he was worried, Dawson shrugged: "Ask me in September."',
     "Ask me in September.", "Rick Dawson", "other", "full"),
    ('As one banker put it to me: "They can have my body from nine to five."',
     "They can have my body from nine to five.", "one banker", "other", "full"),
    # A possessive frame of opinion.
    ('Dmitry Sorokin, a professor, was cautious. In his view, the key question is "the capacity of '
     'the crossings."', "the capacity of the crossings.", "Dmitry Sorokin", "expert", "partial"),
    # A definite description back to its indefinite introduction.
    ('A team source told reporters the club would not budge. "He has a contract," the source said.',
     "He has a contract,", "a team source", "other", "full"),
    # "They" after a group speaker.
    ('"Shells crack," the authors wrote. They cautioned that the study "cannot establish" a cause.',
     "cannot establish", "authors", "expert", "partial"),
    # A body named with "of", then "the ministry".
    ('The Russian Ministry of Agriculture said it was pleased. The ministry stressed that it '
     'intends to "consolidate this position."', "consolidate this position.",
     "Russian Ministry of Agriculture", "RU", "partial"),
    # An honorific or a company abbreviation with its period does not cut the frame.
    ('P.K. Raveendran led the count. "The results will surprise you," Mr. Raveendran said.',
     "The results will surprise you,", "P.K. Raveendran", "unknown", "full"),
    ('"We are not hedging," Mark Duval, chief executive officer of Ironbark Resources Ltd., said.',
     "We are not hedging,", "Mark Duval", "other", "full"),
    # A body word before a person's name; the body is named on its own too.
    ('Hayabusa Motor Co. President Kenji Morimoto bowed. Later the company said the cars "meet all '
     'standards."', "meet all standards.", "Hayabusa Motor Co.", "other", "partial"),
    ('Leader of the Opposition Thomas Kuruvilla was confident. "Kerala wants change," he said.',
     "Kerala wants change,", "Thomas Kuruvilla", "IN", "full"),
    # The subject of an infinitive; an unnamed person as a pronoun's antecedent.
    ("Figures came out, prompting campaigners to accuse ministers of 'looking the other way'.",
     "looking the other way", "campaigners", "other", "partial"),
    ("An Eskom engineer said a unit was 'on the edge'. 'We may lose it,' he said.", "We may lose it,",
     "an Eskom engineer", "other", "full"),
    # A quote paragraph after the paragraph that reports its speaker.
    ('Farmer Glen Pickering told reporters he had stayed behind.\n\n"We have the pumps going."',
     "We have the pumps going.", "Glen Pickering", "other", "full"),
    # A nickname in quotes inside the name is scare; the name joins around it.
    ('Quarterback Dante "D-Train" Miller skipped practice. "Pay me," Miller wrote on X.', "Pay me,",
     "Dante Miller", "other", "full"),
])
def test_unknown_speakers(body, text, speaker, affiliation, kind):
    found = [q for q in quotes_of(body) if q.text == text]
    assert len(found) == 1, quotes_of(body)
    quote = found[0]
    assert (quote.speaker, quote.affiliation, quote.kind) == (speaker, affiliation, kind), quote.rule


def test_pronoun_skips_a_person_of_the_other_gender():
    body = ('Ms Hale spoke first. Mr Osei, the shadow secretary, replied. "That tells you '
            'everything," she said.')
    assert one(body).speaker == "Hale"


def test_nested_quote_closing_with_the_outer_one_is_full():
    body = '"She said, \'It is a bank error,\'" Ms Ellis told the court.'
    quote = one(body)
    assert (quote.kind, quote.speaker) == ("full", "Ellis")


def test_state_speaker_of_an_article_naming_no_country_is_unknown():
    quote = one('Judge Helen Marsh told jurors to decide "on the evidence alone."')
    assert (quote.speaker, quote.affiliation) == ("Helen Marsh", "unknown")
    assert quote.rule.endswith("registry:state_roles:judge@no country"), quote.rule


# Blind sets, by annotators who saw neither the extractor nor the other gold. First-run figures
# are the honest estimate for unseen text:
# - blind_quotes (8 articles), first run with the rules tuned on the development set: spans P/R
#   1.00, speaker 0.747, affiliation 0.505, kind 0.956 (the rules of the day before: speaker 0.341,
#   affiliation 0.132, kind 0.923). Its errors were general gaps (honorifics and "Ltd." with a
#   period cutting a frame, a body word before a person's name, "the company" for a body named
#   earlier, an infinitive's subject, an unnamed "an Eskom engineer" as a pronoun's antecedent, a
#   quote paragraph after its paraphrase); closing them gave speaker 0.945, affiliation 0.703,
#   kind 0.989.
# - blind2_quotes (8 more, another annotator), first run after that: spans P/R 1.00, speaker
#   0.687, affiliation 0.667, kind 0.980. The largest error class was pronouns resolved to
#   capitalised non-persons ("Plaza San Martín", a sports team); persons shown as persons (title,
#   role, surname, speaker by name) now go first, with place first words, non-ASCII capitals,
#   honorifics such as "Alhaji" and names made only of titles fixed: speaker 0.828, affiliation
#   0.677, kind 0.990. Left: a one-word acronym body ("PAGASA", "CGT"), "the bank" when two banks
#   are named, state-owned companies (unknown), an observer mission's head (expert, gold other).
@pytest.mark.parametrize("name, min_speaker, min_affiliation, min_kind", [
    ("blind_quotes", 0.9, 0.68, 0.95),
    ("blind2_quotes", 0.8, 0.65, 0.97),
])
def test_blind_gold_accuracy(name, min_speaker, min_affiliation, min_kind):
    figures = _figures_for(name)
    assert figures["precision"] == 1.0 and figures["recall"] == 1.0
    assert figures["speaker_accuracy"] >= min_speaker
    assert figures["affiliation_accuracy"] >= min_affiliation
    assert figures["kind_accuracy"] >= min_kind


# ---------------------------------------------------------------- issue 11 (rules from outside gold)
def test_two_apostrophes_are_a_double_quote_mark():
    quotes = quotes_of("''We may be seeing wage growth,'' the economist Jared Bern wrote on his blog. "
                       "''I would use the word 'old-school,''' said Greg Slay.")
    assert [q.text for q in quotes] == ["We may be seeing wage growth,", "I would use the word 'old-school,'"]
    assert [q.speaker for q in quotes] == ["Jared Bern", "Greg Slay"]


def test_spaced_double_mark_after_a_nested_single_quote_closes():
    quotes = quotes_of('"They treat it like, \'Oh, this is important,\' " Magel Dorn said at the rally.')
    assert len(quotes) == 1 and quotes[0].speaker == "Magel Dorn" and quotes[0].text.startswith("They treat")


def test_alias_inside_a_name_the_article_gives_is_that_person():
    quotes = quotes_of('President Lee Jae-myung met officials. "It was useful," said Lee Moon-haeng, a '
                       'professor at Seoul National University.')
    assert quotes[0].speaker == "Lee Moon-haeng" and quotes[0].affiliation == "expert"


def test_title_of_a_show_is_scare_and_a_woven_fragment_is_the_subjects():
    quotes = quotes_of('Tara Quill said on CBS\'s "Face the Nation" that the plan was dead. '
                       'Tara Quill called the plan "a total disaster" on Monday.')
    assert [(q.kind, q.rule.split("|")[0]) for q in quotes] == [("scare", "title"), ("partial", "before:call")]
    quotes = quotes_of('Tara Quill has long fought "systemic racism" in schools.')
    assert quotes[0].kind == "partial" and quotes[0].speaker == "Tara Quill" and quotes[0].rule.startswith("fragment")


def test_inverted_and_manner_frames():
    quotes = quotes_of('"Why would anyone do that?" Mr. Burton fumed. '
                       '"It is not so simple," points out the retired teacher Ann Lowry.')
    assert [q.speaker for q in quotes] == ["Burton", "Ann Lowry"]


def test_titles_carry_the_state_they_serve_with_the_home_country_from_an_inner_dateline():
    body = ('By Kim Soo-yeon SEOUL, Jan. 2 (Yonhap) -- South Korea and China agreed to talk.\n\n'
            '"It was a warm meeting," presidential spokesperson Kang Yu-jung said. "China opposes it," '
            'Chinese Foreign Ministry spokesperson Lin Jian said. "Yes," Chinese first lady Peng Liyuan '
            'said. "No," National Security Adviser Wi Sung-lac said.')
    assert [(q.speaker, q.affiliation) for q in quotes_of(body)] == [
        ("Kang Yu-jung", "KR"), ("Lin Jian", "CN"), ("Peng Liyuan", "CN"), ("Wi Sung-lac", "KR")]


# ---------------------------------------------------------------- issue 11, round 2 (h-quotes)
def test_name_inside_an_indefinite_descriptor_only_modifies_it():
    """'one Xi delegation source said': the speaker is the source, not Xi; an apposition's name
    after such a descriptor is the speaker."""
    quote = one('"The talks went well," one Xi delegation source said.')
    assert quote.speaker == "one Xi delegation source"
    quote = one('"The talks went well," said a senior Lee adviser, Mara Quell.')
    assert quote.speaker == "Mara Quell"


def test_relative_clause_after_a_speaker_names_no_one():
    """'said Rep. X of Y, who endorsed Mr. Z': the speaker is X, never the person in the clause."""
    quote = one('"It will not be easy for him," said Representative Peter T. Quayle of Ohio, '
                'who endorsed Mr. Darnel on Tuesday.')
    assert "Quayle" in quote.speaker and "Darnel" not in quote.speaker


def test_quote_opening_a_sentence_that_goes_on_in_narration_continues_the_speaker():
    """'X told reporters. "I think they care about incomes" and other issues.': X's words."""
    body = ('"Voters will not care about this," Dara Winslow told reporters. '
            '"I think what they really care about is the price of bread" and other pocketbook issues.')
    first, second = quotes_of(body)
    assert first.speaker == "Dara Winslow"
    assert (second.speaker, second.rule.split("|")[0]) == ("Dara Winslow", "continuation")


def test_city_and_state_after_a_name_are_not_the_subject():
    """'Stacy Marl of Columbia, South Carolina says ...': Stacy Marl, not South Carolina."""
    quote = one('Stacy Marl of Columbia, South Carolina says she thinks the senator can win if he keeps '
                '"doing what he is doing."')
    assert quote.speaker == "Stacy Marl"


def test_pronoun_after_an_inverted_frame_takes_its_subject():
    """'..., said Jan Horvat, editor of X.' then '"...," he said.': Horvat, not a person named
    earlier in that sentence."""
    body = ("Whether the Marlow or Brant model works better will be part of the postmortem, said "
            'Jan Horvat, editor of a news site. "You have a very sophisticated operation," he said.')
    assert one(body).speaker == "Jan Horvat"


def test_a_run_ending_in_a_law_or_event_word_is_no_person_for_pronouns():
    """'the Clean Water Act', 'the Summer Convention', 'FULL TEXT' are not a 'he'."""
    for middle in ("Critics of the Clean Water Act disagreed.", "Organisers of the Summer Convention were there.",
                   "FULL TEXT below."):
        body = f'Tomas Brenner spoke on Tuesday. {middle}\n\nHe says, "Working that microphone was hard."'
        assert one(body).speaker == "Tomas Brenner", middle


def test_inverted_frame_with_an_unlisted_head_noun():
    """'said the designer, who ...', 'wrote one commenter', 'said master of ceremonies X': the
    phrase after the verb; a time phrase ('said the next day') is no speaker."""
    assert one('"Coming back to work is hard enough," said the designer, who works for a rival.').speaker == "designer"
    assert one('"They will find a way to corrupt it," wrote one commenter.').speaker == "one commenter"
    assert one('"Thanks for welcoming these refugees," said master of ceremonies Asab Tabchi, an engineer.'
               ).speaker == "Asab Tabchi"
    assert one('"We are done with all of this," said the next day.').speaker is None


def test_participle_takes_the_descriptor_opening_its_sentence():
    """'The senator left no doubt ... helping Mrs. Varga ..., saying that "..."': the senator,
    not the person named later in the clause."""
    quote = one('The senator left no doubt of his commitment to helping Mrs. Varga succeed him, saying '
                'that "there has never been anyone more qualified than her" to serve.')
    assert quote.speaker == "senator"


def test_gender_from_the_pronoun_a_person_reports_with():
    # "Okonjo" has no gender from a title or a listed given name; "said she" teaches it, so the
    # later "he said" skips her for the man named before
    body = ("Tamsin Okonjo and Radek Vilnai met on Tuesday. Okonjo said she would sign the deal. "
            "Vilnai was less sure.\n\n"
            "Okonjo praised Vilnai at length before the vote. \"It will take years,\" he said.")
    quote = one(body)
    assert quote.speaker == "Radek Vilnai"


def test_a_pronoun_with_a_contracted_auxiliary_is_the_verbs_subject():
    body = ("Dara Hollis toured the harbour on Monday.\n\n"
            "She\u2019s arguing that the new locks are \"far too slow for the ferries\" and want "
            "repair. She's predicting the port will be \"busy again soon\" after the works.")
    assert [(q.speaker, q.kind) for q in quotes_of(body)] == [("Dara Hollis", "partial")] * 2


def test_a_post_modifier_between_the_subject_and_the_verb_is_skipped():
    body = ("Senator Dara Hollis met donors on Monday.\n\n"
            "A source familiar with her plans said, \"The budget comes first this year.\"\n\n"
            "One aide close to the senator said, \"She has not picked a date.\"")
    assert [q.speaker for q in quotes_of(body)] == ["a source", "One aide"]


def test_a_speaker_noun_with_its_place_before_the_verb_is_the_subject():
    # the noun with its place, not the place alone nor no one; the place's country when the
    # gazetteer knows it (Seoul -> KR)
    frames = ['The deal is "a new chapter for both countries," officials in Seoul said.',
              '"The deal is a new chapter," officials in Seoul said.',
              'Officials in Seoul said the deal was "a new chapter."',
              'Several officials in Seoul, however, said the deal was "a new chapter."',
              'Officials in Seoul on Monday said the deal was "a new chapter."',
              '"The deal is a new chapter," said officials in Seoul.',
              '"The deal is a new chapter," said officials in Seoul on Monday.']
    assert [(q.speaker, q.affiliation) for f in frames for q in quotes_of(f)] == [
        ("officials in Seoul", "KR")] * len(frames)
    assert [q.kind for f in frames[:3] for q in quotes_of(f)] == ["partial", "full", "partial"]
    assert one('"The deal is a new chapter," analysts in Beijing said.').speaker == "analysts in Beijing"


def test_a_speaker_noun_with_an_origin_or_institution_before_the_verb():
    cases = {'"The deal is a new chapter," officials from both countries said.':
             ("officials from both countries", "unknown"),
             'Experts at the institute called it "a new chapter."': ("experts at the institute", "expert"),
             'Analysts at Crestline Capital said the deal was "a new chapter."':
             ("analysts at Crestline Capital", "expert"),
             '"The harbour is ruined," residents across the region said.':
             ("residents across the region", "other"),
             '"The deal is a new chapter," diplomats inside the embassy said.':
             ("diplomats inside the embassy", "unknown")}
    assert {body: (one(body).speaker, one(body).affiliation) for body in cases} == cases


def test_an_occasion_or_a_time_after_the_speaker_noun_is_no_place():
    frames = ['The ministry in a statement said the deal was "a new chapter."',
              '"The deal is a new chapter," the ministry in a statement said.',
              'Officials at the time said the deal was "a new chapter."',
              'Officials at a news conference said the deal was "a new chapter."',
              '"The deal is a new chapter," said officials in a statement.']
    assert [one(f).speaker for f in frames] == ["ministry", "ministry", "officials", "officials", "officials"]


def test_a_place_after_a_word_that_is_no_speaker_noun_or_a_clause_is_left_alone():
    # the object of another verb, a clause after the noun, and a number: no place phrase
    assert one('Dara Hollis told officials in Seoul that the deal was "a new chapter."').speaker == "Dara Hollis"
    assert one('Officials in 2015 said the deal was "a new chapter."').speaker is None
    body = 'The court removed voters from the lists because they criticized "a new chapter."'
    assert (one(body).speaker, one(body).rule) == (None, "before:criticize|unresolved")


def test_a_pronoun_follows_an_earlier_sentence_whose_subject_is_the_same_pronoun():
    body = ("Radek Vilnai opened the fair on Tuesday. Pressed on the harbour plan, he praised Governor "
            "Tamsin Okonjo. \"The locks will be ready by spring,\" he said.")
    assert one(body).speaker == "Radek Vilnai"


def test_a_pronoun_in_its_sentence_takes_the_person_who_reports_there():
    body = ("Ines Dunmore, a ferry captain, wrote to the board on Monday. Governor Radek Vilnai did "
            "not reply.\n\nWith Governor Vilnai gone, Dunmore said he wanted a new dock, which he "
            "called \"the oldest quay on the coast.\"")
    assert one(body).speaker == "Ines Dunmore"


def test_a_sentence_opening_pronoun_passes_the_referent_on():
    body = ("Radek Vilnai inspected the dam on Tuesday.\n\n"
            "He then thanked the crews and Governor Tamsin Okonjo for the repairs.\n\n"
            "\"The spillway held,\" he said.")
    assert one(body).speaker == "Radek Vilnai"


def test_a_head_after_a_persons_name_speaks_for_them_not_as_them():
    base = "Governor Tamsin Okonjo spoke on Monday.\n\n"
    frames = ['Okonjo\'s spokesman said the vote was "rigged from the start" by officials.',
              '"The vote was rigged from the start," the Okonjo campaign said.',
              'Okonjo supporters said the vote was "rigged from the start" by officials.',
              'A spokesman for Okonjo said the vote was "rigged from the start" by officials.',
              '"The vote was rigged from the start," Okonjo\'s office said in a statement.']
    assert [one(base + f).speaker for f in frames] == [
        "Okonjo's spokesman", "Okonjo campaign", "Okonjo supporters",
        "a spokesman for Okonjo", "Okonjo's office"]


def test_a_time_phrase_between_the_speaker_and_the_verb_is_skipped():
    base = "Governor Tamsin Okonjo spoke on Monday.\n\n"
    assert one(base + 'Okonjo on Wednesday called the deal "a disgrace to the state" and left.').speaker \
        == "Tamsin Okonjo"


def test_a_finding_reported_with_found_that_is_its_sources():
    body = ("The Lakeside Institute polled 900 voters in May. Governor Radek Vilnai read the results.\n\n"
            "In its report, the institute found that \"most voters want a recount in every district.\"")
    assert one(body).speaker == "Lakeside Institute"


def test_frames_after_a_quote_with_a_joint_descriptor_a_relative_clause_or_a_manner_verb():
    base = "Governor Tamsin Okonjo spoke on Monday.\n\n"
    assert one(base + '"The ferries must run on time," the state senator and party nominee said in '
                      'a statement.').speaker == "state senator and party nominee"
    assert one(base + '"The dock stays open," Okonjo, who has opposed closing the harbour, said at '
                      'the time.').speaker == "Tamsin Okonjo"
    assert one(base + '"The tide waits for nobody," the party\'s nominee quipped at the pier.'
               ).speaker is not None


def test_a_participle_takes_an_indefinite_descriptor_opening_its_sentence():
    body = ("A spokeswoman for the harbour board mailed the tide tables out, adding, \"The new "
            "schedule starts in June for every ferry.\"")
    assert one(body).speaker == "a spokeswoman"


def test_an_unresolved_it_under_an_earlier_reporting_verb_gives_that_verbs_subject():
    body = ("Governor Tamsin Okonjo spoke on Monday.\n\nOkonjo, opening the harbour archive on Saturday, "
            "said it would tell a story of \"ships, storms, and the people who built the docks.\"")
    assert one(body).speaker == "Tamsin Okonjo"


def test_a_name_before_a_speaker_noun_is_no_main_subject_for_a_later_pronoun():
    body = ("Ines Dunmore, a ferry captain, moved to the island in May.\n\n"
            "He fishes every day and counts himself a keen sailor and Radek Vilnai supporter. He "
            "recently wrote a column calling the new tariffs \"a tax on every island family.\"")
    assert one(body).speaker == "Ines Dunmore"


def test_a_quote_paragraph_before_a_dash_line_with_a_name_is_that_names():
    body = ("Governor Tamsin Okonjo spoke on Monday.\n\n\"I went to the market before the crash.\"\n\n"
            "- Tamsin Okonjo.\n\nThe claim is an old one.")
    assert one(body).speaker == "Tamsin Okonjo"


def test_an_unlisted_past_tense_verb_opening_an_inverted_frame():
    body = ('"Many buyers told her to wait, and she pressed on anyway," remembered Dana Whitfield, '
            'a former aide.')
    assert one(body).speaker == "Dana Whitfield"
    # inside a sentence the word after a title is no frame
    found = quotes_of('Lee Moss, the star of "Harbour," thanked the mayor for the new dock.')
    assert all(q.speaker != "mayor" for q in found)


def test_a_retort_with_back_after_an_irregular_past_frames_the_quote():
    body = ("Governor Tamsin Okonjo and Radek Vilnai argued about the dock.\n\n"
            "\"Radek wants to look tough tonight,\" Okonjo shot back. \"Let me finish.\"")
    assert [q.speaker for q in quotes_of(body)] == ["Tamsin Okonjo", "Tamsin Okonjo"]


def test_an_inverted_frame_ends_its_subject_before_a_post_modifier():
    body = ('"The drop we see now comes straight from the audit," said a person close to the family. '
            '"That is why the vote moved."')
    assert [q.speaker for q in quotes_of(body)] == ["a person", "a person"]


def test_lyrics_are_the_singers_words():
    body = 'Lee Moss took the stage at the harbour fair.\n\n"Keep your lanterns lit for the boats," Moss sings.'
    assert one(body).speaker == "Lee Moss"


def test_a_participle_takes_the_noun_phrase_a_name_modifies_or_a_pronoun_after_an_adverb():
    base = "Governor Tamsin Okonjo and Radek Vilnai toured the docks on Monday.\n\n"
    assert one(base + 'Okonjo supporters marched past the ferry office, chanting "open the harbour now" '
                      'until dusk.').speaker == "Okonjo supporters"
    assert one(base + 'Ms. Okonjo spoke first. Then he turned to Okonjo, calling the plan "a very costly '
                      'mistake" for the port.').speaker == "Radek Vilnai"


def test_an_s_form_after_a_possessive_is_a_noun_not_a_reporting_verb():
    body = ("Harbour experts have discounted Lakeside's claims, but have speculated that the port might "
            "see \"a much larger catch\" through other means.")
    assert all(q.speaker != "Lakeside's" for q in quotes_of(body))


def test_gender_from_a_kin_phrase_or_a_gendered_descriptor():
    body = ("Tamsin Okonjo and Radek Vilnai met on Tuesday. Okonjo and her husband left early.\n\n"
            "Okonjo praised Vilnai at length before the vote. \"It will take years,\" he said.")
    assert one(body).speaker == "Radek Vilnai"
    body = ("Spokeswoman Tamsin Okonjo and Radek Vilnai met on Tuesday.\n\n"
            "Okonjo praised Vilnai at length before the vote. \"It will take years,\" he said.")
    assert one(body).speaker == "Radek Vilnai"


def test_a_frame_closing_the_earlier_sentence_names_the_pronouns_reporter():
    body = ("Radek Vilnai and Governor Tamsin Okonjo toured the docks on Monday.\n\n"
            "The claim that Vilnai and Okonjo had closed the port put jobs at risk, Dara Hollis said.\n\n"
            "\"The crews deserve better,\" she said.")
    assert one(body).speaker == "Dara Hollis"


def test_a_phrase_with_no_noun_head_before_the_verb_is_no_subject():
    body = ("Governor Tamsin Okonjo toured the docks on Monday.\n\n"
            "Okonjo, who has backed such plans in the past said it was \"far too costly for the port.\"")
    assert one(body).speaker == "Tamsin Okonjo"


def test_an_s_form_after_a_definite_descriptor_opening_the_clause_is_a_verb():
    body = ("Governor Tamsin Okonjo spoke on Monday.\n\nThe former harbour master calls it her "
            "\"tide instinct\"; rivals call it caution.")
    assert quotes_of(body)[0].speaker == "former harbour master"


def test_continue_to_is_an_aspect_verb_not_a_report():
    body = ("Governor Tamsin Okonjo spoke on Monday.\n\nOkonjo said she is certain Radek Vilnai will "
            "continue to be \"a champion for the harbour towns.\"")
    assert one(body).speaker == "Tamsin Okonjo"


def test_an_inverted_frame_reads_a_subject_with_a_joined_word():
    assert one('"We are shocked," said 9/11 widow Dana Whitfield.').speaker == "Dana Whitfield"
    assert one('"We are shocked," said one A&B Freight spokesman.').speaker == "one A&B Freight spokesman"


def test_a_parenthetical_adverb_between_the_subject_and_the_verb():
    body = ('The two officials, however, argue that "the harbour rules were never meant for ferries," '
            'citing a ruling that called the fees "plainly excessive."')
    assert [q.speaker for q in quotes_of(body)] == ["the two officials"] * 2


def test_the_two_as_a_subject_of_a_base_form_frame():
    body = ('Dara Hollis and Lee Moss wrote to the board on Monday.\n\n'
            '"The fees are far too high for the ferries," the two write. "We ask for a review."')
    assert [q.speaker for q in quotes_of(body)] == ["the two", "the two"]


def test_an_inverted_frame_with_a_descriptor_and_an_appositive_name_is_the_name():
    # "said <descriptor>, <Name>": the name is the speaker, not a capitalised word of the
    # descriptor nor its possessor
    frames = ['"We are tired," said another ferry user, Dana Holt. "The delays get longer."',
              '"We will treat it as one long day," said Moss\'s deputy campaign manager, Rich Doyle, who ran it.',
              '"The odds are good," said another leading Harbour Board advocate, Ivo T. Brandt of the firm.']
    assert [q.speaker for f in frames for q in quotes_of(f)] == [
        "Dana Holt", "Dana Holt", "Rich Doyle", "Ivo T. Brandt"]
    # a name first, or a comma not followed by a name, keeps the inverted subject
    assert one('"It is fine," said Dana Holt, a ferry user, on Monday.').speaker == "Dana Holt"
    assert one('"It is fine," said the ferry captain, who retired in May.').speaker == "ferry captain"


def test_a_descriptor_with_a_prepositional_complement_before_an_appositive_name():
    # "said his oldest friend at <Place>, <Name>": the complement ends the descriptor
    body = ('Lena Moss opened the shop in 1990. "She was always late," said her oldest friend at '
            'Dartmoor, Pete Vance, who met her there.')
    assert [q.speaker for q in quotes_of(body)] == ["Pete Vance"]
    assert one('"It held," said a former aide to the Harbour Council, Ivo Brandt.').speaker == "Ivo Brandt"


def test_a_noun_phrase_after_a_preposition_or_modal_before_to_is_no_subject():
    # "took to X to accuse" and "would do better to say": the infinitive is the clause subject's
    # purpose, not said by the noun before "to"
    assert one('Dana Holt took to the radio overnight to accuse Moss of being "duped" by aides.').speaker \
        == "Dana Holt"
    assert one('Dana Holt would do better to say that "the count was late."').speaker == "Dana Holt"
    # an object of a causative verb still is: "led voters to accuse"
    assert one('The fight led voters to accuse the mayor of "lying" about it.').speaker == "voters"
    # a thing before "to" is no speaker either ("used the debate to demand"): the clause subject's
    quote = one('Dana Whitfield used the debate to demand that ferry owners "pay their fair share."')
    assert (quote.speaker, quote.rule.split("|")[0]) == ("Dana Whitfield", "before:demand")


def test_a_prepositions_object_is_not_the_clause_subject_of_a_woven_quote():
    # "Preceded by X, Y launched into ...": Y's words, not X's (also over a title: "of Capt. X")
    body = ("Lee Moss and Dana Holt spoke at the fair.\n\n"
            'Preceded at the lectern by Lee Moss, the county sheriff, Dana Holt launched into a lament '
            'for the "forgotten towns" of the valley.')
    assert one(body).speaker == "Dana Holt"
    body = ("Lee Moss and Dana Holt spoke at the fair.\n\n"
            'In a letter to Capt. Lee Moss, Dana Holt called the plan "a fraud" and left.')
    assert one(body).speaker == "Dana Holt"
    # the subject of a clause of its own ("with X saying") still speaks, and an object stays the
    # speaker when the sentence names no one else
    body = ("Lee Moss and Dana Holt spoke at the fair.\n\n"
            'Officials were quick to reply, with Dana Holt saying it was a "disaster" for the town.')
    assert one(body).speaker == "Dana Holt"
    body = ("Lee Moss spoke at the fair.\n\n"
            'The crowd cheered for Lee Moss, calling the plan "a fraud."')
    assert one(body).speaker == "Lee Moss"


def test_a_hyphenated_noun_heads_the_subject_phrase():
    # "the 43-year-old asked", "the party front-runner said": a compound is a noun head too
    assert one('"What if he had lessons?" the 43-year-old asked in the video.').speaker == "43-year-old"
    assert one('The party front-runner complained that the count had been "rigged" against him.').speaker \
        == "party front-runner"
    assert one('"It is fine," the so-called said.').speaker is None  # "so-called" ends no phrase here


def test_one_or_another_of_a_kind_just_named_is_the_speaker():
    # "...," read one. / tweeted another. / Another said, "..." / said one of those advisers
    body = 'Protesters held signs.\n\n"The town is great! The mayor is awful," read one.'
    assert one(body).speaker == "one"
    body = 'Fans wrote to the mayor.\n\n"Better watch out for the count next time," tweeted another.'
    assert one(body).speaker == "another"
    body = 'Fans wrote to the mayor. Another said, "She thinks she is above the rules and the law."'
    assert one(body).speaker == "Another"
    body = '"There will be no path for him," said one of those advisers, who spoke on condition of anonymity.'
    assert one(body).speaker == "one of those advisers"
    # a determiner before a verb form is still no subject ("the said agreement")
    assert quotes_of('The said agreement was "a new chapter" for them.')[0].speaker is None


def test_a_participle_naming_a_thing_is_no_frame_of_its_noun():
    # "a class called '...'" names the class: the clause subject's words, not the class's
    body = 'Lee Moss spoke on Sunday.\n\nLater, Moss shared a syllabus for a class called "Perception" on his page.'
    assert one(body).speaker == "Lee Moss"
    body = ('Lee Moss spoke on Sunday.\n\nLater, Moss shared a syllabus for a class called "Perception" on his '
            'page, writing "Here is the syllabus for the class you claim never existed."')
    assert [q.speaker for q in quotes_of(body)] == ["Lee Moss", "Lee Moss"]
    # with no subject to take, the noun before the participle stays; a speaker calling is a frame
    assert one('It was renowned for a chummy culture called "The Firm Way."').speaker == "a chummy culture"
    assert one('The mayor called "a fraud" what they did.').speaker == "mayor"


def test_a_bracket_and_comma_between_name_and_verb_and_a_speaking_postmodifier():
    # "Gov. X (R-OH), said": the name before the bracket, not the bracket's abbreviation
    body = 'At the fair, after winning the county, Gov. Lee Moss (R-OH), said, "I am getting ready to go west."'
    assert one(body).speaker == "Lee Moss"
    # "a source speaking to X said": the anonymous-source formula, not the outlet it spoke to
    body = 'Another intelligence source speaking to Harbour Radio said, "The agents are looking at it."'
    assert one(body).speaker == "another intelligence source"
    body = 'An official speaking on condition of anonymity said the deal was "a new chapter."'
    assert one(body).speaker == "an official"


def test_a_staff_role_after_a_persons_name_speaks_for_them():
    # "X's campaign manager", "X's defense counsel", "X's biographers": others speaking for or
    # about X, not X
    base = "Governor Tamsin Okonjo spoke on Monday.\n\n"
    frames = ['Okonjo\'s campaign manager said he was "gratified" by the ruling.',
              'Okonjo\'s defense counsel asked for a fine, calling the case "an error of sorts."',
              'Okonjo\'s biographers wrote that she "had a tin ear" for the capital.']
    assert [one(base + f).speaker for f in frames] == [
        "Okonjo's campaign manager", "Okonjo's defense counsel", "Okonjo's biographers"]


def test_a_long_descriptor_before_an_appositive_name_gives_the_name():
    # "Gov. X's chief of staff, Joe Doyle, told ...": the name in the apposition, also after a
    # descriptor of seven or eight words
    body = ('"Positions are going to soften on the plan," Harbour County Gov. Lee Moss\'s chief of staff, '
            'Joe Doyle, told reporters.')
    assert one(body).speaker == "Joe Doyle"


def test_extract_quotes_leaves_no_reference_cycle_through_the_doc():
    # the attribution context holds the doc; once quotes are out, refcounting alone must free both
    import gc
    import weakref
    doc = Doc.from_text('"We will go ahead," the minister said. "It is settled," she added.')
    assert len(extract_quotes(doc)) == 2
    ref = weakref.ref(doc)
    gc.disable()
    try:
        del doc
        assert ref() is None
    finally:
        gc.enable()


def test_lexicon_keeps_its_longest_gap_and_mention_cue():
    """Worked out once per lexicon (not per quote) and equal to the word lists' own maxima."""
    lex = load_lexicon()
    assert lex.longest_gap == max(o["max_gap"] for o in lex.verb_options.values()) >= 40
    assert lex.longest_mention_cue == max(len(cue) for cue in lex.mention_cues) >= 2
    assert lex.__dict__["longest_gap"] == lex.longest_gap  # kept on the instance after the first read


def test_find_spans_after_paragraphs_without_marks():
    """Paragraphs with no quote mark are passed over; the spans of the others keep their offsets."""
    doc = Doc.from_text('The council met on Tuesday.\n\nNo one spoke for an hour.\n\n'
                        '"We will rebuild," the mayor said.\n\nThe plan\'s cost is "unclear".')
    spans = find_spans(doc)
    assert [(doc.text[a:b + 1], mark, paragraph) for a, b, mark, paragraph in spans] == [
        ('"We will rebuild,"', '"', 2), ('"unclear"', '"', 3)]


# ---------------------------------------------------------------- issue 11, round 5 (q5-cont)
def test_a_name_of_an_organisation_with_for_or_on_is_one_speaker_phrase():
    # "X of the Institute for Policy Research said": the person, not the end of the body's name
    q = one('"It would be a big step," Dana Holt of the Center for Coastal Studies wrote on Monday.')
    assert (q.speaker, q.rule.split("|")[0]) == ("Dana Holt", "after:write")
    q = one('Lee Moss of the Institute for Policy Research said, "It is not clear."')
    assert (q.speaker, q.rule.split("|")[0]) == ("Lee Moss", "before:say")
    q = one('"We do not know," Lee Moss of the Council on Harbour Safety said.')
    assert q.speaker == "Lee Moss"
    # a lower-case "for" between a noun and a name still ends the name ("voted for Moss")
    q = one('Dana Holt, who voted for Lee Moss, said: "We lost."')
    assert q.speaker == "Dana Holt"


def test_a_fragment_after_an_opening_adverbial_phrase_is_the_main_clause_subjects():
    # the actor named inside "Tired of ..., " / "After ..., " is not the clause's subject
    q = one('Tired of waiting for Lee Moss to act, Dana Holt drafted a budget that "puts the harbour first."')
    assert (q.speaker, q.rule.split("|")[0]) == ("Dana Holt", "fragment")
    q = one('After Ana Ruiz joined the council, Dana Holt drafted a budget for "a leaner city hall."')
    assert q.speaker == "Dana Holt"
    # a comma inside the opening clause (an apposition, a participle) is not its end
    q = one('While Lee Moss, speaking for the party, laid out a plan for "a fairer tax," Dana Holt left.')
    assert q.speaker == "Lee Moss"


def test_a_descriptor_after_an_opening_adverbial_phrase_is_the_fragments_subject():
    # "During a long tour ..., the candidate lingered over '...'": the descriptor opens the main clause
    body = ('Dana Holt and Lee Moss met voters on Monday.\n\n'
            'During a long tour of the depot, the candidate lingered over the "crews who kept the trains running" for an hour.')
    q = one(body)
    assert (q.speaker, q.rule.split("|")[0]) == ("candidate", "fragment")
    # a descriptor after a name is its apposition, inside the opening clause
    q = one('When Lee Moss, the mayor, laid out a plan for "a fairer tax," Dana Holt left.')
    assert q.speaker == "Lee Moss"


def test_a_name_does_not_join_across_a_quote_longer_than_a_nickname():
    # 'named Holt "the best planner of the decade." Ito thanked ...': two names, two sentences
    body = ('Ken Ito, the paper\u2019s city editor, explained why Dana Holt won the award.\n\n'
            'Ito named Holt "the best planner of the decade." Ito thanked Holt for keeping '
            '"every ferry on schedule" through the storm.')
    assert [(q.text, q.speaker) for q in quotes_of(body)] == [
        ("the best planner of the decade.", "Ken Ito"), ("every ferry on schedule", "Ken Ito")]
    # a nickname still stands inside a name
    found = quotes_of('Robert C. "Bobby" Lane came late.\n\nLane said, "We won."')
    assert [(q.text, q.speaker) for q in found] == [("Bobby", None), ("We won.", "Robert C. Lane")]


def test_a_fragment_belongs_to_the_descriptor_opening_its_clause_before_a_verb():
    # "The Holt ad faults Moss for ...": the ad, not the person named after the verb
    q = one('Lee Moss spoke on Monday. The Holt ad faults Moss for raising "fees on every ferry ride" twice.')
    assert (q.speaker, q.rule) == ("Holt ad", "fragment|phrase")
    # a name right before a participle is its subject ("a photo of Lee Moss shouting")
    q = one('Lee Moss spoke on Monday. The mailer shows a photo of Lee Moss shouting, "Not one more fee!"')
    assert q.speaker == "Lee Moss"


def test_a_possessive_speech_noun_frame_gives_the_possessor():
    # "the senator's reply was that '...'": the possessor's words; "in Daniels' words" too
    q = one("Sen. Dana Holt spoke on Monday. The Ridgeway senator's reply was that \"the ferries come "
            'first," so fares should fall.')
    assert (q.speaker, q.rule.split("|")[0]) == ("Ridgeway senator", "possessive-frame")
    q = one("Ana Daniels spoke on Monday. In Daniels' words, \"every crossing ran on time this year.\"")
    assert (q.speaker, q.rule) == ("Ana Daniels", "possessive-frame|name|registry:none")
    q = one("Dana Holt spoke. In Holt's view, the key question is \"who pays for the roads.\"")
    assert q.speaker == "Dana Holt"


def test_a_possessed_speech_noun_gives_the_quote_in_its_complement_to_its_possessor():
    # "his warning that ... 'the bottom of the list'", "X's sudden promise to stay 'above the fray'"
    body = ('Lee Moss toured the port. But he left behind a row, chiefly his warning that the ferries '
            'would move to "the bottom of the list" if fares rose.')
    assert [(q.speaker, q.rule.split("|")[0]) for q in quotes_of(body)] == [("Lee Moss", "possessed-speech")]
    q = one("Dana Holt lost partly because of Lee Moss's offhand remark at a forum that she was "
            '"too careful by half."')
    assert (q.speaker, q.rule) == ("Lee Moss", "possessed-speech|name|registry:none")
    q = one("The worries go beyond Lee Moss's sudden promise to stay \"above the fray\" in the talks.")
    assert (q.speaker, q.kind) == ("Lee Moss", "partial")
    # a complement opened after a comma is another clause's ("X's claims, but experts said that")
    q = one("Planners have dismissed Lee Moss's claims, but have warned that Ridgeway could lose "
            '"every cent of its ferry subsidy" soon.')
    assert q.rule.split("|")[0] != "possessed-speech"


def test_a_comparative_as_clause_after_a_quote_frames_it():
    # '"...," as X put it' / 'as X said on ...': the clause's subject; a clause with no reporting
    # verb ("as he left") frames nothing
    assert one('The fee covers any "reasonable cost of ferry travel," as a harbour memo put it.').speaker \
        == "a harbour memo"
    quote = one('Even so, the belief that the ferry line "will pay for itself," as Dana Whitfield said at a '
                'town meeting in May, drove the vote.')
    assert quote.speaker == "Dana Whitfield" and quote.rule.startswith("after:say")
    assert one('"We will win this year," as he left the room.').speaker is None


def test_a_frame_closing_the_sentence_reports_a_quote_before_a_later_one():
    # 'a "b" as ... a "c," he said': the closing frame reaches past the later quote
    quotes = quotes_of('Dana Whitfield spoke after the vote. Ferry bookings "fell off a cliff in March" while '
                       'islanders weighed the "new fare cards" against the old tokens, she said.')
    assert quotes[0].speaker == "Dana Whitfield" and quotes[0].rule.startswith("final:say")
    # the sentence's last quote closes with a comma and the frame follows it
    quotes = quotes_of('Parks are "the lungs of the town" and "must stay open," Lee Moss, the former mayor, '
                       'said on Monday.')
    assert [q.speaker for q in quotes] == ["Lee Moss", "Lee Moss"]
    assert quotes[0].rule.startswith("final:say")
    # a participle after the comma opens no closing frame
    quotes = quotes_of('The budget is a "real step" and a "fresh start," noting that Lee Moss agreed.')
    assert quotes[0].speaker is None


def test_a_frame_closing_the_sentence_reports_a_quote_inside_a_reported_clause():
    # 'the plan is ... "...," Y said': the closing frame reports the whole sentence, before a
    # reporting verb earlier in it; not a relay (', the Ledger reported': the quote stays the
    # reported speaker's), and not a participle (', adding that ...')
    body = 'Lee Moss argues the old rules are "too rigid for a small town," Dana Whitfield wrote.'
    quote = one(body)
    assert quote.speaker == "Dana Whitfield" and quote.rule.startswith("after:write")
    quote = one('Dana Whitfield said the deal was "a real mess," the Daily Ledger reported.')
    assert quote.speaker == "Dana Whitfield" and quote.rule.startswith("before:say")
    quote = one('Dana Whitfield called the deal "a real mess," adding that Lee Moss would vote no.')
    assert quote.speaker == "Dana Whitfield" and quote.rule.startswith("before:call")


def test_a_relative_clause_between_subject_and_verb_gives_its_antecedent():
    # 'an official who spoke ... to discuss plans said': the antecedent, not the clause's object;
    # not when the clause has a subordinate clause with its own subject, nor after an apposition
    body = 'A harbour clerk who handled the ferry accounts last year said, "Talks go on."'
    quote = one(body)
    assert quote.speaker == "a harbour clerk" and quote.rule == "before:say|relative"
    quote = one('Voters who backed the mayor in 2019 told reporters the plan was "a betrayal."')
    assert quote.speaker == "voters" and quote.rule == "before:tell|relative"
    quote = one('Lee Moss, the councilman who won in 2019 when he shouted "Enough!" at the mayor, left.')
    assert quote.speaker == "Lee Moss" and quote.rule.startswith("before:shout|pronoun")


def test_a_participle_after_a_quote_takes_no_subject_after_it():
    # '"...," telling X that ...': X is the participle's object, never the quote's speaker
    quote = one('The Harbour Tenants Union would not discuss "that person," telling Lee Moss that the group '
                'is focused on rents.')
    assert (quote.speaker, quote.kind, quote.rule) == (None, "scare", "no-speaker")


def test_a_quote_going_on_in_narration_after_a_paraphrase_is_the_paraphrased_speakers():
    # 'X argued ... . "..." were a threat.': no frame, no earlier quote in the paragraph: the
    # subject of the sentence before that reports speech
    body = ('Dana Whitfield argued that the tenants never meant any harm. "The landlord says their letters '
            'asking for repairs" were a threat.')
    quote = one(body)
    assert quote.speaker == "Dana Whitfield" and quote.rule.startswith("after-paraphrase:argue")


def test_an_s_form_with_that_after_an_apposition_is_a_verb():
    # 'X, her lawyer, argues that ...': the -s form closing an apposition before "that" is the verb
    quote = one('Lee Moss, the tenant\'s lawyer, argues that the charge is "absurd on its face."')
    assert quote.speaker == "Lee Moss" and quote.rule.startswith("before:argue")


def test_a_relative_clause_left_without_its_closing_comma_before_the_frame_verb():
    # '"...," X, who is chair of Y said': the verb after the clause's own verb and object is the
    # frame's, its subject the name before "who"; not the clause's own verb ("who has proposed")
    quote = one('"The ferry timetable is a mess again," Dana Whitfield, who is treasurer of the rowing club '
                'said in a statement.')
    assert quote.speaker == "Dana Whitfield" and quote.rule.startswith("after:say")
    quote = one('"The gulls are back on the pier," Lee Moss, the birdwatcher who started a harbour blog '
                'tweeted on Wednesday.')
    assert quote.speaker == "Lee Moss" and quote.rule.startswith("after:tweet")
    assert one('"We will rebuild," Lee Moss, who has long proposed a new tax.').speaker is None


def test_a_frame_subject_may_keep_a_prepositional_phrase_after_its_head():
    # '"...," a guide at the museum asks.': the descriptor with its phrase, up to the verb
    quote = one('"Who painted the lighthouse blue?" a guide at the harbour museum asked.')
    assert quote.speaker == "a guide at the harbour museum" and quote.rule.startswith("after:ask")
    quote = one('"The next ferry leaves at noon," a ticket seller at the pier said.')
    assert quote.speaker == "a ticket seller at the pier" and quote.rule.startswith("after:say")


def test_a_subordinate_clause_closing_the_sentence_is_no_frame():
    # '..., though it urged ...': the clause's own subject and verb do not report the earlier quote
    q = one("Harbour Watch, a charity, said in a statement that the plan was 'a real step forward', "
            "though it urged the council to publish a timetable.")
    assert (q.speaker, q.rule.split("|")[0]) == ("Harbour Watch", "before:say")
    q = one("Lee Moss said the fares were \"far too high,\" although she warned that the line would close.")
    assert q.speaker == "Lee Moss"


def test_colon_subject_after_an_opening_phrase_with_an_adverb_or_a_state_abbreviation():
    # "Ever since ..., X ...:" and "At a fair in Aspen, Colo., X ...:": the clause after the phrase
    body = ('Dana Okafor spoke in Ridgeway. Ever since she joined the council, Ms. Okafor has '
            'carried one message: "Fix the ferries first."')
    assert [(q.speaker, q.rule.split("|")[0]) for q in quotes_of(body)] == [("Dana Okafor", "colon-subject")]
    body = ('At a fair that month in Lakeview, Colo., Mayor Ivo Brandt closed with a promise: '
            '"Every ferry will run on time."')
    assert [(q.speaker, q.rule.split("|")[0]) for q in quotes_of(body)] == [("Ivo Brandt", "colon-subject")]


def test_a_participle_phrase_after_the_subject_is_not_the_speaker():
    # "Protesters marching through the streets chanted": the subject, not the participle's object
    body = 'Villagers marching through the harbour gates chanted "Keep our ferries!" on Sunday.'
    assert [q.speaker for q in quotes_of(body)] == ["Villagers"]
    body = 'A man wearing a yellow cap shouted "Not one more fee!" at the council.'
    assert [q.speaker for q in quotes_of(body)] == ["a man"]
    # an adjective in -ing is no participle phrase
    body = 'One sweeping question asked whether the council would "keep the ferries running."'
    assert [q.speaker for q in quotes_of(body)] == ["question"]


def test_a_closing_frame_after_a_long_tail_still_reports_the_quotes_before_it():
    # '"a" and "b," X said to a crowd at ... on Tuesday.': the frame right after the last quote
    body = ('Ferries are "the lifeblood of the coast" and "worth every penny," Dana Okafor, the harbour '
            'master of Lakeview, told a cheering crowd at the annual fishing fair in the old town hall on Tuesday.')
    assert [(q.speaker, q.rule.split("|")[0]) for q in quotes_of(body)] == [
        ("Dana Okafor", "final:tell"), ("Dana Okafor", "after:tell")]
    # not a frame inside brackets
    body = ("When Okafor said the plan was \"a mistake\" on Monday, the council was pleased (''Okafor Sinks "
            "Plan,'' declared the Lakeview Courier in a long front-page story about the ferries and the fees), "
            "but nobody moved.")
    assert quotes_of(body)[0].speaker == "Okafor"


# ---------------------------------------------------------------- issue 11, round 6 (q6-names)
def test_a_bare_name_opening_the_clause_is_the_participles_subject():
    # "Holt" is never given in full outside quotes, so no registered mention: the name opening the
    # clause before a finite verb is still the subject, not the object named after it
    body = ('Ivo Brandt is running hard against Holt in Marlow.\n\n'
            'Holt has clashed with Brandt once, saying she was "shocked" that he would "mock" the ferry workers.')
    assert [(q.speaker, q.rule) for q in quotes_of(body)] == [("Holt", "before:say|subject")] * 2
    # a word the article also writes in lower case, or never inside a sentence, is no name
    for opening in ("Ivo Brandt spoke in Marlow about the ferries.", "Ivo Brandt spoke in Marlow."):
        body = opening + '\n\nFerries have carried "the lifeline of every island town" for a century.'
        assert [(q.speaker, q.rule) for q in quotes_of(body)] == [(None, "unattributed")]
