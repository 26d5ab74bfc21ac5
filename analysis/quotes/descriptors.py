"""The words that describe one mention of a name, read from its sentence.

Descriptors of a mention: the words right before the name in its sentence ("union president",
"Chief financial officer"), an apposition on either side ("The Health Secretary, Margaret Hale,",
"Helen Park, a metals analyst at ...,"), and "of/at X" after the name ("Marcus Thorne of Halvern
Bank"). "Its"/"their" in a descriptor brings in the last body named before it ("Its senior
fellow" after "the Fairleigh Institute, a health think-tank").
"""
from __future__ import annotations

import re

_CLAUSE_BREAK = re.compile(r"[,;:\x00]")
_APPOSITION = re.compile(r"\s*,\s*([^,;:.\x00]{1,120})(,?)")
_OF_PHRASE = re.compile(r"\s+((?:of|at|from)\s+(?:the\s+)?(?:[A-Z][\w'\-]*\s*){1,6})")
_ITS = re.compile(r"(?i)(?:its|their)\b")
_WORD = re.compile(r"[^\W_]+(?:['\-.][^\W_]+)*'?s?|[,;:.!?\x00()\[\]]|(?<=\s)-(?=\s)")
#: How far back `_words_before` starts to look for its words (seven short words fit).
_TAIL_CHARS = 100
_STOP_BEFORE = frozenset("""said says say told tells added that which who whom and or but by with
    to from for of in on at as is was are were has have had be been will would could may might
    must should than then when while after before if because says""".split())


def descriptors(masked: str, doc, start: int, end: int, title_part: list[str], entities: list) -> list[str]:
    """The descriptor texts of the mention masked[start:end] (`title_part`: the titles cut off
    before it); `entities`: the names registered so far, for "its"/"their"."""
    sentence = doc.sentence_at(start)
    floor = sentence.nstart if sentence is not None else max(0, start - 120)
    ceiling = sentence.nend if sentence is not None else min(len(masked), end + 120)
    found: list[str] = []
    before = masked[floor:start - (len(" ".join(title_part)) + 1 if title_part else 0)]
    prefix = _words_before(before)
    if title_part or prefix:
        found.append(" ".join(prefix + title_part))
    after = masked[end:ceiling]
    if before.rstrip().endswith(",") and after.lstrip().startswith(","):
        segment = before.rstrip()[:-1]
        segment = _CLAUSE_BREAK.split(segment)[-1]
        found.append(segment.strip())
    apposition = _apposition_after(after)
    if apposition is not None:
        found.append(apposition)
    of_phrase = _OF_PHRASE.match(after)
    if of_phrase:
        found.append(of_phrase.group(1).strip())
    if any(_ITS.match(d) for d in found):
        body = next((e for e in reversed(entities) if e.kind == "body" and e.start < start), None)
        if body is not None:
            found.append(body.name)
            found.extend(body.descriptors)
    return [d for d in found if d]


def _words_before(before: str) -> list[str]:
    """Up to six words right before the name, back to a punctuation mark or a stop word."""
    prefix: list[str] = []
    # At most seven words are read: tokenise from a space some way back, not from the sentence's
    # start for every mention. No word holds a space, so the words after it are the whole
    # text's; with fewer than seven there, the whole text.
    space = before.find(" ", len(before) - _TAIL_CHARS) if len(before) > _TAIL_CHARS else -1
    words = _WORD.findall(before, space) if space >= 0 else []
    if len(words) < 7:
        words = _WORD.findall(before)
    for word in reversed(words):
        if word in ",;:.!?\x00()[]-" or word.lower() in _STOP_BEFORE or len(prefix) >= 6:
            break
        prefix.insert(0, word)
    return prefix


def _apposition_after(after: str) -> str | None:
    """An apposition right after the name. It opens with a determiner, a capital or a number
    ("a metals analyst at ...", "Miller's favorite target", "54"), or is a short phrase closed by
    a comma ("prosecuting,"); a predicate ("accused ministers of ...") is not one."""
    apposition = _APPOSITION.match(after)
    if not apposition:
        return None
    words = apposition.group(1).split()
    first = words[0].lower() if words else ""
    predicate = first.endswith(("ed", "ing")) or first in _STOP_BEFORE or first in (
        "says", "tells", "adds", "has", "had", "is", "was", "will", "would")
    if words and (first in ("a", "an", "the", "its", "his", "her", "their", "our")
                  or words[0][0].isupper() or words[0][0].isdigit() or apposition.group(2)
                  or not predicate) and first not in ("who", "which", "that"):
        return apposition.group(1).strip()
    return None
