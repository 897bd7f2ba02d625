"""The one error the engine raises for bad input: it names the field at fault."""

from __future__ import annotations


class ZairyuInputError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
