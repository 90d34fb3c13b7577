"""Errors the user can act on.

Every error that reaches the command line is printed as one line:
``what (where): what to do``.
"""

from __future__ import annotations

import re

ONE_LINE = re.compile(r"[^\S\u00a0\u202f]+")
"""Runs of white space a message is written on one line without: the no-break spaces of French
typography are kept."""


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
        return ONE_LINE.sub(" ", text).strip()


class InputError(WorkbenchError):
    """A file or value given by the user cannot be used as it is."""


class ConflictError(WorkbenchError):
    """The change would overwrite work already in the project."""


class NotFoundError(WorkbenchError):
    """Something named by the user is not in the project."""
