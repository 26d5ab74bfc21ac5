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


audit = _load("audit")


def _gold_row(article, start, kind, ok, resolvable=True, found=True, pred="Lee Moss"):
    return {"article": article, "start": start, "speaker_kind": kind, "speaker_ok": ok,
            "resolvable": resolvable, "found": found, "pred_speaker": pred}


def test_speaker_accuracy_is_split_by_what_the_annotators_marked_as_source():
    found = [_gold_row("a", 1, "name", True), _gold_row("a", 9, "name", False), _gold_row("a", 20, "name", True),
             _gold_row("b", 3, "pronoun", False), _gold_row("b", 7, "pronoun", True)]
    f = score.source_kind_figures(found)
    assert (f["matched_name_source"], f["speaker_name_source"]) == (3, 0.667)
    assert (f["matched_pronoun_source"], f["speaker_pronoun_source"]) == (2, 0.5)
    assert (f["matched_nominal_source"], f["speaker_nominal_source"]) == (0, None)


def test_audit_strata_take_only_pronoun_source_speaker_errors():
    assert audit.stratum_of(_gold_row("a", 1, "pronoun", False)) == "named chain"
    assert audit.stratum_of(_gold_row("a", 1, "pronoun", False, resolvable=False)) == "no named chain"
    assert audit.stratum_of(_gold_row("a", 1, "pronoun", True)) is None
    assert audit.stratum_of(_gold_row("a", 1, "name", False)) is None
    assert audit.stratum_of(_gold_row("a", 1, "pronoun", False, found=False)) is None


def test_audit_sample_order_is_a_hash_of_article_and_offset_not_the_input_order():
    rows = [_gold_row(f"art-{i}", 10 * i, "pronoun", False) for i in range(6)]
    order = [r["article"] for r in audit.sample_order(rows)]
    assert order == [r["article"] for r in audit.sample_order(list(reversed(rows)))]
    assert order != [r["article"] for r in rows] and sorted(order) == sorted(r["article"] for r in rows)


def test_wilson_interval_matches_the_textbook_values():
    lo, hi = audit.wilson(45, 60)
    assert (round(lo, 3), round(hi, 3)) == (0.628, 0.842)
    assert audit.wilson(0, 0) == (0.0, 1.0)


def test_audit_summary_counts_only_verdicts_that_are_still_errors(tmp_path):
    tsv = tmp_path / "v.tsv"
    tsv.write_text("stratum\trank\tarticle\tstart\tend\textractor_speaker\textractor_rater1\tchain_rater1\t"
                   "extractor_rater2\tchain_rater2\n"
                   "named chain\t0\ta\t1\t5\tLee Moss\tright\twrong\tright\twrong\n"
                   "named chain\t1\ta\t9\t12\tLee Moss\tright\twrong\twrong\tright\n"
                   "named chain\t2\tb\t3\t8\tLee Moss\twrong\tright\twrong\tright\n"
                   "named chain\t3\te\t6\t9\tDana Moss\twrong\tright\twrong\tright\n"
                   "no named chain\t0\tc\t4\t9\tLee Moss\tright\tno name\tright\tno name\n", encoding="utf-8")
    verdicts = audit.read_verdicts(tsv)
    gold_rows = [_gold_row("a", 1, "pronoun", False), _gold_row("a", 9, "pronoun", False),
                 _gold_row("b", 3, "pronoun", True),  # fixed since the audit: drops out
                 _gold_row("c", 4, "pronoun", False, resolvable=False), _gold_row("d", 2, "name", True),
                 _gold_row("e", 6, "pronoun", False, pred="Ana Moss")]  # another speaker since: drops out
    text = "\n".join(audit.summary(verdicts, gold_rows))
    assert "| named chain | 3 | 2 of 4 | 2 (1.00) | 1 (0.50) | 1 (0.50; 95% 0.09-0.91) | 0 / 1 | 1 of 2 |" in text
    assert "| no named chain | 1 | 1 of 1 | 1 (1.00) | 1 (1.00) | 1 (1.00; 95% 0.21-1.00) | 0 / 0 | 1 of 1 |" in text
    # 6 matched, 2 right now; expected 2 + 3 * 0.5 + 1 * 1.0 = 4.5 right
    assert "6 matched quotes, 2 with the speaker counted right (0.333)" in text
    assert "about 0.750 (0.415 to 0.953 at the ends of the strata's 95% intervals), against the scorer's 0.333" in text


def test_audit_verdicts_name_the_line_of_a_bad_value(tmp_path):
    tsv = tmp_path / "v.tsv"
    tsv.write_text("stratum\trank\tarticle\tstart\tend\textractor_speaker\textractor_rater1\tchain_rater1\t"
                   "extractor_rater2\tchain_rater2\n"
                   "named chain\t0\ta\t1\t5\tLee Moss\tyes\twrong\tright\twrong\n", encoding="utf-8")
    try:
        audit.read_verdicts(tsv)
    except SystemExit as exc:
        assert "v.tsv, line 2: extractor_rater1 must be right, wrong or unclear, not 'yes'" in str(exc)
    else:
        raise AssertionError("a bad verdict was accepted")
