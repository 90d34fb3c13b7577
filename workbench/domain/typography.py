"""French typography for prose: the no-break spaces French puts before high punctuation and inside « ».

A colon takes a no-break space (U+00A0) before it; a semicolon, question and exclamation mark a
narrow no-break space (U+202F), as do the insides of guillemets. An ordinary space there is replaced
and a missing one added; a no-break space already there is kept as written. Web addresses and text
between backticks (a command, a line of YAML, in a message) are left alone, and so are colons inside times and ratios (``10:30``, ``1:2``), since the rules apply only to
marks followed by a space or the end of the text (closing punctuation too for ``?`` and ``!``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

NO_BREAK_SPACE = "\u00a0"
NARROW_NO_BREAK_SPACE = "\u202f"
WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|`[^`]*`", re.IGNORECASE)
RULES = [
    (re.compile(r"« *(?=\S)"), "«" + NARROW_NO_BREAK_SPACE),
    (re.compile(r"(?<=\S) *»"), NARROW_NO_BREAK_SPACE + "»"),
    (re.compile(r"(?<=\S) *:(?!\S)"), NO_BREAK_SPACE + ":"),
    (re.compile(r"(?<=\S) *;(?!\S)"), NARROW_NO_BREAK_SPACE + ";"),
    (re.compile(r"(?<=[^\s?!]) *(?P<marks>[?!]+)(?![^\s)\]»”’\"…])"), NARROW_NO_BREAK_SPACE + r"\g<marks>"),
]
"""Each rule: where it applies (the ordinary spaces before the mark included) and what it writes there."""


def french_spacing(text: str) -> str:
    """``text`` with French spaces before ``: ; ? !`` and inside « », web addresses and `code` untouched."""
    for pattern, template in RULES:
        text = pattern.sub(outside_web_addresses(text, template), text)
    return text


def outside_web_addresses(text: str, template: str) -> Callable[[re.Match[str]], str]:
    """Expand ``template`` for each match, except inside a web address of ``text``, left as it is."""
    addresses = [address.span() for address in WEB_ADDRESS.finditer(text)]

    def replace(match: re.Match[str]) -> str:
        inside = any(start <= match.start() < end for start, end in addresses)
        return match.group() if inside else match.expand(template)

    return replace


def decimal_comma(number: str, language: str) -> str:
    """A number already written with a decimal point, with a decimal comma in French."""
    return number.replace(".", ",") if language == "fr" else number


def percent_text(share: float, language: str, digits: int = 1) -> str:
    """``share`` (0 to 1) as a percentage: ``12,5 %`` (no-break space) in French, ``12.5%`` in English."""
    number = decimal_comma(f"{100 * share:.{digits}f}", language)
    return f"{number}{NO_BREAK_SPACE}%" if language == "fr" else f"{number}%"
