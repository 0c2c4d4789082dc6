"""Aware timestamps and the privacy-preserving story day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def today(timezone: str) -> date:
    """Today's date in ``timezone``: the only time a story keeps (no time of day)."""
    return datetime.now(ZoneInfo(timezone)).date()
