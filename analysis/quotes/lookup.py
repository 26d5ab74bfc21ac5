"""Questions asked of an article's name registry (`speakers.NameRegistry`).

Which entity a speaker phrase names (its name run with titles cut, or a surname: "Pizarro" ->
"Aurora Pizarro"; "Ms Hale" after "Margaret Hale"; two people with one surname resolve to the
later), the body a definite description means ("the ministry" -> "Russian Ministry of
Agriculture"), the body that opens a clause, an entity's affiliation with its evidence, and
whether the article shows a name as a person.
"""
from __future__ import annotations

import re

from .lexicon import alternation
from .names import OPENERS, RUN, clean
from .speakers import Entity, NameRegistry


def lookup(registry: NameRegistry, text: str, position: int) -> Entity | None:
    """The entity a speaker phrase names: its name run (titles cut), a surname, or None."""
    named = []
    for entity in registry.entities:
        at = _find_name(entity.name, text)
        if at >= 0:
            named.append((at, at + len(entity.name), entity))
    persons = sorted((i, e.start, e.name, e) for i, _, e in named if e.kind == "person")
    if len(persons) > 1 and not re.search(r"\b(?:of|for|at|from|with)\b", text[persons[0][0]:persons[-1][0]]):
        return persons[-1][3]  # the head comes last: "former Obama adviser David Axelrod"
    if persons:  # "Jakob Lind of the University of Copenhagen": the person, not the body
        return persons[0][3]
    if named:
        start, end, body = max(named, key=lambda found: (len(found[2].name), -found[0]))
        if re.match(r"\s+[a-z]", text[end:]):
            return None  # "One Environment Agency inspector": a person of the body, unnamed
        return body
    return _by_surname(registry, text, position)


def _is_word_char(char: str) -> bool:
    """`re`'s `\\w` or a hyphen, for one character."""
    return char.isalnum() or char in "_-"


def _find_name(name: str, text: str) -> int:
    """Where `name` first stands in `text` not inside a longer word (no word character or hyphen
    on either side), else -1: `re.search(rf"(?<![\\w-]){re.escape(name)}(?![\\w-])", text)` by
    `str.find`, without compiling a pattern per registry name and phrase."""
    at = text.find(name) if name else -1
    while at >= 0:
        end = at + len(name)
        if not (at and _is_word_char(text[at - 1])) and not (end < len(text) and _is_word_char(text[end])):
            return at
        at = text.find(name, at + 1)
    return -1


def _by_surname(registry: NameRegistry, text: str, position: int) -> Entity | None:
    """A one-word name run of `text` (titles cut) that is a person's surname, or a body word
    ("The Commission said")."""
    runs = list(RUN.finditer(text))
    for match in reversed(runs):
        tokens = [clean(t) for t in match.group().split(" ")]
        low = [t.lower().rstrip(".") for t in tokens]
        cut = 0
        for i, word in enumerate(low[:-1]):
            if word in registry.titles:
                cut = i + 1
        name = tokens[cut:]
        while name and name[0].lower() in OPENERS:
            name = name[1:]
        if not name:
            continue
        if len(name) == 1:
            found = registry.surname(name[0], position + 1) or next(
                (e for e in registry.entities if e.surname == name[0] and e.kind == "person"), None)
            if found is None and name[0].lower() in registry.aff.body_words:
                found = body_with_head(registry, name[0], position)  # "The Commission said"
            if found is not None:
                return found
    return None


def body_with_head(registry: NameRegistry, head: str, position: int) -> Entity | None:
    """"the ministry", "the union": the last body before `position` with that word in its
    name, else in its descriptors."""
    pattern = re.compile(rf"(?i)\b{re.escape(head)}\b")
    bodies = [e for e in registry.entities if e.kind == "body" and e.start < position]
    for entity in reversed(bodies):
        if pattern.search(entity.name):
            return entity
    # A name the article described with that word ("Grupo Minero Austral, the company that
    # runs the mine"), body or not: the last one before `position`.
    described = [e for e in registry.entities if e.start < position]
    for entity in reversed(described):
        if any(_heads(pattern, d) for d in entity.descriptors):
            return entity
    if registry.aff.classify([head], None)[1] == "private_bodies":
        # "The company said" after "Grupo Minero Austral halted output": the last body of a
        # private class, or a name never described as a person.
        for entity in reversed(described):
            if entity.kind == "body" and affiliation(registry, entity)[1] == "private_bodies":
                return entity
            if entity.kind == "person" and not entity.evidence and not entity.descriptors:
                return entity
    return None


#: Words that may follow the head of a descriptor: a relative clause or a post-modifier
#: ("the company that runs the mine", "the senator from Texas").
_AFTER_HEAD = re.compile(r"(?:\s*[,;]|\s+(?:" + alternation("descriptor_heads.after_head") + r")\b|\s*$)")


def _heads(pattern: re.Pattern, descriptor: str) -> bool:
    """Whether the word of `pattern` heads `descriptor`: it ends it or a post-modifier follows
    ("the company that runs the mine"); not a possessive or a modifier of a later noun ("the
    company's chief executive", "the newspaper urged")."""
    return any(_AFTER_HEAD.match(descriptor, m.end()) for m in pattern.finditer(descriptor))


def body_starting(registry: NameRegistry, position: int, floor: int) -> Entity | None:
    """The body whose mention starts the clause at `position` (the text between `floor` and
    it is only an article), else None."""
    for start, _, entity, _ in registry.mentions:
        if entity.kind == "body" and floor <= start <= position + 4 \
                and not re.sub(r"(?i)\bthe\b|\s", "", registry.masked[floor:start]):
            return entity
    return None


def affiliation_evidence(registry: NameRegistry, entity: Entity) -> tuple[str, str]:
    """(code, evidence) of an entity from all its descriptors (and its own name for bodies);
    evidence as in `Affiliator.explain`, or "body-country:<name>" for a body known only by
    the country in its name ("Environment Canada")."""
    aff = registry.aff
    texts = list(entity.descriptors) + ([entity.name] if entity.kind == "body" else [])
    last = entity.name.split()[-1]
    if entity.kind == "body" and last.lower() in aff.media_words:
        return "media", f"media_name:{last}"
    code, evidence = aff.explain(texts, registry.home)
    if evidence == "none" and entity.kind == "body":
        country = aff.country_in(entity.name)
        if country:
            return country, f"body-country:{entity.name}"
    return code, evidence


def affiliation(registry: NameRegistry, entity: Entity) -> tuple[str, str]:
    """(code, class) of an entity: `affiliation_evidence` without the words."""
    code, evidence = affiliation_evidence(registry, entity)
    return code, evidence.split(":")[0]


def person_like(registry: NameRegistry, entity: Entity) -> bool:
    """A person the article shows as one: a title or honorific, a later surname-only mention,
    or a descriptor holding a role ("a metals analyst", "union president"). A capitalised
    run with none of these ("Plaza San Martín", "Sacramento Condors") may be anything."""
    if entity.kind != "person":
        return False
    if entity.evidence:
        return True
    text = " ".join(entity.descriptors).lower()
    return any(word in registry.aff.role_words for word in re.findall(r"[a-z]+", text))
