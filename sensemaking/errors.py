"""The error every sensemaking form service raises for bad input: which field, and why (in Dutch)."""

from __future__ import annotations


class FieldError(ValueError):
    """Input a service cannot take; ``field`` names the form field, ``message`` says why in the user's language."""

    def __init__(self, field: str, message: object) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return str(self.message)
