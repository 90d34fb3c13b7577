"""Units of meaning: the candidate spans offered to every coder, and the rules for editing them.

A unit is a half-open span of a document's text inside one turn's speech, trimmed of
surrounding whitespace. Units are numbered from 1 in text order (``position``); ``turn`` is the
number of the turn that holds the unit, also from 1 (``document.turns[unit.turn - 1]``).
Codings are spans of their own, so editing units never moves or loses a coding.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from workbench.domain.documents import Turn
from workbench.domain.errors import InputError, NotFoundError
from workbench.domain.language import _

Span = tuple[int, int]
"""Half-open code-point offsets ``(start, end)`` into a document's text."""


@dataclass(frozen=True)
class Unit:
    document: str
    position: int
    start: int
    end: int
    turn: int
    text: str


def trim(text: str, start: int, end: int) -> Span | None:
    """``(start, end)`` without leading and trailing whitespace; ``None`` if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def turn_number(turns: list[Turn], offset: int) -> int:
    """The number (from 1) of the turn whose speech holds ``offset``; 0 if none does."""
    index = bisect_right([turn.start for turn in turns], offset) - 1
    if index >= 0 and offset < turns[index].end:
        return index + 1
    return 0


def build_units(document: str, text: str, turns: list[Turn], spans: list[Span]) -> list[Unit]:
    """Number ``spans`` (in text order) as units of ``document``."""
    return [
        Unit(document, position, start, end, turn_number(turns, start), text[start:end])
        for position, (start, end) in enumerate(sorted(spans), start=1)
    ]


def find_unit(units: list[Unit], document: str, position: int) -> Unit:
    if not units:
        raise NotFoundError(
            _('document {document} has no units').format(document=document), hint=_('run `workbench segment --document {document}`').format(document=document)
        )
    if not 1 <= position <= len(units):
        raise NotFoundError(
            _('no unit {position} in document {document}').format(position=position, document=document), hint=_('units are numbered 1 to {count}').format(count=len(units))
        )
    return units[position - 1]


def split_spans(
    units: list[Unit], document: str, text: str, position: int, offset: int
) -> list[Span]:
    """The spans after splitting unit ``position`` at ``offset`` (inside it); both parts are trimmed."""
    unit = find_unit(units, document, position)
    where = _('unit {position} of {document}').format(position=position, document=unit.document)
    if not unit.start < offset < unit.end:
        raise InputError(
            _('offset {offset} is not inside the unit ({start}–{end})').format(offset=offset, start=unit.start, end=unit.end),
            where,
            _('give an offset between {value} and {value2}').format(value=unit.start + 1, value2=unit.end - 1),
        )
    parts = [trim(text, unit.start, offset), trim(text, offset, unit.end)]
    spans = [(other.start, other.end) for other in units if other.position != position]
    return sorted([*spans, *(part for part in parts if part)])


def merge_spans(units: list[Unit], document: str, position: int) -> list[Span]:
    """The spans after merging unit ``position`` with the next one, in the same turn."""
    unit = find_unit(units, document, position)
    where = _('unit {position} of {document}').format(position=position, document=unit.document)
    if position == len(units):
        raise InputError(
            _('it is the last unit: there is no next unit to merge with'), where, _('merge the unit before it')
        )
    following = units[position]
    if following.turn != unit.turn:
        raise InputError(
            _('it is the last unit of turn {turn}; units never cross a turn').format(turn=unit.turn),
            where,
            _('merge units of the same turn'),
        )
    merged = (position, position + 1)
    spans = [(other.start, other.end) for other in units if other.position not in merged]
    return sorted([*spans, (unit.start, following.end)])
