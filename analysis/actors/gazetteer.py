"""The actor gazetteer: groups (China, the US, ...) and named actors with aliases and affiliation.

Loaded from `analysis/data/actors.yaml`; a corpus's own `actors.yaml` adds to it, and a user can
swap the whole file with `load_gazetteer(path)`. Matching is case-sensitive and whole-word on
normalised text; within one group the longest alias wins (so "Chinese President Xi Jinping" is one
mention), while different groups may stand side by side ("U.S.-North Korea" mentions both the US
and North Korea); a mention inside a longer one of another group is dropped ("Democratic People's
Republic of Korea" is North Korea only).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

from ..base import config
from ..corpus.actors_file import load_actors
from ..text import normalize


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    affiliation: str
    group: str | None
    aliases: tuple[str, ...]
    role: str | None = None


@dataclass(frozen=True)
class Mention:
    """A group mention in normalised text: which group, which actor (if named), the matched term."""

    group: str
    actor: str | None
    term: str
    nstart: int
    nend: int


@dataclass
class Gazetteer:
    groups: dict[str, dict]
    actors: list[Actor]
    descriptors: dict[str, list[str]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self._patterns: dict[str, re.Pattern] = {}
        self._term_actor: dict[str, dict[str, str | None]] = {}
        for group_id, group in self.groups.items():
            terms: dict[str, str | None] = {normalize(t)[0]: None for t in group.get("terms", [])}
            for actor in self.actors:
                if actor.group == group_id:
                    for alias in actor.aliases:
                        terms[normalize(alias)[0]] = actor.name
            self._term_actor[group_id] = terms
            self._patterns[group_id] = _alternation(terms)
        self._alias_to_actor: dict[str, Actor] = {}
        for actor in self.actors:
            for alias in (actor.name,) + actor.aliases:
                self._alias_to_actor.setdefault(normalize(alias)[0], actor)
        self._any_alias = _alternation(self._alias_to_actor)

    @property
    def group_labels(self) -> dict[str, str]:
        return {gid: g.get("label", gid) for gid, g in self.groups.items()}

    def mentions(self, text: str, group: str | None = None) -> list[Mention]:
        """Group mentions in normalised `text`, sorted by position then group."""
        found: list[Mention] = []
        for group_id in ([group] if group else self.groups):
            terms = self._term_actor[group_id]
            for match in _finditer(self._patterns[group_id], text):
                term = match.group()
                found.append(Mention(group_id, terms.get(term), term, match.start(), match.end()))
        return _drop_nested(sorted(found, key=_POSITION_GROUP))

    def actor_named(self, name: str, normalised: bool = False) -> Actor | None:
        """The actor whose name or alias is exactly `name`, else None (`normalised`: the name is
        already in normalised text, as in a Doc)."""
        return self._alias_to_actor.get(name.strip() if normalised else normalize(name)[0].strip())

    def find_actor(self, name: str) -> Actor | None:
        """The actor a name or phrase refers to: an exact alias, else the longest alias inside it."""
        name = normalize(name)[0].strip()
        if name in self._alias_to_actor:
            return self._alias_to_actor[name]
        # The head of an apposition comes last ("Foreign Ministry spokesperson Mao Ning").
        matches = list(_finditer(self._any_alias, name))
        if not matches:
            return None
        last = max(matches, key=lambda m: (m.end(), len(m.group())))
        return self._alias_to_actor[last.group()]

    def group_affiliation(self, phrase: str) -> str | None:
        """Affiliation code of the first group term in a phrase ("Chinese officials" -> CN), or None."""
        phrase = normalize(phrase)[0]
        hits = self.mentions(phrase)
        return self.groups[hits[0].group].get("affiliation") if hits else None

    def descriptor_affiliation(self, phrase: str) -> str | None:
        """`expert`/`media`/... when a phrase holds a descriptor word ("analysts"), else None."""
        lowered = normalize(phrase)[0].lower()
        for code, words in self.descriptors.items():
            for word in words:
                if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lowered):
                    return code
        return None


def _alternation(terms) -> re.Pattern:
    ordered = sorted(terms, key=lambda t: (-len(t), t))
    if not ordered:
        return re.compile(r"(?!x)x")
    alternatives = "|".join(re.escape(t) for t in ordered)
    # Whole words: nothing after (a trailing "." is part of "U.S."); the check before the match
    # is done by _finditer, because a leading lookbehind stops `re` from skipping ahead to the
    # terms' first letters (five times slower).
    return re.compile(rf"(?:{alternatives})(?![\w])(?!\.\w)")


_POSITION_GROUP = attrgetter("nstart", "group")


def _drop_nested(mentions: list[Mention]) -> list[Mention]:
    """Drop a mention lying inside a longer mention of another group: one name is one referent
    ("Democratic People's Republic of Korea" is North Korea, not also "Republic of Korea").
    Mentions side by side ("U.S.-North Korea") all stay. Input and output sorted by position
    then group."""
    if all(a.nend <= b.nstart for a, b in zip(mentions, mentions[1:])):
        return list(mentions)  # none overlaps another (the usual case): none is nested, order kept
    kept: list[Mention] = []
    cover: Mention | None = None
    for mention in sorted(mentions, key=lambda m: (m.nstart, -(m.nend - m.nstart), m.group)):
        if (cover is not None and mention.nend <= cover.nend
                and mention.nend - mention.nstart < cover.nend - cover.nstart):
            continue
        kept.append(mention)
        if cover is None or mention.nend > cover.nend:
            cover = mention
    return sorted(kept, key=lambda m: (m.nstart, m.group))


_WORD_OR_DOT = re.compile(r"[\w.]")


def _finditer(pattern: re.Pattern, text: str):
    """Matches of an `_alternation` pattern that start a word: no letter, digit or "." before.

    Same matches as the lookbehind `(?<![\\w.])` in front of the pattern: a candidate inside a word
    is skipped and the search resumes one character later.
    """
    position = 0
    search = pattern.search
    while True:
        match = search(text, position)
        if match is None:
            return
        start = match.start()
        if start > 0 and _WORD_OR_DOT.match(text, start - 1):
            position = start + 1
            continue
        yield match
        position = match.end() if match.end() > start else start + 1


def _read(path: Path) -> dict:
    """A checked actors file (`CorpusError`, a ValueError naming the file and line, if not valid)."""
    return load_actors(path)


def _actors_from(data: dict, path: Path) -> list[Actor]:
    actors = []
    for number, entry in enumerate(data.get("actors") or [], start=1):
        if not isinstance(entry, dict) or "name" not in entry:
            raise ValueError(f"{path}: actor entry {number} needs at least a 'name'")
        aliases = tuple(entry.get("aliases") or [entry["name"]])
        actors.append(Actor(entry["name"], entry.get("kind", "other"), entry.get("affiliation", "unknown"),
                            entry.get("group"), aliases, entry.get("role")))
    return actors


@lru_cache(maxsize=16)
def _load(path: str, extra: str | None) -> Gazetteer:
    data = _read(Path(path))
    groups = {g["id"]: g for g in data.get("groups") or []}
    actors = _actors_from(data, Path(path))
    descriptors = {k: list(v) for k, v in (data.get("descriptors") or {}).items()}
    if extra:
        more = _read(Path(extra))
        for group in more.get("groups") or []:
            if group["id"] in groups:
                merged = dict(groups[group["id"]])
                merged["terms"] = list(merged.get("terms", [])) + list(group.get("terms", []))
                groups[group["id"]] = merged
            else:
                groups[group["id"]] = group
        actors = _actors_from(more, Path(extra)) + actors  # the corpus's own entries win lookups
        for code, words in (more.get("descriptors") or {}).items():
            descriptors.setdefault(code, []).extend(words)
    return Gazetteer(groups, actors, descriptors)


def load_gazetteer(path: str | Path | None = None, extra: str | Path | None = None) -> Gazetteer:
    """The gazetteer from `path` (default: the package's), plus a corpus's `extra` actors file."""
    return _load(str(path or config.ACTORS_FILE), str(extra) if extra else None)


def gazetteer_for(doc) -> Gazetteer:
    """The gazetteer that applies to a Doc: the package's plus its corpus's actors.yaml, if any."""
    extra = None
    article = getattr(doc, "article", None)
    if article is not None and getattr(article, "actors_file", None):
        extra = article.actors_file
    return load_gazetteer(extra=extra)


def group_mentions(doc, gazetteer: Gazetteer | None = None) -> list[tuple[int, Mention]]:
    """Group mentions in a Doc's body as (sentence index, Mention), in text order.

    Headings count as sentences (their own index). A mention outside every sentence (none in a
    well-formed body) gets index -1. With the default gazetteer the result is memoised on the doc,
    so sentiment and emphasis share one pass over the text.
    """
    key = "group_mentions"
    if gazetteer is None and key in doc.cache:
        return doc.cache[key]
    gaz = gazetteer if gazetteer is not None else gazetteer_for(doc)
    starts = [s.nstart for s in doc.sentences]
    found: list[tuple[int, Mention]] = []
    for mention in gaz.mentions(doc.text):
        position = bisect_right(starts, mention.nstart) - 1
        inside = position >= 0 and mention.nstart < doc.sentences[position].nend
        found.append((doc.sentences[position].index if inside else -1, mention))
    if gazetteer is None:
        doc.cache[key] = found
    return found
