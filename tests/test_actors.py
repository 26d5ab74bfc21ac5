"""The actor gazetteer: case-sensitive whole-word matching, name variants, group mentions per sentence."""
from __future__ import annotations

import pytest

from analysis import load_corpus
from analysis.actors import group_mentions, load_gazetteer
from analysis.text import Doc

from conftest import BUNDLED_CORPUS


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def terms(gazetteer, text, group=None):
    return [(m.group, m.term) for m in gazetteer.mentions(text, group)]


def test_us_country_not_pronoun(gazetteer):
    assert terms(gazetteer, "Let us go. US forces and U.S. troops told us.", "us") == [
        ("us", "US"), ("us", "U.S.")]
    assert terms(gazetteer, "USB drives, USAID and USS Ronald Reagan", "us") == []


def test_dotted_and_hyphenated_compounds(gazetteer):
    assert terms(gazetteer, "U.S.-China competition and U.S.-North Korea talks") == [
        ("us", "U.S."), ("china", "China"), ("us", "U.S."), ("north_korea", "North Korea")]
    assert terms(gazetteer, "US-led drills", "us") == [("us", "US")]


def test_longest_alias_wins_within_group(gazetteer):
    found = gazetteer.mentions("Chinese President Xi Jinping met South Korean President Lee Jae-myung.")
    assert [(m.group, m.actor, m.term) for m in found] == [
        ("china", "Xi Jinping", "Chinese President Xi Jinping"),
        ("south_korea", "Lee Jae-myung", "South Korean President Lee Jae-myung")]


def test_south_korea_is_not_north_korea(gazetteer):
    assert terms(gazetteer, "North Korea fired missiles; South Korea protested.") == [
        ("north_korea", "North Korea"), ("south_korea", "South Korea")]


@pytest.mark.parametrize("variant", [
    "Lee Jae-myung", "Lee Jae Myung", "Lee Jae\u2011myung", "Lee Jae-myong", "Lee Jae-Myung",
    "President Lee", "South Korean President Lee Jae Myung"])
def test_lee_variants_resolve(gazetteer, variant):
    assert gazetteer.find_actor(variant).name == "Lee Jae-myung"


def test_party_and_metonym_terms(gazetteer):
    assert terms(gazetteer, "The CCP and the Communist Party of China.", "china") == [
        ("china", "CCP"), ("china", "Communist Party of China")]
    assert terms(gazetteer, "Capitol Hill and the Oval Office; the White House.", "us") == [
        ("us", "Capitol Hill"), ("us", "Oval Office"), ("us", "White House")]


def test_group_affiliation_and_descriptors(gazetteer):
    assert gazetteer.group_affiliation("Chinese officials") == "CN"
    assert gazetteer.group_affiliation("Washington insiders") == "US"
    assert gazetteer.group_affiliation("local officials") is None
    assert gazetteer.descriptor_affiliation("Analysts") == "expert"


def test_group_mentions_sentence_indices():
    doc = Doc.from_text("## China and Japan\n\nSeoul waited. The US spoke. Beijing answered.")
    found = [(index, m.group, m.term) for index, m in group_mentions(doc)]
    assert found == [(0, "china", "China"), (0, "japan", "Japan"), (1, "south_korea", "Seoul"),
                     (2, "us", "US"), (3, "china", "Beijing")]
    assert group_mentions(doc) is group_mentions(doc)  # memoised on the doc


def test_group_mentions_custom_gazetteer_not_cached(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text("groups:\n  - id: eu\n    label: EU\n    affiliation: other\n    terms: [Brussels]\n")
    doc = Doc.from_text("Brussels and Beijing met.")
    custom = group_mentions(doc, load_gazetteer(path))
    assert [(m.group, m.term) for _, m in custom] == [("eu", "Brussels")]
    assert "group_mentions" not in doc.cache
    assert [(m.group, m.term) for _, m in group_mentions(doc)] == [("china", "Beijing")]


def test_corpus_lee_variants_in_raw_bodies():
    """Every raw spelling of the president in the five bodies resolves to one actor."""
    corpus = load_corpus(BUNDLED_CORPUS)
    gazetteer = load_gazetteer()
    spellings = {}
    for article in corpus.articles:
        doc = Doc.from_article(article)
        for _, mention in group_mentions(doc):
            if "Lee Jae" in mention.term:
                start, end = doc.raw_span(mention.nstart, mention.nend)
                spellings[article.body[start:end]] = mention.actor
    raw = set(spellings)
    assert {"President Lee Jae\u2011myung", "South Korean President Lee Jae Myung",
            "Lee Jae-myong", "President Lee Jae-myung", "President Lee Jae-Myung"} <= raw
    assert set(spellings.values()) == {"Lee Jae-myung"}
    assert all(gazetteer.find_actor(s).name == "Lee Jae-myung" for s in raw)


def test_fast_scan_equals_lookbehind_regex(gazetteer):
    """The scan without a leading lookbehind finds exactly what `(?<![\\w.])` + pattern finds."""
    import re

    from analysis.actors.gazetteer import _finditer

    texts = [Doc.from_article(a).text for a in load_corpus(BUNDLED_CORPUS).articles]
    texts += ["AUSA US.US U.S.A. xChina China.Beijing .China _China 9US USUS US", "MUS US-", ""]
    for group in gazetteer.groups:
        fast = gazetteer._patterns[group]
        slow = re.compile(r"(?<![\w.])" + fast.pattern)
        for text in texts:
            assert [m.span() for m in _finditer(fast, text)] == [m.span() for m in slow.finditer(text)]


def test_nested_name_of_another_group_is_one_referent(gazetteer):
    text = "The Democratic People's Republic of Korea and the Republic of Korea met."
    assert terms(gazetteer, text) == [
        ("north_korea", "Democratic People's Republic of Korea"), ("south_korea", "Republic of Korea")]
    assert [m.nstart for m in gazetteer.mentions(text)][1] == text.index("the Republic") + 4
