"""Tokens of an article's text with its quotes masked: words, punctuation, and each quoted span
as one token of NULs (so a frame never reads inside a quote)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import alternation, rule_words

#: Honorifics and company abbreviations keep their period ("Mr. Raveendran", "Ironbark Ltd."), so a
#: frame is not cut at it; so does a middle initial before a capital ("Gene B. Sperling").
ABBREVIATION = r"(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|St|Jr|Sr|Co|Corp|Inc|Ltd|Bros|Rev|Fr|Atty|Supt|Det|Insp|Cmdr|Adm|Amb|Sens|Reps)\.(?!\w)"
_TOKEN = re.compile(rf"\x00+|{ABBREVIATION}|(?:[A-Za-z]\.){{2,}}(?!\w)|[A-Z]\.(?= [A-Z])|[^\W_]+(?:['\-.][^\W_]+)*(?:'s?)?|[^\w\s\x00]")


@dataclass(frozen=True)
class Token:
    """One token; start/end are offsets into `Doc.text`."""

    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def is_quote(self) -> bool:
        return self.text.startswith("\x00")

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()


#: A pronoun with a contracted auxiliary ("She's claiming", "they're saying"): two tokens, the
#: auxiliary read as its full form, so the pronoun stands as the verb's subject.
_CONTRACTED = re.compile(r"(?i)(" + alternation("contractions.pronouns") + ")'("
                         + alternation("contractions.suffixes") + ")")
_AUXILIARY = dict(zip(rule_words()["contractions.suffixes"], rule_words()["contractions.full_forms"], strict=True))


def tokenize(masked: str, start: int, end: int) -> list[Token]:
    """The tokens of masked[start:end], with offsets into the whole text."""
    tokens = []
    for m in _TOKEN.finditer(masked[start:end]):
        text, a, b = m.group(), start + m.start(), start + m.end()
        contracted = _CONTRACTED.fullmatch(text) if "'" in text else None
        if contracted:
            cut = a + contracted.end(1)
            tokens += [Token(contracted.group(1), a, cut), Token(_AUXILIARY[contracted.group(2).lower()], cut, b)]
        else:
            tokens.append(Token(text, a, b))
    return tokens


def word_list(tokens: list[Token]) -> list[str]:
    return [t.low for t in tokens]
