"""The board's default colours per hexagon kind (dark text stays readable on each)."""

from __future__ import annotations

KINDS = ("observation", "theme", "action")
DEFAULT_COLOURS = {"observation": "#ffe08a", "theme": "#9fd8cb", "action": "#f7b39a"}
