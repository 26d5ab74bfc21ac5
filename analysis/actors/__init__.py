"""The actors layer: the actor gazetteer (`analysis/data/actors.yaml` plus a corpus's own
`actors.yaml`) and where each actor and group is mentioned. Quotes and metrics build on it."""
from __future__ import annotations

from .gazetteer import Actor, Gazetteer, Mention, gazetteer_for, group_mentions, load_gazetteer

__all__ = ["Actor", "Gazetteer", "Mention", "gazetteer_for", "group_mentions", "load_gazetteer"]
