"""Placeholder: to be written (issue 3). Public entry: summarize(doc) -> dict."""
from __future__ import annotations

from .text import Doc


def summarize(doc: Doc) -> dict:
    raise NotImplementedError("analysis.emphasis is not written yet")
