"""The profile layer: one row per article of every framing metric (`analysis.profile`)."""
from __future__ import annotations

from .table import CONTRACT_COLUMNS, inventory, profile, profile_article, profile_rows

__all__ = ["CONTRACT_COLUMNS", "inventory", "profile", "profile_article", "profile_rows"]
