"""Tests for the article name registry (analysis/quotes/ speakers, names, descriptors, lookup,
affiliations): names, descriptor classes, countries and the home country, on small fixtures."""
from __future__ import annotations

import re

import pytest

from analysis.actors import load_gazetteer
from analysis.quotes import load_lexicon
from analysis.quotes.affiliations import home_country, load_affiliator
from analysis.quotes.descriptors import _STOP_BEFORE, _WORD, _words_before
from analysis.quotes.lookup import _find_name, affiliation, lookup
from analysis.quotes.speakers import NameRegistry
from analysis.text import Doc


@pytest.fixture(scope="module")
def aff():
    return load_affiliator()


def registry(body: str) -> NameRegistry:
    doc = Doc.from_text(body)
    return NameRegistry(doc.text, doc, load_gazetteer(), load_affiliator(),
                        given_names=load_lexicon().given_names)


def entity(reg: NameRegistry, name: str):
    found = [e for e in reg.entities if e.name == name]
    assert len(found) == 1, [e.name for e in reg.entities]
    return found[0]


# ---------------------------------------------------------------- names
def test_titles_are_cut_and_surnames_resolve_to_the_full_name():
    reg = registry("SANTIAGO, Sept 16 (Wire) - Mining Minister Aurora Pizarro urged calm. "
                   "Pizarro said more talks were needed.")
    pizarro = entity(reg, "Aurora Pizarro")
    assert pizarro.kind == "person" and pizarro.evidence
    assert "Mining Minister" in pizarro.descriptors
    assert lookup(reg, "Pizarro", len(reg.doc.text) - 30) is pizarro
    assert affiliation(reg, pizarro) == ("CL", "state_roles")


def test_honorific_gives_gender_and_a_later_surname_only_mention_joins_the_person():
    reg = registry("The Health Secretary, Margaret Hale, spoke. Later Ms Hale said it again.")
    hale = entity(reg, "Margaret Hale")
    assert hale.gender == "f"
    assert "The Health Secretary" in hale.descriptors
    assert [m[2] for m in reg.mentions if m[2] is hale] == [hale, hale]


def test_bodies_keep_of_phrases_and_portfolios_are_not_names():
    reg = registry("The Russian Ministry of Agriculture said so. Kazakhstan's Minister of "
                   "Agriculture Aidos Nurlanov agreed.")
    ministry = entity(reg, "Russian Ministry of Agriculture")
    assert ministry.kind == "body"
    assert affiliation(reg, ministry) == ("RU", "state_bodies")
    minister = entity(reg, "Aidos Nurlanov")
    assert affiliation(reg, minister) == ("KZ", "state_roles")


def test_a_title_after_a_body_word_names_a_person_of_that_body():
    reg = registry("Board Chairman Phil Granger spoke first. The Prime Minister's Office replied.")
    assert entity(reg, "Phil Granger").kind == "person"
    assert entity(reg, "Prime Minister's Office").kind == "body"


def test_places_and_countries_are_not_speakers():
    reg = registry("Traffic on Quarry Road was heavy. Protesters in Central Asia and South Korea "
                   "marched. Helen Park, an analyst, spoke.")
    names = [e.name for e in reg.entities]
    assert "Quarry Road" not in names and "Central Asia" not in names and "South Korea" not in names
    assert "Helen Park" in names  # "Park" is a surname, not a place word


def test_its_brings_in_the_last_body_named():
    reg = registry("Analysts at the Fairleigh Institute, a health think-tank, disagree. Its senior "
                   "fellow, Tom Ashby, said so.")
    ashby = entity(reg, "Tom Ashby")
    assert affiliation(reg, ashby) == ("expert", "expert_words")


def test_a_predicate_after_a_comma_is_not_an_apposition():
    reg = registry("The shadow health secretary, Daniel Osei, accused ministers of spin.")
    osei = entity(reg, "Daniel Osei")
    assert osei.descriptors == ["The shadow health secretary"]


# ---------------------------------------------------------------- classes and countries
@pytest.mark.parametrize("descriptors, home, expected", [
    (["union president"], "CL", ("other", "private_bodies")),
    (["a metals analyst at Crestline Capital in Singapore"], None, ("expert", "expert_words")),
    (["a spokesman for the county sheriff"], "US", ("US", "state_bodies")),
    (["Chief financial officer"], None, ("other", "private_roles")),
    (["Sweden's industry minister"], "GB", ("SE", "state_roles")),
    (["the then health minister"], None, ("unknown", "state_roles")),
    (["a reporter for the paper"], "US", ("media", "media_roles")),
    (["residents"], "US", ("other", "private_roles")),
    (["who has lived on the road for 22 years"], "US", ("unknown", "none")),
])
def test_descriptor_classes_in_order(aff, descriptors, home, expected):
    assert aff.classify(descriptors, home) == expected


def test_home_is_asked_only_for_a_state_class(aff):
    def boom():
        raise AssertionError("home country computed for a non-state speaker")
    assert aff.classify(["an economist"], boom) == ("expert", "expert_words")
    assert aff.classify(["the mayor"], lambda: "FR") == ("FR", "state_roles")


def test_country_names_demonyms_places_and_possessives(aff):
    assert aff.country_in("Chile's labour minister") == "CL"
    assert aff.country_in("the Russian delegation") == "RU"
    assert aff.country_in("Kerala Chief Minister") == "IN"
    assert aff.country_in("a local official") is None
    assert aff.country_in_caps("KELOWNA, B.C.") == "CA"


@pytest.mark.parametrize("body, expected", [
    ("SANTIAGO, Sept 16 (Meridian Wire) - Workers walked out.", "CL"),
    ("KELOWNA, B.C. \u2014 Officials ordered 4,000 people out.", "CA"),
    ("Talks in Paris went on. France and Germany agreed; French officials were pleased.", "FR"),
    ("Nobody named a country here.", None),
])
def test_home_country_from_the_dateline_else_the_most_named(body, expected):
    assert home_country(Doc.from_text(body)) == expected


def test_a_possessive_after_s_keeps_the_s():
    from analysis.quotes.names import clean
    assert clean("Hollis'") == "Hollis" and clean("Hale's") == "Hale" and clean("Gus") == "Gus"
    reg = registry("Senator Dara Hollis spoke on Monday. Hollis' aides said the vote was close.")
    hollis = entity(reg, "Dara Hollis")
    assert [m[2] for m in reg.mentions if m[2] is hollis] == [hollis, hollis]


def test_a_lone_common_given_name_that_reports_is_a_person():
    reg = registry("Captain Ivo Marsh steered the ferry. Later Gary said the crossing was calm. "
                   "Margaret Oyelaran arrived. Margaret said it again.")
    gary = entity(reg, "Gary")
    assert gary.kind == "person" and gary.gender == "m"
    margaret = entity(reg, "Margaret Oyelaran")
    assert [m[2] for m in reg.mentions if m[2] is margaret] == [margaret, margaret]



def test_a_relative_introduced_later_does_not_take_over_the_bare_surname():
    reg = registry("Mayor Dana Okafor opened the fair. Okafor thanked the crews. Later his daughter, "
                   "Ana Okafor, spoke. Okafor then cut the ribbon.")
    dana = entity(reg, "Dana Okafor")
    last = reg.mentions[-1]
    assert reg.masked[last[0]:last[1]] == "Okafor" and last[2] is dana


def test_an_honorific_picks_the_person_of_its_gender_among_one_surname():
    # "Mrs. Okafor" after Mary and John Okafor is Mary, though John came later; "Mr." is John.
    reg = registry("Mary Okafor spoke in Iowa. John Okafor was there too. Mrs. Okafor did not "
                   "hesitate. Mr. Okafor smiled.")
    mary, john = entity(reg, "Mary Okafor"), entity(reg, "John Okafor")
    assert [m[2] for m in reg.mentions[-2:]] == [mary, john]
    # no gender known (unisex given names): the last introduced, as before
    reg = registry("Dana Okafor spoke in Iowa. Robin Okafor was there too. Mrs. Okafor did not hesitate.")
    assert reg.mentions[-1][2] is entity(reg, "Robin Okafor")


def test_a_gazetteer_persons_bare_alias_used_first_stays_theirs():
    # "Yoon Suk-yeol" is a person of the bundled gazetteer (alias "Yoon")
    reg = registry("Former president Yoon Suk-yeol spoke first. Yoon thanked the crowd. His niece "
                   "Dara Yoon followed. Yoon then left.")
    dara = entity(reg, "Dara Yoon")
    assert [m[2] for m in reg.mentions if m[2] is dara] == [dara]


def test_a_person_known_by_surname_only_keeps_the_bare_surname():
    reg = registry("President Okafor arrived late. The crowd cheered. Okafor thanked them.")
    okafor = entity(reg, "Okafor")
    assert [m[2] for m in reg.mentions if m[2] is okafor] == [okafor, okafor]


def test_a_given_name_after_a_kin_noun_is_a_person():
    reg = registry("Captain Ivo Marsh spoke first. His wife, Karen, offered a preview of the plan.")
    karen = entity(reg, "Karen")
    assert karen.kind == "person" and karen.gender == "f"


@pytest.mark.parametrize("name, text", [
    ("Ada Okafor", "said Ada Okafor, a nurse"),
    ("Okafor", "Okafor-Lind said"),             # hyphen after: not the name
    ("Okafor", "Okafor-Lind and Okafor said"),  # the second, a whole word
    ("Lind", "Okafor-Lind said"),               # hyphen before
    ("Lind", "Lindqvist and Lind_x and Lind"),  # word characters after, underscore included
    ("Élodie", "Élodie Roux"),
    ("Roux", "ÉRoux and 2Roux and Roux."),       # a letter or digit before (Unicode word characters)
    ("Roux", "no such name"),
    ("Ana", "Ana"),
])
def test_find_name_matches_the_word_bounded_regex(name, text):
    expected = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
    assert _find_name(name, text) == (expected.start() if expected else -1)
    assert [_find_name("Okafor", "Okafor-Lind and Okafor said"), _find_name("Roux", "no such name")] == [16, -1]


@pytest.mark.parametrize("before", [
    "In a long opening clause about the harbour and the weather over the hills, the newly appointed senior union president ",
    "Residents of the coastal towns that lined the bay had waited for news for days - then, at last, chief fisheries inspector ",
    "A" * 150 + " deputy ",                # a long word before the tail: fewer than seven words after the space
    "short ",
])
def test_words_before_reads_only_the_tail_and_equals_the_whole_scan(before):
    whole: list[str] = []
    for word in reversed(_WORD.findall(before)):  # the scan of the whole text, as before the tail cut
        if word in ",;:.!?\x00()[]-" or word.lower() in _STOP_BEFORE or len(whole) >= 6:
            break
        whole.insert(0, word)
    assert _words_before(before) == whole
    assert _words_before("In a long opening clause about the harbour and the weather over the hills, "
                         "the newly appointed senior union president ") == ["the", "newly", "appointed", "senior", "union",
                                                                             "president"]


def test_a_conjunction_or_preposition_opening_a_run_is_not_part_of_the_name():
    reg = registry("Marta Quintero runs the shelter. Although Quintero was tired, she stayed. "
                   "Because Harlow Freight declined, the talks stopped. By Thursday Ivo Brandt left.")
    names = sorted(e.name for e in reg.entities)
    assert names == ["Harlow Freight", "Ivo Brandt", "Marta Quintero"], names
    quintero = entity(reg, "Marta Quintero")
    assert len([m for m in reg.mentions if m[2] is quintero]) == 2


def test_a_weekday_after_a_name_is_a_time_phrase_not_part_of_it():
    reg = registry("Pell Rowan spoke on Lakeside Tuesday. Later the Acme Courier on Sunday agreed.")
    names = sorted(e.name for e in reg.entities)
    assert "Lakeside Tuesday" not in names and "Pell Rowan" in names, names
    assert not any(n.endswith((" on", " Sunday")) for n in names), names


def test_legislature_and_plural_titles_are_cut_from_the_name():
    doc = Doc.from_text("Then House Speaker Dana Ryle agreed. The plan was backed by Sens. Ivo Brandt "
                        "and Lena Moss. Actress Pia Holt spoke. Like Ryle, Assemblywoman Ana Kerr was late.")
    lexicon = load_lexicon()
    reg = NameRegistry(doc.text, doc, load_gazetteer(), load_affiliator(), lexicon.title_words,
                       given_names=lexicon.given_names)
    names = sorted(e.name for e in reg.entities)
    assert names == ["Ana Kerr", "Dana Ryle", "Ivo Brandt", "Lena Moss", "Pia Holt"], names
