"""CSV cells that spreadsheets will not run as formulas (OWASP ASVS 1.2.10, CWE-1236)."""

from __future__ import annotations

# ASCII triggers plus their fullwidth forms, which some spreadsheet programs also accept.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value: object) -> str:
    """The cell as text, prefixed with ``'`` when a spreadsheet could read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(TRIGGERS) else text
