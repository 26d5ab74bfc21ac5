"""Sub-topic coverage: which articles mention which sub-topics, traceable to sentences.

Topics are data (`analysis/data/topics.yaml`, swappable by path): each is a list of regular
expressions. An article covers a topic when at least one non-heading sentence (or its title)
matches; `topic_evidence` lists every match with its sentence and character span.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..base import config, plain_yaml
from ..base.lazy import pandas as pd
from ..text import Doc

TOPICS_FILE = config.DATA_DIR / "topics.yaml"
EVIDENCE_COLUMNS = ["article_id", "topic", "sentence", "start", "end", "term", "text"]


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    pattern: re.Pattern


@lru_cache(maxsize=8)
def load_topics(path: str | None = None) -> tuple[Topic, ...]:
    """Topics from a YAML file (default: the package's); raises ValueError naming a bad pattern."""
    path = Path(path) if path else TOPICS_FILE
    data = plain_yaml.load_file(path) or {}
    topics = []
    for entry in data.get("topics") or []:
        flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
        try:
            pattern = re.compile("|".join(f"(?:{p})" for p in entry["patterns"]), flags)
        except re.error as exc:
            raise ValueError(f"{path}: topic {entry.get('id')!r} has a bad pattern: {exc}") from exc
        topics.append(Topic(entry["id"], entry.get("label", entry["id"]), pattern))
    return tuple(topics)


def topic_evidence(doc: Doc, topics_file: str | None = None) -> pd.DataFrame:
    """One row per topic match in a non-heading sentence: topic, sentence index, body span, term."""
    rows = []
    for topic in load_topics(topics_file):
        for sentence in doc.text_sentences:
            for match in topic.pattern.finditer(sentence.text):
                start, end = doc.raw_span(sentence.nstart + match.start(), sentence.nstart + match.end())
                rows.append({"article_id": doc.article_id, "topic": topic.id, "sentence": sentence.index,
                             "start": start, "end": end, "term": match.group(), "text": sentence.text})
    frame = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return frame.sort_values(["topic", "start"], kind="mergesort").reset_index(drop=True)


def coverage(docs: list[Doc], topics_file: str | None = None) -> pd.DataFrame:
    """Articles x topics: the number of sentences that mention each topic (0 = left out)."""
    topics = load_topics(topics_file)
    rows = []
    for doc in docs:
        evidence = topic_evidence(doc, topics_file)
        counts = evidence.groupby("topic")["sentence"].nunique() if not evidence.empty else {}
        rows.append({"article_id": doc.article_id,
                     **{t.id: int(counts.get(t.id, 0)) for t in topics}})
    return pd.DataFrame(rows, columns=["article_id"] + [t.id for t in topics])
