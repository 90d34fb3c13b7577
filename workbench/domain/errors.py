"""Errors the user can act on.

Every error that reaches the command line is printed as one line:
``what (where): what to do``.
"""

from __future__ import annotations


class WorkbenchError(Exception):
    """An error with a message meant for the user."""

    def __init__(self, what: str, where: str = "", hint: str = "") -> None:
        self.what = what
        self.where = where
        self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """The message as a single line: what, where, what to do."""
        text = self.what
        if self.where:
            text = f"{self.where}: {text}"
        if self.hint:
            text = f"{text} — {self.hint}"
        return " ".join(text.split())


class InputError(WorkbenchError):
    """A file or value given by the user cannot be used as it is."""


class ConflictError(WorkbenchError):
    """The change would overwrite work already in the project."""


class NotFoundError(WorkbenchError):
    """Something named by the user is not in the project."""
