"""How the levels of a code tree are numbered in the thesis's plan: I., A., 1., a., 1.1, then
bullets (:class:`NumberingScheme`), and the styles a scheme is written with (``"I.,A.,1."``)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from workbench.domain.errors import InputError
from workbench.domain.language import _


class NumberStyle(Enum):
    """How one level is numbered; the value shows the first number."""

    ROMAN = "I."
    LETTER = "A."
    LOWER_LETTER = "a."
    ARABIC = "1."
    DECIMAL = "1.1"
    """The parent's number, a dot, then this code's: 2.3, 2.3.1."""

    def format(self, value: int, parent_number: str, prefix: str) -> str:
        if self is NumberStyle.DECIMAL:
            return f"{parent_number.rstrip('.')}.{value}" if parent_number else f"{prefix}{value}"
        body = {NumberStyle.ROMAN: roman, NumberStyle.LETTER: letters, NumberStyle.LOWER_LETTER: lambda n: letters(n).lower()}
        return f"{prefix}{body.get(self, str)(value)}."


@dataclass(frozen=True)
class NumberingScheme:
    """The numbering of the levels of a tree; codes deeper than ``styles`` are bullets.

    ``start`` and ``prefix`` apply to the top level (002's themes are 2.2–2.5: prefix ``2.``,
    start 2, decimal styles).
    """

    styles: tuple[NumberStyle, ...] = (NumberStyle.ROMAN, NumberStyle.LETTER, NumberStyle.ARABIC)
    start: int = 1
    prefix: str = ""

    def number(self, depth: int, position: int, parent_number: str) -> str:
        if depth > len(self.styles) or (depth > 1 and not parent_number):
            return ""
        value = position + self.start - 1 if depth == 1 else position
        return self.styles[depth - 1].format(value, parent_number, self.prefix if depth == 1 else "")

    def as_json(self) -> dict[str, object]:
        return {"styles": [style.value for style in self.styles], "start": self.start, "prefix": self.prefix}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NumberingScheme:
        return cls(tuple(NumberStyle(style) for style in data["styles"]), int(data["start"]), str(data["prefix"]))


def parse_numbering(text: str) -> NumberingScheme:
    """A scheme written as the first number of each level: ``"I.,A.,1."``, ``"1.,1.1,1.1"``."""
    known = ", ".join(style.value for style in NumberStyle)
    try:
        return NumberingScheme(tuple(NumberStyle(part.strip()) for part in text.split(",") if part.strip()))
    except ValueError:
        raise InputError(_('numbering {text!r} is not a list of level styles').format(text=text), "--numbering", _('use some of {known}, e.g. "I.,A.,1."').format(known=known)) from None


FRENCH_THESIS = NumberingScheme()
"""I., A., 1., then bullets: the plan of a French thesis's results."""


def roman(value: int) -> str:
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
    text = ""
    for amount, numeral in numerals:
        count, value = divmod(value, amount)
        text += numeral * count
    return text


def letters(value: int) -> str:
    """1 → A, 26 → Z, 27 → AA."""
    text = ""
    while value > 0:
        value, remainder = divmod(value - 1, 26)
        text = chr(ord("A") + remainder) + text
    return text
