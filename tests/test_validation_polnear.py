"""The PolNeAR harness's own rules (validation/polnear/): quote-region pairing and speaker matching.

Runs without the PolNeAR data (texts below are written for this test)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "validation" / "polnear"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"polnear_{name}", HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


convert = _load("convert")
score = _load("score")


def regions(text: str) -> list[str]:
    return [text[r["start"]:r["end"]] for r in convert.quote_regions(text)]


def test_quote_regions_pair_marks_by_the_side_they_stand_on():
    assert regions('She said “the plan,” then “the cost,” ”and the rest” were wrong.') == [
        "the plan,", "the cost,", "and the rest"]
    assert regions("a show called “Rain On The Roof“ that airs weekly") == ["Rain On The Roof"]
    assert regions("''We will go,'' the mayor said. ''Soon.''") == ["We will go,", "Soon."]
    assert regions('"Yes," she said on "Morning Talk."') == ["Yes,", "Morning Talk."]
    # an opening mark left open closes at the end of its paragraph; the next paragraph is its own
    assert regions("He said: “first part\n\n“second part,” he added.") == ["first part", "second part,"]


def test_speaker_match_normalises_titles_possessives_and_appositives():
    assert score.same_speaker("Dana Whitfield", ["Ms. Whitfield"])
    assert score.same_speaker("Whitfield", ["Dana R. Whitfield, the county clerk,"])
    assert not score.same_speaker("Whitfield", ["Dana Whitfield Jr."])
    assert not score.same_speaker("Dana Whitfield", ["a spokesman for Dana Whitfield"])
    assert score.same_speaker("the Whitfield campaign", ["the campaign"])
    assert score.same_speaker("Lee Moss", ["he", "Lee Moss's"])
    assert not score.same_speaker(None, ["he"])
    assert score.resolvable(["He", "Dana Whitfield"]) and not score.resolvable(["He", "officials"])


def test_matching_is_one_to_one_at_half_the_longer_span():
    gold = [{"start": 0, "end": 10}, {"start": 20, "end": 30}]
    pred = [{"start": 0, "end": 10}, {"start": 2, "end": 10}, {"start": 20, "end": 41}]
    pairs = score.match(gold, pred)
    assert [(g, p) for g, p, _ in pairs] == [(0, 0)]  # 20..41 overlaps 10 of 21 chars: below 0.5


def test_a_title_taking_of_keeps_the_name_after_the_office():
    assert score.same_speaker("Dana Whitfield", ["Commissioner of Revenue Dana Whitfield"])
    assert score.same_speaker("Whitfield", ["the director of the bureau Dana R. Whitfield"])
    assert not score.same_speaker("Revenue", ["Commissioner of Revenue"])  # no name after the office
    # a name before " of " stays the person: the place after it is not
    assert not score.same_speaker("Lakeside", ["Dana Whitfield of Lakeside"])


def test_a_post_modifier_of_an_unnamed_source_is_not_its_head():
    assert score.same_speaker("a source", ["a source familiar with the council's thinking"])
    assert score.same_speaker("one aide", ["One aide close to the mayor"])
    assert not score.same_speaker("the mayor", ["One aide close to the mayor"])


def test_an_article_and_adjective_before_a_name_describe_the_person():
    assert score.same_speaker("Dana Whitfield", ["an angry Whitfield"])
    assert score.same_speaker("Lee Moss", ["a confident-seeming Moss"])
    assert not score.same_speaker("Lee Moss", ["the younger Mr. Moss Jr."])
    assert score.same_speaker("Florida senator", ["The Florida senator"])


def test_a_descriptor_of_title_words_keeps_its_last_word():
    assert score.same_speaker("former president", ["the former president"])
    assert score.name_tokens("the senator") == [["senator"]]
    assert not score.same_speaker("Dana Whitfield", ["the former president"])


def test_a_family_name_alone_matches_a_family_first_name():
    assert score.same_speaker("Moon Ji-ho", ["Moon"])
    assert score.same_speaker("Moon", ["Moon Ji-ho, the minister"])
    assert not score.same_speaker("Moon", ["Dana Moon-Whitfield"])


def test_a_sentence_initial_quantifier_opens_a_descriptor_not_a_name():
    # "One of the firm's lawyers, Dana Whitfield," is Whitfield: "One" is capitalised only as
    # the sentence's first word; a name first ("Lee Moss of Lakeside, Dana County") stays itself
    assert score.same_speaker("Dana Whitfield", ["One of the firm's lawyers, Dana Whitfield,"])
    assert score.same_speaker("Dana Whitfield", ["Some of her aides, Dana Whitfield and Lee Moss,"])
    assert not score.same_speaker("Dana County", ["Lee Moss of Lakeside, Dana County"])
