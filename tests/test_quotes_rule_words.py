"""The closed word lists of the attribution rules live in speech_verbs.yaml (`rule_words`)."""
from __future__ import annotations

import re

from analysis.base import config, plain_yaml
from analysis.quotes.lexicon import alternation, rule_words, word_set
from analysis.quotes.tokens import tokenize


def test_every_rule_list_states_its_source_and_holds_lower_case_words():
    data = plain_yaml.load_file(config.SPEECH_VERBS_FILE)["rule_words"]
    assert set(data) >= {"owned_heads", "postmodifiers", "time_words", "gendered_nouns", "aspect_verbs"}
    for section, lists in data.items():
        assert isinstance(lists.get("source"), str) and len(lists["source"]) > 20, section
    words = rule_words()
    assert words["aspect_verbs.lemmas"] == ("continue", "begin")
    assert "on" in words["time_words.openers"]  # quoted in the file, not read as a boolean
    assert all(w == w.lower() for items in words.values() for w in items)


def test_word_set_and_alternation():
    assert "spokeswoman" in word_set("gendered_nouns.female")
    assert "spokeswoman" not in word_set("gendered_nouns.male")
    pattern = re.compile(r"(?:" + alternation("reporting_cues.trailing_frame") + r")$")
    assert pattern.match("told reporters") and pattern.match("said") and not pattern.match("told")


def test_contraction_splits_from_the_yaml_lists():
    text = "She's claiming they'd won"
    assert [t.text for t in tokenize(text, 0, len(text))] == ["She", "is", "claiming", "they", "would", "won"]
