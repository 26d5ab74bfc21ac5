"""A corpus's `actors.yaml` (and the package's): read as plain YAML and checked for shape.

The actor layer builds the gazetteer from these files; the checks live here, in the corpus layer,
so that `check` reports a broken actors.yaml like any other corpus file (`path:line: message`)
and `profile` never meets one. Refused: a file that is not plain YAML (see `base.plain_yaml`); a
top-level key other than groups, actors, descriptors; a group without a text `id`; `terms`,
`aliases` or descriptor words that are not a list of text (`terms: China` would be read letter by
letter); a term or alias placed in two groups (a mention would count for both); two actors of the
same name in different groups.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from ..base import config, plain_yaml
from .model import CorpusError, Problem
from .rules import relative_path

TOP_KEYS = ("groups", "actors", "descriptors")


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _line_of(lines: list[str], needle: str) -> int:
    """1-based line of the first line mentioning `needle` (1 if none): a pointer for the reader."""
    for number, line in enumerate(lines, start=1):
        if needle and needle in line:
            return number
    return 1


def read_actors(path: str | Path) -> tuple[dict, list[Problem]]:
    """(data, problems) of an actors file; data is {} when the file cannot be read as plain YAML."""
    path = Path(path)
    where = relative_path(path)
    try:
        text = path.read_bytes().decode("utf-8")
        data = plain_yaml.load(text, where)
    except UnicodeDecodeError as exc:
        return {}, [Problem(where, 1, f"bytes that are not UTF-8 at byte offset {exc.start}")]
    except OSError as exc:
        return {}, [Problem(where, 1, f"cannot read file: {exc.strerror or exc}")]
    except plain_yaml.PlainYamlError as exc:
        return {}, [Problem(where, exc.line or 1, f"cannot read YAML: {exc.message}")]
    lines = text.splitlines()
    problems: list[Problem] = []

    def problem(needle: str, message: str) -> None:
        problems.append(Problem(where, _line_of(lines, needle), message))

    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [Problem(where, 1, "an actors file must be a mapping with 'groups', 'actors' and/or 'descriptors'")]
    for key in data:
        if key not in TOP_KEYS:
            problem(f"{key}:", f"unknown key {key!r} (known: {', '.join(TOP_KEYS)})")
    groups = data.get("groups") or []
    if not isinstance(groups, list):
        problem("groups:", "'groups' must be a list of groups (- id: ..., terms: [...])")
        groups = []
    for number, group in enumerate(groups, start=1):
        if not isinstance(group, dict) or not isinstance(group.get("id"), str) or not group["id"].strip():
            problem("groups:", f"group {number} needs a text 'id'")
            continue
        for name in ("label", "affiliation"):
            if group.get(name) is not None and not isinstance(group[name], str):
                problem(f"id: {group['id']}", f"group {group['id']!r}: '{name}' must be text")
        if "terms" in group and not _is_text_list(group["terms"]):
            problem(f"id: {group['id']}", f"group {group['id']!r}: 'terms' must be a list of text, "
                                           f"got {_short(group['terms'])}")
    actors = data.get("actors") or []
    if not isinstance(actors, list):
        problem("actors:", "'actors' must be a list of actors (- name: ..., aliases: [...])")
        actors = []
    for number, actor in enumerate(actors, start=1):
        if not isinstance(actor, dict) or not isinstance(actor.get("name"), str) or not actor["name"].strip():
            problem("actors:", f"actor entry {number} needs a text 'name'")
            continue
        for name in ("kind", "affiliation", "group", "role"):
            if actor.get(name) is not None and not isinstance(actor[name], str):
                problem(actor["name"], f"actor {actor['name']!r}: '{name}' must be text")
        if "aliases" in actor and not _is_text_list(actor["aliases"]):
            problem(actor["name"], f"actor {actor['name']!r}: 'aliases' must be a list of text, "
                                   f"got {_short(actor['aliases'])}")
    descriptors = data.get("descriptors") or {}
    if not isinstance(descriptors, dict):
        problem("descriptors:", "'descriptors' must be a mapping of affiliation code: [words]")
    else:
        for code, words in descriptors.items():
            if not _is_text_list(words):
                problem(f"{code}:", f"descriptors {code!r} must be a list of text, got {_short(words)}")
    if not problems:
        problems.extend(Problem(where, _line_of(lines, needle), message)
                        for needle, message in _group_clashes(data, path))
    return (data if not problems else {}), problems


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _group_terms(data: dict) -> dict[str, set[str]]:
    """{term or alias: groups it stands for} of one actors file."""
    found: dict[str, set[str]] = {}
    for group in data.get("groups") or []:
        for term in group.get("terms") or []:
            found.setdefault(term, set()).add(group["id"])
    for actor in data.get("actors") or []:
        if actor.get("group"):
            for alias in actor.get("aliases") or [actor["name"]]:
                found.setdefault(alias, set()).add(actor["group"])
    return found


@lru_cache(maxsize=1)
def _package_terms() -> dict[str, frozenset[str]]:
    try:
        data = plain_yaml.load_file(config.ACTORS_FILE)
    except (OSError, ValueError):
        return {}
    return {term: frozenset(groups) for term, groups in _group_terms(data or {}).items()}


def _group_clashes(data: dict, path: Path) -> list[tuple[str, str]]:
    """(needle, message) for each term of this file standing for two groups (with the package's
    file, unless this is the package's file), and each actor name in two groups."""
    own = _group_terms(data)
    package = {} if path.resolve() == config.ACTORS_FILE.resolve() else _package_terms()
    clashes = []
    for term, groups in own.items():
        every = set(groups) | set(package.get(term, ()))
        if len(every) > 1:
            clashes.append((term, f"{term!r} is a term or alias of groups {', '.join(sorted(every))}: "
                                  "a mention would count for each; keep it in one group"))
    named: dict[str, set[str]] = {}
    for actor in data.get("actors") or []:
        named.setdefault(actor["name"], set()).add(actor.get("group") or "")
    for name, groups in named.items():
        if len(groups) > 1:
            clashes.append((name, f"actor {name!r} is listed in two groups "
                                  f"({', '.join(sorted(g or '(none)' for g in groups))}): keep one entry"))
    return clashes


def load_actors(path: str | Path) -> dict:
    """The data of a valid actors file; `CorpusError` (a ValueError) naming the file otherwise."""
    data, problems = read_actors(path)
    if problems:
        raise CorpusError(problems)
    return data
