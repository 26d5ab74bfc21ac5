"""Affiliation codes from the words that describe a speaker, and the country an article is about.

`Affiliator` turns descriptor texts into an affiliation code with the rules and word lists of
`analysis/data/affiliations.yaml` and the country names of `analysis/data/countries.yaml`: the
first class of affiliations.yaml with a word in the descriptors (media roles, expert words,
private bodies, state bodies, private roles, state roles) decides. A state class takes the country
named in the descriptors, else the article's home country (`home_country`: its dateline's, else
the one it names most), else `unknown`. Nothing found: `unknown`.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..base import config, plain_yaml
from ..text import trie_pattern

CLASS_ORDER = ("media_roles", "expert_words", "private_bodies", "state_bodies", "private_roles",
               "state_roles")
CLASS_CODE = {"media_roles": "media", "expert_words": "expert", "private_bodies": "other",
              "private_roles": "other"}


@dataclass(frozen=True)
class Affiliator:
    """Compiled affiliation classes and country names."""

    classes: tuple[tuple[str, re.Pattern], ...]
    country_terms: dict[str, str]
    country_pattern: re.Pattern
    body_words: frozenset
    portfolio_words: frozenset = frozenset()
    media_words: frozenset = frozenset()
    folded_terms: dict = field(default_factory=dict)
    role_words: frozenset = frozenset()

    def country_in(self, text: str) -> str | None:
        """ISO code of the first country, demonym or place named in `text`, else None."""
        for match in self.country_pattern.finditer(text):
            return self.country_terms[match.group()]
        return None

    def country_in_caps(self, text: str) -> str | None:
        """Like `country_in` for text in capitals (a dateline: "RIO DE JANEIRO", "KELOWNA, B.C.")."""
        folded = self.folded_terms
        for match in re.finditer(r"[^\W\d_][\w.'-]*(?:\s+[^\W\d_][\w.'-]*)*", text):
            words = match.group().split()
            for size in range(len(words), 0, -1):  # longest first
                for i in range(len(words) - size + 1):
                    code = folded.get(" ".join(words[i:i + size]).casefold())
                    if code:
                        return code
        return None

    def countries(self, text: str) -> list[tuple[int, str]]:
        return [(m.start(), self.country_terms[m.group()]) for m in self.country_pattern.finditer(text)]

    def explain(self, descriptors: list[str], home) -> tuple[str, str]:
        """(affiliation code, evidence) for the descriptor texts of one speaker. `home` is the
        article's home country, or a callable giving it (asked only for a state class). The
        evidence names the class and the words that decided: "private_bodies:union",
        "state_roles:minister@Chile's" (the country named in the descriptors), "state_roles:
        judge@home" (the article's home country), "none"."""
        text = " ".join(descriptors).lower()
        last = descriptors[-1].split() if descriptors else []
        if last and last[-1].lower() in self.media_words:
            return "media", f"media_name:{last[-1]}"  # a masthead: "The Financial Ledger"
        for class_id, pattern in self.classes:
            match = pattern.search(text)
            if match:
                evidence = f"{class_id}:{match.group()}"
                if class_id in CLASS_CODE:
                    return CLASS_CODE[class_id], evidence
                named = self.country_pattern.search(" ".join(descriptors))
                if named:
                    return self.country_terms[named.group()], f"{evidence}@{named.group()}"
                country = home() if callable(home) else home
                return (country or "unknown"), f"{evidence}@{'home' if country else 'no country'}"
        return "unknown", "none"

    def classify(self, descriptors: list[str], home) -> tuple[str, str]:
        """(affiliation code, class id): `explain` without the words."""
        code, evidence = self.explain(descriptors, home)
        return code, evidence.split(":")[0]


def _phrase_pattern(items) -> re.Pattern:
    words = sorted({str(i).lower() for i in items}, key=lambda w: (-len(w), w))
    body = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) or r"(?!x)x"
    return re.compile(rf"(?<![\w'-])(?:{body})(?![\w-])")


@lru_cache(maxsize=4)
def load_affiliator(affiliations: str | None = None, countries: str | None = None) -> Affiliator:
    """The affiliation classes and country names (defaults: the package's data files)."""
    data = plain_yaml.load_file(affiliations or config.AFFILIATIONS_FILE)
    classes = tuple((class_id, _phrase_pattern(data.get(class_id) or [])) for class_id in CLASS_ORDER)
    body_words = frozenset(w.lower() for key in ("private_bodies", "state_bodies") for w in data[key]
                           if " " not in w) | frozenset(
        "institute university college school hospital society research capital news times post "
        "journal service authority board committee office exchange network forces force "
        "alliance organisation organization council labs lab laboratory laboratories".split())
    raw = plain_yaml.load_file(countries or config.COUNTRIES_FILE)
    terms: dict[str, str] = {}
    for country in raw["countries"]:
        for key in ("names", "demonyms", "places"):
            for term in country.get(key) or []:
                terms.setdefault(str(term), country["code"])
                terms.setdefault(str(term) + "'s", country["code"])
    # One trie-shaped regex (analysis.text.trie_pattern): a plain alternation of ~5,000 names
    # cost 4 ms per article to scan, the trie a small fraction of that.
    pattern = re.compile(r"(?<![\w.])(?:" + trie_pattern(terms) + r")(?![\w])(?!\.\w)")
    portfolio = frozenset(w.lower() for w in data.get("portfolio_words") or [])
    media = frozenset(w.lower() for w in data.get("media_name_words") or [])
    folded = {t.casefold(): c for t, c in terms.items()}
    roles = frozenset(w.lower() for key in ("media_roles", "expert_words", "private_roles", "state_roles")
                      for w in data[key] if " " not in w and "-" not in w)
    return Affiliator(classes, terms, pattern, body_words, portfolio, media, folded, roles)


_INNER_DATELINE = re.compile(r"(?<![\w.])([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*),\s*(?:[A-Z][a-z]{2,4}\.?\s+\d{1,2}\s*)?"
                             r"\([A-Z][\w .&-]{1,30}\)\s*(?:--|-|\u2014)")


def home_country(doc, affiliator: Affiliator | None = None) -> str | None:
    """The country an article is about: its dateline's ("SANTIAGO, Sept 16 (Wire) -"), else the
    one it names most (names, demonyms, places; ties go to the first named). Memoised on the doc."""
    key = "home_country"
    if key in doc.cache:
        return doc.cache[key]
    aff = affiliator or load_affiliator()
    home = None
    first = doc.paragraphs[0] if doc.paragraphs else None
    if first is not None:
        head = doc.text[first.nstart:first.nend]
        dateline = re.match(r"\s*([A-Z][A-Z .'-]+[A-Z.](?:,\s*[A-Z][\w. ]*?)?)\s*(?:,|\(|-|$)", head)
        if dateline:
            home = aff.country_in_caps(dateline.group(1))
    if home is None:
        # A dateline inside a line that also holds the byline ("By Kim Soo-yeon SEOUL, Jan. 2
        # (Yonhap) --"), in the first lines: CITY, [date] (Agency) followed by a dash.
        for paragraph in doc.paragraphs[:3]:
            found = _INNER_DATELINE.search(doc.text, paragraph.nstart, min(paragraph.nend, paragraph.nstart + 400))
            if found:
                home = aff.country_in_caps(found.group(1))
                if home:
                    break
    if home is None:
        found = aff.countries(doc.text)
        if found:
            counts = Counter(code for _, code in found)
            first_at = {}
            for position, code in found:
                first_at.setdefault(code, position)
            home = min(counts, key=lambda c: (-counts[c], first_at[c]))
    doc.cache[key] = home
    return home
