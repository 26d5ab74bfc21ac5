"""Hedges, boosters and attribution: lexicon, false-reading guards, voice split, rates, real corpus
values, and precision/recall against the hand-made gold in tests/gold/hedges.yaml."""
from __future__ import annotations

import functools
import math
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis import load_corpus
from analysis.metrics import hedging
from analysis.text import Doc
from analysis.quotes.voice import words_by_voice

from conftest import BUNDLED_CORPUS

GOLD_FILE = Path(__file__).parent / "gold" / "hedges.yaml"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(BUNDLED_CORPUS)


@pytest.fixture(scope="module")
def docs(corpus):
    return {a.id: Doc.from_article(a) for a in corpus.articles}


def fixture_doc(body: str, quoted: list[str] | None = None) -> Doc:
    """A Doc whose quoted spans are set by hand, so tests do not depend on the quote rules."""
    doc = Doc.from_text(body)
    spans = []
    for fragment in quoted or []:
        start = doc.text.index(fragment)
        spans.append((start, start + len(fragment)))
    doc.cache["quoted_spans"] = sorted(spans)
    return doc


def cues(body: str, quoted: list[str] | None = None, lexicon=None, rejected: bool = False):
    """(surface text, kind, rule) of each cue in a fixture body, in text order."""
    frame = hedging.hedge_evidence(fixture_doc(body, quoted), lexicon, include_rejected=rejected)
    return list(zip(frame["text"], frame["kind"], frame["rule"]))


def counted(body: str, quoted: list[str] | None = None, lexicon=None) -> list[str]:
    """Counted cues of Hyland's kinds (hedge, booster, attribution), in text order."""
    return [text for text, kind, _ in cues(body, quoted, lexicon) if kind in hedging.HYLAND_KINDS]


def uncertain(body: str, quoted: list[str] | None = None) -> list[tuple[str, str]]:
    """(text, category) of the counted cues that make uncertainty_count, in text order."""
    frame = hedging.hedge_evidence(fixture_doc(body, quoted))
    keep = set(hedging.load_lexicon().uncertainty_categories)
    return [(t, c) for t, c in zip(frame["text"], frame["category"]) if c in keep]


# ---------------------------------------------------------------- lexicon
def test_lexicon_is_compiled_once_per_path():
    assert hedging.load_lexicon() is hedging.load_lexicon()
    assert hedging.load_lexicon() is hedging.load_lexicon(hedging.config.HEDGES_FILE)


def test_every_category_cites_known_sources_and_own_items_say_why():
    data = yaml.safe_load(hedging.config.HEDGES_FILE.read_text(encoding="utf-8"))
    sources = set(data["sources"])
    assert {"hyland2005", "hyland1998", "holmes1988", "conll2010"} <= sources
    for category in data["categories"]:
        assert category["sources"] and set(category["sources"]) <= sources, category["id"]
        for item in category["items"]:
            if isinstance(item, dict) and "added" in item:
                assert len(item["added"]) > 20, item
    lexicon = hedging.load_lexicon()
    # Hedges split into epistemic uncertainty, approximation and the conditional "would".
    assert lexicon.hedge_categories == ["uncertainty", "approximation", "conditional"]
    assert lexicon.uncertainty_categories == ["uncertainty", "hearsay", "vague_belief",
                                              "investigation", "reported_belief"]
    assert lexicon.weasel_categories == ["uncertainty", "hearsay", "vague_source", "vague_belief",
                                         "vague_quantifier"]
    kinds = {c.kind for c in lexicon.categories if c.enabled}
    assert kinds == set(hedging.KINDS)
    # Reporting verbs are attribution, never hedges.
    assert "said" not in lexicon.literal_entries and "say" not in lexicon.literal_entries


def test_inflect_regular_verbs_and_phrases():
    assert hedging.inflect("suggest") == ["suggest", "suggests", "suggested", "suggesting"]
    assert hedging.inflect("appear") == ["appear", "appears", "appeared", "appearing"]
    assert hedging.inflect("believe") == ["believe", "believes", "believed", "believing"]
    assert hedging.inflect("tend to") == ["tend to", "tends to", "tended to", "tending to"]


def test_lexicon_errors_are_reported(tmp_path):
    twice = tmp_path / "twice.yaml"
    twice.write_text("categories:\n- {id: a, kind: hedge, sources: [x], items: [maybe]}\n"
                     "- {id: b, kind: booster, sources: [x], items: [maybe]}\n")
    with pytest.raises(ValueError, match="listed twice"):
        hedging.load_lexicon(twice)
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text("categories:\n- {id: a, kind: hedge, items: [{term: may, guards: [nope]}]}\n")
    with pytest.raises(ValueError, match="unknown guard"):
        hedging.load_lexicon(unknown)
    badkind = tmp_path / "badkind.yaml"
    badkind.write_text("categories:\n- {id: a, kind: vagueness, items: [maybe]}\n")
    with pytest.raises(ValueError, match="kind"):
        hedging.load_lexicon(badkind)


def test_a_user_lexicon_replaces_the_default(tmp_path):
    own = tmp_path / "mine.yaml"
    own.write_text("categories:\n- {id: guess, kind: hedge, sources: [me], items: [perhaps]}\n")
    body = "Perhaps the talks may resume."
    assert counted(body) == ["Perhaps", "may"]
    assert counted(body, lexicon=own) == ["Perhaps"]
    row = hedging.summarize(fixture_doc(body), lexicon=own)
    assert row["hedge_rate_guess"] == pytest.approx(1000 / 5)
    assert "hedge_rate_uncertainty" not in row


# ---------------------------------------------------------------- false readings, one rule each
def test_may_month():
    # A capital "May" is never the epistemic modal: the month, a name, or (sentence-initial) a
    # wish or a request ("May the talks succeed", "May I ask"). "may 5" in lower case is a date.
    body = ("Talks may resume in May. They met on May 5. May 2025 was busy. "
            "Theresa May spoke. May the talks succeed. May's figures were weak. "
            "May, a nurse, fled. Prices may fall. the vote on may 5.")
    found = cues(body, rejected=True)
    ok = "ok:may_month+may_permission"
    assert [(t, r) for t, _, r in found] == [
        ("may", ok), ("May", "reject:may_month"), ("May", "reject:may_month"),
        ("May", "reject:may_month"), ("May", "reject:may_month"), ("May", "reject:may_month"),
        ("May", "reject:may_month"), ("May", "reject:may_month"), ("may", ok),
        ("may", "reject:may_month")]


def test_could_ability():
    body = ("Officials could not reach a deal. Seoul couldn't agree. Talks could resume soon. "
            "He ran as fast as he could.")
    assert counted(body) == ["could"]
    rules = [r for _, _, r in cues(body, rejected=True)]
    assert rules == ["reject:could_ability"] * 2 + ["ok:could_ability", "reject:could_ability"]


def test_about_topic_and_approximators():
    body = ("They talked about the summit. About 20 percent of trade is at stake. "
            "The call took about half an hour. Exports reached about $250 million. "
            "It is about time.")
    assert counted(body) == ["About", "about", "about"]
    assert [r for _, _, r in cues(body, rejected=True)].count("reject:about_topic") == 2


def test_around_spatial_some_quantity_and_close_to():
    body = ("Ships sailed around Taiwan. Around 200 leaders came. Some 30 firms signed. "
            "Some officials disagreed. The site is close to Beijing. Trade is close to 50 percent.")
    assert counted(body) == ["Around", "Some", "close to"]


def test_would_reported_and_volition():
    body = ("Lee said Seoul would use diplomatic channels. The deal would hurt exporters. "
            "I would like peace. Lee expressed hope that the visit would mark a turning point. "
            "Lee said the economy grew; the deal would hurt exporters. Would-be buyers waited.")
    found = cues(body, rejected=True)
    ok = "ok:would_volition+would_reported+would_habit+would_refusal+would_future_in_past"
    assert [(t, r) for t, _, r in found] == [
        ("would", "reject:would_reported"), ("would", ok),
        ("would", "reject:would_volition"), ("would", "reject:would_reported"),
        ("would", ok)]


def test_would_backshift_needs_a_past_verb_that_takes_a_clause():
    # Present "suggest": the conditional, a hedge. "argued for" takes no clause. "but that" goes
    # on with the reported speech; a plain "but" starts a new clause.
    body = ("Minutes suggest that a pause would push the dollar higher. "
            "Two members argued for holding rates, and a pause would lift the dollar. "
            "She said the town was unlucky, but that lessons would be learned. "
            "She said the town was unlucky, but the river would rise again.")
    found = cues(body, rejected=True)
    assert [(t, r.split("+")[-1] if r.startswith("ok") else r) for t, _, r in found
            if t == "would"] == [
        ("would", "would_future_in_past"), ("would", "would_future_in_past"),
        ("would", "reject:would_reported"), ("would", "would_future_in_past")]


def test_would_of_past_habit():
    body = ("When I was a girl the river would flood every few winters. "
            "He would often walk to the port. The plan would help every household. "
            "Back then we would queue for bread.")
    found = [(t, r) for t, _, r in cues(body, rejected=True)]
    assert found == [("would", "reject:would_habit"), ("would", "reject:would_habit"),
                     ("would", "ok:would_volition+would_reported+would_habit+would_refusal"
                               "+would_future_in_past"),
                     ("would", "reject:would_habit")]


def test_would_inside_a_quote_is_the_speakers_hedge_in_quoted_voice():
    body = 'Lee said, "It would be a gain for peace."'
    doc = fixture_doc(body, quoted=["It would be a gain for peace."])
    frame = hedging.hedge_evidence(doc)
    assert list(frame["text"]) == ["would"] and list(frame["voice"]) == ["quoted"]
    row = hedging.summarize(doc)
    assert row["hedge_count"] == 0 and row["hedge_rate"] == 0.0
    assert row["hedge_rate_quoted"] == pytest.approx(1000 / 7)


def test_must_epistemic_only():
    body = "Officials must act now. He must have known about it. The talks must be balanced."
    assert [(t, k) for t, k, _ in cues(body)] == [("must", "booster")]
    assert counted(body) == ["must"]


def test_might_noun():
    body = "China's military might grew. The might of the navy grew. Talks might resume."
    assert [r for _, _, r in cues(body, rejected=True)] == [
        "reject:might_noun", "reject:might_noun", "ok:might_noun"]


def test_will_noun_with_the_optional_certainty_category(tmp_path):
    data = yaml.safe_load(hedging.config.HEDGES_FILE.read_text(encoding="utf-8"))
    for category in data["categories"]:
        if category["id"] == "certainty_modal":
            category["enabled"] = True
    path = tmp_path / "with_will.yaml"
    path.write_text(yaml.safe_dump(data))
    body = "There is no political will for it. The will of the people matters. Talks will resume."
    assert counted(body) == []  # off by default
    assert [(t, k, r) for t, k, r in cues(body, lexicon=path, rejected=True)] == [
        ("will", "booster", "reject:will_noun"), ("will", "booster", "reject:will_noun"),
        ("will", "booster", "ok:will_noun")]


def test_speech_act_subject():
    body = ("Xi suggested the issue should be handled later. The data suggest a slowdown. "
            "He indicated support. Exports fell, suggesting weak demand. "
            "The spokesperson suggested a meeting. Lee has clearly indicated his support.")
    found = cues(body, rejected=True)
    assert [(t, r) for t, _, r in found if t not in ("clearly", "should")] == [
        ("suggested", "reject:speech_act_subject"), ("suggest", "ok:speech_act_subject"),
        ("indicated", "reject:speech_act_subject"), ("suggesting", "ok:speech_act_subject"),
        ("suggested", "reject:speech_act_subject"), ("indicated", "reject:speech_act_subject")]


def test_nouns_idioms_and_take_on_senses():
    body = ("Officials doubt the plan. The estimate was revised. Talks resume as soon as possible. "
            "A deal is possible. Lee assumed office in June. Analysts assume the talks will fail.")
    # "Officials doubt", "Analysts assume": a vague believer is distancing attribution.
    assert counted(body) == ["Officials doubt", "possible", "Analysts assume"]


def test_belief_verbs_hedge_only_the_speakers_own_claim():
    body = ('"I think it is getting better," she said. "We still believe a deal is near." '
            "Markets assume a cut. They think he is a soldier. A think tank wrote. "
            "I don't think so. Think about it.")
    # A third party's belief is not the speaker's hedge: it moves to reported_belief (kind
    # reported, counted in uncertainty_count only).
    ok = "ok:think_tank+belief_subject+first_person_belief"
    assert [(t, k, r) for t, k, r in cues(body, rejected=True) if t != "about"] == [
        ("think", "hedge", ok), ("believe", "hedge", "ok:belief_subject+first_person_belief"),
        ("assume", "reported", "moved:first_person_belief"),
        ("think", "reported", "moved:first_person_belief"),
        ("think", "hedge", "reject:think_tank"), ("think", "hedge", ok),
        ("Think", "hedge", "reject:belief_subject")]


def test_appear_of_seeming_not_of_showing_up():
    body = ("Automakers appear to be absorbing costs. Xi did not appear \"aware\" of it. "
            "Farrow appeared at a rally. She will appear in court. It is stronger than it appears. "
            "The economy appears weak. It appears that talks failed.")
    assert [(t, r) for t, _, r in cues(body, rejected=True)] == [
        ("appear", "ok:appear_epistemic"), ("appear", "ok:appear_epistemic"),
        ("appeared", "reject:appear_epistemic"), ("appear", "reject:appear_epistemic"),
        ("appears", "reject:appear_epistemic"), ("appears", "ok:appear_epistemic"),
        ("appears", "ok:appear_epistemic")]


def test_negated_certainty_and_withheld_judgement_hedge():
    body = ("It is not clear whether they will vote. It is far from clear. I am not sure. "
            "It was not immediately clear who fired. Crews did not clear the debris. "
            "It remains to be seen. It is too early to tell. It is too early to tell people "
            "to stop. It is evident that talks failed. It is clear the plan works.")
    found = cues(body, rejected=True)
    assert [(t, k, r) for t, k, r in found if k != "reported"] == [  # not "whether"
        ("not clear", "hedge", "ok:negated_certainty"),
        ("far from clear", "hedge", "ok:negated_certainty"),
        ("not sure", "hedge", "ok:negated_certainty"),
        ("not immediately clear", "hedge", "ok:negated_certainty"),
        ("not clear", "hedge", "reject:negated_certainty"),
        ("remains to be seen", "hedge", "lexicon"), ("too early to tell", "hedge", "lexicon"),
        ("It is evident", "booster", "lexicon"), ("It is clear", "booster", "lexicon")]


def test_measured_likelihood_and_almost_certainly():
    body = ("Drinkers were 12 percent less likely to develop it. Smokers are twice as likely to "
            "fall ill. Holt will almost certainly win. A cut is likely. A deal is more likely now.")
    assert [(t, k, r) for t, k, r in cues(body, rejected=True)] == [
        ("less likely", "hedge", "reject:likely_measured"),
        ("likely", "hedge", "reject:likely_measured"),
        ("almost certainly", "hedge", "lexicon"), ("likely", "hedge", "ok:likely_measured"),
        ("more likely", "hedge", "ok:likely_measured")]


def test_comparative_likely_is_uncertainty_but_no_weasel():
    # "more / less likely" compares cases (a tendency), not the writer's guess about one claim.
    body = ("Older cars are more likely to fail. Rain is less likely in May. It is more likely "
            "that the fire was set. The fire was likely set.")
    assert _weasels(body) == [("likely", "uncertainty"), ("likely", "uncertainty")]
    assert hedging.summarize(fixture_doc(body))["uncertainty_count"] == 4


def test_could_of_perception_is_ability():
    body = ("She said she could hear the water. He could see smoke. Exporters could see orders "
            "fall. We could feel the heat. Prices could feel the pinch.")
    assert [(t, r) for t, _, r in cues(body, rejected=True)] == [
        ("could", "reject:could_ability"), ("could", "reject:could_ability"),
        ("could", "ok:could_ability"), ("could", "reject:could_ability"),
        ("could", "ok:could_ability")]


def test_about_before_a_number_after_a_topic_word():
    body = ("Ministers talk about 1.5 million homes. It cost about twice as much. Exports slid "
            "about 11%. Questions about 300 jobs remain.")
    assert [(t, r) for t, _, r in cues(body, rejected=True)] == [
        ("about", "reject:about_topic"), ("about", "ok:about_topic"), ("about", "ok:about_topic"),
        ("about", "reject:about_topic")]


def test_distancing_claims_adjectives_anonymity_and_vague_groups():
    body = ("The campaign claimed the poll was fake. The RSF claimed responsibility. Insurers assess "
            "claims slowly. Zhang rejected a purported report. The alleged plot failed. "
            "One resident, who asked not to be named, said it burned. Officials spoke on condition "
            "of anonymity. Her former aides now concede it failed. Two people close to the "
            "campaign said she led. It was once thought to be harmful. Aid agencies say food ran "
            "out. Residents and aid workers said the town fell.")
    found = hedging.hedge_evidence(fixture_doc(body))
    assert list(found["kind"].unique()) == ["attribution"]
    assert list(found["text"]) == [
        "claimed", "purported", "alleged", "asked not to be named", "on condition of anonymity",
        "aides now concede", "people close to the campaign said", "was once thought to",
        "agencies say", "Residents and aid workers said"]


def test_multiword_terms_win_and_inflections_match():
    body = ("In fact, the deal is done. There is no doubt about it. According to officials, talks "
            "ended. The report suggests a thaw. The move appeared calm. It seems fine. "
            "Ties tend to improve.")
    assert cues(body) == [
        ("In fact", "booster", "lexicon"), ("no doubt", "booster", "lexicon"),
        ("According to", "attribution", "lexicon"), ("suggests", "hedge", "ok:speech_act_subject"),
        ("appeared", "hedge", "ok:appear_epistemic"), ("seems", "hedge", "lexicon"),
        ("tend to", "hedge", "lexicon")]


def test_attribution_distancing_but_not_plain_reporting():
    body = ("Lee said the talks went well. Analysts said the plan is risky. The summit is widely "
            "seen as a success. Some say the plan is flawed. The deal, said one analyst, is fragile. "
            "Xi reportedly joked. It is believed that talks will resume.")
    found = hedging.hedge_evidence(fixture_doc(body))
    assert list(found["kind"].unique()) == ["attribution"]
    assert list(found["text"]) == ["Analysts said", "is widely seen as", "Some say",
                                   "said one analyst", "reportedly", "It is believed that"]
    assert list(found["term"]) == ["analysts said", "is said to", "some say", "said analysts",
                                   "reportedly", "it is said that"]


def test_headings_are_not_scanned():
    doc = Doc.from_text("## Perhaps a heading\n\nTalks may resume.")
    assert list(hedging.hedge_evidence(doc)["text"]) == ["may"]


# ---------------------------------------------------------------- voice split and rates
def test_rates_arithmetic_and_voice_split():
    body = 'Talks may resume. Officials clearly agree. "It could possibly fail," he said.'
    doc = fixture_doc(body, quoted=["It could possibly fail,"])
    words = words_by_voice(doc)
    assert words == {"narrator": 8, "quoted": 4}
    frame = hedging.hedge_evidence(doc)
    assert list(zip(frame["text"], frame["voice"])) == [
        ("may", "narrator"), ("clearly", "narrator"), ("could", "quoted"), ("possibly", "quoted")]
    row = hedging.summarize(doc)
    assert row["hedge_count"] == 1 and row["booster_count"] == 1 and row["attribution_count"] == 0
    assert row["hedge_rate"] == pytest.approx(1000 / 8)  # the quoted hedges do not count
    assert row["booster_rate"] == pytest.approx(1000 / 8)
    assert row["hedge_rate_quoted"] == pytest.approx(2000 / 4)
    assert row["booster_rate_quoted"] == 0.0
    assert row["hedge_rate_all"] == pytest.approx(3000 / 12)
    assert row["hedge_rate_uncertainty"] == pytest.approx(1000 / 8)
    assert row["hedge_rate_approximation"] == 0.0
    # every voice; of the three only "possibly" is a weasel (modal verbs are not)
    assert row["uncertainty_count"] == 3 and row["weasel_count"] == 1
    # Nothing quoted: the quoted rates are undefined, not zero.
    plain = hedging.summarize(fixture_doc("Talks may resume."))
    assert math.isnan(plain["hedge_rate_quoted"]) and plain["hedge_rate"] == pytest.approx(1000 / 3)


def test_rates_by_category_agrees_with_summarize(docs):
    doc = docs["focus-2026-01-summit"]
    evidence = hedging.hedge_evidence(doc)
    table = hedging.rates_by_category(evidence, hedging.word_counts(doc))
    row = hedging.summarize(doc)
    narrator = table[table["voice"] == "narrator"].set_index("category")
    assert narrator.loc["uncertainty", "count"] == 3
    assert narrator.loc["uncertainty", "rate"] == pytest.approx(row["hedge_rate_uncertainty"])
    attribution = narrator[narrator["kind"] == "attribution"]  # hearsay, vague_source, attribution
    assert attribution["rate"].sum() == pytest.approx(row["attribution_rate"])
    quoted = table[(table["voice"] == "quoted") & (table["category"] == "booster")].iloc[0]
    assert quoted["count"] == 1 and quoted["rate"] == pytest.approx(row["booster_rate_quoted"])
    assert set(table["voice"]) == {"narrator", "quoted", "all"}
    assert len(table) == 3 * 11  # every enabled category, zero or not
    # A plain mapping of words works for one article.
    same = hedging.rates_by_category(evidence, hedging.voice_words(doc))
    pd.testing.assert_frame_equal(same, table)


# ---------------------------------------------------------------- real corpus values
def test_evidence_spans_point_into_the_body(corpus, docs):
    for article in corpus.articles:
        frame = hedging.hedge_evidence(docs[article.id], include_rejected=True)
        assert list(frame.columns) == hedging.EVIDENCE_COLUMNS
        assert frame["start"].is_monotonic_increasing
        for row in frame.itertuples():
            assert article.body[row.start:row.end] == row.text
            assert row.article_id == article.id


def test_cctv_interview_narrator_rates(docs):
    doc = docs["unnamed002-2026-01-cctv-interview"]
    row = hedging.summarize(doc)
    assert round(row["hedge_rate"], 2) == 2.50  # 2 hedges / 801 narrator words
    assert round(row["booster_rate"], 2) == 1.25
    assert round(row["attribution_rate"], 2) == 8.74
    frame = hedging.hedge_evidence(doc)
    hedges = frame[frame["kind"] == "hedge"]
    assert list(zip(hedges["sentence"], hedges["text"])) == [(20, "appeared"), (28, "could")]
    assert list(frame.loc[frame["kind"] == "booster", "text"]) == ["clearly"]
    attribution = frame.loc[frame["kind"] == "attribution", "text"].tolist()
    assert attribution.count("According to") == 4
    assert {"is widely seen as", "is expected to", "Observers expect"} <= set(attribution)


def test_press_conference_hedges(docs):
    doc = docs["cdb-2026-01-21-press-conference"]
    row = hedging.summarize(doc)
    frame = hedging.hedge_evidence(doc)
    assert list(frame["term"]) == ["could", "could", "could", "likely", "could", "whether"]
    assert list(frame["kind"]) == ["hedge"] * 5 + ["reported"]  # an open question, not a hedge
    assert row["hedge_count"] == 5 and row["booster_count"] == 0
    narrator_words = words_by_voice(doc)["narrator"]
    assert row["hedge_rate"] == pytest.approx(5000 / narrator_words)
    assert 7.5 < row["hedge_rate"] < 7.8
    rejected = hedging.hedge_evidence(doc, include_rejected=True)
    assert sorted(rejected.loc[~rejected["counted"], "rule"]) == [
        "reject:around_spatial", "reject:must_epistemic", "reject:must_epistemic",
        "reject:would_reported", "reject:would_reported"]


def test_summary_columns_for_the_profile(docs):
    row = hedging.summarize(docs["wal-2025-06-phone-call"])
    for column in ["hedge_rate", "booster_rate", "attribution_rate", "hedge_rate_quoted",
                   "booster_rate_quoted", "hedge_rate_all", "booster_rate_all", "hedge_count",
                   "booster_count", "attribution_count", "hedge_rate_approximation",
                   "hedge_rate_uncertainty", "hedge_rate_conditional", "uncertainty_count",
                   "weasel_count"]:
        assert column in row
    assert row["hedge_count"] == 3  # approximately, perhaps, about $250 million
    assert row["booster_count"] == 1 and row["attribution_count"] == 3


# ---------------------------------------------------------------- gold: precision and recall
def _gold_spans(body: str, items: list[dict]) -> list[tuple[int, int, dict]]:
    spans = []
    for item in items:
        assert body.count(item["snippet"]) == 1, item["snippet"]
        at = body.index(item["snippet"])
        offset = item["snippet"].lower().index(item["term"].lower())
        spans.append((at + offset, at + offset + len(item["term"]), item))
    return spans


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _score_gold(gold_file: Path, bodies: dict[str, str], docs: dict[str, Doc]):
    """Score hedge_evidence against a gold file: per kind (precision, recall, predicted, gold);
    voice agreement on matched cues (hits, total); false readings (article_id, snippet of a
    not_cue the metric counted); errors (article_id, kind, "missed"/"extra", text) for the log.
    A prediction matches a gold cue of the same kind when their character spans overlap."""
    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))["articles"]
    # The gold files annotate Hyland's three kinds; the kinds added for the outside schemes
    # (reported belief, open questions, vague quantifiers) are neither scored nor false readings.
    tally = {kind: {"tp_pred": 0, "pred": 0, "tp_gold": 0, "gold": 0} for kind in hedging.HYLAND_KINDS}
    voice_hits = voice_total = 0
    false_readings, errors = [], []
    for article_id, annotation in sorted(gold.items()):
        body = bodies[article_id]
        expected = _gold_spans(body, annotation["cues"])
        predicted = hedging.hedge_evidence(docs[article_id])
        predicted = predicted[predicted["kind"].isin(hedging.HYLAND_KINDS)]
        for kind in hedging.HYLAND_KINDS:
            pred = [(r.start, r.end, r.voice) for r in predicted.itertuples() if r.kind == kind]
            exp = [(s, e, item) for s, e, item in expected if item["kind"] == kind]
            tally[kind]["pred"] += len(pred)
            tally[kind]["gold"] += len(exp)
            tally[kind]["tp_pred"] += sum(any(_overlap(p[:2], g[:2]) for g in exp) for p in pred)
            tally[kind]["tp_gold"] += sum(any(_overlap(p[:2], g[:2]) for p in pred) for g in exp)
            errors += [(article_id, kind, "extra", body[p[0]:p[1]]) for p in pred
                       if not any(_overlap(p[:2], g[:2]) for g in exp)]
            errors += [(article_id, kind, "missed", item["snippet"]) for s, e, item in exp
                       if not any(_overlap(p[:2], (s, e)) for p in pred)]
            for s, e, item in exp:
                for p in pred:
                    if _overlap(p[:2], (s, e)):
                        voice_total += 1
                        voice_hits += p[2] == item["voice"]
        for s, e, item in _gold_spans(body, annotation.get("not_cues", [])):
            if any(_overlap((r.start, r.end), (s, e)) for r in predicted.itertuples()):
                false_readings.append((article_id, item["snippet"]))
    scores = {}
    for kind, t in tally.items():
        precision = t["tp_pred"] / t["pred"] if t["pred"] else math.nan
        recall = t["tp_gold"] / t["gold"] if t["gold"] else math.nan
        scores[kind] = (precision, recall, t["pred"], t["gold"])
        print(f"\n{kind:12s} precision {precision:.3f} recall {recall:.3f} "
              f"(predicted {t['pred']}, gold {t['gold']})")
    print(f"voice agreement on matched cues: {voice_hits}/{voice_total}")
    for error in errors:
        print("  ", *error)
    return scores, (voice_hits, voice_total), false_readings


@pytest.fixture(scope="module")
def gold_scores(corpus, docs):
    """Per kind: true positives, predictions, gold items; and voice agreement on matches."""
    return _score_gold(GOLD_FILE, {a.id: a.body for a in corpus.articles}, docs)


@pytest.mark.parametrize("kind, min_precision, min_recall", [
    # Measured on the two gold articles: 1.00 / 1.00 for each kind (8 hedges, 1 booster,
    # 3 attribution cues); thresholds sit one error below, since a single miss moves a kind
    # with so few items by 0.1 to 0.5.
    ("hedge", 0.85, 0.85),
    ("booster", 0.5, 1.0),
    ("attribution", 0.7, 0.65),
])
def test_gold_precision_and_recall(gold_scores, kind, min_precision, min_recall):
    scores, _, _ = gold_scores
    precision, recall, _, n_gold = scores[kind]
    assert n_gold > 0
    assert precision >= min_precision, scores[kind]
    assert recall >= min_recall, scores[kind]


def test_gold_voice_and_look_alikes(gold_scores):
    _, (hits, total), false_readings = gold_scores
    assert total == 12 and hits == total
    assert false_readings == []  # every annotated look-alike (deontic must, reported would...) is rejected


def test_corpus_evidence_and_rates_for_many_articles(corpus):
    evidence = hedging.corpus_evidence(corpus.articles)
    assert list(evidence["article_id"].unique()) == sorted(a.id for a in corpus.articles)
    words = pd.concat([hedging.word_counts(Doc.from_article(a)) for a in corpus.articles])
    table = hedging.rates_by_category(evidence, words)
    hedges = table[(table["voice"] == "narrator") & (table["kind"] == "hedge")]
    per_article = hedges.groupby("article_id")["count"].sum().to_dict()
    assert per_article == {"cdb-2026-01-21-press-conference": 5, "focus-2026-01-summit": 3,
                           "unnamed002-2026-01-cctv-interview": 2, "unnamed003-2026-01-summit": 1,
                           "wal-2025-06-phone-call": 3}


def test_would_after_vague_source_belief():
    # Past belief: backshifted "will", not a hedge. Present belief: the conditional, a hedge.
    ok = "ok:would_volition+would_reported+would_habit+would_refusal+would_future_in_past"
    assert cues("Experts believed the move would hurt exporters.", rejected=True) == [
        ("Experts believed", "attribution", "lexicon"), ("would", "hedge", "reject:would_reported")]
    assert cues("Experts believe the move would hurt exporters.", rejected=True) == [
        ("Experts believe", "attribution", "lexicon"), ("would", "hedge", ok)]


# ---------------------------------------------------------------- held-out and blind gold
GOLD_DIR = Path(__file__).parent / "gold"


@functools.lru_cache(maxsize=None)
def _scores_for(name: str):
    corpus = load_corpus(GOLD_DIR / name)
    docs = {a.id: Doc.from_article(a) for a in corpus.articles}
    return _score_gold(GOLD_DIR / f"{name}.yaml", {a.id: a.body for a in corpus.articles}, docs)


@pytest.fixture(scope="module")
def heldout_scores():
    """Development set: ten articles written for the test in other house styles (wire, broadsheet
    analysis, tabloid, state media, think tank, local, business, politics, science, conflict
    wire), annotated by hand before the detector was run on them. First run: hedge P 0.86 /
    R 0.94, booster 0.90 / 0.95, attribution 1.00 / 0.67, 12 look-alikes counted; the rules were
    then generalised from those errors, so this set now scores 1.00 and measures nothing new."""
    return _scores_for("heldout_hedges")


def test_heldout_voice_and_look_alikes(heldout_scores):
    _, (hits, total), false_readings = heldout_scores
    assert total > 0 and hits / total >= 0.95
    assert false_readings == []


def test_vague_groups_anonymity_and_agentless_passives():
    body = ("Scientists say the ice may be thinning. Campaigners said the plan failed. Farmworker "
            "advocates say testing lags. Some researchers believe the glacier is lost. Residents of "
            "Goma reported gunfire. The researchers said the sample was small. An official, who was "
            "not authorized to speak publicly, said so. Officials, who did not wish to be "
            "identified, said no. One member is learnt to have objected. He had been widely tipped "
            "for the job.")
    found = [(t, k) for t, k, _ in cues(body) if k == "attribution"]
    assert found == [
        ("Scientists say", "attribution"), ("Campaigners said", "attribution"),
        ("advocates say", "attribution"), ("researchers believe", "attribution"),
        ("Residents of Goma reported", "attribution"),
        ("was not authorized to speak", "attribution"),
        ("did not wish to be identified", "attribution"), ("is learnt to", "attribution"),
        ("been widely tipped for", "attribution")]


def test_spoken_hedges_evidence_subjects_and_nouns():
    body = ('"I\'d say Doyle is ahead," he said. Santana looks likely to miss the final. The house '
            "looked tidy. A study published in Nature Geoscience suggests warming. She said the "
            "target was off track, and suggested that ministers act. It beat an average estimate "
            "of $4.75 billion. The ice would grow in some years. \"It is, without question, the best,\" "
            "she said.")
    found = [(t, k, r) for t, k, r in cues(body, rejected=True) if t != "some"]
    assert found == [  # "looks likely" is two hedges, like "seems likely"
        ("I'd say", "hedge", "lexicon"), ("looks", "hedge", "lexicon"),
        ("likely", "hedge", "ok:likely_measured"),
        ("suggests", "hedge", "ok:speech_act_subject"),
        ("suggested", "hedge", "reject:speech_act_subject"),
        ("estimate", "hedge", "reject:verb_not_noun"),
        ("would", "hedge", "reject:would_habit"),
        ("without question", "booster", "lexicon")]


def test_anchored_patterns_find_what_a_full_scan_finds(tmp_path):
    """Pattern items with `anchors` are tried only in sentences holding an anchor word; the same
    lexicon without anchors scans every position. Both give the same evidence on every corpus."""
    data = yaml.safe_load(hedging.config.HEDGES_FILE.read_text(encoding="utf-8"))
    anchored = 0
    for category in data["categories"]:
        for item in category.get("items") or []:
            if isinstance(item, dict) and item.pop("anchors", None):
                anchored += 1
    assert anchored >= 10
    plain = tmp_path / "hedges.yaml"
    plain.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for directory in [None] + [GOLD_DIR / n for n in ("heldout_hedges", "blind_hedges", "blind2_hedges",
                                                      "heldout_quotes", "blind_quotes")]:
        for article in load_corpus(directory).articles:
            with_anchors = hedging.hedge_evidence(Doc.from_article(article), include_rejected=True)
            without = hedging.hedge_evidence(Doc.from_article(article), plain, include_rejected=True)
            pd.testing.assert_frame_equal(with_anchors, without)


# Blind sets, written and annotated by people who saw neither the detector, its lexicon nor these
# tests. Their first-run figures are the honest estimate for unseen text:
# - blind_hedges (8 articles), first run after the development-set revision: hedge P 0.939 /
#   R 0.964 (111 cues), booster 1.00 / 0.96 (25), attribution 0.955 / 0.808 (52), 8 of 70
#   look-alikes counted (the rules of the day before: 0.898 / 0.955, 0.96 / 0.96, 0.949 / 0.712).
#   Its misses were general gaps (vague groups such as "scientists say", anonymity markers such as
#   "not authorized to speak", "is learnt to", "I'd say", "looks likely", an evidence subject
#   behind a capitalised journal name, "estimate of"); closing them gave hedge 0.974 / 1.00,
#   booster 1.00 / 1.00, attribution 0.963 / 1.00, so it is now a development set too.
# - blind2_hedges (8 more, another annotator), scored once after every revision and changed
#   nothing after: hedge P 0.949 / R 1.00 (94 cues), booster 1.00 / 1.00 (20), attribution
#   0.974 / 0.927 (41), 5 of 75 look-alikes counted.
# Thresholds sit just under those figures, so a change that makes unseen text worse fails here.
@pytest.mark.parametrize("name, kind, min_precision, min_recall", [
    ("blind_hedges", "hedge", 0.93, 0.95),
    ("blind_hedges", "booster", 0.95, 0.95),
    ("blind_hedges", "attribution", 0.94, 0.80),
    ("blind2_hedges", "hedge", 0.93, 0.97),
    ("blind2_hedges", "booster", 0.95, 0.95),
    ("blind2_hedges", "attribution", 0.95, 0.90),
])
def test_blind_precision_and_recall(name, kind, min_precision, min_recall):
    precision, recall, _, n_gold = _scores_for(name)[0][kind]
    assert n_gold >= 20
    assert precision >= min_precision, (name, _scores_for(name)[0][kind])
    assert recall >= min_recall, (name, _scores_for(name)[0][kind])


@pytest.mark.parametrize("name, most_false_readings", [
    # Left as judgement calls (README): past inability after "nobody", "officials suggested"
    # (proposed), "more likely" of a group, "make it appear that".
    ("blind_hedges", 4),
    ("blind2_hedges", 5),
])
def test_blind_voice_and_look_alikes(name, most_false_readings):
    _, (hits, total), false_readings = _scores_for(name)
    assert total > 120 and hits / total >= 0.95
    assert len(false_readings) <= most_false_readings, false_readings


# ---------------------------------------------------------------- outside schemes (issue 13)
# Rules added after reading errors on the development part of the Szeged Uncertainty Corpus
# (Wikipedia) and the CoNLL-2010 Wikipedia sample (validation/hedging/); the fixtures below are
# news-style sentences written here, so each rule is shown to hold outside Wikipedia too.
def test_may_of_permission_purpose_and_naming_is_not_a_hedge():
    body = ("Guests may bring food. Members may not vote twice. Prices may rise in May. "
            "They prayed so that they may be spared. Tickets may be purchased at the door. "
            "The lake may also be called Lario. Sales to Chinese customers may amount to $2 billion.")
    assert [(t, r) for t, _, r in cues(body, rejected=True)] == [
        ("may", "reject:may_permission"), ("may", "reject:may_permission"),
        ("may", "ok:may_month+may_permission"), ("May", "reject:may_month"),
        ("may", "reject:may_permission"), ("may", "reject:may_permission"),
        ("may", "reject:may_permission"), ("may", "ok:may_month+may_permission")]


def test_should_counts_only_as_an_expectation():
    body = ("The deal should close by March. Results should be available next week. "
            "Cooperation should reflect mutual respect. Should talks fail, prices would rise. "
            "We should not have to pay. Patients should not stop the drug.")
    assert [(t, r) for t, _, r in cues(body, rejected=True) if t.lower() == "should"] == [
        ("should", "ok:should_epistemic"), ("should", "ok:should_epistemic"),
        ("should", "reject:should_epistemic"), ("Should", "reject:should_epistemic"),
        ("should", "reject:should_epistemic"), ("should", "reject:should_epistemic")]


def test_would_of_refusal_and_of_the_future_in_the_past_is_not_a_hedge():
    body = ("The bank wouldn't identify the buyers. She would not comment. "
            "I wouldn't say he is wrong. Smith would later become mayor. "
            "The firm would go on to win three titles. A tax would hurt exporters. "
            "Without the loan, the firm would eventually have folded.")
    found = [(t, r.split("+")[-1] if r.startswith("ok") else r)
             for t, _, r in cues(body, rejected=True) if t.lower().startswith("would")]
    assert found == [
        ("wouldn't", "reject:would_refusal"), ("would", "reject:would_refusal"),
        ("wouldn't", "would_future_in_past"), ("would", "reject:would_future_in_past"),
        ("would", "reject:would_future_in_past"), ("would", "would_future_in_past"),
        ("would", "would_future_in_past")]
    # The conditional "would" is a Hyland hedge (hedge_rate) but not uncertainty.
    assert uncertain("A tax would hurt exporters.") == []
    assert counted("A tax would hurt exporters.") == ["would"]


def test_third_party_belief_and_expectation_are_reported_uncertainty():
    body = ("He thinks several steelmakers will report losses. The three are expected to join "
            "in April. The minister expects a cut. Sales rose as expected. Profits beat what was "
            "expected. She is expecting a baby. They feared that talks would fail.")
    assert uncertain(body) == [("thinks", "reported_belief"), ("are expected to", "hearsay"),
                               ("expects", "reported_belief")]
    # A vague believer is a weasel and a belief (vague_belief): both counts.
    assert uncertain("Economists expect a cut.") == [("Economists expect", "vague_belief")]
    assert uncertain("Economists said a cut is due.") == []  # vague_source: weasel_count only
    # None of them is the narrator's hedge: hedge_rate is unchanged by them.
    row = hedging.summarize(fixture_doc(body))
    assert row["hedge_count"] == 0 and row["uncertainty_count"] == 3  # "would" is backshift


def test_considered_regarded_believed_and_seen_as():
    body = ("He is considered the best player. Voters consider him a hero. The board considered "
            "the bill. We considered it carefully. The plan was considered for a week. Critics regarded the law as harsh. "
            "With regard to trade, little changed. The deal is believed to be near. "
            "The summit was seen as a success. Xi thought that talks would resume. "
            "Buddhist thought spread. It was thought to be lost.")
    assert uncertain(body) == [
        ("considered", "reported_belief"), ("consider", "reported_belief"),
        ("regarded", "reported_belief"), ("is believed to", "hearsay"),
        ("was seen as", "hearsay"), ("thought", "reported_belief"),
        ("was thought to", "hearsay")]


def test_alleged_accused_and_supposed():
    body = ("The alleged plot failed. He allegedly paid bribes. Police accused him of fraud. "
            "The accused left the court. The supposed heir vanished. He is supposed to attend. "
            "The allegations were denied.")  # the noun names a topic
    assert uncertain(body) == [("alleged", "hearsay"), ("allegedly", "hearsay"),
                               ("accused", "reported_belief"), ("supposed", "reported_belief")]


def test_whether_is_an_open_question_but_not_regardless_of_whether():
    body = ("Officials asked whether the bridge was safe. Fees apply regardless of whether you "
            "fly. Prices vary depending on whether it rains.")
    assert uncertain(body) == [("whether", "investigation")]
    assert counted(body) == []  # not a Hyland hedge: hedge_rate does not count it


def test_nouns_of_possibility_and_potential():
    body = ("There is a possibility of rain. The likelihood of a cut rose. A potential deal "
            "stalled. Firms have the potential to grow. Potential energy is stored.")
    assert uncertain(body) == [("possibility", "uncertainty"), ("likelihood", "uncertainty"),
                               ("potential", "uncertainty"), ("potential", "uncertainty")]


def test_possible_of_ability_and_apparent_of_evidence_are_not_hedges():
    body = ("It is possible to book online. The gift made it possible for pupils to travel. "
            "A deal is possible. Problems soon became apparent. The apparent victim fled. "
            "Travellers queued so they could clear customs. Talks could resume.")
    assert uncertain(body) == [("possible", "uncertainty"), ("apparent", "uncertainty"),
                               ("could", "uncertainty")]


def test_weasel_quantifiers_and_vague_sources():
    body = ("Some authors speculate that the text is older. Many believe the tax is unfair. "
            "Several studies link coffee to sleep. Some 200 people came. Some of them left. "
            "It has been argued that the law failed. The law is widely criticised. "
            "It is certain to pass. Many times he tried.")
    frame = hedging.hedge_evidence(fixture_doc(body))
    weasel = set(hedging.load_lexicon().weasel_categories)
    # "Several studies" counts a set rather than blurring a group: not a weasel quantifier.
    assert [(t, c) for t, c in zip(frame["text"], frame["category"])
            if c in weasel and c != "uncertainty"] == [
        ("Some", "vague_quantifier"), ("Many believe", "vague_belief"),
        ("It has been argued that", "vague_source"), ("widely", "vague_source")]
    row = hedging.summarize(fixture_doc(body))
    assert row["weasel_count"] == 4
    # "some 200" stays an approximator; weasel quantifiers are no Hyland attribution.
    assert [(t, k) for t, k, _ in cues(body) if t.lower() == "some"] == [
        ("Some", "vague"), ("Some", "hedge")]
    assert row["attribution_count"] == 3  # Many believe, It has been argued that, widely


def test_weasel_count_is_the_unattributed_claim_not_modal_verbs_or_attributed_beliefs(tmp_path):
    # Weasels (CoNLL-2010 Wikipedia): the writer's own epistemic adverbs, adjectives and
    # evidential verbs, agentless hearsay, vague sources and quantifiers.
    weasels = ("The fort was probably built in 1200. The cause is unclear. The plan seems "
               "doomed. The data suggest a link. The king is said to have fled. Many critics "
               "disagree. Some argue the tax failed.")
    # Not weasels: modal verbs (root or dynamic possibility), possibility words, a belief with
    # its holder named, "appear"/"indicate", an open question.
    others = ("Severe cases may require surgery. Cables could be fixed or detachable. Rain "
              "should ease by noon. A deal is possible. A potential buyer called. Smith "
              "believes the deal is near. I think it works. The firm appears to be stable. "
              "Polls indicate a tie. Officials asked whether the bridge was safe.")
    assert hedging.summarize(fixture_doc(weasels))["weasel_count"] == 7
    row = hedging.summarize(fixture_doc(others))
    assert row["weasel_count"] == 0 and row["uncertainty_count"] == 10  # all still uncertainty
    evidence = hedging.count_evidence(fixture_doc(weasels + " " + others), "weasel_count")
    assert list(evidence["text"]) == ["probably", "unclear", "seems", "suggest",
                                      "is said to", "Many", "Some argue"]
    lexicon = hedging.load_lexicon()
    assert not lexicon.counts_weasel("uncertainty", "may")
    assert lexicon.counts_weasel("uncertainty", "probably")
    assert not lexicon.counts_weasel("reported_belief", "believe")  # moved: the holder is named
    bad = tmp_path / "bad_weasel.yaml"
    bad.write_text("categories:\n- {id: a, kind: hedge, items: [{term: maybe, weasel: maybe}]}\n")
    with pytest.raises(ValueError, match="not true/false"):
        hedging.load_lexicon(bad)


def test_vague_shares_pronouns_and_unnamed_majorities_are_weasels_counts_and_sets_are_not():
    body = ("Many of the songs were lost. Some of the songs were lost. Some have said so. "
            "Many who knew him left. He met Ali and many others. Several buildings were "
            "damaged. Certain species bite. The drug is widely used. Prices varied widely "
            "between regions. Lilacs grow in widely spaced rows. She is a well-known author. "
            "It is not as well known as Paris. The law is widely criticised.")
    evidence = hedging.count_evidence(fixture_doc(body), "weasel_count")
    assert list(zip(evidence["text"], evidence["category"])) == [
        ("Many", "vague_quantifier"), ("Some", "vague_quantifier"),
        ("Many", "vague_quantifier"), ("many", "vague_quantifier"),
        ("widely", "vague_quantifier"), ("well-known", "vague_quantifier"),
        ("widely", "vague_source")]  # "widely believed" stays the vague source


def test_perfect_modal_and_possible_that_are_epistemic_weasels_bare_modals_are_not():
    body = ("The fort may have been built in 1200. The child may not have been his. Guests "
            "may have one drink. Cables may be fixed. It is possible that the tomb was looted. "
            "A deal is possible. He is considered the best player. Voters consider him a hero.")
    frame = hedging.hedge_evidence(fixture_doc(body))
    lexicon = hedging.load_lexicon()
    flagged = [(t, term) for t, term, c in zip(frame["text"], frame["term"], frame["category"])
               if lexicon.counts_weasel(c, term)]
    assert flagged == [("may have been", "may have"), ("may not have been", "may have"),
                       ("possible that", "possible that"), ("considered", "considered")]
    # All of them stay Szeged uncertainty (the bare modals too, except permission "Guests may").
    row = hedging.summarize(fixture_doc(body))
    assert row["uncertainty_count"] == 7 and row["weasel_count"] == 4


def test_a_third_party_belief_verb_without_subject_is_not_reclassified(tmp_path):
    # "Think about it." is an imperative: rejected, not moved to reported_belief.
    assert cues("Think about it.", rejected=True)[0] == ("Think", "hedge", "reject:belief_subject")
    bad = tmp_path / "bad.yaml"
    bad.write_text("categories:\n- {id: a, kind: hedge, items: [{term: think, "
                   "guards: [think_tank], reclassify: {first_person_belief: a}}]}\n")
    with pytest.raises(ValueError, match="reclassifies on guard"):
        hedging.load_lexicon(bad)
    odd = tmp_path / "odd.yaml"
    odd.write_text("categories:\n- {id: a, kind: hedge, items: [maybe]}\nrules:\n  x: [on, off]\n")
    with pytest.raises(ValueError, match="quote"):
        hedging.load_lexicon(odd)


def test_guards_see_a_bounded_window_so_a_run_on_sentence_stays_linear():
    # 3,000 "would" in one sentence: every guard looks at most WINDOW characters either side,
    # so the work per cue is bounded (the earlier guards read the whole sentence per cue).
    body = "It " + " ".join(["would"] * 3000) + " rain."
    doc = fixture_doc(body)
    found = hedging.find_cues(doc, include_rejected=True)
    assert len(found) == 3000
    sentence = doc.text_sentences[0]
    ctx = hedging.Context(doc, sentence, found[1500].nstart, found[1500].nend, "would",
                          hedging.load_lexicon().rules)
    assert len(ctx.before) == hedging.WINDOW and len(ctx.after) == hedging.WINDOW


def test_lower_cased_scan_finds_what_the_case_insensitive_scan_finds(monkeypatch):
    """`_raw_matches` scans lower-cased text with case-sensitive twins of the lexicon's regexes:
    same matches as the case-insensitive regexes on the text, also for characters that case-fold
    oddly (dotless i, long s, Kelvin sign, dotted capital I: those take the original scan)."""
    import random

    from analysis.metrics import hedging as module
    from analysis.run.bench import synthetic_articles

    lexicon = module.load_lexicon()
    rng = random.Random(5)
    texts = []
    for row in synthetic_articles(30, source=load_corpus(BUNDLED_CORPUS).articles):
        words = row["text"].split(" ")
        for _ in range(3):
            changed = [w.upper() if rng.random() < 0.1 else w.title() if rng.random() < 0.1 else w for w in words]
            texts.append(" ".join(changed))
    texts += ["Claſs it MAY be ALLEGEDLY so", "LIKELY \u0130t may", "loſt, perhaps, \u212aind of",
              "appar\u0131ntly ABOUT 5 or so", "SUGGESTS \u03a3 could", "MAYBE-not, would-be, Sort Of"]
    fast = [module._raw_matches(text, lexicon) for text in texts]
    assert any(fast)
    monkeypatch.setattr(module, "_lowercase_twin", lambda regex: None)
    assert fast == [module._raw_matches(text, lexicon) for text in texts]


def _weasels(body: str) -> list[tuple[str, str]]:
    evidence = hedging.count_evidence(fixture_doc(body), "weasel_count")
    return list(zip(evidence["text"], evidence["category"]))


def test_vague_quantifier_of_a_kind_or_in_a_comparison_is_no_weasel():
    # "some" / "many" of a kind or a reason, or in a comparison or question, blur a type or a
    # number, not a group of people or claims.
    body = ("We needed some kind of signal. For some reason the car stalled. He invited as many "
            "friends as he could. Nobody knows how many ships sank. The lab described in some "
            "detail how it works.")
    assert _weasels(body) == []
    # A vague span stays a weasel, like a vague group.
    assert _weasels("The river was dredged for many years.") == [("many", "vague_quantifier")]
    # The group readings stay: a vague group, "as some have argued", "as many critics noted".
    kept = ("Some farmers use the old method. As some have argued, the law is weak. As many "
            "critics noted, the plot is thin. In some cases the test fails.")
    assert _weasels(kept) == [("Some", "vague_quantifier"), ("some have argued", "vague_source"),
                              ("many", "vague_quantifier"), ("critics noted", "vague_source"),
                              ("some", "vague_quantifier")]


def test_superlative_ranking_without_a_measure_is_a_weasel():
    body = ("The bridge is one of the most admired in Europe. Her novel is among the finest of "
            "the decade. The lake is one of the deepest in the region. He joined one of the "
            "interest groups. She is one of the three founders. The town has one of the forest "
            "trails.")
    assert _weasels(body) == [("one of the most", "vague_quantifier"),
                              ("among the finest", "vague_quantifier"),
                              ("one of the deepest", "vague_quantifier")]
    # A peacock claim, not uncertainty: Szeged does not mark it.
    assert hedging.summarize(fixture_doc(body))["uncertainty_count"] == 0


def test_classes_of_judges_legend_and_raised_questions_are_vague_sources():
    body = ("The album was praised by critics. The date is disputed by historians. The plan "
            "was rejected by others. The bill was signed by the governor. Historians argue "
            "that the siege was short. Proponents claimed the tax would pay for itself. "
            "According to legend, the well never dries. Tradition holds that the bell was "
            "cast here. Conventional wisdom says rents will fall. Questions have been raised "
            "about the audit. According to the report, sales fell.")
    assert _weasels(body) == [
        ("praised by critics", "vague_source"), ("disputed by historians", "vague_source"),
        ("rejected by others", "vague_source"), ("Historians argue", "vague_source"),
        ("Proponents claimed", "vague_source"), ("According to legend", "vague_source"),
        ("Tradition holds", "vague_source"), ("Conventional wisdom", "vague_source"),
        ("Questions have been raised", "vague_source")]
    # None of them is epistemic uncertainty ("according to the report" is plain attribution).
    assert hedging.summarize(fixture_doc(body))["uncertainty_count"] == 0


def test_a_class_of_believers_is_a_weasel_and_a_belief_but_seeing_is_not():
    body = ("Some historians believe the map is a copy. The castle is deemed by scholars to "
            "be older. Others, however, argue that the map is genuine. Art historians see "
            "nothing odd in it. The theologians believe in grace.")
    assert _weasels(body) == [("Some", "vague_quantifier"), ("historians believe", "vague_belief"),
                              ("deemed by scholars", "vague_belief"),
                              ("Others, however, argue", "vague_source")]
    row = hedging.summarize(fixture_doc(body))
    assert row["uncertainty_count"] == 3  # the two beliefs, and "The theologians believe"


def test_possessive_superlatives_and_agentless_it_was_reported_that():
    body = ("The choir became one of Norway's finest ensembles. He wrote for some of the best "
            "journals. It was reported that the mill had closed. It has been mentioned that the "
            "road floods. Village lore has it that the oak is cursed. Contrary to popular "
            "perceptions, the lake is clean. The mill reported that sales fell.")
    assert _weasels(body) == [
        ("one of Norway's finest", "vague_quantifier"), ("some of the best", "vague_quantifier"),
        ("It was reported that", "hearsay"), ("It has been mentioned that", "vague_source"),
        ("lore has it", "vague_source"), ("Contrary to popular perceptions", "vague_source")]


def test_common_belief_is_a_vague_belief_and_a_modal_is_not_swallowed_by_a_vague_source():
    body = ("The common belief that bats are blind is old. Contrary to popular belief, bats "
            "see. Some theorists might describe the tax as fair.")
    assert _weasels(body) == [("common belief that", "vague_belief"),
                              ("Contrary to popular belief", "vague_source"),
                              ("Some", "vague_quantifier")]
    # "common belief that" is a doxastic cue; the writer rejects a "popular belief" (no
    # uncertainty); "might" keeps its own cue (a vague source does not reach across a modal).
    assert [(c.text, c.category) for c in hedging.find_cues(fixture_doc(body))
            if c.category in hedging.load_lexicon().uncertainty_categories] == [
        ("common belief that", "vague_belief"), ("might", "uncertainty")]


def test_a_passive_belief_with_its_agent_named_is_attributed_not_a_weasel():
    body = ("The tower was regarded as a ruin by the city council. The tower was regarded as a "
            "ruin by many. The fraud was alleged by Jane Roe. The ruler is said to have built a "
            "fort guarded by his sons. The tower was regarded as safe by the end of the war. "
            "The alleged fraud was small.")
    found = [(c.text, c.category, c.rule) for c in hedging.find_cues(fixture_doc(body))]
    assert found == [
        ("was regarded as", "reported_belief", "moved:agent_unnamed"),
        ("was regarded as", "hearsay", "ok:agent_unnamed"),
        ("alleged", "reported_belief", "moved:agent_unnamed"),
        ("is said to", "hearsay", "ok:agent_unnamed"),
        ("was regarded as", "hearsay", "ok:agent_unnamed"),
        ("alleged", "hearsay", "ok:agent_unnamed")]
    row = hedging.summarize(fixture_doc(body))
    assert row["uncertainty_count"] == 6 and row["weasel_count"] == 4  # the belief stays uncertain


def test_intensified_fame_and_agentless_agreement_are_weasels():
    body = ("The band was hugely popular in the north. The bakery is very good. It is generally "
            "agreed that the canal was dug by hand. It is known that the mill burned. The mill "
            "is very old. The council agreed that rents would rise.")
    assert _weasels(body) == [("hugely popular", "vague_quantifier"),
                              ("It is generally agreed that", "vague_source"),
                              ("It is known that", "vague_source")]


def test_agentless_passive_judgement_is_a_weasel_unless_the_agent_is_named():
    body = ("The dam has been criticized for its cost. The idea has long been claimed. The "
            "mayor has been described as shy. The dam has been criticized by the auditor. The "
            "dam has been built twice.")
    assert _weasels(body) == [("has been criticized", "vague_source"),
                              ("has long been claimed", "vague_source"),
                              ("has been described as", "vague_source")]


# ------------------------------------------------------------------ regex speed-ups, same matches
def test_left_bounded_moves_the_word_check_after_leading_letters():
    assert hedging._left_bounded(r"possible\s+that") == r"possible(?<![\w-]possible)(?:\s+that)"
    assert hedging._left_bounded(r"abc?d") == r"ab(?<![\w-]ab)(?:c?d)"  # "c?" keeps its letter
    # no leading letters, or an alternation at the top: the check stays in front
    assert hedging._left_bounded(r"(?:may|might)\s+x") == r"(?<![\w-])(?:(?:may|might)\s+x)"
    assert hedging._left_bounded(r"ab|cd") == r"(?<![\w-])(?:ab|cd)"
    assert hedging._left_bounded(r"ab[|]c") == r"ab(?<![\w-]ab)(?:[|]c)"
    assert hedging._left_bounded(r"ab\|c") == r"ab(?<![\w-]ab)(?:\|c)"


@pytest.mark.parametrize("pattern", [r"possible\s+that", r"ab|cd", r"well[- ]known", r"abc?d"])
@pytest.mark.parametrize("text", [
    "it is possible that well-known abd ab cd", "impossible that", "un-possible that", "possible that",
    "xab cd-ab, abcd,ab-cd abd-x", "Possible  that WELL KNOWN", "well-knowns well known-ish",
])
def test_left_bounded_matches_as_the_lookbehind_in_front(pattern, text):
    for flags in (0, re.IGNORECASE):
        front = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w]|-\w)", flags)
        moved = re.compile(rf"{hedging._left_bounded(pattern)}(?![\w]|-\w)", flags)
        assert [m.span() for m in moved.finditer(text)] == [m.span() for m in front.finditer(text)]


def test_lowercase_twin_accepts_named_groups():
    twin = hedging._lowercase_twin(re.compile(r"(?P<p0>well[- ]known)", re.IGNORECASE))
    assert twin is not None and not twin.flags & re.IGNORECASE
    assert twin.search("a well-known x").lastgroup == "p0"
    assert hedging._lowercase_twin(re.compile(r"(?P<p0>Well)", re.IGNORECASE)) is None
