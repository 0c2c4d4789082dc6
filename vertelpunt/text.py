"""Text clean-up shared by the story form and the staff screens' search."""

from __future__ import annotations

import unicodedata
from typing import Any

KEPT_CONTROLS = frozenset("\t\n\r")


def without_controls(value: Any) -> Any:
    """Drop control characters (a NUL byte, which PostgreSQL refuses, among them); tabs and line breaks stay."""
    if not isinstance(value, str):
        return value
    return "".join(c for c in value if c in KEPT_CONTROLS or unicodedata.category(c) != "Cc")
