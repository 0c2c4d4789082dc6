"""Aware timestamps and the privacy-preserving story day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_TIMEZONE = "Europe/Amsterdam"


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def today(timezone: str) -> date:
    """Today's date in ``timezone``: the only time a story keeps (no time of day)."""
    return datetime.now(ZoneInfo(timezone)).date()


def local_today() -> date:
    """Today in the app's configured time zone (Amsterdam outside an app), never the machine's."""
    zone = current_app.config.get("TIMEZONE", DEFAULT_TIMEZONE) if has_app_context() else DEFAULT_TIMEZONE
    return today(zone)
