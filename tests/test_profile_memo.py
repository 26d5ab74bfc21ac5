"""One article's profile does each shared piece of work once (issue 15): the quotes, the voice runs,
the VADER score of each distinct text, the hedge scan and the body's actor mentions are computed
once per Doc and shared by every stage through the Doc's memo (`doc.cache`), and nothing is kept
from one article to the next. The memo's results equal the direct computations."""
from __future__ import annotations

from collections import Counter

import pytest

from analysis import load_corpus
from analysis.actors import Gazetteer, gazetteer_for
from analysis.actors.gazetteer import Mention, _drop_nested
from analysis.corpus import Article
from analysis.metrics import hedging, sentiment
from analysis.metrics.vader import polarity_scores
from analysis.profiling import profile_article
from analysis.quotes import attribution, voice
from analysis.text import Doc

from conftest import BUNDLED_CORPUS

BODY = (
    "## Summit\n\n"
    "Chinese President Xi Jinping met U.S. President Donald Trump in Busan on Thursday. "
    "\"We had a great meeting,\" Trump told reporters after the talks.\n\n"
    "Beijing may ease its export rules, analysts said. Washington called the deal \"historic\" and "
    "\"a win for American farmers.\"\n\n"
    "\"We had a great meeting,\" Trump said again on Friday. The talks lasted about two hours."
)
TITLE = "Xi and Trump meet in Busan"


def _article(article_id: str = "memo-1", body: str = BODY) -> Article:
    return Article(id=article_id, outlet="Memo Wire", title=TITLE, date="2026-01-06", event="e",
                   language="en", body=body)


@pytest.fixture
def calls(monkeypatch) -> dict[str, list]:
    """Counts the calls of each piece of shared work during the test (the first argument of each)."""
    found: dict[str, list] = {}

    def wrap(owner, name: str, argument: int = 0) -> None:
        original = getattr(owner, name)
        found[name] = []

        def recorder(*args, **kwargs):
            found[name].append(args[argument] if len(args) > argument else None)
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, recorder)

    wrap(attribution, "find_spans")
    wrap(attribution, "QuoteContext")
    wrap(sentiment, "score_text")
    wrap(voice, "_sentence_segments", argument=1)
    wrap(hedging, "_raw_matches")
    wrap(Gazetteer, "mentions", argument=1)  # (self, text): record the text
    return found


def test_profile_article_does_each_shared_piece_once(calls):
    article = _article()
    row = profile_article(article)
    doc = Doc.from_text(article.body, title=article.title)
    assert row["sentences"] == len(doc.text_sentences) == 6
    assert row["quote_count"] == 4
    # The quotes: one scan for quote marks, one attribution context (not one per stage).
    assert len(calls["find_spans"]) == 1
    assert len(calls["QuoteContext"]) == 1
    # The voice runs: each non-heading sentence cut once (sentiment, tone, hedging and the quote
    # summary all read the same runs).
    assert [s.text for s in calls["_sentence_segments"]] == [s.text for s in doc.text_sentences]
    # VADER: each distinct text (sentence or voice run) scored once, though the quote recurs in
    # the third paragraph and a lone quote mark is a narrator run four times.
    scored = Counter(calls["score_text"])
    assert set(scored.values()) == {1}
    assert scored["We had a great meeting,"] == 1 and scored['"'] == 1
    runs = sentiment.scored_runs(Doc.from_article(article))
    assert set(scored) == {r["text"] for r in runs}
    assert len(runs) > len(scored)  # more rows than VADER calls: repeated texts reuse a score
    # Hedge cues: one scan of the body.
    assert len(calls["_raw_matches"]) == 1
    # Actor mentions: the body scanned once (sentiment, emphasis and tone share it), the title once.
    scanned = Counter(calls["mentions"])
    assert scanned[doc.text] == 1
    assert scanned[TITLE] == 1


def test_nothing_is_kept_from_one_article_to_the_next(calls):
    """The memo lives on the Doc: the same article profiled twice is worked out twice (a cache
    across articles would flatter the benchmark, whose articles reuse sentences, and grow)."""
    article = _article()
    first = profile_article(article)
    second = profile_article(_article())
    assert len(calls["find_spans"]) == 2
    assert len(calls["_raw_matches"]) == 2
    assert Counter(calls["score_text"]).most_common(1)[0][1] == 2
    assert first.keys() == second.keys()
    assert all(first[k] == second[k] or first[k] != first[k] for k in first)  # NaN != NaN


@pytest.fixture(scope="module")
def bundled_docs():
    return [Doc.from_article(a) for a in load_corpus(BUNDLED_CORPUS).articles]


def test_memo_results_equal_direct_computations(bundled_docs):
    for doc in bundled_docs:
        fresh = Doc.from_article(doc.article)
        # Quotes: the memo (default gazetteer and lexicon) equals an unmemoised extraction.
        memo = attribution.extract_quotes(doc)
        assert attribution.extract_quotes(doc) is memo
        assert memo == attribution.extract_quotes(fresh, gazetteer=gazetteer_for(fresh))
        # Voice runs: the memo equals cutting each sentence on its own.
        direct = [seg for s in fresh.text_sentences for seg in voice.sentence_segments(fresh, s)]
        assert voice.segments(doc) == direct
        assert sum(seg.words for seg in direct) == doc.words
        # Sentence scores: each row holds VADER's own scores of its text.
        for row in sentiment.scored_runs(doc):
            scores = polarity_scores(row["text"])
            assert (row["compound"], row["pos"], row["neu"], row["neg"]) == (
                scores["compound"], scores["pos"], scores["neu"], scores["neg"])
            assert doc.body[row["start"]:row["end"]]  # spans index the body


def test_sentence_without_quotes_is_one_narrator_run():
    doc = Doc.from_text('Lee spoke first. "We agree," Xi said. Talks ended.')
    doc.cache["quoted_spans"] = [(doc.text.index('"We agree,"'), doc.text.index('"We agree,"') + 11)]
    first, second, third = doc.text_sentences
    assert voice.sentence_segments(doc, first) == [
        voice.Segment(0, first.nstart, first.nend, voice.NARRATOR, "Lee spoke first.", 3)]
    assert [(s.voice, s.text, s.words) for s in voice.sentence_segments(doc, second)] == [
        (voice.QUOTED, '"We agree,"', 2), (voice.NARRATOR, " Xi said.", 2)]
    assert [(s.voice, s.text) for s in voice.sentence_segments(doc, third)] == [
        (voice.NARRATOR, "Talks ended.")]
    assert voice.words_by_voice(doc) == {voice.NARRATOR: 7, voice.QUOTED: 2}


def test_mentions_side_by_side_keep_their_order_and_nested_ones_go():
    side = [Mention("us", None, "U.S.", 0, 4), Mention("north_korea", None, "North Korea", 5, 16)]
    assert _drop_nested(side) == side
    nested = [Mention("north_korea", None, "Democratic People's Republic of Korea", 4, 41),
              Mention("south_korea", None, "Republic of Korea", 24, 41)]
    assert _drop_nested(nested) == nested[:1]
    same_start = [Mention("china", None, "China", 0, 5), Mention("taiwan", None, "China Taipei", 0, 12)]
    assert _drop_nested(same_start) == same_start[1:]
