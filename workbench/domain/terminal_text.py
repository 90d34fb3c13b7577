"""Text from files shown on a terminal as data, never as terminal control.

A transcript, a code name or a participant's attribute may hold control characters (ESC starts
the sequences that retitle, clear or hijack a terminal; BEL ends some of them) and bidi controls
(U+202E turns the text after it around). They are stored as written; what a terminal is given
shows them instead: a C0 character as its picture from the Control Pictures block (``␛``,
``␇``), DEL as ``␡``, a C1 character or a bidi control by its code point (``U+202E``). Every other
character (accents, « », non-breaking spaces, ’, …) is left as it is.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Arabic letter mark, left-to-right and right-to-left marks, embeddings, overrides and isolates."""

CONTROL_PICTURES = 0x2400
DELETE_PICTURE = "\u2421"
REPLACEMENT_CHARACTER = "\ufffd"

SHOWN_CHARACTERS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
"""What :func:`visible` replaces where lines are allowed: tab and newline are kept."""
SHOWN_IN_ONE_LINE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
"""What :func:`visible` replaces on one line: newline too."""
ANY_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
"""Every character a terminal may take as control, tab and newline included."""


def shown_character(character: str) -> str:
    """How one control character is shown: ``␛`` for ESC, ``␡`` for DEL, ``U+202E`` for the rest."""
    code = ord(character)
    if code < 0x20:
        return chr(CONTROL_PICTURES + code)
    if code == 0x7F:
        return DELETE_PICTURE
    return f"U+{code:04X}"


def without_controls(text: str) -> str:
    """``text`` without any character of :data:`ANY_CONTROL`: the last guard of a drawing already
    laid out, where a visible replacement would not fit."""
    return ANY_CONTROL.sub("", text) if ANY_CONTROL.search(text) else text


def replaced(match: re.Match[str]) -> str:
    return shown_character(match.group())


def visible(text: str, *, one_line: bool = False) -> str:
    """``text`` with its control characters and bidi controls made visible; tab kept, and newline
    kept unless ``one_line``. Text without any is returned as it is."""
    pattern = SHOWN_IN_ONE_LINE if one_line else SHOWN_CHARACTERS
    return pattern.sub(replaced, text) if pattern.search(text) else text


def visible_in_place(text: str) -> str:
    """``text`` with the characters :func:`visible` replaces each shown as one character, so that
    positions in it stay those of ``text`` (an editor's cursor): a C0 character's picture, ``␡``
    for DEL, ``�`` (U+FFFD) for a C1 character or a bidi control."""
    return SHOWN_CHARACTERS.sub(in_place, text) if SHOWN_CHARACTERS.search(text) else text


def in_place(match: re.Match[str]) -> str:
    shown = shown_character(match.group())
    return shown if len(shown) == 1 else REPLACEMENT_CHARACTER


def visible_positions(text: str, *, one_line: bool = False) -> tuple[str, Callable[[int], int]]:
    """``visible(text, one_line=one_line)`` and a function from a position in ``text`` to the same
    place in what is shown, for styles laid on spans of ``text``."""
    pattern = SHOWN_IN_ONE_LINE if one_line else SHOWN_CHARACTERS
    if not pattern.search(text):
        return text, lambda offset: offset
    pieces: list[str] = []
    ends: list[int] = []  # where each replaced character ends in ``text``
    shifts: list[int] = []  # how far a position from there on moves
    last, shift = 0, 0
    for match in pattern.finditer(text):
        replacement = shown_character(match.group())
        pieces += (text[last : match.start()], replacement)
        last, shift = match.end(), shift + len(replacement) - 1
        ends.append(last)
        shifts.append(shift)
    pieces.append(text[last:])

    def position(offset: int) -> int:
        replaced_before = bisect_right(ends, offset)
        return offset + (shifts[replaced_before - 1] if replaced_before else 0)

    return "".join(pieces), position
